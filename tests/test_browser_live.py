"""The live figures inside the lessons, in Chromium: each one driven as a reader drives it (mouse,
touch, keyboard) at phone and laptop sizes, its state (data- attributes) compared with the engine."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from gdcore import basins, descend, get_landscape
from gdcore.book import words
from gdcore.book.live import live_data
from gdcore.book.pages.curvature import bowl_eigenvalues
from gdcore.book.params import PLAYGROUND_TOL

pytestmark = pytest.mark.site  # builds the whole site (see conftest.py)

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
DATA = live_data()
#: The stopping rule's tolerance as the figures print it (10⁻¹⁰).
TOL_TEXT = "10" + str(round(np.log10(PLAYGROUND_TOL))).translate(
    str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
)
#: Long tasks on the main thread, recorded from the first moment of the page.
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
"""


class Tab:
    """A page in a fresh context, collecting every script error."""

    def __init__(self, browser, url: str, viewport: str, **context: object) -> None:
        self.context = browser.new_context(viewport=VIEWPORTS[viewport], **context)
        self.context.add_init_script(LONG_TASKS)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.goto(url)

    def state(self, selector: str) -> dict[str, str]:
        return self.page.evaluate(f"({{...document.querySelector({selector!r}).dataset}})")

    def close(self) -> None:
        self.context.close()
        assert self.errors == [], self.errors


def ready(tab: Tab, kind: str) -> dict[str, str]:
    root = tab.page.locator(f"[data-live={kind}]")
    root.scroll_into_view_if_needed()
    tab.page.wait_for_selector(f"[data-live={kind}][data-state=ready]", timeout=60000)
    return tab.state(f"[data-live={kind}]")


def steady_box(tab: Tab, locator) -> dict[str, float]:
    """The element's box once the page above it has stopped moving (fonts and lazy figures that
    arrive after the scroll may still shift it): the same box twice, 100 ms apart."""
    box = locator.bounding_box()
    for _ in range(50):
        tab.page.wait_for_timeout(100)
        again = locator.bounding_box()
        if again == box:
            return box
        box = again
    raise AssertionError(f"the element kept moving: {box}")


def assert_same_map(state: dict[str, str], lr: float, epochs: int) -> None:
    """The browser's basin map equals gdcore.basins for the same settings, start by start."""
    engine = basins(
        get_landscape("peaks"), learning_rate=lr, epochs=epochs, grid=DATA["basins"]["grid"]
    )
    labels = np.array([-1 if c == "." else int(c) for c in state["labels"]])
    mismatch = np.flatnonzero(labels != engine.labels.ravel())
    assert mismatch.size == 0, f"{mismatch.size} starts differ, e.g. {mismatch[:5]}"
    np.testing.assert_array_equal(json.loads(state["shares"]), engine.shares)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_basin_map_equals_the_engine_with_a_preview_first_and_no_long_task(
    browser, base_url: str, viewport: str
) -> None:
    lang = "en" if viewport == "phone" else "ko"
    tab = Tab(browser, f"{base_url}/{lang}/minima.html", viewport)
    try:
        first = ready(tab, "basins")  # the lesson's settings: the still figure's map
        assert (float(first["lr"]), int(first["epochs"])) == (
            DATA["basins"]["lr"],
            DATA["basins"]["epochs"],
        )
        assert_same_map(first, DATA["basins"]["lr"], DATA["basins"]["epochs"])
        # the reader picks η = 0.1 (log10 η = −1 on the slider) and 300 epochs, by keyboard
        page = tab.page
        page.evaluate(
            """() => {
              const root = document.querySelector('[data-live=basins]');
              window.__states = [];
              new MutationObserver(() => window.__states.push(root.dataset.state))
                .observe(root, { attributes: true, attributeFilter: ['data-state'] });
              window.__t0 = performance.now();
            }"""
        )
        epochs = page.locator("[data-live=basins] input[type=number]")
        epochs.fill("300")
        slider = page.locator("[data-live=basins] input[type=range]")
        slider.focus()
        for _ in range(round(1 / DATA["basins"]["lrLog"][2])):  # +1 in log10 η
            page.keyboard.press("ArrowRight")
        assert slider.get_attribute("aria-valuetext") == "0.1"
        page.wait_for_function(
            "() => { const d = document.querySelector('[data-live=basins]').dataset;"
            " return d.state === 'ready' && d.lr === '0.1' && d.epochs === '300'; }",
            timeout=60000,
        )
        assert_same_map(tab.state("[data-live=basins]"), 0.1, 300)
        states = page.evaluate("window.__states")
        assert "preview" in states and states.index("preview") < len(states) - 1, states
        long = page.evaluate("window.__longTasks.filter(([t]) => t >= window.__t0)")
        assert long == [], f"main thread blocked over 50 ms while computing: {long}"
        shares = page.locator("[data-live=basins] .gd-live-share").all_inner_texts()
        expected = basins(get_landscape("peaks"), learning_rate=0.1, epochs=300, grid=101)
        none = f"{100 * expected.share_none:.1f}%"
        assert shares == [none] + [f"{100 * s:.1f}%" for s in expected.shares]
    finally:
        tab.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_bad_epochs_get_a_message_in_the_pages_language(browser, base_url: str, lang: str) -> None:
    tab = Tab(browser, f"{base_url}/{lang}/minima.html", "phone")
    try:
        before = ready(tab, "basins")
        box = tab.page.locator("[data-live=basins] input[type=number]")
        message = tab.page.locator("[data-live=basins] .gd-live-message")
        limit = f"{DATA['basins']['maxEpochs']:,}"
        expected = words.word("live.script.bad_epochs", lang, min=1, max=limit)
        for bad in ("2.5", "0", "-5", "", str(DATA["basins"]["maxEpochs"] + 1)):
            box.fill(bad)
            box.dispatch_event("change")
            assert message.inner_text() == expected, bad
            assert box.get_attribute("aria-invalid") == "true"
        assert tab.state("[data-live=basins]")["epochs"] == before["epochs"]  # nothing recomputed
        assert tab.state("[data-live=basins]")["state"] == "invalid"  # the old map dimmed
        box.fill("50")
        assert message.inner_text() == ""
    finally:
        tab.close()


