"""Every figure, as a reader sees it: its text large enough to read on a phone and on a laptop,
none of it cut off at the figure's edge, and every text and mark standing out from what lies under
it on the light page and on the dark one (``gdcore.book.contrast``; the measure's own tests are in
tests/test_contrast.py). One test per figure and language draws the figure once for all three
checks: drawing is most of their time."""

from __future__ import annotations

import pytest

from gdcore.book.contrast import audit
from gdcore.book.pages import REGISTRY
from gdcore.book.style import COLUMN_PX, READABLE_PX, cut_off_texts, figure_style, smallest_text
from gdcore.book.theme import darken
from gdcore.book.words import LANGUAGES

DRAWN = [e for e in REGISTRY if e.kind in ("figure", "animation")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("entry", DRAWN, ids=[e.name for e in DRAWN])
def test_every_figure_reads_fits_and_stands_out_on_both_pages(entry, lang: str) -> None:
    """For every figure and animation still, in both languages:

    - **cut off**: every text it draws (titles, labels, ticks, legend entries) lies inside the
      figure as the build lays it out and saves it (:func:`~gdcore.book.style.cut_off_texts`,
      which settles it); a label longer than the room left for it would be cut off at the image's
      edge (a legend entry lost its last word so once);
    - **readable**: its smallest text, in a phone's and a laptop's text column, is at least
      :data:`~gdcore.book.style.READABLE_PX`;
    - **contrast**: each text (4.5:1) and each line and marker (3:1) against the pixels under it
      (:func:`~gdcore.book.contrast.audit`), as drawn for the light page, then recoloured for the
      dark one (:func:`~gdcore.book.theme.darken`, as the build does).

    Every failure of the three is reported at once."""
    problems: list[str] = []
    with figure_style():
        made = entry.make(lang, **entry.params)
        fig = made[1] if entry.kind == "animation" else made  # an animation's still
        problems += [f"cut off: {cut}" for cut in cut_off_texts(fig)]
        for screen, column in COLUMN_PX.items():
            size, text = smallest_text(fig, entry.fmt, column)
            if size < READABLE_PX[screen]:
                problems.append(f"on a {screen}: {text!r} is {size:.1f} CSS px")
        problems += [f"light: {found}" for found in audit(fig)]
        darken(fig)
        problems += [f"dark: {found}" for found in audit(fig)]
    assert not problems, f"{entry.name} ({lang}):\n" + "\n".join(problems)
