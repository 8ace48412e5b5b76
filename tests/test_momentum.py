"""Momentum and gradient noise in the engine: β = 0 and σ = 0 are plain descent exactly; the
one-start and many-start loops agree bit for bit; the stopping rule does not stop a moving ball;
the quadratic model's limits and rates are what the runs measure; noisy basins are probabilities."""

from __future__ import annotations

import math
import os
import struct
import weakref
from datetime import timedelta

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polynomials import POLYNOMIALS, polynomial

from gdcore import basins, critical_points, descend, descent, get_landscape, make_landscape
from gdcore.descent import norms
from gdcore.landscape import X
from gdcore.outcome import classify

PEAKS = get_landscape("peaks")
BOWL = get_landscape("elongated_bowl")  # x² + 10y²
EXAMPLES = int(os.environ.get("GDCORE_PROPERTY_EXAMPLES", "30"))
PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=30),
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def bits(values: object) -> list[int]:
    return [struct.unpack("<q", struct.pack("<d", float(v)))[0] for v in np.ravel(values)]


def same_run(a, b) -> None:
    """Two runs are the same: every field, bit for bit."""
    for field in ("path", "values", "grad_norms", "final", "final_value", "final_grad_norm"):
        x, y = getattr(a, field), getattr(b, field)
        assert (x is None) == (y is None), field
        if x is not None:
            assert bits(x) == bits(y), field
    assert np.array_equal(a.status, b.status) and np.array_equal(a.epochs_run, b.epochs_run)
    assert np.array_equal(a.left_domain, b.left_domain)


# --- β = 0 and σ = 0 are today's plain descent, exactly --------------------------------------------
@pytest.mark.parametrize("many", [False, True], ids=["one start", "many starts"])
@pytest.mark.parametrize("tol", [None, 1e-6])
def test_zero_momentum_and_zero_noise_are_plain_descent(many: bool, tol: float | None) -> None:
    starts = [(0.0, 1.4), (-2.0, 2.0), (0.2, -1.3), (-0.0, 0.0)] if many else (0.2, -1.3)
    plain = descend(PEAKS, starts, learning_rate=0.07, epochs=400, tol=tol)
    for extra in ({"momentum": 0.0}, {"noise": 0.0, "seed": 99}, {"momentum": -0.0, "noise": 0}):
        run = descend(PEAKS, starts, learning_rate=0.07, epochs=400, tol=tol, **extra)
        same_run(run, plain)
        assert run.final_velocity is None
        if not many:
            assert classify(run).as_dict() == classify(plain).as_dict()


def test_zero_momentum_and_noise_give_the_same_basins() -> None:
    plain = basins(PEAKS, learning_rate=0.05, epochs=200, grid=21)
    same = basins(PEAKS, learning_rate=0.05, epochs=200, grid=21, momentum=0.0, noise=0.0, seed=3)
    assert np.array_equal(plain.labels, same.labels)
    assert bits(plain.shares) == bits(same.shares) and plain.share_none == same.share_none
    assert bits(plain.final) == bits(same.final)
    # one run: each start's probabilities say which minimum it reached
    one_hot = np.eye(len(plain.minima) + 1)[plain.labels]  # -1 is the last column
    assert np.array_equal(plain.probabilities, one_hot[..., :-1])
    assert np.array_equal(plain.probability_none, one_hot[..., -1])


