"""Page ``minima.md``: the critical points of peaks, which minimum each start reaches, how the
learning rate shuts the global minimum out, what random restarts buy, and gradient ascent."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from gdcore.analysis import CriticalPoint, random_restart_success
from gdcore.book import cells, palette
from gdcore.book.memo import memo
from gdcore.book.numfmt import fmt_rate, math_point, order_of, particle, pct, tex
from gdcore.book.pages.shared import (
    BASIN_RADIUS,
    DAUPHIN,
    RISE_TOL,
    cited,
    draw_basins,
    grid_starts,
    largest_curvature,
    largest_curvature_map,
    lesson_minimum,
    map_box,
    peaks_basins,
    power_of_ten,
    rises,
    safe_rates,
    safe_rise_bound,
)
from gdcore.book.params import (
    BASINS,
    GREY_EPOCHS_FACTOR,
    LIMIT_LRS,
    SEED,
    SEED_EPOCHS,
    SEED_LR,
    SEED_START,
)
from gdcore.book.peaks import critical_points
from gdcore.book.plots import PATH_COLOR, grid_values, halo, legend_below, plot_heatmap, plot_path
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label, word
from gdcore.descent import Trajectory, descend
from gdcore.landscape import get_landscape, make_landscape

_MARKERS = {
    "min": (palette.MARKERS["minimum"], palette.mark("minimum")),
    "saddle": (palette.MARKERS["saddle"], palette.mark("saddle")),
    "max": (palette.MARKERS["maximum"], palette.mark("maximum")),
}
#: The works the page cites: how a sentence names one (authors, year, where in the work), and its
#: entry in the page's reference list (authors, year, title, venue).
REFERENCES = {
    "dauphin": (*DAUPHIN[:2], "", DAUPHIN[2]),
    "nesterov": (
        "Nesterov",
        2004,
        "§1.2",
        "Yurii Nesterov (2004). *Introductory Lectures on Convex Optimization: A Basic Course*. "
        "Kluwer Academic Publishers.",
    ),
}


def spread_bound(share_gap: float) -> float:
    """A gap between two shares (a fraction) as percentage points rounded up to one decimal: the
    bound "at most … percentage points" states (0.0042 → 0.5, never 0.4)."""
    return math.ceil(round(1000 * share_gap, 9)) / 10


def references(lang: str) -> dict[str, str]:
    """The page's cited works (:func:`gdcore.book.pages.shared.cited`)."""
    return cited(REFERENCES, lang)


def critical_points_map(lang: str) -> Figure:
    """All nine critical points of peaks on its contour map, the global minimum marked."""
    peaks = get_landscape("peaks")
    fig, ax = new_figure(4.8, 5.3)  # the legend's four rows below the map
    xs, ys, z = grid_values(peaks, 161)
    filled = ax.contourf(xs, ys, z, levels=30, cmap="viridis", vmin=-5, vmax=5)
    ax.contour(xs, ys, z, levels=15, colors=palette.OUTLINE, linewidths=0.3, alpha=0.4)
    names = {"min": "minimum", "saddle": "saddle", "max": "maximum"}
    shown = set()
    for c in critical_points():
        marker, color = _MARKERS[c.kind]
        key = "global_minimum" if c.is_global_min else names[c.kind]
        ax.plot(
            *c.x,
            marker,
            color=color,  # white: the global minimum is told by its size, not a basin's colour
            markeredgecolor=palette.OUTLINE,
            markersize=13 if c.is_global_min else 10,
            # the legend says the global minimum is a local minimum too (its ▽ only larger)
            label=None
            if key in shown
            else label("lowest_local_minimum" if c.is_global_min else key, lang),
        )
        shown.add(key)
        if c.is_global_min:  # named on the map too: the legend's two ▽ differ only in size
            ax.annotate(
                label(key, lang),
                c.x,
                xytext=(12, -4),
                textcoords="offset points",
                ha="left",
                va="center",
                bbox={"facecolor": palette.LABEL_BOX, "alpha": 0.85, "edgecolor": "none"},
            )
    fig.colorbar(filled, ax=ax, label=label("f_value", lang))
    ax.set_aspect("equal")
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    ax.set_title(label("critical_title", lang))
    fig.legend(loc="outside lower center", ncols=1)  # below the map, off the data
    return fig


#: The test of a run that ends in the global minimum's basin without arriving
#: (:func:`inside_deep_valley`): from its end point, this many more epochs at this learning rate,
#: the basin map's own, arrive at the global minimum. The live basin map reads the same two
#: numbers (:func:`gdcore.book.live.live_data`) and draws the same starts light green.
VALLEY_CHECK = {"learning_rate": BASINS["learning_rate"], "epochs": BASINS["epochs"]}


@cache
@memo
def inside_deep_valley(learning_rate: float, epochs: int, grid: int) -> np.ndarray:
    """Per start of the basin map (shaped like its labels): whether its run arrives at no minimum
    (and does not diverge) but ends inside the deep valley, the global minimum's valley: gentle
    descent from its end point (:data:`VALLEY_CHECK`) arrives at the global minimum."""
    peaks = get_landscape("peaks")
    result = peaks_basins(learning_rate, epochs, grid)
    unarrived = np.flatnonzero((result.labels.ravel() < 0) & ~result.diverged.ravel())
    out = np.zeros(result.labels.size, dtype=bool)
    if unarrived.size:
        ends = result.final.reshape(-1, peaks.dim)[unarrived]
        gentle = descend(peaks, ends, **VALLEY_CHECK, keep_path=False)
        gmin = next(m for m in result.minima if m.is_global_min)
        out[unarrived] = np.linalg.norm(gentle.final - gmin.x, axis=1) <= BASIN_RADIUS
    return out.reshape(result.labels.shape)


