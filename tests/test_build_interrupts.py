"""Issue 23, defects 6, 7 and 8: builds that are stopped, killed or fail leave nothing stuck.

6. A publish killed while copying (SIGKILL, a full disk) must not make every later build refuse
   the site folder as "holding files this build did not write".
7. SIGTERM to ``scripts/build_site.py`` (what ``timeout`` or a cancelled CI job sends) stops its
   ``jupyter-book build`` children too: none keeps writing into ``_build``.
8. A language whose build failed or was stopped is built again by the next build, even when its
   inputs did not change: never "site up to date".

The publish tests call ``build_site.publish`` directly; the others build a tiny bilingual site
(``test_build_faults.tiny_site``) and are marked ``site``.
"""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from test_build_faults import build_site, files, tiny_site

REPO = Path(__file__).resolve().parents[1]


def load_build_site():
    spec = importlib.util.spec_from_file_location("build_site", REPO / "scripts" / "build_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def site_files(tmp_path: Path, n: int = 400) -> dict[str, Path | str]:
    """``n`` pages of 8 KB in a few folders, and two texts, as a build hands them to publish."""
    src = tmp_path / "built"
    out: dict[str, Path | str] = {"index.html": "<!DOCTYPE html>\n", ".nojekyll": ""}
    for i in range(n):
        path = src / f"ko/part{i % 7}/page{i}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes([i % 251]) * 8192)
        out[f"ko/part{i % 7}/page{i}.html"] = path
    return out


def expected(files_: dict[str, Path | str]) -> dict[str, bytes]:
    return {
        rel: (src.encode() if isinstance(src, str) else src.read_bytes())
        for rel, src in files_.items()
    }


# --- 6. an interrupted publish -------------------------------------------------------------------
def test_a_publish_stopped_by_a_full_disk_is_finished_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bs = load_build_site()
    out, manifest = tmp_path / "site", tmp_path / "work" / "site-x.json"
    manifest.parent.mkdir()
    site = site_files(tmp_path)
    real_write = Path.write_bytes
    real_replace = os.replace
    count = {"n": 0}

    def full_disk(self: Path, data: bytes) -> int:
        count["n"] += 1
        if count["n"] > 150:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OSError, match="No space left"):
        bs.publish(out, site, manifest)
    monkeypatch.setattr(Path, "write_bytes", real_write)
    monkeypatch.setattr(os, "replace", real_replace)
    assert any(out.rglob("*.html"))  # it had begun
    bs.publish(out, site, manifest)  # main: "holds files this build did not write"
    assert files(out) == expected(site)


KILLER = """
import os, signal, sys, threading, time
sys.path.insert(0, {scripts!r})
import importlib.util
spec = importlib.util.spec_from_file_location("build_site", {script!r})
bs = importlib.util.module_from_spec(spec); spec.loader.exec_module(bs)
from pathlib import Path
out, manifest, src = Path({out!r}), Path({manifest!r}), Path({src!r})
site = {{"index.html": "<!DOCTYPE html>\\n", ".nojekyll": ""}}
for p in sorted(src.rglob("*.html")):
    site[p.relative_to(src).as_posix()] = p

def killer():  # SIGKILL once part of the site is there: mid-publish, wherever it is
    while True:
        if out.is_dir() and sum(1 for _ in out.rglob("*.html")) >= {after}:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.0005)

threading.Thread(target=killer, daemon=True).start()
bs.publish(out, site, manifest)
print("finished before the kill")
"""


@pytest.mark.parametrize("after", [1, 120, 300])
def test_a_first_publish_killed_midway_is_finished_by_the_next(tmp_path: Path, after: int) -> None:
    bs = load_build_site()
    out, manifest = tmp_path / "site", tmp_path / "work" / "site-x.json"
    manifest.parent.mkdir()
    site = site_files(tmp_path, 600)
    code = KILLER.format(
        scripts=str(REPO / "scripts"), script=str(REPO / "scripts" / "build_site.py"),
        out=str(out), manifest=str(manifest), src=str(tmp_path / "built"), after=after,
    )  # fmt: skip
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stdout + proc.stderr
    assert 0 < sum(1 for _ in out.rglob("*.html")) < 600  # killed mid-publish
    bs.publish(out, site, manifest)  # main: refused, and every later build too
    assert files(out) == expected(site)
    bs.publish(out, site, manifest)  # and the one after
    assert files(out) == expected(site)