# --- the loops agree, bit for bit ---------------------------------------------------------------
@PROFILE
@given(
    text=POLYNOMIALS,
    lr=st.floats(1e-3, 0.3),
    epochs=st.integers(1, 80),
    beta=st.one_of(st.just(0.0), st.floats(0.0, 0.99)),
    sigma=st.one_of(st.just(0.0), st.floats(0.0, 2.0)),
    seed=st.integers(0, 2**32 - 1),
    tol=st.sampled_from([None, 1e-3]),
    bound=st.sampled_from([1e6, 5.0]),
)
def test_one_start_equals_its_place_in_a_batch_bit_for_bit(
    text: str, lr: float, epochs: int, beta: float, sigma: float, seed: int, tol, bound: float
) -> None:
    land = polynomial(text)
    starts = np.array([(0.0, 1.0), (1.0, 1.0), (-1.5, 0.5), (0.0, 0.0), (2.0, -2.0)])
    kwargs = {"learning_rate": lr, "epochs": epochs, "momentum": beta, "noise": sigma,
              "seed": seed, "tol": tol, "bound": bound}  # fmt: skip
    many = descend(land, starts, **kwargs)
    assert np.isfinite(many.path).all()
    for i, s in enumerate(starts):
        one = descend(land, s, stream=i, **kwargs)
        assert bits(one.path) == bits(many.path[i, : one.epochs_run + 1])
        assert one.status == many.status[i] and one.epochs_run == many.epochs_run[i]
        assert one.left_domain == many.left_domain[i]
        assert bits(one.final_grad_norm) == bits(many.final_grad_norm[i])
        if beta > 0:
            assert bits(one.final_velocity) == bits(many.final_velocity[i])
    lean = descend(land, starts, keep_path=False, **kwargs)
    assert bits(lean.final) == bits(many.final) and np.array_equal(lean.status, many.status)


