"""Math as MathML, converted at build time: no script and no web font for the reader to fetch.

Browsers render MathML Core natively (Chromium since 109, Firefox, Safari), so pages need neither
MathJax nor KaTeX, which would be about a megabyte of script and fonts served with every page.
"""

from __future__ import annotations

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx

#: Environments latex2mathml does not know, and the one it knows that draws the same.
ENVIRONMENTS = {"aligned": "split", "gathered": "gather"}


def to_mathml(latex: str, *, display: bool) -> str:
    """``latex`` as a ``<math>`` element (``display="block"`` for display math)."""
    for name, known in ENVIRONMENTS.items():
        latex = latex.replace(f"\\begin{{{name}}}", f"\\begin{{{known}}}")
        latex = latex.replace(f"\\end{{{name}}}", f"\\end{{{known}}}")
    mathml = convert(latex.strip(), display="block" if display else "inline")
    if "<mi>&</mi>" in mathml or "<mi>&amp;</mi>" in mathml or "<merror" in mathml:
        raise ValueError(f"MathML conversion did not understand: {latex.strip()!r}")
    return mathml


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
