"""How a run of gradient descent ended: its regime, defined once.

:func:`~gdcore.descend` says why a run stopped (``converged``, ``finished``, ``diverged``). A
reader needs a little more: a run that "converged" at epoch 0 never moved; a run that "finished"
may be on its way somewhere, flying off, or going back and forth between two points. This module
names those regimes once, as a pure function of the run (its iterates, values and gradient
norms). The playground and the live figures compute the same classification in JavaScript
(``book/_ext/gdsite/shared.js``, with the constants below emitted into their scripts by
:func:`constants`); the tests hold the two to each other on the same runs.

The regimes (:attr:`Outcome.regime`), checked in this order:

``diverged``
    The engine refused a step (:attr:`Outcome.reason` ``"bound"``: it would land farther than the
    bound from the origin; ``"overflow"``: the gradient there is not a finite number), or the run
    ran every epoch while flying off: over at least its last :data:`WINDOW` steps each step was at
    least :data:`GROWTH` times as long as the one before, and either ``f`` moved against the run's
    direction at every one of those steps (it rose, in descent; reason ``"against"``: near a
    point where the quadratic model holds this is ``|1 − ηλ| > 1``), or the run ends farther
    outside the map than the map is wide (reason ``"away"``: e.g. gradient ascent on a bowl).
    A run that only speeds up while going the way it should (leaving a maximum, sliding down a
    long slope) is not diverging.
``at_rest``
    The start itself meets the stopping rule (‖∇f(start)‖ ≤ ``tol``; with momentum the ball starts
    at rest, ``v₀ = 0``, so the rule is the same), so no step was taken: the start is a critical
    point to that tolerance. (Without a tolerance: the path never moved.) A noisy run is never at
    rest: noise moves it off any point.
    A start where ∇f = 0 need not be a minimum: on cos(2πx) + x², x = 0 is a local maximum.
``converged``
    The run met the stopping rule after at least one step, and stopped there: ‖∇f‖ fell to
    ``tol`` or below (with momentum, the ball also came to rest: β‖v‖ ≤ η·``tol``; see
    :func:`~gdcore.descend`). The playground's stopping rule; the point need not be a minimum.
``bouncing``
    The run ran every epoch and, for at least its last :data:`WINDOW` epochs, went back and forth
    between two points: every iterate equals the one two epochs before to within
    :data:`CYCLE_RTOL` of the step between them, and that gap closed: by the end it is at most
    :data:`CYCLE_RTOL` of its size where the span began, or rounding. (Above a minimum's stability
    limit on peaks a run can lock into such a 2-cycle; just below a limit, where the factor
    1 − ηλ is just above −1, a run also comes back close to where it was two epochs before, but
    the gap keeps its share of the step while both shrink slowly: that run converges, slowly,
    and is ``finished``.)
``wandering``
    It ran every epoch, none of the above holds, and it keeps moving to and fro near the map: over
    its last ``2q`` epochs (``q`` the larger of :data:`WINDOW` and a quarter of the epochs run)
    every iterate lies no farther outside the map than the map is wide and in a box whose diagonal
    is at most :data:`REGION` times the span's longest step, and the steps are not clearly getting
    shorter: the longest of the last ``q`` is at least
    :data:`SETTLE` times the longest of the ``q`` before (:attr:`Outcome.growth` is that ratio).
    A run that is slowly closing in on a 2-cycle or a point from both sides (every iterate near
    the one two epochs before, as in ``bouncing`` but with the gap not yet closed) is not
    wandering. (Above a limit a run on peaks can bounce across a valley this way without locking
    into a 2-cycle; a run that slides along, or speeds up away from a maximum, leaves any such
    box.)
``finished``
    It ran every epoch and none of the above holds: it is still moving.

Leaving the map is not a regime of its own but is reported with every one
(:attr:`Outcome.left_domain`, :attr:`Outcome.ends_outside`), for the map the caller draws.

Every criterion is relative (steps to steps, distances to the map's size), so it does not depend
on the landscape's scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from gdcore import noise, rule
from gdcore._typing import Array, ArrayLike, Domain
from gdcore.descent import CONVERGED, DEFAULT_BOUND, DIVERGED, Trajectory

Regime = Literal["at_rest", "converged", "finished", "diverged", "bouncing", "wandering"]
Reason = Literal["bound", "overflow", "against", "away"]
REGIMES: tuple[Regime, ...] = (
    "at_rest",
    "converged",
    "finished",
    "diverged",
    "bouncing",
    "wandering",
)
REASONS: tuple[Reason, ...] = ("bound", "overflow", "against", "away")

#: A regime seen in the iterates (bouncing, flying off) must hold for at least this many
#: consecutive epochs at the end of the run.
WINDOW = 8
#: Bouncing: each iterate is within this share of the last step from the iterate two epochs
#: before. Over the playground's longest run (10,000 epochs) a 2-cycle this tight changes by
#: less than 1%.
CYCLE_RTOL = 1e-6
#: A gap this many times float64's machine epsilon of the point is rounding (see ``_closing``).
ROUNDING = 8 * 2.0**-52
#: Flying off: each step at least this many times the one before.
GROWTH = 1.001
#: Wandering: the span's iterates fit in a box whose diagonal is at most this many times the
#: span's longest step …
REGION = 2.0
#: … and the longest step of its second half is at least this share of the first half's.
SETTLE = 0.99


@dataclass(frozen=True)
class Outcome:
    """The regime of one run, with the measurements that decided it.

    Attributes
    ----------
    regime : {"at_rest", "converged", "finished", "diverged", "bouncing", "wandering"}
        See the module's docstring.
    reason : {"bound", "overflow", "against", "away"} or None
        Why a run is ``diverged``; None for the other regimes.
    epochs_run : int
        Steps taken.
    span : int or None
        For ``bouncing`` and for ``diverged`` with reason ``"against"`` or ``"away"``: for how many
        epochs at the end of the run the criterion held (at least :data:`WINDOW`); for
        ``wandering``: the span it was measured over (``2q``).
    growth : float or None
        For ``diverged`` with reason ``"against"`` or ``"away"``: the last step's length over the
        one before; for ``wandering``: the longest step of the span's second half over the longest
        of its first half.
    cycle : ((d,) float array, (d,) float array) or None
        For ``bouncing``: the last two iterates, the two points the run goes between.
    start_grad_norm, final_grad_norm : float
        ‖∇f‖ at the start and at the last accepted point.
    left_domain : bool
        Whether any iterate lay outside the map.
    ends_outside : bool
        Whether the last accepted point lies outside the map.
    """

    regime: Regime
    reason: Reason | None
    epochs_run: int
    span: int | None
    growth: float | None
    cycle: tuple[Array, Array] | None
    start_grad_norm: float
    final_grad_norm: float
    left_domain: bool
    ends_outside: bool

    def as_dict(self) -> dict:
        """JSON-ready fields, named as the JavaScript classification names them."""
        return {
            "regime": self.regime,
            "reason": self.reason,
            "epochsRun": self.epochs_run,
            "span": self.span,
            "growth": self.growth,
            "cycle": None if self.cycle is None else [c.tolist() for c in self.cycle],
            "startGradNorm": self.start_grad_norm,
            "finalGradNorm": self.final_grad_norm,
            "leftDomain": self.left_domain,
            "endsOutside": self.ends_outside,
        }


def constants() -> dict[str, float | int]:
    """The criteria's constants, for the JavaScript copy of :func:`classify_path`."""
    return {
        "window": WINDOW,
        "cycleRtol": CYCLE_RTOL,
        "rounding": ROUNDING,
        "growth": GROWTH,
        "region": REGION,
        "settle": SETTLE,
    }


