"""Pages that share well: Open Graph and Twitter card tags, and a preview image for each page.

A link pasted into a messenger (KakaoTalk, Slack, ...) or a social site shows a card made from
``og:*`` (Twitter reads ``twitter:*`` and falls back on them): the page's title, its description
in the page's language, a picture, the site's name and the page's language (``og:locale``, with
the other languages as ``og:locale:alternate``). ``og:url`` and ``og:image`` are absolute, from
``html_baseurl`` (``html.baseurl`` in ``_config.yml``), as the sharing sites require; Sphinx
writes the matching ``<link rel="canonical">`` from the same setting.

The picture, ``_og/<page>.png`` (1200 × 630, the size the sharing sites ask for), is drawn with
matplotlib: the site's name and the page's title on the left, and on the right the page's first
raster figure or, when the page has none, the peaks map. It is deterministic (same bytes in every
build) and kept in the figure cache under a key of everything it is drawn from, so a build draws
only the cards whose page title or first figure changed.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from functools import cache
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

#: The card's size in pixels (Open Graph's recommended 1.91:1).
CARD_SIZE = (1200, 630)
#: Where the cards go in the built site.
CARD_DIR = "_og"
#: ``og:locale`` of each language code.
LOCALES = {"ko": "ko_KR", "en": "en_US"}
_RASTERS = (".webp", ".png", ".jpg", ".jpeg", ".gif")
_TAGS = re.compile(r"<[^>]+>")
_DESCRIPTION = re.compile(r'<meta\b[^>]*\bname="description"[^>]*>')
_CONTENT = re.compile(r'\bcontent="([^"]*)"')


def first_picture(app: Sphinx, doctree: nodes.document | None) -> Path | None:
    """The file of the page's first raster image (a WebP or PNG figure), if it has one."""
    if doctree is None:
        return None
    for image in doctree.findall(nodes.image):
        if isinstance(image.parent, nodes.image):
            continue  # a version of its parent (for the dark page, for sharp screens)
        path = Path(app.srcdir) / image["uri"]
        if path.suffix.lower() in _RASTERS and path.is_file() and "-dark" not in path.stem:
            return path
    return None


def _nanum() -> tuple[Path, Path]:
    """NanumGothic regular and bold (the koreanize-matplotlib wheel's): Hangul and Latin alike."""
    from gdcore.book.style import register_fonts

    regular = register_fonts()
    return regular, regular.with_name("NanumGothicBold.ttf")


def _wrap(text: str, width_px: float, font: Any, fig: Any, renderer: Any) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width_px`` (a word alone may be)."""
    lines: list[str] = []
    probe = fig.text(0, 0, "", fontproperties=font)
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        probe.set_text(trial)
        if lines and probe.get_window_extent(renderer).width <= width_px:
            lines[-1] = trial
        else:
            lines.append(word)
    probe.remove()
    return lines


def draw_card(title: str, site: str, picture: Path | None) -> bytes:
    """The preview card as PNG bytes: ``site`` and ``title`` left, ``picture`` (or peaks) right."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    from gdcore.book.style import figure_style

    width, height = CARD_SIZE
    with figure_style():
        fig = Figure(figsize=(width / 100, height / 100), dpi=100, facecolor="#ffffff")
        canvas = FigureCanvasAgg(fig)
        renderer = canvas.get_renderer()
        # the picture: a square panel on the right
        ax = fig.add_axes((660 / width, 65 / height, 500 / width, 500 / height))
        ax.set_axis_off()
        if picture is not None:
            from PIL import Image

            with Image.open(picture) as im:
                im.seek(0)  # an animation's first frame
                rgb = im.convert("RGB")
            rgb = np.asarray(rgb)
            ax.imshow(rgb, interpolation="antialiased")
        else:
            from gdcore.book.plots import plot_heatmap
            from gdcore.landscape import get_landscape

            plot_heatmap(ax, get_landscape("peaks"), resolution=161)
        ax.set_anchor("C")
        # the words: the site's name, the title (bold, wrapped), a rule of the map's colours
        regular, bold = (FontProperties(fname=f, size=24) for f in _nanum())
        fig.text(
            60 / width, 1 - 80 / height, site, fontproperties=regular, color="#2757dd", va="top"
        )
        bold.set_size(44)
        lines = _wrap(title, 560, bold, fig, renderer)
        while len(lines) > 4 and bold.get_size() > 24:
            bold.set_size(bold.get_size() - 4)
            lines = _wrap(title, 560, bold, fig, renderer)
        fig.text(
            60 / width, 1 - 150 / height, "\n".join(lines), fontproperties=bold,
            color="#1a1a1a", va="top", linespacing=1.3,
        )  # fmt: skip
        bar = fig.add_axes((60 / width, 60 / height, 540 / width, 10 / height))
        bar.set_axis_off()
        bar.imshow(np.linspace(0, 1, 256)[None, :], aspect="auto", cmap="viridis")
        drawn = io.BytesIO()
        fig.savefig(drawn, format="png", dpi=100, facecolor="#ffffff")
    from PIL import Image

    out = io.BytesIO()  # RGB, no metadata: smaller, and the same bytes every time
    Image.open(drawn).convert("RGB").save(out, format="PNG", optimize=True)
    return out.getvalue()


