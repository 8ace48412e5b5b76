"""Page ``gd1d.md``: the 1D recap on a parabola, and a start where descent cannot move."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdcore.analysis import critical_points, stability_limit
from gdcore.book import cells
from gdcore.book.animate import Animation, render_frames
from gdcore.book.numfmt import fmt, fmt_rate, tex
from gdcore.book.params import RECAP, RIPPLE
from gdcore.book.plots import END_COLOR, PATH_COLOR, START_COLOR, plot_curve
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label
from gdcore.descent import descend
from gdcore.landscape import get_landscape


def gd1d_path(lang: str, *, start: float, learning_rate: float, epochs: int) -> Figure:
    """The 1D recap: the iterates on the curve, and |f′| shrinking as the minimum nears."""
    parabola = get_landscape("parabola")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)
    (minimum,) = critical_points(parabola)
    fig = Figure(figsize=(4.8, 7.6), layout="constrained")  # stacked: readable on a phone
    left, right = fig.subplots(2, 1)
    plot_curve(left, parabola, color="#333333", label=label("curve", lang))
    xs = run.path[:, 0]
    left.plot(xs, run.values, "-", color=PATH_COLOR, linewidth=1, alpha=0.6)
    left.scatter(
        xs,
        run.values,
        c=np.arange(len(xs)),
        cmap="plasma",
        s=22,
        zorder=3,
        label=label("iterates", lang),
    )
    left.axvline(
        minimum.x[0], color="gray", linestyle=":", label=label("minimum_line", lang, x=minimum.x[0])
    )
    left.set_xlabel(label("x", lang))
    left.set_ylabel(label("f1d", lang))
    left.set_title(label("path1d_title", lang))
    left.legend(loc="upper right")
    right.semilogy(np.arange(len(xs)), run.grad_norms, "o-", color=PATH_COLOR, markersize=3)
    right.set_xlabel(label("epochs_axis", lang))
    right.set_ylabel(label("abs_derivative", lang))
    right.set_title(label("derivative_title", lang))
    right.grid(alpha=0.3, which="both")
    return fig


def gd1d_animation(
    lang: str, *, start: float, learning_rate: float, epochs: int
) -> tuple[Animation, Figure]:
    """A point stepping down the parabola, with its tangent: the step is −η times the slope."""
    parabola = get_landscape("parabola")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)

    def background() -> tuple[Figure, object]:
        fig, ax = new_figure(4.8, 3.8)
        plot_curve(ax, parabola, color="#333333", label=label("curve", lang))
        ax.set_xlabel(label("x", lang))
        ax.set_ylabel(label("f1d", lang))
        ax.set_ylim(0, 22)
        ax.grid(alpha=0.3)
        return fig, ax

    still, ax = background()
    ax.scatter(
        run.path[:, 0],
        run.values,
        c=np.arange(len(run.values)),
        cmap="plasma",
        s=22,
        zorder=3,
        label=label("iterates", lang),
    )
    ax.legend(loc="upper center")

    fig, ax = background()
    (trail,) = ax.plot([], [], "o", color=PATH_COLOR, alpha=0.35, markersize=4)
    (tangent,) = ax.plot([], [], color=START_COLOR, linewidth=2)
    (dot,) = ax.plot([], [], "o", color=END_COLOR, markeredgecolor="black", markersize=9)
    text = ax.text(
        0.5,
        0.96,
        "",
        transform=ax.transAxes,
        ha="center",
        va="top",
        bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"},
    )
    slopes = parabola.gradient(run.path)[:, 0]

    def update(k: int) -> None:
        x, fx, d = run.path[k, 0], run.values[k], slopes[k]
        trail.set_data(run.path[:k, 0], run.values[:k])
        tangent.set_data([x - 0.5, x + 0.5], [fx - 0.5 * d, fx + 0.5 * d])
        dot.set_data([x], [fx])
        text.set_text(label("epoch_derivative", lang, k=k, d=fmt(d, 3)))

    frames = render_frames(fig, [trail, tangent, dot, text], update, run.epochs_run + 1)
    durations = [350] * (len(frames) - 1) + [2000]
    return Animation(tuple(frames), tuple(durations)), still


def rippled_stuck(
    lang: str, *, starts: tuple[float, ...], learning_rate: float, epochs: int
) -> Figure:
    """cos(2πx) + x²: descent from exactly 0 never moves (f′(0) = 0); from beside it, it does."""
    bowl = get_landscape("rippled_bowl")
    fig, ax = new_figure(4.8, 4.0)
    plot_curve(ax, bowl, color="#333333", label=label("rippled_curve", lang))
    colors = (START_COLOR, PATH_COLOR)
    for s, color in zip(starts, colors, strict=True):
        run = descend(bowl, s, learning_rate=learning_rate, epochs=epochs)
        still = bool(np.all(run.path == run.path[0]))  # a run that never moves: a ring round it
        ax.plot(
            run.path[:, 0],
            run.values,
            "o" if still else "o-",
            color=color,
            markersize=16 if still else 3,
            markerfacecolor="none" if still else color,
            markeredgewidth=2.5 if still else 1,
            linewidth=1,
            zorder=3 if still else 2,
            label=label("start_at", lang, x=s),
        )
        ax.plot(
            run.path[-1, 0],
            run.values[-1],
            "o",
            color=END_COLOR,
            markeredgecolor="black",
            markersize=8,
        )
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("f1d", lang))
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=1)
    return fig


def gd1d_values(
    lang: str, *, start: float, learning_rate: float, epochs: int, ripple: dict
) -> dict[str, str]:
    """Numbers of the 1D recap and of the "unfortunate starting value" box."""
    parabola, bowl = get_landscape("parabola"), get_landscape("rippled_bowl")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)
    (minimum,) = critical_points(parabola)
    still, beside = (
        descend(bowl, s, learning_rate=ripple["learning_rate"], epochs=ripple["epochs"])
        for s in ripple["starts"]
    )
    return {
        "recap_f": f"$f(x) = {parabola.latex}$",
        "recap_df": f"$f'(x) = {parabola.partial_latex[0]}$",
        "recap_start": f"$x_0 = {tex(start, 1)}$",
        "recap_lr": f"$\\eta = {fmt_rate(learning_rate)}$",
        "recap_epochs": f"{epochs:,}",
        "recap_end": f"$x = {tex(float(run.final[0]))}$",
        "recap_end_df": f"$f'(x) = {tex(float(parabola.gradient(run.final)[0]), 6)}$",
        "recap_min": f"$x = {minimum.x[0]:g}$",
        "recap_factor": (
            f"$|1 - \\eta f''(x)| = |1 - {fmt_rate(learning_rate)} \\cdot "
            f"{float(parabola.hessian(minimum.x)[0, 0]):g}| = "
            f"{abs(1 - learning_rate * float(parabola.hessian(minimum.x)[0, 0])):g}$"
        ),
        "recap_limit": (
            f"$\\eta < 2/{float(parabola.hessian(minimum.x)[0, 0]):g} \\approx "
            f"{stability_limit(parabola, minimum.x):.3f}$"
        ),
        "ripple_df0": f"$f'(0) = {float(bowl.gradient([0.0])[0]):g}$",
        "ripple_start0": f"$x_0 = {tex(ripple['starts'][0], 1)}$",
        "ripple_end0": f"$x = {tex(float(still.final[0]), 4)}$",
        "ripple_epochs": f"{ripple['epochs']:,}",
        "ripple_lr": f"$\\eta = {fmt_rate(ripple['learning_rate'])}$",
        "ripple_start1": f"$x_0 = {tex(ripple['starts'][1], 1)}$",
        "ripple_end1": f"$x = {tex(float(beside.final[0]), 4)}$",
    }


def gd1d_claims(
    lang: str, *, start: float, learning_rate: float, epochs: int, ripple: dict
) -> dict[str, Claim]:
    """The recap's shrinking steps and its sharp limit; the start that never moves."""
    parabola, bowl = get_landscape("parabola"), get_landscape("rippled_bowl")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)
    (minimum,) = critical_points(parabola)
    slopes = np.abs(parabola.gradient(run.path)[:, 0])
    steps = np.abs(np.diff(run.path[:, 0]))
    ratios = slopes[1:] / slopes[:-1]
    factor = abs(1 - learning_rate * float(parabola.hessian(minimum.x)[0, 0]))
    limit = stability_limit(parabola, minimum.x)
    below, above = (
        descend(parabola, start, learning_rate=m * limit, epochs=200) for m in (0.99, 1.01)
    )
    still, beside = (
        descend(bowl, s, learning_rate=ripple["learning_rate"], epochs=ripple["epochs"])
        for s in ripple["starts"]
    )
    return {
        "recap_steps_shrink": Claim(
            bool(np.all(steps[1:] < steps[:-1])), f"steps {steps[:3].tolist()} ..."
        ),
        "recap_same_factor": Claim(
            bool(np.allclose(ratios, factor, rtol=1e-9)),
            f"|f'| ratios {ratios.min():.12f}..{ratios.max():.12f}, |1 - η f''| = {factor}",
        ),
        "recap_limit_is_sharp": Claim(
            bool(
                abs(below.final[0] - minimum.x[0]) < abs(start - minimum.x[0])
                and abs(above.final[0] - minimum.x[0]) > abs(start - minimum.x[0])
            ),
            f"0.99 limit ends at {below.final[0]:.4g}, 1.01 limit at {above.final[0]:.4g}",
        ),
        "ripple_start_never_moves": Claim(
            bool(np.all(still.path == ripple["starts"][0])), f"path {still.path[:3].ravel()} ..."
        ),
        "ripple_beside_descends": Claim(
            bool(beside.final_value < float(bowl.value([ripple["starts"][1]]))),
            f"f {float(bowl.value([ripple['starts'][1]])):.4f} → {beside.final_value:.4f}",
        ),
    }


