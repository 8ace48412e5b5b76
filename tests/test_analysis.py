"""Critical points, stability limits and basins."""

from __future__ import annotations

import numpy as np
import pytest

from gdcore import descend, get_landscape, make_landscape
from gdcore.analysis import basins, critical_points, stability_limit
from gdcore.landscape import X, Y

PEAKS = get_landscape("peaks")


@pytest.fixture(scope="module")
def peaks_points():
    return critical_points(PEAKS)


def test_peaks_has_nine_critical_points(peaks_points) -> None:
    kinds = [c.kind for c in peaks_points]
    assert kinds == ["min"] * 3 + ["saddle"] * 3 + ["max"] * 3
    for c in peaks_points:
        assert np.linalg.norm(PEAKS.gradient(c.x)) < 1e-10
        assert PEAKS.contains(c.x)
        np.testing.assert_allclose(c.eigenvalues, np.linalg.eigvalsh(PEAKS.hessian(c.x)))
    # the kinds agree with the eigenvalue signs
    for c in peaks_points:
        signs = {"min": (1, 1), "saddle": (-1, 1), "max": (-1, -1)}[c.kind]
        assert tuple(np.sign(c.eigenvalues).astype(int)) == signs


def test_global_minimum_is_marked(peaks_points) -> None:
    globals_ = [c for c in peaks_points if c.is_global_min]
    assert len(globals_) == 1
    g = globals_[0]
    assert g.value == min(c.value for c in peaks_points)
    np.testing.assert_allclose(g.x, (0.2283, -1.6255), atol=1e-4)


def test_the_seed_run_ends_on_the_worst_minimum(peaks_points) -> None:
    minima = [c for c in peaks_points if c.kind == "min"]
    end = descend(PEAKS, (0, 1.4), learning_rate=0.01, epochs=1000).final
    nearest = min(minima, key=lambda c: np.linalg.norm(c.x - end))
    assert np.linalg.norm(nearest.x - end) < 1e-6
    assert nearest.value == max(c.value for c in minima)


def test_stability_limit_separates_lr_0_1_from_0_5(peaks_points) -> None:
    seed_min = min(
        (c for c in peaks_points if c.kind == "min"),
        key=lambda c: np.linalg.norm(c.x - (0.296, 0.32)),
    )
    limit = stability_limit(PEAKS, seed_min.x)
    assert limit == pytest.approx(2 / seed_min.eigenvalues.max())
    assert 0.1 < limit < 0.5
    assert limit == pytest.approx(0.127, abs=1e-3)


def test_stability_limit_refuses_a_saddle(peaks_points) -> None:
    saddle = next(c for c in peaks_points if c.kind == "saddle")
    with pytest.raises(ValueError, match="point must be a minimum"):
        stability_limit(PEAKS, saddle.x)


def test_one_dimensional_critical_points() -> None:
    (only,) = critical_points(get_landscape("parabola"))
    assert only.kind == "min" and only.x[0] == pytest.approx(0.5)
    ripples = critical_points(get_landscape("rippled_bowl"))
    top = [c for c in ripples if c.kind == "max" and abs(c.x[0]) < 1e-9]
    assert len(top) == 1  # x = 0: the unfortunate starting value, f'(0) = 0


def test_basins_keep_where_each_run_ended() -> None:
    # a bowl and a learning rate above its limit (2/2 = 1): every start but the centre diverges
    bowl = make_landscape(X**2 + Y**2, (X, Y), ((-3, 3), (-3, 3)), name="bowl")
    result = basins(bowl, learning_rate=1.2, epochs=50, grid=11)
    axis = np.linspace(-3, 3, 11)
    starts = np.stack([m.ravel() for m in np.meshgrid(axis, axis)], axis=-1)
    run = descend(bowl, starts, learning_rate=1.2, epochs=50, keep_path=False)
    np.testing.assert_array_equal(result.final.reshape(-1, 2), run.final)
    np.testing.assert_array_equal(result.diverged.ravel(), run.status == "diverged")
    assert result.diverged.sum() == 120 and result.labels[5, 5] == 0


def test_basins_of_peaks() -> None:
    result = basins(PEAKS, learning_rate=0.01, epochs=1000, grid=41)
    assert result.labels.shape == (41, 41)
    assert len(result.minima) == 3
    assert result.shares.sum() + result.share_none == pytest.approx(1.0)
    # each label is what descent from that start reaches
    xs, ys = result.axes
    for i, j in [(0, 0), (20, 20), (30, 10), (35, 21)]:
        end = descend(PEAKS, (xs[j], ys[i]), learning_rate=0.01, epochs=1000).final
        label = result.labels[i, j]
        if label >= 0:
            assert np.linalg.norm(result.minima[label].x - end) <= 1e-3
        else:
            assert min(np.linalg.norm(m.x - end) for m in result.minima) > 1e-3
    assert 0 < result.global_share < 1


def test_basins_refuses_bad_grid() -> None:
    with pytest.raises(ValueError, match="grid must be an integer >= 2"):
        basins(PEAKS, learning_rate=0.01, epochs=10, grid=1)


def test_random_restarts() -> None:
    from gdcore.analysis import random_restart_success

    assert random_restart_success(0.25, 1) == pytest.approx(0.25)
    assert random_restart_success(0.25, 2) == pytest.approx(1 - 0.75**2)
    assert random_restart_success(0.0, 10) == 0.0
    with pytest.raises(ValueError, match="share must be a number in"):
        random_restart_success(1.5, 3)
    with pytest.raises(ValueError, match="restarts must be an integer >= 1"):
        random_restart_success(0.5, 0)
