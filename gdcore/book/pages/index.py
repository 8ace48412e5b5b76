"""Page ``index.md`` (the home page): what it alone states of the safe learning rate 2/L, that
it is a sufficient condition, not the exact threshold: along every run of the basin map f never
rises beyond rounding at the safe rates below 2/L, nor at :data:`SAFE_ABOVE_LR` above it, and
the largest rise is stated as a bound computed from the runs (the basin map's settings, L and the
safe rates are shared with the minima page: ``shared.py``)."""

from __future__ import annotations

import numpy as np

from gdcore.book.numfmt import fmt_rate
from gdcore.book.pages.shared import (
    RISE_TOL,
    largest_curvature,
    power_of_ten,
    rises,
    safe_rates,
)
from gdcore.book.params import BASINS
from gdcore.book.registry import Claim, Entry

#: A learning rate above 2/L at which the home page checks that f never rises either: the bound
#: is sufficient, not the exact threshold.
SAFE_ABOVE_LR = 0.06


def rise_bound(largest: float) -> float:
    """The power of ten just above ``largest``, the largest rise of f measured (``7.1e-15`` →
    ``1e-14``): a bound the page states instead of the rounding noise's digits. A largest rise
    of zero or less is bounded by :data:`~gdcore.book.pages.shared.RISE_TOL`."""
    if not np.isfinite(largest):
        raise ValueError(f"largest must be finite, got {largest!r}")
    if largest <= 0:
        return RISE_TOL
    return float(10.0 ** np.ceil(np.log10(largest)))


def home_rates() -> tuple[float, ...]:
    """The rates of the home page's check: the safe rates and :data:`SAFE_ABOVE_LR`."""
    return (*safe_rates(), SAFE_ABOVE_LR)


def home_values(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, str]:
    """The rate above 2/L the page checks, and the bound on every rise of f it states."""
    largest = max(rises(r, epochs, grid)[0] for r in home_rates())
    return {
        "safe_above": fmt_rate(SAFE_ABOVE_LR),
        "safe_rise_bound": power_of_ten("the rise bound", rise_bound(largest)),
    }


def home_claims(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, Claim]:
    """Below 2/L at each safe rate, and above it at :data:`SAFE_ABOVE_LR`, f never rises beyond
    rounding along any of the basin map's runs, each rise below the bound the page states."""
    big = largest_curvature(grid)
    rates = safe_rates()
    found = {r: rises(r, epochs, grid) for r in home_rates()}
    bound = rise_bound(max(v[0] for v in found.values()))
    return {
        "safe_never_rises_home": Claim.every(
            {
                f"η = {r}": (r < 2 / big if r in rates else r > 2 / big)
                and found[r][0] <= RISE_TOL
                and found[r][0] < bound
                for r in home_rates()
            },
            f"2/L = {2 / big:.5f}; largest rise of f per epoch over all {grid * grid} runs: "
            + ", ".join(f"η = {r}: {found[r][0]:.3g}" for r in home_rates())
            + f"; stated bound {bound:g}",
        ),
    }


ENTRIES = (
    Entry("home_values", "values", home_values, BASINS, fmt="json"),
    Entry("home_claims", "claims", home_claims, BASINS, fmt="json"),
)