def basins_map(lang: str, *, learning_rate: float, epochs: int, grid: int) -> Figure:
    """Every start on a grid, coloured by the minimum descent reaches from it (grey: none)."""
    fig, ax = new_figure(4.8, 6.0)
    handles = draw_basins(ax, peaks_basins(learning_rate, epochs, grid), lang)
    fig.legend(handles=handles, loc="outside lower center", ncols=1)
    ax.set_title(label("descent_title", lang, lr=fmt_rate(learning_rate), epochs=f"{epochs:,}"))
    return fig


def basins_by_rate(lang: str, *, rates: tuple[float, ...], epochs: int, grid: int) -> Figure:
    """The basin maps of two learning rates, one above the other: below and above the global
    minimum's stability limit, where the starts of its valley end inside it without arriving."""
    fig = Figure(figsize=(4.8, 4.6 * len(rates) + 1.6), layout="constrained")
    axes = fig.subplots(len(rates), 1)
    handles: dict[str, Rectangle] = {}
    for ax, lr in zip(axes, rates, strict=True):
        result = peaks_basins(lr, epochs, grid)
        drawn = draw_basins(ax, result, lang, inside_deep_valley(lr, epochs, grid))
        handles.update((h.get_label(), h) for h in drawn)
        ax.set_title(label("descent_title", lang, lr=fmt_rate(lr), epochs=f"{epochs:,}"))
    fig.legend(handles=list(handles.values()), loc="outside lower center", ncols=1)
    return fig


def restarts_chart(lang: str, *, learning_rate: float, epochs: int, grid: int) -> Figure:
    """The chance that k random starts find the global minimum, from the basin map's share."""
    share = peaks_basins(learning_rate, epochs, grid).global_share
    k = np.arange(1, 21)
    p = [random_restart_success(share, int(n)) for n in k]
    fig, ax = new_figure(4.8, 3.6)
    ax.plot(k, p, "o-", color=PATH_COLOR)
    ax.set_ylim(0, 1.02)
    ax.set_xticks([1, 5, 10, 15, 20])
    ax.set_xlabel(label("restarts_axis", lang))
    ax.set_ylabel(label("success_axis", lang))
    ax.set_title(label("restarts_title", lang))
    ax.grid(alpha=0.3)
    return fig


@cache
def ascent_two_ways(
    start: tuple[float, float], learning_rate: float, epochs: int
) -> tuple[Trajectory, Trajectory]:
    """Gradient ascent on peaks, and gradient descent on −peaks, from the same start."""
    peaks = get_landscape("peaks")
    up = descend(peaks, start, learning_rate=learning_rate, epochs=epochs, ascent=True)
    neg = make_landscape(-peaks.expr, peaks.variables, peaks.domain, name="-peaks")
    return up, descend(neg, start, learning_rate=learning_rate, epochs=epochs)


def ascent_path(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """From the lesson's start, ascent climbs to the global maximum; descent on −f, the same."""
    up, down = ascent_two_ways(start, learning_rate, epochs)
    # a close-up of the climb, coloured from the lowest value in view to the summit's (the
    # lesson's ±5 would paint the whole peak one clipped yellow), with contour lines to cross
    peaks = get_landscape("peaks")
    centre = (up.path.min(axis=0) + up.path.max(axis=0)) / 2
    view = [(c - half, c + half) for c, half in zip(centre, (0.36, 0.3), strict=True)]
    xs, ys, z = grid_values(peaks, 161, view)
    fig, ax = new_figure(4.8, 4.6)
    image = plot_heatmap(ax, peaks, resolution=161, domain=view, vmin=z.min(), vmax=z.max())
    ax.contour(xs, ys, z, levels=12, colors=palette.OUTLINE, linewidths=0.4, alpha=0.5)
    fig.colorbar(image, ax=ax, label=label("f_value", lang))
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    ax.set_title(label("ascent_title", lang))
    # the two runs coincide: the ascent drawn wide, descent on −f as thin dashes on top of it
    # (a thin edge, not the full halo that hid the path), both under the start and end markers
    _, start_mark, end_mark = plot_path(
        ax,
        up.path,
        label=label("ascent_path", lang),
        start_label=label("start", lang),
        end_label=label("end", lang),
        linewidth=6,
    )
    ax.plot(
        down.path[:, 0],
        down.path[:, 1],
        "--",
        color=palette.mark("second", "map"),
        linewidth=1.2,
        dashes=(3, 2),
        path_effects=halo(1.2, width=0.6),  # a thin edge: the path still shows either side
        zorder=2.5,
        label=label("descent_neg_path", lang),
    )
    for m in (start_mark, end_mark):
        m.set_zorder(3)
    legend_below(fig, ncols=2)
    return fig


def critical_points_table(lang: str) -> str:
    """The nine critical points as a Markdown table: kind, position, value, Hessian eigenvalues."""
    head = [word(f"values.table_{k}", lang) for k in ("kind", "position", "value", "eigenvalues")]
    rows = ["| " + " | ".join(head) + " |", "|---|---|---|---|"]
    for c in critical_points():
        kind = word(f"values.kind_{c.kind}", lang)
        kind += word("values.global_suffix", lang) if c.is_global_min else ""
        eig = ", ".join(tex(float(v), 2) for v in c.eigenvalues)
        rows.append(f"| {kind} | {math_point(c.x, 4)} | ${tex(c.value, 4)}$ | ${eig}$ |")
    return "\n".join(rows)


def nearest_minimum_misses(learning_rate: float, epochs: int, grid: int) -> float:
    """Of the starts that reach a minimum, the share that reach one other than the nearest."""
    result = peaks_basins(learning_rate, epochs, grid)
    starts = np.stack([m.ravel() for m in np.meshgrid(*result.axes)], axis=-1)
    centres = np.stack([m.x for m in result.minima])
    nearest = np.linalg.norm(starts[:, None] - centres[None], axis=-1).argmin(axis=1)
    reached = result.labels.ravel()
    arrived = reached >= 0
    return float(np.mean(nearest[arrived] != reached[arrived]))


def _outside_map(points: np.ndarray) -> np.ndarray:
    """Which points lie outside the map, the box the basin map's starts fill."""
    (x0, x1), (y0, y1) = get_landscape("peaks").domain
    x, y = points[:, 0], points[:, 1]
    return (x < x0) | (x > x1) | (y < y0) | (y > y1)


@cache
@memo
def grey_later(learning_rate: float, epochs: int, grid: int, factor: int) -> tuple[float, float]:
    """Of the grey starts (no minimum after ``epochs``), the shares that arrive at one with
    ``factor`` times as many epochs, and that are outside the map by then."""
    result = peaks_basins(learning_rate, epochs, grid)
    grey = result.final.reshape(-1, len(result.axes))[result.labels.ravel() < 0]
    run = descend(  # the same runs, carried on from where the basin map stopped them
        get_landscape("peaks"), grey, learning_rate=learning_rate,
        epochs=(factor - 1) * epochs, tol=1e-10, keep_path=False,
    )  # fmt: skip
    centres = np.stack([m.x for m in result.minima])
    near = np.linalg.norm(run.final[:, None] - centres[None], axis=-1).min(axis=1) <= BASIN_RADIUS
    arrived = near & (run.status != "diverged")
    return float(np.mean(arrived)), float(np.mean(_outside_map(run.final)))


#: The random starts that estimate the chance of one uniformly random start arriving at the global
#: minimum (the grid's share is a share of grid starts, not a probability), and their seed.
RANDOM_STARTS = 10_000
RANDOM_SEED = 20261205


@cache
@memo
def random_global_share(
    learning_rate: float, epochs: int, n: int, seed: int
) -> tuple[float, float]:
    """The share of ``n`` starts drawn uniformly at random from the map (numpy's generator,
    ``seed``) whose runs arrive at the global minimum, and its standard error
    ``sqrt(p(1 − p)/n)``."""
    peaks = get_landscape("peaks")
    (x0, x1), (y0, y1) = peaks.domain
    rng = np.random.default_rng(seed)
    starts = np.stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)], axis=-1)
    run = descend(peaks, starts, learning_rate=learning_rate, epochs=epochs, keep_path=False)
    gmin = next(c for c in critical_points() if c.is_global_min)
    near = np.linalg.norm(run.final - gmin.x, axis=1) <= BASIN_RADIUS
    p = float(np.mean(near & (run.status != "diverged")))
    return p, float(np.sqrt(p * (1 - p) / n))


