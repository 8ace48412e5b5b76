"""Page ``gradient.md``: the gradient as a picture, and why −∇f is the way down.

Everything is measured on peaks: the gradient field on a coarse grid, the contour line through the
terms page's slice point P (traced by solving f = f(P) on a small circle around P), the slope of
the slice through P in every direction (finite differences), and the real change of f after one
step against the gradient, next to what the first-order Taylor approximation predicts.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from gdcore._typing import Array
from gdcore.book import cells, palette
from gdcore.book.numfmt import fmt_rate, math_point, pct, tex
from gdcore.book.pages.shared import power_of_ten
from gdcore.book.params import SEED_LR, SLICE_POINT
from gdcore.book.peaks import critical_points
from gdcore.book.plots import PATH_COLOR, grid_values, halo, washed
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.theme import on_dark
from gdcore.book.words import label
from gdcore.descent import descend
from gdcore.landscape import get_landscape

#: The arrows of the gradient field: a ``FIELD_N × FIELD_N`` grid over
#: ``[−FIELD_HALF, FIELD_HALF]²`` (inside the map, so no arrow is cut by its edge).
FIELD_N = 15
FIELD_HALF = 2.8
#: "Around" a critical point: the grid points within this many grid spacings of it.
NEAR_SPACINGS = 1.5
#: The "tiny step" that checks every arrow points uphill (a length, along the unit vector).
TINY_STEP = 1e-4
#: Radius of the small circle around P on which the contour line f = f(P) is found.
CONTOUR_RADIUS = 1e-3
#: The directional slopes: central differences with this step; dots every ``DOT_STEP`` degrees,
#: the maximum, minimum and zeros searched on a grid of ``FINE_STEP`` degrees.
FD_STEP = 1e-5
DOT_STEP = 15
FINE_STEP = 0.01
#: How close a measured slope must be to ∇f·u, and a measured angle to the predicted one.
SLOPE_TOL = 1e-6
#: The central difference's error is about h²/6 times the third derivative along u: halving h
#: divides it by about four. The page checks that ratio, within this tolerance.
FD_ORDER_TOL = 0.05
ANGLE_TOL = 1e-3
#: The angle at P is shown with this many decimals, and must be 90° to that many.
PERP_DIGITS = 4
#: The step-size axis of the Taylor figure, and how far the "step goes up" check reaches.
ETA_MAX = 0.7
ETA_CHECK = 1.0
ETA_GRID = 4001
#: Longer steps than the figure's grid reaches, checked too: "from η_up on" has no end.
FAR_ETAS = (2.0, 5.0, 10.0, 100.0, 1000.0)
#: "Within a few percent": the Taylor approximation's error allowed at the lesson's rate.
TAYLOR_TOL = 0.05

_MARKERS = {
    "min": (palette.MARKERS["minimum"], palette.mark("minimum")),
    "saddle": (palette.MARKERS["saddle"], palette.mark("saddle")),
    "max": (palette.MARKERS["maximum"], palette.mark("maximum")),
}
_NAMES = {"min": "field_local_min", "saddle": "field_saddle", "max": "field_local_max"}
#: The contour line through P, thick in the page's ink over the grey context lines (no hue: each
#: hue of the book is a role, and blue is the start's).
_CONTOUR_COLOR = palette.INK
#: A formula's curve that measured dots (in ink) lie on: a grey, so that the dots stand out on it.
_FORMULA_COLOR = palette.GUIDE
#: Context contour lines on plain paper: a grey that still reaches 3:1 on either page.
_LEVEL_GREY = palette.LEVEL
#: The steepest way down, −∇f, beside ∇f (in the path's colour): orange, outlined.
_DOWN_COLOR = palette.mark("down")

_P = {"x0": SLICE_POINT[0], "y0": SLICE_POINT[1]}


# --- the gradient field ---------------------------------------------------------------------------
@cache
def field(n: int = FIELD_N, half: float = FIELD_HALF) -> tuple[Array, Array, Array]:
    """The grid points ``(n², 2)``, the gradient there ``(n², 2)`` and its length ``(n²,)``."""
    peaks = get_landscape("peaks")
    xs = np.linspace(-half, half, n)
    gx, gy = np.meshgrid(xs, xs)
    points = np.stack([gx.ravel(), gy.ravel()], axis=1)
    grad = peaks.gradient(points)
    return points, grad, np.linalg.norm(grad, axis=1)


def tiny_steps(n: int = FIELD_N, half: float = FIELD_HALF) -> tuple[Array, Array]:
    """At every grid point: the change of f after a step of :data:`TINY_STEP` along ∇f/‖∇f‖,
    and after the same step against it."""
    peaks = get_landscape("peaks")
    points, grad, length = field(n, half)
    u = grad / length[:, None]
    f0 = peaks.value(points)
    return peaks.value(points + TINY_STEP * u) - f0, peaks.value(points - TINY_STEP * u) - f0


def arrows_around_extrema(n: int = FIELD_N, half: float = FIELD_HALF) -> dict[str, tuple[int, int]]:
    """For each local minimum and maximum (named by kind and place): (grid points within one and
    a half grid spacings of it, how many of their arrows point away from it (minima) or towards
    it (maxima))."""
    points, grad, _ = field(n, half)
    radius = NEAR_SPACINGS * 2 * half / (n - 1)
    out = {}
    for c in critical_points():
        if c.kind not in ("min", "max"):
            continue
        near = np.linalg.norm(points - c.x, axis=1) < radius
        outward = np.einsum("ij,ij->i", grad[near], points[near] - c.x)
        good = outward > 0 if c.kind == "min" else outward < 0
        out[f"{c.kind} at ({c.x[0]:.3f}, {c.x[1]:.3f})"] = (int(near.sum()), int(good.sum()))
    return out


def draw_critical_points(ax: Axes, lang: str) -> None:
    """The nine critical points, marked as on the minima page's map (labelled once per kind)."""
    shown: set[str] = set()
    for c in critical_points():
        marker, color = _MARKERS[c.kind]
        key = _NAMES[c.kind]
        ax.plot(
            *c.x,
            marker,
            color=color,
            markeredgecolor=palette.OUTLINE,
            markersize=10,
            label=None if key in shown else label(key, lang),
            zorder=4,
        )
        shown.add(key)


