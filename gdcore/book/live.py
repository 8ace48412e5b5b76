"""The live figures inside the lessons: their generated code and their data.

:func:`bundle` writes the script the pages with a ``live`` directive run (``_static/gd-live.js``):

* ``GD_LIVE_KERNELS``: value-and-gradient programs of the landscapes the figures use, the same
  JavaScript the playground gets (:meth:`gdcore.program.Program.js_function`);
* ``GD_LIVE_UPDATE``: the update rule (:mod:`gdcore.rule`), as the playground gets it;
* ``GD_LIVE_BASIN``: the basin map's loop for one start, generated like :func:`gdcore.descend`'s
  many-start loop: the gradient part of the same program (:meth:`~gdcore.program.Program.select`)
  and the update rule inlined, with the same refusal of a step (non-finite or beyond the bound);
  ``GD_LIVE_BASIN_MOMENTUM`` the same with the heavy ball's rules and stopping rule (the momentum
  page's map, for β > 0; at β = 0 it runs the plain loop, as :func:`gdcore.basins` does). Both
  stop a run whose state repeats bit for bit, at the end the whole run would reach
  (:func:`basin_loop_js`);
* ``GD_LIVE_DATA``: each figure's settings (the lesson's, from :mod:`gdcore.book.params`), the
  minima of peaks in :func:`gdcore.critical_points`'s order, the colours of their markup (the
  figures draw in the palette's, ``GD_LOOK``: :mod:`gdcore.book.palette`), and the minima page's
  test of a run that ends in the global minimum's basin without arriving
  (:data:`gdcore.book.pages.minima.VALLEY_CHECK`);

then the hand-written figures (``book/_ext/gdsite/live.js``). The same file is the basin map's Web
Worker. So each figure and :func:`gdcore.descend` / :func:`gdcore.basins` compute the same numbers.
"""

from __future__ import annotations

import json
import math

from gdcore import rule
from gdcore.book import palette
from gdcore.book.pages.curvature import best_rate, bowl_eigenvalues
from gdcore.book.pages.minima import VALLEY_CHECK
from gdcore.book.pages.momentum import BIG_BETA, EXAMPLE_LR, LIVE_BETAS
from gdcore.book.pages.playground import COLOR_RANGE, EPOCHS_RANGE, update_js
from gdcore.book.pages.shared import BASIN_RADIUS
from gdcore.book.params import (
    BASINS,
    BOWL,
    CONTOUR_GRID,
    CONTOUR_LEVELS,
    LIMIT_LRS,
    PLAYGROUND_TOL,
    SAFE_LRS,
    SEED_EPOCHS,
    SEED_LR,
    SEED_START,
)
from gdcore.book.peaks import critical_points
from gdcore.descent import DEFAULT_BOUND
from gdcore.landscape import get_landscape

#: The landscapes the live figures draw on.
LANDSCAPES = ("peaks", "elongated_bowl")
#: The basin map's learning rates: the slider's stops, eleven a decade (1, 1.2, 1.5, 2, 2.5, 3,
#: 4, 5, 6, 7, 8 times a power of ten) from 10⁻³ to 0.3, with every rate the minima page names
#: (its map's rate, the limit comparison's and the safe ones), so the reader can set each exactly;
#: epochs from ``MIN_EPOCHS`` to ``MAX_EPOCHS``, as in the playground (the same parser reads both
#: boxes).
LR_MANTISSAS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0)
LR_DECADES = (-3, -2, -1)
LR_TOP = 0.3
MIN_EPOCHS, MAX_EPOCHS = EPOCHS_RANGE
#: The coarse preview takes every ``PREVIEW``-th start of each row and column.
PREVIEW = 4
#: The curvature figure's learning rates run from ``FACTOR_STEP`` to this share of 2/λmax.
FACTOR_SPAN = 1.2
FACTOR_STEP = 0.001
#: What one arrow key moves the start by on the small map, as a share of the domain's width.
KEY_STEP = 0.02


