"""Images in HTML: their pixel size (no layout shift), lazy loading for all but the first, and
the dark page's version of a generated figure.

A post-transform (HTML builders only) stores each image's size on its node and marks all but the
page's first image, or animation, as lazy; the ``image`` visitor registered for HTML writes Sphinx's
own markup and adds ``width``, ``height``, ``loading="lazy"`` and ``decoding="async"`` to its
``<img>``. The ``animation`` node writes its own ``<img>`` and only reads the mark.

A figure the registry made has a version for the dark page beside it (``name-dark.svg``). A
transform gives the image a :class:`dark_image` child, which Sphinx copies as any image, and the
HTML visitor wraps the ``<img>`` in a ``<picture>`` whose ``<source>`` is that version for
``prefers-color-scheme: dark``. The source's ``data-gd-dark`` holds its media query for a reader
who chose the dark theme with furo's toggle: a script in the page template
(``gd-theme-figures.html``) applies it, or ``not all`` for the light theme.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from docutils import nodes
from PIL import Image
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from .animation import animation
from .generated import GENERATED

#: The media query of a dark version, and its query once the reader has chosen the dark theme.
DARK_MEDIA = "(prefers-color-scheme: dark)"


class dark_image(nodes.image):
    """The dark page's version of the image it is a child of (only HTML shows it)."""


def dark_sibling(path: Path) -> Path:
    """``name.svg`` → ``name-dark.svg``, beside it."""
    return path.with_name(f"{path.stem}-dark{path.suffix}")


class DarkVersions(SphinxTransform):
    """Give every generated figure that has a dark version a :class:`dark_image` child."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        """Look beside each ``_generated/`` image of the document for its dark version."""
        page_dir = Path(self.env.doc2path(self.env.docname)).parent
        for node in list(self.document.findall(nodes.image)):
            uri = node["uri"]
            if isinstance(node, dark_image) or isinstance(node.parent, animation | nodes.image):
                continue
            if PurePosixPath(uri).parts[:1] != (GENERATED,):
                continue
            dark = dark_sibling(PurePosixPath(uri))
            if (page_dir / dark).is_file():
                node += dark_image(uri=str(dark), alt=node.get("alt", ""))


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


class SizedImages(SphinxPostTransform):
    """Give every image its pixel size (``gd_size``) and mark all but the first lazy (``gd_lazy``).

    Runs after Sphinx's own post-transforms, which may still change an image's URI.
    """

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        """Mark the images of the document, in document order."""
        first = True
        for node in self.document.findall(lambda n: isinstance(n, nodes.image | animation)):
            if isinstance(node.parent, animation | nodes.image):
                continue  # the animation itself decides; a dark version is its image's
            if isinstance(node, nodes.image):
                size = image_size(Path(self.app.srcdir, node["uri"]))
                if size:
                    node["gd_size"] = size
            node["gd_lazy"] = not first  # the first image is likely the largest paint: load it now
            first = False


def visit_image(self: HTML5Translator, node: nodes.image) -> None:
    """The translator's own image markup, plus ``width``/``height`` and ``loading`` attributes."""
    start = len(self.body)
    # Sphinx sets this function on the translator instance: its class still has its own method
    type(self).visit_image(self, node)
    dark = next((c for c in node.children if isinstance(c, dark_image)), None)
    for i in range(start, len(self.body)):
        tag = self.body[i]
        if not tag.startswith("<img "):
            continue
        if "gd_size" in node:
            w, h = node["gd_size"]
            extra = f' width="{w}" height="{h}"'
            extra += ' loading="lazy" decoding="async"' if node.get("gd_lazy") else ""
            tag = self.body[i] = tag.replace("<img ", f"<img{extra} ", 1)
        if dark is not None:
            src = posixpath.join(self.builder.imgpath, quote(self.builder.images[dark["uri"]]))
            img = tag.rstrip()
            self.body[i] = (
                f'<picture><source srcset="{src}" media="{DARK_MEDIA}" data-gd-dark="all" />'
                f"{img}</picture>{tag[len(img) :]}"
            )


def skip_node(self: object, node: nodes.Node) -> None:
    """Write nothing (a dark version, in any output; HTML writes it with its image)."""
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Register the transforms, the HTML ``image`` visitor (the class's ``depart_image``) and
    the dark version's node."""
    app.add_transform(DarkVersions)
    app.add_post_transform(SizedImages)
    app.add_node(nodes.image, override=True, html=(visit_image, None))
    skip = (skip_node, None)
    app.add_node(dark_image, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
