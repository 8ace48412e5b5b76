"""Page ``momentum.md``: heavy-ball momentum, the ball that remembers. Why it helps on the long
bowl x² + 10y² (the rate (√κ − 1)/(√κ + 1) against plain descent's (κ − 1)/(κ + 1), with the best
β and η computed, in the quadratic model, and measured), why it can overshoot, and each peaks
minimum's stability limit with momentum, 2(1 + β)/λmax, checked on peaks and on the basin map."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse

from gdcore import stability_limit
from gdcore.analysis import BasinMap, basins
from gdcore.book import cells, palette
from gdcore.book.memo import memo
from gdcore.book.numfmt import (
    ceil_to,
    exact_tex,
    floor_to,
    fmt,
    fmt_rate,
    math_point,
    particle,
    pct,
    tex,
)
from gdcore.book.pages.shared import (
    best_heavy_ball,
    best_plain_rate,
    bowl_eigenvalues,
    cited,
    draw_basins,
    heavy_ball_rate,
    heavy_ball_roots,
    peaks_basins,
    power_of_ten,
    seed_run,
)
from gdcore.book.params import (
    BASINS,
    BOWL,
    LIMIT_LRS,
    SEED_EPOCHS,
    SEED_LR,
    SEED_START,
    SHARE_LRS,
)
from gdcore.book.peaks import critical_points
from gdcore.book.plots import series_style
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label, word
from gdcore.descent import Trajectory, descend, norms
from gdcore.landscape import X, get_landscape, make_landscape

#: The momentum coefficients whose stability limits the page tabulates (β = 0: plain descent).
TABLE_BETAS = (0.0, 0.5, 0.9)
#: The large momentum coefficient of the overshoot and of the basin map.
BIG_BETA = TABLE_BETAS[-1]
#: The bowl's runs: the curvature page's start; the paths drawn for ``epochs``; the late rate
#: measured as the geometric mean of the error's per-epoch ratio over epochs ``window``.
MOMENTUM_BOWL = {"start": BOWL["start"], "epochs": 30, "window": (300, 600)}
#: The error size the bowl's runs are timed to (the first epoch their error is below it).
SMALL_ERROR = 1e-6
#: How close the heavy ball's measured late rate must come to the predicted one (relative). At
#: the best β the model's two roots coincide and the error goes as k·rᵏ, so over the window the
#: measured factor is r·(k₁/k₀)^(1/(k₁ − k₀)): about 0.23% above r.
BALL_RATE_TOL = 0.005
#: Plain descent on the bowl follows the model exactly: its measured rate, to rounding.
PLAIN_RATE_TOL = 1e-9
#: How close measured/predicted must come to the double root's factor (k₁/k₀)^(1/(k₁ − k₀)).
DOUBLE_ROOT_TOL = 1e-4
#: The pairs near the best one whose rates are measured too: η and β times these factors.
NEAR_ETA, NEAR_BETA = (0.9, 1.1), (0.8, 1.2)
#: The eight pairs around the best one (factors of η and β; 1: unchanged).
NEIGHBOURS = tuple(
    (f, g)
    for f in (NEAR_ETA[0], 1.0, NEAR_ETA[1])
    for g in (NEAR_BETA[0], 1.0, NEAR_BETA[1])
    if (f, g) != (1.0, 1.0)
)
#: The overshoot figure's epochs.
OVERSHOOT_EPOCHS = 40
#: The straight slope f(x) = x: its runs' epochs, and the epoch at which the step is compared.
SLOPE = {"learning_rate": 0.01, "epochs": 60, "at": 50}
#: The check of the limits on peaks: starts this far from each minimum along both eigenvectors,
#: learning rates these multiples of each limit, this many epochs, stopping at ‖∇f‖ ≤ tol.
LIMIT_CHECK = {"offset": 1e-3, "below": 0.99, "above": 1.01, "epochs": 20_000, "tol": 1e-10}
#: Below the limit the run must end this close to the minimum (it arrives, with a stated distance).
ARRIVED_WITHIN = 1e-9
#: ηλmax of the bowl run that converges (every root inside the unit circle, with β = 0.9) although
#: its first epoch multiplies the error along the steep eigenvector by 1 − ηλmax (< −1), and the
#: epochs over which it is checked to converge.
GROW_ONCE = {"eta_lam_max": 3.7, "epochs": 2_000}
#: The learning rate of the issue's example: above the global minimum's limit without momentum,
#: below it with β = 0.9 (the minima page's largest compared rate).
EXAMPLE_LR = LIMIT_LRS[-1]
#: The live basin map's momentum slider (``{live} basins`` with ``:momentum:``, gdcore.book.live):
#: every tenth from 0 (plain descent: the minima page's map, bit for bit) to the largest
#: coefficient of the table, with each coefficient the table names. The map starts at the page's
#: example, :data:`EXAMPLE_LR` with :data:`BIG_BETA`.
LIVE_BETAS = tuple(sorted({k / 10 for k in range(round(10 * BIG_BETA) + 1)} | set(TABLE_BETAS)))
#: The learning rates of the share-against-η figure: the curvature page's sweep from 0.0222 up,
#: which brackets the global minimum's limit at each β of :data:`TABLE_BETAS`.
MOMENTUM_SHARE_LRS = tuple(lr for lr in SHARE_LRS if lr >= 0.02)


# --- the bowl -------------------------------------------------------------------------------------
def best_plain() -> tuple[float, float]:
    """Plain descent's best learning rate on the bowl, 2/(λmin + λmax), and its rate of convergence
    (κ − 1)/(κ + 1), in the quadratic model."""
    lo, hi = bowl_eigenvalues()
    return best_plain_rate(lo, hi), (hi / lo - 1) / (hi / lo + 1)


def best_ball() -> tuple[float, float, float]:
    """The heavy ball's best β and η on the bowl and its rate √β*, in the quadratic model
    (:func:`~gdcore.book.pages.shared.best_heavy_ball`). Returns (β*, η*, √β*)."""
    return best_heavy_ball(*bowl_eigenvalues())


model_roots = heavy_ball_roots


def model_rate(learning_rate: float, beta: float) -> float:
    """The heavy ball's rate of convergence on the bowl in the quadratic model: the largest root
    in absolute value over both eigenvalues."""
    return heavy_ball_rate(learning_rate, beta, bowl_eigenvalues())


@cache
def bowl_run(learning_rate: float, beta: float, epochs: int) -> Trajectory:
    """A run on the bowl from the page's start."""
    return descend(get_landscape("elongated_bowl"), MOMENTUM_BOWL["start"],
                   learning_rate=learning_rate, epochs=epochs, momentum=beta)  # fmt: skip


