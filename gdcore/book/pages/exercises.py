"""Page ``exercises.md``: the seed's explorations (start, epochs, learning rate) with answers."""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.figure import Figure

from gdcore.analysis import CriticalPoint
from gdcore.book.numfmt import fmt_rate, math_point, tex
from gdcore.book.params import (
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
from gdcore.book.registry import Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label
from gdcore.descent import descend
from gdcore.landscape import get_landscape


def seed_minimum() -> CriticalPoint:
    """The local minimum the lesson's run reaches (the nearest critical point to its end)."""
    end = descend(
        get_landscape("peaks"), SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS
    ).final
    minima = [c for c in critical_points() if c.kind == "min"]
    return min(minima, key=lambda c: np.linalg.norm(c.x - end))


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


def exercise_values(
    lang: str, *, start: tuple[float, float], rates: tuple[float, ...]
) -> dict[str, str]:
    """Every number the exercises and their answers quote."""
    peaks = get_landscape("peaks")
    minima = sorted((c for c in critical_points() if c.kind == "min"), key=lambda c: c.value)
    run = {
        lr: descend(peaks, start, learning_rate=lr, epochs=SEED_EPOCHS) for lr in (SEED_LR, *rates)
    }
    long = descend(peaks, start, learning_rate=SEED_LR, epochs=10 * SEED_EPOCHS)
    seed_min = seed_minimum()
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
)
