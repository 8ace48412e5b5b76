"""How ``scripts/test`` runs the tests: on every core with pytest-xdist, ``--dist loadgroup``.

The tests that share a sandbox build (``xdist_group("sandbox")``, test_site.py) and the three
checks that share one light-scheme walk over every page (``xdist_group("light-<lang>")``,
test_browser.py) rely on a group running on one worker. pytest 9.2 broke that without a word
(its structured node IDs drop the group suffix xdist adds: pytest-xdist issue #1386): the walk ran
twice and the sandbox tests were spread over both workers. This holds the pinned pair to it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

GROUPED = """
import os
import pytest

def here(name):
    root = os.environ["WORKERS_SEEN"]
    with open(os.path.join(root, name), "w") as out:
        out.write(os.environ.get("PYTEST_XDIST_WORKER", "none"))

@pytest.mark.parametrize(
    "i", [pytest.param(i, marks=pytest.mark.xdist_group("g")) for i in range(3)] + [3, 4, 5]
)
def test_param(i):
    here(f"param{i}")

@pytest.mark.xdist_group("g")
def test_plain():
    here("plain")

@pytest.mark.parametrize("i", range(8))
def test_free(i):
    here(f"free{i}")
"""


def test_loadgroup_runs_a_group_on_one_worker(tmp_path: Path) -> None:
    """Two workers, ``--dist loadgroup`` as scripts/test runs it: the four tests of group ``g``
    (three parameters marked one by one, one plain test) run on one worker; the ungrouped tests
    are spread over both (so the check can tell a group from chance)."""
    (tmp_path / "test_grouped.py").write_text(GROUPED, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    seen_dir = tmp_path / "workers"
    seen_dir.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2",
         "--dist", "loadgroup", "test_grouped.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "WORKERS_SEEN": str(seen_dir)},
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    seen = {p.name: p.read_text() for p in seen_dir.iterdir()}
    assert len(seen) == 4 + 3 + 8, seen
    group = {seen[n] for n in ("param0", "param1", "param2", "plain")}
    assert len(group) == 1, f"group g ran on {sorted(group)}: {seen}"
    assert set(seen.values()) == {"gw0", "gw1"}, seen