def grow_once() -> tuple[float, float, float, Trajectory]:
    """The bowl run of :data:`GROW_ONCE` with β = 0.9: its η, the largest size of a root over both
    eigenvalues, the first epoch's factor on the error along y (the steep eigenvector), the run."""
    hi = bowl_eigenvalues()[1]
    eta = GROW_ONCE["eta_lam_max"] / hi
    run = bowl_run(eta, BIG_BETA, GROW_ONCE["epochs"])
    return eta, model_rate(eta, BIG_BETA), float(run.path[1, 1] / run.path[0, 1]), run


def late_rate(run: Trajectory, window: tuple[int, int]) -> float:
    """The error's per-epoch factor over ``window`` (the minimum is the origin): the geometric
    mean of ‖eₖ₊₁‖/‖eₖ‖, (‖e_{k₁}‖/‖e_{k₀}‖)^(1/(k₁ − k₀))."""
    k0, k1 = window
    if not 0 <= k0 < k1 <= run.epochs_run:
        raise ValueError(
            f"window must lie within the run's epochs 0..{run.epochs_run}, got {window}"
        )
    e = norms(run.path)
    return float((e[k1] / e[k0]) ** (1 / (k1 - k0)))


def neighbour_rate(eta_factor: float, beta_factor: float) -> float:
    """The late rate (:func:`late_rate` over the window) of the bowl's run at the best η and β
    times these factors; infinite for a run that diverges before the window ends."""
    beta_s, eta_s, _ = best_ball()
    n = MOMENTUM_BOWL["window"][1]
    run = bowl_run(eta_factor * eta_s, beta_factor * beta_s, n)
    if run.epochs_run < n:
        return math.inf
    return late_rate(run, MOMENTUM_BOWL["window"])


def first_below(run: Trajectory, size: float) -> int:
    """The first epoch at which the run's error (distance to the origin) is below ``size``."""
    below = np.flatnonzero(norms(run.path) < size)
    if not below.size:
        raise ValueError(f"the run's error never falls below {size:g}")
    return int(below[0])


def the_runs() -> dict[str, Trajectory]:
    """The bowl's three runs over the window's epochs: plain descent at its best rate, the heavy
    ball at its best β and η, and the big β at plain descent's best rate."""
    n = MOMENTUM_BOWL["window"][1]
    eta_p, _ = best_plain()
    beta_s, eta_s, _ = best_ball()
    return {
        "plain": bowl_run(eta_p, 0.0, n),
        "ball": bowl_run(eta_s, beta_s, n),
        "big": bowl_run(eta_p, BIG_BETA, n),
    }


def overshoot(run: Trajectory) -> tuple[int, int, float, int]:
    """Along x (the flat axis) of a run from x < 0: the first epoch with x > 0, the epoch of the
    largest x after it and that x, and the first epoch after that with x < 0 again."""
    x = run.path[:, 0]
    past = int(np.flatnonzero(x > 0)[0])
    back = past + int(np.flatnonzero(x[past:] < 0)[0])
    far = past + int(np.argmax(x[past:back]))
    return past, far, float(x[far]), back


@cache
def slope_steps(beta: float) -> np.ndarray:
    """The steps xₖ₊₁ − xₖ on the straight slope f(x) = x (gradient 1 everywhere)."""
    slope = make_landscape(X, (X,), ((-1e6, 1e6),), name="slope")
    run = descend(slope, 0.0, learning_rate=SLOPE["learning_rate"], epochs=SLOPE["epochs"],
                  momentum=beta, bound=1e9)  # fmt: skip
    return np.diff(run.path[:, 0])


# --- the limits on peaks -----------------------------------------------------------------------
def peaks_minima() -> list:
    """The local minima of peaks, in critical points order (the global minimum first)."""
    return [c for c in critical_points() if c.kind == "min"]


@cache
@memo
def limit_check() -> list[tuple[float, float, float, float, float]]:
    """Per minimum and β of :data:`TABLE_BETAS`: (its value, β, the limit 2(1 + β)/λmax, the end's
    distance from the minimum at 0.99 times the limit, and at 1.01 times the smaller of the last
    two iterates' distances: above the limit a run bounces, and which point of its bounce is the
    last depends on the epochs' parity), runs from :data:`LIMIT_CHECK`'s offset along both
    eigenvectors."""
    peaks = get_landscape("peaks")
    c = LIMIT_CHECK
    out = []
    for m in peaks_minima():
        _, vec = np.linalg.eigh(peaks.hessian(m.x))
        start = m.x + c["offset"] * vec.sum(axis=1)
        for beta in TABLE_BETAS:
            limit = stability_limit(peaks, m.x, momentum=beta)
            gaps = []
            for f in (c["below"], c["above"]):
                run = descend(peaks, start, learning_rate=f * limit, epochs=c["epochs"],
                              tol=c["tol"], momentum=beta)  # fmt: skip
                last = run.path[-2:] if f == c["above"] else run.path[-1:]
                gaps.append(float(norms(last - m.x).min()))
            out.append((float(m.value), beta, limit, *gaps))
    return out


