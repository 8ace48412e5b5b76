"""Page ``curvature.md``: the quadratic model of one step near a minimum,
the condition number, and how each minimum's curvature decides which learning rates settle there."""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from gdcore.analysis import CriticalPoint, basins
from gdcore.analysis import critical_points as find_critical_points
from gdcore.book import cells, palette
from gdcore.book.memo import memo
from gdcore.book.numfmt import fmt, fmt_rate, pct, tex
from gdcore.book.pages.shared import eigen, lam_tex, lesson_minimum, matrix_tex
from gdcore.book.params import (
    BASINS,
    BOWL,
    BOWL_SWEEP,
    EXERCISE_LRS,
    RECAP,
    SEED_EPOCHS,
    SEED_LR,
    SEED_START,
    SHARE_LRS,
)
from gdcore.book.peaks import critical_points
from gdcore.book.plots import PATH_COLOR, START_COLOR, grid_values
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label
from gdcore.descent import descend
from gdcore.landscape import get_landscape

#: The three minima's colours, as the minima page draws their basins (a test holds them equal).
BASIN_COLORS = palette.MINIMA
#: Colours of the three regimes of 1 − ηλ: monotone, oscillating, diverging (the palette's).
_REGIME_COLORS = tuple(palette.REGIMES[k] for k in ("monotone", "oscillating", "diverging"))
#: The factors at a Hessian's smallest and largest eigenvalue (the palette's λmin and λmax).
_LMIN, _LMAX = palette.mark("lmin"), palette.mark("lmax")
#: Guides and the parts a curve is made of: the page's muted ink (it follows the page).
_MUTED = palette.page("light", "muted")
#: The best learning rate's line and words: the first series' blue (sky blue on the dark page).
_BEST = palette.SERIES[0]
#: Tolerances of the claims: a late per-epoch ratio on peaks against 1 − ηλ (the quadratic model
#: is only nearly exact there), and a measured rate on the bowl (an exact quadratic).
RATIO_TOL = 1e-3
BOWL_TOL = 1e-6
#: The late ratios on peaks are measured while the error lies between these sizes: close enough to
#: the minimum for the quadratic model, far enough above rounding level.
NEAR = 1e-4
ABOVE_ROUNDING = 1e-10
#: Ends with |f| below this lie on peaks' flat outer region.
FLAT_F = 0.01
#: The works the page's last section cites: (authors, year).
REFERENCES = {
    "ref_flat": ("Hochreiter & Schmidhuber", 1997),
    "ref_sharp": ("Keskar et al.", 2017),
    "ref_dynamical": ("Wu, Ma & E", 2018),
    "ref_edge": ("Cohen et al.", 2021),
    "ref_reparam": ("Dinh et al.", 2017),
}


# --- the quadratic model --------------------------------------------------------------------------
def ratio_window(
    learning_rate: float, vector: np.ndarray, low: float = ABOVE_ROUNDING, high: float = NEAR
) -> tuple[np.ndarray, np.ndarray]:
    """The epochs ``k`` of the lesson's start's run (``learning_rate``, the lesson's epochs) at
    which its error ``x − x*``, projected on ``vector`` at the lesson's minimum, lies between
    ``low`` and ``high`` in size, and the ratios ``p[k+1] / p[k]`` there."""
    run = descend(
        get_landscape("peaks"), SEED_START, learning_rate=learning_rate, epochs=SEED_EPOCHS
    )
    p = (run.path - lesson_minimum().x) @ vector
    ok = (np.abs(p[:-1]) > low) & (np.abs(p[:-1]) < high)
    return np.flatnonzero(ok), p[1:][ok] / p[:-1][ok]


def projected_ratios(
    learning_rate: float, vector: np.ndarray, low: float = ABOVE_ROUNDING, high: float = NEAR
) -> np.ndarray:
    """The per-epoch ratios of :func:`ratio_window`: the error along ``vector`` over the epochs
    where it lies between ``low`` and ``high`` in size (close enough for the quadratic model,
    far enough above rounding)."""
    return ratio_window(learning_rate, vector, low, high)[1]


def recap_ratios(start: float, learning_rate: float, epochs: int) -> tuple[np.ndarray, float]:
    """The 1D recap's per-epoch error ratios on the parabola, and its curvature f''."""
    parabola = get_landscape("parabola")
    (minimum,) = find_critical_points(parabola)
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)
    e = run.path[:, 0] - minimum.x[0]
    return e[1:] / e[:-1], float(parabola.hessian(minimum.x)[0, 0])


def large_rate_run(learning_rate: float) -> dict[str, float | bool]:
    """The lesson's start's run at a learning rate above every minimum's limit: where its first
    step lands (the distance to the nearest critical point, and whether that is the global
    minimum), the factor 1 − ηλmax there, and whether the second step leaves the map."""
    peaks = get_landscape("peaks")
    run = descend(peaks, SEED_START, learning_rate=learning_rate, epochs=SEED_EPOCHS)
    first, second = run.path[1], run.path[2]
    nearest = min(critical_points(), key=lambda c: float(np.linalg.norm(c.x - first)))
    lam = float(nearest.eigenvalues.max())
    inside = all(lo <= v <= hi for v, (lo, hi) in zip(second, peaks.domain, strict=True))
    return {
        "distance": float(np.linalg.norm(first - nearest.x)),
        "at_global": bool(nearest.is_global_min),
        "lambda_max": lam,
        "factor": 1 - learning_rate * lam,
        "second_off_map": not inside,
        "left_domain": bool(run.left_domain),
    }


