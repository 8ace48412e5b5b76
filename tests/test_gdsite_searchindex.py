"""gdsite.searchindex: an incremental build writes the same search index as a clean build."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.testing.util import SphinxTestApp
from sphinx_project import build, make_project, write_project


def test_an_incremental_build_indexes_like_a_clean_one(tmp_path: Path) -> None:
    before = {"index.md": "# Home\n\nzebra crossing\n\n```{toctree}\nother\n```\n",
              "other.md": "# Other\n\nquagga\n"}  # fmt: skip
    after = {**before, "index.md": before["index.md"].replace("zebra ", "")}
    make_project(tmp_path / "inc", before)
    write_project(tmp_path / "inc", after)  # the word "zebra" leaves the only page that had it
    incremental = build(tmp_path / "inc").read("searchindex.js")
    clean = make_project(tmp_path / "clean", after).read("searchindex.js")
    assert "zebra" not in incremental and "quagga" in incremental
    assert incremental == clean


def test_a_clean_index_is_left_as_sphinx_wrote_it(tmp_path: Path) -> None:
    out = make_project(tmp_path, {"index.md": "# Home\n\nzebra\n"})
    index = out.outdir / "searchindex.js"
    written = index.stat().st_mtime_ns
    shutil.copy(index, tmp_path / "copy.js")
    from gdsite.searchindex import drop_empty_words

    class App:
        builder = out.app.builder
        env = out.app.env
        outdir = out.outdir

    drop_empty_words(App(), None)  # type: ignore[arg-type]
    assert index.stat().st_mtime_ns == written
    assert index.read_bytes() == (tmp_path / "copy.js").read_bytes()


PAGES = {
    "index.md": "# Home\n\nzebra\n\n```{toctree}\ngloss\nother\nthird\n```\n",
    "gloss.md": "# Gloss\n\n```{glossary}\nalpha\n  first letter\n\nBeta\n  second\n```\n",
    "third.md": "# Third\n\n```{index} delta; wombat\n```\n\nwombat numbat\n",
    "other.md": "# Other\n\n```{index} gamma\n```\n\nquagga {term}`alpha`\n",
}


def test_editing_one_page_keeps_the_other_pages_index_entries(tmp_path: Path) -> None:
    # Sphinx 7.4 keeps index entries (glossary terms, index directives) only for the pages it
    # writes again; the glossary's terms vanished from the index after an edit of another page
    make_project(tmp_path / "inc", PAGES)
    other = tmp_path / "inc" / "other.md"
    other.write_text(PAGES["other.md"].replace("quagga", "quagga horse"), encoding="utf-8")
    incremental = build(tmp_path / "inc").read("searchindex.js")
    after = {**PAGES, "other.md": other.read_text(encoding="utf-8")}
    clean = make_project(tmp_path / "clean", after).read("searchindex.js")
    assert '"alpha"' in incremental and '"beta"' in incremental and '"delta"' in incremental
    assert incremental == clean


def test_a_deleted_pages_terms_leave_the_index(tmp_path: Path) -> None:
    make_project(tmp_path / "inc", PAGES)
    (tmp_path / "inc" / "third.md").unlink()
    index = tmp_path / "inc" / "index.md"
    index.write_text(PAGES["index.md"].replace("third\n", ""), encoding="utf-8")
    after = {k: v for k, v in PAGES.items() if k != "third.md"}
    after["index.md"] = index.read_text(encoding="utf-8")
    clean = make_project(tmp_path / "clean", after).read("searchindex.js")
    incremental = build(tmp_path / "inc").read("searchindex.js")
    assert "delta" not in incremental and "numbat" not in incremental
    assert '"alpha"' in incremental and '"gamma"' in incremental
    assert incremental == clean
    # a fresh environment (jupyter-book's --all, scripts/build --force) writes the same again
    app = SphinxTestApp("html", srcdir=tmp_path / "inc", freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    assert (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8") == clean