@pytest.mark.parametrize("chunk", [None, 7], ids=["engine's chunk", "chunk of 7"])
@pytest.mark.parametrize("beta", [0.0, 0.5])
def test_a_noisy_start_equals_the_batch_across_chunks_of_draws(
    chunk: int | None, beta: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one-start loop draws its noise a chunk of epochs at a time: a run over several chunks
    (and one that ends inside a chunk) equals its place in a batch bit for bit."""
    if chunk is not None:  # the loops generated afresh, with this chunk
        monkeypatch.setattr(descent, "NOISE_CHUNK", chunk)
        monkeypatch.setattr(descent, "_SCALAR_LOOPS", weakref.WeakKeyDictionary())
    land = BOWL
    size = descent.NOISE_CHUNK
    starts = np.array([(-2.5, 1.0), (1.0, -0.5), (0.5, 2.0)])
    for epochs in (1, size - 1, size, size + 1, 2 * size + 3):
        kwargs = {"learning_rate": 0.02, "epochs": epochs, "momentum": beta, "noise": 0.3,
                  "seed": 11}  # fmt: skip
        many = descend(land, starts, **kwargs)
        for i, s in enumerate(starts):
            one = descend(land, s, stream=i, **kwargs)
            assert one.epochs_run == epochs == many.epochs_run[i]
            assert bits(one.path) == bits(many.path[i])


@pytest.mark.parametrize(
    "extra",
    [{"momentum": 0.9}, {"noise": 0.4, "seed": 2}, {"momentum": 0.6, "noise": 0.2, "seed": 8}],
    ids=["momentum", "noise", "both"],
)
def test_peaks_one_start_equals_the_batch(extra: dict) -> None:
    """On peaks the two loops' exp may differ in the last bit, which a long run can grow."""
    rng = np.random.default_rng(4)
    starts = rng.uniform(-3, 3, size=(12, 2))
    many = descend(PEAKS, starts, learning_rate=0.02, epochs=200, tol=1e-8, **extra)
    for i, s in enumerate(starts):
        one = descend(PEAKS, s, learning_rate=0.02, epochs=200, tol=1e-8, stream=i, **extra)
        np.testing.assert_allclose(one.final, many.final[i], rtol=1e-9, atol=1e-9)
        assert one.status == many.status[i] and one.epochs_run == many.epochs_run[i]


# --- the stopping rule: not while the ball moves ------------------------------------------------
def test_the_stopping_rule_does_not_stop_a_moving_ball() -> None:
    """On the parabola 3x² − 3x + 4 (λ = 6) with β = 0.9 the ball swings through the minimum;
    somewhere it lands where |f′| ≤ tol while still fast, and runs on."""
    parabola = get_landscape("parabola")
    tol, beta = 1e-2, 0.9
    passes = 0
    for lr in np.linspace(0.05, 0.3, 26):
        run = descend(parabola, 1.7, learning_rate=float(lr), epochs=3000, momentum=beta, tol=tol)
        assert run.status == "converged"
        k = run.epochs_run
        # the velocity at each iterate: v_k brought x_{k−1} to x_k
        v = np.diff(run.path[: k + 1, 0], prepend=run.path[0, 0])
        small = run.grad_norms[:k] <= tol  # a gradient-only rule would have stopped here ...
        moving = beta * np.abs(v[:k]) > 1.01 * lr * tol  # ... a ball still this fast
        passes += int(np.any(small & moving))
        # where it stopped, the ball is at rest, by the engine's measure of ‖v‖
        assert run.grad_norms[k] <= tol
        assert beta * float(norms(run.final_velocity)) <= lr * tol
        np.testing.assert_allclose(run.final_velocity[0], v[k], rtol=1e-6, atol=1e-15)
    assert passes >= 3, passes


@pytest.mark.parametrize("many", [False, True], ids=["one start", "many starts"])
def test_a_converged_ball_is_at_rest(many: bool) -> None:
    rng = np.random.default_rng(1)
    starts = rng.uniform(-3, 3, size=(40, 2)) if many else (-2.5, 1.0)
    run = descend(BOWL, starts, learning_rate=0.03, epochs=3000, momentum=0.8, tol=1e-8)
    done = np.atleast_1d(run.status) == "converged"
    assert done.all()
    v = np.atleast_2d(run.final_velocity)
    assert np.all(0.8 * norms(v) <= 0.03 * 1e-8)
    assert np.all(np.atleast_1d(run.final_grad_norm) <= 1e-8)


def test_a_noisy_ball_is_never_at_rest() -> None:
    # started on the minimum, a noisy run still moves: no stop on the tolerance
    run = descend(BOWL, (0.0, 0.0), learning_rate=0.01, epochs=50, tol=1e-3, noise=1e-6)
    assert run.status == "finished" and run.epochs_run == 50
    assert classify(run).regime == "finished"
    still = descend(BOWL, (0.0, 0.0), learning_rate=0.01, epochs=50, tol=1e-3, momentum=0.9)
    assert still.status == "converged" and still.epochs_run == 0


# --- classify: the regimes of momentum and noisy runs ------------------------------------------------
def test_regimes_of_momentum_runs() -> None:
    gmin = next(c for c in critical_points(PEAKS) if c.is_global_min)
    at_rest = descend(PEAKS, gmin.x, learning_rate=0.1, epochs=100, momentum=0.9, tol=1e-6)
    assert classify(at_rest).regime == "at_rest"
    assert np.array_equal(at_rest.final_velocity, [0.0, 0.0])  # v₀ = 0
    ball = descend(BOWL, (-2.5, 1.0), learning_rate=0.02, epochs=2000, momentum=0.9, tol=1e-10)
    assert classify(ball).regime == "converged"
    # above 2(1 + β)/λmax = 0.19 the ball flies off until a step is refused at the bound ...
    out = descend(BOWL, (-2.5, 1.0), learning_rate=0.2, epochs=2000, momentum=0.9)
    assert (out.status, classify(out).reason) == ("diverged", "bound")
    # On −tanh x the ball rolls onto the flat: it is refused at the bound 5 by its momentum (from
    # its last point a plain step would stay inside), so the reason is the bound, not an overflow
    roll = make_landscape(-sympy.tanh(X), (X,), ((-3.0, 3.0),), name="-tanh")
    run = descend(roll, 0.0, learning_rate=0.5, epochs=1000, momentum=0.99, bound=5.0)
    assert run.status == "diverged"
    x, g = run.final[0], roll.gradient(run.final[None])[0, 0]
    assert abs(x - 0.5 * g) < 5 < abs(x + 0.99 * run.final_velocity[0] - 0.5 * g)
    assert classify(run, bound=5.0).reason == "bound"
    noisy = descend(BOWL, (-2.5, 1.0), learning_rate=0.21, epochs=2000, noise=0.5, bound=40.0)
    assert (noisy.status, classify(noisy, bound=40.0).reason) == ("diverged", "bound")


# --- the quadratic model's predictions, measured ----------------------------------------------------
def settles(land, minimum: np.ndarray, lr: float, beta: float) -> bool:
    """Does the ball started 1e-3 off the minimum (along both eigenvectors) settle there?"""
    _, vec = np.linalg.eigh(land.hessian(minimum))
    start = minimum + 1e-3 * vec.sum(axis=1)
    run = descend(land, start, learning_rate=lr, epochs=20_000, tol=1e-10, momentum=beta)
    return run.status == "converged" and float(norms(run.final - minimum)) < 1e-9


MINIMA = {
    "peaks' global minimum": (PEAKS, next(c for c in critical_points(PEAKS) if c.is_global_min).x),
    "x² + 10y²": (BOWL, np.zeros(2)),
}


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9, 0.99])
@pytest.mark.parametrize("where", sorted(MINIMA))
def test_momentum_settles_just_below_its_limit_and_not_just_above(where: str, beta: float) -> None:
    from gdcore import stability_limit

    land, minimum = MINIMA[where]
    limit = stability_limit(land, minimum, momentum=beta)
    lam = float(np.linalg.eigvalsh(land.hessian(minimum)).max())
    assert limit == pytest.approx(2 * (1 + beta) / lam, rel=1e-15)
    assert settles(land, minimum, 0.99 * limit, beta)
    assert not settles(land, minimum, 1.01 * limit, beta)


