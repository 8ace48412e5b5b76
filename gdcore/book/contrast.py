"""The contrast of what a figure draws with what lies under it, as WCAG 2 measures it.

:func:`audit` looks at a laid-out figure as it is saved and returns what a reader may not see:
every text with less than 4.5:1 against what is under it (WCAG's minimum for text), every mark
(a line, a marker, a tick, an outline, an arrow) with less than 3:1 (WCAG's minimum for the
graphical objects a reader needs to understand the content).

"What is under it" is measured, not assumed: the figure is drawn once without the text and marks
(its *backdrop*: the paper, the axes, colour maps, filled areas such as a shaded regime or a
legend's or a label's box) and the backdrop's pixels are read under each text's box and along
each mark. A mark has up to four tones (its line, its markers' face and edge, a halo under it,
each blended over the backdrop with its opacity); at each place the best of them must reach the
ratio, since a reader sees a mark by whichever of its tones stands out there. So a path on a
colour map passes when its colour or its halo stands out on every colour it crosses.

An axis' spines, ticks and tick labels are measured against the paper round the map they frame
(a spine lies on the map's edge, a tick points away from it). Not measured: contour lines drawn on
a colour map (part of the map's picture), grid lines (guides, not content), a 3D axis' tick marks
(drawn by the axis over its own panes and grid; their labels are measured), and filled areas
without an edge (they are backdrop: what is drawn on them is measured against them).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axis import Axis
from matplotlib.collections import (
    Collection,
    LineCollection,
    PathCollection,
    PolyCollection,
    QuadMesh,
)
from matplotlib.colors import to_hex, to_rgba
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import Stroke, withStroke
from matplotlib.quiver import Quiver, QuiverKey
from matplotlib.spines import Spine
from matplotlib.text import Text

#: WCAG 2's minimum ratios: text (1.4.3, AA) and graphical objects (1.4.11).
TEXT = 4.5
MARK = 3.0


def luminance(rgb: Iterable[float]) -> float:
    """WCAG relative luminance of an sRGB colour (channels 0–1)."""
    c = np.asarray(list(rgb)[:3], dtype=float)
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(c @ [0.2126, 0.7152, 0.0722])


def ratio(a: object, b: object) -> float:
    """WCAG contrast ratio of two colours (anything matplotlib reads as a colour), 1 to 21."""
    la, lb = luminance(to_rgba(a)[:3]), luminance(to_rgba(b)[:3])
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def _luminances(rgb: np.ndarray) -> np.ndarray:
    c = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


@dataclass(frozen=True)
class Finding:
    """A text or mark that does not reach its ratio somewhere: what, where it is worst."""

    what: str
    tone: str
    under: str
    ratio: float
    need: float

    def __str__(self) -> str:
        return (
            f"{self.what}: {self.tone} on {self.under} is {self.ratio:.2f}:1 "
            f"(needs {self.need:g}:1)"
        )


def _visible(a: Artist) -> bool:
    while a is not None:
        if not a.get_visible():
            return False
        a = getattr(a, "_gd_parent", None)
    return True


def _rgba(color: object, alpha: float | None) -> np.ndarray | None:
    """A tone as RGBA with the artist's alpha applied; None when it draws nothing."""
    if color is None or (isinstance(color, str) and color.lower() == "none"):
        return None
    rgba = np.array(to_rgba(color), dtype=float)
    if alpha is not None:
        rgba[3] = alpha
    return None if rgba[3] <= 0 else rgba


def _effect_tones(a: Artist) -> list[np.ndarray]:
    tones = []
    for effect in a.get_path_effects() or ():
        if isinstance(effect, Stroke | withStroke):
            color = effect._gc.get("foreground") if hasattr(effect, "_gc") else None
            t = _rgba(color, effect._gc.get("alpha"))
            if t is not None:
                tones.append(t)
    return tones


def _is_area(a: Artist) -> bool:
    """A filled patch or collection without a visible edge: backdrop, not a mark."""
    if isinstance(a, Patch):
        face, edge = a.get_facecolor(), a.get_edgecolor()
        no_edge = a.get_linewidth() == 0 or to_rgba(edge)[3] == 0
        return a.get_fill() and to_rgba(face)[3] > 0 and no_edge
    if isinstance(a, PolyCollection | QuadMesh) and not isinstance(a, LineCollection | Quiver):
        edges = a.get_edgecolor()
        widths = np.atleast_1d(a.get_linewidth())
        return len(edges) == 0 or np.all(np.asarray(edges)[:, 3] == 0) or np.all(widths == 0)
    return False


def _is_map_artist(a: Artist) -> bool:
    if isinstance(a, AxesImage | QuadMesh):
        return True
    if isinstance(a, ContourSet):
        return a.filled
    axes = a.axes
    return (
        isinstance(a, Collection)
        and axes is not None
        and axes.name == "3d"
        and a.get_array() is not None
    )


