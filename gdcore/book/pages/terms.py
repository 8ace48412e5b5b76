"""Page ``terms.md``: the partial derivative as the slope of a slice, and the notation."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdcore.book import cells
from gdcore.book.numfmt import fmt, tex
from gdcore.book.params import SLICE_POINT
from gdcore.book.plots import END_COLOR, PATH_COLOR, plot_heatmap, plot_tangent
from gdcore.book.registry import Check, Code, Entry
from gdcore.book.words import label
from gdcore.landscape import get_landscape


def partial_slice(lang: str, *, x0: float, y0: float) -> Figure:
    """∂f/∂x as the slope of a 1D slice: the map with the line y = y0; the slice and its tangent."""
    peaks = get_landscape("peaks")
    fig = Figure(figsize=(4.8, 8.2), layout="constrained")  # stacked: readable on a phone
    left, right = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1.15, 1]})
    plot_heatmap(left, peaks, resolution=161)
    left.axhline(y0, color="white", linewidth=2)
    left.plot([x0], [y0], "o", color=END_COLOR, markeredgecolor="black", markersize=8)
    left.set_title(label("map_title", lang))
    left.set_xlabel(label("x", lang))
    left.set_ylabel(label("y", lang))

    xs = np.linspace(*peaks.domain[0], 400)
    right.plot(
        xs,
        peaks.value(np.stack([xs, np.full_like(xs, y0)], axis=1)),
        color="#333333",
        label=label("slice_curve", lang, y0=y0),
    )
    f0 = float(peaks.value((x0, y0)))
    slope = float(peaks.gradient((x0, y0))[0])
    plot_tangent(
        right,
        x0,
        f0,
        slope,
        halfwidth=0.7,
        color=PATH_COLOR,
        linewidth=2.5,
        label=label("tangent", lang, slope=fmt(slope, 3)),
    )
    right.plot(
        [x0],
        [f0],
        "o",
        color=END_COLOR,
        markeredgecolor="black",
        markersize=8,
        label=label("point", lang, x0=x0, y0=y0),
    )
    right.set_title(label("slice_title", lang, y0=y0))
    right.set_xlabel(label("x", lang))
    right.set_ylabel(label("f", lang))
    right.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=1)
    return fig


def terms_values(lang: str, *, x0: float, y0: float) -> dict[str, str]:
    """The slice's numbers and peaks' formula (inline math, ready to substitute)."""
    peaks = get_landscape("peaks")
    gx, gy = (float(v) for v in peaks.gradient((x0, y0)))
    return {
        "slice_at_x": f"$x = {tex(x0, 1)}$",
        "slice_at_y": f"$y = {y0:g}$",
        "slice_curve": f"$f(x, {y0:g})$",
        "slice_dfdx": rf"$\partial f / \partial x = {tex(gx, 3)}$",
        "slice_dfdy": rf"$\partial f / \partial y = {tex(gy, 3)}$",
        "slice_grad": rf"$\nabla f = ({tex(gx, 3)}, {tex(gy, 3)})$",
        "slice_norm": rf"$\lVert \nabla f \rVert = {tex(float(np.hypot(gx, gy)), 3)}$",
        "peaks_f": f"$$f(x, y) = {peaks.latex}$$",
    }


def terms_notebook(lang: str, *, x0: float, y0: float) -> list[Code]:
    """The page's notebook: the slice and its tangent, the partials from sympy."""
    gx, gy = (float(v) for v in get_landscape("peaks").gradient((x0, y0)))
    slice_cell = (
        cells.show_map()
        + f'ax.axhline({y0}, color="white")\n'
        + f'ax.plot({x0}, {y0}, "o", color="tab:orange")\n'
        + "plt.show()\n\n"
        + "xs = np.linspace(-3, 3, 400)\n"
        + f"slope = df_x({x0}, {y0})  # the partial derivative: the slope of the slice\n"
        + f"f0 = f({x0}, {y0})\n"
        + "fig, ax = plt.subplots(figsize=(6, 4))\n"
        + f'ax.plot(xs, f(xs, {y0}), color="gray")\n'
        + f"near = np.linspace({x0} - 0.7, {x0} + 0.7, 2)\n"
        + f'ax.plot(near, f0 + slope * (near - {x0}), color="tab:blue")  # the tangent\n'
        + f'ax.plot({x0}, f0, "o", color="tab:orange")\n'
        + "plt.show()\n\n"
        + 'print("df/dx =", slope)\n'
        + f'print("df/dy =", df_y({x0}, {y0}))\n'
        + f'print("norm of the gradient =", np.hypot(slope, df_y({x0}, {y0})))\n'
    )
    return [
        Code(cells.IMPORTS + "\n\n" + cells.PEAKS + cells.PEAKS_MAP, "start"),
        Code(
            slice_cell,
            "fig-partial-slice",
            (
                Check("slice_dfdx", gx),
                Check("slice_dfdy", gy),
                Check("slice_norm", float(np.hypot(gx, gy))),
            ),
        ),
        Code("sympy.diff(f_expr, x)", "after:peaks_dfdx"),
        Code("sympy.diff(f_expr, y)", "after:peaks_dfdy"),
    ]


_SLICE = {"x0": SLICE_POINT[0], "y0": SLICE_POINT[1]}

ENTRIES = (
    Entry("partial_slice", "figure", partial_slice, _SLICE),
    Entry("terms_values", "values", terms_values, _SLICE, fmt="json"),
    Entry("terms_notebook", "notebook", terms_notebook, _SLICE, fmt="json"),
)
