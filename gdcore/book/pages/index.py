"""Page ``index.md`` (the home page): what it alone states of the safe learning rate 2/L, with L
the largest eigenvalue of peaks' Hessian (the largest upward curvature): the grid's L is an
estimate from below (the finer search over the whole map, shared with minima, gives the same bound
to the digits shown), and at the rates :data:`ABOVE_BOUND_LRS`, above 2/L, f does rise along some
run of the basin map, so the rate from which it rises lies between 2/L and the first of them (the
basin map's settings, L, the safe rates and the rise bound are shared with the minima page:
``shared.py``)."""

from __future__ import annotations

from gdcore.book.numfmt import fmt_rate, particle
from gdcore.book.pages.shared import (
    RISE_TOL,
    largest_curvature,
    largest_curvature_map,
    map_box,
    rises,
)
from gdcore.book.params import BASINS, SAFE_LRS
from gdcore.book.registry import Claim, Entry

#: Learning rates above 2/L at which the home page measures the largest one-epoch rise of f along
#: the basin map's runs (the lower first: the page says the threshold lies below it).
ABOVE_BOUND_LRS = (0.065, 0.07)

#: A learning rate just above 2/L (below :data:`ABOVE_BOUND_LRS`) at which f still never rises
#: along those runs: the bound is sufficient, not necessary.
JUST_ABOVE_LR = 0.063


def _above_rates() -> tuple[float, float]:
    """:data:`ABOVE_BOUND_LRS`, checked to be the two increasing rates the page names."""
    if len(ABOVE_BOUND_LRS) != 2 or not ABOVE_BOUND_LRS[0] < ABOVE_BOUND_LRS[1]:
        raise ValueError(f"the page names two increasing rates; got {ABOVE_BOUND_LRS}")
    return ABOVE_BOUND_LRS


def _two_digits(v: float) -> str:
    """A measured rise of f to two significant digits, without an exponent: ``0.003296`` →
    ``0.0033``."""
    if not v > 0:
        raise ValueError(f"a rise above the bound must be positive, got {v!r}")
    return fmt_rate(float(f"{v:.2g}"))


#: The year the lesson was taken: the study note this book grew from dates from it (its pasted
#: images are dated 2024-10-16); cited with the course on the landing page.
COURSE_TAKEN = 2024


def home_values(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, str]:
    """L and 2/L from the finer search over the map, and the rates above 2/L with the largest
    one-epoch rise of f along the basin map's runs at each."""
    big_map, _ = largest_curvature_map(grid)
    low, high = _above_rates()
    rise_low, rise_high = (rises(r, epochs, grid)[0] for r in (low, high))
    low_name = fmt_rate(low)
    return {
        "home_L_map": f"$L = {big_map:.2f}$",
        "home_lr_map": f"$2/L = {2 / big_map:.3f}$",
        # 0.065와 0.07: the particle read aloud
        "above_lr_low": low_name + (particle(low_name, "과") if lang == "ko" else ""),
        "above_lr_high": fmt_rate(high),
        "course_taken": f"{COURSE_TAKEN}",
        "above_rise_low": _two_digits(rise_low),
        "above_rise_high": _two_digits(rise_high),
        "just_above_lr": fmt_rate(JUST_ABOVE_LR),
        "home_box": map_box(),
        "home_side": str(grid),
    }


def home_claims(lang: str, *, learning_rate: float, epochs: int, grid: int) -> dict[str, Claim]:
    """The finer search finds a larger L than the grid's with the same 2/L to the three digits
    the page shows; at each rate of :data:`ABOVE_BOUND_LRS`, above 2/L, f rises along some run of
    the basin map by more than rounding, while at the safe rates, below 2/L, it never does: the
    rate from which f rises along these runs lies between 2/L and the first of them."""
    big = largest_curvature(grid)
    big_map, where = largest_curvature_map(grid)
    low, high = _above_rates()
    found = {r: rises(r, epochs, grid) for r in (low, high)}
    safe = {r: rises(r, epochs, grid)[0] for r in SAFE_LRS}
    just = rises(JUST_ABOVE_LR, epochs, grid)[0]
    return {
        "just_above_no_rise": Claim.every(
            {
                "η above 2/L": 2 / big_map < JUST_ABOVE_LR,
                "η below the first rate the page shows f rising at": low > JUST_ABOVE_LR,
                # the largest one-epoch rise over every run and every epoch: each of them checked
                f"every one of the {grid * grid} runs, every epoch": just <= RISE_TOL,
            },
            f"2/L = {2 / big_map:.5f} < η = {JUST_ABOVE_LR} < {low}: largest one-epoch rise of f "
            f"over all {grid * grid} runs {just:.3g} (rounding: at most {RISE_TOL:.0e})",
        ),
        "home_same_bound": Claim(
            big_map > big and f"{2 / big:.3f}" == f"{2 / big_map:.3f}",
            f"over the grid points L = {big:.4f}, 2/L = {2 / big:.5f}; refined over the map "
            f"L = {big_map:.4f} at ({where[0]:.4f}, {where[1]:.4f}), 2/L = {2 / big_map:.5f}",
        ),
        "rises_above_bound": Claim.every(
            {
                f"η = {r}": r > 2 / big_map and found[r][0] > RISE_TOL and found[r][1] > 0
                for r in (low, high)
            }
            | {f"safe η = {r}": r < 2 / big_map and safe[r] <= RISE_TOL for r in SAFE_LRS},
            f"2/L = {2 / big_map:.5f}; largest one-epoch rise of f over all {grid * grid} runs: "
            + ", ".join(
                f"η = {r}: {found[r][0]:.4g} (rising along {found[r][1]:.4f} of the runs)"
                for r in (low, high)
            )
            + "; safe rates: "
            + ", ".join(f"η = {r}: {v:.3g}" for r, v in safe.items()),
        ),
    }


ENTRIES = (
    Entry("home_values", "values", home_values, BASINS, fmt="json"),
    Entry("home_claims", "claims", home_claims, BASINS, fmt="json"),
)
