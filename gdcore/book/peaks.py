"""The peaks map that most figures draw on, and the facts about peaks that several pages quote.

A heat map with its colour bar and labels (:func:`map_axes`), a whole path on it
(:func:`trajectory_figure`), the path drawn step by step (:func:`descent_animation`), and the
critical points of peaks computed once per build (:func:`critical_points`).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from gdcore.analysis import CriticalPoint
from gdcore.analysis import critical_points as find_critical_points
from gdcore.book import palette
from gdcore.book.animate import Animation, frame_indices, render_frames
from gdcore.book.numfmt import fmt_rate
from gdcore.book.params import PLAYGROUND_TOL
from gdcore.book.plots import (
    END_COLOR,
    MAP_PATH_COLOR,
    OUTLINE,
    START_COLOR,
    halo,
    legend_below,
    plot_heatmap,
    plot_path,
)
from gdcore.book.style import new_figure
from gdcore.book.words import label
from gdcore.descent import Trajectory, descend
from gdcore.landscape import get_landscape


@cache
def critical_points() -> tuple[CriticalPoint, ...]:
    """The nine critical points of peaks, classified (computed once)."""
    return find_critical_points(get_landscape("peaks"))


def value_range() -> tuple[float, float]:
    """The lowest and highest value of peaks: its global minimum's and global maximum's. The
    book's maps of peaks colour exactly this range, so no valley or peak is clipped."""
    values = [c.value for c in critical_points()]
    return min(values), max(values)


def map_axes(
    lang: str,
    *,
    view: tuple[float, float] | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (4.8, 4.0),
) -> tuple[Figure, Axes]:
    """A figure with the peaks heat map, its colour bar and labels (``view``: a wider square,
    with the book's usual map outlined for comparison)."""
    peaks = get_landscape("peaks")
    fig, ax = new_figure(*figsize)
    domain = None if view is None else (view, view)
    low, high = value_range()
    image = plot_heatmap(ax, peaks, resolution=161, domain=domain, vmin=low, vmax=high)
    fig.colorbar(image, ax=ax, label=label("f_value", lang))
    if view is not None:
        outline_map(ax, lang)
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    if title:
        ax.set_title(title)
    return fig, ax


def outline_map(ax: Axes, lang: str) -> Rectangle:
    """The edge of the book's usual map, [−3, 3]², as a dashed white square."""
    return ax.add_patch(
        Rectangle(
            (-3, -3),
            6,
            6,
            fill=False,
            edgecolor=palette.MAP_WHITE,
            linestyle="--",
            linewidth=1.2,
            label=label("map_edge", lang),
        )
    )


def trajectory_figure(
    lang: str,
    run: Trajectory,
    learning_rate: float,
    epochs: int,
    view: tuple[float, float] | None,
) -> tuple[Figure, Axes]:
    """A whole path on the map, start and end marked, with a colour bar and a legend."""
    title = label("descent_title", lang, lr=fmt_rate(learning_rate), epochs=f"{epochs:,}")
    fig, ax = map_axes(lang, view=view, title=title)
    plot_path(
        ax,
        run.path,
        label=label("path", lang),
        start_label=label("start", lang),
        end_label=label("end", lang),
        linewidth=1.5 if view else 2.0,
    )
    fig.set_figheight(fig.get_figheight() + 0.7)  # room for the legend below, off the map
    legend_below(fig, ncols=3, handlelength=1.2, columnspacing=1.0)
    return fig, ax


def epoch_counter(ax: Axes, **text: object) -> Text:
    """An animation's epoch counter: an empty label in the map's top left corner, on a pale box,
    for each frame to fill in (``text``: more of matplotlib's text properties)."""
    return ax.text(
        0.03,
        0.96,
        "",
        transform=ax.transAxes,
        va="top",
        bbox={"facecolor": palette.LABEL_BOX, "alpha": 0.85, "edgecolor": "none"},
        **text,
    )


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
    still, _ = trajectory_figure(lang, run, learning_rate, epochs, view)

    fig, ax = map_axes(lang, view=view, title=title)
    ax.plot(*run.path[0], "s", color=START_COLOR, markersize=8, markeredgecolor=OUTLINE)
    width = 1.5 if view else 2.0
    (line,) = ax.plot([], [], color=MAP_PATH_COLOR, linewidth=width, path_effects=halo(width))
    (dot,) = ax.plot([], [], "o", color=END_COLOR, markeredgecolor=OUTLINE, markersize=8)
    text = epoch_counter(ax)
    shown = frame_indices(run.epochs_run, n_frames)

    def update(i: int) -> None:
        k = shown[i]
        line.set_data(run.path[: k + 1, 0], run.path[: k + 1, 1])
        dot.set_data([run.path[k, 0]], [run.path[k, 1]])
        text.set_text(label("epoch", lang, k=k))

    frames = render_frames(fig, [line, dot, text], update, len(shown))
    durations = [70] * (len(frames) - 1) + [2000]
    return Animation(tuple(frames), tuple(durations)), still


def tol_epoch(path: np.ndarray, tol: float = PLAYGROUND_TOL) -> int:
    """The first epoch whose point on ``path`` has ``‖∇f‖ ≤ tol`` on peaks: where the playground
    and the live figures, which stop there, stop the run; ``len(path)`` if no point does."""
    g = get_landscape("peaks").gradient(path)
    small = np.flatnonzero(np.sum(g * g, axis=-1) <= tol * tol)
    return int(small[0]) if small.size else len(path)
