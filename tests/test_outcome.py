"""gdcore.outcome: each regime of a run, checked against what defines it (the critical points,
the quadratic model's factors 1 − ηλ, the update rule), not against typed results."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gdcore import critical_points, descend, get_landscape, landscape_names, make_landscape
from gdcore.book.pages.curvature import bowl_eigenvalues
from gdcore.book.params import BOWL, PLAYGROUND_TOL, PREDICT, RIPPLE, SEED
from gdcore.descent import DEFAULT_BOUND
from gdcore.outcome import (
    CYCLE_RTOL,
    GROWTH,
    REGION,
    ROUNDING,
    SETTLE,
    WINDOW,
    Outcome,
    classify,
    classify_path,
    constants,
)

TOL = PLAYGROUND_TOL


def run(name: str, start, lr: float, epochs: int, ascent: bool = False, tol=TOL):
    land = name if not isinstance(name, str) else get_landscape(name)
    return descend(land, start, learning_rate=lr, epochs=epochs, ascent=ascent, tol=tol)


@pytest.mark.parametrize("name", landscape_names())
def test_a_start_on_a_critical_point_is_at_rest_whatever_its_kind(name: str) -> None:
    land = get_landscape(name)
    points = critical_points(land)
    assert points
    for c in points:
        r = run(land, c.x, 0.01, 100)
        o = classify(r)
        if c.residual <= TOL:  # the stopping rule holds at the start: no step is taken
            assert o.regime == "at_rest" and o.epochs_run == 0 and o.start_grad_norm <= TOL
            np.testing.assert_array_equal(r.final, c.x)


def test_at_rest_does_not_mean_a_minimum() -> None:
    """cos(2πx) + x² at x = 0: ∇f = 0 there and it is a local maximum; the run never moves."""
    land = get_landscape("rippled_bowl")
    start = RIPPLE["starts"][0]
    kind = next(c.kind for c in critical_points(land) if abs(c.x[0] - start) < 1e-9)
    assert kind == "max"
    assert classify(run(land, (start,), RIPPLE["learning_rate"], RIPPLE["epochs"])).regime == (
        "at_rest"
    )
    # without a stopping rule the run still never moves: ∇f is exactly 0 there
    still = run(land, (start,), RIPPLE["learning_rate"], RIPPLE["epochs"], tol=None)
    assert still.status == "finished" and classify(still).regime == "at_rest"
    # a start beside it moves away from the maximum, speeding up at first: not diverging
    beside = RIPPLE["starts"][1]
    for epochs in range(WINDOW + 2, 60, 3):
        o = classify(run(land, (beside,), RIPPLE["learning_rate"], epochs))
        assert o.regime in ("finished", "converged"), (epochs, o)


def test_a_run_that_moved_and_stopped_at_the_tolerance_is_converged() -> None:
    r = run("peaks", SEED["start"], SEED["learning_rate"], 10 * SEED["epochs"])
    o = classify(r)
    assert r.status == "converged" and r.epochs_run > 0
    assert o.regime == "converged" and o.final_grad_norm <= TOL < o.start_grad_norm


def test_a_run_out_of_epochs_is_finished_and_still_moving() -> None:
    r = run("peaks", SEED["start"], SEED["learning_rate"] / 100, SEED["epochs"])
    o = classify(r)
    assert o.regime == "finished" and o.final_grad_norm > TOL
    assert np.linalg.norm(r.path[-1] - r.path[-2]) > 0


def test_a_refused_step_is_diverged_with_its_reason() -> None:
    """The parabola 3x² − 3x + 4 multiplies x − 0.5 by 1 − 6η: η = 0.5 flies off until a step
    would land beyond the bound."""
    land = get_landscape("parabola")
    r = run(land, (1.7,), 0.5, 100)
    o = classify(r)
    assert r.status == "diverged" and o.regime == "diverged" and o.reason == "bound"
    refused = r.final - 0.5 * land.gradient(r.final[None])[0]  # the step the engine refused
    assert abs(refused[0]) > DEFAULT_BOUND >= abs(r.final[0])
    assert o.left_domain and o.ends_outside


def test_the_bowl_above_its_limit_is_diverging_by_the_quadratic_models_factor() -> None:
    """x² + 10y² at η = 0.12: the factor along y is 1 − ηλmax < −1, so every step is |1 − ηλmax|
    times the one before and f rises: diverging, though no step reached the bound."""
    lam = bowl_eigenvalues()
    lr = 0.12
    assert 1 - lr * lam[1] < -1
    r = run("elongated_bowl", BOWL["start"], lr, BOWL["epochs"])
    assert r.status == "finished"
    o = classify(r)
    assert o.regime == "diverged" and o.reason == "against" and o.span >= WINDOW
    assert o.growth == pytest.approx(abs(1 - lr * lam[1]), rel=1e-6)
    # below the limit the same bowl is not diverging
    below = classify(run("elongated_bowl", BOWL["start"], BOWL["rates"][1], BOWL["epochs"]))
    assert below.regime == "finished"


def test_ascent_flying_off_a_bowl_is_diverging_away() -> None:
    land = get_landscape("parabola")
    lr = 0.1
    r = run(land, (1.7,), lr, 10, ascent=True)
    o = classify(r)
    assert r.status == "finished" and o.regime == "diverged" and o.reason == "away"
    assert o.growth == pytest.approx(1 + 6 * lr, rel=1e-9)  # x − 0.5 grows by 1 + 6η
    (low, high), x = land.domain[0], r.final[0]
    assert x > high + (high - low)


def test_above_the_global_minimums_limit_peaks_bounces_in_a_two_cycle() -> None:
    """From (0.2, −1.3) at η = 0.07 the run does not diverge: it locks into a 2-cycle whose two
    points map onto each other under the update rule."""
    peaks = get_landscape("peaks")
    lr = PREDICT["rates"][2]
    r = run(peaks, PREDICT["start"], lr, PREDICT["epochs"])
    o = classify(r)
    assert o.regime == "bouncing" and o.span >= WINDOW
    a, b = o.cycle
    step = np.linalg.norm(b - a)
    for p, q in ((a, b), (b, a)):
        np.testing.assert_allclose(p - lr * peaks.gradient(p[None])[0], q, atol=1e-6 * step)
    low = next(c for c in critical_points(peaks) if c.is_global_min)
    assert lr > 2 / low.eigenvalues.max()  # above the global minimum's stability limit
    assert np.linalg.norm(a - low.x) != pytest.approx(np.linalg.norm(b - low.x), rel=1e-3)


def test_the_bowl_at_its_limit_bounces_once_the_other_direction_has_gone() -> None:
    """At η = 2/λmax the factor along y is −1: y flips without shrinking, x shrinks by 1 − ηλmin.
    With few epochs x is still visibly moving, so no iterate is yet back where it was two epochs
    before: the run moves inside a small region with steps that do not shrink (y's flips keep
    their length), which is wandering; with many, x has gone and the run is a 2-cycle."""
    lam = bowl_eigenvalues()
    lr = 2 / lam[1]
    short = classify(run("elongated_bowl", BOWL["start"], lr, BOWL["epochs"]))
    long = classify(run("elongated_bowl", BOWL["start"], lr, 1000))
    assert short.regime == "wandering" and short.growth == pytest.approx(1, abs=1e-3)
    assert long.regime == "bouncing"


@pytest.mark.parametrize("epochs", [1000, 10_000])
@pytest.mark.parametrize("below", [2e-7, 2e-9, 2e-11])
def test_just_below_the_limit_a_slow_convergence_is_not_a_bounce(below: float, epochs: int) -> None:
    """The parabola 3x² − 3x + 4 at η = (1 − below/2)·2/6: the factor 1 − 6η is −(1 − below)
    (at η = 0.3333333, the playground link ?landscape=parabola&lr=0.3333333, it is −0.9999998).
    Each iterate comes back within far less than 10⁻⁶ of a step of the one two epochs before,
    yet the error shrinks at every epoch: the run converges slowly, it does not bounce. At the
    limit itself the factor is −1 and the run is a 2-cycle."""
    land = get_landscape("parabola")
    (lam,) = next(c for c in critical_points(land) if c.kind == "min").eigenvalues
    lr = (1 - below / 2) * 2 / lam
    r = run(land, (1.7,), lr, epochs)
    err = np.abs(r.path[:, 0] - 0.5)
    assert (np.diff(err) < 0).all()  # closing in at every epoch
    o = classify(r)
    assert o.regime == "finished", (below, epochs, o)
    exact = classify(run(land, (1.5,), 2 / lam, epochs))  # 1.5 − (2/6)·6 = −0.5 ... exactly
    assert exact.regime == "bouncing"
    assert classify(run(land, (1.7,), 0.3333333, epochs)).regime == "finished"


def box_diagonal(points: np.ndarray) -> float:
    return float(np.linalg.norm(points.max(axis=0) - points.min(axis=0)))


@pytest.mark.parametrize("epochs", [1000, 10_000])
@pytest.mark.parametrize(("start", "lr"), [((0.0, -1.0), 0.1), ((0.0, 1.4), 0.2)])
def test_a_run_that_bounces_irregularly_in_a_valley_is_wandering(start, lr, epochs) -> None:
    """Above the global minimum's limit a run can bounce across the valley without locking into a
    2-cycle: it is neither stopped nor flying off nor bouncing between two points. Wandering says
    what the run shows: its last 2q epochs stay in a box at most REGION longest steps across and
    its steps do not clearly shrink; checked here on the iterates themselves."""
    peaks = get_landscape("peaks")
    low = next(c for c in critical_points(peaks) if c.is_global_min)
    assert lr > 2 / low.eigenvalues.max()
    r = run(peaks, start, lr, epochs)
    o = classify(r)
    assert r.status == "finished" and o.regime == "wandering", o
    q = max(WINDOW, epochs // 4)
    assert o.span == 2 * q
    tail = r.path[epochs - 2 * q :]
    steps = np.linalg.norm(np.diff(r.path, axis=0), axis=1)
    assert box_diagonal(tail) <= REGION * steps[epochs - 2 * q :].max()
    ratio = steps[epochs - q :].max() / steps[epochs - 2 * q : epochs - q].max()
    assert o.growth == pytest.approx(ratio, rel=1e-12) and ratio >= SETTLE
    # not a 2-cycle: no iterate is within CYCLE_RTOL of a step of the one two epochs before
    gaps = np.linalg.norm(tail[2:] - tail[:-2], axis=1)
    assert (gaps > CYCLE_RTOL * steps[epochs - 2 * q + 1 :]).any()


def test_a_four_cycle_is_wandering_and_a_slide_is_not() -> None:
    """Iterates going round four corners of a square move without settling in a small region; the
    same steps along a line leave any box as wide as two of them."""
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]) * 0.1
    k = 400
    square = np.array([corners[i % 4] for i in range(k + 1)])
    g = np.ones(k + 1)
    kw = {"status": "finished", "tol": TOL, "ascent": False, "domain": ((-3, 3), (-3, 3))}
    o = classify_path(square, -np.arange(k + 1.0), g, **kw)
    assert o.regime == "wandering" and o.span == 2 * (k // 4) and o.growth == 1.0
    line = np.stack([np.arange(k + 1) * 1e-3, np.zeros(k + 1)], axis=1)
    assert classify_path(line, -np.arange(k + 1.0), g, **kw).regime == "finished"
    # steps that shrink by more than 1 − SETTLE over the span's second half: settling
    shrink = np.array([corners[i % 4] * 0.999 ** (i / 4) for i in range(k + 1)])
    assert classify_path(shrink, -np.arange(k + 1.0), g, **kw).regime == "finished"


def test_a_run_jumping_to_and_fro_far_off_the_map_is_not_wandering() -> None:
    """cos(2πx) + x² from 0.1 at η = 1: the run jumps from side to side ever farther out (|x| ≈ 99
    after 1,000 epochs on a map of [−2, 2]); its box is as wide as its steps, yet it is drifting
    away, not moving to and fro near the map: wandering needs the span near the map."""
    r = run("rippled_bowl", (0.1,), 1.0, 1000)
    o = classify(r)
    lo, hi = get_landscape("rippled_bowl").domain[0]
    assert abs(r.final[0]) > hi + (hi - lo) and o.regime == "finished", (r.final, o)
    steps = np.abs(np.diff(r.path[:, 0]))
    assert np.ptp(r.path[-500:, 0]) <= REGION * steps[-500:].max()  # the box test alone would pass


def test_a_run_that_leaves_the_map_and_comes_back() -> None:
    peaks = get_landscape("peaks")
    starts = np.stack(np.meshgrid(np.linspace(-3, 3, 61), [-3.0, 3.0]), -1).reshape(-1, 2)
    seen = set()
    for s in starts:
        r = run(peaks, s, SEED["learning_rate"], SEED["epochs"])
        o = classify(r)
        inside = peaks.contains(r.path)
        assert o.left_domain == (not inside.all()) and o.ends_outside == (not inside[-1])
        seen.add((o.left_domain, o.ends_outside))
    assert seen == {(False, False), (True, True), (True, False)}


def test_the_map_is_the_callers() -> None:
    """A figure that draws part of the landscape asks about its own box."""
    r = run("elongated_bowl", BOWL["start"], 0.101, BOWL["epochs"])
    drawn = ((-3.0, 3.0), (-1.5, 1.5))
    assert not classify(r).left_domain
    assert classify(r, domain=drawn).left_domain


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_the_criteria_do_not_depend_on_the_scale(scale: float) -> None:
    """c·(x² + 10y²) with η/c takes the same steps: the same regime for every c."""
    x, y = get_landscape("elongated_bowl").variables
    land = make_landscape(scale * (x**2 + 10 * y**2), (x, y), name="scaled")
    for lr, want in ((0.12, "diverged"), (0.095, "finished"), (0.1, "bouncing")):
        epochs = 1000 if want == "bouncing" else BOWL["epochs"]
        r = run(land, BOWL["start"], lr / scale, epochs, tol=None)
        assert classify(r).regime == want, (scale, lr)


def test_outcome_fields_and_constants() -> None:
    o = classify(run("peaks", PREDICT["start"], PREDICT["rates"][2], PREDICT["epochs"]))
    assert isinstance(o, Outcome)
    d = o.as_dict()
    assert d["regime"] == "bouncing" and len(d["cycle"]) == 2 and d["epochsRun"] == o.epochs_run
    assert constants() == {
        "window": WINDOW,
        "cycleRtol": CYCLE_RTOL,
        "rounding": ROUNDING,
        "growth": GROWTH,
        "region": REGION,
        "settle": SETTLE,
    }
    assert 0 < SETTLE < 1 < REGION
    assert 0 < CYCLE_RTOL < 1e-3 and 1 < GROWTH < 1.01 and WINDOW >= 4
    assert math.isfinite(d["startGradNorm"])


def test_bad_input_is_refused_naming_the_argument() -> None:
    r = run("peaks", SEED["start"], SEED["learning_rate"], 10)
    many = descend(get_landscape("peaks"), [(0, 0), (1, 1)], learning_rate=0.01, epochs=5)
    with pytest.raises(TypeError, match="run must be a Trajectory"):
        classify("peaks")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="one-start run"):
        classify(many)
    with pytest.raises(ValueError, match="status must be"):
        classify_path(r.path, r.values, r.grad_norms, status="lost", tol=TOL, ascent=False,
                      domain=((-3, 3), (-3, 3)))  # fmt: skip
    with pytest.raises(ValueError, match="refused="):
        classify_path(r.path, r.values, r.grad_norms, status="diverged", tol=TOL, ascent=False,
                      domain=((-3, 3), (-3, 3)))  # fmt: skip
    with pytest.raises(ValueError, match="domain must have 2"):
        classify_path(r.path, r.values, r.grad_norms, status="finished", tol=TOL, ascent=False,
                      domain=((-3, 3),))  # fmt: skip
    with pytest.raises(ValueError, match="path must be"):
        classify_path(r.path, r.values[:-1], r.grad_norms, status="finished", tol=TOL,
                      ascent=False, domain=((-3, 3), (-3, 3)))  # fmt: skip


def test_a_run_entering_a_two_cycle_is_not_wandering() -> None:
    """(0.2, −1.3) at η = 0.07 on peaks lands in a 2-cycle at epoch 37: after 40 epochs it has
    come back to where it was two epochs before for a few epochs (fewer than WINDOW), so it is
    settling, not wandering; once the cycle has lasted WINDOW epochs it is bouncing."""
    peaks = get_landscape("peaks")
    early = classify(descend(peaks, [0.2, -1.3], learning_rate=0.07, epochs=40, tol=1e-10))
    assert early.regime == "finished", early
    late = classify(descend(peaks, [0.2, -1.3], learning_rate=0.07, epochs=100, tol=1e-10))
    assert late.regime == "bouncing", late
