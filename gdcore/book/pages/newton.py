"""Page ``newton.md``: why the condition number is the problem (one learning rate for two
curvatures, on the elongated bowl), Newton's step x ← x − H⁻¹∇f, which lands on a quadratic's
minimum in one step from any start, preconditioning (x ← x − ηP∇f, P = H⁻¹: κ = 1) and what it
costs, and what it does not fix: on peaks Newton's method goes to the nearest critical point of
the quadratic model, which may be a saddle point or a local maximum.

The engine has no Newton method for descent: the steps are computed here with numpy from the
landscape's gradient and Hessian (:meth:`gdcore.landscape.Landscape.gradient`, ``.hessian``).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse

from gdcore.analysis import CriticalPoint
from gdcore.book import cells, palette
from gdcore.book.numfmt import (
    exact_tex,
    fmt,
    fmt_point,
    fmt_rate,
    math_point,
    order_of,
    particle,
    tex,
)
from gdcore.book.pages.shared import BASIN_RADIUS, DAUPHIN, cited, eigen, matrix_tex, power_of_ten
from gdcore.book.params import BASINS, BOWL, PREDICT, SEED_START
from gdcore.book.peaks import critical_points, map_axes
from gdcore.book.plots import OUTLINE, START_COLOR, halo, legend_below, series_style
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label, word
from gdcore.descent import Trajectory, descend
from gdcore.landscape import get_landscape

#: The bowl's plain-descent run: the curvature page's start, at the best single rate
#: 2/(λmin + λmax) (computed), for the figure's epochs and, longer, for the measured rate.
NEWTON_BOWL = {"start": BOWL["start"], "epochs": BOWL["epochs"]}
#: How long the bowl's plain run is measured: long enough for its error to fall below SMALL_ERROR.
MEASURE_EPOCHS = 100
#: The page counts the epochs until the error (the distance to the minimum) first falls below
#: this: the momentum page's ``SMALL_ERROR`` for the same run, so that the two counts agree (a page
#: module does not import another page's: a test holds the two equal).
SMALL_ERROR = 1e-6
#: How closely each measured per-epoch factor of the plain run must equal (κ − 1)/(κ + 1): the
#: bowl is exactly quadratic, so only rounding separates them.
RATE_TOL = 1e-12
#: The grid of starts (per side) over the bowl's map on which one Newton step is checked.
ONE_STEP_GRID = 101
#: Preconditioned descent on the bowl: its learning rate, epochs, and the number of starts, spread
#: evenly round a circle (every direction of the error), at the distance of the curvature page's
#: start from the minimum.
PRECOND = {"learning_rate": 0.5, "epochs": 30, "directions": 12}
#: Newton's method on peaks: the starts (the reference start; exercise 6's start in the deep
#: valley; a start near a saddle point; a start near a local maximum) and its number of steps.
NEWTON_STARTS: tuple[tuple[float, float], ...] = (
    SEED_START,
    PREDICT["start"],
    (0.4, -0.3),
    (1.0, 0.0),
)
NEWTON_STEPS = 8
#: The part of the peaks map the figure shows: every start and where it ends, large enough to see.
ZOOM = ((-0.7, 1.7), (-2.1, 2.1))
#: How near a critical point Newton's method must end to be said to end there.
NEWTON_TOL = 1e-12
#: A start in the deepest valley where the Hessian is positive definite, yet pure Newton's first
#: full step goes uphill (a reviewer found it): the direction is downhill, the step too long.
OVERSHOOT_START = (-0.1, -2.0)
#: The number of parameters of the page's example of a large model (a small network today).
BIG_D = 10**6
#: Bytes per number in float64.
FLOAT_BYTES = 8
#: The works the page cites: how a sentence names one, the year, where in the work, and its entry
#: in the reference list.
REFERENCES = {
    "nocedal": (
        "Nocedal & Wright",
        2006,
        "§2.2, §3.4",
        "Jorge Nocedal and Stephen J. Wright (2006). *Numerical Optimization*, 2nd edition. "
        "Springer.",
    ),
    "boyd": (
        "Boyd & Vandenberghe",
        2004,
        "§9.4.4, §9.5",
        "Stephen Boyd and Lieven Vandenberghe (2004). *Convex Optimization*. Cambridge "
        "University Press.",
    ),
    "goodfellow": (
        "Goodfellow et al.",
        2016,
        "§8.6.1",
        "Ian Goodfellow, Yoshua Bengio and Aaron Courville (2016). *Deep Learning*. MIT Press.",
    ),
    "dauphin": (*DAUPHIN[:2], "", DAUPHIN[2]),
}


# --- the bowl -----------------------------------------------------------------------------------
def bowl_eigen() -> tuple[np.ndarray, np.ndarray]:
    """The elongated bowl's Hessian eigenvalues (ascending) and eigenvectors (the same
    everywhere: the bowl is quadratic)."""
    return eigen(np.zeros(2), "elongated_bowl")


def best_rate() -> float:
    """Plain descent's best single learning rate on the bowl, 2/(λmin + λmax)."""
    w, _ = bowl_eigen()
    return float(2 / (w[0] + w[1]))


