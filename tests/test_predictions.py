"""The quadratic model's predictions, held equal to what the engine measures (exercises 5–7)."""

from __future__ import annotations

import numpy as np
import pytest

from gdcore.book.pages.exercises import bowl_predicted, bowl_runs, epochs_to, steepest_step
from gdcore.book.params import EX_BOWL, PREDICT, SEED_START
from gdcore.book.peaks import critical_points
from gdcore.descent import descend
from gdcore.landscape import get_landscape


def settles(learning_rate: float) -> bool:
    """Does descent from the deep valley's start settle at the global minimum?"""
    gmin = next(c for c in critical_points() if c.is_global_min)
    run = descend(
        get_landscape("peaks"), PREDICT["start"], learning_rate=learning_rate, epochs=5000,
        tol=1e-10,
    )  # fmt: skip
    return run.status == "converged" and float(np.linalg.norm(run.final - gmin.x)) < 1e-9


def test_the_hessian_predicts_the_global_minimums_limit_to_one_percent() -> None:
    gmin = next(c for c in critical_points() if c.is_global_min)
    limit = 2 / float(gmin.eigenvalues.max())
    assert settles(0.99 * limit)
    assert not settles(1.01 * limit)


@pytest.mark.parametrize("learning_rate", np.linspace(0.02, 0.099, 12).round(4).tolist())
def test_the_quadratic_model_counts_the_bowls_epochs_exactly(learning_rate: float) -> None:
    run = bowl_runs(EX_BOWL["start"], (learning_rate,), EX_BOWL["epochs"])[learning_rate]
    measured = epochs_to(run.path, EX_BOWL["tol"])
    assert measured is not None
    assert measured == bowl_predicted(
        EX_BOWL["start"], learning_rate, EX_BOWL["epochs"], EX_BOWL["tol"]
    )


def test_the_first_steps_change_tends_to_the_first_order_prediction() -> None:
    # the gap between f's change and −η‖∇f‖² shrinks in proportion to η (the second-order term)
    gaps = []
    for lr in (1e-3, 1e-4, 1e-5):
        step = steepest_step(SEED_START, lr)
        gaps.append(abs(step["actual"] / step["predicted"] - 1))
    assert gaps[0] > gaps[1] > gaps[2]
    assert gaps[1] / gaps[0] == pytest.approx(0.1, rel=0.05)
    assert gaps[2] / gaps[1] == pytest.approx(0.1, rel=0.05)
