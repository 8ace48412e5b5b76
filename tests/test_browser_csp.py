"""The pages' Content-Security-Policy (``gdsite.csp``) in Chromium: not one violation on any page
of either language or on the landing page, in the light and the dark scheme, with everything a
reader can operate operated (the playground run, played, stepped, on every landscape, at other
learning rates; the path dragged and moved by keys; the basin map recomputed in its workers for a
new learning rate; the factors slider; the theme toggle; the search box; every answer opened).

Violations are caught twice: the ``securitypolicyviolation`` events, reported from the page to the
test through a binding (it outlives the landing page's redirect), and Chromium's console messages
about the policy (a policy it could not read says so there). ``test_the_watch_sees_a_violation``
shows that the watch does report what the policy blocks.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_browser import LANGS, PAGES

from gdcore.book.live import live_data
from gdcore.book.pages.playground import PRESETS

pytestmark = pytest.mark.site  # builds the whole site (see conftest.py)

SCHEMES = ("light", "dark")
#: Run in every page before its own scripts: each violation goes to the test at once.
WATCH = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.gdCspViolation(
    `${e.effectiveDirective} blocked ${e.blockedURI || "?"} (${e.sourceFile || "?"}:` +
    `${e.lineNumber}) ${e.sample}`
  );
}, true);
"""
#: Chromium's console messages about a policy (refusals, and a policy it could not read).
ABOUT_THE_POLICY = re.compile(r"content.security.policy", re.IGNORECASE)
SEARCHED = {"ko": "경사", "en": "gradient"}
DATA = live_data()
RATES = DATA["basins"]["rates"]


class Watched:
    """A page in a fresh context whose policy violations are all recorded in ``violations``."""

    def __init__(self, browser, scheme: str, **context: object) -> None:
        context.setdefault("viewport", {"width": 1280, "height": 900})
        self.context = browser.new_context(color_scheme=scheme, **context)
        self.violations: list[str] = []
        self.context.expose_binding(
            "gdCspViolation",
            lambda source, text: self.violations.append(f"{source['frame'].url}: {text}"),
        )
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.page.on(
            "console",
            lambda m: (
                ABOUT_THE_POLICY.search(m.text)
                and self.violations.append(f"console {m.type}: {m.text}")
            ),
        )

    def open(self, url: str) -> None:
        """Load ``url`` and every image on it (lazy ones too, as a reader scrolling would)."""
        self.page.goto(url, wait_until="load")
        self.page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })"
        )
        self.page.wait_for_function(
            "() => [...document.images].every(i => i.complete)", timeout=30000
        )

    def settle(self) -> list[str]:
        """Give the last reports time to arrive; the violations so far."""
        self.page.wait_for_timeout(200)
        self.page.evaluate("1")  # a round trip: the binding's calls before it have arrived
        return self.violations

    def close(self) -> None:
        self.context.close()


def everywhere(page) -> None:
    """What a reader can do on any page: open every answer, switch the theme through its three
    states (the figures follow it), and search from the sidebar (the form's action)."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    toggle = page.locator("button.theme-toggle:visible").first
    for _ in range(3):
        toggle.click()
        page.wait_for_timeout(50)


def search_from_the_sidebar(page, lang: str) -> None:
    box = page.locator("input.sidebar-search:visible").first
    box.fill(SEARCHED[lang])
    with page.expect_navigation():
        box.press("Enter")
    page.wait_for_selector("#search-results ul.search li", timeout=15000)


def playing_done(page, timeout: int = 10_000) -> None:
    """Wait until the playground's animation has ended (a run that never starts has no end to
    wait for: the policy is what this test checks, the runs are tests/test_browser_playground's)."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            "() => document.getElementById('gd-playground').dataset.playing !== 'true'",
            timeout=timeout,
        )