def _norm(v: Array) -> float:
    """‖v‖ as the JavaScript computes it: the square root of the sum of squares, in order."""
    s = 0.0
    for c in v.tolist():
        s += c * c
    return math.sqrt(s)


def _outside(p: Array, domain: Domain, widen: float = 0.0) -> bool:
    return any(
        not (lo - widen * (hi - lo) <= c <= hi + widen * (hi - lo))
        for c, (lo, hi) in zip(p.tolist(), domain, strict=True)
    )


def _trailing(flags: list[bool]) -> int:
    """How many of ``flags`` hold at the end, consecutively."""
    n = 0
    for f in reversed(flags):
        if not f:
            break
        n += 1
    return n


def _closing(p: Array, span: int) -> bool:
    """Whether a run whose last ``span`` iterates each came back near the one two epochs before is
    a 2-cycle rather than a slow approach to one point: the gap ``‖x_k − x_{k−2}‖`` at the end is
    at most :data:`CYCLE_RTOL` of the gap where the span began, or at rounding level (a few ulps of
    the point), or zero. A run that converges slowly with the factor ``1 − ηλ`` just above −1
    keeps the gap a constant share of the step, shrinking only as the steps do, by less than 1%
    over 10,000 epochs: it is not bouncing."""
    k = p.shape[0] - 1
    last = _norm(p[k] - p[k - 2])
    first = _norm(p[k - span + 1] - p[k - span - 1])
    scale = max(_norm(p[k]), _norm(p[k - 1]))
    return last <= CYCLE_RTOL * first or last <= ROUNDING * scale