def tiny_rate_run(learning_rate: float) -> dict[str, float]:
    """The lesson's start's run at a tiny learning rate: its shortest and longest step
    (η‖∇f‖), how far it moves in all, and its closest approach to the lesson's minimum."""
    run = descend(
        get_landscape("peaks"), SEED_START, learning_rate=learning_rate, epochs=SEED_EPOCHS
    )
    steps = np.linalg.norm(np.diff(run.path, axis=0), axis=1)
    predicted = learning_rate * run.grad_norms[: len(steps)]
    m = lesson_minimum().x
    return {
        "step_lo": float(steps.min()),
        "step_hi": float(steps.max()),
        "step_error": float(np.abs(steps - predicted).max() / steps.max()),
        "moved": float(np.linalg.norm(run.final - np.array(SEED_START))),
        "to_go": float(np.linalg.norm(m - np.array(SEED_START))),
        "closest": float(np.linalg.norm(run.path - m, axis=1).min()),
    }


def lesson_best(learning_rate: float) -> tuple[np.ndarray, float]:
    """The lesson's start's run at ``learning_rate``: the epochs where its error's norm lies
    between :data:`ABOVE_ROUNDING` and :data:`NEAR`, and the geometric mean of the per-epoch
    ratio of that norm over them."""
    run = descend(
        get_landscape("peaks"), SEED_START, learning_rate=learning_rate, epochs=SEED_EPOCHS
    )
    n = np.linalg.norm(run.path - lesson_minimum().x, axis=1)
    k = np.flatnonzero((n[:-1] > ABOVE_ROUNDING) & (n[:-1] < NEAR))
    if len(k) == 0:
        return k, float("nan")
    return k, float((n[k[-1] + 1] / n[k[0]]) ** (1 / len(k)))


def _runs_on_chart() -> list[tuple[str, dict, float, tuple[float, ...]]]:
    """The book's runs that end at a minimum the chart can place them by, as (word, fields, η,
    eigenvalues): the 1D recap, and the lesson's start at the lesson's rate and at the first
    exercise's (the larger rate's run never settles near a minimum: see :func:`large_rate_run`)."""
    _, curvature = recap_ratios(**RECAP)
    lam = tuple(float(v) for v in lesson_minimum().eigenvalues)
    return [
        (
            "run_recap",
            {"lr": fmt_rate(RECAP["learning_rate"])},
            RECAP["learning_rate"],
            (curvature,),
        ),
        ("run_seed", {"lr": fmt_rate(SEED_LR)}, SEED_LR, lam),
        ("run_lr", {"lr": fmt_rate(EXERCISE_LRS[0])}, EXERCISE_LRS[0], lam),
    ]


def _cased(linewidth: float) -> list:
    """Path effects for a pale line on plain paper: a thin casing in the outline under it."""
    return [patheffects.withStroke(linewidth=linewidth + 1.2, foreground=palette.OUTLINE)]


def three_regimes(lang: str, *, right: float) -> Figure:
    """The factor 1 − ηλ against ηλ, its three regimes shaded, and the book's runs on it: one
    marker per run, blue at λmin, reddish purple at λmax (the page's ink: the 1D recap's one
    curvature)."""
    fig, ax = new_figure(4.4, 5.0)
    lo, hi = 1 - right - 0.15, 1.15
    regimes = ((0, 1), (1, 2), (2, right))
    keys = ("regime_monotone", "regime_oscillating", "regime_diverging")
    for (a, b), color, key in zip(regimes, _REGIME_COLORS, keys, strict=True):
        ax.axvspan(a, b, color=color, alpha=0.15, linewidth=0)
        ax.text((a + b) / 2, lo + 0.08, label(key, lang), ha="center", va="bottom")
    t = np.linspace(0, right, 200)
    ax.plot(t, 1 - t, color="black", linewidth=1.5)
    for v in (-1, 0, 1):
        ax.axhline(v, color=_MUTED, linewidth=0.8, linestyle=":" if v else "-")
    handles = []
    for (key, fields, eta, lams), marker in zip(_runs_on_chart(), "Dos", strict=True):
        colors = ["black"] if len(lams) == 1 else [_LMIN, _LMAX]
        for lam, color in zip(lams, colors, strict=True):
            x = eta * lam
            ax.plot(x, 1 - x, marker, color=color, markersize=9, markeredgecolor="black")
        handles.append(
            Line2D([], [], marker=marker, linestyle="none", color="#cccccc",
                   markeredgecolor="black", markersize=8, label=label(key, lang, **fields))
        )  # fmt: skip
    for color, key in ((_LMIN, "dot_lmin"), (_LMAX, "dot_lmax")):
        dot = {"marker": "o", "linestyle": "none", "markeredgecolor": "black", "markersize": 8}
        handles.append(Line2D([], [], color=color, label=label(key, lang), **dot))
    ax.set_xlim(0, right)
    ax.set_ylim(lo, hi)
    ax.set_xlabel(label("eta_lambda_axis", lang))
    ax.set_ylabel(label("factor_axis", lang))
    ax.set_title(label("regimes_title", lang), fontsize=11)
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=11)
    return fig


# --- the condition number -------------------------------------------------------------------------
def bowl_eigenvalues() -> tuple[float, float]:
    """λmin, λmax of the elongated bowl's Hessian (the same everywhere)."""
    w, _ = eigen(np.zeros(2), "elongated_bowl")
    return float(w[0]), float(w[1])


def best_rate() -> float:
    """The learning rate that makes both factors equal in size: 2/(λmin + λmax)."""
    lo, hi = bowl_eigenvalues()
    return 2 / (lo + hi)


