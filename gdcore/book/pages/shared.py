"""What several pages show: the seed run (home, gd2d, minima, exercises), peaks' partials, the
basin map's shares and the safe learning rate 2/L (home, minima).

A page's own figures and numbers live in its own module; an entry moves here only when a second
page shows it.
"""

from __future__ import annotations

import inspect
from functools import cache

import numpy as np
import sympy
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Rectangle

from gdcore.analysis import BasinMap, CriticalPoint, basins
from gdcore.book import palette
from gdcore.book.animate import frame_indices
from gdcore.book.memo import memo
from gdcore.book.numfmt import fmt, fmt_point, fmt_rate, pct, tex
from gdcore.book.params import (
    BASINS,
    PLAYGROUND_TOL,
    SAFE_LRS,
    SEED,
    SEED_EPOCHS,
    SEED_LR,
    SEED_START,
)
from gdcore.book.peaks import critical_points
from gdcore.book.plots import grid_values
from gdcore.book.registry import Claim, Entry
from gdcore.book.words import label
from gdcore.descent import Trajectory, descend
from gdcore.landscape import get_landscape


@cache
def seed_run() -> Trajectory:
    """The lesson's run on peaks (computed once per build)."""
    return descend(get_landscape("peaks"), SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS)


def seed_values(lang: str) -> dict[str, str]:
    """The seed run's settings and where it ends (home, gd2d, minima, exercises)."""
    run = seed_run()
    return {
        "seed_start": fmt_point(np.array(SEED_START), 1),
        "seed_lr": fmt_rate(SEED_LR),
        "seed_epochs": f"{SEED_EPOCHS:,}",
        "seed_end": fmt_point(run.final),
    }


def frozen_epoch(path: np.ndarray) -> int:
    """The first epoch from which every later iterate equals it, bit for bit."""
    moved = np.flatnonzero(np.any(path[1:] != path[:-1], axis=1))
    return int(moved[-1]) + 1 if moved.size else 0


#: The frozen epoch is a rounding-level fact (other code freezes an epoch or so later); pages
#: state it as a bound rounded up to a multiple of this, which every such code meets.
FREEZE_ROUND = 100


