"""What a landscape's shape says about descent: critical points, stability limits, basins.

* :func:`critical_points` finds every point with ``∇f = 0`` inside the domain (Newton's method
  from a grid of starts) and classifies it by the eigenvalues of the Hessian.
* :func:`stability_limit` is the largest stable learning rate at a minimum, ``2 / λmax``: near the
  minimum descent multiplies the error along the steepest eigenvector by ``1 − η λmax`` each step.
* :func:`basins` runs descent from a grid of starts and says which minimum each reaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from gdcore import _validate
from gdcore._typing import Array, ArrayLike
from gdcore.descent import DIVERGED, descend
from gdcore.landscape import Landscape

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
    """

    x: Array
    value: float
    kind: Kind
    eigenvalues: Array
    is_global_min: bool = False


def _classify(eigenvalues: Array, scale: float) -> Kind:
    eps = 1e-8 * max(scale, 1.0)
    if np.all(eigenvalues > eps):
        return "min"
    if np.all(eigenvalues < -eps):
        return "max"
    if np.any(eigenvalues > eps) and np.any(eigenvalues < -eps):
        return "saddle"
    return "degenerate"


def critical_points(
    landscape: Landscape, *, grid: int = 41, iterations: int = 60
) -> tuple[CriticalPoint, ...]:
    """Every critical point of ``landscape`` inside its domain, classified.

    Newton's method ``x ← x − H⁻¹∇f`` runs from a ``grid``-per-axis lattice of starts; the points
    where it lands with ``‖∇f‖ ≈ 0`` are merged (within 1e-6 of the domain's size).

    Parameters
    ----------
    landscape : Landscape
        Any dimension, though the lattice has ``grid**d`` starts.
    grid : int
        Starts per axis (at least 2). Critical points closer together than the lattice spacing may
        be missed; the default resolves peaks' nine.
    iterations : int
        Newton steps per start.

    Returns
    -------
    tuple of CriticalPoint
        Minima first, then saddles, maxima and degenerate points; within a kind by value.
    """
    if not isinstance(landscape, Landscape):
        raise TypeError(f"landscape must be a Landscape, got {landscape!r}")
    grid = _validate.positive_int("grid", grid)
    if grid < 2:
        raise ValueError(f"grid must be an integer >= 2, got {grid}")
    iterations = _validate.positive_int("iterations", iterations)
    axes = [np.linspace(lo, hi, grid) for lo, hi in landscape.domain]
    x = np.stack([a.ravel() for a in np.meshgrid(*axes, indexing="ij")], axis=-1)
    with np.errstate(all="ignore"):
        for _ in range(iterations):
            lost = ~np.isfinite(x).all(axis=1)
            x[lost] = 0.0  # parked; dropped below
            step = (np.linalg.pinv(landscape.hessian(x)) @ landscape.gradient(x)[..., None])[..., 0]
            x = x - step
            x[lost] = np.nan
    keep = np.isfinite(x).all(axis=1)
    x = x[keep]
    span = max(hi - lo for lo, hi in landscape.domain)
    inside = landscape.contains(x) | (
        np.abs(np.clip(x, *np.array(landscape.domain).T) - x).max(axis=1) < 1e-9 * span
    )
    x = x[inside]
    g_scale = np.abs(landscape.value(x)).max(initial=1.0)
    small = np.linalg.norm(landscape.gradient(x), axis=1) < 1e-8 * g_scale
    x = x[small]
    # Merge duplicates: greedy clustering in a deterministic (sorted) order.
    x = x[np.lexsort(x.T[::-1])]
    found: list[Array] = []
    for p in x:
        if not any(np.linalg.norm(p - q) < 1e-6 * span for q in found):
            found.append(p)
    points = []
    for p in found:
        hess = landscape.hessian(p)
        eig = np.linalg.eigvalsh(hess)
        kind = _classify(eig, float(np.abs(eig).max(initial=0.0)))
        points.append(CriticalPoint(p, float(landscape.value(p)), kind, eig))
    points.sort(key=lambda c: (_KIND_ORDER[c.kind], c.value, tuple(c.x)))
    minima = [c for c in points if c.kind == "min"]
    if minima:
        best = min(minima, key=lambda c: c.value)
        points = [
            CriticalPoint(c.x, c.value, c.kind, c.eigenvalues, is_global_min=c is best)
            for c in points
        ]
    return tuple(points)


