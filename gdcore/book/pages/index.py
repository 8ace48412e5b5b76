"""Page ``index.md`` (the home page): the course it follows, and the basin map's grid as the home
page describes it (its settings, shares, the safe learning rate 2/L and its checks are shared with
the minima page, which computes and explains them: ``shared.py``, ``minima.py``)."""

from __future__ import annotations

from gdcore.book.pages.shared import map_box
from gdcore.book.params import BASINS
from gdcore.book.registry import Entry

#: The year the lesson was taken: the study note this book grew from dates from it (its pasted
#: images are dated 2024-10-16); cited with the course on the landing page.
COURSE_TAKEN = 2024


def home_values(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, str]:
    """The year the course was taken, and the basin map's box and grid side."""
    return {
        "course_taken": f"{COURSE_TAKEN}",
        "home_box": map_box(),
        "home_side": str(grid),
    }


ENTRIES = (Entry("home_values", "values", home_values, BASINS, fmt="json"),)