def grey_outside(learning_rate: float, epochs: int, grid: int) -> tuple[float, float, float]:
    """Of the grey starts, the share whose run has left the map when the epochs run out; and
    there, the largest |f| and the largest ‖∇f‖ (the flat ground around the peaks)."""
    peaks = get_landscape("peaks")
    result = peaks_basins(learning_rate, epochs, grid)
    ends = result.final.reshape(-1, peaks.dim)[result.labels.ravel() < 0]
    out = ends[_outside_map(ends)]
    grad = np.linalg.norm(np.stack([peaks.gradient(p) for p in out]), axis=1)
    return len(out) / len(ends), float(np.abs(peaks.value(out)).max()), float(grad.max())


def limits_table(lang: str, rates: tuple[float, ...], epochs: int, grid: int) -> str:
    """Per local minimum: its value, λmax, stability limit 2/λmax and the share of starts that
    arrive at it, per rate."""
    head = [
        word("values.table_minimum", lang),
        word("values.table_lambda", lang) + r" $\lambda_{\max}$",
        word("values.table_limit", lang) + r" $2 / \lambda_{\max}$",
        *(word("values.table_share", lang, lr=fmt_rate(lr)) for lr in rates),
    ]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    minima = [c for c in critical_points() if c.kind == "min"]
    for m in sorted(minima, key=lambda c: c.value):
        lam = float(m.eigenvalues.max())
        shares = []
        for lr in rates:
            result = peaks_basins(lr, epochs, grid)
            i = next(i for i, b in enumerate(result.minima) if np.allclose(b.x, m.x))
            shares.append(pct(float(result.shares[i])))
        kind = f"$f = {tex(m.value, 3)}$"
        rows.append(f"| {kind} | ${lam:.2f}$ | ${2 / lam:.3f}$ | " + " | ".join(shares) + " |")
    return "\n".join(rows)


def other_shares(rates: tuple[float, ...], epochs: int, grid: int) -> np.ndarray:
    """The shares of the two local minima other than the global one, ``(2, len(rates))``, rows
    ordered by the minimum's value."""
    minima = sorted((c for c in critical_points() if c.kind == "min"), key=lambda c: c.value)
    table = []
    for m in minima[1:]:
        row = []
        for lr in rates:
            result = peaks_basins(lr, epochs, grid)
            row.append(next(s for b, s in zip(result.minima, result.shares, strict=True)
                            if np.allclose(b.x, m.x)))  # fmt: skip
        table.append(row)
    return np.array(table, dtype=float)


#: The longest cycle looked for at the end of the runs inside the deep valley (epochs).
CYCLE_MAX = 32
#: A run's last ``2 * CYCLE_MAX`` epochs repeat with period k when every point lies within this
#: distance of the point k epochs before.
CYCLE_TOL = 1e-9


@cache
def valley_tails(learning_rate: float, epochs: int, grid: int) -> np.ndarray:
    """The last ``2 * CYCLE_MAX + 1`` points of the runs that end inside the deep valley without
    arriving (one descent, shared by :func:`valley_cycles` and :func:`valley_periods`)."""
    inside = inside_deep_valley(learning_rate, epochs, grid).ravel()
    starts = grid_starts(grid)[inside]
    path = descend(get_landscape("peaks"), starts, learning_rate=learning_rate, epochs=epochs).path
    return path[:, -2 * CYCLE_MAX - 1 :]