def test_a_publish_still_refuses_files_it_never_wrote(tmp_path: Path) -> None:
    bs = load_build_site()
    out, manifest = tmp_path / "site", tmp_path / "work" / "site-x.json"
    manifest.parent.mkdir()
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "mine.txt").write_text("the author's\n", encoding="utf-8")
    with pytest.raises(bs.InputError, match="did not write"):
        bs.publish(out, site_files(tmp_path, 3), manifest)
    assert files(out) == {"notes/mine.txt": b"the author's\n"}


# --- a tiny site whose build can be made to fail or to last -----------------------------------------
class FlakyRegistry:
    """No figures; the build fails while ``GD_TEST_FAIL_BUILD`` is set, and waits (so that it can be
    stopped while it runs) while ``GD_TEST_SLOW_BUILD`` is."""

    def build(self, lang: str, out_dir: Path, cache_dir: Path, *, log: object) -> object:
        """Fail, wait, or make nothing."""
        from sphinx_project import Report

        if os.environ.get("GD_TEST_FAIL_BUILD"):
            raise RuntimeError("the test made this build fail")
        deadline = time.monotonic() + float(os.environ.get("GD_TEST_SLOW_BUILD", "0"))
        while time.monotonic() < deadline:  # a long build, writing as it goes
            cache_dir.mkdir(parents=True, exist_ok=True)
            (cache_dir / f".busy-{lang}").write_text(str(time.monotonic()), encoding="utf-8")
            time.sleep(0.05)
        out_dir.mkdir(parents=True, exist_ok=True)
        return Report([], [], {})


FLAKY_REGISTRY = FlakyRegistry()


def flaky_site(tmp_path: Path) -> Path:
    root = tiny_site(tmp_path)
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config["sphinx"]["config"]["gd_registry"] = "test_build_interrupts:FLAKY_REGISTRY"
    (root / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return root


def build_env(root: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")]),
        "GD_FIGURE_CACHE": str(root / "_build" / ".cache"),
        **extra,
    }


# --- 8. a failed build is built again ------------------------------------------------------------
@pytest.mark.site
def test_a_language_whose_build_failed_is_built_again_though_nothing_changed(
    tmp_path: Path,
) -> None:
    root = flaky_site(tmp_path)
    assert build_site(root).returncode == 0
    site = files(root / "_build" / "html")
    failed = subprocess.run(
        [sys.executable, str(root / "scripts" / "build_site.py"), "--force"],
        cwd=root, capture_output=True, text=True, timeout=600,
        env=build_env(root, GD_TEST_FAIL_BUILD="1"),
    )  # fmt: skip
    assert failed.returncode != 0 and "the test made this build fail" in failed.stderr
    again = build_site(root)  # nothing changed since the last good build
    assert again.returncode == 0, again.stdout + again.stderr
    assert "up to date" not in again.stdout, again.stdout
    assert re.search(r"building (ko, en|en, ko)", again.stdout), again.stdout
    assert files(root / "_build" / "html") == site
    assert "up to date" in build_site(root).stdout  # and now it is


# --- 7. SIGTERM stops the children too -------------------------------------------------------------
def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def group_members(pgids: set[int]) -> list[int]:
    """Live processes (not zombies) in any of the process groups ``pgids``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[2]) in pgids:
                found.append(int(entry.name))
    return found


@pytest.mark.site
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_builds_children_and_the_next_build_rebuilds(
    tmp_path: Path, sig: signal.Signals
) -> None:
    root = flaky_site(tmp_path)
    assert build_site(root).returncode == 0
    proc = subprocess.Popen(
        [sys.executable, str(root / "scripts" / "build_site.py"), "--force"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=build_env(root, GD_TEST_SLOW_BUILD="60"), start_new_session=True,
    )  # fmt: skip
    groups = {proc.pid}
    try:
        busy = [root / "_build" / ".cache" / f".busy-{lang}" for lang in ("ko", "en")]
        deadline = time.monotonic() + 300
        while not all(b.exists() for b in busy) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert all(b.exists() for b in busy), "the builds did not start"
        kids = children_of(proc.pid)
        groups |= {os.getpgid(k) for k in kids}
        assert len(kids) == 2
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode != 0
        time.sleep(0.5)
        assert group_members(groups) == [], "a child of the build survived"
        stamps = {b: b.read_text() for b in busy}
        time.sleep(2)
        assert {b: b.read_text() for b in busy} == stamps  # nothing writes into _build any more
        assert "Traceback" not in err, err
        assert len([line for line in err.splitlines() if "stopped" in line]) == 1, err
    finally:
        for pgid in groups:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pgid, signal.SIGKILL)
        proc.wait(timeout=30)
    again = build_site(root)  # defect 8: the stopped languages are built again
    assert again.returncode == 0, again.stdout + again.stderr
    assert "up to date" not in again.stdout, again.stdout
