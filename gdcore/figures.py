"""The book's figures, animations and page numbers: the one registry pages draw from.

Each builder takes the language first and returns a figure, an animation with its still, or the
values a page substitutes (``{{ name }}`` in MyST). Pages name entries; :data:`REGISTRY` knows how
to make them.
"""

from __future__ import annotations

import numpy as np
import sympy
from matplotlib.figure import Figure

from gdcore.animate import Animation, frame_indices, render_frames
from gdcore.descent import descend
from gdcore.landscape import get_landscape
from gdcore.plots import (
    END_COLOR,
    PATH_COLOR,
    plot_heatmap,
    plot_path,
    plot_tangent,
)
from gdcore.registry import Entry, Registry
from gdcore.style import new_figure
from gdcore.text import label

SEED_START = (0.0, 1.4)
SEED_LR = 0.01
SEED_EPOCHS = 1000
SLICE_POINT = (-0.6, 0.5)


def fmt(v: float, digits: int = 6) -> str:
    """A number as pages print it: ``digits`` decimals, a real minus sign."""
    return f"{v:.{digits}f}".replace("-", "−")


def fmt_point(p: np.ndarray, digits: int = 6) -> str:
    """``(x, y)`` with :func:`fmt` coordinates."""
    return "(" + ", ".join(fmt(v, digits) for v in p) + ")"


# --- figures ------------------------------------------------------------------------------------
def peaks_heatmap(lang: str, *, resolution: int = 201) -> Figure:
    """The peaks landscape as the lesson shows it: an image, ``vmin/vmax = ±5``, a colour bar."""
    fig, ax = new_figure(5.2, 4.2)
    image = plot_heatmap(ax, get_landscape("peaks"), resolution=resolution)
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))
    fig.colorbar(image, ax=ax, label=label("f_value", lang))
    return fig


def partial_slice(lang: str, *, x0: float, y0: float) -> Figure:
    """∂f/∂x as the slope of a 1D slice: the map with the line y = y0; the slice and its tangent."""
    peaks = get_landscape("peaks")
    fig = Figure(figsize=(9.0, 3.8), layout="constrained")
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.25]})
    plot_heatmap(left, peaks, resolution=161)
    left.axhline(y0, color="white", linewidth=2)
    left.plot([x0], [y0], "o", color=END_COLOR, markeredgecolor="black", markersize=8)
    left.set_title(label("map_title", lang))
    left.set_xlabel(label("x", lang))
    left.set_ylabel(label("y", lang))

    xs = np.linspace(*peaks.domain[0], 400)
    right.plot(xs, peaks.value(np.stack([xs, np.full_like(xs, y0)], axis=1)), color="#333333",
               label=label("slice_curve", lang, y0=y0))  # fmt: skip
    f0 = float(peaks.value((x0, y0)))
    slope = float(peaks.gradient((x0, y0))[0])
    plot_tangent(right, x0, f0, slope, halfwidth=0.7, color=PATH_COLOR, linewidth=2.5,
                 label=label("tangent", lang, slope=slope))  # fmt: skip
    right.plot([x0], [f0], "o", color=END_COLOR, markeredgecolor="black", markersize=8,
               label=label("point", lang, x0=x0, y0=y0))  # fmt: skip
    right.set_title(label("slice_title", lang, y0=y0))
    right.set_xlabel(label("x", lang))
    right.set_ylabel(label("f", lang))
    right.grid(alpha=0.3)
    right.legend(loc="upper left", fontsize=9)
    return fig


