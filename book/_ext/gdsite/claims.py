"""Claims: a sentence that compares or explains computed things is marked, and must be computed.

A page marks such a sentence with MyST's inline attributes, ``[The start lies south of the
summit.]{.claim .start_south_of_summit}``: the class ``claim`` and the claim's name. The registry's
claims entries compute every claim at ``config-inited`` and stop the build when one does not hold
(:class:`gdcore.book.registry.ClaimError`); here, when a document is read, every marked sentence
must name exactly one claim the registry computed (``gd_claims``), or the build warns (and, with
``-W``, fails).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The class that marks a sentence as a claim.
CLASS = "claim"


def marked(doctree: nodes.Node) -> list[tuple[nodes.inline, list[str]]]:
    """Every marked sentence of ``doctree`` with the claim names its other classes give."""
    return [
        (node, [c for c in node["classes"] if c != CLASS])
        for node in doctree.findall(nodes.inline)
        if CLASS in node["classes"]
    ]


def check_claims(app: Sphinx, doctree: nodes.document) -> None:
    """Warn about a marked sentence without exactly one name, or naming no computed claim."""
    computed = app.config.gd_claims
    for node, names in marked(doctree):
        text = node.astext()[:60]
        if len(names) != 1:
            logger.warning(
                "a claim marker needs exactly one name, [sentence]{.claim .name}; got %s for %r",
                names or "none", text, location=node, type="gdsite", subtype="claim",
            )  # fmt: skip
        elif names[0] not in computed:
            logger.warning(
                "the sentence %r claims %r, which no registry entry computes (known: %s)",
                text, names[0], ", ".join(sorted(computed)) or "none",
                location=node, type="gdsite", subtype="claim",
            )  # fmt: skip


def setup(app: Sphinx) -> None:
    """Check the claims of every document as it is read."""
    app.connect("doctree-read", check_claims)