@cache
@memo
def valley_cycles(
    learning_rate: float, epochs: int, grid: int
) -> tuple[float, float, float, float, bool]:
    """Of the runs that end inside the deep valley without arriving: the share whose last
    epochs repeat with period 2 (a 2-cycle), the smallest and largest distance of those cycles'
    two points to the global minimum, the share that repeat with any period up to
    :data:`CYCLE_MAX`, and whether every 2-cycle has its two points on opposite sides of the
    minimum along the eigenvector of λmax."""
    peaks = get_landscape("peaks")
    result = peaks_basins(learning_rate, epochs, grid)
    tail = valley_tails(learning_rate, epochs, grid)
    gmin = next(m for m in result.minima if m.is_global_min)

    def repeats(k: int) -> np.ndarray:
        return np.all(np.linalg.norm(tail[:, k:] - tail[:, :-k], axis=-1) < CYCLE_TOL, axis=1)

    two = repeats(2)
    dist = np.linalg.norm(tail[two, -2:] - gmin.x, axis=-1)
    any_cycle = np.any(np.stack([repeats(k) for k in range(1, CYCLE_MAX + 1)]), axis=0)
    near, far = (float(dist.min()), float(dist.max())) if two.any() else (np.nan, np.nan)
    v_max = np.linalg.eigh(peaks.hessian(gmin.x))[1][:, 1]
    sides = (tail[two, -2:] - gmin.x) @ v_max
    opposite = bool(np.all(np.sign(sides[:, 0]) == -np.sign(sides[:, 1])))
    return float(np.mean(two)), near, far, float(np.mean(any_cycle)), opposite


@cache
@memo
def valley_periods(learning_rate: float, epochs: int, grid: int) -> list[float]:
    """For each period k = 1 … :data:`CYCLE_MAX`, the share of the runs ending inside the deep
    valley whose last epochs repeat with period k."""
    tail = valley_tails(learning_rate, epochs, grid)
    gaps = [np.linalg.norm(tail[:, k:] - tail[:, :-k], axis=-1) for k in range(1, CYCLE_MAX + 1)]
    return [float(np.mean(np.all(g < CYCLE_TOL, axis=1))) for g in gaps]


def inside_share(learning_rate: float, epochs: int, grid: int) -> float:
    """The share of the starts that end inside the deep valley without arriving."""
    return float(np.mean(inside_deep_valley(learning_rate, epochs, grid)))


def best_end_inside(learning_rate: float, epochs: int, grid: int) -> tuple[bool, float]:
    """Whether the lowest end point of the basin map's runs belongs to a start that ends inside
    the deep valley without arriving, and its value."""
    peaks = get_landscape("peaks")
    result = peaks_basins(learning_rate, epochs, grid)
    ends = result.final.reshape(-1, peaks.dim)
    values = np.where(result.diverged.ravel(), np.inf, peaks.value(ends))
    k = int(np.argmin(values))
    return bool(inside_deep_valley(learning_rate, epochs, grid).ravel()[k]), float(values[k])


def _points(share: float, lang: str) -> str:
    """A difference of two shares in percentage points, one decimal: ``0.004`` → ``0.4퍼센트포인트``
    / ``0.4 percentage points`` (a standard error of a share is not a percentage of it)."""
    return f"{100 * share:.1f}" + ("퍼센트포인트" if lang == "ko" else " percentage points")


def _minimum_name(point: CriticalPoint, lang: str) -> str:
    """How the page names a local minimum that is not the global one: the reference run's minimum
    by that name, another by its value of f."""
    if np.allclose(point.x, lesson_minimum().x):
        return "기준 실행이 도착하는 극소점" if lang == "ko" else "the reference run's minimum"
    value = f"$f = {tex(point.value, 3)}$"
    return f"{value}인 극소점" if lang == "ko" else f"the local minimum with {value}"


#: A learning rate just above 2/L (below the first rate of ``LIMIT_LRS`` above the limit) at which
#: f still never rises along the basin map's runs: the bound is sufficient, not necessary.
JUST_ABOVE_LR = 0.063

#: A learning rate just above the global minimum's limit 2/λmax (≈ 0.0663), where the error along
#: the steep eigenvector grows so slowly that a run of the page's epochs can still end within the
#: arrival distance: in the quadratic model no run converges there, yet a finite run may arrive.
OVER_GLOBAL_LR = 0.0665


def over_global_count(epochs: int, grid: int) -> int:
    """How many of the basin map's starts arrive at the global minimum at :data:`OVER_GLOBAL_LR`."""
    result = peaks_basins(OVER_GLOBAL_LR, epochs, grid)
    g = next(i for i, m in enumerate(result.minima) if m.is_global_min)
    return int(np.sum(result.labels == g))


