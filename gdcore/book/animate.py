"""Animations: draw the still background once, blit the moving parts per frame, encode small.

Redrawing a whole figure per frame (``FuncAnimation`` + ``PillowWriter``) costs tens of seconds for
a few hundred frames; here the background is rendered once and each frame only restores it and
draws the artists marked ``animated=True``. Frames are written by imageio (its v3 front, with the
Pillow plugin) as an animated WebP: lossless, so the path colours stay exact (the 2× version for
sharp screens lossy, as the 2× raster figures), and WebP stores only the changed rectangle of each
frame. The same front writes GIF or MP4 when a page needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import imageio.v3 as iio
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from gdcore.book.theme import darken, drawing_dark


@dataclass(frozen=True)
class Animation:
    """Frames ready to encode: RGB arrays ``(H, W, 3)`` and how long each is shown, in ms."""

    frames: tuple[np.ndarray, ...]
    durations: tuple[int, ...]

    def __post_init__(self) -> None:
        if not self.frames or len(self.frames) != len(self.durations):
            raise ValueError("an animation needs one duration per frame and at least one frame")


def render_frames(
    fig: Figure,
    artists: Sequence[Artist],
    update: Callable[[int], None],
    n_frames: int,
) -> list[np.ndarray]:
    """Render ``n_frames`` frames of ``fig``: ``update(i)`` moves the (animated) ``artists``.

    The figure is drawn once without the artists; each frame restores that background and draws
    only them. Inside :func:`gdcore.book.theme.dark_drawing` the frames are drawn for the dark page.
    """
    from gdcore.book.style import make_room, upright_labels

    upright_labels(fig)  # as the still (style.settle) shows them
    if drawing_dark():
        darken(fig)
    for a in artists:
        a.set_animated(True)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    make_room(fig)  # the labels above the axes inside the frame, as in the still
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)
    frames = []
    for i in range(n_frames):
        canvas.restore_region(background)
        update(i)
        for a in artists:
            fig.draw_artist(a)
        frames.append(np.asarray(canvas.buffer_rgba())[..., :3].copy())
    return frames


def frame_indices(n_steps: int, n_frames: int) -> np.ndarray:
    """Which of ``n_steps + 1`` iterates to show in ``n_frames`` frames: every early step, then
    spaced out (descent moves most at the start)."""
    if n_steps + 1 <= n_frames:
        return np.arange(n_steps + 1)
    t = np.linspace(0, 1, n_frames) ** 2
    return np.unique(np.round(t * n_steps).astype(int))


def encode_webp(animation: Animation, *, scale: int = 1) -> bytes:
    """Encode as a looping animated WebP: lossless at ``scale`` 1 (the path's colours exact); at
    2 (frames drawn at twice the pixels, for sharp screens) lossy at the quality of the 2× raster
    figures, 75. On a colour map (the home page's, its largest paint) lossless made the 2× file 1.8
    times the 1× one and Lighthouse's largest contentful paint grew from 1.8 s to 2.7 s; lossy it
    is 1.1 times. (Lines on plain paper, gd1d's and the exercises', come out about 2 times either
    way: measured 2026-12-06.)"""
    if scale not in (1, 2):
        raise ValueError(f"scale must be 1 or 2; got {scale!r}")
    return iio.imwrite(
        "<bytes>",
        np.stack(animation.frames),
        extension=".webp",
        plugin="pillow",
        duration=list(animation.durations),
        loop=0,
        lossless=scale == 1,
        quality=100 if scale == 1 else 75,
        method=4,
        minimize_size=True,
    )
