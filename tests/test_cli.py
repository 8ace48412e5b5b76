"""The command line: real subprocesses for exit codes and output, in-process for the details."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from gdcore import descend, get_landscape
from gdcore.cli import MAX_SEED, main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gdcore", *args], capture_output=True, text=True, timeout=120
    )


def json_out(capsys: pytest.CaptureFixture, *args: str) -> dict:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_descend_json_is_the_seed_result() -> None:
    proc = run_cli(
        "descend", "--landscape", "peaks", "--start", "0,1.4", "--lr", "0.01", "--epochs", "1000",
        "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["final"] == pytest.approx([0.296445553846832, 0.320196247666835], abs=1e-9)
    assert out["status"] == "finished" and out["epochs_run"] == 1000
    assert out["left_domain"] is False
    assert out["value"] == pytest.approx(get_landscape("peaks").value(out["final"]), rel=1e-12)


def test_descend_text_output(capsys: pytest.CaptureFixture) -> None:
    assert (
        main(
            [
                "descend",
                "--landscape",
                "peaks",
                "--start",
                "0,1.4",
                "--lr",
                "0.5",
                "--epochs",
                "1000",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "final        (-3.36495" in text
    assert "left domain  yes" in text


def test_descend_ascent_and_path(capsys: pytest.CaptureFixture) -> None:
    out = json_out(capsys, "descend", "--landscape", "peaks", "--start", "0,1.4", "--lr", "0.01",
                   "--epochs", "1000", "--ascent", "--path")  # fmt: skip
    assert out["final"] == pytest.approx([-0.0093, 1.5814], abs=1e-4)
    assert len(out["path"]) == 1001 and out["path"][0] == [0.0, 1.4]


def test_descend_negative_start_without_equals(capsys: pytest.CaptureFixture) -> None:
    out = json_out(
        capsys,
        "descend",
        "--landscape",
        "peaks",
        "--start",
        "-1,-1",
        "--lr",
        "0.01",
        "--epochs",
        "5",
    )
    expected = descend(get_landscape("peaks"), (-1, -1), learning_rate=0.01, epochs=5).final
    assert out["final"] == pytest.approx(expected.tolist(), rel=1e-15)


def test_descend_expr_equals_the_builtin(capsys: pytest.CaptureFixture) -> None:
    formula = "3*(1-x)**2*exp(-x**2-(y+1)**2) - 10*(x/5-x**3-y**5)*exp(-x**2-y**2) - 1/3*exp(-(x+1)**2-y**2)"
    out = json_out(
        capsys, "descend", "--expr", formula, "--start", "0,1.4", "--lr", "0.01", "--epochs", "1000"
    )
    assert out["final"] == pytest.approx([0.296445553846832, 0.320196247666835], abs=1e-9)


def test_descend_one_dimensional(capsys: pytest.CaptureFixture) -> None:
    out = json_out(
        capsys,
        "descend",
        "--landscape",
        "parabola",
        "--start",
        "1",
        "--lr",
        "0.1",
        "--epochs",
        "200",
    )
    assert out["final"] == pytest.approx([0.5])


def test_divergence_is_reported_as_data(capsys: pytest.CaptureFixture) -> None:
    out = json_out(
        capsys,
        "descend",
        "--landscape",
        "parabola",
        "--start",
        "0",
        "--lr",
        "0.5",
        "--epochs",
        "1000",
    )
    assert out["status"] == "diverged"
    assert all(v is not None for v in out["final"])


def test_critical_points_json(capsys: pytest.CaptureFixture) -> None:
    out = json_out(capsys, "critical-points", "--landscape", "peaks")
    kinds = [p["kind"] for p in out["points"]]
    assert sorted(kinds) == ["max"] * 3 + ["min"] * 3 + ["saddle"] * 3
    assert sum(p["global_min"] for p in out["points"]) == 1
    assert all(len(p["eigenvalues"]) == 2 for p in out["points"])


def test_basins_json(capsys: pytest.CaptureFixture) -> None:
    out = json_out(
        capsys,
        "basins",
        "--landscape",
        "peaks",
        "--lr",
        "0.01",
        "--epochs",
        "300",
        "--grid",
        "21",
        "--labels",
    )
    assert len(out["minima"]) == 3
    assert sum(m["share"] for m in out["minima"]) + out["share_none"] == pytest.approx(1)
    assert len(out["labels"]) == 21 and len(out["labels"][0]) == 21


def test_landscapes_lists_the_builtins(capsys: pytest.CaptureFixture) -> None:
    out = json_out(capsys, "landscapes")
    assert [r["name"] for r in out["landscapes"]] == [
        "peaks",
        "parabola",
        "rippled_bowl",
        "separable",
        "elongated_bowl",
    ]


@pytest.mark.parametrize("command", ["descend", "critical-points", "basins", "landscapes", None])
def test_help_everywhere(command: str | None) -> None:
    proc = run_cli(*([command] if command else []), "--help")
    assert proc.returncode == 0
    assert "usage: gdcore" in proc.stdout


BASE = ["descend", "--landscape", "peaks", "--start", "0,1.4", "--lr", "0.01", "--epochs", "10"]


def _with(option: str, value: str | None) -> list[str]:
    args = list(BASE)
    i = args.index(option)
    if value is None:
        del args[i : i + 2]
    else:
        args[i + 1] = value
    return args


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (_with("--lr", "-0.1"), "argument --lr: must be a positive finite number, got '-0.1'"),
        (_with("--lr", "0"), "argument --lr: must be a positive finite number, got '0'"),
        (_with("--lr", "nan"), "argument --lr: must be a positive finite number, got 'nan'"),
        (_with("--lr", "inf"), "argument --lr: must be a positive finite number, got 'inf'"),
        (_with("--lr", "fast"), "argument --lr: must be a number, got 'fast'"),
        (_with("--epochs", "0"), "argument --epochs: must be between 1 and 1000000, got 0"),
        (_with("--epochs", "1.5"), "argument --epochs: must be an integer, got '1.5'"),
        (
            _with("--start", "0"),
            "argument --start: needs 2 numbers for the 2D landscape 'peaks', got 1",
        ),
        (_with("--start", "1,2,3"), "argument --start: needs 2 numbers"),
        (_with("--start", "a,b"), "argument --start: must be numbers separated by commas"),
        (_with("--start", "nan,1"), "argument --start: must be finite numbers"),
        (
            _with("--landscape", "nope"),
            "argument --landscape: unknown landscape 'nope'; known landscapes: peaks",
        ),
        (_with("--start", None), "the following arguments are required: --start"),
        (
            [
                "descend",
                "--expr",
                "__import__('os').system('echo hacked')",
                "--start",
                "0,0",
                "--lr",
                "0.1",
                "--epochs",
                "1",
            ],
            "argument --expr: refused",
        ),
        (
            [
                "descend",
                "--expr",
                "x**2",
                "--domain",
                "3,-3",
                "--start",
                "0,0",
                "--lr",
                "0.1",
                "--epochs",
                "1",
            ],
            "argument --domain: must be two numbers LO,HI with LO < HI",
        ),
        (
            ["basins", "--landscape", "peaks", "--lr", "0.01", "--epochs", "10", "--grid", "1"],
            "argument --grid: must be between 2 and 1001, got 1",
        ),
        (
            ["descend", "--expr", "1/0 + x", "--start", "0,0", "--lr", "0.1", "--epochs", "1"],
            "argument --expr: the formula has an infinite or undefined part",
        ),
        (["frobnicate"], "argument COMMAND: invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    args: list[str], expected: str, capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert expected in lines[0]
    assert "hacked" not in err


def test_bad_input_in_a_real_process() -> None:
    proc = run_cli(*_with("--lr", "-0.1"))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert (
        proc.stderr
        == "gdcore descend: error: argument --lr: must be a positive finite number, got '-0.1'\n"
    )


README_COMMANDS = [
    line.removeprefix("python -m gdcore ")
    for line in (Path(__file__).resolve().parents[1] / "README.md").read_text().splitlines()
    if line.startswith("python -m gdcore ")
]


def test_readme_shows_every_command() -> None:
    shown = {shlex.split(c)[0] for c in README_COMMANDS}
    assert shown == {"landscapes", "descend", "critical-points", "basins"}


@pytest.mark.parametrize("command", README_COMMANDS)
def test_readme_commands_run(command: str, capsys: pytest.CaptureFixture) -> None:
    assert main(shlex.split(command)) == 0
    assert capsys.readouterr().out.strip()


def test_momentum_and_noise_on_the_command_line(capsys: pytest.CaptureFixture) -> None:
    from gdcore import noise

    assert MAX_SEED == noise.MAX_SEED
    args = ["descend", "--landscape", "peaks", "--start", "0,1.4", "--lr", "0.05", "--epochs",
            "300", "--momentum", "0.5", "--noise", "0.3", "--seed", "17", "--json"]  # fmt: skip
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    run = descend(get_landscape("peaks"), (0, 1.4), learning_rate=0.05, epochs=300,
                  momentum=0.5, noise=0.3, seed=17)  # fmt: skip
    assert out["final"] == run.final.tolist() and out["velocity"] == run.final_velocity.tolist()
    assert (out["momentum"], out["noise"], out["seed"]) == (0.5, 0.3, 17)
    assert main(args[:-1]) == 0
    text = capsys.readouterr().out
    assert "momentum     0.5" in text and "noise        0.3 (seed 17)" in text


def test_noisy_basins_on_the_command_line(capsys: pytest.CaptureFixture) -> None:
    from gdcore import basins, get_landscape

    args = ["basins", "--landscape", "peaks", "--lr", "0.05", "--epochs", "100", "--grid", "9",
            "--noise", "0.5", "--runs", "4", "--seed", "3", "--radius", "0.3", "--momentum",
            "0.2", "--json", "--labels"]  # fmt: skip
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    want = basins(get_landscape("peaks"), learning_rate=0.05, epochs=100, grid=9, noise=0.5,
                  runs=4, seed=3, radius=0.3, momentum=0.2)  # fmt: skip
    assert [m["share"] for m in out["minima"]] == want.shares.tolist()
    assert out["probabilities"] == want.probabilities.tolist()
    assert out["probability_none"] == want.probability_none.tolist()
    assert out["runs"] == 4 and out["labels"] == want.labels.tolist()


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            ["--momentum", "1"],
            "argument --momentum: must be a finite number with 0 <= momentum < 1, got '1'",
        ),
        (
            ["--momentum", "-0.5"],
            "argument --momentum: must be a finite number with 0 <= momentum < 1, got '-0.5'",
        ),
        (["--momentum", "nan"], "argument --momentum: must be a finite number"),
        (["--momentum", "heavy"], "argument --momentum: must be a number, got 'heavy'"),
        (["--noise", "-1"], "argument --noise: must be a finite number >= 0, got '-1'"),
        (["--noise", "inf"], "argument --noise: must be a finite number >= 0, got 'inf'"),
        (["--seed", "-1"], "argument --seed: must be between 0 and 4294967295, got -1"),
        (["--seed", "4294967296"], "argument --seed: must be between 0 and 4294967295"),
        (["--seed", "1.5"], "argument --seed: must be an integer, got '1.5'"),
    ],
)
def test_bad_momentum_noise_and_seed_are_one_line(
    extra: list[str], expected: str, capsys: pytest.CaptureFixture
) -> None:
    for command in (BASE, ["basins", "--landscape", "peaks", "--lr", "0.1", "--epochs", "5",
                           "--grid", "3"]):  # fmt: skip
        with pytest.raises(SystemExit) as exit_info:
            main([*command, *extra])
        assert exit_info.value.code == 2
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], lines


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            ["--runs", "3"],
            "argument --runs: needs --noise > 0 (without noise every run is the same)",
        ),
        (["--runs", "0", "--noise", "1"], "argument --runs: must be between 1 and 10000, got 0"),
        (["--radius", "0"], "argument --radius: must be a positive finite number, got '0'"),
    ],
)
def test_bad_runs_and_radius_are_one_line(
    extra: list[str], expected: str, capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["basins", "--landscape", "peaks", "--lr", "0.1", "--epochs", "5", "--grid", "3",
              *extra])  # fmt: skip
    assert exit_info.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], lines
