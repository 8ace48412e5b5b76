"""Page ``index.md`` (the home page): what it alone states of the safe learning rate 2/L, that
the grid's L is an estimate from below (the finer search over the whole map, shared with minima,
gives the same bound to the digits shown) and that it is not the exact threshold: at
:data:`SAFE_ABOVE_LR`, above 2/L, f does not rise beyond rounding along any run of the basin map
either (the basin map's settings, L, the safe rates and the rise bound are shared with the minima
page: ``shared.py``)."""

from __future__ import annotations

from gdcore.book.numfmt import fmt_rate
from gdcore.book.pages.shared import (
    RISE_TOL,
    largest_curvature,
    largest_curvature_map,
    rises,
    safe_rise_bound,
)
from gdcore.book.params import BASINS
from gdcore.book.registry import Claim, Entry

#: A learning rate above 2/L at which the home page checks that f does not rise either: the bound
#: is sufficient, not the exact threshold.
SAFE_ABOVE_LR = 0.06


def home_values(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, str]:
    """The rate above 2/L that the page checks, and L and 2/L from the finer search over the map."""
    big_map, _ = largest_curvature_map(grid)
    return {
        "safe_above": fmt_rate(SAFE_ABOVE_LR),
        "home_L_map": f"$L = {big_map:.2f}$",
        "home_lr_map": f"$2/L = {2 / big_map:.3f}$",
    }


def home_claims(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, Claim]:
    """The finer search finds a larger L than the grid's with the same 2/L to the three digits
    the page shows; at :data:`SAFE_ABOVE_LR`, above 2/L, f rises by no more than rounding along
    any of the basin map's runs, each rise below the bound the page states for the safe rates."""
    big = largest_curvature(grid)
    largest, _ = rises(SAFE_ABOVE_LR, epochs, grid)
    bound = safe_rise_bound(epochs, grid)
    big_map, where = largest_curvature_map(grid)
    return {
        "home_same_bound": Claim(
            big_map > big and f"{2 / big:.3f}" == f"{2 / big_map:.3f}",
            f"over the grid points L = {big:.4f}, 2/L = {2 / big:.5f}; refined over the map "
            f"L = {big_map:.4f} at ({where[0]:.4f}, {where[1]:.4f}), 2/L = {2 / big_map:.5f}",
        ),
        "safe_not_threshold": Claim(
            2 / big_map < 2 / big < SAFE_ABOVE_LR and largest <= RISE_TOL and largest < bound,
            f"2/L = {2 / big:.5f} < η = {SAFE_ABOVE_LR}; largest rise of f per epoch over all "
            f"{grid * grid} runs: {largest:.3g}, below the stated bound {bound:g}",
        ),
    }


ENTRIES = (
    Entry("home_values", "values", home_values, BASINS, fmt="json"),
    Entry("home_claims", "claims", home_claims, BASINS, fmt="json"),
)
