"""The search index of an incremental build equals a clean build's.

Sphinx updates its search index page by page; a word that a re-read page no longer contains stays
in the index with no page (``"0316": []``), so an incremental build writes other bytes than a clean
one. At the end of the build such empty words are dropped (the file is rewritten only then).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.search import js_index

#: The parts of the index that map a word to the pages holding it.
WORD_TABLES = ("terms", "titleterms")


def drop_empty_words(app: Sphinx, exception: Exception | None) -> None:
    """Remove the words no page holds from ``searchindex.js``."""
    name = getattr(app.builder, "searchindex_filename", None)
    path = Path(app.outdir, name) if name and exception is None else None
    if path is None or not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    data = js_index.loads(text)
    for table in WORD_TABLES:
        words = data.get(table, {})
        data[table] = {word: pages for word, pages in words.items() if pages != []}
    cleaned = js_index.dumps(data)
    if cleaned != text:
        path.write_text(cleaned, encoding="utf-8")


def setup(app: Sphinx) -> None:
    """Clean the index when the build has finished."""
    app.connect("build-finished", drop_empty_words)
