"""Gradient descent: the lesson's numbers, batching, 2D ≡ 1D, outcomes as data, bad input."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdcore import descend, get_landscape, make_landscape, separable_sum
from gdcore.landscape import X

PEAKS = get_landscape("peaks")
SEED_START = (0.0, 1.4)


@pytest.mark.parametrize(
    ("learning_rate", "epochs", "expected"),
    [
        # the seed's printed result, and its explorations
        (0.01, 1000, (0.296445553846832, 0.320196247666835)),
        (0.01, 10_000, (0.296445553846832, 0.320196247666835)),
        (0.1, 1000, (0.296445553846832, 0.320196247666835)),
        (0.00001, 1000, (0.00314341526614904, 1.33227970009077)),
    ],
)
def test_seed_numbers(learning_rate: float, epochs: int, expected: tuple[float, float]) -> None:
    run = descend(PEAKS, SEED_START, learning_rate=learning_rate, epochs=epochs)
    np.testing.assert_allclose(run.final, expected, atol=1e-9)
    assert run.status == "finished"
    assert run.epochs_run == epochs
    assert not run.left_domain
    assert run.path.shape == (epochs + 1, 2)
    np.testing.assert_array_equal(run.path[0], SEED_START)
    np.testing.assert_array_equal(run.path[-1], run.final)


def test_lr_half_leaves_the_map_and_is_reported_not_stopped() -> None:
    run = descend(PEAKS, SEED_START, learning_rate=0.5, epochs=1000)
    np.testing.assert_allclose(run.final, (-3.36496, -2.35064), atol=1e-5)
    assert run.status == "finished"
    assert run.left_domain
    assert run.epochs_run == 1000


def test_ascent_climbs_to_the_global_maximum() -> None:
    run = descend(PEAKS, SEED_START, learning_rate=0.01, epochs=1000, ascent=True)
    np.testing.assert_allclose(run.final, (-0.0093, 1.5814), atol=1e-4)
    assert run.final_value == pytest.approx(8.1062, abs=1e-4)


def test_values_and_gradient_norms_follow_the_path() -> None:
    run = descend(PEAKS, SEED_START, learning_rate=0.01, epochs=50)
    np.testing.assert_allclose(run.values, PEAKS.value(run.path), rtol=1e-12)
    norms = np.linalg.norm(PEAKS.gradient(run.path), axis=1)
    np.testing.assert_allclose(run.grad_norms, norms, rtol=1e-12)
    assert run.final_value == run.values[-1]
    assert np.all(np.diff(run.values) < 0)  # small steps on a smooth function: always downhill


def test_the_update_is_x_minus_lr_grad() -> None:
    run = descend(PEAKS, SEED_START, learning_rate=0.01, epochs=3)
    for k in range(3):
        step = run.path[k] - 0.01 * PEAKS.gradient(run.path[k])
        np.testing.assert_allclose(run.path[k + 1], step, rtol=1e-15)


def test_convergence_stops_early() -> None:
    run = descend(PEAKS, SEED_START, learning_rate=0.01, epochs=10_000, tol=1e-8)
    assert run.status == "converged"
    assert run.epochs_run < 10_000
    assert run.final_grad_norm <= 1e-8
    assert run.path.shape == (run.epochs_run + 1, 2)


def test_divergence_is_a_result_without_warnings_or_nan() -> None:
    parabola = get_landscape("parabola")  # x <- x - 0.5 (6x - 3) = -2x + 1.5: grows without end
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        one = descend(parabola, 0.0, learning_rate=0.5, epochs=1000)
        many = descend(parabola, [[0.0], [0.5], [1.0]], learning_rate=0.5, epochs=1000)
    assert one.status == "diverged"
    assert abs(one.final[0]) <= 1e6 < abs(-2 * one.final[0] + 1.5)
    assert np.all(np.isfinite(one.path)) and np.all(np.isfinite(one.values))
    assert one.epochs_run < 1000
    assert list(many.status) == [
        "diverged",
        "finished",
        "diverged",
    ]  # 0.5 is the fixed point
    assert np.all(np.isfinite(many.path))


def test_overflow_in_the_function_is_divergence() -> None:
    land = make_landscape(2 ** (X**2), (X,), ((-2.0, 2.0),))  # 2**(x²) overflows fast
    for start in (1.5, [[1.5], [0.0]]):
        run = descend(land, start, learning_rate=1.0, epochs=100)
        assert np.atleast_1d(run.status)[0] == "diverged"
        assert np.all(np.isfinite(run.final))


@given(
    starts=st.lists(st.tuples(st.floats(-3, 3), st.floats(-3, 3)), min_size=1, max_size=6),
    learning_rate=st.floats(1e-4, 0.05),
    epochs=st.integers(1, 60),
    ascent=st.booleans(),
)
def test_many_starts_equal_one_at_a_time(
    starts: list, learning_rate: float, epochs: int, ascent: bool
) -> None:
    kwargs = {"learning_rate": learning_rate, "epochs": epochs, "ascent": ascent}
    many = descend(PEAKS, starts, **kwargs)
    for i, s in enumerate(starts):
        one = descend(PEAKS, s, **kwargs)
        np.testing.assert_allclose(many.final[i], one.final, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(
            many.path[i, : one.epochs_run + 1], one.path, rtol=1e-9, atol=1e-9
        )
        assert many.status[i] == one.status
        assert many.epochs_run[i] == one.epochs_run
        assert many.left_domain[i] == one.left_domain
        assert many.final_value[i] == pytest.approx(one.final_value, rel=1e-9, abs=1e-12)


@given(
    start=st.tuples(st.floats(-2, 2), st.floats(-2, 2)),
    learning_rate=st.floats(1e-3, 0.2),
    epochs=st.integers(1, 200),
    names=st.sampled_from([("parabola", "rippled_bowl"), ("rippled_bowl", "parabola"),
                           ("parabola", "parabola"), ("rippled_bowl", "rippled_bowl")]),
)  # fmt: skip
def test_2d_on_a_separable_function_is_two_1d_runs(
    start: tuple[float, float],
    learning_rate: float,
    epochs: int,
    names: tuple[str, str],
) -> None:
    g, h = (get_landscape(n) for n in names)
    both = descend(separable_sum(g, h), start, learning_rate=learning_rate, epochs=epochs)
    run_x = descend(g, start[0], learning_rate=learning_rate, epochs=epochs)
    run_y = descend(h, start[1], learning_rate=learning_rate, epochs=epochs)
    if both.status == run_x.status == run_y.status == "finished":
        np.testing.assert_allclose(both.path[:, 0], run_x.path[:, 0], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(both.path[:, 1], run_y.path[:, 0], rtol=1e-12, atol=1e-12)
    else:  # a diverging coordinate stops the 2D run as a whole
        assert "diverged" in (run_x.status, run_y.status)


def test_batched_shapes_and_padding() -> None:
    starts = [SEED_START, (0.2283, -1.6255), (5.0, 5.0)]
    run = descend(PEAKS, starts, learning_rate=0.01, epochs=200, tol=1e-6)
    n, t = 3, int(run.epochs_run.max()) + 1
    assert run.path.shape == (n, t, 2) and run.values.shape == (n, t)
    assert run.final.shape == (n, 2) and run.status.shape == (n,)
    for i in range(n):  # after a start stops, its path repeats the final point
        np.testing.assert_array_equal(
            run.path[i, run.epochs_run[i] :],
            run.final[i][None].repeat(t - run.epochs_run[i], 0),
        )
    assert list(run.left_domain) == [False, False, True]
    assert run.batched and isinstance(run.message, list)


def test_keep_path_false_keeps_the_outcome() -> None:
    full = descend(PEAKS, [SEED_START, (-2.9, 2.9)], learning_rate=0.05, epochs=300)
    lean = descend(
        PEAKS,
        [SEED_START, (-2.9, 2.9)],
        learning_rate=0.05,
        epochs=300,
        keep_path=False,
    )
    assert lean.path is None and lean.values is None
    np.testing.assert_array_equal(lean.final, full.final)
    np.testing.assert_array_equal(lean.left_domain, full.left_domain)
    np.testing.assert_array_equal(lean.final_value, full.final_value)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"learning_rate": -0.1},
            ValueError,
            "learning_rate must be a positive finite number, got -0.1",
        ),
        (
            {"learning_rate": 0},
            ValueError,
            "learning_rate must be a positive finite number, got 0",
        ),
        (
            {"learning_rate": math.nan},
            ValueError,
            "learning_rate must be a positive finite number, got nan",
        ),
        (
            {"learning_rate": math.inf},
            ValueError,
            "learning_rate must be a positive finite number, got inf",
        ),
        (
            {"learning_rate": "0.1"},
            TypeError,
            "learning_rate must be a positive finite number, got '0.1'",
        ),
        ({"epochs": 0}, ValueError, "epochs must be an integer >= 1, got 0"),
        ({"epochs": 2.5}, TypeError, "epochs must be an integer >= 1, got 2.5"),
        ({"epochs": True}, TypeError, "epochs must be an integer >= 1, got True"),
        ({"start": (1.0,)}, ValueError, r"start must have shape \(2,\) or \(n, 2\)"),
        ({"start": (1.0, 2.0, 3.0)}, ValueError, r"start must have shape \(2,\)"),
        ({"start": ("a", 1)}, TypeError, "start must be numbers"),
        ({"start": (math.nan, 1.0)}, ValueError, "start must be finite numbers"),
        (
            {"start": np.zeros((2, 2, 2))},
            ValueError,
            r"got an array of shape \(2, 2, 2\)",
        ),
        ({"tol": -1.0}, ValueError, "tol must be a positive finite number"),
        ({"landscape": "peaks"}, TypeError, "landscape must be a Landscape"),
    ],
)
def test_bad_input_names_the_argument(kwargs: dict, error: type, message: str) -> None:
    args = {
        "landscape": PEAKS,
        "start": SEED_START,
        "learning_rate": 0.01,
        "epochs": 10,
    } | kwargs
    with pytest.raises(error, match=message):
        descend(args.pop("landscape"), args.pop("start"), **args)