def _wandering(p: Array, steps: list[float], domain: Domain) -> tuple[int, float] | None:
    """For a run that moves inside a small region without clearly settling (see the module's
    docstring): the span ``2q`` and the ratio of the longest steps of its two halves; else None.
    The box's diagonal is the norm of its sides, each the largest minus the smallest coordinate,
    as the JavaScript computes it."""
    k = len(steps)
    q = max(WINDOW, k // 4)
    if k < 2 * q:
        return None
    recent, before = max(steps[k - q :]), max(steps[k - 2 * q : k - q])
    if not (recent > 0 and recent >= SETTLE * before):
        return None
    span = p[k - 2 * q :]
    if any(_outside(c, domain, widen=1.0) for c in span):  # drifting away from the map
        return None
    sides = span.max(axis=0) - span.min(axis=0)
    if _norm(sides) > REGION * max(recent, before):
        return None
    return 2 * q, recent / before


def classify_path(
    path: ArrayLike,
    values: ArrayLike,
    grad_norms: ArrayLike,
    *,
    status: str,
    tol: float | None,
    ascent: bool,
    domain: Domain,
    refused: Literal["bound", "overflow"] | None = None,
) -> Outcome:
    """The regime of one run given by its accepted iterates.

    Parameters
    ----------
    path : (T, d) array_like
        Every accepted iterate, the start included (``T = epochs_run + 1``).
    values, grad_norms : (T,) array_like
        ``f`` and ``‖∇f‖`` at each iterate.
    status : {"converged", "finished", "diverged"}
        Why the run stopped, as :func:`~gdcore.descend` reports it.
    tol : float or None
        The stopping rule's tolerance the run used.
    ascent : bool
        Whether the run climbs (gradient ascent).
    domain : tuple of (low, high)
        The map the run is drawn on ("left the map" is measured against it).
    refused : {"bound", "overflow"} or None
        For a ``diverged`` run, why its next step was refused.
    """
    p = np.asarray(path, dtype=np.float64)
    f = np.asarray(values, dtype=np.float64)
    g = np.asarray(grad_norms, dtype=np.float64)
    if p.ndim != 2 or p.shape[0] < 1 or f.shape != (p.shape[0],) or g.shape != f.shape:
        raise ValueError(
            f"path must be (T, d) with T >= 1 and values, grad_norms (T,); got {p.shape}, "
            f"{f.shape}, {g.shape}"
        )
    if status not in (CONVERGED, "finished", DIVERGED):
        raise ValueError(f"status must be converged, finished or diverged, got {status!r}")
    if status == DIVERGED and refused not in ("bound", "overflow"):
        raise ValueError(f"a diverged run needs refused='bound' or 'overflow', got {refused!r}")
    if len(domain) != p.shape[1]:
        raise ValueError(f"domain must have {p.shape[1]} (low, high) pairs, got {domain!r}")
    k = p.shape[0] - 1
    left = any(_outside(q, domain) for q in p)
    common = {
        "epochs_run": k,
        "start_grad_norm": float(g[0]),
        "final_grad_norm": float(g[-1]),
        "left_domain": left,
        "ends_outside": _outside(p[-1], domain),
    }
    none = {"span": None, "growth": None, "cycle": None}
    if status == DIVERGED:
        return Outcome("diverged", refused, **none, **common)
    if status == CONVERGED:
        return Outcome("at_rest" if k == 0 else "converged", None, **none, **common)
    if tol is None and bool((p == p[0]).all()):
        return Outcome("at_rest", None, **none, **common)
    steps = [_norm(p[i + 1] - p[i]) for i in range(k)]
    # bouncing: x_i equals x_{i-2} to within CYCLE_RTOL of the step x_{i-1} → x_i
    cycle = _trailing(
        [steps[i - 1] > 0 and _norm(p[i] - p[i - 2]) <= CYCLE_RTOL * steps[i - 1]
         for i in range(2, k + 1)]
    )  # fmt: skip
    if cycle >= WINDOW and _closing(p, cycle):
        two = (p[-2].copy(), p[-1].copy())
        return Outcome("bouncing", None, span=cycle, growth=None, cycle=two, **common)
    # flying off: each step GROWTH times the one before, f against the run's direction
    grows = [steps[i - 1] > 0 and steps[i] >= GROWTH * steps[i - 1] for i in range(1, k)]
    against = [(f[i + 1] < f[i]) if ascent else (f[i + 1] > f[i]) for i in range(1, k)]
    n = _trailing([a and b for a, b in zip(grows, against, strict=True)])
    if n >= WINDOW:
        growth = steps[-1] / steps[-2]
        return Outcome("diverged", "against", span=n, growth=growth, cycle=None, **common)
    n = _trailing(grows)
    if n >= WINDOW and _outside(p[-1], domain, widen=1.0):
        growth = steps[-1] / steps[-2]
        return Outcome("diverged", "away", span=n, growth=growth, cycle=None, **common)
    # not wandering once the run comes back to where it was two epochs before, even for fewer
    # than WINDOW epochs: it is entering (or closing in on) a 2-cycle, and settles
    wander = _wandering(p, steps, domain) if cycle == 0 else None
    if wander is not None:
        return Outcome("wandering", None, span=wander[0], growth=wander[1], cycle=None, **common)
    return Outcome("finished", None, **none, **common)


def refusal(run: Trajectory, bound: float = DEFAULT_BOUND) -> Literal["bound", "overflow"]:
    """Why a one-start ``diverged`` run's next step was refused: the point it would go to lies
    beyond ``bound`` (``"bound"``), or the gradient there is not finite (``"overflow"``). The
    refused step is taken again as the run took it: with the run's momentum (from its final
    velocity) and its noise (the draws of the epoch it left)."""
    if run.batched or run.status != DIVERGED:
        raise ValueError("refusal needs one diverged run")
    land = run.landscape
    x = np.asarray(run.final, dtype=np.float64)
    with np.errstate(all="ignore"):
        here = land.gradient(x[None])[0]
        ok = bool(np.isfinite(here).all()) and _norm(x) <= bound
        if ok:  # the start was accepted: the refused point is the next one
            step = rule.signed_step(run.learning_rate, run.ascent)
            draws = None
            if run.noise > 0:
                key = noise.stream_key(run.seed, run.stream)
                draws = noise.normals(key, int(run.epochs_run), land.dim)
            v = None if run.final_velocity is None else tuple(run.final_velocity.tolist())
            moved, _ = rule.take_step(
                tuple(x.tolist()), v, tuple(here.tolist()), step, run.momentum, run.noise, draws
            )
            x = np.array(moved, dtype=np.float64)
    return "bound" if not (_norm(x) <= bound) else "overflow"


def classify(
    run: Trajectory, *, domain: Domain | None = None, bound: float = DEFAULT_BOUND
) -> Outcome:
    """The regime of a one-start run of :func:`~gdcore.descend` (made with ``keep_path=True``).

    ``domain`` is the map the run is drawn on (default: the landscape's view domain); ``bound``
    the bound the run was made with (for the reason of a refused step).
    """
    if not isinstance(run, Trajectory):
        raise TypeError(f"run must be a Trajectory, got {run!r}")
    if run.batched or run.path is None:
        raise ValueError("classify needs a one-start run made with keep_path=True")
    k = int(run.epochs_run)
    return classify_path(
        run.path[: k + 1],
        run.values[: k + 1],
        run.grad_norms[: k + 1],
        status=str(run.status),
        tol=run.tol,
        ascent=run.ascent,
        domain=run.landscape.domain if domain is None else tuple(map(tuple, domain)),
        refused=refusal(run, bound) if run.status == DIVERGED else None,
    )
