"""The bilingual site's page links: a language switcher, ``hreflang`` alternates, a description.

Every page gets ``gd_lang`` and ``gd_alternates`` (the switcher template's list of the same page
in each language; empty unless ``gd_bilingual``), ``<link rel="alternate" hreflang>`` tags for
search engines, and, when it has no front matter description (the search page), the site's.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Links to the same page in the other languages: a switcher and ``hreflang`` alternates."""
    lang = app.config.language
    context["gd_lang"] = lang
    meta = app.config.gd_languages.get(lang, {})
    if "description" in meta and 'name="description"' not in context.get("metatags", ""):
        # pages without front matter (search): the site's own description
        context["metatags"] = context.get("metatags", "") + (
            f'\n<meta name="description" content="{html.escape(meta["description"])}" />'
        )
    if not app.config.gd_bilingual:
        context["gd_alternates"] = []
        return
    depth = pagename.count("/") + 1  # ko/<pagename>.html → up to the site root
    base = app.config.gd_site_url
    alternates = []
    for code, meta in app.config.gd_languages.items():
        name = meta["name"]
        rel = "../" * depth + f"{code}/{pagename}.html"
        alternates.append(
            {"code": code, "name": name, "href": rel, "current": code == lang,
             "absolute": f"{base}{code}/{pagename}.html" if base else rel}
        )  # fmt: skip
    context["gd_alternates"] = alternates
    links = [
        f'<link rel="alternate" hreflang="{a["code"]}" href="{a["absolute"]}" />'
        for a in alternates
    ]
    default = f"{base}index.html" if base else "../" * depth + "index.html"
    links.append(f'<link rel="alternate" hreflang="x-default" href="{default}" />')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links)


def section_anchors(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give every section the extra anchor ``gd-s<n>`` (``n``: its place in the page).

    A page and its twin have the same sections in the same order, so the switcher can keep the
    reader's place by number although the headings' own anchors differ between languages.
    """
    for n, section in enumerate(doctree.findall(nodes.section)):
        section["ids"].append(f"gd-s{n}")


def setup(app: Sphinx) -> None:
    """Fill each page's context; number each page's sections."""
    app.connect("html-page-context", page_context)
    app.connect("doctree-resolved", section_anchors)
