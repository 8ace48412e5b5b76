"""gdsite.stale: HTML pages no document produces any more are deleted after a build."""

from __future__ import annotations

from pathlib import Path

from sphinx_project import build, make_project, write_project

FILES = {
    "index.md": "# Home\n\n```{toctree}\nold\nch/kept\n```\n",
    "old.md": "# Old\n",
    "ch/kept.md": "# Kept\n",
    "_static/static.html": "<p>a static page</p>\n",
}


def test_a_removed_page_is_deleted_from_the_output(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, html_static_path=["_static"])
    html = out.outdir
    assert (html / "old.html").is_file()
    (html / "ch" / "stray.html").write_text("left over\n", encoding="utf-8")
    (html / "_images").mkdir()
    (html / "_images" / "figure.html").write_text("not a page\n", encoding="utf-8")
    (tmp_path / "old.md").unlink()
    write_project(
        tmp_path, {"index.md": "# Home\n\n```{toctree}\nch/kept\n```\n"},
        html_static_path=["_static"],
    )  # fmt: skip
    again = build(tmp_path)
    assert again.outdir == html and again.warnings == ""
    assert not (html / "old.html").exists() and not (html / "ch" / "stray.html").exists()
    for kept in ("index.html", "ch/kept.html", "search.html", "genindex.html"):
        assert (html / kept).is_file(), kept
    assert (html / "_static" / "static.html").is_file()
    assert (html / "_images" / "figure.html").is_file()


def test_genindex_goes_when_there_is_no_index(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES)
    assert (out.outdir / "genindex.html").is_file()
    again = build(tmp_path, html_use_index=False)
    assert not (again.outdir / "genindex.html").exists()
    assert (again.outdir / "old.html").is_file()


def test_other_builders_delete_nothing(tmp_path: Path) -> None:
    write_project(tmp_path, FILES)
    stray = tmp_path / "_build" / "text" / "stray.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("not ours\n", encoding="utf-8")
    build(tmp_path, "text")
    assert stray.is_file()
