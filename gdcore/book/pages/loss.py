"""Page ``loss.md``: the loss curve f(xₖ) − f* on a log scale for the book's runs, why it falls
fast at first and then slowly (the error's parts along the Hessian's eigenvectors, in the
quadratic model), and what the safe global step η < 2/L promises for it and what it does not."""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from gdcore.book import cells, palette
from gdcore.book.numfmt import fmt, fmt_rate, math_point, order_of, particle, tex
from gdcore.book.pages.shared import (
    eigen,
    frozen_epoch,
    largest_curvature,
    lesson_minimum,
    power_of_ten,
    rise_bound,
    seed_run,
)
from gdcore.book.params import (
    ARRIVAL_LRS,
    BASINS,
    BOWL,
    EXERCISE_LRS,
    SAFE_LRS,
    SEED_EPOCHS,
    SEED_LR,
    SEED_START,
)
from gdcore.book.peaks import critical_points
from gdcore.book.plots import series_style
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label
from gdcore.descent import Trajectory, descend
from gdcore.landscape import get_landscape

#: The bowl's loss curve: the curvature page's start and its small learning rate, long enough
#: for the flat part alone to be left.
BOWL_LOSS = {"start": BOWL["start"], "learning_rate": BOWL["rates"][0], "epochs": 60}
#: Two learning rates above the safe bound 2/L at which the reference start's loss curve is
#: checked too: the first exercise's rate and the largest arrival rate, both below the reference
#: minimum's own stability limit.
ABOVE_SAFE_LRS = (EXERCISE_LRS[0], ARRIVAL_LRS[-1])
#: The learning rates whose loss curves from the reference start the page compares: the reference
#: run's and the larger safe rate, below 2/L, then the two above it.
LOSS_RATES = (SEED_LR, SAFE_LRS[-1], *ABOVE_SAFE_LRS)
#: The late slope of the reference run's loss curve is measured while f − f* lies between these
#: sizes: near the minimum, and far above the rounding level of f − f* (about 10⁻¹⁶).
LOSS_HIGH, LOSS_LOW = 1e-6, 1e-12
#: How close each late per-epoch ratio of f − f* must come to the predicted (1 − ηλmin)²: on
#: peaks (near the minimum, the quadratic model is nearly exact) and on the bowl (exactly
#: quadratic; the steep part must have faded below this share of the loss too).
LATE_TOL = 1e-3
#: How closely the quadratic model's two parts must add up to the reference run's f − f*.
MODEL_TOL = 0.01
#: The bowl's parts, predicted from the start alone, against the measured f: rounding only.
BOWL_TOL = 1e-12
#: The reference run's loss curve is drawn until f − f* first falls below this (above it, the
#: curve is not rounding noise).
DRAW_FLOOR = 1e-14


# --- the runs ------------------------------------------------------------------------------------
@cache
def bowl_run(start: tuple[float, float], learning_rate: float, epochs: int) -> Trajectory:
    """The run on the elongated bowl x² + 10y² (its minimum, the origin, has f* = 0)."""
    return descend(get_landscape("elongated_bowl"), start, learning_rate=learning_rate,
                   epochs=epochs)  # fmt: skip


def bowl_parts(start: tuple[float, float], learning_rate: float, epochs: int) -> np.ndarray:
    """The bowl's loss split along its eigenvectors (the axes), predicted from the start alone:
    ``½ λᵢ eᵢ(0)² (1 − ηλᵢ)^{2k}`` for k = 0..epochs, shape ``(epochs + 1, 2)``, λmin's first."""
    if not isinstance(epochs, int) or epochs < 0:
        raise ValueError(f"epochs must be a whole number of at least 0, got {epochs!r}")
    w, v = eigen(np.zeros(2), "elongated_bowl")
    e0 = np.asarray(start, dtype=float) @ v
    k = np.arange(epochs + 1)[:, None]
    return 0.5 * w * e0**2 * (1 - learning_rate * w) ** (2 * k)


