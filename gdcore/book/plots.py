"""Plot helpers. Each takes the axes first, draws one thing and returns what it drew.

Only the figure builders (one module per page, :mod:`gdcore.book.pages`) create figures, so the
same helper serves a static figure, an animation frame and a test.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap, to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from gdcore._typing import Array, ArrayLike
from gdcore.book import palette
from gdcore.landscape import Landscape

#: A run's colours (:mod:`gdcore.book.palette`): its path on plain paper and on a map, its start
#: and its end; the outline of every mark on a map.
PATH_COLOR = palette.mark("path")
MAP_PATH_COLOR = palette.mark("path", "map")
START_COLOR = palette.mark("start")
#: The size of a run's start and end markers on a map, in points (a square's side, a circle's
#: diameter).
MARK_SIZE = 8
END_COLOR = palette.mark("end")
OUTLINE = palette.OUTLINE
#: What a white map mark looks like in a legend.
LEGEND_DARK = palette.LEGEND_MARK


def halo(linewidth: float, color: str = OUTLINE, *, width: float = palette.HALO) -> list:
    """Path effects for a line of ``linewidth`` points on a map: a halo under it in ``color``
    (the palette's outline; white under a black line), ``width`` points (by default
    :data:`gdcore.book.palette.HALO`) wider on each side, then the line."""
    if not width > 0:
        raise ValueError(f"width must be a positive number of points; got {width!r}")
    return [patheffects.withStroke(linewidth=linewidth + 2 * width, foreground=color)]


#: The name a washed colour map carries: ``washed:<amount>:<paper>``.
def series_style(i: int, where: palette.Where = "paper") -> dict[str, object]:
    """``color`` and ``linestyle`` of series ``i`` (:func:`gdcore.book.palette.series`), for
    ``ax.plot(..., **series_style(i))``; ``where="map"`` for a line on a colour map (draw it over
    :func:`halo`). On plain paper the dark page recolours its grey like every grey."""
    color, dashes = palette.series(i, where)
    return {"color": color, "linestyle": (0, dashes) if dashes else "-"}


WASHED = "washed"


def washed(amount: float = 0.55, paper: str = palette.PAGE["light"]["paper"]) -> ListedColormap:
    """The palette's colour map mixed with the page's ``paper`` by ``amount``: a quiet map for
    marks that must stand out on it (arrows), as if seen through the paper. Opaque; the dark page
    mixes it with its own paper (``theme.darken``)."""
    if not 0 <= amount < 1:
        raise ValueError(f"amount must be at least 0 and below 1; got {amount!r}")
    rgb = np.array(palette.colormap_rgb()) / 255
    under = np.array(to_rgb(paper))
    return ListedColormap(rgb + (under - rgb) * amount, name=f"{WASHED}:{amount}:{paper}")


def plot_levels(
    ax: Axes, xs: Array, ys: Array, z: Array, levels: object = 18, **contour: object
) -> object:
    """``z`` as a map of level sets: filled in the palette's colour map, with faint contour lines
    between (a map, so marks on it keep their colours on the dark page). Returns the filled set."""
    filled = ax.contourf(xs, ys, z, levels=levels, cmap=palette.COLORMAP, **contour)
    ax.contour(xs, ys, z, levels=filled.levels, colors=OUTLINE, linewidths=0.4, alpha=0.35)
    return filled


def grid_values(
    landscape: Landscape, resolution: int = 201, domain: Sequence[tuple[float, float]] | None = None
) -> tuple[Array, Array, Array]:
    """``(xs, ys, Z)``, ``Z[i, j] = f(xs[j], ys[i])``, on a ``resolution``² grid over the domain."""
    if landscape.dim != 2:
        raise ValueError(f"grid_values needs a 2D landscape, got {landscape.dim}D")
    (x0, x1), (y0, y1) = domain if domain is not None else landscape.domain
    xs, ys = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, landscape.value(np.stack([gx, gy], axis=-1))


def plot_heatmap(
    ax: Axes,
    landscape: Landscape,
    *,
    resolution: int = 201,
    vmin: float | None = None,
    vmax: float | None = None,
    domain: Sequence[tuple[float, float]] | None = None,
    cmap: str = palette.COLORMAP,
) -> AxesImage:
    """``f`` as an image over the domain. The colours span ``vmin`` to ``vmax``, by default the
    whole range of ``f`` on the drawn grid: nothing is clipped, so the deepest valley stays the
    darkest (the lesson's picture clipped at ±5, which painted −6.55 like −5)."""
    xs, ys, z = grid_values(landscape, resolution, domain)
    return ax.imshow(
        z,
        extent=(xs[0], xs[-1], ys[0], ys[-1]),
        origin="lower",
        vmin=float(z.min()) if vmin is None else vmin,
        vmax=float(z.max()) if vmax is None else vmax,
        cmap=cmap,
        interpolation="bilinear",
    )


def plot_path(
    ax: Axes,
    path: ArrayLike,
    *,
    color: str = MAP_PATH_COLOR,
    label: str | None = None,
    start_label: str | None = None,
    end_label: str | None = None,
    linewidth: float = 2.0,
) -> list:
    """A 2D descent path ``(T, 2)`` on a map, with a halo, its start (square) and its end
    (circle) marked in the palette's colours, outlined."""
    p = np.asarray(path, dtype=float)
    (line,) = ax.plot(
        p[:, 0], p[:, 1], color=color, linewidth=linewidth, label=label,
        path_effects=halo(linewidth), solid_capstyle="round",
    )  # fmt: skip
    (start,) = ax.plot(
        *p[0],
        palette.MARKERS["start"],
        color=START_COLOR,
        markersize=MARK_SIZE,
        markeredgecolor=OUTLINE,
        label=start_label,
    )
    (end,) = ax.plot(
        *p[-1],
        palette.MARKERS["end"],
        color=END_COLOR,
        markersize=MARK_SIZE,
        markeredgecolor=OUTLINE,
        label=end_label,
    )
    return [line, start, end]


def plot_curve(ax: Axes, landscape: Landscape, *, resolution: int = 400, **style: object) -> Line2D:
    """A 1D landscape as a curve over its domain."""
    if landscape.dim != 1:
        raise ValueError(f"plot_curve needs a 1D landscape, got {landscape.dim}D")
    lo, hi = landscape.domain[0]
    xs = np.linspace(lo, hi, resolution)
    (line,) = ax.plot(xs, landscape.value(xs[:, None]), **style)
    return line


def plot_tangent(
    ax: Axes, x0: float, f0: float, slope: float, *, halfwidth: float = 0.6, **style: object
) -> Line2D:
    """The line through ``(x0, f0)`` with ``slope``, drawn over ``x0 ± halfwidth``."""
    xs = np.array([x0 - halfwidth, x0 + halfwidth])
    (line,) = ax.plot(xs, f0 + slope * (xs - x0), **style)
    return line


def legend_below(fig: Figure, **kwargs: object) -> Legend:
    """The figure's legend below its axes, off the data; handles drawn white on a map (a path,
    the map's edge) are shown dark, or they would vanish on the legend's white box."""
    legend = fig.legend(loc="outside lower center", **kwargs)
    for handle in legend.legend_handles:
        if isinstance(handle, Line2D) and to_hex(handle.get_color()) == palette.MAP_WHITE:
            handle.set_color(LEGEND_DARK)
        elif isinstance(handle, Patch) and to_hex(handle.get_edgecolor()) == palette.MAP_WHITE:
            handle.set_edgecolor(LEGEND_DARK)
    return legend