def _listed(names: list[str], lang: str) -> str:
    """Rates listed as a sentence reads them: ``0.01 and 0.05`` (Korean: ``0.01과 0.05``, the
    particle read aloud)."""
    if lang == "ko":
        return ", ".join(f"{a}{particle(a, '과')}" for a in names[:-1]) + " " + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def minima_values(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, str]:
    """The critical points table, basin shares, the stability limits, restarts and ascent."""
    points = critical_points()
    result = peaks_basins(learning_rate, epochs, grid)
    share = result.global_share
    target = 0.9
    k90 = next(k for k in range(1, 1000) if random_restart_success(share, k) >= target)
    up, down = ascent_two_ways(SEED_START, SEED_LR, SEED_EPOCHS)
    counts = {k: sum(c.kind == k for c in points) for k in ("min", "saddle", "max")}
    gmin = next(c for c in points if c.is_global_min)
    glam = float(gmin.eigenvalues.max())
    others = sorted(
        (
            (float(s), m.value, m)
            for m, s in zip(result.minima, result.shares, strict=True)
            if not m.is_global_min
        ),
        key=lambda t: (t[0], t[1]),
    )
    below, *above = LIMIT_LRS
    if len(above) != 2:
        raise ValueError(f"the page names two rates above the limit; LIMIT_LRS has {LIMIT_LRS}")
    out_share, _, _ = grey_outside(learning_rate, epochs, grid)
    later_arrived, later_out = grey_later(learning_rate, epochs, grid, GREY_EPOCHS_FACTOR)
    spread = other_shares(LIMIT_LRS, epochs, grid)
    spread = float((spread.max(axis=1) - spread.min(axis=1)).max())
    cycle_mid = valley_cycles(above[0], epochs, grid)
    big_map, where = largest_curvature_map(grid)
    return {
        **references(lang),
        "cp_table": critical_points_table(lang),
        "n_min": str(counts["min"]),
        "n_saddle": str(counts["saddle"]),
        "n_max": str(counts["max"]),
        "n_critical": str(len(points)),
        "global_min": math_point(gmin.x, 4),
        "global_min_value": f"$f = {tex(gmin.value, 4)}$",
        "basin_box": map_box(),
        "basin_side": str(grid),
        "safe_L_map": f"$L = {big_map:.2f}$",
        "safe_L_where": math_point(np.array(where), 4),
        "safe_lr_map": f"$2/L \\approx {2 / big_map:.5f}$",
        "share_other_low": pct(others[0][0]),
        "share_other_high": pct(others[1][0]),
        "other_low_name": _minimum_name(others[0][2], lang),
        "other_high_name": _minimum_name(others[1][2], lang),
        "share_not_nearest": pct(nearest_minimum_misses(learning_rate, epochs, grid)),
        "grey_out": pct(out_share),
        "grey_epochs": f"{GREY_EPOCHS_FACTOR * epochs:,}",
        "grey_reached": pct(later_arrived),
        "random_n": f"{RANDOM_STARTS:,}",
        "random_share": pct(
            random_global_share(learning_rate, epochs, RANDOM_STARTS, RANDOM_SEED)[0]
        ),
        "random_se_pp": _points(
            random_global_share(learning_rate, epochs, RANDOM_STARTS, RANDOM_SEED)[1], lang
        ),
        "grey_out_later": pct(later_out),
        "limits_table": limits_table(lang, LIMIT_LRS, epochs, grid),
        "global_lambda": f"$\\lambda_{{\\max}} = {glam:.2f}$",
        "global_limit": f"$2 / \\lambda_{{\\max}} = {2 / glam:.3f}$",
        "limit_lr_below": fmt_rate(below),
        "limit_lr_mid": fmt_rate(above[0]),
        "limit_lr_high": fmt_rate(above[-1]),
        "limit_share_below": pct(peaks_basins(below, epochs, grid).global_share),
        "factor_mid": f"${tex(1 - above[0] * glam, 2)}$",
        "factor_high": f"${tex(1 - above[-1] * glam, 2)}$",
        "inside_share_lesson": pct(inside_share(learning_rate, epochs, grid)),
        "inside_share_mid": pct(inside_share(above[0], epochs, grid)),
        "cycle_share_mid": pct(cycle_mid[0]),
        "cycle_near": f"${cycle_mid[1]:.3f}$",
        "cycle_far": f"${cycle_mid[2]:.3f}$",
        "cycle_max": str(CYCLE_MAX),
        "cycle_window": str(2 * CYCLE_MAX),
        "cycle_tol": power_of_ten("CYCLE_TOL", CYCLE_TOL),
        "inside_share_high": pct(inside_share(above[-1], epochs, grid)),
        "other_spread": f"{spread_bound(spread):.1f}",
        "rise_share_mid": pct(rises(above[0], epochs, grid)[1]),
        "just_above_lr": fmt_rate(JUST_ABOVE_LR),
        "over_global_lr": fmt_rate(OVER_GLOBAL_LR),
        "over_global_factor": f"${tex(1 - OVER_GLOBAL_LR * glam, 3)}$",
        "over_global_growth": f"{100 * (abs(1 - OVER_GLOBAL_LR * glam) - 1):.1f}%",
        "over_global_count": f"{over_global_count(epochs, grid):,}",
        "safe_lr": f"$2/L \\approx {2 / largest_curvature(grid):.5f}$",
        "safe_rates": _listed([fmt_rate(r) for r in safe_rates()], lang),
        "safe_rise": power_of_ten("the rise bound", safe_rise_bound(epochs, grid)),
        "rise_tol": power_of_ten("RISE_TOL", RISE_TOL),
        "restart_p1": pct(random_restart_success(share, 1)),
        "restart_p5": pct(random_restart_success(share, 5)),
        "restart_p10": pct(random_restart_success(share, 10)),
        "restart_k90": str(k90),
        "restart_target": f"{100 * target:.0f}%",
        "ascent_end": math_point(up.final, 4),
        "ascent_value": f"$f = {tex(float(up.final_value), 4)}$",
        "ascent_diff": order_of(float(np.abs(up.path - down.path).max())),
    }


