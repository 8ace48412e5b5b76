"""Deterministic matplotlib output with Hangul: the Agg backend, a fixed style, no timestamps.

Every figure the book shows is drawn inside :func:`figure_style`, which resets ``rcParams`` to
one style (so nothing a previous figure or a user's matplotlibrc did leaks in), registers the
NanumGothic font that the ``koreanize-matplotlib`` wheel carries, and turns a missing glyph into an
error.
:func:`save` writes SVG, PNG or WebP bytes with no date or software stamp, so the same inputs give
byte-identical files.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.figure import Figure

#: The Hangul font, then a fallback for symbols NanumGothic lacks (−, ², ∇, ∂ ...).
FONT_FAMILY = ["NanumGothic", "DejaVu Sans"]

STYLE = {
    "svg.hashsalt": "gd2d",  # fixed ids in SVG
    "svg.fonttype": "path",  # glyphs as paths: no font needed by the reader, same bytes everywhere
    "font.family": FONT_FAMILY,
    "font.size": 11,
    "axes.unicode_minus": True,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.facecolor": "white",  # readable on the site's light and dark backgrounds alike
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "image.cmap": "viridis",
    "path.simplify": True,
}


class MissingFontError(RuntimeError):
    """The Hangul font is not installed."""


def _nanum_path() -> Path:
    # Importing koreanize_matplotlib fails on Python >= 3.12 (it imports distutils), so find its
    # files without importing it.
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise MissingFontError(
            "the Korean font comes with the koreanize-matplotlib wheel: "
            "pip install koreanize-matplotlib (see requirements.txt)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NanumGothic.ttf"
    if not path.is_file():
        raise MissingFontError(f"NanumGothic.ttf is missing from {path.parent}")
    return path


def register_fonts() -> Path:
    """Make NanumGothic known to matplotlib (once); returns the font file."""
    path = _nanum_path()
    known = {Path(f.fname) for f in font_manager.fontManager.ttflist}
    if path not in known:
        font_manager.fontManager.addfont(str(path))
    return path


@contextlib.contextmanager
def figure_style() -> Iterator[None]:
    """Draw inside this: rcParams reset to :data:`STYLE`, Hangul font, missing glyphs are errors."""
    register_fonts()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(STYLE)
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=r".*[Gg]lyph .* missing from.*")
            yield


def new_figure(width: float, height: float, **subplot_kw: object) -> tuple[Figure, object]:
    """A figure of ``width × height`` inches with one axes (``subplot_kw``: see ``add_subplot``)."""
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot(**subplot_kw)
    return fig, ax


def save(fig: Figure, fmt: str) -> bytes:
    """The figure as ``fmt`` bytes (``svg``, ``png`` or ``webp``), without dates or tool names."""
    buf = io.BytesIO()
    if fmt == "svg":
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    elif fmt == "png":
        fig.savefig(buf, format="png", metadata={"Software": None})
    elif fmt == "webp":
        fig.savefig(buf, format="webp", pil_kwargs={"quality": 88, "method": 6})
    else:
        raise ValueError(f"fmt must be one of svg, png, webp; got {fmt!r}")
    plt.close(fig)
    return buf.getvalue()