def seed_loss() -> tuple[np.ndarray, np.ndarray]:
    """The reference run's loss f(xₖ) − f* at every epoch (f* the value of the minimum it arrives
    at), and the quadratic model's two parts ``½ λᵢ (eₖ · vᵢ)²`` from the run's own error
    ``eₖ = xₖ − x*``, shape ``(epochs + 1, 2)``, λmin's first."""
    m = lesson_minimum()
    w, v = eigen(m.x)
    run = seed_run()
    parts = 0.5 * w * ((run.path - m.x) @ v) ** 2
    return run.values - m.value, parts


def late_window(loss: np.ndarray) -> np.ndarray:
    """The epochs k at which the loss lies between :data:`LOSS_LOW` and :data:`LOSS_HIGH`."""
    return np.flatnonzero((loss[:-1] > LOSS_LOW) & (loss[:-1] < LOSS_HIGH))


def model_from(loss: np.ndarray, parts: np.ndarray) -> int:
    """The first epoch from which, down to :data:`LOSS_LOW`, the quadratic model's two parts add
    up to the measured loss within :data:`MODEL_TOL` (relative)."""
    end = int(np.flatnonzero(loss > LOSS_LOW)[-1])
    off = np.abs(parts[: end + 1].sum(axis=1) - loss[: end + 1]) > MODEL_TOL * loss[: end + 1]
    return int(np.flatnonzero(off)[-1]) + 1 if off.any() else 0


def settled_from(ratios: np.ndarray, target: float, tol: float) -> int:
    """The first index from which every ratio lies within ``tol`` of ``target``."""
    off = np.abs(ratios - target) >= tol
    return int(np.flatnonzero(off)[-1]) + 1 if off.any() else 0


def largest_rise(run: Trajectory) -> float:
    """The largest rise of f from one epoch to the next along a run."""
    return float(np.diff(run.values).max())


@cache
def above_safe_runs() -> dict[float, Trajectory]:
    """The reference start's runs at the rates :data:`ABOVE_SAFE_LRS`, above 2/L."""
    peaks = get_landscape("peaks")
    return {
        lr: descend(peaks, SEED_START, learning_rate=lr, epochs=SEED_EPOCHS)
        for lr in ABOVE_SAFE_LRS
    }


@cache
def rate_runs() -> dict[float, Trajectory]:
    """The reference start's runs at each rate of :data:`LOSS_RATES`."""
    peaks = get_landscape("peaks")
    return {
        lr: descend(peaks, SEED_START, learning_rate=lr, epochs=SEED_EPOCHS) for lr in LOSS_RATES
    }


def predicted_late(learning_rate: float) -> float:
    """The quadratic model's late factor of the loss at the reference minimum: the square of the
    rate of convergence, max (1 − ηλ)² over the Hessian's eigenvalues there."""
    w, _ = eigen(lesson_minimum().x)
    return float(np.max((1 - learning_rate * w) ** 2))


def late_ratios(run: Trajectory) -> tuple[np.ndarray, np.ndarray]:
    """The epochs of :func:`late_window` of a run's loss f − f* (f* the reference minimum's value)
    and the per-epoch ratios of the loss there."""
    loss = run.values - lesson_minimum().value
    window = late_window(loss)
    return window, loss[window + 1] / loss[window]


def safe_bound() -> float:
    """L over the basin map's grid (:func:`gdcore.book.pages.shared.largest_curvature`): 2/L."""
    return 2 / largest_curvature(BASINS["grid"])


def rise_bound_all() -> float:
    """The power of ten above the largest one-epoch rise of f along the reference run and the
    runs above 2/L (:func:`gdcore.book.pages.shared.rise_bound`)."""
    runs = [seed_run(), *above_safe_runs().values()]
    return rise_bound(max(largest_rise(r) for r in runs))


