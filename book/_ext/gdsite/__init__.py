"""The site's Sphinx extension: generated figures and numbers, languages, search, math.

* ``config-inited``: the registry in :mod:`gdcore.figures` makes (or reuses from its cache) every
  figure, animation and value for the build's language into ``book/<lang>/_generated``; values
  become MyST substitutions (``{{ seed_end }}``). Done here, before Sphinx compares configurations,
  so an unchanged build stays unchanged.
* a language switcher and ``hreflang`` links on every page of the bilingual build;
* the ``ko`` search language (:mod:`.search_ko`) and MathML math (:mod:`.mathml`);
* the ``animation`` directive: an animated WebP with a still for readers who prefer reduced motion;
* the ``answer`` directive: an exercise's answer behind a native ``<details>`` toggle.
"""

from __future__ import annotations

import hashlib
import html
import os
import posixpath
import re
import time
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

from docutils import nodes
from docutils.parsers.rst import directives
from PIL import Image
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from . import mathml, playground
from .search_ko import SearchKorean

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[3]
GENERATED = "_generated"


def generated_dir(lang: str) -> Path:
    """Where the figures of ``lang`` are written: beside the pages that show them."""
    return REPO / "book" / lang / GENERATED


def cache_dir() -> Path:
    """The figure cache both language builds share."""
    return Path(os.environ.get("GD_FIGURE_CACHE", REPO / "_build" / ".cache" / "figures"))


def make_generated(app: Sphinx, config: Config) -> None:
    """Make the language's figures and values; put the values into ``myst_substitutions``."""
    from gdcore.book.pages import REGISTRY

    lang = config.language
    t0 = time.perf_counter()
    report = REGISTRY.build(lang, generated_dir(lang), cache_dir(), log=logger.info)
    logger.info(
        "[gdsite] %s: %d files drawn, %d reused (%.1fs)",
        lang, len(report.built), len(report.reused), time.perf_counter() - t0,
    )  # fmt: skip
    config.myst_substitutions = {**config.myst_substitutions, **report.values}


# --- what each page loads ------------------------------------------------------------------------
#: Scripts a reading page needs: furo's (theme toggle, navigation). Sphinx's search scripts stay on
#: the search page, where they are used.
READING_SCRIPTS = ("furo.js",)
playground_script = playground.SCRIPT


def _asset_name(asset: object) -> str:
    return str(getattr(asset, "filename", asset))


def trim_assets(
    pagename: str, context: dict, doctree: nodes.document | None, *, playground: bool = False
) -> None:
    """Drop the stylesheets and scripts a page does not use (each one delays the first paint)."""
    # myst-nb styles notebook cell outputs, which these pages do not have (and on a cold build it
    # is linked without its ?v= checksum, which would make the first build differ from the next)
    css = [c for c in context.get("css_files", []) if "mystnb" not in _asset_name(c)]
    if doctree is None or doctree.next_node(nodes.literal_block) is None:
        css = [c for c in css if "pygments" not in _asset_name(c)]  # no code on this page
    context["css_files"] = css
    keep = READING_SCRIPTS + ((playground_script,) if playground else ())
    if pagename != "search":
        context["script_files"] = [
            js for js in context.get("script_files", [])
            if _asset_name(js).split("?")[0].endswith(keep)
        ]  # fmt: skip
    else:
        context["script_files"] = [
            js for js in context.get("script_files", []) if playground_script not in _asset_name(js)
        ]


# --- images: sized, and lazy below the first ----------------------------------------------------
def image_size(path: Path) -> tuple[int, int] | None:
    """Pixel size of a raster image, or of an SVG's ``width``/``height`` (pt, as matplotlib)."""
    if path.suffix == ".svg":
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
        w = re.search(r'<svg[^>]*\swidth="([\d.]+)(pt|px)?"', head)
        h = re.search(r'<svg[^>]*\sheight="([\d.]+)(pt|px)?"', head)
        if not (w and h):
            return None
        scale = 4 / 3 if w.group(2) == "pt" else 1.0
        return round(float(w.group(1)) * scale), round(float(h.group(1)) * scale)
    try:
        with Image.open(path) as im:
            return im.size
    except OSError:
        return None


