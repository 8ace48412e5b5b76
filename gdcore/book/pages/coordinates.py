"""Page ``coordinates.md``: 2D descent is 1D descent on each coordinate at once."""

from __future__ import annotations

from functools import cache

import numpy as np
import sympy
from matplotlib.figure import Figure

from gdcore.book import cells, palette
from gdcore.book.numfmt import fmt_rate, math_point, native_count, order_of, tex
from gdcore.book.params import SEED, SEED_EPOCHS, SEED_LR, SEED_START, SEPARABLE
from gdcore.book.plots import grid_values, plot_levels, plot_path, series_style
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label
from gdcore.descent import Trajectory, descend
from gdcore.landscape import Landscape, get_landscape, landscape_names


def coords_vs_epochs(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """The seed run's x and y coordinates against the epoch (log scale: most happens early)."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)
    fig, ax = new_figure(4.8, 3.8)
    k = np.arange(1, run.epochs_run + 1)  # a log axis: from epoch 1, where the start's step ends
    ax.plot(k, run.path[1:, 0], label=label("x_coord", lang), **series_style(0))
    ax.plot(k, run.path[1:, 1], label=label("y_coord", lang), **series_style(1))
    ax.set_xscale("log")
    ax.set_xlabel(label("epochs_axis", lang))
    ax.set_ylabel(label("coordinate", lang))
    ax.set_title(label("coords_title", lang))
    ax.grid(alpha=0.3)
    ax.legend()
    return fig


#: The 2D run's x and y drawn thick and solid under the 1D runs (ink, dashed and dotted): the
#: series ramp's two lightest tones, told apart by tone, with the page's ink on top still seen.
_UNDER = (palette.SERIES[3], palette.SERIES[2])


def separable_compare(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """On g(x) + h(y): the 2D path, and its coordinates on top of the two 1D runs."""
    sep = get_landscape("separable")
    g, h = get_landscape("parabola"), get_landscape("rippled_bowl")
    both = descend(sep, start, learning_rate=learning_rate, epochs=epochs)
    run_x = descend(g, start[0], learning_rate=learning_rate, epochs=epochs)
    run_y = descend(h, start[1], learning_rate=learning_rate, epochs=epochs)
    fig = Figure(figsize=(4.8, 9.4), layout="constrained")  # stacked: readable on a phone
    left, right = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1.2, 1]})
    xs, ys, z = grid_values(sep, 121)
    plot_levels(left, xs, ys, z, levels=18)
    plot_path(
        left,
        both.path,
        label=label("run2d", lang),
        start_label=label("start", lang),
        end_label=label("end", lang),
    )
    left.set_aspect("equal")
    left.set_xlabel(label("x", lang))
    left.set_ylabel(label("y", lang))
    left.set_title(label("separable_title", lang))
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=3, handlelength=1.2)
    k = np.arange(epochs + 1)
    right.plot(
        k,
        both.path[:, 0],
        color=_UNDER[0],
        linewidth=3.5,
        label=f"{label('run2d', lang)}: x",
    )
    right.plot(
        k, run_x.path[:, 0], "--", color=palette.INK, linewidth=1, label=label("run1d_x", lang)
    )
    right.plot(
        k,
        both.path[:, 1],
        color=_UNDER[1],
        linewidth=3.5,
        label=f"{label('run2d', lang)}: y",
    )
    right.plot(
        k, run_y.path[:, 0], ":", color=palette.INK, linewidth=1.5, label=label("run1d_y", lang)
    )
    right.set_xlabel(label("epochs_axis", lang))
    right.set_ylabel(label("coordinate", lang))
    right.set_title(label("same_numbers_title", lang))
    right.grid(alpha=0.3)
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, handlelength=1.5)
    return fig


@cache
def separable_runs(
    start: tuple[float, float], learning_rate: float, epochs: int
) -> tuple[Trajectory, Trajectory, Trajectory]:
    """One 2D run on the separable function, and the 1D runs of its two parts (g on x, h on y)."""
    sep, g, h = (get_landscape(n) for n in ("separable", "parabola", "rippled_bowl"))
    return (
        descend(sep, start, learning_rate=learning_rate, epochs=epochs),
        descend(g, start[0], learning_rate=learning_rate, epochs=epochs),
        descend(h, start[1], learning_rate=learning_rate, epochs=epochs),
    )


def _largest_gap(both: Trajectory, run_x: Trajectory, run_y: Trajectory) -> float:
    """The largest difference between the 2D run's coordinates and the 1D runs'."""
    return max(
        np.abs(both.path[:, 0] - run_x.path[:, 0]).max(),
        np.abs(both.path[:, 1] - run_y.path[:, 0]).max(),
    )


@cache
def frozen_runs() -> tuple[Trajectory, Trajectory]:
    """The reference run split into two 1D runs that do not see each other: x alone on the slice
    y = y₀ (y frozen at the start), y alone on the slice x = x₀."""
    peaks = get_landscape("peaks")
    x, y = peaks.variables
    (x_lo, x_hi), (y_lo, y_hi) = peaks.domain
    x0, y0 = SEED_START
    along_x = Landscape(peaks.expr.subs(y, y0), (x,), ((x_lo, x_hi),), name="peaks_y_frozen")
    along_y = Landscape(peaks.expr.subs(x, x0), (y,), ((y_lo, y_hi),), name="peaks_x_frozen")
    return (
        descend(along_x, x0, learning_rate=SEED_LR, epochs=SEED_EPOCHS),
        descend(along_y, y0, learning_rate=SEED_LR, epochs=SEED_EPOCHS),
    )


#: The functions of two variables the page names in its sentence on the mixed partials: peaks, the
#: separable function above and the elongated bowl of the later pages (by its formula).
NAMED_LATER = "elongated_bowl"
NAMED_2D = ("peaks", "separable", NAMED_LATER)


def mixed_partials_agree() -> dict[str, bool]:
    """For every function of two variables the engine has: do f_xy and f_yx agree (sympy)?"""
    out = {}
    for name in landscape_names():
        land = get_landscape(name)
        if land.dim != 2:
            continue
        x, y = land.variables
        f_xy = sympy.diff(land.expr, x, y)
        f_yx = sympy.diff(land.expr, y, x)
        out[name] = bool(sympy.simplify(f_xy - f_yx) == 0)
    return out


def slice_shift(end: np.ndarray) -> tuple[float, float, float, float]:
    """How far the slice that x follows moves with y, against f_xy's local size: ∂f/∂x at the
    reference run's ``end``, ∂f/∂x at the same x with y back at its start value, and f_xx, f_yy
    at the reference start."""
    peaks = get_landscape("peaks")
    reset = np.array([end[0], SEED_START[1]])
    h = peaks.hessian(np.array(SEED_START))
    at_end, y_reset = (float(peaks.gradient(p[None])[0, 0]) for p in (end, reset))
    return at_end, y_reset, float(h[0, 0]), float(h[1, 1])


def coords_values(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> dict[str, str]:
    """One 2D run against two 1D runs on a separable function; the coupling of peaks."""
    sep = get_landscape("separable")
    both, run_x, run_y = separable_runs(start, learning_rate, epochs)
    diff = _largest_gap(both, run_x, run_y)
    peaks = get_landscape("peaks")
    run_fx, run_fy = frozen_runs()
    seed = descend(peaks, SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS)
    at_end, y_reset, f_xx, f_yy = slice_shift(seed.final)
    return {
        "sep_f": f"$$f(x, y) = {sep.latex}$$",
        "sep_start": math_point(np.array(start), 1),
        "sep_lr": f"$\\eta = {fmt_rate(learning_rate)}$",
        "sep_epochs": f"{epochs:,}",
        "sep_end_2d": math_point(both.final),
        "sep_end_1d": math_point(np.array([run_x.final[0], run_y.final[0]])),
        "sep_diff": f"${diff:g}$",
        "peaks_mixed": f"$f_{{xy}} = {peaks.hessian(SEED_START)[0, 1]:.3f}$",
        "sep_mixed": f"$f_{{xy}} = {sep.hessian(start)[0, 1]:g}$",
        "n_functions_2d": (
            native_count(len(mixed_partials_agree()))
            if lang == "ko"
            else str(len(mixed_partials_agree()))
        ),
        "bowl_f": f"${get_landscape(NAMED_LATER).latex}$",
        "frozen_end": math_point(np.array([run_fx.final[0], run_fy.final[0]]), 2),
        "seed_end_2": math_point(seed.final, 2),
        "map_edge_x": f"$x = {tex(peaks.domain[0][1], 0)}$",
        "seed_start_math": math_point(np.array(SEED_START), 1),
        "frozen_lr": f"$\\eta = {fmt_rate(SEED_LR)}$",
        "frozen_epochs": f"{SEED_EPOCHS:,}",
        "peaks_fxx": f"$f_{{xx}} = {tex(f_xx, 2)}$",
        "peaks_fyy": f"$f_{{yy}} = {tex(f_yy, 2)}$",
        "shift_at_end": order_of(abs(at_end)),
        "shift_y0": f"$y = {tex(SEED_START[1], 1)}$",
        "shift_reset": f"$\\partial f / \\partial x = {tex(y_reset, 2)}$",
    }


def coords_claims(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> dict[str, Claim]:
    """The separable run is two 1D runs to the last bit; peaks couples its coordinates."""
    sep = get_landscape("separable")
    both, run_x, run_y = separable_runs(start, learning_rate, epochs)
    path_1d = np.stack([run_x.path[:, 0], run_y.path[:, 0]], axis=1)
    f_xy, f_yx = (sympy.simplify(sep.hessian_exprs[i][j]) for i, j in ((0, 1), (1, 0)))
    peaks = get_landscape("peaks")
    y = peaks.variables[1]
    coupling = float(peaks.hessian(SEED_START)[0, 1])
    run_fx, run_fy = frozen_runs()
    seed = descend(peaks, SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS)
    shift = slice_shift(seed.final)
    frozen = np.array([run_fx.final[0], run_fy.final[0]])
    agree = mixed_partials_agree()
    return {
        "separable_is_two_1d_runs": Claim.every(
            {
                f"epoch {k}": bool(np.array_equal(both.path[k], path_1d[k]))
                for k in range(len(both.path))
            },
            "every iterate equal, bit for bit",
        ),
        "separable_uncoupled": Claim.every(
            {"f_xy ≡ 0 (sympy)": f_xy == 0, "f_yx ≡ 0 (sympy)": f_yx == 0},
            f"f_xy = {f_xy}, f_yx = {f_yx}",
        ),
        "peaks_coupled": Claim(abs(coupling) > 0.1, f"f_xy at the start = {coupling:.4f}"),
        "fxy_small_locally": Claim.every(
            {
                "x's own curvature f_xx": abs(coupling) < 0.1 * abs(shift[2]),
                "y's own curvature f_yy": abs(coupling) < 0.1 * abs(shift[3]),
            },
            f"f_xy {coupling:.4f}, f_xx {shift[2]:.4f}, f_yy {shift[3]:.4f}",
        ),
        "slice_shift_at_end": Claim(
            abs(shift[0]) < 1e-12 and abs(shift[1]) > 1,
            f"∂f/∂x at the end {shift[0]:.3g}; with y reset to its start {shift[1]:.4f}",
        ),
        "peaks_dfdx_has_y": Claim(
            y in peaks.partials[0].free_symbols, f"∂f/∂x uses {peaks.partials[0].free_symbols}"
        ),
        "mixed_order_irrelevant": Claim.every(
            agree | {"the page names each of them": set(agree) == set(NAMED_2D)},
            f"f_xy − f_yx simplifies to 0 for {agree}; the page names {NAMED_2D}",
        ),
        "frozen_runs_differ": Claim(
            bool(np.linalg.norm(frozen - seed.final) > 1 and run_fx.final[0] > peaks.domain[0][1]),
            f"frozen runs end at {frozen.tolist()}, the 2D run at {seed.final.tolist()}",
        ),
    }


def coordinates_notebook(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> list[Code]:
    """The page's notebook: the seed run's coordinates; a separable run against two 1D runs."""
    sep, g, h = (get_landscape(n) for n in ("separable", "parabola", "rippled_bowl"))
    both, run_x, run_y = separable_runs(start, learning_rate, epochs)
    diff = _largest_gap(both, run_x, run_y)
    peaks = get_landscape("peaks")
    seed_cell = (
        f"path = descend({SEED_START}, learning_rate={SEED_LR}, epochs={SEED_EPOCHS})\n"
        "epochs = np.arange(len(path))\n"
        "fig, ax = plt.subplots(figsize=(6, 4))\n"
        'ax.semilogx(epochs[1:], path[1:, 0], label="x")\n'
        'ax.semilogx(epochs[1:], path[1:, 1], label="y")\n'
        'ax.set_xlabel("epoch")\n'
        "ax.legend()\n"
        "plt.show()\n"
    )
    sep_cell = (
        f"sep_expr = {cells.sympy_code(sep.expr)}\n"
        "sep_dx = sympy.lambdify((x, y), sympy.diff(sep_expr, x))\n"
        "sep_dy = sympy.lambdify((x, y), sympy.diff(sep_expr, y))\n"
        f"g_expr = {cells.sympy_code(g.expr)}  # the x part\n"
        f"h_expr = {cells.sympy_code(h.expr.subs(h.variables[0], sympy.Symbol('y')))}"
        "  # the y part\n"
        "dg = sympy.lambdify(x, sympy.diff(g_expr, x))\n"
        "dh = sympy.lambdify(y, sympy.diff(h_expr, y))\n"
        f"eta, epochs = {learning_rate}, {epochs}\n\n"
        f"point = np.array({tuple(start)})  # the 2D run\n"
        "both = [point]\n"
        "for _ in range(epochs):\n"
        "    point = point - eta * np.array([sep_dx(*point), sep_dy(*point)])\n"
        "    both.append(point)\n"
        "both = np.array(both)\n\n"
        f"px, py = {start[0]}, {start[1]}  # the two 1D runs\n"
        "run_x, run_y = [px], [py]\n"
        "for _ in range(epochs):\n"
        "    px, py = px - eta * dg(px), py - eta * dh(py)\n"
        "    run_x.append(px)\n"
        "    run_y.append(py)\n\n"
        'print("end of the 2D run =", both[-1, 0], both[-1, 1])\n'
        'print("end of the two 1D runs =", run_x[-1], run_y[-1])\n'
        "largest = max(np.abs(both[:, 0] - run_x).max(), np.abs(both[:, 1] - run_y).max())\n"
        'print("largest difference between the paths =", largest)\n'
    )
    compare_cell = (
        "fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 8))\n"
        "grid = np.linspace(-2, 2, 161)\n"
        "SX, SY = np.meshgrid(grid, grid)\n"
        "top.contour(SX, SY, sympy.lambdify((x, y), sep_expr)(SX, SY), levels=20)\n"
        'top.plot(both[:, 0], both[:, 1], color="tab:red")\n'
        'bottom.plot(both[:, 0], linewidth=4, label="x (2D)")\n'
        'bottom.plot(both[:, 1], linewidth=4, label="y (2D)")\n'
        'bottom.plot(run_x, "--", color="black", label="1D runs")\n'
        'bottom.plot(run_y, "--", color="black")\n'
        "bottom.legend()\n"
        "plt.show()\n"
    )
    mixed_cell = (
        'print("mixed partial of the separable function =", sympy.diff(sep_expr, x, y))\n'
        "mixed = sympy.lambdify((x, y), sympy.diff(f_expr, x, y))\n"
        f'print("mixed partial of peaks at the start =", mixed{SEED_START})\n'
        "# Schwarz: the order of the two derivatives does not matter for these functions\n"
        'print("f_xy and f_yx agree on peaks:", '
        "sympy.simplify(sympy.diff(f_expr, x, y) - sympy.diff(f_expr, y, x)) == 0)\n"
    )
    run_fx, run_fy = frozen_runs()
    both_seed = descend(peaks, SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS)
    x0, y0 = SEED_START
    frozen_cell = (
        f"slice_x = sympy.lambdify(x, sympy.diff(f_expr, x).subs(y, {y0}))  # y frozen\n"
        f"slice_y = sympy.lambdify(y, sympy.diff(f_expr, y).subs(x, {x0}))  # x frozen\n"
        f"px, py = {x0}, {y0}\n"
        f"for _ in range({SEED_EPOCHS}):\n"
        f"    px, py = px - {SEED_LR} * slice_x(px), py - {SEED_LR} * slice_y(py)\n"
        'print("two separate 1D runs end at =", px, py)\n'
        f"path = descend({SEED_START}, learning_rate={SEED_LR}, epochs={SEED_EPOCHS})\n"
        'print("the 2D run ends at =", path[-1, 0], path[-1, 1])\n'
    )
    return [
        Code(cells.IMPORTS + "\n\n" + cells.PEAKS + "\n\n" + cells.DESCEND, "start"),
        Code(seed_cell, "fig-coords-vs-epochs"),
        Code(
            sep_cell,
            "after:sep_diff",
            (
                Check("sep_end_2d", both.final[0], 0),
                Check("sep_end_2d", both.final[1], 1),
                Check("sep_end_1d", run_x.final[0], 0),
                Check("sep_end_1d", run_y.final[0], 1),
                Check("sep_diff", diff),
            ),
        ),
        Code(compare_cell, "fig-separable-compare"),
        Code(
            mixed_cell,
            "after:peaks_mixed",
            (
                Check("sep_mixed", float(sep.hessian(start)[0, 1])),
                Check("peaks_mixed", float(peaks.hessian(SEED_START)[0, 1])),
            ),
        ),
        Code(
            frozen_cell,
            "after:frozen_end",
            (
                Check("frozen_end", run_fx.final[0], 0),
                Check("frozen_end", run_fy.final[0], 1),
                Check("seed_end_2", both_seed.final[0], 0),
                Check("seed_end_2", both_seed.final[1], 1),
            ),
        ),
    ]


ENTRIES = (
    Entry("coords_vs_epochs", "figure", coords_vs_epochs, SEED),
    Entry("separable_compare", "figure", separable_compare, SEPARABLE),
    Entry("coords_values", "values", coords_values, SEPARABLE, fmt="json"),
    Entry("coords_claims", "claims", coords_claims, SEPARABLE, fmt="json"),
    Entry("coordinates_notebook", "notebook", coordinates_notebook, SEPARABLE, fmt="json"),
)
