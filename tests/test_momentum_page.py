"""The momentum page: its helpers against the engine, against the quadratic model worked by hand,
and against arrays made by hand."""

from __future__ import annotations

import math
import re
from types import SimpleNamespace

import numpy as np
import pytest

from gdcore import descend, get_landscape
from gdcore.book.pages import momentum
from gdcore.book.peaks import critical_points

BOWL = get_landscape("elongated_bowl")
PEAKS = get_landscape("peaks")


def test_the_bowls_best_pair_is_the_one_worked_out_by_hand() -> None:
    # x² + 10y²: λ = 2 and 20, κ = 10
    beta, eta, rate = momentum.best_ball()
    root = (math.sqrt(10) - 1) / (math.sqrt(10) + 1)
    assert rate == pytest.approx(root, rel=1e-15)
    assert beta == pytest.approx(root**2, rel=1e-15)
    assert eta == pytest.approx(4 / (math.sqrt(20) + math.sqrt(2)) ** 2, rel=1e-15)
    # at that pair both eigenvalues' roots lie on the circle of radius √β, at its two ends
    assert eta * 2 == pytest.approx((1 - root) ** 2) and eta * 20 == pytest.approx((1 + root) ** 2)
    for lam in (2.0, 20.0):
        np.testing.assert_allclose(np.abs(momentum.model_roots(eta, beta, lam)), root, rtol=1e-6)
    assert momentum.best_plain() == pytest.approx((1 / 11, 9 / 11), rel=1e-15)


@pytest.mark.parametrize("eta", [0.01, 1 / 11, 0.095])
def test_without_momentum_the_models_rate_is_plain_descents_largest_factor(eta: float) -> None:
    assert momentum.model_rate(eta, 0.0) == pytest.approx(
        max(abs(1 - eta * 2), abs(1 - eta * 20)), rel=1e-12
    )


def test_the_late_rate_of_a_plain_run_is_its_factor_and_the_window_must_fit() -> None:
    run = descend(BOWL, (-2.5, 1.0), learning_rate=0.05, epochs=200)
    assert momentum.late_rate(run, (100, 200)) == pytest.approx(1 - 0.05 * 2, rel=1e-9)
    with pytest.raises(ValueError, match=r"window must lie within the run's epochs 0\.\.200"):
        momentum.late_rate(run, (100, 201))
    with pytest.raises(ValueError, match="window must lie within"):
        momentum.late_rate(run, (50, 50))


def test_first_below_is_the_first_epoch_under_the_size_or_an_error() -> None:
    run = SimpleNamespace(path=np.array([[3.0, 4.0], [0.6, 0.8], [0.0, 0.1], [0.0, 0.2]]))
    assert momentum.first_below(run, 1.0) == 2  # ‖(0.6, 0.8)‖ = 1 is not below 1
    with pytest.raises(ValueError, match=r"never falls below 0\.01"):
        momentum.first_below(run, 0.01)


def test_overshoot_reads_the_crossing_the_farthest_point_and_the_return() -> None:
    x = [-2.0, -1.0, 0.5, 1.5, 1.0, -0.2, -0.1, 0.3]
    run = SimpleNamespace(path=np.stack([x, np.zeros(len(x))], axis=1))
    assert momentum.overshoot(run) == (2, 3, 1.5, 5)


def test_the_steps_on_a_straight_slope_grow_as_the_geometric_sum() -> None:
    eta = momentum.SLOPE["learning_rate"]
    for beta in (0.0, 0.5, 0.9):
        steps = momentum.slope_steps(beta)
        k = np.arange(1, len(steps) + 1)
        np.testing.assert_allclose(steps, -eta * (1 - beta**k) / (1 - beta), rtol=1e-9)


def test_the_table_gives_each_minimum_its_limits_from_its_own_hessian() -> None:
    table = momentum.limits_table("en").splitlines()
    minima = sorted((c for c in critical_points() if c.kind == "min"), key=lambda c: c.value)
    assert len(table) == 2 + len(minima)
    for row, m in zip(table[2:], minima, strict=True):
        lam = float(np.linalg.eigvalsh(PEAKS.hessian(m.x)).max())
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert float(cells[1].strip("$")) == pytest.approx(lam, abs=0.005)
        shown = [float(c.strip("$")) for c in cells[2:]]
        want = [2 * (1 + b) / lam for b in momentum.TABLE_BETAS]
        np.testing.assert_allclose(shown, want, atol=5e-5)


def test_a_diverging_neighbour_counts_as_never_converging() -> None:
    # η × 1.1 with β × 0.8 lies above that β's limit 2(1 + β)/λmax on the bowl
    beta, eta, _ = momentum.best_ball()
    assert 1.1 * eta > 2 * (1 + 0.8 * beta) / 20
    assert momentum.neighbour_rate(1.1, 0.8) == math.inf
    assert momentum.neighbour_rate(0.9, 0.8) < 1


def test_the_overshoot_figure_draws_the_engines_runs_and_refuses_other_betas() -> None:
    fig = momentum.momentum_overshoot("en", betas=momentum.TABLE_BETAS, epochs=20)
    lines = [ln for ln in fig.axes[0].get_lines() if len(ln.get_xdata()) == 21]
    assert len(lines) == len(momentum.TABLE_BETAS)
    eta, _ = momentum.best_plain()
    for line, beta in zip(lines, momentum.TABLE_BETAS, strict=True):
        run = descend(BOWL, (-2.5, 1.0), learning_rate=eta, epochs=20, momentum=beta)
        np.testing.assert_array_equal(line.get_ydata(), run.path[:, 0])
    with pytest.raises(ValueError, match="betas must be some of TABLE_BETAS"):
        momentum.momentum_overshoot("en", betas=(0.3,), epochs=20)


def test_the_ball_needs_fewer_epochs_than_the_values_say() -> None:
    values = momentum.momentum_values("en")
    plain, ball = int(values["mm_plain_n"]), int(values["mm_ball_n"])
    for n, key in ((plain, "plain"), (ball, "ball")):
        e = np.linalg.norm(momentum.the_runs()[key].path, axis=1)
        assert e[n] < momentum.SMALL_ERROR <= e[n - 1]
    assert re.fullmatch(r"\$\\beta\^\* = 0\.\d{4}\$", values["mm_beta_star"])


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_claim_of_the_page_holds(lang: str) -> None:
    claims = momentum.momentum_claims(lang)
    assert all(c.holds for c in claims.values()), {k: c.evidence for k, c in claims.items()}


def test_the_shares_without_momentum_come_only_from_the_curvature_sweeps_rates() -> None:
    with pytest.raises(ValueError, match=r"rates must be some of SHARE_LRS without momentum"):
        momentum.global_shares((0.1,), 0.0)