def basin_loop_js(name: str = "peaks", *, momentum: bool = False) -> str:
    """``function (x, y, step, epochs, tol2, bound2) { ... return [x, y, status, run]; }``.

    One start through the steps of :func:`gdcore.descend` (status 0 converged: ‖∇f‖² ≤ ``tol2``,
    1 finished, 2 diverged: stopped at the last accepted point); ``run`` is the number of steps
    the loop took. With ``momentum``, the heavy ball's loop,
    ``function (x, y, step, epochs, tol2, bound2, beta, rest)``: the velocity and position rules
    (:mod:`gdcore.rule`) in place of the plain one, and converged only where also
    ``β‖v‖ ≤ rest`` (``rest`` = η·tol; ‖v‖ measured as :func:`gdcore.descent.norms` does).

    **A run that repeats itself is not run to the end.** An epoch's step is a function of the
    run's state alone (the point, and with momentum the velocity), and so is each test the loop
    makes there (a refused step, the stopping rule); only the epoch count also looks at ``k``.
    So once the state equals, bit for bit, the state ``p`` epochs earlier, the run repeats those
    ``p`` states forever: none of them stops it, and at epoch ``epochs`` it is at the one
    ``(epochs − k) mod p`` epochs on. The loop finds such a repeat with Brent's cycle finding
    (one saved state, compared with each new one; saved again at powers of two), then takes
    only those few epochs more. The end point and status are those of the whole run, bit for
    bit (a 2-cycle about a minimum past its stability limit, or a fixed point short of the
    tolerance); no approximation is made, and a run that never repeats runs every epoch.
    """
    land = get_landscape(name)
    if land.dim != 2:
        raise ValueError(f"the basin loop needs a 2D landscape, got {name!r} ({land.dim}D)")
    grad = land.program("value_gradient").select([1, 2]).js_lines(["x", "y"], ["o0", "o1"])
    if momentum:
        velocity, position = rule.velocity_program(), rule.position_program()
        steps = [
            ("wx", velocity.js_lines(["vx", "gx", "step", "beta"], ["o0"])),
            ("wy", velocity.js_lines(["vy", "gy", "step", "beta"], ["o1"])),
            ("nx", position.js_lines(["x", "wx"], ["o0"])),
            ("ny", position.js_lines(["y", "wy"], ["o1"])),
        ]
        head = "function (x, y, step, epochs, tol2, bound2, beta, rest) {"
        state = ["  let vx = 0;", "  let vy = 0;"]
        # the ball at rest: β‖v‖ ≤ rest, ‖v‖ scaled by its largest entry as gdcore's norms
        rest = [
            "    if (g2 <= tol2) {",
            "      const big = Math.max(Math.abs(vx), Math.abs(vy));",
            "      const s = big > 0 && big < Infinity ? big : 1;",
            "      const sx = vx / s;",
            "      const sy = vy / s;",
            "      const v = big < Infinity ? s * Math.sqrt(sx * sx + sy * sy) : Infinity;",
            "      if (beta * v <= rest) return [x, y, 0, k];",
            "    }",
        ]
        moves = ["    vx = wx;", "    vy = wy;", "    x = nx;", "    y = ny;"]
        names = ["x", "y", "vx", "vy"]
    else:
        update = rule.update_program()
        steps = [
            ("nx", update.js_lines(["x", "gx", "step"], ["o0"])),
            ("ny", update.js_lines(["y", "gy", "step"], ["o1"])),
        ]
        head = "function (x, y, step, epochs, tol2, bound2) {"
        state = []
        rest = ["    if (g2 <= tol2) return [x, y, 0, k];"]
        moves = ["    x = nx;", "    y = ny;"]
        names = ["x", "y"]
    saved = [f"m{n}" for n in names]  # the state Brent's search remembers
    same = " && ".join(f"same({n}, m{n})" for n in names)
    body = [
        head,
        "  // equal bits: equal numbers, and a zero of the same sign",
        "  const same = (a, b) => a === b && (a !== 0 || 1 / a === 1 / b);",
        "  let px = x;",
        "  let py = y;",
        *state,
        f"  let {', '.join(f'{v} = {n}' for v, n in zip(saved, names, strict=True))};",
        "  let power = 1;",
        "  let lag = 0;",
        "  let last = epochs;",
        "  for (let k = 0; ; k++) {",
        "    let gx, gy;",
        "    {",
        *(f"      {line}" for line in grad),
        "      gx = o0;",
        "      gy = o1;",
        "    }",
        "    const g2 = gx * gx + gy * gy;",
        "    const r2 = x * x + y * y;",
        "    if (!(g2 < Infinity && r2 <= bound2)) return k === 0 ? [x, y, 2, k] : [px, py, 2, k];",
        *rest,
        "    if (k === last) return [x, y, 1, k];",
        "    px = x;",
        "    py = y;",
        f"    let {', '.join(name for name, _ in steps)};",
    ]
    for out, lines in steps:
        body += [
            "    {",
            *(f"      {line}" for line in lines),
            f"      {out} = {lines[-1].split()[1]};",
            "    }",
        ]
    body += [
        *moves,
        "    // the state k + 1 equals the one lag epochs before: it repeats with period lag",
        "    lag += 1;",
        f"    if (last === epochs && {same}) last = k + 1 + ((epochs - k - 1) % lag);",
        "    if (lag === power) {",
        *(f"      {v} = {n};" for v, n in zip(saved, names, strict=True)),
        "      power *= 2;",
        "      lag = 0;",
        "    }",
        "  }",
        "}",
    ]
    return "\n".join(body)


def kernels_js() -> str:
    """``{name: function (x, y) { ... return [f, ∂f/∂x, ∂f/∂y]; }}`` for :data:`LANDSCAPES`."""
    parts = []
    for name in LANDSCAPES:
        fn = get_landscape(name).program("value_gradient").js_function()
        parts.append(f"  {json.dumps(name)}: {fn.replace(chr(10), chr(10) + '  ')}")
    return "{\n" + ",\n".join(parts) + "\n}"


def _r(v: float) -> float:
    return float(f"{v:.12g}")


