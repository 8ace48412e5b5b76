"""``gdcore`` as a command after ``pip install .``: the console script pyproject.toml declares.

The package is really installed (pip, from a copy of the sources, into a scratch folder; offline:
no build isolation, no dependencies fetched) and its ``bin/gdcore`` run as a user would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | dict]:
    """``pip install`` of a copy of the package into a target folder; its ``gdcore`` command."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    shutil.copytree(REPO / "gdcore", src / "gdcore", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path_factory.mktemp("site-packages")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--no-build-isolation", "--no-deps", "--no-index", "--target", str(target), str(src)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    script = target / "bin" / "gdcore"
    assert script.is_file(), sorted(p.name for p in target.iterdir())
    # only the installed copy on the path (numpy and sympy still come from this environment)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    return {"script": script, "env": env, "cwd": tmp_path_factory.mktemp("elsewhere")}


def run(installed: dict, *args: str) -> subprocess.CompletedProcess:
    """The installed ``gdcore`` command with ``args``, run from a folder outside the checkout."""
    return subprocess.run(
        [str(installed["script"]), *args], capture_output=True, text=True, timeout=120,
        env=installed["env"], cwd=installed["cwd"],
    )  # fmt: skip


def test_version_comes_from_the_installed_package(installed: dict) -> None:
    want = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    proc = run(installed, "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"gdcore {want['version']}"
    assert want["scripts"]["gdcore"] == "gdcore.cli:main"


def test_the_command_runs_the_installed_code_as_python_m_gdcore_does(installed: dict) -> None:
    args = ("descend", "--landscape", "peaks", "--start", "0,1.4", "--lr", "0.01", "--epochs",
            "200", "--json")  # fmt: skip
    proc = run(installed, *args)
    assert proc.returncode == 0, proc.stderr
    module = subprocess.run(
        [sys.executable, "-m", "gdcore", *args], capture_output=True, text=True, timeout=120,
        env=installed["env"], cwd=installed["cwd"],
    )  # fmt: skip
    assert module.returncode == 0, module.stderr
    assert proc.stdout == module.stdout
    # and it is the installed copy that ran, not the checkout
    where = subprocess.run(
        [sys.executable, "-c", "import gdcore; print(gdcore.__file__)"], capture_output=True,
        text=True, env=installed["env"], cwd=installed["cwd"], check=True,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(installed["script"].parents[1])


def test_bad_input_to_the_command_is_one_line_with_status_2(installed: dict) -> None:
    proc = run(installed, "descend", "--landscape", "peaks", "--start", "0,1.4", "--lr", "-1")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "--lr" in proc.stderr and "positive" in proc.stderr
