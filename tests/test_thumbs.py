"""gdcore.book.thumbs and the registry's ``thumbnail`` entries: a page's figure drawn small and
without words for the home page's cards."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.text import Text
from PIL import Image

from gdcore.book import thumbs
from gdcore.book.pages import GLOSSARY_SYMBOLS, REGISTRY, THUMBNAILS, thumbnail_entries
from gdcore.book.registry import THUMBNAIL_PANEL
from gdcore.book.style import figure_style, new_figure, save


def a_map_and_a_plot():
    """Two panels: a map drawn to scale (3 wide, 1 tall) with a title, a legend and a colour
    bar, and a plot of a line."""
    fig, left = new_figure(4.8, 3.0)
    right = fig.add_subplot(1, 2, 2)
    left.set_subplotspec(fig.add_gridspec(1, 2)[0])
    image = left.imshow(np.arange(12.0).reshape(4, 3), extent=(-3, 3, -1, 1))
    left.set_aspect("equal")
    left.plot([-2, 2], [0, 0.5], lw=2, label="path")
    left.set_title("a title")
    left.legend()
    fig.colorbar(image, ax=left)
    right.plot([0, 1], [0, 1], lw=3)
    fig.suptitle("a figure")
    return fig, left, right


def test_a_panel_fills_the_thumbnail_without_words() -> None:
    with figure_style():
        fig, left, right = a_map_and_a_plot()
        width = left.lines[0].get_linewidth()
        thumbs.shrink(fig, 0)
        assert tuple(fig.get_size_inches() * fig.dpi) == pytest.approx(thumbs.SIZE)
        assert left.get_position().bounds == pytest.approx((0, 0, 1, 1))
        assert not right.get_visible() and not left.axison
        assert not left.get_legend().get_visible()  # and with it the words it holds
        legend = set(left.get_legend().findobj())
        shown = [t for t in fig.findobj(Text) if t.get_visible() and t not in legend]
        assert [t.get_text() for t in shown if t.get_text()] == []
        assert left.lines[0].get_linewidth() == pytest.approx(width * thumbs.MARK_SCALE)
        # drawn to scale, 6 wide and 2 tall, so cut at the sides to 4:3, around the centre
        (x0, x1), (y0, y1) = left.get_xlim(), left.get_ylim()
        assert (x1 - x0) / (y1 - y0) == pytest.approx(4 / 3)
        assert (x0 + x1) / 2 == pytest.approx(0)
        with Image.open(io.BytesIO(save(fig, "webp", scale=2))) as picture:
            assert picture.size == (2 * thumbs.SIZE[0], 2 * thumbs.SIZE[1])


def test_a_panel_that_is_not_there_is_an_error_saying_how_many_there_are() -> None:
    with figure_style():
        fig, *_ = a_map_and_a_plot()
        with pytest.raises(ValueError, match=r"panel must be from 0 to 1, got 2"):
            thumbs.shrink(fig, 2)  # the colour bar is not a panel


def test_the_glossary_thumbnail_draws_its_symbols_and_needs_one() -> None:
    with figure_style():
        fig = thumbs.symbols("en", marks=GLOSSARY_SYMBOLS)
        assert tuple(fig.get_size_inches() * fig.dpi) == pytest.approx(thumbs.SIZE)
        assert len(fig.axes[0].patches) == len(GLOSSARY_SYMBOLS)
        with pytest.raises(ValueError, match="marks must name at least one symbol"):
            thumbs.symbols("en", marks=())


def test_every_card_page_has_a_thumbnail_entry_of_a_figure_it_shows() -> None:
    names = {e.name: e for e in REGISTRY}
    made = thumbnail_entries(list(REGISTRY))
    assert [e.name for e in made] == [f"thumb_{p}" for p in (*THUMBNAILS, "glossary")]
    for entry in made:
        assert names[entry.name] == entry and entry.kind == "thumbnail" and entry.fmt == "webp"
        assert entry.files == tuple(
            f"{entry.name}{v}.webp" for v in ("", "-2x", "-dark", "-dark-2x")
        )
    for page, (figure, panel) in THUMBNAILS.items():
        entry = names[f"thumb_{page}"]
        assert entry.make is names[figure].make
        assert entry.params == {**names[figure].params, THUMBNAIL_PANEL: panel}