def arrow_key(n: int = FIELD_N, half: float = FIELD_HALF) -> float:
    """The ‖∇f‖ an arrow one grid spacing long stands for: the longest arrow's, rounded up to a
    multiple of 5, so that no arrow is longer than a grid spacing."""
    _, _, length = field(n, half)
    return float(5 * np.ceil(length.max() / 5))


def arrow_vectors(grad: Array) -> Array:
    """The arrows drawn for gradients ``(k, 2)``: the direction of ∇f, with a length that grows
    as the square root of ‖∇f‖ (so the gentle slopes stay visible next to the steep ones)."""
    length = np.linalg.norm(grad, axis=1, keepdims=True)
    return grad / np.sqrt(np.where(length > 0, length, 1.0))


def gradient_field(lang: str, *, n: int, half: float) -> Figure:
    """peaks' contour lines, ∇f as arrows on a coarse grid (length growing with ‖∇f‖), and the
    nine critical points."""
    peaks = get_landscape("peaks")
    points, grad, _ = field(n, half)
    fig, ax = new_figure(4.8, 5.9)
    xs, ys, z = grid_values(peaks, 161)
    ax.contourf(xs, ys, z, levels=20, cmap=washed(), vmin=-7, vmax=9)
    ax.contour(xs, ys, z, levels=20, colors=palette.OUTLINE, linewidths=0.4, alpha=0.5)
    spacing = 2 * half / (n - 1)
    key = arrow_key(n, half)
    arrows = arrow_vectors(grad)
    q = ax.quiver(
        points[:, 0],
        points[:, 1],
        arrows[:, 0],
        arrows[:, 1],
        angles="xy",
        scale_units="xy",
        scale=np.sqrt(key) / spacing,
        color=PATH_COLOR,
        edgecolor=palette.OUTLINE,  # outlined in the page's ink: seen on all of the pale map
        linewidth=0.6,
        width=0.008,
        headwidth=3.5,
        headlength=4,
        headaxislength=3.5,
        minlength=0.5,
        zorder=3,
    )
    on_dark(q, edgecolor=palette.page("dark", "ink"))
    for x, v in ((0.02, key), (0.55, 1.0)):
        ax.quiverkey(
            q,
            x,
            1.04,
            np.sqrt(v),
            label("arrow_key", lang, v=f"{v:g}"),
            labelpos="E",
            coordinates="axes",
            fontproperties={"size": 11},
        )
    draw_critical_points(ax, lang)
    ax.set_xlim(*peaks.domain[0])
    ax.set_ylim(*peaks.domain[1])
    ax.set_aspect("equal")
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    ax.set_title(label("field_title", lang), pad=28)
    fig.legend(fontsize=11, loc="outside lower center", ncols=3, handletextpad=0.2)
    return fig


# --- the contour line through P ------------------------------------------------------------------
def _bisect(fun, lo: float, hi: float, iterations: int = 60) -> float:
    """A root of ``fun`` between ``lo`` and ``hi``, where it changes sign."""
    f_lo = fun(lo)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        f_mid = fun(mid)
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


@cache
def contour_crossings(x0: float, y0: float, radius: float = CONTOUR_RADIUS) -> Array:
    """The points ``(k, 2)`` where the circle of ``radius`` around P meets the contour line
    f = f(P), found by bisection between sign changes of f − f(P) along the circle."""
    peaks = get_landscape("peaks")
    p = np.array([x0, y0])
    level = float(peaks.value(p))

    def on_circle(phi: float) -> float:
        return float(peaks.value(p + radius * np.array([np.cos(phi), np.sin(phi)]))) - level

    phis = np.linspace(0, 2 * np.pi, 721)
    values = [on_circle(phi) for phi in phis]
    roots = [
        _bisect(on_circle, a, b)
        for a, b, fa, fb in zip(phis[:-1], phis[1:], values[:-1], values[1:], strict=True)
        if (fa > 0) != (fb > 0)
    ]
    return np.array([p + radius * np.array([np.cos(r), np.sin(r)]) for r in roots])


def contour_tangent(x0: float, y0: float) -> Array:
    """The unit tangent of the contour line at P, measured: from one crossing to the other."""
    a, b = contour_crossings(x0, y0)
    t = b - a
    return t / np.linalg.norm(t)


def angle_between(u: Array, v: Array) -> float:
    """The angle between two vectors, in degrees."""
    c = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))
    return float(np.degrees(np.arccos(np.clip(c, -1.0, 1.0))))


def direction(v: Array) -> float:
    """The direction of a vector as an angle θ in [0°, 360°), measured from the x-axis."""
    return float(np.degrees(np.arctan2(v[1], v[0])) % 360)


def gradient_perpendicular(lang: str, *, x0: float, y0: float) -> Figure:
    """A close-up at P: the contour line through P, its tangent, ∇f(P) and the right angle."""
    peaks = get_landscape("peaks")
    p = np.array([x0, y0])
    g = peaks.gradient(p)
    t = contour_tangent(x0, y0)
    half = 0.45
    fig, ax = new_figure(4.6, 5.8)
    window = ((x0 - half, x0 + half), (y0 - half, y0 + half))
    xs, ys, z = grid_values(peaks, 201, window)
    ax.contour(xs, ys, z, levels=14, colors=_LEVEL_GREY, linewidths=0.7, linestyles="solid")
    level = float(peaks.value(p))
    ax.contour(xs, ys, z, levels=[level], colors=_CONTOUR_COLOR, linewidths=2.5, linestyles="solid")
    ax.plot([], [], color=_CONTOUR_COLOR, linewidth=2.5, label=label("contour_through", lang))
    s = np.array([-0.3, 0.3])
    ax.plot(
        p[0] + s * t[0],
        p[1] + s * t[1],
        "--",
        color=palette.INK,
        linewidth=1.5,
        label=label("tangent_line", lang),
    )
    arrow = 0.3 * g / np.linalg.norm(g)
    ax.annotate(
        "",
        xy=p + arrow,
        xytext=p,
        arrowprops={"arrowstyle": "-|>", "color": PATH_COLOR, "linewidth": 2.5},
    )
    ax.text(*(p + arrow + [0.0, 0.04]), "∇f", fontsize=13, ha="center")
    ax.plot([], [], color=PATH_COLOR, linewidth=2.5, label=label("gradient_direction", lang))
    ax.annotate(
        "",
        xy=p - arrow,
        xytext=p,
        arrowprops={"arrowstyle": "-|>", "color": _DOWN_COLOR, "linewidth": 2.5,
                    "path_effects": halo(2.5)},
    )  # fmt: skip
    ax.text(*(p - arrow + [0.0, 0.04]), "−∇f", fontsize=13, ha="center")  # words in ink
    ax.plot([], [], color=_DOWN_COLOR, linewidth=2.5, label=label("grad_down_direction", lang),
            path_effects=halo(2.5))  # fmt: skip
    side = 0.06
    gu = g / np.linalg.norm(g)
    tu = t if gu[0] * t[1] - gu[1] * t[0] > 0 else -t
    square = [p, p + side * gu, p + side * (gu + tu), p + side * tu]
    ax.add_patch(Polygon(square, closed=True, fill=False, edgecolor=palette.INK, linewidth=1))
    ax.plot(
        *p, "o", color=palette.MAP_WHITE, markeredgecolor=palette.OUTLINE, markersize=9, zorder=5
    )
    ax.annotate("P", p, xytext=(-14, -16), textcoords="offset points", fontsize=12)
    ax.set_xlim(*window[0])
    ax.set_ylim(*window[1])
    ax.set_aspect("equal")
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    ax.set_title(label("perpendicular_title", lang))
    fig.legend(fontsize=11, loc="outside lower center", ncols=1)
    return fig