def minima_claims(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, Claim]:
    """What the page says about basins, stability limits and ascent, checked over every case
    its sentences name."""
    points = critical_points()
    gmin = next(c for c in points if c.is_global_min)
    glam = float(gmin.eigenvalues.max())
    limit = 2 / glam
    below, *above = LIMIT_LRS
    shares = {lr: peaks_basins(lr, epochs, grid) for lr in LIMIT_LRS}
    misses = nearest_minimum_misses(learning_rate, epochs, grid)
    later_arrived, later_out = grey_later(learning_rate, epochs, grid, GREY_EPOCHS_FACTOR)
    out_share, out_f, out_grad = grey_outside(learning_rate, epochs, grid)
    others = sorted((c for c in points if c.kind == "min"), key=lambda c: c.value)[1:]
    table = other_shares(LIMIT_LRS, epochs, grid)
    spread = float((table.max(axis=1) - table.min(axis=1)).max())
    shown_spread = spread_bound(spread) / 100
    up, down = ascent_two_ways(SEED_START, SEED_LR, SEED_EPOCHS)
    top = max((c for c in points if c.kind == "max"), key=lambda c: c.value)
    diff = float(np.abs(up.path - down.path).max())
    big = largest_curvature(grid)
    big_map, where = largest_curvature_map(grid)
    rise_mid = rises(above[0], epochs, grid)
    just = rises(JUST_ABOVE_LR, epochs, grid)[0]
    safe = {r: rises(r, epochs, grid) for r in safe_rates()}
    safe_bound = safe_rise_bound(epochs, grid)
    best = {lr: best_end_inside(lr, epochs, grid) for lr in above}
    cycles = {lr: valley_cycles(lr, epochs, grid) for lr in above}
    periods = valley_periods(above[-1], epochs, grid)
    rand_p, rand_se = random_global_share(learning_rate, epochs, RANDOM_STARTS, RANDOM_SEED)
    grid_p = float(peaks_basins(learning_rate, epochs, grid).global_share)
    return {
        "random_share_matches_grid": Claim(
            abs(rand_p - grid_p) <= 2 * rand_se,
            f"{RANDOM_STARTS} uniform random starts (seed {RANDOM_SEED}): {rand_p:.4f} ± "
            f"{rand_se:.4f} arrive at the global minimum; grid share {grid_p:.4f}",
        ),
        "nearest_valley_usually": Claim(
            0 < misses < 0.5, f"{misses:.4f} of the arriving starts arrive at another minimum"
        ),
        "grey_slide_out": Claim(
            out_share > 0 and out_f < 0.05 and out_grad < 0.05,
            f"{out_share:.4f} of the grey ends outside the map; there |f| ≤ {out_f:.3g}, "
            f"‖∇f‖ ≤ {out_grad:.3g}",
        ),
        "grey_partly_slow": Claim(
            0 < later_arrived < 1 and later_out > out_share,
            f"with {GREY_EPOCHS_FACTOR}x epochs {later_arrived:.4f} of the grey starts arrive, "
            f"{later_out:.4f} are outside the map (after {epochs}: {out_share:.4f})",
        ),
        "global_limit_between_rates": Claim(
            below < limit < min(above), f"{below} < 2/λmax = {limit:.4f} < {min(above)}"
        ),
        "no_start_arrives_at_global_above_limit": Claim.every(
            {f"η = {lr}": shares[lr].global_share == 0 for lr in above},
            ", ".join(f"η={lr}: {shares[lr].global_share}" for lr in above),
        ),
        "deep_valley_runs_inside": Claim.every(
            {f"η = {lr}": inside_share(lr, epochs, grid) > 0.1 for lr in above},
            ", ".join(f"η={lr}: {inside_share(lr, epochs, grid):.4f}" for lr in LIMIT_LRS),
        ),
        # the live map draws light green by VALLEY_CHECK as the static figure does (the browser
        # tests hold it to inside_deep_valley start by start); what the page says of its shares:
        "live_valley_shares": Claim.every(
            {
                # at the map's first settings the extra epochs continue each run at its own rate
                f"η = {learning_rate}: slow runs, still on their way (the map's own rate)": (
                    VALLEY_CHECK["learning_rate"] == learning_rate
                    and 0 < inside_share(learning_rate, epochs, grid) < 0.05
                ),
                **{
                    f"η = {lr}: no start arrives at the global minimum, many end in its basin, "
                    "the rate is above its stability limit": (
                        shares[lr].global_share == 0
                        and inside_share(lr, epochs, grid) > 0.1
                        and lr > 2 / glam
                    )
                    for lr in above
                },
            },
            ", ".join(
                f"η={lr}: {inside_share(lr, epochs, grid):.4f} end in the global minimum's basin "
                f"without arriving (light green); global share "
                f"{peaks_basins(lr, epochs, grid).global_share}"
                for lr in (learning_rate, *above)
            )
            + f"; the check: {VALLEY_CHECK['epochs']} more epochs at η = "
            f"{VALLEY_CHECK['learning_rate']}",
        ),
        "factor_below_minus_one": Claim.every(
            {f"η = {lr}": 1 - lr * glam < -1 for lr in above},
            f"λmax = {glam:.4f}: "
            + ", ".join(f"1 − {lr}λmax = {1 - lr * glam:.3f}" for lr in above),
        ),
        "valley_two_cycle": Claim(
            cycles[above[0]][0] > 0.9 and cycles[above[0]][4],
            f"η = {above[0]}: {cycles[above[0]][0]:.4f} of the runs inside the deep valley in a "
            f"2-cycle, {cycles[above[0]][1]:.4f} and {cycles[above[0]][2]:.4f} from the minimum, "
            f"on opposite sides: {cycles[above[0]][4]}",
        ),
        "valley_no_cycle": Claim.every(
            {f"period {k}": share == 0 for k, share in enumerate(periods, start=1)},
            f"η = {above[-1]}: shares of the deep-valley runs repeating with period 1 to "
            f"{CYCLE_MAX}: {periods}",
        ),
        "starts_reach_global_below_limit": Claim(
            shares[below].global_share > 0.1, f"η={below}: {shares[below].global_share:.4f}"
        ),
        "other_minima_stable_at_all_rates": Claim.every(
            {
                f"f = {m.value:.3f}, η = {lr}": bool(
                    lr < 2 / float(m.eigenvalues.max())
                    and table[i].max() - table[i].min() <= shown_spread
                )
                for i, m in enumerate(others)
                for lr in LIMIT_LRS
            },
            f"shares {table.round(4).tolist()}, largest spread {spread:.4f}; limits "
            f"{[round(2 / float(m.eigenvalues.max()), 4) for m in others]}",
        ),
        "safe_never_rises": Claim.every(
            {
                f"η = {r}": r < 2 / big and safe[r][0] <= RISE_TOL and safe[r][0] < safe_bound
                for r in safe_rates()
            },
            f"2/L = {2 / big:.5f}; largest rise of f per epoch over all {grid * grid} runs: "
            + ", ".join(f"η = {r}: {safe[r][0]:.3g}" for r in safe_rates())
            + f"; each below the stated bound {safe_bound:g}",
        ),
        "over_global_arrives": Claim.every(
            {
                "η above the global minimum's limit 2/λmax": limit < OVER_GLOBAL_LR,
                "the factor 1 − ηλmax below −1": 1 - OVER_GLOBAL_LR * glam < -1,
                "the error grows by less than 1 % per epoch": abs(1 - OVER_GLOBAL_LR * glam) < 1.01,
                "some start still arrives at the global minimum": over_global_count(epochs, grid)
                > 0,
            },
            f"η = {OVER_GLOBAL_LR} > 2/λmax = {limit:.5f}; factor {1 - OVER_GLOBAL_LR * glam:.5f}; "
            f"{over_global_count(epochs, grid)} of {grid * grid} starts arrive after {epochs} "
            "epochs",
        ),
        "just_above_no_rise": Claim.every(
            {
                "η above 2/L (on the map)": 2 / big_map < JUST_ABOVE_LR,
                "η below the rate the page shows f rising at": above[0] > JUST_ABOVE_LR,
                # the largest one-epoch rise over every run and every epoch: each of them checked
                f"every one of the {grid * grid} runs, every epoch": just <= RISE_TOL,
            },
            f"2/L = {2 / big_map:.5f} < η = {JUST_ABOVE_LR} < {above[0]}: largest one-epoch rise "
            f"of f over all {grid * grid} runs {just:.3g} (rounding: at most {RISE_TOL:.0e})",
        ),
        "rises_above_limit": Claim(
            above[0] > 2 / big and rise_mid[1] > 0,
            f"η = {above[0]} > 2/L = {2 / big:.4f}: f rises by more than {RISE_TOL:g} along "
            f"{rise_mid[1]:.4f} of the runs (largest rise {rise_mid[0]:.3g})",
        ),
        "restart_best_inside": Claim.every(
            {f"η = {lr}": best[lr][0] for lr in above},
            ", ".join(f"η={lr}: lowest end f = {best[lr][1]:.4f}" for lr in above),
        ),
        "ascent_reaches_global_maximum": Claim(
            bool(np.linalg.norm(up.final - top.x) < 1e-3 and top.x[1] > SEED_START[1]),
            f"end {up.final.tolist()}, highest maximum {top.x.tolist()}, start y {SEED_START[1]}",
        ),
        "ascent_two_ways_agree": Claim(diff < 1e-12, f"largest difference {diff:.3g}"),
        "largest_curvature_off_grid": Claim(
            big_map > big and f"{2 / big_map:.5f}" < f"{2 / big:.5f}",
            f"over the grid points L = {big:.4f}; refined over the map L = {big_map:.4f} at "
            f"{where}; 2/L = {2 / big:.5f} and {2 / big_map:.5f}",
        ),
    }


