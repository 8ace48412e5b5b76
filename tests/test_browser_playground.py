"""The playground as an instrument, in Chromium with motion on (as most readers have it).

The animation under rapid runs and preset clicks (one loop at a time, the whole path drawn, no page
error), play / pause / step, the epochs input refusing bad values with a message in the page's
language, the learning-rate slider's spoken value, diverged runs drawn and explained, controls
that re-run, two learning rates, the race of plain descent, momentum and noise (each end the
engine's, each in its palette colour, named in the key; its preset through the address), the
links from the exercises page with their presets, the layout on a phone and a laptop, and the
canvas following the reader's theme. Each result is compared with ``gdcore.descend``.
"""

from __future__ import annotations

import json
import re
import time

import numpy as np
import pytest
from status_text import EPOCHS as EPOCHS_TABLE
from status_text import (
    expected_run_status,
    expected_status,
    playground_coord,
    playground_value,
    readout,
)
from test_shared_js import EXACT

from gdcore import critical_points, descend, get_landscape, landscape_names
from gdcore.book import palette, words
from gdcore.book.pages.playground import (
    DEFAULT_STARTS,
    EPOCHS_RANGE,
    PRESETS,
    SEED_RANGE,
    TOL,
    lr_stops,
)
from gdcore.book.params import EX_BOWL, RECAP
from gdcore.outcome import classify

pytestmark = pytest.mark.site  # builds the whole site (see conftest.py)

ROOT = "#gd-playground"
#: Counts the playground's pending animation-frame callbacks (tagged by the script that asked).
COUNT_FRAMES = """
window.gdFrames = { pending: new Set(), most: 0 };
const request = window.requestAnimationFrame.bind(window);
const cancel = window.cancelAnimationFrame.bind(window);
window.requestAnimationFrame = (fn) => {
  const ours = (new Error().stack || "").includes("gd-playground.js");
  const id = request((t) => { gdFrames.pending.delete(id); fn(t); });
  if (ours) {
    gdFrames.pending.add(id);
    gdFrames.most = Math.max(gdFrames.most, gdFrames.pending.size);
  }
  return id;
};
window.cancelAnimationFrame = (id) => { gdFrames.pending.delete(id); cancel(id); };
"""


class Playground:
    """The playground page in a fresh browser context; fails the test on any page error.

    A test of a run's end (its numbers, status, plots) opens it with ``reduced_motion="reduce"``,
    as a reader who asks for less motion: the run is drawn at its end at once, the frame the
    animation ends on, instead of after up to 3 s of animation. The animation itself is tested
    with motion (play, pause, step, its length, rapid runs)."""

    def __init__(self, browser, base_url: str, lang: str = "en", suffix: str = "", **context):
        context.setdefault("viewport", {"width": 1280, "height": 900})
        self.context = browser.new_context(**context)
        self.context.add_init_script(COUNT_FRAMES)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.goto(f"{base_url}/{lang}/playground.html{suffix}")
        self.page.wait_for_selector(f"{ROOT}.gd-ready")

    def data(self) -> dict[str, str]:
        return self.page.evaluate(f"({{...document.querySelector('{ROOT}').dataset}})")

    def settled(self) -> dict[str, str]:
        self.page.wait_for_function(
            f"() => document.querySelector('{ROOT}').dataset.playing === 'false'", timeout=10_000
        )
        return self.data()

    def close(self) -> None:
        self.context.close()
        assert self.errors == [], self.errors


@pytest.fixture
def open_playground(browser, base_url: str):
    opened: list[Playground] = []

    def make(lang: str = "en", suffix: str = "", **context) -> Playground:
        opened.append(Playground(browser, base_url, lang, suffix, **context))
        return opened[-1]

    yield make
    for p in opened:
        p.close()


def ours(name: str, start, lr: float, epochs: int, ascent: bool = False):
    return descend(
        get_landscape(name), start, learning_rate=lr, epochs=epochs, ascent=ascent, tol=TOL
    )