def operate_playground(page, lang: str) -> None:
    page.wait_for_selector("#gd-playground.gd-ready")
    page.click("#gd-pg-run")
    page.wait_for_timeout(150)
    page.click("#gd-pg-play")  # pause
    page.click("#gd-pg-step")
    page.click("#gd-pg-back")
    page.click("#gd-pg-play")  # play on
    playing_done(page)
    page.check("#gd-pg-arrows")
    page.check("#gd-pg-compare")
    page.focus("#gd-pg-lr")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    playing_done(page)
    page.fill("#gd-pg-epochs", "abc")  # refused with a message
    page.fill("#gd-pg-epochs", "300")
    canvas = page.locator("#gd-pg-canvas")
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.4)
    page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.5)
    playing_done(page)
    landscapes = page.eval_on_selector_all("#gd-pg-landscape option", "os => os.map(o => o.value)")
    assert len(landscapes) >= 2, landscapes
    for name in landscapes:
        page.select_option("#gd-pg-landscape", name)
        page.click("#gd-pg-run")
        playing_done(page)
        page.focus("#gd-pg-lr")
        page.keyboard.press("ArrowLeft")
        playing_done(page)
    for preset in PRESETS:
        page.click(f"button[data-preset={preset.key}]")
    playing_done(page)


def operate_path(page, lang: str) -> None:
    page.locator("[data-live=path]").scroll_into_view_if_needed()  # built as it nears the screen
    page.wait_for_selector("[data-live=path][data-state=ready]", timeout=60000)
    canvas = page.locator("[data-live=path] canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.2 * box["width"], box["y"] + 0.7 * box["height"], steps=8)
    page.mouse.up()
    canvas.focus()
    for key in ("ArrowRight", "ArrowRight", "ArrowUp", "ArrowLeft", "ArrowDown"):
        page.keyboard.press(key)


def operate_basins(page, lang: str) -> None:
    root = "[data-live=basins]"
    page.locator(root).scroll_into_view_if_needed()
    page.wait_for_selector(f"{root}[data-state=ready]", timeout=60000)
    page.fill("#gd-live-basins-epochs", "300")
    slider = page.locator(f"{root} input[type=range]")
    slider.focus()
    for _ in range(RATES.index(0.1) - RATES.index(DATA["basins"]["lr"])):  # stops to η = 0.1
        page.keyboard.press("ArrowRight")
    page.wait_for_function(  # a new map, computed in the workers
        "() => { const d = document.querySelector('[data-live=basins]').dataset;"
        " return d.state === 'ready' && d.lr === '0.1' && d.epochs === '300'; }",
        timeout=60000,
    )


def operate_momentum(page, lang: str) -> None:
    """The momentum page's basin map: fewer epochs, then one β stop down (a new map in workers)."""
    root = "[data-live=basins]"
    page.locator(root).scroll_into_view_if_needed()
    page.wait_for_selector(f"{root}[data-state=ready]", timeout=60000)
    page.fill("#gd-live-basins-epochs", "300")
    page.locator("#gd-live-basins-beta").focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "() => { const d = document.querySelector('[data-live=basins]').dataset;"
        " return d.state === 'ready' && d.epochs === '300' && d.momentum !== undefined"
        f" && d.momentum !== '{DATA['basins']['momentum']['beta']:g}'; }}",
        timeout=60000,
    )


def operate_factors(page, lang: str) -> None:
    root = "[data-live=factors]"
    page.locator(root).scroll_into_view_if_needed()
    page.wait_for_selector(f"{root}[data-state=ready]", timeout=60000)
    slider = page.locator(f"{root} input[type=range]")
    slider.focus()
    for key, times in (("ArrowRight", 10), ("End", 1), ("Home", 1), ("ArrowRight", 3)):
        for _ in range(times):
            page.keyboard.press(key)


def operate_search(page, lang: str) -> None:
    page.wait_for_selector("#search-results ul.search li", timeout=15000)


#: What each page has to operate, beyond :func:`everywhere`.
OPERATE = {
    "playground.html": operate_playground,
    "gd2d.html": operate_path,
    "minima.html": operate_basins,
    "momentum.html": operate_momentum,
    "curvature.html": operate_factors,
    "search.html": operate_search,
}


