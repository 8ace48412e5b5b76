"""Stale pages: HTML files in the output that no document produces any more.

Sphinx never cleans its output folder, so a removed or renamed page would stay online.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx


def remove_stale_pages(app: Sphinx, exception: Exception | None) -> None:
    """Delete HTML pages no document produces any more (Sphinx never cleans its output folder)."""
    if exception is not None or app.builder.format != "html":
        return
    keep = (
        set(app.env.all_docs) | {"search"} | ({"genindex"} if app.config.html_use_index else set())
    )
    out = Path(app.outdir)
    for page in out.rglob("*.html"):
        rel = page.relative_to(out)
        if (
            rel.parts[0] not in ("_static", "_images")
            and rel.with_suffix("").as_posix() not in keep
        ):
            page.unlink()


def setup(app: Sphinx) -> None:
    """Clean up when a build has finished."""
    app.connect("build-finished", remove_stale_pages)