def contour_levels(name: str = "peaks") -> list[float]:
    """The levels of ``ax.contour(xs, ys, z, levels=CONTOUR_LEVELS)`` on ``CONTOUR_GRID``² values
    of the landscape (matplotlib's choice: ``MaxNLocator(levels + 1)``, those strictly inside the
    values' range), so the live map's lines are the static map's."""
    from matplotlib.ticker import MaxNLocator

    from gdcore.book.plots import grid_values

    _, _, z = grid_values(get_landscape(name), CONTOUR_GRID)
    lo, hi = float(z.min()), float(z.max())
    levels = MaxNLocator(CONTOUR_LEVELS + 1).tick_values(lo, hi)
    return [_r(v) for v in levels if lo < v < hi]


def basin_rates() -> list[float]:
    """The basin map slider's learning rates, ascending (see ``LR_MANTISSAS``): each a value the
    page prints as it is (``0.07``, not ``0.0708``), and every rate the minima page names."""
    grid = {_r(m * 10.0**d) for d in LR_DECADES for m in LR_MANTISSAS}
    named = {BASINS["learning_rate"], *LIMIT_LRS, *SAFE_LRS}
    return sorted(v for v in grid | named if v <= LR_TOP)


def live_data() -> dict:
    """Each live figure's settings, computed from the lesson's parameters."""
    peaks = get_landscape("peaks")
    bowl = get_landscape("elongated_bowl")
    minima = [c for c in critical_points() if c.kind == "min"]
    lam = bowl_eigenvalues()
    return {
        "bound": DEFAULT_BOUND,
        "tol": PLAYGROUND_TOL,
        "basins": {
            "landscape": "peaks",
            "domain": [list(d) for d in peaks.domain],
            "grid": BASINS["grid"],
            "radius": BASIN_RADIUS,
            "minima": [[float(v) for v in m.x] for m in minima],
            "values": [float(m.value) for m in minima],
            "colors": list(palette.MINIMA[: len(minima)]),
            "none": palette.NONE["light"],
            # the starts whose runs end in the global minimum's basin without arriving (minima's
            # light green; the plain map only): from each grey end that did not diverge,
            # ``epochs`` more at ``lr`` arrive at minimum ``minimum`` (VALLEY_CHECK)
            "valley": {
                "lr": VALLEY_CHECK["learning_rate"],
                "epochs": VALLEY_CHECK["epochs"],
                "minimum": next(i for i, m in enumerate(minima) if m.is_global_min),
                "color": palette.VALLEY,
            },
            "lr": BASINS["learning_rate"],
            "epochs": BASINS["epochs"],
            "rates": basin_rates(),
            "contour": {"grid": CONTOUR_GRID, "levels": contour_levels()},
            "minEpochs": MIN_EPOCHS,
            "maxEpochs": MAX_EPOCHS,
            "preview": PREVIEW,
            # the momentum page's map: the same figure with a β slider (its stops: the page's
            # LIVE_BETAS), starting at the page's example
            "momentum": {"betas": list(LIVE_BETAS), "beta": BIG_BETA, "lr": EXAMPLE_LR},
        },
        "path": {
            "landscape": "peaks",
            "domain": [list(d) for d in peaks.domain],
            "range": list(COLOR_RANGE["peaks"]),
            "quadratic": peaks.quadratic,
            "start": list(SEED_START),
            "lr": SEED_LR,
            "epochs": SEED_EPOCHS,
            "keyStep": KEY_STEP,
        },
        "factors": {
            "landscape": "elongated_bowl",
            "domain": [list(bowl.domain[0]), [v / 2 for v in bowl.domain[1]]],
            "quadratic": bowl.quadratic,
            "start": list(BOWL["start"]),
            "epochs": BOWL["epochs"],
            "lambdas": [_r(v) for v in lam],
            "lr": BOWL["rates"][0],
            "best": _r(best_rate()),
            "lrMin": FACTOR_STEP,
            "lrMax": _r(FACTOR_STEP * math.ceil(FACTOR_SPAN * 2 / lam[1] / FACTOR_STEP)),
            "lrStep": FACTOR_STEP,
            "colors": [palette.mark("lmin"), palette.mark("lmax")],  # the gentle, the steep
        },
    }


def bundle(ui_js: str) -> str:
    """The live figures' script: generated kernels, rule, basin loop and data, then the figures."""
    return (
        "/* Gradient Descent in 2D: live figures. The kernels, the update rule and the basin loop\n"
        "   below are generated by gdcore from sympy expressions; do not edit them by hand. */\n"
        f"const GD_LIVE_KERNELS = {kernels_js()};\n"
        f"const GD_LIVE_UPDATE = {update_js()};\n"
        f"const GD_LIVE_BASIN = {basin_loop_js()};\n"
        f"const GD_LIVE_BASIN_MOMENTUM = {basin_loop_js(momentum=True)};\n"
        f"const GD_LIVE_DATA = {json.dumps(live_data(), separators=(',', ':'))};\n" + ui_js
    )
