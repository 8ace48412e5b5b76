"""Page ``playground.md``: gradient descent in the reader's browser, from generated code.

:func:`bundle` writes the script the page runs: the landscapes' value-and-gradient programs and the
update rule (:mod:`gdcore.rule`) as JavaScript, emitted by :meth:`gdcore.program.Program.js_lines`
with the same operations in the same order as the Python float path, then the data (landscapes,
the exercises as presets) and the page's hand-written controls. So the page and
:func:`gdcore.descend` compute the same numbers. The Sphinx extension writes the bundle when the
build starts; the page's one value is its stopping rule.
"""

from __future__ import annotations

import json
import math
from typing import NamedTuple

import numpy as np

from gdcore import noise, rule
from gdcore.analysis import critical_points
from gdcore.book.pages.shared import (
    BASIN_RADIUS,
    NOISY_RADIUS,
    best_heavy_ball,
    best_plain_rate,
    power_of_ten,
    three_digits,
)
from gdcore.book.params import (
    EX_BOWL,
    EX_LOSS,
    EX_MOMENTUM,
    EX_NOISE,
    EX_PEAKS_MOMENTUM,
    EXERCISE_LRS,
    GRID_EPOCHS,
    PLAYGROUND_TOL,
    PREDICT,
    RACE,
    RECAP,
    RIPPLE,
    SEED_EPOCHS,
    SEED_LR,
    SEED_START,
    SEPARABLE,
)
from gdcore.book.peaks import value_range
from gdcore.book.registry import Entry
from gdcore.descent import DEFAULT_BOUND
from gdcore.landscape import get_landscape, landscape_names
from gdcore.outcome import CYCLE_RTOL, GROWTH, REGION, SETTLE, WINDOW


class Preset(NamedTuple):
    """One click's settings: a run (or two, with ``lr2``) from ``start`` on ``landscape``, with
    the heavy ball's ``momentum`` β and gradient ``noise`` σ with its ``seed`` (0: none); with
    ``race``, three runs at ``lr``: plain descent, momentum β and noise σ (each alone)."""

    key: str
    landscape: str
    start: tuple[float, ...]
    lr: float
    epochs: int
    ascent: bool = False
    lr2: float | None = None
    momentum: float = 0.0
    noise: float = 0.0
    seed: int = 0
    race: bool = False


def best_momentum(name: str = "elongated_bowl") -> tuple[float, float]:
    """The heavy ball's best momentum and learning rate at the minimum of a landscape, in the
    quadratic model: ``β* = ((√κ − 1)/(√κ + 1))²`` and ``η* = 4/(√λmax + √λmin)²``, from the
    Hessian's eigenvalues there (``κ = λmax/λmin``), each to three significant digits (the
    playground's preset, on the long bowl x² + 10y², which is exactly quadratic)."""
    (lo, hi) = next(c for c in critical_points(get_landscape(name)) if c.kind == "min").eigenvalues
    beta, eta, _ = best_heavy_ball(float(lo), float(hi))
    return three_digits(beta), three_digits(eta)


def best_plain(name: str = "elongated_bowl") -> float:
    """Plain descent's best learning rate at the minimum of a landscape, in the quadratic model:
    ``2/(λmin + λmax)``, to three significant digits (the playground's preset on the long bowl)."""
    (lo, hi) = next(c for c in critical_points(get_landscape(name)) if c.kind == "min").eigenvalues
    return three_digits(best_plain_rate(float(lo), float(hi)))


#: The noise preset's gradient noise σ and seed: the reference run with a minibatch-like error in
#: every step (it never stops; it ends near the reference run's minimum, not at it).
NOISE_PRESET = {"noise": EX_NOISE["noise"], "seed": EX_NOISE["seeds"][0]}
_BETA, _ETA = best_momentum()


