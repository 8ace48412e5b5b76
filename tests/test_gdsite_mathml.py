"""gdsite.mathml: math is MathML in the page; no math script is loaded."""

from __future__ import annotations

from pathlib import Path

from sphinx_project import make_project

PAGE = """# Math

The gradient $\\nabla f(x, y)$ points uphill.

```{math}
:label: eq-update
\\begin{aligned} x &\\leftarrow x - \\eta \\, \\partial_x f \\\\
y &\\leftarrow y - \\eta \\, \\partial_y f \\end{aligned}
```

And {eq}`eq-update` again.
"""


def test_math_is_written_as_mathml(tmp_path: Path) -> None:
    out = make_project(
        tmp_path, {"index.md": PAGE}, html_math_renderer="mathml",
        myst_enable_extensions=["dollarmath", "amsmath"],
    )  # fmt: skip
    assert out.warnings == ""
    html = out.read("index.html")
    assert (
        '<span class="math"><math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">'
        "<mrow><mo>&#x02207;</mo>" in html
    )
    assert (
        '<div class="math-display" tabindex="0" id="equation-eq-update">'
        '<span class="eqno">(1)</span><math' in html
    )
    assert 'display="block"' in html and "<mtable" in html
    assert 'href="#equation-eq-update">(1)</a>' in html
    assert "tex-mml-chtml" not in html and "<script src" not in html  # no MathJax, no script
    assert "\\nabla" not in html and "\\leftarrow" not in html
