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
from typing import Literal, NamedTuple

import numpy as np

from gdcore import _validate, rule
from gdcore import noise as gdnoise
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
    momentum, noise : float
        The run's ``β`` and ``σ`` (0: plain descent, the exact gradient).
    seed, stream : int
        The noise's seed and the first start's stream (see :func:`descend`).
    final_velocity : ([n,] d) float array or None
        With momentum, the velocity ``v`` that brought each start to its final point (zero for a
        start that took no step); None without momentum (the ball carries nothing between steps).
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
    momentum: float = 0.0
    noise: float = 0.0
    seed: int = 0
    stream: int = 0
    final_velocity: Array | None = None

    def __repr__(self) -> str:
        what = f"{self.final.shape[0]} starts" if self.batched else f"final={self.final.tolist()}"
        extra = "".join(
            f", {name}={value}"
            for name, value in (("momentum", self.momentum), ("noise", self.noise))
            if value
        )
        return (
            f"Trajectory({self.landscape.name!r}, {what}, learning_rate={self.learning_rate}, "
            f"epochs={self.epochs}{extra}, status={self.status!r})"
        )

    @property
    def batched(self) -> bool:
        """Whether this holds many starts (a leading axis ``n``)."""
        return np.ndim(self.final) == 2

    @property
    def message(self) -> str | list[str]:
        """The status in words, one per start."""
        words = dict(_MESSAGES)
        if self.momentum:
            words[CONVERGED] += ", and the ball came to rest (β‖v‖ ≤ η·tol)"
        if self.batched:
            return [words[s] for s in self.status]
        return words[self.status]


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