# --- the figure ----------------------------------------------------------------------------------
def _curve(ax: Axes, lang: str, k: np.ndarray, loss: np.ndarray, parts: np.ndarray) -> None:
    """One panel on a log axis: the measured loss, a wide line in the path's colour, and over it
    its two parts, λmin's dotted and λmax's dashed (where the measured loss is the flat part
    alone, the dotted line runs along its middle)."""
    ax.plot(k, loss, "-", color=palette.mark("path"), linewidth=3.2, zorder=2)
    ax.plot(k, parts[:, 0], ":", color=palette.mark("lmin"), linewidth=1.8, zorder=3)
    ax.plot(k, parts[:, 1], "--", color=palette.mark("lmax"), linewidth=1.6, zorder=3)
    ax.set_yscale("log")
    ax.set_xlim(0, k[-1])
    ax.set_xlabel(label("epochs_axis", lang))
    ax.set_ylabel(label("loss_axis", lang))
    ax.grid(alpha=0.3)


def loss_curves(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """Two loss curves on a log scale, stacked: the bowl's run (``start``, ``learning_rate``,
    ``epochs``) with its two parts predicted from the start, and the reference run on peaks with
    the quadratic model's two parts from its own error, down to where f − f* nears rounding
    level (a guide marks that level)."""
    fig = Figure(figsize=(4.8, 8.4), layout="constrained")
    top, bottom = fig.subplots(2, 1)
    run = bowl_run(start, learning_rate, epochs)
    k = np.arange(epochs + 1)
    _curve(top, lang, k, run.values, bowl_parts(start, learning_rate, epochs))
    top.set_ylim(float(run.values[-1]) / 100, 3 * float(run.values[0]))
    top.set_title(label("loss_bowl_title", lang, lr=fmt_rate(learning_rate)), fontsize=11)
    loss, parts = seed_loss()
    last = int(np.argmax(loss < DRAW_FLOOR))
    k = np.arange(last + 1)
    with np.errstate(divide="ignore"):
        _curve(bottom, lang, k, loss[: last + 1], parts[: last + 1])
    floor = float(10.0 ** np.floor(np.log10(abs(float(loss[-1])))))
    bottom.axhline(floor, color=palette.GUIDE, linestyle="-.", linewidth=1.2)
    bottom.text(last * 0.98, floor * 3, label("loss_rounding", lang), ha="right", va="bottom",
                fontsize=11)  # fmt: skip
    bottom.set_ylim(floor / 10, 30)
    bottom.set_title(label("loss_seed_title", lang, lr=fmt_rate(SEED_LR)), fontsize=11)
    handles = [
        Line2D([], [], color=palette.mark("path"), linewidth=3.2,
               label=label("loss_measured", lang)),
        Line2D([], [], color=palette.mark("lmin"), linestyle=":", linewidth=1.8,
               label=label("loss_part_lmin", lang)),
        Line2D([], [], color=palette.mark("lmax"), linestyle="--", linewidth=1.6,
               label=label("loss_part_lmax", lang)),
    ]  # fmt: skip
    fig.legend(handles=handles, loc="outside lower center", ncols=1, fontsize=11)
    return fig


def loss_rates(lang: str, *, rates: tuple[float, ...]) -> Figure:
    """The loss curves of the reference start's runs at ``rates`` on one log axis, each in a
    series grey and dash of its own (:func:`gdcore.book.plots.series_style`), drawn until
    f − f* first falls below :data:`DRAW_FLOOR`; the legend says which rates lie below 2/L and
    which above."""
    unknown = [lr for lr in rates if lr not in LOSS_RATES]
    if not rates or unknown:
        raise ValueError(
            f"rates must be some of LOSS_RATES {LOSS_RATES} (the runs the page checks), "
            f"got {rates!r}"
        )
    fig, ax = new_figure(4.4, 5.2)
    safe = safe_bound()
    runs = rate_runs()
    last_all = 0
    for i, lr in enumerate(rates):
        loss = runs[lr].values - lesson_minimum().value
        last = int(np.argmax(loss < DRAW_FLOOR))
        last_all = max(last_all, last)
        key = "loss_rate_below" if lr < safe else "loss_rate_above"
        ax.plot(np.arange(last + 1), loss[: last + 1], linewidth=2.0,
                label=label(key, lang, lr=fmt_rate(lr)), **series_style(i))  # fmt: skip
    ax.set_yscale("log")
    ax.set_xlim(0, last_all)
    ax.set_xlabel(label("epochs_axis", lang))
    ax.set_ylabel(label("loss_axis", lang))
    ax.set_title(label("loss_rates_title", lang), fontsize=11)
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=1, fontsize=11)
    return fig