def kappa() -> float:
    """The bowl's condition number λmax/λmin."""
    w, _ = bowl_eigen()
    return float(w[1] / w[0])


@cache
def plain_run(start: tuple[float, float], epochs: int) -> Trajectory:
    """Plain gradient descent on the bowl from ``start`` at :func:`best_rate`."""
    return descend(get_landscape("elongated_bowl"), start, learning_rate=best_rate(),
                   epochs=epochs)  # fmt: skip


def error_factors(path: np.ndarray, minimum: np.ndarray) -> np.ndarray:
    """‖x_{k+1} − x*‖ / ‖x_k − x*‖ along a path ``(T, 2)``: one factor per epoch."""
    n = np.linalg.norm(np.asarray(path, dtype=float) - minimum, axis=1)
    if n.size < 2 or np.any(n[:-1] == 0):
        raise ValueError("path must have at least two points, none but the last at the minimum")
    return n[1:] / n[:-1]


def newton_step(landscape: str, points: np.ndarray) -> np.ndarray:
    """One Newton step x − H(x)⁻¹∇f(x) at each point of ``points`` (``(2,)`` or ``(n, 2)``):
    the linear system H d = −∇f solved, not the inverse formed."""
    land = get_landscape(landscape)
    p = np.asarray(points, dtype=float)
    g, h = land.gradient(p), land.hessian(p)
    return p - np.linalg.solve(h, g[..., None])[..., 0]


def bowl_grid(side: int) -> np.ndarray:
    """``side``² starts evenly over the bowl's map, ``(side², 2)``."""
    if not isinstance(side, int) or side < 2:
        raise ValueError(f"side must be a whole number of at least 2, got {side!r}")
    (x0, x1), (y0, y1) = get_landscape("elongated_bowl").domain
    xs, ys = np.meshgrid(np.linspace(x0, x1, side), np.linspace(y0, y1, side))
    return np.stack([xs.ravel(), ys.ravel()], axis=1)


def one_step_misses(side: int) -> np.ndarray:
    """How far one Newton step from each start of :func:`bowl_grid` ends from the bowl's minimum
    (the origin)."""
    return np.linalg.norm(newton_step("elongated_bowl", bowl_grid(side)), axis=1)


def preconditioned(start: tuple[float, float], learning_rate: float, epochs: int) -> np.ndarray:
    """Preconditioned descent on the bowl, x ← x − η P ∇f with P = H⁻¹ (diag(1/λᵢ) there):
    every iterate, the start included, ``(epochs + 1, 2)``."""
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be positive, got {learning_rate!r}")
    bowl = get_landscape("elongated_bowl")
    x = np.asarray(start, dtype=float)
    path = [x]
    for _ in range(epochs):
        x = x - learning_rate * np.linalg.solve(bowl.hessian(x), bowl.gradient(x))
        path.append(x)
    return np.array(path)


def circle_starts(directions: int) -> np.ndarray:
    """``directions`` starts evenly round the bowl's minimum at the distance of the curvature
    page's start from it."""
    r = float(np.linalg.norm(BOWL["start"]))
    a = 2 * np.pi * np.arange(directions) / directions
    return r * np.stack([np.cos(a), np.sin(a)], axis=1)


# --- peaks --------------------------------------------------------------------------------------
@cache
def newton_path(start: tuple[float, float], steps: int) -> np.ndarray:
    """Pure Newton's method (η = 1) on peaks from ``start``: every iterate, ``(steps + 1, 2)``."""
    x = np.asarray(start, dtype=float)
    path = [x]
    for _ in range(steps):
        x = newton_step("peaks", x)
        path.append(x)
    return np.array(path)


def nearest_critical(x: np.ndarray) -> tuple[CriticalPoint, float]:
    """The critical point of peaks nearest ``x`` and its distance."""
    points = critical_points()
    d = [float(np.linalg.norm(c.x - x)) for c in points]
    i = int(np.argmin(d))
    return points[i], d[i]