# --- the directional derivative ------------------------------------------------------------------
def measured_slopes(x0: float, y0: float, thetas_deg: Array) -> Array:
    """The slope of the slice t ↦ f(P + t u) at t = 0, u = (cos θ, sin θ), by central
    differences: measured, without the gradient."""
    peaks = get_landscape("peaks")
    th = np.radians(thetas_deg)
    u = np.stack([np.cos(th), np.sin(th)], axis=1)
    p = np.array([x0, y0])
    return (peaks.value(p + FD_STEP * u) - peaks.value(p - FD_STEP * u)) / (2 * FD_STEP)


def predicted_slopes(x0: float, y0: float, thetas_deg: Array) -> Array:
    """∇f(P)·u for u = (cos θ, sin θ)."""
    g = get_landscape("peaks").gradient((x0, y0))
    th = np.radians(thetas_deg)
    return g[0] * np.cos(th) + g[1] * np.sin(th)


@cache
def slope_survey(x0: float, y0: float) -> dict[str, float | Array]:
    """The measured slopes on a fine grid of angles: the largest and smallest and where, and
    where the slope changes sign (linear interpolation between grid angles)."""
    thetas = np.arange(0, 360, FINE_STEP)
    slopes = measured_slopes(x0, y0, thetas)
    nxt = np.roll(slopes, -1)
    changes = np.flatnonzero((slopes > 0) != (nxt > 0))
    zeros = thetas[changes] + FINE_STEP * slopes[changes] / (slopes[changes] - nxt[changes])
    return {
        "max": float(slopes.max()),
        "argmax": float(thetas[slopes.argmax()]),
        "min": float(slopes.min()),
        "argmin": float(thetas[slopes.argmin()]),
        "zeros": np.sort(zeros % 360),
        "diff": float(np.abs(slopes - predicted_slopes(x0, y0, thetas)).max()),
        "diffs": np.abs(slopes - predicted_slopes(x0, y0, thetas)),
        "thetas": thetas,
    }


def fd_error_ratio(x0: float, y0: float) -> float:
    """The median, over the fine grid of angles, of |measured − ∇f·u| with step 2h divided by
    the same with step h: about 4 when the central difference's own error (∝ h²) dominates."""
    peaks = get_landscape("peaks")
    thetas = np.arange(0, 360, FINE_STEP)
    th = np.radians(thetas)
    u = np.stack([np.cos(th), np.sin(th)], axis=1)
    p = np.array([x0, y0])
    predicted = predicted_slopes(x0, y0, thetas)
    errs = []
    for h in (FD_STEP, 2 * FD_STEP):
        measured = (peaks.value(p + h * u) - peaks.value(p - h * u)) / (2 * h)
        errs.append(np.abs(measured - predicted))
    big = errs[0] > 0.1 * errs[0].max()  # where the error is not itself lost in rounding
    return float(np.median(errs[1][big] / errs[0][big]))


def slope_bound(x0: float, y0: float) -> float:
    """The power of ten just above the largest |measured − ∇f·u| over the fine grid."""
    return float(10.0 ** np.ceil(np.log10(float(slope_survey(x0, y0)["diff"]))))


def angle_gap(a: float, b: float) -> float:
    """The distance between two angles in degrees, on the circle."""
    d = abs(a - b) % 360
    return min(d, 360 - d)


def directional_slope(lang: str, *, x0: float, y0: float) -> Figure:
    """D_u f at P against the angle θ of u: the curve ∇f·u, the measured slopes as dots, the
    maximum at the angle of ∇f, the zeros along the contour line, the minimum along −∇f."""
    g = get_landscape("peaks").gradient((x0, y0))
    norm = float(np.linalg.norm(g))
    theta_g = direction(g)
    thetas = np.linspace(0, 360, 721)
    dots = np.arange(0, 360, DOT_STEP, dtype=float)
    fig, ax = new_figure(4.8, 5.2)
    ax.axhline(0, color=_LEVEL_GREY, linewidth=0.8)
    ax.plot(
        thetas,
        predicted_slopes(x0, y0, thetas),
        color=_FORMULA_COLOR,
        linewidth=2,
        label=label("formula_curve", lang),
    )
    ax.plot(
        dots,
        measured_slopes(x0, y0, dots),
        "o",
        color=palette.INK,
        markersize=4,
        label=label("measured_dots", lang),
    )
    ax.plot(
        [theta_g],
        [norm],
        "^",
        color=PATH_COLOR,
        markeredgecolor=palette.OUTLINE,
        markersize=11,
        label=label("steepest_up", lang),
    )
    ax.plot(
        [(theta_g + 180) % 360],
        [-norm],
        "v",
        color=_DOWN_COLOR,
        markeredgecolor=palette.OUTLINE,
        markersize=11,
        label=label("steepest_down", lang),
    )
    zeros = [(theta_g + 90) % 360, (theta_g + 270) % 360]
    ax.plot(
        zeros,
        [0, 0],
        "D",  # hollow diamonds: a square is the start's marker
        color=palette.MAP_WHITE,
        markeredgecolor=palette.OUTLINE,
        markersize=8,
        label=label("along_contour", lang),
    )
    ax.set_xlim(0, 360)
    ax.set_ylim(-1.3 * norm, 1.3 * norm)
    ax.set_xticks(range(0, 361, 90))
    ax.set_xlabel(label("theta_axis", lang))
    ax.set_ylabel(label("slope_axis", lang))
    ax.set_title(label("directional_title", lang))
    ax.grid(alpha=0.3)
    fig.legend(fontsize=11, loc="outside lower center", ncols=1)
    return fig