def predicted_rate(eta: float) -> float:
    """The quadratic model's rate of convergence: max over the eigenvalues of |1 − ηλ|."""
    return max(abs(1 - eta * lam) for lam in bowl_eigenvalues())


def measured_rate(eta: float, start: tuple[float, float], epochs: int) -> float:
    """The engine's rate on the bowl: the geometric mean of ‖e_{k+1}‖/‖e_k‖ over the last quarter
    of ``epochs`` (the minimum is the origin, so e = x)."""
    run = descend(get_landscape("elongated_bowl"), start, learning_rate=eta, epochs=epochs)
    n = np.linalg.norm(run.path, axis=1)
    k0 = 3 * epochs // 4
    return float((n[epochs] / n[k0]) ** (1 / (epochs - k0)))


@cache
def sweep(rates: tuple[float, ...], start: tuple[float, float], epochs: int) -> np.ndarray:
    """The measured rate at each learning rate of the sweep."""
    return np.array([measured_rate(eta, start, epochs) for eta in rates])


def bowl_paths(
    lang: str, *, start: tuple[float, float], epochs: int, rates: tuple[float, ...]
) -> Figure:
    """Paths on the bowl's contours, stacked: a small learning rate, the best one, one near the
    limit."""
    bowl = get_landscape("elongated_bowl")
    small, near_limit = rates
    shown = ((small, "bowl_crawl"), (best_rate(), "bowl_best"), (near_limit, "bowl_zigzag"))
    fig = Figure(figsize=(4.8, 8.6), layout="constrained")
    axes = fig.subplots(3, 1, sharex=True)
    xs, ys, z = grid_values(bowl, 161, ((-3, 3), (-1.5, 1.5)))
    for ax, (eta, key) in zip(axes, shown, strict=True):
        run = descend(bowl, start, learning_rate=eta, epochs=epochs)
        ax.contour(xs, ys, z, levels=np.linspace(0.5, 20, 12) ** 1.3 / 3, colors=_MUTED,
                   linewidths=0.5)  # fmt: skip
        ax.plot(*run.path.T, "-o", color=PATH_COLOR, markersize=3, linewidth=1.2)
        ax.plot(*run.path[0], "s", color=START_COLOR, markeredgecolor=palette.OUTLINE,
                markersize=8)  # fmt: skip
        ax.plot(0, 0, "*", color="black", markersize=10)
        ax.set_aspect("equal")
        ax.set_xlim(-3, 3)
        ax.set_ylim(-1.5, 1.5)
        ax.set_ylabel(label("y", lang))
        ax.set_title(label(key, lang, lr=fmt_rate(round(eta, 4))), fontsize=11)
    axes[-1].set_xlabel(label("x", lang))
    return fig


def bowl_rates(lang: str, *, rates: tuple[float, ...], epochs: int) -> Figure:
    """The measured rate of convergence (dots) over the predicted V, max |1 − ηλi|."""
    lo, hi = bowl_eigenvalues()
    measured = sweep(rates, BOWL["start"], epochs)
    fig, ax = new_figure(4.4, 4.6)
    eta = np.linspace(0, 2 / hi, 300)
    ax.plot(eta, np.abs(1 - eta * lo), ":", color=_MUTED, label="$|1 - \\eta\\lambda_{\\min}|$")
    ax.plot(eta, np.abs(1 - eta * hi), "--", color=_MUTED, label="$|1 - \\eta\\lambda_{\\max}|$")
    ax.plot(eta, np.maximum(np.abs(1 - eta * lo), np.abs(1 - eta * hi)), color="black",
            linewidth=1.8, label=label("predicted_rate", lang))  # fmt: skip
    ax.plot(rates, measured, "o", color=PATH_COLOR, markeredgecolor="black", markersize=6,
            label=label("measured_rate", lang))  # fmt: skip
    ax.axvline(best_rate(), color=_BEST, linewidth=1.2)
    ax.text(best_rate() - 0.002, 0.12, label("best_mark", lang, v=fmt(best_rate(), 4)),
            color=_BEST, ha="right", va="center", fontsize=11,
        bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": "none", "pad": 1.5},)  # fmt: skip
    ax.set_xlim(0, 2 / hi * 1.02)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel(label("lr_axis", lang))
    ax.set_ylabel(label("rate_axis", lang))
    ax.set_title(label("bowl_rates_title", lang), fontsize=11)
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=2, fontsize=11)
    return fig


# --- the limit depends on the minimum -------------------------------------------------------------
@cache
@memo
def share_table(rates: tuple[float, ...], epochs: int, grid: int) -> np.ndarray:
    """Per learning rate, the share of a basin map's starts settling at each minimum of peaks
    (critical points order: the deepest first), then the share settling at none."""
    peaks = get_landscape("peaks")
    rows = []
    for lr in rates:
        result = basins(peaks, learning_rate=lr, epochs=epochs, grid=grid)
        rows.append([*result.shares, result.share_none])
    return np.array(rows)


def minima_limits() -> list[tuple[CriticalPoint, float]]:
    """Each minimum of peaks with its stability limit 2/λmax, in critical points order."""
    return [(c, 2 / float(c.eigenvalues.max())) for c in critical_points() if c.kind == "min"]