def test_rapid_runs_and_presets_always_draw_the_whole_path(open_playground) -> None:
    pg = open_playground(viewport={"width": 1280, "height": 2400})  # no scrolling between clicks
    page = pg.page
    rng = np.random.default_rng(15)
    box = page.locator("#gd-pg-canvas").bounding_box()
    presets = [page.locator(f"button[data-preset={p.key}]").bounding_box() for p in PRESETS]
    for i in range(30):  # clicks on the map and preset buttons, faster than the animation
        if i % 3 == 2:
            b = presets[i % len(presets)]
            page.mouse.click(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
        else:
            x, y = rng.uniform(0.15, 0.75, 2)
            page.mouse.click(box["x"] + x * box["width"], box["y"] + y * box["height"])
        page.wait_for_timeout(int(rng.integers(0, 40)))
    frames: list[int] = page.evaluate(  # the last run's frames, as the page shows them
        """() => new Promise((done) => {
          const root = document.getElementById('gd-playground');
          const seen = [];
          const watch = new MutationObserver(() => {
            seen.push(Number(root.dataset.frame));
            if (root.dataset.playing === 'false') { watch.disconnect(); done(seen); }
          });
          watch.observe(root, { attributes: true });
          document.querySelector('button[data-preset=seed]').click();
        })"""
    )
    data = pg.settled()
    run = ours("peaks", (0.0, 1.4), 0.01, 1000)
    assert frames == sorted(frames), "an older loop is still drawing"
    assert int(data["frame"]) == run.epochs_run == frames[-1]  # the whole path, to its end
    assert page.evaluate("gdFrames.most") == 1  # one loop at a time
    assert page.evaluate("gdFrames.pending.size") == 0
    np.testing.assert_allclose(json.loads(data["end"]), run.final, rtol=1e-9)


def test_animation_length_grows_with_the_epochs_and_play_pause_step(open_playground) -> None:
    pg = open_playground(suffix="?lr=0.001&start=0,0&epochs=10")  # runs every epoch there
    page = pg.page
    assert ours("peaks", (0, 0), 0.001, 1000).epochs_run == 1000
    pg.settled()
    took = {}
    for epochs in (10, 1000):
        page.fill("#gd-pg-epochs", str(epochs))
        t0 = time.perf_counter()
        page.click("#gd-pg-run")
        pg.settled()
        took[epochs] = time.perf_counter() - t0
    assert 0.3 < took[10] < took[1000] - 1 and took[1000] < 3.5, took
    page.click("#gd-pg-run")
    page.wait_for_timeout(300)
    page.click("#gd-pg-play")  # pause
    paused = pg.data()
    assert paused["playing"] == "false" and 0 < int(paused["frame"]) < 1000
    page.wait_for_timeout(200)
    assert pg.data()["frame"] == paused["frame"]
    page.click("#gd-pg-step")
    assert int(pg.data()["frame"]) == int(paused["frame"]) + 1
    page.click("#gd-pg-back")
    page.click("#gd-pg-back")
    assert int(pg.data()["frame"]) == int(paused["frame"]) - 1
    counter = page.inner_text("#gd-pg-counter")
    assert re.fullmatch(rf"Epoch {int(paused['frame']) - 1:,} of 1,000", counter), counter
    page.click("#gd-pg-play")
    assert pg.settled()["frame"] == "1000"


@pytest.mark.parametrize(
    ("lang", "words"), [("en", ("Epochs", "whole number")), ("ko", ("에포크", "정수"))]
)
def test_epochs_refuse_bad_input_with_a_message(open_playground, lang: str, words) -> None:
    pg = open_playground(lang, reduced_motion="reduce")
    page = pg.page
    page.click("button[data-preset=seed]")
    low, high = (f"{n:,}" for n in EPOCHS_RANGE)
    for bad in ("-5", "", "0", "2.5", "1e9", "abc", str(EPOCHS_RANGE[1] + 1)):
        page.fill("#gd-pg-epochs", bad)
        message = page.inner_text("#gd-pg-epochs-msg")
        assert all(w in message for w in words[:1]) and low in message and high in message
        assert bad.strip() in message
        assert page.input_value("#gd-pg-epochs") == bad  # not silently changed
        assert page.get_attribute("#gd-pg-epochs", "aria-invalid") == "true"
        data = pg.data()
        assert data["status"] == "invalid" and data["epochs"] == "" and "end" not in data
        assert page.inner_text("#gd-pg-result") == ""
    assert words[1] in page.inner_text("#gd-pg-epochs-msg")
    page.fill("#gd-pg-epochs", "200")  # fixed: the run comes back from the same start
    data = pg.data()
    assert page.inner_text("#gd-pg-epochs-msg") == ""
    assert page.get_attribute("#gd-pg-epochs", "aria-invalid") is None
    np.testing.assert_allclose(
        json.loads(data["end"]), ours("peaks", (0.0, 1.4), 0.01, 200).final, rtol=1e-9
    )


def test_controls_rerun_and_the_slider_speaks_the_learning_rate(open_playground) -> None:
    pg = open_playground(reduced_motion="reduce")
    page = pg.page
    page.click("button[data-preset=seed]")
    assert page.get_attribute("#gd-pg-lr", "aria-valuetext") == "0.01"
    page.focus("#gd-pg-lr")
    page.keyboard.press("ArrowRight")
    lr = float(pg.data()["lr"])
    assert lr == 0.011  # the next stop: rates with two significant digits, 90 a decade
    assert page.get_attribute("#gd-pg-lr", "aria-valuetext") == "0.011"
    np.testing.assert_allclose(
        json.loads(pg.data()["end"]), ours("peaks", (0.0, 1.4), lr, 1000).final, rtol=1e-9
    )
    assert f"Learning rate {float(f'{lr:.2g}'):g} " in page.inner_text("#gd-pg-result")
    page.fill("#gd-pg-lr", str(lr_stops() - 2 * 90 + 55))  # exercise 6's 0.065 = 0.01 × (1 + 5.5)
    lr = float(pg.data()["lr"])
    assert lr == 0.065
    page.check("input[name=gd-pg-dir][value=ascent]")  # the direction re-runs
    np.testing.assert_allclose(
        json.loads(pg.data()["end"]), ours("peaks", (0.0, 1.4), lr, 1000, True).final, rtol=1e-9
    )
    # the map's accessible name follows the direction
    said = words.section("playground", "en")["script"]["canvas_ascent"]
    assert page.get_attribute("#gd-pg-canvas", "aria-label") == said
    page.check("#gd-pg-compare")  # a second run from the same start, dashed
    data = pg.data()
    assert page.locator("#gd-pg-result p").count() == 2
    lr2 = float(data["lr2"])
    np.testing.assert_allclose(
        json.loads(data["end2"]), ours("peaks", (0.0, 1.4), lr2, 1000, True).final, rtol=1e-9
    )
    page.focus("#gd-pg-canvas")  # the start readout follows the keys
    page.keyboard.press("ArrowLeft")
    start = json.loads(pg.data()["start"])
    assert page.inner_text("#gd-pg-cursor") == "Start ({:.2f},\u00a0{:.2f})".format(*start).replace(
        "-", "\u2212"
    )
    page.select_option("#gd-pg-landscape", "separable")  # another landscape clears the run
    data = pg.data()
    assert data["status"] == "idle" and "end" not in data
    assert page.inner_text("#gd-pg-result") == ""


def test_diverged_runs_are_drawn_to_their_last_point_with_the_reason(open_playground) -> None:
    pg = open_playground(suffix="#landscape=parabola&lr=0.5&epochs=100&start=1.7")  # after #, too
    data = pg.settled()
    run = ours("parabola", (1.7,), 0.5, 100)
    assert run.status == "diverged" and data["status"] == "diverged"
    assert int(data["frame"]) == run.epochs_run
    np.testing.assert_allclose(json.loads(data["end"]), run.final, rtol=1e-9)
    text = pg.page.inner_text("#gd-pg-result")
    # the status's words before its reason, from the catalogue (the page is in English)
    said = words.section("outcome", "en")["diverged"].split("{reason}")[0]
    assert said.format(epoch=f"{run.epochs_run + 1:,}") in text, (said, text)
    assert "1,000,000" in text
    assert not re.search(r"\d{7}", text), text  # not "value 2672279793023.08"
    # the path is on the curve's plot, in the palette's path colour for plain paper
    drawn = canvas_pixels(pg, "gd-pg-canvas", palette.mark("path"))
    assert drawn > 200


def test_each_exercise_links_to_its_preset(browser, base_url: str) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for lang in ("en", "ko"):
        page.goto(f"{base_url}/{lang}/exercises.html")
        links = page.eval_on_selector_all("a.gd-pg-try", "as => as.map(a => a.href)")
        sections = page.eval_on_selector_all(
            "section:has(> h2)", "s => s.map(x => x.querySelectorAll('a.gd-pg-try').length)"
        )
        assert len(sections) >= 7 and all(sections), sections  # every exercise has one
        for href in links:
            key = href.split("?preset=")[1]
            preset = next(p for p in PRESETS if p.key == key)
            page.goto(href)
            page.wait_for_selector(f"{ROOT}.gd-ready")
            data = page.evaluate(f"({{...document.querySelector('{ROOT}').dataset}})")
            assert float(data["lr"]) == preset.lr and int(data["epochs"]) == preset.epochs
            assert json.loads(data["start"]) == list(preset.start)
            run = ours_with(
                preset.landscape, preset.start, preset.lr, preset.epochs, preset.ascent,
                momentum=preset.momentum, noise=preset.noise, seed=preset.seed,
            )  # fmt: skip
            assert float(data["momentum"]) == preset.momentum
            np.testing.assert_allclose(json.loads(data["end"]), run.final, rtol=1e-9)
            if preset.lr2 is not None:
                second = ours(preset.landscape, preset.start, preset.lr2, preset.epochs)
                np.testing.assert_allclose(json.loads(data["end2"]), second.final, rtol=1e-9)
                # two runs: the loss note speaks of each run (one may arrive while the other not)
                from gdcore.book.pages.playground import bundle_data

                floor = "10" + str(round(np.log10(bundle_data()["floor"]))).translate(SUP_MAP)
                note = words.section("playground", lang)["script"]["loss_note"]
                want = note[data["loss"] + "_each"].format(radius="10⁻³", floor=floor)
                assert page.inner_text("#gd-pg-plot-note") == want
            assert page.inner_text("#gd-pg-link-msg") == ""
    page.goto(f"{base_url}/en/playground.html?preset=nonsense&lr=2")
    page.wait_for_selector(f"{ROOT}.gd-ready")
    assert "preset=nonsense" in page.inner_text("#gd-pg-link-msg")
    context.close()
    assert errors == []


@pytest.mark.parametrize(("width", "beside"), [(390, False), (1280, True)])
def test_layout_and_theme(open_playground, width: int, beside: bool) -> None:
    pg = open_playground(
        "ko", "?preset=seed", viewport={"width": width, "height": 900}, color_scheme="light"
    )
    page = pg.page
    pg.settled()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    geometry = page.evaluate(
        """() => ['gd-pg-canvas', 'gd-pg-plot', 'gd-pg-controls'].map(id => {
          const e = document.getElementById(id) || document.querySelector('.' + id);
          const b = e.getBoundingClientRect();
          return [b.left, b.top, b.right, b.bottom]; })"""
    )
    (ml, _, mr, mb), (pl, pt, pr, _), (cl, ct, _, _) = geometry
    # the map first: the controls beside it on a laptop, below it on a phone; the plot of the
    # run below both
    assert (cl >= mr and ct < mb) if beside else ct >= mb
    assert pt >= mb
    assert mr - ml >= 340 and pr - pl >= 250  # readable: ticks and labels at 12 px
    # the presets: a grid, two columns or more on a laptop and one on a phone, in the page's
    # order row by row, every button inside the fieldset
    box, buttons = page.evaluate(
        """() => { const f = document.getElementById('gd-pg-presets');
          const r = (e) => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
          return [r(f), [...f.querySelectorAll('button')].map(r)]; }"""
    )
    assert len(buttons) == len(PRESETS)
    rows = sorted({round(b[1]) for b in buttons})
    columns = sorted({round(b[0]) for b in buttons})
    assert len(columns) == (2 if beside else 1), columns
    assert len(rows) == (-(-len(PRESETS) // 2) if beside else len(PRESETS)), rows
    ordered = sorted(buttons, key=lambda b: (round(b[1]), round(b[0])))
    assert ordered == buttons  # reading order: left to right, then the next row
    for left, top, right, bottom in buttons:
        assert box[0] < left and right < box[2] and box[1] < top and bottom < box[3], box
    # the map's frame is drawn in the theme's secondary text colour; furo's toggle redraws it
    frame = """() => {
      const c = document.getElementById('gd-pg-canvas');
      const s = gdPlayground.state, d = window.devicePixelRatio;
      const [x, y] = gdPlayground.toPixel([-3, 0]);
      const px = c.getContext('2d').getImageData(Math.round((x - 1) * d), Math.round(y * d), 1, 1).data;
      const probe = document.createElement('span');
      probe.style.color = 'var(--color-foreground-secondary)';
      document.body.append(probe);
      const want = getComputedStyle(probe).color.match(/\\d+/g).slice(0, 3).map(Number);
      probe.remove();
      return [Array.from(px.slice(0, 3)), want];
    }"""
    light, want_light = page.evaluate(frame)
    page.evaluate("document.body.dataset.theme = 'dark'")
    page.wait_for_timeout(50)
    dark, want_dark = page.evaluate(frame)
    assert want_light != want_dark
    for got, want in ((light, want_light), (dark, want_dark)):
        assert max(abs(a - b) for a, b in zip(got, want, strict=True)) <= 24, (got, want)


# --- every regime a run can reach, said as the engine classifies it ---------------------------
def classified(name: str, start, lr: float, epochs: int, ascent: bool = False):
    return classify(ours(name, start, lr, epochs, ascent))


def shown(pg: Playground, r: int = 0) -> tuple[str, str | None, str]:
    """The run's data-status, data-reason and status sentence (the result line's end)."""
    tag = "" if r == 0 else "2"
    data = pg.data()
    return data[f"status{tag}"], data.get(f"reason{tag}"), pg.page.inner_text(f".gd-pg-run-{r}")


#: (regime, the link that reaches it, the run as (landscape, start, lr, epochs, ascent), which
#: run of the link: 0 solid, 1 dashed). The engine decides the expected regime; the first field
#: only names the case and is checked to be what the engine says.
REGIME_LINKS = [
    ("converged", "?preset=seed", ("peaks", (0.0, 1.4), 0.01, 1000), 0),
    ("finished", "?preset=lr_tiny", ("peaks", (0.0, 1.4), 1e-5, 1000), 0),
    ("bouncing", "?preset=predict", ("peaks", (0.2, -1.3), 0.07, 1000), 1),
    ("bouncing", "?preset=bowl", ("elongated_bowl", EX_BOWL["start"], 0.1, 1000), 1),
    ("diverged/bound", "?landscape=parabola&lr=0.5&epochs=100&start=1.7",
     ("parabola", (1.7,), 0.5, 100), 0),
    ("diverged/against", "?landscape=elongated_bowl&lr=0.12&epochs=30&start=-2.5,1",
     ("elongated_bowl", (-2.5, 1.0), 0.12, 30), 0),
    ("diverged/against", "?landscape=separable&lr=0.4&epochs=30&start=-1.2,0.3",
     ("separable", (-1.2, 0.3), 0.4, 30), 0),
    ("diverged/away", "?landscape=parabola&lr=0.1&epochs=10&start=1.7&dir=ascent",
     ("parabola", (1.7,), 0.1, 10, True), 0),
    ("at_rest", "?landscape=rippled_bowl&start=0", ("rippled_bowl", (0.0,), 0.01, 1000), 0),
    ("at_rest/ascent", "?landscape=rippled_bowl&start=0&dir=ascent",
     ("rippled_bowl", (0.0,), 0.01, 1000, True), 0),
    ("finished/just below the limit", "?landscape=parabola&lr=0.3333333",
     ("parabola", (RECAP["start"],), 0.3333333, 1000), 0),
    ("converged/ascent", "?preset=ascent", ("peaks", (0.0, 1.4), 0.01, 1000, True), 0),
    ("finished/left the map", "?preset=lr_too_large", ("peaks", (0.0, 1.4), 0.5, 1000), 0),
    ("finished/left and back", "?start=-1.5,-3", ("peaks", (-1.5, -3.0), 0.01, 1000), 0),
    ("wandering", "?start=0,-1&lr=0.1", ("peaks", (0.0, -1.0), 0.1, 1000), 0),
]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    ("case", "link", "args", "r"), REGIME_LINKS, ids=[c[0] for c in REGIME_LINKS]
)
def test_each_regime_is_said_as_the_engine_classifies_it(
    open_playground, lang: str, case: str, link: str, args: tuple, r: int
) -> None:
    run = ours(*args)
    o = classify(run)
    regime, _, where = case.partition("/")
    assert o.regime == regime and (o.reason == where if o.reason else True), (case, o)
    if "left" in where:
        assert o.left_domain and o.ends_outside == ("back" not in where)
    pg = open_playground(lang, link, reduced_motion="reduce")  # the run shown at its end
    pg.settled()
    status, reason, text = shown(pg, r)
    assert (status, reason) == (o.regime, o.reason)
    assert pg.data()["left" if r == 0 else "left2"] == str(o.left_domain).lower()
    ascent = len(args) > 4 and args[4]
    dim = get_landscape(args[0]).dim
    assert text.endswith(
        expected_status(
            o,
            lang,
            figure="playground",
            landscape=args[0],
            ascent=ascent,
            dim=dim,
            final=run.final,
        )
    )


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_one_dimensional_start_and_end_read_as_x_equals(open_playground, lang) -> None:
    """On a curve the start and end readouts are "x = −1.50", not one number in parentheses."""
    pg = open_playground(lang, "?landscape=parabola&lr=0.1&epochs=20&start=-1.5")
    pg.settled()
    run = ours("parabola", (-1.5,), 0.1, 20)
    start = pg.page.inner_text("#gd-pg-cursor")
    assert start.endswith("x\u00a0=\u00a0\u22121.50") and "(" not in start, start
    end = "x\u00a0=\u00a0" + playground_coord(float(run.final[0]), 6)
    text = pg.page.inner_text(".gd-pg-run-0")
    assert end in text and "(" + playground_coord(float(run.final[0]), 6) + ")" not in text, text


def test_a_rate_from_a_link_is_shown_with_every_digit_it_runs_with(open_playground) -> None:
    """0.3333333 is not 0.333: the slider's readout and the result line show the rate run with."""
    pg = open_playground("en", "?landscape=parabola&lr=0.3333333&epochs=1000")
    pg.settled()
    assert pg.page.inner_text("#gd-pg-lr-out") == "0.3333333"
    assert pg.page.inner_text(".gd-pg-run-0").startswith("Learning rate 0.3333333 ")
    assert pg.data()["status"] == "finished"  # converging slowly, not bouncing


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_large_values_are_grouped_and_rounding_noise_is_not_shown(open_playground, lang) -> None:
    """A value of tens of thousands as 32,158.02 (not 32158.017655); a start moved back to 0 with
    the arrow keys is 0, shown 0.00, not the −6.4×10⁻¹⁶ that adding sixtieths of the map leaves."""
    link = "?landscape=elongated_bowl&lr=0.02&epochs=12&start=-2.5,1&dir=ascent"
    pg = open_playground(lang, link)
    pg.settled()
    run = ours("elongated_bowl", (-2.5, 1.0), 0.02, 12, True)
    assert 1e4 <= run.final_value < 1e5  # the case: five digits before the point
    value = playground_value(float(run.final_value), 6)
    assert "," in value and len(value.split(".")[1]) == 2, value
    end = "(" + ",\u00a0".join(playground_coord(float(v), 6) for v in run.final) + ")"
    text = pg.page.inner_text(".gd-pg-run-0")
    assert value in text and end in text, text
    page = pg.page
    page.evaluate("gdPlayground.setLandscape('peaks')")  # the reference start, (0, 1.4)
    page.focus("#gd-pg-canvas")
    steps = round(1.4 / (6 / 60))  # sixtieths of the map's 6 units down to y = 0
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("gdPlayground.state.cursor") == [0, 0]
    shown_start = page.inner_text("#gd-pg-cursor")
    assert "0.00,\u00a00.00" in shown_start and "\u00d710" not in shown_start, shown_start


def critical_starts() -> list[tuple[str, tuple[float, ...] | None]]:
    """Every landscape the playground offers, from its default start (None) and from each of
    its critical points."""
    out: list[tuple[str, tuple[float, ...] | None]] = []
    for name in landscape_names():
        out.append((name, None))
        out += [(name, tuple(c.x.tolist())) for c in critical_points(get_landscape(name))]
    return out


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_landscape_runs_from_its_default_start_and_its_critical_points(
    open_playground, lang: str
) -> None:
    """Every landscape's default start runs, moves (it is not at rest: not a critical point) and
    is said as the engine says it; a run of length 0 from a critical point is a result too:
    drawn, with the at-rest status, and no page error."""
    pg = open_playground(lang, reduced_motion="reduce")
    page = pg.page
    for name, start in critical_starts():
        land = get_landscape(name)
        if start is None:  # choose the landscape and press Run, as a reader does
            page.select_option("#gd-pg-landscape", name)
            page.click("#gd-pg-run")
            start = DEFAULT_STARTS[name]
        else:  # a link to the point (the hash: no reload)
            page.evaluate(
                "h => { location.hash = h; }",
                f"landscape={name}&start={','.join(repr(v) for v in start)}&r={len(pg.errors)}",
            )
        page.wait_for_function(
            """s => { const d = document.getElementById('gd-playground').dataset;
                      return d.end && JSON.stringify(JSON.parse(d.start)) === JSON.stringify(s); }""",
            arg=list(start),
        )
        run = ours(name, start, 0.01, 1000)
        o = classify(run)
        status, reason, text = shown(pg)
        assert (status, reason) == (o.regime, o.reason), (name, start)
        assert text.endswith(
            expected_status(
                o, lang, figure="playground", landscape=name, dim=land.dim, final=run.final
            )
        ), text
        if start == DEFAULT_STARTS[name]:
            assert status != "at_rest" and o.epochs_run > 0, name
        if o.start_grad_norm <= TOL:
            assert status == "at_rest" and pg.data()["frame"] == "0"
        assert page.inner_text("#gd-pg-counter") != ""  # drawn: the counter shows the run
        assert pg.errors == [], (name, start, pg.errors)
    at_rest = [s for n, s in critical_starts() if s is not None]
    assert len(at_rest) >= len(landscape_names())


@pytest.mark.parametrize("key", ["landscape", "preset", "dir"])
def test_settings_named_like_built_in_object_keys_are_refused(open_playground, key: str) -> None:
    for name in ("toString", "__proto__", "constructor", "valueOf", "hasOwnProperty"):
        pg = open_playground(suffix=f"?{key}={name}&lr=0.02")
        pg.settled()
        message = pg.page.inner_text("#gd-pg-link-msg")
        assert message == words.word("playground.script.error.link", "en", setting=f"{key}={name}")
        if key != "preset":  # the rest of the link still runs, on peaks
            data = pg.data()
            assert data["lr"] == "0.02" and data["status"] != "idle"
            end = ours("peaks", DEFAULT_STARTS["peaks"], 0.02, 1000).final
            np.testing.assert_allclose(json.loads(data["end"]), end, rtol=1e-9)
        pg.close()


def test_a_long_setting_is_not_repeated_whole(open_playground) -> None:
    long = "x" * 20_000
    pg = open_playground(suffix=f"?landscape={long}&epochs={long}")
    message = pg.page.inner_text("#gd-pg-link-msg")
    assert len(message) < 200 and "landscape=xxxx" in message and "…" in message
    epochs = pg.page.inner_text("#gd-pg-epochs-msg")
    assert len(epochs) < 200 and "xxxx…" in epochs


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_epochs_box_reads_as_the_live_figures_box(open_playground, lang: str) -> None:
    """The one parser (shared.js), with the same table as in node and on the basin map."""
    pg = open_playground(lang, "?preset=seed", reduced_motion="reduce")
    page = pg.page
    low, high = EPOCHS_RANGE
    for raw, want in EPOCHS_TABLE:
        page.fill("#gd-pg-epochs", raw)
        data, message = pg.data(), page.inner_text("#gd-pg-epochs-msg")
        if isinstance(want, int):
            assert (data["epochs"], message) == (str(want), ""), raw
            np.testing.assert_allclose(
                json.loads(data["end"]), ours("peaks", (0.0, 1.4), 0.01, want).final, rtol=1e-9
            )
        else:
            said = words.word(f"playground.script.error.{want}", lang, min=f"{low:,}",
                              max=f"{high:,}", value=raw.strip())  # fmt: skip
            assert (data["status"], data["epochs"], message) == ("invalid", "", said), raw


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_first_screen_shows_the_default_run_with_its_status_and_plots_under_the_map(
    open_playground, lang: str
) -> None:
    """Opened with no settings, the playground runs its default once (the engine's end point,
    drawn whole), leaves the focus where it was, and on a 390 px phone puts the runs' table and
    the f / ‖∇f‖ plot under the map and its learning rate, before the other controls."""
    pg = open_playground(lang, viewport={"width": 390, "height": 844})
    page = pg.page
    data = pg.settled()
    first = PRESETS[0]  # the settings the page opens with, from the peaks' default start
    run = ours("peaks", DEFAULT_STARTS["peaks"], first.lr, first.epochs)
    assert data["status"] == classify(run).regime
    np.testing.assert_allclose(json.loads(data["end"]), run.final, rtol=1e-9)
    assert page.inner_text(".gd-pg-run-0").endswith(
        expected_status(
            classify(run), lang, figure="playground", landscape="peaks", final=run.final
        )
    )
    assert page.evaluate("document.activeElement === document.body")
    assert page.evaluate("window.scrollY") == 0  # nothing scrolled the page either
    box = lambda sel: page.locator(sel).bounding_box()  # noqa: E731
    canvas, result, plot = box("#gd-pg-canvas"), box("#gd-pg-runs"), box("#gd-pg-plot")
    controls = box(".gd-pg-controls")
    map_bottom = canvas["y"] + canvas["height"]
    # between the map and the runs' table only the learning rate, Run, the transport buttons
    # and the readouts (the other controls come after the plot)
    assert 0 <= result["y"] - map_bottom <= 400, (canvas, result)
    assert result["y"] + result["height"] <= plot["y"] < controls["y"], (result, plot, controls)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_transport_buttons_fit_one_line_each_on_a_phone(open_playground, lang: str) -> None:
    """At 390 px the three transport buttons (one epoch back, play, one epoch forward) sit on one
    row, each label on one line."""
    pg = open_playground(lang, viewport={"width": 390, "height": 844})
    page = pg.page
    rows = page.evaluate(
        """() => ['gd-pg-back', 'gd-pg-play', 'gd-pg-step'].map(id => {
          const b = document.getElementById(id);
          const r = b.getBoundingClientRect();
          const range = document.createRange();
          // the label shown (the play button holds its other label too, hidden)
          range.selectNodeContents(b.querySelector('span:not([hidden])') || b);
          return [Math.round(r.top), range.getClientRects().length, r.right]; })"""
    )
    assert len({top for top, _, _ in rows}) == 1, rows  # one row
    assert [lines for _, lines, _ in rows] == [1, 1, 1], rows  # each label on one line
    assert max(right for _, _, right in rows) <= 390, rows


PLAY_GEOMETRY = """() => {
  const play = document.getElementById('gd-pg-play');
  const step = document.getElementById('gd-pg-step').getBoundingClientRect();
  return { width: play.getBoundingClientRect().width, step: [step.left, step.top],
           label: play.innerText.trim(),
           playing: document.getElementById('gd-playground').dataset.playing };
}"""


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_play_button_keeps_its_width_when_its_label_changes(
    open_playground, lang: str, width: int
) -> None:
    """Play / Pause: the button is as wide in both states, so the next button (one epoch
    forward) stays under the pointer; each state shows its own label, in the page's words."""
    pg = open_playground(lang, "?preset=more_epochs", viewport={"width": width, "height": 844})
    pg.settled()
    script = words.section("playground", lang)["script"]
    states = pg.page.evaluate(
        f"""() => {{
          const measure = {PLAY_GEOMETRY};
          const play = document.getElementById('gd-pg-play');
          const out = [measure()];
          play.click();  // plays: the label says pause
          out.push(measure());
          play.click();  // paused again
          out.push(measure());
          return out;
        }}"""
    )
    assert [s["playing"] for s in states] == ["false", "true", "false"], states
    assert [s["label"] for s in states] == [script["play"], script["pause"], script["play"]]
    assert len({s["width"] for s in states}) == 1, states
    assert len({tuple(s["step"]) for s in states}) == 1, states


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_control_fits_a_phone_each_under_its_label(open_playground, lang: str) -> None:
    """At 390 px (a phone, light) every control of the panel lies on the screen, whatever the
    length of its label (the Korean labels are long: "그레이디언트 잡음(gradient noise) σ"); the
    learning-rate slider takes its whole row but for its readout beside it, so its track is as
    long as the panel allows (the bound: the panel's width less the readout's and the gap
    between them; a track squeezed by a label column beside it, 4 px, cannot be dragged through
    its stops); and each hint is as wide as the panel, not one or two words a line (the
    bound: 60% of the panel, more than any label column leaves beside the labels)."""
    pg = open_playground(lang, viewport={"width": 390, "height": 844}, color_scheme="light")
    pg.settled()
    got = pg.page.evaluate(
        """() => {
          // the panels: the learning rate and Run under the map, the other controls after
          const panels = [...document.querySelectorAll('.gd-pg-drive, .gd-pg-controls')];
          const panel = panels[1];
          const all = (sel) => panels.flatMap((p) => [...p.querySelectorAll(sel)]);
          const box = (e) => e.getBoundingClientRect();
          const shown = (e) => e.getClientRects().length > 0;
          const controls = all('input, select, button, output, label, legend')
            .filter(shown).map((e) => [e.id || e.tagName + ':' + e.textContent.trim().slice(0, 20),
                                       box(e).left, box(e).right]);
          const lr = document.querySelector('.gd-pg-lr');
          return {
            screen: document.documentElement.clientWidth, controls, widths: panels.map((p) => box(p).width),
            panel: box(panel).width, slider: box(document.getElementById('gd-pg-lr')).width,
            readout: box(document.getElementById('gd-pg-lr-out')).width,
            gap: parseFloat(getComputedStyle(lr).columnGap),
            hints: all('.gd-pg-hint').filter(shown).map((e) => [e.id, box(e).width]),
          };
        }"""
    )
    assert len(got["controls"]) >= 10, got["controls"]
    assert len(set(got["widths"])) == 1, got["widths"]  # on a phone both panels span the column
    off = [c for c in got["controls"] if c[1] < 0 or c[2] > got["screen"]]
    assert off == [], (got["screen"], off)
    assert got["slider"] >= got["panel"] - got["readout"] - got["gap"] - 1, got
    narrow = [h for h in got["hints"] if h[1] < 0.6 * got["panel"]]
    assert len(got["hints"]) >= 4 and narrow == [], (got["panel"], got["hints"])


#: Records each fill on the map (its colour and its path's points, CSS px) while the map is
#: drawn again for the landscape chosen; returns {fills, toPixel of each point asked}.
RECORD_FILLS = """([name, points]) => {
  const fills = [];
  const proto = CanvasRenderingContext2D.prototype;
  const saved = {};
  let pts = [];
  const wrap = (k, f) => { saved[k] = proto[k]; proto[k] = function (...a) {
    if (this.canvas.id === 'gd-pg-canvas') f.call(this, ...a);
    return saved[k].apply(this, a); }; };
  wrap('beginPath', () => { pts = []; });
  wrap('moveTo', (x, y) => pts.push([x, y]));
  wrap('lineTo', (x, y) => pts.push([x, y]));
  wrap('fill', function () { fills.push([this.fillStyle, pts.slice()]); });
  const select = document.getElementById('gd-pg-landscape');
  select.value = name;
  select.dispatchEvent(new Event('change'));
  for (const k of Object.keys(saved)) proto[k] = saved[k];
  return { fills, at: points.map(([p, v]) => gdPlayground.toPixel(p, v)) };
}"""


def map_pixel(pg: Playground, x: float, y: float) -> list[int]:
    """The map canvas's pixel at (x, y) CSS px, as [r, g, b]."""
    return pg.page.evaluate(
        """([x, y]) => {
          const c = document.getElementById('gd-pg-canvas'), d = Number(c.dataset.dpr);
          return Array.from(c.getContext('2d').getImageData(Math.round(x * d), Math.round(y * d), 1, 1).data.slice(0, 3));
        }""",
        [x, y],
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_map_marks_the_engines_minima_as_the_static_figures_do(
    open_playground, lang: str, scheme: str
) -> None:
    """On every landscape, each local minimum gdcore.critical_points finds is marked as the static
    figures mark it: a ▽ filled in the palette's minimum colour at the minimum (on the 1D graph at
    (x, f)), the global minimum's larger than the others; nothing else so marked; on a 2D map the
    mark is seen there (its colour at the minimum's pixel: the colour map has no white); and the
    map's description names the marks with the static figures' legend words."""
    pg = open_playground(lang, color_scheme=scheme)
    pg.settled()
    script = words.section("playground", lang)["script"]
    for name in landscape_names():
        land = get_landscape(name)
        minima = [c for c in critical_points(land) if c.kind == "min"]
        assert minima, name
        points = [[c.x.tolist(), float(c.value)] for c in minima]
        # every minimum at the lowest value is a global minimum (two or four on the symmetric
        # landscapes), the engine's is_global_min flags one of them
        low = min(c.value for c in minima)
        got = pg.page.evaluate(RECORD_FILLS, [name, points])
        where = "map" if land.dim == 2 else ("dark" if scheme == "dark" else "paper")
        colour = palette.mark("minimum", where)
        # a ▽: two top corners level, the third below, between them
        marks = [
            pts
            for style, pts in got["fills"]
            if style == colour and len(pts) == 3 and pts[0][1] == pts[1][1] < pts[2][1]
        ]
        assert len(marks) == len(minima), (name, got["fills"])
        sizes = []
        for c, (x, y) in zip(minima, got["at"], strict=True):
            (a, top), (b, _), (cx, bottom) = next(
                m for m in marks if abs(m[2][0] - x) < 0.5 and m[0][1] < y < m[2][1]
            )
            assert a < cx < b and abs(cx - x) < 0.5 and top < y < bottom, (name, c.x)
            sizes.append((bool(np.isclose(c.value, low, rtol=1e-12, atol=1e-12)), b - a))
            if land.dim == 2:  # seen: the mark's colour where the minimum is
                px = map_pixel(pg, x, y)
                want = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
                assert max(abs(u - v) for u, v in zip(px, want, strict=True)) <= 12, (name, px)
        largest = {round(w, 3) for g, w in sizes if g}
        assert len(largest) == 1, (name, sizes)  # every global minimum's mark the same size
        assert all(w < min(largest) for g, w in sizes if not g), (name, sizes)
        # named under the map, as a static figure's legend names them, and in its description
        kinds = ["global"] + (["local"] if not all(g for g, _ in sizes) else [])
        shown = pg.page.locator("#gd-pg-marks li")
        assert pg.page.locator("#gd-pg-marks").is_visible()
        names = [shown.nth(i).locator("span").last.inner_text() for i in range(shown.count())]
        assert names == [script["marks"][k] for k in kinds], name
    described = pg.page.get_attribute("#gd-pg-canvas", "aria-describedby").split()
    assert "gd-pg-marks" in described


# --- momentum β, gradient noise σ and its seed --------------------------------------------------
def assert_same_end(end: list[float], run, name: str) -> None:
    """The browser's end point is the engine's: the same bits on a landscape without a
    transcendental function (test_shared_js.EXACT), else to 1e-9 (the browser's exp and cos may
    round their last bit differently from the engine's)."""
    if name in EXACT:
        assert end == run.final.tolist()
    else:
        np.testing.assert_allclose(end, run.final, rtol=1e-9, atol=1e-12)


def ours_with(name: str, start, lr: float, epochs: int, ascent: bool = False, **more):
    """The engine's run with the playground's tolerance and ``momentum``, ``noise``, ``seed``."""
    return descend(
        get_landscape(name), start, learning_rate=lr, epochs=epochs, ascent=ascent, tol=TOL, **more
    )


#: (case, link, the run as (landscape, start, lr, epochs, ascent), its momentum/noise/seed): every
#: regime the engine reaches with momentum, with noise, and with both. The case names the regime
#: the engine decides (checked), then what the status must say.
MORE_LINKS = [
    ("converged/momentum stops at rest", "?preset=bowl_momentum",
     ("elongated_bowl", EX_BOWL["start"], None, EX_BOWL["epochs"]), "bowl_momentum"),
    ("finished/a heavy ball past the minimum is still moving",
     "?landscape=elongated_bowl&lr=0.02&epochs=20&start=-2.5,1&momentum=0.9",
     ("elongated_bowl", (-2.5, 1.0), 0.02, 20), {"momentum": 0.9}),
    ("finished/a ball at a small gradient still carries speed",
     "?landscape=parabola&lr=0.1&epochs=4122&start=1.7&momentum=0.99",
     ("parabola", (1.7,), 0.1, 4122), {"momentum": 0.99}),
    ("diverged/momentum above its limit",
     "?landscape=elongated_bowl&lr=0.2&epochs=100&start=-2.5,1&momentum=0.5",
     ("elongated_bowl", (-2.5, 1.0), 0.2, 100), {"momentum": 0.5}),
    ("finished/noise never stops", "?preset=noise", ("peaks", (0.0, 1.4), None, 1000), "noise"),
    ("finished/noise so small that the run arrives",
     "?noise=0.0001&seed=7", ("peaks", (0.0, 1.4), 0.01, 1000), {"noise": 1e-4, "seed": 7}),
    ("wandering/noise is not called bouncing", "?start=0,-1&lr=0.1&noise=0.5",
     ("peaks", (0.0, -1.0), 0.1, 1000), {"noise": 0.5}),
    ("finished/noise off the map", "?lr=0.3&noise=3&seed=1",
     ("peaks", (0.0, 1.4), 0.3, 1000), {"noise": 3.0, "seed": 1}),
    ("diverged/noise pushes beyond the bound", "?landscape=parabola&lr=0.1&epochs=200&noise=1000000000",
     ("parabola", (RECAP["start"],), 0.1, 200), {"noise": 1e9}),
    ("finished/noise in 1D", "?landscape=parabola&lr=0.1&epochs=200&start=1.7&noise=0.5&seed=3",
     ("parabola", (1.7,), 0.1, 200), {"noise": 0.5, "seed": 3}),
    ("finished/noise in ascent", "?noise=1&dir=ascent",
     ("peaks", (0.0, 1.4), 0.01, 1000, True), {"noise": 1.0}),
    ("finished/momentum and noise: never stops", "?momentum=0.5&noise=0.01&seed=2",
     ("peaks", (0.0, 1.4), 0.01, 1000), {"momentum": 0.5, "noise": 0.01, "seed": 2}),
]  # fmt: skip


def more_run(args: tuple, more) -> tuple[tuple, dict]:
    """The run's arguments and its momentum/noise/seed, a preset's where ``more`` names one."""
    if isinstance(more, str):
        p = next(p for p in PRESETS if p.key == more)
        return (p.landscape, p.start, p.lr, p.epochs, p.ascent), {
            "momentum": p.momentum, "noise": p.noise, "seed": p.seed,
        }  # fmt: skip
    return args, more


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    ("case", "link", "args", "more"), MORE_LINKS, ids=[c[0] for c in MORE_LINKS]
)
def test_momentum_and_noise_runs_equal_the_engine_and_say_what_happened(
    open_playground, lang: str, case: str, link: str, args: tuple, more
) -> None:
    """The browser's run with β, σ and a seed ends where ``gdcore.descend`` with the same settings
    does, bit for bit, after as many epochs; its status is the engine's regime in words that stay
    true with momentum and noise: a noisy run never "stops" (and is not "bouncing"), it ran every
    epoch and the status says where it ended; a heavy ball that has not come to rest is moving."""
    args, more = more_run(args, more)
    run = ours_with(*args, **more)
    o = classify(run)
    regime, _, _ = case.partition("/")
    assert o.regime == regime, (case, o)
    pg = open_playground(lang, link, reduced_motion="reduce")  # the run shown at its end
    data = pg.settled()
    assert_same_end(json.loads(data["end"]), run, args[0])
    assert int(data["frame"]) == run.epochs_run
    assert (data["status"], data.get("reason")) == (o.regime, o.reason)
    for key in ("momentum", "noise"):
        assert float(data[key]) == more.get(key, 0.0)
    assert data.get("seed") == (str(more.get("seed", 0)) if more.get("noise", 0) > 0 else None)
    text = pg.page.inner_text(".gd-pg-run-0")
    assert text.endswith(expected_run_status(run, lang, landscape=args[0])), text
    w = words.section("outcome", lang)
    d = "d1" if get_landscape(args[0]).dim == 1 else "d2"
    stopped = w["converged"].format(norm=w["norm"][d], tol="10⁻¹⁰")
    if more.get("noise", 0) > 0:
        assert run.status != "converged"  # the engine's rule: noise is never at rest
        if o.regime != "diverged":
            assert run.epochs_run == args[3] and stopped not in text
            assert (
                w["wandering"].split(".")[0] not in text and w["bouncing"].split(".")[0] not in text
            )
    if "small gradient" in case:  # the stopping rule's gradient part holds, its velocity not
        assert (
            o.final_grad_norm <= TOL and more["momentum"] * abs(run.final_velocity[0]) > 0.1 * TOL
        )
        script = words.section("playground", lang)["script"]
        moving = script["finished_momentum"].format(
            norm=w["norm"][d], tol="10⁻¹⁰", speed=script["speed"][d]
        )
        assert moving in text and w["finished"].format(norm=w["norm"][d], tol="10⁻¹⁰") not in text
    if "past the minimum" in case:  # it went through the minimum and is on its way back
        assert np.any(np.sign(run.path[:, 0]) != np.sign(run.path[0, 0]))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_momentum_noise_and_seed_boxes_refuse_bad_input_with_a_message(
    open_playground, lang: str
) -> None:
    """Each box is read as the epochs box is: a refused value leaves no run, marks the box
    invalid and says which field and why, in the page's words; fixed, the run comes back."""
    pg = open_playground(lang, "?preset=seed", reduced_motion="reduce")
    page = pg.page
    text = words.section("playground", lang)["script"]
    low, high = (f"{n:,}" for n in SEED_RANGE)
    page.fill("#gd-pg-noise", "1")  # the seed's box is read only with noise
    cases = [
        ("momentum", "", "empty"), ("momentum", "1", "range"), ("momentum", "-0.1", "range"),
        ("momentum", "0.9.1", "number"), ("momentum", "1e-1", "number"), ("momentum", "abc", "number"),
        ("momentum", "1.5", "range"), ("noise", "", "empty"), ("noise", "-1", "range"),
        ("noise", "x", "number"), ("noise", "Infinity", "number"), ("seed", "", "empty"),
        ("seed", "2.5", "integer"), ("seed", "-1", "range"), ("seed", str(SEED_RANGE[1] + 1), "range"),
    ]  # fmt: skip
    for key, bad, why in cases:
        good = page.input_value(f"#gd-pg-{key}")
        page.fill(f"#gd-pg-{key}", bad)
        said = text[f"error_{key}"][why].format(min=low, max=high, value=bad.strip())
        assert page.inner_text(f"#gd-pg-{key}-msg") == said, (key, bad)
        assert page.get_attribute(f"#gd-pg-{key}", "aria-invalid") == "true"
        data = pg.data()
        assert data["status"] == "invalid" and data[key] == "" and "end" not in data
        page.fill(f"#gd-pg-{key}", good)
        assert page.inner_text(f"#gd-pg-{key}-msg") == ""
        assert pg.data()["status"] != "invalid"
    for raw, value in (("0.5", 0.5), (" .9 ", 0.9), ("０.２５", 0.25), ("0", 0.0), ("+0.3", 0.3)):
        page.fill("#gd-pg-momentum", raw)
        assert float(pg.data()["momentum"]) == value, raw
    # without noise the seed plays no part: its box is disabled, and whatever it holds is ignored
    page.fill("#gd-pg-seed", "nonsense")
    assert pg.data()["status"] == "invalid"
    page.fill("#gd-pg-noise", "0")
    assert page.is_disabled("#gd-pg-seed") and page.inner_text("#gd-pg-seed-msg") == ""
    data = pg.data()
    assert data["status"] != "invalid" and "seed" not in data
    assert_same_end(
        json.loads(data["end"]), ours_with("peaks", (0.0, 1.4), 0.01, 1000, momentum=0.3), "peaks"
    )


def test_a_link_with_bad_momentum_noise_or_seed_fills_the_box_and_says_so(open_playground) -> None:
    pg = open_playground("en", "?momentum=1&noise=0.5&seed=x")
    data = pg.data()
    assert data["status"] == "invalid" and "end" not in data
    assert page_text(pg, "#gd-pg-momentum-msg").startswith("Momentum β: “1” is outside")
    assert page_text(pg, "#gd-pg-seed-msg").startswith("Seed: “x” is not a whole number")
    assert page_text(pg, "#gd-pg-noise-msg") == ""


def page_text(pg: Playground, selector: str) -> str:
    return pg.page.inner_text(selector)


def plot_pixels(pg: Playground, role: str, half: int) -> int:
    """How many pixels of the plot's first (``half`` 0) or second panel are in the palette's
    ``role`` colour for plain paper (the panels sit side by side at a laptop's width)."""
    rgb = [int(palette.mark(role)[i : i + 2], 16) for i in (1, 3, 5)]
    return pg.page.evaluate(
        """([r, g, b, half]) => {
          const c = document.getElementById('gd-pg-plot');
          const w = Math.floor(c.width / 2);
          const d = c.getContext('2d').getImageData(half * w, 0, w, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4)
            if (Math.abs(d[i] - r) < 12 && Math.abs(d[i + 1] - g) < 12 && Math.abs(d[i + 2] - b) < 12) n++;
          return n;
        }""",
        [*rgb, half],
    )


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    ("link", "args", "more", "mode"),
    [
        ("?preset=seed", ("peaks", (0.0, 1.4), 0.01, 1000), {}, "log"),
        ("?preset=bowl_momentum", None, "bowl_momentum", "log"),
        (
            "?noise=0.0001&seed=7",
            ("peaks", (0.0, 1.4), 0.01, 1000),
            {"noise": 1e-4, "seed": 7},
            "log",
        ),
        ("?preset=noise", None, "noise", "log"),
        (
            "?lr=0.3&noise=3&seed=1",
            ("peaks", (0.0, 1.4), 0.3, 1000),
            {"noise": 3.0, "seed": 1},
            "linear",
        ),
        ("?preset=lr_too_large", ("peaks", (0.0, 1.4), 0.5, 1000), {}, "linear"),
        (
            "?landscape=parabola&lr=0.5&epochs=100&start=1.7",
            ("parabola", (1.7,), 0.5, 100),
            {},
            "linear",
        ),
        ("?preset=ascent", ("peaks", (0.0, 1.4), 0.01, 1000, True), {}, "log"),
    ],
    ids=[
        "arrives",
        "momentum",
        "tiny noise arrives",
        "noise",
        "noise leaves",
        "leaves",
        "diverges",
        "ascent",
    ],
)
def test_the_loss_curve_is_drawn_and_labelled_as_the_loss_page_draws_it(
    open_playground, lang: str, link: str, args, more, mode: str
) -> None:
    """Where the run arrives at a local minimum (within the basin map's radius; a noisy run within
    the noise page's, the rule its status states), f − f* on a log scale with f* that minimum's
    value, drawn until it falls below the loss page's floor; where it arrives nowhere, f itself on
    a linear scale, its title and the note under the plot saying so; the curve drawn in the path's
    colour, and its title drawn on the canvas. A noisy run's ‖∇f‖ panel says it is the exact
    gradient's."""
    args, more = more_run(args, more)
    run = ours_with(*args, **more)
    from gdcore.book.pages.playground import bundle_data, extrema
    from gdcore.book.pages.shared import BASIN_RADIUS, NOISY_RADIUS

    ascent = len(args) > 4 and args[4]
    kind = "max" if ascent else "min"
    noisy = more.get("noise", 0) > 0
    near = [np.linalg.norm(run.final - np.array(e[:-1])) for e in extrema(args[0])[kind]]
    assert (min(near) <= (NOISY_RADIUS if noisy else BASIN_RADIUS)) == (mode == "log")  # as said
    pg = open_playground(
        lang, link, viewport={"width": 1280, "height": 2400}, reduced_motion="reduce"
    )
    data = pg.settled()
    assert data["loss"] == mode
    text = words.section("playground", lang)["script"]
    floor = bundle_data()["floor"]
    radius = text["noisy_radius"].format(radius=f"{NOISY_RADIUS:g}") if noisy else "10⁻³"
    fill = {"radius": radius, "floor": "10" + str(round(np.log10(floor))).translate(SUP_MAP)}
    note = text["loss_note"][mode + ("_ascent" if ascent else "")].format(**fill)
    assert page_text(pg, "#gd-pg-plot-note") == note
    assert note.count("(") == note.count(")") == 1, note  # one pair of brackets, none nested
    key = ("loss" if mode == "log" else "f_none") + ("_ascent" if ascent else "")
    label = pg.page.get_attribute("#gd-pg-plot", "aria-label")
    assert text["axis"][key] in label
    # ascent's f* − f is no loss: its label must not call the plot a loss curve
    loss_curve = {"en": "loss curve", "ko": "손실 곡선"}[lang]
    assert (loss_curve in label.lower()) == (not ascent), label
    assert pg.page.evaluate("gdPlayground.state.loss.label") == text["axis"][key]
    d1 = "_d1" if get_landscape(args[0]).dim == 1 else ""
    grad = text["axis"][("grad_exact" if noisy else "grad") + d1]  # a noisy run: the exact one's
    assert pg.page.evaluate("gdPlayground.state.loss.grad") == grad
    assert grad in pg.page.get_attribute("#gd-pg-plot", "aria-label")
    drawn = pg.page.evaluate("gdPlayground.state.runs[0].loss")
    if mode == "log":
        fstar = extrema(args[0])[kind][int(np.argmin(near))][-1]
        loss = (fstar - run.values) if ascent else (run.values - fstar)
        below = np.flatnonzero(loss < floor)
        last = int(below[0]) if below.size else len(loss) - 1
        want = loss[: last + 1]
    else:
        want = run.values
    assert len(drawn) == len(want)
    np.testing.assert_allclose(drawn, want, rtol=1e-9, atol=1e-12)
    assert plot_pixels(pg, "path", 0) > 150  # the curve, in the path's colour


SUP_MAP = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def test_the_new_presets_run_with_momentum_and_noise(open_playground) -> None:
    """The momentum preset is the long bowl at the best β and η of the quadratic model, computed
    from the bowl's Hessian; the noise preset is the reference run with σ > 0. Each button names
    its settings, and resets momentum and noise for the presets without them."""
    from gdsite.playground import preset_label

    from gdcore.book.pages.playground import NOISE_PRESET, best_momentum

    pg = open_playground("en", reduced_motion="reduce")
    page = pg.page
    beta, eta = best_momentum()
    ball = next(p for p in PRESETS if p.key == "bowl_momentum")
    assert (ball.momentum, ball.lr, ball.landscape) == (beta, eta, "elongated_bowl")
    assert 0 < beta < 1 and eta > 0
    noisy = next(p for p in PRESETS if p.key == "noise")
    assert noisy.noise == NOISE_PRESET["noise"] > 0
    for p in (ball, noisy, PRESETS[0]):
        button = page.locator(f"button[data-preset={p.key}]")
        assert button.inner_text() == preset_label(p.key, "en")
        button.click()
        data = pg.settled()
        assert (float(data["momentum"]), float(data["noise"])) == (p.momentum, p.noise)
        run = ours_with(p.landscape, p.start, p.lr, p.epochs, p.ascent, momentum=p.momentum,
                        noise=p.noise, seed=p.seed)  # fmt: skip
        assert_same_end(json.loads(data["end"]), run, p.landscape)
        assert int(data["frame"]) == run.epochs_run


def test_the_loss_plots_title_says_which_runs_arrive_for_every_preset(open_playground) -> None:
    """f − f* where every run arrives; f "arrives at no minimum" where none does; with two rates
    or a race where only some arrive, f "not every run arrives": never the title of a run that
    did not happen."""
    text = words.section("playground", "en")["script"]["axis"]
    pg = open_playground("en", reduced_motion="reduce")
    seen = set()
    for p in PRESETS:
        pg.page.locator(f"button[data-preset={p.key}]").click()
        pg.settled()
        arrived = pg.page.evaluate("gdPlayground.state.runs.map((r) => !!r.arrival.at)")
        up = "_ascent" if p.ascent else ""
        key = "loss" if all(arrived) else "f_none" if not any(arrived) else "f_some"
        seen.add(key)
        assert pg.page.evaluate("gdPlayground.state.loss.label") == text[key + up], p.key
        assert text[key + up] in pg.page.get_attribute("#gd-pg-plot", "aria-label"), p.key
    assert seen == {"loss", "f_none", "f_some"}  # the presets show all three


# --- the race: plain descent, momentum and noise from one start -----------------------------------
#: The race's runs in the order the page draws them and numbers its data- attributes (data-status,
#: data-status2, data-status3): each method's palette role and what it keeps of β and σ.
RACE_RUNS = (("plain", False, False), ("momentum", True, False), ("noise", False, True))


def race_engine(p_or_args, momentum: float, noise: float, seed: int) -> list:
    """The engine's three runs of a race: plain descent, momentum alone, noise alone (with seed)."""
    name, start, lr, epochs, ascent = p_or_args
    return [
        ours_with(
            name,
            start,
            lr,
            epochs,
            ascent,
            momentum=momentum if m else 0.0,
            noise=noise if n else 0.0,
            seed=seed if n else 0,
        )
        for _, m, n in RACE_RUNS
    ]


#: The race's paths' dashes (CSS px), as the strokes record them: solid, dashed, dotted.
RACE_DASHES = ([], [6, 4], [1, 4])


def recorded_strokes(pg: Playground) -> dict[str, dict[str, list[list[float]]]]:
    """Each canvas's strokes in one whole drawing of the playground (one epoch back, then on to the
    last): ``{canvas id: {colour: [its distinct dashes]}}``."""
    return pg.page.evaluate(
        """() => {
          const log = {};
          const proto = CanvasRenderingContext2D.prototype;
          const stroke = proto.stroke;
          proto.stroke = function (...args) {
            const id = this.canvas.id;
            if (id) {
              const byColour = (log[id] = log[id] || {});
              const dashes = (byColour[this.strokeStyle] = byColour[this.strokeStyle] || []);
              const dash = JSON.stringify(this.getLineDash());
              if (!dashes.includes(dash)) dashes.push(dash);
            }
            return stroke.apply(this, args);
          };
          document.getElementById('gd-pg-back').click();
          for (const k of Object.keys(log)) delete log[k];
          document.getElementById('gd-pg-step').click();
          proto.stroke = stroke;
          const out = {};
          for (const [id, byColour] of Object.entries(log)) {
            out[id] = {};
            for (const [c, ds] of Object.entries(byColour)) out[id][c] = ds.map((d) => JSON.parse(d));
          }
          return out;
        }"""
    )


def rgb(color: str) -> str:
    """``#rrggbb`` as the browser's computed style writes it."""
    return "rgb({}, {}, {})".format(*(int(color[i : i + 2], 16) for i in (1, 3, 5)))


def canvas_pixels(pg: Playground, canvas: str, color: str) -> int:
    """How many pixels of the canvas ``canvas`` (an id) are in ``color`` (``#rrggbb``)."""
    want = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return pg.page.evaluate(
        """([id, r, g, b]) => {
          const c = document.getElementById(id);
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4)
            if (Math.abs(d[i] - r) < 12 && Math.abs(d[i + 1] - g) < 12 && Math.abs(d[i + 2] - b) < 12) n++;
          return n;
        }""",
        [canvas, *want],
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_race_runs_three_methods_as_the_engine_does_each_in_its_colour(
    open_playground, lang: str, scheme: str
) -> None:
    """The race preset runs plain descent, momentum (the β box's value) and gradient noise (the σ
    and seed boxes' values) at one rate from one start: each end is gdcore.descend's for the same
    settings, each status the engine's regime in the page's words, labelled with its method; each
    path, loss curve and key entry is drawn in its own palette role, three different colours,
    and the key names the methods in the page's language."""
    p = next(p for p in PRESETS if p.key == "race")
    assert p.race and p.momentum > 0 and p.noise > 0 and p.lr2 is None
    pg = open_playground(lang, "?preset=race", reduced_motion="reduce", color_scheme=scheme)
    data = pg.settled()
    assert data["compare"] == "race" and "lr2" not in data
    assert (float(data["momentum"]), float(data["noise"]), int(data["seed"])) == (
        p.momentum, p.noise, p.seed,
    )  # fmt: skip
    args = (p.landscape, p.start, p.lr, p.epochs, p.ascent)
    runs = race_engine(args, p.momentum, p.noise, p.seed)
    script = words.section("playground", lang)["script"]
    names = [
        script["race"][m].format(beta=f"{p.momentum:g}", sigma=f"{p.noise:g}", seed=f"{p.seed}")
        for m, _, _ in RACE_RUNS
    ]
    paragraphs = pg.page.locator("#gd-pg-result p")
    assert paragraphs.count() == 3
    ends = []
    for r, run in enumerate(runs):
        tag = "" if r == 0 else str(r + 1)
        end = json.loads(data["end" + tag])
        assert_same_end(end, run, p.landscape)
        ends.append(tuple(end))
        o = classify(run)
        assert (data["status" + tag], data.get("reason" + tag)) == (o.regime, o.reason)
        text = paragraphs.nth(r).inner_text()
        assert text.startswith(names[r]), (text, names[r])
        assert text.endswith(expected_run_status(run, lang, landscape=p.landscape)), text
    assert len(set(ends)) == 3  # three different ends: the race shows a difference
    # the loss note gives both radii, the plain runs' and the noisy one's, as "10⁻³, or 0.5 for a
    # noisy run" in the page's words on either scale (no brackets inside the note's brackets)
    from gdcore.book.pages.playground import bundle_data
    from gdcore.book.pages.shared import NOISY_RADIUS

    wide = f"{NOISY_RADIUS:g}"
    radius = script["mixed_radius" if data["loss"] == "log" else "mixed_far"].format(
        radius="10⁻³", wide=wide
    )
    floor = "10" + str(round(np.log10(bundle_data()["floor"]))).translate(SUP_MAP)
    note = script["loss_note"][data["loss"] + "_each"].format(radius=radius, floor=floor)
    assert page_text(pg, "#gd-pg-plot-note") == note
    # the key: three entries, the methods' names, in three different colours from the palette
    key = pg.page.locator("#gd-pg-key")
    assert key.is_visible()
    items = pg.page.locator("#gd-pg-key li")
    assert [items.nth(r).inner_text().strip() for r in range(3)] == names
    where = "dark" if scheme == "dark" else "paper"
    colours = [palette.mark(m, where) for m, _, _ in RACE_RUNS]
    assert len(set(colours)) == 3
    shown = pg.page.eval_on_selector_all(
        "#gd-pg-key .gd-pg-swatch", "ss => ss.map(s => getComputedStyle(s).borderTopColor)"
    )
    assert shown == [rgb(c) for c in colours]
    # each path on the map in its map colour and dash, each loss curve in its paper colour (the
    # strokes of one whole drawing, recorded), and the paths visible: each colour's pixels
    strokes = recorded_strokes(pg)
    for r, (m, _, _) in enumerate(RACE_RUNS):
        # the path's dash (and solid, a ring: an end drawn hollow over another's)
        dashes = strokes["gd-pg-canvas"].get(palette.mark(m, "map"), [])
        assert RACE_DASHES[r] in dashes and all(d in (RACE_DASHES[r], []) for d in dashes), m
        assert strokes["gd-pg-plot"].get(palette.mark(m, where)) == [RACE_DASHES[r]], m
        assert canvas_pixels(pg, "gd-pg-plot", palette.mark(m, where)) > 40, m
    # every run is seen on the map with the others drawn: its colour near at least half the
    # points along its drawn path (wherever a path can be seen: on the map, off the marks)
    colours = [palette.mark(m, "map") for m, _, _ in RACE_RUNS]
    for (m, _, _), (seen, points) in zip(RACE_RUNS, seen_along_paths(pg, colours), strict=True):
        assert points > 0 and seen >= points / 2, (m, seen, points)


#: Along each run's path on the map (every STEP CSS px of its drawn length), whether its colour is
#: within RADIUS px: the dashed path shows a dash in any 8 px of its length (6 on, 4 off), the
#: dotted one a dot in any 5, so a run drawn on top is seen at every point, and a run hidden under
#: the others at few. Points off the map, and under the start's or an end's mark (which cover
#: what runs there: a mark is drawn over the paths), are not counted.
SEEN_ALONG = """([colours, step, radius]) => {
  const c = document.getElementById('gd-pg-canvas'), d = Number(c.dataset.dpr);
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const near = (x, y, want) => {
    for (let j = Math.floor((y - radius) * d); j <= Math.ceil((y + radius) * d); j++)
      for (let i = Math.floor((x - radius) * d); i <= Math.ceil((x + radius) * d); i++) {
        if ((i / d - x) ** 2 + (j / d - y) ** 2 > radius * radius) continue;
        const k = (j * c.width + i) * 4;
        if (want.every((v, m) => Math.abs(data[k + m] - v) < 12)) return true;
      }
    return false;
  };
  const S = gdPlayground.state;
  const box = JSON.parse(document.getElementById('gd-playground').dataset.box);
  const ends = S.runs.map((run) => gdPlayground.toPixel(run.path[run.path.length - 1]));
  const start = gdPlayground.toPixel(S.start);
  // an end's mark reaches 6.5 px, a ring round another end 11; the start's square 9 (corners)
  const free = (x, y) => x >= box[0] && x <= box[0] + box[2] && y >= box[1] && y <= box[1] + box[3]
    && ends.every(([u, v]) => Math.hypot(x - u, y - v) > 11) && Math.hypot(x - start[0], y - start[1]) > 9;
  return S.runs.map((run, r) => {
    const want = [1, 3, 5].map((i) => parseInt(colours[r].slice(i, i + 2), 16));
    const pts = run.path.map((p) => gdPlayground.toPixel(p));
    let seen = 0, n = 0, carry = 0;
    for (let i = 1; i < pts.length; i++) {
      const [x0, y0] = pts[i - 1], [x1, y1] = pts[i];
      const len = Math.hypot(x1 - x0, y1 - y0);
      let t = carry;
      for (; t <= len; t += step) {
        const x = x0 + (len ? t / len : 0) * (x1 - x0), y = y0 + (len ? t / len : 0) * (y1 - y0);
        if (!free(x, y)) continue;
        n++;
        if (near(x, y, want)) seen++;
      }
      carry = t - len;
    }
    return [seen, n];
  });
}"""


def seen_along_paths(pg: Playground, colours: list[str]) -> list[tuple[int, int]]:
    """For each run (2D map), how many points along its drawn path have its colour near, of how
    many points counted (:data:`SEEN_ALONG`, every 4 px, within 4 px)."""
    return [tuple(x) for x in pg.page.evaluate(SEEN_ALONG, [colours, 4, 4])]


def test_the_race_takes_the_boxes_values_and_the_mode_can_be_left(open_playground) -> None:
    """A race from a link or the radio buttons runs at the boxes' β, σ and seed; choosing a
    second rate or nothing again leaves two runs or one, with no third run's data left behind."""
    link = "?lr=0.02&epochs=300&start=-1,1&momentum=0.5&noise=1&seed=3&compare=race"
    pg = open_playground("en", link, reduced_motion="reduce")
    data = pg.settled()
    runs = race_engine(("peaks", (-1.0, 1.0), 0.02, 300, False), 0.5, 1.0, 3)
    assert data["compare"] == "race"
    for r, run in enumerate(runs):
        assert_same_end(json.loads(data["end" + ("" if r == 0 else str(r + 1))]), run, "peaks")
    page = pg.page
    page.fill("#gd-pg-momentum", "0.8")  # a box re-runs the race with its new value
    data = pg.settled()
    second = ours_with("peaks", (-1.0, 1.0), 0.02, 300, momentum=0.8)
    assert_same_end(json.loads(data["end2"]), second, "peaks")
    assert_same_end(json.loads(data["end"]), runs[0], "peaks")  # plain descent is unchanged
    page.fill("#gd-pg-noise", "0")  # σ = 0: the third run has no noise, and the key no seed
    pg.settled()
    said = words.section("playground", "en")["script"]["race"]["noise_none"]
    assert page.locator("#gd-pg-key li").nth(2).inner_text().strip() == said
    page.fill("#gd-pg-noise", "1")
    pg.settled()
    page.check("#gd-pg-compare")  # a second learning rate: two runs, both with β and σ
    data = pg.settled()
    assert data["compare"] == "lr2" and "status3" not in data and "end3" not in data
    assert page.locator("#gd-pg-result p").count() == 2 and not page.is_visible("#gd-pg-key")
    page.check("input[name=gd-pg-mode][value=off]")
    data = pg.settled()
    assert data["compare"] == "off" and "status2" not in data and "lr2" not in data
    assert page.locator("#gd-pg-result p").count() == 1
    page.check("#gd-pg-race")
    data = pg.settled()
    assert data["compare"] == "race" and page.locator("#gd-pg-result p").count() == 3
    pg2 = open_playground("en", "?compare=fast")
    assert "compare=fast" in pg2.page.inner_text("#gd-pg-link-msg")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_race_preset_round_trips_through_the_address_and_the_noise_page_links_it(
    open_playground, lang: str
) -> None:
    """Clicking the race preset writes ?preset=race into the address; that address, opened anew,
    shows the same race (settings, ends, statuses); the noise page links to it."""
    pg = open_playground(lang, reduced_motion="reduce")
    pg.page.click("button[data-preset=race]")
    clicked = pg.settled()
    url = pg.page.url
    assert url.endswith("?preset=race"), url
    again = open_playground(lang, "?preset=race", reduced_motion="reduce").settled()
    keys = ("compare", "lr", "epochs", "momentum", "noise", "seed", "start", "end", "end2", "end3",
            "status", "status2", "status3")  # fmt: skip
    assert {k: clicked.get(k) for k in keys} == {k: again.get(k) for k in keys}
    assert all(clicked.get(k) for k in keys), clicked
    page = pg.page
    page.goto(url.replace("playground.html?preset=race", "noise.html"))
    links = page.eval_on_selector_all("a.gd-pg-try", "as => as.map(a => a.href)")
    assert [h for h in links if h.endswith("playground.html?preset=race")], links


# --- the instrument in one view: the runs' table, the learning rate under the map -----------------
def expected_chips(run, landscape: str, ascent: bool) -> list[str]:
    """How the run ended in a word or two, as the table's status cell must say it (its chips'
    keys): the engine's regime (a noisy run that did not diverge: it ran every epoch; a run cut
    off at the bound or by overflow: diverged, else diverging; wandering: bouncing), then, where
    the full account says whether it arrives (a noisy run, or one at rest, stopped or still
    moving), whether its end lies within the radius (10⁻³, a noisy run's 0.5) of the nearest
    local minimum (in ascent, maximum), then whether the path left the map."""
    from gdcore.book.pages.playground import extrema
    from gdcore.book.pages.shared import BASIN_RADIUS, NOISY_RADIUS

    o = classify(run)
    noisy = run.noise > 0 and o.regime != "diverged"
    if noisy:
        key = "noisy"
    elif o.regime == "diverged":
        key = "diverged" if o.reason in ("bound", "overflow") else "diverging"
    else:
        key = "bouncing" if o.regime == "wandering" else o.regime
    keys = [key]
    if noisy or o.regime in ("at_rest", "converged", "finished"):
        found = extrema(landscape)["max" if ascent else "min"]
        near = min(float(np.linalg.norm(run.final - np.array(e[:-1]))) for e in found)
        keys.append(
            "arrived" if near <= (NOISY_RADIUS if noisy else BASIN_RADIUS) else "not_arrived"
        )
    if o.left_domain:
        keys.append("left")
    return keys


def preset_runs(p) -> list:
    """The engine's runs of a preset, in the order the page numbers them."""
    args = (p.landscape, p.start, p.lr, p.epochs, p.ascent)
    if p.race:
        return race_engine(args, p.momentum, p.noise, p.seed)
    more = {"momentum": p.momentum, "noise": p.noise, "seed": p.seed}
    rates = [p.lr] if p.lr2 is None else [p.lr, p.lr2]
    return [ours_with(p.landscape, p.start, lr, p.epochs, p.ascent, **more) for lr in rates]


TABLE_ROWS = """() => [...document.querySelectorAll('#gd-pg-runs tbody tr')].map((tr) => ({
  name: tr.querySelector('th').innerText.trim(),
  cells: [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()),
  chips: [...tr.querySelectorAll('.gd-pg-chip')].map((c) => [c.dataset.chip, c.innerText.trim()]),
  swatch: getComputedStyle(tr.querySelector('.gd-pg-swatch')).borderTopColor,
}))"""


@pytest.mark.parametrize(
    ("lang", "key"),
    [("en", p.key) for p in PRESETS] + [("ko", k) for k in ("seed", "two_rates", "noise", "race")],
)
def test_the_runs_table_has_a_row_per_run_with_its_end_value_epochs_and_status(
    open_playground, lang: str, key: str
) -> None:
    """Each preset's result is a table, one row a run (a race's three, a second rate's two): its
    name (a race's method, else its learning rate), its end and f there to three decimals, its
    epochs run and how it ended in the page's words (expected_chips, from the engine's run), the
    row's swatch in its path's colour; the full account stays in the live status, behind "Why?",
    which opens it."""
    p = next(p for p in PRESETS if p.key == key)
    pg = open_playground(lang, f"?preset={key}", reduced_motion="reduce")
    pg.settled()
    page = pg.page
    script = words.section("playground", lang)["script"]
    runs = preset_runs(p)
    rows = page.evaluate(TABLE_ROWS)
    assert len(rows) == len(runs) == page.locator("#gd-pg-result p").count()
    for r, (row, run) in enumerate(zip(rows, runs, strict=True)):
        if p.race:
            name = script["short"][RACE_RUNS[r][0]]
        else:
            lr = p.lr if r == 0 else p.lr2
            name = script["run_lr"].format(lr=np.format_float_positional(lr, trim="-"))
            name = name.replace(" ", "\u00a0")  # one unbroken name
        assert row["name"] == name, row
        end = readout(run.final, 3).replace(",\u00a0", ", ")  # may wrap after its comma
        value = playground_value(float(run.final_value), 3)
        assert row["cells"][:3] == [end, value, f"{run.epochs_run:,}"], (row, run.final)
        keys = expected_chips(run, p.landscape, p.ascent)
        assert row["chips"] == [[k, script["chip"][k]] for k in keys], row
    # one swatch a run, each in its own colour (the race's three roles, a second rate's)
    assert len({row["swatch"] for row in rows}) == len(rows)
    # "Why?" closed: the full account is not shown, yet read (a live status, not hidden from
    # assistive technology); opened: shown under the table
    shown = lambda: page.evaluate(  # noqa: E731
        "document.getElementById('gd-pg-result').getBoundingClientRect().height"
    )
    assert shown() <= 1 and page.get_attribute("#gd-pg-result", "aria-live") == "polite"
    assert page.locator("#gd-pg-result").get_attribute("aria-hidden") is None
    page.click("#gd-pg-why summary")
    assert shown() > 20
    table, why = page.locator("#gd-pg-runs").bounding_box(), page.locator("#gd-pg-result")
    assert why.bounding_box()["y"] >= table["y"] + table["height"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_runs_table_fits_a_phone(open_playground, lang: str) -> None:
    """At 390 px the race's table (three rows, the longest names and statuses) fits the column:
    no sideways scrolling of the page, the table no wider than the text column."""
    pg = open_playground(lang, "?preset=race", viewport={"width": 390, "height": 844})
    pg.settled()
    page = pg.page
    widths = page.evaluate(
        """() => [document.documentElement.scrollWidth, innerWidth,
          document.getElementById('gd-pg-runs').getBoundingClientRect().right,
          document.querySelector('.gd-pg-readouts').getBoundingClientRect().right]"""
    )
    scroll, inner, table_right, column_right = widths
    assert scroll <= inner and table_right <= column_right + 0.5, widths


#: The map's box, the learning-rate slider's, Run's, Play's and the table's first row's (CSS px,
#: from the top of the page), and the focusable controls of the playground in the page's order
#: with their tops.
GEOMETRY = """() => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return { top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height }; };
  const $ = (s) => document.querySelector(s);
  const row = $('#gd-pg-runs tbody tr');
  const focusable = [...$('#gd-playground').querySelectorAll(
      'canvas[tabindex], input, select, button, summary')]
    .filter((el) => el.offsetParent !== null && !el.disabled)
    .map((el) => [el.id || el.textContent.trim().slice(0, 20), box(el).top]);
  return { map: box($('#gd-pg-canvas')), lr: box($('#gd-pg-lr')), run: box($('#gd-pg-run')),
           play: box($('#gd-pg-play')), row: row ? box(row) : null, focusable };
}"""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_on_a_phone_the_learning_rate_run_and_play_sit_right_under_the_map(
    open_playground, lang: str
) -> None:
    """At 390 px the learning-rate slider starts within 100 px under the map (only the map's
    marks and the slider's label between them), and with the map's top at the screen's top the
    slider, Run and Play are on the same screen: η changes in view of the map. The controls
    come in the page's order from top to bottom (the keyboard's order is the eye's)."""
    pg = open_playground(lang, viewport={"width": 390, "height": 844})
    pg.settled()
    g = pg.page.evaluate(GEOMETRY)
    assert 0 <= g["lr"]["top"] - g["map"]["bottom"] <= 100, g
    for k in ("lr", "run", "play"):
        assert g[k]["bottom"] - g["map"]["top"] <= 844, (k, g)
    tops = [top for _, top in g["focusable"]]
    assert tops == sorted(tops), g["focusable"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_on_a_laptop_the_map_slider_and_table_are_in_the_first_screen(
    open_playground, lang: str
) -> None:
    """At 1280×800 the page opens with the instrument in view: the map's top within the first
    quarter of the screen (an intro of a sentence or two above it), and the whole map, the
    learning-rate slider, Run and the default run's row of the table inside the first screen."""
    pg = open_playground(lang, viewport={"width": 1280, "height": 800})
    pg.settled()
    g = pg.page.evaluate(GEOMETRY)
    assert g["map"]["top"] <= 200, g["map"]
    assert g["row"] is not None, "no table of runs"
    for k in ("map", "lr", "run", "play", "row"):
        assert g[k]["bottom"] <= 800, (k, g)