def gd1d_notebook(
    lang: str, *, start: float, learning_rate: float, epochs: int, ripple: dict
) -> list[Code]:
    """The page's notebook: the 1D loop on the parabola, its factor and limit; the two starts."""
    parabola, bowl = get_landscape("parabola"), get_landscape("rippled_bowl")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)
    (minimum,) = critical_points(parabola)
    curvature = float(parabola.hessian(minimum.x)[0, 0])
    still, beside = (
        descend(bowl, s, learning_rate=ripple["learning_rate"], epochs=ripple["epochs"])
        for s in ripple["starts"]
    )
    setup = (
        'x = sympy.symbols("x")\n'
        f"f_expr = {cells.sympy_code(parabola.expr)}\n"
        "f = sympy.lambdify(x, f_expr)\n"
        "derivative_1d = sympy.lambdify(x, sympy.diff(f_expr, x))  # f'(x)\n"
    )
    run_cell = (
        f"path = descend_1d({start}, learning_rate={learning_rate}, epochs={epochs})\n"
        'print("x at the end =", path[-1])\n'
        'print("f\'(x) at the end =", derivative_1d(path[-1]))\n'
        'print("|f\'| shrinks each epoch by the factor =", '
        "abs(derivative_1d(path[1]) / derivative_1d(path[0])))\n"
    )
    path_cell = (
        "xs = np.linspace(-2, 2, 200)\n"
        "fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 7))\n"
        'top.plot(xs, f(xs), color="gray")\n'
        'top.plot(path, f(path), "o-", color="tab:blue")\n'
        "bottom.semilogy(np.abs(derivative_1d(path)))\n"
        'bottom.set_xlabel("epoch")\n'
        'bottom.set_ylabel("|f\'(x)|")\n'
        "plt.show()\n"
    )
    limit_cell = (
        "second = float(sympy.diff(f_expr, x, 2))  # f'' is a constant on a parabola\n"
        "print(\"stability limit 2 / f'' =\", 2 / second)\n"
    )
    rate, n = ripple["learning_rate"], ripple["epochs"]
    ripple_cell = (
        f"g_expr = {cells.sympy_code(bowl.expr)}\n"
        "g = sympy.lambdify(x, g_expr)\n"
        "dg = sympy.lambdify(x, sympy.diff(g_expr, x))\n\n\n"
        "def descend_g(start, learning_rate, epochs):\n"
        "    point = start\n"
        "    path = [point]\n"
        "    for _ in range(epochs):\n"
        "        point = point - learning_rate * dg(point)\n"
        "        path.append(point)\n"
        "    return np.array(path)\n\n\n"
        f"still = descend_g({ripple['starts'][0]}, learning_rate={rate}, epochs={n})\n"
        f"beside = descend_g({ripple['starts'][1]}, learning_rate={rate}, epochs={n})\n"
        'print("from the maximum, x at the end =", still[-1])\n'
        'print("from beside it, x at the end =", beside[-1])\n'
    )
    stuck_cell = (
        "fig, ax = plt.subplots(figsize=(6, 4))\n"
        'ax.plot(xs, g(xs), color="gray")\n'
        'ax.plot(still, g(still), "s", color="tab:red")\n'
        'ax.plot(beside, g(beside), ".-", color="tab:blue")\n'
        "plt.show()\n"
    )
    return [
        Code(cells.IMPORTS + cells.ARRAY + "\n" + setup, "start"),
        Code(
            run_cell,
            "after:recap_epochs",
            (
                Check("recap_end", run.final[0]),
                Check("recap_end_df", float(parabola.gradient(run.final)[0])),
                Check("recap_factor", abs(1 - learning_rate * curvature), 4),
            ),
        ),
        Code(path_cell, "fig-gd1d-path"),
        Code(limit_cell, "after:recap_limit", (Check("recap_limit", 2 / curvature, 2),)),
        Code(
            ripple_cell,
            "after:ripple_end1",
            (Check("ripple_end0", still.final[0]), Check("ripple_end1", beside.final[0])),
        ),
        Code(stuck_cell, "fig-rippled-stuck"),
    ]


ENTRIES = (
    Entry("gd1d_path", "figure", gd1d_path, RECAP),
    Entry("gd1d_descent", "animation", gd1d_animation, RECAP, fmt="webp"),
    Entry("rippled_stuck", "figure", rippled_stuck, RIPPLE),
    Entry("gd1d_values", "values", gd1d_values, {**RECAP, "ripple": RIPPLE}, fmt="json"),
    Entry("gd1d_claims", "claims", gd1d_claims, {**RECAP, "ripple": RIPPLE}, fmt="json"),
    Entry("gd1d_notebook", "notebook", gd1d_notebook, {**RECAP, "ripple": RIPPLE}, fmt="json"),
)
