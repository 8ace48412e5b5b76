"""Page ``index.md`` (the home page): its first figure, the course it follows, and the basin map's
grid as the home page describes it (its settings, shares, the safe learning rate 2/L and its checks
are shared with the minima page, which computes and explains them: ``shared.py``, ``minima.py``).

The first figure is the book's thesis in one picture: gradient descent from a few starts at once on
peaks, at the lesson's learning rate, with the map's contour lines and its three minima marked as
the playground marks them (▽, the deepest larger). The lesson's run ends in the shallowest valley;
another start reaches the deepest; where a run ends depends on where it starts."""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from gdcore.analysis import CriticalPoint
from gdcore.book import palette
from gdcore.book.animate import Animation, frame_indices, render_frames
from gdcore.book.numfmt import fmt_point, fmt_rate
from gdcore.book.pages.shared import ANIMATION_FRAMES, BASIN_RADIUS, frames_claim, map_box
from gdcore.book.params import BASINS, CONTOUR_GRID, CONTOUR_LEVELS, SEED
from gdcore.book.peaks import critical_points, epoch_counter, map_axes
from gdcore.book.plots import END_COLOR, MAP_PATH_COLOR, OUTLINE, START_COLOR, grid_values, halo
from gdcore.book.registry import Claim, Entry
from gdcore.book.words import label
from gdcore.descent import Trajectory, descend
from gdcore.landscape import get_landscape

#: The year the lesson was taken: the study note this book grew from dates from it (its pasted
#: images are dated 2024-10-16); cited with the course on the landing page.
COURSE_TAKEN = 2024

#: The home figure's starts besides the lesson's: one whose run reaches the deepest valley, one
#: that ends in the left-hand valley, one that slides off the map over the flat ground (the
#: caption names the first and the last; its claim checks where each run ends).
HOME_DEEP_START = (1.8, -2.5)
HOME_LEFT_START = (-2.5, 0.5)
HOME_OUT_START = (1.5, 2.5)
#: The home figure's runs: the lesson's first (drawn on top, in the path's colour).
HOME = {
    "starts": (SEED["start"], HOME_DEEP_START, HOME_LEFT_START, HOME_OUT_START),
    "learning_rate": SEED["learning_rate"],
    "epochs": SEED["epochs"],
}
#: How long each frame shows, in ms: those up to epoch ``SLOW_UNTIL`` (where the book's run covers
#: almost all of its path) longer, the rest shorter, the last held.
SLOW_UNTIL, SLOW_MS, FAST_MS, HOLD_MS = 60, 150, 45, 2000
#: A minimum's ▽ on the map, in points: the deepest larger (as the playground draws them).
MIN_SIZE, GLOBAL_MIN_SIZE = 9.0, 13.0


@cache
def home_runs(
    starts: tuple[tuple[float, float], ...], learning_rate: float, epochs: int
) -> tuple[Trajectory, ...]:
    """The home figure's runs, one per start, every epoch (no stopping rule, as the lesson's);
    computed once for the figure's four versions and its claims."""
    peaks = get_landscape("peaks")
    return tuple(descend(peaks, s, learning_rate=learning_rate, epochs=epochs) for s in starts)


def _minima() -> list[CriticalPoint]:
    return [c for c in critical_points() if c.kind == "min"]


def _home_map(lang: str, runs: tuple[Trajectory, ...], learning_rate: float, epochs: int) -> Axes:
    """The map under the runs: peaks, its contour lines (the live maps' grid and levels), the
    minima's ▽ with the deepest named, and each run's start."""
    title = label("descent_title", lang, lr=fmt_rate(learning_rate), epochs=f"{epochs:,}")
    _, ax = map_axes(lang, title=title)
    xs, ys, z = grid_values(get_landscape("peaks"), CONTOUR_GRID)
    ax.contour(
        xs,
        ys,
        z,
        levels=CONTOUR_LEVELS,
        colors=OUTLINE,
        linewidths=0.45,
        alpha=0.5,
        negative_linestyles="solid",
    )
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(ys[0], ys[-1])
    for m in _minima():
        size = GLOBAL_MIN_SIZE if m.is_global_min else MIN_SIZE
        ax.plot(*m.x, palette.MARKERS["minimum"], color=palette.MAP_WHITE, markersize=size,
                markeredgecolor=OUTLINE, zorder=2.2)  # fmt: skip
        if m.is_global_min:
            ax.annotate(
                label("deepest_valley", lang),
                m.x,
                xytext=(-12, -4),
                textcoords="offset points",
                ha="right",
                va="center",
                bbox={"facecolor": palette.LABEL_BOX, "alpha": 0.85, "edgecolor": "none"},
            )
    for i, run in enumerate(runs):
        ax.plot(*run.path[0], palette.MARKERS["start"], color=START_COLOR,
                markersize=8 if i == 0 else 6.5, markeredgecolor=OUTLINE, zorder=3)  # fmt: skip
    return ax


def _path_style(i: int) -> dict[str, object]:
    """The lesson's run (0) in the path's colour, the others white and thinner, under it."""
    width = 2.0 if i == 0 else 1.3
    color = MAP_PATH_COLOR if i == 0 else palette.SERIES_MAP[0]
    return {"color": color, "linewidth": width, "path_effects": halo(width),
            "solid_capstyle": "round", "zorder": 2.6 if i == 0 else 2.4}  # fmt: skip