# --- values and claims ---------------------------------------------------------------------------
#: The early stretch of the reference run the page compares with its late slope (epochs).
EARLY = 10


def _listed(names: list[str], lang: str) -> str:
    """``0.05, 0.1 and 0.12`` / ``0.05, 0.1과 0.12`` (the particle read aloud)."""
    head = ", ".join(names[:-1])
    if lang == "ko":
        return f"{head}{particle(names[-2], '과')} {names[-1]}"
    return f"{head} and {names[-1]}"


def _square(factor: float, digits: int = 4) -> str:
    """``0.9367^2 = 0.8774`` (inside math): the factor to ``digits`` decimals, its square to 4."""
    return f"{tex(factor, digits)}^2 = {tex(factor**2, 4)}"


def loss_values(lang: str) -> dict[str, str]:
    """Every number the page shows."""
    b = BOWL_LOSS
    lr_b = b["learning_rate"]
    wb, _ = eigen(np.zeros(2), "elongated_bowl")
    brun = bowl_run(**b)
    bratio = brun.values[1:] / brun.values[:-1]
    fb_min = 1 - lr_b * wb[0]
    m = lesson_minimum()
    w, _ = eigen(m.x)
    loss, parts = seed_loss()
    window = late_window(loss)
    ratios = loss[window + 1] / loss[window]
    r_min, r_max = 1 - SEED_LR * w[0], 1 - SEED_LR * w[1]
    start_share = float(parts[0].sum() / loss[0])
    limits = [2 / float(c.eigenvalues.max()) for c in critical_points() if c.kind == "min"]
    return {
        # the loss curve
        "ls_seed_lr": f"$\\eta = {fmt_rate(SEED_LR)}$",
        "ls_seed_epochs": f"{SEED_EPOCHS:,}",
        "ls_fstar": f"$f^* = {tex(m.value, 4)}$",
        "ls_seed_min": math_point(m.x, 4),
        "ls_loss0": fmt(float(loss[0]), 3),
        "ls_early": f"{EARLY}",
        "ls_loss_early": fmt(float(loss[EARLY]), 3),
        "ls_end_loss": order_of(abs(float(loss[-1]))),
        # the bowl
        "ls_bowl_f": f"$f(x, y) = {get_landscape('elongated_bowl').latex}$",
        "ls_bowl_start": math_point(np.array(b["start"]), 1),
        "ls_bowl_lr": f"$\\eta = {fmt_rate(lr_b)}$",
        "ls_bowl_epochs": f"{b['epochs']:,}",
        "ls_bowl_lams": f"$\\lambda_{{\\min}} = {wb[0]:g}$, $\\lambda_{{\\max}} = {wb[1]:g}$",
        "ls_bowl_sq_min": f"$(1 - \\eta\\lambda_{{\\min}})^2 = {_square(fb_min, 2)}$",
        "ls_bowl_sq_max": f"$(1 - \\eta\\lambda_{{\\max}})^2 = {_square(1 - lr_b * wb[1], 2)}$",
        "ls_bowl_first": fmt(float(bratio[0]), 3),
        "ls_bowl_steep0": f"{float(bowl_parts(**b)[0, 1]):g}",
        "ls_bowl_flat0": f"{float(bowl_parts(**b)[0, 0]):g}",
        "ls_bowl_settled": f"{settled_from(bratio, fb_min**2, LATE_TOL)}",
        "ls_bowl_tol": power_of_ten("BOWL_TOL", BOWL_TOL),
        "ls_late_tol": power_of_ten("LATE_TOL", LATE_TOL),
        # the reference run near its minimum
        "ls_seed_lams": (f"$\\lambda_{{\\min}} = {w[0]:.2f}$, $\\lambda_{{\\max}} = {w[1]:.2f}$"),
        "ls_seed_sq_min": f"$(1 - \\eta\\lambda_{{\\min}})^2 = {_square(r_min)}$",
        "ls_seed_sq_max": f"$(1 - \\eta\\lambda_{{\\max}})^2 = {_square(r_max)}$",
        "ls_start_share": f"{100 * start_share:.0f}%",
        "ls_model_from": f"{model_from(loss, parts)}",
        "ls_model_to": f"{int(np.flatnonzero(loss > LOSS_LOW)[-1])}",
        "ls_model_tol": f"{MODEL_TOL:.0%}",
        "ls_loss_high": power_of_ten("LOSS_HIGH", LOSS_HIGH),
        "ls_loss_low": power_of_ten("LOSS_LOW", LOSS_LOW),
        "ls_window_lo": f"{int(window.min())}",
        "ls_window_hi": f"{int(window.max())}",
        "ls_seed_ratio_lo": fmt(float(ratios.min()), 4),
        "ls_seed_ratio_hi": fmt(float(ratios.max()), 4),
        "ls_tenfold": f"{np.log(10) / -np.log(r_min**2):.0f}",
        # the safe global step
        "ls_global_limit": f"$2 / \\lambda_{{\\max}} = {min(limits):.4f}$",
        "ls_safe_lr4": f"$2/L \\approx {safe_bound():.5f}$",
        "ls_rise": power_of_ten("the rise bound", rise_bound_all()),
        "ls_above_lrs": _listed([fmt_rate(r) for r in ABOVE_SAFE_LRS], lang),
        "ls_seed_limit": f"$2 / \\lambda_{{\\max}} = {2 / w[1]:.4f}$",
        "ls_fastest_lr": fmt_rate(min(LOSS_RATES, key=predicted_late)),
        "ls_slow_above": fmt_rate(ABOVE_SAFE_LRS[-1]),
        "ls_fast_below": fmt_rate(SAFE_LRS[-1]),
        "ls_rates": _listed([fmt_rate(r) for r in LOSS_RATES], lang),
        "ls_rates_pred": ", ".join(
            f"$\\eta = {fmt_rate(r)}${'에서' if lang == 'ko' else ':'} {fmt(predicted_late(r), 4)}"
            for r in LOSS_RATES
        ),
    }