def stability_limit(landscape: Landscape, point: ArrayLike) -> float:
    """The largest learning rate for which descent near the minimum ``point`` converges: ``2/λmax``.

    Near a minimum, ``f`` is close to a quadratic with Hessian ``H``; one step multiplies the error
    along an eigenvector with eigenvalue ``λ`` by ``1 − ηλ``, which shrinks only if ``η < 2/λ``.

    Raises
    ------
    ValueError
        If the Hessian at ``point`` is not positive definite (not a minimum).
    """
    if not isinstance(landscape, Landscape):
        raise TypeError(f"landscape must be a Landscape, got {landscape!r}")
    p, single = _validate.points("point", point, landscape.dim)
    if not single:
        raise ValueError(f"point must be one point of shape ({landscape.dim},), got {p.shape}")
    eig = np.linalg.eigvalsh(landscape.hessian(p[0]))
    if not np.all(eig > 0):
        raise ValueError(
            "point must be a minimum (Hessian positive definite); "
            f"its eigenvalues are {eig.tolist()}"
        )
    return float(2.0 / eig.max())


@dataclass(frozen=True)
class BasinMap:
    """Which minimum each start on a grid reaches.

    Attributes
    ----------
    axes : tuple of (K,) float arrays
        The start coordinates along each variable.
    labels : (K,) or (K, K) int array
        Index into ``minima`` of the minimum each start reaches, or ``-1`` for none (it diverged, or
        ended farther than ``radius`` from every minimum). In 2D, ``labels[i, j]`` is the start
        ``(axes[0][j], axes[1][i])``: rows are y, as in an image.
    minima : tuple of CriticalPoint
        The landscape's minima, in :func:`critical_points` order.
    shares : (len(minima),) float array
        The fraction of starts that reach each minimum.
    share_none : float
        The fraction that reach none.
    final : (K, d) or (K, K, d) float array
        Where each start's run ended, laid out like ``labels``.
    diverged : (K,) or (K, K) bool array
        Which runs diverged (their ``final`` is the last accepted point).
    """

    axes: tuple[Array, ...]
    labels: np.ndarray
    minima: tuple[CriticalPoint, ...]
    shares: Array
    share_none: float
    final: Array
    diverged: np.ndarray

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
) -> BasinMap:
    """Run descent from a ``grid``-per-axis lattice of starts; label each by the minimum it reaches.

    With ``ascent=True`` the "minima" are the maxima (the points ascent climbs to).

    Parameters
    ----------
    landscape : Landscape
        1D or 2D.
    learning_rate, epochs : float, int
        As in :func:`~gdcore.descend`.
    grid : int
        Starts per axis (at least 2).
    radius : float
        How close the end point must be to a minimum to count as reaching it.
    """
    if not isinstance(landscape, Landscape):
        raise TypeError(f"landscape must be a Landscape, got {landscape!r}")
    if landscape.dim not in (1, 2):
        raise ValueError(f"basins needs a 1D or 2D landscape, got {landscape.dim}D")
    grid = _validate.positive_int("grid", grid)
    if grid < 2:
        raise ValueError(f"grid must be an integer >= 2, got {grid}")
    radius = _validate.positive_finite("radius", radius)
    axes = tuple(np.linspace(lo, hi, grid) for lo, hi in landscape.domain)
    mesh = np.meshgrid(*axes)  # "xy" indexing: rows are y
    starts = np.stack([m.ravel() for m in mesh], axis=-1)
    run = descend(
        landscape,
        starts,
        learning_rate=learning_rate,
        epochs=epochs,
        ascent=ascent,
        keep_path=False,
    )
    target = "max" if ascent else "min"
    minima = tuple(c for c in critical_points(landscape) if c.kind == target)
    labels = np.full(len(starts), -1)
    if minima:
        centres = np.stack([m.x for m in minima])
        dist = np.linalg.norm(run.final[:, None, :] - centres[None], axis=-1)
        nearest = dist.argmin(axis=1)
        ok = (dist[np.arange(len(starts)), nearest] <= radius) & (run.status != DIVERGED)
        labels[ok] = nearest[ok]
    shares = np.array([np.mean(labels == i) for i in range(len(minima))])
    shape = mesh[0].shape
    return BasinMap(
        axes, labels.reshape(shape), minima, shares, float(np.mean(labels < 0)),
        run.final.reshape(*shape, landscape.dim), (run.status == DIVERGED).reshape(shape),
    )  # fmt: skip


def random_restart_success(share: float, restarts: int) -> float:
    """The chance that at least one of ``restarts`` independent random starts reaches a target whose
    basin holds the fraction ``share`` of the starts: ``1 − (1 − share)**restarts``."""
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
        raise ValueError(f"share must be a number in [0, 1], got {share!r}")
    restarts = _validate.positive_int("restarts", restarts)
    return 1.0 - (1.0 - float(share)) ** restarts
