"""gdsite.assets: each page links only the stylesheets and scripts it uses."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx_project import Build, make_project

FILES = {
    "index.md": "# Home\n\n```{toctree}\ncode\nplay\n```\n",
    "code.md": "# Code\n\n```python\nprint('hi')\n```\n",
    "play.md": "# Play\n\n```{playground}\n```\n",
    "_static/site.css": "body {}\n",
    "_static/mystnb.extra.css": "div {}\n",
}


def linked(out: Build, page: str) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts a page links (file names, without ``?v=`` checksums)."""
    html = out.read(page)
    css = re.findall(r'<link rel="stylesheet"[^>]*href="([^"?]+)', html)
    js = re.findall(r'<script[^>]*src="([^"?]+)', html)
    return [Path(c).name for c in css], [Path(j).name for j in js]


def build(tmp_path: Path) -> Build:
    """The three pages above, in English."""
    out = make_project(
        tmp_path, FILES, language="en", html_static_path=["_static"],
        html_css_files=["site.css", "mystnb.extra.css"],
    )  # fmt: skip
    assert out.warnings == ""
    return out


def test_reading_pages_load_no_search_scripts_and_no_unused_styles(tmp_path: Path) -> None:
    out = build(tmp_path)
    css, js = linked(out, "index.html")
    assert js == []  # furo's script is kept, the basic theme has none
    assert "site.css" in css and "basic.css" in css
    assert "pygments.css" not in css and "mystnb.extra.css" not in css
    css, js = linked(out, "code.html")
    assert "pygments.css" in css and js == []


def test_the_playground_script_is_only_on_its_page(tmp_path: Path) -> None:
    out = build(tmp_path)
    assert linked(out, "play.html")[1] == ["gd-playground.js"]
    for page in ("index.html", "code.html", "search.html"):
        assert "gd-playground.js" not in linked(out, page)[1], page


def test_the_search_page_keeps_sphinxs_scripts(tmp_path: Path) -> None:
    out = build(tmp_path)
    js = linked(out, "search.html")[1]
    for script in ("documentation_options.js", "doctools.js", "searchtools.js", "searchindex.js"):
        assert script in js


def test_furos_script_stays_on_reading_pages() -> None:
    from gdsite.assets import trim_assets

    context = {
        "css_files": ["_static/pygments.css", "_static/styles/furo.css?v=1"],
        "script_files": ["_static/doctools.js?v=2", "_static/scripts/furo.js?v=3"],
    }
    trim_assets("page", context, None)
    assert context == {
        "css_files": ["_static/styles/furo.css?v=1"],
        "script_files": ["_static/scripts/furo.js?v=3"],
    }