def model_kind(x: np.ndarray) -> str:
    """The kind of the critical point of the quadratic model of peaks at ``x`` (the signs of the
    Hessian's eigenvalues there): ``min``, ``max`` or ``saddle``."""
    w = np.linalg.eigvalsh(get_landscape("peaks").hessian(np.asarray(x, dtype=float)))
    return "min" if w[0] > 0 else "max" if w[1] < 0 else "saddle"


def steps_needed(path: np.ndarray, target: np.ndarray) -> int:
    """The first step after which every iterate of ``path`` lies within :data:`NEWTON_TOL` of
    ``target``."""
    off = np.linalg.norm(path - target, axis=1) >= NEWTON_TOL
    return int(np.flatnonzero(off)[-1]) + 1 if off.any() else 0


@cache
def descent_from(start: tuple[float, float]) -> Trajectory:
    """Gradient descent on peaks from ``start`` with the basin map's learning rate and epochs."""
    return descend(get_landscape("peaks"), start, learning_rate=BASINS["learning_rate"],
                   epochs=BASINS["epochs"])  # fmt: skip


def _directions(n: int = 36) -> list[tuple[float, np.ndarray]]:
    """``n`` unit vectors spread evenly over a half-turn (u and −u give the same slice), each
    with its angle in degrees."""
    a = np.pi * np.arange(n) / n
    return [(float(np.degrees(t)), np.array([np.cos(t), np.sin(t)])) for t in a]


def _kind_name(c: CriticalPoint, lang: str) -> str:
    """``local maximum`` / ``saddle point`` / ``global minimum`` / ``global maximum`` in the
    page's words (the highest local maximum is the global one, as the text calls it)."""
    if c.is_global_min:
        return word("figure.global_minimum", lang)
    if c.kind == "max" and c.value == max(p.value for p in critical_points() if p.kind == "max"):
        return word("values.kind_global_max", lang)
    return word(f"values.kind_{c.kind}", lang)


# --- the figures --------------------------------------------------------------------------------
def newton_bowl(lang: str, *, start: tuple[float, float], epochs: int) -> Figure:
    """The bowl's contours (ellipses) with plain descent's path at its best rate for ``epochs``
    epochs (zigzagging), Newton's single step from the same start (dashed, to the minimum) and
    preconditioned descent's iterates at η = 1/2 (hollow circles on that segment)."""
    w, v = bowl_eigen()
    angle = float(np.degrees(np.arctan2(v[1, 0], v[0, 0])))
    run = plain_run(start, epochs)
    step = newton_step("elongated_bowl", np.asarray(start, dtype=float))
    pre = preconditioned(start, PRECOND["learning_rate"], 8)
    fig, ax = new_figure(4.8, 4.4)
    for c in np.linspace(0.5, 20, 12) ** 1.3 / 3:
        width, height = 2 * np.sqrt(2 * c / w)
        ax.add_patch(Ellipse((0, 0), width, height, angle=angle, fill=False,
                             edgecolor=palette.page("light", "muted"), linewidth=0.5))  # fmt: skip
    ax.plot(*run.path.T, "-o", color=palette.mark("path"), markersize=3, linewidth=1.2,
            label=label("nt_plain", lang, lr=fmt(best_rate(), 4), n=epochs))  # fmt: skip
    ax.plot(*np.stack([start, step]).T, "--", color=palette.mark("second"), linewidth=1.8,
            label=label("nt_newton", lang))  # fmt: skip
    ax.plot(*pre[1:].T, "o", markerfacecolor="none", markeredgecolor=palette.mark("second"),
            markersize=7, markeredgewidth=1.2,
            label=label("nt_precond", lang, lr=fmt_rate(PRECOND["learning_rate"])))  # fmt: skip
    ax.plot(*np.asarray(start), palette.MARKERS["start"], color=START_COLOR,
            markeredgecolor=OUTLINE, markersize=9, label=label("start", lang))  # fmt: skip
    ax.plot(0, 0, palette.MARKERS["minimum"], color=palette.mark("minimum"), markersize=11,
            markeredgecolor=OUTLINE, label=label("global_minimum", lang))  # fmt: skip
    ax.set_aspect("equal")
    ax.set_xlim(-3, 3)
    ax.set_ylim(-1.6, 1.6)
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    ax.set_title(label("nt_bowl_title", lang), fontsize=11)
    legend_below(fig, ncols=1, fontsize=11)
    return fig


