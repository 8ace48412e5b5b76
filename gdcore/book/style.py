"""Deterministic matplotlib output with Hangul: the Agg backend, a fixed style, no timestamps.

Every figure the book shows is drawn inside :func:`figure_style`, which resets ``rcParams`` to
one style (so nothing a previous figure or a user's matplotlibrc did leaks in), registers the
NanumGothic font that the ``koreanize-matplotlib`` wheel carries, and turns a missing glyph into an
error.
:func:`save` writes SVG, PNG or WebP bytes with no date or software stamp, so the same inputs give
byte-identical files. (``SOURCE_DATE_EPOCH`` is deliberately not set: Sphinx reads it too and
would print 1970 as the copyright year.)
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import logging
from collections.abc import Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from cycler import cycler
from matplotlib import font_manager, ft2font
from matplotlib.figure import Figure
from matplotlib.text import Text

from gdcore.book import palette

#: Latin letters, digits and symbols (−, ², ∇, ∂ ...) from DejaVu Sans, which mathtext's tick
#: labels also use; matplotlib falls back glyph by glyph to NanumGothic for Hangul.
FONT_FAMILY = list(palette.FAMILY)

_TYPE = palette.TYPE["figure"]
_LIGHT = palette.PAGE["light"]
_SPINES = palette.AXES["spines"]

#: The book's look in matplotlib's terms, from :mod:`gdcore.book.palette`: its type sizes, the
#: light page's paper and inks (the dark page's come from ``theme.darken``), its axes (left and
#: bottom spines, ticks outward, in the secondary ink), its colour map.
STYLE = {
    "svg.hashsalt": "gd2d",  # fixed ids in SVG
    "svg.fonttype": "path",  # glyphs as paths: no font needed by the reader, same bytes everywhere
    "font.family": FONT_FAMILY,
    "font.size": _TYPE["label"],
    "axes.unicode_minus": True,
    "axes.titlesize": _TYPE["title"],
    "axes.labelsize": _TYPE["label"],
    "xtick.labelsize": _TYPE["tick"],
    "ytick.labelsize": _TYPE["tick"],
    "legend.fontsize": _TYPE["label"],
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.facecolor": _LIGHT["paper"],  # the light page; darken() redraws it for the dark one
    "axes.facecolor": _LIGHT["paper"],
    "savefig.facecolor": "auto",  # the figure's own: white, or the dark page's (darken)
    "text.color": _LIGHT["ink"],
    "axes.labelcolor": _LIGHT["ink"],
    "axes.edgecolor": _LIGHT["muted"],
    "axes.linewidth": palette.AXES["spine_width"] * 0.75,
    **{f"axes.spines.{side}": side in _SPINES for side in ("left", "bottom", "top", "right")},
    "xtick.color": _LIGHT["muted"],
    "ytick.color": _LIGHT["muted"],
    "xtick.labelcolor": _LIGHT["ink"],
    "ytick.labelcolor": _LIGHT["ink"],
    "xtick.major.size": palette.AXES["tick_length"] * 0.75,
    "ytick.major.size": palette.AXES["tick_length"] * 0.75,
    "xtick.direction": "out",
    "ytick.direction": "out",
    "grid.color": _LIGHT["faint"],
    "grid.linewidth": 0.8,
    "legend.frameon": False,
    "image.cmap": palette.COLORMAP,
    # series without a role of their own (palette.SERIES; their dashes: plots.series_style, not
    # cycled here, or every line given only a colour would take the next series' dash)
    "axes.prop_cycle": cycler(color=list(palette.SERIES)),
    "path.simplify": True,
    "axes.titlepad": 6.0,
}


class MissingFontError(RuntimeError):
    """The Hangul font is not installed."""


def _nanum_path() -> Path:
    # Importing koreanize_matplotlib fails on Python >= 3.12 (it imports distutils), so find its
    # files without importing it.
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise MissingFontError(
            "the Korean font comes with the koreanize-matplotlib wheel: "
            "pip install koreanize-matplotlib (see requirements.txt)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NanumGothic.ttf"
    if not path.is_file():
        raise MissingFontError(f"NanumGothic.ttf is missing from {path.parent}")
    return path


def register_fonts() -> Path:
    """Make NanumGothic known to matplotlib (once); returns the font file."""
    path = _nanum_path()
    known = {Path(f.fname) for f in font_manager.fontManager.ttflist}
    if path not in known:
        font_manager.fontManager.addfont(str(path))
    return path


class _GlyphLog(logging.Handler):
    """Collects matplotlib's log messages about glyphs it had to replace (mathtext logs them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "glyph" in record.getMessage().lower():
            self.messages.append(record.getMessage())


_glyph_log = _GlyphLog()
logging.getLogger("matplotlib").addHandler(_glyph_log)


@contextlib.contextmanager
def figure_style() -> Iterator[None]:
    """Draw inside this: rcParams reset to :data:`STYLE`, with the Hangul font registered."""
    register_fonts()
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(STYLE)
        yield