def engine_end(landscape: str, start: list[float], lr: float, epochs: int) -> tuple:
    run = descend(
        get_landscape(landscape), start, learning_rate=lr, epochs=epochs, tol=PLAYGROUND_TOL
    )
    return run.final, run.status, run.epochs_run


def assert_path_state(state: dict[str, str], landscape: str) -> None:
    final, status, k = engine_end(
        landscape, json.loads(state["start"]), float(state["lr"]), int(state["epochs"])
    )
    np.testing.assert_allclose(json.loads(state["end"]), final, rtol=1e-12, atol=1e-12)
    assert state["status"] == status
    assert int(state["epochsRun"]) == k


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_dragging_tapping_and_arrow_keys_move_the_start(
    browser, base_url: str, viewport: str
) -> None:
    touch = viewport == "phone"
    tab = Tab(browser, f"{base_url}/en/gd2d.html", viewport, has_touch=touch, is_mobile=touch)
    try:
        state = ready(tab, "path")
        assert json.loads(state["start"]) == DATA["path"]["start"]
        assert (float(state["lr"]), int(state["epochs"])) == (
            DATA["path"]["lr"],
            DATA["path"]["epochs"],
        )
        assert_path_state(state, "peaks")
        canvas = tab.page.locator("[data-live=path] canvas")
        box = steady_box(tab, canvas)
        (x0, x1), (y0, y1) = DATA["path"]["domain"]
        u, v = 0.2, 0.7  # where the reader puts the start, as shares of the map's width and height
        at = (box["x"] + u * box["width"], box["y"] + v * box["height"])
        if touch:
            tab.page.touchscreen.tap(*at)
        else:
            tab.page.mouse.move(box["x"] + 5, box["y"] + 5)
            tab.page.mouse.down()
            tab.page.mouse.move(*at, steps=8)
            tab.page.mouse.up()
        tab.page.wait_for_timeout(100)
        state = tab.state("[data-live=path]")
        start = json.loads(state["start"])
        pixel = (x1 - x0) / box["width"] * 1.5
        np.testing.assert_allclose(start, [x0 + u * (x1 - x0), y1 - v * (y1 - y0)], atol=pixel)
        assert_path_state(state, "peaks")
        canvas.focus()
        for key in ("ArrowRight", "ArrowRight", "ArrowUp"):
            tab.page.keyboard.press(key)
        tab.page.wait_for_timeout(100)
        state = tab.state("[data-live=path]")
        step = DATA["path"]["keyStep"] * (x1 - x0)
        np.testing.assert_allclose(
            json.loads(state["start"]), [start[0] + 2 * step, start[1] + step]
        )
        assert_path_state(state, "peaks")
        status = tab.page.locator("[data-live=path] .gd-live-status").inner_text()
        said = words.word(
            f"live.script.status.{state['status']}",
            "en",
            tol=TOL_TEXT,
        )
        assert status.endswith(said), (status, said)
    finally:
        tab.close()