#: The lesson's explorations, one click each (and one link each from the exercises page,
#: ``playground.html?preset=<key>``).
PRESETS: tuple[Preset, ...] = (
    Preset("seed", "peaks", SEED_START, SEED_LR, SEED_EPOCHS),
    Preset("more_epochs", "peaks", SEED_START, SEED_LR, 10 * SEED_EPOCHS),
    Preset("lr_large", "peaks", SEED_START, EXERCISE_LRS[0], SEED_EPOCHS),
    Preset("lr_too_large", "peaks", SEED_START, EXERCISE_LRS[1], SEED_EPOCHS),
    Preset("lr_tiny", "peaks", SEED_START, EXERCISE_LRS[2], SEED_EPOCHS),
    Preset("two_rates", "peaks", SEED_START, SEED_LR, GRID_EPOCHS[2], lr2=EXERCISE_LRS[0]),
    Preset("first_step", "peaks", SEED_START, SEED_LR, 1),
    Preset(
        "predict",
        "peaks",
        PREDICT["start"],
        PREDICT["rates"][0],
        PREDICT["epochs"],
        lr2=PREDICT["rates"][2],
    ),
    Preset(
        "bowl",
        "elongated_bowl",
        EX_BOWL["start"],
        EX_BOWL["rates"][1],
        EX_BOWL["epochs"],
        lr2=EX_BOWL["rates"][2],
    ),
    Preset("ascent", "peaks", SEED_START, SEED_LR, SEED_EPOCHS, ascent=True),
    Preset(
        "bowl_momentum",
        "elongated_bowl",
        EX_BOWL["start"],
        _ETA,
        EX_BOWL["epochs"],
        momentum=_BETA,
    ),
    Preset("noise", "peaks", SEED_START, SEED_LR, SEED_EPOCHS, **NOISE_PRESET),
    # exercises 8-10: the bowl's loss curve, plain descent at its best rate on the bowl, and
    # momentum on peaks from the reference start and from beside the global minimum
    Preset(
        "bowl_loss",
        "elongated_bowl",
        EX_LOSS["start"],
        EX_LOSS["learning_rate"],
        EX_LOSS["epochs"],
    ),
    Preset(
        "bowl_best",
        "elongated_bowl",
        EX_MOMENTUM["start"],
        best_plain(),
        EX_MOMENTUM["epochs"],
    ),
    *(
        Preset(
            key,
            "peaks",
            start,
            EX_PEAKS_MOMENTUM["learning_rate"],
            EX_PEAKS_MOMENTUM["epochs"],
            momentum=EX_PEAKS_MOMENTUM["momentum"],
        )
        for key, start in zip(
            ("momentum_reference", "momentum_deep"), EX_PEAKS_MOMENTUM["starts"], strict=True
        )
    ),
    Preset(
        "race",
        "peaks",
        RACE["start"],
        RACE["learning_rate"],
        RACE["epochs"],
        momentum=RACE["momentum"],
        noise=RACE["noise"],
        seed=RACE["seed"],
        race=True,
    ),
)
#: Each landscape's default start, where choosing the landscape puts the start: one the book runs
#: from (the reference start, the 1D recap's, the start beside the local maximum of cos(2πx) + x²,
#: the separable run's, exercise 7's), never a critical point, so a first Run moves (a start at
#: rest is one link away: ``?landscape=rippled_bowl&start=0``).
DEFAULT_STARTS: dict[str, tuple[float, ...]] = {
    "peaks": SEED_START,
    "parabola": (RECAP["start"],),
    "rippled_bowl": (RIPPLE["starts"][1],),
    "separable": SEPARABLE["start"],
    "elongated_bowl": EX_BOWL["start"],
}