@cache
@memo
def share_fates(
    below: float, above: float, epochs: int, grid: int
) -> dict[str, float | int | bool]:
    """Where the basin map's starts end at a learning rate just ``below`` the global minimum's
    limit and just ``above`` it: the share of the starts settling nowhere at ``below`` that end
    on the flat outer region (|f| < :data:`FLAT_F`); and for the starts that settle at the global
    minimum at ``below`` but not at ``above``, how many, whether any settles elsewhere or
    diverges at ``above``, and their largest distance to the global minimum there."""
    peaks = get_landscape("peaks")
    lo = basins(peaks, learning_rate=below, epochs=epochs, grid=grid)
    hi = basins(peaks, learning_rate=above, epochs=epochs, grid=grid)
    g = next(i for i, m in enumerate(lo.minima) if m.is_global_min)
    none = lo.labels < 0
    flat = np.abs(peaks.value(lo.final[none])) < FLAT_F
    lost = (lo.labels == g) & (hi.labels != g)
    return {
        "flat_share": float(flat.mean()),
        "lost": int(lost.sum()),
        "lost_elsewhere": bool(np.any(hi.labels[lost] >= 0)),
        "lost_diverged": bool(np.any(hi.diverged[lost])),
        "lost_distance": float(np.linalg.norm(hi.final[lost] - lo.minima[g].x, axis=1).max()),
    }


def shares_by_rate(lang: str, *, rates: tuple[float, ...], epochs: int, grid: int) -> Figure:
    """The share of starts settling at each minimum against the learning rate, in the minima's
    colours and named in the legend below, with each minimum's stability limit as a vertical line
    in its colour."""
    table = share_table(rates, epochs, grid)
    fig, ax = new_figure(4.4, 5.4)
    styles = ("-", "--", ":")
    # the minima's colours are the basins' (pale on the light page's paper): each line is cased
    # in the outline (black on the light page, where it shows; lost on the dark page's paper,
    # where the colours stand out by themselves) and each marker outlined
    handles = []
    for i, ((m, limit), color) in enumerate(zip(minima_limits(), BASIN_COLORS, strict=True)):
        style = {"color": color, "markeredgecolor": palette.OUTLINE, "markersize": 5,
                 "linewidth": 1.5, "path_effects": _cased(1.5)}  # fmt: skip
        ax.plot(rates, 100 * table[:, i], "o-", **style)
        ax.axvline(limit, color=color, linestyle=styles[i], linewidth=2, path_effects=_cased(2))
        name = label("basin_of", lang, v=fmt(m.value, 3))
        handles.append(Line2D([], [], marker="o", label=name, **style))
    none = {"color": _MUTED, "markersize": 4, "linewidth": 1.5}
    ax.plot(rates, 100 * table[:, -1], "o-", **none)
    handles.append(Line2D([], [], marker="o", label=label("basin_none", lang), **none))
    fig.legend(handles=handles, loc="outside lower center", ncols=1)
    ax.set_xscale("log")
    ticks = [t for t in (0.003, 0.01, 0.03, 0.1) if rates[0] <= t <= rates[-1]] + [rates[-1]]
    ax.set_xticks(ticks, [fmt_rate(t) for t in ticks])
    ax.set_xticks([], minor=True)
    ax.set_ylim(0, 100)
    ax.set_xlabel(label("lr_axis", lang))
    ax.set_ylabel(label("share_axis", lang))
    ax.set_title(label("shares_title", lang, epochs=f"{epochs:,}"), fontsize=11)
    ax.grid(alpha=0.3)
    return fig


# --- values and claims ----------------------------------------------------------------------------
def _sci(v: float) -> str:
    """``m \\times 10^{n}`` with a two-digit mantissa, for inline math."""
    n = int(np.floor(np.log10(abs(v))))
    return f"{v / 10**n:.1f} \\times 10^{{{n}}}"


def _factor(eta: float, lam: str, value: str) -> str:
    """``$1 - η · λ = value$``."""
    return f"$1 - {fmt_rate(eta)} \\cdot {lam} = {value}$"