# --- one step against the gradient ---------------------------------------------------------------
def step_change(x0: float, y0: float, etas: Array) -> tuple[Array, Array]:
    """For each step size η: the real change f(P − η∇f) − f(P), and the Taylor prediction
    −η‖∇f‖²."""
    peaks = get_landscape("peaks")
    p = np.array([x0, y0])
    g = peaks.gradient(p)
    etas = np.asarray(etas, dtype=float)
    actual = peaks.value(p - etas[:, None] * g) - float(peaks.value(p))
    return actual, -etas * float(g @ g)


@cache
def taylor_marks(x0: float, y0: float) -> dict[str, float | bool]:
    """Where the Taylor prediction breaks down: η_half, the first η from which the real decrease
    is less than half the predicted one; η_best, the largest decrease; η_up, the first η from
    which the step raises f; and whether each holds all the way it is said to."""
    etas = np.linspace(0, ETA_CHECK, ETA_GRID)[1:]
    actual, predicted = step_change(x0, y0, etas)
    ratio = actual / predicted
    half = int(np.argmax(ratio < 0.5))
    up = int(np.argmax(actual > 0)) if (actual > 0).any() else len(etas)
    best = int(np.argmin(actual))
    in_view = etas <= ETA_MAX
    zero = float("nan")
    if 0 < up < len(etas):
        zero = _bisect(
            lambda e: float(step_change(x0, y0, [e])[0][0]), float(etas[up - 1]), float(etas[up])
        )
    return {
        "eta_half": float(etas[half]),
        "half_holds": bool(half > 0 and np.all(ratio[half:][in_view[half:]] < 0.5)),
        "eta_best": float(etas[best]),
        "best_rises": bool(np.all(np.diff(actual[best : up + 1]) > 0)),
        "eta_up": float(etas[up]) if up < len(etas) else float("nan"),
        "eta_zero": zero,
        "up_holds": bool(up < len(etas) and np.all(actual[up:] > 0)),
        "down_before_up": bool(np.all(actual[:up] < 0)),
    }


def half_ratios(x0: float, y0: float) -> list[tuple[float, float]]:
    """(η, real change / predicted change) for every η from η_half on: the grid up to
    :data:`ETA_CHECK`, then :data:`FAR_ETAS`."""
    etas = np.linspace(0, ETA_CHECK, ETA_GRID)[1:]
    etas = np.concatenate([etas[etas >= float(taylor_marks(x0, y0)["eta_half"])], FAR_ETAS])
    actual, predicted = step_change(x0, y0, etas)
    return list(zip(etas.tolist(), (actual / predicted).tolist(), strict=True))


def rising_after_best(x0: float, y0: float) -> list[tuple[float, bool]]:
    """(η, f higher than at the previous grid η) for the grid from η_best to η_up: the steps
    that pass the lowest point of the line land higher and higher."""
    marks = taylor_marks(x0, y0)
    etas = np.linspace(0, ETA_CHECK, ETA_GRID)[1:]
    etas = etas[(etas >= float(marks["eta_best"])) & (etas <= float(marks["eta_up"]))]
    actual, _ = step_change(x0, y0, etas)
    return list(zip(etas[1:].tolist(), (np.diff(actual) > 0).tolist(), strict=True))


def landings_beyond(x0: float, y0: float) -> list[tuple[float, float, float]]:
    """(η, x, f) of the landing point P − η∇f for every η from η_up on: the grid up to
    :data:`ETA_CHECK`, then :data:`FAR_ETAS`."""
    peaks = get_landscape("peaks")
    etas = np.linspace(0, ETA_CHECK, ETA_GRID)[1:]
    etas = np.concatenate([etas[etas >= float(taylor_marks(x0, y0)["eta_up"])], FAR_ETAS])
    p = np.array([x0, y0])
    land = p - etas[:, None] * peaks.gradient(p)
    values = peaks.value(land)
    return list(zip(etas.tolist(), land[:, 0].tolist(), values.tolist(), strict=True))


@cache
def off_map(x0: float, y0: float) -> tuple[float, list[tuple[float, bool]]]:
    """The first η of the grid up to :data:`ETA_CHECK` whose step P − η∇f lands off the map (left of
    it), and (η, off the map) for every grid η from η_best on: on the map before it, off from it."""
    peaks = get_landscape("peaks")
    x_lo = peaks.domain[0][0]
    p = np.array([x0, y0])
    etas = np.linspace(0, ETA_CHECK, ETA_GRID)[1:]
    lands = p - etas[:, None] * peaks.gradient(p)
    off = np.flatnonzero(lands[:, 0] < x_lo)
    first = float(etas[off[0]]) if off.size else float("inf")
    best = float(taylor_marks(x0, y0)["eta_best"])
    keep = etas >= best
    return first, list(zip(etas[keep].tolist(), (lands[keep, 0] < x_lo).tolist(), strict=True))


@cache
def beyond_zero(x0: float, y0: float) -> dict[str, float]:
    """The landing points P − η∇f for η from η_up to :data:`ETA_CHECK`: their largest x, and
    the smallest and largest f there."""
    peaks = get_landscape("peaks")
    etas = np.linspace(0, ETA_CHECK, ETA_GRID)[1:]
    etas = etas[etas >= float(taylor_marks(x0, y0)["eta_up"])]
    p = np.array([x0, y0])
    land = p - etas[:, None] * peaks.gradient(p)
    values = peaks.value(land)
    return {
        "x_max": float(land[:, 0].max()),
        "f_min": float(values.min()),
        "f_max": float(values.max()),
        "x_first": float(land[0, 0]),
    }


