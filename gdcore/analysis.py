"""What a landscape's shape says about descent: critical points, stability limits, basins.

* :func:`critical_points` finds every point with ``∇f = 0`` inside the domain (Newton's method
  from a grid of starts) and classifies it by the eigenvalues of the Hessian.
* :func:`stability_limit` is the largest stable learning rate at a minimum, ``2 / λmax``: near the
  minimum descent multiplies the error along the steepest eigenvector by ``1 − η λmax`` each step
  (``2(1 + β)/λmax`` with momentum ``β``, in the quadratic model).
* :func:`basins` runs descent from a grid of starts and says which minimum each reaches (with
  noise, over many seeded runs, how likely each one is).
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import sympy
from sympy.core.evalf import PrecisionExhausted

from gdcore import _validate
from gdcore._typing import Array, ArrayLike
from gdcore.descent import (
    DEFAULT_MAX_WORK,
    DIVERGED,
    _count,
    check_work,
    descend,
    norms,
    operations,
    work,
)
from gdcore.landscape import Landscape, _tree_size

Kind = Literal["min", "saddle", "max", "degenerate"]
_KIND_ORDER = {"min": 0, "saddle": 1, "max": 2, "degenerate": 3}


@dataclass(frozen=True)
class CriticalPoint:
    """A point where the gradient vanishes.

    Attributes
    ----------
    x : (d,) float array
        Its coordinates.
    value : float
        ``f(x)``.
    kind : {"min", "saddle", "max", "degenerate"}
        From the signs of the Hessian's eigenvalues (all positive, mixed, all negative, or one ≈ 0).
    eigenvalues : (d,) float array
        The Hessian's eigenvalues, ascending.
    is_global_min : bool
        The lowest minimum in the domain.
    residual : float
        ``‖∇f(x)‖`` computed at ``x``: what is left of the gradient after refinement.
    """

    x: Array
    value: float
    kind: Kind
    eigenvalues: Array
    is_global_min: bool = False
    residual: float = 0.0


class CriticalPoints(tuple):
    """What :func:`critical_points` returns: a tuple of :class:`CriticalPoint`, and ``flat``.

    ``flat`` is True when ``f``'s gradient is zero everywhere (a constant such as ``1``, ``0*x`` or
    ``x - x``): every point is critical, and none is listed.
    """

    flat: bool

    def __new__(cls, points: Iterable[CriticalPoint] = (), *, flat: bool = False) -> CriticalPoints:
        self = super().__new__(cls, points)
        self.flat = bool(flat)
        return self

    def __repr__(self) -> str:
        return f"CriticalPoints({tuple(self)!r}, flat={self.flat})"


def _classify(eigenvalues: Array, scale: float) -> Kind:
    eps = 1e-8 * max(scale, 1.0)
    if np.all(eigenvalues > eps):
        return "min"
    if np.all(eigenvalues < -eps):
        return "max"
    if np.any(eigenvalues > eps) and np.any(eigenvalues < -eps):
        return "saddle"
    return "degenerate"


#: A Newton step shorter than this (times the domain's largest side) means the point is where the
#: gradient's linear model vanishes: the refined point is a critical point to this distance.
STEP_TOLERANCE = 1e-9
_EPS = float(np.finfo(np.float64).eps)


def _newton_state(
    landscape: Landscape, x: Array, span: float
) -> tuple[Array, Array, Array, Array, Array]:
    """Newton's method at points ``x`` (n, d), and the test of a critical point.

    Returns: which points have a finite gradient and Hessian; the Newton step ``H⁺∇f`` (NaN where
    not finite); the length of the step the test measures, taken along each eigenvector of ``H``
    whose step would be shorter than ``span`` (an eigenvalue of 1e-15 next to one of 2 still
    counts, where ``pinv`` drops it); the part of ``∇f`` along the other eigenvectors, as a
    multiple of its rounding level (≤ 1: no more than rounding); and ``‖∇f‖``.
    """
    n, d = x.shape
    g = landscape.gradient(x)
    h = landscape.hessian(x)
    ok = np.isfinite(g).all(axis=1) & np.isfinite(h).all(axis=(1, 2))
    step = np.full((n, d), np.nan)
    length = np.full(n, np.inf)
    left = np.full(n, np.inf)
    if ok.any():
        g_ok, h_ok = g[ok], h[ok]
        with np.errstate(all="ignore"):
            step[ok] = (np.linalg.pinv(h_ok) @ g_ok[..., None])[..., 0]
            lam, vec = np.linalg.eigh(h_ok)
            c = (np.swapaxes(vec, -1, -2) @ g_ok[..., None])[..., 0]
            take = np.abs(c) <= np.abs(lam) * span
            along = np.where(take, c / np.where(take & (lam != 0), lam, 1.0), 0.0)
            length[ok] = norms(along)
            rounding = 64 * d * _EPS * (norms(g_ok) + np.abs(lam).max(axis=1) * length[ok])
            rest = norms(np.where(take, 0.0, c))
            left[ok] = np.where(rest > 0, rest / np.where(rounding > 0, rounding, 1.0), 0.0)
    return ok, step, length, left, norms(g)


#: The exact check (:func:`_exact_values`, :func:`_exact_test`) knows each derivative to this
#: many correct digits (relative to itself): more than any float64 test needs.
EXACT_ACCURACY = 30
#: sympy's evalf works with at most this many digits: a derivative that cancels below
#: ``10**-EXACT_DIGITS`` of its terms counts as zero. (``1 - tanh(1000x)**2`` at x = 3, 7e-2603,
#: needs 2,603.)
EXACT_DIGITS = 3000
#: Before evalf, mpmath tries each such derivative with 1024, 2048, ... up to this many bits
#: (about 9,900 digits), until two in a row agree.
MOST_BITS = 2**15
#: The work of evaluating a derivative in thousands of digits, in elementary operations per node
#: of its expression: about a millisecond a node.
EXACT_WORK_PER_NODE = 10**6
_EXACT_FUNCTIONS: weakref.WeakKeyDictionary[Landscape, tuple] = weakref.WeakKeyDictionary()


def _mpmath_functions(landscape: Landscape) -> tuple[list[sympy.Expr], Callable, list[Callable]]:
    """The gradient and the Hessian's upper triangle (row by row) as exact expressions (a
    ``DiracDelta``, from differentiating ``Abs`` or ``sign``, is 0, as in the compiled programs),
    and the same as mpmath functions of the point: all at once, and one by one."""
    if landscape not in _EXACT_FUNCTIONS:
        d = landscape.dim
        hess = landscape.hessian_exprs
        exprs = [
            e.replace(lambda n: isinstance(n, sympy.DiracDelta), lambda n: sympy.S.Zero)
            for e in (*landscape.partials, *(hess[i][j] for i in range(d) for j in range(i, d)))
        ]
        _EXACT_FUNCTIONS[landscape] = (
            exprs,
            sympy.lambdify(landscape.variables, exprs, "mpmath"),
            [sympy.lambdify(landscape.variables, e, "mpmath") for e in exprs],
        )
    return _EXACT_FUNCTIONS[landscape]


def _run(fn: Callable, p: list[float], bits: int) -> list | None:
    """``fn`` at ``p`` in mpmath at ``bits`` (rational constants are exact, and mpmath neither
    underflows nor overflows); ``None`` where it fails there."""
    import mpmath

    with mpmath.workprec(bits):
        try:
            got = fn(*map(mpmath.mpf, p))
        except (ArithmeticError, ValueError, TypeError, NameError):  # evalf will tell
            return None
        return [mpmath.mpmathify(v) for v in (got if isinstance(got, list) else [got])]


def _agree(low: object, high: object) -> bool:
    """Whether ``high`` is a finite nonzero real that ``low`` (fewer bits) agrees with to 200
    bits: where terms cancel, the two differ (or are both zero)."""
    import mpmath

    return (
        isinstance(high, mpmath.mpf)
        and isinstance(low, mpmath.mpf)
        and mpmath.isfinite(high)
        and high != 0
        and abs(low - high) <= abs(high) * mpmath.mpf(2) ** -200
    )


def _evalf(e: sympy.Expr, at: dict) -> object:
    """``e`` at the point ``at`` (exact rationals) to :data:`EXACT_ACCURACY` correct digits by
    sympy's evalf, which raises its working precision as terms cancel; 0 where they cancel below
    ``10**-EXACT_DIGITS``; ``None`` where it is not a finite real number."""
    import mpmath

    try:
        v = e.evalf(EXACT_ACCURACY, subs=at, maxn=EXACT_DIGITS, strict=True)
    except PrecisionExhausted:  # zero to within 10**-EXACT_DIGITS of its terms
        return mpmath.mpf(0)
    if v == 0:
        return mpmath.mpf(0)
    if not (v.is_Float and v.is_finite):  # complex (sqrt of a negative), zoo, nan
        return None
    return mpmath.mpf(v)


def _exact_values(landscape: Landscape, points: Sequence[Array], max_work: int) -> list[list]:
    """For each point, its gradient and Hessian entries (:func:`_mpmath_functions`) computed from
    the exact expressions at the exact value of the point, as mpmath numbers (``None``: not
    finite there).

    Cheapest first: mpmath at 256 bits where that is stable (no underflow: ``x/10**400`` keeps
    its slope 1e-400, which float64 rounds to 0); exact rational arithmetic where the entry is
    exactly zero there (``x**3`` at x = 0). Where terms cancel (``1 - tanh(1000x)**2`` is 1e-257
    at x = 0.3, not the 0 of float64), mpmath with more and more bits, up to
    :data:`EXACT_DIGITS` digits, until the value is stable, and sympy's evalf (which tracks the
    accuracy of every term) for what is still not: that part counts against ``max_work``
    (:data:`EXACT_WORK_PER_NODE`), checked before it runs.
    """
    import mpmath

    exprs, together, each = _mpmath_functions(landscape)
    out, pending, last = [], [], []
    for n, p in enumerate(points):
        low, high = _run(together, p.tolist(), 256), _run(together, p.tolist(), 512)
        if low is None or high is None:
            low = high = [None] * len(exprs)
        values = [h if _agree(lo, h) else None for lo, h in zip(low, high, strict=True)]
        last.append(high)
        at = {v: sympy.Rational(c) for v, c in zip(landscape.variables, p.tolist(), strict=True)}
        for i, (v, e) in enumerate(zip(values, exprs, strict=True)):
            if v is None:
                if e == 0 or e.xreplace(at) == 0:  # exactly zero there, in exact arithmetic
                    values[i] = mpmath.mpf(0)
                else:
                    pending.append((n, i, at))
        out.append(values)
    nodes = sum(_tree_size(exprs[i]) for _, i, _ in pending)
    check_work(
        f"critical_points: {len(pending):,} evaluations in thousands of digits (where float64 "
        f"loses the slope) of {nodes / max(len(pending), 1):.0f} expression nodes",
        nodes * EXACT_WORK_PER_NODE,
        max_work,
    )
    for n, i, at in pending:
        before, bits, value = last[n][i], 1024, None
        while value is None and bits <= MOST_BITS:
            now = _run(each[i], points[n].tolist(), bits)
            now = now[0] if now else None
            value, before, bits = (now if _agree(before, now) else None), now, 2 * bits
        out[n][i] = value if value is not None else _evalf(exprs[i], at)
    return out


def _exact_test(landscape: Landscape, values: list, span: float) -> bool:
    """The test of :func:`critical_points` in exact arithmetic, on ``values`` from
    :func:`_exact_values`: a Newton step shorter than :data:`STEP_TOLERANCE` of the domain, and no
    gradient left along the other eigenvectors of the Hessian beyond what the entries' uncertainty
    (:data:`EXACT_ACCURACY` digits each) can make."""
    import mpmath

    if any(v is None for v in values):
        return False  # not finite (or not real) there: no critical point
    d = landscape.dim
    g = values[:d]
    upper = iter(values[d:])
    h = [[mpmath.mpf(0)] * d for _ in range(d)]
    for i in range(d):
        for j in range(i, d):
            h[i][j] = h[j][i] = next(upper)
    if not any(g):
        return True  # the gradient is exactly zero there
    nonzero = [abs(v) for v in values if v]
    eps = mpmath.mpf(10) ** -EXACT_ACCURACY
    # Enough digits that the smallest entry is resolved beside the largest in the eigenvectors.
    spread = int(mpmath.log10(max(nonzero) / min(nonzero)))
    with mpmath.workdps(2 * EXACT_ACCURACY + spread + 10):
        lam, vec = mpmath.eigsy(mpmath.matrix(h))
        v = [[vec[k, i] for k in range(d)] for i in range(d)]  # v[i]: the i-th eigenvector
        c = [mpmath.fsum(v[i][k] * g[k] for k in range(d)) for i in range(d)]
        rounding = mpmath.mpf(10) ** -(mpmath.mp.dps - 5) * mpmath.norm(g)
        along, rest_ok = [], True
        for i in range(d):
            if abs(c[i]) <= abs(lam[i]) * span:
                along.append(c[i] / lam[i] if c[i] else mpmath.mpf(0))
                continue
            # What c[i] may be off by: each gradient entry's own error, the turn of v[i] towards
            # v[j] that the Hessian entries' errors can make (over the gap λi − λj), rounding.
            bound = eps * mpmath.fsum(abs(v[i][k] * g[k]) for k in range(d)) + rounding
            for j in range(d):
                turn = eps * mpmath.fsum(
                    abs(v[j][k] * h[k][m] * v[i][m]) for k in range(d) for m in range(d)
                )
                if j != i and turn:
                    gap = abs(lam[i] - lam[j])
                    bound += turn / gap * abs(c[j]) if gap else mpmath.inf
            rest_ok = rest_ok and abs(c[i]) <= 64 * d * bound
        length = mpmath.norm(along) if along else mpmath.mpf(0)
        return bool(length <= STEP_TOLERANCE * span and rest_ok)


def _distinct(x: Array, tol: float) -> Array:
    """The indices of the points of ``x`` (n, d) to keep, in lexicographic order of the points.

    Vectorised, in O(3^d n log n): the points are binned into cells of side ``tol`` and the
    first of each cell kept (``numpy.unique``); then a kept point is dropped where the kept point
    of a neighbouring cell comes before it and lies closer than ``tol``. So points merge within
    ``tol`` (up to ``tol·√d`` inside one cell).
    """
    n, d = x.shape
    if n == 0:
        return np.zeros(0, dtype=np.intp)
    order = np.lexsort(x.T[::-1])
    low = x.min(axis=0)
    cells = np.floor((x[order] - low) / tol).astype(np.int64)
    _, first = np.unique(cells, axis=0, return_index=True)
    first.sort()  # the first point of each cell, in lexicographic order
    kept, cells = order[first], cells[first]
    m = len(kept)

    def keys(c: np.ndarray) -> np.ndarray:  # one comparable value per row of cells
        return np.ascontiguousarray(c).view(np.dtype((np.void, 8 * d))).ravel()

    table = keys(cells)
    sorter = np.argsort(table)
    table = table[sorter]
    dropped = np.zeros(m, dtype=bool)
    for offset in itertools.product((-1, 0, 1), repeat=d):
        if not any(offset):
            continue
        wanted = keys(cells + np.array(offset, dtype=np.int64))
        at = np.minimum(np.searchsorted(table, wanted), m - 1)
        i = np.flatnonzero(table[at] == wanted)
        j = sorter[at[i]]
        close = (j < i) & (norms(x[kept[i]] - x[kept[j]]) < tol)
        dropped[i[close]] = True
    return kept[~dropped]


def critical_points(
    landscape: Landscape,
    *,
    grid: int = 41,
    iterations: int = 60,
    max_work: int = DEFAULT_MAX_WORK,
) -> CriticalPoints:
    """Every critical point of ``landscape`` inside its domain, classified.

    Newton's method ``x ← x − H⁺∇f`` runs from a ``grid``-per-axis lattice of starts (a start
    where ``∇f`` or the Hessian is not finite is dropped). A point is reported only if, after
    refinement, it passes a test that does not depend on how large ``f`` is elsewhere: its Newton
    step is shorter than :data:`STEP_TOLERANCE` times the domain's size (the gradient's linear
    model vanishes that close), and the part of ``∇f`` outside the Hessian's range is at the level
    of rounding. Points within 1e-6 of the domain's size of each other are merged. Each point
    carries its ``residual`` ``‖∇f(x)‖``.

    Parameters
    ----------
    landscape : Landscape
        Any dimension, though the lattice has ``grid**d`` starts.
    grid : int
        Starts per axis (at least 2). Critical points closer together than the lattice spacing may
        be missed; the default resolves peaks' nine.
    iterations : int
        Newton steps per start (a start stops once its step is below the tolerance).
    max_work : int
        Refuse (ValueError) a search whose work, starts × iterations × the operations of the
        gradient and Hessian, exceeds this; the default allows about a minute.

    Returns
    -------
    CriticalPoints
        A tuple: minima first, then saddles, maxima and degenerate points; within a kind by value.
        Empty, with ``flat=True``, when the gradient is zero everywhere (a constant function): that
        is found from the expression, at once, instead of listing every start as a point.
    """
    if not isinstance(landscape, Landscape):
        raise TypeError(f"landscape must be a Landscape, got {landscape!r}")
    grid = _validate.positive_int("grid", grid)
    if grid < 2:
        raise ValueError(f"grid must be an integer >= 2, got {grid}")
    iterations = _validate.positive_int("iterations", iterations)
    max_work = _validate.positive_int("max_work", max_work)
    if all(p == 0 for p in landscape.partials):  # sympy simplifies 0*x, x - x, sin² + cos² ...
        return CriticalPoints(flat=True)
    d = landscape.dim
    operations = (
        len(landscape.program("gradient").ops) + len(landscape.program("hessian").ops) + 4 * d**3
    )
    n_starts = grid**d
    check_work(
        f"critical_points: {grid}^{d} starts × {iterations} Newton steps × {operations} operations",
        work(n_starts, iterations + 8, operations),
        max_work,
    )
    span = max(hi - lo for lo, hi in landscape.domain)
    step_tol = STEP_TOLERANCE * span
    axes = [np.linspace(lo, hi, grid) for lo, hi in landscape.domain]
    x = np.stack([a.ravel() for a in np.meshgrid(*axes, indexing="ij")], axis=-1)
    # Newton from every start; a start stops once its step is short (or its point not finite).
    running = np.arange(len(x))
    for _ in range(iterations):
        ok, step, _, _, _ = _newton_state(landscape, x[running], span)
        with np.errstate(all="ignore"):
            moved = x[running] - step
        x[running[~ok]] = np.nan
        keep = ok & np.isfinite(moved).all(axis=1)
        x[running[keep]] = moved[keep]
        x[running[ok & ~keep]] = np.nan
        running = running[keep & ~(norms(step) <= step_tol)]
        if running.size == 0:
            break
    x = x[np.isfinite(x).all(axis=1)]
    inside = landscape.contains(x) | (
        np.abs(np.clip(x, *np.array(landscape.domain).T) - x).max(axis=1) < 1e-9 * span
    )
    x = x[inside]
    # Refine: a few more Newton steps, keeping for each point the iterate with the shortest step.
    best = x.copy()
    best_step = np.full(len(x), np.inf)
    best_left = np.full(len(x), np.inf)
    best_g = np.full(len(x), np.inf)
    for _ in range(8):
        if not len(x):
            break
        ok, step, length, left, g = _newton_state(landscape, x, span)
        better = length < best_step
        best[better] = x[better]
        best_step[better] = length[better]
        best_left[better] = left[better]
        best_g[better] = g[better]
        with np.errstate(all="ignore"):
            x = np.where(ok[:, None], x - np.nan_to_num(step), x)
    # The test: a short Newton step, and no gradient left that the Hessian cannot remove (beyond
    # rounding: what a product H·step and a gradient of this size carry).
    critical = (best_step <= step_tol) & (best_left <= 1.0)
    x = best[critical]
    residual = best_g[critical]
    # Merge duplicates, in a deterministic (lexicographic) order.
    keep = _distinct(x, 1e-6 * span)
    found = [(p, float(r)) for p, r in zip(x[keep], residual[keep], strict=True)]
    eigenvalues = [np.linalg.eigvalsh(landscape.hessian(p)) for p, _ in found]
    kinds = [_classify(eig, float(np.abs(eig).max(initial=0.0))) for eig in eigenvalues]
    # Where the float Hessian is degenerate, float64 may have lost the slope that makes the point
    # not critical (it underflowed, as on the plateau of exp(-100(x² + y²)) or in x/10**400, or
    # cancelled, as in 1 - tanh(1000x)²): such a point counts only if it passes the same test in
    # exact arithmetic.
    doubtful = [k for k, kind in enumerate(kinds) if kind == "degenerate"]
    exact = _exact_values(landscape, [found[k][0] for k in doubtful], max_work)
    false = {
        k
        for k, values in zip(doubtful, exact, strict=True)
        if not _exact_test(landscape, values, span)
    }
    points = [
        CriticalPoint(p, float(landscape.value(p)), kind, eig, residual=r)
        for k, ((p, r), eig, kind) in enumerate(zip(found, eigenvalues, kinds, strict=True))
        if k not in false
    ]
    points.sort(key=lambda c: (_KIND_ORDER[c.kind], c.value, tuple(c.x)))
    minima = [c for c in points if c.kind == "min"]
    if minima:
        best_min = min(minima, key=lambda c: c.value)
        points = [replace(c, is_global_min=c is best_min) for c in points]
    return CriticalPoints(points)


def stability_limit(landscape: Landscape, point: ArrayLike, *, momentum: float = 0.0) -> float:
    """The largest learning rate for which descent near the minimum ``point`` converges, in the
    quadratic model: ``2/λmax``, and ``2(1 + β)/λmax`` with momentum ``β``.

    Near a minimum, ``f`` is close to a quadratic with Hessian ``H``; one step multiplies the error
    along an eigenvector with eigenvalue ``λ`` by ``1 − ηλ``, which shrinks only if ``η < 2/λ``.
    With momentum the error ``e`` and the velocity evolve together, ``e_{k+1} = (1 + β − ηλ) e_k
    − β e_{k−1}``; for ``0 ≤ β < 1`` both roots of ``r² − (1 + β − ηλ) r + β`` lie inside the
    unit circle exactly when ``0 < ηλ < 2(1 + β)`` (at the limit one root is −1). This is the
    quadratic model's bound: farther from the minimum the landscape's own shape decides.

    Raises
    ------
    ValueError
        If the Hessian at ``point`` is not positive definite (not a minimum), or ``momentum`` is
        not a finite number with ``0 <= momentum < 1``.
    """
    if not isinstance(landscape, Landscape):
        raise TypeError(f"landscape must be a Landscape, got {landscape!r}")
    beta = _validate.momentum("momentum", momentum)
    p, single = _validate.points("point", point, landscape.dim)
    if not single:
        raise ValueError(f"point must be one point of shape ({landscape.dim},), got {p.shape}")
    eig = np.linalg.eigvalsh(landscape.hessian(p[0]))
    if not np.all(eig > 0):
        raise ValueError(
            "point must be a minimum (Hessian positive definite); "
            f"its eigenvalues are {eig.tolist()}"
        )
    return float(2.0 * (1.0 + beta) / eig.max())


@dataclass(frozen=True)
class BasinMap:
    """Which minimum each start on a grid reaches (with noise: how likely each one is).

    Attributes
    ----------
    axes : tuple of (K,) float arrays
        The start coordinates along each variable.
    labels : (K,) or (K, K) int array
        Index into ``minima`` of the minimum each start reaches, or ``-1`` for none (it diverged, or
        ended farther than ``radius`` from every minimum). In 2D, ``labels[i, j]`` is the start
        ``(axes[0][j], axes[1][i])``: rows are y, as in an image. With several runs, the most
        probable end: the minimum reached most often (the first in ``minima`` order on a tie), or
        ``-1`` where more runs reached none than reached any one minimum.
    minima : tuple of CriticalPoint
        The landscape's minima, in :func:`critical_points` order.
    shares : (len(minima),) float array
        The fraction of starts that reach each minimum (with several runs, of all runs from all
        starts).
    share_none : float
        The fraction that reach none.
    final : (K, d) or (K, K, d) float array
        Where each start's run ended, laid out like ``labels`` (the first run's, with several).
    diverged : (K,) or (K, K) bool array
        Which runs diverged (their ``final`` is the last accepted point; the first run's).
    probabilities : (K, m) or (K, K, m) float array
        The fraction of the runs from each start that end at each of the ``m`` minima (0 or 1
        with one run).
    probability_none : (K,) or (K, K) float array
        The fraction that end at none: with ``probabilities`` it sums to 1 at every start.
    runs : int
        Runs from each start (more than one only with noise, each with its own draws).
    """

    axes: tuple[Array, ...]
    labels: np.ndarray
    minima: tuple[CriticalPoint, ...]
    shares: Array
    share_none: float
    final: Array
    diverged: np.ndarray
    probabilities: Array | None = None
    probability_none: Array | None = None
    runs: int = 1

    @property
    def global_share(self) -> float:
        """The fraction of starts that reach the global minimum."""
        return float(
            sum(s for m, s in zip(self.minima, self.shares, strict=True) if m.is_global_min)
        )


def basins(
    landscape: Landscape,
    *,
    learning_rate: float,
    epochs: int,
    grid: int,
    radius: float = 1e-3,
    ascent: bool = False,
    max_work: int = DEFAULT_MAX_WORK,
    momentum: float = 0.0,
    noise: float = 0.0,
    runs: int = 1,
    seed: int = 0,
) -> BasinMap:
    """Run descent from a ``grid``-per-axis lattice of starts; label each by the minimum it reaches.

    With ``ascent=True`` the "minima" are the maxima (the points ascent climbs to). With
    ``noise=σ > 0``, ``runs`` runs from each start, each with its own draws, give the probability
    of ending at each minimum (``probabilities``, ``probability_none``).

    Parameters
    ----------
    landscape : Landscape
        1D or 2D.
    learning_rate, epochs : float, int
        As in :func:`~gdcore.descend`.
    grid : int
        Starts per axis (at least 2).
    radius : float
        How close the end point must be to a minimum to count as reaching it. With noise the
        ball never settles: it jitters about the minimum, in the quadratic model (plain descent,
        small ``ηλ``) by about ``σ√(η/(2λ))`` along an eigenvector with eigenvalue ``λ``; take a
        radius a few times that.
    max_work : int
        Refuse (ValueError) more work than this: the runs' (runs × starts × epochs × the
        operations of an epoch) and :func:`critical_points`'.
    momentum, noise : float
        As in :func:`~gdcore.descend`.
    runs : int
        Runs from each start; more than one needs ``noise > 0`` (without it, every run is the same).
    seed : int
        The noise's seed. Run ``r`` of the start with flat index ``j`` (``K·i + j`` for
        ``labels[i, j]``) draws from stream ``r·K^d + j``: it equals
        ``descend(landscape, start, ..., seed=seed, stream=r * K**d + j)``.
    """
    if not isinstance(landscape, Landscape):
        raise TypeError(f"landscape must be a Landscape, got {landscape!r}")
    if landscape.dim not in (1, 2):
        raise ValueError(f"basins needs a 1D or 2D landscape, got {landscape.dim}D")
    grid = _validate.positive_int("grid", grid)
    if grid < 2:
        raise ValueError(f"grid must be an integer >= 2, got {grid}")
    radius = _validate.positive_finite("radius", radius)
    runs = _validate.positive_int("runs", runs)
    sigma = _validate.nonnegative_finite("noise", noise)
    if runs > 1 and sigma == 0:
        raise ValueError(f"runs must be 1 without noise (every run would be the same), got {runs}")
    axes = tuple(np.linspace(lo, hi, grid) for lo, hi in landscape.domain)
    mesh = np.meshgrid(*axes)  # "xy" indexing: rows are y
    starts = np.stack([m.ravel() for m in mesh], axis=-1)
    n = len(starts)
    _validate.positive_finite("learning_rate", learning_rate)
    beta = _validate.momentum("momentum", momentum)
    epochs = _validate.positive_int("epochs", epochs)
    max_work = _validate.positive_int("max_work", max_work)
    ops = operations(landscape, beta, sigma)
    check_work(
        f"basins: {runs:,} run{'s' if runs > 1 else ''} × {n:,} starts × {_count(epochs + 1)} "
        f"evaluations × {ops} operations",
        runs * work(n, epochs + 1, ops),
        max_work,
    )
    target = "max" if ascent else "min"
    minima = tuple(c for c in critical_points(landscape, max_work=max_work) if c.kind == target)
    counts = np.zeros((n, len(minima) + 1), dtype=np.int64)  # the last column: no minimum
    for r in range(runs):
        run = descend(
            landscape,
            starts,
            learning_rate=learning_rate,
            epochs=epochs,
            ascent=ascent,
            keep_path=False,
            max_work=max_work,
            momentum=beta,
            noise=sigma,
            seed=seed,
            stream=r * n,
        )
        if r == 0:
            first = run
        labels = np.full(n, -1)
        if minima:
            centres = np.stack([m.x for m in minima])
            dist = norms(run.final[:, None, :] - centres[None])
            nearest = dist.argmin(axis=1)
            ok = (dist[np.arange(n), nearest] <= radius) & (run.status != DIVERGED)
            labels[ok] = nearest[ok]
        counts[np.arange(n), labels] += 1  # -1 is the last column
    if runs == 1:
        best = labels
    else:  # the most probable end: a minimum on a tie with none
        best = np.where(counts[:, :-1].max(axis=1, initial=0) >= counts[:, -1],
                        counts[:, :-1].argmax(axis=1) if minima else -1, -1)  # fmt: skip
    total = counts.sum(axis=0)
    shape = mesh[0].shape
    return BasinMap(
        axes, best.reshape(shape), minima, total[:-1] / (runs * n), float(total[-1] / (runs * n)),
        first.final.reshape(*shape, landscape.dim), (first.status == DIVERGED).reshape(shape),
        (counts[:, :-1] / runs).reshape(*shape, len(minima)), (counts[:, -1] / runs).reshape(shape),
        runs,
    )  # fmt: skip


def random_restart_success(share: float, restarts: int) -> float:
    """The chance that at least one of ``restarts`` independent random starts reaches a target whose
    basin holds the fraction ``share`` of the starts: ``1 − (1 − share)**restarts``."""
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
        raise ValueError(f"share must be a number in [0, 1], got {share!r}")
    restarts = _validate.positive_int("restarts", restarts)
    return 1.0 - (1.0 - float(share)) ** restarts
