"""Every figure's text, as a reader sees it on a phone and on a laptop, is large enough to read."""

from __future__ import annotations

import pytest

from gdcore.book.pages import REGISTRY
from gdcore.book.style import COLUMN_PX, READABLE_PX, cut_off_texts, figure_style, smallest_text
from gdcore.book.words import LANGUAGES

DRAWN = [e for e in REGISTRY if e.kind in ("figure", "animation")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("entry", DRAWN, ids=[e.name for e in DRAWN])
def test_every_figure_reads_at_phone_and_laptop_width(entry, lang: str) -> None:
    with figure_style():
        made = entry.make(lang, **entry.params)
        fig = made[1] if entry.kind == "animation" else made  # an animation's still
        for screen, column in COLUMN_PX.items():
            size, text = smallest_text(fig, entry.fmt, column)
            assert size >= READABLE_PX[screen], (
                f"{entry.name} ({lang}) on a {screen}: {text!r} is {size:.1f} CSS px"
            )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("entry", DRAWN, ids=[e.name for e in DRAWN])
def test_no_figure_text_is_cut_off_at_the_figures_edge(entry, lang: str) -> None:
    """Every text a figure draws (titles, labels, ticks, legend entries) lies inside the figure as
    it is saved: a label longer than the room left for it would be cut off at the image's edge
    (a legend entry lost its last word so once)."""
    with figure_style():
        made = entry.make(lang, **entry.params)
        fig = made[1] if entry.kind == "animation" else made
        assert cut_off_texts(fig) == [], f"{entry.name} ({lang})"
