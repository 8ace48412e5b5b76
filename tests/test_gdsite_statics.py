"""gdsite.statics: an edited stylesheet reaches the site even when no page changed."""

from __future__ import annotations

from pathlib import Path

from sphinx_project import build, make_project


def test_a_static_file_edited_alone_is_copied(tmp_path: Path) -> None:
    files = {"index.md": "# Home\n\nText.\n", "_static/site.css": "p { color: red; }\n"}
    out = make_project(tmp_path, files, html_static_path=["_static"])
    assert out.read("_static/site.css") == files["_static/site.css"]
    (tmp_path / "_static" / "site.css").write_text("p { color: blue; }\n")
    again = build(tmp_path)
    assert again.read("_static/site.css") == "p { color: blue; }\n"
    third = build(tmp_path)  # nothing changed: nothing out of date
    assert third.read("_static/site.css") == "p { color: blue; }\n"
    assert "no targets are out of date" in third.app._status.getvalue()
