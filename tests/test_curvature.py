"""The hessian and curvature pages' predictions against the engine's measurements."""

from __future__ import annotations

import numpy as np
import pytest

from gdcore.analysis import stability_limit
from gdcore.book.pages import curvature, hessian, shared
from gdcore.book.params import BOWL, BOWL_SWEEP, EXERCISE_LRS, RECAP, SADDLE, SEED_LR
from gdcore.book.peaks import critical_points
from gdcore.landscape import get_landscape


def test_the_minima_have_the_minima_pages_colours() -> None:
    assert curvature.BASIN_COLORS == shared._BASIN_COLORS  # the basin maps' colours (minima)


@pytest.mark.parametrize("point", critical_points(), ids=lambda c: f"{c.kind}{c.x.round(2)}")
def test_the_eigenvalues_are_the_extreme_curvatures_of_the_slices(point) -> None:
    err, gap, step = hessian.principal_curvature_errors(point.x)
    assert err < 1e-5
    assert gap <= step


def test_the_slice_curvature_is_u_h_u() -> None:
    m = shared.lesson_minimum()
    h = get_landscape("peaks").hessian(m.x)
    angles = np.linspace(0, np.pi, 12, endpoint=False)
    u = np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    predicted = np.einsum("ni,ij,nj->n", u, h, u)
    np.testing.assert_allclose(hessian.slice_curvatures(m.x, angles), predicted, rtol=1e-5)


def test_the_incoming_start_leads_into_the_saddle() -> None:
    s = hessian.the_saddle(SADDLE["near"])
    start = hessian.incoming_start(
        SADDLE["near"], SADDLE["distance"], SADDLE["learning_rate"], SADDLE["epochs"]
    )
    paths, _ = hessian.saddle_runs(**SADDLE)
    closest = np.linalg.norm(paths - s.x, axis=-1).min(axis=1)
    assert np.all(np.diff(closest) < 0)  # the smaller the push, the closer it comes
    assert np.linalg.norm(paths[0, 0] - start) == pytest.approx(SADDLE["offsets"][0])


def test_each_smaller_offset_adds_the_predicted_epochs_near_the_saddle() -> None:
    near, added = hessian.lingering(**SADDLE)
    assert np.all(np.abs(np.diff(near) - added) <= 1)
    s = hessian.the_saddle(SADDLE["near"])
    grow = 1 + SADDLE["learning_rate"] * abs(float(s.eigenvalues.min()))
    ratio = SADDLE["offsets"][0] / SADDLE["offsets"][1]
    assert added[0] == pytest.approx(np.log(ratio) / np.log(grow))


def test_the_recap_error_shrinks_by_one_minus_eta_lambda() -> None:
    ratios, curv = curvature.recap_ratios(**RECAP)
    np.testing.assert_allclose(ratios, 1 - RECAP["learning_rate"] * curv, rtol=1e-9)


def test_the_late_ratio_on_peaks_is_one_minus_eta_lambda_max() -> None:
    w, v = shared.eigen(shared.lesson_minimum().x)
    ratios = curvature.projected_ratios(EXERCISE_LRS[0], v[:, 1])
    assert len(ratios) >= 10
    np.testing.assert_allclose(ratios, 1 - EXERCISE_LRS[0] * w[1], atol=curvature.RATIO_TOL)
    slow = curvature.projected_ratios(SEED_LR, v[:, 0])
    np.testing.assert_allclose(slow, 1 - SEED_LR * w[0], atol=1e-4)


def test_the_bowl_converges_at_the_predicted_rate() -> None:
    rates = BOWL_SWEEP["rates"]
    measured = curvature.sweep(rates, BOWL["start"], BOWL_SWEEP["epochs"])
    predicted = [curvature.predicted_rate(eta) for eta in rates]
    np.testing.assert_allclose(measured, predicted, atol=curvature.BOWL_TOL)
    assert abs(rates[int(np.argmin(measured))] - curvature.best_rate()) <= rates[1] - rates[0]


def test_the_best_rate_is_kappa_minus_one_over_kappa_plus_one() -> None:
    lo, hi = curvature.bowl_eigenvalues()
    kappa = hi / lo
    star = curvature.best_rate()
    assert curvature.predicted_rate(star) == pytest.approx((kappa - 1) / (kappa + 1))
    measured = curvature.measured_rate(star, BOWL["start"], BOWL_SWEEP["epochs"])
    assert measured == pytest.approx((kappa - 1) / (kappa + 1), abs=1e-9)


def test_the_limits_are_the_engines() -> None:
    peaks = get_landscape("peaks")
    for m, limit in curvature.minima_limits():
        assert limit == pytest.approx(stability_limit(peaks, m.x))


def test_no_start_settles_above_a_minimums_limit() -> None:
    rates = (0.05, 0.08, 0.15)
    table = curvature.share_table(rates, 1000, 21)
    limits = [limit for _, limit in curvature.minima_limits()]
    for row, lr in zip(table, rates, strict=True):
        for share, limit in zip(row[:-1], limits, strict=True):
            if lr > limit:
                assert share == 0
        assert row.sum() == pytest.approx(1)


def test_every_claim_holds() -> None:
    claims = curvature.curvature_claims("en")
    false = {k: c.evidence for k, c in claims.items() if not c.holds}
    assert not false


def test_the_large_rate_lands_near_the_global_minimum_and_is_thrown_off() -> None:
    big = curvature.large_rate_run(EXERCISE_LRS[1])
    largest = max(limit for _, limit in curvature.minima_limits())
    assert EXERCISE_LRS[1] > largest
    assert big["at_global"] and big["factor"] < -1 and big["second_off_map"]


