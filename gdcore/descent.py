"""Plain gradient descent, ``x ← x − η ∇f(x)``, from one start or many at once.

The outcome of a run is data, as in ``scipy.optimize.OptimizeResult``: a :class:`Trajectory` says
whether each start converged (gradient norm at most ``tol``), finished its epochs, or diverged
(the next step would be non-finite or beyond ``bound``: the run stops at the last good point).
Leaving the landscape's view domain is reported in ``left_domain`` and is not a reason to stop.

One start runs on Python floats (numpy's per-call overhead would cost more than the arithmetic);
many starts run as one broadcast computation on columns, giving the slot of each start that stops
to a running one. Both evaluate the same generated gradient program (:meth:`Landscape.program`)
and take their steps with the code emitted from the one update rule (:mod:`gdcore.rule`); the
tests hold them equal.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from gdcore import _validate, rule
from gdcore._typing import Array, ArrayLike
from gdcore.landscape import Landscape
from gdcore.program import MATH_ERRORS, compile_source

Status = Literal["converged", "finished", "diverged"]
CONVERGED: Status = "converged"
FINISHED: Status = "finished"
DIVERGED: Status = "diverged"

#: Default distance from the origin (in any coordinate) beyond which a run counts as diverged.
DEFAULT_BOUND = 1e6
#: Default bound on a call's work, in elementary operations (see :func:`work`): seconds to a
#: minute or so. Pass ``max_work`` to raise it deliberately.
DEFAULT_MAX_WORK = 10**10
#: A batch is counted as at least this many starts: numpy's cost per call, and Python's per
#: operation on one start, are each worth about this many elementwise operations.
MIN_BATCH = 64
#: ``keep_path=True`` keeps at most this many floats (8 bytes each).
MAX_PATH_FLOATS = 10**8

_MESSAGES = {
    CONVERGED: "converged: the gradient norm fell to the tolerance",
    FINISHED: "finished: ran every epoch",
    DIVERGED: "diverged: the next step was not finite or beyond the bound; stopped before it",
}


@dataclass(frozen=True, eq=False)
class Trajectory:
    """The result of :func:`descend`.

    For one start (``start`` of shape ``(d,)``) the per-start fields are scalars and the arrays drop
    their first axis; for ``n`` starts they carry a leading axis of length ``n``. ``T`` is
    ``max(epochs_run) + 1``; a start that stopped early repeats its final point (and final value and
    gradient norm) up to ``T``, so no array holds NaN. With ``keep_path=False`` the three per-epoch
    arrays are ``None``.

    Attributes
    ----------
    path : ([n,] T, d) float array or None
        The iterates, the start included.
    values : ([n,] T) float array or None
        ``f`` at each iterate.
    grad_norms : ([n,] T) float array or None
        ``‖∇f‖`` at each iterate.
    final : ([n,] d) float array
        The last accepted point.
    final_value, final_grad_norm : float or (n,) float array
        ``f`` and ``‖∇f‖`` there.
    epochs_run : int or (n,) int array
        Steps taken.
    status : str or (n,) str array
        ``"converged"``, ``"finished"`` or ``"diverged"``.
    left_domain : bool or (n,) bool array
        Whether any iterate lay outside the landscape's domain.
    """

    landscape: Landscape
    learning_rate: float
    epochs: int
    ascent: bool
    tol: float | None
    path: Array | None
    values: Array | None
    grad_norms: Array | None
    final: Array
    final_value: float | Array
    final_grad_norm: float | Array
    epochs_run: int | np.ndarray
    status: Status | np.ndarray
    left_domain: bool | np.ndarray

    def __repr__(self) -> str:
        what = f"{self.final.shape[0]} starts" if self.batched else f"final={self.final.tolist()}"
        return (
            f"Trajectory({self.landscape.name!r}, {what}, learning_rate={self.learning_rate}, "
            f"epochs={self.epochs}, status={self.status!r})"
        )

    @property
    def batched(self) -> bool:
        """Whether this holds many starts (a leading axis ``n``)."""
        return np.ndim(self.final) == 2

    @property
    def message(self) -> str | list[str]:
        """The status in words, one per start."""
        if self.batched:
            return [_MESSAGES[s] for s in self.status]
        return _MESSAGES[self.status]


def work(n_points: int, repeats: int, operations: int) -> int:
    """The work of ``repeats`` evaluations of a program of ``operations`` elementary operations
    at ``n_points`` points, in elementary operations, a batch counting as at least
    :data:`MIN_BATCH` points."""
    return max(n_points, MIN_BATCH) * repeats * max(operations, 1)


def _count(n: int) -> str:
    """A count for a message: with thousands separators, or ``1e+400`` when long."""
    return f"{n:,}" if n < 10**15 else _magnitude(n)


def _magnitude(n: int) -> str:
    """A large count in ``%.2g`` form, also beyond float64 (``float(10**400)`` overflows)."""
    try:
        return f"{n:.2g}"
    except OverflowError:
        return f"1e+{int(n.bit_length() * math.log10(2))}"


def check_work(what: str, amount: int, max_work: int, option: str = "max_work") -> None:
    """Raise ValueError, saying the limit and how to raise it, if ``amount > max_work``."""
    if amount > max_work:
        raise ValueError(
            f"{what} is about {_magnitude(amount)} elementary operations, over the limit "
            f"{option}={_magnitude(max_work)}; pass a larger {option} to run it anyway (the "
            f"default, {DEFAULT_MAX_WORK:.0e}, is about a minute)"
        )


#: ``‖g‖²`` at or above this, and finite, was computed without underflow or overflow (a square
#: below the normal range, 2^-1022, loses at most 2^-74 of it): its square root is ``‖g‖``.
TINY2 = 2.0**-1000


def norms(v: ArrayLike) -> Array:
    """Euclidean norms along the last axis without overflow or underflow.

    Each vector is scaled by its largest entry, so ``(1e200, 1e200)`` has the norm 1.41e200 (its
    squares overflow) and ``(1e-170, 0)`` the norm 1e-170 (its square underflows). Infinite
    where an entry is not finite. The engine's one norm: :func:`descend` uses it wherever
    ``‖g‖²`` leaves float64's exact range (:data:`TINY2`), :mod:`gdcore.analysis` everywhere.
    """
    v = np.asarray(v, dtype=np.float64)
    with np.errstate(all="ignore"):
        big = np.abs(v).max(axis=-1, keepdims=True)
        scale = np.where((big > 0) & np.isfinite(big), big, 1.0)
        scaled = v / scale
        total = scaled[..., 0] * scaled[..., 0]
        for j in range(1, v.shape[-1]):
            total = total + scaled[..., j] * scaled[..., j]
        return np.where(np.isfinite(big[..., 0]), scale[..., 0] * np.sqrt(total), np.inf)


def _norm(v: tuple[float, ...]) -> float:
    """:func:`norms` of one vector, for the one-start loop (the same operations)."""
    return float(norms(np.array(v, dtype=np.float64)))


def _gradient_norms(columns: list[Array]) -> Array:
    """``‖g‖`` from the columns of ``g``, as both descent loops compute it: ``sqrt(Σ g²)`` where
    ``Σ g²`` lies in ``[TINY2, inf)``, else :func:`norms`."""
    with np.errstate(all="ignore"):
        g2 = columns[0] * columns[0]
        for c in columns[1:]:
            g2 = g2 + c * c
        out = np.sqrt(g2)
    odd = ~((g2 >= TINY2) & (g2 < math.inf))
    if odd.any():
        out[odd] = norms(np.stack([c[odd] for c in columns], axis=-1))
    return out


def _decode(e: Array) -> Array:
    """Gradient norms from what the loops store: ``‖g‖²`` (positive, in range) or ``-‖g‖``."""
    with np.errstate(all="ignore"):
        return np.where(e > 0, np.sqrt(np.abs(e)), -e)


def _limits(tol: float | None, bound: float) -> tuple[float, float, float, bool]:
    """``tol`` (−1 for none), ``tol²`` (−1 for none; 0 or inf where it leaves float64, which the
    in-range test still reads right), ``min(bound², largest float)`` and whether ``bound²``
    overflowed (a point beyond 1.3e154 is then measured by :func:`norms`)."""
    bound2 = bound * bound
    if tol is None:
        return -1.0, -1.0, min(bound2, _LARGEST), bound2 == math.inf
    return tol, tol * tol, min(bound2, _LARGEST), bound2 == math.inf


_LARGEST = float(np.finfo(np.float64).max)


def descend(
    landscape: Landscape,
    start: ArrayLike,
    *,
    learning_rate: float,
    epochs: int,
    ascent: bool = False,
    tol: float | None = None,
    bound: float = DEFAULT_BOUND,
    keep_path: bool = True,
    max_work: int = DEFAULT_MAX_WORK,
) -> Trajectory:
    """Run gradient descent (or ascent) on ``landscape``.

    Each epoch is one step ``x ← x − η ∇f(x)`` (``+`` with ``ascent=True``), for all starts at once,
    as :mod:`gdcore.rule` defines it.

    Parameters
    ----------
    landscape : Landscape
        The function to descend.
    start : (d,) or (n, d) array_like
        One starting point, or ``n`` of them. For a 1D landscape a bare number is one start.
    learning_rate : float
        The step size ``η`` > 0.
    epochs : int
        The number of steps, at least 1.
    ascent : bool
        Climb instead (gradient ascent).
    tol : float, optional
        Stop a start as converged once ``‖∇f‖ ≤ tol``. ``None`` (the default) runs every epoch.
    bound : float
        A step that lands beyond ``bound`` in any coordinate (or on a non-finite value) is refused
        and the start is reported as diverged.
    keep_path : bool
        Keep every iterate. ``False`` keeps only the final state (for large grids of starts).
        At most :data:`MAX_PATH_FLOATS` numbers are kept.
    max_work : int
        Refuse (ValueError) a run whose work, starts × (epochs + 1) × the operations of one
        gradient evaluation (:func:`work`), exceeds this; the default allows about a minute.

    Returns
    -------
    Trajectory

    Examples
    --------
    >>> from gdcore import descend, get_landscape
    >>> run = descend(get_landscape("peaks"), (0, 1.4), learning_rate=0.01, epochs=1000)
    >>> run.final.round(6).tolist(), run.status
    ([0.296446, 0.320196], 'finished')
    """
    if not isinstance(landscape, Landscape):
        raise TypeError(f"landscape must be a Landscape, got {landscape!r}")
    lr = _validate.positive_finite("learning_rate", learning_rate)
    epochs = _validate.positive_int("epochs", epochs)
    tol = _validate.optional_positive_finite("tol", tol)
    bound = _validate.positive_finite("bound", bound)
    max_work = _validate.positive_int("max_work", max_work)
    starts, single = _validate.points("start", start, landscape.dim)
    n = starts.shape[0]
    operations = len(landscape.program("value_gradient").ops) + 3 * landscape.dim
    check_work(
        f"descend: {n:,} start{'s' if n > 1 else ''} × {_count(epochs + 1)} evaluations × "
        f"{operations} operations",
        work(n, epochs + 1, operations),
        max_work,
    )
    if keep_path and n * (epochs + 1) * (landscape.dim + 2) > MAX_PATH_FLOATS:
        raise ValueError(
            f"keep_path=True would keep {n * (epochs + 1) * (landscape.dim + 2):.2g} numbers "
            f"(limit {MAX_PATH_FLOATS:.0g}); pass keep_path=False to keep only the final state"
        )
    step = rule.signed_step(lr, bool(ascent))
    fields = (_descend_one if single else _descend_many)(
        landscape, starts, step, epochs, tol, bound, keep_path
    )
    return Trajectory(landscape, lr, epochs, bool(ascent), tol, **fields)


# --- one start: a generated loop on Python floats ---------------------------------------------
_SCALAR_LOOPS: weakref.WeakKeyDictionary[Landscape, Callable] = weakref.WeakKeyDictionary()

_SCALAR_LOOP = """\
def _loop(_start, _step, _epochs, _tol, _tol2, _bound, _bound2, _wide, _lows, _highs, _keep):
    {c} = _start
    {x} = _start
    _f = _e = _nan
    _path, _vals, _es = [], [], []
    _left = False
    _status = "finished"
    _k = 0
    while True:
        try:
{body}
            _ve = {g2}
        except _errors:
            _vf = _ve = {gt_nan}_nan
        if not (_tiny2 <= _ve < _inf and {r2} <= _bound2):
            # Rare: |g|² left float64's exact range (|g| beyond 1e154 or below 1e-150), or g is
            # not finite (then |g| is inf), or the point is beyond the bound: |g| is scaled by
            # its largest entry and kept as -|g|, the point measured likewise if the bound is wide.
            if not _tiny2 <= _ve < _inf:
                _ve = -_norm(({gt}))
            if not (_ve > _ninf and ({r2} <= _bound2 or (_wide and _norm(({ct})) <= _bound))):
                _status = "diverged"
                if _k == 0:
                    _f, _e = _vf, _ve
                else:
                    _k -= 1
                break
        {x} = {c}
        _f, _e = _vf, _ve
        if _keep:
            _path.append({ct})
            _vals.append(_vf)
            _es.append(_ve)
        if not _left and not ({inside}):
            _left = True
        if _ve <= _tol2 and (_ve > 0 or -_ve <= _tol):  # |g|² ≤ tol², or -|g| with |g| ≤ tol
            _status = "converged"
            break
        if _k == _epochs:
            break
        _k += 1
{step}
    return _status, _k, {xt}, _f, _e, _left, _path, _vals, _es
