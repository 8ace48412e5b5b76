"""Page ``exercises.md``: the seed's explorations (start, epochs, learning rate) with answers."""

from __future__ import annotations

import inspect
import math
from functools import cache

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from gdcore.analysis import CriticalPoint, basins
from gdcore.book import cells, palette
from gdcore.book.memo import memo
from gdcore.book.numfmt import (
    ceil_to,
    fmt_rate,
    math_point,
    native_count,
    native_ordinal,
    order_of,
    pct,
    tex,
)
from gdcore.book.pages.shared import (
    NOISY_RADIUS,
    best_heavy_ball,
    best_plain_rate,
    bowl_eigenvalues,
    heavy_ball_rate,
    power_of_ten,
    rise_bound,
    three_digits,
)
from gdcore.book.params import (
    ARRIVAL_LRS,
    EX_BOWL,
    EX_LOSS,
    EX_MOMENTUM,
    EX_NOISE,
    EX_PEAKS_MOMENTUM,
    EXERCISE_LRS,
    GRID_EPOCHS,
    GRID_LRS,
    PLAYGROUND_TOL,
    PREDICT,
    SEED,
    SEED_EPOCHS,
    SEED_LR,
    SEED_START,
)
from gdcore.book.peaks import (
    critical_points,
    descent_animation,
    outline_map,
    tol_epoch,
    trajectory_figure,
)
from gdcore.book.plots import (
    PATH_COLOR,
    halo,
    legend_below,
    plot_heatmap,
    plot_path,
    series_style,
)
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label, word
from gdcore.descent import Trajectory, descend
from gdcore.landscape import get_landscape

#: The distance within which a run's end point has arrived at a minimum: the basin maps' radius
#: (the glossary's "arrive").
ARRIVE_RADIUS: float = inspect.signature(basins).parameters["radius"].default
#: How far the quadratic model's count of epochs to arrive may miss the measured count, as a share
#: of the model's count (exercise 4 states it).
ARRIVAL_RULE_TOL = 0.35


def seed_minimum() -> CriticalPoint:
    """The local minimum the reference run arrives at (the nearest critical point to its end)."""
    end = descend(
        get_landscape("peaks"), SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS
    ).final
    minima = [c for c in critical_points() if c.kind == "min"]
    return min(minima, key=lambda c: np.linalg.norm(c.x - end))


@cache
@memo
def lr_epochs_grid(
    start: tuple[float, float], rates: tuple[float, ...], epochs: tuple[int, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Where descent from ``start`` is after each number of epochs, for each learning rate.

    Returns the points ``(len(rates), len(epochs), 2)`` and the values there (one run per rate).
    """
    peaks = get_landscape("peaks")
    points = np.empty((len(rates), len(epochs), 2))
    for i, lr in enumerate(rates):
        run = descend(peaks, start, learning_rate=lr, epochs=max(epochs))
        for j, e in enumerate(epochs):
            points[i, j] = run.path[min(e, run.epochs_run)]
    return points, peaks.value(points)


#: The outcomes of the learning rate × epochs experiment (their words), in the figure's order.
OUTCOMES = ("outcome_on_the_way", "outcome_arrived", "outcome_bouncing", "outcome_left_map")
_OUTCOME_COLORS = tuple(palette.OUTCOMES[k.removeprefix("outcome_")] for k in OUTCOMES)


def lr_epochs_outcomes(
    start: tuple[float, float], rates: tuple[float, ...], epochs: tuple[int, ...]
) -> np.ndarray:
    """Each cell's outcome (an index into :data:`OUTCOMES`): outside the map; arrived (within
    :data:`ARRIVE_RADIUS` of the reference run's minimum); elsewhere above that minimum's stability
    limit (bouncing); or on the way."""
    points, _ = lr_epochs_grid(start, rates, epochs)
    peaks = get_landscape("peaks")
    seed_min = seed_minimum()
    limit = 2 / float(seed_min.eigenvalues.max())
    arrived = np.linalg.norm(points - seed_min.x, axis=-1) <= ARRIVE_RADIUS
    bouncing = np.array(rates)[:, None] > limit
    outcome = np.where(arrived, 1, np.where(bouncing, 2, 0))
    return np.where(peaks.contains(points), outcome, 3)


def ex_start_minima(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """The seed run and the three minima of peaks with their values: it ends in the highest one."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)
    fig, ax = trajectory_figure(lang, run, learning_rate, epochs, None)
    for c in critical_points():
        if c.kind == "min":
            # under the run's end marker (which may sit on it), labels away from each other
            ax.plot(
                *c.x,
                "v",
                color=palette.MAP_WHITE,
                markeredgecolor=palette.OUTLINE,
                markersize=10,
                zorder=1.9,
            )
            left = c.x[0] < 0
            ax.annotate(
                f"f = {c.value:.3f}".replace("-", "−"),
                c.x,
                xytext=(0, 10) if left else (8, -14),  # above the left one: inside the map
                textcoords="offset points",
                ha="center" if left else "left",
                color=palette.MAP_WHITE,
                bbox={"facecolor": palette.INK, "alpha": 0.75, "edgecolor": "none"},
            )
    return fig


def ex_epochs(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: tuple[int, int]
) -> Figure:
    """The gradient norm along 10,000 epochs: by epoch 1,000 it is already tiny; nothing changes."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=max(epochs))
    fig, ax = new_figure(4.8, 3.8)
    ax.loglog(np.arange(1, run.epochs_run + 2), run.grad_norms, color=PATH_COLOR)
    for k in epochs:
        ax.axvline(k + 1, color=palette.GUIDE, linestyle=":")
        ax.text(
            k + 1,
            run.grad_norms.max(),
            label("epoch_mark", lang, k=f"{k:,}"),
            rotation=90,
            va="top",
            ha="right",
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
    fig = Figure(figsize=(4.8, 4.1 * len(rates) + 0.6), layout="constrained")  # stacked
    axes = fig.subplots(len(rates), 1)
    views = {0: (-0.6, 1.2, -0.2, 1.6), 1: (-4.5, 4.5, -4.5, 4.5), 2: (-0.03, 0.03, 1.33, 1.41)}
    for i, (ax, lr) in enumerate(zip(axes, rates, strict=True)):
        run = descend(peaks, start, learning_rate=lr, epochs=epochs)
        x0, x1, y0, y1 = views[i]
        plot_heatmap(ax, peaks, resolution=161, domain=((x0, x1), (y0, y1)))
        if i == 1:
            outline_map(ax, lang)
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
    handles, labels = axes[1].get_legend_handles_labels()  # the middle map also has the edge
    legend_below(fig, handles=handles, labels=labels, ncols=len(labels))
    return fig


def ex_lr_grid(
    lang: str, *, start: tuple[float, float], rates: tuple[float, ...], epochs: tuple[int, ...]
) -> Figure:
    """The parametric experiment: where each learning rate is after each number of epochs."""
    outcome = lr_epochs_outcomes(start, rates, epochs)
    limit = 2 / float(seed_minimum().eigenvalues.max())
    fig, ax = new_figure(4.8, 4.6)
    ax.imshow(
        outcome.T,
        origin="lower",
        aspect="auto",
        cmap=ListedColormap(_OUTCOME_COLORS),
        vmin=-0.5,
        vmax=len(OUTCOMES) - 0.5,
        extent=(-0.5, len(rates) - 0.5, -0.5, len(epochs) - 0.5),
        interpolation="nearest",
    )
    logs = np.log10(rates)
    at = np.interp(np.log10(limit), logs, np.arange(len(rates)))  # the limit, in cell units
    ax.axvline(
        at,
        color=palette.INK,
        linestyle="--",
        linewidth=1.5,
        path_effects=halo(1.5, palette.MAP_WHITE),
    )
    ax.text(at, len(epochs) - 0.45, label("limit_mark", lang), ha="right", va="bottom")
    ticks = [i for i, r in enumerate(rates) if np.isclose(np.log10(r), round(np.log10(r)))]
    ax.set_xticks(ticks, [fmt_rate(rates[i]) for i in ticks])
    ax.set_yticks(range(len(epochs)), [f"{e:,}" for e in epochs])
    ax.set_xlabel(label("lr_axis", lang))
    ax.set_ylabel(label("epochs_count_axis", lang))
    handles = [
        Rectangle((0, 0), 1, 1, color=c, label=label(o, lang))
        for o, c in zip(OUTCOMES, _OUTCOME_COLORS, strict=True)
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=1)
    return fig


@cache
def arrival_epochs(start: tuple[float, float], learning_rate: float, epochs: int = 3000) -> int:
    """After how many epochs descent from ``start`` is within :data:`ARRIVE_RADIUS` of the
    reference run's minimum for good (runs ``epochs`` epochs; raises ``ValueError`` if it has not
    arrived by then)."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)
    far = np.flatnonzero(np.linalg.norm(run.path - seed_minimum().x, axis=1) > ARRIVE_RADIUS)
    if far.size and far[-1] == run.epochs_run:
        raise ValueError(
            f"learning_rate {learning_rate} does not arrive within epochs={epochs:,}: run longer"
        )
    return int(far[-1]) + 1 if far.size else 0


def rate_of_convergence(learning_rate: float) -> float:
    """The quadratic model's rate of convergence at the reference run's minimum, max |1 − ηλ|."""
    lam = seed_minimum().eigenvalues
    return float(np.max(np.abs(1 - learning_rate * lam)))


def arrival_rule(start: tuple[float, float], learning_rate: float) -> float:
    """The quadratic model's count of epochs to arrive from ``start``: ln(d₀/ε) / (−ln ρ), with d₀
    the start's distance to the reference run's minimum, ε = :data:`ARRIVE_RADIUS` and ρ the rate
    of convergence (well below the limit −ln ρ ≈ ηλmin, so η·E·λmin ≈ ln(d₀/ε))."""
    d0 = float(np.linalg.norm(np.array(start) - seed_minimum().x))
    rho = rate_of_convergence(learning_rate)
    if not 0 < rho < 1:
        raise ValueError(f"learning_rate {learning_rate}: ρ = {rho} does not converge")
    return float(np.log(d0 / ARRIVE_RADIUS) / -np.log(rho))


@cache
def model_epochs(start: tuple[float, float], learning_rate: float, epochs: int = 3000) -> int:
    """The quadratic model's own count, run epoch by epoch: the error ``e = x − x*`` from
    ``start`` multiplied by ``I − ηH`` (H the Hessian at the reference run's minimum) each epoch,
    until ``‖e‖ ≤ ε`` (:data:`ARRIVE_RADIUS`) for good (raises ``ValueError`` if not within
    ``epochs``)."""
    seed_min = seed_minimum()
    step = np.eye(2) - learning_rate * get_landscape("peaks").hessian(seed_min.x)
    e = np.array(start, dtype=np.float64) - seed_min.x
    far = []
    for _ in range(epochs + 1):
        far.append(float(np.linalg.norm(e)) > ARRIVE_RADIUS)
        e = step @ e
    if far[-1]:
        raise ValueError(f"learning_rate {learning_rate}: the model has not arrived by {epochs:,}")
    return max((k for k, f in enumerate(far) if f), default=-1) + 1


def error_parts(start: tuple[float, float]) -> tuple[float, float]:
    """The sizes of the start's error ``x − x*`` along the reference run's minimum's two
    eigenvectors: the gentle direction's (λmin), then the steep one's (λmax)."""
    seed_min = seed_minimum()
    _, vecs = np.linalg.eigh(get_landscape("peaks").hessian(seed_min.x))  # λ ascending
    parts = np.abs(vecs.T @ (np.array(start) - seed_min.x))
    return float(parts[0]), float(parts[1])


def steepest_on_the_way(
    start: tuple[float, float], learning_rate: float
) -> tuple[int, float, float]:
    """Along the first epochs from ``start``: the epoch where ‖∇f‖ is largest, ‖∇f‖ there, and
    the quadratic model's ‖H(x − x*)‖ at the same point (the bowl's slope there)."""
    seed_min = seed_minimum()
    h = get_landscape("peaks").hessian(seed_min.x)
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=50)
    g = np.linalg.norm(get_landscape("peaks").gradient(run.path), axis=1)
    k = int(g.argmax())
    return k, float(g[k]), float(np.linalg.norm(h @ (run.path[k] - seed_min.x)))


def arrival_table(lang: str, start: tuple[float, float], rates: tuple[float, ...]) -> str:
    """Exercise 4's table: per learning rate, ρ, the shortcut's epochs, the quadratic model's own
    (run epoch by epoch) and the measured."""
    head = [word(f"values.arrival.{k}", lang) for k in ("lr", "rho", "rule", "model", "measured")]
    rows = ["| " + " | ".join(head) + " |", "|---|---|---|---|---|"]
    for lr in rates:
        rows.append(
            f"| {fmt_rate(lr)} | ${rate_of_convergence(lr):.3f}$ "
            f"| ${arrival_rule(start, lr):.1f}$ | ${model_epochs(start, lr)}$ "
            f"| ${arrival_epochs(start, lr)}$ |"
        )
    return "\n".join(rows)


def ex1_landmarks() -> tuple[CriticalPoint, CriticalPoint, CriticalPoint]:
    """The summit above the start (the highest maximum), the global minimum, and the saddle on
    the ridge between the lesson's valley and the global minimum's."""
    points = critical_points()
    summit = max((c for c in points if c.kind == "max"), key=lambda c: c.value)
    gmin = next(c for c in points if c.is_global_min)
    seed_min = seed_minimum()
    low, high = sorted((gmin.x[1], seed_min.x[1]))
    saddle = min(
        (c for c in points if c.kind == "saddle" and low < c.x[1] < high), key=lambda c: c.value
    )
    return summit, gmin, saddle


@cache
def exercise_runs(
    start: tuple[float, float], rates: tuple[float, ...]
) -> tuple[dict[float, Trajectory], Trajectory]:
    """The exercises' runs: the lesson's learning rate and each of ``rates`` for the lesson's
    epochs (by learning rate), and the lesson's learning rate for ten times as many epochs."""
    peaks = get_landscape("peaks")
    run = {
        lr: descend(peaks, start, learning_rate=lr, epochs=SEED_EPOCHS) for lr in (SEED_LR, *rates)
    }
    return run, descend(peaks, start, learning_rate=SEED_LR, epochs=10 * SEED_EPOCHS)


#: Epochs given to the tiniest learning rate of exercise 3 to arrive (it needs most of them).
TINY_EPOCHS = 100_000


@cache
@memo
def grid_descending(
    start: tuple[float, float], rates: tuple[float, ...], epochs: tuple[int, ...]
) -> np.ndarray:
    """For each cell of the learning rate × epochs grid: whether the run's last step lowered f
    (the run is still going down at that epoch)."""
    peaks = get_landscape("peaks")
    out = np.empty((len(rates), len(epochs)), dtype=bool)
    for i, lr in enumerate(rates):
        run = descend(peaks, start, learning_rate=lr, epochs=max(epochs))
        for j, e in enumerate(epochs):
            k = min(e, run.epochs_run)
            out[i, j] = bool(run.values[k] < run.values[k - 1])
    return out


@cache
def bounce_within(start: tuple[float, float], learning_rate: float | None) -> float:
    """The farthest the bouncing run at ``learning_rate`` gets from the reference run's minimum
    from epoch 1 on (over the grid's longest run), as measured (the page rounds it normally)."""
    if learning_rate is None:
        return math.inf
    run = bouncing_run(start, learning_rate, max(GRID_EPOCHS))
    d = np.linalg.norm(run.path[1:] - seed_minimum().x, axis=1)
    return float(d.max())


def bouncing_run(start: tuple[float, float], learning_rate: float, epochs: int) -> Trajectory:
    """The run of the grid's one rate that bounces around the reference run's minimum."""
    return descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)