def _end_style(i: int) -> dict[str, object]:
    return {"color": END_COLOR, "markeredgecolor": OUTLINE, "markersize": 7 if i == 0 else 5.5,
            "zorder": 3.2 if i == 0 else 3.1}  # fmt: skip


def home_animation(
    lang: str,
    *,
    starts: tuple[tuple[float, float], ...],
    learning_rate: float,
    epochs: int,
    n_frames: int,
) -> tuple[Animation, Figure]:
    """The lesson's run (the first start's) drawn step by step (the epochs ``frame_indices``
    picks) over the whole paths of the other runs; the still shows every path whole.

    Only the lesson's run moves: an animated WebP stores each frame's changed rectangle, and four
    paths moving at once change most of the map in every early frame (the 2× file 176 KB against
    91 KB, on the home page's first screen, where Lighthouse's largest contentful paint waits for
    it; measured 2026-12-07)."""
    runs = home_runs(starts, learning_rate, epochs)
    still = _home_map(lang, runs, learning_rate, epochs)
    ax = _home_map(lang, runs, learning_rate, epochs)
    for i, run in enumerate(runs):
        for target in (still, ax) if i else (still,):
            target.plot(run.path[:, 0], run.path[:, 1], **_path_style(i))
            target.plot(*run.path[-1], palette.MARKERS["end"], **_end_style(i))

    lesson = runs[0]
    (line,) = ax.plot([], [], **_path_style(0))
    (dot,) = ax.plot([], [], palette.MARKERS["end"], **_end_style(0))
    text = epoch_counter(ax, zorder=4)
    shown = frame_indices(int(lesson.epochs_run), n_frames)

    def update(f: int) -> None:
        k = shown[f]
        line.set_data(lesson.path[: k + 1, 0], lesson.path[: k + 1, 1])
        dot.set_data([lesson.path[k, 0]], [lesson.path[k, 1]])
        text.set_text(label("epoch", lang, k=k))

    frames = render_frames(ax.figure, [line, dot, text], update, len(shown))
    # the frames where the run moves most, longer: its descent takes about half the loop
    durations = [SLOW_MS if k <= SLOW_UNTIL else FAST_MS for k in shown[:-1]] + [HOLD_MS]
    return Animation(tuple(frames), tuple(durations)), still.figure


def _arrives(run: Trajectory, m: CriticalPoint) -> bool:
    return bool(np.linalg.norm(run.final - m.x) <= BASIN_RADIUS)


def home_figure_values(
    lang: str, *, starts: tuple[tuple[float, float], ...], learning_rate: float, epochs: int
) -> dict[str, str]:
    """The two starts the home figure's caption names, each kept on one line."""
    return {
        "home_deep_start": fmt_point(np.array(HOME_DEEP_START), 1).replace(", ", ",\u00a0"),
        "home_out_start": fmt_point(np.array(HOME_OUT_START), 1).replace(", ", ",\u00a0"),
    }


def home_figure_claims(
    lang: str, *, starts: tuple[tuple[float, float], ...], learning_rate: float, epochs: int
) -> dict[str, Claim]:
    """Where each of the home figure's runs ends: every run somewhere else (a different minimum,
    or off the map); of them only the run from ``HOME_DEEP_START`` arrives at the deepest
    minimum; the lesson's run at the shallowest; the run from ``HOME_OUT_START`` ends off the
    map."""
    peaks = get_landscape("peaks")
    runs = home_runs(starts, learning_rate, epochs)
    minima = _minima()
    deepest = next(m for m in minima if m.is_global_min)
    shallowest = max(minima, key=lambda m: m.value)

    def fate(run: Trajectory) -> str:
        if not bool(peaks.contains(run.final[None])[0]):
            return "off the map"
        near = [i for i, m in enumerate(minima) if _arrives(run, m)]
        return f"minimum {near[0]}" if near else "no minimum"

    fates = [fate(r) for r in runs]
    deep = starts.index(HOME_DEEP_START)
    out = starts.index(HOME_OUT_START)
    at_deepest = [i for i, r in enumerate(runs) if _arrives(r, deepest)]
    return {
        "home_frames": frames_claim(epochs),
        "home_runs_end": Claim.every(
            {
                "every run ends somewhere else": len(set(fates)) == len(fates)
                and "no minimum" not in fates,
                "only the named run reaches the deepest": at_deepest == [deep],
                "the lesson's run ends in the shallowest": _arrives(runs[0], shallowest),
                "the named run ends off the map": fates[out] == "off the map",
            },
            f"ends {[r.final.round(4).tolist() for r in runs]}: {fates}",
        ),
    }


def home_values(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, str]:
    """The year the course was taken, and the basin map's box and grid side."""
    return {
        "course_taken": f"{COURSE_TAKEN}",
        "home_box": map_box(),
        "home_side": str(grid),
    }


ENTRIES = (
    Entry("home_values", "values", home_values, BASINS, fmt="json"),
    Entry(
        "home_descent",
        "animation",
        home_animation,
        {**HOME, "n_frames": ANIMATION_FRAMES},
        fmt="webp",
    ),
    Entry("home_figure_values", "values", home_figure_values, HOME, fmt="json"),
    Entry("home_figure_claims", "claims", home_figure_claims, HOME, fmt="json"),
)