@contextlib.contextmanager
def double_density() -> Iterator[None]:
    """Figures made inside are drawn at twice :data:`STYLE`'s pixels per inch (an animation's
    frames for screens of two device pixels per CSS pixel; sizes in points stay)."""
    with matplotlib.rc_context({"figure.dpi": 2 * float(STYLE["figure.dpi"])}):
        yield


def new_figure(width: float, height: float, **subplot_kw: object) -> tuple[Figure, object]:
    """A figure of ``width × height`` inches with one axes (``subplot_kw``: see ``add_subplot``)."""
    fig = Figure(figsize=(width, height), layout="compressed")
    ax = fig.add_subplot(**subplot_kw)
    return fig, ax


#: CSS px of the page's text column where figures are shown: a 390 px phone (furo keeps a 16 px
#: margin each side) and a laptop (furo's content column). Figures shrink to fit, never grow.
COLUMN_PX = {"phone": 358, "laptop": 736}
#: The smallest text a reader should meet in a figure, in CSS px, on each screen.
READABLE_PX = {"phone": 11.0, "laptop": 12.0}


def smallest_text(fig: Figure, fmt: str, column_px: float) -> tuple[float, str]:
    """The smallest text of ``fig`` as shown in a column ``column_px`` CSS px wide: its size in
    CSS px and the text itself.

    An SVG is as wide as the figure in points (96 CSS px per inch), a raster as its pixels
    (:data:`STYLE`'s dpi per inch); the page scales a figure down to the column, never up.
    """
    fig.savefig(io.BytesIO(), format="png")  # lay the figure out as it is saved
    per_inch = 96.0 if fmt == "svg" else float(STYLE["savefig.dpi"])
    scale = min(1.0, column_px / (fig.get_figwidth() * per_inch))
    shown = [
        (t.get_fontsize() * per_inch / 72 * scale, t.get_text())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]
    return min(shown)


def _drawn_texts(fig: Figure) -> list[Text]:
    """The texts ``fig`` draws: titles, axis labels, the tick labels inside each axis's view
    (matplotlib keeps label objects for ticks outside it, and does not draw them), texts and
    annotations, legends."""
    texts: list[Text] = list(fig.texts)
    if getattr(fig, "_suptitle", None) is not None:
        texts.append(fig._suptitle)
    legends = list(fig.legends)
    for ax in fig.axes:
        texts += [ax.title, ax._left_title, ax._right_title, *ax.texts]
        legends += [ax.get_legend()] if ax.get_legend() is not None else []
        for axis in ax._axis_map.values():
            texts.append(axis.label)
            lo, hi = sorted(axis.get_view_interval())
            eps = 1e-9 * (hi - lo)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if tick.get_visible() and lo - eps <= tick.get_loc() <= hi + eps:
                    texts += [tick.label1, tick.label2]
    for legend in legends:
        texts += [*legend.get_texts(), legend.get_title()]
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def cut_off_texts(fig: Figure, slack_px: float = 2.5) -> list[str]:
    """The texts ``fig`` draws (:func:`_drawn_texts`) that reach past the figure's edge as it is
    saved (laid out for good by :func:`settle`, as the build saves it), each with how far: the
    image would cut them off. A text its axes clips away entirely is not drawn, and so not
    counted. ``slack_px``: a text's box reaches a little past its ink (saddle_view's title: its
    box 2.0 px past the right edge, its ink 3 px inside), so that much is not counted."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    settle(fig)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    out = []
    for t in _drawn_texts(fig):
        box = t.get_window_extent(renderer)
        clip = t.get_clip_box() if t.get_clip_on() else None
        if clip is not None and not clip.overlaps(box):
            continue
        over = max(-box.x0, -box.y0, box.x1 - width, box.y1 - height)
        if over > slack_px:
            out.append(f"{t.get_text()!r} by {over:.1f} px")
    return out


class MissingGlyphError(ValueError):
    """A text in a figure has a character none of :data:`FONT_FAMILY` can draw."""


@functools.cache
def _charmap(family: str) -> frozenset[int]:
    path = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    return frozenset(ft2font.FT2Font(path).get_charmap())


def check_glyphs(fig: Figure) -> None:
    """Raise :class:`MissingGlyphError` if any text of ``fig`` needs a glyph the fonts lack.

    matplotlib would not say so: its last-resort font quietly draws a box.
    """
    covered = frozenset().union(*(_charmap(f) for f in FONT_FAMILY))
    for text in fig.findobj(Text):
        s = text.get_text()
        missing = sorted({c for c in s if not c.isspace() and ord(c) not in covered})
        if missing and not (s.startswith("$") and s.endswith("$")):  # mathtext has its own fonts
            raise MissingGlyphError(
                f"no font in {FONT_FAMILY} has {''.join(missing)!r} (in the text {s!r})"
            )


#: The gap between an axes' top and its upright y label above it, in points; a title above both
#: moves up by the label's height and this gap.
LABEL_GAP = float(palette.AXES["label_gap"])


def upright_labels(fig: Figure) -> Figure:
    """Every y label of ``fig`` read without turning the head: horizontal, above its axes' top-left
    corner (starting at the y axis), and a colour bar's label horizontal above the bar; an axes'
    title moves up over its label. Alike in every figure and both languages (vertical Hangul is
    hard to read). 3D axes keep their labels; a label already upright is left alone, so calling
    this twice changes nothing. Returns ``fig``."""
    from matplotlib.transforms import ScaledTranslation

    up = ScaledTranslation(0, LABEL_GAP / 72, fig.dpi_scale_trans)
    for ax in fig.axes:
        label = ax.yaxis.label
        if ax.name == "3d" or not label.get_text() or getattr(label, "_gd_upright", False):
            continue
        bar = getattr(ax, "_colorbar", None) is not None
        if ax.yaxis.get_label_position() == "right" and not bar:
            continue  # a second y axis on the right: not drawn in this book
        label.set_rotation(0)
        label.set_horizontalalignment("center" if bar else "left")
        label.set_verticalalignment("bottom")
        ax.yaxis.set_label_coords(0.5 if bar else 0.0, 1.0, transform=ax.transAxes + up)
        label._gd_upright = True
        title = ax.title
        if title.get_text() and not bar:
            pad = float(STYLE["axes.titlepad"]) + LABEL_GAP + 1.4 * label.get_fontsize()
            ax.set_title(title.get_text(), pad=pad, fontsize=title.get_fontsize())
    return fig


def make_room(fig: Figure) -> Figure:
    """Keep every upright y label and title inside ``fig``: a label set above its axes
    (:func:`upright_labels`) is not seen by the layout engine, so where one would stick out at
    the top, the figure's layout is frozen and every axes scaled down towards the bottom edge just
    enough to bring it in; and where a text of the axes (a tick label's minus sign, a 3D axis's
    label) would stick out at a side, every axes is brought in horizontally the same way. Returns
    ``fig``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    for _ in range(3):  # scaling moves the labels too; two rounds settle it
        top = fig.bbox.y1
        over = max(
            (
                t.get_window_extent(renderer).y1 - top
                for ax in fig.axes
                for t in (ax.yaxis.label, ax.title)
                if t.get_text() and t.get_visible()
            ),
            default=0.0,
        )
        if over <= 0:
            break
        fig.set_layout_engine("none")
        scale = 1 - (over + 2) / fig.bbox.height
        for ax in fig.axes:
            box = ax.get_position()
            ax.set_position([box.x0, box.y0 * scale, box.width, box.height * scale])
        canvas.draw()
    # the sides: a tick label, axis label or title past the left or right edge (a minus sign of
    # the first tick, a 3D axis's label) brings every axes in, horizontally, just enough
    legends = {id(t) for lg in fig.legends for t in lg.get_texts()}
    for _ in range(3):
        boxes = [t.get_window_extent(renderer) for t in _drawn_texts(fig) if id(t) not in legends]
        left = max((-b.x0 for b in boxes), default=0.0)
        right = max((b.x1 - fig.bbox.width for b in boxes), default=0.0)
        if left <= 0 and right <= 0:
            break
        fig.set_layout_engine("none")
        width = fig.bbox.width
        shift = (max(left, 0.0) + 2) / width if left > 0 else 0.0
        scale = 1 - (max(left, 0.0) + max(right, 0.0) + 4) / width
        for ax in fig.axes:
            box = ax.get_position()
            ax.set_position([shift + box.x0 * scale, box.y0, box.width * scale, box.height])
        canvas.draw()
    return fig