@cache
@memo
def momentum_basins(learning_rate: float, epochs: int, grid: int, beta: float) -> BasinMap:
    """The minima page's basin map of peaks with momentum ``beta``."""
    return basins(get_landscape("peaks"), learning_rate=learning_rate, epochs=epochs, grid=grid,
                  momentum=beta)  # fmt: skip


def global_shares(rates: tuple[float, ...], beta: float) -> np.ndarray:
    """The share of the basin map's starts arriving at the global minimum at each of ``rates``
    with momentum ``beta`` (β = 0: the plain basin maps, ``shared.peaks_basins``)."""
    epochs, grid = BASINS["epochs"], BASINS["grid"]
    if beta == 0:
        unknown = [lr for lr in rates if lr not in SHARE_LRS]
        if unknown:
            raise ValueError(f"rates must be some of SHARE_LRS without momentum, got {unknown}")
        plain = [peaks_basins(lr, epochs, grid) for lr in rates]
        return np.array([float(m.shares[global_index(m)]) for m in plain])
    maps = [momentum_basins(lr, epochs, grid, beta) for lr in rates]
    return np.array([float(m.shares[global_index(m)]) for m in maps])


def cross_beta() -> float:
    """The β at which the global minimum's limit with momentum, 2(1 + β)/λmax, passes
    :data:`EXAMPLE_LR` (the live map's rate): ηλmax/2 − 1, in the quadratic model."""
    gmin = next(c for c in peaks_minima() if c.is_global_min)
    return EXAMPLE_LR * float(gmin.eigenvalues.max()) / 2 - 1


def cross_claim() -> Claim:
    """Below :func:`cross_beta` no start arrives at the global minimum at the live map's rate,
    above it some do: checked on the maps at each β of the limits table."""
    epochs, grid = BASINS["epochs"], BASINS["grid"]
    cross = cross_beta()
    shares = {}
    for b in TABLE_BETAS:
        result = (peaks_basins(EXAMPLE_LR, epochs, grid) if b == 0
                  else momentum_basins(EXAMPLE_LR, epochs, grid, b))  # fmt: skip
        shares[b] = float(result.shares[global_index(result)])
    return Claim.every(
        {f"β = {b}": (shares[b] > 0) == (b > cross) for b in TABLE_BETAS}
        | {"β on both sides": min(TABLE_BETAS) < cross < max(TABLE_BETAS)},
        f"ηλmax/2 − 1 = {cross:.4f}; global shares at η = {EXAMPLE_LR}: "
        + ", ".join(f"β = {b}: {s:.4f}" for b, s in shares.items()),
    )


def live_zero_claim(plain_map: BasinMap, g_plain: float, g_ball: float) -> Claim:
    """The live map's β slider at 0 gives plain descent's map of the minima page at the example's
    learning rate (the engine's map with momentum 0 equals it start by start), where no start
    arrives at the global minimum, against some with the page's large β; both are stops."""
    zero = momentum_basins(EXAMPLE_LR, BASINS["epochs"], BASINS["grid"], 0.0)
    same = bool(np.array_equal(zero.labels, plain_map.labels))
    same = same and bool(np.array_equal(zero.final, plain_map.final))
    stops = 0.0 in LIVE_BETAS and BIG_BETA in LIVE_BETAS
    return Claim.every(
        not_one_start(plain_map)
        | {"β = 0 gives the plain map": same, "both are stops": stops, "some with β": g_ball > 0},
        f"η = {EXAMPLE_LR}: the map with β = 0 equals the plain one start by start: {same}; "
        f"global share plain {g_plain}, β = {BIG_BETA}: {g_ball:.4f}; stops {LIVE_BETAS}",
    )


def outside_share(result: BasinMap) -> float:
    """Of the starts that arrive at no minimum, the share whose end lies outside the map."""
    (x0, x1), (y0, y1) = get_landscape("peaks").domain
    ends = result.final.reshape(-1, 2)[result.labels.ravel() < 0]
    x, y = ends[:, 0], ends[:, 1]
    return float(np.mean((x < x0) | (x > x1) | (y < y0) | (y > y1)))


def not_one_start(result: BasinMap) -> dict[str, bool]:
    """Each start of ``result`` as a case of "not one start arrives at the global minimum"."""
    g = global_index(result)
    return {f"start {k}": bool(m != g) for k, m in enumerate(result.labels.ravel())}


def global_index(result: BasinMap) -> int:
    """The index of the global minimum in a basin map's minima."""
    return next(i for i, m in enumerate(result.minima) if m.is_global_min)


# --- the figures ----------------------------------------------------------------------------------
def _ellipses(ax, levels: np.ndarray) -> None:
    """The bowl's contours f = c, ellipses with semi-axes √(c/λ)·√2 along the axes."""
    lo, hi = bowl_eigenvalues()
    for c in levels:
        ax.add_patch(Ellipse((0, 0), 2 * np.sqrt(2 * c / lo), 2 * np.sqrt(2 * c / hi),
                             fill=False, edgecolor=palette.GUIDE, linewidth=0.5))  # fmt: skip