def curvature_values(lang: str) -> dict[str, str]:
    """Every number the page shows."""
    bowl = get_landscape("elongated_bowl")
    eta_r, eta_z = RECAP["learning_rate"], BOWL["rates"][1]
    m = lesson_minimum()
    w, v = eigen(m.x)
    lr1, lr2 = EXERCISE_LRS[0], EXERCISE_LRS[1]
    recap_r, recap_curv = recap_ratios(**RECAP)
    ratio1 = projected_ratios(lr1, v[:, 1])
    seed_min = projected_ratios(SEED_LR, v[:, 0])
    lo, hi = bowl_eigenvalues()
    kappa = hi / lo
    star = best_rate()
    best_meas = measured_rate(star, BOWL["start"], BOWL_SWEEP["epochs"])
    spacing = BOWL_SWEEP["rates"][1] - BOWL_SWEEP["rates"][0]
    limits = minima_limits()
    glimit = limits[0][1]
    crawl = np.log(10) / -np.log(1 - SEED_LR * w[0])
    tiny = EXERCISE_LRS[2]
    big = large_rate_run(lr2)
    small_steps = tiny_rate_run(tiny)
    lesson_star = 2 / (w[0] + w[1])
    _, lesson_meas = lesson_best(lesson_star)
    out = {
        "cv_lesson_kappa": f"$\\kappa = {w[1] / w[0]:.2f}$",
        "cv_ratio_tol": f"$10^{{{round(np.log10(RATIO_TOL))}}}$",
        "cv_bowl_tol": f"$10^{{{round(np.log10(BOWL_TOL))}}}$",
        # English cites in the sentence ("X (1997) argued"), Korean in parentheses ("(X, 1997)")
        **{
            f"cv_{k}": f"{who}, {year}" if lang == "ko" else f"{who} ({year})"
            for k, (who, year) in REFERENCES.items()
        },
        # the quadratic model
        "cv_recap_lr": f"$\\eta = {fmt_rate(RECAP['learning_rate'])}$",
        "cv_recap_curv": f"$\\lambda = f'' = {recap_curv:g}$",
        "cv_recap_factor": _factor(eta_r, f"{recap_curv:g}", f"{1 - eta_r * recap_curv:g}"),
        "cv_recap_ratio": f"${float(np.median(recap_r)):.12f}$",
        "cv_seed_lr": f"$\\eta = {fmt_rate(SEED_LR)}$",
        "cv_seed_factor_max": _factor(SEED_LR, f"{w[1]:.2f}", tex(1 - SEED_LR * w[1], 3)),
        "cv_seed_factor_min": _factor(SEED_LR, f"{w[0]:.2f}", tex(1 - SEED_LR * w[0], 3)),
        "cv_seed_ratio_min": f"${float(np.median(seed_min)):.4f}$",
        "cv_seed_crawl": f"{crawl:.0f}",
        "cv_lr1": fmt_rate(lr1),
        "cv_lr1_factor": _factor(lr1, f"{w[1]:.2f}", tex(1 - lr1 * w[1], 2)),
        "cv_lr1_ratio": f"${tex(float(np.median(ratio1)), 4)}$",
        "cv_lr1_window": f"{len(ratio1)}",
        "cv_lr2": fmt_rate(lr2),
        "cv_lr2_first_distance": f"${tex(big['distance'], 2)}$",
        "cv_lr2_global_factor": _factor(
            lr2, f"{big['lambda_max']:.2f}", tex(float(big["factor"]), 1)
        ),
        "cv_tiny_lr": fmt_rate(tiny),
        "cv_tiny_factor": f"$1 - \\eta\\,\\lambda_{{\\min}} = {1 - tiny * w[0]:.5f}$",
        "cv_tiny_step_lo": f"${_sci(small_steps['step_lo'])}$",
        "cv_tiny_step_hi": f"${_sci(small_steps['step_hi'])}$",
        "cv_tiny_moved": f"${tex(small_steps['moved'], 3)}$",
        "cv_seed_epochs": f"{SEED_EPOCHS:,}",
        "cv_near": f"$10^{{{round(np.log10(NEAR))}}}$",
        "cv_above_rounding": f"$10^{{{round(np.log10(ABOVE_ROUNDING))}}}$",
        "cv_lesson_best_eta": (
            f"$\\eta^* = 2 / (\\lambda_{{\\min}} + \\lambda_{{\\max}}) = {lesson_star:.4f}$"
        ),
        "cv_lesson_best_rate": (
            f"$(\\kappa - 1) / (\\kappa + 1) = {(w[1] - w[0]) / (w[1] + w[0]):.2f}$"
        ),
        "cv_lesson_best_meas": f"${lesson_meas:.2f}$",
        "cv_bowl_half_limit": f"$1 / \\lambda_{{\\max}} = {1 / hi:g}$",
        "cv_seed_limit": f"$2 / \\lambda_{{\\max}} = {2 / w[1]:.3f}$",
        # the condition number
        "cv_bowl_f": f"$f(x, y) = {get_landscape('elongated_bowl').latex}$",
        "cv_bowl_hess": f"$H = {matrix_tex(bowl.hessian(np.zeros(2)), 0)}$",
        "cv_bowl_kappa": f"$\\kappa = {hi:g} / {lo:g} = {kappa:g}$",
        "cv_bowl_best": f"$\\eta^* = 2 / ({lo:g} + {hi:g}) = {star:.4f}$",
        "cv_bowl_best_rate": f"$(\\kappa - 1) / (\\kappa + 1) = {(kappa - 1) / (kappa + 1):.4f}$",
        "cv_bowl_best_meas": f"${best_meas:.4f}$",
        "cv_bowl_limit": f"$2 / \\lambda_{{\\max}} = {2 / hi:g}$",
        "cv_bowl_small": fmt_rate(BOWL["rates"][0]),
        "cv_bowl_near": fmt_rate(BOWL["rates"][1]),
        "cv_bowl_epochs": f"{BOWL['epochs']:,}",
        "cv_bowl_small_rate": f"${predicted_rate(BOWL['rates'][0]):.3f}$",
        "cv_bowl_near_factor": _factor(eta_z, f"{hi:g}", tex(1 - eta_z * hi, 2)),
        "cv_bowl_sweep_n": str(len(BOWL_SWEEP["rates"])),
        "cv_bowl_sweep_lo": fmt_rate(BOWL_SWEEP["rates"][0]),
        "cv_bowl_sweep_hi": fmt_rate(BOWL_SWEEP["rates"][-1]),
        "cv_bowl_sweep_step": fmt_rate(round(spacing, 6)),
        "cv_bowl_sweep_epochs": f"{BOWL_SWEEP['epochs']:,}",
        "cv_bowl_best_epochs": f"{np.log(10) / -np.log((kappa - 1) / (kappa + 1)):.1f}",
        # the limit depends on the minimum
        "cv_share_n": str(len(SHARE_LRS)),
        "cv_share_lo": fmt_rate(SHARE_LRS[0]),
        "cv_share_hi": fmt_rate(SHARE_LRS[-1]),
        "cv_share_starts": f"{BASINS['grid'] ** 2:,}",
        "cv_share_epochs": f"{BASINS['epochs']:,}",
        "cv_largest_limit": f"${max(lim for _, lim in limits):.3f}$",
    }
    names = ("global", "second", "lesson")
    for name, (c, limit) in zip(names, limits, strict=True):
        out[f"cv_{name}_value"] = f"$f = {tex(c.value, 3)}$"
        out[f"cv_{name}_lmax"] = lam_tex(float(c.eigenvalues.max()))
        out[f"cv_{name}_limit"] = f"$2 / \\lambda_{{\\max}} = {limit:.3f}$"
    table = share_table(SHARE_LRS, BASINS["epochs"], BASINS["grid"])
    below = max(i for i, lr in enumerate(SHARE_LRS) if lr < glimit)
    out["cv_share_below_lr"] = fmt_rate(SHARE_LRS[below])
    out["cv_share_above_lr"] = fmt_rate(SHARE_LRS[below + 1])
    out["cv_share_below_global"] = pct(float(table[below, 0]))
    out["cv_share_below_none"] = pct(float(table[below, -1]))
    out["cv_share_above_none"] = pct(float(table[below + 1, -1]))
    fates = share_fates(SHARE_LRS[below], SHARE_LRS[below + 1], BASINS["epochs"], BASINS["grid"])
    out["cv_share_flat"] = pct(float(fates["flat_share"]))
    out["cv_flat_f"] = f"$\\lvert f \\rvert < {tex(FLAT_F, 2)}$"
    out["cv_share_lost_distance"] = f"${tex(float(fates['lost_distance']), 2)}$"
    out["cv_second_limit_short"] = f"${limits[1][1]:.3f}$"
    out["cv_lesson_limit_short"] = f"${limits[2][1]:.3f}$"
    return out


