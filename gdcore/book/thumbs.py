"""Card thumbnails: a page's figure drawn small and without words, for the home page's cards.

A ``thumbnail`` registry entry (:class:`gdcore.book.registry.Entry`) names a figure's builder and
its parameters, as the figure's own entry does, and which of its panels to show; the registry
draws the figure, :func:`shrink` turns it into a thumbnail in place, and the registry saves it as
WebP at :data:`SIZE` pixels and at twice that, for the light page and (after
:func:`gdcore.book.theme.darken`) for the dark one.

The thumbnail is one panel of the figure filling the whole picture: its data, lines and marks,
with no text (titles, tick labels, legends, annotations), no axes and no other panel. A panel
drawn to scale (a map: a unit of x as long as a unit of y) stays to scale and is cropped around
its centre to the thumbnail's shape, as a photograph is; any other panel is stretched to it; a 3D
panel is drawn closer (matplotlib leaves room around it for its axes). Lines and marks are drawn
at :data:`MARK_SCALE` of their width and size: the thumbnail is about a quarter of the figure's
width, and at that share they keep their weight in it. :func:`symbols` draws the thumbnail of a
page that has no figures (the glossary): the symbols it defines.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.text import Text
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D

from gdcore.book import palette
from gdcore.book.style import STYLE, new_figure

#: A thumbnail's size in CSS pixels (the 1× file); the registry saves it at twice this too.
SIZE = (128, 96)
#: The share of their width and size at which lines and marks are drawn in a thumbnail.
MARK_SCALE = 0.45
#: How much closer a 3D panel is drawn.
ZOOM_3D = 1.7


def panels(fig: Figure) -> list[Axes]:
    """The figure's panels: its visible axes but colour bars, in the order they were made."""
    return [a for a in fig.axes if a.get_visible() and not hasattr(a, "_colorbar")]


def _crop_to_shape(ax: Axes, ratio: float) -> None:
    """Fit ``ax``, which fills the figure, to a figure ``ratio`` times as wide as it is tall: a
    panel drawn to scale is cropped around its centre, any other stretched."""
    if ax.name == "3d":
        ax.set_box_aspect(None, zoom=ZOOM_3D)
        return
    aspect = ax.get_aspect()
    if aspect != "auto":
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        wide = abs(x1 - x0) / (abs(y1 - y0) * float(aspect))  # as drawn: width / height
        if wide > ratio:  # keep the height, cut the sides
            middle, half = (x0 + x1) / 2, (x1 - x0) * ratio / wide / 2
            ax.set_xlim(middle - half, middle + half)
        else:  # keep the width, cut the top and the bottom
            middle, half = (y0 + y1) / 2, (y1 - y0) * wide / ratio / 2
            ax.set_ylim(middle - half, middle + half)
    ax.set_aspect("auto")


def _lighten(ax: Axes) -> None:
    """Draw the lines and marks of ``ax`` at :data:`MARK_SCALE` of their width and size."""
    k = MARK_SCALE
    for artist in ax.findobj():
        if isinstance(artist, Line2D):
            artist.set_linewidth(artist.get_linewidth() * k)
            artist.set_markersize(artist.get_markersize() * k)
            artist.set_markeredgewidth(artist.get_markeredgewidth() * k)
        elif isinstance(artist, Collection):
            artist.set_linewidth(np.asarray(artist.get_linewidth()) * k)
            sizes = artist.get_sizes() if hasattr(artist, "get_sizes") else None
            if sizes is not None and len(sizes):
                artist.set_sizes(np.asarray(sizes) * k**2)  # sizes are areas
        elif isinstance(artist, Patch) and artist is not ax.patch:
            artist.set_linewidth(artist.get_linewidth() * k)


def shrink(fig: Figure, panel: int = 0) -> Figure:
    """Turn ``fig`` into a thumbnail of :data:`SIZE` pixels showing its panel number ``panel``
    (from 0, in :func:`panels`' order), in place (see the module's docstring); returns it.

    Raises ``ValueError`` when the figure has no such panel, saying how many it has.
    """
    shown = panels(fig)
    if not 0 <= panel < len(shown):
        raise ValueError(f"panel must be from 0 to {len(shown) - 1}, got {panel!r}")
    ax = shown[panel]
    fig.set_layout_engine("none")
    for other in fig.axes:
        other.set_visible(other is ax)
    hidden = [*fig.texts, *fig.legends, *ax.findobj(Text), ax.get_legend()]
    if getattr(fig, "_suptitle", None) is not None:
        hidden.append(fig._suptitle)
    for artist in hidden:
        if artist is not None:
            artist.set_visible(False)
    ax.set_axis_off()
    _lighten(ax)
    dpi = float(STYLE["savefig.dpi"])
    fig.set_size_inches(SIZE[0] / dpi, SIZE[1] / dpi)
    ax.set_position((0, 0, 1, 1))
    _crop_to_shape(ax, SIZE[0] / SIZE[1])
    return fig


def symbols(lang: str, *, marks: Sequence[str]) -> Figure:
    """The thumbnail of a page of words (the glossary): the symbols it defines, ``marks``
    (mathtext, e.g. ``r"$\\nabla f$"``), drawn as shapes in a row across 80% of its width. The
    same in every language (``lang`` is the registry's)."""
    if not marks:
        raise ValueError("marks must name at least one symbol")
    fig, ax = new_figure(SIZE[0] / 100, SIZE[1] / 100)
    ax.set_xlim(0, SIZE[0])
    ax.set_ylim(0, SIZE[1])
    ax.set_aspect("equal")
    font = FontProperties(family="DejaVu Sans")
    paths = [TextPath((0, 0), mark, size=40, prop=font) for mark in marks]
    boxes = [p.get_extents() for p in paths]
    gap = 16.0
    total = sum(b.width for b in boxes) + gap * (len(paths) - 1)
    fit = min(0.8 * SIZE[0] / total, 0.5 * SIZE[1] / 40)
    middle = (min(b.y0 for b in boxes) + max(b.y1 for b in boxes)) / 2  # one baseline for all
    x = (SIZE[0] - total * fit) / 2
    for path, box in zip(paths, boxes, strict=True):
        move = Affine2D().translate(-box.x0, -middle).scale(fit).translate(x, SIZE[1] / 2)
        ax.add_patch(PathPatch(move.transform_path(path), facecolor=palette.INK, linewidth=0))
        x += (box.width + gap) * fit
    return fig
