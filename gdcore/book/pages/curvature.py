"""Page ``curvature.md``: the quadratic model of one step near a minimum,
the condition number, and how each minimum's curvature decides which learning rates arrive there."""

from __future__ import annotations

import inspect
from functools import cache

import numpy as np
import sympy
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse

from gdcore.analysis import CriticalPoint, basins
from gdcore.analysis import critical_points as find_critical_points
from gdcore.book import cells, palette
from gdcore.book.memo import memo
from gdcore.book.numfmt import ceil_to, fmt, fmt_rate, math_point, order_of, pct, tex
from gdcore.book.pages.shared import (
    best_plain_rate,
    bowl_eigenvalues,
    eigen,
    lam_tex,
    lesson_minimum,
    matrix_tex,
    power_of_ten,
)
from gdcore.book.params import (
    BASINS,
    BOWL,
    BOWL_SWEEP,
    EXERCISE_LRS,
    PREDICT,
    RECAP,
    SEED_EPOCHS,
    SEED_LR,
    SEED_START,
    SHARE_LRS,
)
from gdcore.book.peaks import critical_points, map_axes
from gdcore.book.plots import (
    MARK_SIZE,
    PATH_COLOR,
    START_COLOR,
    grid_values,
    halo,
    legend_below,
    plot_path,
)
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label
from gdcore.descent import DIVERGED, descend
from gdcore.landscape import get_landscape

#: The three minima's colours, as the minima page draws their basins (a test holds them equal).
BASIN_COLORS = palette.MINIMA
#: Colours of the three regimes of 1 − ηλ: monotone, oscillating, diverging (the palette's).
_REGIME_COLORS = tuple(palette.REGIMES[k] for k in ("monotone", "oscillating", "diverging"))
#: The factors at a Hessian's smallest and largest eigenvalue (the palette's λmin and λmax).
_LMIN, _LMAX = palette.mark("lmin"), palette.mark("lmax")
#: Guides and the parts a curve is made of: the page's muted ink (it follows the page).
_MUTED = palette.page("light", "muted")
#: The best learning rate's line and words: a limit's, in the page's ink (labelled on the line).
_BEST = palette.mark("limit")
#: Tolerances of the claims: a late per-epoch ratio on peaks against 1 − ηλ (the quadratic model
#: is only nearly exact there), and a measured rate on the bowl (an exact quadratic).
RATIO_TOL = 1e-3
BOWL_TOL = 1e-6
#: Tolerance of the reference run's late flat ratios against 1 − ηλmin.
SEED_TOL = 1e-4
#: The late ratios on peaks are measured while the error lies between these sizes: close enough to
#: the minimum for the quadratic model, far enough above rounding level.
NEAR = 1e-4
ABOVE_ROUNDING = 1e-10
#: A run arrives at a minimum when it ends this close to it (the basin map's radius).
ARRIVE_RADIUS = inspect.signature(basins).parameters["radius"].default
#: Ends with |f| below this lie on peaks' flat outer region.
FLAT_F = 0.01
#: How many times the share map's epochs the starts that arrive nowhere get, to see whether they
#: were still on their way.
LATER = 10
#: The reference run's error along the steep eigenvector, late: while it lies between these sizes
#: (far below where the run's own factor shows, still far above rounding level) it is the part
#: driven by the flat component's square.
DRIVEN = (1e-13, 1e-11)
#: How close the late steep error's ratio to the flat error's square must come to the prediction.
DRIVEN_TOL = 0.05
#: How closely the steep error's recursion with the third-order term must follow the run.
MODEL_TOL = 0.02
#: The share of the starts arriving nowhere that must have arrived or reached the flat region
#: given :data:`LATER` times the epochs, at each rate below every limit.
LATER_FLOOR = 0.999
#: A run is locked in a 2-cycle from the epoch on which every point lies this close to the point
#: two epochs before it.
CYCLE_TOL = 1e-12
#: The epoch of locking depends on rounding (other code locks a couple of epochs later), so the
#: page states a bound: the first multiple of :data:`CYCLE_ROUND` from which every point lies
#: within ``CYCLE_TOL / CYCLE_MARGIN`` of the point two epochs before, a margin other code meets.
CYCLE_ROUND, CYCLE_MARGIN = 10, 5
#: A run above the global minimum's limit that bounces in a 2-cycle: exercise 6's start in the deep
#: valley, at its learning rate above the limit.
_CYCLE = {
    "start": PREDICT["start"],
    "learning_rate": PREDICT["rates"][-1],
    "epochs": PREDICT["epochs"],
}
#: The page's first figure: the reference start's runs at the learning rates of the intro's three
#: fates (two of exercise 3's rates, :data:`gdcore.book.params.EXERCISE_LRS`, and the reference
#: run's) on a map widened to show where the run at the largest rate ends, off the book's map.
FATES = {
    "start": SEED_START,
    "epochs": SEED_EPOCHS,
    "rates": (EXERCISE_LRS[1], EXERCISE_LRS[2], SEED_LR),
    "reference": SEED_LR,
    "marked": EXERCISE_LRS[1],
    "hidden": EXERCISE_LRS[2],
    "view": (-4.0, 4.0),
}
#: The reference run's path on a map (the palette's path colour there).
MAP_PATH = palette.mark("path", "map")
#: How many of the 2-cycle run's first epochs its figure draws (the rest retrace the cycle).
CYCLE_SHOWN = 12
#: The works the page's last section cites: the short name its sentences use, the year, and the
#: full reference (authors with their given names, title, venue) of the reference list.
REFERENCES = {
    "ref_flat": (
        "Hochreiter & Schmidhuber",
        1997,
        "Sepp Hochreiter and Jürgen Schmidhuber ({year}). Flat minima. *Neural Computation*, 9(1), "
        "1–42.",
    ),
    "ref_sharp": (
        "Keskar et al.",
        2017,
        "Nitish Shirish Keskar, Dheevatsa Mudigere, Jorge Nocedal, Mikhail Smelyanskiy and Ping "
        "Tak Peter Tang ({year}). On large-batch training for deep learning: Generalization gap "
        "and sharp minima. *International Conference on Learning Representations (ICLR)*.",
    ),
    "ref_dynamical": (
        "Wu, Ma & E",
        2018,
        "Lei Wu, Chao Ma and Weinan E ({year}). How SGD selects the global minima in "
        "over-parameterized learning: A dynamical stability perspective. *Advances in Neural "
        "Information Processing Systems (NeurIPS)*, 31.",
    ),
    "ref_edge": (
        "Cohen et al.",
        2021,
        "Jeremy Cohen, Simran Kaur, Yuanzhi Li, Zico Kolter and Ameet Talwalkar ({year}). Gradient "
        "descent on neural networks typically occurs at the edge of stability. *International "
        "Conference on Learning Representations (ICLR)*.",
    ),
    "ref_reparam": (
        "Dinh et al.",
        2017,
        "Laurent Dinh, Razvan Pascanu, Samy Bengio and Yoshua Bengio ({year}). Sharp minima can "
        "generalize for deep nets. *Proceedings of the 34th International Conference on Machine "
        "Learning (ICML)*, PMLR 70.",
    ),
}

