"""Math as MathML, converted at build time: no script for the reader to fetch.

Browsers render MathML Core natively (Chromium since 109, Firefox, Safari), so pages need neither
MathJax nor KaTeX, which would be about a megabyte of script and fonts served with every page.
"""

from __future__ import annotations

import re

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx

#: Environments latex2mathml does not know, and the one it knows that draws the same.
ENVIRONMENTS = {"aligned": "split", "gathered": "gather"}


#: TeX's spacing and sizes where latex2mathml leaves them to MathML's operator dictionary: ∇ and
#: ∂ are ordinary symbols (no space before f in ∇f or ∂f), a slash between quantities is not
#: spaced, and bars around a value hug it. ``\lVert``/``\rVert`` and ``\lvert``/``\rvert`` keep
#: their size as in TeX (only ``\left``/``\right`` stretch a delimiter); the dictionary would
#: stretch them to the tallest thing beside them: ‖∇f‖ as tall as the fractions under a root.
SPACING = {
    "<mo>&#x02207;</mo>": '<mi mathvariant="normal">&#x02207;</mi>',
    "<mo>&#x02202;</mo>": '<mi mathvariant="normal">&#x02202;</mi>',
    "<mo>&#x0002F;</mo>": '<mo lspace="0" rspace="0">&#x0002F;</mo>',
    # |x| and ‖x‖ written with plain bars: fences, close to what they enclose
    '<mo stretchy="false">&#x0007C;</mo>': (
        '<mo stretchy="false" lspace="0" rspace="0">&#x0007C;</mo>'
    ),
    '<mo fence="false" stretchy="false">&#x02016;</mo>': (
        '<mo fence="false" stretchy="false" lspace="0" rspace="0">&#x02016;</mo>'
    ),
    "<mo>&#x0007C;</mo>": '<mo stretchy="false" lspace="0" rspace="0">&#x0007C;</mo>',
    "<mo>&#x02016;</mo>": '<mo stretchy="false" lspace="0" rspace="0">&#x02016;</mo>',
}


def to_mathml(latex: str, *, display: bool) -> str:
    """``latex`` as a ``<math>`` element (``display="block"`` for display math)."""
    for name, known in ENVIRONMENTS.items():
        latex = latex.replace(f"\\begin{{{name}}}", f"\\begin{{{known}}}")
        latex = latex.replace(f"\\end{{{name}}}", f"\\end{{{known}}}")
    mathml = convert(latex.strip(), display="block" if display else "inline")
    if "<mi>&</mi>" in mathml or "<mi>&amp;</mi>" in mathml or "<merror" in mathml:
        raise ValueError(f"MathML conversion did not understand: {latex.strip()!r}")
    for operator, spaced in SPACING.items():
        mathml = mathml.replace(operator, spaced)
    mathml = _PRIME.sub(r'<mi class="gd-prime">\1</mi>', mathml)
    return _UNARY.sub(_unary, mathml)


#: Primes (′ ″ ‴ ⁗). latex2mathml writes f′ as MathML does, a superscript (``<msup><mi>f</mi>
#: <mi>′</mi></msup>``); but the text form of a prime is already raised, and raised again by the
#: superscript it floats above the f. The class lets the stylesheet draw a prime in a script
#: with the math font's script-size form, which sits low so that the superscript raises it right.
_PRIME = re.compile(r"<mi>(&#x02032;|&#x02033;|&#x02034;|&#x02057;)</mi>")


#: A minus (or plus) at the start of a group, or right after another operator (= −x, (−1, 2)),
#: is a sign: TeX sets it close to what follows, not spaced like a subtraction.
_UNARY = re.compile(r"(<mrow>|<mo[^>]*>([^<]*)</mo>)<mo>(&#x02212;|&#x0002B;)</mo>")
_CLOSING = ("&#x00029;", "&#x0005D;", "&#x0007D;", "&#x02016;", "&#x0007C;", ")", "]", "}")


def _unary(match: re.Match[str]) -> str:
    before, previous, sign = match.groups()
    if previous is not None and previous.strip() in _CLOSING:  # (a) − b: a subtraction
        return match.group(0)
    return f'{before}<mo lspace="0" rspace="0">{sign}</mo>'


def visit_math(self, node: nodes.math) -> None:
    """Inline math."""
    self.body.append(f'<span class="math">{to_mathml(node.astext(), display=False)}</span>')
    raise nodes.SkipNode


def visit_math_block(self, node: nodes.math_block) -> None:
    """Display math, with its equation number when it has one."""
    latex = node.astext()
    number = ""
    if node.get("number"):
        number = f'<span class="eqno">({node["number"]})</span>'
    ids = node.get("ids") or []
    anchor = f' id="{ids[0]}"' if ids else ""
    self.body.append(
        # tabindex: a long formula scrolls sideways on a phone, and keyboard users must reach it
        f'<div class="math-display" tabindex="0"{anchor}>{number}'
        f"{to_mathml(latex, display=True)}</div>\n"
    )
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Register the ``mathml`` renderer (selected with ``html_math_renderer = "mathml"``)."""
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))
