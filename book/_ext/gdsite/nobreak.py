"""A Korean particle, or a closing mark, stays on the line of the formula it follows; an opening
bracket, with the formula it opens.

Korean writes a particle right after a formula, with no space: ``$\\lambda_{\\max}$는``,
``$2.22 \\times 10^{-16}$으로``. A browser may break a line between the formula and its
particle, which then starts the next line alone (``λmax`` / ``는``). Before HTML is written, each
inline formula followed by Hangul is put, with the Hangul letters that follow it up to the next
space or mark, into a ``<span class="gd-nobr">`` that the stylesheet does not break; the formula
itself never breaks inside anyway (MathML does not wrap), so the span adds one short word to it.
The same holds for a mark written right after a formula, in both languages (``… = 0.127$.``,
``$B$,``, ``$x$)``): a ``<math>`` is not a letter, so a browser may leave the full stop alone at
the start of the next line; the marks go into the span with any Hangul, in the order written.

An opening bracket written right before a formula (``($x$ …``, ``값($\\eta$)``) is kept the same
way: a browser may break between the bracket and the formula (a ``<math>`` is not a letter, so
the rule "no break after an opening bracket" does not hold it), leaving ``(`` alone at a line end.
The brackets at the end of the text before the formula go into the same span, in both languages.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

#: The Hangul letters and closing marks glued to the start of a text: a particle, or a particle
#: chain (에서는), and the marks that end a clause or close a bracket (``.``, ``,``, ``)는``).
_GLUED = re.compile(r"[\uac00-\ud7a3.,;:!?)\]}\u2019\u201d\u3001\u3002\uff09\u300d\u300f]+")
#: The opening brackets glued to the end of a text, right before a formula: ``(``, ``[``, ``{``,
#: full-width ``（`` and the corner brackets ``「『``.
_OPENING = re.compile(r"[(\[{\uff08\u300c\u300e]+$")


def keep_particles(doctree: nodes.Node) -> int:
    """Wrap every inline formula with the Hangul and closing marks glued after it and the opening
    brackets glued before it; returns how many formulas were wrapped."""
    count = 0
    for math in list(doctree.findall(nodes.math)):
        parent = math.parent
        if parent is None:
            continue
        index = parent.index(math)
        before = parent[index - 1] if index > 0 else None
        following = parent[index + 1] if index + 1 < len(parent) else None
        glued = _GLUED.match(str(following)) if isinstance(following, nodes.Text) else None
        opening = _OPENING.search(str(before)) if isinstance(before, nodes.Text) else None
        if glued is None and opening is None:
            continue
        span = nodes.inline(classes=["gd-nobr"])
        parent.replace(math, span)
        if opening is not None:
            span += nodes.Text(opening.group())
        span += math
        if glued is not None:
            span += nodes.Text(glued.group())
        # by position: a Text node equals every other Text with the same letters, so replace()
        # and remove() would change the first such text in the paragraph, not this one
        if glued is not None:
            rest = str(following)[glued.end() :]
            if rest:
                parent[index + 1] = nodes.Text(rest)
            else:
                del parent[index + 1]
        if opening is not None:
            kept = str(before)[: opening.start()]
            if kept:
                parent[index - 1] = nodes.Text(kept)
            else:
                del parent[index - 1]
        count += 1
    return count


class KeepParticles(SphinxPostTransform):
    """Keep each particle and opening bracket with its formula in HTML output (see
    :func:`keep_particles`)."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        """Wrap the formulas of this document."""
        keep_particles(self.document)


def setup(app: Sphinx) -> None:
    """Register the post-transform."""
    app.add_post_transform(KeepParticles)