def newton_peaks(lang: str, *, starts: tuple[tuple[float, float], ...], steps: int) -> Figure:
    """Newton's method on the peaks map from ``starts`` (series greys over a halo, one dash each),
    each start a square, and the critical points of peaks by their shapes."""
    fig, ax = map_axes(lang, figsize=(4.8, 7.6))
    for i, s in enumerate(starts):
        p = newton_path(s, steps)
        ax.plot(*p.T, marker="o", markersize=3.5, linewidth=2.0, path_effects=halo(2.0),
                **series_style(i, "map"),
                label=label("nt_from", lang, at=fmt_point(np.array(s), 1)))  # fmt: skip
        ax.plot(*p[0], palette.MARKERS["start"], color=palette.mark("start", "map"),
                markeredgecolor=OUTLINE, markersize=8)  # fmt: skip
    shown = set()
    names = {"min": "minimum", "saddle": "saddle", "max": "maximum"}
    for c in critical_points():
        key = "global_minimum" if c.is_global_min else names[c.kind]
        ax.plot(*c.x, palette.MARKERS[names[c.kind]], color=palette.mark(names[c.kind]),
                markeredgecolor=OUTLINE, markersize=12 if c.is_global_min else 9,
                label=None if key in shown else label(key, lang))  # fmt: skip
        shown.add(key)
    ax.set_xlim(*ZOOM[0])
    ax.set_ylim(*ZOOM[1])
    ax.set_title(label("nt_peaks_title", lang, n=steps), fontsize=11)
    legend_below(fig, ncols=1, fontsize=11)
    return fig


# --- values and claims --------------------------------------------------------------------------
def references(lang: str) -> dict[str, str]:
    """The page's cited works (:func:`gdcore.book.pages.shared.cited`), named ``nt_…``."""
    return cited(REFERENCES, lang, "nt_")


def _size(n_bytes: float) -> str:
    """A size in bytes in terabytes, as ``8 TB``."""
    return f"{n_bytes / 1e12:g} TB"


def newton_table(lang: str) -> str:
    """Per start of :data:`NEWTON_STARTS`: the Hessian's eigenvalues there, where Newton's method
    ends after :data:`NEWTON_STEPS` steps (its kind and f) and in how many steps, and where
    gradient descent from the same start arrives."""
    head = [word(f"values.nt_table_{k}", lang) for k in ("start", "eig", "newton", "steps", "gd")]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    peaks = get_landscape("peaks")
    for s in NEWTON_STARTS:
        w = np.linalg.eigvalsh(peaks.hessian(np.asarray(s, dtype=float)))
        path = newton_path(s, NEWTON_STEPS)
        c, _ = nearest_critical(path[-1])
        g, _ = nearest_critical(descent_from(s).final)
        rows.append(
            f"| {math_point(np.array(s), 1)} | ${tex(w[0], 2)}$, ${tex(w[1], 2)}$ | "
            f"{_kind_name(c, lang)}, $f = {tex(c.value, 3)}$ | {steps_needed(path, c.x)} | "
            f"{_kind_name(g, lang)}, $f = {tex(g.value, 3)}$ |"
        )
    return "\n".join(rows)


def overshoot() -> tuple[np.ndarray, float, float]:
    """At :data:`OVERSHOOT_START`: the Hessian's eigenvalues, f there and f after one pure Newton
    step."""
    peaks = get_landscape("peaks")
    x0 = np.array(OVERSHOOT_START, dtype=float)
    lams = np.linalg.eigvalsh(peaks.hessian(x0))
    x1 = newton_step("peaks", x0)
    return lams, float(peaks.value(x0)), float(peaks.value(x1))


