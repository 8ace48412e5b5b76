"""Page ``gd2d.md``: peaks three ways, the reference run on the map, and the check that it ends
at a local minimum: a gradient at rounding level, then the second-derivative test. (The animation
of the same run is shared with the home page: ``shared.py``.)"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdcore.book import cells, palette
from gdcore.book.numfmt import order_of, pct, tex
from gdcore.book.pages.shared import (
    ANIMATION_FRAMES,
    animation_frames,
    frames_claim,
    frozen_bound,
    matrix_tex,
)
from gdcore.book.params import SEED
from gdcore.book.peaks import critical_points, descent_animation, trajectory_figure, value_range
from gdcore.book.plots import grid_values, plot_heatmap
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.words import label
from gdcore.descent import descend
from gdcore.landscape import get_landscape


def peaks_views(lang: str) -> Figure:
    """peaks three ways: a heat map, contour lines and a 3D surface, all coloured over the whole
    range of f (the global minimum's value to the global maximum's), so no valley is clipped."""
    peaks = get_landscape("peaks")
    low, high = value_range()
    fig = Figure(figsize=(4.8, 12.4), layout="constrained")  # stacked: readable on a phone
    grid = fig.add_gridspec(3, 1, height_ratios=[1, 1, 1.15])
    a = fig.add_subplot(grid[0])
    b = fig.add_subplot(grid[1])
    c = fig.add_subplot(grid[2], projection="3d")
    image = plot_heatmap(a, peaks, resolution=161, vmin=low, vmax=high)
    a.set_title(label("heatmap_title", lang))
    xs, ys, z = grid_values(peaks, 121)
    # the level sets in the page's ink (dashed below zero), a few labelled with their value: read
    # by their numbers, as a topographic map's, on either page
    lines = b.contour(xs, ys, z, levels=np.arange(-6, 9, 1.0), colors=palette.INK, linewidths=0.7)
    labelled = [v for v in lines.levels if v % 3 == 0]
    b.clabel(
        lines,
        levels=labelled,
        fontsize=palette.TYPE["figure"]["tick"],
        fmt=lambda v: f"{v:g}".replace("-", "−"),
    )
    b.set_aspect("equal")
    b.set_title(label("contour_title", lang))
    gx, gy = np.meshgrid(xs, ys)
    c.plot_surface(
        gx,
        gy,
        z,
        cmap="viridis",
        vmin=low,
        vmax=high,
        rstride=2,
        cstride=2,
        linewidth=0,
        antialiased=False,
    )
    c.set_title(label("surface_title", lang))
    c.view_init(elev=35, azim=-60)
    for ax in (a, b, c):
        ax.set_xlabel(label("x", lang))
        ax.set_ylabel(label("y", lang))
    fig.colorbar(image, ax=a, label=label("f_value", lang))
    return fig


def seed_trajectory(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> Figure:
    """The reference run on the map: start and end marked, with a colour bar."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)
    return trajectory_figure(lang, run, learning_rate, epochs, None)[0]


#: The first epochs of the run, where the animation's caption says the distance is covered.
EARLY_EPOCHS = 30
#: The seed notebook's colour map clips its colours to ±NOTEBOOK_CLIP (``vmin``/``vmax``).
NOTEBOOK_CLIP = 5.0


def early_share(path: np.ndarray, epochs: int) -> float:
    """The share of a path's length covered in its first ``epochs`` steps."""
    steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
    return float(steps[:epochs].sum() / steps.sum())


