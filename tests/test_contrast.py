"""The contrast measure (``gdcore.book.contrast``; WCAG 2: 4.5:1 for text, 3:1 for lines and
markers) sees what a reader sees: a failing grey, a path lost on a colour map until it gets a halo,
a box under a label, a legend's key on the page. That every figure of the book passes it, on the
light page and on the dark one, is checked with its other figure checks in
tests/test_figure_text.py."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patheffects import withStroke

from gdcore.book import palette
from gdcore.book.contrast import MARK, TEXT, audit, ratio
from gdcore.book.plots import halo
from gdcore.book.style import figure_style, settle
from gdcore.book.theme import darken


def test_the_ratio_is_wcags() -> None:
    assert ratio("black", "white") == pytest.approx(21)
    assert ratio("#777777", "white") == pytest.approx(4.48, abs=0.01)
    assert ratio(palette.page("dark", "ink"), palette.page("dark", "paper")) >= TEXT


def _chart() -> tuple[Figure, object]:
    fig = Figure(figsize=(3, 2), layout="compressed")
    return fig, fig.add_subplot()


def test_a_pale_text_or_line_is_found_and_a_dark_one_is_not() -> None:
    with figure_style():
        fig, ax = _chart()
        ax.plot([0, 1], [0, 1], color="#bbbbbb", label="pale line")
        ax.plot([0, 1], [1, 0], color="#444444")
        ax.text(0.5, 0.2, "pale words", color="#999999")
        ax.text(0.5, 0.8, "dark words", color="#333333")
        found = [str(f) for f in audit(settle(fig))]
    assert any("pale words" in f for f in found)
    assert any("Line2D 'pale line'" in f for f in found)
    assert not any("dark words" in f or "444444" in f for f in found), found


def test_on_a_map_a_path_needs_its_halo_and_a_label_its_box() -> None:
    with figure_style():
        fig, ax = _chart()
        ax.imshow(np.linspace(0, 1, 256)[None, :], extent=(0, 1, 0, 1), aspect="auto")
        xs = np.linspace(0.02, 0.98, 50)
        ax.plot(xs, 0.3 + 0 * xs, color=palette.mark("path", "map"), label="bare")
        ax.plot(xs, 0.7 + 0 * xs, color=palette.mark("path", "map"), label="haloed",
                path_effects=halo(1.5))  # fmt: skip
        ax.text(0.1, 0.45, "bare words")
        ax.text(0.6, 0.45, "boxed", bbox={"facecolor": "white", "edgecolor": "none"})
        ax.text(0.3, 0.85, "stroked", color="white",
                path_effects=[withStroke(linewidth=3, foreground="black")])  # fmt: skip
        found = [str(f) for f in audit(settle(fig))]
    assert any("'bare'" in f for f in found), found
    assert any("bare words" in f for f in found), found
    assert not any(k in f for f in found for k in ("'haloed'", "boxed", "stroked")), found


def test_the_dark_page_is_measured_on_its_own_paper() -> None:
    """Black ink becomes the dark page's ink, so it passes there; a navy mark does not."""
    with figure_style():
        fig, ax = _chart()
        ax.plot([0, 1], [0, 1], color="black", label="ink")
        ax.scatter([0.5], [0.5], color="#0d0887", label="navy")
        settle(fig)
        assert not audit(fig)
        darken(fig)
        found = [str(f) for f in audit(fig)]
    assert len(found) == 1 and "navy" in found[0] and f"{MARK:g}:1" in found[0], found


def test_a_legend_key_is_measured_on_the_legends_ground() -> None:
    with figure_style():
        fig, ax = _chart()
        ax.plot([0, 1], [0, 1], color=palette.mark("end"), label="yellow key")
        fig.legend(loc="outside lower center")
        found = [str(f) for f in audit(settle(fig))]
    assert sum("'yellow key'" in f for f in found) == 2, found  # on the axes and in the legend
    assert any("in a legend" in f for f in found), found
