"""Images in HTML: their pixel size (no layout shift), lazy loading for all but the first, and
a generated figure's versions for the dark page and for sharp screens.

A post-transform (HTML builders only) stores each image's size on its node and marks all but the
page's first image, or animation, as lazy; the ``image`` visitor registered for HTML writes Sphinx's
own markup and adds ``width``, ``height``, ``loading="lazy"`` and ``decoding="async"`` to its
``<img>``, or to the first ``fetchpriority="high"`` (it is likely the largest paint: fetched
before the images below it). The ``animation`` node writes its own ``<img>`` and only reads the
mark.

A figure the registry made has versions beside it: for the dark page (``name-dark.svg``) and,
for a raster, at twice the pixels (``name-2x.webp``, ``name-dark-2x.webp``). A transform gives the
image an :class:`image_version` child for each, which Sphinx copies as any image. The HTML visitor
offers the 2× version in ``srcset``, and wraps the ``<img>`` in a ``<picture>`` whose ``<source>``
is the dark version for ``prefers-color-scheme: dark`` on screens (paper gets the light figures:
furo prints in its light colours). The source's ``data-gd-dark`` holds its media query for a
reader who chose the dark theme with furo's toggle: a script in the page template
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
DARK_MEDIA = "screen and (prefers-color-scheme: dark)"
#: The versions of a generated figure the registry may make beside it (``name-dark.svg``...):
#: for the dark page, for screens of two device pixels per CSS pixel, and both.
VERSIONS = ("dark", "2x", "dark-2x")


class image_version(nodes.image):
    """Another version of the image it is a child of (``gd_version``: one of :data:`VERSIONS`);
    only HTML shows it, with its image."""


def version_path(path: PurePosixPath, version: str) -> PurePosixPath:
    """``name.webp`` → ``name-<version>.webp``, beside it."""
    return path.with_name(f"{path.stem}-{version}{path.suffix}")


class FigureVersions(SphinxTransform):
    """Give every generated figure an :class:`image_version` child per version beside it."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        """Look beside each ``_generated/`` image of the document for its versions."""
        page_dir = Path(self.env.doc2path(self.env.docname)).parent
        for node in list(self.document.findall(nodes.image)):
            uri = node["uri"]
            if isinstance(node.parent, animation | nodes.image):
                continue
            if PurePosixPath(uri).parts[:1] != (GENERATED,):
                continue
            for version in VERSIONS:
                path = version_path(PurePosixPath(uri), version)
                if (page_dir / path).is_file():
                    node += image_version(
                        uri=str(path), alt=node.get("alt", ""), gd_version=version
                    )


def image_size(path: Path) -> tuple[int, int] | None:
    """Pixel size of a raster image, or of an SVG's ``width``/``height`` (pt, as matplotlib);
    ``None`` when it has none or cannot be read."""
    if path.suffix == ".svg":
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:2000]
        except OSError:
            return None  # missing or unreadable: Sphinx has already warned, naming the page
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
                continue  # the animation itself decides; a version is its image's
            if isinstance(node, nodes.image):
                size = image_size(Path(self.app.srcdir, node["uri"]))
                if size:
                    node["gd_size"] = size
            node["gd_lazy"] = not first  # the first image is likely the largest paint: load it now
            first = False


def visit_image(self: HTML5Translator, node: nodes.image) -> None:
    """The translator's own image markup, plus ``width``/``height`` and ``loading`` attributes."""
    start, source = len(self.body), node["uri"]  # Sphinx's visitor rewrites the uri
    # Sphinx sets this function on the translator instance: its class still has its own method
    type(self).visit_image(self, node)
    versions = {c["gd_version"]: c for c in node.children if isinstance(c, image_version)}

    def url(uri: str) -> str:  # as the translator's own: where Sphinx copied the file
        return posixpath.join(self.builder.imgpath, quote(self.builder.images[uri]))

    def srcset(one: str, two: str) -> str:
        return f"{url(one)} 1x, {url(versions[two]['uri'])} 2x" if two in versions else url(one)

    for i in range(start, len(self.body)):
        tag = self.body[i]
        if not tag.startswith("<img "):
            continue
        extra = ""
        if "gd_size" in node:
            w, h = node["gd_size"]
            extra = f' width="{w}" height="{h}"'
            lazy = ' loading="lazy" decoding="async"'
            extra += lazy if node.get("gd_lazy") else ' fetchpriority="high"'  # the first: now
        if "2x" in versions:
            extra += f' srcset="{srcset(source, "2x")}"'
        tag = tag.replace("<img ", f"<img{extra} ", 1)
        img = tag.rstrip()
        if "dark" in versions:
            img = (
                f'<picture><source srcset="{srcset(versions["dark"]["uri"], "dark-2x")}"'
                f' media="{DARK_MEDIA}" data-gd-dark="screen" />{img}</picture>'
            )
        self.body[i] = img + tag[len(tag.rstrip()) :]


def skip_node(self: object, node: nodes.Node) -> None:
    """Write nothing (a version of an image, in any output; HTML writes it with its image)."""
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Register the transforms, the HTML ``image`` visitor (the class's ``depart_image``) and
    the dark version's node."""
    app.add_transform(FigureVersions)
    app.add_post_transform(SizedImages)
    app.add_node(nodes.image, override=True, html=(visit_image, None))
    skip = (skip_node, None)
    app.add_node(image_version, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