_NEWTON = """\
gradient = sympy.lambdify((x, y), [sympy.diff(f_expr, x), sympy.diff(f_expr, y)], cse=True)
hessian = sympy.lambdify((x, y), sympy.hessian(f_expr, (x, y)), cse=True)


def newton(p):
    \"\"\"Newton's method for grad f = 0 from p: a critical point, or None.\"\"\"
    for _ in range(50):
        H = np.array(hessian(*p), dtype=float)
        if abs(np.linalg.det(H)) < 1e-12:
            return None
        step = np.linalg.solve(H, gradient(*p))
        p = p - step
        if np.abs(p).max() > {half}:
            return None  # left the map
        if np.linalg.norm(step) < 1e-14:
            break
    return p if np.linalg.norm(gradient(*p)) < 1e-10 else None


found = []
for sx in np.linspace(-{half}, {half}, {n}):
    for sy in np.linspace(-{half}, {half}, {n}):
        p = newton(np.array([sx, sy]))
        if p is not None and all(np.linalg.norm(p - q) > 1e-6 for q in found):
            found.append(p)

kinds = []
for p in found:
    eig = np.linalg.eigvalsh(np.array(hessian(*p), dtype=float))
    kinds.append("min" if eig.min() > 0 else "max" if eig.max() < 0 else "saddle")
minima = sorted((p for p, k in zip(found, kinds) if k == "min"), key=lambda p: f(*p))
best = minima[0]  # the deepest
print("critical points =", len(found))
counts = [kinds.count(k) for k in ("min", "saddle", "max")]
print("minima, saddle points, maxima =", *counts)
print("global minimum (x, y) =", best[0], best[1])
print("f there =", f(*best))
"""

_BASINS = """\
xs = np.linspace(-{half}, {half}, {grid})
SX, SY = np.meshgrid(xs, xs)
px, py = SX.ravel(), SY.ravel()  # all the starts at once, as numpy arrays
eta = {lr}
for _ in range({epochs}):
    gx, gy = gradient(px, py)
    px, py = px - eta * gx, py - eta * gy

centres = np.array(minima)
distance = np.hypot(px[:, None] - centres[:, 0], py[:, None] - centres[:, 1])
nearest = distance.argmin(axis=1)
label = np.where(distance.min(axis=1) <= {radius}, nearest, -1)  # -1: reached none

fig, ax = plt.subplots(figsize=(6, 5))
ax.imshow(label.reshape(SX.shape), extent=[-{half}, {half}, -{half}, {half}], origin="lower")
plt.show()

for i, p in enumerate(minima):
    print(f"share reaching minimum {{i}} (f {{f(*p):.3f}}) =", np.mean(label == i))
print("share reaching none =", np.mean(label == -1))
share = np.mean(label == 0)  # minima[0] is the global minimum
"""