def descent_animation(
    lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int, n_frames: int
) -> tuple[Animation, Figure]:
    """The path of gradient descent on peaks drawn step by step; the still shows the whole path."""
    peaks = get_landscape("peaks")
    run = descend(peaks, start, learning_rate=learning_rate, epochs=epochs)

    def background() -> tuple[Figure, object]:
        fig, ax = new_figure(5.2, 4.2)
        image = plot_heatmap(ax, peaks, resolution=161)
        fig.colorbar(image, ax=ax, label=label("f_value", lang))
        ax.set_xlabel(label("x", lang))
        ax.set_ylabel(label("y", lang))
        ax.set_title(label("descent_title", lang, lr=learning_rate, epochs=epochs))
        return fig, ax

    still, ax = background()
    plot_path(ax, run.path, label=label("path", lang), start_label=label("start", lang),
              end_label=label("end", lang))  # fmt: skip
    ax.legend(loc="lower left", fontsize=9)

    fig, ax = background()
    ax.plot(*run.path[0], "s", color="#1f3fff", markersize=8, markeredgecolor="white")
    (line,) = ax.plot([], [], color=PATH_COLOR, linewidth=2)
    (dot,) = ax.plot([], [], "o", color=END_COLOR, markeredgecolor="black", markersize=8)
    text = ax.text(0.03, 0.96, "", transform=ax.transAxes, va="top", fontsize=10,
                   bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})  # fmt: skip
    shown = frame_indices(run.epochs_run, n_frames)

    def update(i: int) -> None:
        k = shown[i]
        line.set_data(run.path[: k + 1, 0], run.path[: k + 1, 1])
        dot.set_data([run.path[k, 0]], [run.path[k, 1]])
        text.set_text(label("epoch", lang, k=k))

    frames = render_frames(fig, [line, dot, text], update, len(shown))
    durations = [70] * (len(frames) - 1) + [2000]
    return Animation(tuple(frames), tuple(durations)), still


# --- numbers pages show -------------------------------------------------------------------------
def terms_values(lang: str, *, x0: float, y0: float) -> dict[str, str]:
    """Numbers and formulas for the terms-and-notation page (inline math, ready to substitute)."""
    peaks = get_landscape("peaks")
    gx, gy = (float(v) for v in peaks.gradient((x0, y0)))
    fx, fy = (sympy.latex(p) for p in peaks.partials)
    return {
        "slice_at_x": f"$x = {x0:g}$",
        "slice_at_y": f"$y = {y0:g}$",
        "slice_curve": f"$f(x, {y0:g})$",
        "slice_dfdx": rf"$\partial f / \partial x = {gx:.3f}$",
        "slice_dfdy": rf"$\partial f / \partial y = {gy:.3f}$",
        "slice_grad": rf"$\nabla f = ({gx:.3f}, {gy:.3f})$",
        "peaks_f": f"$$f(x, y) = {peaks.latex}$$",
        "peaks_dfdx": rf"$$\frac{{\partial f}}{{\partial x}} = {fx}$$",
        "peaks_dfdy": rf"$$\frac{{\partial f}}{{\partial y}} = {fy}$$",
    }


def home_values(lang: str) -> dict[str, str]:
    """The seed run's numbers for the home page."""
    run = descend(get_landscape("peaks"), SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS)
    return {
        "seed_start": fmt_point(np.array(SEED_START), 1),
        "seed_lr": f"{SEED_LR:g}",
        "seed_epochs": f"{SEED_EPOCHS:,}",
        "seed_end": fmt_point(run.final),
    }


REGISTRY = Registry(
    [
        Entry("peaks_heatmap", "figure", peaks_heatmap, fmt="webp"),
        Entry(
            "partial_slice", "figure", partial_slice, {"x0": SLICE_POINT[0], "y0": SLICE_POINT[1]}
        ),
        Entry(
            "descent_peaks",
            "animation",
            descent_animation,
            {"start": SEED_START, "learning_rate": SEED_LR, "epochs": SEED_EPOCHS, "n_frames": 90},
            fmt="webp",
        ),
        Entry(
            "terms_values",
            "values",
            terms_values,
            {"x0": SLICE_POINT[0], "y0": SLICE_POINT[1]},
            fmt="json",
        ),
        Entry("home_values", "values", home_values, fmt="json"),
    ]
)