def gd2d_values(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> dict[str, str]:
    """The colour range of the maps and the check that the reference run ends on a local
    minimum: its gradient (rounding level), the Hessian there and the test's D."""
    peaks = get_landscape("peaks")
    run = descend(peaks, start, learning_rate=learning_rate, epochs=epochs)
    h = peaks.hessian(run.final)
    low, high = value_range()
    return {
        "anim_first": f"{animation_frames(run.epochs_run)[0]}",
        "anim_last_gap": f"{animation_frames(run.epochs_run)[1]}",
        "peaks_f_low": f"$f = {tex(low, 2)}$",
        "peaks_f_high": f"$f = {tex(high, 2)}$",
        "notebook_clip": f"$\\pm {tex(NOTEBOOK_CLIP, 0)}$",
        "notebook_clip_low": f"${tex(-NOTEBOOK_CLIP, 0)}$",
        "notebook_clip_high": f"${tex(NOTEBOOK_CLIP, 0)}$",
        "seed_early_epochs": str(EARLY_EPOCHS),
        "seed_early_share": pct(early_share(run.path, EARLY_EPOCHS)),
        "seed_end_value": f"$f = {tex(float(run.final_value))}$",
        "seed_end_grad": order_of(float(run.final_grad_norm)),
        "seed_hess": (
            r"$$H = \begin{pmatrix} f_{xx} & f_{xy} \\ f_{yx} & f_{yy} \end{pmatrix} = "
            f"{matrix_tex(h)}$$"
        ),
        "seed_fxx": f"$f_{{xx}} = {tex(float(h[0, 0]), 2)}$",
        "seed_D": f"$D = {tex(float(h[0, 0] * h[1, 1] - h[0, 1] ** 2), 2)}$",
    }


def gd2d_claims(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> dict[str, Claim]:
    """The colours clip no value; the run ends at a local minimum, after a fast start."""
    peaks = get_landscape("peaks")
    run = descend(peaks, start, learning_rate=learning_rate, epochs=epochs)
    h = peaks.hessian(run.final)
    d = float(h[0, 0] * h[1, 1] - h[0, 1] ** 2)
    share = early_share(run.path, EARLY_EPOCHS)
    low, high = value_range()
    _, _, z = grid_values(peaks, 161)
    return {
        "seed_end_is_local_minimum": Claim(
            bool(d > 0 and h[0, 0] > 0 and run.final_grad_norm < 1e-12),
            f"D = {d:.4f}, f_xx = {h[0, 0]:.4f}, ‖∇f‖ {run.final_grad_norm:.3g}",
        ),
        "seed_distance_early": Claim(share > 0.9, f"{share:.4f} of the length in {EARLY_EPOCHS}"),
        "frames_every_then_sparser": frames_claim(run.epochs_run),
        "notebook_clip_flattens_both": Claim.every(
            {
                "deepest valley below the lower clip": bool(low < -NOTEBOOK_CLIP),
                "highest peak above the upper clip": bool(high > NOTEBOOK_CLIP),
            },
            f"f spans [{low:.4f}, {high:.4f}]; the notebook clips to ±{NOTEBOOK_CLIP:g}",
        ),
        "colours_unclipped": Claim.every(
            {
                f"{c.kind} f = {c.value:.3f}": bool(low <= c.value <= high)
                for c in critical_points()
                if c.kind in ("min", "max")
            }
            | {"the drawn grid": bool(low <= z.min() and z.max() <= high)},
            f"colour range [{low:.4f}, {high:.4f}]; f on the drawn grid [{z.min():.4f}, "
            f"{z.max():.4f}]",
        ),
    }


def gd2d_notebook(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> list[Code]:
    """The page's notebook: peaks drawn, the reference run with lambdify and a loop, the checks."""
    peaks = get_landscape("peaks")
    run = descend(peaks, start, learning_rate=learning_rate, epochs=epochs)
    h = peaks.hessian(run.final)
    frozen = frozen_bound(run.path)
    setup = 'x, y = sympy.symbols("x y")\nf = sympy.lambdify((x, y), peaks_expr(x, y))\n'
    views = cells.show_map() + (
        "plt.show()\n\n"
        "fig, ax = plt.subplots(figsize=(6, 5))\n"
        "ax.contour(X, Y, Z, levels=20)\n"
        "plt.show()\n\n"
        'ax = plt.figure(figsize=(6, 5)).add_subplot(projection="3d")\n'
        'ax.plot_surface(X, Y, Z, cmap="viridis")\n'
        "plt.show()\n"
    )
    return [
        Code(
            cells.IMPORTS
            + cells.ARRAY
            + "\n\n"
            + cells.PEAKS_EXPR
            + "\n\n"
            + setup
            + cells.PEAKS_MAP,
            "start",
        ),
        Code(views, "fig-peaks-views"),
        Code(
            f"path = descend_2d({tuple(start)}, learning_rate={learning_rate}, epochs={epochs})\n"
            'print("end point (x, y) =", path[-1, 0], path[-1, 1])\n',
            "after:seed_end",
            (Check("seed_end", run.final[0], 0), Check("seed_end", run.final[1], 1)),
        ),
        Code(
            cells.show_map() + 'ax.plot(path[:, 0], path[:, 1], color="tab:red")\n'
            'ax.plot(path[0, 0], path[0, 1], "bs")\n'
            'ax.plot(path[-1, 0], path[-1, 1], "o", color="tab:orange")\n'
            "plt.show()\n\n"
            "steps = np.linalg.norm(np.diff(path, axis=0), axis=1)  # the length of every step\n"
            f"early = steps[:{EARLY_EPOCHS}].sum() / steps.sum()\n"
            f'print("share of the length in the first {EARLY_EPOCHS} epochs =", early)\n',
            "fig-seed-trajectory",
            (Check("seed_early_share", early_share(run.path, EARLY_EPOCHS)),),
        ),
        Code(
            "df_x, df_y = peaks_partials()\n"
            "end = path[-1]\n"
            "# rounding level: the digits differ from machine to machine, the order does not\n"
            'print("gradient norm at the end:", np.hypot(df_x(*end), df_y(*end)))\n'
            f'print("the point stays put from epoch {frozen} on:", '
            f"bool(np.all(path[{frozen}:] == path[{frozen}])))\n"
            'print("f at the end =", f(*end))\n',
            "after:seed_end_value",
            (Check("seed_end_value", run.final_value),),
        ),
        Code(
            "hessian = sympy.lambdify((x, y), sympy.hessian(peaks_expr(x, y), (x, y)))\n"
            "H = np.array(hessian(*end), dtype=float)\n"
            "f_xx, f_xy, f_yy = H[0, 0], H[0, 1], H[1, 1]\n"
            'print("H[0, 0], H[0, 1], H[1, 1] =", f_xx, f_xy, f_yy)\n'
            "D = f_xx * f_yy - f_xy**2  # the second-derivative test\n"
            'print("f_xx =", f_xx)\n'
            'print("D =", D)\n',
            "after:seed_D",
            (
                Check("seed_hess", h[0, 0], 0),
                Check("seed_hess", h[0, 1], 1),
                Check("seed_hess", h[1, 1], 3),
                Check("seed_fxx", h[0, 0]),
                Check("seed_D", h[0, 0] * h[1, 1] - h[0, 1] ** 2),
            ),
        ),
    ]


ENTRIES = (
    Entry(
        "descent_peaks",
        "animation",
        descent_animation,
        {**SEED, "n_frames": ANIMATION_FRAMES},
        fmt="webp",
    ),
    Entry("peaks_views", "figure", peaks_views, fmt="webp"),
    Entry("seed_trajectory", "figure", seed_trajectory, SEED, fmt="webp"),
    Entry("gd2d_values", "values", gd2d_values, SEED, fmt="json"),
    Entry("gd2d_claims", "claims", gd2d_claims, SEED, fmt="json"),
    Entry("gd2d_notebook", "notebook", gd2d_notebook, SEED, fmt="json"),
)