def minima_notebook(lang: str, *, learning_rate: float, epochs: int, grid: int) -> list[Code]:
    """The page's notebook: critical points by Newton's method, the basin map with one numpy
    loop over all starts, restarts, and gradient ascent."""
    peaks = get_landscape("peaks")
    points = critical_points()
    counts = [sum(c.kind == k for c in points) for k in ("min", "saddle", "max")]
    gmin = next(c for c in points if c.is_global_min)
    glam = float(gmin.eigenvalues.max())
    result = peaks_basins(learning_rate, epochs, grid)
    half = peaks.domain[0][1]
    by_value = sorted(zip(result.minima, result.shares, strict=True), key=lambda m: m[0].value)
    order = {id(m): k for k, (m, _) in enumerate(by_value)}
    names = {0: "share_global", 1: "share_other_high", 2: "share_other_low"}
    others = sorted((s for m, s in by_value if not m.is_global_min), reverse=True)
    share_checks = []
    for m, s in zip(result.minima, result.shares, strict=True):  # printed in the loop's order
        name = "share_global" if m.is_global_min else names[1 + others.index(s)]
        share_checks.append((order[id(m)], Check(name, float(s))))
    share = result.global_share
    k90 = next(k for k in range(1, 1000) if random_restart_success(share, k) >= 0.9)
    up, _ = ascent_two_ways(SEED_START, SEED_LR, SEED_EPOCHS)
    restarts = (
        "ks = np.arange(1, 21)\n"
        "chance = 1 - (1 - share) ** ks\n"
        "fig, ax = plt.subplots(figsize=(6, 4))\n"
        'ax.plot(ks, chance, "o-")\n'
        'ax.set_xlabel("random starts")\n'
        "plt.show()\n\n"
        "for k in (1, 5, 10):\n"
        '    print(f"chance with {k} starts =", 1 - (1 - share) ** k)\n'
        "k = 1\n"
        "while 1 - (1 - share) ** k < 0.9:\n"
        "    k += 1\n"
        'print("starts needed for 90% =", k)\n'
    )
    ascent = (
        f"eta, epochs = {SEED_LR}, {SEED_EPOCHS}\n"
        f"up = np.array({SEED_START})  # gradient ascent: a step along the gradient\n"
        "down = up.copy()  # gradient descent on -f\n"
        "neg_gradient = sympy.lambdify((x, y), [sympy.diff(-f_expr, x), sympy.diff(-f_expr, y)])\n"
        "up_path, down_path = [up], [down]\n"
        "for _ in range(epochs):\n"
        "    up = up + eta * np.array(gradient(*up))\n"
        "    down = down - eta * np.array(neg_gradient(*down))\n"
        "    up_path.append(up)\n"
        "    down_path.append(down)\n"
        "up_path, down_path = np.array(up_path), np.array(down_path)\n\n"
        + cells.show_map()
        + 'ax.plot(up_path[:, 0], up_path[:, 1], color="tab:red", linewidth=3)\n'
        'ax.plot(down_path[:, 0], down_path[:, 1], "--", color="white")\n'
        "plt.show()\n\n"
        'print("gradient ascent ends at (x, y) =", up[0], up[1])\n'
        'print("f there =", f(*up))\n'
        'print("largest difference between the two paths:", np.abs(up_path - down_path).max())\n'
    )
    cp_map = (
        "fig, ax = plt.subplots(figsize=(6, 5))\n"
        'ax.contour(X, Y, Z, levels=20, colors="gray", linewidths=0.5)\n'
        'markers = {"min": "v", "saddle": "X", "max": "^"}\n'
        "for p, k in zip(found, kinds):\n"
        '    ax.plot(p[0], p[1], markers[k], color="tab:pink" if p is best else "black")\n'
        "plt.show()\n"
    )
    limit = (
        "lam_max = np.linalg.eigvalsh(np.array(hessian(*best), dtype=float)).max()\n"
        'print("largest eigenvalue at the global minimum =", lam_max)\n'
        'print("its stability limit 2 / lam_max =", 2 / lam_max)\n'
    )
    return [
        Code(cells.IMPORTS + "\n\n" + cells.PEAKS + cells.PEAKS_MAP, "start"),
        Code(
            _NEWTON.format(half=half, n=21),
            "after:n_max",  # the paragraph that counts them, before their map and table
            (
                Check("n_critical", len(points)),
                Check("n_min", counts[0]),
                Check("n_saddle", counts[1]),
                Check("n_max", counts[2]),
                Check("global_min", gmin.x[0], 0),
                Check("global_min", gmin.x[1], 1),
                Check("global_min_value", gmin.value),
            ),
        ),
        Code(cp_map, "fig-critical-points"),
        Code(
            _BASINS.format(
                half=half, grid=grid, lr=learning_rate, epochs=epochs, radius=BASIN_RADIUS
            ),
            "fig-basins",
            (
                *(c for _, c in sorted(share_checks, key=lambda t: t[0])),
                Check("share_none", result.share_none),
            ),
        ),
        Code(
            limit,
            "after:global_limit",
            (Check("global_lambda", glam), Check("global_limit", 2 / glam, 1)),
        ),
        Code(
            restarts,
            "fig-restarts",
            (
                Check("restart_p1", random_restart_success(share, 1)),
                Check("restart_p5", random_restart_success(share, 5)),
                Check("restart_p10", random_restart_success(share, 10)),
                Check("restart_k90", k90),
            ),
        ),
        Code(
            ascent,
            "fig-ascent",
            (
                Check("ascent_end", up.final[0], 0),
                Check("ascent_end", up.final[1], 1),
                Check("ascent_value", float(up.final_value)),
            ),
        ),
    ]


ENTRIES = (
    Entry("critical_points_map", "figure", critical_points_map, fmt="webp"),
    Entry("basins_map", "figure", basins_map, BASINS, fmt="webp"),
    Entry("restarts_chart", "figure", restarts_chart, BASINS),
    Entry("ascent_path", "figure", ascent_path, SEED, fmt="webp"),
    Entry(
        "basins_by_rate",
        "figure",
        basins_by_rate,
        {
            "rates": (LIMIT_LRS[0], LIMIT_LRS[-1]),
            "epochs": BASINS["epochs"],
            "grid": BASINS["grid"],
        },
        fmt="webp",
    ),
    Entry("minima_values", "values", minima_values, BASINS, fmt="json"),
    Entry("minima_claims", "claims", minima_claims, BASINS, fmt="json"),
    Entry("minima_notebook", "notebook", minima_notebook, BASINS, fmt="json"),
)