#: The epochs the playground accepts (the input refuses anything else, with a message).
EPOCHS_RANGE = (1, 10_000)
#: The learning rates its sliders reach (log scale); a preset or a link may set any rate inside.
LR_RANGE = (1e-5, 1.0)
#: The momentum β the playground accepts: 0 ≤ β < 1 (the upper end excluded), as the engine.
MOMENTUM_RANGE = (0.0, 1.0)
#: The seeds it accepts: the engine's, 0 to 2³² − 1.
SEED_RANGE = (0, noise.MAX_SEED)
#: The loss curve is drawn until f − f* first falls below this, as the loss page draws its curves
#: (``loss.DRAW_FLOOR``; a page module does not import another page's, so a test holds the two
#: equal): below it f − f* is rounding.
LOSS_FLOOR = 1e-14
#: Gradient norm at which the playground calls a run converged (and stops).
TOL = PLAYGROUND_TOL
#: Colour range of each landscape's map: peaks as the book's figures colour it (its whole range,
#: from the global minimum to the global maximum); the others from their values on the map.
COLOR_RANGE = {"peaks": tuple(float(v) for v in value_range())}


def lr_stops() -> int:
    """The learning-rate sliders' last stop: every rate with two significant digits (1.0, 1.1, …,
    9.9 times a power of ten) from ``LR_RANGE[0]`` to ``LR_RANGE[1]``, 90 stops a decade."""
    low, high = (round(np.log10(v)) for v in LR_RANGE)
    if not np.allclose(LR_RANGE, (10.0**low, 10.0**high)):
        raise ValueError(f"LR_RANGE must run between powers of ten, got {LR_RANGE}")
    return 90 * (high - low)


def format_lr(value: float) -> str:
    """A learning rate as the playground prints it: up to three significant digits, no exponent
    (JavaScript's ``Number(v.toPrecision(3)).toString()`` for the rates the sliders reach)."""
    return np.format_float_positional(float(f"{value:.3g}"), trim="-")


def kernels_js() -> str:
    """``{name: function (x[, y]) { ... return [f, ∂f/∂x[, ∂f/∂y]]; }, ...}`` as JavaScript."""
    parts = []
    for name in landscape_names():
        fn = get_landscape(name).program("value_gradient").js_function()
        parts.append(f"  {json.dumps(name)}: {fn.replace(chr(10), chr(10) + '  ')}")
    return "{\n" + ",\n".join(parts) + "\n}"


def extrema(name: str) -> dict[str, list[list[float]]]:
    """A landscape's local minima and local maxima, each ``[x…, f]``: where a run arrives (its end
    within :data:`~gdcore.book.pages.shared.BASIN_RADIUS`), the ``f*`` of its loss curve, and the
    map's ▽ marks."""
    out: dict[str, list[list[float]]] = {"min": [], "max": []}
    for c in critical_points(get_landscape(name)):
        if c.kind in out:
            out[c.kind].append([*(float(v) for v in c.x), float(c.value)])
    return out


def global_minima(name: str) -> list[int]:
    """Which of :func:`extrema`'s minima are global minima, marked larger on the map as the static
    figures mark the global minimum: every one whose value is the lowest, to rounding (the engine
    flags one, ``is_global_min``; on a symmetric landscape, such as separable or
    cos(2πx) + x², two or more minima share the lowest value and each is a global minimum)."""
    minima = [c for c in critical_points(get_landscape(name)) if c.kind == "min"]
    if not minima:
        return []
    low = min(c.value for c in minima)
    tied = [math.isclose(c.value, low, rel_tol=1e-12, abs_tol=1e-12) for c in minima]
    return [i for i, lowest in enumerate(tied) if lowest]


