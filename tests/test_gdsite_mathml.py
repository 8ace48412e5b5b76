"""gdsite.mathml: math is MathML in the page; no math script is loaded."""

from __future__ import annotations

import re
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
        # \lVert and \lvert keep their size, as in TeX (only \left and \right stretch)
        ("\\lVert v \\rVert = \\sqrt{2}",
         '<mo stretchy="false" lspace="0" rspace="0">&#x02016;</mo><mi>v</mi>'
         '<mo stretchy="false" lspace="0" rspace="0">&#x02016;</mo><mo>&#x0003D;</mo><msqrt>'),
        ("\\lvert f \\rvert",
         '<mo stretchy="false" lspace="0" rspace="0">&#x0007C;</mo><mi>f</mi>'
         '<mo stretchy="false" lspace="0" rspace="0">&#x0007C;</mo>'),
        ("\\left\\lVert \\frac{a}{b} \\right\\rVert",
         '<mo stretchy="true" fence="true" form="prefix">&#x02016;</mo><mfrac>'),
    ],
)  # fmt: skip
def test_spacing_as_tex_sets_it(latex: str, expected: str) -> None:
    assert expected in to_mathml(latex, display=False)


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        ("f'(x)", '<msup><mi>f</mi><mi class="gd-prime">&#x02032;</mi></msup><mo'),
        ("g''", '<msup><mi>g</mi><mi class="gd-prime">&#x02033;</mi></msup>'),
        ("f'''", '<msup><mi>f</mi><mi class="gd-prime">&#x02034;</mi></msup>'),
        ("f'_x", '<msubsup><mi>f</mi><mi>x</mi><mi class="gd-prime">&#x02032;</mi></msubsup>'),
        ("x^{\\prime\\prime}",
         '<msup><mi>x</mi><mrow><mi class="gd-prime">&#x02032;</mi>'
         '<mi class="gd-prime">&#x02032;</mi></mrow></msup>'),
    ],
)  # fmt: skip
def test_a_prime_is_a_superscript_marked_for_its_script_form(latex: str, expected: str) -> None:
    """f′ stays a superscript, as MathML writes it; the class lets the stylesheet draw the prime
    in the font's script-size form (tests/test_browser.py measures where it lands)."""
    assert expected in to_mathml(latex, display=False)


def test_the_stylesheet_draws_a_prime_in_a_script_in_its_script_form() -> None:
    css = (Path(__file__).resolve().parents[1] / "book" / "_static" / "gd2d.css").read_text()
    rules = re.findall(r"([^{}]*\.gd-prime[^{}]*)\{([^}]*)\}", css)
    assert len(rules) == 1, rules
    selectors, body = rules[0]
    assert "msup" in selectors and "msubsup" in selectors
    assert re.search(r'font-feature-settings:\s*"ssty" 1;', body), body