def newton_values(lang: str) -> dict[str, str]:
    """Every number the page shows."""
    _, over0, over1 = overshoot()
    over1_text = fmt(over1, 3)
    w, _ = bowl_eigen()
    k = kappa()
    rho = (k - 1) / (k + 1)
    start = NEWTON_BOWL["start"]
    run = plain_run(start, MEASURE_EPOCHS)
    factors = error_factors(run.path, np.zeros(2))
    n = np.linalg.norm(run.path, axis=1)
    million = int(np.argmax(n < SMALL_ERROR))
    h = get_landscape("elongated_bowl").hessian(np.zeros(2))
    lr_p = PRECOND["learning_rate"]
    ref = NEWTON_STARTS[0]
    ref_path = newton_path(ref, NEWTON_STEPS)
    ref_end, _ = nearest_critical(ref_path[-1])
    peaks = get_landscape("peaks")
    wr = np.linalg.eigvalsh(peaks.hessian(np.asarray(ref, dtype=float)))
    saddle_start, max_start = NEWTON_STARTS[2], NEWTON_STARTS[3]
    _, s_d = nearest_critical(np.asarray(saddle_start))
    _, m_d = nearest_critical(np.asarray(max_start))
    gd_end, _ = nearest_critical(descent_from(ref).final)
    over = {
        "nt_over_start": math_point(np.array(OVERSHOOT_START), 1),
        "nt_over_f0": f"${tex(over0, 3)}$",
        "nt_over_f1": f"${tex(over1, 3)}$" + (particle(over1_text, "으로") if lang == "ko" else ""),
    }
    return over | {
        **references(lang),
        # the condition number, recalled
        "nt_bowl_f": f"$f(x, y) = {get_landscape('elongated_bowl').latex}$",
        "nt_bowl_lams": f"$\\lambda_{{\\min}} = {w[0]:g}$, $\\lambda_{{\\max}} = {w[1]:g}$",
        "nt_kappa": f"$\\kappa = {k:g}$",
        "nt_bowl_grad": "{}, {}".format(
            *(
                f"$\\partial f / \\partial {v} = {d}$"
                for v, d in zip("xy", get_landscape("elongated_bowl").partial_latex, strict=True)
            )
        ),
        "nt_best": (
            f"$\\eta^* = 2 / (\\lambda_{{\\min}} + \\lambda_{{\\max}}) = {exact_tex(best_rate())}$"
        ),
        "nt_rho": f"$(\\kappa - 1) / (\\kappa + 1) = {rho:.4f}$",
        "nt_start": math_point(np.array(start), 1),
        "nt_measure_epochs": f"{MEASURE_EPOCHS:,}",
        "nt_meas_lo": fmt(float(factors.min()), 4),
        "nt_rate_tol": power_of_ten("RATE_TOL", RATE_TOL),
        "nt_million": f"{million}",
        "nt_small": power_of_ten("SMALL_ERROR", SMALL_ERROR),
        "nt_plain_epochs": f"{NEWTON_BOWL['epochs']}",
        # Newton's step
        "nt_hess": f"$H = {matrix_tex(h, 0)}$",
        "nt_hinv": f"$H^{{-1}} = {matrix_tex(np.linalg.inv(h), 2)}$",
        "nt_bowl_step": (
            f"$x - \\tfrac{{1}}{{{w[0]:g}}} \\cdot {w[0]:g}x = 0$, "
            f"$y - \\tfrac{{1}}{{{w[1]:g}}} \\cdot {w[1]:g}y = 0$"
        ),
        "nt_grid": f"{ONE_STEP_GRID}",
        "nt_grid_n": f"{ONE_STEP_GRID**2:,}",
        "nt_box": (
            "$[{}, {}] \\times [{}, {}]$".format(
                *(tex(v, 0) for v in np.ravel(get_landscape("elongated_bowl").domain))
            )
        ),
        "nt_one_step": order_of(float(one_step_misses(ONE_STEP_GRID).max())),
        "nt_factors": (
            f"$1 - {w[0]:g} \\cdot \\tfrac{{1}}{{{w[0]:g}}} = {1 - w[0] * (1 / w[0]):g}$, "
            f"$1 - {w[1]:g} \\cdot \\tfrac{{1}}{{{w[1]:g}}} = {1 - w[1] * (1 / w[1]):g}$"
        ),
        # preconditioning
        "nt_pre_lr": f"$\\eta = {fmt_rate(lr_p)}$",
        "nt_pre_factor": f"$1 - \\eta = {fmt_rate(1 - lr_p)}$",
        "nt_pre_n": f"{PRECOND['directions']}",
        "nt_pre_epochs": f"{PRECOND['epochs']}",
        "nt_pre_radius": fmt(float(np.linalg.norm(start)), 4),
        "nt_big_d": f"$d = 10^{{{int(np.log10(BIG_D))}}}$",
        "nt_big_h": f"$d^2 = 10^{{{int(2 * np.log10(BIG_D))}}}$",
        "nt_big_bytes": _size(BIG_D**2 * FLOAT_BYTES),
        "nt_big_grad": f"{BIG_D * FLOAT_BYTES / 1e6:g} MB",
        # peaks
        "nt_ref_start": math_point(np.array(ref), 1),
        "nt_ref_eigs": f"${tex(wr[0], 2)}$, ${tex(wr[1], 2)}$",
        "nt_ref_end": math_point(ref_end.x, 4),
        "nt_ref_end_f": f"$f = {tex(ref_end.value, 3)}$",
        "nt_ref_f0": f"${tex(float(peaks.value(np.asarray(ref, dtype=float))), 3)}$",
        "nt_ref_steps": f"{steps_needed(ref_path, ref_end.x)}",
        "nt_rises": f"{steps_needed(ref_path, ref_end.x) - 1}",
        "nt_gd_end_f": f"$f = {tex(gd_end.value, 3)}$",
        "nt_gd_lr": f"$\\eta = {fmt_rate(BASINS['learning_rate'])}$",
        "nt_gd_epochs": f"{BASINS['epochs']:,}",
        "nt_steps": f"{NEWTON_STEPS}",
        "nt_tol": power_of_ten("NEWTON_TOL", NEWTON_TOL),
        "nt_valley_dist": fmt(nearest_critical(np.asarray(NEWTON_STARTS[1]))[1], 2),
        "nt_saddle_dist": fmt(s_d, 2),
        "nt_max_dist": fmt(m_d, 2),
        "nt_table": newton_table(lang),
    }