def _grid_facts(start: tuple[float, float]) -> dict:
    """What exercise 4's answer reads off the grid: outcomes, η·E, the rates below the best rate
    (where ρ = 1 − ηλmin), the bouncing and leaving rates."""
    outcome = lr_epochs_outcomes(start, GRID_LRS, GRID_EPOCHS)
    rates = np.array(GRID_LRS)
    eta_e = rates[:, None] * np.array(GRID_EPOCHS)[None, :]
    lam_min, lam_max = (float(v) for v in sorted(seed_minimum().eigenvalues))
    best = 2 / (lam_min + lam_max)
    below_best = np.broadcast_to((rates <= best)[:, None], outcome.shape)
    bouncing = np.flatnonzero((outcome == 2).any(axis=1))
    leaving = np.flatnonzero((outcome == 3).all(axis=1))
    return {
        "outcome": outcome,
        "eta_e": eta_e,
        "best": best,
        "on_way_high": float(eta_e[(outcome == 0) & below_best].max()),
        "arrived_low": float(eta_e[(outcome == 1) & below_best].min()),
        # as the page shows them: the maximum rounded up, the minimum down (2 decimals), so
        "bouncing": bouncing,
        "leaving": leaving,
    }


def nearest_saddle_distance() -> float:
    """The distance from the reference run's minimum to the nearest saddle point of peaks."""
    x = seed_minimum().x
    return min(float(np.linalg.norm(c.x - x)) for c in critical_points() if c.kind == "saddle")


def sharp_component(start: tuple[float, float], learning_rate: float, epochs: int) -> np.ndarray:
    """The error's component along the reference run's minimum's most sharply curved eigenvector,
    at each epoch of the run from ``start``, while it is above rounding (10⁻¹²)."""
    seed_min = seed_minimum()
    lam, vecs = np.linalg.eigh(get_landscape("peaks").hessian(seed_min.x))
    sharp = vecs[:, int(np.argmax(lam))]
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)
    c = (run.path - seed_min.x) @ sharp
    small = np.abs(c) < 1e-12
    return c[: int(np.argmax(small))] if small.any() else c


def overshoot_from(start: tuple[float, float], learning_rate: float, epochs: int) -> int:
    """The first step from which every step (while the sharp component is above rounding) puts
    that component on the other side: the step that overshoots first and for good."""
    c = sharp_component(start, learning_rate, epochs)
    flips = c[1:] * c[:-1] < 0  # flips[s - 1]: step s crossed
    first = len(flips)
    while first > 0 and flips[first - 1]:
        first -= 1
    return first + 1


def exercise_values(
    lang: str, *, start: tuple[float, float], rates: tuple[float, ...]
) -> dict[str, str]:
    """Every number exercises 1–4 and their answers quote."""
    peaks = get_landscape("peaks")
    minima = sorted((c for c in critical_points() if c.kind == "min"), key=lambda c: c.value)
    run, long = exercise_runs(start, rates)
    seed_min = seed_minimum()
    summit, gmin, saddle = ex1_landmarks()
    lam_min, lam = (float(v) for v in sorted(seed_min.eigenvalues))
    glam = float(gmin.eigenvalues.max())
    big, half, tiny = (run[lr] for lr in rates)
    grad_first = float(np.linalg.norm(peaks.gradient(half.path[1])))
    first_to_global = float(np.linalg.norm(half.path[1] - gmin.x))
    d0 = float(np.linalg.norm(seed_min.x - np.array(start)))
    err_min, err_max = error_parts(start)
    tiny_arrives = arrival_epochs(start, rates[2], TINY_EPOCHS)
    grid = _grid_facts(start)
    bouncing = [GRID_LRS[i] for i in grid["bouncing"]]
    leaving = min(GRID_LRS[i] for i in grid["leaving"])
    ln_ratio = float(np.log(d0 / ARRIVE_RADIUS))
    k, steep, model = steepest_on_the_way(start, ARRIVAL_LRS[0])
    well_below = [lr for lr in ARRIVAL_LRS if lr <= grid["best"]]
    return {
        "ex_tol_epoch": f"{tol_epoch(run[SEED_LR].path):,}",
        "ex_start": math_point(np.array(start), 1),
        "ex_min_values": ", ".join(f"${tex(m.value, 3)}$" for m in minima),
        "ex_seed_min_value": f"$f = {tex(seed_min.value, 3)}$",
        "ex_summit": math_point(summit.x, 4),
        "ex_start_value": f"$f = {tex(float(peaks.value(start)), 2)}$",
        "ex_saddle": math_point(saddle.x, 3),
        "ex_saddle_value": f"$f = {tex(saddle.value, 2)}$",
        "ex_end_1000": math_point(run[SEED_LR].final),
        "ex_end_10000": math_point(long.final),
        "ex_epochs_long": f"{10 * SEED_EPOCHS:,}",
        "ex_epochs_diff": f"${tex(float(np.abs(long.final - run[SEED_LR].final).max()), 2)}$",
        "ex_grad_1000": order_of(float(run[SEED_LR].final_grad_norm)),
        "ex_lr1": fmt_rate(rates[0]),
        "ex_lr2": fmt_rate(rates[1]),
        "ex_lr3": fmt_rate(rates[2]),
        "ex_lr1_end": math_point(big.final),
        "ex_lr1_overshoot_from": (
            native_ordinal(overshoot_from(start, rates[0], SEED_EPOCHS))
            if lang == "ko"
            else f"{overshoot_from(start, rates[0], SEED_EPOCHS):,}"
        ),
        "ex_lr1_diff": power_of_ten(
            "the end points' difference",
            rise_bound(float(np.abs(big.final - run[SEED_LR].final).max())),
        ),
        "ex_lr1_factor": (
            f"$1 - {fmt_rate(rates[0])} \\cdot {lam:.2f} = {tex(1 - rates[0] * lam, 2)}$"
        ),
        "ex_lr2_first": math_point(half.path[1], 3),
        "ex_lr2_first_dist": f"${first_to_global:.2f}$",
        "ex_lr2_grad_first": f"$\\lVert \\nabla f \\rVert = {grad_first:.2f}$",
        "ex_lr2_next_step": (
            f"$\\eta \\lVert \\nabla f \\rVert = {fmt_rate(rates[1])} \\cdot {grad_first:.2f}"
            f" = {rates[1] * grad_first:.1f}$"
        ),
        "ex_lr2_next_ratio": f"{rates[1] * grad_first / first_to_global:.0f}",
        "ex_lr2_factor": (
            f"$1 - \\eta\\,\\lambda_{{\\max}} = 1 - {fmt_rate(rates[1])} \\cdot {glam:.2f}"
            f" = {tex(1 - rates[1] * glam, 1)}$"
        ),
        "ex_lr2_end": math_point(half.final, 3),
        "ex_lr2_end_grad": f"$\\lVert \\nabla f \\rVert = {tex(float(half.final_grad_norm), 2)}$",
        "ex_lr3_end": math_point(tiny.final, 4),
        "ex_lr3_moved": f"${np.linalg.norm(tiny.final - np.array(start)):.4f}$",
        "ex_lr3_to_go": f"${d0:.2f}$",
        "ex_lr3_arrive": f"{tiny_arrives:,}",
        "ex_lr3_times": f"{tiny_arrives / SEED_EPOCHS:.0f}",
        "ex_lambda_max": f"$\\lambda_{{\\max}} = {lam:.2f}$",
        "ex_lr_limit": f"$2 / \\lambda_{{\\max}} = {2 / lam:.3f}$",
        "ex_global_lambda": f"$\\lambda_{{\\max}} = {glam:.2f}$",
        "ex_global_limit": f"$2 / \\lambda_{{\\max}} = {2 / glam:.3f}$",
        "ex_grid_rates": native_count(len(GRID_LRS)) if lang == "ko" else str(len(GRID_LRS)),
        "ex_grid_rate_list": ", ".join(fmt_rate(lr) for lr in GRID_LRS),
        "ex_grid_max_epochs": f"{max(GRID_EPOCHS):,}",
        "ex_grid_epoch_list": ", ".join(f"{e:,}" for e in GRID_EPOCHS),
        "ex_grid_epochs": (
            native_count(len(GRID_EPOCHS)) if lang == "ko" else str(len(GRID_EPOCHS))
        ),
        "ex_grid_arrived": str(int((grid["outcome"] == 1).sum())),
        "ex_grid_eta_e_low": f"${grid['arrived_low']:.3f}$",
        "ex_grid_eta_e_high": f"${grid['on_way_high']:.3f}$",
        "ex_grid_well_below": ", ".join(fmt_rate(lr) for lr in well_below),
        "ex_grid_well_below_eta_e": ", ".join(
            f"${lr * arrival_epochs(start, lr):.2f}$" for lr in well_below
        ),
        "ex_grid_bouncing": ", ".join(fmt_rate(r) for r in bouncing),
        "ex_grid_bounce_within": f"${bounce_within(start, bouncing[0] if bouncing else None):.3f}$",
        "ex_grid_nearest_saddle": f"${nearest_saddle_distance():.3f}$",
        "ex_grid_leaving": fmt_rate(leaving),
        "ex_arrive_radius": f"$\\varepsilon = 10^{{{np.log10(ARRIVE_RADIUS):.0f}}}$",
        "ex_d0": f"$d_0 = {d0:.2f}$",
        "ex_lambda_min": f"$\\lambda_{{\\min}} = {lam_min:.2f}$",
        "ex_rule_ln": f"$\\ln(d_0 / \\varepsilon) = {ln_ratio:.2f}$",
        "ex_rule_eta_e": f"$\\eta E \\approx {ln_ratio / lam_min:.2f}$",
        "ex_best_rate": f"$2 / (\\lambda_{{\\min}} + \\lambda_{{\\max}}) = {grid['best']:.3f}$",
        "ex_arrival_table": arrival_table(lang, start, ARRIVAL_LRS),
        "ex_rule_tol": f"{100 * ARRIVAL_RULE_TOL:.0f}%",
        "ex_err_min": f"${err_min:.2f}$",
        "ex_err_max": f"${err_max:.2f}$",
        "ex_near_rates": ", ".join(fmt_rate(lr) for lr in ARRIVAL_LRS if lr > grid["best"]),
        "ex_steep_lr": fmt_rate(ARRIVAL_LRS[0]),
        "ex_steep_epoch": native_ordinal(k) if lang == "ko" else str(k),
        "ex_steep_grad": f"$\\lVert \\nabla f \\rVert = {steep:.2f}$",
        "ex_steep_model": f"$\\lVert H(\\mathbf{{x}} - \\mathbf{{x}}^*) \\rVert = {model:.2f}$",
    }


