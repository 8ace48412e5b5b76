"""gdsite.mathml: math is MathML in the page; no math script is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx_project import make_project

# isort: split

from gdsite.mathml import to_mathml

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
        '<mrow><mi mathvariant="normal">&#x02207;</mi>' in html
    )
    assert (
        '<div class="math-display" tabindex="0" id="equation-eq-update">'
        '<span class="eqno">(1)</span><math' in html
    )
    assert 'display="block"' in html and "<mtable" in html
    assert 'href="#equation-eq-update">(1)</a>' in html
    assert "tex-mml-chtml" not in html and "<script src" not in html  # no MathJax, no script
    assert "\\nabla" not in html and "\\leftarrow" not in html


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        ("\\nabla f", '<mi mathvariant="normal">&#x02207;</mi><mi>f</mi>'),  # ordinary, as in TeX
        ("\\partial f / \\partial x",
         '<mi mathvariant="normal">&#x02202;</mi><mi>f</mi><mo lspace="0" rspace="0">&#x0002F;</mo>'),
        ("-x", '<mrow><mo lspace="0" rspace="0">&#x02212;</mo><mi>x</mi>'),  # a sign
        ("y = -x", '<mo>&#x0003D;</mo><mo lspace="0" rspace="0">&#x02212;</mo>'),
        ("(-1, 2)", '&#x00028;</mo><mo lspace="0" rspace="0">&#x02212;</mo><mn>1</mn>'),
        ("a - b", "<mi>a</mi><mo>&#x02212;</mo><mi>b</mi>"),  # a subtraction keeps its spaces
        ("(a) - b", '&#x00029;</mo><mo>&#x02212;</mo><mi>b</mi>'),
        ("\\eta|x|", '<mi>&#x003B7;</mi><mo stretchy="false" lspace="0" rspace="0">&#x0007C;</mo>'),
    ],
)  # fmt: skip
def test_spacing_as_tex_sets_it(latex: str, expected: str) -> None:
    assert expected in to_mathml(latex, display=False)
