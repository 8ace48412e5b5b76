"""Page ``terms.md``: the partial derivative as the slope of a slice, the notation, and one
partial derivative of peaks taken by hand (its first term, by the chain and product rules) and
checked against sympy's."""

from __future__ import annotations

import numpy as np
import sympy
from matplotlib.figure import Figure

from gdcore.book import cells, palette
from gdcore.book.numfmt import fmt, fmt_point, tex
from gdcore.book.params import SLICE_POINT
from gdcore.book.plots import END_COLOR, OUTLINE, PATH_COLOR, halo, plot_heatmap, plot_tangent
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.words import label
from gdcore.landscape import get_landscape


def partial_slice(lang: str, *, x0: float, y0: float) -> Figure:
    """∂f/∂x as the slope of a 1D slice: the map with the line y = y0; the slice and its tangent."""
    peaks = get_landscape("peaks")
    fig = Figure(figsize=(4.8, 8.2), layout="constrained")  # stacked: readable on a phone
    left, right = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1.15, 1]})
    plot_heatmap(left, peaks, resolution=161)
    left.axhline(y0, color=palette.MAP_WHITE, linewidth=2, path_effects=halo(2))
    left.plot([x0], [y0], "o", color=END_COLOR, markeredgecolor=OUTLINE, markersize=8)
    left.set_title(label("map_title", lang))
    left.set_xlabel(label("x", lang))
    left.set_ylabel(label("y", lang))

    xs = np.linspace(*peaks.domain[0], 400)
    right.plot(
        xs,
        peaks.value(np.stack([xs, np.full_like(xs, y0)], axis=1)),
        color=palette.CURVE,
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
        markeredgecolor=palette.OUTLINE,
        markersize=8,
        label=label("point", lang, at=fmt_point(np.array([x0, y0]), 1)),
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


#: The letter the page writes for v = e^(−x² − (y + 1)²) in the hand derivation.
LETTER = sympy.Symbol("v")


def hand_parts() -> dict[str, sympy.Expr]:
    """The first term of peaks as ``u·v`` and the derivatives with respect to x that the page
    takes by hand, written here as a reader writes them (``du``, ``dv``, and the product rule's
    ``du·v`` and ``u·dv``), not as sympy would simplify them. The ``*_v`` forms keep the letter
    ``v`` (:data:`LETTER`) for e^(…), as the page writes them."""
    peaks = get_landscape("peaks")
    x, y = peaks.variables
    first = peaks.expr.as_ordered_terms()[0]  # the term the page shows first: 3(1 − x)² e^(…)
    u, v = 3 * (1 - x) ** 2, sympy.exp(-(x**2) - (y + 1) ** 2)
    if sympy.simplify(first - u * v) != 0:
        raise ValueError(f"peaks' first term is {first}, not u·v = {u * v}")
    keep = sympy.UnevaluatedExpr
    letter = keep(LETTER)
    short = {
        "du": sympy.Mul(-6, keep(1 - x), evaluate=False),  # chain rule: 3·2(1 − x)·(−1)
        "dv_v": sympy.Mul(-2, x, letter, evaluate=False),  # chain rule: v · ∂/∂x (−x² − (y + 1)²)
        "du_v_v": sympy.Mul(-6, keep(1 - x), letter, evaluate=False),
        "u_dv_v": sympy.Mul(-6, x, keep((1 - x) ** 2), letter, evaluate=False),
    }
    full = {k.removesuffix("_v"): e.doit().subs(LETTER, v) for k, e in short.items() if k != "du"}
    return {"u": u, "v": v, **short, **full}


def _signed(tex_term: str) -> str:
    """A term's LaTeX with its sign written out, to follow another term: ``+ a`` or ``- a``."""
    return tex_term if tex_term.startswith("-") else f"+ {tex_term}"


def hand_values(lang: str) -> dict[str, str]:
    """The hand derivation's formulas, each from the expression the claims check (with the letter
    v for e^(…), so that they fit a phone)."""
    t = {k: sympy.latex(e) for k, e in hand_parts().items()}
    return {
        "terms_u": f"$u = {t['u']}$",
        "terms_v": f"$v = {t['v']}$",
        "terms_du": (
            rf"$$\frac{{\partial u}}{{\partial x}} = 3 \cdot 2 \left(1 - x\right) \cdot (-1) "
            rf"= {t['du']}$$"
        ),
        "terms_dv": rf"$$\frac{{\partial v}}{{\partial x}} = {t['dv_v']}$$",
        "terms_duv": (
            "$$\n\\begin{aligned}\n"
            r"\frac{\partial}{\partial x}\left(u v\right) "
            r"&= \frac{\partial u}{\partial x}\, v + u\, \frac{\partial v}{\partial x} \\"
            f"\n&= {t['du_v_v']} {_signed(t['u_dv_v'])}\n"
            "\\end{aligned}\n$$"
        ),
    }


def terms_claims(lang: str) -> dict[str, Claim]:
    """Each step of the hand derivation equals sympy's, and its two terms are the first and the
    last of sympy's ∂f/∂x as the page prints it."""
    peaks = get_landscape("peaks")
    x, _ = peaks.variables
    h = hand_parts()
    du, dv = h["du"].doit(), h["dv"]
    product = h["du_v"] + h["u_dv"]
    printed = peaks.partials[0].as_ordered_terms()

    def same(a: sympy.Expr, b: sympy.Expr) -> bool:
        return bool(sympy.simplify(a - b) == 0)

    return {
        "hand_partial_matches_sympy": Claim.every(
            {
                "∂u/∂x": same(du, sympy.diff(h["u"], x)),
                "∂v/∂x": same(dv, sympy.diff(h["v"], x)),
                "∂(uv)/∂x": same(product, sympy.diff(h["u"] * h["v"], x)),
            },
            f"hand ∂(uv)/∂x = {product}",
        ),
        "hand_terms_in_sympy": Claim.every(
            {
                "first printed term = u·∂v/∂x": same(printed[0], h["u_dv"]),
                "last printed term = ∂u/∂x·v": same(printed[-1], h["du_v"]),
            },
            f"sympy's ∂f/∂x prints {len(printed)} terms: first {printed[0]}, last {printed[-1]}",
        ),
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
        Code(
            "u = 3 * (1 - x) ** 2\n"
            "v = sympy.exp(-(x**2) - (y + 1) ** 2)\n"
            "by_hand = -6 * (1 - x) * v - 6 * x * (1 - x) ** 2 * v  # the page's result\n"
            'print("the hand result equals sympy\'s:", '
            "sympy.simplify(by_hand - sympy.diff(u * v, x)) == 0)\n",
            "after:terms_duv",
        ),
        Code("sympy.diff(f_expr, x)", "after:peaks_dfdx"),
        Code("sympy.diff(f_expr, y)", "after:peaks_dfdy"),
    ]


_SLICE = {"x0": SLICE_POINT[0], "y0": SLICE_POINT[1]}

ENTRIES = (
    Entry("partial_slice", "figure", partial_slice, _SLICE),
    Entry("terms_values", "values", terms_values, _SLICE, fmt="json"),
    Entry("terms_hand", "values", hand_values, fmt="json"),
    Entry("terms_claims", "claims", terms_claims, fmt="json"),
    Entry("terms_notebook", "notebook", terms_notebook, _SLICE, fmt="json"),
)
