"""The critical points' map names the global minimum on the map (design review 20: its legend's
two ▽ differ only in size, so size alone told the global minimum from the local ones)."""

from __future__ import annotations

import numpy as np
import pytest

from gdcore.book.pages.minima import critical_points_map
from gdcore.book.peaks import critical_points
from gdcore.book.style import figure_style
from gdcore.book.words import label


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_critical_points_map_names_the_global_minimum_where_it_is(lang: str) -> None:
    with figure_style():
        fig = critical_points_map(lang)
    ax = fig.axes[0]
    named = [t for t in ax.texts if t.get_text() == label("global_minimum", lang)]
    (gmin,) = [c for c in critical_points() if c.is_global_min]
    assert len(named) == 1 and np.allclose(named[0].xy, gmin.x)