def momentum_bowl(lang: str, *, start: tuple[float, float], epochs: int,
                  window: tuple[int, int]) -> Figure:  # fmt: skip
    """Two panels, stacked: the paths of plain descent at its best rate and of the heavy ball at
    its best β and η over ``epochs`` epochs on the bowl's contours; and both runs' errors on a
    log scale against the epoch, until each falls below :data:`SMALL_ERROR` (``window`` names the
    epochs the page measures the late rates over, beyond the graph)."""
    runs = the_runs()
    eta_p, _ = best_plain()
    beta_s, eta_s, _ = best_ball()
    fig = Figure(figsize=(4.8, 8.4), layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=(1, 1.3))
    _ellipses(top, np.linspace(0.5, 20, 12) ** 1.3 / 3)
    names = {
        "plain": label("mm_plain", lang, lr=fmt(eta_p, 4)),
        "ball": label("mm_ball", lang, beta=fmt(beta_s, 4), lr=fmt(eta_s, 4)),
    }
    handles = []
    for i, key in enumerate(("plain", "ball")):
        path = runs[key].path
        style = series_style(i)
        top.plot(*path[: epochs + 1].T, marker="o", markersize=3, linewidth=1.6, **style)
        e = norms(path)
        last = first_below(runs[key], SMALL_ERROR)
        bottom.plot(np.arange(last + 1), e[: last + 1], linewidth=2.0, **style)
        handles.append(Line2D([], [], marker="o", markersize=3, linewidth=1.6, label=names[key],
                              **style))  # fmt: skip
    top.plot(*start, "s", color=palette.mark("start"), markeredgecolor=palette.OUTLINE,
             markersize=8)  # fmt: skip
    top.plot(0, 0, palette.MARKERS["minimum"], color=palette.mark("minimum"),
             markeredgecolor=palette.OUTLINE, markersize=11)  # fmt: skip
    top.set_aspect("equal")
    top.set_xlim(-3, 3)
    top.set_ylim(-1.5, 1.5)
    top.set_xlabel(label("x", lang))
    top.set_ylabel(label("y", lang))
    top.set_title(label("mm_paths_title", lang, epochs=epochs), fontsize=11)
    bottom.set_yscale("log")
    bottom.axhline(SMALL_ERROR, color=palette.GUIDE, linestyle="-.", linewidth=1.0)
    bottom.set_xlim(0, None)
    bottom.set_xlabel(label("epochs_axis", lang))
    bottom.set_ylabel(label("mm_error_axis", lang))
    bottom.set_title(label("mm_error_title", lang), fontsize=11)
    bottom.grid(alpha=0.3)
    fig.legend(handles=handles, loc="outside lower center", ncols=1, fontsize=11)
    return fig


def momentum_overshoot(lang: str, *, betas: tuple[float, ...], epochs: int) -> Figure:
    """x (the bowl's flat axis) against the epoch from the page's start at plain descent's best
    rate, one series per β of ``betas``, with the minimum's x = 0 as a guide."""
    if not betas or any(b not in TABLE_BETAS for b in betas):
        raise ValueError(f"betas must be some of TABLE_BETAS {TABLE_BETAS}, got {betas!r}")
    eta_p, _ = best_plain()
    fig, ax = new_figure(4.4, 4.8)
    ax.axhline(0, color=palette.GUIDE, linewidth=1.0)
    for i, beta in enumerate(betas):
        run = bowl_run(eta_p, beta, epochs)
        ax.plot(np.arange(epochs + 1), run.path[:, 0], linewidth=2.0,
                label=label("mm_beta", lang, beta=fmt_rate(beta)), **series_style(i))  # fmt: skip
    ax.set_xlim(0, epochs)
    ax.set_xlabel(label("epochs_axis", lang))
    ax.set_ylabel(label("mm_x_axis", lang))
    ax.set_title(label("mm_overshoot_title", lang, lr=fmt(eta_p, 4)), fontsize=11)
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=1, fontsize=11)
    return fig


def momentum_basins_map(
    lang: str, *, learning_rate: float, epochs: int, grid: int, beta: float
) -> Figure:
    """The minima page's basin map drawn again with momentum ``beta``."""
    fig, ax = new_figure(4.8, 6.0)
    handles = draw_basins(ax, momentum_basins(learning_rate, epochs, grid, beta), lang)
    fig.legend(handles=handles, loc="outside lower center", ncols=1)
    ax.set_title(label("mm_basins_title", lang, lr=fmt_rate(learning_rate),
                       beta=fmt_rate(beta), epochs=f"{epochs:,}"), fontsize=11)  # fmt: skip
    return fig


def momentum_shares(lang: str, *, rates: tuple[float, ...], betas: tuple[float, ...]) -> Figure:
    """The share of starts arriving at the global minimum against the learning rate, one series
    per β of ``betas``, each with the global minimum's limit 2(1 + β)/λmax as a vertical line in
    its style."""
    if not betas or any(b not in TABLE_BETAS for b in betas):
        raise ValueError(f"betas must be some of TABLE_BETAS {TABLE_BETAS}, got {betas!r}")
    gmin = next(c for c in peaks_minima() if c.is_global_min)
    peaks = get_landscape("peaks")
    fig, ax = new_figure(4.4, 5.0)
    for i, beta in enumerate(betas):
        style = series_style(i)
        ax.plot(rates, 100 * global_shares(rates, beta), marker="o", markersize=4,
                linewidth=1.8, label=label("mm_beta", lang, beta=fmt_rate(beta)),
                **style)  # fmt: skip
        ax.axvline(stability_limit(peaks, gmin.x, momentum=beta), linewidth=1.0, **style)
    ax.set_xscale("log")
    ticks = [t for t in (0.03, 0.05, 0.1, 0.2) if rates[0] <= t <= rates[-1]]
    ax.set_xticks(ticks, [fmt_rate(t) for t in ticks])
    ax.set_xticks([], minor=True)
    ax.set_ylim(0, None)
    ax.set_xlabel(label("lr_axis", lang))
    ax.set_ylabel(label("mm_share_axis", lang))
    ax.set_title(label("mm_shares_title", lang, epochs=f"{BASINS['epochs']:,}"), fontsize=11)
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=1, fontsize=11)
    return fig