def loss_claims(lang: str) -> dict[str, Claim]:
    """What the page says of the loss curves, checked against the runs; a sentence over every
    epoch, minimum or rate is checked case by case (:meth:`Claim.every`)."""
    b = BOWL_LOSS
    lr_b = b["learning_rate"]
    wb, _ = eigen(np.zeros(2), "elongated_bowl")
    brun = bowl_run(**b)
    bparts = bowl_parts(**b)
    bratio = brun.values[1:] / brun.values[:-1]
    fb_min = 1 - lr_b * wb[0]
    b_from = settled_from(bratio, fb_min**2, LATE_TOL)
    m = lesson_minimum()
    w, _ = eigen(m.x)
    loss, parts = seed_loss()
    window = late_window(loss)
    ratios = loss[window + 1] / loss[window]
    r_min = 1 - SEED_LR * w[0]
    k0 = model_from(loss, parts)
    k1 = int(np.flatnonzero(loss > LOSS_LOW)[-1])
    safe = safe_bound()
    minima = [c for c in critical_points() if c.kind == "min"]
    bound = rise_bound_all()
    run = seed_run()
    seed_rises = np.diff(run.values)
    above = above_safe_runs()
    tenfold = np.log(10) / -np.log(r_min**2)
    late = {lr: late_ratios(r) for lr, r in rate_runs().items()}
    return {
        "ls_bowl_split": Claim.every(
            {
                f"epoch {k}": abs(float(bparts[k].sum()) - f) <= BOWL_TOL * f
                for k, f in enumerate(brun.values)
            },
            f"largest relative gap {np.max(np.abs(bparts.sum(axis=1) / brun.values - 1)):.1e} "
            f"over {b['epochs'] + 1} epochs",
        ),
        "ls_rates_late_slope": Claim.every(
            {
                f"η = {lr}": len(k) >= 10
                and bool(np.all(np.abs(r - predicted_late(lr)) < LATE_TOL))
                for lr, (k, r) in late.items()
            },
            "; ".join(
                f"η = {lr}: {len(k)} ratios {r.min():.5f}..{r.max():.5f}, predicted "
                f"{predicted_late(lr):.5f}"
                for lr, (k, r) in late.items()
            ),
        ),
        "ls_fastest_above": Claim(
            min(LOSS_RATES, key=predicted_late) > safe
            and predicted_late(ABOVE_SAFE_LRS[-1]) > predicted_late(SAFE_LRS[-1]),
            f"predicted late factors {[round(predicted_late(lr), 4) for lr in LOSS_RATES]} at "
            f"{LOSS_RATES}; 2/L = {safe:.5f}",
        ),
        "ls_bowl_steep_first": Claim(
            float(bparts[0, 1]) > float(bparts[0, 0]),
            f"at the start: steep part {bparts[0, 1]:g}, flat part {bparts[0, 0]:g}",
        ),
        "ls_bowl_fast_then_slow": Claim.every(
            {
                f"epoch {k}": abs(float(r) - fb_min**2) < LATE_TOL
                for k, r in enumerate(bratio)
                if k >= b_from
            }
            | {
                "settles late, not at once": 0 < b_from < b["epochs"] - 10,
                "the first epoch falls faster": float(bratio[0]) < fb_min**2 - 0.1,
            },
            f"f ratio at epoch 0: {bratio[0]:.4f}; from epoch {b_from} within {LATE_TOL:g} of "
            f"(1 − ηλmin)² = {fb_min**2:.4f}: "
            f"{bratio[b_from:].min():.6f}..{bratio[b_from:].max():.6f}",
        ),
        "ls_seed_far_at_first": Claim(
            abs(float(parts[0].sum() / loss[0]) - 1) > 0.1 and k0 > EARLY,
            f"at epoch 0 the parts add up to {parts[0].sum():.4f} of f − f* = {loss[0]:.4f}; "
            f"within {MODEL_TOL:.0%} only from epoch {k0}",
        ),
        "ls_seed_fast_at_first": Claim(
            float(loss[EARLY] / loss[0]) < 0.1 and tenfold > EARLY,
            f"f − f* {loss[0]:.4f} → {loss[EARLY]:.4f} in {EARLY} epochs; late, {tenfold:.1f} "
            "epochs per tenfold",
        ),
        "ls_seed_model_split": Claim.every(
            {
                f"epoch {k}": abs(float(parts[k].sum()) - float(loss[k]))
                <= MODEL_TOL * float(loss[k])
                for k in range(k0, k1 + 1)
            }
            | {"from a later epoch than the early stretch": k0 > EARLY},
            f"epochs {k0}..{k1}: largest relative gap "
            f"{np.max(np.abs(parts[k0 : k1 + 1].sum(axis=1) / loss[k0 : k1 + 1] - 1)):.2e}",
        ),
        "ls_seed_late_slope": Claim.every(
            {
                f"epoch {k}": abs(float(r) - r_min**2) < LATE_TOL
                for k, r in zip(window, ratios, strict=True)
            }
            | {
                "at least 10 consecutive epochs": len(window) >= 10
                and bool(np.all(np.diff(window) == 1)),
                "far above rounding": 1e3 * abs(float(loss[-1])) < LOSS_LOW,
            },
            f"{len(window)} ratios {ratios.min():.6f}..{ratios.max():.6f} over epochs "
            f"{window.min()}..{window.max()}, (1 − ηλmin)² = {r_min**2:.6f}",
        ),
        "ls_end_rounding": Claim(
            abs(float(loss[-1])) < 1e-15
            and float(np.linalg.norm(run.final - m.x)) < 1e-12
            and frozen_epoch(run.path) < SEED_EPOCHS,
            f"f − f* at the end {loss[-1]:.3e}, end {np.linalg.norm(run.final - m.x):.1e} from "
            f"the minimum; no move after epoch {frozen_epoch(run.path)}",
        ),
        "ls_safe_below_every_limit": Claim.every(
            {f"minimum f = {c.value:.3f}": safe < 2 / float(c.eigenvalues.max()) for c in minima},
            f"2/L = {safe:.5f}; limits "
            f"{[round(2 / float(c.eigenvalues.max()), 5) for c in minima]}",
        ),
        "ls_seed_never_rises": Claim.every(
            {f"epoch {k}": float(d) < bound for k, d in enumerate(seed_rises)}
            | {"below 2/L": safe > SEED_LR},
            f"η = {SEED_LR} < 2/L = {safe:.5f}; largest rise {seed_rises.max():.2e} < {bound:g}",
        ),
        "ls_not_global": Claim(
            m.value > min(c.value for c in minima) and m.value == max(c.value for c in minima),
            f"f* = {m.value:.5f}; the minima's values {[round(c.value, 4) for c in minima]}",
        ),
        "ls_above_still_falls": Claim.every(
            {
                f"η = {lr}": lr > safe
                and largest_rise(r) < bound
                and float(np.linalg.norm(r.final - m.x)) < 1e-9
                for lr, r in above.items()
            },
            "; ".join(
                f"η = {lr}: largest rise {largest_rise(r):.2e}, ends "
                f"{np.linalg.norm(r.final - m.x):.1e} from the reference minimum"
                for lr, r in above.items()
            )
            + f"; 2/L = {safe:.5f}",
        ),
    }