def curvature_claims(lang: str) -> dict[str, Claim]:
    """What the page says about curvature, saddles, the quadratic model, the bowl and the
    limits, checked against the engine's runs."""
    peaks = get_landscape("peaks")
    m = lesson_minimum()
    w, v = eigen(m.x)
    # the quadratic model
    lr1, lr2 = EXERCISE_LRS[0], EXERCISE_LRS[1]
    recap_r, recap_curv = recap_ratios(**RECAP)
    recap_factor = 1 - RECAP["learning_rate"] * recap_curv
    epochs1, ratio1 = ratio_window(lr1, v[:, 1])
    contiguous = len(epochs1) > 0 and bool(np.all(np.diff(epochs1) == 1))
    rounding = float(np.spacing(np.abs(m.x).max()))
    seed_max, seed_min = projected_ratios(SEED_LR, v[:, 1]), projected_ratios(SEED_LR, v[:, 0])
    big = large_rate_run(lr2)
    tiny = tiny_rate_run(EXERCISE_LRS[2])
    lesson_star = 2 / (w[0] + w[1])
    lesson_window, lesson_meas = lesson_best(lesson_star)
    lesson_pred = (w[1] - w[0]) / (w[1] + w[0])
    # the bowl
    rates = BOWL_SWEEP["rates"]
    measured = sweep(rates, BOWL["start"], BOWL_SWEEP["epochs"])
    predicted = np.array([predicted_rate(eta) for eta in rates])
    lo, hi = bowl_eigenvalues()
    kappa = hi / lo
    star = best_rate()
    best_meas = measured_rate(star, BOWL["start"], BOWL_SWEEP["epochs"])
    spacing = rates[1] - rates[0]
    best_swept = rates[int(measured.argmin())]
    bowl = get_landscape("elongated_bowl")
    small = descend(bowl, BOWL["start"], learning_rate=BOWL["rates"][0], epochs=BOWL["epochs"])
    zig = descend(bowl, BOWL["start"], learning_rate=BOWL["rates"][1], epochs=BOWL["epochs"])
    # the limits
    limits = minima_limits()
    glimit = limits[0][1]
    largest = max(lim for _, lim in limits)
    table = share_table(SHARE_LRS, BASINS["epochs"], BASINS["grid"])
    above = [i for i, lr in enumerate(SHARE_LRS) if lr > glimit]
    below = [i for i, lr in enumerate(SHARE_LRS) if lr < glimit]
    beyond = [i for i, lr in enumerate(SHARE_LRS) if lr > largest]
    b = below[-1]
    lost, gained = float(table[b, 0]), float(table[b + 1, -1] - table[b, -1])
    fates_b = share_fates(SHARE_LRS[b], SHARE_LRS[b + 1], BASINS["epochs"], BASINS["grid"])
    two = (limits[1][1], limits[2][1])
    half = 1 / hi
    best_run = descend(bowl, BOWL["start"], learning_rate=star, epochs=BOWL["epochs"])

    def flips(run_path: np.ndarray) -> np.ndarray:
        return np.sign(run_path[1:, 1]) == -np.sign(run_path[:-1, 1])

    lmax = [float(c.eigenvalues.max()) for c, _ in limits]
    fates = {lr: descend(peaks, SEED_START, learning_rate=lr, epochs=SEED_EPOCHS) for lr in
             (EXERCISE_LRS[1], SEED_LR, EXERCISE_LRS[2])}  # fmt: skip
    to_go = float(np.linalg.norm(m.x - np.array(SEED_START)))
    moved = float(np.linalg.norm(fates[EXERCISE_LRS[2]].final - np.array(SEED_START)))
    return {
        "three_fates": Claim(
            bool(fates[EXERCISE_LRS[1]].left_domain)
            and float(np.linalg.norm(fates[SEED_LR].final - m.x)) < 1e-6
            and moved < 0.1 * to_go,
            f"η={EXERCISE_LRS[1]} left the map: {fates[EXERCISE_LRS[1]].left_domain}; "
            f"η={SEED_LR} ends {fates[SEED_LR].final.tolist()}; η={EXERCISE_LRS[2]} moved "
            f"{moved:.4f} of {to_go:.4f}",
        ),
        "recap_ratio_is_factor": Claim(
            bool(np.allclose(recap_r, recap_factor, rtol=1e-9, atol=0)),
            f"e ratios {recap_r.min():.15f}..{recap_r.max():.15f}, 1 − ηλ = {recap_factor}",
        ),
        "lr1_ratio_is_factor": Claim(
            len(ratio1) >= 10
            and contiguous
            and 1e3 * rounding < ABOVE_ROUNDING
            and bool(np.all(np.abs(ratio1 - (1 - lr1 * w[1])) < RATIO_TOL)),
            f"{len(ratio1)} consecutive epochs {epochs1.min()}..{epochs1.max()} with the error "
            f"between {ABOVE_ROUNDING:g} and {NEAR:g} (rounding level {rounding:.1e}): ratios "
            f"{ratio1.min():.5f}..{ratio1.max():.5f}, 1 − ηλmax = {1 - lr1 * w[1]:.5f}",
        ),
        "cv_lr2_thrown_off": Claim(
            lr2 > largest
            and bool(big["at_global"])
            and float(big["distance"]) < 0.25
            and float(big["factor"]) < -1
            and bool(big["second_off_map"]),
            f"η = {lr2} > largest limit {largest:.4f}; first step {big['distance']:.4f} from the "
            f"nearest critical point (global minimum: {big['at_global']}), 1 − ηλmax there "
            f"{big['factor']:.3f}; second step off the map: {big['second_off_map']}",
        ),
        "cv_tiny_never_near": Claim(
            tiny["closest"] > 0.9 * tiny["to_go"]
            and tiny["moved"] < 0.1 * tiny["to_go"]
            and tiny["step_error"] < 1e-6,
            f"steps {tiny['step_lo']:.3e}..{tiny['step_hi']:.3e} (= η‖∇f‖ to "
            f"{tiny['step_error']:.1e}), moved {tiny['moved']:.4f}, closest to the minimum "
            f"{tiny['closest']:.4f} of {tiny['to_go']:.4f}",
        ),
        "cv_lesson_best_rate_measured": Claim(
            len(lesson_window) >= 10 and abs(lesson_meas - lesson_pred) < 5e-3,
            f"η* = {lesson_star:.5f}: measured {lesson_meas:.5f} over {len(lesson_window)} "
            f"epochs, (κ−1)/(κ+1) = {lesson_pred:.5f}",
        ),
        "cv_bowl_zigzag_above_half": Claim(
            BOWL["rates"][0] < half < star < BOWL["rates"][1]
            and not bool(np.any(flips(small.path)))
            and bool(np.all(flips(best_run.path)))
            and bool(np.all(flips(zig.path))),
            f"1/λmax = {half:g}; y flips at η = {BOWL['rates'][0]}: "
            f"{int(flips(small.path).sum())}, at η* = {star:.4f}: {int(flips(best_run.path).sum())}"
            f", at η = {BOWL['rates'][1]}: {int(flips(zig.path).sum())} of {BOWL['epochs']}",
        ),
        "cv_two_limits_coincide": Claim(
            abs(two[0] - two[1]) < 0.02 * max(two) and abs(two[0] - glimit) > 0.2 * glimit,
            f"limits {two[0]:.4f} and {two[1]:.4f}; the global minimum's {glimit:.4f}",
        ),
        "cv_nowhere_on_plateau": Claim(
            float(fates_b["flat_share"]) > 0.99,
            f"at η = {SHARE_LRS[b]}: {fates_b['flat_share']:.4f} of the starts settling nowhere "
            f"end with |f| < {FLAT_F}",
        ),
        "cv_lost_bounce_in_valley": Claim(
            int(fates_b["lost"]) > 0
            and not fates_b["lost_elsewhere"]
            and not fates_b["lost_diverged"]
            and float(fates_b["lost_distance"]) < 0.5,
            f"{fates_b['lost']} starts lost from the global minimum at η = {SHARE_LRS[b + 1]}: "
            f"settle elsewhere {fates_b['lost_elsewhere']}, diverged {fates_b['lost_diverged']}, "
            f"end at most {fates_b['lost_distance']:.4f} from it",
        ),
        "seed_monotone": Claim(
            0 < SEED_LR * w[1] < 1 and bool(np.all(seed_max > 0) and np.all(seed_min > 0)),
            f"ηλ = {SEED_LR * w[0]:.4f}, {SEED_LR * w[1]:.4f}; late ratios along the eigenvectors "
            f"{seed_min.min():.4f}..{seed_min.max():.4f} and "
            f"{seed_max.min():.4f}..{seed_max.max():.4f}",
        ),
        "seed_crawls_at_lmin_rate": Claim(
            len(seed_min) >= 10 and bool(np.all(np.abs(seed_min - (1 - SEED_LR * w[0])) < 1e-4)),
            f"{len(seed_min)} ratios {seed_min.min():.6f}..{seed_min.max():.6f}, "
            f"1 − ηλmin = {1 - SEED_LR * w[0]:.6f}",
        ),
        "bowl_rates_match": Claim(
            bool(np.all(np.abs(measured - predicted) < BOWL_TOL)),
            f"largest |measured − predicted| {np.abs(measured - predicted).max():.2e} "
            f"over {len(rates)} rates",
        ),
        "bowl_best_in_sweep": Claim(
            abs(best_swept - star) <= spacing,
            f"best swept η = {best_swept}, η* = {star:.5f}, spacing {spacing:g}",
        ),
        "bowl_best_rate_formula": Claim(
            abs(best_meas - (kappa - 1) / (kappa + 1)) < 1e-9,
            f"measured {best_meas:.12f}, (κ−1)/(κ+1) = {(kappa - 1) / (kappa + 1):.12f}",
        ),
        "bowl_small_lags_in_x": Claim(
            abs(small.final[1]) < 0.01 * abs(small.final[0]),
            f"end of the small rate's run {small.final.tolist()}",
        ),
        "bowl_near_limit_zigzags": Claim(
            bool(np.all(np.sign(zig.path[1:, 1]) == -np.sign(zig.path[:-1, 1])))
            and bool(np.all(np.diff(np.abs(zig.path[:, 0])) < 0)),
            f"y flips sign every epoch, x shrinks: {zig.path[:4].round(3).tolist()} ...",
        ),
        "none_settle_at_global_above": Claim(
            len(above) > 0 and all(table[i, 0] == 0 for i in above),
            f"global shares above {glimit:.4f}: {[float(table[i, 0]) for i in above]}",
        ),
        "some_settle_at_global_below": Claim(
            len(below) > 0 and all(table[i, 0] > 0 for i in below),
            f"global shares below {glimit:.4f}: {[round(float(table[i, 0]), 4) for i in below]}",
        ),
        "none_settle_anywhere_above_largest": Claim(
            len(beyond) > 0 and all(table[i, :-1].sum() == 0 for i in beyond),
            f"shares above {largest:.4f}: {[table[i, :-1].tolist() for i in beyond]}",
        ),
        "global_share_goes_nowhere": Claim(
            abs(gained - lost) < 0.01,
            f"global share lost {lost:.4f}, share settling nowhere gained {gained:.4f}",
        ),
        "cv_large_rate_gives_up_deepest": Claim(
            lmax[0] == max(lmax)
            and all(table[i, 0] == 0 for i in above)
            and int(fates_b["lost"]) > 0
            and not fates_b["lost_elsewhere"]
            and float(fates_b["lost_distance"]) < 0.5,
            f"the deepest minimum is the sharpest ({lmax[0]:.2f}); above its limit no start "
            f"settles there; the {fates_b['lost']} lost starts settle elsewhere: "
            f"{fates_b['lost_elsewhere']}, end within {fates_b['lost_distance']:.4f} of it",
        ),
        "deepest_is_sharpest": Claim(
            lmax[0] == max(lmax) and limits[0][0].is_global_min,
            f"λmax of the minima (deepest first): {[round(v, 3) for v in lmax]}",
        ),
    }