# --- values and claims ----------------------------------------------------------------------------
def limits_table(lang: str) -> str:
    """Per local minimum of peaks: its value, λmax, and its stability limit 2(1 + β)/λmax for each
    β of :data:`TABLE_BETAS` (β = 0: plain descent's 2/λmax)."""
    head = [
        word("values.table_minimum", lang),
        word("values.table_lambda", lang) + r" $\lambda_{\max}$",
        *(word("values.mm_table_limit", lang, beta=fmt_rate(b)) for b in TABLE_BETAS),
    ]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    peaks = get_landscape("peaks")
    for m in sorted(peaks_minima(), key=lambda c: c.value):
        lam = float(m.eigenvalues.max())
        limits = [f"${stability_limit(peaks, m.x, momentum=b):.4f}$" for b in TABLE_BETAS]
        rows.append(f"| $f = {tex(m.value, 3)}$ | ${lam:.2f}$ | " + " | ".join(limits) + " |")
    return "\n".join(rows)


def _and(a: str, b: str, lang: str) -> str:
    """``a and b`` / ``a과 b`` (the particle read aloud)."""
    return f"{a}{particle(a, '과')} {b}" if lang == "ko" else f"{a} and {b}"


#: The works the page cites: how a sentence names one, the year, where in the work (none), and
#: its reference-list entry.
REFERENCES = {
    "polyak": (
        "Polyak",
        1964,
        "",
        "Boris T. Polyak (1964). Some methods of speeding up the convergence of iteration methods. "
        "*USSR Computational Mathematics and Mathematical Physics* 4(5), 1–17.",
    ),
}


def references(lang: str) -> dict[str, str]:
    """The page's cited works (:func:`gdcore.book.pages.shared.cited`), named ``mm_…``."""
    return cited(REFERENCES, lang, "mm_")


def momentum_values(lang: str) -> dict[str, str]:
    """Every number the page shows."""
    lo, hi = bowl_eigenvalues()
    eta_p, rate_p = best_plain()
    beta_s, eta_s, rate_s = best_ball()
    runs = the_runs()
    window = MOMENTUM_BOWL["window"]
    past, far, far_x, back = overshoot(runs["big"])
    steps = slope_steps(BIG_BETA)
    at = SLOPE["at"]
    gmin = next(c for c in peaks_minima() if c.is_global_min)
    peaks = get_landscape("peaks")
    plain_map = peaks_basins(EXAMPLE_LR, BASINS["epochs"], BASINS["grid"])
    ball_map = momentum_basins(EXAMPLE_LR, BASINS["epochs"], BASINS["grid"], BIG_BETA)
    checks = limit_check()
    nearest_above = min(r[4] for r in checks)
    grow = grow_once()
    return (
        references(lang)
        | {
            # the ball that remembers
            "mm_big_beta": f"$\\beta = {fmt_rate(BIG_BETA)}$",
            "mm_gain": f"$1/(1 - \\beta) = {1 / (1 - BIG_BETA):.0f}$",
            "mm_slope_lr": f"$\\eta = {fmt_rate(SLOPE['learning_rate'])}$",
            "mm_slope_at": f"{at}",
            "mm_slope_ratio": fmt(float(steps[at - 1] / steps[0]), 2),
            # the long bowl
            "mm_bowl_f": f"$f(x, y) = {get_landscape('elongated_bowl').latex}$",
            "mm_bowl_lams": f"$\\lambda_{{\\min}} = {lo:g}$, $\\lambda_{{\\max}} = {hi:g}$",
            "mm_kappa": f"$\\kappa = {hi / lo:g}$",
            "mm_plain_eta": f"$\\eta = {exact_tex(eta_p)}$",
            "mm_plain_rate": f"$(\\kappa - 1)/(\\kappa + 1) = {fmt(rate_p, 4)}$",
            "mm_beta_star": f"$\\beta^* = {fmt(beta_s, 4)}$",
            "mm_eta_star": f"$\\eta^*_\\beta = {fmt(eta_s, 4)}$",
            "mm_ball_rate": (
                f"$(\\sqrt{{\\kappa}} - 1)/(\\sqrt{{\\kappa}} + 1) = {fmt(rate_s, 4)}$"
            ),
            "mm_start": math_point(np.array(MOMENTUM_BOWL["start"]), 1),
            "mm_epochs": f"{MOMENTUM_BOWL['epochs']}",
            "mm_window_lo": f"{window[0]}",
            "mm_window_hi": f"{window[1]}",
            "mm_plain_meas": fmt(late_rate(runs["plain"], window), 4),
            "mm_ball_meas": fmt(late_rate(runs["ball"], window), 4),
            "mm_ball_tol": f"{BALL_RATE_TOL:.1%}",
            "mm_plain_tol": power_of_ten("PLAIN_RATE_TOL", PLAIN_RATE_TOL),
            "mm_double_tol": power_of_ten("DOUBLE_ROOT_TOL", DOUBLE_ROOT_TOL),
            "mm_near_eta": f"{100 * (NEAR_ETA[1] - 1):.0f}%",
            "mm_near_n": f"{len(NEIGHBOURS)}",
            "mm_near_beta": f"{100 * (NEAR_BETA[1] - 1):.0f}%",
            "mm_double": (
                f"$({window[1]}/{window[0]})^{{1/{window[1] - window[0]}}} = "
                f"{fmt((window[1] / window[0]) ** (1 / (window[1] - window[0])), 4)}$"
            ),
            "mm_small": power_of_ten("SMALL_ERROR", SMALL_ERROR),
            "mm_plain_n": f"{first_below(runs['plain'], SMALL_ERROR)}",
            "mm_ball_n": f"{first_below(runs['ball'], SMALL_ERROR)}",
            # overshooting
            "mm_past": f"{past}",
            "mm_far_k": f"{far}",
            "mm_far_x": f"$x = {fmt(far_x, 2)}$",
            "mm_far_share": f"{100 * far_x / abs(MOMENTUM_BOWL['start'][0]):.0f}%",
            "mm_back": f"{back}",
            "mm_big_model": f"$\\sqrt{{\\beta}} = {fmt(math.sqrt(BIG_BETA), 4)}$",
            "mm_grow_eta": f"$\\eta = {fmt(grow[0], 3)}$",
            "mm_grow_root": fmt(ceil_to(grow[1], 4), 4),  # "every root is at most"
            "mm_grow_first": f"${tex(grow[2], 2)}$",
            "mm_big_meas": fmt(late_rate(runs["big"], window), 4),
            "mm_os_epochs": f"{OVERSHOOT_EPOCHS}",
            "mm_betas": ", ".join(fmt_rate(b) for b in TABLE_BETAS[:-1])
            + (f"{particle(fmt_rate(TABLE_BETAS[-2]), '과')} " if lang == "ko" else " and ")
            + fmt_rate(TABLE_BETAS[-1]),
            # the limits
            "mm_limits_table": limits_table(lang),
            "mm_offset": power_of_ten("the offset", LIMIT_CHECK["offset"]),
            "mm_below_f": fmt(LIMIT_CHECK["below"], 2),
            "mm_above_f": fmt(LIMIT_CHECK["above"], 2),
            "mm_check_epochs": f"{LIMIT_CHECK['epochs']:,}",
            "mm_arrived_within": power_of_ten("ARRIVED_WITHIN", ARRIVED_WITHIN),
            "mm_above_gap": fmt(floor_to(nearest_above, 3), 3),  # "at least"
            # the basin map's example
            "mm_example_lr": f"$\\eta = {fmt_rate(EXAMPLE_LR)}$",
            "mm_cross_beta": f"$\\beta = \\eta\\lambda_{{\\max}}/2 - 1 = {fmt(cross_beta(), 3)}$",
            "mm_global_limit0": f"$2/\\lambda_{{\\max}} = {stability_limit(peaks, gmin.x):.4f}$",
            "mm_global_limit9": (
                f"$2(1 + {fmt_rate(BIG_BETA)})/\\lambda_{{\\max}} = "
                f"{stability_limit(peaks, gmin.x, momentum=BIG_BETA):.4f}$"
            ),
            "mm_map_epochs": f"{BASINS['epochs']:,}",
            "mm_map_starts": f"{BASINS['grid'] ** 2:,}",
            "mm_plain_global": pct(float(plain_map.shares[global_index(plain_map)])),
            "mm_ball_global": pct(float(ball_map.shares[global_index(ball_map)])),
            "mm_ball_none": pct(float(ball_map.share_none)),
            "mm_ball_none_out": pct(outside_share(ball_map)),
            "mm_plain_none": pct(float(plain_map.share_none)),
            "mm_plain_none_out": pct(outside_share(plain_map)),
            "mm_shares_n": f"{len(MOMENTUM_SHARE_LRS)}",
            "mm_shares_lo": fmt_rate(MOMENTUM_SHARE_LRS[0]),
            "mm_shares_hi": fmt_rate(MOMENTUM_SHARE_LRS[-1]),
        }
    )