#: How a Korean sentence names the cited authors ("&" → 와, "et al." → 등) as its subject, and the
#: topic particle that follows the last name read aloud (the year in parentheses is not read).
KO_AUTHORS = {
    "Hochreiter & Schmidhuber": ("Hochreiter와 Schmidhuber", "는"),
    "Keskar et al.": ("Keskar 등", "은"),
    "Wu, Ma & E": ("Wu, Ma, E", "는"),
    "Cohen et al.": ("Cohen 등", "은"),
    "Dinh et al.": ("Dinh 등", "은"),
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


def recap_minimum() -> float:
    """Where the 1D recap's parabola has its minimum."""
    (minimum,) = find_critical_points(get_landscape("parabola"))
    return float(minimum.x[0])


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
    (x0, x1), (y0, y1) = peaks.domain
    xs, ys = run.path[:, 0], run.path[:, 1]
    on = (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)
    return {
        # after the second step: back on the map at some epoch, and off it at the end
        "comes_back": bool(on[3:].any()),
        "ends_off": not bool(on[-1]),
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


def steep_drift(learning_rate: float = SEED_LR) -> dict[str, np.ndarray | float]:
    """The reference run's error along the steep eigenvector of the reference minimum, late: why
    its per-epoch ratio tends to the square of the flat factor, not to its own.

    Beyond the quadratic model, Taylor's third-order term adds ``½ f_stt t²`` to the steep part of
    the gradient (``s``, ``t``: the error along the steep and the flat eigenvector; ``f_stt`` the
    third derivative of f in those directions at the minimum). So the steep error follows
    ``s ← (1 − ηλmax) s − (η/2) f_stt t²``: once its own part (shrinking by 1 − ηλmax) is smaller
    than the driven part (shrinking by (1 − ηλmin)² per epoch, slower), the ratio is the square of
    the flat factor and ``s ≈ B t²``, ``B = −(η/2) f_stt / ((1 − ηλmin)² − (1 − ηλmax))``.

    Returns the epochs and ratios while ``s`` lies between :data:`ABOVE_ROUNDING` and
    :data:`NEAR` (``early_*``) and within :data:`DRIVEN` (``driven_*``), ``s / t²`` over the
    latter, ``f_stt``, ``B``, the two factors, the coordinates' rounding level, and
    ``model_gap``: the largest relative gap between the measured ``s`` and the recursion above,
    started from the measured ``s`` at the first early epoch and fed the run's own ``t``."""
    peaks = get_landscape("peaks")
    m = lesson_minimum()
    w, v = eigen(m.x)
    steep, flat = v[:, 1], v[:, 0]
    x, y = sorted(peaks.expr.free_symbols, key=lambda sym: sym.name)
    at = {x: float(m.x[0]), y: float(m.x[1])}
    third = np.array(
        [[[float(sympy.diff(peaks.expr, a, b, c).subs(at)) for c in (x, y)] for b in (x, y)]
         for a in (x, y)]
    )  # fmt: skip
    f_stt = float(np.einsum("ijk,i,j,k", third, steep, flat, flat))
    r_steep, r_flat = 1 - learning_rate * w[1], 1 - learning_rate * w[0]
    run = descend(peaks, SEED_START, learning_rate=learning_rate, epochs=SEED_EPOCHS)
    e = run.path - m.x
    s, t = e @ steep, e @ flat
    early = np.flatnonzero((np.abs(s[:-1]) > ABOVE_ROUNDING) & (np.abs(s[:-1]) < NEAR))
    driven = np.flatnonzero((np.abs(s[:-1]) > DRIVEN[0]) & (np.abs(s[:-1]) < DRIVEN[1]))
    # the recursion with the third-order term, from the measured s at the first early epoch and
    # fed the run's own t, against the measured s up to the end of the driven window
    k0, k1 = int(early[0]), int(driven[-1])
    model = [s[k0]]
    for k in range(k0, k1):
        model.append(r_steep * model[-1] - learning_rate / 2 * f_stt * t[k] ** 2)
    gap = float(np.abs(np.array(model) / s[k0 : k1 + 1] - 1).max())
    return {
        "model_gap": gap,
        "early_epochs": early,
        "early_ratios": s[early + 1] / s[early],
        "driven_epochs": driven,
        "driven_ratios": s[driven + 1] / s[driven],
        "driven_share": s[driven] / t[driven] ** 2,
        # the smallest |s| the driven ratios divide or are divided by
        "driven_min": float(np.abs(np.concatenate([s[driven], s[driven + 1]])).min()),
        "f_stt": f_stt,
        "steep": steep,
        "B": -learning_rate / 2 * f_stt / (r_flat**2 - r_steep),
        "r_steep": float(r_steep),
        "r_flat": float(r_flat),
        "rounding": float(np.spacing(np.abs(m.x).max())),
    }


def steep_margin(drift: dict[str, np.ndarray | float]) -> int:
    """How many times the float64 spacing at the reference minimum the smallest steep error
    measured in :func:`steep_drift`'s driven window is, at least: a power of ten, rounded down."""
    ratio = float(drift["driven_min"]) / float(drift["rounding"])
    return int(10 ** np.floor(np.log10(ratio)))


#: A swing counts as wider than the 2-cycle's when it is longer by more than this fraction of it
#: (the swings close in on the cycle's, and their average curvature on 2/η, at rounding level).
WIDER = 1e-6


def two_cycle(start: tuple[float, float], learning_rate: float, epochs: int) -> dict[str, float]:
    """A run above the global minimum's limit that bounces instead of diverging: from which
    epoch every point lies within :data:`CYCLE_TOL` of the point two epochs before (``locked``,
    ``-1`` if it never locks), the last two points' distances to the global minimum (``near``,
    ``far``), and the valley's curvature along the swing between them (its unit direction ``u``):
    at the minimum, at the near and the far point, and averaged along the segment joining them
    (the change of the gradient along ``u`` over the segment's length; ``2/η`` for every 2-cycle,
    as ``a = b − η∇f(b)`` and ``b = a − η∇f(a)`` give ``∇f(a) − ∇f(b) = (2/η)(a − b)``)."""
    peaks = get_landscape("peaks")
    g = next(c for c in critical_points() if c.is_global_min)
    run = descend(peaks, start, learning_rate=learning_rate, epochs=epochs)
    p = run.path
    steps = np.diff(p, axis=0)  # d = x_{k+1} − x_k
    moved = np.linalg.norm(p[2:] - p[:-2], axis=1)
    bad = np.flatnonzero(moved >= CYCLE_TOL)
    locked = int(bad[-1] + 1) if len(bad) else 0
    if locked >= len(moved):
        locked = -1
    safe = np.flatnonzero(moved >= CYCLE_TOL / CYCLE_MARGIN)
    bound = -(-(int(safe[-1] + 1) if len(safe) else 0) // CYCLE_ROUND) * CYCLE_ROUND
    if locked < 0 or bound >= len(moved):
        bound = -1
    a, b = p[-1], p[-2]
    da, db = float(np.linalg.norm(a - g.x)), float(np.linalg.norm(b - g.x))
    near, far = (a, b) if da < db else (b, a)
    d = far - near
    u = d / np.linalg.norm(d)
    w, v = np.linalg.eigh(peaks.hessian(g.x))
    # two epochs of the cycle map a small departure δ from it to (I − ηH(b))(I − ηH(a)) δ
    eye = np.eye(2)
    jac = (eye - learning_rate * peaks.hessian(b)) @ (eye - learning_rate * peaks.hessian(a))
    multipliers = np.sort(np.abs(np.linalg.eigvals(jac)))
    return {
        "path": p,
        "near_point": near,
        "far_point": far,
        "u": u,
        "locked": locked,
        "multipliers": multipliers,
        "bound": bound,
        "epochs": epochs,
        "near": min(da, db),
        "far": max(da, db),
        "swing": float(np.linalg.norm(d)),
        "not_still": float(np.linalg.norm(p[-1] - p[-2])),
        # each epoch's swing |x_{k+1} − x_k|, from the first to the cycle's
        "swings": np.linalg.norm(np.diff(p, axis=0), axis=1),
        # each swing's average curvature along it: (∇f(x_{k+1}) − ∇f(x_k))·d / |d|²
        "swing_curvs": np.einsum("ij,ij->i", np.diff(peaks.gradient(p), axis=0), steps)
        / np.maximum(np.einsum("ij,ij->i", steps, steps), 1e-300),
        "curv_min": float(u @ peaks.hessian(g.x) @ u),
        "curv_near": float(u @ peaks.hessian(near) @ u),
        "curv_far": float(u @ peaks.hessian(far) @ u),
        "curv_avg": float((peaks.gradient(far) - peaks.gradient(near)) @ u / np.linalg.norm(d)),
        "lambda_max": float(w[1]),
        "cos_steep": float(abs(u @ v[:, 1])),
        "left_domain": bool(run.left_domain),
        "status": str(run.status),
    }


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


def three_fates(
    lang: str,
    *,
    start: tuple[float, float],
    epochs: int,
    rates: tuple[float, ...],
    reference: float,
    marked: float,
    hidden: float,
    view: tuple[float, float],
) -> Figure:
    """The page's first figure: the reference start's runs at ``rates`` on one widened map, the
    reference run (``reference``) in the path's colour, the others greys told apart by dash
    (:data:`gdcore.book.palette.SERIES`), the book's usual map outlined; the first step of the
    run at ``marked`` labelled, the run at ``hidden`` (too short to see) said so in the legend."""
    peaks = get_landscape("peaks")
    fig, ax = map_axes(
        lang, view=view, title=label("fates_title", lang, epochs=f"{epochs:,}"), figsize=(4.8, 4.6)
    )
    others = iter(range(len(rates)))
    names = {
        lr: label("fates_reference" if lr == reference else "fates_hidden" if lr == hidden
                  else "fates_other", lang, lr=fmt_rate(lr))
        for lr in rates
    }  # fmt: skip
    # the others first, then the reference run on top of them
    for lr in sorted(rates, key=lambda r: r == reference):
        run = descend(peaks, start, learning_rate=lr, epochs=epochs)
        own = lr == reference
        # (the hidden run dotted: a dashed line is the map's edge)
        color, dashes = (
            (MAP_PATH, ()) if own
            else palette.series(2 if lr == hidden else next(others), "map")
        )  # fmt: skip
        line, *_ = plot_path(
            ax, run.path, color=color, label=names[lr],
            start_label=label("start", lang) if own else None,
            end_label=label("end", lang) if own else None,
            linewidth=2.0 if own else 1.3,
        )  # fmt: skip
        if dashes:
            line.set_dashes(dashes)
        if lr == marked:  # where its first step lands
            ax.annotate(
                label("fates_first", lang), run.path[1], xytext=(-3, -5),
                textcoords="offset points", ha="right", va="top",
                fontsize=palette.TYPE["figure"]["label"],
                bbox={"facecolor": palette.LABEL_BOX, "alpha": 0.85, "edgecolor": "none"},
            )  # fmt: skip
    ax.set_xlim(*view)
    ax.set_ylim(*view)
    fig.set_figheight(fig.get_figheight() + 0.9)  # room for the legend below, off the map
    # the map's marks in the first column, the runs (in ``rates`` order) in the second: the long
    # names share no row
    handles, drawn = ax.get_legend_handles_labels()
    runs = [names[lr] for lr in rates]
    order = [i for i, n in enumerate(drawn) if n not in runs] + [drawn.index(n) for n in runs]
    legend_below(fig, handles=[handles[i] for i in order], labels=[drawn[i] for i in order],
                 ncols=2, handlelength=2.2, columnspacing=1.0)  # fmt: skip
    return fig


def fates_tiny_offset(lang: str) -> tuple[np.ndarray, float]:
    """Where the tiny rate's run ends on the page's first figure, from its start: the offset in
    map units, and its larger coordinate in points on the figure as drawn (the start's square is
    :data:`MARK_SIZE` points wide: within half of that, the end's centre lies under it)."""
    run = descend(
        get_landscape("peaks"), FATES["start"], learning_rate=FATES["hidden"],
        epochs=FATES["epochs"],
    )  # fmt: skip
    fig = three_fates(lang, **FATES)
    fig.draw_without_rendering()
    lo, hi = FATES["view"]
    points_per_unit = fig.axes[0].bbox.width / fig.dpi * 72 / (hi - lo)
    offset = run.final - np.asarray(FATES["start"])
    return offset, float(np.abs(offset).max()) * points_per_unit


def three_regimes(lang: str, *, right: float) -> Figure:
    """The factor 1 − ηλ against ηλ, its three regimes shaded, and the book's runs on it: one
    marker per run, bluish green at λmin, reddish purple at λmax (the page's ink: the 1D recap's one
    curvature)."""
    fig, ax = new_figure(4.4, 5.0)
    lo, hi = 1 - right - 0.15, 1.15
    regimes = ((0, 1), (1, 2), (2, right))
    keys = ("regime_monotone", "regime_oscillating", "regime_diverging")
    for (a, b), color, key in zip(regimes, _REGIME_COLORS, keys, strict=True):
        ax.axvspan(a, b, color=color, alpha=0.15, linewidth=0)
        ax.text((a + b) / 2, lo + 0.08, label(key, lang), ha="center", va="bottom")
    t = np.linspace(0, right, 200)
    ax.plot(t, 1 - t, color=palette.INK, linewidth=1.5)
    for v in (-1, 0, 1):
        ax.axhline(v, color=_MUTED, linewidth=0.8, linestyle=":" if v else "-")
    handles = []
    for (key, fields, eta, lams), marker in zip(_runs_on_chart(), "Dos", strict=True):
        colors = [palette.INK] if len(lams) == 1 else [_LMIN, _LMAX]
        for lam, color in zip(lams, colors, strict=True):
            x = eta * lam
            ax.plot(x, 1 - x, marker, color=color, markersize=9, markeredgecolor=palette.OUTLINE)
        handles.append(
            Line2D([], [], marker=marker, linestyle="none", color=palette.LEGEND_FILL,
                   markeredgecolor=palette.OUTLINE, markersize=8, label=label(key, lang, **fields))
        )  # fmt: skip
    for color, key in ((_LMIN, "dot_lmin"), (_LMAX, "dot_lmax")):
        dot = {
            "marker": "o",
            "linestyle": "none",
            "markeredgecolor": palette.OUTLINE,
            "markersize": 8,
        }
        handles.append(Line2D([], [], color=color, label=label(key, lang), **dot))
    ax.set_xlim(0, right)
    ax.set_ylim(lo, hi)
    ax.set_xlabel(label("eta_lambda_axis", lang))
    ax.set_ylabel(label("factor_axis", lang))
    ax.set_title(label("regimes_title", lang), fontsize=11)
    fig.legend(handles=handles, loc="outside lower center", ncols=1, fontsize=11)
    return fig


def cycle_curvature(lang: str, *, start: tuple[float, float], learning_rate: float,
                    epochs: int, shown: int) -> Figure:  # fmt: skip
    """The 2-cycle of :func:`two_cycle`: above, the run's first ``shown`` epochs in the deep
    valley on its contours, with the cycle's near and far points and the global minimum; below,
    the valley's curvature along the swing (u·H·u on the segment from the near point to the far
    one) against 2/η, which is its average over the segment for every 2-cycle."""
    peaks = get_landscape("peaks")
    g = next(c for c in critical_points() if c.is_global_min)
    cyc = two_cycle(start, learning_rate, epochs)
    near, far, u = cyc["near_point"], cyc["far_point"], cyc["u"]
    fig = Figure(figsize=(4.4, 7.6), layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=(1.25, 1))
    # above: the valley's contours (in the page's muted ink) around the run
    p = cyc["path"][: shown + 1]
    box = np.array([p.min(axis=0), p.max(axis=0)])
    pad = 0.35 * (box[1] - box[0]).max()
    (x0, y0), (x1, y1) = box[0] - pad, box[1] + pad
    xs, ys, z = grid_values(peaks, 101, ((x0, x1), (y0, y1)))  # smooth at this size
    top.contour(xs, ys, z, levels=14, colors=_MUTED, linewidths=0.6, linestyles="solid")
    top.plot(*p.T, "-o", color=PATH_COLOR, markersize=3, linewidth=1.2,
             label=label("cycle_path", lang, n=shown))  # fmt: skip
    top.plot(*p[0], palette.MARKERS["start"], color=START_COLOR, markeredgecolor=palette.OUTLINE,
             markersize=8)  # fmt: skip
    top.plot(*g.x, palette.MARKERS["minimum"], color=palette.mark("minimum"),
             markeredgecolor=palette.OUTLINE, markersize=11, linestyle="none",
             label=label("cycle_min", lang))  # fmt: skip
    for point, marker, key, d in (
        (near, "o", "cycle_near", cyc["near"]),
        (far, "D", "cycle_far", cyc["far"]),
    ):
        top.plot(*point, marker, color=palette.LEGEND_FILL, markeredgecolor=palette.OUTLINE,
                 markersize=8, linestyle="none", label=label(key, lang, d=fmt(d, 3)))  # fmt: skip
    top.set_aspect("equal")
    top.set_xlim(x0, x1)
    top.set_ylim(y0, y1)
    top.set_xlabel(label("x", lang))
    top.set_ylabel(label("y", lang))
    where = f"({fmt(start[0], 1)}, {fmt(start[1], 1)})"
    top.set_title(label("cycle_title", lang, lr=fmt_rate(learning_rate), start=where), fontsize=11)
    top.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=10, ncols=1)
    # below: the curvature of the slice along the swing, its average 2/η, its value at the minimum
    swing = cyc["swing"]
    s = np.linspace(0, swing, 200)
    curv = [float(u @ peaks.hessian(near + t * u) @ u) for t in s]
    bottom.plot(s, curv, color=palette.INK, linewidth=1.8)
    average = label("cycle_two_over_eta", lang, v=fmt(2 / learning_rate, 2))
    bottom.axhline(2 / learning_rate, color=_BEST, linestyle="--", linewidth=1.4, label=average)
    at = float((g.x - near) @ u)  # the minimum's place along the swing (it lies almost on it)
    bottom.plot(at, cyc["curv_min"], palette.MARKERS["minimum"], color=palette.mark("minimum"),
                markeredgecolor=palette.OUTLINE, markersize=10, linestyle="none",
                label=label("cycle_at_min", lang, v=fmt(cyc["curv_min"], 2)))  # fmt: skip
    bottom.plot(0, cyc["curv_near"], "o", color=palette.LEGEND_FILL,
                markeredgecolor=palette.OUTLINE, markersize=8)  # fmt: skip
    bottom.plot(swing, cyc["curv_far"], "D", color=palette.LEGEND_FILL,
                markeredgecolor=palette.OUTLINE, markersize=8)  # fmt: skip
    bottom.set_xlabel(label("cycle_pos_axis", lang))
    bottom.set_ylabel(label("cycle_curv_axis", lang))
    bottom.set_title(label("cycle_curv_title", lang), fontsize=11)
    bottom.grid(alpha=0.3)
    bottom.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=10, ncols=1)
    return fig


# --- the condition number -------------------------------------------------------------------------
def best_rate() -> float:
    """The learning rate that makes both factors equal in size: 2/(λmin + λmax)."""
    return best_plain_rate(*bowl_eigenvalues())


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
    limit. The bowl is exactly quadratic with its minimum at the origin, so its contours
    f = c are ellipses with semi-axes √(2c/λ) along the eigenvectors: drawn as ellipses (a few
    curve segments each) rather than traced on a grid, which keeps the file small."""
    bowl = get_landscape("elongated_bowl")
    w, v = eigen(np.zeros(2), "elongated_bowl")
    angle = float(np.degrees(np.arctan2(v[1, 0], v[0, 0])))
    levels = np.linspace(0.5, 20, 12) ** 1.3 / 3
    small, near_limit = rates
    shown = ((small, "bowl_crawl"), (best_rate(), "bowl_best"), (near_limit, "bowl_zigzag"))
    fig = Figure(figsize=(4.8, 8.6), layout="constrained")
    axes = fig.subplots(3, 1, sharex=True)
    for ax, (eta, key) in zip(axes, shown, strict=True):
        run = descend(bowl, start, learning_rate=eta, epochs=epochs)
        for c in levels:
            width, height = 2 * np.sqrt(2 * c / w)  # full axes along v[:, 0] and v[:, 1]
            ax.add_patch(Ellipse((0, 0), width, height, angle=angle, fill=False,
                                 edgecolor=_MUTED, linewidth=0.5))  # fmt: skip
        ax.plot(*run.path.T, "-o", color=PATH_COLOR, markersize=3, linewidth=1.2)
        ax.plot(*run.path[0], "s", color=START_COLOR, markeredgecolor=palette.OUTLINE,
                markersize=8)  # fmt: skip
        ax.plot(0, 0, palette.MARKERS["minimum"], color=palette.mark("minimum"),
                markeredgecolor=palette.OUTLINE, markersize=11)  # fmt: skip
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
    ax.plot(eta, np.maximum(np.abs(1 - eta * lo), np.abs(1 - eta * hi)), color=palette.INK,
            linewidth=1.8, label=label("predicted_rate", lang))  # fmt: skip
    ax.plot(rates, measured, "o", color=PATH_COLOR, markeredgecolor=palette.OUTLINE, markersize=6,
            label=label("measured_rate", lang))  # fmt: skip
    ax.axvline(best_rate(), color=_BEST, linewidth=1.2)
    ax.text(best_rate() - 0.002, 0.12, label("best_mark", lang, v=fmt(best_rate(), 4)),
            color=_BEST, ha="right", va="center", fontsize=11,
        bbox={"facecolor": palette.LABEL_BOX, "alpha": 0.9, "edgecolor": "none",
              "pad": 1.5},)  # fmt: skip
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
def share_sweep(
    rates: tuple[float, ...], epochs: int, grid: int, later: int
) -> dict[str, np.ndarray]:
    """Basin maps of peaks at each learning rate of ``rates``, each computed once, and what the
    page reads from them:

    - ``table``: per rate, the share of starts arriving at each minimum (critical points order,
      the deepest first), then the share arriving at none;
    - at each rate below every minimum's limit (``calm``, a mask over ``rates``), where the starts
      that arrive at no minimum end: how many there are (``count``), the share of them on the flat
      outer region (|f| < :data:`FLAT_F`, ``flat``), and, given ``later`` times the epochs (the
      others run on from where they ended), the share of them that have then arrived at a minimum
      or reached the flat region (``later``) and how many have done neither (``neither``);
    - for the starts that arrive at the global minimum at the last rate below its limit but not at
      the first rate above it (``lost_rates``), one entry each: whether it arrives at another
      minimum there (``lost_elsewhere``), whether it diverged (``lost_diverged``) and its distance
      to the global minimum (``lost_distance``); empty when ``rates`` do not straddle the limit.
    """
    peaks = get_landscape("peaks")
    limits = minima_limits()
    smallest = min(lim for _, lim in limits)
    glimit = next(lim for c, lim in limits if c.is_global_min)
    centres = np.array([c.x for c, _ in limits])
    rows, count, flat, done, neither = [], [], [], [], []
    below, below_lr, lost = None, np.nan, None
    lost_rates = (np.nan, np.nan)
    for lr in rates:
        result = basins(peaks, learning_rate=lr, epochs=epochs, grid=grid)
        rows.append([*result.shares, result.share_none])
        g = next(i for i, m in enumerate(result.minima) if m.is_global_min)
        if lr < glimit:
            below, below_lr = result, lr
        elif below is not None and lost is None:
            gone = (below.labels == g) & (result.labels != g)
            lost = {
                "lost_elsewhere": result.labels[gone] >= 0,
                "lost_diverged": result.diverged[gone],
                "lost_distance": np.linalg.norm(result.final[gone] - result.minima[g].x, axis=-1),
            }
            lost_rates = (below_lr, lr)
        if lr >= smallest:  # not below every limit: nothing to follow
            count.append(0)
            flat.append(np.nan)
            done.append(np.nan)
            neither.append(0)
            continue
        none = result.labels.ravel() < 0
        ends = result.final.reshape(-1, 2)[none]
        on_flat = np.abs(peaks.value(ends)) < FLAT_F
        rest = ends[~on_flat]
        left = 0
        if len(rest):
            run = descend(peaks, rest, learning_rate=lr, epochs=(later - 1) * epochs,
                          keep_path=False)  # fmt: skip
            gap = np.linalg.norm(run.final[:, None, :] - centres[None], axis=2).min(axis=1)
            arrived = (gap <= ARRIVE_RADIUS) & (run.status != DIVERGED)
            left = int(np.sum(~arrived & ~(np.abs(peaks.value(run.final)) < FLAT_F)))
        count.append(len(ends))
        flat.append(float(on_flat.mean()) if len(ends) else np.nan)
        done.append(1 - left / len(ends) if len(ends) else np.nan)
        neither.append(left)
    empty = {"lost_elsewhere": np.zeros(0, bool), "lost_diverged": np.zeros(0, bool),
             "lost_distance": np.zeros(0)}  # fmt: skip
    return {
        "table": np.array(rows),
        "calm": np.array([lr < smallest for lr in rates]),
        "count": np.array(count),
        "flat": np.array(flat),
        "later": np.array(done),
        "neither": np.array(neither),
        "lost_rates": np.array(lost_rates),
        **(lost if lost is not None else empty),
    }


def share_table(rates: tuple[float, ...], epochs: int, grid: int) -> np.ndarray:
    """Per learning rate, the share of a basin map's starts arriving at each minimum of peaks
    (critical points order: the deepest first), then the share arriving at none
    (:func:`share_sweep`'s ``table``)."""
    return share_sweep(rates, epochs, grid, LATER)["table"]


def minima_limits() -> list[tuple[CriticalPoint, float]]:
    """Each minimum of peaks with its stability limit 2/λmax, in critical points order."""
    return [(c, 2 / float(c.eigenvalues.max())) for c in critical_points() if c.kind == "min"]


def shares_by_rate(lang: str, *, rates: tuple[float, ...], epochs: int, grid: int) -> Figure:
    """The share of starts arriving at each minimum against the learning rate, in the minima's
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
        # each limit named (its λmax and 2/λmax) in a box framed like its line, the three boxes
        # stacked at the top left, where no share runs (every share is below 50 % at the small
        # rates), each with an arrow to its line: no box covers a share;
        lam = float(m.eigenvalues.max())
        # the two close limits' labels above 100 %, where no share runs (the grey share rises to
        # 100 % right at their lines), the global minimum's under them: no arrow crosses a share
        y, tip = (77, 118, 97)[i], (77, 118, 105)[i]
        arrow = {"arrowstyle": "->", "color": color, "linewidth": 1.2, "shrinkA": 0,
                 "shrinkB": 0, "path_effects": _cased(1.2)}  # fmt: skip
        ax.annotate(f"$2/\\lambda_{{\\max}} = {fmt(limit, 4)}$\n"
                    f"$\\lambda_{{\\max}} = {fmt(lam, 2)}$",
                    xy=(limit, tip), xytext=(rates[0] * 1.15, y), ha="left", va="center",
                    fontsize=11, arrowprops=arrow,
                    bbox={"facecolor": palette.LABEL_BOX, "alpha": 0.9, "edgecolor": color,
                          "linestyle": styles[i], "linewidth": 1.2, "pad": 2})  # fmt: skip
        lowest = m.value == min(q.value for q, _ in minima_limits())  # the global minimum
        name = label("shares_of_global" if lowest else "shares_of", lang, v=fmt(m.value, 3))
        handles.append(Line2D([], [], marker="o", label=name, **style))
    # the grey share crosses the limit lines: cased in the paper, it is read on paper there
    none = {"color": palette.CURVE, "markersize": 4, "linewidth": 1.5,
            "path_effects": halo(1.5, palette.LABEL_BOX, width=1.0)}  # fmt: skip
    ax.plot(rates, 100 * table[:, -1], "o-", **none)
    handles.append(Line2D([], [], marker="o", label=label("shares_none", lang), **none))
    fig.legend(handles=handles, loc="outside lower center", ncols=1)
    ax.set_xscale("log")
    ticks = [t for t in (0.003, 0.01, 0.03, 0.1) if rates[0] <= t <= rates[-1]] + [rates[-1]]
    ax.set_xticks(ticks, [fmt_rate(t) for t in ticks])
    ax.set_xticks([], minor=True)
    ax.set_ylim(0, 128)  # room above 100 % for the limits' labels
    ax.set_yticks(range(0, 101, 20))
    ax.spines["left"].set_bounds(0, 100)
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


def _y_share_exponent(end: np.ndarray) -> int:
    """The bound the page states for |y| / |x| at the end of the bowl's small-rate run: the
    exponent of the smallest power of ten above it."""
    return int(np.ceil(np.log10(abs(float(end[1])) / abs(float(end[0])))))


def _factor(eta: float, lam: str, value: str) -> str:
    """``$1 - η · λ = value$``."""
    return f"$1 - {fmt_rate(eta)} \\cdot {lam} = {value}$"


def _calm_fates() -> tuple[tuple[float, ...], dict[str, np.ndarray]]:
    """The rates of the share sweep below every minimum's stability limit, and where the starts
    arriving at no minimum end at each (:func:`share_sweep`), restricted to those rates."""
    sweep_ = share_sweep(SHARE_LRS, BASINS["epochs"], BASINS["grid"], LATER)
    calm = sweep_["calm"]
    rates = tuple(lr for lr, ok in zip(SHARE_LRS, calm, strict=True) if ok)
    return rates, {k: sweep_[k][calm] for k in ("count", "flat", "later", "neither")}


@cache
@memo
def flat_leavers(learning_rate: float, epochs: int, grid: int, later: int) -> tuple[int, int, int]:
    """Of the basin map's starts that arrive at no minimum at ``learning_rate`` and end on the
    flat outer region (|f| < :data:`FLAT_F`) after ``epochs``: how many there are; how many, run
    on to ``later`` times the epochs, have left it downhill (f < −FLAT_F) without arriving; and
    how many have arrived at a minimum by then."""
    peaks = get_landscape("peaks")
    result = basins(peaks, learning_rate=learning_rate, epochs=epochs, grid=grid)
    ends = result.final.reshape(-1, 2)[result.labels.ravel() < 0]
    ends = ends[np.abs(peaks.value(ends)) < FLAT_F]
    if not len(ends):
        return 0, 0, 0
    run = descend(peaks, ends, learning_rate=learning_rate, epochs=(later - 1) * epochs,
                  keep_path=False)  # fmt: skip
    centres = np.array([c.x for c, _ in minima_limits()])
    gap = np.linalg.norm(run.final[:, None, :] - centres[None], axis=2).min(axis=1)
    down = (peaks.value(run.final) < -FLAT_F) & (gap > ARRIVE_RADIUS)
    return len(ends), int(np.sum(down)), int(np.sum(gap <= ARRIVE_RADIUS))


def _lost_fates(below: float, above: float) -> dict[str, np.ndarray]:
    """The starts lost from the global minimum between the share sweep's rates ``below`` and
    ``above`` its limit (:func:`share_sweep`): each one's ``elsewhere``, ``diverged``,
    ``distance``."""
    sweep_ = share_sweep(SHARE_LRS, BASINS["epochs"], BASINS["grid"], LATER)
    if tuple(sweep_["lost_rates"]) != (below, above):
        raise ValueError(f"the sweep's lost starts are between {sweep_['lost_rates']}, not "
                         f"{below} and {above}")  # fmt: skip
    return {k: sweep_[f"lost_{k}"] for k in ("elsewhere", "diverged", "distance")}


def references(lang: str) -> str:
    """The reference list: every cited work, by its first author's surname, as a Markdown list."""
    items = sorted(REFERENCES.values(), key=lambda ref: ref[0])
    return "\n".join(f"- {full.format(year=year)}" for _, year, full in items)


def curvature_values(lang: str) -> dict[str, str]:
    """Every number the page shows."""
    bowl = get_landscape("elongated_bowl")
    eta_r, eta_z = RECAP["learning_rate"], BOWL["rates"][1]
    m = lesson_minimum()
    w, v = eigen(m.x)
    lr1, lr2 = EXERCISE_LRS[0], EXERCISE_LRS[1]
    recap_r, recap_curv = recap_ratios(**RECAP)
    recap_factor = 1 - eta_r * recap_curv
    ratio1 = projected_ratios(lr1, v[:, 1])
    seed_epochs, seed_min = ratio_window(SEED_LR, v[:, 0])
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
    drift = steep_drift()
    cyc = two_cycle(**_CYCLE)
    eta_c = _CYCLE["learning_rate"]
    epochs_sweep = BOWL_SWEEP["epochs"]
    small_end = descend(
        bowl, BOWL["start"], learning_rate=BOWL["rates"][0], epochs=BOWL["epochs"]
    ).final
    out = {
        "cv_lesson_kappa": f"$\\kappa = {w[1] / w[0]:.2f}$",
        "cv_ratio_tol": f"$10^{{{round(np.log10(RATIO_TOL))}}}$",
        "cv_seed_tol": f"$10^{{{round(np.log10(SEED_TOL))}}}$",
        "cv_bowl_tol": f"$10^{{{round(np.log10(BOWL_TOL))}}}$",
        # cites start their sentences: "X (1997) argued", "X(1997)는"
        **{
            f"cv_{k}": f"{KO_AUTHORS[who][0]}({year}){KO_AUTHORS[who][1]}"
            if lang == "ko"
            else f"{who} ({year})"
            for k, (who, year, _) in REFERENCES.items()
        },
        "cv_references": references(lang),
        # the quadratic model
        "cv_recap_lr": f"$\\eta = {fmt_rate(RECAP['learning_rate'])}$",
        "cv_recap_curv": f"$\\lambda = f'' = {recap_curv:g}$",
        "cv_recap_factor": _factor(eta_r, f"{recap_curv:g}", f"{recap_factor:g}"),
        "cv_recap_epochs": f"{RECAP['epochs']:,}",
        "cv_recap_min": f"{recap_minimum():g}",
        "cv_recap_dev": order_of(float(np.abs(recap_r - recap_factor).max())),
        # the spacing of float64 numbers there (np.spacing): exact, not noise, so shown in digits
        "cv_rounding": f"${tex(float(drift['rounding']), 2)}$",
        "cv_seed_lr": f"$\\eta = {fmt_rate(SEED_LR)}$",
        "cv_seed_factor_max": _factor(SEED_LR, f"{w[1]:.2f}", tex(1 - SEED_LR * w[1], 3)),
        "cv_seed_factor_min": _factor(SEED_LR, f"{w[0]:.2f}", tex(1 - SEED_LR * w[0], 3)),
        "cv_seed_ratio_min": fmt(float(np.median(seed_min)), 4),
        "cv_seed_window_lo": f"{int(seed_epochs.min())}",
        "cv_seed_window_hi": f"{int(seed_epochs.max())}",
        "cv_seed_crawl": f"{crawl:.0f}",
        "cv_steep_own": fmt(float(drift["r_steep"]), 3),
        "cv_steep_first": fmt(float(drift["early_ratios"][0]), 3),
        "cv_steep_first_epoch": f"{int(drift['early_epochs'][0])}",
        "cv_steep_drift_lo": fmt(float(drift["driven_ratios"].min()), 3),
        "cv_steep_drift_hi": fmt(float(drift["driven_ratios"].max()), 3),
        "cv_steep_drift_from": f"{int(drift['driven_epochs'][0])}",
        "cv_steep_drift_to": f"{int(drift['driven_epochs'][-1])}",
        "cv_steep_window_lo": f"$10^{{{round(np.log10(DRIVEN[0]))}}}$",
        "cv_steep_window_hi": f"$10^{{{round(np.log10(DRIVEN[1]))}}}$",
        "cv_steep_margin": f"{steep_margin(drift):,}",
        "cv_flat_sq": (f"${float(drift['r_flat']):.4f}^2 = {float(drift['r_flat']) ** 2:.4f}$"),
        "cv_f_stt": f"$f_{{stt}} = {tex(float(drift['f_stt']), 2)}$",
        # s is measured along this orientation of the steep eigenvector: f_stt, B and s/t² change
        # sign with it
        "cv_steep_vec": math_point(np.asarray(drift["steep"]), 3),
        "cv_steep_B": fmt(float(drift["B"]), 3),
        "cv_steep_share": fmt(float(drift["driven_share"][-1]), 3),
        "cv_steep_tol": f"{DRIVEN_TOL:.0%}",
        "cv_steep_model_gap": pct(ceil_to(float(drift["model_gap"]), 3)),
        "cv_lr1": fmt_rate(lr1),
        "cv_lr1_factor": _factor(lr1, f"{w[1]:.2f}", tex(1 - lr1 * w[1], 2)),
        "cv_lr1_flat_factor": _factor(lr1, f"{w[0]:.2f}", tex(1 - lr1 * w[0], 2)),
        "cv_lr1_ratio": fmt(float(np.median(ratio1)), 4),
        "cv_lr1_window": f"{len(ratio1)}",
        "cv_lr2": fmt_rate(lr2),
        "cv_lr2_first_distance": fmt(big["distance"], 2),
        "cv_lr2_global_factor": _factor(
            lr2, f"{big['lambda_max']:.2f}", tex(float(big["factor"]), 1)
        ),
        "cv_tiny_lr": fmt_rate(tiny),
        "cv_tiny_factor": f"$1 - \\eta\\,\\lambda_{{\\min}} = {1 - tiny * w[0]:.5f}$",
        "cv_tiny_step_lo": f"${_sci(small_steps['step_lo'])}$",
        "cv_tiny_step_hi": f"${_sci(small_steps['step_hi'])}$",
        "cv_tiny_moved": fmt(small_steps["moved"], 3),
        "cv_tiny_to_go": fmt(small_steps["to_go"], 3),
        "cv_seed_epochs": f"{SEED_EPOCHS:,}",
        "cv_near": f"$10^{{{round(np.log10(NEAR))}}}$",
        "cv_above_rounding": f"$10^{{{round(np.log10(ABOVE_ROUNDING))}}}$",
        "cv_lesson_best_eta": (
            f"$\\eta^* = 2 / (\\lambda_{{\\min}} + \\lambda_{{\\max}}) = {lesson_star:.4f}$"
        ),
        "cv_lesson_best_rate": (
            f"$(\\kappa - 1) / (\\kappa + 1) = {(w[1] - w[0]) / (w[1] + w[0]):.2f}$"
        ),
        "cv_lesson_best_meas": fmt(lesson_meas, 2),
        "cv_bowl_half_limit": f"$1 / \\lambda_{{\\max}} = {1 / hi:g}$",
        "cv_seed_limit": f"$2 / \\lambda_{{\\max}} = {2 / w[1]:.3f}$",
        # above a limit: a 2-cycle
        "cv_cycle_start": math_point(np.array(_CYCLE["start"]), 1),
        "cv_cycle_lr": fmt_rate(eta_c),
        "cv_cycle_epochs": f"{_CYCLE['epochs']:,}",
        "cv_cycle_shown": f"{CYCLE_SHOWN}",
        "cv_cycle_locked": f"{cyc['bound']}",
        "cv_cycle_mult_hi": fmt(float(cyc["multipliers"][1]), 2),
        "cv_cycle_mult_lo": fmt(float(cyc["multipliers"][0]), 3),
        "cv_cycle_tol": f"$10^{{{round(np.log10(CYCLE_TOL))}}}$",
        "cv_cycle_near": fmt(cyc["near"], 3),
        "cv_cycle_first_swing": fmt(float(cyc["swings"][0]), 3),
        "cv_wider": power_of_ten("WIDER", WIDER),
        "cv_cycle_swing": fmt(cyc["swing"], 3),
        "cv_cycle_far": fmt(cyc["far"], 3),
        "cv_cycle_curv_min": fmt(cyc["curv_min"], 2),
        "cv_cycle_factor_min": _factor(
            eta_c, f"{cyc['curv_min']:.2f}", tex(1 - eta_c * cyc["curv_min"], 2)
        ),
        "cv_two_over_eta": f"$2 / \\eta = {2 / eta_c:.2f}$",
        "cv_cycle_curv_near": fmt(cyc["curv_near"], 2),
        "cv_cycle_curv_far": fmt(cyc["curv_far"], 2),
        "cv_cycle_avg": fmt(cyc["curv_avg"], 2),
        # the condition number
        "cv_bowl_f": f"$f(x, y) = {get_landscape('elongated_bowl').latex}$",
        "cv_bowl_hess": f"$H = {matrix_tex(bowl.hessian(np.zeros(2)), 0)}$",
        "cv_bowl_kappa": f"$\\kappa = {hi:g} / {lo:g} = {kappa:g}$",
        "cv_bowl_best": f"$\\eta^* = 2 / ({lo:g} + {hi:g}) = {star:.4f}$",
        "cv_bowl_best_rate": f"$(\\kappa - 1) / (\\kappa + 1) = {(kappa - 1) / (kappa + 1):.4f}$",
        "cv_bowl_best_meas": fmt(best_meas, 4),
        "cv_bowl_limit": f"$2 / \\lambda_{{\\max}} = {2 / hi:g}$",
        "cv_bowl_small": fmt_rate(BOWL["rates"][0]),
        "cv_bowl_small_y_share": f"$10^{{{_y_share_exponent(small_end)}}}$",
        "cv_bowl_near": fmt_rate(BOWL["rates"][1]),
        "cv_bowl_epochs": f"{BOWL['epochs']:,}",
        "cv_bowl_start": math_point(np.array(BOWL["start"]), 1),
        "cv_bowl_small_rate": fmt(predicted_rate(BOWL["rates"][0]), 3),
        "cv_bowl_near_factor": _factor(eta_z, f"{hi:g}", tex(1 - eta_z * hi, 2)),
        "cv_bowl_sweep_n": str(len(BOWL_SWEEP["rates"])),
        "cv_bowl_sweep_lo": fmt_rate(BOWL_SWEEP["rates"][0]),
        "cv_bowl_sweep_hi": fmt_rate(BOWL_SWEEP["rates"][-1]),
        "cv_bowl_sweep_step": fmt_rate(round(spacing, 6)),
        "cv_bowl_sweep_epochs": f"{epochs_sweep:,}",
        "cv_bowl_tail": f"{epochs_sweep - 3 * epochs_sweep // 4:,}",
        "cv_bowl_zig_n": str(sum(1 for eta in BOWL_SWEEP["rates"] if eta > 1 / hi)),
        "cv_bowl_best_epochs": f"{np.log(10) / -np.log((kappa - 1) / (kappa + 1)):.1f}",
        # the limit depends on the minimum
        "cv_share_n": str(len(SHARE_LRS)),
        "cv_share_lo": fmt_rate(SHARE_LRS[0]),
        "cv_share_hi": fmt_rate(SHARE_LRS[-1]),
        "cv_share_starts": f"{BASINS['grid'] ** 2:,}",
        "cv_share_epochs": f"{BASINS['epochs']:,}",
        "cv_largest_limit": fmt(max(lim for _, lim in limits), 3),
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
    calm, nowhere = _calm_fates()
    out["cv_calm_n"] = str(len(calm))
    out["cv_flat_lr"] = fmt_rate(calm[-1])
    out["cv_share_flat"] = pct(float(nowhere["flat"][-1]))
    out["cv_flat_low_lr"] = fmt_rate(calm[0])
    out["cv_flat_low"] = pct(float(nowhere["flat"][0]))
    out["cv_flat_f"] = f"$\\lvert f \\rvert < {tex(FLAT_F, 2)}$"
    out["cv_later_floor"] = pct(LATER_FLOOR)
    out["cv_later_neither"] = str(int(nowhere["neither"].sum()))
    out["cv_later_total"] = f"{int(nowhere['count'].sum()):,}"
    out["cv_later_epochs"] = f"{LATER * BASINS['epochs']:,}"
    leavers = flat_leavers(calm[0], BASINS["epochs"], BASINS["grid"], LATER)
    out["cv_flat_leave_n"] = f"{leavers[1]:,}"
    out["cv_flat_arrived_n"] = f"{leavers[2]:,}"
    fates = _lost_fates(SHARE_LRS[below], SHARE_LRS[below + 1])
    out["cv_share_lost_distance"] = fmt(ceil_to(float(fates["distance"].max()), 2), 2)
    out["cv_share_lost_n"] = f"{len(fates['distance']):,}"
    out["cv_second_limit_short"] = fmt(limits[1][1], 3)
    out["cv_lesson_limit_short"] = fmt(limits[2][1], 3)
    out["cv_global_limit_short"] = fmt(glimit, 4)
    return out


def curvature_claims(lang: str) -> dict[str, Claim]:
    """What the page says about the quadratic model, the bowl and the limits, checked against
    the engine's runs; a sentence that speaks of every case is checked case by case
    (:meth:`Claim.every`)."""
    peaks = get_landscape("peaks")
    m = lesson_minimum()
    w, v = eigen(m.x)
    # the quadratic model
    lr1, lr2 = EXERCISE_LRS[0], EXERCISE_LRS[1]
    recap_r, recap_curv = recap_ratios(**RECAP)
    recap_factor = 1 - RECAP["learning_rate"] * recap_curv
    recap_bound = 10 * 10 ** np.floor(np.log10(np.abs(recap_r - recap_factor).max()))
    epochs1, ratio1 = ratio_window(lr1, v[:, 1])
    contiguous = len(epochs1) > 0 and bool(np.all(np.diff(epochs1) == 1))
    rounding = float(np.spacing(np.abs(m.x).max()))
    seed_epochs, seed_min = ratio_window(SEED_LR, v[:, 0])
    _, seed_max = ratio_window(SEED_LR, v[:, 1])
    drift = steep_drift()
    big = large_rate_run(lr2)
    tiny = tiny_rate_run(EXERCISE_LRS[2])
    lesson_star = 2 / (w[0] + w[1])
    lesson_window, lesson_meas = lesson_best(lesson_star)
    lesson_pred = (w[1] - w[0]) / (w[1] + w[0])
    cyc = two_cycle(**_CYCLE)
    eta_c = _CYCLE["learning_rate"]
    cycle_run = descend(peaks, _CYCLE["start"], learning_rate=eta_c, epochs=_CYCLE["epochs"])
    repeat = np.linalg.norm(cycle_run.path[2:] - cycle_run.path[:-2], axis=1)
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
    fates_b = _lost_fates(SHARE_LRS[b], SHARE_LRS[b + 1])
    lost_bound = ceil_to(float(fates_b["distance"].max()), 2)
    calm, nowhere = _calm_fates()
    leavers = flat_leavers(calm[0], BASINS["epochs"], BASINS["grid"], LATER)
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
    tiny_offset, tiny_points = fates_tiny_offset(lang)
    minima = [c for c in critical_points() if c.kind == "min"]
    gmin = next(c for c in minima if c.is_global_min)
    r_s, r_f = float(drift["r_steep"]), float(drift["r_flat"])
    driven = drift["driven_ratios"]
    share = drift["driven_share"]
    return {
        "three_fates": Claim(
            bool(big["at_global"])
            and bool(big["ends_off"])
            and min(float(np.linalg.norm(fates[EXERCISE_LRS[1]].final - c.x)) for c in minima)
            > ARRIVE_RADIUS
            and float(np.linalg.norm(fates[SEED_LR].final - m.x)) < 1e-6
            and moved < 0.1 * to_go,
            f"η={EXERCISE_LRS[1]}: first step by the global minimum {big['at_global']}, ends off "
            f"the map: {big['ends_off']}, at no minimum "
            f"({fates[EXERCISE_LRS[1]].final.tolist()}); "
            f"η={SEED_LR} ends {fates[SEED_LR].final.tolist()}; η={EXERCISE_LRS[2]} moved "
            f"{moved:.4f} of {to_go:.4f}",
        ),
        "fates_first_step": Claim(
            bool(big["at_global"])
            and float(np.linalg.norm(fates[EXERCISE_LRS[1]].final - gmin.x)) > ARRIVE_RADIUS,
            f"first step {big['distance']:.4f} from the nearest critical point, the global "
            f"minimum: {big['at_global']}; the run ends {fates[EXERCISE_LRS[1]].final.tolist()}",
        ),
        "fates_tiny_end": Claim(
            0 < tiny_points <= MARK_SIZE / 2,
            f"end − start {tiny_offset.tolist()}: {tiny_points:.2f} pt on the figure, within "
            f"half the start square's {MARK_SIZE} pt",
        ),
        "recap_ratio_is_factor": Claim.every(
            {f"epoch {k}": abs(r - recap_factor) < recap_bound for k, r in enumerate(recap_r)},
            f"e ratios {recap_r.min():.15f}..{recap_r.max():.15f}, 1 − ηλ = {recap_factor}, "
            f"bound {recap_bound:.0e}",
        ),
        "seed_monotone": Claim.every(
            {
                "λmin": 0 < SEED_LR * w[0] < 1 and len(seed_min) > 0 and bool(np.all(seed_min > 0)),
                "λmax": 0 < SEED_LR * w[1] < 1 and len(seed_max) > 0 and bool(np.all(seed_max > 0)),
            },
            f"ηλ = {SEED_LR * w[0]:.4f}, {SEED_LR * w[1]:.4f}; late ratios along the eigenvectors "
            f"{seed_min.min():.4f}..{seed_min.max():.4f} and "
            f"{seed_max.min():.4f}..{seed_max.max():.4f}",
        ),
        "seed_crawls_at_lmin_rate": Claim.every(
            {
                f"epoch {k}": abs(r - (1 - SEED_LR * w[0])) < SEED_TOL
                for k, r in zip(seed_epochs, seed_min, strict=True)
            },
            f"{len(seed_min)} ratios {seed_min.min():.6f}..{seed_min.max():.6f} over epochs "
            f"{seed_epochs.min()}..{seed_epochs.max()}, 1 − ηλmin = {1 - SEED_LR * w[0]:.6f}",
        ),
        "cv_steep_drifts": Claim(
            len(driven) >= 10
            and abs(float(drift["early_ratios"][0]) - r_s) < 0.01
            and bool(np.all(np.abs(driven - r_f**2) < 0.005))
            and bool(np.all(driven - r_s > 0.03))
            and DRIVEN[0] > 1e3 * float(drift["rounding"]),
            f"first late ratio {float(drift['early_ratios'][0]):.4f} (1 − ηλmax = {r_s:.4f}); "
            f"over epochs {drift['driven_epochs'][0]}..{drift['driven_epochs'][-1]} ratios "
            f"{driven.min():.4f}..{driven.max():.4f}, (1 − ηλmin)² = {r_f**2:.4f}",
        ),
        "cv_steep_above_rounding": Claim(
            float(drift["driven_min"]) > steep_margin(drift) * float(drift["rounding"]),
            f"smallest |s| over epochs {drift['driven_epochs'][0]}..{drift['driven_epochs'][-1]} "
            f"(and the epoch after each) {float(drift['driven_min']):.3e}, spacing of float64 "
            f"there {float(drift['rounding']):.3e}: ratio "
            f"{float(drift['driven_min']) / float(drift['rounding']):.0f} > {steep_margin(drift)}",
        ),
        "cv_steep_driven": Claim(
            len(share) >= 10
            and bool(np.all(np.diff(share) < 0))
            and 0 < float(share[-1]) - float(drift["B"]) < DRIVEN_TOL * float(drift["B"])
            and float(drift["model_gap"]) < MODEL_TOL,
            f"s/t² falls {share[0]:.4f} → {share[-1]:.4f}; predicted B = {drift['B']:.4f} "
            f"(f_stt = {drift['f_stt']:.4f}); the recursion matches s to "
            f"{drift['model_gap']:.4f} from epoch {drift['early_epochs'][0]} to "
            f"{drift['driven_epochs'][-1]}",
        ),
        "lr1_ratio_is_factor": Claim.every(
            {
                f"epoch {k}": abs(r - (1 - lr1 * w[1])) < RATIO_TOL
                for k, r in zip(epochs1, ratio1, strict=True)
            }
            | {
                "at least 10 consecutive epochs": len(ratio1) >= 10 and contiguous,
                "above rounding": 1e3 * rounding < ABOVE_ROUNDING,
                "the steep factor is the larger in size": abs(1 - lr1 * w[1]) > abs(1 - lr1 * w[0]),
            },
            f"{len(ratio1)} consecutive epochs {epochs1.min()}..{epochs1.max()} with the error "
            f"between {ABOVE_ROUNDING:g} and {NEAR:g} (rounding level {rounding:.1e}): ratios "
            f"{ratio1.min():.5f}..{ratio1.max():.5f}, 1 − ηλmax = {1 - lr1 * w[1]:.5f}, "
            f"1 − ηλmin = {1 - lr1 * w[0]:.5f}",
        ),
        "cv_lr2_thrown_off": Claim.every(
            {f"above the limit of the minimum f = {c.value:.3f}": lr2 > lim for c, lim in limits}
            | {
                "first step lands near the global minimum": bool(big["at_global"])
                and float(big["distance"]) < 0.25,
                "factor there below −1": float(big["factor"]) < -1,
                "second step off the map": bool(big["second_off_map"]),
                "back on the map at a later epoch": bool(big["comes_back"]),
                "off the map at the end": bool(big["ends_off"]),
            },
            f"η = {lr2}, limits {[round(lim, 4) for _, lim in limits]}; first step "
            f"{big['distance']:.4f} from the nearest critical point (global minimum: "
            f"{big['at_global']}), 1 − ηλmax there {big['factor']:.3f}",
        ),
        "cv_tiny_stays_far": Claim(
            tiny["closest"] > 0.9 * tiny["to_go"]
            and tiny["moved"] < 0.1 * tiny["to_go"]
            and tiny["step_error"] < 1e-6,
            f"steps {tiny['step_lo']:.3e}..{tiny['step_hi']:.3e} (= η‖∇f‖ to "
            f"{tiny['step_error']:.1e}), moved {tiny['moved']:.4f}, closest to the minimum "
            f"{tiny['closest']:.4f} of {tiny['to_go']:.4f}",
        ),
        "cv_cycle_attracts": Claim.every(
            {f"multiplier {i}": bool(mu < 1) for i, mu in enumerate(cyc["multipliers"])},
            f"|eigenvalues| of (I − ηH(b))(I − ηH(a)) at the cycle: {cyc['multipliers'].tolist()}",
        ),
        "cv_two_cycle": Claim.every(
            {f"epoch {k}": bool(repeat[k] < CYCLE_TOL) for k in range(cyc["bound"], len(repeat))}
            | {
                "locked": cyc["locked"] >= 0,
                "the stated epoch is a bound": 0 <= cyc["locked"] <= cyc["bound"],
                "above the global minimum's limit": eta_c > glimit,
                "not still": float(cyc["not_still"]) > 0.1,
                "stays on the map": not cyc["left_domain"] and cyc["status"] != DIVERGED,
            },
            f"η = {eta_c} > {glimit:.4f}; locked from epoch {cyc['locked']}, stated as "
            f"{cyc['bound']} (from there within {CYCLE_TOL / CYCLE_MARGIN:g}): "
            f"{cyc['near']:.4f} and {cyc['far']:.4f} from the global minimum, swing "
            f"{cyc['swing']:.4f}",
        ),
        "cv_cycle_narrows": Claim.every(
            {
                f"epoch {k + 1}: no longer than the swing before": bool(b <= a * (1 + 1e-12))
                for k, (a, b) in enumerate(zip(cyc["swings"][:-1], cyc["swings"][1:], strict=True))
            }
            | {"the first swing wider than the cycle's": float(cyc["swings"][0]) > cyc["swing"]},
            f"swings from {cyc['swings'][0]:.4f} to {cyc['swings'][-1]:.4f} (the cycle's "
            f"{cyc['swing']:.4f}), none longer than the one before",
        ),
        "cv_wide_swing_flatter": Claim.every(
            {
                f"epoch {k + 1}: swing {w:.6f}, average curvature {c:.6f}": bool(c < 2 / eta_c)
                for k, (w, c) in enumerate(zip(cyc["swings"], cyc["swing_curvs"], strict=True))
                if w > cyc["swing"] * (1 + WIDER)
            },
            f"every swing of the run wider than the cycle's {cyc['swing']:.6f} (by more than "
            f"{WIDER:g} of it): average curvature along it below 2/η = {2 / eta_c:.6f}; largest "
            f"{float(cyc['swing_curvs'][cyc['swings'] > cyc['swing'] * (1 + WIDER)].max()):.6f}",
        ),
        "cv_cycle_curves_less": Claim(
            float(cyc["cos_steep"]) > 0.999
            and float(cyc["curv_min"]) > 2 / eta_c
            and float(cyc["curv_far"]) < 2 / eta_c < float(cyc["curv_near"])
            and abs(float(cyc["curv_avg"]) - 2 / eta_c) < 1e-9 * 2 / eta_c,
            f"along the swing (|cos| to the steep eigenvector {cyc['cos_steep']:.6f}): curvature "
            f"{cyc['curv_min']:.4f} at the minimum, {cyc['curv_near']:.4f} at the near point, "
            f"{cyc['curv_far']:.4f} at the far point, {cyc['curv_avg']:.12f} on average; "
            f"2/η = {2 / eta_c:.12f}",
        ),
        "cv_lesson_best_rate_measured": Claim(
            len(lesson_window) >= 10 and abs(lesson_meas - lesson_pred) < 5e-3,
            f"η* = {lesson_star:.5f}: measured {lesson_meas:.5f} over {len(lesson_window)} "
            f"epochs, (κ−1)/(κ+1) = {lesson_pred:.5f}",
        ),
        "cv_bowl_zigzag_above_half": Claim.every(
            {
                f"η = {eta}": bool(
                    np.all(
                        flips(
                            descend(
                                bowl, BOWL["start"], learning_rate=eta, epochs=BOWL["epochs"]
                            ).path
                        )
                    )
                )
                for eta in rates
                if eta > half
            }
            | {
                f"η = {BOWL['rates'][0]} (no flip)": not bool(np.any(flips(small.path))),
                f"η* = {star:.4f} (a rate of the middle panel)": BOWL["rates"][0] < half < star
                and bool(np.all(flips(best_run.path))),
            },
            f"1/λmax = {half:g}; y flips at η = {BOWL['rates'][0]}: "
            f"{int(flips(small.path).sum())}, at η* = {star:.4f}: {int(flips(best_run.path).sum())}"
            f" of {BOWL['epochs']}",
        ),
        "cv_two_limits_coincide": Claim(
            abs(two[0] - two[1]) < 0.02 * max(two) and abs(two[0] - glimit) > 0.2 * glimit,
            f"limits {two[0]:.4f} and {two[1]:.4f}; the global minimum's {glimit:.4f}",
        ),
        "cv_nowhere_on_plateau": Claim.every(
            {
                f"below the limit of the minimum f = {c.value:.3f}": calm[-1] < lim
                for c, lim in limits
            }
            | {
                "the largest such rate of the sweep": calm[-1]
                == max(lr for lr in SHARE_LRS if lr < min(lim for _, lim in limits)),
                f"most end flat at η = {calm[-1]}": float(nowhere["flat"][-1]) > 0.99,
                f"fewer end flat at η = {calm[0]}": nowhere["flat"][0] < nowhere["flat"][-1],
            },
            f"at η = {calm[-1]}: {nowhere['flat'][-1]:.4f} of the {nowhere['count'][-1]} starts "
            f"arriving nowhere end with |f| < {FLAT_F}; at η = {calm[0]}: "
            f"{nowhere['flat'][0]:.4f}",
        ),
        "cv_nowhere_on_their_way": Claim.every(
            {
                f"η = {lr}": bool(later >= LATER_FLOOR)
                for lr, later in zip(calm, nowhere["later"], strict=True)
            }
            | {"fewer end flat at the smallest rate": nowhere["flat"][0] < nowhere["flat"][-1]},
            f"with {LATER}× the epochs, arrived or flat: "
            f"{[round(float(x), 5) for x in nowhere['later']]}; neither: "
            f"{nowhere['neither'].tolist()} of {nowhere['count'].tolist()}",
        ),
        "cv_flat_not_final": Claim(
            leavers[1] > 0 and leavers[2] > 0,
            f"at η = {calm[0]}: of the {leavers[0]} starts arriving nowhere and on the flat region "
            f"after {BASINS['epochs']} epochs, after {LATER * BASINS['epochs']} {leavers[2]} have "
            f"arrived and {leavers[1]} more have f < −{FLAT_F} and arrive nowhere",
        ),
        "cv_lost_bounce_in_valley": Claim.every(
            {
                f"lost start {i}": not bool(e) and not bool(d) and float(r) <= lost_bound
                for i, (e, d, r) in enumerate(
                    zip(fates_b["elsewhere"], fates_b["diverged"], fates_b["distance"], strict=True)
                )
            },
            f"{len(fates_b['distance'])} starts lost from the global minimum at η = "
            f"{SHARE_LRS[b + 1]}: settle elsewhere {int(np.sum(fates_b['elsewhere']))}, diverged "
            f"{int(np.sum(fates_b['diverged']))}, end at most {fates_b['distance'].max():.4f} "
            f"from it (bound {lost_bound})",
        ),
        "bowl_rates_match": Claim.every(
            {
                f"η = {eta}": abs(a - p) < BOWL_TOL
                for eta, a, p in zip(rates, measured, predicted, strict=True)
            },
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
            abs(small.final[1]) < 10.0 ** _y_share_exponent(small.final) * abs(small.final[0])
            and _y_share_exponent(small.final) <= -2,
            f"end of the small rate's run {small.final.tolist()}",
        ),
        "bowl_near_limit_zigzags": Claim.every(
            {
                f"epoch {k}": bool(np.sign(zig.path[k + 1, 1]) == -np.sign(zig.path[k, 1]))
                and abs(zig.path[k + 1, 0]) < abs(zig.path[k, 0])
                for k in range(BOWL["epochs"])
            },
            f"y flips sign, |x| shrinks: {zig.path[:4].round(3).tolist()} ...",
        ),
        "none_settle_at_global_above": Claim.every(
            {f"η = {SHARE_LRS[i]}": table[i, 0] == 0 for i in above},
            f"global shares above {glimit:.4f}: {[float(table[i, 0]) for i in above]}",
        ),
        "some_settle_at_global_below": Claim.every(
            {f"η = {SHARE_LRS[i]}": table[i, 0] > 0 for i in below},
            f"global shares below {glimit:.4f}: {[round(float(table[i, 0]), 4) for i in below]}",
        ),
        "none_settle_anywhere_above_largest": Claim.every(
            {f"η = {SHARE_LRS[i]}": table[i, :-1].sum() == 0 for i in beyond},
            f"shares above {largest:.4f}: {[table[i, :-1].tolist() for i in beyond]}",
        ),
        "global_share_goes_nowhere": Claim.every(
            {
                f"none at the global minimum at η = {SHARE_LRS[b + 1]}": table[b + 1, 0] == 0,
                "the others' shares unchanged": bool(
                    np.all(np.abs(table[b + 1, 1:-1] - table[b, 1:-1]) < 0.01)
                ),
                "the share arriving nowhere gains as much": abs(gained - lost) < 0.01,
            },
            f"global share lost {lost:.4f}, share arriving nowhere gained {gained:.4f}, the "
            f"others {table[b, 1:-1].round(4).tolist()} → {table[b + 1, 1:-1].round(4).tolist()}",
        ),
        "cv_large_rate_gives_up_deepest": Claim.every(
            {
                f"η = {SHARE_LRS[i]}: none arrives at the deepest": bool(table[i, 0] == 0)
                for i in above
            }
            | {
                "the lost starts bounce in the deep valley": lmax[0] == max(lmax)
                and len(fates_b["distance"]) > 0
                and not bool(np.any(fates_b["elsewhere"]))
                and float(fates_b["distance"].max()) <= lost_bound
            },
            f"the deepest minimum is the sharpest ({lmax[0]:.2f}); above its limit no start "
            f"arrives there; the {len(fates_b['distance'])} lost starts arrive elsewhere: "
            f"{bool(np.any(fates_b['elsewhere']))}, end within {lost_bound} of it",
        ),
        "deepest_is_sharpest": Claim(
            lmax[0] == max(lmax) and limits[0][0].is_global_min,
            f"λmax of the minima (deepest first): {[round(v, 3) for v in lmax]}",
        ),
    }


def curvature_notebook(lang: str) -> list[Code]:
    """The page's notebook: the stability limit, condition number and best rate that the
    Hessian's eigenvalues at the reference minimum give; the 2-cycle above the global minimum's
    limit and its swing's average curvature; the elongated bowl with three rates."""
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
    cyc = two_cycle(**_CYCLE)
    eta_c = _CYCLE["learning_rate"]
    cycle_cell = (
        f"cycle = descend({tuple(_CYCLE['start'])}, learning_rate={eta_c}, "
        f"epochs={_CYCLE['epochs']})\n"
        "a, b = cycle[-1], cycle[-2]  # the run's last two points\n"
        "g = (a + b) / 2\n"
        "for _ in range(20):  # Newton's method from the middle of the swing: the global minimum\n"
        "    g = g - np.linalg.solve(np.array(hessian(*g), dtype=float), [df_x(*g), df_y(*g)])\n"
        "near, far = sorted([np.linalg.norm(a - g), np.linalg.norm(b - g)])\n"
        'print("distance of the near point =", near)\n'
        'print("distance of the far point =", far)\n'
        "d = a - b\n"
        "grad_a = np.array([df_x(*a), df_y(*a)])\n"
        "grad_b = np.array([df_x(*b), df_y(*b)])\n"
        'print("average curvature along the swing =", (grad_a - grad_b) @ d / (d @ d))\n'
        f'print("2 / eta =", 2 / {eta_c})\n'
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
            cycle_cell,
            "after:cv_cycle_far",
            (
                Check("cv_cycle_near", cyc["near"]),
                Check("cv_cycle_far", cyc["far"]),
                Check("cv_cycle_avg", cyc["curv_avg"]),
                Check("cv_two_over_eta", 2 / eta_c, 1),
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
    Entry("three_fates", "figure", three_fates, FATES),
    Entry("three_regimes", "figure", three_regimes, {"right": 2.8}),
    Entry("cycle_curvature", "figure", cycle_curvature, {**_CYCLE, "shown": CYCLE_SHOWN}),
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
