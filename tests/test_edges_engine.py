"""Issue 23, the engine at the edges of float64: each case gives the true result or one clear line.

Defects 3 (false critical points from float cancellation), 4 (flat functions), 9 (overflow
warnings) and 10 (gradient norms at the edge of float64).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import warnings

import numpy as np
import pytest
import sympy

from gdcore import basins, critical_points, descend, get_landscape, make_landscape
from gdcore.cli import main
from gdcore.expr import parse_expression
from gdcore.landscape import X, Y


def land(text: str):
    e = parse_expression(text)
    return make_landscape(e.subs({s: {"x": X, "y": Y}[s.name] for s in e.free_symbols}))


def no_warning_critical_points(text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return critical_points(land(text))


# --- 3. false critical points from float cancellation -------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "tanh(1000*x) + y**2",  # 1 - tanh(1000x)² cancels to 0 in float64 for |x| > 0.02
        "x/10**400 + y**2",  # the slope 1e-400 is 0 in float64
        "x*2**(-1100) + y**2",
        "x/10**400 + (y - 1/3)**2",  # beside a gradient that is rounding (y = 1/3 in float64)
        "1e-300*x + (y - 1/3)**2",
    ],
)
def test_a_slope_float64_loses_is_no_critical_point(text: str) -> None:
    assert no_warning_critical_points(text) == ()


def test_too_many_points_to_check_exactly_is_one_clear_error() -> None:
    # 1 - tanh(1000x)² cancels at every start but the few near the axes: 1,600 points would
    # each need thousands of digits (minutes), which the work limit refuses before it starts
    t = time.perf_counter()
    with pytest.raises(ValueError, match=r"evaluations in thousands of digits .* max_work="):
        no_warning_critical_points("tanh(1000*x) + tanh(1000*y)")
    assert time.perf_counter() - t < 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(x-1)**4 + y**2", [("degenerate", [1.0, 0.0])]),  # degenerate, and critical exactly
        ("x**3*exp(-(x**2 + y**2))", None),  # a line of exact zeros (x = 0), flat in float64
        ("x**2*y**2", None),  # two lines of exact zeros
    ],
)
def test_true_degenerate_points_survive_the_exact_check(text: str, expected: list | None) -> None:
    points = no_warning_critical_points(text)
    f = land(text)
    assert points
    for c in points:  # each is critical in exact arithmetic at its float coordinates
        at = {X: sympy.Rational(c.x[0]), Y: sympy.Rational(c.x[1])}
        g = [p.evalf(30, subs=at, maxn=3000) for p in f.partials]
        h = [[e.evalf(30, subs=at, maxn=3000) for e in row] for row in f.hessian_exprs]
        step = np.linalg.lstsq(np.array(h, float), np.array(g, float), rcond=None)[0]
        assert np.abs(step).max() <= 1e-8, (text, c)
    if expected is not None:
        assert [(c.kind, np.round(c.x, 6).tolist()) for c in points] == expected


def test_the_line_of_exact_zeros_is_sampled_along_x_equals_0() -> None:
    points = no_warning_critical_points("x**3*exp(-(x**2 + y**2))")
    line = [c for c in points if abs(c.x[0]) < 1e-9]
    assert len(line) == 41 and all(c.kind == "degenerate" for c in line)
    others = [(c.kind, np.round(c.x, 4).tolist()) for c in points if abs(c.x[0]) >= 1e-9]
    assert others == [("min", [-1.2247, 0.0]), ("max", [1.2247, 0.0])]


def bench(fn, repeats: int = 5) -> float:
    best = np.inf
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def test_the_exact_check_costs_peaks_nothing_it_does_not_need() -> None:
    # peaks' nine points are all non-degenerate: none needs the exact check
    from gdcore import analysis

    peaks = get_landscape("peaks")
    calls = []
    original = analysis._exact_test
    try:
        analysis._exact_test = lambda *a, **k: calls.append(a) or original(*a, **k)
        assert len(critical_points(peaks)) == 9
    finally:
        analysis._exact_test = original
    assert calls == []


# --- 4. constants and flat functions ------------------------------------------------------------
def ordinary_time() -> float:
    """The time of critical_points on a plain bowl, now (the machine may be busy)."""
    return bench(lambda: critical_points(land("x**2 + y**2")), repeats=3)


@pytest.mark.parametrize("text", ["1", "0*x", "x - x", "sin(x)**2 + cos(x)**2", "-3.5"])
def test_a_flat_function_is_reported_flat_once_and_fast(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gdcore import analysis

    def no_newton(*args: object) -> None:
        raise AssertionError("a flat function needs no Newton step")

    monkeypatch.setattr(analysis, "_newton_state", no_newton)
    points = no_warning_critical_points(text)  # found from the expression, at once
    assert points == () and points.flat is True
    monkeypatch.undo()
    # (main: 1,681 "degenerate" points, 30 to 50 times the time of a bowl)
    assert bench(lambda: critical_points(land(text)), repeats=3) < ordinary_time()


def test_a_function_with_slope_is_not_flat() -> None:
    points = no_warning_critical_points("x**2 + y**2")
    assert points.flat is False and len(points) == 1


@pytest.mark.parametrize("text", ["1", "x - x"])
def test_the_command_line_says_flat_once(text: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["critical-points", "--expr", text]) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines() == [
        "f is flat: its gradient is zero everywhere, so every point is critical"
    ]
    assert main(["critical-points", "--expr", text, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["flat"] is True and data["points"] == []


def test_many_distinct_points_are_merged_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    # f is 0 on three quadrants: 1,241 distinct critical points. main merged them pairwise in
    # Python, one np.linalg.norm call per pair (about 770,000, 27 times the time of a bowl); the
    # merge is now a few vectorised calls
    from gdcore import analysis

    calls = {"linalg": 0, "norms": 0}
    linalg_norm, engine_norms = np.linalg.norm, analysis.norms

    def counted(name: str, fn):
        def wrapper(*args: object, **kwargs: object):
            calls[name] += 1
            return fn(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(np.linalg, "norm", counted("linalg", linalg_norm))
    monkeypatch.setattr(analysis, "norms", counted("norms", engine_norms))
    points = no_warning_critical_points("(abs(x) - x)*(abs(y) - y)")
    assert len(points) == 1241
    assert calls["linalg"] + calls["norms"] < 300, calls


def test_merging_keeps_one_point_per_cluster_like_the_greedy_rule() -> None:
    from gdcore.analysis import _distinct

    rng = np.random.default_rng(1)
    base = rng.uniform(-3, 3, (3000, 2))
    x = np.concatenate([base, base + rng.normal(0, 1e-9, base.shape), base[:100] + 1e-4])
    tol = 6e-6
    keep = _distinct(x, tol)
    order, greedy = np.lexsort(x.T[::-1]), []
    for k in order:  # the rule main applied pairwise in Python, here vectorised per point
        if not greedy or np.linalg.norm(x[greedy] - x[k], axis=1).min() >= tol:
            greedy.append(k)
    assert sorted(keep.tolist()) == sorted(greedy) and len(keep) == 3100


def test_a_flat_function_has_no_basins() -> None:
    result = basins(land("x - x"), learning_rate=0.1, epochs=10, grid=5)
    assert result.minima == () and result.share_none == 1.0


# --- 9. overflow warnings -------------------------------------------------------------------------
def strict_descend(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):  # and no floating-point error numpy would only count
            return descend(*args, **kwargs)


def test_a_start_at_the_edge_of_float64_raises_no_warning() -> None:
    peaks = get_landscape("peaks")
    run = strict_descend(peaks, [(0, 1.4), (1e300, 1e300)], learning_rate=0.01, epochs=100)
    assert run.status.tolist() == ["finished", "diverged"]
    assert run.epochs_run.tolist() == [100, 0]
    np.testing.assert_array_equal(run.final[1], [1e300, 1e300])


def test_the_edge_of_float64_under_minus_w_error() -> None:
    code = (
        "from gdcore import descend, get_landscape; "
        "r = descend(get_landscape('peaks'), [(0, 1.4), (1e300, 1e300)], learning_rate=0.01, "
        "epochs=10); print(r.status.tolist())"
    )
    proc = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "['finished', 'diverged']" and proc.stderr == ""


@pytest.mark.parametrize("name", ["learning_rate", "tol", "bound"])
@pytest.mark.parametrize("value", [10**400, -(10**400)], ids=["1e400", "-1e400"])
def test_a_number_beyond_float64_is_a_value_error_naming_the_argument(
    name: str, value: int
) -> None:
    kwargs = {"learning_rate": 0.01, "epochs": 10, name: value}
    with pytest.raises(ValueError, match=rf"^{name} must be a positive finite number") as info:
        descend(get_landscape("peaks"), (0, 1.4), **kwargs)
    message = str(info.value)
    assert "\n" not in message and len(message) < 160, message


@pytest.mark.parametrize("kwargs", [{"epochs": 10**400}, {"epochs": -(10**5000)}])
def test_a_huge_count_is_one_short_line(kwargs: dict) -> None:
    with pytest.raises(ValueError) as info:
        descend(get_landscape("peaks"), (0, 1.4), **{"learning_rate": 0.01, **kwargs})
    message = str(info.value)
    assert "\n" not in message and len(message) < 250, message
    assert "epochs must be" in message or "evaluations" in message


def test_starts_that_stop_early_leave_no_warning_in_the_kept_path() -> None:
    # a start that converges leaves its later rows of the path unfilled: they are never read
    # (memory numpy reuses from the runs before holds anything: here, as in test_gdsite_live)
    rng = np.random.default_rng(0)
    starts = rng.uniform(-3, 3, size=(40, 2))
    for lr, epochs, tol, bound in [(0.01, 1000, 1e-10, 1e6), (0.05, 500, None, 1e6),
                                   (0.05, 300, None, 2.9), (0.01, 1000, 1e-10, 1e6)]:  # fmt: skip
        run = strict_descend(
            get_landscape("peaks"), starts, learning_rate=lr, epochs=epochs, tol=tol, bound=bound
        )
        assert np.all(np.isfinite(run.grad_norms))
    assert "converged" in set(run.status)


# --- 10. gradient norms at the edge of float64 ---------------------------------------------------
@pytest.mark.parametrize("many", [False, True])
def test_a_huge_but_finite_gradient_is_no_divergence(many: bool) -> None:
    # ∇f = (1e200, 0): ‖∇f‖² overflows, but every step is a finite −10 in x
    f = land("1e200*x + y**2")
    start = [(1.0, 0.5), (2.0, 0.5)] if many else (1.0, 0.5)
    run = strict_descend(f, start, learning_rate=1e-199, epochs=5)
    status = np.atleast_1d(run.status)
    assert set(status) == {"finished"}
    np.testing.assert_allclose(
        np.atleast_2d(run.final)[:, 0], np.array([1.0, 2.0])[: len(status)] - 50
    )
    np.testing.assert_allclose(np.atleast_1d(run.final_grad_norm), 1e200, rtol=1e-15)
    assert np.all(np.isfinite(run.grad_norms)) and np.allclose(run.grad_norms, 1e200, rtol=1e-6)


@pytest.mark.parametrize("many", [False, True])
def test_a_tiny_gradient_is_not_zero(many: bool) -> None:
    # ∇f = (1e-170, 0) at y = 0: ‖∇f‖² underflows to 0, the norm is 1e-170
    f = land("1e-170*x + y**2")
    start = [(1.0, 0.0), (2.0, 0.0)] if many else (1.0, 0.0)
    run = strict_descend(f, start, learning_rate=0.1, epochs=5, tol=1e-200)
    assert set(np.atleast_1d(run.status)) == {"finished"}
    np.testing.assert_allclose(np.atleast_1d(run.final_grad_norm), 1e-170, rtol=1e-15)
    np.testing.assert_allclose(run.grad_norms, 1e-170, rtol=1e-15)
    stopped = strict_descend(f, start, learning_rate=0.1, epochs=5, tol=2e-170)
    assert set(np.atleast_1d(stopped.status)) == {"converged"}
    assert set(np.atleast_1d(stopped.epochs_run)) == {0}


def test_one_start_and_many_give_the_same_norms_at_the_edges() -> None:
    f = land("1e200*x + 1e-170*y")
    starts = [(1.0, 1.0), (2.0, 1.0)]
    one = [descend(f, s, learning_rate=1e-201, epochs=3) for s in starts]
    both = descend(f, starts, learning_rate=1e-201, epochs=3)
    for i, run in enumerate(one):
        np.testing.assert_array_equal(both.grad_norms[i], run.grad_norms)
        np.testing.assert_array_equal(both.path[i], run.path)


def test_the_command_line_prints_a_finite_norm_for_1e308(capsys: pytest.CaptureFixture) -> None:
    args = ["descend", "--expr", "1e308*x", "--start", "0,0", "--lr", "1e-310", "--epochs", "1"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "not finite" not in out
    (line,) = [row for row in out.splitlines() if row.startswith("|gradient|")]
    assert float(line.split()[1]) == 1e308
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["gradient_norm"] == 1e308


def test_basins_and_critical_points_share_the_engine_norm() -> None:
    from gdcore import analysis, descent

    assert not hasattr(analysis, "_norms")  # one helper, not copies
    v = np.array([[1e200, 1e200], [1e-170, 0.0], [3.0, 4.0], [np.inf, 0.0], [0.0, 0.0]])
    np.testing.assert_array_equal(descent.norms(v), [np.sqrt(2) * 1e200, 1e-170, 5.0, np.inf, 0.0])
