"""gdsite.languages: the language switcher's context, ``hreflang`` links, the site description."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx_project import make_project

LANGUAGES = {
    "ko": {"name": "한국어", "title": "경사하강법 2D", "description": "한국어 설명 <교재>"},
    "en": {"name": "English", "title": "Gradient Descent in 2D", "description": "The site"},
}
#: The switcher's context, written into the page as JSON so the test can read it back.
LAYOUT = """{% extends "!layout.html" %}
{% block extrahead %}<script type="application/json" id="ctx">{{ {"lang": gd_lang,
 "alternates": gd_alternates}|tojson }}</script>{{ super() }}{% endblock %}
"""
FILES = {
    "index.md": "---\nmyst:\n  html_meta:\n    description: The first page\n---\n# Home\n\n"
    "```{toctree}\nch/part\n```\n",
    "ch/part.md": "# A part\n\nNo front matter here.\n",
    "_templates/layout.html": LAYOUT,
}
SITE = "https://example.org/book/"


def context(html: str) -> dict:
    """The switcher's context the page was rendered with."""
    start = html.index('<script type="application/json" id="ctx">') + len(
        '<script type="application/json" id="ctx">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_each_page_links_to_itself_in_every_language(tmp_path: Path) -> None:
    out = make_project(
        tmp_path, FILES, language="ko", gd_languages=LANGUAGES, gd_bilingual=True,
        gd_site_url=SITE, templates_path=["_templates"],
    )  # fmt: skip
    assert out.warnings == ""
    html = out.read("ch/part.html")
    for code in ("ko", "en"):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="{SITE}{code}/ch/part.html" />' in html
        )
    assert f'<link rel="alternate" hreflang="x-default" href="{SITE}index.html" />' in html
    ctx = context(html)
    assert ctx["lang"] == "ko"
    assert ctx["alternates"] == [
        {"code": "ko", "name": "한국어", "href": "../../ko/ch/part.html", "current": True,
         "absolute": f"{SITE}ko/ch/part.html"},
        {"code": "en", "name": "English", "href": "../../en/ch/part.html", "current": False,
         "absolute": f"{SITE}en/ch/part.html"},
    ]  # fmt: skip
    top = context(out.read("index.html"))["alternates"]
    assert [a["href"] for a in top] == ["../ko/index.html", "../en/index.html"]


def test_without_a_site_url_the_links_are_relative(tmp_path: Path) -> None:
    out = make_project(
        tmp_path, FILES, language="en", gd_languages=LANGUAGES, gd_bilingual=True,
        templates_path=["_templates"],
    )  # fmt: skip
    html = out.read("index.html")
    assert '<link rel="alternate" hreflang="ko" href="../ko/index.html" />' in html
    assert '<link rel="alternate" hreflang="x-default" href="../index.html" />' in html
    assert [a["current"] for a in context(html)["alternates"]] == [False, True]


def test_pages_without_a_description_get_the_sites(tmp_path: Path) -> None:
    out = make_project(
        tmp_path, FILES, language="ko", gd_languages=LANGUAGES, templates_path=["_templates"]
    )
    described = '<meta name="description" content="한국어 설명 &lt;교재&gt;" />'
    assert described in out.read("ch/part.html")
    assert described in out.read("search.html")
    index = out.read("index.html")
    assert 'content="The first page"' in index and described not in index
    assert index.count('name="description"') == 1


def test_a_single_language_build_has_no_switcher_and_no_alternates(tmp_path: Path) -> None:
    out = make_project(
        tmp_path, FILES, language="en", gd_languages=LANGUAGES, templates_path=["_templates"]
    )
    html = out.read("ch/part.html")
    assert context(html) == {"lang": "en", "alternates": []}
    assert "hreflang" not in html