def sized_images(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give every image its pixel size (no layout shift) and lazy-load all but the first."""
    first = True
    for node in doctree.findall(lambda n: isinstance(n, nodes.image | animation)):
        if isinstance(node.parent, animation):
            continue  # the animation itself decides
        if isinstance(node, nodes.image):
            size = image_size(Path(app.srcdir, node["uri"]))
            if size:
                node["gd_size"] = size
        node["gd_lazy"] = not first  # the first image is likely the largest paint: load it now
        first = False


_original_visit_image = None


def visit_image(self, node: nodes.image) -> None:
    """Sphinx's own image markup, plus ``width``/``height`` and ``loading`` attributes."""
    start = len(self.body)
    _original_visit_image(self, node)
    for i in range(start, len(self.body)):
        tag = self.body[i]
        if tag.startswith("<img ") and "gd_size" in node:
            w, h = node["gd_size"]
            extra = f' width="{w}" height="{h}"'
            extra += ' loading="lazy" decoding="async"' if node.get("gd_lazy") else ""
            self.body[i] = tag.replace("<img ", f"<img{extra} ", 1)


# --- languages ------------------------------------------------------------------------------------
def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Links to the same page in the other languages: a switcher and ``hreflang`` alternates."""
    lang = app.config.language
    context["gd_lang"] = lang
    meta = app.config.gd_languages.get(lang, {})
    if "description" in meta and 'name="description"' not in context.get("metatags", ""):
        # pages without front matter (search): the site's own description
        context["metatags"] = context.get("metatags", "") + (
            f'\n<meta name="description" content="{html.escape(meta["description"])}" />'
        )
    uses_playground = bool(app.env.metadata.get(pagename, {}).get("gd_playground"))
    trim_assets(pagename, context, doctree, playground=uses_playground)
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


# --- animations -----------------------------------------------------------------------------------
class animation(nodes.General, nodes.Element):
    """An animated image (first child) with its still (second child)."""


class AnimationDirective(SphinxDirective):
    """``{animation} name``: ``_generated/name.webp``, and ``name-still.webp`` for reduced motion.

    Options: ``:alt:`` (required), ``:name:``; the content is the caption.
    """

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict] = {
        "alt": directives.unchanged_required,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if "alt" not in self.options:
            raise self.error(f"animation {name}: the :alt: option is required")
        page_dir = Path(self.env.doc2path(self.env.docname)).parent
        moving = page_dir / GENERATED / f"{name}.webp"
        still = page_dir / GENERATED / f"{name}-still.webp"
        for path in (moving, still):
            if not path.is_file():
                raise self.error(f"animation {name}: {path} does not exist (not in the registry?)")
        width, height = Image.open(still).size
        node = animation(width=width, height=height, alt=self.options["alt"])
        for path in (moving, still):  # relative to the page; Sphinx resolves and copies them
            node += nodes.image(uri=f"{GENERATED}/{path.name}", alt=self.options["alt"])
        figure = nodes.figure("", node, classes=["gd-animation"])
        if self.content:
            caption = nodes.caption()
            text_nodes, _ = self.state.inline_text("\n".join(self.content), self.lineno)
            caption.extend(text_nodes)
            figure += caption
        self.add_name(figure)
        return [figure]


def visit_animation(self, node: animation) -> None:
    """``<picture>``: the still for ``prefers-reduced-motion: reduce``, the animation otherwise."""
    # as HTMLTranslator.visit_image: the builder copied the files to _images/ under these names
    moving, still = (
        posixpath.join(self.builder.imgpath, quote(self.builder.images[child["uri"]]))
        for child in node.children
    )
    alt = self.attval(node["alt"])
    self.body.append(
        "<picture>"
        f'<source srcset="{still}" media="(prefers-reduced-motion: reduce)" />'
        f'<img src="{moving}" alt="{alt}" width="{node["width"]}" height="{node["height"]}"'
        + (' loading="lazy" decoding="async"' if node.get("gd_lazy", True) else "")
        + " />"
        "</picture>"
    )
    raise nodes.SkipNode


# --- answers behind a toggle ----------------------------------------------------------------------
class answer(nodes.General, nodes.Element):
    """A collapsed answer: ``<details>`` with a ``<summary>``; no script needed."""


ANSWER_SUMMARY = {"ko": "답 보기", "en": "Show the answer"}


class AnswerDirective(SphinxDirective):
    """``{answer}``: the content (figures and math too) stays closed until the reader opens it."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        lang = self.env.config.language
        node = answer(
            summary=self.arguments[0] if self.arguments else ANSWER_SUMMARY.get(lang, "Answer")
        )
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def visit_answer(self, node: answer) -> None:
    """Open ``<details>``."""
    self.body.append(
        f'<details class="gd-answer"><summary>{self.encode(node["summary"])}</summary>\n'
    )


def depart_answer(self, node: answer) -> None:
    """Close ``</details>``."""
    self.body.append("</details>\n")


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


def setup(app: Sphinx) -> dict:
    """Register everything; see the module docstring."""
    # Sphinx does not watch extension code: a digest of it as a config value makes a change to
    # this package rebuild every page.
    source = b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))
    app.add_config_value("gd_extension_digest", hashlib.sha256(source).hexdigest(), "env")
    app.add_config_value("gd_languages", {}, "html")
    app.add_config_value("gd_bilingual", False, "html")
    app.add_config_value("gd_site_url", "", "html")
    app.connect("config-inited", make_generated)
    app.connect("html-page-context", page_context)
    app.add_search_language(SearchKorean)
    mathml.setup(app)
    playground.setup(app)
    app.add_node(animation, html=(visit_animation, None))
    global _original_visit_image
    _original_visit_image = HTML5Translator.visit_image
    app.add_node(nodes.image, override=True, html=(visit_image, HTML5Translator.depart_image))
    app.connect("doctree-resolved", sized_images)
    app.connect("build-finished", remove_stale_pages)
    app.add_directive("animation", AnimationDirective)
    app.add_node(answer, html=(visit_answer, depart_answer))
    app.add_directive("answer", AnswerDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
