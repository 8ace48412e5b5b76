"""Page ``hessian.md``: the Hessian as a matrix, its eigenvalues as the extreme curvatures of the
slices through a point (computed from the trace and the determinant), the second-derivative test
read through them, and saddle points, which slow descent down."""

from __future__ import annotations

from functools import cache

import numpy as np
import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gdcore.analysis import CriticalPoint
from gdcore.book import cells, palette
from gdcore.book.memo import memo
from gdcore.book.numfmt import fmt, fmt_rate, math_point, pct, tex
from gdcore.book.pages.shared import BASIN_RADIUS, eigen, lam_tex, lesson_minimum, matrix_tex
from gdcore.book.params import SADDLE, SEED_EPOCHS, SEED_LR, SEED_START
from gdcore.book.peaks import critical_points
from gdcore.book.plots import grid_values, halo, series_style, washed
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label
from gdcore.descent import descend
from gdcore.landscape import get_landscape

#: Angles at which the slices' second differences are measured, and the difference's step.
_ANGLES = np.linspace(0, np.pi, 720, endpoint=False)
_H = 1e-4
#: The saddle map marks the slowest run's position every this many epochs.
DOTS_EVERY = 10


def slice_curvatures(point: np.ndarray, angles: np.ndarray = _ANGLES) -> np.ndarray:
    """The measured curvature of peaks' slice through ``point`` in each direction
    ``u = (cos θ, sin θ)``: the second difference (f(p + hu) − 2 f(p) + f(p − hu)) / h²."""
    peaks = get_landscape("peaks")
    u = np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    p = np.asarray(point, dtype=float)
    ahead, back = peaks.value(p + _H * u), peaks.value(p - _H * u)
    return (ahead - 2 * float(peaks.value(p)) + back) / _H**2


def second_derivative_test(h: np.ndarray) -> str:
    """The verdict of the second-derivative test on a Hessian ``[[f_xx, f_xy], [f_xy, f_yy]]``
    at a critical point: ``"min"``, ``"max"``, ``"saddle"`` or ``"undecided"`` (D = 0)."""
    d = float(h[0, 0] * h[1, 1] - h[0, 1] ** 2)
    if d > 0:
        return "min" if h[0, 0] > 0 else "max"
    return "saddle" if d < 0 else "undecided"


def eigenvalues_from_trace(h: np.ndarray) -> tuple[float, float, float, float]:
    """A symmetric 2×2 matrix's trace, determinant, and its eigenvalues from them, the roots of
    λ² − (tr H) λ + det H = 0: (tr H − √((tr H)² − 4 det H))/2 and (… + …)/2, ascending."""
    tr = float(h[0, 0] + h[1, 1])
    det = float(h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0])
    root = float(np.sqrt(tr**2 - 4 * det))
    return tr, det, (tr - root) / 2, (tr + root) / 2


def _axis_angle(v: np.ndarray) -> float:
    """The angle of the line along ``v``, in [0, π)."""
    return float(np.arctan2(v[1], v[0]) % np.pi)


def principal_curvature_errors(point: np.ndarray) -> tuple[float, float, float]:
    """How far the slices' measured extremes are from the eigenvalues at ``point``: relative
    error of the largest and smallest measured curvature, and the larger distance (radians, along
    lines) between the angles where they occur and the eigenvectors' angles."""
    w, v = eigen(point)
    c = slice_curvatures(point)
    scale = float(np.abs(w).max())
    err = max(abs(c.max() - w[1]), abs(c.min() - w[0])) / scale
    gaps = []
    for k, angle in (
        (int(c.argmax()), _axis_angle(v[:, 1])),
        (int(c.argmin()), _axis_angle(v[:, 0])),
    ):
        d = abs(_ANGLES[k] - angle)
        gaps.append(min(d, np.pi - d))
    return float(err), float(max(gaps)), float(_ANGLES[1] - _ANGLES[0])


def _figure_points() -> tuple[CriticalPoint, CriticalPoint, CriticalPoint]:
    """The three points the Hessian figure zooms in on: the lesson's minimum, the saddle the
    page's runs pass, the highest maximum."""
    top = max((c for c in critical_points() if c.kind == "max"), key=lambda c: c.value)
    return lesson_minimum(), the_saddle(SADDLE["near"]), top


