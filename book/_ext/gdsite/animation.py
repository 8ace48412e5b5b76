"""The ``animation`` directive: an animated WebP, with a still for readers who prefer less motion.

HTML (and dirhtml, singlehtml, epub) gets a ``<picture>`` whose ``<source>`` is the still for
``prefers-reduced-motion: reduce``, and a pause/play button under it (WCAG 2.2.2: a reader can
stop what moves by itself): each moving image names its still (``data-gd-still``), which the
button shows in its place while paused (the script is in ``gd-theme-figures.html``; the button is
``hidden`` until that script runs, and not shown to readers who prefer reduced motion, who see
the still already). Its names are the catalog's ``animation.pause`` and ``animation.play``, its
visible words ``animation.pause_short`` and ``animation.play_short`` (contained in the names).
Each file may have versions beside it (``name-dark.webp``, ``name-2x.webp``,
``name-dark-2x.webp``, the still's alike): the dark page's in its own ``<source>``, the 2× one
(twice the pixels, for sharp screens) in the same ``srcset`` (``1x, 2x``), the still's ``srcset``
in ``data-gd-still``. LaTeX shows the still; text, manual pages and Texinfo show the alt text.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

from docutils import nodes
from docutils.parsers.rst import directives
from PIL import Image
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.manpage import ManualPageTranslator
from sphinx.writers.texinfo import TexinfoTranslator
from sphinx.writers.text import TextTranslator

from .generated import GENERATED


class animation(nodes.General, nodes.Element):
    """An animated image (first child) with its still (second child)."""


#: The versions of an animation (and of its still) the registry makes beside it, as suffixes of
#: the file's stem: itself, for the dark page, at twice the pixels, both.
VERSIONS = ("", "-dark", "-2x", "-dark-2x")


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
        """A figure holding the ``animation`` node and the caption."""
        name = self.arguments[0]
        if "alt" not in self.options:
            raise self.error(f"animation {name}: the :alt: option is required")
        page_dir = Path(self.env.doc2path(self.env.docname)).parent
        moving = page_dir / GENERATED / f"{name}.webp"
        still = page_dir / GENERATED / f"{name}-still.webp"
        for path in (moving, still):
            if not path.is_file():
                raise self.error(f"animation {name}: {path} does not exist (not in the registry?)")
        with Image.open(still) as image:
            width, height = image.size
        from gdcore.book.words import word

        lang = self.env.config.language or "en"
        node = animation(
            width=width,
            height=height,
            alt=self.options["alt"],
            pause=word("animation.pause", lang),
            play=word("animation.play", lang),
            pause_short=word("animation.pause_short", lang),
            play_short=word("animation.play_short", lang),
        )
        # the versions beside it: for the dark page, and at twice the pixels (for each page)
        paths = (moving, still)
        for version in VERSIONS:
            pair = [p.with_name(p.name.replace(".webp", f"{version}.webp")) for p in paths]
            if version and not all(p.is_file() for p in pair):
                continue
            for role, path in zip(("moving", "still"), pair, strict=True):
                # relative to the page; Sphinx resolves and copies them
                node += nodes.image(
                    uri=f"{GENERATED}/{path.name}", alt=self.options["alt"], gd_role=role + version
                )
        figure = nodes.figure("", node, classes=["gd-animation"])
        if self.content:
            caption = nodes.caption()
            text_nodes, _ = self.state.inline_text("\n".join(self.content), self.lineno)
            caption.extend(text_nodes)
            figure += caption
        self.add_name(figure)
        return [figure]


def visit_animation_html(self: HTML5Translator, node: animation) -> None:
    """``<picture>``: the still for ``prefers-reduced-motion: reduce``, the animation otherwise;
    each in its version for the dark page, if there is one, for ``prefers-color-scheme: dark``
    (``data-gd-dark``: the query once the reader chose the dark theme; see gdsite.images). Each
    moving image names its still (``data-gd-still``); the pause/play button follows."""
    # as HTMLTranslator.visit_image: the builder copied the files to _images/ under these names
    urls = {
        child["gd_role"]: posixpath.join(
            self.builder.imgpath, quote(self.builder.images[child["uri"]])
        )
        for child in node.children
    }

    def srcset(role: str) -> str:  # the 2× version beside it, when there is one
        two = urls.get(f"{role}-2x")
        return f"{urls[role]} 1x, {two} 2x" if two else urls[role]

    moving, still = urls["moving"], srcset("still")
    alt = self.attval(node["alt"])
    reduce = "(prefers-reduced-motion: reduce)"
    sources = ""
    if "moving-dark" in urls:
        moving_dark, still_dark = srcset("moving-dark"), srcset("still-dark")
        sources = (
            f'<source srcset="{still_dark}" media="screen and {reduce} and (prefers-color-scheme:'
            f' dark)" data-gd-dark="screen and {reduce}" />'
            f'<source srcset="{moving_dark}" media="screen and (prefers-color-scheme: dark)"'
            f' data-gd-dark="screen" data-gd-still="{still_dark}" />'
        )
    self.body.append(
        f"<picture>{sources}"
        f'<source srcset="{still}" media="{reduce}" />'
        f'<img src="{moving}"'
        + (f' srcset="{srcset("moving")}"' if "moving-2x" in urls else "")
        + f' alt="{alt}" width="{node["width"]}" height="{node["height"]}"'
        f' data-gd-still="{still}"'
        + (
            ' loading="lazy" decoding="async"'
            if node.get("gd_lazy", True)
            else ' fetchpriority="high"'
        )
        + " />"
        "</picture>"
        '<button type="button" class="gd-animation-toggle" hidden'
        f' aria-label="{self.attval(node["pause"])}"'
        f' data-gd-pause="{self.attval(node["pause"])}" data-gd-play="{self.attval(node["play"])}"'
        f' data-gd-pause-short="{self.attval(node["pause_short"])}"'
        f' data-gd-play-short="{self.attval(node["play_short"])}">'
        f"{self.encode(node['pause_short'])}</button>"
    )
    raise nodes.SkipNode


def visit_animation_latex(self: LaTeXTranslator, node: animation) -> None:
    """The still image, as any image of the page."""
    node.children[1].walkabout(self)
    raise nodes.SkipNode


def alt_text(node: animation) -> str:
    """What a text-only output shows instead of the animation."""
    return f"[animation: {node['alt']}]"


def visit_animation_text(self: TextTranslator, node: animation) -> None:
    """The alt text, as a paragraph of its own."""
    self.new_state(0)
    self.add_text(alt_text(node))
    self.end_state()
    raise nodes.SkipNode


def visit_animation_man(self: ManualPageTranslator, node: animation) -> None:
    """The alt text, escaped as any text of the page."""
    self.ensure_eol()
    self.visit_Text(nodes.Text(alt_text(node)))
    self.body.append("\n")
    raise nodes.SkipNode


def visit_animation_texinfo(self: TexinfoTranslator, node: animation) -> None:
    """The alt text."""
    self.body.append(f"\n{self.escape(alt_text(node))}\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Register the node, with its markup for every builder Sphinx ships, and the directive."""
    app.add_node(
        animation,
        html=(visit_animation_html, None),
        latex=(visit_animation_latex, None),
        text=(visit_animation_text, None),
        man=(visit_animation_man, None),
        texinfo=(visit_animation_texinfo, None),
    )
    app.add_directive("animation", AnimationDirective)