def test_the_tiny_rate_steps_are_eta_times_the_gradient_norm() -> None:
    tiny = curvature.tiny_rate_run(EXERCISE_LRS[2])
    assert tiny["step_error"] < 1e-6
    assert tiny["moved"] <= tiny["step_hi"] * 1000
    assert tiny["closest"] > 0.9 * tiny["to_go"]


def test_the_best_rate_at_the_lessons_minimum_shrinks_by_kappa_formula() -> None:
    w, _ = shared.eigen(shared.lesson_minimum().x)
    epochs, rate = curvature.lesson_best(2 / (w[0] + w[1]))
    assert len(epochs) >= 10
    assert rate == pytest.approx((w[1] - w[0]) / (w[1] + w[0]), abs=5e-3)


def test_the_window_of_late_ratios_is_consecutive_and_above_rounding() -> None:
    _, v = shared.eigen(shared.lesson_minimum().x)
    epochs, _ = curvature.ratio_window(EXERCISE_LRS[0], v[:, 1])
    assert np.all(np.diff(epochs) == 1)
    assert 1e3 * np.spacing(np.abs(shared.lesson_minimum().x).max()) < curvature.ABOVE_ROUNDING


def test_a_two_cycle_swings_with_average_curvature_two_over_eta() -> None:
    cyc = curvature.two_cycle(**curvature._CYCLE)
    eta = curvature._CYCLE["learning_rate"]
    largest = max(limit for _, limit in curvature.minima_limits())
    assert eta < largest and cyc["locked"] >= 0 and not cyc["left_domain"]
    # the identity ∇f(a) − ∇f(b) = (2/η)(a − b) of every 2-cycle, and why this one stops growing
    assert cyc["curv_avg"] == pytest.approx(2 / eta, rel=1e-9)
    assert cyc["curv_far"] < 2 / eta < cyc["curv_min"]
    assert cyc["near"] < cyc["far"] < 0.5


def test_a_run_that_never_locks_says_so() -> None:
    # below the global minimum's limit the run arrives: its points do not repeat two epochs apart
    start, epochs = curvature._CYCLE["start"], curvature._CYCLE["epochs"]
    assert curvature.two_cycle(start, 0.01, 5)["locked"] == -1
    assert curvature.two_cycle(start, 0.06, epochs)["swing"] < 1e-9


def test_the_steep_error_is_driven_by_the_flat_errors_square() -> None:
    drift = curvature.steep_drift()
    r_s, r_f = drift["r_steep"], drift["r_flat"]
    assert r_f**2 > r_s  # the driven part is the slower one, so it is the one that shows
    np.testing.assert_allclose(drift["driven_ratios"], r_f**2, atol=5e-3)
    assert np.all(drift["driven_ratios"] - r_s > 0.03)
    assert drift["model_gap"] < curvature.MODEL_TOL
    # the quadratic model alone (s shrinking by its own factor from the first early epoch) misses
    # the measured s at the end of the driven window by more than a factor of ten
    k0, k1 = int(drift["early_epochs"][0]), int(drift["driven_epochs"][-1])
    own = r_s ** (k1 - k0)
    assert drift["driven_share"][-1] > 0 and own < 0.1 * r_f ** (2 * (k1 - k0))


def test_the_sweep_follows_the_starts_arriving_nowhere_on_a_small_map() -> None:
    rates = (0.003, 0.0602, 0.08)
    sweep = curvature.share_sweep(rates, 300, 11, 3)
    peaks = get_landscape("peaks")
    assert sweep["calm"].tolist() == [True, True, False]  # 0.08 is above the global limit
    for i, lr in enumerate(rates[:2]):
        b = curvature.basins(peaks, learning_rate=lr, epochs=300, grid=11)
        assert sweep["count"][i] == int(np.sum(b.labels < 0))
        np.testing.assert_allclose(sweep["table"][i], [*b.shares, b.share_none])
        assert 0 <= sweep["flat"][i] <= sweep["later"][i] <= 1
        assert sweep["neither"][i] <= sweep["count"][i]


def test_the_sweep_lists_the_lost_starts_one_by_one() -> None:
    sweep = curvature.share_sweep((0.05, 0.0602, 0.08), 300, 11, 3)
    assert tuple(sweep["lost_rates"]) == (0.0602, 0.08)
    peaks = get_landscape("peaks")
    lo = curvature.basins(peaks, learning_rate=0.0602, epochs=300, grid=11)
    hi = curvature.basins(peaks, learning_rate=0.08, epochs=300, grid=11)
    g = next(i for i, m in enumerate(lo.minima) if m.is_global_min)
    n = int(np.sum((lo.labels == g) & (hi.labels != g)))
    assert n > 0 and len(sweep["lost_distance"]) == n
    assert len(sweep["lost_elsewhere"]) == len(sweep["lost_diverged"]) == n
    # rates that do not straddle the global limit lose no one
    assert len(curvature.share_sweep((0.01, 0.02), 300, 11, 3)["lost_distance"]) == 0


def test_the_references_list_every_cited_work() -> None:
    text = curvature.references("en")
    lines = text.splitlines()
    for who, year, _ in curvature.REFERENCES.values():
        first = who.split(",")[0].split(" ")[0]  # the first author's surname
        assert any(line.startswith("- ") and first in line.split("(")[0] and f"({year})" in line
                   for line in lines)  # fmt: skip
    surnames = [who.split(",")[0].split(" ")[0] for who, _, _ in curvature.REFERENCES.values()]
    assert [s for s in sorted(surnames)] == [
        next(n for n in surnames if n in line.split("(")[0]) for line in lines
    ]
    assert len(text.splitlines()) == len(curvature.REFERENCES)
    assert all("{year}" in full for _, _, full in curvature.REFERENCES.values())
