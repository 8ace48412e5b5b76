"""Figures for the dark page: the same drawing with its paper and ink recoloured.

Every figure is drawn once, for the light page. :func:`darken` then recolours it in place for the
dark page (furo's dark background and text colours), and the registry saves it a second time as
``<name>-dark.<fmt>``; the page shows the one that matches the reader's theme.

What changes is what is *achromatic* (white, greys, black) and is not data on a map: the
background, text, axes, ticks, legends, text boxes, and the black, grey or white lines and marks
of a plot on plain paper, whose lightness is reversed (white becomes the page, black its text, a
grey stays a grey). What stays is colour (a red path is red on both pages) and everything drawn on
a map (a colour image, a filled contour plot, a coloured 3D surface): its white marks and black
contour lines were chosen for the map under them, which does not change. Captions therefore name
marks on plain paper by shape ("filled", "hollow", "dashed"), not as black or white.

The palette (:mod:`gdcore.book.palette`) names the few colours that have a dark page's variant of
their own (:func:`~gdcore.book.palette.dark_variants`): the path's vermillion, lighter on the dark
paper, and the grey of the starts that settle nowhere on a basin map, which would be a bright slab
there. Those are swapped wherever they are drawn, except that a map of categories (a basin map)
swaps only that grey (:func:`~gdcore.book.palette.category_variants`): a basin keeps its colour on
either page, as the live maps draw it, and its legend follows the map.
"""

from __future__ import annotations

import colorsys
import contextlib
from collections.abc import Iterator

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import Collection, QuadMesh
from matplotlib.colors import ListedColormap, to_hex, to_rgba
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.quiver import QuiverKey
from matplotlib.text import Text

from gdcore.book import palette

#: furo's dark theme: the page's background (``--color-background-primary``) and its text
#: (``--color-foreground-primary``). A dark figure's background is the page itself.
PAPER = palette.page("dark", "paper")
INK = palette.page("dark", "ink")
#: A colour whose channels differ by less than this is a grey (white and black included).
_GREY_CHROMA = 0.08
#: The light page's paper and inks, and the dark page's for each (palette.PAGE).
_PAGE_INKS = {palette.PAGE["light"][k]: palette.PAGE["dark"][k] for k in palette.PAGE["light"]}
_DONE = "_gd_dark"  # set on a figure once darkened: recolouring twice would undo it
_drawing_dark = False


_ON_DARK = "_gd_on_dark"


def on_dark(artist: Artist, **props: object) -> Artist:
    """Set ``props`` on ``artist`` when its figure is darkened (after every other rule, on a map
    too): for a choice the rules cannot make, e.g. an outline that must follow the page on a map
    washed with the page's paper. Returns ``artist``."""
    setattr(artist, _ON_DARK, props)
    return artist


def variant(color: object) -> tuple[float, float, float, float]:
    """``color``'s dark page's variant from the palette, if it has one; else ``color``."""
    return _swapped(color, palette.dark_variants())


def category_variant(color: object) -> tuple[float, float, float, float]:
    """``color`` as a map of categories shows it on the dark page
    (:func:`~gdcore.book.palette.category_variants`): the grey of no minimum swapped, every
    category's colour kept."""
    return _swapped(color, palette.category_variants())


def _swapped(color: object, variants: dict[str, str]) -> tuple[float, float, float, float]:
    r, g, b, a = to_rgba(color)
    swap = variants.get(to_hex((r, g, b)))
    return (r, g, b, a) if swap is None else (*to_rgba(swap)[:3], a)


def dark_color(color: object) -> tuple[float, float, float, float]:
    """``color`` as it is drawn on the dark page: a grey's lightness reversed between
    :data:`PAPER` (for white) and :data:`INK` (for black); a colour with a dark variant in the
    palette swapped for it; any other colour unchanged."""
    swapped = variant(color)
    if swapped != to_rgba(color):
        return swapped
    r, g, b, a = swapped
    own = _PAGE_INKS.get(to_hex((r, g, b)))
    if own is not None:  # the light page's paper and inks: the dark page's own
        return (*to_rgba(own)[:3], a)
    if a == 0 or max(r, g, b) - min(r, g, b) >= _GREY_CHROMA:
        return (r, g, b, a)
    lightness = colorsys.rgb_to_hls(r, g, b)[1]
    ink, paper = np.array(to_rgba(INK)[:3]), np.array(to_rgba(PAPER)[:3])
    r, g, b = (ink + (paper - ink) * lightness).tolist()
    return (r, g, b, a)


