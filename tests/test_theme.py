"""gdcore.book.theme: a figure recoloured for the dark page keeps its data's colours."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure

from gdcore.book.plots import LEGEND_DARK, legend_below
from gdcore.book.style import figure_style
from gdcore.book.theme import INK, PAPER, dark_color, darken, is_map


def luminance(color: str) -> float:
    """WCAG relative luminance."""
    c = np.array(to_rgba(color)[:3])
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(c @ [0.2126, 0.7152, 0.0722])


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_on_the_dark_page_has_aa_contrast() -> None:
    assert contrast(INK, PAPER) >= 4.5
    assert contrast(to_hex(dark_color("#555555")), PAPER) >= 3  # a dark grey mark stays visible


def test_greys_reverse_and_colours_stay() -> None:
    assert to_hex(dark_color("white")) == PAPER
    assert to_hex(dark_color("black")) == INK
    assert dark_color("#d62728") == to_rgba("#d62728")
    assert dark_color((1, 1, 1, 0.5))[3] == 0.5  # alpha kept
    grey = dark_color("grey")
    assert to_rgba(PAPER)[0] < grey[0] < to_rgba(INK)[0]


def test_plain_paper_is_recoloured_and_a_map_is_not() -> None:
    with figure_style():
        fig = Figure(layout="compressed")
        paper, chart = fig.subplots(2, 1)
        (curve,) = paper.plot([0, 1], [0, 1], color="black", label="curve")
        (mark,) = paper.plot([0.5], [0.5], "D", color="white", markeredgecolor="black")
        (path,) = paper.plot([0, 1], [1, 0], color="#d62728")
        chart.imshow(np.arange(4.0).reshape(2, 2))
        (on_map,) = chart.plot([0.5], [0.5], "v", color="white", markeredgecolor="black",
                               label="minimum")  # fmt: skip
        contours = chart.contour(np.arange(4.0).reshape(2, 2), colors="k")
        legend_below(fig)
        assert is_map(chart) and not is_map(paper)
        darken(fig)
        assert to_hex(fig.get_facecolor()) == PAPER and to_hex(paper.get_facecolor()) == PAPER
        assert to_hex(curve.get_color()) == INK
        assert to_hex(mark.get_markerfacecolor()) == PAPER  # hollow on both pages
        assert to_hex(mark.get_markeredgecolor()) == INK
        assert to_hex(path.get_color()) == "#d62728"
        assert to_hex(on_map.get_markerfacecolor()) == "#ffffff"  # chosen for the map: kept
        assert to_hex(contours.get_cmap()(0.0)) == "#000000"
        assert to_hex(paper.title.get_color()) == INK
        assert to_hex(paper.xaxis.label.get_color()) == INK
        legend = fig.legends[0]
        texts = [t.get_text() for t in legend.texts]
        handles = dict(zip(texts, legend.legend_handles, strict=True))
        assert to_hex(handles["minimum"].get_markerfacecolor()) == "#ffffff"  # as on the map
        assert to_hex(handles["curve"].get_color()) == INK  # as on the paper
        assert to_hex(legend.get_frame().get_facecolor()) == PAPER
        assert all(to_hex(t.get_color()) == INK for t in legend.texts)
        before = curve.get_color()
        darken(fig)  # a second time changes nothing
        assert curve.get_color() == before


def test_a_white_mark_drawn_dark_in_the_light_legend_is_white_again() -> None:
    with figure_style():
        fig = Figure(layout="compressed")
        ax = fig.add_subplot()
        ax.imshow(np.zeros((2, 2)))
        ax.plot([0, 1], [0, 1], "--", color="white", label="edge")
        legend = legend_below(fig)
        assert to_hex(legend.legend_handles[0].get_color()) == LEGEND_DARK
        darken(fig)
        assert to_hex(legend.legend_handles[0].get_color()) == "#ffffff"


def test_a_surface_is_a_map_and_its_box_is_paper() -> None:
    with figure_style():
        fig = Figure()
        ax = fig.add_subplot(projection="3d")
        x, y = np.meshgrid(np.linspace(0, 1, 5), np.linspace(0, 1, 5))
        ax.plot_surface(x, y, x * y, cmap="viridis")
        assert is_map(ax)
        darken(fig)
        assert to_hex(ax.patch.get_facecolor()) == PAPER
        assert to_hex(ax.xaxis.label.get_color()) == INK


def test_palette_variants_swap_on_paper_on_a_map_of_categories_and_in_its_legend() -> None:
    """The palette's dark variants: the path's vermilion lighter on dark paper; the basin map's
    grey of starts that settle nowhere dark, on the map and in its legend; every basin's colour
    kept on the map and in its legend (as the live maps draw them), though the global minimum's
    and the second's have lighter variants for lines on dark paper (λmin, λmax): else the global
    minimum's basin would take nearly the light green of the starts that end in its valley."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Rectangle

    from gdcore.book import palette

    with figure_style():
        fig = Figure(layout="compressed")
        paper, chart = fig.subplots(2, 1)
        (path,) = paper.plot([0, 1], [0, 1], color=palette.mark("path"))
        kinds = [palette.NONE["light"], *palette.MINIMA, palette.VALLEY]
        cmap = ListedColormap(kinds)
        image = chart.imshow(np.arange(6).reshape(2, 3), cmap=cmap, vmin=0, vmax=5)
        swatches = [Rectangle((0, 0), 1, 1, color=c, label=str(i)) for i, c in enumerate(kinds)]
        legend = fig.legend(handles=swatches)
        darken(fig)
        assert to_hex(path.get_color()) == palette.mark("path", "dark")
        assert to_hex(image.get_cmap()(0)) == palette.NONE["dark"]
        assert [to_hex(c) for c in image.get_cmap().colors[1:]] == kinds[1:]
        shown = [to_hex(h.get_facecolor()) for h in legend.legend_handles]
        assert shown == [palette.NONE["dark"], *kinds[1:]]
        # the variants the map does not take exist: the test would see a swap
        assert {palette.MINIMA[0], palette.MINIMA[1]} <= set(palette.dark_variants())


def test_a_washed_map_is_washed_with_the_dark_paper_and_on_dark_is_applied_last() -> None:
    from gdcore.book.plots import washed
    from gdcore.book.theme import on_dark

    with figure_style():
        fig = Figure(layout="compressed")
        ax = fig.add_subplot()
        filled = ax.contourf(np.arange(9.0).reshape(3, 3), cmap=washed(0.5))
        (mark,) = ax.plot([1], [1], "o", color="red", markeredgecolor="black")
        on_dark(mark, markeredgecolor="white")
        assert to_hex(filled.get_cmap()(0.0)) != to_hex(washed(0.5, paper=PAPER)(0.0))
        darken(fig)
        assert to_hex(filled.get_cmap()(0.0)) == to_hex(washed(0.5, paper=PAPER)(0.0))
        assert to_hex(mark.get_markeredgecolor()) == "#ffffff"  # on a map, yet set for the dark
