"""Images in HTML: their pixel size (no layout shift) and lazy loading for all but the first.

A post-transform (HTML builders only) stores each image's size on its node and marks all but the
page's first image, or animation, as lazy; the ``image`` visitor registered for HTML writes Sphinx's
own markup and adds ``width``, ``height``, ``loading="lazy"`` and ``decoding="async"`` to its
``<img>``. The ``animation`` node writes its own ``<img>`` and only reads the mark.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from PIL import Image
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from .animation import animation


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
            if isinstance(node.parent, animation):
                continue  # the animation itself decides
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
    for i in range(start, len(self.body)):
        tag = self.body[i]
        if tag.startswith("<img ") and "gd_size" in node:
            w, h = node["gd_size"]
            extra = f' width="{w}" height="{h}"'
            extra += ' loading="lazy" decoding="async"' if node.get("gd_lazy") else ""
            self.body[i] = tag.replace("<img ", f"<img{extra} ", 1)


def setup(app: Sphinx) -> None:
    """Register the post-transform and the HTML ``image`` visitor (the class's ``depart_image``)."""
    app.add_post_transform(SizedImages)
    app.add_node(nodes.image, override=True, html=(visit_image, None))
