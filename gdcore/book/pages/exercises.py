"""Page ``exercises.md``: the seed's explorations (start, epochs, learning rate) with answers."""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from gdcore.analysis import CriticalPoint
from gdcore.book.memo import memo
from gdcore.book.numfmt import fmt_rate, math_point, tex
from gdcore.book.params import (
    ARRIVAL_LRS,
    EXERCISE_LRS,
    GRID_EPOCHS,
    GRID_LRS,
    SEED,
    SEED_EPOCHS,
    SEED_LR,
    SEED_START,
)
from gdcore.book.peaks import critical_points, descent_animation, outline_map, trajectory_figure
from gdcore.book.plots import PATH_COLOR, plot_heatmap, plot_path
from gdcore.book.registry import Claim, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label
from gdcore.descent import Trajectory, descend
from gdcore.landscape import get_landscape


def seed_minimum() -> CriticalPoint:
    """The local minimum the lesson's run reaches (the nearest critical point to its end)."""
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
_OUTCOME_COLORS = ("#fde725", "#21918c", "#e377c2", "#440154")


def lr_epochs_outcomes(
    start: tuple[float, float], rates: tuple[float, ...], epochs: tuple[int, ...]
) -> np.ndarray:
    """Each cell's outcome (an index into :data:`OUTCOMES`): outside the map; within 1e-3 of the
    lesson's minimum; elsewhere above that minimum's stability limit (bouncing); or on the way."""
    points, _ = lr_epochs_grid(start, rates, epochs)
    peaks = get_landscape("peaks")
    seed_min = seed_minimum()
    limit = 2 / float(seed_min.eigenvalues.max())
    arrived = np.linalg.norm(points - seed_min.x, axis=-1) <= 1e-3
    bouncing = np.array(rates)[:, None] > limit
    outcome = np.where(arrived, 1, np.where(bouncing, 2, 0))
    return np.where(peaks.contains(points), outcome, 3)