def momentum_claims(lang: str) -> dict[str, Claim]:
    """What the page says of momentum, checked against the runs; a sentence over every epoch,
    minimum or β is checked case by case (:meth:`Claim.every`)."""
    lo, hi = bowl_eigenvalues()
    eta_p, rate_p = best_plain()
    beta_s, eta_s, rate_s = best_ball()
    runs = the_runs()
    window = MOMENTUM_BOWL["window"]
    meas_p, meas_b, meas_big = (late_rate(runs[k], window) for k in ("plain", "ball", "big"))
    double = (window[1] / window[0]) ** (1 / (window[1] - window[0]))
    n_p, n_b = (first_below(runs[k], SMALL_ERROR) for k in ("plain", "ball"))
    past, far, far_x, back = overshoot(runs["big"])
    plain_x = runs["plain"].path[:, 0]
    steps = slope_steps(BIG_BETA)
    plain_steps = slope_steps(0.0)
    at = SLOPE["at"]
    zero = descend(get_landscape("peaks"), SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS,
                   momentum=0.0)  # fmt: skip
    seed = seed_run()
    checks = limit_check()
    peaks = get_landscape("peaks")
    gmin = next(c for c in peaks_minima() if c.is_global_min)
    plain_map = peaks_basins(EXAMPLE_LR, BASINS["epochs"], BASINS["grid"])
    ball_map = momentum_basins(EXAMPLE_LR, BASINS["epochs"], BASINS["grid"], BIG_BETA)
    g_plain = float(plain_map.shares[global_index(plain_map)])
    g_ball = float(ball_map.shares[global_index(ball_map)])
    big_roots = {lam: model_roots(eta_p, BIG_BETA, lam) for lam in (lo, hi)}
    best_roots = {lam: model_roots(eta_s, beta_s, lam) for lam in (lo, hi)}
    grow = grow_once()
    return {
        "mm_zero_is_plain": Claim(
            bool(np.array_equal(zero.path, seed.path)) and zero.final_velocity is None,
            f"the reference run with momentum 0 and without: paths equal bit for bit over "
            f"{SEED_EPOCHS} epochs",
        ),
        "mm_slope_grows": Claim(
            abs(float(steps[at - 1] / steps[0]) - (1 - BIG_BETA**at) / (1 - BIG_BETA)) < 1e-9
            and bool(np.allclose(plain_steps, plain_steps[0], rtol=1e-9, atol=0)),
            f"step {at} / step 1 = {steps[at - 1] / steps[0]:.6f}; (1 − β^{at})/(1 − β) = "
            f"{(1 - BIG_BETA**at) / (1 - BIG_BETA):.6f}; plain steps all {plain_steps[0]}",
        ),
        "mm_plain_rate_measured": Claim(
            abs(meas_p / rate_p - 1) < PLAIN_RATE_TOL,
            f"measured {meas_p:.12f}, (κ − 1)/(κ + 1) = {rate_p:.12f}",
        ),
        "mm_ball_rate_measured": Claim(
            abs(meas_b / rate_s - 1) < BALL_RATE_TOL
            and abs(model_rate(eta_s, beta_s) / rate_s - 1) < 1e-6,
            f"measured {meas_b:.6f}, (√κ − 1)/(√κ + 1) = {rate_s:.6f}, model's largest root "
            f"{model_rate(eta_s, beta_s):.6f}, relative gap {meas_b / rate_s - 1:.2e}",
        ),
        "mm_double_root": Claim(
            abs(meas_b / rate_s / double - 1) < DOUBLE_ROOT_TOL
            and all(abs(r[0] - r[1]) < 1e-6 for r in best_roots.values()),
            f"measured/predicted {meas_b / rate_s:.7f}, (k1/k0)^(1/(k1 − k0)) = {double:.7f}; "
            f"roots {[np.round(r, 6).tolist() for r in best_roots.values()]}",
        ),
        "mm_best_pair": Claim.every(
            {f"η × {f}, β × {g}": neighbour_rate(f, g) > meas_b for f, g in NEIGHBOURS},
            f"best pair {meas_b:.5f}; "
            + ", ".join(f"η×{f}, β×{g}: {neighbour_rate(f, g):.5f}" for f, g in NEIGHBOURS),
        ),
        "mm_ball_faster": Claim(
            meas_b < rate_p and 2 * n_b < n_p,
            f"late rates {meas_b:.4f} < {rate_p:.4f}; epochs to {SMALL_ERROR:g}: {n_b} and {n_p}",
        ),
        "mm_plain_never_past": Claim.every(
            {f"epoch {k}": float(x) < 0 for k, x in enumerate(plain_x)},
            f"largest x over {len(plain_x) - 1} epochs: {plain_x.max():.3e}",
        ),
        "mm_big_overshoots": Claim(
            past < far < back and far_x > 0.5 * abs(MOMENTUM_BOWL["start"][0]),
            f"x > 0 first at epoch {past}, largest x = {far_x:.4f} at epoch {far}, x < 0 again "
            f"at epoch {back}",
        ),
        "mm_big_slower": Claim(
            abs(meas_big / math.sqrt(BIG_BETA) - 1) < BALL_RATE_TOL
            and meas_big > rate_p
            and all(np.iscomplexobj(r) and np.all(np.abs(r.imag) > 0) for r in big_roots.values()),
            f"measured {meas_big:.6f}, √β = {math.sqrt(BIG_BETA):.6f}; plain {rate_p:.6f}; "
            f"roots {[np.round(r, 4).tolist() for r in big_roots.values()]}",
        ),
        "mm_grow_once": Claim.every(
            {
                "every root inside the unit circle": grow[1] < 1,
                "the first epoch grows the error along y": abs(grow[2]) > 1,
                "the first factor is 1 − ηλmax": abs(grow[2] - (1 - grow[0] * hi)) < 1e-12,
                "the run converges": grow[3].status == "converged"
                or float(np.linalg.norm(grow[3].final)) < SMALL_ERROR,
            },
            f"η = {grow[0]:.6f}, β = {BIG_BETA}: largest root size {grow[1]:.6f}; first epoch's "
            f"factor along y {grow[2]:.6f}; after {grow[3].epochs_run} epochs "
            f"‖e‖ = {float(np.linalg.norm(grow[3].final)):.2e} ({grow[3].status})",
        ),
        "mm_limits_hold": Claim.every(
            {
                f"f = {v:.3f}, β = {b}": below <= ARRIVED_WITHIN and above > LIMIT_CHECK["offset"]
                for v, b, _, below, above in checks
            },
            "; ".join(
                f"f = {v:.3f}, β = {b}, limit {lim:.5f}: below ends {below:.1e} away, above "
                f"{above:.4f}"
                for v, b, lim, below, above in checks
            ),
        ),
        "mm_example_between": Claim(
            stability_limit(peaks, gmin.x)
            < EXAMPLE_LR
            < stability_limit(peaks, gmin.x, momentum=BIG_BETA),
            f"{stability_limit(peaks, gmin.x):.5f} < {EXAMPLE_LR} < "
            f"{stability_limit(peaks, gmin.x, momentum=BIG_BETA):.5f}",
        ),
        "mm_example_found": Claim.every(
            not_one_start(plain_map) | {f"some starts arrive with β = {BIG_BETA}": g_ball > 0.01},
            f"global share at η = {EXAMPLE_LR}: plain {g_plain}, β = {BIG_BETA}: {g_ball:.4f}",
        ),
        "mm_live_zero": live_zero_claim(plain_map, g_plain, g_ball),
        "mm_live_cross": cross_claim(),
        "mm_shares_limits": Claim.every(
            {
                f"β = {b}, η = {lr}": (share > 0) == (lr < limit)
                for b in TABLE_BETAS
                for lr, share, limit in zip(
                    MOMENTUM_SHARE_LRS,
                    global_shares(MOMENTUM_SHARE_LRS, b),
                    [stability_limit(peaks, gmin.x, momentum=b)] * len(MOMENTUM_SHARE_LRS),
                    strict=True,
                )
            }
            | {
                f"β = {b}: rates on both sides": MOMENTUM_SHARE_LRS[0]
                < stability_limit(peaks, gmin.x, momentum=b)
                < MOMENTUM_SHARE_LRS[-1]
                for b in TABLE_BETAS
            },
            "; ".join(
                f"β = {b} (limit {stability_limit(peaks, gmin.x, momentum=b):.4f}): "
                f"{np.round(global_shares(MOMENTUM_SHARE_LRS, b), 4).tolist()}"
                for b in TABLE_BETAS
            ),
        ),
        "mm_example_grey": Claim.every(
            {
                "without momentum": plain_map.share_none > 0.5,
                f"β = {BIG_BETA}": ball_map.share_none > 0.5
                and outside_share(ball_map) > 0.5
                and outside_share(ball_map) > outside_share(plain_map),
            },
            f"none: plain {plain_map.share_none:.4f}, β = {BIG_BETA}: {ball_map.share_none:.4f}; "
            f"of these outside the map: plain {outside_share(plain_map):.4f}, "
            f"β = {BIG_BETA}: {outside_share(ball_map):.4f}",
        ),
    }


