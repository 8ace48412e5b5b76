"""Issue 14, engine and command line: each reproduction gives a correct result or one clear line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pytest
import sympy

from gdcore import basins, critical_points, descend, get_landscape, make_landscape
from gdcore.cli import DEFAULT_MAX_WORK, main
from gdcore.descent import DEFAULT_MAX_WORK as ENGINE_MAX_WORK
from gdcore.expr import parse_expression
from gdcore.landscape import X, Y
from gdcore.program import Op, Program

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gdcore", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
    )


def one_line_error(proc: subprocess.CompletedProcess, *expected: str) -> str:
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for text in expected:
        assert text in lines[0]
    return lines[0]


def land(text: str):
    e = parse_expression(text)
    return make_landscape(e.subs({s: {"x": X, "y": Y}[s.name] for s in e.free_symbols}))


# --- 3. critical points that are not critical ---------------------------------------------------
@pytest.mark.parametrize("k", [10, 100])
def test_steep_exponential_has_one_minimum(k: int) -> None:
    points = critical_points(land(f"exp({k}*x**2) + y**2"))
    assert [(c.kind, c.x.tolist()) for c in points] == [("min", [0.0, 0.0])]


def test_every_reported_point_is_critical_in_exact_arithmetic() -> None:
    # the gradient, evaluated by sympy at the reported point with 50 digits, is at rounding level
    for text in ["exp(10*x**2) + y**2", "x**y", "(x-1)**4 + y**2", "sin(3*x)*cos(2*y)"]:
        f = land(text)
        for c in critical_points(f):
            at = {X: sympy.Float(c.x[0], 50), Y: sympy.Float(c.x[1], 50)}
            exact = [abs(float(p.evalf(50, subs=at))) for p in f.partials]
            assert max(exact) <= 1e-9, (text, c)
            assert c.residual == pytest.approx(
                np.linalg.norm(f.gradient(c.x)), rel=1e-12, abs=1e-300
            )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sqrt(x) + y**2", []),  # no zero of the gradient; not finite for x < 0
        ("x**y", [("saddle", [1.0, 0.0])]),
        ("x", []),  # a Hessian of zeros, a gradient that is not
        ("1e-20*x + y**2", []),  # a tiny gradient is not a zero one
        ("exp(-100*(x**2 + y**2))", [("max", [0.0, 0.0])]),  # not the plateau where f underflows
        ("(x-1)**4 + y**2", [("degenerate", [1.0, 0.0])]),  # found although degenerate
    ],
)
def test_critical_points_of_awkward_functions(text: str, expected: list) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        points = critical_points(land(text))
    got = [(c.kind, np.round(c.x, 6).tolist()) for c in points]
    assert [(k, [abs(v) for v in x]) for k, x in got] == expected


def test_basins_label_against_true_minima_only() -> None:
    result = basins(land("exp(10*x**2) + y**2"), learning_rate=1e-3, epochs=50, grid=11)
    assert [m.x.tolist() for m in result.minima] == [[0.0, 0.0]]


def test_peaks_points_keep_their_residuals_small() -> None:
    peaks = get_landscape("peaks")
    points = critical_points(peaks)
    assert len(points) == 9
    for c in points:
        assert c.residual == pytest.approx(np.linalg.norm(peaks.gradient(c.x)), rel=1e-12)
        assert c.residual < 1e-12


# --- 4. large constants -------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["2**10000*x", "10**309*x", "1e308*10*x**2"])
def test_large_constants_are_a_clear_error(text: str) -> None:
    line = one_line_error(
        run_cli("descend", "--expr", text, "--start", "1,1", "--lr", "0.1", "--epochs", "10"),
        "argument --expr:",
        "beyond the float64 range",
    )
    assert len(line) < 200
    with pytest.raises(ValueError, match="beyond the float64 range"):
        descend(land(text), (1, 1), learning_rate=0.1, epochs=10)


def test_emitted_code_never_writes_inf() -> None:
    program = Program(1, (Op(1, "add", (0, float("inf"))), Op(2, "add", (1, float("nan")))), (2,))
    source = "\n".join(program.scalar_lines(["a"], ["b"]))
    assert "inf" not in source.replace("_m.inf", "") and "nan" not in source.replace("_m.nan", "")
    (value,) = program.scalar_function()(1.0)
    assert np.isnan(value)
    assert "Infinity" in program.js_function() and "NaN" in program.js_function()


def test_a_large_but_representable_constant_works() -> None:
    run = descend(land("1e100*(x**2 + y**2)"), (1, 1), learning_rate=1e-101, epochs=5)
    assert run.status == "finished" and np.isfinite(run.final).all()


# --- 5. no warnings from many-start descent -----------------------------------------------------
@pytest.mark.parametrize("text", ["1/x + y**2", "log(x) + y**2", "sqrt(x) + y", "exp(100*x**2)"])
def test_many_starts_raise_no_warning(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = descend(land(text), [(0, 1), (1, 1), (-1, 1)], learning_rate=0.01, epochs=20)
        basins(land(text), learning_rate=0.01, epochs=20, grid=11)
    assert len(run.status) == 3


def test_basins_on_the_command_line_prints_no_warning() -> None:
    proc = run_cli(
        "basins", "--expr", "1/x + y**2", "--lr", "0.01", "--epochs", "100", "--grid", "11",
        env={"PYTHONWARNINGS": "error"},
    )  # fmt: skip
    assert proc.returncode == 0 and proc.stderr == ""


# --- 6. bounded work ----------------------------------------------------------------------------
def test_work_is_bounded_with_a_message_naming_the_limit() -> None:
    one_line_error(
        run_cli(
            "basins", "--landscape", "peaks", "--lr", "0.01", "--epochs", "1000000", "--grid",
            "1001",
        ),
        "over the limit --max-work 1e+10",
        "pass a larger --max-work",
    )  # fmt: skip
    peaks = get_landscape("peaks")
    with pytest.raises(ValueError, match="over the limit max_work"):
        descend(peaks, (0, 1.4), learning_rate=0.01, epochs=10**12)
    with pytest.raises(ValueError, match="over the limit max_work"):
        critical_points(peaks, iterations=10**9)
    assert DEFAULT_MAX_WORK == ENGINE_MAX_WORK


def test_raising_max_work_deliberately_runs() -> None:
    peaks = get_landscape("peaks")
    with pytest.raises(ValueError, match="max_work"):
        descend(peaks, [(0, 1.4)] * 3, learning_rate=0.01, epochs=100, max_work=1000)
    run = descend(peaks, [(0, 1.4)] * 3, learning_rate=0.01, epochs=100, max_work=10**7)
    assert (run.epochs_run == 100).all()


def test_a_formula_too_large_to_differentiate_is_refused_quickly() -> None:
    formula = "*".join(f"(x+{i}*y)" for i in range(1, 96))
    assert len(formula) == 845
    start = time.monotonic()
    one_line_error(
        run_cli("critical-points", "--expr", formula), "argument --expr:", "MAX_DERIVATIVE_NODES"
    )
    assert time.monotonic() - start < 30


def test_a_path_too_large_to_keep_is_refused() -> None:
    with pytest.raises(ValueError, match="keep_path=False"):
        descend(get_landscape("peaks"), [(0, 1.4)] * 1000, learning_rate=0.01, epochs=10**5)


# --- 7. non-finite Hessians ---------------------------------------------------------------------
@pytest.mark.parametrize("command", ["critical-points", "basins"])
@pytest.mark.parametrize("text", ["sqrt(x)+y**2", "x**y"])
def test_non_finite_hessian_at_a_start_is_no_svd_error(command: str, text: str) -> None:
    extra = ["--lr", "0.01", "--epochs", "10", "--grid", "5"] if command == "basins" else []
    proc = run_cli(command, "--expr", text, *extra)
    assert proc.returncode == 0, proc.stderr
    assert "SVD" not in proc.stderr and proc.stderr == ""


def test_constant_beyond_float_in_the_hessian_names_expr() -> None:
    one_line_error(
        run_cli("critical-points", "--expr", "1e308*(x**4+y**4)"),
        "argument --expr: the gradient of f cannot be computed in float64",
    )


# --- 8. values that begin with "-" --------------------------------------------------------------
def test_formula_starting_with_minus() -> None:
    proc = run_cli(
        "descend", "--expr", "-x**2-y**2", "--start", "1,1", "--lr", "0.1", "--epochs", "3",
        "--json", "--ascent",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["landscape"] == "-x**2-y**2"


@pytest.mark.parametrize("lr", ["-1e-3", "-inf", "-1"])
def test_negative_learning_rate_must_be_positive(lr: str) -> None:
    one_line_error(
        run_cli("descend", "--landscape", "peaks", "--start", "1,1", "--lr", lr, "--epochs", "3"),
        f"argument --lr: must be a positive finite number, got '{lr}'",
    )


def test_a_missing_value_is_still_missing() -> None:
    one_line_error(
        run_cli("descend", "--landscape", "peaks", "--start", "1,1", "--epochs", "3", "--lr"),
        "argument --lr: expected one argument",
    )


# --- 10. no orphaned workers --------------------------------------------------------------------
def test_sigterm_leaves_no_process_behind() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "gdcore", "basins", "--landscape", "peaks", "--lr", "0.01",
         "--epochs", "20000", "--grid", "201", "--max-work", "1e12".replace("1e12", "10" * 6)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(1.5)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    kids = children.read_text().split() if children.exists() else []
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == -signal.SIGTERM
    assert kids == []  # one process: nothing to orphan
    one_line_error(
        run_cli("basins", "--landscape", "peaks", "--lr", "0.01", "--epochs", "9", "--grid", "5",
                "--workers", "4"),
        "unrecognized arguments: --workers 4",
    )  # fmt: skip


# --- 13. smaller ---------------------------------------------------------------------------------
def test_huge_domain_is_one_line() -> None:
    one_line_error(
        run_cli("descend", "--expr", "x", "--domain", "-1e308,1e308", "--start", "1,1", "--lr",
                "0.1", "--epochs", "3"),
        "argument --domain:", "beyond the float range",
    )  # fmt: skip


def test_domain_with_a_builtin_landscape_is_refused() -> None:
    one_line_error(
        run_cli("critical-points", "--landscape", "peaks", "--domain", "-1,1"),
        "argument --domain: only with --expr",
    )


def test_broken_pipe_is_quiet() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m gdcore descend --landscape peaks --start 0,1.4 --lr 0.01 "
        "--epochs 20000 --path | head -1",
        shell=True, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert proc.stdout.startswith("landscape")
    assert proc.stderr == ""


def test_any_stdout_encoding() -> None:
    for args in (["landscapes"], ["basins", "--landscape", "peaks", "--lr", "0.01", "--epochs",
                                  "5", "--grid", "3"]):  # fmt: skip
        proc = subprocess.run(
            [sys.executable, "-m", "gdcore", *args], capture_output=True, timeout=120,
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "cp1252"},
        )  # fmt: skip
        assert proc.returncode == 0 and proc.stderr == b"", proc.stderr
        assert proc.stdout.decode("cp1252").strip()


def test_sqrt_of_minus_one_names_expr() -> None:
    one_line_error(
        run_cli("descend", "--expr", "sqrt(-1)*x", "--start", "1,1", "--lr", "0.1", "--epochs", "3"),
        "argument --expr:", "complex constant",
    )  # fmt: skip


def test_long_sums_are_not_deep() -> None:
    text = "+".join(f"{i}*x" for i in range(1, 151))
    assert len(text) <= 1000
    assert parse_expression(text) == sympy.Symbol("x") * sum(range(1, 151))
    assert parse_expression("*".join(["x"] * 50) + "/" + "/".join(["y"] * 50)) is not None


def test_huge_epochs_are_not_echoed() -> None:
    line = one_line_error(
        run_cli("descend", "--landscape", "peaks", "--start", "1,1", "--lr", "0.1", "--epochs",
                "9" * 5000),
        "argument --epochs: must be between 1 and 1000000, got a number of 5000 digits",
    )  # fmt: skip
    assert len(line) < 200


@pytest.mark.parametrize("start", [["1", 2], [True, False], "12"])
def test_start_must_be_numbers(start: object) -> None:
    with pytest.raises(TypeError, match="start must be numbers"):
        descend(get_landscape("peaks"), start, learning_rate=0.1, epochs=2)


def test_text_output_never_says_none(capsys: pytest.CaptureFixture) -> None:
    assert main(["descend", "--expr", "log(x)", "--start", "-1,1", "--lr", "0.1", "--epochs",
                 "3"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "None" not in out and "value        not finite" in out


def test_one_dimensional_basins_say_k_starts(capsys: pytest.CaptureFixture) -> None:
    assert main(["basins", "--landscape", "parabola", "--lr", "0.1", "--epochs", "50", "--grid",
                 "11"]) == 0  # fmt: skip
    assert capsys.readouterr().out.startswith("11 starts,")


def test_help_does_not_load_the_engine() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from gdcore.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['descend', '--help'])\n"
        "print('sympy' in sys.modules, 'numpy' in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert proc.stdout.split() == ["False", "False"], proc.stderr