def newton_claims(lang: str) -> dict[str, Claim]:
    """What the page says, checked: a sentence over every start, epoch or eigenvalue is checked
    case by case (:meth:`Claim.every`)."""
    w, _ = bowl_eigen()
    k = kappa()
    rho = (k - 1) / (k + 1)
    start = NEWTON_BOWL["start"]
    run = plain_run(start, MEASURE_EPOCHS)
    factors = error_factors(run.path, np.zeros(2))
    n = np.linalg.norm(run.path, axis=1)
    million = int(np.argmax(n < SMALL_ERROR))
    misses = one_step_misses(ONE_STEP_GRID)
    bound = 10.0 ** (np.floor(np.log10(misses.max())) + 1)
    grid = bowl_grid(ONE_STEP_GRID)
    lr_p = PRECOND["learning_rate"]
    pre = [
        (s, preconditioned(tuple(s), lr_p, PRECOND["epochs"]))
        for s in circle_starts(PRECOND["directions"])
    ]
    pre_factors = {fmt_point(s, 3): error_factors(p, np.zeros(2)) for s, p in pre}
    peaks = get_landscape("peaks")
    ends = {s: nearest_critical(newton_path(s, NEWTON_STEPS)[-1]) for s in NEWTON_STARTS}
    ref = NEWTON_STARTS[0]
    ref_path = newton_path(ref, NEWTON_STEPS)
    ref_f = peaks.value(ref_path)
    ref_end = ends[ref][0]
    steps = steps_needed(ref_path, ref_end.x)
    h_ref = peaks.hessian(np.asarray(ref, dtype=float))
    wr = np.linalg.eigvalsh(h_ref)
    gd = {s: nearest_critical(descent_from(s).final) for s in NEWTON_STARTS}
    near_saddle, _ = nearest_critical(np.asarray(NEWTON_STARTS[2]))
    near_max, _ = nearest_critical(np.asarray(NEWTON_STARTS[3]))
    lams, over0, over1 = overshoot()
    over = {
        "nt_full_step_overshoots": Claim(
            bool(np.all(lams > 0)) and over1 > over0,
            f"at {OVERSHOOT_START}: Hessian eigenvalues {lams.tolist()}, f {over0:.4f} → "
            f"{over1:.4f} after one pure Newton step",
        )
    }
    return over | {
        "nt_plain_rate": Claim.every(
            {f"epoch {i}": abs(float(f) - rho) <= RATE_TOL * rho for i, f in enumerate(factors)},
            f"factors {factors.min():.15f}..{factors.max():.15f}, (κ − 1)/(κ + 1) = {rho:.15f}",
        ),
        "nt_plain_million": Claim(
            million > 1 and n[million] < SMALL_ERROR <= n[million - 1],
            f"‖e‖ from {n[0]:.4f}: {n[million - 1]:.3e} after {million - 1} epochs, "
            f"{n[million]:.3e} after {million}",
        ),
        "nt_one_step_every_start": Claim.every(
            {
                f"start {fmt_point(p, 2)}": float(d) < bound
                for p, d in zip(grid, misses, strict=True)
            },
            f"largest distance after one step {misses.max():.2e} < {bound:g}; "
            f"{int(np.count_nonzero(misses))} of {len(misses)} not exactly 0",
        ),
        "nt_factors_zero": Claim.every(
            {f"λ = {lam:g}": 1 - lam * (1 / lam) == 0 for lam in w},
            f"1 − λ·(1/λ) for λ = {[float(x) for x in w]}",
        ),
        "nt_pre_every_direction": Claim.every(
            {
                f"start {s}, epoch {i}": abs(float(f) - (1 - lr_p)) <= RATE_TOL
                for s, fs in pre_factors.items()
                for i, f in enumerate(fs)
            },
            f"{len(pre)} starts × {PRECOND['epochs']} epochs; factors "
            f"{min(f.min() for f in pre_factors.values()):.15f}.."
            f"{max(f.max() for f in pre_factors.values()):.15f}, 1 − η = {1 - lr_p}",
        ),
        "nt_pre_straight": Claim.every(
            {
                f"start {fmt_point(s, 3)}": bool(
                    np.all(np.abs(p[:, 0] * s[1] - p[:, 1] * s[0]) <= 1e-12 * np.linalg.norm(s))
                    and np.all(np.diff(np.linalg.norm(p, axis=1)) < 0)
                )
                for s, p in pre
            },
            "every iterate on the segment from its start to the minimum (cross product ≤ 1e-12)",
        ),
        "nt_big_cost": Claim(
            BIG_D**2 // BIG_D == BIG_D and BIG_D**2 * FLOAT_BYTES >= 1e12,
            f"d = {BIG_D}: H has {BIG_D**2:.0e} numbers, {BIG_D**2 * FLOAT_BYTES:.0e} bytes; "
            f"∇f {BIG_D:.0e} numbers",
        ),
        "nt_ref_model_cap": Claim.every(
            {f"direction {a:.0f}°": float(u @ h_ref @ u) < 0 for a, u in _directions()}
            | {"both eigenvalues negative": bool(np.all(wr < 0))},
            f"eigenvalues of H at {ref}: {wr}; u⊤Hu over {len(_directions())} directions "
            f"{max(float(u @ h_ref @ u) for _, u in _directions()):.3f} at most",
        ),
        "nt_ref_climbs": Claim.every(
            {f"step {i + 1}": float(d) > 0 for i, d in enumerate(np.diff(ref_f[:steps]))}
            | {
                f"step {steps}: within the tolerance, f unchanged but for rounding": abs(
                    float(ref_f[steps] - ref_f[steps - 1])
                )
                < NEWTON_TOL,
                "ends at the global maximum": ref_end.kind == "max"
                and ref_end.value == max(c.value for c in critical_points()),
            },
            f"f along Newton's path {np.round(ref_f[: steps + 1], 4).tolist()}; ends at "
            f"{ref_end.kind} f = {ref_end.value:.4f} after {steps} steps",
        ),
        "nt_every_start_ends": Claim.every(
            {
                f"start {s}": d < NEWTON_TOL
                and steps_needed(newton_path(s, NEWTON_STEPS), c.x) < NEWTON_STEPS
                for s, (c, d) in ends.items()
            },
            "; ".join(
                f"{s}: {c.kind} at {np.round(c.x, 4)}, {d:.1e}" for s, (c, d) in ends.items()
            ),
        ),
        "nt_model_decides": Claim.every(
            {f"start {s}": model_kind(np.asarray(s)) == c.kind for s, (c, _) in ends.items()},
            "; ".join(
                f"{s}: model {model_kind(np.asarray(s))}, Newton ends at {c.kind}"
                for s, (c, _) in ends.items()
            ),
        ),
        "nt_kinds_differ": Claim.every(
            {
                f"start {s}": ends[s][0].kind == kind
                for s, kind in zip(NEWTON_STARTS, ("max", "min", "saddle", "max"), strict=True)
            }
            | {
                "the saddle start is nearest a saddle": near_saddle.kind == "saddle",
                "the maximum start is nearest a maximum": near_max.kind == "max",
            },
            f"kinds reached {[ends[s][0].kind for s in NEWTON_STARTS]}",
        ),
        "nt_ref_gd": Claim(
            gd[ref][0].kind == "min" and gd[ref][1] < BASIN_RADIUS,
            f"gradient descent from {ref}: {gd[ref][0].kind} f = {gd[ref][0].value:.4f}, "
            f"{gd[ref][1]:.1e} from it",
        ),
        "nt_gd_arrives": Claim.every(
            {f"start {s}": c.kind == "min" and d < BASIN_RADIUS for s, (c, d) in gd.items()},
            "; ".join(f"{s}: {c.kind} f = {c.value:.3f}, {d:.1e}" for s, (c, d) in gd.items()),
        ),
    }


