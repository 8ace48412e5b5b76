"""The home page in a real Chromium (issue 24, "a home page that invites"): its first screen shows
gradient descent moving (the still for a reader who asks for reduced motion), with a clear start;
under it the path through the book as cards, one per page in reading order, each with its
thumbnail; nothing scrolls sideways at phone and laptop widths, in the light and the dark theme,
in both languages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from gdcore.book import words

pytestmark = pytest.mark.site  # builds the whole site (see conftest.py)

REPO = Path(__file__).resolve().parents[1]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
#: (the system's colour scheme, the theme chosen with furo's toggle) → the theme the page shows
THEMES = {
    ("light", "auto"): "light",
    ("dark", "auto"): "dark",
    ("light", "dark"): "dark",
    ("dark", "light"): "light",
}
HERO_IMAGE = ".gd-hero .gd-animation img"


def reading_order() -> list[str]:
    """The pages after the home page, in ``_toc.yml``'s order (their file names)."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    return [c["file"].rsplit("/", 1)[-1] + ".html" for c in toc["chapters"]]


def open_home(
    browser,
    base_url: str,
    lang: str,
    *,
    viewport: str,
    scheme: str,
    theme: str,
    motion: str = "no-preference",
):
    """The home page in a fresh context: the system's scheme and motion preference, and the
    theme stored as furo's toggle stores it."""
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], color_scheme=scheme, reduced_motion=motion
    )
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    page = context.new_page()
    page.goto(f"{base_url}/{lang}/index.html", wait_until="load")
    page.wait_for_function(f"() => document.querySelector('{HERO_IMAGE}').complete")
    return context, page


def frames(page, seconds: float = 3.0, every: float = 0.25) -> set[bytes]:
    """The distinct pictures the hero figure showed, sampled over ``seconds``."""
    seen: set[bytes] = set()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        seen.add(page.locator(HERO_IMAGE).screenshot(animations="allow"))
        page.wait_for_timeout(every * 1000)
    return seen


