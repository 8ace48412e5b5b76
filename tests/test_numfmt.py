"""Numbers as pages print them: values at rounding level, and claims over every case."""

from __future__ import annotations

import math

import pytest

from gdcore.book.numfmt import order_of
from gdcore.book.registry import Claim


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3.38e-15, "$10^{-15}$"),
        (3.23e-15, "$10^{-15}$"),
        (-8.68e-10, "$10^{-10}$"),
        (1e-3, "$10^{-3}$"),
        (0.0, "$0$"),
    ],
)
def test_a_value_at_rounding_level_prints_as_its_order_of_magnitude(
    value: float, text: str
) -> None:
    assert order_of(value) == text


def test_order_of_refuses_what_has_no_order() -> None:
    with pytest.raises(ValueError, match="v must be finite"):
        order_of(math.nan)


def test_a_claim_over_every_case_holds_only_when_each_does() -> None:
    good = Claim.every({"η = 0.01": True, "η = 0.02": True}, "all settle")
    assert good.holds and good.cases == 2
    assert good.evidence == "every one of 2 cases: all settle"
    bad = Claim.every({"η = 0.01": True, "η = 0.02": False, "η = 0.03": False})
    assert not bad.holds and bad.cases == 3
    assert bad.evidence == "every one of 3 cases (fails: η = 0.02, η = 0.03)"


def test_a_claim_over_no_case_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one case"):
        Claim.every({})
    with pytest.raises(ValueError, match="cases must be a whole number"):
        Claim(True, "x", cases=0)
