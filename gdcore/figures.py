"""The book's figures, animations and page numbers: the one registry pages draw from.

Each builder takes the language first and returns a figure, an animation with its still, or the
values a page substitutes (``{{ name }}`` in MyST). Pages name entries; :data:`REGISTRY` knows how
to make them.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import sympy
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from gdcore.analysis import (
    BasinMap,
    basins,
    critical_points,
    random_restart_success,
    stability_limit,
)
from gdcore.animate import Animation, frame_indices, render_frames
from gdcore.descent import Trajectory, descend
from gdcore.landscape import get_landscape, make_landscape
from gdcore.plots import (
    END_COLOR,
    PATH_COLOR,
    START_COLOR,
    grid_values,
    plot_curve,
    plot_heatmap,
    plot_path,
    plot_tangent,
)
from gdcore.registry import Entry, Registry
from gdcore.style import new_figure
from gdcore.text import label

SEED_START = (0.0, 1.4)
SEED_LR = 0.01
SEED_EPOCHS = 1000
SLICE_POINT = (-0.6, 0.5)
#: The 1D recap: start, learning rate, epochs.
RECAP = {"start": -1.5, "learning_rate": 0.05, "epochs": 30}
#: The "unfortunate starting value" challenge: a start on the maximum, and one just beside it.
RIPPLE = {"starts": (0.0, 0.1), "learning_rate": 0.01, "epochs": 200}
#: The separable function's run.
SEPARABLE = {"start": (-1.2, 0.3), "learning_rate": 0.01, "epochs": 300}
#: The basin map and the restarts.
BASINS = {"learning_rate": 0.01, "epochs": 1000, "grid": 101}
#: The exercises' learning rates (the seed's explorations).
EXERCISE_LRS = (0.1, 0.5, 0.00001)
#: Learning rates and epochs of the parametric experiment.
GRID_LRS = tuple(float(v) for v in np.logspace(-5, 0, 21))
GRID_EPOCHS = (10, 30, 100, 300, 1000, 3000, 10000)


def fmt(v: float, digits: int = 6) -> str:
    """A number as pages print it: ``digits`` decimals, a real minus sign."""
    return f"{v:.{digits}f}".replace("-", "−")


def fmt_point(p: np.ndarray, digits: int = 6) -> str:
    """``(x, y)`` with :func:`fmt` coordinates."""
    return "(" + ", ".join(fmt(v, digits) for v in p) + ")"


def fmt_rate(v: float) -> str:
    """A learning rate as the lesson writes it: ``0.00001``, not ``1e-05``."""
    return np.format_float_positional(v, trim="-")


def tex(v: float, digits: int = 6) -> str:
    r"""A number for use inside ``$...$``: fixed point, or ``m \times 10^{n}`` when very small."""
    if v == 0:
        return "0"
    if abs(v) < 10 ** (-digits) or abs(v) >= 1e6:
        mantissa, exponent = f"{v:.2e}".split("e")
        text = rf"{mantissa} \times 10^{{{int(exponent)}}}"
    else:
        text = f"{v:.{digits}f}"
    # braces make the minus a sign (prefix), not a binary operator with spaces around it
    return f"{{{text}}}" if v < 0 else text


def math_point(p: np.ndarray, digits: int = 6) -> str:
    """``$(x, y)$`` as inline math."""
    return "$(" + ", ".join(tex(float(v), digits) for v in p) + ")$"


@cache
def _peaks_critical_points() -> tuple:
    return critical_points(get_landscape("peaks"))


@cache
def _peaks_basins(learning_rate: float, epochs: int, grid: int) -> BasinMap:
    return basins(get_landscape("peaks"), learning_rate=learning_rate, epochs=epochs, grid=grid)


def _seed_minimum() -> np.ndarray:
    """The local minimum the lesson's run reaches (the nearest critical point to its end)."""
    end = descend(
        get_landscape("peaks"), SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS
    ).final
    minima = [c for c in _peaks_critical_points() if c.kind == "min"]
    return min(minima, key=lambda c: np.linalg.norm(c.x - end))


# --- figures ------------------------------------------------------------------------------------
def peaks_heatmap(lang: str, *, resolution: int = 201) -> Figure:
    """The peaks landscape as the lesson shows it: an image, ``vmin/vmax = ±5``, a colour bar."""
    fig, ax = new_figure(5.2, 4.2)
    image = plot_heatmap(ax, get_landscape("peaks"), resolution=resolution)
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    fig.colorbar(image, ax=ax, label=label("f_value", lang))
    return fig


def partial_slice(lang: str, *, x0: float, y0: float) -> Figure:
    """∂f/∂x as the slope of a 1D slice: the map with the line y = y0; the slice and its tangent."""
    peaks = get_landscape("peaks")
    fig = Figure(figsize=(9.0, 3.8), layout="constrained")
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.25]})
    plot_heatmap(left, peaks, resolution=161)
    left.axhline(y0, color="white", linewidth=2)
    left.plot([x0], [y0], "o", color=END_COLOR, markeredgecolor="black", markersize=8)
    left.set_title(label("map_title", lang))
    left.set_xlabel(label("x", lang))
    left.set_ylabel(label("y", lang))

    xs = np.linspace(*peaks.domain[0], 400)
    right.plot(
        xs,
        peaks.value(np.stack([xs, np.full_like(xs, y0)], axis=1)),
        color="#333333",
        label=label("slice_curve", lang, y0=y0),
    )
    f0 = float(peaks.value((x0, y0)))
    slope = float(peaks.gradient((x0, y0))[0])
    plot_tangent(
        right,
        x0,
        f0,
        slope,
        halfwidth=0.7,
        color=PATH_COLOR,
        linewidth=2.5,
        label=label("tangent", lang, slope=fmt(slope, 3)),
    )
    right.plot(
        [x0],
        [f0],
        "o",
        color=END_COLOR,
        markeredgecolor="black",
        markersize=8,
        label=label("point", lang, x0=x0, y0=y0),
    )
    right.set_title(label("slice_title", lang, y0=y0))
    right.set_xlabel(label("x", lang))
    right.set_ylabel(label("f", lang))
    right.grid(alpha=0.3)
    right.legend(loc="upper left", fontsize=9)
    return fig


