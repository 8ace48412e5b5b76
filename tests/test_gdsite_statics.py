"""gdsite.statics: an edited stylesheet reaches the site, and every page links it by its new
checksum, even when no page changed."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from sphinx.locale import translators
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


def test_an_edited_stylesheet_is_linked_by_its_new_checksum_from_every_page(
    tmp_path: Path,
) -> None:
    files = {
        "index.md": "# Home\n\n```{toctree}\nother\n```\n",
        "other.md": "# Other\n\nText.\n",
        "_static/site.css": "p { color: red; }\n",
    }
    conf = {"html_static_path": ["_static"], "html_css_files": ["site.css"]}
    out = make_project(tmp_path / "a", files, **conf)
    link = re.compile(r'href="_static/site\.css\?v=(\w+)"')
    old = link.search(out.read("other.html")).group(1)
    (tmp_path / "a" / "_static" / "site.css").write_text("p { color: blue; }\n")
    again = build(tmp_path / "a")
    clean = make_project(
        tmp_path / "b", {**files, "_static/site.css": "p { color: blue; }\n"}, **conf
    )
    new = link.search(clean.read("other.html")).group(1)
    assert new != old
    for page in ("index.html", "other.html"):
        assert link.search(again.read(page)).group(1) == new, page


def test_an_edited_catalog_rewrites_every_page(tmp_path: Path) -> None:
    po = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Link to this heading"\nmsgstr "{}"\n'
    files = {
        "index.md": "# Home\n\n```{toctree}\nother\n```\n",
        "other.md": "# Other\n\nText.\n",
        "locale/ko/LC_MESSAGES/sphinx.po": po.format("제목 링크"),
    }
    out = make_project(tmp_path, files, language="ko", locale_dirs=["locale"])
    assert 'title="제목 링크"' in out.read("other.html")
    (tmp_path / "locale/ko/LC_MESSAGES/sphinx.po").write_text(
        po.format("이 제목으로 연결되는 링크")
    )
    # as in a new process (each language of the site is built in one): catalogs read anew, not
    # from Sphinx's or gettext's caches of this one
    translators.clear()
    gettext._translations.clear()
    again = build(tmp_path)
    for page in ("index.html", "other.html"):
        assert 'title="이 제목으로 연결되는 링크"' in again.read(page), page