def _draw_axes(ax: Axes, point: np.ndarray, length: float, lang: str) -> None:
    """The two eigenvector axes through ``point``, labelled with their eigenvalues: λmax's in
    reddish purple, λmin's in bluish green (the palette's roles); solid for the larger |λ|."""
    w, v = eigen(point)
    big = int(np.abs(w).argmax())
    for i in (0, 1):
        color = _AXIS_COLORS[int(w[i] == w.max() and w[0] != w[1])]
        d = v[:, i] * (1 if v[0, i] + 1e-9 * v[1, i] >= 0 else -1)  # drawn towards the right
        ends = np.array([point - length * d, point + length * d])
        ax.plot(*ends.T, "-" if i == big else "--", color=color, linewidth=2.5,
                path_effects=halo(2.5))  # fmt: skip
        # a level-ish axis is labelled just below its right part, clear of the centre where the
        # other axis crosses; a steep one beyond its end. The label's frame takes its axis's
        # colour, so the value reads as that axis's (its text stays in ink, for contrast).
        across = d[0] > 0.3
        at = point + (0.85 if across else 1.08) * length * d - (0, 0.12 * length if across else 0)
        ax.text(
            *at,
            label("lambda_value", lang, v=fmt(float(w[i]), 2)),
            fontsize=11,
            ha="center",
            va="top" if across or d[1] <= 0 else "bottom",
            bbox={"facecolor": palette.LABEL_BOX, "alpha": 0.9, "edgecolor": color,
                  "linewidth": 1.8, "pad": 2.0},
        )  # fmt: skip


def hessian_axes(lang: str, *, half_width: float) -> Figure:
    """A minimum, a saddle and a maximum of peaks, zoomed, each with its Hessian's eigenvector
    axes labelled by their eigenvalues, stacked."""
    peaks = get_landscape("peaks")
    points = _figure_points()
    fig = Figure(figsize=(3.8, 10.4), layout="constrained")
    axes = fig.subplots(3, 1)
    titles = ("hess_min_title", "hess_saddle_title", "hess_max_title")
    for ax, c, key in zip(axes, points, titles, strict=True):
        (x, y), r = c.x, half_width
        xs, ys, z = grid_values(peaks, 161, ((x - r, x + r), (y - r, y + r)))
        ax.contourf(xs, ys, z, levels=20, cmap=washed(0.45))  # quiet, under the coloured axes
        ax.contour(xs, ys, z, levels=20, colors=palette.OUTLINE, linewidths=0.4, alpha=0.5)
        _draw_axes(ax, c.x, 0.6 * r, lang)
        marker = palette.MARKERS[{"min": "minimum", "max": "maximum"}.get(c.kind, c.kind)]
        color = palette.mark({"min": "minimum", "max": "maximum"}.get(c.kind, c.kind), "map")
        ax.plot(*c.x, marker, color=color, markeredgecolor=palette.OUTLINE, markersize=10)
        ax.set_aspect("equal")
        ax.set_xlim(x - r, x + r)
        ax.set_ylim(y - r, y + r)
        ax.set_xlabel(label("x", lang))
        ax.set_ylabel(label("y", lang))
        ax.set_title(label(key, lang, f=fmt(c.value, 3)))
    return fig


# --- saddle points ------------------------------------------------------------------------------
@cache
def the_saddle(near: tuple[float, float]) -> CriticalPoint:
    """The saddle point of peaks nearest ``near``."""
    saddles = [c for c in critical_points() if c.kind == "saddle"]
    return min(saddles, key=lambda c: float(np.linalg.norm(c.x - np.array(near))))