def loss_notebook(lang: str) -> list[Code]:
    """The page's notebook: the reference run's f* and loss curve with the quadratic model's two
    parts, the bowl's loss curve, the late slope's predicted factor, and L over the basin map's
    grid (the Hessian's largest eigenvalue from the 2×2 formula)."""
    m = lesson_minimum()
    w, _ = eigen(m.x)
    loss, _ = seed_loss()
    r_min = 1 - SEED_LR * w[0]
    b = BOWL_LOSS
    bowl = get_landscape("elongated_bowl")
    grid = BASINS["grid"]
    (x0, x1), (y0, y1) = get_landscape("peaks").domain
    fstar_cell = cells.reference_hessian(SEED_START, SEED_LR, SEED_EPOCHS) + (
        "f_star = f(*m)\n"
        "loss = f(path[:, 0], path[:, 1]) - f_star  # the loss curve f(x_k) - f*\n"
        'print("the minimum (x, y) =", m[0], m[1])\n'
        'print("f* =", f_star)\n'
        'print("f(x_0) - f* =", loss[0])\n'
    )
    figure_cell = (
        f"bowl = {cells.sympy_code(bowl.expr)}\n"
        "bowl_f = sympy.lambdify((x, y), bowl)\n"
        "bowl_grad = sympy.lambdify((x, y), [sympy.diff(bowl, x), sympy.diff(bowl, y)])\n"
        f"eta_b = {b['learning_rate']}\n"
        f"point = np.array({tuple(b['start'])})\n"
        "bowl_path = [point]\n"
        f"for _ in range({b['epochs']}):\n"
        "    point = point - eta_b * np.array(bowl_grad(*point))\n"
        "    bowl_path.append(point)\n"
        "bowl_path = np.array(bowl_path)\n"
        "bowl_loss = bowl_f(bowl_path[:, 0], bowl_path[:, 1])  # f* = 0 at the origin\n\n"
        "# the reference run's error along the two eigenvectors, and the model's two parts\n"
        "t = (path - m) @ v_min\n"
        "s = (path - m) @ v_max\n"
        f"shown = loss > {DRAW_FLOOR:g}  # drawn while f - f* is far above rounding level\n"
        "last = np.argmin(shown)\n\n"
        "fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 8))\n"
        'top.semilogy(bowl_loss, label="measured f - f*")\n'
        'top.semilogy(bowl_path[:, 0] ** 2, ":", label="x part")\n'
        'top.semilogy(10 * bowl_path[:, 1] ** 2, "--", label="y part")\n'
        "top.set_ylim(bowl_loss[-1] / 100, 3 * bowl_loss[0])\n"
        'top.set_title(f"x^2 + 10 y^2, eta = {eta_b}")\n'
        'bottom.semilogy(loss[:last], label="measured f - f*")\n'
        'bottom.semilogy(0.5 * lam_min * t[:last] ** 2, ":", label="part along v_min")\n'
        'bottom.semilogy(0.5 * lam_max * s[:last] ** 2, "--", label="part along v_max")\n'
        "bottom.set_ylim(1e-17, 30)\n"
        f'bottom.set_title("the reference run, eta = {SEED_LR}")\n'
        "for ax in (top, bottom):\n"
        '    ax.set_xlabel("epoch")\n'
        "    ax.legend()\n"
        "plt.show()\n"
    )
    late_cell = (
        f"eta = {SEED_LR}\n"
        "late = (1 - eta * lam_min) ** 2  # the loss's late factor per epoch\n"
        'print("(1 - eta lambda_min)^2 =", late)\n'
        'print("epochs to shrink the loss tenfold =", np.log(10) / -np.log(late))\n'
    )
    safe_cell = (
        "hess = sympy.lambdify((x, y), [sympy.diff(f_expr, x, 2), sympy.diff(f_expr, x, y),\n"
        "                              sympy.diff(f_expr, y, 2)])\n"
        f"X, Y = np.meshgrid(np.linspace({x0}, {x1}, {grid}), np.linspace({y0}, {y1}, {grid}))\n"
        "a, b, c = hess(X, Y)\n"
        "# the largest eigenvalue of the symmetric 2x2 matrix [[a, b], [b, c]]\n"
        "lam_big = (a + c) / 2 + np.sqrt(((a - c) / 2) ** 2 + b**2)\n"
        "L = lam_big.max()\n"
        'print("L =", L)\n'
        'print("2 / L =", 2 / L)\n'
    )
    big = largest_curvature(grid)
    return [
        Code(cells.IMPORTS + "\n\n" + cells.PEAKS + "\n\n" + cells.DESCEND, "start"),
        Code(
            fstar_cell,
            "after:ls_fstar",
            (
                Check("ls_seed_min", m.x[0], 0),
                Check("ls_seed_min", m.x[1], 1),
                Check("ls_fstar", m.value),
                Check("ls_loss0", loss[0]),
            ),
        ),
        Code(figure_cell, "fig-loss-curves"),
        Code(
            late_cell,
            "after:ls_tenfold",
            (
                Check("ls_seed_sq_min", r_min**2, 4),
                Check("ls_tenfold", np.log(10) / -np.log(r_min**2)),
            ),
        ),
        Code(
            safe_cell,
            "after:ls_safe_lr4",
            (Check("safe_L", big), Check("ls_safe_lr4", 2 / big, 1)),
        ),
    ]


ENTRIES = (
    Entry("loss_curves", "figure", loss_curves, BOWL_LOSS),
    Entry("loss_rates", "figure", loss_rates, {"rates": LOSS_RATES}),
    Entry("loss_values", "values", loss_values, fmt="json"),
    Entry("loss_claims", "claims", loss_claims, fmt="json"),
    Entry("loss_notebook", "notebook", loss_notebook, fmt="json"),
)