def _map_axes(
    lang: str,
    *,
    view: tuple[float, float] | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (5.2, 4.2),
) -> tuple[Figure, object]:
    """A figure with the peaks heat map, its colour bar and labels (``view``: a wider square)."""
    peaks = get_landscape("peaks")
    fig, ax = new_figure(*figsize)
    domain = None if view is None else (view, view)
    image = plot_heatmap(ax, peaks, resolution=161, domain=domain)
    fig.colorbar(image, ax=ax, label=label("f_value", lang))
    if view is not None:  # the book's map, for comparison
        ax.add_patch(
            Rectangle(
                (-3, -3),
                6,
                6,
                fill=False,
                edgecolor="white",
                linestyle="--",
                linewidth=1.2,
                label=label("map_edge", lang),
            )
        )
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    if title:
        ax.set_title(title)
    return fig, ax


def _trajectory_figure(
    lang: str,
    run: Trajectory,
    learning_rate: float,
    epochs: int,
    view: tuple[float, float] | None,
    legend_loc: str = "lower left",
) -> tuple[Figure, object]:
    """A whole path on the map, start and end marked, with a colour bar and a legend."""
    title = label("descent_title", lang, lr=fmt_rate(learning_rate), epochs=f"{epochs:,}")
    fig, ax = _map_axes(lang, view=view, title=title)
    plot_path(
        ax,
        run.path,
        label=label("path", lang),
        start_label=label("start", lang),
        end_label=label("end", lang),
        linewidth=1.5 if view else 2.0,
    )
    ax.legend(loc=legend_loc, fontsize=9)
    return fig, ax


def seed_trajectory(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """The lesson's trajectory on the map: start and end marked, with a colour bar."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)
    return _trajectory_figure(lang, run, learning_rate, epochs, None)[0]


def descent_animation(
    lang: str,
    *,
    start: tuple[float, float],
    learning_rate: float,
    epochs: int,
    n_frames: int,
    view: tuple[float, float] | None = None,
) -> tuple[Animation, Figure]:
    """The path of gradient descent on peaks drawn step by step; the still shows the whole path."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)
    title = label("descent_title", lang, lr=fmt_rate(learning_rate), epochs=f"{epochs:,}")
    still, _ = _trajectory_figure(lang, run, learning_rate, epochs, view)

    fig, ax = _map_axes(lang, view=view, title=title)
    ax.plot(*run.path[0], "s", color=START_COLOR, markersize=8, markeredgecolor="white")
    (line,) = ax.plot([], [], color=PATH_COLOR, linewidth=1.5 if view else 2.0)
    (dot,) = ax.plot([], [], "o", color=END_COLOR, markeredgecolor="black", markersize=8)
    text = ax.text(
        0.03,
        0.96,
        "",
        transform=ax.transAxes,
        va="top",
        fontsize=10,
        bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"},
    )
    shown = frame_indices(run.epochs_run, n_frames)

    def update(i: int) -> None:
        k = shown[i]
        line.set_data(run.path[: k + 1, 0], run.path[: k + 1, 1])
        dot.set_data([run.path[k, 0]], [run.path[k, 1]])
        text.set_text(label("epoch", lang, k=k))

    frames = render_frames(fig, [line, dot, text], update, len(shown))
    durations = [70] * (len(frames) - 1) + [2000]
    return Animation(tuple(frames), tuple(durations)), still


# --- page: gradient descent in 1D ---------------------------------------------------------------
def gd1d_path(lang: str, *, start: float, learning_rate: float, epochs: int) -> Figure:
    """The 1D recap: the iterates on the curve, and |f′| shrinking as the minimum nears."""
    parabola = get_landscape("parabola")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)
    (minimum,) = critical_points(parabola)
    fig = Figure(figsize=(9.0, 3.6), layout="constrained")
    left, right = fig.subplots(1, 2)
    plot_curve(left, parabola, color="#333333", label=label("curve", lang))
    xs = run.path[:, 0]
    left.plot(xs, run.values, "-", color=PATH_COLOR, linewidth=1, alpha=0.6)
    left.scatter(
        xs,
        run.values,
        c=np.arange(len(xs)),
        cmap="plasma",
        s=22,
        zorder=3,
        label=label("iterates", lang),
    )
    left.axvline(
        minimum.x[0], color="gray", linestyle=":", label=label("minimum_line", lang, x=minimum.x[0])
    )
    left.set_xlabel(label("x", lang))
    left.set_ylabel(label("f1d", lang))
    left.set_title(label("path1d_title", lang))
    left.legend(fontsize=9, loc="upper center")
    right.semilogy(np.arange(len(xs)), run.grad_norms, "o-", color=PATH_COLOR, markersize=3)
    right.set_xlabel(label("epochs_axis", lang))
    right.set_ylabel(label("abs_derivative", lang))
    right.set_title(label("derivative_title", lang))
    right.grid(alpha=0.3, which="both")
    return fig