def saddle_directions(near: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """The saddle's incoming eigenvector (λ > 0, pointing west) and outgoing one (λ < 0,
    pointing towards the global minimum)."""
    s = the_saddle(near)
    _, v = eigen(s.x)
    v_out, v_in = v[:, 0], v[:, 1]
    gmin = next(c for c in critical_points() if c.is_global_min)
    v_out = v_out if np.dot(v_out, gmin.x - s.x) > 0 else -v_out
    v_in = v_in if v_in[0] < 0 else -v_in
    return v_in, v_out


@cache
@memo
def incoming_start(
    near: tuple[float, float], distance: float, learning_rate: float, epochs: int
) -> np.ndarray:
    """A start ``distance`` out along the saddle's incoming eigenvector, moved along the
    outgoing one onto the set of starts that descend into the saddle (found by bisection: the
    runs from either side of it leave the saddle in opposite directions)."""
    peaks = get_landscape("peaks")
    s = the_saddle(near)
    v_in, v_out = saddle_directions(near)
    base = s.x + distance * v_in

    def side(t: float) -> float:
        end = descend(peaks, base + t * v_out, learning_rate=learning_rate, epochs=epochs).final
        return float(np.sign(np.dot(end - s.x, v_out)))

    lo, hi = -distance, distance
    if side(lo) == side(hi):
        raise ValueError(f"no start near {base.tolist()} descends into the saddle {s.x.tolist()}")
    low_side = side(lo)
    for _ in range(80):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        lo, hi = (mid, hi) if side(mid) == low_side else (lo, mid)
    return base + (lo + hi) / 2 * v_out


@cache
def saddle_runs(
    near: tuple[float, float],
    distance: float,
    offsets: tuple[float, ...],
    radius: float,
    learning_rate: float,
    epochs: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The paths ``(n, T, 2)`` and gradient norms ``(n, T)`` of the runs from the incoming start
    pushed by each offset along the outgoing eigenvector."""
    start = incoming_start(near, distance, learning_rate, epochs)
    _, v_out = saddle_directions(near)
    starts = np.stack([start + d * v_out for d in offsets])
    run = descend(get_landscape("peaks"), starts, learning_rate=learning_rate, epochs=epochs)
    return run.path, run.grad_norms


def lingering(
    near: tuple[float, float],
    distance: float,
    offsets: tuple[float, ...],
    radius: float,
    learning_rate: float,
    epochs: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Per run, the epochs spent within ``radius`` of the saddle (measured); and per step from
    one offset to the next, the epochs the quadratic model adds: ln(ratio) / ln(1 + η|λ−|)."""
    paths, _ = saddle_runs(near, distance, offsets, radius, learning_rate, epochs)
    s = the_saddle(near)
    near_counts = (np.linalg.norm(paths - s.x, axis=-1) < radius).sum(axis=1)
    grow = 1 + learning_rate * abs(float(s.eigenvalues.min()))
    ratios = np.array(offsets[:-1]) / np.array(offsets[1:])
    return near_counts, np.log(ratios) / np.log(grow)


def _offset_label(d: float) -> str:
    """δ = 10⁻ⁿ as mathtext."""
    return f"$\\delta = 10^{{{round(np.log10(d))}}}$"


def saddle_dots_near(
    near: tuple[float, float],
    distance: float,
    offsets: tuple[float, ...],
    radius: float,
    learning_rate: float,
    epochs: int,
) -> tuple[int, int]:
    """Of the dots the saddle map draws (the smallest offset's run, every :data:`DOTS_EVERY`
    epochs), how many lie within ``radius`` of the saddle, and how many there are."""
    paths, _ = saddle_runs(near, distance, offsets, radius, learning_rate, epochs)
    dots = paths[-1][::DOTS_EVERY]
    close = np.linalg.norm(dots - the_saddle(near).x, axis=1) < radius
    return int(close.sum()), len(dots)


#: The eigenvector axes, as every page draws a Hessian's directions: its largest eigenvalue's
#: reddish purple, its smallest's bluish green (their map variants, over a halo).
_AXIS_COLORS = (palette.mark("lmin", "map"), palette.mark("lmax", "map"))


def saddle_view(
    lang: str,
    *,
    near: tuple[float, float],
    distance: float,
    offsets: tuple[float, ...],
    radius: float,
    learning_rate: float,
    epochs: int,
) -> Figure:
    """The saddle as a surface (top) and as contours with the runs from its incoming curve down
    to the global minimum (bottom), dots every :data:`DOTS_EVERY` epochs."""
    peaks = get_landscape("peaks")
    s = the_saddle(near)
    gmin = next(c for c in critical_points() if c.is_global_min)
    paths, _ = saddle_runs(near, distance, offsets, radius, learning_rate, epochs)
    r = 0.75
    box = ((s.x[0] - r, s.x[0] + r), (gmin.x[1] - 0.2, s.x[1] + 0.6))
    xs, ys, z = grid_values(peaks, 121, box)
    fig = Figure(figsize=(4.4, 11.0), layout="constrained")
    top = fig.add_subplot(2, 1, 1, projection="3d", computed_zorder=False)
    q = 0.55  # the surface: closer in, so the saddle's shape fills it
    sx, sy, sz = grid_values(peaks, 81, ((s.x[0] - q, s.x[0] + q), (s.x[1] - q, s.x[1] + q)))
    gx, gy = np.meshgrid(sx, sy)
    top.plot_surface(gx, gy, sz, cmap="viridis", linewidth=0, rcount=50, ccount=50, zorder=1)
    top.scatter(*s.x, s.value, color=palette.mark("saddle"), edgecolor=palette.OUTLINE, s=70,
                depthshade=False, zorder=5)  # fmt: skip
    top.view_init(elev=30, azim=-40)
    for axis in (top.xaxis, top.yaxis, top.zaxis):
        axis.set_major_locator(MaxNLocator(4))
    top.set_xlabel(label("x", lang))
    top.set_ylabel(label("y", lang))
    top.set_zlabel(label("f", lang))
    top.set_title(label("saddle_surface_title", lang))
    ax = fig.add_subplot(2, 1, 2)
    ax.contourf(xs, ys, z, levels=24, cmap=washed(0.45))  # quiet, under the coloured runs
    ax.contour(xs, ys, z, levels=24, colors=palette.OUTLINE, linewidths=0.4, alpha=0.5)
    every = DOTS_EVERY
    for i, (path, d) in enumerate(zip(paths, offsets, strict=True)):  # the palette's series
        ax.plot(path[:, 0], path[:, 1], linewidth=1.6, label=_offset_label(d),
                path_effects=halo(1.6), **series_style(i, "map"))  # fmt: skip
    last = paths[-1]
    edge = palette.OUTLINE
    ax.plot(*last[::every].T, "o", color=palette.MAP_WHITE, markeredgecolor=edge, markersize=4,
            zorder=4, label=label("dots_every", lang, n=every))  # fmt: skip
    ax.plot(*paths[0, 0], "s", color=palette.mark("start", "map"), markeredgecolor=edge,
            markersize=8, label=label("start", lang))  # fmt: skip
    ax.plot(*s.x, "X", color=palette.mark("saddle"), markeredgecolor=edge, markersize=12,
            zorder=6, label=label("saddle", lang))  # fmt: skip
    ax.plot(*gmin.x, palette.MARKERS["minimum"], color=palette.mark("minimum"),
            markeredgecolor=edge, markersize=13, zorder=6,
            label=label("global_minimum", lang))  # fmt: skip
    ax.set_xlim(*box[0])
    ax.set_ylim(*box[1])
    ax.set_aspect("equal")
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    ax.set_title(label("saddle_map_title", lang, lr=fmt_rate(learning_rate)))
    fig.legend(loc="outside lower center", ncols=2)
    return fig


def saddle_plateau(
    lang: str,
    *,
    near: tuple[float, float],
    distance: float,
    offsets: tuple[float, ...],
    radius: float,
    learning_rate: float,
    epochs: int,
) -> Figure:
    """‖∇f‖ along each saddle run (log scale): the smaller the offset, the longer the plateau."""
    _, norms = saddle_runs(near, distance, offsets, radius, learning_rate, epochs)
    fig, ax = new_figure(4.4, 4.0)
    k = np.arange(norms.shape[1])
    for i, (n, d) in enumerate(zip(norms, offsets, strict=True)):  # the palette's series
        ax.plot(k, n, linewidth=1.8, label=_offset_label(d), **series_style(i))
    ax.set_yscale("log")
    ax.set_xlim(0, k[-1])
    ax.set_xlabel(label("epochs_axis", lang))
    ax.set_ylabel(label("grad_norm", lang))
    ax.set_title(label("plateau_title", lang))
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=2)
    return fig


def hessian_values(lang: str) -> dict[str, str]:
    """Every number the page shows."""
    peaks = get_landscape("peaks")
    eta_s = SADDLE["learning_rate"]
    m = lesson_minimum()
    w, v = eigen(m.x)
    s = the_saddle(SADDLE["near"])
    near_counts, added = lingering(**SADDLE)
    start = incoming_start(
        SADDLE["near"], SADDLE["distance"], SADDLE["learning_rate"], SADDLE["epochs"]
    )
    shift = float(np.dot(start - s.x, saddle_directions(SADDLE["near"])[1]))
    dots_near, dots_n = saddle_dots_near(**SADDLE)
    tr, det, _, _ = eigenvalues_from_trace(peaks.hessian(m.x))
    span = approach_epochs()
    return {
        "hs_tr": f"$\\operatorname{{tr}} H = {tr:.2f}$",
        "hs_det": f"$\\det H = {det:.2f}$",
        # spaces inside the braces keep each number apart from the command before it
        "hs_roots": (
            f"$\\lambda = \\dfrac{{ {tr:.2f} \\pm \\sqrt{{ {tr**2 - 4 * det:.2f} }} }}{{ 2 }}$"
        ),
        "hs_approach_epochs": str(span),
        "hs_approach_next": str(span + 1),
        "hs_lesson_min": math_point(m.x, 3),
        "hs_lesson_min_value": f"$f = {tex(m.value, 3)}$",
        "hs_hess_lesson": (
            f"$$H({tex(m.x[0], 3)}, {tex(m.x[1], 3)}) = {matrix_tex(peaks.hessian(m.x))}$$"
        ),
        "hs_lesson_lmin": lam_tex(w[0], "min"),
        "hs_lesson_lmax": lam_tex(w[1]),
        "hs_lesson_vmin": math_point(v[:, 0] * np.sign(v[0, 0] or 1), 3),
        "hs_lesson_vmax": math_point(v[:, 1] * np.sign(v[1, 1] or 1), 3),
        "hs_n_angles": f"{len(_ANGLES):,}",
        "hs_n_points": str(len(critical_points())),
        "hs_saddle_dots": str(DOTS_EVERY),
        "hs_saddle_offset_ratio": f"${SADDLE['offsets'][0] / SADDLE['offsets'][1]:g}$",
        "hs_saddle_point": math_point(s.x, 3),
        "hs_saddle_value": f"$f = {tex(s.value, 2)}$",
        "hs_saddle_lin": f"$\\lambda_+ = {tex(float(s.eigenvalues.max()), 2)}$",
        "hs_saddle_lout": f"$\\lambda_- = {tex(float(s.eigenvalues.min()), 2)}$",
        "hs_saddle_lr": f"$\\eta = {fmt_rate(SADDLE['learning_rate'])}$",
        "hs_saddle_in_factor": f"${tex(1 - eta_s * float(s.eigenvalues.max()), 3)}$",
        "hs_saddle_out_factor": (
            f"$1 + \\eta\\,|\\lambda_-| = {tex(1 + eta_s * abs(float(s.eigenvalues.min())), 3)}$"
        ),
        "hs_saddle_growth": pct(eta_s * abs(float(s.eigenvalues.min()))),
        "hs_saddle_distance": f"${tex(SADDLE['distance'], 1)}$",
        "hs_saddle_radius": f"${tex(SADDLE['radius'], 1)}$",
        "hs_saddle_offsets": ", ".join(f"$10^{{{round(np.log10(d))}}}$" for d in SADDLE["offsets"]),
        "hs_saddle_added_pred": f"${float(added[0]):.1f}$",
        "hs_saddle_near_counts": ", ".join(str(int(n)) for n in near_counts),
        "hs_saddle_added_meas": ", ".join(str(int(n)) for n in np.diff(near_counts)),
        "hs_angle_step": f"${np.degrees(_ANGLES[1] - _ANGLES[0]):g}^\\circ$",
        "hs_saddle_shift": f"${tex(shift, 4)}$",
        "hs_v_in": math_point(saddle_directions(SADDLE["near"])[0], 3),
        "hs_v_out": math_point(saddle_directions(SADDLE["near"])[1], 3),
        "hs_saddle_epochs": f"{SADDLE['epochs']:,}",
        "hs_saddle_dots_near": str(dots_near),
        "hs_saddle_dots_n": str(dots_n),
    }


def approach_epochs() -> int:
    """For how many first epochs every saddle run slides into the saddle: the incoming component
    of ``x − saddle`` keeps the sign it had at the start and shrinks in size at each of them (the
    longest such stretch common to the four runs)."""
    s = the_saddle(SADDLE["near"])
    v_in, _ = saddle_directions(SADDLE["near"])
    paths, _ = saddle_runs(**SADDLE)
    spans = []
    for a in (paths - s.x) @ v_in:
        ok = (np.sign(a[1:]) == np.sign(a[0])) & (np.abs(a[1:]) < np.abs(a[:-1]))
        spans.append(len(ok) if ok.all() else int(np.argmin(ok)))
    return min(spans)


def hessian_claims(lang: str) -> dict[str, Claim]:
    """What the page says about the Hessian, the slices' curvatures and the saddle runs, checked
    against the engine."""
    peaks = get_landscape("peaks")
    x, y = peaks.variables
    mixed = sympy.simplify(sympy.diff(peaks.expr, x, y) - sympy.diff(peaks.expr, y, x))
    errors = {
        tuple(c.x.round(3).tolist()): principal_curvature_errors(c.x) for c in critical_points()
    }
    worst_err = max(e for e, _, _ in errors.values())
    worst_gap = max(g for _, g, _ in errors.values())
    step = next(iter(errors.values()))[2]
    m = lesson_minimum()
    w, _ = eigen(m.x)
    tr, det, low, high = eigenvalues_from_trace(peaks.hessian(m.x))
    # saddle
    s = the_saddle(SADDLE["near"])
    near_counts, added = lingering(**SADDLE)
    measured_added = np.diff(near_counts)
    paths, _ = saddle_runs(**SADDLE)
    gmin = next(c for c in critical_points() if c.is_global_min)
    ends = np.linalg.norm(paths[:, -1] - gmin.x, axis=1)
    v_in, _ = saddle_directions(SADDLE["near"])
    # the start (epoch 0) and the points after each of the first approach_epochs epochs
    span = approach_epochs()
    approach = (paths[:, : span + 1] - s.x) @ v_in
    following = (paths[:, : span + 2] - s.x) @ v_in  # one epoch more: one run breaks the rule
    lam_in = float(s.eigenvalues.max())
    dots_near, dots_n = saddle_dots_near(**SADDLE)
    return {
        "mixed_partials_equal": Claim(mixed == 0, f"f_xy − f_yx simplifies to {mixed}"),
        "eigenvalues_are_extreme_curvatures": Claim.every(
            {f"{p}": e < 1e-5 and g <= st for p, (e, g, st) in errors.items()},
            f"largest relative error {worst_err:.2e}, largest angle gap {worst_gap:.4f} rad "
            f"(angle step {step:.4f})",
        ),
        "hs_formula_matches": Claim(
            bool(abs(low - w[0]) < 1e-9 * abs(w[0]) and abs(high - w[1]) < 1e-9 * abs(w[1])),
            f"tr {tr:.6f}, det {det:.6f}: roots {low:.9f}, {high:.9f}; eigh {w.tolist()}",
        ),
        "test_agrees_with_eigenvalues": Claim.every(
            {
                f"{c.kind} at {c.x.round(3).tolist()}": (
                    second_derivative_test(peaks.hessian(c.x)) == c.kind
                )
                for c in critical_points()
            },
            "the second-derivative test names the kind the eigenvalues' signs give",
        ),
        "saddle_linger_as_predicted": Claim.every(
            {
                f"δ {a:g} → {b:g}": abs(meas - pred) <= 1
                for (a, b), meas, pred in zip(
                    zip(SADDLE["offsets"][:-1], SADDLE["offsets"][1:], strict=True),
                    measured_added,
                    added,
                    strict=True,
                )
            },
            f"epochs near the saddle {near_counts.tolist()}, added {measured_added.tolist()}, "
            f"predicted {added.round(2).tolist()}",
        ),
        "saddle_approach_monotone": Claim.every(
            {
                f"δ = {d:g}": SADDLE["learning_rate"] * lam_in < 1
                and bool(np.all(np.diff(np.abs(a)) < 0))
                and bool(np.all(np.sign(a) == np.sign(a[0])))
                for d, a in zip(SADDLE["offsets"], approach, strict=True)
            },
            f"ηλ+ = {SADDLE['learning_rate'] * lam_in:.3f}; incoming component of x − saddle at "
            f"the start and after each of the first {approach.shape[1] - 1} epochs",
        ),
        "saddle_runs_reach_global": Claim.every(
            {f"δ = {d:g}": e <= BASIN_RADIUS for d, e in zip(SADDLE["offsets"], ends, strict=True)},
            f"distances of the ends to the global minimum {ends.tolist()}",
        ),
        "hs_approach_longest": Claim.every(
            {
                f"δ = {d:g}, epochs 1–{span}": bool(np.all(np.diff(np.abs(a)) < 0))
                and bool(np.all(np.sign(a) == np.sign(a[0])))
                for d, a in zip(SADDLE["offsets"], approach, strict=True)
            }
            | {
                f"epoch {span + 1} breaks it in some run": not all(
                    bool(np.all(np.diff(np.abs(a)) < 0))
                    and bool(np.all(np.sign(a) == np.sign(a[0])))
                    for a in following
                )
            },
            f"with epoch {span + 1} added, some run's incoming component grows or changes sign",
        ),
        "hs_saddle_dots_pile": Claim(
            2 * dots_near > dots_n,
            f"{dots_near} of {dots_n} dots within {SADDLE['radius']} of the saddle",
        ),
    }


def hessian_notebook(lang: str) -> list[Code]:
    """The page's notebook: the Hessian at the reference run's minimum and its eigenvalues."""
    peaks = get_landscape("peaks")
    m = lesson_minimum()
    h = peaks.hessian(m.x)
    w, v = eigen(m.x)
    hessian_cell = cells.reference_hessian(SEED_START, SEED_LR, SEED_EPOCHS) + (
        'print("the reference minimum (x, y) =", m[0], m[1])\n'
        'print("f there =", f(*m))\n'
        'print("H[0, 0], H[0, 1], H[1, 1] =", H[0, 0], H[0, 1], H[1, 1])\n'
    )
    tr, det, low, high = eigenvalues_from_trace(h)
    eigen_cell = (
        "tr = H[0, 0] + H[1, 1]  # the trace\n"
        "det = H[0, 0] * H[1, 1] - H[0, 1] ** 2  # the determinant\n"
        "root = np.sqrt(tr**2 - 4 * det)\n"
        'print("tr H =", tr)\n'
        'print("det H =", det)\n'
        'print("(tr H)^2 - 4 det H =", tr**2 - 4 * det)\n'
        'print("largest root (tr + root) / 2 =", (tr + root) / 2)\n'
        'print("smallest root (tr - root) / 2 =", (tr - root) / 2)\n\n'
        "# numpy's eigenvalue routine (eigh, for symmetric matrices) gives the same\n"
        'print("lambda_max =", lam_max)\n'
        'print("  along =", v_max[0], v_max[1])\n'
        'print("lambda_min =", lam_min)\n'
        'print("  along =", v_min[0], v_min[1])\n'
    )
    return [
        Code(cells.IMPORTS + "\n\n" + cells.PEAKS + "\n\n" + cells.DESCEND, "start"),
        Code(
            hessian_cell,
            "after:hs_hess_lesson",
            (
                Check("hs_lesson_min", m.x[0], 0),
                Check("hs_lesson_min", m.x[1], 1),
                Check("hs_lesson_min_value", m.value),
                Check("hs_hess_lesson", h[0, 0], 2),
                Check("hs_hess_lesson", h[0, 1], 3),
                Check("hs_hess_lesson", h[1, 1], 5),
            ),
        ),
        Code(
            eigen_cell,
            "after:hs_lesson_vmin",
            (
                Check("hs_tr", tr),
                Check("hs_det", det),
                Check("hs_roots", tr**2 - 4 * det, 1),
                Check("hs_lesson_lmax", high),
                Check("hs_lesson_lmin", low),
                Check("hs_lesson_lmax", w[1]),
                Check("hs_lesson_vmax", v[0, 1] * np.sign(v[1, 1]), 0),
                Check("hs_lesson_vmax", v[1, 1] * np.sign(v[1, 1]), 1),
                Check("hs_lesson_lmin", w[0]),
                Check("hs_lesson_vmin", v[0, 0] * np.sign(v[0, 0]), 0),
                Check("hs_lesson_vmin", v[1, 0] * np.sign(v[0, 0]), 1),
            ),
        ),
    ]


ENTRIES = (
    Entry("hessian_axes", "figure", hessian_axes, {"half_width": 0.35}, fmt="webp"),
    Entry("saddle_view", "figure", saddle_view, SADDLE, fmt="webp"),
    Entry("saddle_plateau", "figure", saddle_plateau, SADDLE),
    Entry("hessian_values", "values", hessian_values, fmt="json"),
    Entry("hessian_claims", "claims", hessian_claims, fmt="json"),
    Entry("hessian_notebook", "notebook", hessian_notebook, fmt="json"),
)