def ex_start_minima(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """The seed run and the three minima of peaks with their values: it ends in the highest one."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)
    fig, ax = trajectory_figure(lang, run, learning_rate, epochs, None, legend_loc="upper left")
    for c in critical_points():
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
        ax.legend(fontsize=8, loc="lower left")
    return fig


def ex_lr_grid(
    lang: str, *, start: tuple[float, float], rates: tuple[float, ...], epochs: tuple[int, ...]
) -> Figure:
    """The parametric experiment: where each learning rate is after each number of epochs."""
    outcome = lr_epochs_outcomes(start, rates, epochs)
    limit = 2 / float(seed_minimum().eigenvalues.max())
    fig, ax = new_figure(6.4, 4.2)
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
    ax.axvline(at, color="black", linestyle="--", linewidth=1.5)
    ax.text(at, len(epochs) - 0.45, label("limit_mark", lang), ha="center", va="bottom", fontsize=9)
    ticks = [i for i, r in enumerate(rates) if np.isclose(np.log10(r), round(np.log10(r)))]
    ax.set_xticks(ticks, [fmt_rate(rates[i]) for i in ticks])
    ax.set_yticks(range(len(epochs)), [f"{e:,}" for e in epochs])
    ax.set_xlabel(label("lr_axis", lang))
    ax.set_ylabel(label("epochs_count_axis", lang))
    handles = [
        Rectangle((0, 0), 1, 1, color=c, label=label(o, lang))
        for o, c in zip(OUTCOMES, _OUTCOME_COLORS, strict=True)
    ]
    fig.legend(handles=handles, fontsize=9, loc="outside lower center", ncols=2)
    return fig


@cache
def arrival_epochs(start: tuple[float, float], learning_rate: float) -> int:
    """After how many epochs descent from ``start`` is within 1e-3 of the lesson's minimum for
    good (runs up to 3,000 epochs)."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=3000)
    far = np.flatnonzero(np.linalg.norm(run.path - seed_minimum().x, axis=1) > 1e-3)
    if far.size and far[-1] == run.epochs_run:
        raise ValueError(f"learning rate {learning_rate} does not arrive within 3,000 epochs")
    return int(far[-1]) + 1 if far.size else 0


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


def exercise_values(
    lang: str, *, start: tuple[float, float], rates: tuple[float, ...]
) -> dict[str, str]:
    """Every number the exercises and their answers quote."""
    peaks = get_landscape("peaks")
    minima = sorted((c for c in critical_points() if c.kind == "min"), key=lambda c: c.value)
    run, long = exercise_runs(start, rates)
    seed_min = seed_minimum()
    summit, gmin, saddle = ex1_landmarks()
    lam = float(seed_min.eigenvalues.max())
    glam = float(gmin.eigenvalues.max())
    big, half, tiny = (run[lr] for lr in rates)
    grad_first = float(np.linalg.norm(peaks.gradient(half.path[1])))
    first_to_global = float(np.linalg.norm(half.path[1] - gmin.x))
    outcome = lr_epochs_outcomes(start, GRID_LRS, GRID_EPOCHS)
    eta_e = np.array(GRID_LRS)[:, None] * np.array(GRID_EPOCHS)[None, :]
    bouncing = sorted({GRID_LRS[i] for i in np.flatnonzero((outcome == 2).any(axis=1))})
    leaving = min(GRID_LRS[i] for i in np.flatnonzero((outcome == 3).all(axis=1)))
    return {
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
        "ex_grad_1000": f"${tex(float(run[SEED_LR].final_grad_norm), 2)}$",
        "ex_lr1": fmt_rate(rates[0]),
        "ex_lr2": fmt_rate(rates[1]),
        "ex_lr3": fmt_rate(rates[2]),
        "ex_lr1_end": math_point(big.final),
        "ex_lr1_diff": f"${tex(float(np.abs(big.final - run[SEED_LR].final).max()), 2)}$",
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
            f"$\\eta\\,\\lambda_{{\\max}} = {fmt_rate(rates[1])} \\cdot {glam:.2f}"
            f" = {rates[1] * glam:.1f}$"
        ),
        "ex_lr2_end": math_point(half.final, 3),
        "ex_lr2_end_grad": f"$\\lVert \\nabla f \\rVert = {tex(float(half.final_grad_norm), 2)}$",
        "ex_lr3_end": math_point(tiny.final, 4),
        "ex_lr3_moved": f"${np.linalg.norm(tiny.final - np.array(start)):.4f}$",
        "ex_lr3_to_go": f"${np.linalg.norm(seed_min.x - np.array(start)):.2f}$",
        "ex_lambda_max": f"$\\lambda_{{\\max}} = {lam:.2f}$",
        "ex_lr_limit": f"$2 / \\lambda_{{\\max}} = {2 / lam:.3f}$",
        "ex_global_lambda": f"$\\lambda_{{\\max}} = {glam:.2f}$",
        "ex_global_limit": f"$2 / \\lambda_{{\\max}} = {2 / glam:.3f}$",
        "ex_grid_rates": str(len(GRID_LRS)),
        "ex_grid_epochs": str(len(GRID_EPOCHS)),
        "ex_grid_arrived": str(int((outcome == 1).sum())),
        "ex_grid_eta_e_low": f"${eta_e[outcome == 1].min():.2f}$",
        "ex_grid_eta_e_high": f"${eta_e[outcome == 0].max():.2f}$",
        "ex_grid_bouncing": ", ".join(fmt_rate(r) for r in bouncing),
        "ex_grid_leaving": fmt_rate(leaving),
        "ex_arrival": ", ".join(
            f"{fmt_rate(lr)} → {arrival_epochs(start, lr)}" for lr in ARRIVAL_LRS
        ),
    }