def operations(landscape: Landscape, momentum: float = 0.0, noise_size: float = 0.0) -> int:
    """Elementary operations per start and epoch of :func:`descend`: the value-and-gradient
    program, the step (plain; or velocity and position with momentum) and the gradient noise's
    draws (:data:`gdcore.noise.OPERATIONS` a pair)."""
    d = landscape.dim
    ops = len(landscape.program("value_gradient").ops) + 3 * d
    if momentum > 0:
        ops += 2 * d
    if noise_size > 0:
        ops += gdnoise.OPERATIONS * ((d + 1) // 2) + 2 * d
    return ops


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
    momentum: float = 0.0,
    noise: float = 0.0,
    seed: int = 0,
    stream: int = 0,
) -> Trajectory:
    """Run gradient descent (or ascent) on ``landscape``, with momentum and gradient noise if asked.

    Each epoch is one step ``x ← x − η ∇f(x)`` (``+`` with ``ascent=True``), for all starts at once,
    as :mod:`gdcore.rule` defines it. With ``momentum=β > 0`` the step is the heavy ball's:
    ``v ← βv − η∇f(x)``, ``x ← x + v``, from ``v₀ = 0``. With ``noise=σ > 0`` the gradient in the
    step is ``∇f(x) + σξ``, ``ξ`` standard normal draws from :mod:`gdcore.noise` (a model of a
    minibatch gradient); the recorded ``grad_norms`` stay ``‖∇f‖``.

    **The stopping rule** (with ``tol``): a start stops as converged where the ball is at rest:
    ``‖∇f(x)‖ ≤ tol`` and, with momentum, ``β‖v‖ ≤ η·tol``, where ``v`` is the velocity that
    brought it to ``x``: what it still carries into the next step is no larger than the step
    the gradient gives it at the tolerance, so the next step ``βv − η∇f`` is at most ``2η·tol``
    long. A moving ball that passes a point with a small gradient runs on. ``‖v‖`` is measured as
    ``‖∇f‖`` is (:func:`norms`). With noise the ball is never at rest (its next step has the
    spread ``ησ`` however small ``∇f`` is): a noisy run stops only on a refused step or after its
    epochs. With ``β = 0`` and ``σ = 0`` this is the plain rule ``‖∇f(x)‖ ≤ tol``.

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
        Stop a start as converged by the stopping rule above. ``None`` (the default) runs every
        epoch.
    bound : float
        A step that lands beyond ``bound`` in any coordinate (or on a non-finite value) is refused
        and the start is reported as diverged.
    keep_path : bool
        Keep every iterate. ``False`` keeps only the final state (for large grids of starts).
        At most :data:`MAX_PATH_FLOATS` numbers are kept.
    max_work : int
        Refuse (ValueError) a run whose work, starts × (epochs + 1) × the operations of one
        epoch (:func:`operations`, :func:`work`), exceeds this; the default allows about a minute.
    momentum : float
        The heavy ball's ``β``, ``0 ≤ β < 1``. 0 (the default) is plain descent, bit for bit.
    noise : float
        The gradient noise's size ``σ ≥ 0``. 0 (the default) is the exact gradient, bit for bit.
    seed : int
        The noise's seed, ``0 ≤ seed < 2³²``: the same seed gives the same run, here and in the
        browser's JavaScript.
    stream : int
        The noise stream of the first start; start ``i`` draws from stream ``stream + i``. So a
        start run alone with ``stream=i`` equals start ``i`` of a batch (every stream below 2⁵³).

    Returns
    -------
    Trajectory

    Examples
    --------
    >>> from gdcore import descend, get_landscape
    >>> run = descend(get_landscape("peaks"), (0, 1.4), learning_rate=0.01, epochs=1000)
    >>> run.final.round(6).tolist(), run.status
    ([0.296446, 0.320196], 'finished')
    >>> ball = descend(get_landscape("elongated_bowl"), (-2.5, 1.0), learning_rate=0.02,
    ...                epochs=1000, momentum=0.9, tol=1e-10)
    >>> ball.status, ball.epochs_run < 1000
    ('converged', True)
    """
    if not isinstance(landscape, Landscape):
        raise TypeError(f"landscape must be a Landscape, got {landscape!r}")
    lr = _validate.positive_finite("learning_rate", learning_rate)
    epochs = _validate.positive_int("epochs", epochs)
    tol = _validate.optional_positive_finite("tol", tol)
    bound = _validate.positive_finite("bound", bound)
    max_work = _validate.positive_int("max_work", max_work)
    beta = _validate.momentum("momentum", momentum)
    sigma = _validate.nonnegative_finite("noise", noise)
    seed = _validate.int_between("seed", seed, 0, gdnoise.MAX_SEED)
    starts, single = _validate.points("start", start, landscape.dim)
    n = starts.shape[0]
    stream = _validate.int_between("stream", stream, 0, gdnoise.MAX_STREAM - n + 1)
    ops = operations(landscape, beta, sigma)
    check_work(
        f"descend: {n:,} start{'s' if n > 1 else ''} × {_count(epochs + 1)} evaluations × "
        f"{ops} operations",
        work(n, epochs + 1, ops),
        max_work,
    )
    if keep_path and n * (epochs + 1) * (landscape.dim + 2) > MAX_PATH_FLOATS:
        raise ValueError(
            f"keep_path=True would keep {n * (epochs + 1) * (landscape.dim + 2):.2g} numbers "
            f"(limit {MAX_PATH_FLOATS:.0g}); pass keep_path=False to keep only the final state"
        )
    step = rule.signed_step(lr, bool(ascent))
    extras = _Extras(beta, lr * tol if tol is not None else 0.0, sigma, seed, stream)
    fields = (_descend_one if single else _descend_many)(
        landscape, starts, step, epochs, tol, bound, keep_path, extras
    )
    return Trajectory(
        landscape, lr, epochs, bool(ascent), tol, **fields,
        momentum=beta, noise=sigma, seed=seed, stream=stream,
    )  # fmt: skip


# --- one start: a generated loop on Python floats ---------------------------------------------
#: A noisy one-start run draws its noise this many epochs at a time
#: (:func:`gdcore.noise.normals_run`).
NOISE_CHUNK = 1024

#: Per landscape, its loops by (momentum, noisy).
_SCALAR_LOOPS: weakref.WeakKeyDictionary[Landscape, dict[tuple[bool, bool], Callable]] = (
    weakref.WeakKeyDictionary()
)