def first_screen(page, selector: str) -> dict:
    """Where ``selector``'s first element lies against the first screen (no scrolling)."""
    return page.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
                  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                          width: r.width, height: r.height,
                          screenW: innerWidth, screenH: innerHeight}; }""",
        selector,
    )


def luminance(rgb: str) -> float:
    """WCAG relative luminance of a computed ``rgb(r, g, b)`` colour."""
    channels = [int(v) / 255 for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two computed colours."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize(("scheme", "theme"), list(THEMES))
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_first_screen_shows_descent_moving_and_where_to_start(
    browser, base_url: str, lang: str, viewport: str, scheme: str, theme: str
) -> None:
    context, page = open_home(
        browser, base_url, lang, viewport=viewport, scheme=scheme, theme=theme
    )
    try:
        shown = THEMES[scheme, theme]
        source = page.evaluate(f"document.querySelector('{HERO_IMAGE}').currentSrc")
        expected = "home_descent-dark.webp" if shown == "dark" else "home_descent.webp"
        assert source.endswith("/" + expected), source
        figure = first_screen(page, HERO_IMAGE)
        assert figure["height"] > 200 and figure["top"] >= 0, figure
        assert figure["bottom"] <= figure["screenH"], f"the figure is cut by the fold: {figure}"
        assert len(frames(page)) >= 3, "the figure does not move"
        # a clear start: the first link of the first screen opens the book's first page
        start = first_screen(page, ".gd-hero-start a")
        assert start["bottom"] <= start["screenH"] and start["height"] >= 44, start
        href = page.get_attribute(".gd-hero-start a", "href")
        assert href == reading_order()[0], href
        colours = page.evaluate(
            """(() => { const s = getComputedStyle(document.querySelector('.gd-hero-start a'));
                        return [s.color, s.backgroundColor]; })()"""
        )
        assert contrast(*colours) >= 4.5, colours
    finally:
        context.close()


@pytest.mark.parametrize(("scheme", "theme"), [("light", "auto"), ("light", "dark")])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_animation_has_a_pause_button_reached_by_keyboard(
    browser, base_url: str, lang: str, viewport: str, scheme: str, theme: str
) -> None:
    """WCAG 2.2.2: the looping figure can be paused and played again, by keyboard, with a button
    labelled in the page's language that says what it does; paused, the figure shows its still
    (in the page's theme) and stops moving; the start link stays on the first screen."""
    context, page = open_home(
        browser, base_url, lang, viewport=viewport, scheme=scheme, theme=theme
    )
    try:
        button = page.locator(".gd-hero button.gd-animation-toggle")
        labels = words.section("animation", lang)
        assert button.is_visible() and button.inner_text() == labels["pause_short"]
        assert button.get_attribute("aria-label") == labels["pause"]
        box, image = button.bounding_box(), first_screen(page, HERO_IMAGE)
        assert box["width"] >= 44 and box["height"] >= 44, box
        # under the picture (covering none of it), at its right, on the first screen
        assert image["bottom"] <= box["y"] and box["y"] + box["height"] <= image["screenH"], box
        figure = first_screen(page, ".gd-hero figure.gd-animation")
        assert box["x"] + box["width"] == pytest.approx(figure["right"], abs=1), (box, figure)
        start = first_screen(page, ".gd-hero-start a")
        assert start["bottom"] <= start["screenH"], start
        for _ in range(60):  # the keyboard reaches it, in the page's tab order
            if page.evaluate("document.activeElement.matches('button.gd-animation-toggle')"):
                break
            page.keyboard.press("Tab")
        else:
            raise AssertionError("Tab never reaches the pause button")
        page.keyboard.press("Enter")
        assert button.inner_text() == labels["play_short"]
        assert button.get_attribute("aria-label") == labels["play"]
        dark = "-dark" if THEMES[scheme, theme] == "dark" else ""
        page.wait_for_function(f"() => document.querySelector('{HERO_IMAGE}').complete")
        source = page.evaluate(f"document.querySelector('{HERO_IMAGE}').currentSrc")
        assert source.endswith(f"/home_descent-still{dark}.webp"), source
        assert len(frames(page, seconds=1.5)) == 1, "paused, the figure still moves"
        page.keyboard.press("Space")  # played again
        assert button.inner_text() == labels["pause_short"]
        assert button.get_attribute("aria-label") == labels["pause"]
        page.wait_for_function(f"() => document.querySelector('{HERO_IMAGE}').complete")
        source = page.evaluate(f"document.querySelector('{HERO_IMAGE}').currentSrc")
        assert source.endswith(f"/home_descent{dark}.webp"), source
        assert len(frames(page)) >= 3, "played again, the figure does not move"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_reader_who_asks_for_less_motion_gets_the_still(
    browser, base_url: str, lang: str, scheme: str
) -> None:
    context, page = open_home(
        browser, base_url, lang, viewport="phone", scheme=scheme, theme="auto", motion="reduce"
    )
    try:
        source = page.evaluate(f"document.querySelector('{HERO_IMAGE}').currentSrc")
        expected = "home_descent-still" + ("-dark" if scheme == "dark" else "") + ".webp"
        assert source.endswith("/" + expected), source
        figure = first_screen(page, HERO_IMAGE)
        assert figure["bottom"] <= figure["screenH"], figure
        assert len(frames(page, seconds=1.5)) == 1, "the still moves"
        # nothing moves, so nothing to pause: no button
        assert page.locator("button.gd-animation-toggle").is_hidden()
    finally:
        context.close()


@pytest.mark.parametrize(
    ("scheme", "theme"), [("light", "auto"), ("dark", "auto"), ("light", "dark")]
)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_cards_link_every_page_in_reading_order_without_sideways_scrolling(
    browser, base_url: str, lang: str, viewport: str, scheme: str, theme: str
) -> None:
    context, page = open_home(
        browser, base_url, lang, viewport=viewport, scheme=scheme, theme=theme
    )
    try:
        cards = page.evaluate(
            """[...document.querySelectorAll('ol.gd-cards > li.gd-card > a.gd-card-link')]
               .map(a => ({href: a.getAttribute('href'),
                           title: a.querySelector('.gd-card-title').textContent.trim(),
                           line: a.querySelector('.gd-card-line').textContent.trim(),
                           thumb: a.querySelector('img.gd-card-thumb') !== null}))"""
        )
        assert [c["href"] for c in cards] == reading_order()
        # each card is named by its page's title, as the book's contents (the sidebar) names it
        contents = page.evaluate(
            "[...document.querySelectorAll('.sidebar-tree a.reference')]"
            ".map(a => [a.getAttribute('href'), a.textContent.trim()])"
        )
        titles = dict(contents)
        assert [c["title"] for c in cards] == [titles[c["href"]] for c in cards]
        assert all(c["line"] and c["thumb"] for c in cards), cards
        # every thumbnail decodes, in the theme shown (a reader scrolls to the lazy ones)
        page.evaluate("document.querySelector('ol.gd-cards').lastElementChild.scrollIntoView()")
        page.wait_for_function(
            "() => [...document.querySelectorAll('img.gd-card-thumb')]"
            ".every(i => i.complete && i.naturalWidth > 0)",
            timeout=15000,
        )
        sources = page.evaluate(
            "[...document.querySelectorAll('img.gd-card-thumb')].map(i => i.currentSrc)"
        )
        dark = THEMES[scheme, theme] == "dark"
        assert all(("-dark" in s) == dark for s in sources), sources
        # nothing wider than the screen: the page, and each card inside it
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"sideways scrolling: {widths}"
        rights = page.evaluate(
            "[...document.querySelectorAll('.gd-hero, .gd-card-link')]"
            ".map(e => e.getBoundingClientRect().right)"
        )
        assert max(rights) <= widths[1], rights
        # two columns on a laptop, one on a phone; read row by row, a row's cards equally tall
        boxes = page.evaluate(
            "[...document.querySelectorAll('.gd-card-link')].map(e => {"
            " const b = e.getBoundingClientRect(); return [b.top, b.left, b.height]; })"
        )
        columns = sorted({round(left) for _, left, _ in boxes})
        assert len(columns) == (2 if viewport == "laptop" else 1), columns
        assert boxes == sorted(boxes, key=lambda b: (round(b[0]), round(b[1])))
        rows: dict[int, set[int]] = {}
        for top, _, height in boxes:
            rows.setdefault(round(top), set()).add(round(height))
        assert all(len(heights) == 1 for heights in rows.values()), rows
    finally:
        context.close()