def test_the_limit_without_momentum_is_unchanged() -> None:
    from gdcore import stability_limit

    _, minimum = MINIMA["peaks' global minimum"]
    lam = float(np.linalg.eigvalsh(PEAKS.hessian(minimum)).max())
    assert (
        stability_limit(PEAKS, minimum) == 2.0 / lam == stability_limit(PEAKS, minimum, momentum=0)
    )


def asymptotic_rate(run, first: int, last: int) -> float:
    """The error's shrink factor per epoch, over epochs ``first`` to ``last`` (the minimum is 0);
    infinite for a run that diverged before ``last``."""
    if run.epochs_run < last:
        return math.inf
    e = norms(run.path)
    return float((e[last] / e[first]) ** (1 / (last - first)))


def test_the_best_momentum_on_the_long_bowl_converges_at_the_square_root_rate() -> None:
    """On x² + 10y² (λ = 2 and 20, κ = 10) the best plain descent (η = 2/(λmin + λmax)) shrinks
    the error by (κ − 1)/(κ + 1) an epoch; the best heavy ball (η = 4/(√λmax + √λmin)²,
    β = ((√κ − 1)/(√κ + 1))²) by (√κ − 1)/(√κ + 1), measured over epochs 300 to 600 (the heavy
    ball's error there is k·r^k: the window's geometric mean is r times 2^(1/300))."""
    lo, hi = np.linalg.eigvalsh(BOWL.hessian(np.zeros(2)))
    kappa = hi / lo
    plain_rate, ball_rate = (
        (kappa - 1) / (kappa + 1),
        (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1),
    )
    start = (-2.5, 1.0)
    plain = descend(BOWL, start, learning_rate=2 / (lo + hi), epochs=600)
    ball = descend(
        BOWL, start, learning_rate=4 / (math.sqrt(hi) + math.sqrt(lo)) ** 2, epochs=600,
        momentum=ball_rate**2,
    )  # fmt: skip
    assert asymptotic_rate(plain, 300, 600) == pytest.approx(plain_rate, rel=1e-9)
    assert asymptotic_rate(ball, 300, 600) == pytest.approx(ball_rate, rel=0.005)
    assert asymptotic_rate(ball, 300, 600) < 0.65 * plain_rate  # 0.52 against 0.82
    # and no other (η, β) nearby does better than the best one's rate
    for f in (0.9, 1.1):
        for g in (0.8, 1.2):
            other = descend(
                BOWL, start, learning_rate=f * 4 / (math.sqrt(hi) + math.sqrt(lo)) ** 2,
                epochs=600, momentum=g * ball_rate**2,
            )  # fmt: skip
            assert asymptotic_rate(other, 300, 600) > 0.99 * ball_rate


