"""Plain gradient descent, ``x ← x − η ∇f(x)``, from one start or many at once.

The outcome of a run is data, as in ``scipy.optimize.OptimizeResult``: a :class:`Trajectory` says
whether each start converged (gradient norm at most ``tol``), finished its epochs, or diverged
(the next step would be non-finite or beyond ``bound``: the run stops at the last good point).
Leaving the landscape's view domain is reported in ``left_domain`` and is not a reason to stop.

One start runs on Python floats (numpy's per-call overhead would cost more than the arithmetic);
many starts run as one broadcast computation on columns, dropping the starts that have stopped.
Both evaluate the same generated code (:meth:`Landscape.kernel`), and the tests hold them equal.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from gdcore import _validate
from gdcore._typing import Array, ArrayLike
from gdcore.landscape import Landscape
from gdcore.program import MATH_ERRORS, compile_source

Status = Literal["converged", "finished", "diverged"]
CONVERGED: Status = "converged"
FINISHED: Status = "finished"
DIVERGED: Status = "diverged"

#: Default distance from the origin (in any coordinate) beyond which a run counts as diverged.
DEFAULT_BOUND = 1e6

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
) -> Trajectory:
    """Run gradient descent (or ascent) on ``landscape``.

    Each epoch is one step ``x ← x − η ∇f(x)`` (``+`` with ``ascent=True``), for all starts at once.

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
    starts, single = _validate.points("start", start, landscape.dim)
    step = lr if ascent else -lr  # x_new = x + step * g
    run = _descend_one if single else _descend_many
    fields = run(landscape, starts, step, epochs, tol, bound, keep_path)
    return Trajectory(landscape, lr, epochs, bool(ascent), tol, **fields)


# --- one start: a generated loop on Python floats ---------------------------------------------
_SCALAR_LOOPS: weakref.WeakKeyDictionary[Landscape, Callable] = weakref.WeakKeyDictionary()

_SCALAR_LOOP = """\
def _loop(_start, _step, _epochs, _tol2, _bound2, _lows, _highs, _keep):
    {c} = _start
    {x} = _start
    _f = _g2 = _nan
    _path, _vals, _g2s = [], [], []
    _left = False
    _status = "finished"
    _k = 0
    while True:
        try:
{body}
            _vg2 = {g2}
        except _errors:
            _vf = _vg2 = _nan
        if not (_vg2 < _inf and {r2} <= _bound2):  # nan fails every comparison
            _status = "diverged"
            if _k == 0:
                _f, _g2 = _vf, _vg2
            else:
                _k -= 1
            break
        {x} = {c}
        _f, _g2 = _vf, _vg2
        if _keep:
            _path.append({ct})
            _vals.append(_vf)
            _g2s.append(_vg2)
        if not _left and not ({inside}):
            _left = True
        if _vg2 <= _tol2:
            _status = "converged"
            break
        if _k == _epochs:
            break
        _k += 1
{step}
    return _status, _k, {xt}, _f, _g2, _left, _path, _vals, _g2s
"""


def _scalar_loop(landscape: Landscape) -> Callable:
    """Generate the whole descent loop for ``landscape`` with the gradient inlined (no calls)."""
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
            r2=" + ".join(f"{ci} * {ci}" for ci in c),
            inside=" and ".join(f"_lows[{i}] <= {ci} <= _highs[{i}]" for i, ci in enumerate(c)),
            step="\n".join(
                f"        {ci} = {ci} + _step * {gi}" for ci, gi in zip(c, g, strict=True)
            ),
        )
        loop = compile_source(src, "_loop")
        loop.__globals__.update(_nan=math.nan, _inf=math.inf, _errors=MATH_ERRORS)
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
    status, k, final, f, g2, left, path, vals, g2s = _scalar_loop(landscape)(
        starts[0].tolist(), step, epochs, -1.0 if tol is None else tol * tol, bound * bound,
        lows, highs, keep_path,
    )  # fmt: skip
    if keep_path and not path:  # the start itself was refused
        path, vals, g2s = [final], [f], [g2]
    return {
        "path": np.array(path, dtype=np.float64) if keep_path else None,
        "values": np.array(vals, dtype=np.float64) if keep_path else None,
        "grad_norms": np.sqrt(np.array(g2s, dtype=np.float64)) if keep_path else None,
        "final": np.array(final, dtype=np.float64),
        "final_value": float(f),
        "final_grad_norm": math.sqrt(g2) if g2 >= 0 else math.nan,
        "epochs_run": k,
        "status": status,
        "left_domain": left,
    }