def gd1d_animation(
    lang: str, *, start: float, learning_rate: float, epochs: int
) -> tuple[Animation, Figure]:
    """A point stepping down the parabola, with its tangent: the step is −η times the slope."""
    parabola = get_landscape("parabola")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)

    def background() -> tuple[Figure, object]:
        fig, ax = new_figure(5.6, 3.8)
        plot_curve(ax, parabola, color="#333333", label=label("curve", lang))
        ax.set_xlabel(label("x", lang))
        ax.set_ylabel(label("f1d", lang))
        ax.set_ylim(0, 22)
        ax.grid(alpha=0.3)
        return fig, ax

    still, ax = background()
    ax.scatter(
        run.path[:, 0],
        run.values,
        c=np.arange(len(run.values)),
        cmap="plasma",
        s=22,
        zorder=3,
        label=label("iterates", lang),
    )
    ax.legend(fontsize=9, loc="upper center")

    fig, ax = background()
    (trail,) = ax.plot([], [], "o", color=PATH_COLOR, alpha=0.35, markersize=4)
    (tangent,) = ax.plot([], [], color=START_COLOR, linewidth=2)
    (dot,) = ax.plot([], [], "o", color=END_COLOR, markeredgecolor="black", markersize=9)
    text = ax.text(
        0.5,
        0.96,
        "",
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize=10,
        bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"},
    )
    slopes = parabola.gradient(run.path)[:, 0]

    def update(k: int) -> None:
        x, fx, d = run.path[k, 0], run.values[k], slopes[k]
        trail.set_data(run.path[:k, 0], run.values[:k])
        tangent.set_data([x - 0.5, x + 0.5], [fx - 0.5 * d, fx + 0.5 * d])
        dot.set_data([x], [fx])
        text.set_text(label("epoch_derivative", lang, k=k, d=fmt(d, 3)))

    frames = render_frames(fig, [trail, tangent, dot, text], update, run.epochs_run + 1)
    durations = [350] * (len(frames) - 1) + [2000]
    return Animation(tuple(frames), tuple(durations)), still


def rippled_stuck(
    lang: str, *, starts: tuple[float, ...], learning_rate: float, epochs: int
) -> Figure:
    """cos(2πx) + x²: descent from exactly 0 never moves (f′(0) = 0); from beside it, it does."""
    bowl = get_landscape("rippled_bowl")
    fig, ax = new_figure(6.0, 3.6)
    plot_curve(ax, bowl, color="#333333", label=label("rippled_curve", lang))
    colors = (START_COLOR, PATH_COLOR)
    for s, color in zip(starts, colors, strict=True):
        run = descend(bowl, s, learning_rate=learning_rate, epochs=epochs)
        ax.plot(
            run.path[:, 0],
            run.values,
            "o-",
            color=color,
            markersize=3,
            linewidth=1,
            label=label("start_at", lang, x=s),
        )
        ax.plot(
            run.path[-1, 0],
            run.values[-1],
            "o",
            color=END_COLOR,
            markeredgecolor="black",
            markersize=8,
        )
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("f1d", lang))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9, loc="upper center")
    return fig


# --- page: gradient descent in 2D -----------------------------------------------------------------
def peaks_views(lang: str) -> Figure:
    """peaks three ways: the lesson's heat map, contour lines, and a 3D surface."""
    peaks = get_landscape("peaks")
    fig = Figure(figsize=(11.0, 3.6), layout="constrained")
    a = fig.add_subplot(1, 3, 1)
    b = fig.add_subplot(1, 3, 2)
    c = fig.add_subplot(1, 3, 3, projection="3d")
    image = plot_heatmap(a, peaks, resolution=161)
    a.set_title(label("heatmap_title", lang))
    xs, ys, z = grid_values(peaks, 121)
    contour = b.contour(xs, ys, z, levels=20, cmap="viridis", vmin=-5, vmax=5)
    b.set_aspect("equal")
    b.set_title(label("contour_title", lang))
    gx, gy = np.meshgrid(xs, ys)
    c.plot_surface(
        gx,
        gy,
        z,
        cmap="viridis",
        vmin=-5,
        vmax=5,
        rstride=2,
        cstride=2,
        linewidth=0,
        antialiased=False,
    )
    c.set_title(label("surface_title", lang))
    c.view_init(elev=35, azim=-60)
    for ax in (a, b, c):
        ax.set_xlabel(label("x", lang))
        ax.set_ylabel(label("y", lang))
    fig.colorbar(image, ax=[a, b], label=label("f_value", lang), shrink=0.9)
    del contour
    return fig