def taylor_step(lang: str, *, x0: float, y0: float, learning_rate: float) -> Figure:
    """The real change of f after one step −η∇f from P against η, next to the Taylor line
    −η‖∇f‖²: the lesson's learning rate, η_half where the line promises twice too much, and
    η_zero from where the step no longer lowers f."""
    marks = taylor_marks(x0, y0)
    etas = np.linspace(0, ETA_MAX, 701)
    actual, predicted = step_change(x0, y0, etas)
    fig, ax = new_figure(4.8, 5.0)
    ax.axhline(0, color=_LEVEL_GREY, linewidth=0.8)
    ax.plot(
        etas, predicted, "--", color=palette.INK, linewidth=1.5, label=label("taylor_line", lang)
    )
    ax.plot(etas, actual, color=PATH_COLOR, linewidth=2.5, label=label("actual_change", lang))
    (a_lr,), _ = step_change(x0, y0, [learning_rate])
    ax.plot(
        [learning_rate],
        [a_lr],
        "o",
        color=palette.INK,  # a filled dot in the page's ink (blue is the start's)
        markeredgecolor=palette.OUTLINE,
        markersize=9,
        label=label("lesson_rate", lang, lr=fmt_rate(learning_rate)),
        zorder=5,
    )
    eta_half = float(marks["eta_half"])
    ax.axvline(eta_half, color=palette.GUIDE, linewidth=1.5, linestyle=":")
    ax.plot([], [], ":", color=palette.GUIDE, linewidth=1.5, label=label("half_mark", lang))
    eta_zero = float(marks["eta_zero"])
    ax.plot(
        [eta_zero],
        [0],
        "D",
        color=palette.MAP_WHITE,
        markeredgecolor=palette.OUTLINE,
        markersize=8,
        label=label("grad_zero_mark", lang),
        zorder=5,
    )
    (p_half,) = step_change(x0, y0, [eta_half])[1]
    ax.set_xlim(0, ETA_MAX)
    ax.set_ylim(1.2 * float(p_half), 0.6)
    ax.set_xlabel(label("eta_axis", lang))
    ax.set_ylabel(label("change_axis", lang))
    ax.set_title(label("taylor_title", lang))
    ax.grid(alpha=0.3)
    fig.legend(fontsize=11, loc="outside lower center", ncols=1)
    return fig


# --- where −∇f points, and where the long step lands ------------------------------------------
def valley_angles(n: int = FIELD_N, half: float = FIELD_HALF) -> Array:
    """At the grid points within one and a half grid spacings of the global minimum: the angle
    (degrees) between −∇f and the straight line to that minimum."""
    points, grad, _ = field(n, half)
    gmin = next(c for c in critical_points() if c.is_global_min)
    near = np.linalg.norm(points - gmin.x, axis=1) < NEAR_SPACINGS * 2 * half / (n - 1)
    pairs = zip(points[near], grad[near], strict=True)
    return np.array([angle_between(-g, gmin.x - q) for q, g in pairs])


@cache
def line_lowest(x0: float, y0: float) -> tuple[Array, Array]:
    """The lowest point P − η_best∇f on the line of steps from P, and the point where gradient
    descent started there settles (the bottom of the valley it lies in)."""
    peaks = get_landscape("peaks")
    p = np.array([x0, y0])
    low = p - float(taylor_marks(x0, y0)["eta_best"]) * peaks.gradient(p)
    run = descend(peaks, low, learning_rate=SEED_LR, epochs=2000)
    return low, np.asarray(run.final, dtype=float)


# --- values and claims ---------------------------------------------------------------------------
def _deg(v: float, digits: int = 2) -> str:
    return f"${tex(v, digits)}^\\circ$"


def _theta(v: float, digits: int = 2) -> str:
    return f"$\\theta = {tex(v, digits)}^\\circ$"