# --- many starts: one broadcast computation ------------------------------------------------------
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

    Starts that stop (converged, or refused a step) are written out and dropped from the columns.
    """
    n, d = starts.shape
    fn, n_buffers = landscape.vector_function("value_gradient")
    tol2 = -1.0 if tol is None else tol * tol
    bound2 = bound * bound
    lows = np.array([lo for lo, _ in landscape.domain])
    highs = np.array([hi for _, hi in landscape.domain])

    final = starts.copy()
    epochs_run = np.zeros(n, dtype=np.int64)
    status = np.full(n, FINISHED, dtype="<U9")
    seen_lo, seen_hi = starts.copy(), starts.copy()  # per start: smallest/largest coordinates seen
    if keep_path:
        path = np.empty((epochs + 1, n, d))
        values = np.empty((epochs + 1, n))
        g2s = np.empty((epochs + 1, n))

    # Active columns (compacted as starts stop): current point, previous point, running extremes.
    idx = np.arange(n)
    cur = [starts[:, j].copy() for j in range(d)]
    prev = [np.empty(n) for _ in range(d)]
    lo_act = [c.copy() for c in cur]
    hi_act = [c.copy() for c in cur]
    store = [np.empty(n) for _ in range(n_buffers + 1)]
    buffers, g2 = store[:-1], store[-1]

    done = np.zeros(
        n, dtype=bool
    )  # active slots already written out, dropped at the next compaction

    def write_out(where: np.ndarray, cols: list[Array], run: int, what: str) -> None:
        w = np.flatnonzero(where)
        at = idx[w]
        for j in range(d):
            final[at, j] = cols[j][w]
            seen_lo[at, j] = lo_act[j][w]
            seen_hi[at, j] = hi_act[j][w]
        epochs_run[at] = run
        status[at] = what

    # ``reach`` ≥ every active point's norm; within ``inner`` of the origin, a point is inside.
    reach = float(np.sqrt((starts * starts).sum(axis=1).max()))
    inner = float(np.min(np.minimum(-lows, highs)))
    with np.errstate(all="ignore"):
        for k in range(epochs + 1):
            f, *g = fn(*cur, buffers)
            np.multiply(g[0], g[0], out=g2)
            for gj in g[1:]:
                g2 += gj * gj
            # A point is refused if its gradient is not finite or it lies beyond the bound. The
            # per-point test runs only when a cheap whole-batch bound raises a doubt: ``reach``
            # bounds every active point's distance from the origin, and grows by at most
            # |step| * max‖g‖ per epoch.
            g2max = float(g2.max())
            bad = conv = None
            if not (g2max < math.inf and reach <= bound):  # nan fails too
                r2 = cur[0] * cur[0]
                for c in cur[1:]:
                    r2 += c * c
                bad = ~((g2 < math.inf) & (r2 <= bound2)) & ~done
                if k == 0:
                    write_out(bad, cur, 0, DIVERGED)
                else:
                    write_out(bad, prev, k - 1, DIVERGED)
                done |= bad
                good = ~done
                reach = math.sqrt(float(r2[good].max())) if good.any() else 0.0
                g2max = float(g2[good].max()) if good.any() else 0.0
            if tol is not None:
                conv = (g2 <= tol2) & ~done
                if conv.any():
                    # accepted, then stopped: its extremes include this point
                    for j in range(d):
                        np.minimum(lo_act[j], cur[j], out=lo_act[j], where=conv)
                        np.maximum(hi_act[j], cur[j], out=hi_act[j], where=conv)
                    write_out(conv, cur, k, CONVERGED)
                    if keep_path:
                        path[k, idx[conv]] = np.stack([c[conv] for c in cur], axis=1)
                        values[k, idx[conv]], g2s[k, idx[conv]] = f[conv], g2[conv]
                    done |= conv
            n_done = int(np.count_nonzero(done)) if (bad is not None or conv is not None) else 0
            if n_done == idx.size:
                break
            if n_done > max(32, idx.size // 8):  # drop the stopped starts
                go = ~done
                idx, done = idx[go], done[go]
                cur, prev = [c[go] for c in cur], [c[go] for c in prev]
                lo_act, hi_act = [c[go] for c in lo_act], [c[go] for c in hi_act]
                f, g, g2_act = f[go], [gj[go] for gj in g], g2[go]
                buffers, g2 = [b[: idx.size] for b in store[:-1]], store[-1][: idx.size]
                g2[:] = g2_act
            # Accepted: record, track the extremes, step. (Stopped starts not yet dropped keep
            # stepping; what they do is never written out.)
            if keep_path:
                path[k, idx] = np.stack(cur, axis=1)
                values[k, idx], g2s[k, idx] = f, g2
            elif reach > inner:  # some point may be outside the domain
                for j in range(d):
                    np.minimum(lo_act[j], cur[j], out=lo_act[j])
                    np.maximum(hi_act[j], cur[j], out=hi_act[j])
            if k == epochs:
                write_out(~done, cur, epochs, FINISHED)
                break
            cur, prev = prev, cur
            for j in range(d):
                np.multiply(g[j], step, out=g[j])
                np.add(prev[j], g[j], out=cur[j])
            reach += abs(step) * math.sqrt(g2max)

    # Values and gradient norms at the final points: the same program, so the same numbers.
    f_final, *g_final = fn(*[np.ascontiguousarray(final[:, j]) for j in range(d)], store[:-1])
    final_value = f_final.copy()
    final_g2 = g_final[0] * g_final[0]
    for gj in g_final[1:]:
        final_g2 = final_g2 + gj * gj
    out = {
        "final": final,
        "final_value": final_value,
        "final_grad_norm": np.sqrt(final_g2),
        "epochs_run": epochs_run,
        "status": status,
        "path": None,
        "values": None,
        "grad_norms": None,
    }
    if keep_path:
        t = int(epochs_run.max()) + 1
        stopped = np.arange(t)[:, None] > epochs_run[None, :]  # (T, n): after a start stopped
        path = np.where(stopped[..., None], final[None], path[:t])
        values = np.where(stopped, final_value[None], values[:t])
        g2s = np.where(stopped, final_g2[None], g2s[:t])
        out["path"] = path.transpose(1, 0, 2).copy()
        out["values"] = values.T.copy()
        out["grad_norms"] = np.sqrt(g2s).T.copy()
        out["left_domain"] = ~landscape.contains(out["path"]).all(axis=1)
    else:
        out["left_domain"] = np.any((seen_lo < lows) | (seen_hi > highs), axis=1)
    return out
