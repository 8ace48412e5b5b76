"""Boxes that scroll sideways on a phone (code blocks and tables) reachable from the keyboard.

A code block keeps its lines as written (Python's indentation must not lie), so on a narrow screen
it scrolls instead of wrapping; a wide table scrolls inside its wrapper. A box that scrolls must
take keyboard focus, or a keyboard user cannot read its hidden part: each gets ``tabindex="0"``,
and a table's wrapper becomes a region, named "table" (the words catalog's ``scroll.table``) when
it is the page's only one, else by its number on the page (``scroll.table_nth``, "this page's
table n"): the book numbers no tables, so a name must not read as a book-wide table number.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

_CODE = re.compile(r'<div class="highlight"><pre>')
_TABLE = re.compile(r'<div class="table-wrapper')


def make_focusable(body: str, lang: str) -> str:
    """``body`` with every code block's ``<pre>`` and every table wrapper focusable and named."""
    from gdcore.book.words import word

    total = body.count('<div class="table-wrapper')
    count = iter(range(1, total + 1))

    def region(match: re.Match[str]) -> str:
        n = next(count)  # several tables are told apart: every region's name differs
        name = word("scroll.table_nth", lang, n=n) if total > 1 else word("scroll.table", lang)
        return f'<div tabindex="0" role="region" aria-label="{name}" class="table-wrapper'

    body = _CODE.sub('<div class="highlight"><pre tabindex="0">', body)
    return _TABLE.sub(region, body)


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Rewrite the page body's code blocks and tables (see :func:`make_focusable`)."""
    if "body" in context:
        context["body"] = make_focusable(context["body"], app.config.language or "en")


def setup(app: Sphinx) -> None:
    """Connect the page hook."""
    app.connect("html-page-context", page_context)