def gradient_values(lang: str, *, x0: float, y0: float) -> dict[str, str]:
    """The page's numbers: the field's arrows, the angle at P, the directional slopes, the step."""
    peaks = get_landscape("peaks")
    points, _, length = field()
    p = np.array([x0, y0])
    g = peaks.gradient(p)
    norm = float(np.linalg.norm(g))
    t = contour_tangent(x0, y0)
    survey = slope_survey(x0, y0)
    cps = np.array([c.x for c in critical_points()])
    shortest = int(length.argmin())
    longest = int(length.argmax())
    far = float(np.linalg.norm(cps - points[shortest], axis=1).min())
    marks = taylor_marks(x0, y0)
    (a_lr,), (p_lr,) = step_change(x0, y0, [SEED_LR])
    low, bottom = line_lowest(x0, y0)
    (x_lo, _), _ = peaks.domain
    return {
        "field_grid": f"{FIELD_N}×{FIELD_N}",
        "field_points": str(FIELD_N * FIELD_N),
        "grad_field_from": f"${tex(-FIELD_HALF, 1)}$",
        "grad_field_to": f"${tex(FIELD_HALF, 1)}$",
        "grad_field_spacing": f"${tex(2 * FIELD_HALF / (FIELD_N - 1), 1)}$",
        "field_key": f"$\\lVert \\nabla f \\rVert = {arrow_key():g}$",
        "field_longest": f"$\\lVert \\nabla f \\rVert = {tex(float(length[longest]), 2)}$",
        "field_longest_at": math_point(points[longest], 1),
        "field_shortest": f"$\\lVert \\nabla f \\rVert = {tex(float(length[shortest]), 4)}$",
        "field_shortest_at": math_point(points[shortest], 1),
        "field_shortest_dist": f"${tex(far, 2)}$",
        "field_n_critical": str(len(cps)),
        "grad_valley_angle": _deg(float(valley_angles().max()), 0),
        "field_near": f"${tex(NEAR_SPACINGS * 2 * FIELD_HALF / (FIELD_N - 1), 1)}$",
        "fine_step": _deg(FINE_STEP, 2),
        "tiny_step": f"$s = 10^{{{int(np.log10(TINY_STEP))}}}$",
        "p_point": "$P = " + math_point(p, 1)[1:],
        "p_value": f"$f(P) = {tex(float(peaks.value(p)), 4)}$",
        "p_grad": f"$\\nabla f(P) = ({tex(float(g[0]), 3)}, {tex(float(g[1]), 3)})$",
        "p_norm": f"$\\lVert \\nabla f(P) \\rVert = {tex(norm, 3)}$",
        "p_norm_sq": f"$\\lVert \\nabla f(P) \\rVert^2 = {tex(norm**2, 2)}$",
        "p_dfdx": f"$\\partial f / \\partial x = {tex(float(g[0]), 3)}$",
        "p_dfdy": f"$\\partial f / \\partial y = {tex(float(g[1]), 3)}$",
        "perp_angle": _deg(angle_between(g, t), PERP_DIGITS),
        "contour_radius": power_of_ten("CONTOUR_RADIUS", CONTOUR_RADIUS),
        "grad_tan": f"$\\tan\\theta = {tex(float(g[1]), 3)} / {tex(float(g[0]), 3)}$",
        "dot_step": _deg(DOT_STEP, 0),
        "fd_step": f"$h = 10^{{{int(np.log10(FD_STEP))}}}$",
        "slope_diff": f"$10^{{{int(np.log10(slope_bound(x0, y0)))}}}$",
        "fd_ratio": f"${tex(fd_error_ratio(x0, y0), 2)}$",
        "slope_max_at": _theta(float(survey["argmax"])),
        "slope_min": f"${tex(float(survey['min']), 3)}$",
        "slope_min_at": _theta(float(survey["argmin"])),
        "grad_zero_1": _theta(float(survey["zeros"][0])),
        "grad_zero_2": _deg(float(survey["zeros"][1])),
        "grad_seed_eta": f"$\\eta = {fmt_rate(SEED_LR)}$",
        "lr_actual": f"${tex(float(a_lr), 4)}$",
        "lr_predicted": f"${tex(float(p_lr), 4)}$",
        "lr_error": pct(abs(a_lr / p_lr - 1)),
        "lr_step_len": f"${tex(SEED_LR * norm, 3)}$",
        "eta_half": f"$\\eta = {tex(float(marks['eta_half']), 3)}$",
        "eta_best": f"$\\eta = {tex(float(marks['eta_best']), 3)}$",
        "best_step_len": f"${tex(float(marks['eta_best']) * norm, 2)}$",
        "grad_line_low": math_point(low, 2),
        "grad_line_low_value": f"$f = {tex(float(peaks.value(low)), 2)}$",
        "grad_valley_bottom": math_point(bottom, 2),
        "grad_valley_value": f"$f = {tex(float(peaks.value(bottom)), 2)}$",
        "eta_up": f"$\\eta \\approx {tex(float(marks['eta_zero']), 3)}$",
        "grad_map_edge": f"$x < {tex(x_lo, 0)}$",
        "eta_off": f"$\\eta \\approx {tex(off_map(x0, y0)[0], 3)}$",
    }