@cache
def _fonts_digest() -> str:
    """sha256 of the card's fonts."""
    return hashlib.sha256(b"".join(f.read_bytes() for f in _nanum())).hexdigest()


def card_key(title: str, site: str, picture: Path | None) -> str:
    """The cache key of a card: what it is drawn from, how (this module) and with what."""
    import matplotlib

    h = hashlib.sha256()
    for part in (title, site, matplotlib.__version__, Path(__file__).read_bytes(), _fonts_digest()):
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    h.update(picture.read_bytes() if picture is not None else b"peaks")
    return h.hexdigest()


def card(title: str, site: str, picture: Path | None, cache: Path) -> bytes:
    """The card's bytes, drawn once per key and then read from ``cache``."""
    slot = cache / f"{card_key(title, site, picture)[:32]}.png"
    if slot.is_file():
        return slot.read_bytes()
    data = draw_card(title, site, picture)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = slot.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(slot)
    return data


def _text(markup: str) -> str:
    """Plain text of a bit of HTML (a page title)."""
    return " ".join(html.unescape(_TAGS.sub("", markup)).split())


def _meta(kind: str, name: str, value: str) -> str:
    return f'<meta {kind}="{name}" content="{html.escape(value, quote=True)}" />'


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Add the Open Graph and Twitter card tags and write the page's card."""
    from .generated import cache_dir

    lang = app.config.language
    site = app.config.gd_languages.get(lang, {}).get("title") or app.config.html_title
    title = _text(context.get("title", ""))
    if not title and templatename == "search.html":  # its heading: Sphinx's own word
        from sphinx.locale import get_translation

        title = get_translation("sphinx")("Search")
    title = title or site
    found = _DESCRIPTION.search(context.get("metatags", ""))
    description = html.unescape(_CONTENT.search(found.group(0)).group(1)) if found else ""
    picture = first_picture(app, doctree)
    data = card(title, site, picture, cache_dir() / "og")
    target = Path(app.outdir) / CARD_DIR / f"{pagename}.png"
    if not target.is_file() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    base = app.config.html_baseurl
    if base:
        base = base if base.endswith("/") else base + "/"
        url = f"{base}{pagename}{app.config.html_file_suffix or '.html'}"
        image = f"{base}{CARD_DIR}/{pagename}.png"
    else:  # no published address: relative links (a sharing site cannot use them)
        url = ""
        image = context["pathto"](f"{CARD_DIR}/{pagename}.png", 1)
    alt = title if title == site else f"{title} · {site}"  # the home page: its title is the name
    tags = [
        _meta("property", "og:type", "website" if pagename == app.config.root_doc else "article"),
        _meta("property", "og:site_name", site),
        _meta("property", "og:title", title),
        _meta("property", "og:description", description),
        *([_meta("property", "og:url", url)] if url else []),
        _meta("property", "og:image", image),
        _meta("property", "og:image:type", "image/png"),
        _meta("property", "og:image:width", str(CARD_SIZE[0])),
        _meta("property", "og:image:height", str(CARD_SIZE[1])),
        _meta("property", "og:image:alt", alt),
        _meta("property", "og:locale", LOCALES.get(lang, lang)),
        *(
            _meta("property", "og:locale:alternate", LOCALES.get(code, code))
            for code in app.config.gd_languages
            if code != lang and app.config.gd_bilingual
        ),
        _meta("name", "twitter:card", "summary_large_image"),
        _meta("name", "twitter:title", title),
        _meta("name", "twitter:description", description),
        _meta("name", "twitter:image", image),
        _meta("name", "twitter:image:alt", alt),
    ]
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags)


def remove_stale_cards(app: Sphinx, exception: Exception | None) -> None:
    """Delete the cards of pages that no longer exist (an incremental build keeps old files)."""
    folder = Path(app.outdir) / CARD_DIR
    if exception is not None or app.builder.format != "html" or not folder.is_dir():
        return
    pages = set(app.env.found_docs) | {"search", "genindex"}
    for png in folder.rglob("*.png"):
        if png.relative_to(folder).with_suffix("").as_posix() not in pages:
            png.unlink()


def setup(app: Sphinx) -> None:
    """After ``languages`` (which gives pages without a description the site's)."""
    app.connect("html-page-context", page_context, priority=600)
    app.connect("build-finished", remove_stale_cards)
