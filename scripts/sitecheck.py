"""Helpers to look at the built site as a reader's browser does: used by the tests and by
``scripts/quality.py``.

* :func:`serve` serves a folder on 127.0.0.1 (like GitHub Pages, minus compression);
* :func:`launch` starts Debian's Chromium through Playwright (no browser download);
* :func:`axe_violations` runs axe-core in a page;
* :func:`page_weight` adds up the bytes a page makes the browser fetch;
* :func:`phone_screenshots` saves what a phone shows of each page, light and dark, in one folder.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE = REPO / "scripts" / "node" / "node_modules" / "axe-core" / "axe.min.js"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes a connection before a file is sent (a page closed while it
        loads) is no error of the site's; anything else is reported as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1; yields the base URL (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def launch() -> Iterator[object]:
    """A headless Chromium (``$CHROMIUM``, default Debian's ``/usr/bin/chromium``)."""
    if not Path(CHROMIUM).is_file():
        raise FileNotFoundError(
            f"no Chromium at {CHROMIUM}: apt-get install chromium (scripts/test does) "
            "or set CHROMIUM"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: object) -> list[str]:
    """axe-core's violations in a loaded Playwright page, as ``rule: count × first target``."""
    if not AXE.is_file():
        raise FileNotFoundError(f"{AXE} is missing: npm ci --prefix scripts/node")
    # evaluated through the DevTools protocol, as the browser's own tools run code: a <script>
    # tag would be an inline script, which the pages' Content-Security-Policy blocks
    page.evaluate(AXE.read_text(encoding="utf-8"))
    # only the violations' nodes are described (their CSS selectors computed): axe's documented
    # way to save the time it spends describing every node that passed
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(
            v => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(' ')}`)"""
    )


def page_weight(page: Path) -> int:
    """Bytes of a built page and everything it loads (stylesheets, scripts, images), before
    compression. An image counts as the largest of the files its ``<picture>`` and ``srcset``
    offer: a reader's browser loads one of them (light or dark page, 1× or 2× screen, moving or
    still)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")

    def local(ref: str) -> Path:
        return (page.parent / ref.split("?")[0]).resolve()

    files = {page.resolve()}
    for tag, attr in (("link", "href"), ("script", "src")):
        for t in soup.find_all(tag):
            ref = t.get(attr)
            if ref and (tag != "link" or "stylesheet" in t.get("rel", [])):
                files.add(local(ref))
    total = sum(f.stat().st_size for f in files if f.is_file())
    for img in soup.find_all("img"):
        offers = [img] + (img.parent.find_all("source") if img.parent.name == "picture" else [])
        refs = [img.get("src", "")]
        for t in offers:
            refs += [c.split()[0] for c in t.get("srcset", "").split(",") if c.strip()]
        sizes = [local(r).stat().st_size for r in refs if r and local(r).is_file()]
        total += max(sizes, default=0)
    return total


#: A phone's screen, in CSS px (an iPhone 14's: 390 × 844).
PHONE = {"width": 390, "height": 844}


def phone_screenshots(browser: object, base: str, pages: list[str], out: Path) -> list[Path]:
    """A full-length screenshot of each of ``pages`` (relative to ``base``) as a phone shows it,
    in the light and the dark colour scheme, every lazy image loaded: ``out/<lang>_<page>_<scheme>
    .png`` (``ko_gd2d_dark.png``), all in one folder so a person can look through them."""
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=PHONE, color_scheme=scheme)
        tab = context.new_page()
        for page in pages:
            tab.goto(f"{base}/{page}", wait_until="load")
            tab.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
            tab.wait_for_function(
                "() => [...document.images].every(i => i.complete)", timeout=30000
            )
            tab.evaluate("Promise.all([...document.images].map(i => i.decode().catch(() => 0)))")
            tab.evaluate("document.fonts.ready")
            stem = page.removesuffix(".html").replace("/", "_")
            path = out / f"{stem}_{scheme}.png"
            tab.screenshot(path=str(path), full_page=True)
            saved.append(path)
        context.close()
    return saved