def is_map(ax: Axes) -> bool:
    """Whether ``ax`` shows a colour map (an image, a filled contour plot, a coloured surface):
    what is drawn on it keeps its colours."""
    for child in ax.get_children():
        if isinstance(child, AxesImage | QuadMesh):
            return True
        if isinstance(child, ContourSet) and child.filled:
            return True
        if isinstance(child, Collection) and ax.name == "3d" and child.get_array() is not None:
            return True
    return False


def _recolor_line(line: Line2D) -> None:
    # read every colour before setting any: a marker colour left "auto" follows the line's
    getters = (line.get_color, line.get_markerfacecolor, line.get_markeredgecolor)
    setters = (line.set_color, line.set_markerfacecolor, line.set_markeredgecolor)
    colors = [get() for get in getters]
    for set_, c in zip(setters, colors, strict=True):
        if not (isinstance(c, str) and c.lower() == "none"):
            set_(dark_color(c))


def _recolor_patch(patch: Patch) -> None:
    patch.set_facecolor(dark_color(patch.get_facecolor()))
    patch.set_edgecolor(dark_color(patch.get_edgecolor()))


def _recolor_collection(coll: Collection) -> None:
    cmap = coll.get_cmap()
    mapped = coll.get_array() is not None
    # colours from a colour map stay; an outline drawn round them follows the paper
    if mapped and coll._edge_is_mapped is False and len(coll.get_edgecolor()):
        coll.set_edgecolor([dark_color(c) for c in coll.get_edgecolor()])
    if mapped and isinstance(cmap, ListedColormap):  # colours given per level (contour lines)
        colors = [to_rgba(c) for c in cmap.colors]
        if all(dark_color(c) != c for c in colors):  # greys only: a real colour map stays
            coll.set_cmap(ListedColormap([dark_color(c) for c in colors], name=cmap.name))
        return
    if mapped:
        return
    face = coll.get_facecolor()
    if len(face):
        coll.set_facecolor([dark_color(c) for c in face])
    edge = coll.get_edgecolor()
    if not isinstance(edge, str) and len(edge):
        coll.set_edgecolor([dark_color(c) for c in edge])


def _recolor_text(text: Text) -> None:
    text.set_color(dark_color(text.get_color()))
    box = text.get_bbox_patch()
    if box is not None:
        _recolor_patch(box)
    arrow = getattr(text, "arrow_patch", None)  # an annotation's arrow is not among its children
    if arrow is not None:
        _recolor_patch(arrow)


def _recolor_axes_chrome(ax: Axes) -> None:
    """Ticks, tick labels, axis labels and (3D) panes: through the axis, which makes new ticks
    at draw time from its own settings."""
    tick = dark_color(mpl.rcParams["xtick.color"])
    ink = mpl.rcParams["xtick.labelcolor"]
    ink = tick if ink == "inherit" else dark_color(ink)
    grid = dark_color(mpl.rcParams["grid.color"])
    for axis in ax._axis_map.values():  # x, y (and z)
        axis.set_tick_params(which="both", colors=tick, grid_color=grid)
        axis.set_tick_params(which="both", labelcolor=ink)
        for text in (axis.label, axis.offsetText):
            _recolor_text(text)
        if hasattr(axis, "pane"):  # a 3D axis
            axis.set_pane_color(dark_color(axis.pane.get_facecolor()))
            axis.line.set_color(dark_color(axis.line.get_color()))
            axis._axinfo["grid"]["color"] = dark_color(axis._axinfo["grid"]["color"])
            axis._axinfo["tick"]["color"] = tick


