"""The loss curves page: its helpers against the engine and against arrays made by hand."""

from __future__ import annotations

import re

import numpy as np
import pytest

from gdcore.book.pages import loss, shared
from gdcore.book.params import BOWL, SEED_LR
from gdcore.descent import descend
from gdcore.landscape import get_landscape


@pytest.mark.parametrize("learning_rate", [0.02, 0.05, 0.09])
def test_the_bowls_two_parts_predicted_from_the_start_add_up_to_the_engines_f(
    learning_rate: float,
) -> None:
    start, epochs = BOWL["start"], 40
    parts = loss.bowl_parts(start, learning_rate, epochs)
    run = descend(get_landscape("elongated_bowl"), start, learning_rate=learning_rate,
                  epochs=epochs)  # fmt: skip
    np.testing.assert_allclose(parts.sum(axis=1), run.values, rtol=1e-12)
    # λmin's part is the x part (x² on x² + 10y²), λmax's the y part
    np.testing.assert_allclose(parts[:, 0], run.path[:, 0] ** 2, rtol=1e-12)
    np.testing.assert_allclose(parts[:, 1], 10 * run.path[:, 1] ** 2, rtol=1e-12, atol=1e-300)


def test_bowl_parts_refuses_a_negative_number_of_epochs() -> None:
    with pytest.raises(ValueError, match="epochs must be a whole number"):
        loss.bowl_parts(BOWL["start"], 0.02, -1)


def test_settled_from_is_the_first_index_from_which_every_ratio_is_within_the_tolerance() -> None:
    ratios = np.array([0.5, 0.9, 0.92, 0.921, 0.919])
    assert loss.settled_from(ratios, 0.92, 0.01) == 2
    assert loss.settled_from(ratios[2:], 0.92, 0.01) == 0
    # one late ratio off: nothing is settled before it
    assert loss.settled_from(np.array([0.92, 0.92, 0.5, 0.92]), 0.92, 0.01) == 3


def test_model_from_is_where_the_parts_start_to_add_up_and_stays_above_the_low_end() -> None:
    measured = np.array([10.0, 1.0, 1e-3, 1e-6, 1e-9, 1e-13, 1e-16])
    parts = np.stack([measured * 0.5, measured * 0.5], axis=1)
    parts[0] *= 0.5  # the model misses the first epoch by half
    parts[-1] = 1.0  # below LOSS_LOW (rounding level): not looked at
    assert loss.model_from(measured, parts) == 1
    parts[3] *= 1.02  # a 2 % miss later on moves it past that epoch
    assert loss.model_from(measured, parts) == 4


def test_the_late_window_lies_between_the_two_sizes() -> None:
    values = np.array([1.0, 1e-5, 1e-7, 1e-11, 1e-13, 1e-16])
    # 1e-5 is above LOSS_HIGH, 1e-13 below LOSS_LOW; the last epoch has no ratio
    assert loss.late_window(values).tolist() == [2, 3]


def test_the_predicted_late_factor_is_the_square_of_the_larger_factor_in_size() -> None:
    w, _ = shared.eigen(shared.lesson_minimum().x)
    best = 2 / (w[0] + w[1])  # both factors equal in size there
    assert loss.predicted_late(best) == pytest.approx((1 - best * w[0]) ** 2, rel=1e-12)
    assert loss.predicted_late(best) == pytest.approx((1 - best * w[1]) ** 2, rel=1e-12)
    assert loss.predicted_late(SEED_LR) == pytest.approx((1 - SEED_LR * w[0]) ** 2)
    assert loss.predicted_late(0.12) == pytest.approx((1 - 0.12 * w[1]) ** 2)


def test_the_reference_runs_late_loss_ratio_is_the_predicted_factor() -> None:
    window, ratios = loss.late_ratios(shared.seed_run())
    assert len(window) >= 10
    np.testing.assert_allclose(ratios, loss.predicted_late(SEED_LR), atol=loss.LATE_TOL)


def test_the_end_loss_is_shown_as_an_order_of_magnitude_the_figure_draws_as_its_guide() -> None:
    values = loss.loss_values("en")
    exponent = int(re.fullmatch(r"\$10\^\{(-\d+)\}\$", values["ls_end_loss"]).group(1))
    fig = loss.loss_curves("en", **loss.BOWL_LOSS)
    bottom = fig.axes[1]
    guides = [ln for ln in bottom.get_lines() if ln.get_linestyle() == "-."]
    assert len(guides) == 1
    assert guides[0].get_ydata()[0] == pytest.approx(10.0**exponent)


def test_the_rates_figure_says_which_rates_lie_below_two_over_l() -> None:
    fig = loss.loss_rates("en", rates=loss.LOSS_RATES)
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    safe = loss.safe_bound()
    for lr, text in zip(loss.LOSS_RATES, texts, strict=True):
        assert ("below" in text) == (lr < safe), text
    assert any(lr > safe for lr in loss.LOSS_RATES) and any(lr < safe for lr in loss.LOSS_RATES)


def test_the_rates_figure_refuses_rates_the_page_does_not_check() -> None:
    with pytest.raises(ValueError, match="rates must be some of LOSS_RATES"):
        loss.loss_rates("en", rates=(0.3,))
    with pytest.raises(ValueError, match="rates must be some of LOSS_RATES"):
        loss.loss_rates("en", rates=())


@pytest.mark.parametrize(
    ("names", "lang", "expected"),
    [
        (["0.1", "0.12"], "ko", "0.1과 0.12"),
        (["0.01", "0.05", "0.1"], "ko", "0.01, 0.05와 0.1"),
        (["0.1", "0.12"], "en", "0.1 and 0.12"),
    ],
)
def test_lists_of_rates_take_the_particle_read_aloud(
    names: list[str], lang: str, expected: str
) -> None:
    assert loss._listed(names, lang) == expected


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_claim_of_the_page_holds(lang: str) -> None:
    claims = loss.loss_claims(lang)
    assert all(c.holds for c in claims.values()), {k: c.evidence for k, c in claims.items()}
