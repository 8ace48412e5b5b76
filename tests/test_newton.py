"""The Newton's step page: its Newton steps and preconditioned runs against the engine and against
arithmetic done by hand, and its helpers' refusals of bad input."""

from __future__ import annotations

import numpy as np
import pytest

from gdcore.book.pages import newton
from gdcore.descent import descend
from gdcore.landscape import get_landscape


def test_one_newton_step_on_the_bowl_is_the_hand_computed_step() -> None:
    # x² + 10y²: ∇f = (2x, 20y), H = diag(2, 20), so x − H⁻¹∇f = (x − 2x/2, y − 20y/20) = (0, 0)
    points = np.array([[-2.5, 1.0], [3.0, -3.0], [0.1, 0.2]])
    np.testing.assert_allclose(newton.newton_step("elongated_bowl", points), 0, atol=1e-15)


def test_a_newton_step_on_peaks_solves_the_linear_system_with_the_engines_derivatives() -> None:
    peaks = get_landscape("peaks")
    x = np.array([0.3, -0.7])
    step = newton.newton_step("peaks", x) - x
    # H d = −∇f, with the engine's own Hessian and gradient
    np.testing.assert_allclose(peaks.hessian(x) @ step, -peaks.gradient(x), rtol=1e-12)


def test_newton_from_near_a_critical_point_converges_to_it_quadratically() -> None:
    for c in newton.critical_points():
        path = newton.newton_path(tuple(c.x + 0.01), 6)
        d = np.linalg.norm(path - c.x, axis=1)
        assert d[-1] < 1e-12, (c.kind, d)
        # quadratic convergence: once small, the distance is roughly squared at each step
        assert d[2] < 10 * d[1] ** 2 + 1e-15, (c.kind, d)


def test_plain_descent_at_the_best_rate_is_the_engines_run_and_its_factor_is_the_formula() -> None:
    w = np.linalg.eigvalsh(get_landscape("elongated_bowl").hessian(np.zeros(2)))
    assert newton.best_rate() == pytest.approx(2 / (w[0] + w[1]))
    assert newton.kappa() == pytest.approx(w[1] / w[0])
    run = newton.plain_run(newton.NEWTON_BOWL["start"], 20)
    engine = descend(get_landscape("elongated_bowl"), newton.NEWTON_BOWL["start"],
                     learning_rate=2 / (w[0] + w[1]), epochs=20)  # fmt: skip
    np.testing.assert_array_equal(run.path, engine.path)
    k = newton.kappa()
    np.testing.assert_allclose(newton.error_factors(run.path, np.zeros(2)), (k - 1) / (k + 1))


def test_the_epochs_to_a_small_error_count_as_the_momentum_pages_for_the_same_run() -> None:
    """Both pages count the epochs of plain descent at the best rate, from the bowl's start, until
    the distance to the minimum first falls below the same size: so both print the same count."""
    from gdcore.book.pages import momentum

    assert newton.SMALL_ERROR == momentum.SMALL_ERROR
    assert newton.NEWTON_BOWL["start"] == momentum.MOMENTUM_BOWL["start"]
    plain = momentum.the_runs()["plain"]
    assert plain.learning_rate == pytest.approx(newton.best_rate(), rel=1e-12)
    values = newton.newton_values("en")
    assert values["nt_million"] == f"{momentum.first_below(plain, momentum.SMALL_ERROR)}"


def test_error_factors_are_ratios_of_distances_and_refuse_a_path_through_the_minimum() -> None:
    path = np.array([[4.0, 0.0], [0.0, 2.0], [1.0, 0.0]])
    np.testing.assert_allclose(newton.error_factors(path, np.zeros(2)), [0.5, 0.5])
    with pytest.raises(ValueError, match="path must have at least two points"):
        newton.error_factors(np.array([[1.0, 0.0], [0.0, 0.0], [1.0, 0.0]]), np.zeros(2))
    with pytest.raises(ValueError, match="path must have at least two points"):
        newton.error_factors(np.array([[1.0, 0.0]]), np.zeros(2))


@pytest.mark.parametrize("learning_rate", [0.25, 0.5, 1.5])
def test_preconditioned_descent_multiplies_each_coordinate_by_one_minus_eta(
    learning_rate: float,
) -> None:
    start = (-2.5, 1.0)
    path = newton.preconditioned(start, learning_rate, 5)
    expected = np.array(start) * (1 - learning_rate) ** np.arange(6)[:, None]
    np.testing.assert_allclose(path, expected, rtol=1e-12, atol=1e-15)


def test_preconditioned_descent_refuses_a_rate_that_is_not_positive() -> None:
    with pytest.raises(ValueError, match="learning_rate must be positive"):
        newton.preconditioned((1.0, 1.0), 0.0, 3)


def test_the_grid_of_starts_covers_the_bowls_map_and_refuses_a_bad_side() -> None:
    grid = newton.bowl_grid(3)
    assert grid.shape == (9, 2)
    assert grid.min() == -3 and grid.max() == 3
    for side in (1, 2.5):
        with pytest.raises(ValueError, match="side must be a whole number"):
            newton.bowl_grid(side)


def test_the_models_kind_is_read_from_the_signs_of_the_hessian() -> None:
    kinds = {c.kind for c in newton.critical_points()}
    assert kinds == {"min", "saddle", "max"}
    for c in newton.critical_points():
        assert newton.model_kind(c.x) == c.kind


def test_steps_needed_is_the_first_step_from_which_every_iterate_is_close() -> None:
    target = np.zeros(2)
    path = np.array([[1.0, 0.0], [1e-13, 0.0], [1e-3, 0.0], [0.0, 0.0], [0.0, 0.0]])
    assert newton.steps_needed(path, target) == 3
    assert newton.steps_needed(path[3:], target) == 0


def test_the_table_has_a_row_per_start_naming_where_newton_and_descent_end() -> None:
    table = newton.newton_table("en").splitlines()
    assert len(table) == 2 + len(newton.NEWTON_STARTS)
    ref = table[2]
    # from the reference start Newton ends at the highest local maximum: the global maximum
    assert "global maximum" in ref and "local minimum" in ref
    assert "global minimum" in table[3]
    assert "saddle point" in table[4]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_claim_of_the_page_holds(lang: str) -> None:
    claims = newton.newton_claims(lang)
    assert all(c.holds for c in claims.values()), {k: c.evidence for k, c in claims.items()}
