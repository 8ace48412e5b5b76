"""The canvas figures (the playground, the live figures) as instruments, in Chromium: drawn crisp at
the device pixel ratio, their text at least 12 CSS px in the figures' own faces, exponents drawn as
real superscripts (never the font's superscript glyphs, which some Korean faces draw like
apostrophes), no text turned (y labels upright above the plot, as the static figures), axes
and a colour bar round the live map with its marks drawn whole at its edge, and
the playground's map on the first screen of a laptop with its controls beside it and no plot
before the first run. The canvas text is recorded as it is drawn (an init script wraps
``fillText``)."""

from __future__ import annotations

import json

import pytest

from gdcore.book import palette, words
from gdcore.book.live import live_data

pytestmark = pytest.mark.site  # builds the whole site (see conftest.py)

#: Every fillText call: its canvas, its font size in CSS px, its family, its text, its left and
#: right ends and the canvas' width in CSS px, whether it is turned (the transform rotates), and
#: its baseline's height in CSS px.
RECORD_TEXT = """
window.__gdText = [];
const fill = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
  const c = this.canvas;
  const owner = c.id || (c.closest && c.closest('[data-live]') ? c.closest('[data-live]').dataset.live : '?');
  const m = /([\\d.]+)px\\s+(.*)$/.exec(this.font);
  // where it is drawn, in the canvas' CSS px (its transform scales by the device pixel ratio)
  const t = this.getTransform();
  const left = (t.a * x + t.e) / t.a, right = left + this.measureText(text).width;
  window.__gdText.push([owner, m ? Number(m[1]) : 0, m ? m[2] : this.font, String(text), left,
                        right, c.width / t.a, t.b !== 0 || t.c !== 0, (t.d * y + t.f) / t.d]);
  return fill.call(this, text, x, y, ...rest);
};
"""
SUPERSCRIPTS = set("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
PAGES = {"playground": ".gd-playground", "gd2d": ".gd-live", "minima": ".gd-live",
         "curvature": ".gd-live", "momentum": ".gd-live"}  # fmt: skip


def open_page(browser, url: str, **context):
    ctx = browser.new_context(**context)
    ctx.add_init_script(RECORD_TEXT)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return ctx, page, errors


def settle(page, name: str) -> None:
    """Every canvas figure of the page on screen once and drawn."""
    if name == "playground":
        page.wait_for_selector("#gd-playground.gd-ready")
        page.click("button[data-preset=seed]")  # a run: the plot appears
        page.wait_for_function(
            "() => gdPlayground.state.playing === false && gdPlayground.state.runs.length"
        )
        return
    for root in page.query_selector_all("[data-live]"):
        root.scroll_into_view_if_needed()
        kind = root.get_attribute("data-live")
        page.wait_for_selector(f"[data-live={kind}][data-state=ready]", timeout=60_000)


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize(("viewport", "dpr"), [((390, 844), 3), ((1280, 800), 2)])
def test_canvases_are_crisp_and_their_text_readable(
    browser, base_url: str, name: str, viewport: tuple[int, int], dpr: int
) -> None:
    lang = "ko"  # the Korean page: its faces are the ones that drew superscripts badly
    ctx, page, errors = open_page(
        browser, f"{base_url}/{lang}/{name}.html",
        viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=dpr,
    )  # fmt: skip
    try:
        settle(page, name)
        sizes = page.evaluate(
            f"""() => [...document.querySelectorAll('{PAGES[name]} canvas')]
              .filter((c) => c.clientWidth > 0)
              .map((c) => [c.id || c.className, c.width, c.height, c.clientWidth, c.clientHeight])"""
        )
        assert sizes, "no canvas drawn"
        for what, w, h, cw, ch in sizes:  # the backing store: CSS size × device pixels
            assert (w, h) == (round(cw * dpr), round(ch * dpr)), (what, w, h, cw, ch, dpr)
        drawn = page.evaluate("window.__gdText")
        assert drawn, "no canvas text recorded"
        smallest = min(drawn, key=lambda t: t[1])
        assert smallest[1] >= 12, f"{smallest[3]!r} drawn at {smallest[1]} px on {smallest[0]}"
        faces = {t[2].split(",")[0].strip().strip('"') for t in drawn}
        assert faces == {palette.FAMILY[0]}, faces  # digits and points as in the figures
        # every word drawn whole inside its canvas (a tick label as wide as it is drawn: its
        # exponent at 12 px is wider than the font's superscript glyphs)
        cut = [t[3] for t in drawn if t[4] < -0.5 or t[5] > t[6] + 0.5]
        assert not cut, f"text cut at a canvas' edge: {cut[:3]}"
        glyphs = [t[3] for t in drawn if SUPERSCRIPTS & set(t[3])]
        assert not glyphs, f"superscript glyphs drawn as text: {glyphs[:3]}"
        turned = [t[3] for t in drawn if t[7]]  # read without turning the head, as the figures
        assert not turned, f"text drawn turned: {turned[:3]}"
        assert errors == []
    finally:
        ctx.close()


def test_playground_map_first_with_its_controls_beside_it(browser, base_url: str) -> None:
    ctx, page, errors = open_page(
        browser, f"{base_url}/en/playground.html", viewport={"width": 1280, "height": 800}
    )
    try:
        page.wait_for_selector("#gd-playground.gd-ready")
        box = lambda sel: page.locator(sel).bounding_box()  # noqa: E731
        canvas, controls = box("#gd-pg-canvas"), box(".gd-pg-controls")
        assert canvas["y"] < 800 - 200, canvas  # the map's upper part on the first screen
        assert controls["x"] >= canvas["x"] + canvas["width"], (canvas, controls)  # beside it
        assert controls["y"] < canvas["y"] + canvas["height"] / 2, (canvas, controls)
        assert canvas["width"] >= 400, canvas
        # the first screen shows the default run, its plot under the map (no placeholder plot:
        # the plot is hidden only while there is no run, e.g. after another landscape is chosen)
        assert page.get_attribute("#gd-playground", "data-status") not in ("idle", "invalid")
        assert page.locator("#gd-pg-plot").is_visible()
        page.select_option("#gd-pg-landscape", "separable")
        assert page.locator("#gd-pg-plot").is_hidden()
        page.select_option("#gd-pg-landscape", "peaks")
        b = box("#gd-pg-canvas")
        page.mouse.click(b["x"] + 0.4 * b["width"], b["y"] + 0.3 * b["height"])
        page.wait_for_function("() => gdPlayground.state.playing === false")
        assert page.locator("#gd-pg-plot").is_visible()
        plotted = {t[3] for t in page.evaluate("window.__gdText") if t[0] == "gd-pg-plot"}
        script = words.section("playground", "en")["script"]
        # the loss curve's title: f − f* (log scale) where the run arrives, else f, said so
        mode = page.get_attribute("#gd-playground", "data-loss")
        loss = script["axis"]["loss" if mode == "log" else "f_none"]
        assert {loss, script["axis"]["grad"], script["axis"]["epoch"]} <= plotted
        assert errors == []
    finally:
        ctx.close()


def test_playground_on_a_phone_shows_the_map_before_the_controls(browser, base_url) -> None:
    ctx, page, errors = open_page(
        browser, f"{base_url}/ko/playground.html", viewport={"width": 390, "height": 844}
    )
    try:
        page.wait_for_selector("#gd-playground.gd-ready")
        canvas = page.locator("#gd-pg-canvas").bounding_box()
        controls = page.locator(".gd-pg-controls").bounding_box()
        assert canvas["y"] + canvas["height"] <= controls["y"], (canvas, controls)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
        assert errors == []
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_live_map_has_axes_a_colour_bar_and_whole_marks(browser, base_url, lang) -> None:
    ctx, page, errors = open_page(
        browser, f"{base_url}/{lang}/gd2d.html", viewport={"width": 1280, "height": 800},
        device_scale_factor=2,
    )  # fmt: skip
    try:
        settle(page, "gd2d")
        root = "[data-live=path]"
        x0, y0, w, h = json.loads(page.get_attribute(root, "data-box"))
        cw, ch = page.evaluate(f"(() => {{ const c = document.querySelector('{root} canvas');"
                               " return [c.clientWidth, c.clientHeight]; })()")  # fmt: skip
        assert x0 >= 30 and ch - (y0 + h) >= 30, "room for the y and x axes"
        assert cw - (x0 + w) >= 50, "room for the colour bar"
        assert abs(w - h) < 1  # a square map, as the static figure
        drawn = {t[3] for t in page.evaluate("window.__gdText") if t[0] == "path"}
        axis = words.section("live", lang)["script"]["axis"]
        assert {axis["x"], axis["y"], axis["f"], "0", "−2", "2"} <= drawn, drawn
        # the y label and the colour bar's upright above the map, as the static figures
        heights = {t[3]: t[8] for t in page.evaluate("window.__gdText") if t[0] == "path"}
        assert heights[axis["y"]] < y0 and heights[axis["f"]] < y0, (heights, y0)
        # the start at the map's left edge: its square is drawn whole, half of it in the margin
        canvas = page.locator(f"{root} canvas")
        canvas.focus()
        for _ in range(60):
            page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(150)
        (dx0, _), (dy0, dy1) = live_data()["path"]["domain"]
        start = json.loads(page.get_attribute(root, "data-start"))
        assert start[0] == dx0
        y = y0 + h * (1 - (start[1] - dy0) / (dy1 - dy0))
        pixel = page.evaluate(
            f"""() => {{ const c = document.querySelector('{root} canvas');
              const d = Number(c.dataset.dpr);
              return [...c.getContext('2d').getImageData(Math.round(({x0} - 4) * d),
                Math.round({y} * d), 1, 1).data]; }}"""
        )
        want = [int(palette.mark("start", "map")[i : i + 2], 16) for i in (1, 3, 5)]
        assert (
            pixel[3] == 255 and max(abs(a - b) for a, b in zip(pixel[:3], want, strict=True)) <= 8
        ), pixel
        assert errors == []
    finally:
        ctx.close()


def test_exponents_in_status_text_use_a_face_with_superscripts(browser, base_url) -> None:
    ctx, page, errors = open_page(
        browser, f"{base_url}/ko/playground.html?preset=seed",
        viewport={"width": 1280, "height": 800},
    )  # fmt: skip
    try:
        page.wait_for_function("() => gdPlayground.state.playing === false")
        text = page.inner_text(".gd-pg-run-0")
        assert "10⁻¹⁰" in text  # the same characters, for copying and for screen readers
        faces = page.evaluate(
            """() => [...document.querySelectorAll('.gd-pg-run-0 .gd-sup')].map(
              (s) => [s.textContent, getComputedStyle(s).fontFamily])"""
        )
        # the stopping rule's 10⁻¹⁰ and the arrival distance 10⁻³ (the run stops, then arrives)
        assert {t for t, _ in faces} == {"⁻¹⁰", "⁻³"}, faces
        assert all(f.startswith(f'"{palette.FAMILY[0]}"') for _, f in faces), faces
        # the signs of ‖∇f‖ in a face that draws them as signs, not the Korean text's
        signs = page.evaluate(
            """() => [...document.querySelectorAll('.gd-pg-run-0 .gd-sym')].map(
              (s) => [s.textContent, getComputedStyle(s).fontFamily])"""
        )
        assert "‖∇" in {t for t, _ in signs}, signs
        assert all(f.startswith(f'"{palette.FAMILY[0]}"') for _, f in signs), signs
        assert errors == []
    finally:
        ctx.close()