def exercise_claims(
    lang: str, *, start: tuple[float, float], rates: tuple[float, ...]
) -> dict[str, Claim]:
    """The causes and comparisons exercises 1–4 state, checked over the cases they name."""
    peaks = get_landscape("peaks")
    seed_min = seed_minimum()
    summit, gmin, saddle = ex1_landmarks()
    lam, glam = float(seed_min.eigenvalues.max()), float(gmin.eigenvalues.max())
    run, long = exercise_runs(start, rates)
    seed = run[SEED_LR]
    big, half, tiny = (run[lr] for lr in rates)
    rises = np.diff(seed.values)
    grad_first = float(np.linalg.norm(peaks.gradient(half.path[1])))
    first_to_global = float(np.linalg.norm(half.path[1] - gmin.x))
    on_map = np.array([bool(peaks.contains(x)) for x in half.path])
    crossings = np.flatnonzero(np.diff(on_map.astype(int))) + 1  # epochs it leaves or comes back
    grid = _grid_facts(start)
    outcome = grid["outcome"]
    points, _ = lr_epochs_grid(start, GRID_LRS, GRID_EPOCHS)
    descending = grid_descending(start, GRID_LRS, GRID_EPOCHS)
    minima = [c for c in critical_points() if c.kind == "min"]
    near_any = np.stack(
        [np.linalg.norm(points - m.x, axis=-1) <= ARRIVE_RADIUS for m in minima]
    ).any(axis=0)
    moved = float(np.linalg.norm(tiny.final - np.array(start)))
    to_go = float(np.linalg.norm(seed_min.x - np.array(start)))
    stops = tol_epoch(seed.path)
    limit = 2 / lam
    tiny_arrives = arrival_epochs(start, rates[2], TINY_EPOCHS)
    measured = {lr: arrival_epochs(start, lr) for lr in ARRIVAL_LRS}
    rule = {lr: arrival_rule(start, lr) for lr in ARRIVAL_LRS}
    counted = {lr: model_epochs(start, lr) for lr in ARRIVAL_LRS}
    parts = error_parts(start)
    gentle = float(seed_min.eigenvalues.min())
    well_below = [lr for lr in ARRIVAL_LRS if lr <= grid["best"]]
    k, steep, model = steepest_on_the_way(start, ARRIVAL_LRS[0])
    above = [i for i, lr in enumerate(GRID_LRS) if lr > limit]
    inside = peaks.contains(points)
    bounce_lr = GRID_LRS[grid["bouncing"][0]] if len(grid["bouncing"]) else None
    saddles = [c for c in critical_points() if c.kind == "saddle"]
    nearest_saddle = min(float(np.linalg.norm(c.x - seed_min.x)) for c in saddles)
    bounce = bouncing_run(start, bounce_lr, max(GRID_EPOCHS)) if bounce_lr else None
    within = bounce_within(start, bounce_lr)
    c1 = sharp_component(start, rates[0], SEED_EPOCHS)
    over = overshoot_from(start, rates[0], SEED_EPOCHS)
    cell = "η = {}, {} epochs".format
    eventually = {  # each rate below the limit, run until it arrives (the tiny ones need longer)
        lr: arrival_epochs(
            start, lr, max(GRID_EPOCHS) if lr * max(GRID_EPOCHS) > 1 else TINY_EPOCHS
        )
        for lr in GRID_LRS
        if lr < limit
    }
    all_minima = [c for c in critical_points() if c.kind == "min"]
    return {
        "seed_stuck_in_shallowest": Claim.every(
            {
                f"f = {m.value:.3f} at {np.round(m.x, 3).tolist()}": bool(
                    m.value <= seed_min.value
                    and np.linalg.norm(seed.final - seed_min.x) <= ARRIVE_RADIUS
                )
                for m in all_minima
            },
            f"the reference run ends {float(np.linalg.norm(seed.final - seed_min.x)):.2e} from "
            f"the local minimum with f = {seed_min.value:.3f}, the largest of the minima's values",
        ),
        "ex_playground_stops_both": Claim(
            bool(stops < SEED_EPOCHS),
            f"‖∇f‖ ≤ {PLAYGROUND_TOL} at epoch {stops} < {SEED_EPOCHS} < {10 * SEED_EPOCHS}",
        ),
        "start_south_of_summit": Claim(
            bool(abs(start[0] - summit.x[0]) < 0.1 and start[1] < summit.x[1]),
            f"start {start}, summit {summit.x.tolist()}",
        ),
        "start_above_saddle": Claim(
            float(peaks.value(start)) > saddle.value,
            f"f at the start {float(peaks.value(start)):.4f}, saddle {saddle.value:.4f}",
        ),
        "saddle_ridge_above_valley": Claim(
            bool(gmin.x[1] < saddle.x[1] < seed_min.x[1] and saddle.value > seed_min.value),
            f"saddle {saddle.x.tolist()} f={saddle.value:.4f}, valley f={seed_min.value:.4f}",
        ),
        "descent_never_climbs": Claim.every(
            {f"epoch {e + 1}": r <= 1e-12 for e, r in enumerate(rises)},
            f"largest rise of f in one step {rises.max():.3g} (rounding)",
        ),
        "more_epochs_change_nothing": Claim(
            bool(np.array_equal(long.final, seed.final)), f"{long.final} vs {seed.final}"
        ),
        "lr1_overshoots_from": Claim.every(
            {f"step {k}": bool((c1[k] * c1[k - 1] < 0) == (k >= over)) for k in range(1, len(c1))},
            f"the sharp component's sign alternates from step {over} on "
            f"(first components {np.round(c1[:5], 4).tolist()})",
        ),
        "lr1_zigzags_yet_converges": Claim(
            -1 < 1 - rates[0] * lam < 0 and float(np.abs(big.final - seed.final).max()) < 1e-9,
            f"1 - {rates[0]}·{lam:.4f} = {1 - rates[0] * lam:.4f}; "
            f"end differs by {np.abs(big.final - seed.final).max():.3g}",
        ),
        "lr2_first_step_near_global": Claim(first_to_global < 0.2, f"distance {first_to_global}"),
        "lr2_leaves_back_leaves": Claim(
            bool(on_map[0] and len(crossings) == 3 and not on_map[-1]),
            f"η = {rates[1]}: leaves, comes back, leaves at epochs {crossings.tolist()}; "
            f"on the map at the end: {bool(on_map[-1])}",
        ),
        "lr2_next_step_overshoots": Claim(
            rates[1] * grad_first > 10 * first_to_global,
            f"next step {rates[1] * grad_first:.4f}, distance to the minimum {first_to_global:.4f}",
        ),
        "lr2_factor_explodes": Claim(
            abs(1 - rates[1] * glam) > 1,
            f"|1 - {rates[1]}·{glam:.4f}| = {abs(1 - rates[1] * glam)}",
        ),
        "lr2_ends_flat_off_the_map": Claim(
            bool(not peaks.contains(half.final) and half.final_grad_norm < 1e-3),
            f"end {half.final.tolist()}, ‖∇f‖ {half.final_grad_norm:.3g}",
        ),
        "lr3_barely_moves": Claim(moved < 0.1 * to_go, f"moved {moved:.4f} of {to_go:.4f}"),
        "lr3_needs_many_more": Claim(
            tiny_arrives > 50 * SEED_EPOCHS,
            f"arrives after {tiny_arrives}: {tiny_arrives / SEED_EPOCHS:.1f} × {SEED_EPOCHS}",
        ),
        "lr1_below_lr2_above_limit": Claim(
            rates[0] < limit < rates[1], f"{rates[0]} < {limit:.4f} < {rates[1]}"
        ),
        "lr1_above_global_limit": Claim(rates[0] > 2 / glam, f"{rates[0]} > {2 / glam:.4f}"),
        "grid_never_global": Claim.every(
            {
                cell(lr, e): bool(np.linalg.norm(points[i, j] - gmin.x) > ARRIVE_RADIUS)
                for i, lr in enumerate(GRID_LRS)
                for j, e in enumerate(GRID_EPOCHS)
            },
            f"no cell within {ARRIVE_RADIUS} of the global minimum",
        ),
        "grid_arrival_follows_eta_epochs": Claim.every(
            {
                "separated": grid["on_way_high"] < grid["arrived_low"],
                **{  # the scope is exact: the table's other rows are not in between
                    f"η = {lr} (above the best rate) is not": not (
                        grid["on_way_high"] < lr * measured[lr] < grid["arrived_low"]
                    )
                    for lr in ARRIVAL_LRS
                    if lr not in well_below
                },
                **{
                    f"η = {lr}": grid["on_way_high"] < lr * measured[lr] < grid["arrived_low"]
                    for lr in well_below
                },
            },
            f"below η = {grid['best']:.4f}: on the way η·E ≤ {grid['on_way_high']:.3f}, "
            f"arrived η·E ≥ {grid['arrived_low']:.3f}; measured η·E "
            + ", ".join(f"{lr}: {lr * measured[lr]:.3f}" for lr in well_below),
        ),
        "halving_doubles_well_below": Claim(
            1.7 <= measured[ARRIVAL_LRS[0]] / measured[ARRIVAL_LRS[1]] <= 2.3,
            f"{ARRIVAL_LRS[0]}: {measured[ARRIVAL_LRS[0]]} epochs, "
            f"{ARRIVAL_LRS[1]}: {measured[ARRIVAL_LRS[1]]}",
        ),
        "arrival_rule_within": Claim.every(
            {
                f"η = {lr}": abs(measured[lr] / rule[lr] - 1) <= ARRIVAL_RULE_TOL
                for lr in ARRIVAL_LRS
            },
            ", ".join(f"{lr}: measured {measured[lr]}, rule {rule[lr]:.1f}" for lr in ARRIVAL_LRS),
        ),
        "arrival_rule_early": Claim.every(
            {f"η = {lr}": measured[lr] < min(rule[lr], counted[lr]) for lr in well_below},
            ", ".join(f"{lr}: {measured[lr]} < {rule[lr]:.1f}, {counted[lr]}" for lr in well_below),
        ),
        "shortcut_is_model_well_below": Claim.every(
            {f"η = {lr}": counted[lr] == math.ceil(rule[lr]) for lr in well_below}
            | {  # the bound the sentence before states, on every row of the table
                f"η = {lr} within the bound": counted[lr] <= math.ceil(rule[lr])
                for lr in ARRIVAL_LRS
            },
            ", ".join(f"{lr}: model {counted[lr]}, shortcut {rule[lr]:.2f}" for lr in well_below),
        ),
        "shortcut_overestimates_near_limit": Claim.every(
            {f"η = {lr}": counted[lr] < rule[lr] for lr in ARRIVAL_LRS if lr not in well_below}
            | {"the start's error lies mostly along λmin": parts[0] > 2 * parts[1]}
            | {
                f"η = {lr}: ρ is λmax's": abs(1 - lr * lam) > 1 - lr * gentle
                for lr in ARRIVAL_LRS
                if lr not in well_below
            },
            ", ".join(
                f"{lr}: model {counted[lr]}, shortcut {rule[lr]:.2f}"
                for lr in ARRIVAL_LRS
                if lr not in well_below
            )
            + f"; error parts {parts[0]:.3f} (λmin), {parts[1]:.3f} (λmax)",
        ),
        "steeper_than_the_bowl": Claim(
            steep > 1.5 * model,
            f"η = {ARRIVAL_LRS[0]}, epoch {k}: ‖∇f‖ {steep:.3f}, bowl {model:.3f}",
        ),
        "arrival_slows_near_limit": Claim(
            measured[ARRIVAL_LRS[-1]] > 2 * measured[ARRIVAL_LRS[-2]]
            and rate_of_convergence(ARRIVAL_LRS[-1]) > rate_of_convergence(ARRIVAL_LRS[-2])
            and ARRIVAL_LRS[-2] > grid["best"]
            and ARRIVAL_LRS[-1] < limit,
            ", ".join(
                f"{lr}: {measured[lr]} (ρ {rate_of_convergence(lr):.3f})" for lr in ARRIVAL_LRS
            )
            + f"; best {grid['best']:.4f}, limit {limit:.4f}",
        ),
        "grid_below_limit_one_valley": Claim.every(
            {
                cell(lr, e): bool(
                    outcome[i, j] == 1
                    or (outcome[i, j] == 0 and not near_any[i, j] and descending[i, j])
                )
                for i, lr in enumerate(GRID_LRS)
                if lr < limit
                for j, e in enumerate(GRID_EPOCHS)
            },
            "each cell below the limit: arrived at the reference minimum, or still going down "
            "and at no minimum",
        ),
        "grid_below_limit_all_arrive": Claim.every(
            {f"η = {lr}": e > 0 for lr, e in eventually.items()},
            "arrives after " + ", ".join(f"{lr}: {e}" for lr, e in eventually.items()),
        ),
        "grid_bounces_at_one_rate": Claim.every(
            {
                **{
                    f"η = {GRID_LRS[i]} stays on the map": bool(inside[i].all())
                    == (GRID_LRS[i] == bounce_lr)
                    for i in above
                },
                **{
                    cell(bounce_lr, e): bool(outcome[GRID_LRS.index(bounce_lr), j] == 2)
                    for j, e in enumerate(GRID_EPOCHS)
                },
                **{
                    f"epoch {e}": bool(d <= within < nearest_saddle)
                    for e, d in enumerate(np.linalg.norm(bounce.path - seed_min.x, axis=1))
                    if e > 0
                },
                "as shown": round(nearest_saddle, 3) > round(within, 3),
            }
            if bounce is not None
            else {"a bouncing rate": False},
            f"bouncing rate {bounce_lr}; nearest saddle {nearest_saddle:.4f} from the minimum",
        ),
        "grid_larger_rates_leave": Claim.every(
            {
                **{
                    cell(GRID_LRS[i], e): not bool(inside[i, j])
                    for i in grid["leaving"]
                    for j, e in enumerate(GRID_EPOCHS)
                },
                **{
                    f"η = {GRID_LRS[i]} ends flat": bool(
                        np.linalg.norm(peaks.gradient(points[i, -1])) < 1e-3
                    )
                    for i in grid["leaving"]
                },
                "every rate above the bouncing one": {i for i in above if GRID_LRS[i] != bounce_lr}
                <= set(grid["leaving"].tolist()),
            },
            f"rates off the map in every cell {[GRID_LRS[i] for i in grid['leaving']]}",
        ),
    }


# --- Exercises 5–7: the gradient, the Hessian's limit, the elongated bowl -------------------------


def steepest_step(start: tuple[float, float], learning_rate: float) -> dict[str, float]:
    """At ``start``: the way down, ‖∇f‖, the first step's change predicted to first and second
    order and the actual one, the curvature along −∇f, and the level direction's angle."""
    peaks = get_landscape("peaks")
    g = peaks.gradient(start)
    h = peaks.hessian(start)
    after = np.array(start) - learning_rate * g
    return {
        "gx": float(g[0]),
        "gy": float(g[1]),
        "norm": float(np.linalg.norm(g)),
        "down_angle": float(np.degrees(np.arctan2(-g[1], -g[0]))),
        "predicted": float(-learning_rate * g @ g),
        "predicted2": float(-learning_rate * g @ g + learning_rate**2 / 2 * g @ h @ g),
        "actual": float(peaks.value(after) - peaks.value(start)),
        "bend": float(g @ h @ g / (g @ g)),
        "level_angle": float(np.degrees(np.arctan2(-g[0], g[1]))),
    }


def slopes_all_around(start: tuple[float, float], directions: int = 360) -> np.ndarray:
    """The directional derivatives ∇f · u at ``start`` for ``directions`` unit vectors u spread
    evenly around the circle (the first along the x axis)."""
    g = get_landscape("peaks").gradient(start)
    angles = 2 * np.pi * np.arange(directions) / directions
    return np.cos(angles) * g[0] + np.sin(angles) * g[1]


def swing_curvature(p: np.ndarray, q: np.ndarray, nodes: int = 64) -> float:
    """The curvature of peaks along the segment from ``q`` to ``p``, averaged over it: the mean of
    uᵀH(x)u (u the segment's unit direction) by Gauss–Legendre quadrature."""
    peaks = get_landscape("peaks")
    u = (p - q) / np.linalg.norm(p - q)
    t, w = np.polynomial.legendre.leggauss(nodes)
    xs = q + (t[:, None] + 1) / 2 * (p - q)
    return float(sum(wi * (u @ peaks.hessian(x) @ u) for wi, x in zip(w, xs, strict=True)) / 2)


def swing_facts(gmin: CriticalPoint, run: Trajectory) -> tuple[float, float]:
    """For a run that ends in a 2-cycle around ``gmin``: the size of its start's error component
    along the most sharply curved eigenvector, and the curvature along the swing at the cycle's
    farther point."""
    peaks = get_landscape("peaks")
    _, vectors = np.linalg.eigh(peaks.hessian(gmin.x))
    fast_start = abs(float((run.path[0] - gmin.x) @ vectors[:, -1]))
    p, q = run.path[-1], run.path[-2]
    far = max((p, q), key=lambda x: float(np.linalg.norm(x - gmin.x)))
    u = (p - q) / np.linalg.norm(p - q)
    return fast_start, float(u @ peaks.hessian(far) @ u)


def sharp_sizes(gmin: CriticalPoint, run: Trajectory) -> np.ndarray:
    """The size of the run's error component along ``gmin``'s most sharply curved eigenvector,
    at every epoch (the start first)."""
    _, vectors = np.linalg.eigh(get_landscape("peaks").hessian(gmin.x))
    return np.abs((run.path - gmin.x) @ vectors[:, -1])


def rho_at(point: CriticalPoint, learning_rate: float) -> float:
    """The quadratic model's rate of convergence max |1 − ηλ| at a minimum."""
    return float(np.max(np.abs(1 - learning_rate * point.eigenvalues)))


@cache
def limit_runs(
    start: tuple[float, float], rates: tuple[float, ...], epochs: int
) -> dict[float, Trajectory]:
    """From ``start`` in the deep valley: one run per rate, stopping as the playground does."""
    peaks = get_landscape("peaks")
    return {
        lr: descend(peaks, start, learning_rate=lr, epochs=epochs, tol=PLAYGROUND_TOL)
        for lr in rates
    }


def ex_limit_runs(
    lang: str, *, start: tuple[float, float], rates: tuple[float, ...], epochs: int
) -> Figure:
    """The distance to the global minimum along the epochs, for rates around its limit."""
    gmin = next(c for c in critical_points() if c.is_global_min)
    runs = limit_runs(start, rates, epochs)
    fig, ax = new_figure(4.6, 3.6)
    for i, (lr, run) in enumerate(runs.items()):  # a sweep: the palette's series, in order
        dist = np.linalg.norm(run.path - gmin.x, axis=1)
        ax.semilogy(
            np.arange(len(dist)),
            dist,
            linewidth=2,
            label=label("eta_is", lang, lr=lr),
            **series_style(i),
        )
    ax.set_xlabel(label("epochs_axis", lang))
    ax.set_ylabel(label("distance_global", lang))
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=len(rates), handlelength=1.5, columnspacing=1)
    return fig


def bowl_runs(
    start: tuple[float, float], rates: tuple[float, ...], epochs: int
) -> dict[float, Trajectory]:
    """On the elongated bowl x² + 10y²: one run per rate from ``start``."""
    bowl = get_landscape("elongated_bowl")
    return {lr: descend(bowl, start, learning_rate=lr, epochs=epochs) for lr in rates}


def epochs_to(path: np.ndarray, tol: float) -> int | None:
    """The first epoch at which ``path`` is within ``tol`` of the origin (``None``: never)."""
    inside = np.flatnonzero(np.linalg.norm(path, axis=-1) < tol)
    return int(inside[0]) if inside.size else None


def bowl_playground_stop(
    start: tuple[float, float], learning_rate: float, epochs: int
) -> int | None:
    """The epoch at which the playground's rule stops the bowl's run from ``start`` (‖∇f‖ falls to
    ``PLAYGROUND_TOL``, the shared ``pg_tol``; ``None``: it never stops within ``epochs``)."""
    bowl = get_landscape("elongated_bowl")
    run = descend(bowl, start, learning_rate=learning_rate, epochs=epochs, tol=PLAYGROUND_TOL)
    return run.epochs_run if run.status == "converged" else None


def bowl_predicted(
    start: tuple[float, float], learning_rate: float, epochs: int, tol: float
) -> int | None:
    """The quadratic model's answer for the bowl: each coordinate times (1 − ηλ) per epoch."""
    lam = np.linalg.eigvalsh(get_landscape("elongated_bowl").hessian(start))
    k = np.arange(epochs + 1)[:, None]
    return epochs_to(np.array(start) * (1 - learning_rate * lam) ** k, tol)