def curvature_notebook(lang: str) -> list[Code]:
    """The page's notebook: the stability limit, condition number and best rate that the
    Hessian's eigenvalues at the reference minimum give; the elongated bowl with three rates."""
    bowl = get_landscape("elongated_bowl")
    w, _ = eigen(lesson_minimum().x)
    lo, hi = bowl_eigenvalues()
    small, near_limit = BOWL["rates"]
    limits_cell = cells.reference_hessian(SEED_START, SEED_LR, SEED_EPOCHS) + (
        'print("stability limit 2 / lambda_max =", 2 / lam_max)\n'
        'print("condition number kappa =", lam_max / lam_min)\n'
        'print("best learning rate 2 / (lambda_min + lambda_max) =", 2 / (lam_min + lam_max))\n'
    )
    bowl_cell = (
        f"bowl = {cells.sympy_code(bowl.expr)}\n"
        "bowl_grad = sympy.lambdify((x, y), [sympy.diff(bowl, x), sympy.diff(bowl, y)])\n"
        "b_min, b_max = np.linalg.eigvalsh(np.array(sympy.hessian(bowl, (x, y)), dtype=float))\n"
        "best = 2 / (b_min + b_max)\n"
        'print("kappa =", b_max / b_min)\n'
        'print("best learning rate =", best)\n'
        'print("stability limit =", 2 / b_max)\n\n'
        f"fig, axes = plt.subplots(3, 1, figsize=(6, 9))\n"
        f"for ax, eta in zip(axes, [{small}, best, {near_limit}]):\n"
        f"    point = np.array({tuple(BOWL['start'])})\n"
        "    path = [point]\n"
        f"    for _ in range({BOWL['epochs']}):\n"
        "        point = point - eta * np.array(bowl_grad(*point))\n"
        "        path.append(point)\n"
        "    path = np.array(path)\n"
        '    ax.plot(path[:, 0], path[:, 1], "o-", markersize=3)\n'
        '    ax.set_title(f"eta = {eta:.4g}")\n'
        "plt.show()\n"
    )
    return [
        Code(cells.IMPORTS + "\n\n" + cells.PEAKS + "\n\n" + cells.DESCEND, "start"),
        Code(
            limits_cell,
            "after:cv_seed_limit",
            (
                Check("cv_seed_limit", 2 / w[1], 1),
                Check("cv_lesson_kappa", w[1] / w[0]),
                Check("cv_lesson_best_eta", 2 / (w[0] + w[1]), 1),
            ),
        ),
        Code(
            bowl_cell,
            "fig-bowl-paths",
            (
                Check("cv_bowl_kappa", hi / lo, 2),
                Check("cv_bowl_best", best_rate(), 3),
                Check("cv_bowl_limit", 2 / hi, 1),
            ),
        ),
    ]


ENTRIES = (
    Entry("three_regimes", "figure", three_regimes, {"right": 2.8}),
    Entry("bowl_paths", "figure", bowl_paths, BOWL),
    Entry("bowl_rates", "figure", bowl_rates, BOWL_SWEEP),
    Entry(
        "shares_by_rate",
        "figure",
        shares_by_rate,
        {"rates": SHARE_LRS, "epochs": BASINS["epochs"], "grid": BASINS["grid"]},
    ),
    Entry("curvature_values", "values", curvature_values, fmt="json"),
    Entry("curvature_claims", "claims", curvature_claims, fmt="json"),
    Entry("curvature_notebook", "notebook", curvature_notebook, fmt="json"),
)