def settle(fig: Figure) -> Figure:
    """Lay ``fig`` out for good, its y labels upright (:func:`upright_labels`): draw it twice
    (constrained layout still moves 3D axes and colour bars on its second draw), then keep that
    layout, so that every later save (the light page's figure, then the dark page's) has the same
    geometry. Returns ``fig``."""
    upright_labels(fig)
    for _ in range(2):
        fig.savefig(io.BytesIO(), format="png")
    fig.set_layout_engine("none")
    return make_room(fig)


def save(fig: Figure, fmt: str, *, scale: int = 1) -> bytes:
    """The figure as ``fmt`` bytes (``svg``, ``png`` or ``webp``), without dates or tool names;
    a raster at ``scale`` times :data:`STYLE`'s resolution (2: for screens with two device
    pixels per CSS pixel).

    Raises :class:`MissingGlyphError` first if a text could not be drawn in the book's fonts.
    """
    if scale not in (1, 2, 3) or (fmt == "svg" and scale != 1):
        raise ValueError(f"scale must be 1, 2 or 3 (1 for svg); got {scale!r}")
    check_glyphs(fig)
    _glyph_log.messages.clear()
    buf = io.BytesIO()
    dpi = float(STYLE["savefig.dpi"]) * scale
    if fmt == "svg":
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    elif fmt == "png":
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    elif fmt == "webp":  # a sharper image compresses harder for the same look
        quality = 88 if scale == 1 else 75
        fig.savefig(buf, format="webp", dpi=dpi, pil_kwargs={"quality": quality, "method": 6})
    else:
        raise ValueError(f"fmt must be one of svg, png, webp; got {fmt!r}")
    plt.close(fig)
    if _glyph_log.messages:  # mathtext (e.g. log-axis tick labels) drew a substitute glyph
        raise MissingGlyphError(_glyph_log.messages[0])
    return buf.getvalue()