# --- noise ---------------------------------------------------------------------------------------------
def test_a_seed_repeats_a_noisy_run_and_another_seed_does_not() -> None:
    kw = {"learning_rate": 0.02, "epochs": 300, "noise": 0.5, "momentum": 0.5}
    a, b = (descend(PEAKS, (0.0, 1.4), seed=7, **kw) for _ in range(2))
    same_run(a, b)
    c = descend(PEAKS, (0.0, 1.4), seed=8, **kw)
    assert not np.array_equal(a.path, c.path)
    assert not np.array_equal(a.path, descend(PEAKS, (0.0, 1.4), seed=7, stream=1, **kw).path)


def test_noise_is_a_term_of_the_gradient() -> None:
    """A noisy step minus the plain step from the same point is −η·σ·ξ, ξ the stream's draws."""
    from gdcore import noise

    run = descend(BOWL, (-2.5, 1.0), learning_rate=0.01, epochs=2000, noise=0.3, seed=5)
    g = BOWL.gradient(run.path[:-1])
    xi = (run.path[1:] - run.path[:-1] + 0.01 * g) / (-0.01 * 0.3)
    key = noise.stream_key(5, 0)
    want = np.array([noise.normals(key, k, 2) for k in range(2000)])
    np.testing.assert_allclose(xi, want, rtol=1e-6, atol=1e-6)
    # the draws' sample mean and variance, with five standard errors (4000 draws)
    assert abs(xi.mean()) < 5 / math.sqrt(xi.size) and abs(xi.var() - 1) < 5 * math.sqrt(
        2 / xi.size
    )


def test_noisy_basins_are_probabilities() -> None:
    grid, runs = 11, 6
    kw = {"learning_rate": 0.05, "epochs": 200, "grid": grid, "radius": 0.2}
    result = basins(PEAKS, noise=0.8, runs=runs, seed=3, momentum=0.3, **kw)
    total = result.probabilities.sum(axis=-1) + result.probability_none
    np.testing.assert_allclose(total, 1.0, rtol=0, atol=1e-12)
    counts = np.concatenate([result.probabilities, result.probability_none[..., None]], -1) * runs
    np.testing.assert_allclose(counts, np.round(counts), atol=1e-9)  # each a count of runs
    assert result.shares.sum() + result.share_none == pytest.approx(1.0, abs=1e-12)
    assert np.allclose(result.shares, result.probabilities.reshape(-1, 3).mean(axis=0))
    assert 0 < result.share_none < 1 and np.any(
        (result.probabilities > 0) & (result.probabilities < 1)
    )
    # the most probable end is the label
    p = np.concatenate([result.probabilities, result.probability_none[..., None]], -1)
    best = p.max(axis=-1)
    labelled = np.where(
        result.labels >= 0, np.take_along_axis(p, result.labels[..., None], -1)[..., 0], p[..., -1]
    )
    assert np.array_equal(labelled, best)
    # the same seed, the same map
    again = basins(PEAKS, noise=0.8, runs=runs, seed=3, momentum=0.3, **kw)
    assert np.array_equal(again.probabilities, result.probabilities)