def bowl_estimate(start: tuple[float, float], learning_rate: float, tol: float) -> int:
    """The rate of convergence's shortcut for the bowl: ln(d₀/ε) / (−ln ρ) epochs, rounded up,
    with d₀ the start's distance to the minimum (the origin), ε = ``tol`` and ρ = max |1 − ηλ|."""
    lam = np.linalg.eigvalsh(get_landscape("elongated_bowl").hessian(start))
    rho = float(np.max(np.abs(1 - learning_rate * lam)))
    if not 0 < rho < 1:
        raise ValueError(f"learning_rate {learning_rate}: ρ = {rho} does not converge")
    d0 = float(np.linalg.norm(start))
    return math.ceil(np.log(d0 / tol) / -np.log(rho))


def _short(v: float) -> str:
    """A factor to two decimals without trailing zeros, as inline math: 0.9, −0.8, −1, 0."""
    text = f"{abs(v):.2f}".rstrip("0").rstrip(".")
    return f"${{-{text}}}$" if round(v, 2) < 0 else f"${text}$"


def why_values(
    lang: str, *, start: tuple[float, float], learning_rate: float, predict: dict, bowl: dict
) -> dict[str, str]:
    """Numbers of exercises 5–7: the steepest way down at the start, the global minimum's
    Hessian and limit, and the elongated bowl's three learning rates."""
    step = steepest_step(start, learning_rate)
    gmin = next(c for c in critical_points() if c.is_global_min)
    h = get_landscape("peaks").hessian(gmin.x)
    lo, hi = (float(v) for v in gmin.eigenvalues)
    runs = limit_runs(predict["start"], predict["rates"], predict["epochs"])
    fast, slow = (runs[lr] for lr in predict["rates"][:2])
    rho0, rho1 = (rho_at(gmin, lr) for lr in predict["rates"][:2])
    model_ratio = float(np.log(rho0) / np.log(rho1))
    bowl_h = get_landscape("elongated_bowl").hessian(bowl["start"])
    b_runs = bowl_runs(bowl["start"], bowl["rates"], bowl["epochs"])
    out = {
        "why_grad": f"$\\nabla f = ({tex(step['gx'], 3)}, {tex(step['gy'], 3)})$",
        "why_norm": f"$\\lVert \\nabla f \\rVert = {tex(step['norm'], 3)}$",
        "why_down_angle": f"${tex(step['down_angle'], 1)}^\\circ$",
        "why_down_clockwise": f"${abs(step['down_angle']):.1f}^\\circ$",
        "why_lr": fmt_rate(learning_rate),
        "why_predicted": (
            f"$\\eta \\lVert \\nabla f \\rVert^2 = {fmt_rate(learning_rate)} \\cdot"
            f" {tex(step['norm'], 3)}^2 = {tex(-step['predicted'], 3)}$"
        ),
        "why_actual": f"${tex(-step['actual'], 3)}$",
        "why_gap": pct(abs(step["actual"] / step["predicted"] - 1)),
        "why_level_angle": f"${tex(step['level_angle'], 1)}^\\circ$",
        "why_directions": f"{len(slopes_all_around(start))}",
        "why_bend": f"$\\mathbf{{u}}^\\top H \\mathbf{{u}} = {tex(step['bend'], 1)}$",
        "why_predicted2": (
            f"$\\eta \\lVert \\nabla f \\rVert^2 - \\tfrac{{1}}{{2}} \\eta^2\\,"
            f" \\nabla f^\\top H \\nabla f = {tex(-step['predicted2'], 3)}$"
        ),
        "why_gap2": pct(abs(step["actual"] / step["predicted2"] - 1)),
        "predict_hessian": (
            f"$$H = \\begin{{bmatrix}} {tex(h[0, 0], 2)} & {tex(h[0, 1], 2)} \\\\"
            f" {tex(h[1, 0], 2)} & {tex(h[1, 1], 2)} \\end{{bmatrix}}$$"
        ),
        "predict_eigs": f"$\\lambda = {tex(lo, 2)}, {tex(hi, 2)}$",
        "predict_limit": f"$2 / \\lambda_{{\\max}} = {2 / hi:.4f}$",
        "predict_start": math_point(np.array(predict["start"]), 1),
        "predict_min": math_point(gmin.x, 4),
        "predict_times": str(slow.epochs_run // fast.epochs_run),
        "predict_epochs": f"{predict['epochs']:,}",
        # from the matrix as shown (two decimals), as the reader computes them
        "predict_trace": f"$\\operatorname{{tr}} H = {np.trace(np.round(h, 2)):.2f}$",
        "predict_det": f"$\\det H = {np.linalg.det(np.round(h, 2)):.1f}$",
        "predict_ratio_model": f"${tex(model_ratio, 1)}$",
        "predict_ratio_measured": f"${slow.epochs_run / fast.epochs_run:.1f}$",
    }
    above = runs[predict["rates"][2]]
    near, far = sorted(float(np.linalg.norm(x - gmin.x)) for x in above.path[-2:])
    out["predict_cycle_near"] = f"${near:.3f}$"
    out["predict_cycle_far"] = f"${far:.3f}$"
    out["predict_swing_curv"] = f"${swing_curvature(above.path[-1], above.path[-2]):.2f}$"
    fast_start, far_curv = swing_facts(gmin, above)
    out["predict_fast_start"] = f"${fast_start:.3f}$"
    sizes = sharp_sizes(gmin, above)
    out["predict_fast_first"] = f"${sizes[1]:.3f}$"
    out["predict_fast_second"] = f"${sizes[2]:.3f}$"
    out["predict_fast_cycle_low"] = f"${min(sizes[-2:]):.3f}$"
    out["predict_fast_cycle_high"] = f"${max(sizes[-2:]):.3f}$"
    out["predict_far_curv"] = f"${far_curv:.2f}$"
    out["predict_two_over_eta"] = f"$2 / \\eta = {2 / predict['rates'][2]:.2f}$"
    out["predict_lambda_max"] = f"$\\lambda_{{\\max}} = {hi:.2f}$"
    for i, (lr, run) in enumerate(runs.items()):
        out[f"predict_lr{i}"] = fmt_rate(lr)
        out[f"predict_factor{i}"] = f"$1 - {fmt_rate(lr)} \\cdot {hi:.2f} = {tex(1 - lr * hi, 2)}$"
        if run.status == "converged":
            out[f"predict_epochs{i}"] = f"{run.epochs_run:,}"
    out["bowl_hessian"] = (
        f"$$H = \\begin{{bmatrix}} {tex(bowl_h[0, 0], 0)} & {tex(bowl_h[0, 1], 0)} \\\\"
        f" {tex(bowl_h[1, 0], 0)} & {tex(bowl_h[1, 1], 0)} \\end{{bmatrix}}$$"
    )
    out["bowl_start"] = math_point(np.array(bowl["start"]), 1)
    for axis, lam in zip("xy", np.diag(bowl_h), strict=True):  # each coordinate's factor
        out[f"bowl_{axis}_factor"] = f"$1 - {tex(float(lam), 0)}\\eta$"
    out["bowl_tol"] = f"$10^{{{np.log10(bowl['tol']):.0f}}}$"
    b_lo, b_hi = np.linalg.eigvalsh(bowl_h)
    out["bowl_best"] = f"$2 / (\\lambda_{{\\min}} + \\lambda_{{\\max}}) = {2 / (b_lo + b_hi):.3f}$"
    for i, (lr, run) in enumerate(b_runs.items()):
        fx, fy = (1 - lr * float(v) for v in np.diag(bowl_h))
        out[f"bowl_lr{i}"] = fmt_rate(lr)
        out[f"bowl_fx{i}"], out[f"bowl_fy{i}"] = _short(fx), _short(fy)
        arrived = epochs_to(run.path, bowl["tol"])
        if arrived is not None:
            out[f"bowl_epochs{i}"] = f"{arrived:,}"
            out[f"bowl_estimate{i}"] = f"{bowl_estimate(bowl['start'], lr, bowl['tol']):,}"
    # the two rates that arrive, in the playground: its own rule stops them later than arrival
    for i, lr in enumerate(bowl["rates"][:2]):
        stop = bowl_playground_stop(bowl["start"], lr, bowl["epochs"])
        if stop is not None:
            out[f"bowl_pg_epochs{i}"] = f"{stop:,}"
    return out


def why_claims(
    lang: str, *, start: tuple[float, float], learning_rate: float, predict: dict, bowl: dict
) -> dict[str, Claim]:
    """What exercises 5–7 state about the gradient, the global minimum's limit and the bowl."""
    step = steepest_step(start, learning_rate)
    gmin = next(c for c in critical_points() if c.is_global_min)
    lam_max = float(gmin.eigenvalues.max())
    limit = 2 / lam_max
    runs = limit_runs(predict["start"], predict["rates"], predict["epochs"])
    (lr0, r0), (lr1, r1), (lr2, r2) = runs.items()
    times = r1.epochs_run // r0.epochs_run  # "more than this many times as many epochs"
    model_ratio = np.log(rho_at(gmin, lr0)) / np.log(rho_at(gmin, lr1))
    measured_ratio = r1.epochs_run / r0.epochs_run
    b_runs = bowl_runs(bowl["start"], bowl["rates"], bowl["epochs"])
    measured = {lr: epochs_to(run.path, bowl["tol"]) for lr, run in b_runs.items()}
    predicted = {
        lr: bowl_predicted(bowl["start"], lr, bowl["epochs"], bowl["tol"]) for lr in b_runs
    }
    b0, b1, b2 = bowl["rates"]
    pg_stop = {lr: bowl_playground_stop(bowl["start"], lr, bowl["epochs"]) for lr in (b0, b1)}
    flips = b_runs[b2].path[:, 1]
    gap = abs(step["actual"] / step["predicted"] - 1)
    gap2 = abs(step["actual"] / step["predicted2"] - 1)
    slopes = slopes_all_around(start)
    b_lo, b_hi = np.linalg.eigvalsh(get_landscape("elongated_bowl").hessian(bowl["start"]))
    best = 2 / (b_lo + b_hi)
    p, q = r2.path[-1], r2.path[-2]
    swing = swing_curvature(p, q)
    _, far_curv = swing_facts(gmin, r2)
    sizes = sharp_sizes(gmin, r2)
    saddles = [c for c in critical_points() if c.kind == "saddle"]
    nearest_saddle = min(float(np.linalg.norm(c.x - gmin.x)) for c in saddles)
    dist2 = np.linalg.norm(r2.path - gmin.x, axis=1)
    return {
        "why_nearly_south": Claim(
            step["down_angle"] < 0 and abs(step["down_angle"] + 90) < 5,
            f"−∇f points at {step['down_angle']:.2f}° (clockwise from the x axis)",
        ),
        "why_no_steeper": Claim.every(
            {
                f"{360 * i / len(slopes):g}°": s >= -step["norm"] - 1e-12
                for i, s in enumerate(slopes)
            },
            f"steepest slope found {slopes.min():.6f} ≥ −‖∇f‖ = {-step['norm']:.6f}",
        ),
        "why_level_east_west": Claim(
            0 < step["level_angle"] < 5,
            f"∇f ⟂ direction at {step['level_angle']:.2f}° (anticlockwise from the x axis) and "
            "+180°",
        ),
        "why_direction_right_size_off": Claim(
            step["actual"] < step["predicted"] < 0 and gap > 0.05,
            f"actual {step['actual']:.4f}, predicted {step['predicted']:.4f}, gap {gap:.3f}",
        ),
        "why_first_step_more": Claim(
            step["actual"] < step["predicted"] and step["bend"] < 0,
            f"actual {step['actual']:.4f} < predicted {step['predicted']:.4f}; "
            f"curvature along −∇f {step['bend']:.4f}",
        ),
        "why_second_order_closer": Claim(
            gap2 < gap / 10, f"second order {step['predicted2']:.5f}: gap {gap2:.4f} vs {gap:.4f}"
        ),
        "predict_rates_around_limit": Claim(
            lr0 < lr1 < limit < lr2, f"{lr0} < {lr1} < {limit:.5f} < {lr2}"
        ),
        "predict_below_settles": Claim(
            r0.status == "converged" and float(np.linalg.norm(r0.final - gmin.x)) < 1e-9,
            f"{r0.status} in {r0.epochs_run}, distance {np.linalg.norm(r0.final - gmin.x):.3g}",
        ),
        "predict_near_limit_slow": Claim(
            r1.status == "converged"
            and float(np.linalg.norm(r1.final - gmin.x)) < 1e-9
            and r1.epochs_run > times * r0.epochs_run
            and times >= 2,
            f"{r1.status} in {r1.epochs_run} vs {r0.epochs_run} epochs",
        ),
        "predict_ratio_model": Claim(
            abs(model_ratio / measured_ratio - 1) < 0.1,
            f"ln ρ0 / ln ρ1 = {model_ratio:.3f}, measured {measured_ratio:.3f}",
        ),
        "predict_two_cycle": Claim.every(
            {
                "above the limit": abs(1 - lr2 * lam_max) > 1,
                "not stopped": r2.status != "converged",
                "2-cycle": bool(np.array_equal(r2.path[-1], r2.path[-3])),
                "far from the minimum": float(dist2[-1]) > 0.1 and float(dist2[-2]) > 0.1,
                **{
                    f"epoch {e} in the valley": bool(d < nearest_saddle)
                    for e, d in enumerate(dist2)
                },
            },
            f"ends alternating {dist2[-2]:.4f} / {dist2[-1]:.4f} from the minimum; nearest "
            f"saddle {nearest_saddle:.4f}",
        ),
        "predict_swing_shrinks": Claim.every(
            {
                "grows at epoch 1": bool(sizes[1] > sizes[0]),
                "shrinks at epoch 2": bool(sizes[2] < sizes[1]),
                **{
                    f"epoch {k + 2} not above epoch {k}": bool(sizes[k + 2] <= sizes[k])
                    for k in range(1, len(sizes) - 2)
                },
                "the cycle below the start": bool(max(sizes[-2:]) < sizes[0]),
            },
            f"the sharp component's size {np.round(sizes[:4], 4).tolist()} … "
            f"{np.round(sizes[-2:], 4).tolist()}",
        ),
        "predict_swing_curves_less": Claim(
            abs(swing * lr2 / 2 - 1) < 1e-6 and swing < lam_max and far_curv < lam_max,
            f"mean curvature across the swing {swing:.6f}, 2/η {2 / lr2:.6f}, λmax {lam_max:.4f}, "
            f"at the far end {far_curv:.4f}",
        ),
        "bowl_model_exact": Claim.every(
            {
                f"η = {lr}": measured[lr] is not None and measured[lr] == predicted[lr]
                for lr in (b0, b1)
            },
            f"measured {measured}, iterating the model {predicted}",
        ),
        "bowl_estimate_close": Claim.every(
            {
                f"η = {lr}": measured[lr] is not None
                and 0 <= bowl_estimate(bowl["start"], lr, bowl["tol"]) - measured[lr] <= 1
                for lr in (b0, b1)
            },
            f"estimates {[bowl_estimate(bowl['start'], lr, bowl['tol']) for lr in (b0, b1)]}, "
            f"measured {[measured[lr] for lr in (b0, b1)]}",
        ),
        "bowl_playground_stops_later": Claim.every(
            {
                f"η = {lr}": stop is not None and measured[lr] is not None and stop > measured[lr]
                for lr, stop in pg_stop.items()
            },
            "; ".join(
                f"η = {lr}: within {bowl['tol']} at epoch {measured[lr]}, "
                f"‖∇f‖ ≤ {PLAYGROUND_TOL} at epoch {stop}"
                for lr, stop in pg_stop.items()
            ),
        ),
        "bowl_middle_fastest": Claim(
            measured[b1] is not None and measured[b0] is not None and measured[b1] < measured[b0],
            f"{measured}",
        ),
        "bowl_near_best": Claim(abs(b1 / best - 1) < 0.05, f"{b1} vs 2/(λmin + λmax) = {best:.4f}"),
        "bowl_one_step_kills_y": Claim(
            abs(b_runs[b0].path[1, 1]) < 1e-15, f"y after one step {b_runs[b0].path[1, 1]:.3g}"
        ),
        "bowl_limit_flips_forever": Claim.every(
            {
                "at the limit": abs(b2 - 2 / b_hi) < 1e-15,
                "never arrives": measured[b2] is None,
                **{
                    f"epoch {e}": bool(
                        abs(y) == abs(bowl["start"][1]) and (e == 0 or y == -flips[e - 1])
                    )
                    for e, y in enumerate(flips)
                },
            },
            f"|y| from {np.abs(flips).min()} to {np.abs(flips).max()}, sign flipping every epoch",
        ),
    }


def exercises_notebook(
    lang: str,
    *,
    start: tuple[float, float],
    learning_rate: float,
    predict: dict,
    bowl: dict,
    loss: dict,
    momentum: dict,
    peaks_momentum: dict,
    noise: dict,
) -> list[Code]:
    """The page's notebook: each exercise's runs as plain loops, printing what the answers quote
    (the learning rate × epochs grid and the landmarks of exercise 1 are left to the page; the
    noisy runs of exercise 11 draw from numpy's generator, so what they print is not checked)."""
    peaks = get_landscape("peaks")
    rates = EXERCISE_LRS
    run, long = exercise_runs(start, rates)
    seed_min = seed_minimum()
    lam_min_ref = float(seed_min.eigenvalues.min())
    d0_ref = float(np.linalg.norm(np.array(start) - seed_min.x))
    big, half, tiny = (run[lr] for lr in rates)
    step = steepest_step(start, learning_rate)
    gmin = next(c for c in critical_points() if c.is_global_min)
    h = peaks.hessian(gmin.x)
    lo, hi = (float(v) for v in gmin.eigenvalues)
    limit = limit_runs(predict["start"], predict["rates"], predict["epochs"])
    b_runs = bowl_runs(bowl["start"], bowl["rates"], bowl["epochs"])
    seed = f"{tuple(start)}, learning_rate={learning_rate}, epochs={SEED_EPOCHS}"
    ex1 = (
        f"path = descend({seed})\n"
        f'print("end after {SEED_EPOCHS} epochs (x, y) =", path[-1, 0], path[-1, 1])\n'
        'print("f there =", f(*path[-1]))\n'
    )
    ex1_map = (
        cells.show_map()
        + 'ax.plot(path[:, 0], path[:, 1], color="tab:red")\n'
        + 'ax.plot(path[0, 0], path[0, 1], "bs")\n'
        + 'ax.plot(path[-1, 0], path[-1, 1], "o", color="tab:orange")\n'
        + "plt.show()\n"
    )
    ex2 = (
        f"longer = descend({tuple(start)}, learning_rate={learning_rate}, "
        f"epochs={10 * SEED_EPOCHS})\n"
        'print("end after the longer run (x, y) =", longer[-1, 0], longer[-1, 1])\n'
        'print("largest difference =", np.abs(longer[-1] - path[-1]).max())\n'
    )
    ex2_grad = (
        "# at rounding level: its digits differ from machine to machine, so this line is not\n"
        "# checked (no '=')\n"
        'print("gradient norm at the end:", np.hypot(df_x(*path[-1]), df_y(*path[-1])))\n'
    )
    ex3 = (
        f"runs = {{eta: descend({tuple(start)}, learning_rate=eta, epochs={SEED_EPOCHS})"
        f" for eta in {rates}}}\n"
        f"fig, axes = plt.subplots({len(rates)}, 1, figsize=(6, 15))\n"
        "for ax, (eta, p) in zip(axes, runs.items()):\n"
        '    ax.imshow(Z, extent=[-3, 3, -3, 3], origin="lower", vmin=-5, vmax=5)\n'
        '    ax.plot(p[:, 0], p[:, 1], color="tab:red")\n'
        '    ax.set_title(f"eta = {eta}")\n'
        "plt.show()\n\n"
        f"big, half, tiny = runs[{rates[0]}], runs[{rates[1]}], runs[{rates[2]}]\n"
        f'print("{rates[0]}: end (x, y) =", big[-1, 0], big[-1, 1])\n'
        "# rounding level again: not checked (no '=')\n"
        f'print("  difference from the reference end:", np.abs(big[-1] - path[-1]).max())\n'
        f'print("{rates[1]}: first step lands at (x, y) =", half[1, 0], half[1, 1])\n'
        "# a run this wild amplifies rounding: the last digits of its end differ from machine\n"
        "# to machine, so this line is not checked (no '=')\n"
        f'print("  end (x, y):", half[-1, 0], half[-1, 1])\n'
        f'print("{rates[2]}: end (x, y) =", tiny[-1, 0], tiny[-1, 1])\n'
        'print("  distance travelled =", np.linalg.norm(tiny[-1] - tiny[0]))\n'
    )
    ex5 = (
        f"start = np.array({tuple(start)})\n"
        "gx, gy = df_x(*start), df_y(*start)\n"
        'print("gradient at the start =", gx, gy)\n'
        'print("its norm =", np.hypot(gx, gy))\n'
        'print("direction of -gradient in degrees =", np.degrees(np.arctan2(-gy, -gx)))\n'
    )
    ex5_step = (
        f"eta = {learning_rate}\n"
        "predicted = -eta * (gx**2 + gy**2)  # Taylor: f changes by -eta |grad f|^2\n"
        "actual = f(*(start - eta * np.array([gx, gy]))) - f(*start)\n"
        'print("predicted decrease =", -predicted)\n'
        'print("actual decrease =", -actual)\n'
        'print("relative gap =", abs(actual / predicted - 1))\n'
        "H0 = np.array(hessian(*start), dtype=float)  # hessian: from exercise 4's cell\n"
        "g = np.array([gx, gy])\n"
        "predicted2 = predicted + eta**2 / 2 * g @ H0 @ g  # second order adds (1/2) d^T H d\n"
        'print("second-order predicted decrease =", -predicted2)\n'
        'print("relative gap to the second-order prediction =", abs(actual / predicted2 - 1))\n'
    )
    ex4 = (
        "hessian = sympy.lambdify((x, y), sympy.hessian(f_expr, (x, y)))\n"
        "m_ref = path[-1]  # the reference run's end: its minimum, to rounding\n"
        "H = np.array(hessian(*m_ref), dtype=float)\n"
        "lam_min, lam_max = np.linalg.eigvalsh(H)\n"
        f"d0 = np.linalg.norm(np.array({tuple(start)}) - m_ref)\n"
        f"eps = {ARRIVE_RADIUS}  # arrived: within this distance of the minimum\n"
        'print("lambda_min =", lam_min)\n'
        'print("d0 =", d0)\n'
        'print("ln(d0 / eps) =", np.log(d0 / eps))\n'
        f"for eta in {ARRIVAL_LRS}:\n"
        f"    p = descend({tuple(start)}, eta, 300)\n"
        "    far = np.flatnonzero(np.linalg.norm(p - m_ref, axis=1) > eps)\n"
        "    rho = max(abs(1 - eta * lam_min), abs(1 - eta * lam_max))\n"
        "    shortcut = np.log(d0 / eps) / -np.log(rho)\n"
        "    e = p[0] - m_ref  # the quadratic model, run epoch by epoch: e <- (I - eta H) e\n"
        "    errs = [np.linalg.norm(e)]\n"
        "    for _ in range(300):\n"
        "        e = e - eta * H @ e\n"
        "        errs.append(np.linalg.norm(e))\n"
        "    model = np.flatnonzero(np.array(errs) > eps)[-1] + 1\n"
        "    arrived = far[-1] + 1\n"
        '    print(f"eta {eta}: rho {rho:.3f} | shortcut {shortcut:.0f} | model {model} | "\n'
        '          f"measured {arrived}")\n'
    )
    ex6 = (
        f"m = np.array({tuple(predict['start'])})\n"
        "for _ in range(20):  # Newton's method from the start in the deep valley\n"
        "    m = m - np.linalg.solve(np.array(hessian(*m), dtype=float), [df_x(*m), df_y(*m)])\n"
        "H = np.array(hessian(*m), dtype=float)\n"
        "tr, det = np.trace(H), np.linalg.det(H)\n"
        "root = np.sqrt(tr**2 - 4 * det)\n"
        "lam_min, lam_max = (tr - root) / 2, (tr + root) / 2\n"
        'print("global minimum (x, y) =", m[0], m[1])\n'
        'print("H[0, 0], H[0, 1], H[1, 1] =", H[0, 0], H[0, 1], H[1, 1])\n'
        "shown = np.round(H, 2)  # the matrix as the page shows it, as a reader computes by hand\n"
        'print("trace =", np.trace(shown))\n'
        'print("determinant =", np.linalg.det(shown))\n'
        'print("eigenvalues (tr -/+ sqrt(tr**2 - 4 det)) / 2 =", lam_min, lam_max)\n'
        'print("stability limit 2 / lam_max =", 2 / lam_max)\n'
    )
    ex6_runs = (
        f"tol = {PLAYGROUND_TOL}  # stop once the gradient norm is this small\n"
        "fig, ax = plt.subplots(figsize=(6, 4))\n"
        f"for eta in {tuple(predict['rates'])}:\n"
        f"    point = np.array({tuple(predict['start'])})\n"
        "    distances = [np.linalg.norm(point - m)]\n"
        "    epoch = 0\n"
        f"    while epoch < {predict['epochs']} and np.hypot(df_x(*point), df_y(*point)) > tol:\n"
        "        point = point - eta * np.array([df_x(*point), df_y(*point)])\n"
        "        distances.append(np.linalg.norm(point - m))\n"
        "        epoch += 1\n"
        '    ax.semilogy(distances, label=f"eta = {eta}")\n'
        f"    if epoch < {predict['epochs']}:\n"
        '        print(f"{eta}: epochs until the gradient norm is below tol =", epoch)\n'
        "    else:\n"
        '        print(f"{eta}: distances of the last two epochs, nearer and farther =",'
        " *sorted(distances[-2:]))\n"
        "ax.legend()\n"
        "plt.show()\n"
    )
    ex6_checks = []
    for i, r in enumerate(limit.values()):
        if r.status == "converged":
            ex6_checks.append(Check(f"predict_epochs{i}", r.epochs_run))
        else:
            near, far = sorted(float(np.linalg.norm(x - gmin.x)) for x in r.path[-2:])
            ex6_checks += [Check("predict_cycle_near", near), Check("predict_cycle_far", far)]
    bowl_landscape = get_landscape("elongated_bowl")
    ex7 = (
        f"bowl = {cells.sympy_code(bowl_landscape.expr)}\n"
        "bowl_grad = sympy.lambdify((x, y), [sympy.diff(bowl, x), sympy.diff(bowl, y)])\n"
        f"for eta in {tuple(bowl['rates'])}:\n"
        f"    point = np.array({tuple(float(v) for v in bowl['start'])})\n"
        f"    for epoch in range({bowl['epochs']} + 1):\n"
        f"        if np.linalg.norm(point) < {bowl['tol']}:\n"
        '            print(f"{eta}: arrives after epochs =", epoch)\n'
        "            break\n"
        "        point = point - eta * np.array(bowl_grad(*point))\n"
        "    else:\n"
        '        print(f"{eta}: never arrives")\n'
    )
    ex7_checks = []
    for i, r in enumerate(b_runs.values()):
        arrived = epochs_to(r.path, bowl["tol"])
        if arrived is not None:
            ex7_checks.append(Check(f"bowl_epochs{i}", arrived))
    return [
        Code(
            cells.IMPORTS + "\n\n" + cells.PEAKS + cells.PEAKS_MAP + "\n\n" + cells.DESCEND, "start"
        ),
        Code(
            ex1,
            "after:ex_end_1000",
            (
                Check("ex_end_1000", run[learning_rate].final[0], 0),
                Check("ex_end_1000", run[learning_rate].final[1], 1),
                Check("ex_seed_min_value", seed_min.value),
            ),
        ),
        Code(ex1_map, "fig-ex-start"),
        Code(
            ex2,
            "after:ex_epochs_diff",
            (
                Check("ex_end_10000", long.final[0], 0),
                Check("ex_end_10000", long.final[1], 1),
                Check("ex_epochs_diff", float(np.abs(long.final - run[learning_rate].final).max())),
            ),
        ),
        Code(ex2_grad, "after:ex_grad_1000"),
        Code(
            ex3,
            "fig-ex-lr",
            (
                Check("ex_lr1_end", big.final[0], 0),
                Check("ex_lr1_end", big.final[1], 1),
                Check("ex_lr2_first", half.path[1][0], 0),
                Check("ex_lr2_first", half.path[1][1], 1),
                Check("ex_lr3_end", tiny.final[0], 0),
                Check("ex_lr3_end", tiny.final[1], 1),
                Check("ex_lr3_moved", float(np.linalg.norm(tiny.final - np.array(start)))),
            ),
        ),
        Code(
            ex4,
            "after:ex_rule_eta_e",
            (
                Check("ex_lambda_min", lam_min_ref, -1),
                Check("ex_d0", d0_ref, -1),
                Check("ex_rule_ln", float(np.log(d0_ref / ARRIVE_RADIUS)), -1),
            ),
        ),
        Code(
            ex5,
            "after:why_norm",
            (
                Check("why_grad", step["gx"], 0),
                Check("why_grad", step["gy"], 1),
                Check("why_norm", step["norm"]),
                Check("why_down_angle", step["down_angle"]),
            ),
        ),
        Code(
            ex5_step,
            "after:why_gap2",
            (
                Check("why_predicted", -step["predicted"], -1),
                Check("why_actual", -step["actual"]),
                Check("why_gap", abs(step["actual"] / step["predicted"] - 1)),
                Check("why_predicted2", -step["predicted2"], -1),
                Check("why_gap2", abs(step["actual"] / step["predicted2"] - 1)),
            ),
        ),
        Code(
            ex6,
            "after:predict_limit",
            (
                Check("predict_min", gmin.x[0], 0),
                Check("predict_min", gmin.x[1], 1),
                Check("predict_hessian", h[0, 0], 0),
                Check("predict_hessian", h[0, 1], 1),
                Check("predict_hessian", h[1, 1], 3),
                Check("predict_trace", float(np.trace(np.round(h, 2))), -1),
                Check("predict_det", float(np.linalg.det(np.round(h, 2))), -1),
                Check("predict_eigs", lo, 0),
                Check("predict_eigs", hi, 1),
                Check("predict_limit", 2 / hi, 1),
            ),
        ),
        Code(ex6_runs, "fig-ex-limit-runs", tuple(ex6_checks)),
        Code(ex7, "after:bowl_epochs0", tuple(ex7_checks)),
        *beyond_cells(loss=loss, momentum=momentum, peaks_momentum=peaks_momentum, noise=noise),
    ]


# --- exercises 8-11: loss curves, momentum, noise ------------------------------------------------
#: How closely exercise 8's measured late ratio f(x_{k+1}) / f(x_k) must equal (1 − ηλmin)²
#: (relative): the bowl is exactly quadratic, so only rounding and the vanished steep part are left.
LATE_TOL = 1e-6
#: How far exercise 9's measured ratio of epochs may miss the quadratic model's ln ρ / ln ρ_β
#: (relative): at β* the two roots coincide and the error shrinks as k rᵏ, a little slower than rᵏ.
MOMENTUM_RATIO_TOL = 0.15


def bowl_best_settings() -> dict[str, float]:
    """The bowl's best plain learning rate 2/(λmin + λmax) and best momentum pair
    β* = ((√κ − 1)/(√κ + 1))², η*_β = 4/(√λmax + √λmin)², each to three significant digits (the
    settings of the playground's presets ``bowl_best`` and ``bowl_momentum``)."""
    lo, hi = bowl_eigenvalues()
    beta, eta, _ = best_heavy_ball(lo, hi)
    return {"plain": three_digits(best_plain_rate(lo, hi)), "beta": three_digits(beta),
            "eta": three_digits(eta)}  # fmt: skip


@cache
def loss_run(start: tuple[float, float], learning_rate: float, epochs: int) -> Trajectory:
    """Exercise 8's run on the long bowl, stopping as the playground does."""
    bowl = get_landscape("elongated_bowl")
    return descend(bowl, start, learning_rate=learning_rate, epochs=epochs, tol=PLAYGROUND_TOL)


def loss_facts(loss: dict) -> dict:
    """Exercise 8: the run's f − f* (f* = 0 on the bowl), its ratios from one epoch to the next,
    the epochs at which the loss lies in the band, and the two squared factors."""
    lo, hi = bowl_eigenvalues()
    run = loss_run(loss["start"], loss["learning_rate"], loss["epochs"])
    f = get_landscape("elongated_bowl").value(run.path)
    high, low = loss["band"]
    ratios = f[1:] / f[:-1]
    window = np.flatnonzero((f[:-1] < high) & (f[:-1] > low))
    eta = loss["learning_rate"]
    # the steep part of f − f*: ½ λmax s², with s the error along the steep eigenvector (y here)
    steep = 0.5 * hi * run.path[:, 1] ** 2
    return {
        "run": run,
        "f": f,
        "ratios": ratios,
        "window": window,
        "sq_min": (1 - eta * lo) ** 2,
        "sq_max": (1 - eta * hi) ** 2,
        "steep_share": steep / f,
        "lams": (lo, hi),
    }


@cache
def momentum_pair_runs(start: tuple[float, float], epochs: int) -> tuple[Trajectory, Trajectory]:
    """Exercise 9's two runs on the long bowl, stopping as the playground does: plain descent at
    its best rate, and momentum at its best pair."""
    bowl = get_landscape("elongated_bowl")
    best = bowl_best_settings()
    plain = descend(bowl, start, learning_rate=best["plain"], epochs=epochs, tol=PLAYGROUND_TOL)
    ball = descend(
        bowl,
        start,
        learning_rate=best["eta"],
        epochs=epochs,
        momentum=best["beta"],
        tol=PLAYGROUND_TOL,
    )
    return plain, ball


def momentum_ratio(start: tuple[float, float], epochs: int) -> tuple[float, float]:
    """Exercise 9: the quadratic model's ratio of epochs, ln ρ / ln ρ_β (momentum's epochs over
    plain descent's), and the measured ratio of the epochs at which the playground stops."""
    best = bowl_best_settings()
    lams = bowl_eigenvalues()
    rho = heavy_ball_rate(best["plain"], 0.0, lams)
    rho_ball = heavy_ball_rate(best["eta"], best["beta"], lams)
    plain, ball = momentum_pair_runs(start, epochs)
    return float(np.log(rho) / np.log(rho_ball)), ball.epochs_run / plain.epochs_run


#: Exercise 10: the last epochs over which a run that moves about a minimum must never come within
#: the radius of arriving (it does not arrive by chance at the end either).
LAST_EPOCHS = 100


@cache
def peaks_momentum_runs(peaks_momentum: tuple) -> dict[tuple[int, float], Trajectory]:
    """Exercise 10's four runs on peaks, stopping as the playground does: from each start, without
    momentum and with it, keyed by (start index, β)."""
    pm = dict(peaks_momentum)
    peaks = get_landscape("peaks")
    return {
        (i, beta): descend(
            peaks,
            start,
            learning_rate=pm["learning_rate"],
            epochs=pm["epochs"],
            momentum=beta,
            tol=PLAYGROUND_TOL,
        )
        for i, start in enumerate(pm["starts"])
        for beta in (0.0, pm["momentum"])
    }


def _momentum_runs(peaks_momentum: dict) -> dict[tuple[int, float], Trajectory]:
    return peaks_momentum_runs(tuple(peaks_momentum.items()))


def momentum_limit(point: CriticalPoint, momentum: float) -> float:
    """A minimum's stability limit with momentum in the quadratic model: 2(1 + β)/λmax."""
    return 2 * (1 + momentum) / float(point.eigenvalues.max())


def nearest_minimum(x: np.ndarray) -> tuple[CriticalPoint, float]:
    """The local minimum of peaks nearest ``x``, and its distance."""
    minima = [c for c in critical_points() if c.kind == "min"]
    near = min(minima, key=lambda c: float(np.linalg.norm(c.x - x)))
    return near, float(np.linalg.norm(near.x - x))


@cache
def noise_runs(
    start: tuple[float, float],
    learning_rate: float,
    epochs: int,
    noise: float,
    seeds: tuple[int, ...],
) -> dict[int, Trajectory]:
    """Exercise 11's runs: the reference run with gradient noise, one per seed."""
    peaks = get_landscape("peaks")
    return {
        s: descend(
            peaks,
            start,
            learning_rate=learning_rate,
            epochs=epochs,
            noise=noise,
            seed=s,
            tol=PLAYGROUND_TOL,
        )
        for s in seeds
    }


def noise_typical(noise: dict) -> tuple[float, float, float]:
    """The quadratic model's typical error along the reference minimum's two eigenvectors,
    σ√(η/(λ(2 − ηλ))) (the noise page's exact form), and the typical distance (their root sum of
    squares)."""
    eta, sigma = noise["learning_rate"], noise["noise"]
    lo, hi = (float(v) for v in seed_minimum().eigenvalues)
    flat, steep = (sigma * math.sqrt(eta / (lam * (2 - eta * lam))) for lam in (lo, hi))
    return flat, steep, math.hypot(flat, steep)


def deep_far(run: Trajectory, minimum: CriticalPoint) -> float:
    """How far ``run`` ever lies from ``minimum``, rounded up to two decimals: the bound
    Exercise 10 states ("never farther than")."""
    return ceil_to(float(np.linalg.norm(run.path - minimum.x, axis=1).max()), 2)


def nearest_saddle_to(point: CriticalPoint) -> float:
    """The distance from a critical point of peaks to the nearest saddle point."""
    return min(
        float(np.linalg.norm(c.x - point.x)) for c in critical_points() if c.kind == "saddle"
    )


def noise_far(nruns: dict[int, Trajectory], point: CriticalPoint) -> float:
    """The farthest the noisy runs get from ``point`` over their last :data:`LAST_EPOCHS`."""
    return max(
        float(np.linalg.norm(r.path[-LAST_EPOCHS:] - point.x, axis=1).max()) for r in nruns.values()
    )


def steep_below(share: np.ndarray) -> int:
    """The first epoch from which the steep part's share of f stays below :data:`LATE_TOL`."""
    above = np.flatnonzero(share >= LATE_TOL)
    return int(above[-1] + 1) if len(above) else 0


def beyond_values(
    lang: str, *, loss: dict, momentum: dict, peaks_momentum: dict, noise: dict
) -> dict[str, str]:
    """Numbers of exercises 8–11: the long bowl's loss curve, momentum on the bowl and on peaks,
    and the reference run with gradient noise over several seeds."""
    lf = loss_facts(loss)
    lo, hi = lf["lams"]
    eta = loss["learning_rate"]
    window = lf["window"]
    out = {
        "ex8_lr": fmt_rate(eta),
        "ex8_start": math_point(np.array(loss["start"]), 1),
        "ex8_lams": f"$\\lambda_{{\\min}} = {lo:g}$, $\\lambda_{{\\max}} = {hi:g}$",
        "ex8_sq_min": (
            f"$(1 - \\eta\\lambda_{{\\min}})^2 = {tex(1 - eta * lo, 2)}^2 = {lf['sq_min']:.4f}$"
        ),
        "ex8_sq_max": (
            f"$(1 - \\eta\\lambda_{{\\max}})^2 = ({tex(1 - eta * hi, 2)})^2 = {lf['sq_max']:.4f}$"
        ),
        "ex8_band_high": power_of_ten("the band's top", loss["band"][0]),
        "ex8_band_low": power_of_ten("the band's bottom", loss["band"][1]),
        "ex8_window_lo": f"{int(window[0])}",
        "ex8_steep_below": f"{steep_below(lf['steep_share'])}",
        "ex8_window_hi": f"{int(window[-1])}",
        "ex8_tol": power_of_ten("LATE_TOL", LATE_TOL),
        "ex8_first": f"${lf['ratios'][0]:.3f}$",
        "ex8_tenfold": (
            f"$\\ln 10 / (-\\ln {lf['sq_min']:.4f}) = {np.log(10) / -np.log(lf['sq_min']):.1f}$"
        ),
    }
    best = bowl_best_settings()
    b_lo, b_hi = bowl_eigenvalues()
    kappa = b_hi / b_lo
    plain, ball = momentum_pair_runs(momentum["start"], momentum["epochs"])
    model, measured = momentum_ratio(momentum["start"], momentum["epochs"])
    out |= {
        "ex9_start": math_point(np.array(momentum["start"]), 1),
        "ex9_kappa": f"$\\kappa = {kappa:g}$",
        "ex9_plain_lr": (
            f"$2 / (\\lambda_{{\\min}} + \\lambda_{{\\max}}) = {fmt_rate(best['plain'])}$"
        ),
        "ex9_beta": f"$\\beta^* = {fmt_rate(best['beta'])}$",
        "ex9_eta": f"$\\eta^*_\\beta = {fmt_rate(best['eta'])}$",
        "ex9_rho_plain": f"$(\\kappa - 1) / (\\kappa + 1) = {(kappa - 1) / (kappa + 1):.3f}$",
        "ex9_rho_ball": (
            f"$(\\sqrt{{\\kappa}} - 1) / (\\sqrt{{\\kappa}} + 1) = "
            f"{(math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1):.3f}$"
        ),
        "ex9_rho_ball_preset": f"${heavy_ball_rate(best['eta'], best['beta'], (b_lo, b_hi)):.3f}$",
        "ex9_plain_epochs": f"{plain.epochs_run:,}",
        "ex9_ball_epochs": f"{ball.epochs_run:,}",
        "ex9_ratio_model": f"${model:.2f}$",
        "ex9_ratio_measured": f"${measured:.2f}$",
        "ex9_ratio_gap": pct(abs(measured / model - 1)),
    }
    runs = _momentum_runs(peaks_momentum)
    beta = peaks_momentum["momentum"]
    ref, gmin = seed_minimum(), next(c for c in critical_points() if c.is_global_min)
    deep_plain = runs[(1, 0.0)]
    ref_ball = runs[(0, beta)]
    _, ball_dist = nearest_minimum(ref_ball.final)
    out |= {
        "ex10_lr": fmt_rate(peaks_momentum["learning_rate"]),
        "ex10_beta": f"$\\beta = {fmt_rate(beta)}$",
        "ex10_start0": math_point(np.array(peaks_momentum["starts"][0]), 1),
        "ex10_start1": math_point(np.array(peaks_momentum["starts"][1]), 1),
        "ex10_epochs": f"{peaks_momentum['epochs']:,}",
        "ex10_ref_limit0": f"$2 / \\lambda_{{\\max}} = {momentum_limit(ref, 0.0):.4f}$",
        "ex10_ref_limit9": (
            f"$2(1 + \\beta) / \\lambda_{{\\max}} = {momentum_limit(ref, beta):.4f}$"
        ),
        "ex10_global_limit0": f"$2 / \\lambda_{{\\max}} = {momentum_limit(gmin, 0.0):.4f}$",
        "ex10_global_limit9": (
            f"$2(1 + \\beta) / \\lambda_{{\\max}} = {momentum_limit(gmin, beta):.4f}$"
        ),
        # "never farther than": rounded up, so that no epoch lies beyond the bound shown
        "ex10_deep_far": f"${deep_far(deep_plain, gmin):.2f}$",
        "ex10_saddle": f"${nearest_saddle_to(gmin):.2f}$",
        "ex10_last": f"{LAST_EPOCHS:,}",
        "ex10_deep_ball_epochs": f"{runs[(1, beta)].epochs_run:,}",
        "ex10_ref_plain_epochs": f"{runs[(0, 0.0)].epochs_run:,}",
        "ex10_ref_ball_epochs": f"{ref_ball.epochs_run:,}",
        "ex10_ref_ball_end": math_point(ref_ball.final, 2),
        "ex10_ref_ball_f": f"$f = {tex(float(get_landscape('peaks').value(ref_ball.final)), 2)}$",
        "ex10_ref_ball_dist": f"${ball_dist:.2f}$",
    }
    nruns = noise_runs(
        noise["start"], noise["learning_rate"], noise["epochs"], noise["noise"], noise["seeds"]
    )
    dists = [float(np.linalg.norm(r.final - ref.x)) for r in nruns.values()]
    flat, steep, typical = noise_typical(noise)
    out |= {
        "ex11_sigma": f"$\\sigma = {noise['noise']:g}$",
        "ex11_seed0": f"{noise['seeds'][0]}",
        "ex11_seeds": ", ".join(f"{s}" for s in noise["seeds"]),
        "ex11_noisy_radius": f"${NOISY_RADIUS:g}$",
        "ex11_n": native_count(len(noise["seeds"])) if lang == "ko" else f"{len(noise['seeds'])}",
        "ex11_dists": ", ".join(f"${d:.3f}$" for d in dists),
        "ex11_typ_min": f"${flat:.3f}$",
        "ex11_typ_max": f"${steep:.3f}$",
        "ex11_typ": f"${typical:.3f}$",
        "ex11_rms": f"${math.sqrt(np.mean(np.square(dists))):.3f}$",
        "ex11_far": f"${ceil_to(noise_far(nruns, ref), 2):.2f}$",  # "no run gets farther than"
        "ex11_last": f"{LAST_EPOCHS:,}",
        "ex11_saddle": f"${nearest_saddle_to(ref):.2f}$",
    }
    out |= newton_values(momentum["start"])
    return out


def newton_step(start: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Exercise 12: one step of Newton's method x − H⁻¹∇f(x) on the long bowl from ``start``, and
    the engine's first plain step there at the best plain rate (as the preset ``bowl_best``)."""
    bowl = get_landscape("elongated_bowl")
    x = np.array(start, dtype=float)
    newton = x - np.linalg.solve(bowl.hessian(x), bowl.gradient(x))
    plain = descend(bowl, start, learning_rate=bowl_best_settings()["plain"], epochs=1)
    return newton, plain.final


def newton_values(start: tuple[float, float]) -> dict[str, str]:
    """Exercise 12's numbers: the start, its gradient, where Newton's and the plain step land."""
    bowl = get_landscape("elongated_bowl")
    grad = bowl.gradient(np.array(start, dtype=float))
    newton, plain = newton_step(start)
    d0 = float(np.linalg.norm(start))
    return {
        "ex12_start": math_point(np.array(start), 1),
        "ex12_grad": f"$\\nabla f = ({tex(float(grad[0]), 0)}, {tex(float(grad[1]), 0)})$",
        "ex12_newton_end": math_point(newton, 0),
        "ex12_plain_end": math_point(plain, 3),
        "ex12_plain_dist": f"${float(np.linalg.norm(plain)):.3f}$",
        "ex12_d0": f"${d0:.3f}$",
        "ex12_plain_share": f"${float(np.linalg.norm(plain)) / d0:.3f}$",
    }


def beyond_claims(
    lang: str, *, loss: dict, momentum: dict, peaks_momentum: dict, noise: dict
) -> dict[str, Claim]:
    """What exercises 8–11 state, computed."""
    lf = loss_facts(loss)
    window = lf["window"]
    ratios, sq_min, sq_max = lf["ratios"], lf["sq_min"], lf["sq_max"]
    late = ratios[window]
    below = steep_below(lf["steep_share"])
    # the factors alone: the steep part shrinks by (1 − ηλmax)² per epoch, the flat by (1 − ηλmin)²
    first = float(lf["steep_share"][0])
    k = np.arange(len(lf["steep_share"]))
    model_share = first * (sq_max / sq_min) ** k
    model_share = model_share / (model_share + (1 - first))
    best = bowl_best_settings()
    plain, ball = momentum_pair_runs(momentum["start"], momentum["epochs"])
    model, measured = momentum_ratio(momentum["start"], momentum["epochs"])
    lams = bowl_eigenvalues()
    out = {
        "ex8_flat_sets_slope": Claim.every(
            {f"epoch {k}": bool(abs(ratios[k] / sq_min - 1) <= LATE_TOL) for k in window},
            f"epochs {window[0]}–{window[-1]}: ratios {late.min():.9f}–{late.max():.9f}, "
            f"(1 − ηλmin)² = {sq_min:.9f}",
        ),
        "ex8_steep_gone": Claim.every(
            {"(1 − ηλmax)² < (1 − ηλmin)²": sq_max < sq_min, "above at first": below > 0}
            | {"the factors' epoch": steep_below(model_share) == below}
            | {
                f"epoch {k}": bool(lf["steep_share"][k] < LATE_TOL)
                for k in range(below, len(lf["steep_share"]))
            }
            | {f"not yet at epoch {below - 1}": bool(lf["steep_share"][below - 1] >= LATE_TOL)},
            f"(1 − ηλmax)² = {sq_max:.4f} < (1 − ηλmin)² = {sq_min:.4f}; the steep part's share "
            f"of f below {LATE_TOL:g} from epoch {below} on ({lf['steep_share'][below]:.2e}), "
            f"not at epoch {below - 1} ({lf['steep_share'][below - 1]:.2e})",
        ),
        "ex8_fast_first": Claim(
            float(ratios[0]) < sq_min and float(lf["steep_share"][0]) > 0.5,
            f"first ratio {ratios[0]:.4f} < {sq_min:.4f}; steep share at the start "
            f"{lf['steep_share'][0]:.3f}",
        ),
        "ex9_ball_fewer": Claim.every(
            {
                "plain stops": plain.status == "converged",
                "momentum stops": ball.status == "converged",
                "both at the minimum": bool(
                    max(np.linalg.norm(plain.final), np.linalg.norm(ball.final)) < 1e-9
                ),
                "momentum fewer": ball.epochs_run < plain.epochs_run,
            },
            f"plain at {best['plain']}: {plain.status} after {plain.epochs_run}; momentum "
            f"β = {best['beta']}, η = {best['eta']}: {ball.status} after {ball.epochs_run}",
        ),
        "ex9_rates": Claim(
            heavy_ball_rate(best["eta"], best["beta"], lams)
            < heavy_ball_rate(best["plain"], 0.0, lams),
            f"ρ_β = {heavy_ball_rate(best['eta'], best['beta'], lams):.4f}, "
            f"ρ = {heavy_ball_rate(best['plain'], 0.0, lams):.4f}",
        ),
        "ex9_ratio_model": Claim(
            abs(measured / model - 1) <= MOMENTUM_RATIO_TOL,
            f"ln ρ / ln ρ_β = {model:.4f}, measured {measured:.4f}",
        ),
    }
    runs = _momentum_runs(peaks_momentum)
    beta, lr = peaks_momentum["momentum"], peaks_momentum["learning_rate"]
    ref, gmin = seed_minimum(), next(c for c in critical_points() if c.is_global_min)
    peaks = get_landscape("peaks")
    deep_plain, deep_ball = runs[(1, 0.0)], runs[(1, beta)]
    ref_plain, ref_ball = runs[(0, 0.0)], runs[(0, beta)]
    d_deep = np.linalg.norm(deep_plain.path - gmin.x, axis=1)
    far = ceil_to(float(d_deep.max()), 2)  # the bound shown (deep_far)
    saddle = nearest_saddle_to(gmin)
    _, ball_dist = nearest_minimum(ref_ball.final)
    nruns = noise_runs(
        noise["start"], noise["learning_rate"], noise["epochs"], noise["noise"], noise["seeds"]
    )
    dists = {s: float(np.linalg.norm(r.final - ref.x)) for s, r in nruns.items()}
    noisy_far = noise_far(nruns, ref)
    noisy_bound = ceil_to(noisy_far, 2)  # the bound shown (ex11_far)
    ref_saddle = nearest_saddle_to(ref)
    rms = math.sqrt(np.mean(np.square(list(dists.values()))))
    _, _, typical = noise_typical(noise)
    out |= {
        "ex10_lr_between": Claim.every(
            {
                "below the reference minimum's plain limit": lr < momentum_limit(ref, 0.0),
                "below the reference minimum's limit with momentum": lr < momentum_limit(ref, beta),
                "above the global minimum's plain limit": lr > momentum_limit(gmin, 0.0),
                "below the global minimum's limit with momentum": lr < momentum_limit(gmin, beta),
            },
            f"η = {lr}; limits {momentum_limit(ref, 0.0):.4f}, {momentum_limit(ref, beta):.4f} "
            f"(reference), {momentum_limit(gmin, 0.0):.4f}, "
            f"{momentum_limit(gmin, beta):.4f} (global)",
        ),
        "ex10_deep_plain_stays_out": Claim.every(
            {
                "never stops": deep_plain.status != "converged",
                **{f"epoch {k} in the valley": bool(d < saddle) for k, d in enumerate(d_deep)},
                **{
                    f"epoch {k} within the stated {far:.2f}": bool(d <= far)
                    for k, d in enumerate(d_deep)
                },
                **{
                    f"epoch {len(d_deep) - LAST_EPOCHS + k} not arrived": bool(d > ARRIVE_RADIUS)
                    for k, d in enumerate(d_deep[-LAST_EPOCHS:])
                },
            },
            f"{deep_plain.status} after {deep_plain.epochs_run}; distance to the global minimum at "
            f"most {d_deep.max():.4f} (saddle {saddle:.4f}), over the last {LAST_EPOCHS} at least "
            f"{d_deep[-LAST_EPOCHS:].min():.4f}",
        ),
        "ex10_deep_ball_arrives": Claim(
            deep_ball.status == "converged"
            and float(np.linalg.norm(deep_ball.final - gmin.x)) <= ARRIVE_RADIUS,
            f"{deep_ball.status} after {deep_ball.epochs_run}, "
            f"{np.linalg.norm(deep_ball.final - gmin.x):.3g} from the global minimum",
        ),
        "ex10_ref_plain_arrives": Claim.every(
            {
                "arrives and stops": ref_plain.status == "converged"
                and float(np.linalg.norm(ref_plain.final - ref.x)) <= ARRIVE_RADIUS,
                # "the run of Exercise 3 at this learning rate": the same start and rate
                "Exercise 3's start": tuple(peaks_momentum["starts"][0]) == SEED_START,
                "one of Exercise 3's rates": peaks_momentum["learning_rate"] in EXERCISE_LRS,
            },
            f"{ref_plain.status} after {ref_plain.epochs_run}, "
            f"{np.linalg.norm(ref_plain.final - ref.x):.3g} from the reference minimum; "
            f"η = {peaks_momentum['learning_rate']} of Exercise 3's {EXERCISE_LRS}",
        ),
        "ex10_ref_ball_leaves": Claim.every(
            {
                "stopped": ref_ball.status == "converged",
                "off the map": not bool(peaks.contains(ref_ball.final)),
                **{
                    f"not at the minimum f = {c.value:.4f}": bool(
                        np.linalg.norm(ref_ball.final - c.x) > ARRIVE_RADIUS
                    )
                    for c in critical_points()
                    if c.kind == "min"
                },
            },
            f"{ref_ball.status} after {ref_ball.epochs_run} at {ref_ball.final.round(4).tolist()}, "
            f"{ball_dist:.4f} from the nearest minimum",
        ),
        "ex11_each_near_reference": Claim.every(
            {
                f"seed {s}": nearest_minimum(nruns[s].final)[0].value == ref.value
                and ARRIVE_RADIUS < d <= NOISY_RADIUS
                and nruns[s].epochs_run == noise["epochs"]
                for s, d in dists.items()
            },
            f"distances to the reference minimum {[round(d, 4) for d in dists.values()]}",
        ),
        "ex11_stays_in_valley": Claim.every(
            {
                f"seed {s}": float(np.linalg.norm(r.path[-LAST_EPOCHS:] - ref.x, axis=1).max())
                <= noisy_bound
                < ref_saddle
                for s, r in nruns.items()
            },
            f"farthest over the last {LAST_EPOCHS} epochs {noisy_far:.4f} (shown {noisy_bound}), "
            f"nearest saddle {ref_saddle:.4f}",
        ),
        "ex11_same_size": Claim(
            0.5 <= rms / typical <= 2,
            f"root mean square {rms:.4f}, the model's typical distance {typical:.4f}",
        ),
    }
    out["ex10_limit_not_enough"] = Claim(
        lr < momentum_limit(ref, beta)
        and float(np.linalg.norm(ref_ball.final - ref.x)) > ARRIVE_RADIUS,
        f"η = {lr} < {momentum_limit(ref, beta):.4f}; the ball ends "
        f"{np.linalg.norm(ref_ball.final - ref.x):.4f} from the reference minimum",
    )
    newton, plain_step = newton_step(momentum["start"])
    eta1 = best["plain"]
    x0, y0 = momentum["start"]
    by_factor = np.array([(1 - eta1 * lams[0]) * x0, (1 - eta1 * lams[1]) * y0])
    out["ex12_newton_exact"] = Claim(
        bool(np.all(newton == 0.0)), f"Newton's step from {momentum['start']} lands at {newton}"
    )
    out["ex12_plain_step"] = Claim.every(
        {
            f"coordinate {axis}": bool(abs(a - b) <= 1e-15)
            for axis, a, b in zip("xy", plain_step, by_factor, strict=True)
        },
        f"the engine's first step {plain_step.tolist()}, each coordinate times its factor "
        f"{by_factor.tolist()}",
    )
    return out


def beyond_cells(*, loss: dict, momentum: dict, peaks_momentum: dict, noise: dict) -> list[Code]:
    """Exercises 8–12's notebook cells: the bowl's loss curve, momentum on the bowl and on peaks
    (the heavy ball written as a loop, stopping as the playground does), noisy runs with numpy's
    generator (their numbers not checked: other draws than the book's), one Newton step."""
    lf = loss_facts(loss)
    window, ratios = lf["window"], lf["ratios"]
    bowl_start = tuple(float(v) for v in loss["start"])
    ex8 = (
        "# f - f* on the long bowl (f* = 0) epoch by epoch, stopping as the playground does\n"
        "# (bowl and bowl_grad: from exercise 7's cell)\n"
        "bowl_f = sympy.lambdify((x, y), bowl)\n"
        "H_bowl = np.array(sympy.hessian(bowl, (x, y)), dtype=float)  # the same everywhere\n"
        "lam_lo, lam_hi = np.linalg.eigvalsh(H_bowl)\n"
        f"eta, tol = {loss['learning_rate']}, {PLAYGROUND_TOL}\n"
        f"point = np.array({bowl_start})\n"
        "points = [point]\n"
        f"for epoch in range({loss['epochs']}):\n"
        "    g = np.array(bowl_grad(*point))\n"
        "    if np.hypot(*g) <= tol:  # the playground's stopping rule\n"
        "        break\n"
        "    point = point - eta * g\n"
        "    points.append(point)\n"
        "points = np.array(points)\n"
        "losses = bowl_f(points[:, 0], points[:, 1])\n"
        "ratios = losses[1:] / losses[:-1]  # f(x_{k+1}) / f(x_k)\n"
        "sq_min, sq_max = (1 - eta * lam_lo) ** 2, (1 - eta * lam_hi) ** 2\n"
        'print("lambda_min, lambda_max =", lam_lo, lam_hi)\n'
        'print("the flat part\'s factor (1 - eta lambda_min)^2 =", sq_min)\n'
        'print("the steep part\'s factor (1 - eta lambda_max)^2 =", sq_max)\n'
        'print("the first epoch\'s ratio =", ratios[0])\n'
        "# the steep part of f: (1/2) lambda_max s^2, s the error along the steep eigenvector (y)\n"
        "share = 0.5 * lam_hi * points[:, 1] ** 2 / losses\n"
        f"small = {LATE_TOL}\n"
        "above = np.flatnonzero(share >= small)\n"
        'print("the steep part stays below small * f from epoch =", above[-1] + 1)\n'
        f"high, low = {tuple(loss['band'])}\n"
        "band = np.flatnonzero((losses[:-1] < high) & (losses[:-1] > low))\n"
        'print("f between high and low: from epoch =", band[0])\n'
        'print("  to epoch =", band[-1])\n'
        "# how far the ratios there are from sq_min, relatively (no '=': not checked)\n"
        'print("  largest relative gap of a ratio from sq_min:",\n'
        "      np.abs(ratios[band] / sq_min - 1).max())\n"
        'print("epochs to fall tenfold, ln 10 / (-ln sq_min) =", np.log(10) / -np.log(sq_min))\n'
        "fig, ax = plt.subplots(figsize=(6, 4))\n"
        "ax.semilogy(losses)\n"
        'ax.set_xlabel("epoch")\n'
        'ax.set_ylabel("f - f*")\n'
        "plt.show()\n"
    )
    lo, hi = lf["lams"]
    ex8_checks = (
        Check("ex8_lams", lo, 0),
        Check("ex8_lams", hi, 1),
        Check("ex8_sq_min", lf["sq_min"], -1),
        Check("ex8_sq_max", lf["sq_max"], -1),
        Check("ex8_first", ratios[0]),
        Check("ex8_steep_below", steep_below(lf["steep_share"])),
        Check("ex8_window_lo", window[0]),
        Check("ex8_window_hi", window[-1]),
        Check("ex8_tenfold", np.log(10) / -np.log(lf["sq_min"]), -1),
    )
    best = bowl_best_settings()
    lams = bowl_eigenvalues()
    kappa = lams[1] / lams[0]
    plain, ball = momentum_pair_runs(momentum["start"], momentum["epochs"])
    model, measured = momentum_ratio(momentum["start"], momentum["epochs"])
    ex9 = (
        f"def heavy_ball(grad, start, eta, beta, epochs, tol={PLAYGROUND_TOL}):\n"
        '    """v <- beta v - eta grad f(x), x <- x + v, from v = 0 (beta = 0: plain descent),\n'
        "    stopping as the playground does: once |grad f| <= tol and the ball is at rest,\n"
        '    beta |v| <= eta tol. Returns every iterate and the number of epochs run."""\n'
        "    point, v = np.array(start, dtype=float), np.zeros(2)\n"
        "    path = [point]\n"
        "    for epoch in range(epochs):\n"
        "        g = np.array(grad(*point))\n"
        "        if np.hypot(*g) <= tol and beta * np.hypot(*v) <= eta * tol:\n"
        "            return np.array(path), epoch\n"
        "        v = beta * v - eta * g\n"
        "        point = point + v\n"
        "        path.append(point)\n"
        "    return np.array(path), epochs\n\n\n"
        "def three_digits(value):\n"
        '    """A setting to three significant digits, as the playground\'s presets have it."""\n'
        '    return float(f"{value:.3g}")\n\n\n'
        "def rate(eta, beta):\n"
        '    """The quadratic model\'s rate of convergence: the largest size of a root of\n'
        "    r^2 - (1 + beta - eta lambda) r + beta over both eigenvalues\n"
        '    (beta = 0: max |1 - eta lambda|, plain descent\'s)."""\n'
        "    roots = [np.roots([1.0, -(1 + beta - eta * lam), beta]) for lam in (lam_lo, lam_hi)]\n"
        "    return max(np.abs(r).max() for r in roots)\n\n\n"
        "kappa = lam_hi / lam_lo\n"
        "root = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)\n"
        "plain_lr = three_digits(2 / (lam_lo + lam_hi))\n"
        "beta_star = three_digits(root**2)\n"
        "eta_star = three_digits(4 / (np.sqrt(lam_hi) + np.sqrt(lam_lo)) ** 2)\n"
        'print("kappa =", kappa)\n'
        'print("best plain rate 2 / (lambda_min + lambda_max), three digits =", plain_lr)\n'
        'print("best pair, three digits: beta* =", beta_star)\n'
        'print("  eta* =", eta_star)\n'
        "# the model's rates of convergence: plain descent at its best rate, the heavy ball at\n"
        "# its best pair (as the momentum page found them) and at the pair to three digits\n"
        'print("without momentum, (kappa - 1) / (kappa + 1) =", (kappa - 1) / (kappa + 1))\n'
        'print("with momentum, (sqrt(kappa) - 1) / (sqrt(kappa) + 1) =", root)\n'
        'print("  at the three-digit pair =", rate(eta_star, beta_star))\n'
        f"start, epochs = {tuple(float(v) for v in momentum['start'])}, {momentum['epochs']}\n"
        "plain, n_plain = heavy_ball(bowl_grad, start, plain_lr, 0.0, epochs)\n"
        "ball, n_ball = heavy_ball(bowl_grad, start, eta_star, beta_star, epochs)\n"
        'print("plain descent stops after epochs =", n_plain)\n'
        'print("the heavy ball stops after epochs =", n_ball)\n'
        "model = np.log(rate(plain_lr, 0.0)) / np.log(rate(eta_star, beta_star))\n"
        'print("the model\'s ratio of epochs, ln rho / ln rho_beta =", model)\n'
        'print("the measured ratio =", n_ball / n_plain)\n'
        'print("  relative gap =", abs(n_ball / n_plain / model - 1))\n'
    )
    ex9_checks = (
        Check("ex9_kappa", kappa),
        Check("ex9_plain_lr", best["plain"], -1),
        Check("ex9_beta", best["beta"], -1),
        Check("ex9_eta", best["eta"], -1),
        Check("ex9_rho_plain", (kappa - 1) / (kappa + 1), -1),
        Check("ex9_rho_ball", (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1), -1),
        Check("ex9_rho_ball_preset", heavy_ball_rate(best["eta"], best["beta"], lams)),
        Check("ex9_plain_epochs", plain.epochs_run),
        Check("ex9_ball_epochs", ball.epochs_run),
        Check("ex9_ratio_model", model),
        Check("ex9_ratio_measured", measured),
        Check("ex9_ratio_gap", abs(measured / model - 1)),
    )
    pm = peaks_momentum
    beta, ref = pm["momentum"], seed_minimum()
    gmin = next(c for c in critical_points() if c.is_global_min)
    ex10_limits = (
        "# the critical points of peaks: Newton's method on grad f = 0 from a grid of starts\n"
        "side = np.linspace(-3, 3, 41)\n"
        "P = np.array(np.meshgrid(side, side)).reshape(2, -1)\n"
        "with np.errstate(all='ignore'):  # a step may overflow far from the hills: dropped below\n"
        "    for _ in range(60):\n"
        "        (a, b), (c, d) = np.array(hessian(*P), dtype=float)  # hessian: exercise 4's\n"
        "        gx, gy = df_x(*P), df_y(*P)\n"
        "        P = P - np.array([d * gx - b * gy, a * gy - c * gx]) / (a * d - b * c)\n"
        "    P = P[:, np.all(np.isfinite(P) & (np.abs(P) <= 3), axis=0)]  # on the map\n"
        "    P = P[:, np.hypot(df_x(*P), df_y(*P)) < 1e-8].T\n"
        "found = []  # many starts find the same point: keep one of each\n"
        "for p in P:\n"
        "    if all(np.linalg.norm(p - q) > 1e-6 for q in found):\n"
        "        found.append(p)\n"
        "kinds = {'min': [], 'max': [], 'saddle': []}\n"
        "for p in found:\n"
        "    low, high = np.linalg.eigvalsh(np.array(hessian(*p), dtype=float))\n"
        "    kinds['min' if low > 0 else 'max' if high < 0 else 'saddle'].append(p)\n"
        'print(len(found), "critical points:", {k: len(v) for k, v in kinds.items()})\n'
        "# the reference run's minimum: the one nearest its end (path: exercise 1's cell)\n"
        "m_ref = min(kinds['min'], key=lambda p: np.linalg.norm(p - path[-1]))\n"
        "m_glob = min(kinds['min'], key=lambda p: f(*p))  # the global minimum\n"
        f"beta = {beta}\n"
        'two = {"the reference run\'s minimum": m_ref, "the global minimum": m_glob}\n'
        "for name, p in two.items():\n"
        "    lam_max = np.linalg.eigvalsh(np.array(hessian(*p), dtype=float))[1]\n"
        '    print(name + ": without momentum, 2 / lambda_max =", 2 / lam_max)\n'
        '    print("  with momentum, 2 (1 + beta) / lambda_max =", 2 * (1 + beta) / lam_max)\n'
    )
    ex10_limit_checks = (
        Check("ex10_ref_limit0", momentum_limit(ref, 0.0), -1),
        Check("ex10_ref_limit9", momentum_limit(ref, beta), -1),
        Check("ex10_global_limit0", momentum_limit(gmin, 0.0), -1),
        Check("ex10_global_limit9", momentum_limit(gmin, beta), -1),
    )
    runs = _momentum_runs(pm)
    ref_start, deep_start = (tuple(float(v) for v in s) for s in pm["starts"])
    deep_plain, ref_ball = runs[(1, 0.0)], runs[(0, beta)]
    _, ball_dist = nearest_minimum(ref_ball.final)
    ex10_runs = (
        "def peaks_grad(px, py):\n"
        "    return df_x(px, py), df_y(px, py)\n\n\n"
        f"eta, epochs = {pm['learning_rate']}, {pm['epochs']}\n"
        f"deep, n = heavy_ball(peaks_grad, {deep_start}, eta, 0.0, epochs)\n"
        "d = np.linalg.norm(deep - m_glob, axis=1)\n"
        'print("beside the global minimum, without momentum: epochs run =", n)\n'
        "# a run this wild amplifies rounding: the last digits of its farthest distance differ\n"
        "# from machine to machine, so this line is not checked (no '=')\n"
        'print("  farthest from the global minimum:", d.max())\n'
        'print("  the nearest saddle point\'s distance from it =",\n'
        "      min(np.linalg.norm(s - m_glob) for s in kinds['saddle']))\n"
        f'print("  closest over the last {LAST_EPOCHS} epochs:", d[-{LAST_EPOCHS}:].min())\n'
        f"deep_ball, n = heavy_ball(peaks_grad, {deep_start}, eta, beta, epochs)\n"
        'print("beside the global minimum, with momentum: stops after epochs =", n)\n'
        'print("  its distance from the global minimum:", np.linalg.norm(deep_ball[-1] - m_glob))\n'
        f"ref_plain, n = heavy_ball(peaks_grad, {ref_start}, eta, 0.0, epochs)\n"
        'print("the reference start, without momentum: stops after epochs =", n)\n'
        'print("  its distance from the reference run\'s minimum:", '
        "np.linalg.norm(ref_plain[-1] - m_ref))\n"
        f"ref_ball, n = heavy_ball(peaks_grad, {ref_start}, eta, beta, epochs)\n"
        "end = ref_ball[-1]\n"
        'print("the reference start, with momentum: stops after epochs =", n)\n'
        'print("  at (x, y) =", end[0], end[1])\n'
        'print("  where f =", f(*end))\n'
        'print("  the nearest minimum\'s distance =",\n'
        "      min(np.linalg.norm(end - p) for p in kinds['min']))\n"
        "fig, ax = plt.subplots(figsize=(6, 5))\n"
        'ax.imshow(Z, extent=[-3, 3, -3, 3], origin="lower")\n'
        'ax.plot(deep[:, 0], deep[:, 1], label="beside the global minimum, no momentum")\n'
        'ax.plot(deep_ball[:, 0], deep_ball[:, 1], label="beside the global minimum, momentum")\n'
        'ax.plot(ref_plain[:, 0], ref_plain[:, 1], label="the reference start, no momentum")\n'
        'ax.plot(ref_ball[:, 0], ref_ball[:, 1], label="the reference start, momentum")\n'
        "ax.set_xlim(-3, 3)\n"
        "ax.set_ylim(-3, 3)\n"
        "ax.legend()\n"
        "plt.show()\n"
    )
    ex10_run_checks = (
        Check("ex10_epochs", deep_plain.epochs_run),
        Check("ex10_saddle", nearest_saddle_to(gmin)),
        Check("ex10_deep_ball_epochs", runs[(1, beta)].epochs_run),
        Check("ex10_ref_plain_epochs", runs[(0, 0.0)].epochs_run),
        Check("ex10_ref_ball_epochs", ref_ball.epochs_run),
        Check("ex10_ref_ball_end", ref_ball.final[0], 0),
        Check("ex10_ref_ball_end", ref_ball.final[1], 1),
        Check("ex10_ref_ball_f", float(get_landscape("peaks").value(ref_ball.final)), -1),
        Check("ex10_ref_ball_dist", ball_dist),
    )
    flat, steep, typical = noise_typical(noise)
    ex11 = (
        f"sigma, eta = {noise['noise']}, {noise['learning_rate']}\n"
        "lam_min, lam_max = np.linalg.eigvalsh(np.array(hessian(*m_ref), dtype=float))\n"
        "# the quadratic model's typical error along each eigenvector (the noise page's):\n"
        "# sigma sqrt(eta / (lambda (2 - eta lambda)))\n"
        "typ_min = sigma * np.sqrt(eta / (lam_min * (2 - eta * lam_min)))\n"
        "typ_max = sigma * np.sqrt(eta / (lam_max * (2 - eta * lam_max)))\n"
        'print("typical error along v_min =", typ_min)\n'
        'print("  along v_max =", typ_max)\n'
        'print("typical distance, sqrt(typ_min^2 + typ_max^2) =", np.hypot(typ_min, typ_max))\n'
        "print(\"the nearest saddle point's distance from the reference run's minimum =\",\n"
        "      min(np.linalg.norm(s - m_ref) for s in kinds['saddle']))\n\n"
        "# numpy's generator draws other numbers than the book's and the playground's: the runs\n"
        "# below are not the page's, only like them, so what they print is not checked (no '=')\n"
        "ends, far = [], 0.0\n"
        f"for seed in {tuple(noise['seeds'])}:\n"
        "    rng = np.random.default_rng(seed)\n"
        f"    point = np.array({tuple(float(v) for v in noise['start'])})\n"
        f"    for epoch in range({noise['epochs']}):\n"
        "        g = np.array([df_x(*point), df_y(*point)]) + sigma * rng.standard_normal(2)\n"
        "        point = point - eta * g\n"
        f"        if epoch >= {noise['epochs'] - LAST_EPOCHS}:  # the last {LAST_EPOCHS} epochs\n"
        "            far = max(far, np.linalg.norm(point - m_ref))\n"
        "    ends.append(np.linalg.norm(point - m_ref))\n"
        '    print(f"seed {seed}: ends at ({point[0]:.4f}, {point[1]:.4f}),", ends[-1],\n'
        '          "from the reference run\'s minimum")\n'
        'print("root mean square of the distances:", np.sqrt(np.mean(np.square(ends))))\n'
        f'print("farthest from the minimum over the last {LAST_EPOCHS} epochs:", far)\n'
    )
    ex11_checks = (
        Check("ex11_typ_min", flat),
        Check("ex11_typ_max", steep),
        Check("ex11_typ", typical),
        Check("ex11_saddle", nearest_saddle_to(ref)),
    )
    newton, plain_step = newton_step(momentum["start"])
    grad = get_landscape("elongated_bowl").gradient(np.array(momentum["start"], dtype=float))
    d0 = float(np.linalg.norm(momentum["start"]))
    ex12 = (
        f"p0 = np.array({tuple(float(v) for v in momentum['start'])})\n"
        "g0 = np.array(bowl_grad(*p0))\n"
        'print("gradient at the start =", g0[0], g0[1])\n'
        "newton = p0 - np.linalg.solve(H_bowl, g0)  # x - H^-1 grad f(x)\n"
        'print("Newton\'s step lands at (x, y) =", newton[0], newton[1])\n'
        "step = p0 - plain_lr * g0  # plain_lr: exercise 9's best rate, to three digits\n"
        'print("the plain step lands at (x, y) =", step[0], step[1])\n'
        'print("  its distance from the minimum =", np.linalg.norm(step))\n'
        'print("the start\'s distance =", np.linalg.norm(p0))\n'
        'print("the share left =", np.linalg.norm(step) / np.linalg.norm(p0))\n'
    )
    ex12_checks = (
        Check("ex12_grad", grad[0], 0),
        Check("ex12_grad", grad[1], 1),
        Check("ex12_newton_end", newton[0], 0),
        Check("ex12_newton_end", newton[1], 1),
        Check("ex12_plain_end", plain_step[0], 0),
        Check("ex12_plain_end", plain_step[1], 1),
        Check("ex12_plain_dist", float(np.linalg.norm(plain_step))),
        Check("ex12_d0", d0),
        Check("ex12_plain_share", float(np.linalg.norm(plain_step)) / d0),
    )
    return [
        Code(ex8, "after:ex8_tenfold", ex8_checks),
        Code(ex9, "after:ex9_ratio_gap", ex9_checks),
        Code(ex10_limits, "after:ex10_global_limit9", ex10_limit_checks),
        Code(ex10_runs, "after:ex10_ref_ball_dist", ex10_run_checks),
        Code(ex11, "after:ex11_rms", ex11_checks),
        Code(ex12, "after:ex12_plain_share", ex12_checks),
    ]


_BEYOND = {
    "loss": EX_LOSS,
    "momentum": EX_MOMENTUM,
    "peaks_momentum": EX_PEAKS_MOMENTUM,
    "noise": EX_NOISE,
}

_WHY = {"start": SEED_START, "learning_rate": SEED_LR, "predict": PREDICT, "bowl": EX_BOWL}

ENTRIES = (
    Entry("ex_start_minima", "figure", ex_start_minima, SEED, fmt="webp"),
    Entry(
        "ex_epochs",
        "figure",
        ex_epochs,
        {"start": SEED_START, "learning_rate": SEED_LR, "epochs": (SEED_EPOCHS, 10 * SEED_EPOCHS)},
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
    Entry("ex_limit_runs", "figure", ex_limit_runs, PREDICT),
    Entry("why_values", "values", why_values, _WHY, fmt="json"),
    Entry("beyond_values", "values", beyond_values, _BEYOND, fmt="json"),
    Entry("beyond_claims", "claims", beyond_claims, _BEYOND, fmt="json"),
    Entry("why_claims", "claims", why_claims, _WHY, fmt="json"),
    Entry("exercises_notebook", "notebook", exercises_notebook, _WHY | _BEYOND, fmt="json"),
    Entry(
        "exercise_values",
        "values",
        exercise_values,
        {"start": SEED_START, "rates": EXERCISE_LRS},
        fmt="json",
    ),
    Entry(
        "exercise_claims",
        "claims",
        exercise_claims,
        {"start": SEED_START, "rates": EXERCISE_LRS},
        fmt="json",
    ),
)