def _on_map_contour(a: Artist) -> bool:
    from gdcore.book.theme import is_map

    return isinstance(a, ContourSet) and not a.filled and a.axes is not None and is_map(a.axes)


def _is_background(a: Artist, fig: Figure) -> bool:
    """Paper, axes, legend frames, text boxes, colour maps and areas."""
    if a is fig.patch:
        return True
    if a.axes is not None and a is a.axes.patch:
        return True
    if isinstance(a, Patch) and isinstance(getattr(a, "_gd_parent", None), Legend | Text):
        return True  # a legend's frame, a text's box
    if a.axes is not None and a.axes.name == "3d" and isinstance(a, Patch):
        return True
    return _is_map_artist(a) or _is_area(a)


def _leaves(fig: Figure) -> list[Artist]:
    """Every drawable artist of ``fig``, each knowing its parent (for visibility and roles)."""
    out: list[Artist] = []
    seen: set[int] = set()

    def walk(a: Artist, parent: Artist | None) -> None:
        if id(a) in seen:
            return
        seen.add(id(a))
        a._gd_parent = parent  # our own mark, removed after the audit
        children = a.get_children()
        if isinstance(a, QuiverKey):  # its words and arrow are not among its children
            children = [a.text, *([a.vector] if hasattr(a, "vector") else [])]
        if isinstance(a, Axis) and isinstance(getattr(a, "line", None), Line2D):  # a 3D axis
            children = [a.line, *children]  # its line is drawn by it, not one of its children
        if isinstance(a, ContourSet):  # its labels are drawn by it, not its children
            for text in getattr(a, "labelTexts", ()):
                if id(text) not in seen:
                    seen.add(id(text))
                    text._gd_parent = a
                    out.append(text)
        if isinstance(a, Legend):
            children = [a.legendPatch, *a.texts, *a.legend_handles, *children]
        if isinstance(a, Text) and a.get_bbox_patch() is not None:
            box = a.get_bbox_patch()
            box._gd_parent = a
            seen.add(id(box))
            out.append(box)
        arrow = getattr(a, "arrow_patch", None)  # an annotation's arrow: a mark of its own
        if isinstance(a, Text) and arrow is not None and id(arrow) not in seen:
            arrow._gd_parent = parent
            seen.add(id(arrow))
            out.append(arrow)
        if not children or isinstance(a, ContourSet | Spine | Text | Line2D):
            out.append(a)
            return
        if isinstance(a, Collection | AxesImage):
            out.append(a)
        for c in children:
            walk(c, a)

    walk(fig, None)
    return out


def _render(fig: Figure) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="rgba", dpi=fig.dpi)
    w, h = (round(v) for v in fig.bbox.size)
    return np.frombuffer(buf.getvalue(), dtype=np.uint8).reshape(h, w, 4)[..., :3] / 255.0