def gradient_claims(lang: str, *, x0: float, y0: float) -> dict[str, Claim]:
    """What the page says about the field, the right angle, the directional slopes and the step."""
    peaks = get_landscape("peaks")
    points, _, length = field()
    up, down = tiny_steps()
    around = arrows_around_extrema()
    cps = [c for c in critical_points()]
    gmin = next(c for c in cps if c.is_global_min)
    longest = points[int(length.argmax())]
    shortest = points[int(length.argmin())]
    spacing = 2 * FIELD_HALF / (FIELD_N - 1)
    (x_lo, x_hi), _ = peaks.domain
    far = float(min(np.linalg.norm(c.x - shortest) for c in cps))
    p = np.array([x0, y0])
    g = peaks.gradient(p)
    f_p = float(peaks.value(p))
    norm = float(np.linalg.norm(g))
    theta_g = direction(g)
    t = contour_tangent(x0, y0)
    perp = angle_between(g, t)
    survey = slope_survey(x0, y0)
    contour_dirs = sorted([direction(t), direction(-t)])
    zeros = list(survey["zeros"])
    axes = measured_slopes(x0, y0, np.array([0.0, 90.0]))
    marks = taylor_marks(x0, y0)
    (a_lr,), (p_lr,) = step_change(x0, y0, [SEED_LR])
    err = abs(a_lr / p_lr - 1)
    bend = float(g @ peaks.hessian(p) @ g)  # d²/dη² f(P − η∇f): negative, f bends down
    angles = valley_angles()
    low, bottom = line_lowest(x0, y0)
    kinds = {tuple(c.x): c.kind for c in cps}
    nearest = min(cps, key=lambda c: float(np.linalg.norm(c.x - bottom)))
    bound = slope_bound(x0, y0)
    ratio = fd_error_ratio(x0, y0)
    beyond_half = half_ratios(x0, y0)
    rising = rising_after_best(x0, y0)
    landings = landings_beyond(x0, y0)
    # the step leaves the map already below η_up, while f there is still below f(P)
    steps = np.linspace(0, ETA_CHECK, ETA_GRID)[1:]
    lands = p - steps[:, None] * g
    off = np.flatnonzero(lands[:, 0] < x_lo)
    first_off = float(steps[off[0]]) if off.size else float("inf")
    f_off = float(peaks.value(lands[off[0]])) if off.size else float("nan")
    return {
        "field_points_uphill": Claim.every(
            {
                f"({q[0]:.1f}, {q[1]:.1f})": bool(ln > 0 and a > 0 and b < 0)
                for q, ln, a, b in zip(points, length, up, down, strict=True)
            },
            f"min rise {up.min():.3g}, max fall {down.max():.3g}",
        ),
        "field_around_extrema": Claim.every(
            {name: n > 0 and good == n for name, (n, good) in around.items()},
            f"(grid points near, arrows the right way): {around}",
        ),
        "grad_valley_not_straight": Claim(
            bool(angles.max() > 10 and np.all(angles < 90)),
            f"angles between −∇f and the line to the global minimum: {np.round(angles, 2)}",
        ),
        "field_longest_above_deepest": Claim(
            bool(longest[1] > gmin.x[1] and np.linalg.norm(longest - gmin.x) < 2 * spacing),
            f"longest at {longest.tolist()}, global minimum at {gmin.x.tolist()}",
        ),
        "field_shortest_far": Claim(
            far > (x_hi - x_lo) / 4,
            f"shortest at {shortest.tolist()}, {far:.3f} from the nearest critical point",
        ),
        "contour_perpendicular": Claim(
            len(contour_crossings(x0, y0)) == 2 and abs(perp - 90) < 0.5 * 10**-PERP_DIGITS,
            f"{len(contour_crossings(x0, y0))} crossings, angle {perp:.8f}°",
        ),
        "slopes_match_formula": Claim.every(
            {
                f"θ = {th:.2f}°": bool(d < bound)
                for th, d in zip(survey["thetas"], survey["diffs"], strict=True)
            },
            f"largest |measured − ∇f·u| over the fine grid: {survey['diff']:.3g} < {bound:g}",
        ),
        "fd_error_quadratic": Claim(
            abs(ratio - 4) < 4 * FD_ORDER_TOL,
            f"median error ratio, step 2h against h: {ratio:.4f}",
        ),
        "slices_are_partials": Claim.every(
            {
                f"θ = {th:g}°": bool(abs(a - gi) < SLOPE_TOL)
                for th, a, gi in zip((0, 90), axes, g, strict=True)
            },
            f"measured at 0° and 90°: {axes.tolist()}, ∇f(P) = {g.tolist()}",
        ),
        "steepest_along_gradient": Claim(
            angle_gap(float(survey["argmax"]), theta_g) <= FINE_STEP
            and abs(survey["max"] - norm) < SLOPE_TOL
            and abs(np.degrees(np.arctan(g[1] / g[0])) - theta_g) < 1e-9,
            f"largest slope {survey['max']:.9f} at {survey['argmax']:.2f}°; "
            f"‖∇f‖ = {norm:.9f} at {theta_g:.4f}°",
        ),
        "steepest_down_opposite": Claim(
            angle_gap(float(survey["argmin"]), theta_g + 180) <= FINE_STEP
            and abs(survey["min"] + norm) < SLOPE_TOL,
            f"smallest slope {survey['min']:.9f} at {survey['argmin']:.2f}°",
        ),
        "grad_zeros_perpendicular": Claim(
            len(zeros) == 2 and all(abs(angle_gap(z, theta_g) - 90) < ANGLE_TOL for z in zeros),
            f"zeros {[f'{z:.5f}' for z in zeros]}, ∇f(P) at {theta_g:.5f}°",
        ),
        "zeros_along_contour": Claim(
            len(zeros) == 2
            and all(angle_gap(z, d) < ANGLE_TOL for z, d in zip(zeros, contour_dirs, strict=True)),
            f"zeros {[f'{z:.5f}' for z in zeros]}, contour {[f'{d:.5f}' for d in contour_dirs]}",
        ),
        "taylor_close_at_lr": Claim(
            err < TAYLOR_TOL and a_lr < p_lr and bend < 0,
            f"actual {a_lr:.6f}, predicted {p_lr:.6f}, error {err:.4f}; "
            f"second derivative along the step {bend:.4f}",
        ),
        "taylor_half_beyond": Claim.every(
            {f"η = {e:.5f}": bool(r < 0.5) for e, r in beyond_half}
            | {"η_half inside the figure": float(marks["eta_half"]) < ETA_MAX},
            f"η_half = {marks['eta_half']:.4f}; ratio real/predicted < 1/2 on the grid up to "
            f"{ETA_CHECK} and at {len(FAR_ETAS)} longer steps",
        ),
        "taylor_overshoot": Claim.every(
            {f"η = {e:.5f}: higher than the step before": ok for e, ok in rising}
            | {
                "η_best < η_up": float(marks["eta_best"]) < float(marks["eta_up"]),
                "the valley's bottom is a minimum": kinds[tuple(nearest.x)] == "min"
                and float(np.linalg.norm(nearest.x - bottom)) < 1e-3,
                "the lowest point on the line lies above the bottom": float(peaks.value(low))
                > float(peaks.value(bottom)),
            },
            f"η_best = {marks['eta_best']:.4f}, lowest point on the line {low.tolist()}, descent "
            f"from it settles at {bottom.tolist()}; f rises until η_up = {marks['eta_up']:.4f}",
        ),
        "taylor_off_map": Claim.every(
            {
                f"η = {e:.5f}: {'off' if off else 'on'} the map": off == (e >= first_off)
                for e, off in off_map(x0, y0)[1]
            }
            | {
                "η_best < η_off < η_up": float(marks["eta_best"])
                < first_off
                < float(marks["eta_zero"]),
                "f below f(P) at η_off": f_off < f_p,
            },
            f"from η_best = {marks['eta_best']:.4f} on, the step lands on the map below "
            f"η_off = {first_off:.4f}, off it from there (f = {f_off:.5f} < f(P) = {f_p:.5f}); "
            f"η_up = {marks['eta_zero']:.5f}",
        ),
        "taylor_goes_up": Claim.every(
            {
                f"η = {e:.5f}": bool(x < x_lo and f_p < f and abs(f) < 1.01 * abs(f_p))
                for e, x, f in landings
            }
            | {
                "f falls before η_up": bool(marks["down_before_up"]),
                "η_up inside the figure": float(marks["eta_zero"]) < ETA_MAX,
                "off the map already below η_up, f still below f(P) there": first_off
                < float(marks["eta_zero"])
                and f_off < f_p,
            },
            f"the step first lands off the map at η = {first_off:.4f} (f = {f_off:.5f}); "
            f"f falls for η < {marks['eta_zero']:.5f}, rises from there; landings at "
            f"x ≤ {max(x for _, x, _ in landings):.4f}, f in "
            f"[{min(f for *_, f in landings):.5f}, {max(f for *_, f in landings):.5f}], "
            f"f(P) = {f_p:.5f}",
        ),
    }