def _legends_as_maps(fig: Figure, kept: set[int]) -> None:
    """Legend entries of what a map shows keep the map's colours: a colour swatch (a region of
    the map), and a mark whose labelled artist is on a map. A white mark, drawn dark for the
    light page's legend box (``plots.LEGEND_DARK``), is white again on the dark box; a black
    mark gets a light edge there."""
    from gdcore.book.plots import LEGEND_DARK

    on_map = {a.get_label(): a for a in fig.findobj(Artist) if id(a) in kept}
    legends = [*fig.legends, *(ax.legend_ for ax in fig.axes if ax.legend_ is not None)]
    for legend in legends:
        for handle, text in zip(legend.legend_handles, legend.texts, strict=True):
            if isinstance(handle, Patch):  # a region of a map of categories: as it shows it
                handle.set_facecolor(category_variant(handle.get_facecolor()))
                handle.set_edgecolor(dark_color(handle.get_edgecolor()))
            elif isinstance(handle, Line2D) and text.get_text() in on_map:
                h = handle
                getters = (h.get_color, h.get_markerfacecolor, h.get_markeredgecolor)
                setters = (h.set_color, h.set_markerfacecolor, h.set_markeredgecolor)
                colors = [to_rgba(get()) for get in getters]  # "none": alpha 0
                for set_, c in zip(setters, colors, strict=True):
                    if c[3] > 0 and to_hex(c) == LEGEND_DARK:
                        set_(palette.MAP_WHITE)
                if colors[2] == (0.0, 0.0, 0.0, 1.0):
                    h.set_markeredgecolor(INK)
            else:
                continue
            kept.add(id(handle))


def _rewash(artist: Artist) -> None:
    """A map washed with the light page's paper (``plots.washed``), washed with the dark's."""
    from gdcore.book.plots import WASHED, washed

    cmap = artist.get_cmap()
    kind, _, rest = cmap.name.partition(":")
    if kind == WASHED:
        artist.set_cmap(washed(float(rest.split(":")[0]), paper=PAPER))


def _recolor_categories(image: AxesImage) -> None:
    """A map of categories (an image over a listed colour map, e.g. a basin map): its grey of no
    minimum takes its dark variant, its categories keep their colours (as the live maps draw
    them)."""
    cmap = image.get_cmap()
    if isinstance(cmap, ListedColormap):
        colors = [category_variant(c) for c in cmap.colors]
        if colors != [to_rgba(c) for c in cmap.colors]:
            image.set_cmap(ListedColormap(colors, name=cmap.name))


def darken(fig: Figure) -> Figure:
    """Recolour ``fig`` in place for the dark page (see the module's docstring); returns it.

    Darkening a figure twice does nothing the second time.
    """
    if getattr(fig, _DONE, False):
        return fig
    setattr(fig, _DONE, True)
    skip: set[int] = set()
    for ax in fig.axes:
        for axis in ax._axis_map.values():
            skip.update(id(a) for a in axis.findobj())
        _recolor_axes_chrome(ax)
        for child in ax.get_children():
            if isinstance(child, AxesImage):
                _recolor_categories(child)
            if isinstance(child, AxesImage | ContourSet):
                _rewash(child)
            elif isinstance(child, QuiverKey):  # its words and arrow are not its children
                _recolor_text(child.text)
            if isinstance(child, ContourSet) and not is_map(ax):  # labels on plain paper
                for text in getattr(child, "labelTexts", ()):
                    _recolor_text(text)
                    skip.add(id(text))
        if is_map(ax):
            chrome = {id(ax.xaxis), id(ax.yaxis), id(ax.title), id(ax._left_title)}
            chrome |= {id(ax._right_title)} | {id(s) for s in ax.spines.values()}
            chrome.add(id(ax.patch))  # paper where the map leaves room (or round a surface)
            for child in ax.get_children():
                if isinstance(child, Text) and child.get_bbox_patch() is None:
                    continue  # words without a box of their own are read on the paper
                if id(child) not in chrome and child is not ax.legend_:
                    skip.update(id(a) for a in child.findobj())
    _legends_as_maps(fig, skip)
    seen: set[int] = set()
    for artist in fig.findobj(Artist):
        if id(artist) in skip or id(artist) in seen:
            continue
        seen.add(id(artist))
        if isinstance(artist, Line2D):
            _recolor_line(artist)
        elif isinstance(artist, Text):
            _recolor_text(artist)
        elif isinstance(artist, Patch):
            _recolor_patch(artist)
        elif isinstance(artist, Collection):
            _recolor_collection(artist)
    for artist in fig.findobj(lambda a: hasattr(a, _ON_DARK)):
        artist.set(**getattr(artist, _ON_DARK))
    return fig


@contextlib.contextmanager
def dark_drawing() -> Iterator[None]:
    """Inside this, animations render their frames for the dark page (see :func:`drawing_dark`)."""
    global _drawing_dark
    before, _drawing_dark = _drawing_dark, True
    try:
        yield
    finally:
        _drawing_dark = before


def drawing_dark() -> bool:
    """Whether frames drawn now are for the dark page (an animation draws its frames as it is
    made, so it is made a second time inside :func:`dark_drawing`)."""
    return _drawing_dark
