"""Every lesson page as a Jupyter notebook, downloaded from a link under the page's title.

A page whose module declares notebook cells (the registry entry ``<page>_notebook``, made into
``_generated/<page>_notebook.json``) gets ``<page>.ipynb`` beside its HTML page
(:func:`gdcore.book.notebook.page_notebook`: the page's words in its language, its values
substituted, the module's code cells) and a link ``<a class="gd-notebook" download>`` after its
title. Notebooks are written when the build finishes, only when their bytes change; the cells'
computations are cached by the registry, so assembling all of them takes milliseconds. A page
that gains or loses its notebook is rewritten (its link changes), and the notebook of a page
that has none any more is removed.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from .generated import GENERATED

#: A page's notebook cells, made by the registry: ``_generated/<page>_notebook.json``.
CELLS = "{page}_notebook.json"


def _cells_file(app: Sphinx, docname: str) -> Path:
    pages = Path(app.srcdir, app.config.root_doc).parent
    return pages / GENERATED / CELLS.format(page=Path(docname).name)


def notebook_name(app: Sphinx, docname: str) -> str:
    """The file a learner saves: ``gd2d-ko.ipynb`` (the served one is ``gd2d.ipynb``)."""
    return f"{Path(docname).name}-{app.config.language}.ipynb"


def add_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the download link right after the page's title (HTML only)."""
    if app.builder.format != "html" or not _cells_file(app, docname).is_file():
        return
    from gdcore.book.words import word

    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        return
    href = f"{Path(docname).name}.ipynb"
    text = word("notebook.download", app.config.language)
    html = (
        f'<p class="gd-notebook"><a href="{href}" download="{notebook_name(app, docname)}" '
        f'type="application/x-ipynb+json">{text}</a></p>\n'
    )
    section.insert(1, nodes.raw("", html, format="html"))


def _with_notebooks(app: Sphinx) -> set[str]:
    return {d for d in app.env.found_docs if _cells_file(app, d).is_file()}


def outdated(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """Pages that gained or lost their notebook since the last build: their link changes."""
    now = _with_notebooks(app)
    before = getattr(env, "gd_notebook_pages", None)
    env.gd_notebook_pages = now
    return sorted((now ^ before) - added - removed) if before is not None else []


def write_notebooks(app: Sphinx, exception: Exception | None) -> None:
    """Write ``<page>.ipynb`` for every page with notebook cells, when its bytes change; remove
    the notebook of a page that has none any more."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for old in out.rglob("*.ipynb"):
        docname = old.relative_to(out).with_suffix("").as_posix()
        if docname not in app.env.all_docs or not _cells_file(app, docname).is_file():
            old.unlink()
    from gdcore.book.notebook import NotebookError, page_notebook, to_bytes

    lang = app.config.language
    base = app.config.gd_site_url
    prefix = f"{base}{lang}/" if base and app.config.gd_bilingual else base

    def url(docname: str, here: str) -> str:
        """``docname``'s page: on the published site, or relative to ``here``'s folder."""
        if prefix:
            return f"{prefix}{docname}.html"
        return posixpath.relpath(docname, posixpath.dirname(here) or ".") + ".html"

    for docname in sorted(app.env.all_docs):
        cells_file = _cells_file(app, docname)
        if not cells_file.is_file():
            continue

        def doc_link(target: str, here: str = docname) -> tuple[str, str]:
            full = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(posixpath.dirname(here), target))
            )
            if full not in app.env.titles:
                raise NotebookError(f"{{doc}}`{target}` names no page")
            return app.env.titles[full].astext(), url(full, here)

        source = Path(app.env.doc2path(docname))
        try:
            nb = page_notebook(
                source.read_text("utf-8"),
                json.loads(cells_file.read_text("utf-8")),
                app.config.myst_substitutions,
                lang=lang,
                page_url=url(docname, docname),
                doc_link=doc_link,
                source_dir=source.parent,
            )
        except NotebookError as exc:
            raise ExtensionError(f"{docname}: its notebook: {exc}") from exc
        data = to_bytes(nb)
        out = Path(app.outdir, f"{docname}.ipynb")
        if not out.is_file() or out.read_bytes() != data:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)


def setup(app: Sphinx) -> None:
    """The link on each page; the notebooks when the build finishes."""
    app.connect("env-get-outdated", outdated)
    app.connect("doctree-resolved", add_link)
    app.connect("build-finished", write_notebooks)