@pytest.mark.parametrize(
    ("viewport", "lang", "scheme"), [("phone", "ko", "dark"), ("laptop", "en", "light")]
)
def test_learning_rate_slider_moves_the_path_and_the_factors(
    browser, base_url: str, viewport: str, lang: str, scheme: str
) -> None:
    tab = Tab(browser, f"{base_url}/{lang}/curvature.html", viewport, color_scheme=scheme)
    lams = bowl_eigenvalues()
    F = DATA["factors"]
    try:
        state = ready(tab, "factors")
        slider = tab.page.locator("[data-live=factors] input[type=range]")
        # the bowl's canvas is drawn on the page's own background, light or dark
        background = tab.page.evaluate(
            """() => {
              const c = document.querySelector('[data-live=factors] canvas');
              const p = c.getContext('2d').getImageData(0, 0, 1, 1).data;
              const probe = document.createElement('div');
              probe.style.color = getComputedStyle(document.body)
                .getPropertyValue('--color-background-primary');
              document.body.append(probe);
              const want = getComputedStyle(probe).color.match(/\\d+/g).map(Number);
              probe.remove();
              return [[...p.slice(0, 3)], want.slice(0, 3)];
            }"""
        )
        assert background[0] == background[1], background
        rates = [float(state["lr"])]
        slider.focus()
        for key, times in (("ArrowRight", 30), ("End", 1), ("Home", 1)):
            for _ in range(times):
                tab.page.keyboard.press(key)
            rates.append(float(tab.state("[data-live=factors]")["lr"]))
        for lr in (0.07, round(2 / lams[1] + F["lrStep"], 3)):  # oscillating; diverging
            slider.fill(str(lr))
            rates.append(float(tab.state("[data-live=factors]")["lr"]))
            state = tab.state("[data-live=factors]")
            np.testing.assert_allclose(json.loads(state["factors"]), [1 - lr * v for v in lams])
            assert_path_state(state, "elongated_bowl")
            assert slider.get_attribute("aria-valuetext") == f"{lr:g}"
        assert rates[1] == pytest.approx(F["lr"] + 30 * F["lrStep"])
        assert rates[2:4] == [F["lrMax"], F["lrMin"]]
        texts = tab.page.locator("[data-live=factors] .gd-live-factor").all_inner_texts()
        assert words.word("live.script.regime.diverging", lang) in texts[1]
        assert words.word("live.script.regime.monotone", lang) in texts[0]
        # at ηλ = 1 the factor is 0 (gone in one step); at ηλ = 2 it is −1 (flips, never shrinks)
        factors = tab.page.locator("[data-live=factors] .gd-live-factor")
        for lr, regime in ((1 / lams[1], "vanishing"), (2 / lams[1], "limit")):
            slider.fill(f"{lr:.6g}")
            assert words.word(f"live.script.regime.{regime}", lang) in factors.all_inner_texts()[1]
    finally:
        tab.close()


def test_without_javascript_the_still_figures_stay_and_the_live_ones_hide(
    browser, base_url: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    page = context.new_page()
    try:
        for name, still in (
            ("minima", "basins_map"),
            ("gd2d", "seed_trajectory"),
            ("curvature", "bowl_paths"),
        ):
            page.goto(f"{base_url}/en/{name}.html")
            assert page.locator("[data-live]").count() == 1
            assert not page.locator("[data-live]").is_visible()
            assert page.locator(f"img[src*='{still}']").first.is_visible()
    finally:
        context.close()


def test_the_script_is_small_and_only_on_pages_with_a_live_figure(site_build: dict) -> None:
    html: Path = site_build["html"]
    for lang in ("en", "ko"):
        script = html / lang / "_static" / "gd-live.js"
        assert script.stat().st_size <= 60_000
        for page in (html / lang).glob("*.html"):
            text = page.read_text(encoding="utf-8")
            assert ("gd-live.js" in text) == ("data-live=" in text), page.name
        assert {p.stem for p in (html / lang).glob("*.html") if "data-live=" in p.read_text()} == {
            "minima",
            "gd2d",
            "curvature",
        }


def test_opened_from_a_file_the_basin_map_computes_on_the_main_thread(
    browser, site_build: dict
) -> None:
    """A page opened from disk cannot start a worker: the same map, in slices on the page."""
    context = browser.new_context(viewport=VIEWPORTS["laptop"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((site_build["html"] / "en" / "minima.html").as_uri())
        page.locator("[data-live=basins]").scroll_into_view_if_needed()
        page.wait_for_selector("[data-live=basins][data-state=ready]", timeout=60000)
        state = page.evaluate("({...document.querySelector('[data-live=basins]').dataset})")
        assert_same_map(state, DATA["basins"]["lr"], DATA["basins"]["epochs"])
        assert errors == []
    finally:
        context.close()
