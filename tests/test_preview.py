"""The authors' live preview (``scripts/preview``): a saved edit reaches the open browser by itself.

Runs the preview on a copy of the repository (sharing the site build's figure cache, so its first
build draws nothing), opens a page in Chromium, edits that page's source and waits, with a
timeout, for the page to reload itself with the edit. The built files stay free of the reload
script: it is added only as pages are served.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_repo

pytestmark = pytest.mark.site  # builds the site (a copy's, from the cache)

PAGE = "glossary"  # English: its edit rebuilds the English book only


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_site(url: str, proc: subprocess.Popen, timeout: float) -> str:
    """The page at ``url`` once the preview serves it (fails if the preview exits first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the preview exited with {proc.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"the preview did not serve {url} within {timeout} s")


def test_a_saved_edit_reloads_the_open_page(site_build: dict[str, Path], browser, tmp_path) -> None:
    root = copy_repo(site_build["root"], tmp_path / "repo")
    port = free_port()
    log = (tmp_path / "preview.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, str(root / "scripts" / "preview.py"), "--port", str(port)],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(root), "GD_FIGURE_CACHE": str(site_build["cache"])},
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/en/{PAGE}.html"
        served = wait_for_site(url, proc, timeout=300)
        built = (root / "_build" / "html" / "en" / f"{PAGE}.html").read_text(encoding="utf-8")
        # the reload script, as served: a file of the preview's own (the pages' policy blocks an
        # inline script it has no hash for), never in the files that get deployed
        assert '<script src="/_preview-reload.js"></script>' in served
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_preview-reload.js") as response:
            assert "/websocket-reload" in response.read().decode("utf-8")
        assert "websocket" not in built.lower() and "_preview-reload" not in built
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "console",
            lambda m: "Content Security Policy" in m.text and errors.append(m.text),
        )
        page.goto(url, wait_until="load")
        marker = f"Saved just now {secrets.token_hex(4)}"
        assert marker not in page.content()
        source = root / "book" / "en" / f"{PAGE}.md"
        # the author saves; the test only waits: the page must reload by itself
        with page.expect_navigation(timeout=180_000):
            source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}.\n", "utf-8")
        page.wait_for_load_state("load")
        assert marker in page.inner_text("article")
        assert errors == []
        page.close()
        log.flush()
        output = (tmp_path / "preview.log").read_text(encoding="utf-8")
        assert f"changed: book/en/{PAGE}.md" in output
        assert "building en ..." in output  # the changed language alone
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
