"""gdsite.stale: HTML pages a build wrote and no document produces any more are deleted; nothing
the build did not write is ever touched."""

from __future__ import annotations

from pathlib import Path

from sphinx_project import build, make_project, write_project

FILES = {
    "index.md": "# Home\n\n```{toctree}\nold\nch/kept\n```\n",
    "old.md": "# Old\n",
    "ch/kept.md": "# Kept\n",
    "_static/static.html": "<p>a static page</p>\n",
}


def test_a_removed_page_is_deleted_and_nothing_else(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, html_static_path=["_static"])
    html = out.outdir
    assert (html / "old.html").is_file()
    # files the build did not write: another build's pages, a page put there by hand
    foreign = {"ch/stray.html": "left by hand\n", "ko/index.html": "another build's site\n",
               "_images/figure.html": "not a page\n", "index2.html": "a redirect\n"}  # fmt: skip
    for name, text in foreign.items():
        (html / name).parent.mkdir(parents=True, exist_ok=True)
        (html / name).write_text(text, encoding="utf-8")
    (tmp_path / "old.md").unlink()
    (tmp_path / "index.md").write_text("# Home\n\n```{toctree}\nch/kept\n```\n", encoding="utf-8")
    again = build(tmp_path)
    assert again.outdir == html and again.warnings == ""
    assert not (html / "old.html").exists()
    for kept in ("index.html", "ch/kept.html", "search.html", "genindex.html"):
        assert (html / kept).is_file(), kept
    assert (html / "_static" / "static.html").is_file()
    for name, text in foreign.items():
        assert (html / name).read_text(encoding="utf-8") == text, name


def test_a_build_with_nothing_out_of_date_keeps_every_page(tmp_path: Path) -> None:
    # Sphinx then writes nothing at all, not even search.html: which must stay all the same
    out = make_project(tmp_path, FILES)
    before = {p: p.read_bytes() for p in out.outdir.rglob("*.html")}
    again = build(tmp_path)
    assert {p: p.read_bytes() for p in again.outdir.rglob("*.html")} == before
    assert (again.outdir / "search.html").is_file()


def test_genindex_goes_when_there_is_no_index(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES)
    assert (out.outdir / "genindex.html").is_file()
    again = build(tmp_path, html_use_index=False)
    assert not (again.outdir / "genindex.html").exists()
    assert (again.outdir / "old.html").is_file()


def test_a_page_removed_between_forced_builds_is_deleted(tmp_path: Path) -> None:
    from sphinx.testing.util import SphinxTestApp

    make_project(tmp_path, FILES)
    (tmp_path / "old.md").unlink()
    (tmp_path / "index.md").write_text("# Home\n\n```{toctree}\nch/kept\n```\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path, freshenv=True)  # a fresh environment
    try:
        app.build()
    finally:
        app.cleanup()
    assert not (Path(app.outdir) / "old.html").exists()
    assert (Path(app.outdir) / "ch" / "kept.html").is_file()


def test_other_builders_delete_nothing(tmp_path: Path) -> None:
    write_project(tmp_path, FILES)
    stray = tmp_path / "_build" / "text" / "stray.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("not ours\n", encoding="utf-8")
    build(tmp_path, "text")
    assert stray.is_file()