def newton_notebook(lang: str) -> list[Code]:
    """The page's notebook: plain descent's factor on the bowl, one Newton step from a grid of
    starts, and Newton's method on peaks from the reference start."""
    k = kappa()
    rho = (k - 1) / (k + 1)
    bowl = get_landscape("elongated_bowl")
    start = NEWTON_BOWL["start"]
    ref = NEWTON_STARTS[0]
    ref_end, _ = nearest_critical(newton_path(ref, NEWTON_STEPS)[-1])
    (x0, x1), (y0, y1) = bowl.domain
    bowl_cell = (
        f"bowl = {cells.sympy_code(bowl.expr)}\n"
        "bowl_grad = sympy.lambdify((x, y), [sympy.diff(bowl, x), sympy.diff(bowl, y)])\n"
        "H_bowl = np.array(sympy.hessian(bowl, (x, y)), dtype=float)  # the same everywhere\n"
        "lam_min, lam_max = np.linalg.eigvalsh(H_bowl)\n"
        "kappa = lam_max / lam_min\n"
        "eta = 2 / (lam_min + lam_max)  # the best single learning rate\n"
        f"point = np.array({tuple(start)})\n"
        "errors = [np.linalg.norm(point)]  # the minimum is the origin\n"
        f"for _ in range({MEASURE_EPOCHS}):\n"
        "    point = point - eta * np.array(bowl_grad(*point))\n"
        "    errors.append(np.linalg.norm(point))\n"
        "errors = np.array(errors)\n"
        'print("(kappa - 1) / (kappa + 1) =", (kappa - 1) / (kappa + 1))\n'
        'print("measured factor, smallest =", (errors[1:] / errors[:-1]).min())\n'
    )
    step_cell = (
        f"X, Y = np.meshgrid(np.linspace({x0}, {x1}, {ONE_STEP_GRID}), "
        f"np.linspace({y0}, {y1}, {ONE_STEP_GRID}))\n"
        "starts = np.stack([X.ravel(), Y.ravel()], axis=1)\n"
        "grads = np.array(bowl_grad(starts[:, 0], starts[:, 1])).T\n"
        "# one Newton step from every start: x - H^{-1} grad f, solving H d = grad f\n"
        "ends = starts - np.linalg.solve(H_bowl, grads.T).T\n"
        'print("largest distance from the minimum after one step:",\n'
        "      np.linalg.norm(ends, axis=1).max())\n"
    )
    peaks_cell = (
        "hessian = sympy.lambdify((x, y), sympy.hessian(f_expr, (x, y)))\n"
        f"point = np.array({tuple(ref)})\n"
        'print("eigenvalues of H at the start:", np.linalg.eigvalsh(np.array(hessian(*point), '
        "dtype=float)))\n"
        f"for step in range({NEWTON_STEPS}):\n"
        "    H = np.array(hessian(*point), dtype=float)\n"
        "    point = point - np.linalg.solve(H, [df_x(*point), df_y(*point)])\n"
        '    print("after step", step + 1, "f is", f(*point))\n'
        'print("end x =", point[0])\n'
        'print("end y =", point[1])\n'
        'print("end f =", f(*point))\n'
    )
    return [
        Code(cells.IMPORTS + "\n\n" + cells.PEAKS, "start"),
        Code(
            bowl_cell,
            "after:nt_rho",
            (
                Check("nt_rho", rho, 2),
                Check(
                    "nt_meas_lo",
                    float(error_factors(plain_run(start, MEASURE_EPOCHS).path, np.zeros(2)).min()),
                ),
            ),
        ),
        Code(step_cell, "after:nt_one_step"),
        Code(
            peaks_cell,
            "after:nt_ref_end_f",
            (
                Check("nt_ref_end", ref_end.x[0], 0),
                Check("nt_ref_end", ref_end.x[1], 1),
                Check("nt_ref_end_f", ref_end.value),
            ),
        ),
    ]


ENTRIES = (
    Entry("newton_bowl", "figure", newton_bowl, NEWTON_BOWL),
    Entry("newton_peaks", "figure", newton_peaks, {"starts": NEWTON_STARTS, "steps": NEWTON_STEPS}),
    Entry("newton_values", "values", newton_values, fmt="json"),
    Entry("newton_claims", "claims", newton_claims, fmt="json"),
    Entry("newton_notebook", "notebook", newton_notebook, fmt="json"),
)