def test_a_noisy_basin_run_is_a_seeded_descent() -> None:
    """Run r from the start with flat index j is descend(start, seed, stream=r·K² + j)."""
    grid, runs, seed = 7, 3, 21
    result = basins(PEAKS, learning_rate=0.05, epochs=150, grid=grid, noise=0.5, runs=runs,
                    seed=seed, radius=0.3)  # fmt: skip
    axes = result.axes
    minima = np.stack([m.x for m in result.minima])
    counts = np.zeros((grid * grid, len(minima) + 1))
    for r in range(runs):
        for j in range(grid * grid):
            start = (axes[0][j % grid], axes[1][j // grid])
            run = descend(PEAKS, start, learning_rate=0.05, epochs=150, noise=0.5, seed=seed,
                          stream=r * grid * grid + j)  # fmt: skip
            d = norms(run.final - minima)
            label = int(d.argmin()) if d.min() <= 0.3 and run.status != "diverged" else -1
            counts[j, label] += 1
            if r == 0:
                np.testing.assert_allclose(result.final.reshape(-1, 2)[j], run.final, rtol=1e-9)
    np.testing.assert_array_equal(result.probabilities.reshape(-1, 3), counts[:, :-1] / runs)


def test_the_work_of_noisy_basins_counts_every_run() -> None:
    from gdcore.descent import operations, work

    kw = {"learning_rate": 0.05, "epochs": 100, "grid": 31, "noise": 0.5}
    one = work(31 * 31, 101, operations(PEAKS, 0.0, 0.5))  # one run from every start
    assert basins(PEAKS, runs=2, max_work=2 * one, **kw).runs == 2
    with pytest.raises(ValueError, match=r"^basins: 3 runs × 961 starts .* max_work="):
        basins(PEAKS, runs=3, max_work=2 * one, **kw)


# --- bad input ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"momentum": 1.0},
            ValueError,
            "momentum must be a finite number with 0 <= momentum < 1, got 1.0",
        ),
        ({"momentum": -0.1}, ValueError, "momentum must be .* got -0.1"),
        ({"momentum": math.nan}, ValueError, "momentum must be .* got nan"),
        ({"momentum": math.inf}, ValueError, "momentum must be .* got inf"),
        ({"momentum": 10**400}, ValueError, "momentum must be .* got an integer of about 401"),
        ({"momentum": "0.5"}, TypeError, "momentum must be .* got '0.5'"),
        ({"momentum": True}, TypeError, "momentum must be .* got True"),
        ({"noise": -1.0}, ValueError, "noise must be a finite number >= 0, got -1.0"),
        ({"noise": math.inf}, ValueError, "noise must be a finite number >= 0, got inf"),
        ({"noise": None}, TypeError, "noise must be a finite number >= 0, got None"),
        ({"seed": -1}, ValueError, "seed must be an integer from 0 to 4294967295, got -1"),
        ({"seed": 2**32}, ValueError, "seed must be an integer from 0 to 4294967295"),
        ({"seed": 1.5}, TypeError, "seed must be an integer from 0 to 4294967295, got 1.5"),
        ({"stream": -1}, ValueError, "stream must be an integer from 0 to"),
        ({"stream": 2**53}, ValueError, "stream must be an integer from 0 to"),
    ],
)
def test_bad_input_names_the_argument(kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message) as info:
        descend(PEAKS, (0.0, 1.4), learning_rate=0.01, epochs=10, **kwargs)
    assert "\n" not in str(info.value)


def test_bad_input_to_basins_and_the_limit() -> None:
    from gdcore import stability_limit

    with pytest.raises(ValueError, match="runs must be 1 without noise"):
        basins(PEAKS, learning_rate=0.01, epochs=10, grid=5, runs=3)
    with pytest.raises(ValueError, match="runs must be an integer >= 1, got 0"):
        basins(PEAKS, learning_rate=0.01, epochs=10, grid=5, runs=0, noise=1.0)
    with pytest.raises(ValueError, match=r"momentum must be .* got 1"):
        basins(PEAKS, learning_rate=0.01, epochs=10, grid=5, momentum=1)
    with pytest.raises(ValueError, match=r"momentum must be .* got 1\.5"):
        stability_limit(BOWL, (0.0, 0.0), momentum=1.5)
