"""The home page's first figure (design review 20, finding 2): the book's thesis in one picture.
The map carries the live maps' contour lines and the minima's ▽ (the deepest larger and named),
the run the book follows moves over the whole paths of runs from other starts, and the runs end in
different places, only one in the deepest valley."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.contour import ContourSet

from gdcore.book import palette
from gdcore.book.pages.index import HOME, home_animation, home_figure_claims, home_runs
from gdcore.book.peaks import critical_points
from gdcore.book.plots import MAP_PATH_COLOR
from gdcore.book.style import figure_style
from gdcore.book.words import label


@pytest.fixture(scope="module")
def drawn() -> dict:
    with figure_style():
        return {lang: home_animation(lang, **HOME, n_frames=12) for lang in ("ko", "en")}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_map_marks_every_minimum_the_deepest_larger_and_named(drawn, lang: str) -> None:
    _, still = drawn[lang]
    ax = still.axes[0]
    marks = {
        tuple(np.round(line.get_xydata()[0], 6)): line.get_markersize()
        for line in ax.get_lines()
        if line.get_marker() == palette.MARKERS["minimum"]
    }
    minima = [c for c in critical_points() if c.kind == "min"]
    assert len(minima) == 3
    sizes = {m.is_global_min: marks.pop(tuple(np.round(m.x, 6))) for m in minima}
    assert not marks, f"▽ where no minimum is: {marks}"
    assert sizes[True] > sizes[False]
    named = [t for t in ax.texts if t.get_text() == label("deepest_valley", lang)]
    assert len(named) == 1 and np.allclose(
        named[0].xy, next(m.x for m in minima if m.is_global_min)
    )
    assert any(isinstance(c, ContourSet) for c in ax.collections), "no contour lines"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_book_s_run_moves_over_the_whole_paths_of_the_others(drawn, lang: str) -> None:
    animation, still = drawn[lang]
    runs = home_runs(**{k: HOME[k] for k in ("starts", "learning_rate", "epochs")})
    assert len(runs) >= 3
    ax = still.axes[0]
    paths = [line for line in ax.get_lines() if len(line.get_xydata()) > 1]

    def colour(run) -> str:
        (line,) = [ln for ln in paths if np.array_equal(ln.get_xydata(), run.path)]
        return to_hex(line.get_color())

    assert colour(runs[0]) == to_hex(MAP_PATH_COLOR)
    for run in runs[1:]:
        assert colour(run) == to_hex(palette.SERIES_MAP[0])
    first, last = animation.frames[0], animation.frames[-1]
    assert first.shape == last.shape and not np.array_equal(first, last)


def test_the_runs_end_in_different_places_only_one_in_the_deepest_valley() -> None:
    claims = home_figure_claims("en", **{k: HOME[k] for k in ("starts", "learning_rate", "epochs")})
    claim = claims["home_runs_end"]
    assert claim.holds, claim.evidence
    assert claim.cases == 4
