"""Page ``gd2d.md``: peaks three ways, the seed run on the map, and the check that it stopped at a
local minimum. (The animation of the same run is shared with the home page: ``shared.py``.)"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdcore.book import cells
from gdcore.book.numfmt import pct, tex
from gdcore.book.params import SEED
from gdcore.book.peaks import trajectory_figure
from gdcore.book.plots import grid_values, plot_heatmap
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.words import label
from gdcore.descent import descend
from gdcore.landscape import get_landscape


def peaks_views(lang: str) -> Figure:
    """peaks three ways: the lesson's heat map, contour lines, and a 3D surface."""
    peaks = get_landscape("peaks")
    fig = Figure(figsize=(4.8, 12.4), layout="constrained")  # stacked: readable on a phone
    grid = fig.add_gridspec(3, 1, height_ratios=[1, 1, 1.15])
    a = fig.add_subplot(grid[0])
    b = fig.add_subplot(grid[1])
    c = fig.add_subplot(grid[2], projection="3d")
    image = plot_heatmap(a, peaks, resolution=161)
    a.set_title(label("heatmap_title", lang))
    xs, ys, z = grid_values(peaks, 121)
    b.contour(xs, ys, z, levels=20, cmap="viridis", vmin=-5, vmax=5)
    b.set_aspect("equal")
    b.set_title(label("contour_title", lang))
    gx, gy = np.meshgrid(xs, ys)
    c.plot_surface(
        gx,
        gy,
        z,
        cmap="viridis",
        vmin=-5,
        vmax=5,
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
    """The lesson's trajectory on the map: start and end marked, with a colour bar."""
    run = descend(get_landscape("peaks"), start, learning_rate=learning_rate, epochs=epochs)
    return trajectory_figure(lang, run, learning_rate, epochs, None)[0]


#: The first epochs of the run, where the animation's caption says the distance is covered.
EARLY_EPOCHS = 30


def early_share(path: np.ndarray, epochs: int) -> float:
    """The share of a path's length covered in its first ``epochs`` steps."""
    steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
    return float(steps[:epochs].sum() / steps.sum())


def gd2d_values(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> dict[str, str]:
    """The check that the lesson's run ends on a local minimum."""
    peaks = get_landscape("peaks")
    run = descend(peaks, start, learning_rate=learning_rate, epochs=epochs)
    eig = np.linalg.eigvalsh(peaks.hessian(run.final))
    return {
        "seed_early_epochs": str(EARLY_EPOCHS),
        "seed_early_share": pct(early_share(run.path, EARLY_EPOCHS)),
        "seed_end_value": f"$f = {tex(float(run.final_value))}$",
        "seed_end_grad": f"$\\lVert \\nabla f \\rVert = {tex(float(run.final_grad_norm), 2)}$",
        "seed_eig1": f"$\\lambda_1 = {eig[0]:.3f}$",
        "seed_eig2": f"$\\lambda_2 = {eig[1]:.3f}$",
    }


def gd2d_claims(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> dict[str, Claim]:
    """The run ends at a local minimum, after a fast start."""
    peaks = get_landscape("peaks")
    run = descend(peaks, start, learning_rate=learning_rate, epochs=epochs)
    eig = np.linalg.eigvalsh(peaks.hessian(run.final))
    share = early_share(run.path, EARLY_EPOCHS)
    return {
        "seed_end_is_local_minimum": Claim(
            bool(eig.min() > 0 and run.final_grad_norm < 1e-12),
            f"eigenvalues {eig.tolist()}, ‖∇f‖ {run.final_grad_norm:.3g}",
        ),
        "seed_distance_early": Claim(share > 0.9, f"{share:.4f} of the length in {EARLY_EPOCHS}"),
    }


def gd2d_notebook(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int
) -> list[Code]:
    """The page's notebook: peaks drawn, the lesson's run with lambdify and a loop, the checks."""
    peaks = get_landscape("peaks")
    run = descend(peaks, start, learning_rate=learning_rate, epochs=epochs)
    eig = np.linalg.eigvalsh(peaks.hessian(run.final))
    moved = np.flatnonzero(np.any(run.path[1:] != run.path[:-1], axis=1))
    setup = 'x, y = sympy.symbols("x y")\nf = sympy.lambdify((x, y), peaks_expr(x, y))\n'
    views = cells.show_map() + (
        "plt.show()\n\n"
        "fig, ax = plt.subplots(figsize=(6, 5))\n"
        "ax.contour(X, Y, Z, levels=20)\n"
        "plt.show()\n\n"
        'ax = plt.figure(figsize=(6, 5)).add_subplot(projection="3d")\n'
        'ax.plot_surface(X, Y, Z, cmap="viridis", vmin=-5, vmax=5)\n'
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
            'print("gradient norm at the end =", np.hypot(df_x(*end), df_y(*end)))\n'
            "last_move = max(k for k in range(1, len(path)) if np.any(path[k] != path[k - 1]))\n"
            'print("epoch from which the point stays put =", last_move)\n'
            'print("f at the end =", f(*end))\n\n'
            "hessian = sympy.lambdify((x, y), sympy.hessian(peaks_expr(x, y), (x, y)))\n"
            "lambda_1, lambda_2 = np.linalg.eigvalsh(np.array(hessian(*end), dtype=float))\n"
            'print("eigenvalues of the Hessian =", lambda_1, lambda_2)\n',
            "after:seed_eig2",
            (
                Check("seed_end_grad", run.final_grad_norm),
                Check("seed_frozen_epoch", int(moved[-1]) + 1),
                Check("seed_end_value", run.final_value),
                Check("seed_eig1", eig[0]),
                Check("seed_eig2", eig[1]),
            ),
        ),
    ]


ENTRIES = (
    Entry("peaks_views", "figure", peaks_views, fmt="webp"),
    Entry("seed_trajectory", "figure", seed_trajectory, SEED, fmt="webp"),
    Entry("gd2d_values", "values", gd2d_values, SEED, fmt="json"),
    Entry("gd2d_claims", "claims", gd2d_claims, SEED, fmt="json"),
    Entry("gd2d_notebook", "notebook", gd2d_notebook, SEED, fmt="json"),
)