def gradient_notebook(lang: str, *, x0: float, y0: float) -> list[Code]:
    """The page's notebook: the arrows, the directional slopes at P, one step against ∇f."""
    peaks = get_landscape("peaks")
    points, _, length = field()
    longest, shortest = int(length.argmax()), int(length.argmin())
    p = np.array([x0, y0])
    g = peaks.gradient(p)
    survey = slope_survey(x0, y0)
    marks = taylor_marks(x0, y0)
    (a_lr,), (p_lr,) = step_change(x0, y0, [SEED_LR])
    field_cell = (
        f"xs = np.linspace({-FIELD_HALF}, {FIELD_HALF}, {FIELD_N})\n"
        "GX, GY = np.meshgrid(xs, xs)\n"
        "U, V = df_x(GX, GY), df_y(GX, GY)  # the gradient at every grid point\n"
        "length = np.hypot(U, V)\n"
        "fig, ax = plt.subplots(figsize=(6, 6))\n"
        'ax.contour(X, Y, Z, levels=20, colors="gray", linewidths=0.5)\n'
        "scale = np.sqrt(length)  # arrows as long as the square root of the slope\n"
        'ax.quiver(GX, GY, U / length * scale, V / length * scale, color="tab:red")\n'
        'ax.set_aspect("equal")\n'
        "plt.show()\n\n"
        "k = length.argmax()\n"
        'print("longest arrow: norm =", length.flat[k])\n'
        'print("  at (x, y) =", GX.flat[k], GY.flat[k])\n'
        "k = length.argmin()\n"
        'print("shortest arrow: norm =", length.flat[k])\n'
        'print("  at (x, y) =", GX.flat[k], GY.flat[k])\n'
    )
    point_cell = (
        f"P = np.array([{x0}, {y0}])\n"
        "gx, gy = df_x(*P), df_y(*P)\n"
        'print("f(P) =", f(*P))\n'
        'print("gradient at P =", gx, gy)\n'
        'print("its norm =", np.hypot(gx, gy))\n'
    )
    slope_cell = (
        f"h = {FD_STEP}\n\n\n"
        "def measured_slope(theta_degrees):\n"
        '    """The slope of f at P in the direction theta, by a central difference."""\n'
        "    t = np.radians(theta_degrees)\n"
        "    ux, uy = np.cos(t), np.sin(t)\n"
        "    return (f(P[0] + h * ux, P[1] + h * uy) - f(P[0] - h * ux, P[1] - h * uy)) / (2 * h)\n"
        "\n\n"
        f"thetas = np.arange(0, 360, {FINE_STEP})\n"
        "slopes = measured_slope(thetas)\n"
        "formula = gx * np.cos(np.radians(thetas)) + gy * np.sin(np.radians(thetas))\n"
        "fig, ax = plt.subplots(figsize=(6, 4))\n"
        'ax.plot(thetas, formula, color="tab:blue")\n'
        f"dots = np.arange(0, 360, {DOT_STEP})\n"
        'ax.plot(dots, measured_slope(dots), "o", color="tab:blue")\n'
        'ax.set_xlabel("theta (degrees)")\n'
        "plt.show()\n\n"
        'print("largest slope at theta =", thetas[slopes.argmax()])\n'
        'print("smallest slope =", slopes.min())\n'
        'print("  at theta =", thetas[slopes.argmin()])\n'
    )
    taylor_cell = (
        f"etas = np.linspace(0, {ETA_CHECK}, {ETA_GRID})[1:]\n"
        "actual = f(P[0] - etas * gx, P[1] - etas * gy) - f(*P)  # the real change of f\n"
        "predicted = -etas * (gx**2 + gy**2)  # the Taylor approximation\n"
        f"view = etas <= {ETA_MAX}\n"
        "fig, ax = plt.subplots(figsize=(6, 4))\n"
        'ax.plot(etas[view], actual[view], color="tab:red")\n'
        'ax.plot(etas[view], predicted[view], "--", color="gray")\n'
        "ax.set_ylim(actual[view].min() * 1.5, 1)\n"
        'ax.set_xlabel("eta")\n'
        "plt.show()\n\n"
        'print("the real change is lowest at eta =", etas[actual.argmin()])\n'
        "half = np.argmax(actual / predicted < 0.5)  # the first eta where the ratio is below 1/2\n"
        'print("less than half the predicted one from eta =", etas[half])\n'
    )
    step_cell = (
        f"eta = {SEED_LR}\n"
        "actual = f(P[0] - eta * gx, P[1] - eta * gy) - f(*P)\n"
        "predicted = -eta * (gx**2 + gy**2)\n"
        'print("step length =", eta * np.hypot(gx, gy))\n'
        'print("real change =", actual)\n'
        'print("Taylor\'s prediction =", predicted)\n'
        'print("relative error =", abs(actual / predicted - 1))\n'
    )
    return [
        Code(cells.IMPORTS + "\n\n" + cells.PEAKS + cells.PEAKS_MAP, "start"),
        Code(
            field_cell,
            "fig-gradient-field",
            (
                Check("field_longest", length[longest]),
                Check("field_longest_at", points[longest][0], 0),
                Check("field_longest_at", points[longest][1], 1),
                Check("field_shortest", length[shortest]),
                Check("field_shortest_at", points[shortest][0], 0),
                Check("field_shortest_at", points[shortest][1], 1),
            ),
        ),
        Code(
            point_cell,
            "after:p_grad",
            (
                Check("p_value", float(peaks.value(p))),
                Check("p_grad", g[0], 0),
                Check("p_grad", g[1], 1),
                Check("p_norm", float(np.linalg.norm(g))),
            ),
        ),
        Code(
            slope_cell,
            "fig-directional-slope",
            (
                Check("slope_max_at", survey["argmax"]),
                Check("slope_min", survey["min"]),
                Check("slope_min_at", survey["argmin"]),
            ),
        ),
        Code(
            taylor_cell,
            "fig-taylor-step",
            (Check("eta_best", marks["eta_best"]), Check("eta_half", marks["eta_half"])),
        ),
        Code(
            step_cell,
            "after:lr_error",
            (
                Check("lr_step_len", SEED_LR * float(np.linalg.norm(g))),
                Check("lr_actual", a_lr),
                Check("lr_predicted", p_lr),
                Check("lr_error", abs(a_lr / p_lr - 1)),
            ),
        ),
    ]


ENTRIES = (
    Entry("gradient_field", "figure", gradient_field, {"n": FIELD_N, "half": FIELD_HALF}, "webp"),
    Entry("gradient_perpendicular", "figure", gradient_perpendicular, _P),
    Entry("directional_slope", "figure", directional_slope, _P),
    Entry("taylor_step", "figure", taylor_step, {**_P, "learning_rate": SEED_LR}),
    Entry("gradient_values", "values", gradient_values, _P, fmt="json"),
    Entry("gradient_claims", "claims", gradient_claims, _P, fmt="json"),
    Entry("gradient_notebook", "notebook", gradient_notebook, _P, fmt="json"),
)