# --- page: 2D is 1D, twice ------------------------------------------------------------------------
def coords_vs_epochs(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """The seed run's x and y coordinates against the epoch: two 1D descents, side by side."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)
    fig, ax = new_figure(6.0, 3.4)
    k = np.arange(run.epochs_run + 1)
    ax.plot(k, run.path[:, 0], color=PATH_COLOR, label=label("x_coord", lang))
    ax.plot(k, run.path[:, 1], color=START_COLOR, label=label("y_coord", lang))
    ax.set_xscale("symlog", linthresh=10)
    ax.set_xlabel(label("epochs_axis", lang))
    ax.set_ylabel(label("coordinate", lang))
    ax.set_title(label("coords_title", lang))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9)
    return fig


def separable_compare(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """On g(x) + h(y): the 2D path, and its coordinates on top of the two 1D runs."""
    sep = get_landscape("separable")
    g, h = get_landscape("parabola"), get_landscape("rippled_bowl")
    both = descend(sep, start, learning_rate=learning_rate, epochs=epochs)
    run_x = descend(g, start[0], learning_rate=learning_rate, epochs=epochs)
    run_y = descend(h, start[1], learning_rate=learning_rate, epochs=epochs)
    fig = Figure(figsize=(9.5, 3.8), layout="constrained")
    left, right = fig.subplots(1, 2)
    xs, ys, z = grid_values(sep, 121)
    left.contour(xs, ys, z, levels=18, cmap="viridis")
    plot_path(
        left,
        both.path,
        label=label("run2d", lang),
        start_label=label("start", lang),
        end_label=label("end", lang),
    )
    left.set_aspect("equal")
    left.set_xlabel(label("x", lang))
    left.set_ylabel(label("y", lang))
    left.set_title(label("separable_title", lang))
    left.legend(fontsize=8, loc="lower left")
    k = np.arange(epochs + 1)
    right.plot(
        k,
        both.path[:, 0],
        color=PATH_COLOR,
        linewidth=3,
        alpha=0.5,
        label=f"{label('run2d', lang)}: x",
    )
    right.plot(k, run_x.path[:, 0], "--", color="black", linewidth=1, label=label("run1d_x", lang))
    right.plot(
        k,
        both.path[:, 1],
        color=START_COLOR,
        linewidth=3,
        alpha=0.5,
        label=f"{label('run2d', lang)}: y",
    )
    right.plot(k, run_y.path[:, 0], ":", color="black", linewidth=1.5, label=label("run1d_y", lang))
    right.set_xlabel(label("epochs_axis", lang))
    right.set_ylabel(label("coordinate", lang))
    right.set_title(label("same_numbers_title", lang))
    right.grid(alpha=0.3)
    right.legend(fontsize=8)
    return fig


# --- page: local and global minima ---------------------------------------------------------------
_MARKERS = {"min": ("v", "white"), "saddle": ("X", "#ff7f0e"), "max": ("^", "black")}


def critical_points_map(lang: str) -> Figure:
    """All nine critical points of peaks on its contour map, the global minimum marked."""
    peaks = get_landscape("peaks")
    fig, ax = new_figure(5.4, 4.6)
    xs, ys, z = grid_values(peaks, 161)
    filled = ax.contourf(xs, ys, z, levels=30, cmap="viridis", vmin=-5, vmax=5)
    ax.contour(xs, ys, z, levels=15, colors="k", linewidths=0.3, alpha=0.4)
    names = {"min": "minimum", "saddle": "saddle", "max": "maximum"}
    shown = set()
    for c in _peaks_critical_points():
        marker, color = _MARKERS[c.kind]
        key = "global_minimum" if c.is_global_min else names[c.kind]
        ax.plot(
            *c.x,
            marker,
            color="#e377c2" if c.is_global_min else color,
            markeredgecolor="black",
            markersize=13 if c.is_global_min else 10,
            label=None if key in shown else label(key, lang),
        )
        shown.add(key)
    fig.colorbar(filled, ax=ax, label=label("f_value", lang))
    ax.set_aspect("equal")
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    ax.set_title(label("critical_title", lang))
    ax.legend(fontsize=8, loc="lower left", framealpha=0.9)
    return fig


_BASIN_COLORS = ("#e377c2", "#17becf", "#bcbd22")


def basins_map(lang: str, *, learning_rate: float, epochs: int, grid: int) -> Figure:
    """Every start on a grid, coloured by the minimum descent reaches from it (grey: none)."""
    peaks = get_landscape("peaks")
    result = _peaks_basins(learning_rate, epochs, grid)
    fig, ax = new_figure(5.2, 5.4)
    cmap = ListedColormap(["#d9d9d9", *_BASIN_COLORS[: len(result.minima)]])
    (x0, x1), (y0, y1) = peaks.domain
    ax.imshow(
        result.labels + 1,
        origin="lower",
        extent=(x0, x1, y0, y1),
        cmap=cmap,
        vmin=0,
        vmax=len(result.minima),
        interpolation="nearest",
    )
    xs, ys, z = grid_values(peaks, 121)
    ax.contour(xs, ys, z, levels=15, colors="k", linewidths=0.3, alpha=0.5)
    handles = [Rectangle((0, 0), 1, 1, color="#d9d9d9", label=label("basin_none", lang))]
    for m, color in zip(result.minima, _BASIN_COLORS, strict=False):
        ax.plot(*m.x, "v", color="white", markeredgecolor="black", markersize=10)
        handles.append(
            Rectangle((0, 0), 1, 1, color=color, label=label("basin_of", lang, v=fmt(m.value, 2)))
        )
    fig.legend(handles=handles, fontsize=8, loc="outside lower center", ncols=2)
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    ax.set_title(
        label("basins_title", lang, lr=fmt_rate(learning_rate), epochs=f"{epochs:,}"), fontsize=10
    )
    return fig


def restarts_chart(lang: str, *, learning_rate: float, epochs: int, grid: int) -> Figure:
    """The chance that k random starts find the global minimum, from the basin map's share."""
    share = _peaks_basins(learning_rate, epochs, grid).global_share
    k = np.arange(1, 21)
    p = [random_restart_success(share, int(n)) for n in k]
    fig, ax = new_figure(5.6, 3.4)
    ax.plot(k, p, "o-", color=PATH_COLOR)
    ax.set_ylim(0, 1.02)
    ax.set_xticks([1, 5, 10, 15, 20])
    ax.set_xlabel(label("restarts_axis", lang))
    ax.set_ylabel(label("success_axis", lang))
    ax.set_title(label("restarts_title", lang))
    ax.grid(alpha=0.3)
    return fig


def ascent_path(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """From the lesson's start, ascent climbs to the global maximum; descent on −f, the same."""
    peaks = get_landscape("peaks")
    up = descend(peaks, start, learning_rate=learning_rate, epochs=epochs, ascent=True)
    neg = make_landscape(-peaks.expr, peaks.variables, peaks.domain, name="-peaks")
    down = descend(neg, start, learning_rate=learning_rate, epochs=epochs)
    fig, ax = _map_axes(lang, title=label("ascent_title", lang))
    plot_path(
        ax,
        up.path,
        label=label("ascent_path", lang),
        start_label=label("start", lang),
        end_label=label("end", lang),
        linewidth=4,
    )
    ax.plot(
        down.path[:, 0],
        down.path[:, 1],
        "--",
        color="white",
        linewidth=1.5,
        label=label("descent_neg_path", lang),
    )
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(0.2, 2.7)
    ax.legend(fontsize=9, loc="lower left")
    return fig


# --- page: exercises ------------------------------------------------------------------------------
def ex_start_minima(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """The seed run and the three minima of peaks with their values: it ends in the highest one."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)
    fig, ax = _trajectory_figure(lang, run, learning_rate, epochs, None, legend_loc="upper left")
    for c in _peaks_critical_points():
        if c.kind == "min":
            ax.plot(*c.x, "v", color="white", markeredgecolor="black", markersize=10)
            ax.annotate(
                f"f = {c.value:.3f}".replace("-", "−"),
                c.x,
                xytext=(8, -14),
                textcoords="offset points",
                color="white",
                fontsize=9,
                bbox={"facecolor": "black", "alpha": 0.55, "edgecolor": "none"},
            )
    return fig


def ex_epochs(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: tuple[int, int]
) -> Figure:
    """The gradient norm along 10,000 epochs: by epoch 1,000 it is already tiny; nothing changes."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=max(epochs))
    fig, ax = new_figure(6.0, 3.4)
    ax.loglog(np.arange(1, run.epochs_run + 2), run.grad_norms, color=PATH_COLOR)
    for k in epochs:
        ax.axvline(k + 1, color="gray", linestyle=":")
        ax.text(
            k + 1,
            run.grad_norms.max(),
            label("epoch_mark", lang, k=f"{k:,}"),
            rotation=90,
            va="top",
            ha="right",
            fontsize=9,
        )
    ax.set_xlabel(label("epochs_axis", lang))
    ax.set_ylabel(label("grad_norm", lang))
    ax.set_title(label("epochs_title", lang))
    ax.grid(alpha=0.3, which="both")
    return fig


def ex_lr_paths(
    lang: str, *, start: tuple[float, float], epochs: int, rates: tuple[float, ...]
) -> Figure:
    """One start, three learning rates: sharp turns, overshooting off the map, barely moving."""
    peaks = get_landscape("peaks")
    fig = Figure(figsize=(11.0, 3.8), layout="constrained")
    axes = fig.subplots(1, len(rates))
    views = {0: (-0.6, 1.2, -0.2, 1.6), 1: (-4.5, 4.5, -4.5, 4.5), 2: (-0.03, 0.03, 1.33, 1.41)}
    for i, (ax, lr) in enumerate(zip(axes, rates, strict=True)):
        run = descend(peaks, start, learning_rate=lr, epochs=epochs)
        x0, x1, y0, y1 = views[i]
        plot_heatmap(ax, peaks, resolution=161, domain=((x0, x1), (y0, y1)))
        if i == 1:
            ax.add_patch(
                Rectangle(
                    (-3, -3),
                    6,
                    6,
                    fill=False,
                    edgecolor="white",
                    linestyle="--",
                    linewidth=1.2,
                    label=label("map_edge", lang),
                )
            )
        plot_path(
            ax,
            run.path,
            linewidth=1.2 if i == 1 else 2.0,
            start_label=label("start", lang),
            end_label=label("end", lang),
        )
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_title(label("lr_title", lang, lr=fmt_rate(lr)))
        ax.set_xlabel(label("x", lang))
        ax.set_ylabel(label("y", lang))
        ax.legend(fontsize=8, loc="lower left")
    return fig


def ex_lr_grid(
    lang: str, *, start: tuple[float, float], rates: tuple[float, ...], epochs: tuple[int, ...]
) -> Figure:
    """The parametric experiment: the final value for every learning rate and number of epochs."""
    values = lr_epochs_grid(start, rates, epochs)
    fig, ax = new_figure(6.4, 3.8)
    image = ax.imshow(
        values.T,
        origin="lower",
        aspect="auto",
        cmap="viridis",
        vmin=-5,
        vmax=5,
        extent=(-0.5, len(rates) - 0.5, -0.5, len(epochs) - 0.5),
    )
    ticks = [i for i, r in enumerate(rates) if np.isclose(np.log10(r), round(np.log10(r)))]
    ax.set_xticks(ticks, [fmt_rate(rates[i]) for i in ticks])
    ax.set_yticks(range(len(epochs)), [f"{e:,}" for e in epochs])
    ax.set_xlabel(label("lr_axis", lang))
    ax.set_ylabel(label("epochs_axis", lang))
    ax.set_title(label("grid_title", lang))
    fig.colorbar(image, ax=ax, label=label("final_value", lang))
    return fig


@cache
def lr_epochs_grid(
    start: tuple[float, float], rates: tuple[float, ...], epochs: tuple[int, ...]
) -> np.ndarray:
    """Final value ``(len(rates), len(epochs))`` of descent from ``start`` (one run per rate)."""
    peaks = get_landscape("peaks")
    out = np.empty((len(rates), len(epochs)))
    for i, lr in enumerate(rates):
        run = descend(peaks, start, learning_rate=lr, epochs=max(epochs))
        for j, e in enumerate(epochs):
            out[i, j] = run.values[min(e, run.epochs_run)]
    return out


# --- numbers pages show -------------------------------------------------------------------------
def terms_values(lang: str, *, x0: float, y0: float) -> dict[str, str]:
    """Numbers and formulas for the terms-and-notation page (inline math, ready to substitute)."""
    peaks = get_landscape("peaks")
    gx, gy = (float(v) for v in peaks.gradient((x0, y0)))
    fx, fy = (sympy.latex(p) for p in peaks.partials)
    return {
        "slice_at_x": f"$x = {tex(x0, 1)}$",
        "slice_at_y": f"$y = {y0:g}$",
        "slice_curve": f"$f(x, {y0:g})$",
        "slice_dfdx": rf"$\partial f / \partial x = {tex(gx, 3)}$",
        "slice_dfdy": rf"$\partial f / \partial y = {tex(gy, 3)}$",
        "slice_grad": rf"$\nabla f = ({tex(gx, 3)}, {tex(gy, 3)})$",
        "peaks_f": f"$$f(x, y) = {peaks.latex}$$",
        "peaks_dfdx": rf"$$\frac{{\partial f}}{{\partial x}} = {fx}$$",
        "peaks_dfdy": rf"$$\frac{{\partial f}}{{\partial y}} = {fy}$$",
    }


def home_values(lang: str) -> dict[str, str]:
    """The seed run's numbers for the home page."""
    run = descend(get_landscape("peaks"), SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS)
    return {
        "seed_start": fmt_point(np.array(SEED_START), 1),
        "seed_lr": fmt_rate(SEED_LR),
        "seed_epochs": f"{SEED_EPOCHS:,}",
        "seed_end": fmt_point(run.final),
    }


def _num(v: float, digits: int = 3) -> str:
    return fmt(float(v), digits)


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%"


def gd1d_values(
    lang: str, *, start: float, learning_rate: float, epochs: int, ripple: dict
) -> dict[str, str]:
    """Numbers of the 1D recap and of the "unfortunate starting value" box."""
    parabola, bowl = get_landscape("parabola"), get_landscape("rippled_bowl")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)
    (minimum,) = critical_points(parabola)
    still, beside = (
        descend(bowl, s, learning_rate=ripple["learning_rate"], epochs=ripple["epochs"])
        for s in ripple["starts"]
    )
    return {
        "recap_f": f"$f(x) = {parabola.latex}$",
        "recap_df": f"$f'(x) = {parabola.partial_latex[0]}$",
        "recap_start": f"$x_0 = {tex(start, 1)}$",
        "recap_lr": f"$\\eta = {fmt_rate(learning_rate)}$",
        "recap_epochs": f"{epochs:,}",
        "recap_end": f"$x = {tex(float(run.final[0]))}$",
        "recap_end_df": f"$f'(x) = {tex(float(parabola.gradient(run.final)[0]), 6)}$",
        "recap_min": f"$x = {minimum.x[0]:g}$",
        "recap_limit": (
            f"$\\eta < 2/{float(parabola.hessian(minimum.x)[0, 0]):g} = "
            f"{stability_limit(parabola, minimum.x):.3f}$"
        ),
        "ripple_df0": f"$f'(0) = {float(bowl.gradient([0.0])[0]):g}$",
        "ripple_start0": f"$x_0 = {tex(ripple['starts'][0], 1)}$",
        "ripple_end0": f"$x = {tex(float(still.final[0]), 4)}$",
        "ripple_epochs": f"{ripple['epochs']:,}",
        "ripple_start1": f"$x_0 = {tex(ripple['starts'][1], 1)}$",
        "ripple_end1": f"$x = {tex(float(beside.final[0]), 4)}$",
    }


def gd2d_values(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> dict[str, str]:
    """The check that the lesson's run ends on a local minimum."""
    peaks = get_landscape("peaks")
    run = descend(peaks, start, learning_rate=learning_rate, epochs=epochs)
    eig = np.linalg.eigvalsh(peaks.hessian(run.final))
    return {
        "seed_end_value": f"$f = {tex(float(run.final_value))}$",
        "seed_end_grad": f"$\\lVert \\nabla f \\rVert = {tex(float(run.final_grad_norm), 2)}$",
        "seed_eig1": f"$\\lambda_1 = {eig[0]:.3f}$",
        "seed_eig2": f"$\\lambda_2 = {eig[1]:.3f}$",
    }


def coords_values(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> dict[str, str]:
    """One 2D run against two 1D runs on a separable function; the coupling of peaks."""
    sep, g, h = (get_landscape(n) for n in ("separable", "parabola", "rippled_bowl"))
    both = descend(sep, start, learning_rate=learning_rate, epochs=epochs)
    run_x = descend(g, start[0], learning_rate=learning_rate, epochs=epochs)
    run_y = descend(h, start[1], learning_rate=learning_rate, epochs=epochs)
    diff = max(
        np.abs(both.path[:, 0] - run_x.path[:, 0]).max(),
        np.abs(both.path[:, 1] - run_y.path[:, 0]).max(),
    )
    peaks = get_landscape("peaks")
    return {
        "sep_f": f"$$f(x, y) = {sep.latex}$$",
        "sep_start": math_point(np.array(start), 1),
        "sep_lr": f"$\\eta = {fmt_rate(learning_rate)}$",
        "sep_epochs": f"{epochs:,}",
        "sep_end_2d": math_point(both.final),
        "sep_end_1d": math_point(np.array([run_x.final[0], run_y.final[0]])),
        "sep_diff": f"${diff:g}$",
        "peaks_mixed": (
            f"$\\partial^2 f / \\partial x \\partial y = {peaks.hessian(SEED_START)[0, 1]:.3f}$"
        ),
        "sep_mixed": f"$\\partial^2 f / \\partial x \\partial y = {sep.hessian(start)[0, 1]:g}$",
        "seed_start_math": math_point(np.array(SEED_START), 1),
    }


_KIND_NAMES = {
    "ko": {"min": "최소점", "saddle": "안장점", "max": "최대점"},
    "en": {"min": "minimum", "saddle": "saddle point", "max": "maximum"},
}
_TABLE_HEAD = {
    "ko": "| 종류 | 위치 $(x, y)$ | 함숫값 $f$ | 헤세 행렬의 고윳값 |\n|---|---|---|---|",
    "en": "| kind | position $(x, y)$ | value $f$ | Hessian eigenvalues |\n|---|---|---|---|",
}
_GLOBAL = {"ko": " (전역)", "en": " (global)"}


def minima_values(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, str]:
    """The critical points table, basin shares, restarts and gradient ascent."""
    peaks = get_landscape("peaks")
    points = _peaks_critical_points()
    rows = [_TABLE_HEAD[lang]]
    for c in points:
        kind = _KIND_NAMES[lang][c.kind] + (_GLOBAL[lang] if c.is_global_min else "")
        eig = ", ".join(tex(float(v), 2) for v in c.eigenvalues)
        rows.append(f"| {kind} | {math_point(c.x, 4)} | ${tex(c.value, 4)}$ | ${eig}$ |")
    result = _peaks_basins(learning_rate, epochs, grid)
    share = result.global_share
    target = 0.9
    k90 = next(k for k in range(1, 1000) if random_restart_success(share, k) >= target)
    up = descend(peaks, SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS, ascent=True)
    neg = make_landscape(-peaks.expr, peaks.variables, peaks.domain, name="-peaks")
    down = descend(neg, SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS)
    counts = {k: sum(c.kind == k for c in points) for k in ("min", "saddle", "max")}
    gmin = next(c for c in points if c.is_global_min)
    others = sorted(
        (float(s), m.value)
        for m, s in zip(result.minima, result.shares, strict=True)
        if not m.is_global_min
    )
    return {
        "cp_table": "\n".join(rows),
        "n_min": str(counts["min"]),
        "n_saddle": str(counts["saddle"]),
        "n_max": str(counts["max"]),
        "n_critical": str(len(points)),
        "global_min": math_point(gmin.x, 4),
        "global_min_value": f"$f = {tex(gmin.value, 4)}$",
        "basin_grid": f"{grid}×{grid}",
        "basin_starts": f"{grid * grid:,}",
        "basin_lr": fmt_rate(learning_rate),
        "basin_epochs": f"{epochs:,}",
        "share_global": _pct(share),
        "share_none": _pct(result.share_none),
        "share_other_low": _pct(others[0][0]),
        "share_other_high": _pct(others[1][0]),
        "restart_p1": _pct(random_restart_success(share, 1)),
        "restart_p5": _pct(random_restart_success(share, 5)),
        "restart_p10": _pct(random_restart_success(share, 10)),
        "restart_k90": str(k90),
        "restart_target": f"{100 * target:.0f}%",
        "ascent_end": math_point(up.final, 4),
        "ascent_value": f"$f = {tex(float(up.final_value), 4)}$",
        "ascent_diff": f"${tex(float(np.abs(up.path - down.path).max()), 2)}$",
    }


def exercise_values(
    lang: str, *, start: tuple[float, float], rates: tuple[float, ...]
) -> dict[str, str]:
    """Every number the exercises and their answers quote."""
    peaks = get_landscape("peaks")
    minima = sorted((c for c in _peaks_critical_points() if c.kind == "min"), key=lambda c: c.value)
    run = {
        lr: descend(peaks, start, learning_rate=lr, epochs=SEED_EPOCHS) for lr in (SEED_LR, *rates)
    }
    long = descend(peaks, start, learning_rate=SEED_LR, epochs=10 * SEED_EPOCHS)
    seed_min = _seed_minimum()
    lam = float(seed_min.eigenvalues.max())
    half = run[rates[1]]
    tiny = run[rates[2]]
    grid = lr_epochs_grid(start, GRID_LRS, GRID_EPOCHS)
    best = np.unravel_index(np.argmin(grid), grid.shape)
    return {
        "ex_start": math_point(np.array(start), 1),
        "ex_min_values": ", ".join(f"${tex(m.value, 3)}$" for m in minima),
        "ex_seed_min_value": f"$f = {tex(seed_min.value, 3)}$",
        "ex_end_1000": math_point(run[SEED_LR].final),
        "ex_end_10000": math_point(long.final),
        "ex_epochs_long": f"{10 * SEED_EPOCHS:,}",
        "ex_epochs_diff": f"${tex(float(np.abs(long.final - run[SEED_LR].final).max()), 2)}$",
        "ex_grad_1000": f"${tex(float(run[SEED_LR].final_grad_norm), 2)}$",
        "ex_lr1": fmt_rate(rates[0]),
        "ex_lr2": fmt_rate(rates[1]),
        "ex_lr3": fmt_rate(rates[2]),
        "ex_lr1_end": math_point(run[rates[0]].final),
        "ex_lr1_diff": f"${tex(float(np.abs(run[rates[0]].final - run[SEED_LR].final).max()), 2)}$",
        "ex_lr2_first": math_point(half.path[1], 3),
        "ex_lr2_end": math_point(half.final, 3),
        "ex_lr2_value": f"$f = {tex(float(half.final_value), 2)}$",
        "ex_lr3_end": math_point(tiny.final, 4),
        "ex_lr3_moved": f"${np.linalg.norm(tiny.final - np.array(start)):.4f}$",
        "ex_lambda_max": f"$\\lambda_{{\\max}} = {lam:.3f}$",
        "ex_lr_limit": f"$2 / \\lambda_{{\\max}} = {2 / lam:.3f}$",
        "ex_grid_size": f"{len(GRID_LRS)} × {len(GRID_EPOCHS)}",
        "ex_grid_best": f"$f = {tex(float(grid[best]), 3)}$",
        "ex_grid_best_lr": fmt_rate(float(f"{GRID_LRS[best[0]]:.3g}")),
        "ex_grid_best_epochs": f"{GRID_EPOCHS[best[1]]:,}",
    }


_SEED = {"start": SEED_START, "learning_rate": SEED_LR, "epochs": SEED_EPOCHS}

REGISTRY = Registry(
    [
        # home and terms
        Entry("peaks_heatmap", "figure", peaks_heatmap, fmt="webp"),
        Entry(
            "partial_slice", "figure", partial_slice, {"x0": SLICE_POINT[0], "y0": SLICE_POINT[1]}
        ),
        Entry(
            "descent_peaks", "animation", descent_animation, {**_SEED, "n_frames": 90}, fmt="webp"
        ),
        Entry(
            "terms_values",
            "values",
            terms_values,
            {"x0": SLICE_POINT[0], "y0": SLICE_POINT[1]},
            fmt="json",
        ),
        Entry("home_values", "values", home_values, fmt="json"),
        # gradient descent in 1D
        Entry("gd1d_path", "figure", gd1d_path, RECAP),
        Entry("gd1d_descent", "animation", gd1d_animation, RECAP, fmt="webp"),
        Entry("rippled_stuck", "figure", rippled_stuck, RIPPLE),
        Entry("gd1d_values", "values", gd1d_values, {**RECAP, "ripple": RIPPLE}, fmt="json"),
        # gradient descent in 2D
        Entry("peaks_views", "figure", peaks_views, fmt="webp"),
        Entry("seed_trajectory", "figure", seed_trajectory, _SEED, fmt="webp"),
        Entry("gd2d_values", "values", gd2d_values, _SEED, fmt="json"),
        # 2D is 1D, twice
        Entry("coords_vs_epochs", "figure", coords_vs_epochs, _SEED),
        Entry("separable_compare", "figure", separable_compare, SEPARABLE),
        Entry("coords_values", "values", coords_values, SEPARABLE, fmt="json"),
        # local and global minima
        Entry("critical_points_map", "figure", critical_points_map, fmt="webp"),
        Entry("basins_map", "figure", basins_map, BASINS, fmt="webp"),
        Entry("restarts_chart", "figure", restarts_chart, BASINS),
        Entry("ascent_path", "figure", ascent_path, _SEED, fmt="webp"),
        Entry("minima_values", "values", minima_values, BASINS, fmt="json"),
        # exercises
        Entry("ex_start_minima", "figure", ex_start_minima, _SEED, fmt="webp"),
        Entry(
            "ex_epochs",
            "figure",
            ex_epochs,
            {
                "start": SEED_START,
                "learning_rate": SEED_LR,
                "epochs": (SEED_EPOCHS, 10 * SEED_EPOCHS),
            },
        ),
        Entry(
            "ex_lr_paths",
            "figure",
            ex_lr_paths,
            {"start": SEED_START, "epochs": SEED_EPOCHS, "rates": EXERCISE_LRS},
            fmt="webp",
        ),
        Entry(
            "ex_lr_half",
            "animation",
            descent_animation,
            {
                "start": SEED_START,
                "learning_rate": EXERCISE_LRS[1],
                "epochs": SEED_EPOCHS,
                "n_frames": 120,
                "view": (-4.5, 4.5),
            },
            fmt="webp",
        ),
        Entry(
            "ex_lr_grid",
            "figure",
            ex_lr_grid,
            {"start": SEED_START, "rates": GRID_LRS, "epochs": GRID_EPOCHS},
            fmt="webp",
        ),
        Entry(
            "exercise_values",
            "values",
            exercise_values,
            {"start": SEED_START, "rates": EXERCISE_LRS},
            fmt="json",
        ),
    ]
)