_SCALAR_LOOP = """\
def _loop(_start, _step, _epochs, _tol, _tol2, _bound, _bound2, _wide, _lows, _highs, _keep,
          _beta, _rest, _sigma, _key):
    {c} = _start
    {x} = _start
{init}    _f = _e = _nan
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
{accept}        _f, _e = _vf, _ve
        if _keep:
            _path.append({ct})
            _vals.append(_vf)
            _es.append(_ve)
        if not _left and not ({inside}):
            _left = True
{stop}        if _k == _epochs:
            break
        _k += 1
{step}
    return _status, _k, {xt}, _f, _e, _left, _path, _vals, _es, {vt}
"""
#: The stopping rule in the loop: |g|² ≤ tol², or -|g| with |g| ≤ tol (and, with momentum, a
#: ball at rest: β‖v‖ ≤ η·tol). A noisy run has no stopping rule: its ball is never at rest.
_STOP = """\
        if _ve <= _tol2 and (_ve > 0 or -_ve <= _tol){velocity}:
            _status = "converged"
            break
"""


def _scalar_loop(landscape: Landscape, momentum: bool = False, noisy: bool = False) -> Callable:
    """Generate the whole descent loop for ``landscape``, with the gradient program and the update
    rule inlined (no calls: a call per epoch would double the time of a 1000-step path): the plain
    rule, or with ``momentum`` the velocity and position rules, with ``noisy`` partials first."""
    loops = _SCALAR_LOOPS.setdefault(landscape, {})
    if (momentum, noisy) not in loops:
        d = landscape.dim
        c = [f"_c{i}" for i in range(d)]
        g = [f"_vg{i}" for i in range(d)]
        v = [f"_v{i}" for i in range(d)]  # the velocity of the accepted point
        w = [f"_w{i}" for i in range(d)]  # the velocity of the candidate point
        lines = landscape.program("value_gradient").scalar_lines(c, ["_vf", *g])
        step: list[str] = []
        partials = g
        if noisy:  # g + σξ, the draws of the epoch this step leaves (k − 1 after the count)
            partials = [f"_ng{i}" for i in range(d)]
            draws = [f"_n{i}" for i in range(d)]
            # the draws of a chunk of epochs at once (numpy), taken d at a time
            step += [
                "if _k > _dend:",
                f"    _dbuf = _normals_run(_key, _k - 1, min(_chunk, _epochs - _k + 1), {d})",
                f"    _dend, _o = _k - 1 + len(_dbuf) // {d}, 0",
                *(f"{n} = _dbuf[_o + {i}]" for i, n in enumerate(draws)),
                f"_o += {d}",
            ]
            for gi, ni, out in zip(g, draws, partials, strict=True):
                step += rule.noise_program().scalar_lines([gi, "_sigma", ni], [out])
        for ci, gi, vi, wi in zip(c, partials, v, w, strict=True):
            if momentum:
                step += rule.velocity_program().scalar_lines([vi, gi, "_step", "_beta"], [wi])
                step += rule.position_program().scalar_lines([ci, wi], [ci])
            else:
                step += rule.update_program().scalar_lines([ci, gi, "_step"], [ci])
        vt = "(" + ", ".join(v) + ",)"
        at_rest = f" and _beta * _norm({vt}) <= _rest" if momentum else ""
        src = _SCALAR_LOOP.format(
            c=", ".join(c) + ("," if d == 1 else ""),
            ct="(" + ", ".join(c) + ",)",
            xt="(" + ", ".join(f"_x{i}" for i in range(d)) + ",)",
            x=", ".join(f"_x{i}" for i in range(d)) + ("," if d == 1 else ""),
            init=(f"    {' = '.join([*v, *w])} = 0.0\n" if momentum else "")
            + ("    _dbuf, _dend, _o = (), 0, 0\n" if noisy else ""),
            accept="".join(f"        {vi} = {wi}\n" for vi, wi in zip(v, w, strict=True))
            if momentum
            else "",
            stop="" if noisy else _STOP.format(velocity=at_rest),
            body="".join(f"            {line}\n" for line in lines).rstrip("\n"),
            g2=" + ".join(f"{gi} * {gi}" for gi in g),
            gt=", ".join(g) + ",",
            gt_nan="".join(f"{gi} = " for gi in g),
            r2=" + ".join(f"{ci} * {ci}" for ci in c),
            inside=" and ".join(f"_lows[{i}] <= {ci} <= _highs[{i}]" for i, ci in enumerate(c)),
            step="\n".join(f"        {line}" for line in step),
            vt=vt if momentum else "None",
        )
        loop = compile_source(src, "_loop")
        loop.__globals__.update(
            _nan=math.nan,
            _inf=math.inf,
            _ninf=-math.inf,
            _errors=MATH_ERRORS,
            _tiny2=TINY2,
            _norm=_norm,
            _normals_run=gdnoise.normals_run,
            _chunk=NOISE_CHUNK,
        )
        loops[(momentum, noisy)] = loop
    return loops[(momentum, noisy)]