def frozen_bound(path: np.ndarray) -> int:
    """An epoch by which the run has certainly stopped moving: its frozen epoch rounded up to a
    multiple of :data:`FREEZE_ROUND` (``522`` → ``600``)."""
    return -(-frozen_epoch(path) // FREEZE_ROUND) * FREEZE_ROUND


def seed_stop(lang: str) -> dict[str, str]:
    """The epoch by which the seed run has stopped moving altogether (gd2d, exercises)."""
    return {"seed_frozen_epoch": f"{frozen_bound(seed_run().path):,}"}


def power_of_ten(name: str, v: float) -> str:
    """``v``, a power of ten, as ``$10^{n}$``; anything else is refused, naming ``name``."""
    exponent = round(float(np.log10(v))) if v > 0 else 0
    if v <= 0 or 10.0**exponent != v:
        raise ValueError(f"{name} must be a power of ten, got {v}")
    return f"$10^{{{exponent}}}$"


def stop_rule(lang: str) -> dict[str, str]:
    """The stopping rule of the playground and the live figures, as the pages state it
    (playground, gd2d, exercises)."""
    return {"pg_tol": power_of_ten("the stopping tolerance", PLAYGROUND_TOL)}


#: Frames of the reference run's animation (gd2d) and of the home page's first figure.
ANIMATION_FRAMES = 90


def animation_frames(n_steps: int, n_frames: int = ANIMATION_FRAMES) -> tuple[int, int]:
    """The animation's spacing (``animate.frame_indices``): the last epoch of the first run of
    consecutive epochs drawn one by one, and the gap between the last two epochs drawn."""
    gaps = np.diff(frame_indices(n_steps, n_frames))
    first = int(np.argmax(gaps > 1)) if np.any(gaps > 1) else len(gaps)
    return first, int(gaps[-1])


def frames_claim(n_steps: int, n_frames: int = ANIMATION_FRAMES) -> Claim:
    """The animation's caption: epochs 0 to ``first`` one by one, then at wider and wider gaps,
    the last ``gap`` epochs apart. One case per gap: every epoch up to ``first`` is drawn, no gap
    is narrower than the one before by more than one epoch (the frames' rounding), and none is
    wider than the last."""
    shown = frame_indices(n_steps, n_frames)
    gaps = np.diff(shown)
    first, last = animation_frames(n_steps, n_frames)
    cases = {"first and last epoch": bool(shown[0] == 0 and shown[-1] == n_steps and last > 1)}
    for i, gap in enumerate(gaps.tolist()):
        cases[f"epochs {shown[i]}–{shown[i + 1]}"] = (i >= first or gap == 1) and (
            gap <= last and (i == 0 or gap >= gaps[i - 1] - 1)
        )
    return Claim.every(
        cases,
        f"{len(shown)} frames of {n_steps + 1} iterates; epochs 0–{first} one by one; gaps "
        f"{gaps.tolist()}",
    )


def seed_claims(lang: str) -> dict[str, Claim]:
    """The seed run ends in the shallowest of the three valleys, not the deepest (home, gd2d);
    from the rounded frozen epoch on, each step is below half the gap between neighbouring
    doubles at each coordinate, so ``x − η ∂f/∂x`` rounds back to ``x``: the run cannot move any
    more (gd2d, exercises)."""
    peaks = get_landscape("peaks")
    run = seed_run()
    k, shown = frozen_epoch(run.path), frozen_bound(run.path)
    x = run.path[shown]
    step = SEED_LR * np.abs(peaks.gradient(x))
    gap = np.spacing(np.abs(x)) / 2
    minima = sorted(c.value for c in critical_points() if c.kind == "min")
    nearest = min(minima, key=lambda v: abs(v - float(run.final_value)))
    return {
        "seed_end_not_deepest": Claim(
            bool(nearest == minima[-1] and abs(run.final_value - nearest) < 1e-9),
            f"f at the end {run.final_value:.6f}; the minima's values {minima}",
        ),
        "seed_run_freezes": Claim.every(
            {
                f"{name} component": bool(0 < k <= shown < SEED_EPOCHS)
                and bool(np.all(run.path[shown:, i] == x[i]))
                and bool(step[i] <= gap[i])
                for i, name in enumerate("xy")
            },
            f"frozen from epoch {k}, shown as {shown}: steps {step.tolist()} ≤ half gaps "
            f"{gap.tolist()}",
        ),
    }


# --- the basin map and the safe learning rate (home, minima) -----------------------------------
#: How close an end point must be to a minimum for its run to arrive there (``basins``'s default).
BASIN_RADIUS = float(inspect.signature(basins).parameters["radius"].default)
#: How close a noisy run's end must be to a minimum for it to arrive there (noise, playground): a
#: noisy run jitters about a minimum, far more than 10⁻³ (the noise page checks this radius against
#: the quadratic model's jitter and the gaps between minima).
NOISY_RADIUS = 0.5


@cache
@memo
def peaks_basins(
    learning_rate: float, epochs: int, grid: int, radius: float = BASIN_RADIUS
) -> BasinMap:
    """The basin map of peaks (computed once per build for the figures and the numbers); a run
    arrives at a minimum when it ends within ``radius`` of it (the noise page widens it)."""
    return basins(get_landscape("peaks"), learning_rate=learning_rate, epochs=epochs, grid=grid,
                  radius=radius)  # fmt: skip


def grid_starts(grid: int) -> np.ndarray:
    """The basin map's ``grid × grid`` starts, ``(grid², 2)``, in its labels' order."""
    (x0, x1), (y0, y1) = get_landscape("peaks").domain
    xs, ys = np.meshgrid(np.linspace(x0, x1, grid), np.linspace(y0, y1, grid))
    return np.stack([xs.ravel(), ys.ravel()], axis=-1)


@cache
@memo
def largest_curvature(grid: int) -> float:
    """L: the largest upward curvature, the largest eigenvalue λmax of peaks' Hessian (signed: a
    downward bend, λ < 0, cannot make a step go uphill), over the basin map's grid."""
    return float(_largest_eigenvalue(grid_starts(grid)).max())


def _largest_eigenvalue(points: np.ndarray) -> np.ndarray:
    """The largest eigenvalue λmax of peaks' Hessian at each of ``points`` (``(n, 2)``)."""
    peaks = get_landscape("peaks")
    return np.array([np.linalg.eigvalsh(peaks.hessian(p)).max() for p in points])


#: How many of the grid's largest curvatures :func:`largest_curvature_map` refines, and how often
#: it zooms in on each (by a factor 10 per zoom, a 21 × 21 local grid each time).
REFINE_STARTS, REFINE_ZOOMS = 10, 6


@cache
@memo
def largest_curvature_map(grid: int) -> tuple[float, tuple[float, float]]:
    """L (the largest eigenvalue of peaks' Hessian, :func:`largest_curvature`) over the whole map,
    not just the grid points, and where: the
    :data:`REFINE_STARTS` largest grid points, each refined by zooming a local grid in on its best
    point (kept inside the map) :data:`REFINE_ZOOMS` times."""
    (x0, x1), (y0, y1) = get_landscape("peaks").domain
    starts = grid_starts(grid)
    sizes = _largest_eigenvalue(starts)
    h = (x1 - x0) / (grid - 1)
    best, where = -np.inf, starts[0]
    for p in starts[np.argsort(sizes)[::-1][:REFINE_STARTS]]:
        centre, half = p, h
        for _ in range(REFINE_ZOOMS):
            u = np.linspace(-half, half, 21)
            cand = np.stack(np.meshgrid(centre[0] + u, centre[1] + u), axis=-1).reshape(-1, 2)
            cand = np.clip(cand, [x0, y0], [x1, y1])
            size = _largest_eigenvalue(cand)
            centre, half = cand[int(np.argmax(size))], half / 10
        value = float(_largest_eigenvalue(centre[None])[0])
        if value > best:
            best, where = value, centre
    return best, (float(where[0]), float(where[1]))


#: A rise of f from one epoch to the next larger than this is not rounding (|f| < 10 on peaks).
RISE_TOL = 1e-12


@cache
@memo
def rises(learning_rate: float, epochs: int, grid: int) -> tuple[float, float]:
    """Along the basin map's runs: the largest rise of f from one epoch to the next, and the share
    of the runs along which f rises by more than :data:`RISE_TOL` at least once."""
    peaks = get_landscape("peaks")
    starts = grid_starts(grid)
    largest, rising = -np.inf, 0
    for chunk in np.array_split(starts, 8):  # a path of every start at once is too large
        values = descend(peaks, chunk, learning_rate=learning_rate, epochs=epochs).values
        up = np.diff(values, axis=1).max(axis=1)
        largest = max(largest, float(up.max()))
        rising += int(np.sum(up > RISE_TOL))
    return largest, rising / len(starts)


def rise_bound(largest: float) -> float:
    """The power of ten just above ``largest``, the largest rise of f measured (``7.1e-15`` →
    ``1e-14``): the bound pages state instead of the rounding noise's digits (``order_of``
    would say 10⁻¹⁵ of a rise nearer 10⁻¹⁴). A largest rise of zero or less is bounded by
    :data:`RISE_TOL`."""
    if not np.isfinite(largest):
        raise ValueError(f"largest must be finite, got {largest!r}")
    if largest <= 0:
        return RISE_TOL
    return float(10.0 ** np.ceil(np.log10(largest)))


def safe_rise_bound(epochs: int, grid: int) -> float:
    """:func:`rise_bound` of the largest rise of f along the basin map's runs at the safe rates."""
    return rise_bound(max(rises(r, epochs, grid)[0] for r in safe_rates()))


def safe_rates() -> tuple[float, ...]:
    """The learning rates at which the pages check that f never rises (``params.SAFE_LRS``)."""
    return SAFE_LRS


def basin_values(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, str]:
    """The basin map's settings and shares (home, minima), and L, the largest upward curvature over
    its grid (minima, loss)."""
    result = peaks_basins(learning_rate, epochs, grid)
    big = largest_curvature(grid)
    return {
        "basin_starts": f"{grid * grid:,}",
        "basin_lr": fmt_rate(learning_rate),
        "basin_epochs": f"{epochs:,}",
        "basin_radius": power_of_ten("BASIN_RADIUS", BASIN_RADIUS),
        "share_global": pct(result.global_share),
        "share_none": pct(result.share_none),
        "safe_L": f"$L = {big:.2f}$",
    }


def peaks_partials(lang: str) -> dict[str, str]:
    """The two partial derivatives of peaks, as sympy writes them (terms, gd2d)."""
    fx, fy = (sympy.latex(p) for p in get_landscape("peaks").partials)
    return {
        "peaks_dfdx": rf"$$\frac{{\partial f}}{{\partial x}} = {fx}$$",
        "peaks_dfdy": rf"$$\frac{{\partial f}}{{\partial y}} = {fy}$$",
    }


# --- the reference minimum's Hessian (the hessian and curvature pages) ---------------------
@cache
def lesson_minimum() -> CriticalPoint:
    """The minimum the lesson's run ends at."""
    end = descend(get_landscape("peaks"), **SEED).final
    minima = [c for c in critical_points() if c.kind == "min"]
    return min(minima, key=lambda c: float(np.linalg.norm(c.x - end)))


def eigen(point: np.ndarray, landscape: str = "peaks") -> tuple[np.ndarray, np.ndarray]:
    """The Hessian's eigenvalues (ascending) and unit eigenvectors (columns) at ``point``."""
    return np.linalg.eigh(get_landscape(landscape).hessian(point))


# --- the long bowl x² + 10y² and the quadratic model's best settings -----------------------------
def bowl_eigenvalues() -> tuple[float, float]:
    """λmin, λmax of the long bowl x² + 10y² (its Hessian is the same everywhere)."""
    w, _ = eigen(np.zeros(2), "elongated_bowl")
    return float(w[0]), float(w[1])


def three_digits(value: float) -> float:
    """``value`` to three significant digits, as the playground prints a setting."""
    return float(f"{value:.3g}")


def best_plain_rate(lo: float, hi: float) -> float:
    """Plain descent's best learning rate in the quadratic model with Hessian eigenvalues ``lo``
    and ``hi``: ``2/(λmin + λmax)``, where both factors 1 − ηλ are equal in size."""
    return 2 / (lo + hi)


def best_heavy_ball(lo: float, hi: float) -> tuple[float, float, float]:
    """The heavy ball's best momentum and learning rate in the quadratic model with Hessian
    eigenvalues ``lo`` and ``hi``: both eigenvalues' roots on the circle of radius √β, so
    √β* = (√κ − 1)/(√κ + 1) (κ = λmax/λmin) and η* = 4/(√λmax + √λmin)². Returns
    ``(β*, η*, √β*)``."""
    kappa = float(np.sqrt(hi / lo))
    root = (kappa - 1) / (kappa + 1)
    return root**2, 4 / (float(np.sqrt(hi)) + float(np.sqrt(lo))) ** 2, root


def heavy_ball_roots(learning_rate: float, beta: float, lam: float) -> np.ndarray:
    """The roots of r² − (1 + β − ηλ) r + β: the heavy ball's error along an eigenvector with
    eigenvalue λ is a combination of their powers, in the quadratic model."""
    return np.roots([1.0, -(1 + beta - learning_rate * lam), beta])


def heavy_ball_rate(learning_rate: float, beta: float, eigenvalues: tuple[float, ...]) -> float:
    """The heavy ball's rate of convergence in the quadratic model: the largest size of a root of
    :func:`heavy_ball_roots` over the eigenvalues (β = 0: max |1 − ηλ|, plain descent's)."""
    return max(
        float(np.abs(heavy_ball_roots(learning_rate, beta, lam)).max()) for lam in eigenvalues
    )


def matrix_tex(h: np.ndarray, digits: int = 2) -> str:
    """A 2×2 matrix as LaTeX (pmatrix)."""
    rows = [" & ".join(tex(float(v), digits) for v in row) for row in h]
    return r"\begin{pmatrix} " + r" \\ ".join(rows) + r" \end{pmatrix}"


def lam_tex(v: float, which: str = "max") -> str:
    """``$λ_max = v$`` (or ``λ_min``) with two decimals."""
    return f"$\\lambda_{{\\{which}}} = {tex(v, 2)}$"


ENTRIES = (
    Entry("seed_values", "values", seed_values, fmt="json"),
    Entry("peaks_partials", "values", peaks_partials, fmt="json"),
    Entry("seed_stop", "values", seed_stop, fmt="json"),
    Entry("stop_rule", "values", stop_rule, fmt="json"),
    Entry("seed_claims", "claims", seed_claims, fmt="json"),
    Entry("basin_values", "values", basin_values, BASINS, fmt="json"),
)


def map_box() -> str:
    """The basin map's box as the pages write it (home, minima): ``[−3, 3] × [−3, 3]``."""
    (x0, x1), (y0, y1) = get_landscape("peaks").domain
    return f"$[{tex(x0, 0)}, {tex(x1, 0)}] \\times [{tex(y0, 0)}, {tex(y1, 0)}]$"


# --- the basin map, drawn (minima, momentum) ------------------------------------------------------
#: The minima's colours (critical points order: the global minimum first), from the palette.
_BASIN_COLORS = palette.MINIMA
#: A legend key's outline: a pale colour's key stays seen on the page.
_KEY_EDGE = {"edgecolor": palette.page("light", "muted"), "linewidth": 0.8}


def draw_basins(
    ax: Axes, result: BasinMap, lang: str, inside: np.ndarray | None = None
) -> list[Rectangle]:
    """The basin map on ``ax`` (grey: starts that arrive at no minimum; with ``inside``, the
    lighter shade of the global minimum's colour marks the starts that end inside its valley
    without arriving); returns the legend's handles."""
    peaks = get_landscape("peaks")
    n = len(result.minima)
    colors = _BASIN_COLORS[:n]
    light = palette.VALLEY  # the lighter shade of the global minimum's colour
    cmap = ListedColormap([palette.NONE["light"], *colors, light])
    index = result.labels + 1
    if inside is not None:
        index = np.where(inside, n + 1, index)
    (x0, x1), (y0, y1) = peaks.domain
    ax.imshow(
        index,
        origin="lower",
        extent=(x0, x1, y0, y1),
        cmap=cmap,
        vmin=0,
        vmax=n + 1,
        interpolation="nearest",
    )
    xs, ys, z = grid_values(peaks, 121)
    ax.contour(xs, ys, z, levels=15, colors=palette.OUTLINE, linewidths=0.3, alpha=0.5)
    none = palette.NONE["light"]
    # beside the lighter shade (which arrives at no minimum either), grey is the other such starts
    grey = "basin_none_other" if inside is not None and inside.any() else "basin_none"
    handles = [Rectangle((0, 0), 1, 1, facecolor=none, label=label(grey, lang), **_KEY_EDGE)]
    for m, color in zip(result.minima, colors, strict=True):
        ax.plot(*m.x, palette.MARKERS["minimum"], color=palette.mark("minimum"),
                markeredgecolor=palette.OUTLINE, markersize=10)  # fmt: skip
        lowest = m.value == min(q.value for q in result.minima)  # the global minimum: 최소점
        name = label("basin_of_global" if lowest else "basin_of", lang, v=fmt(m.value, 3))
        handles.append(Rectangle((0, 0), 1, 1, facecolor=color, label=name, **_KEY_EDGE))
    if inside is not None and inside.any():
        name = label("bounce_of", lang, lr=fmt_rate(BASINS["learning_rate"]))
        handles.append(Rectangle((0, 0), 1, 1, facecolor=light, label=name, **_KEY_EDGE))
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    return handles


#: A work more than one page cites (minima, newton): the short name a sentence uses, the year,
#: and its reference-list entry, written once.
DAUPHIN = (
    "Dauphin et al.",
    2014,
    "Yann N. Dauphin, Razvan Pascanu, Caglar Gulcehre, Kyunghyun Cho, Surya Ganguli and "
    "Yoshua Bengio (2014). Identifying and attacking the saddle point problem in "
    "high-dimensional non-convex optimization. *Advances in Neural Information Processing "
    "Systems 27* (NIPS 2014), 2933–2941.",
)


def cited(works: dict[str, tuple[str, int, str, str]], lang: str, prefix: str = "") -> dict:
    """Each cited work of ``works`` (key → who, year, where in the work or ``""``, its
    reference-list entry) as a sentence names it, ``{prefix}cite_{key}`` (English
    ``Dauphin et al. (2014)``; Korean, inside parentheses, ``Dauphin 등, 2014``), and its
    entry, ``{prefix}ref_{key}``."""
    out = {}
    for key, (who, year, where, entry) in works.items():
        at = f", {where}" if where else ""
        # Korean running text names several authors "등", as Korean papers cite them
        named = who.replace(" et al.", " 등") if lang == "ko" else who
        out[f"{prefix}cite_{key}"] = (
            f"{named}, {year}{at}" if lang == "ko" else f"{who} ({year}{at})"
        )
        out[f"{prefix}ref_{key}"] = entry
    return out
