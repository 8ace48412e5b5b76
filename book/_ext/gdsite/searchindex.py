"""The search index of an incremental build equals a clean build's.

Sphinx (7.4) updates its search index page by page, and two parts of it go wrong when only some
pages are written again:

* a word that a re-read page no longer contains stays in the index with no page (``"0316": []``);
* the index entries (glossary terms, ``index`` directives) are kept only for the pages written in
  this build: after an edit of one page, the glossary's terms vanish from the index.

At the end of the build, empty words are dropped and the index entries are computed again from
every indexed page's doctree, in the order a clean build feeds them (the file is rewritten only
when that changes it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.search import js_index
from sphinx.util.index_entries import split_index_msg

#: The parts of the index that map a word to the pages holding it.
WORD_TABLES = ("terms", "titleterms")


def index_entries(app: Sphinx, docnames: list[str]) -> dict[str, list[list[Any]]]:
    """The ``indexentries`` table for the indexed pages ``docnames`` (in the index's order),
    as Sphinx's ``IndexBuilder.feed`` and ``freeze`` make it in a clean build."""
    table: dict[str, list[list[Any]]] = {}
    for number, docname in enumerate(docnames):
        found: set[tuple[str, str, str]] = set()
        for node in app.env.get_doctree(docname).findall(addnodes.index):
            for entry_type, value, target_id, main, _category in node["entries"]:
                try:
                    result = split_index_msg(entry_type, value)
                except ValueError:
                    continue
                target_id = target_id or ""
                if entry_type in {"see", "seealso"}:
                    found.add((result[0], target_id, main))
                found |= {(x, target_id, main) for x in result}
        for entry, target_id, main in sorted(found):
            table.setdefault(entry.lower(), []).append([number, target_id, main == "main"])
    return table


def drop_empty_words(app: Sphinx, exception: Exception | None) -> None:
    """Remove the words no page holds from ``searchindex.js`` and recompute its index entries."""
    name = getattr(app.builder, "searchindex_filename", None)
    path = Path(app.outdir, name) if name and exception is None else None
    if path is None or not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    data = js_index.loads(text)
    for table in WORD_TABLES:
        words = data.get(table, {})
        data[table] = {word: pages for word, pages in words.items() if pages != []}
    if "indexentries" in data and all(doc in app.env.all_docs for doc in data["docnames"]):
        data["indexentries"] = index_entries(app, list(data["docnames"]))
    cleaned = js_index.dumps(data)
    if cleaned != text:
        path.write_text(cleaned, encoding="utf-8")


def setup(app: Sphinx) -> None:
    """Clean the index when the build has finished."""
    app.connect("build-finished", drop_empty_words)