"""


def _scalar_loop(landscape: Landscape) -> Callable:
    """Generate the whole descent loop for ``landscape``, with the gradient program and the update
    rule inlined (no calls: a call per epoch would double the time of a 1000-step path)."""
    if landscape not in _SCALAR_LOOPS:
        d = landscape.dim
        c = [f"_c{i}" for i in range(d)]
        g = [f"_vg{i}" for i in range(d)]
        lines = landscape.program("value_gradient").scalar_lines(c, ["_vf", *g])
        src = _SCALAR_LOOP.format(
            c=", ".join(c) + ("," if d == 1 else ""),
            ct="(" + ", ".join(c) + ",)",
            xt="(" + ", ".join(f"_x{i}" for i in range(d)) + ",)",
            x=", ".join(f"_x{i}" for i in range(d)) + ("," if d == 1 else ""),
            body="".join(f"            {line}\n" for line in lines).rstrip("\n"),
            g2=" + ".join(f"{gi} * {gi}" for gi in g),
            gt=", ".join(g) + ",",
            gt_nan="".join(f"{gi} = " for gi in g),
            r2=" + ".join(f"{ci} * {ci}" for ci in c),
            inside=" and ".join(f"_lows[{i}] <= {ci} <= _highs[{i}]" for i, ci in enumerate(c)),
            step="\n".join(
                f"        {line}"
                for ci, gi in zip(c, g, strict=True)
                for line in rule.update_program().scalar_lines([ci, gi, "_step"], [ci])
            ),
        )
        loop = compile_source(src, "_loop")
        loop.__globals__.update(
            _nan=math.nan,
            _inf=math.inf,
            _ninf=-math.inf,
            _errors=MATH_ERRORS,
            _tiny2=TINY2,
            _norm=_norm,
        )
        _SCALAR_LOOPS[landscape] = loop
    return _SCALAR_LOOPS[landscape]


def _descend_one(
    landscape: Landscape,
    starts: Array,
    step: float,
    epochs: int,
    tol: float | None,
    bound: float,
    keep_path: bool,
) -> dict:
    """One start, on Python floats: the same operations as :func:`_descend_many`, without numpy."""
    lows, highs = zip(*landscape.domain, strict=True)
    tol_, tol2, bound2, wide = _limits(tol, bound)
    status, k, final, f, e, left, path, vals, es = _scalar_loop(landscape)(
        starts[0].tolist(), step, epochs, tol_, tol2, bound, bound2, wide, lows, highs, keep_path,
    )  # fmt: skip
    if keep_path and not path:  # the start itself was refused
        path, vals, es = [final], [f], [e]
    return {
        "path": np.array(path, dtype=np.float64) if keep_path else None,
        "values": np.array(vals, dtype=np.float64) if keep_path else None,
        "grad_norms": _decode(np.array(es, dtype=np.float64)) if keep_path else None,
        "final": np.array(final, dtype=np.float64),
        "final_value": float(f),
        "final_grad_norm": float(_decode(np.array(e))),
        "epochs_run": k,
        "status": status,
        "left_domain": left,
    }


# --- many starts: one broadcast computation ------------------------------------------------------
_GRADIENT_KERNELS: weakref.WeakKeyDictionary[Landscape, tuple] = weakref.WeakKeyDictionary()


def _gradient_kernel(landscape: Landscape) -> tuple[Callable[..., list[Array]], int]:
    """The gradient outputs of the ``value_gradient`` program alone: the same operations (so the
    same bits) as the full program, minus those only ``f`` needs."""
    if landscape not in _GRADIENT_KERNELS:
        program = landscape.program("value_gradient").select(range(1, landscape.dim + 1))
        _GRADIENT_KERNELS[landscape] = program.vector_function()
    return _GRADIENT_KERNELS[landscape]


class _Slots:
    """The running starts' data, one column (slot) per start, compacted in place as starts stop.

    ``state`` rows hold two points (current and previous, by turns) and the running extremes of
    the coordinates; ``work`` rows are the kernel's buffers (its outputs among them) plus two
    more. Code uses :attr:`rows`, views of the first ``m`` slots of each row. The slots of stopped
    starts are taken by running starts from the end: stopping ``r`` starts moves ``r`` columns.
    """

    def __init__(self, starts: Array, n_work: int) -> None:
        n, d = starts.shape
        self.m = n
        self.idx = np.arange(n)  # slot → start
        self.state = np.empty((4 * d, n))
        self.state[:d] = self.state[2 * d : 3 * d] = self.state[3 * d :] = starts.T
        self.work = np.empty((n_work, n))
        self._views()

    def _views(self) -> None:
        self.rows = [r[: self.m] for r in self.state]
        self.work_rows = [r[: self.m] for r in self.work]

    def remove(self, where: Array) -> None:
        """Drop the slots ``where`` (sorted, distinct, below ``m``)."""
        m_new = self.m - where.size
        holes = where[where < m_new]
        if holes.size:
            gone = np.zeros(self.m - m_new, dtype=bool)
            gone[where[where >= m_new] - m_new] = True
            movers = np.flatnonzero(~gone) + m_new
            for a in (self.state, self.work):
                a[:, holes] = a[:, movers]
            self.idx[holes] = self.idx[movers]
        self.m = m_new
        self._views()


def _descend_many(
    landscape: Landscape,
    starts: Array,
    step: float,
    epochs: int,
    tol: float | None,
    bound: float,
    keep_path: bool,
) -> dict:
    """Many starts as columns; each epoch is a fixed sequence of in-place ufunc calls.

    A start that stops (converged, or refused a step) is written out and its slot given to a
    running start, so no work is spent on stopped starts.
    """
    n, d = starts.shape
    # Without a path, f is not needed until the end: the gradient part of the same program.
    fn, n_buffers = (
        landscape.vector_function("value_gradient") if keep_path else _gradient_kernel(landscape)
    )
    tol_, tol2, bound2, wide = _limits(tol, bound)
    step_k = np.array(step)  # a 0-d array: numpy converts a Python float on every call
    update, n_update = rule.update_program().vector_function()

    final = starts.copy()
    epochs_run = np.zeros(n, dtype=np.int64)
    status = np.full(n, FINISHED, dtype="<U9")
    seen = np.concatenate([starts, starts], axis=1)  # per start: smallest, largest coordinates
    if keep_path:
        path = np.empty((epochs + 1, n, d))
        values = np.empty((epochs + 1, n))
        es = np.empty((epochs + 1, n))  # ‖g‖² where in range, else −‖g‖ (as the one-start loop)
        any_odd = False  # whether es holds any −‖g‖

    # + |g|², scratch rows for |g|² and the update rule, and |g| where |g|² leaves the range
    slots = _Slots(starts, n_buffers + 1 + max(1, n_update - 1) + 1)
    a, b, extremes = slice(0, d), slice(d, 2 * d), slice(2 * d, 4 * d)
    now, before = a, b  # the state rows of the current and the previous point
    buffers = slots.work_rows[:n_buffers]
    with np.errstate(all="ignore"):  # epoch 0: a start may be where f is not finite
        outputs = fn(*slots.rows[a], buffers)
    out_at = [next(i for i, r in enumerate(buffers) if r is o) for o in outputs]

    def stop(where: Array, point: slice, k: int, what: str) -> None:
        at = slots.idx[where]
        columns = slots.state[:, where]
        final[at] = columns[point].T
        seen[at] = columns[extremes].T
        epochs_run[at] = k
        status[at] = what
        slots.remove(where)

    # ``reach`` ≥ every running point's norm; within ``inner`` of the origin, a point is inside.
    reach = float(norms(starts).max())
    inner = min(min(-low, high) for low, high in landscape.domain)
    multiply, add, minimum, maximum = np.multiply, np.add, np.minimum, np.maximum

    def views() -> tuple:
        """The running slots' current point, extremes, kernel buffers, gradient, |g|², scratch,
        |g| (taken anew after a compaction)."""
        rows, work = slots.rows, slots.work_rows
        buffers = work[:n_buffers]
        g = [buffers[i] for i in out_at[-d:]]
        return (
            rows[now],
            rows[2 * d : 3 * d],
            rows[3 * d :],
            buffers,
            g,
            *work[n_buffers:][:2],
            work[-1],
        )

    with np.errstate(all="ignore"):
        for k in range(epochs + 1):
            cur, lo, hi, buffers, g, g2, scratch, gn = views()
            if k:  # (epoch 0's values were computed above)
                fn(*cur, buffers)
            multiply(g[0], g[0], g2)
            for gj in g[1:]:
                multiply(gj, gj, scratch)
                add(g2, scratch, g2)
            # Where |g|² left float64's exact range (|g| beyond 1e154 or below 1e-150, or not
            # finite), |g| is measured scaled, into ``gn``; ``odd`` says some start needs it.
            g2max, g2min = float(g2.max()), float(g2.min())
            odd = not (g2min >= TINY2 and g2max < math.inf)  # nan fails too
            if odd:
                gn[...] = _gradient_norms(g)
                gmax = float(gn.max())
            else:
                gmax = math.sqrt(g2max)
            # A point is refused if its gradient is not finite or it lies beyond the bound. The
            # per-point test runs only when a cheap whole-batch bound raises a doubt: ``reach``
            # bounds every running point's distance from the origin, and grows by at most
            # |step| * max‖g‖ per epoch.
            if (odd and not gmax < math.inf) or not reach <= bound:
                r2 = cur[0] * cur[0]
                for c in cur[1:]:
                    r2 += c * c
                inside = r2 <= bound2
                if wide and not inside.all():  # a bound beyond 1.3e154: r2 may have overflowed
                    inside = norms(np.stack(cur, axis=-1)) <= bound
                ok = inside & (gn < math.inf if odd else np.ones(slots.m, dtype=bool))
                any_ok = bool(ok.any())
                top = float(r2[ok].max()) if any_ok else 0.0
                reach = (
                    math.sqrt(top) if top < math.inf else float(norms(np.stack(cur, -1)[ok]).max())
                )
                if not any_ok:
                    gmax = 0.0
                elif odd:
                    gmax = float(gn[ok].max())
                else:
                    gmax = math.sqrt(float(g2[ok].max()))
                if not ok.all():
                    stop(np.flatnonzero(~ok), now if k == 0 else before, max(k - 1, 0), DIVERGED)
                    if slots.m == 0:
                        break
                    cur, lo, hi, buffers, g, g2, scratch, gn = views()
            # Accepted: keep the path (or track the extremes), then stop the converged starts.
            if keep_path:
                at = slots.idx[: slots.m]
                path[k, at] = np.stack(cur, axis=1)
                values[k, at] = buffers[out_at[0]]
                if odd:
                    es[k, at] = np.where((g2 >= TINY2) & (g2 < math.inf), g2, -gn)
                    any_odd = True
                else:
                    es[k, at] = g2
            elif reach > inner:  # some point may be outside the domain
                for j in range(d):
                    minimum(lo[j], cur[j], out=lo[j])
                    maximum(hi[j], cur[j], out=hi[j])
            if tol is not None and (odd or g2min <= tol2):  # (g2min bounds the running starts')
                if odd:
                    in_range = (g2 >= TINY2) & (g2 < math.inf)
                    done = np.where(in_range, g2 <= tol2, gn <= tol_)
                else:
                    done = g2 <= tol2
                if done.any():
                    stop(np.flatnonzero(done), now, k, CONVERGED)
                    if slots.m == 0:
                        break
                    cur, lo, hi, buffers, g, g2, scratch, gn = views()
            if k == epochs:
                stop(np.arange(slots.m), now, epochs, FINISHED)
                break
            # Step: the new point is written over the previous one, which becomes the current.
            new, update_scratch = slots.rows[before], slots.work_rows[n_buffers + 1 : -1]
            for j in range(d):
                (moved,) = update(cur[j], g[j], step_k, [new[j], *update_scratch])
                if moved is not new[j]:
                    np.copyto(new[j], moved)
            now, before = before, now
            reach += abs(step) * gmax

    # Values and gradient norms at the final points: the same program, so the same numbers.
    fn_all, n_all = landscape.vector_function("value_gradient")
    with np.errstate(all="ignore"):  # a start refused at epoch 0 may be non-finite there
        f_final, *g_final = fn_all(
            *[np.ascontiguousarray(final[:, j]) for j in range(d)],
            [np.empty(n) for _ in range(n_all)],
        )
        final_value = f_final.copy()
        final_gn = _gradient_norms(g_final)
    out = {
        "final": final,
        "final_value": final_value,
        "final_grad_norm": final_gn,
        "epochs_run": epochs_run,
        "status": status,
        "path": None,
        "values": None,
        "grad_norms": None,
    }
    if keep_path:
        t = int(epochs_run.max()) + 1
        stopped = np.arange(t)[:, None] >= epochs_run[None, :]  # (T, n): from its last point on
        path = np.where(stopped[..., None], final[None], path[:t])
        values = np.where(stopped, final_value[None], values[:t])
        with np.errstate(all="ignore"):  # es holds no number after a start stopped: not used
            gns = np.where(stopped, final_gn[None], _decode(es[:t]) if any_odd else np.sqrt(es[:t]))
        out["path"] = path.transpose(1, 0, 2).copy()
        out["values"] = values.T.copy()
        out["grad_norms"] = gns.T.copy()
        out["left_domain"] = ~landscape.contains(out["path"]).all(axis=1)
    else:
        lows, highs = np.array(landscape.domain).T
        out["left_domain"] = np.any((seen[:, :d] < lows) | (seen[:, d:] > highs), axis=1)
    return out