def exercise_claims(
    lang: str, *, start: tuple[float, float], rates: tuple[float, ...]
) -> dict[str, Claim]:
    """The causes and comparisons the answers state, checked."""
    peaks = get_landscape("peaks")
    seed_min = seed_minimum()
    summit, gmin, saddle = ex1_landmarks()
    lam, glam = float(seed_min.eigenvalues.max()), float(gmin.eigenvalues.max())
    run, long = exercise_runs(start, rates)
    seed = run[SEED_LR]
    big, half, tiny = (run[lr] for lr in rates)
    rise = float(np.diff(seed.values).max())
    grad_first = float(np.linalg.norm(peaks.gradient(half.path[1])))
    first_to_global = float(np.linalg.norm(half.path[1] - gmin.x))
    outcome = lr_epochs_outcomes(start, GRID_LRS, GRID_EPOCHS)
    _, values = lr_epochs_grid(start, GRID_LRS, GRID_EPOCHS)
    eta_e = np.array(GRID_LRS)[:, None] * np.array(GRID_EPOCHS)[None, :]
    bouncing = np.flatnonzero((outcome == 2).any(axis=1))
    leaving = np.flatnonzero((outcome == 3).all(axis=1))
    big_rates = np.flatnonzero(np.array(GRID_LRS) > GRID_LRS[bouncing[-1]])
    moved = float(np.linalg.norm(tiny.final - np.array(start)))
    to_go = float(np.linalg.norm(seed_min.x - np.array(start)))
    return {
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
        "descent_never_climbs": Claim(rise <= 1e-12, f"largest rise of f in one step {rise:.3g}"),
        "more_epochs_change_nothing": Claim(
            bool(np.array_equal(long.final, seed.final)), f"{long.final} vs {seed.final}"
        ),
        "lr1_zigzags_yet_converges": Claim(
            -1 < 1 - rates[0] * lam < 0 and float(np.abs(big.final - seed.final).max()) < 1e-9,
            f"1 - {rates[0]}·{lam:.4f} = {1 - rates[0] * lam:.4f}",
        ),
        "lr2_first_step_near_global": Claim(first_to_global < 0.2, f"distance {first_to_global}"),
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
        "lr1_below_lr2_above_limit": Claim(
            rates[0] < 2 / lam < rates[1], f"{rates[0]} < {2 / lam:.4f} < {rates[1]}"
        ),
        "lr1_above_global_limit": Claim(rates[0] > 2 / glam, f"{rates[0]} > {2 / glam:.4f}"),
        "grid_never_global": Claim(
            float(values.min()) > gmin.value + 1, f"lowest {values.min():.4f} vs {gmin.value:.4f}"
        ),
        "grid_arrival_needs_eta_epochs": Claim(
            eta_e[outcome == 1].min() > 0.9 and eta_e[outcome == 0].max() <= 1.0,
            f"arrived: η·E ≥ {eta_e[outcome == 1].min():.3f}; "
            f"on the way: η·E ≤ {eta_e[outcome == 0].max():.3f}",
        ),
        "halving_doubles_well_below": Claim(
            1.7
            <= arrival_epochs(start, ARRIVAL_LRS[0]) / arrival_epochs(start, ARRIVAL_LRS[1])
            <= 2.3,
            f"{ARRIVAL_LRS[0]}: {arrival_epochs(start, ARRIVAL_LRS[0])} epochs, "
            f"{ARRIVAL_LRS[1]}: {arrival_epochs(start, ARRIVAL_LRS[1])}",
        ),
        "arrival_slows_near_limit": Claim(
            arrival_epochs(start, ARRIVAL_LRS[-1]) > 2 * arrival_epochs(start, ARRIVAL_LRS[-2])
            and arrival_epochs(start, ARRIVAL_LRS[-2]) <= arrival_epochs(start, ARRIVAL_LRS[-3])
            and ARRIVAL_LRS[-1] < 2 / lam,
            ", ".join(f"{lr}: {arrival_epochs(start, lr)}" for lr in ARRIVAL_LRS)
            + f"; limit {2 / lam:.4f}",
        ),
        "grid_bounces_at_one_rate": Claim(
            len(bouncing) == 1 and bool((outcome[bouncing[0]] == 2).all()),
            f"bouncing rates {[GRID_LRS[i] for i in bouncing]}",
        ),
        "grid_larger_rates_leave": Claim(
            len(big_rates) > 0 and set(big_rates) <= set(leaving),
            f"rates leaving in every cell {[GRID_LRS[i] for i in leaving]}",
        ),
    }


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
