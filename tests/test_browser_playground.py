"""The playground in a real Chromium: its animation survives any clicking, its inputs are checked
with a message in the page's language, its controls say what they hold, and links run presets."""

from __future__ import annotations

import json
import re

import pytest

from gdcore import descend, get_landscape
from gdcore.book import words
from gdcore.book.pages.playground import PRESETS, TOL

pytestmark = pytest.mark.site

LANGS = ("ko", "en")


@pytest.fixture
def open_playground(browser, base_url: str):
    """Open the playground page (``lang``, ``hash``) on a phone; yields the page and its errors."""
    contexts = []

    def opened(lang: str, hash_: str = "", reduced_motion: str = "no-preference"):
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, reduced_motion=reduced_motion
        )
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(f"{base_url}/{lang}/playground.html{hash_}")
        page.wait_for_selector("#gd-playground.gd-ready")
        return page, errors

    yield opened
    for context in contexts:
        context.close()


def settled(page) -> None:
    """Wait until the run on screen is drawn to its last iterate."""
    page.wait_for_function(
        "() => { const s = gdPlayground.state; return s.result &&"
        " document.getElementById('gd-playground').dataset.shown == s.result.path.length - 1; }",
        timeout=15000,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_rapid_runs_and_presets_always_end_with_the_whole_path(open_playground, lang: str) -> None:
    page, errors = open_playground(lang)
    presets = page.locator("#gd-pg-presets button")
    for i in range(24):  # faster than any animation finishes: each run replaces the last
        if i % 3 == 2:
            presets.nth(i % presets.count()).click()
        else:
            page.click("#gd-pg-run")
    settled(page)
    last = page.evaluate("gdPlayground.state.result.path.length - 1")
    page.wait_for_timeout(300)  # no older loop left to move the drawing back
    assert page.evaluate("+document.getElementById('gd-playground').dataset.shown") == last
    assert errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_epochs_are_checked_with_a_message(open_playground, lang: str) -> None:
    page, errors = open_playground(lang)
    template = words.section("playground", lang)["script"]["epochs_invalid"]
    for bad in ("-5", "", "0", "2.5", "1e9", "10001"):
        page.fill("#gd-pg-epochs", bad)
        page.click("#gd-pg-run")
        message = page.inner_text("#gd-pg-error")
        assert message == template.replace("{value}", bad or "\u2014"), bad
        assert page.get_attribute("#gd-pg-epochs", "aria-invalid") == "true"
        assert page.inner_text("#gd-pg-result") == ""
        assert page.get_attribute("#gd-playground", "data-status") is None
    page.fill("#gd-pg-epochs", "10")
    page.click("#gd-pg-run")
    settled(page)
    assert page.is_hidden("#gd-pg-error")
    assert page.get_attribute("#gd-playground", "data-epochs") == "10"
    assert errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_changed_control_clears_the_old_run(open_playground, lang: str) -> None:
    page, _ = open_playground(lang)
    page.click("#gd-pg-run")
    settled(page)
    assert page.inner_text("#gd-pg-result") != ""
    page.fill("#gd-pg-lr", "-1")  # log10 of 0.1
    page.dispatch_event("#gd-pg-lr", "input")
    assert page.inner_text("#gd-pg-result") == ""
    assert page.get_attribute("#gd-playground", "data-status") is None
    assert page.get_attribute("#gd-pg-lr", "aria-valuetext") == "0.1"  # the rate, not −1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", [p[0] for p in PRESETS])
def test_a_link_runs_its_preset_as_gdcore_does(open_playground, lang: str, key: str) -> None:
    page, errors = open_playground(lang, f"?preset={key}", reduced_motion="reduce")
    settled(page)
    _, start, lr, epochs, ascent = next(p for p in PRESETS if p[0] == key)
    peaks = get_landscape("peaks")
    run = descend(peaks, start, learning_rate=lr, epochs=epochs, ascent=ascent, tol=TOL)
    root = page.locator("#gd-playground")
    assert float(root.get_attribute("data-lr")) == lr
    assert root.get_attribute("data-status") == str(run.status)
    assert json.loads(root.get_attribute("data-start")) == list(start)
    assert json.loads(root.get_attribute("data-end")) == pytest.approx(run.final.tolist(), abs=0)
    result = page.inner_text("#gd-pg-result")
    assert not re.search(r"\d{8,}", result), result  # big numbers in powers of ten
    assert page.inner_text("#gd-pg-epoch")  # the epoch counter shows the last iterate
    assert errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_has_axes_and_a_colour_bar_in_the_pages_theme(open_playground, lang: str) -> None:
    page, errors = open_playground(lang)
    lo, hi = page.evaluate("GD_DATA.landscapes.find(l => l.name === 'peaks').range")
    assert page.is_visible("#gd-pg-colorbar")
    shown = [page.inner_text("#gd-pg-bar-lo"), page.inner_text("#gd-pg-bar-hi")]
    assert shown == [f"{v:.2f}".replace("-", "\u2212") for v in (lo, hi)]
    # the map sits inside the canvas with room for ticks: its corner is not the canvas's
    assert page.evaluate("gdPlayground.toPixel([-3, 3])") != [0, 0]
    page.select_option("#gd-pg-landscape", "parabola")  # a curve: no colour bar
    assert page.is_hidden("#gd-pg-colorbar")
    assert errors == []
