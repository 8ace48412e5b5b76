"""Stale pages: HTML pages that this builder wrote into its output folder and that no document
produces any more.

Sphinx never cleans its output folder, so a removed or renamed page would stay online. Only pages
this builder wrote are ever removed: they are listed, per builder and output folder, in
``<doctreedir>/gdsite-pages-<builder>.json``; a file the build did not write (another build's
site, a file put there by hand) is never touched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx


def _manifest(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"gdsite-pages-{app.builder.name}.json"


def note_page(app: Sphinx, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
    """Remember every page the HTML builder writes in this build."""
    app._gd_pages_written.add(pagename)  # type: ignore[attr-defined]


def _owned(app: Sphinx) -> set[str]:
    """The pages the last builds of this builder wrote into this output folder."""
    try:
        data = json.loads(_manifest(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("outdir") != str(Path(app.outdir).resolve()):
        return set()
    return set(data.get("pages", []))


def remove_stale_pages(app: Sphinx, exception: Exception | None) -> None:
    """Delete the pages a past build wrote that no document (nor this build) produces any more."""
    if exception is not None or app.builder.format != "html":
        return
    if not getattr(app, "_gd_pages_finished", False):
        return  # "no targets are out of date": Sphinx wrote nothing, not even search.html
    out = Path(app.outdir).resolve()
    builder = app.builder

    def file(pagename: str) -> str:
        return Path(builder.get_outfilename(pagename)).resolve().relative_to(out).as_posix()

    written = getattr(app, "_gd_pages_written", set())
    current = {file(name) for name in set(app.env.all_docs) | written}
    for rel in sorted(_owned(app) - current):
        page = out / rel
        if page.suffix == ".html" and page.is_file():
            page.unlink()
    pages = sorted(rel for rel in current if (out / rel).is_file())
    manifest = _manifest(app)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"outdir": str(out), "pages": pages}, indent=0) + "\n", "utf-8")


def start(app: Sphinx) -> None:
    """Start the list of the pages this build writes."""
    app._gd_pages_written = set()  # type: ignore[attr-defined]
    app._gd_pages_finished = False  # type: ignore[attr-defined]


def finishing(app: Sphinx) -> list[tuple[str, dict, str]]:
    """Note that the builder writes its own pages (search, index) in this build."""
    app._gd_pages_finished = True  # type: ignore[attr-defined]
    return []


def setup(app: Sphinx) -> None:
    """Note the pages written; clean up when a build has finished."""
    app.connect("builder-inited", start)
    app.connect("html-page-context", note_page)
    app.connect("html-collect-pages", finishing)
    app.connect("build-finished", remove_stale_pages)