class _Extras(NamedTuple):
    """What a run adds to the plain rule: momentum ``beta`` (0: the plain rule), the velocity of a
    ball at rest ``rest`` (``η·tol``), noise ``sigma`` (0: none) and its ``seed`` and first
    ``stream``."""

    beta: float = 0.0
    rest: float = 0.0
    sigma: float = 0.0
    seed: int = 0
    stream: int = 0


def _descend_one(
    landscape: Landscape,
    starts: Array,
    step: float,
    epochs: int,
    tol: float | None,
    bound: float,
    keep_path: bool,
    extras: _Extras,
) -> dict:
    """One start, on Python floats: the same operations as :func:`_descend_many`, without numpy."""
    lows, highs = zip(*landscape.domain, strict=True)
    tol_, tol2, bound2, wide = _limits(tol, bound)
    momentum, noisy = extras.beta > 0, extras.sigma > 0
    key = gdnoise.stream_key(extras.seed, extras.stream) if noisy else 0
    status, k, final, f, e, left, path, vals, es, v = _scalar_loop(landscape, momentum, noisy)(
        starts[0].tolist(), step, epochs, tol_, tol2, bound, bound2, wide, lows, highs, keep_path,
        extras.beta, extras.rest, extras.sigma, key,
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
        "final_velocity": None if v is None else np.array(v, dtype=np.float64),
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

    ``state`` rows hold two points (current and previous, by turns), the running extremes of
    the coordinates and, with ``velocity``, the two points' velocities (zero at the start);
    ``work`` rows are the kernel's buffers (its outputs among them) plus a few more. Code uses
    :attr:`rows`, views of the first ``m`` slots of each row. The slots of stopped starts are
    taken by running starts from the end: stopping ``r`` starts moves ``r`` columns.
    """

    def __init__(self, starts: Array, n_work: int, velocity: bool = False) -> None:
        n, d = starts.shape
        self.m = n
        self.idx = np.arange(n)  # slot → start
        self.state = np.empty((6 * d if velocity else 4 * d, n))
        self.state[:d] = self.state[2 * d : 3 * d] = self.state[3 * d : 4 * d] = starts.T
        self.state[4 * d :] = 0.0
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
    extras: _Extras,
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
    momentum, noisy = extras.beta > 0, extras.sigma > 0
    beta_k, sigma_k = np.array(extras.beta), np.array(extras.sigma)
    update, n_update = rule.update_program().vector_function()
    velocity, n_velocity = rule.velocity_program().vector_function()
    position, n_position = rule.position_program().vector_function()
    add_noise, n_noise = rule.noise_program().vector_function()
    n_scratch = max(1, n_update - 1, n_velocity - 1, n_position - 1, n_noise - 1)
    if noisy:
        keys = gdnoise.stream_keys(extras.seed, extras.stream + np.arange(n, dtype=np.uint64))
        # every draw is at most LARGEST: a step's gradient is at most ‖∇f‖ + σ·LARGEST·√d
        noise_reach = extras.sigma * gdnoise.LARGEST * math.sqrt(d)

    final = starts.copy()
    final_velocity = np.zeros((n, d)) if momentum else None
    epochs_run = np.zeros(n, dtype=np.int64)
    status = np.full(n, FINISHED, dtype="<U9")
    seen = np.concatenate([starts, starts], axis=1)  # per start: smallest, largest coordinates
    if keep_path:
        path = np.empty((epochs + 1, n, d))
        values = np.empty((epochs + 1, n))
        es = np.empty((epochs + 1, n))  # ‖g‖² where in range, else −‖g‖ (as the one-start loop)
        any_odd = False  # whether es holds any −‖g‖

    # + |g|², scratch rows for |g|² and the rules, the noisy partial, and |g| where |g|² leaves
    # the range
    slots = _Slots(starts, n_buffers + 1 + n_scratch + 1 + 1, velocity=momentum)
    a, b, extremes = slice(0, d), slice(d, 2 * d), slice(2 * d, 4 * d)
    now, before = a, b  # the state rows of the current and the previous point
    vnow, vbefore = slice(4 * d, 5 * d), slice(5 * d, 6 * d)  # and of their velocities
    buffers = slots.work_rows[:n_buffers]
    with np.errstate(all="ignore"):  # epoch 0: a start may be where f is not finite
        outputs = fn(*slots.rows[a], buffers)
    out_at = [next(i for i, r in enumerate(buffers) if r is o) for o in outputs]

    def stop(where: Array, point: slice, vel: slice, k: int, what: str) -> None:
        at = slots.idx[where]
        columns = slots.state[:, where]
        final[at] = columns[point].T
        if momentum:
            final_velocity[at] = columns[vel].T
        seen[at] = columns[extremes].T
        epochs_run[at] = k
        status[at] = what
        slots.remove(where)

    # ``reach`` ≥ every running point's norm; within ``inner`` of the origin, a point is inside.
    # ``vreach`` ≥ every running velocity's norm.
    reach, vreach = float(norms(starts).max()), 0.0
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
            rows[3 * d : 4 * d],
            buffers,
            g,
            *work[n_buffers:][:2],
            work[-1],
        )

    def into(target: Array, result: Array) -> None:
        """Make sure a rule's output is in ``target`` (it may be left in a scratch row)."""
        if result is not target:
            np.copyto(target, result)

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
            # bounds every running point's distance from the origin, and grows by at most the
            # longest step (|step| * max‖g‖ without momentum) per epoch.
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
                    refused = np.flatnonzero(~ok)
                    if k == 0:
                        stop(refused, now, vnow, 0, DIVERGED)
                    else:
                        stop(refused, before, vbefore, k - 1, DIVERGED)
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
            # (g2min bounds the running starts'; a noisy ball is never at rest)
            if tol is not None and not noisy and (odd or g2min <= tol2):
                if odd:
                    in_range = (g2 >= TINY2) & (g2 < math.inf)
                    done = np.where(in_range, g2 <= tol2, gn <= tol_)
                else:
                    done = g2 <= tol2
                if momentum and done.any():  # and the ball at rest: β‖v‖ ≤ η·tol
                    maybe = np.flatnonzero(done)
                    v = np.stack([r[maybe] for r in slots.rows[vnow]], axis=-1)
                    done[maybe] = extras.beta * norms(v) <= extras.rest
                if done.any():
                    stop(np.flatnonzero(done), now, vnow, k, CONVERGED)
                    if slots.m == 0:
                        break
                    cur, lo, hi, buffers, g, g2, scratch, gn = views()
            if k == epochs:
                stop(np.arange(slots.m), now, vnow, epochs, FINISHED)
                break
            # Step: the new point is written over the previous one, which becomes the current
            # (and the new velocity over the previous point's).
            rows, work = slots.rows, slots.work_rows
            new, rule_scratch = rows[before], work[n_buffers + 1 : n_buffers + 1 + n_scratch]
            partials = g
            if noisy:  # g + σξ, with the draws of epoch k of each start's stream
                draws = gdnoise.normals_many(keys[slots.idx[: slots.m]], k, d)
                partials = [work[-2]] * d
            for j in range(d):
                if noisy:
                    into(
                        partials[j],
                        add_noise(g[j], sigma_k, draws[j], [work[-2], *rule_scratch])[0],
                    )
                if momentum:
                    (v_new,) = velocity(rows[vnow][j], partials[j], step_k, beta_k,
                                        [rows[vbefore][j], *rule_scratch])  # fmt: skip
                    into(rows[vbefore][j], v_new)
                    into(new[j], position(cur[j], rows[vbefore][j], [new[j], *rule_scratch])[0])
                else:
                    into(new[j], update(cur[j], partials[j], step_k, [new[j], *rule_scratch])[0])
            now, before = before, now
            vnow, vbefore = vbefore, vnow
            longest = gmax + noise_reach if noisy else gmax
            if momentum:
                vreach = extras.beta * vreach + abs(step) * longest
                reach += vreach
            else:
                reach += abs(step) * longest

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
        "final_velocity": final_velocity,
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