def bundle_data() -> dict:
    """Landscapes (without their kernels, with their local minima and maxima), presets, bound,
    the ranges of the settings, and how the loss curve is drawn (the radius of arriving, the
    floor below which f − f* is rounding), as JSON-ready data (the colours, the colour map and
    the type come with every canvas script: ``GD_LOOK``)."""
    landscapes = []
    for name in landscape_names():
        land = get_landscape(name)
        landscapes.append(
            {
                "name": name,
                "dim": land.dim,
                "quadratic": land.quadratic,
                "domain": [list(d) for d in land.domain],
                "start": list(DEFAULT_STARTS[name]),
                "range": list(COLOR_RANGE[name]) if name in COLOR_RANGE else None,
                "extrema": extrema(name),
                "globalMins": global_minima(name),
            }
        )
    presets = [
        {
            "key": p.key,
            "landscape": p.landscape,
            "start": list(p.start),
            "lr": p.lr,
            "lr2": p.lr2,
            "epochs": p.epochs,
            "ascent": p.ascent,
            "momentum": p.momentum,
            "noise": p.noise,
            "seed": p.seed,
            "race": p.race,
        }
        for p in PRESETS
    ]
    return {
        "landscapes": landscapes,
        "presets": presets,
        "bound": DEFAULT_BOUND,
        "tol": TOL,
        "epochs": list(EPOCHS_RANGE),
        "lrRange": list(LR_RANGE),
        "momentumRange": list(MOMENTUM_RANGE),
        "seedRange": list(SEED_RANGE),
        "radius": BASIN_RADIUS,
        "noisyRadius": NOISY_RADIUS,
        "floor": LOSS_FLOOR,
    }


def update_js() -> str:
    """``function (x, g, step) { ...; return [x_new]; }``: the update rule as JavaScript."""
    return rule.update_program().js_function()


def bundle(ui_js: str) -> str:
    """The playground script: generated kernels, rule and data, then the page's controls."""
    return (
        "/* Gradient Descent in 2D: playground. The kernels and the update rule below are\n"
        "   generated by gdcore from sympy expressions; do not edit them by hand. */\n"
        f"const GD_KERNELS = {kernels_js()};\n"
        f"const GD_UPDATE = {update_js()};\n"
        f"const GD_DATA = {json.dumps(bundle_data(), separators=(',', ':'))};\n" + ui_js
    )


def cycle_rule(lang: str) -> dict[str, str]:
    """The tolerance by which the playground and the live figures call a run bouncing
    (:data:`gdcore.outcome.CYCLE_RTOL`, over at least :data:`~gdcore.outcome.WINDOW` epochs) and
    the two numbers by which they call it wandering (:data:`~gdcore.outcome.REGION`,
    :data:`~gdcore.outcome.SETTLE`), and the distance from the origin beyond which a step counts
    as diverged (:data:`gdcore.descent.DEFAULT_BOUND`), as the playground page states them; and
    how its loss curve is drawn: the distance within which a run arrives at a minimum (a noisy
    run's: the noise page's radius) and the floor below which f − f* is rounding (the loss
    page's)."""
    return {
        "pg_bound": f"{DEFAULT_BOUND:,.0f}",
        "pg_cycle_rtol": power_of_ten("the bouncing tolerance", CYCLE_RTOL),
        "pg_cycle_window": f"{WINDOW:,}",
        "pg_growth": f"{GROWTH:g}",
        "pg_wander_region": f"{REGION:,.0f}",
        "pg_wander_settle": f"{SETTLE:.2f}",
        "pg_arrive_radius": power_of_ten("the radius of arriving", BASIN_RADIUS),
        "pg_noisy_radius": f"{NOISY_RADIUS:g}",
        "pg_loss_floor": power_of_ten("the loss curve's floor", LOSS_FLOOR),
        "pg_momentum_beta": f"$\\beta = {format_lr(_BETA)}$",
        "pg_noise_sigma": f"$\\sigma = {NOISE_PRESET['noise']:g}$",
        "pg_noise_seed": f"{NOISE_PRESET['seed']}",
        "pg_momentum_lr": f"$\\eta = {format_lr(_ETA)}$",
    }


#: Nothing drawn: the stopping rule is shared (gdcore.book.pages.shared), the bouncing rule's
#: tolerance is the page's own value; the sliders' range is written beside them by the directive
#: (gdsite.playground, from LR_RANGE).
ENTRIES: tuple[Entry, ...] = (Entry("pg_cycle", "values", cycle_rule, fmt="json"),)