def momentum_notebook(lang: str) -> list[Code]:
    """The page's notebook: the bowl's best β and η from its eigenvalues, plain descent and the
    heavy ball written as loops, their late rates measured, and the overshoot."""
    lo, hi = bowl_eigenvalues()
    beta_s, eta_s, rate_s = best_ball()
    runs = the_runs()
    window = MOMENTUM_BOWL["window"]
    past, _, far_x, back = overshoot(runs["big"])
    bowl = get_landscape("elongated_bowl")
    setup = (
        cells.IMPORTS
        + "\n"
        + "x, y = sympy.symbols('x y')\n"
        + f"bowl = {cells.sympy_code(bowl.expr)}\n"
        + "grad = sympy.lambdify((x, y), [sympy.diff(bowl, x), sympy.diff(bowl, y)])\n"
    )
    best = (
        "H = np.array(sympy.hessian(bowl, (x, y)), dtype=float)\n"
        "lam_min, lam_max = np.linalg.eigvalsh(H)\n"
        "kappa = lam_max / lam_min\n"
        "root = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)\n"
        "beta_star = root**2\n"
        "eta_star = 4 / (np.sqrt(lam_max) + np.sqrt(lam_min)) ** 2\n"
        'print("kappa =", kappa)\n'
        'print("beta* =", beta_star)\n'
        'print("eta* =", eta_star)\n'
        'print("rate sqrt(beta*) =", root)\n'
    )
    loops = (
        "def heavy_ball(start, eta, beta, epochs):\n"
        '    """v <- beta v - eta grad f(x), x <- x + v, from v = 0 (beta = 0: plain descent)."""\n'
        "    point, v = np.array(start, dtype=float), np.zeros(2)\n"
        "    path = [point]\n"
        "    for _ in range(epochs):\n"
        "        v = beta * v - eta * np.array(grad(*point))\n"
        "        point = point + v\n"
        "        path.append(point)\n"
        "    return np.array(path)\n\n\n"
        f"k0, k1 = {window}\n"
        f"plain = heavy_ball({MOMENTUM_BOWL['start']}, 2 / (lam_min + lam_max), 0.0, k1)\n"
        f"ball = heavy_ball({MOMENTUM_BOWL['start']}, eta_star, beta_star, k1)\n"
        'for name, path in (("plain", plain), ("ball", ball)):\n'
        "    e = np.hypot(path[:, 0], path[:, 1])  # the minimum is the origin; hypot, since\n"
        "    # the late errors' squares (about 1e-340) would be too small for a float\n"
        '    print(f"{name}: late rate =", (e[k1] / e[k0]) ** (1 / (k1 - k0)))\n\n'
        "fig, ax = plt.subplots(figsize=(6, 4))\n"
        'ax.semilogy(np.linalg.norm(plain[:80], axis=1), label="plain descent")\n'
        'ax.semilogy(np.linalg.norm(ball[:80], axis=1), "--", label="heavy ball")\n'
        'ax.set_xlabel("epoch")\n'
        "ax.legend()\n"
        "plt.show()\n"
    )
    over = (
        f"big = heavy_ball({MOMENTUM_BOWL['start']}, 2 / (lam_min + lam_max), {BIG_BETA}, "
        f"{OVERSHOOT_EPOCHS})\n"
        "xs = big[:, 0]\n"
        "past = np.argmax(xs > 0)  # the first epoch past the minimum along x\n"
        "back = past + np.argmax(xs[past:] < 0)  # the first epoch back on the start's side\n"
        "far = past + np.argmax(xs[past:back])\n"
        'print("first epoch with x > 0 =", past)\n'
        'print("largest x after it =", xs[far])\n'
        'print("first epoch with x < 0 again =", back)\n'
    )
    return [
        Code(setup, "start"),
        Code(
            best,
            "after:mm_ball_rate",
            (
                Check("mm_kappa", hi / lo),
                Check("mm_beta_star", beta_s),
                Check("mm_eta_star", eta_s),
                Check("mm_ball_rate", rate_s, 2),
            ),
        ),
        Code(
            loops,
            "fig-momentum-bowl",
            (
                Check("mm_plain_meas", late_rate(runs["plain"], window)),
                Check("mm_ball_meas", late_rate(runs["ball"], window)),
            ),
        ),
        Code(
            over,
            "fig-momentum-overshoot",
            (Check("mm_past", past), Check("mm_far_x", far_x), Check("mm_back", back)),
        ),
    ]


ENTRIES = (
    Entry("momentum_bowl", "figure", momentum_bowl, MOMENTUM_BOWL),
    Entry(
        "momentum_overshoot",
        "figure",
        momentum_overshoot,
        {"betas": TABLE_BETAS, "epochs": OVERSHOOT_EPOCHS},
    ),
    Entry(
        "momentum_basins_map",
        "figure",
        momentum_basins_map,
        {
            "learning_rate": EXAMPLE_LR,
            "epochs": BASINS["epochs"],
            "grid": BASINS["grid"],
            "beta": BIG_BETA,
        },
        fmt="webp",
    ),
    Entry(
        "momentum_shares",
        "figure",
        momentum_shares,
        {"rates": MOMENTUM_SHARE_LRS, "betas": TABLE_BETAS},
    ),
    Entry("momentum_values", "values", momentum_values, fmt="json"),
    Entry("momentum_claims", "claims", momentum_claims, fmt="json"),
    Entry("momentum_notebook", "notebook", momentum_notebook, fmt="json"),
)