def _sample(img: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Backdrop colours at display points ``xy`` (origin at the bottom left), unique."""
    h, w, _ = img.shape
    if len(xy) == 0:
        return np.empty((0, 3))
    x = np.clip(np.round(xy[:, 0]).astype(int), 0, w - 1)
    y = np.clip(h - 1 - np.round(xy[:, 1]).astype(int), 0, h - 1)
    return np.unique(np.round(img[y, x] * 255), axis=0) / 255.0


def _around(xy: np.ndarray, r: float) -> np.ndarray:
    """Each point and eight points ``r`` px around it."""
    unit = np.array([[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1]])
    return (xy[:, None, :] + unit[None, :, :] * 0.7 * r).reshape(-1, 2)


def _along(xy: np.ndarray, step: float = 2.0, most: int = 4000) -> np.ndarray:
    """Points every ``step`` px along a polyline (at most ``most``)."""
    xy = xy[np.all(np.isfinite(xy), axis=1)]
    if len(xy) < 2:
        return xy
    out = [xy[:1]]
    for a, b in itertools.pairwise(xy):
        n = max(1, int(np.hypot(*(b - a)) // step))
        t = np.linspace(0, 1, n + 1)[1:, None]
        out.append(a + (b - a) * t)
    pts = np.concatenate(out)
    return pts[:: max(1, len(pts) // most)]


def _inside(xy: np.ndarray, artist: Artist, renderer: object) -> np.ndarray:
    """The points of ``xy`` that the artist's clip box lets through."""
    box = artist.get_clip_box() if artist.get_clip_on() else None
    if box is None or len(xy) == 0:
        return xy
    keep = (
        (xy[:, 0] >= box.x0 - 0.5)
        & (xy[:, 0] <= box.x1 + 0.5)
        & (xy[:, 1] >= box.y0 - 0.5)
        & (xy[:, 1] <= box.y1 + 0.5)
    )
    return xy[keep]


def _worst(tones: list[np.ndarray], under: np.ndarray) -> tuple[float, str, str]:
    """The lowest, over the colours ``under``, of the best tone's ratio there."""
    if not len(under):
        return np.inf, "", ""
    lum_under = _luminances(under)
    best = np.zeros(len(under))
    best_tone = np.zeros((len(under), 3))
    for t in tones:
        shown = t[None, :3] * t[3] + under * (1 - t[3])  # the tone blended over what is under it
        lum = _luminances(shown)
        r = (np.maximum(lum, lum_under) + 0.05) / (np.minimum(lum, lum_under) + 0.05)
        better = r > best
        best = np.where(better, r, best)
        best_tone[better] = shown[better]
    i = int(np.argmin(best))
    return float(best[i]), to_hex(best_tone[i]), to_hex(under[i])


def _describe(a: Artist) -> str:
    name = type(a).__name__
    if isinstance(a, Text):
        return f"text {a.get_text()!r}"
    label = a.get_label() if hasattr(a, "get_label") else ""
    parent = getattr(a, "_gd_parent", None)
    where = " in a legend" if isinstance(parent, Legend) else ""
    if isinstance(parent, Axis) or isinstance(getattr(parent, "_gd_parent", None), Axis):
        where = " (an axis' tick)"
    shown = f" {label!r}" if label and not label.startswith("_") else ""
    return f"{name}{shown}{where}"


def _line_tones(line: Line2D) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(tones of the stroke, tones of the markers)."""
    alpha = line.get_alpha()
    effects = _effect_tones(line)
    stroke = []
    if line.get_linestyle() not in ("None", "none", " ", "") and line.get_linewidth() > 0:
        t = _rgba(line.get_color(), alpha)
        stroke = [t, *effects] if t is not None else []
    marks = []
    if line.get_marker() not in (None, "None", "none", " ", ""):
        for c in (line.get_markerfacecolor(), line.get_markeredgecolor()):
            t = _rgba(c, alpha)
            if t is not None:
                marks.append(t)
        marks += effects
    return [t for t in stroke if t is not None], marks


def _is_chrome(a: Artist) -> bool:
    """An axis' spine, tick or tick label: drawn on the paper beside a map, not on it."""
    if isinstance(a, Spine):
        return True
    parent = getattr(a, "_gd_parent", None)
    return isinstance(parent, Axis) or isinstance(getattr(parent, "_gd_parent", None), Axis)


def _axis_name(a: Artist) -> str | None:
    """The name of the axes (``rectilinear``, ``3d`` ...) whose axis ``a`` belongs to, if any."""
    while a is not None:
        if isinstance(a, Axis):
            return a.axes.name
        a = getattr(a, "_gd_parent", None)
    return None


def _check_marks(a: Artist, img: np.ndarray, renderer: object) -> list[Finding]:
    """Findings for one mark (not text)."""
    out = []

    def need(tones: list[np.ndarray], pts: np.ndarray, what: str) -> None:
        pts = _inside(pts, a, renderer)
        if not tones or not len(pts):
            return
        r, tone, under = _worst(tones, _sample(img, pts))
        if r < MARK:
            out.append(Finding(what, tone, under, r, MARK))

    if isinstance(a, Line2D):
        data = a.get_xydata()
        xy = a.get_transform().transform(data) if len(data) else np.empty((0, 2))
        stroke, marks = _line_tones(a)
        need(stroke, _along(xy), _describe(a))
        r = a.get_markersize() * a.figure.dpi / 72 / 2
        need(marks, _around(xy[np.all(np.isfinite(xy), axis=1)], r), _describe(a) + " (marker)")
    elif isinstance(a, Patch):
        xy = a.get_transform().transform(a.get_path().vertices)
        edge = _rgba(a.get_edgecolor(), None) if a.get_linewidth() > 0 else None
        face = _rgba(a.get_facecolor(), None) if a.get_fill() else None
        tones = [t for t in (edge, face, *_effect_tones(a)) if t is not None]
        pts = _along(xy) if edge is not None else _around(xy.mean(axis=0, keepdims=True), 2)
        need(tones, pts, _describe(a))
    elif isinstance(a, Collection):
        faces = np.atleast_2d(a.get_facecolor()) if len(a.get_facecolor()) else np.empty((0, 4))
        edges = np.atleast_2d(a.get_edgecolor()) if len(a.get_edgecolor()) else np.empty((0, 4))
        widths = np.atleast_1d(a.get_linewidth())
        if isinstance(a, PathCollection | Quiver):  # one mark per offset (a dot, an arrow)
            offsets = a.get_offset_transform().transform(a.get_offsets())
            sizes = a.get_sizes() if isinstance(a, PathCollection) else None
            sizes = np.atleast_1d(sizes) if sizes is not None and len(sizes) else np.array([16.0])
            before = len(out)
            for i, xy in enumerate(offsets):
                tones = []
                if len(faces):
                    tones.append(faces[i % len(faces)])
                if len(edges) and widths[i % len(widths)] > 0:
                    tones.append(edges[i % len(edges)])
                tones = [t for t in tones if t[3] > 0]
                r = np.sqrt(sizes[i % len(sizes)]) * a.figure.dpi / 72 / 2
                need(tones, _around(xy[None, :], r), f"{_describe(a)} (point {i})")
            if len(out) - before > 1:  # one finding per scatter: its worst point, and how many
                found = out[before:]
                worst = min(found, key=lambda f: f.ratio)
                what = f"{_describe(a)} ({len(found)} of {len(offsets)} points)"
                out[before:] = [Finding(what, worst.tone, worst.under, worst.ratio, MARK)]
        else:  # lines or outlined shapes: one polyline per path
            transform = a.get_transform()
            for i, path in enumerate(a.get_paths()):
                tones = []
                if len(edges) and widths[i % len(widths)] > 0:
                    tones.append(edges[i % len(edges)])
                if len(faces) and not isinstance(a, LineCollection):
                    tones.append(faces[i % len(faces)])
                tones = [t for t in tones if t[3] > 0] + _effect_tones(a)
                for poly in path.to_polygons(closed_only=False):
                    need(tones, _along(transform.transform(poly)), f"{_describe(a)} (path {i})")
    return out


def _check_text(t: Text, img: np.ndarray, renderer: object) -> list[Finding]:
    box = t.get_window_extent(renderer)
    if box.width <= 0 or box.height <= 0:
        return []
    xs = np.linspace(box.x0 + 1, box.x1 - 1, max(2, min(12, int(box.width // 4))))
    ys = np.linspace(box.y0 + 1, box.y1 - 1, max(2, min(6, int(box.height // 4))))
    pts = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    tones = [x for x in (_rgba(t.get_color(), t.get_alpha()), *_effect_tones(t)) if x is not None]
    if not tones:
        return []
    r, tone, under = _worst(tones, _sample(img, pts))
    return [Finding(_describe(t), tone, under, r, TEXT)] if r < TEXT else []


def audit(fig: Figure) -> list[Finding]:
    """Every text below 4.5:1 and every mark below 3:1 against what lies under it in ``fig``,
    as it is drawn now (light, or after :func:`gdcore.book.theme.darken`, dark). Pass a figure
    laid out as it is saved (:func:`gdcore.book.style.settle`), or it is drawn once first."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    if fig.get_layout_engine() is not None:  # not laid out for good yet (style.settle)
        canvas.draw()
    renderer = canvas.get_renderer()
    leaves = _leaves(fig)
    checked: list[Artist] = []
    hidden: list[Artist] = []
    for a in leaves:
        if not _visible(a) or _is_background(a, fig):
            continue
        parent = getattr(a, "_gd_parent", None)
        grid = isinstance(a, Line2D) and a is getattr(parent, "gridline", None)
        # a 3D axis draws its tick marks over its own panes and grid: its tick labels are measured
        tick_3d = isinstance(a, Line2D) and _axis_name(a) == "3d"
        if grid or tick_3d or _on_map_contour(a):
            hidden.append(a)  # not content: guides, and the map's own contour lines
            continue
        if isinstance(a, Text) and not a.get_text().strip():
            continue
        if isinstance(a, Line2D) and not len(a.get_xydata()):
            continue
        checked.append(a)
        hidden.append(a)
    maps = [a for a in leaves if _visible(a) and _is_map_artist(a)]
    # a text in a box of its own: its words go, its box stays (the text draws the box)
    boxed = [a for a in hidden if isinstance(a, Text) and a.get_bbox_patch() is not None]
    hidden = [a for a in hidden if not any(a is b for b in boxed)]
    alphas = [t.get_alpha() for t in boxed]
    before = [a.get_visible() for a in hidden + maps]
    try:
        for t in boxed:
            t.set_alpha(0)
        for a in hidden:
            a.set_visible(False)
        img = _render(fig)
        for a in maps:  # an axis' spines and ticks are seen on the paper round a map
            a.set_visible(False)
        paper = _render(fig)
    finally:
        for a, v in zip(hidden + maps, before, strict=True):
            a.set_visible(v)
        for t, alpha in zip(boxed, alphas, strict=True):
            t.set_alpha(alpha)
    canvas.draw()  # where everything is as saved (a title places itself past what is shown)
    out: list[Finding] = []
    try:
        for a in checked:
            under = paper if _is_chrome(a) else img
            if isinstance(a, Text):
                out += _check_text(a, under, renderer)
            else:
                out += _check_marks(a, under, renderer)
    finally:
        for a in leaves:
            a.__dict__.pop("_gd_parent", None)
    return out