def test_every_page_with_a_live_figure_is_operated() -> None:
    """The pages OPERATE drives are the pages that have something to drive."""
    book = Path(__file__).resolve().parents[1] / "book"
    for lang in LANGS:
        for name in PAGES:
            source = book / lang / name.replace(".html", ".md")
            text = source.read_text(encoding="utf-8") if source.is_file() else ""
            if "{live}" in text or "{playground}" in text:
                assert name in OPERATE, f"{lang}/{name} has a figure this test does not drive"


@pytest.mark.parametrize(
    ("name", "lang", "scheme"),
    [
        (name, lang, scheme)
        for name in PAGES
        for lang in LANGS
        for scheme in SCHEMES
        if scheme == "light" or name in OPERATE
    ],
)
def test_no_policy_violation_on_any_page_operated(
    browser, base_url: str, name: str, lang: str, scheme: str
) -> None:
    """Every page in both languages, operated. A page with something to drive (:data:`OPERATE`)
    is opened in the light and in the dark scheme, its live figures drawn in each one's colours;
    a page without is opened in the light one: its theme toggle, pressed through its three
    states on every page (:func:`everywhere`), shows it dark too."""
    watched = Watched(browser, scheme)
    page = watched.page
    try:
        query = f"?q={SEARCHED[lang]}" if name == "search.html" else ""
        watched.open(f"{base_url}/{lang}/{name}{query}")
        everywhere(page)
        if name in OPERATE:
            OPERATE[name](page, lang)
        if name == "index.html":
            search_from_the_sidebar(page, lang)
        found = watched.settle()
        assert found == [], "\n".join(found)
    finally:
        watched.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("locale", ["ko-KR", "en-US"])
def test_no_policy_violation_on_the_landing_page(
    browser, base_url: str, locale: str, scheme: str
) -> None:
    watched = Watched(browser, scheme, locale=locale)
    try:
        watched.page.goto(f"{base_url}/index.html")
        lang = locale[:2]
        watched.page.wait_for_url(f"{base_url}/{lang}/index.html")  # its script ran
        found = watched.settle()
        assert found == [], "\n".join(found)
    finally:
        watched.close()


def test_the_watch_sees_a_violation(browser, base_url: str) -> None:
    """The watch is not blind: an inline script and a style attribute put into a page after it
    loaded are blocked and reported, each by its event and in the console."""
    watched = Watched(browser, "light")
    try:
        watched.open(f"{base_url}/en/index.html")
        assert watched.settle() == []
        watched.page.evaluate(
            """() => {
              const s = document.createElement('script');
              s.textContent = 'window.gdInjected = true;';
              document.body.append(s);
              const d = document.createElement('div');
              d.innerHTML = '<span style="color: red">injected</span>';
              document.body.append(d);
            }"""
        )
        found = watched.settle()
        assert watched.page.evaluate("window.gdInjected === undefined")  # it did not run
        events = [v for v in found if not v.startswith("console")]
        assert any("script-src-elem blocked inline" in v for v in events), found
        assert any("style-src-attr blocked inline" in v for v in events), found
        assert sum(v.startswith("console") for v in found) >= 2, found
    finally:
        watched.close()


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_served_page_carries_a_policy_matching_its_inline_blocks(
    site_build: dict[str, Path],
) -> None:
    """Every HTML file of the site, as published: the policy right after the charset, allowing
    exactly its own inline scripts and styles (read here by BeautifulSoup, not by gdsite.csp)."""
    html = site_build["html"]
    pages = sorted(html.rglob("*.html"))
    assert len(pages) >= 2 * len(PAGES) + 1
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        head = soup.head.find_all(recursive=False)
        assert head[0].name == "meta" and head[0].get("charset") == "utf-8", path
        assert head[1].get("http-equiv") == "Content-Security-Policy", path
        policy = {d.split()[0]: d.split()[1:] for d in head[1]["content"].split(";")}
        scripts = {_digest(s.string or "") for s in soup.find_all("script") if not s.get("src")}
        styles = {_digest(s.string or "") for s in soup.find_all("style")}
        assert set(policy["script-src"]) == {"'self'"} | scripts, path
        assert set(policy["style-src"]) == {"'self'"} | styles, path
        assert not soup.find_all(style=True), path
