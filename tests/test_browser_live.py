"""The live figures inside the lessons, in Chromium: each one driven as a reader drives it (mouse,
touch, keyboard) at phone and laptop sizes, its state (data- attributes) compared with the engine."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from budgets import SCRIPT_BYTES, SCRIPT_GZIP_BYTES
from status_text import EPOCHS, expected_status, live_fixed, point

from gdcore import basins, descend, get_landscape
from gdcore.book import palette, words
from gdcore.book.live import live_data
from gdcore.book.numfmt import fmt_rate
from gdcore.book.pages.curvature import bowl_eigenvalues
from gdcore.book.pages.minima import inside_deep_valley
from gdcore.book.params import PLAYGROUND_TOL
from gdcore.book.plots import grid_values
from gdcore.descent import DEFAULT_BOUND
from gdcore.outcome import Outcome, classify

pytestmark = pytest.mark.site  # builds the whole site (see conftest.py)

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
DATA = live_data()
RATES = DATA["basins"]["rates"]
#: Every Web Worker the page starts, counted from the first moment of the page. The basin map's
#: rows are computed in workers, so the main thread only merges their results: that is what keeps
#: it responsive, and what the test checks. How long the main thread's tasks are is a timing, so
#: it is measured by the benchmark (scripts/bench_live.py prints the longest), not asserted here.
COUNT_WORKERS = """
window.__workers = 0;
const PageWorker = window.Worker;
window.Worker = class extends PageWorker {
  constructor(...args) { super(...args); window.__workers += 1; }
};
"""


class Tab:
    """A page in a fresh context, collecting every script error."""

    def __init__(self, browser, url: str, viewport: str, **context: object) -> None:
        self.context = browser.new_context(viewport=VIEWPORTS[viewport], **context)
        self.context.add_init_script(COUNT_WORKERS)
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


def wait_for_map(page, lr: str, epochs: str) -> None:
    """Until the basin map is ready for ``lr`` and ``epochs`` (as its data- attributes write them)."""
    page.wait_for_function(
        "([lr, epochs]) => { const d = document.querySelector('[data-live=basins]').dataset;"
        " return d.state === 'ready' && d.lr === lr && d.epochs === epochs; }",
        arg=[lr, epochs],
        timeout=60000,
    )


def assert_same_map(state: dict[str, str], lr: float, epochs: int, beta: float = 0.0) -> None:
    """The browser's basin map equals gdcore.basins for the same settings (with momentum
    ``beta``), start by start."""
    engine = basins(
        get_landscape("peaks"), learning_rate=lr, epochs=epochs, grid=DATA["basins"]["grid"],
        momentum=beta,
    )  # fmt: skip
    labels = np.array([-1 if c == "." else int(c) for c in state["labels"]])
    mismatch = np.flatnonzero(labels != engine.labels.ravel())
    assert mismatch.size == 0, f"{mismatch.size} starts differ, e.g. {mismatch[:5]}"
    np.testing.assert_array_equal(json.loads(state["shares"]), engine.shares)


def assert_same_valley(state: dict[str, str], lr: float, epochs: int) -> np.ndarray:
    """The browser's light green (``data-valley``, ``data-share-valley``) is the minima page's
    class of starts whose runs end in the global minimum's basin without arriving
    (:func:`gdcore.book.pages.minima.inside_deep_valley`, the static figure's), start by start.
    Returns it."""
    expected = inside_deep_valley(lr, epochs, DATA["basins"]["grid"]).ravel()
    got = np.array([c == "1" for c in state["valley"]])
    assert got.shape == expected.shape, (got.shape, expected.shape)
    mismatch = np.flatnonzero(got != expected)
    assert mismatch.size == 0, f"{mismatch.size} starts differ, e.g. {mismatch[:5]}"
    assert float(state["shareValley"]) == float(np.mean(expected))
    return expected


def legend_shares(lr: float, epochs: int) -> list[str]:
    """The minima page's live legend as gdcore computes it: the other starts that arrive at no
    minimum, each minimum, then light green."""
    grid = DATA["basins"]["grid"]
    engine = basins(get_landscape("peaks"), learning_rate=lr, epochs=epochs, grid=grid)
    inside = float(np.mean(inside_deep_valley(lr, epochs, grid)))
    return [f"{100 * v:.1f}%" for v in (engine.share_none - inside, *engine.shares, inside)]


def one_start_label(engine, start: list[float], lr: float, epochs: int, beta: float) -> int:
    """The label gdcore.basins would give ``start`` from gdcore.descend's one-start loop (math.exp,
    libm's) instead of its many-start loop (numpy's exp)."""
    run = descend(get_landscape("peaks"), start, learning_rate=lr, epochs=epochs, momentum=beta)
    if run.status == "diverged":
        return -1
    dist = [float(np.linalg.norm(run.final - m.x)) for m in engine.minima]
    best = int(np.argmin(dist))
    return best if dist[best] <= DATA["basins"]["radius"] else -1


def assert_same_map_but_split_starts(
    state: dict[str, str], lr: float, epochs: int, beta: float
) -> int:
    """The browser's map equals gdcore.basins start by start, except at starts where gdcore's own
    two loops part: where its one-start loop (libm's exp) and its many-start loop (numpy's exp,
    which differs from libm's in the last bit for a few percent of arguments) give different
    labels, and the browser's (V8's exp) is the one-start loop's. Such runs wander chaotically
    before they settle, and the last bit of an exponential decides where; there are at most a few
    of them (one in 10,201 at the momentum page's example). Returns how many."""
    grid = DATA["basins"]["grid"]
    engine = basins(
        get_landscape("peaks"), learning_rate=lr, epochs=epochs, grid=grid, momentum=beta
    )
    labels = np.array([-1 if c == "." else int(c) for c in state["labels"]])
    mismatch = np.flatnonzero(labels != engine.labels.ravel())
    assert mismatch.size <= 5, f"{mismatch.size} starts differ, e.g. {mismatch[:5]}"
    (x0, x1), (y0, y1) = DATA["basins"]["domain"]
    xs, ys = np.linspace(x0, x1, grid), np.linspace(y0, y1, grid)
    for i in mismatch.tolist():
        j, c = divmod(i, grid)
        one = one_start_label(engine, [float(xs[c]), float(ys[j])], lr, epochs, beta)
        assert one != engine.labels.ravel()[i] and one == labels[i], (i, one, labels[i])
    got = np.array(json.loads(state["shares"]))
    # each split start moves one start from one share to another
    counts = np.rint(got * labels.size) - np.rint(engine.shares * labels.size)
    assert np.abs(counts).sum() <= 2 * mismatch.size, counts
    return int(mismatch.size)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_basin_map_equals_the_engine_with_a_preview_first_computed_in_workers(
    browser, base_url: str, viewport: str
) -> None:
    lang = "en" if viewport == "phone" else "ko"
    tab = Tab(browser, f"{base_url}/{lang}/minima.html", viewport)
    try:
        # the legend holds the build's shares for the lesson's settings before the map is made
        # (the map is built only as it nears the screen): the ones the browser then computes
        legend = tab.page.locator("[data-live=basins] .gd-live-share")
        before = legend.all_inner_texts()
        assert len(before) == 2 + len(DATA["basins"]["minima"]) and all(
            t.endswith("%") for t in before
        ), before
        first = ready(tab, "basins")  # the lesson's settings: the still figure's map
        assert legend.all_inner_texts() == before
        assert (float(first["lr"]), int(first["epochs"])) == (
            DATA["basins"]["lr"],
            DATA["basins"]["epochs"],
        )
        assert_same_map(first, DATA["basins"]["lr"], DATA["basins"]["epochs"])
        assert_same_valley(first, DATA["basins"]["lr"], DATA["basins"]["epochs"])
        assert before == legend_shares(DATA["basins"]["lr"], DATA["basins"]["epochs"])
        # the reader picks η = 0.1 (log10 η = −1 on the slider) and 300 epochs, by keyboard
        page = tab.page
        watch_states(page)
        epochs = page.locator("[data-live=basins] input[type=text]")
        epochs.fill("300")
        slider = page.locator("[data-live=basins] input[type=range]")
        slider.focus()
        for _ in range(RATES.index(0.1) - RATES.index(DATA["basins"]["lr"])):  # stops to η = 0.1
            page.keyboard.press("ArrowRight")
        assert slider.get_attribute("aria-valuetext") == "η = 0.1"
        wait_for_map(page, "0.1", "300")
        assert_same_map(tab.state("[data-live=basins]"), 0.1, 300)
        assert_same_valley(tab.state("[data-live=basins]"), 0.1, 300)
        states = page.evaluate("window.__states")
        assert "preview" in states and states.index("preview") < len(states) - 1, states
        # while the preview shows, the shares (still the previous map's) are dimmed
        dims = page.evaluate("window.__previewShares")
        assert dims and all(d < 1 for d in dims), dims
        # the rows were computed in workers: a page that cannot start one (a policy refusing
        # worker-src, say) falls back to slices on the main thread, and starts none
        assert page.evaluate("window.__workers") >= 1
        shares = page.locator("[data-live=basins] .gd-live-share").all_inner_texts()
        assert shares == legend_shares(0.1, 300)
    finally:
        tab.close()


#: A start's cell on the live map: the colour at its centre (CSS px of the canvas, the map's box
#: from ``data-box``; the map's row 0 is drawn at the bottom), as RGB, for each start asked.
CELL_COLOURS = """([starts, n]) => {
  const root = document.querySelector('[data-live=basins]');
  const canvas = root.querySelector('canvas');
  const [x0, y0, w, h] = JSON.parse(root.dataset.box);
  const scale = canvas.width / canvas.getBoundingClientRect().width;
  const ctx = canvas.getContext('2d');
  return starts.map((k) => {
    const i = k % n, j = Math.floor(k / n);
    const u = Math.floor((x0 + ((i + 0.5) / n) * w) * scale);
    const v = Math.floor((y0 + h - ((j + 0.5) / n) * h) * scale);
    return Array.from(ctx.getImageData(u, v, 1, 1).data.slice(0, 3));
  });
}"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_basin_map_draws_light_green_as_the_static_figure(
    browser, base_url: str, viewport: str
) -> None:
    """Above the global minimum's stability limit (η = 0.07 and 0.1, the static "basins by rate"
    figure's rates, at its 1,000 epochs) no start arrives at the global minimum and many runs end
    in its basin without arriving: the live map sets them apart as the static figure does, start by
    start equal to inside_deep_valley, drawn in the palette's light green on both pages, with its
    share in the legend's last row, named in the static figure's words."""
    lang = "ko" if viewport == "phone" else "en"
    tab = Tab(browser, f"{base_url}/{lang}/minima.html", viewport, color_scheme="light")
    page = tab.page
    grid = DATA["basins"]["grid"]
    light = [int(palette.VALLEY[k : k + 2], 16) for k in (1, 3, 5)]
    try:
        ready(tab, "basins")
        names = page.locator("[data-live=basins] .gd-live-shares li").all_inner_texts()
        # the static figure's words, as a legend row
        said = words.label("bounce_of", lang, lr=fmt_rate(DATA["basins"]["valley"]["lr"]))
        said = (said[:1].upper() + said[1:]).replace("'", "\u2019")
        assert names[-1].startswith(said + ": "), names
        slider = page.locator("[data-live=basins] input[type=range]")
        slider.focus()
        here = DATA["basins"]["lr"]
        for lr in (0.07, 0.1):
            for _ in range(RATES.index(lr) - RATES.index(here)):
                page.keyboard.press("ArrowRight")
            here = lr
            wait_for_map(page, f"{lr:g}", str(DATA["basins"]["epochs"]))
            state = tab.state("[data-live=basins]")
            assert_same_map(state, lr, DATA["basins"]["epochs"])
            inside = assert_same_valley(state, lr, DATA["basins"]["epochs"])
            assert inside.mean() > 0.1  # the class is large here: no start arrives at the global
            shares = page.locator("[data-live=basins] .gd-live-share").all_inner_texts()
            assert shares == legend_shares(lr, DATA["basins"]["epochs"])
            # drawn light green, on the light page and on the dark: the cells' centres (a contour
            # line may cross a few of them)
            starts = np.flatnonzero(inside)[:: max(1, int(inside.sum()) // 200)].tolist()
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                page.wait_for_timeout(300)  # the theme's repaint (one animation frame)
                seen = page.evaluate(CELL_COLOURS, [starts, grid])
                hits = sum(c == light for c in seen)
                assert hits >= 0.8 * len(starts), (scheme, hits, len(starts), seen[:5])
            page.emulate_media(color_scheme="light")
    finally:
        tab.close()


def watch_states(page) -> None:
    """Record every data-state the basin map takes from now on, in ``window.__states``."""
    page.evaluate(
        """() => {
          const root = document.querySelector('[data-live=basins]');
          window.__states = [];
          window.__previewShares = [];  // the shares' opacity while the preview shows
          const shares = root.querySelector('.gd-live-shares');
          new MutationObserver(() => {
            window.__states.push(root.dataset.state);
            if (root.dataset.state === 'preview')
              window.__previewShares.push(Number(getComputedStyle(shares).opacity));
          }).observe(root, { attributes: true, attributeFilter: ['data-state'] });
        }"""
    )


MOMENTUM = DATA["basins"]["momentum"]
BETAS = MOMENTUM["betas"]


def wait_for_momentum_map(page, lr: str, beta: str, epochs: str) -> dict[str, str]:
    """Until the momentum page's map is ready for these settings (as its data- attributes write
    them); returns its state."""
    page.wait_for_function(
        "([lr, beta, epochs]) => { const d = document.querySelector('[data-live=basins]').dataset;"
        " return d.state === 'ready' && d.lr === lr && d.momentum === beta && d.epochs === epochs; }",
        arg=[lr, beta, epochs],
        timeout=120000,
    )
    return page.evaluate("({...document.querySelector('[data-live=basins]').dataset})")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_momentum_map_equals_the_engine_with_a_preview_first(
    browser, base_url: str, viewport: str
) -> None:
    """The momentum page's live map: the same figure with a β slider, starting at the page's
    example (η = 0.1, β = 0.9: the global minimum found, as the still map above shows), equal to
    gdcore.basins(..., momentum=β) start by start there, at β = 0 (plain descent: the minima
    page's map at that rate) and at another β and η; the state goes preview → ready."""
    lang = "ko" if viewport == "phone" else "en"
    tab = Tab(browser, f"{base_url}/{lang}/momentum.html", viewport)
    peaks = get_landscape("peaks")
    grid = DATA["basins"]["grid"]
    try:
        legend = tab.page.locator("[data-live=basins] .gd-live-share")
        before = legend.all_inner_texts()  # the build's shares, from gdcore, before the map is made
        state = ready(tab, "basins")
        lr, beta, epochs = MOMENTUM["lr"], MOMENTUM["beta"], DATA["basins"]["epochs"]
        assert (float(state["lr"]), float(state["momentum"]), int(state["epochs"])) == (
            lr,
            beta,
            epochs,
        )
        engine = basins(peaks, learning_rate=lr, epochs=epochs, grid=grid, momentum=beta)
        assert engine.shares[0] > 0  # the page's point: the global minimum is found
        assert_same_map_but_split_starts(state, lr, epochs, beta)
        assert legend.all_inner_texts() == before
        page = tab.page
        slider = page.locator("#gd-live-basins-beta")
        assert slider.get_attribute("aria-valuetext") == f"β = {beta:g}"
        said = words.word(
            "live.script.ready_momentum", lang, lr=f"{lr:g}", beta=f"{beta:g}",
            epochs=f"{epochs:,}", starts=f"{grid * grid:,}", seconds="{seconds}",
            diverged="", outside="",
        ).split("{seconds}")[0]  # fmt: skip
        status = page.locator("[data-live=basins] .gd-live-status")
        assert status.inner_text().startswith(said), (status.inner_text(), said)
        watch_states(page)
        # β = 0, by keyboard: plain descent, the minima page's map at this rate, bit for bit
        slider.focus()
        page.keyboard.press("Home")
        assert slider.get_attribute("aria-valuetext") == "β = 0"
        assert page.inner_text("output[for=gd-live-basins-beta]") == "0"
        state = wait_for_momentum_map(page, f"{lr:g}", "0", f"{epochs}")
        assert_same_map(state, lr, epochs, 0.0)
        assert_same_map(state, lr, epochs)  # gdcore.basins without momentum: the same map
        plain = basins(peaks, learning_rate=lr, epochs=epochs, grid=grid)
        assert plain.shares[0] == 0  # no start finds the global minimum without momentum
        states = page.evaluate("window.__states")
        assert "preview" in states and states.index("preview") < len(states) - 1, states
        assert states[-1] == "ready", states
        # another β and η, and fewer epochs: β = 0.5 and η = 0.05 (the minima page's safe rate)
        for _ in range(BETAS.index(0.5)):
            page.keyboard.press("ArrowRight")
        rates = page.locator("#gd-live-basins-lr")
        rates.focus()
        for _ in range(RATES.index(lr) - RATES.index(0.05)):
            page.keyboard.press("ArrowLeft")
        assert rates.get_attribute("aria-valuetext") == "η = 0.05"
        page.fill("#gd-live-basins-epochs", "300")
        state = wait_for_momentum_map(page, "0.05", "0.5", "300")
        assert_same_map(state, 0.05, 300, 0.5)
        expected = basins(peaks, learning_rate=0.05, epochs=300, grid=grid, momentum=0.5)
        none = f"{100 * expected.share_none:.1f}%"
        assert legend.all_inner_texts() == [none] + [f"{100 * s:.1f}%" for s in expected.shares]
        assert page.evaluate("window.__workers") >= 1  # computed in Web Workers
        # a bad epochs box: the dimmed map's status names all three settings, β included
        page.fill("#gd-live-basins-epochs", "abc")
        shown = words.word(
            "live.script.invalid_momentum", lang, lr="0.05", beta="0.5", epochs="300"
        )
        assert status.inner_text() == shown
    finally:
        tab.close()


def test_the_minima_map_has_no_momentum_control(browser, base_url: str) -> None:
    """The minima page's map is unchanged: no β slider, no data-momentum; plain descent."""
    tab = Tab(browser, f"{base_url}/en/minima.html", "laptop")
    try:
        state = ready(tab, "basins")
        assert "momentum" not in state
        assert tab.page.locator("[data-live=basins] input[type=range]").count() == 1
    finally:
        tab.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_epochs_box_reads_as_the_playgrounds_box(browser, base_url: str, lang: str) -> None:
    """The one parser (shared.js), with the same table as in node and in the playground: bad
    input gets its message in the page's language and dims the last map, which stays."""
    tab = Tab(browser, f"{base_url}/{lang}/minima.html", "phone")
    try:
        before = ready(tab, "basins")
        box = tab.page.locator("[data-live=basins] input[type=text]")
        message = tab.page.locator("[data-live=basins] .gd-live-message")
        low, high = DATA["basins"]["minEpochs"], DATA["basins"]["maxEpochs"]
        canvas = tab.page.locator("[data-live=basins] canvas")
        status = tab.page.locator("[data-live=basins] .gd-live-status")
        for raw, want in EPOCHS:
            box.fill(raw)
            if isinstance(want, int):
                assert message.inner_text() == "" and box.get_attribute("aria-invalid") == "false"
                assert tab.state("[data-live=basins]")["state"] != "invalid", raw
            else:
                said = words.word(f"live.script.error.{want}", lang, min=f"{low:,}",
                                  max=f"{high:,}", value=raw.strip())  # fmt: skip
                assert message.inner_text() == said, raw
                assert box.get_attribute("aria-invalid") == "true"
                assert tab.state("[data-live=basins]")["state"] == "invalid"  # the old map dimmed
                assert float(canvas.evaluate("c => getComputedStyle(c).opacity")) < 1
                # the status names the settings of the map still shown, and computes nothing
                shown = words.word("live.script.invalid", lang, lr=f"{before['lr']}",
                                   epochs=f"{int(before['epochs']):,}")  # fmt: skip
                assert status.inner_text() == shown, raw
        assert tab.state("[data-live=basins]")["epochs"] == before["epochs"]  # nothing recomputed
        box.fill("50")
        assert message.inner_text() == ""
    finally:
        tab.close()


def test_a_bad_epochs_box_during_a_computation_names_the_map_shown(browser, base_url: str) -> None:
    """Epochs made bad while a new map is computed: that computation stops, the last finished map
    is shown (dimmed) and the status names its settings, then and later (no map replaces it
    while the box is bad)."""
    tab = Tab(browser, f"{base_url}/en/minima.html", "laptop")
    try:
        page = tab.page
        ready(tab, "basins")
        box = page.locator("[data-live=basins] input[type=text]")
        status = page.locator("[data-live=basins] .gd-live-status")
        box.fill("1")
        page.wait_for_selector("[data-live=basins][data-state=ready][data-epochs='1']")
        one = tab.state("[data-live=basins]")
        legend = page.locator("[data-live=basins] .gd-live-share").all_inner_texts()
        box.fill("10000")
        # computing: the coarse preview ("computing") or the full map after it ("preview"); on a
        # busy machine the first can pass before a poll sees it, so either one will do
        page.wait_for_selector(
            "[data-live=basins]:is([data-state=computing], [data-state=preview])", timeout=30000
        )
        watch_states(page)
        box.fill("abc")
        said = words.word("live.script.invalid", "en", lr=one["lr"], epochs="1")
        assert status.inner_text() == said
        # were the 10,000-epoch map still computed, it would end "ready" within seconds
        page.wait_for_timeout(8000)
        state = tab.state("[data-live=basins]")
        assert "ready" not in page.evaluate("window.__states"), page.evaluate("window.__states")
        assert state["state"] == "invalid" and state["epochs"] == "1", state
        assert state["shares"] == one["shares"] and status.inner_text() == said
        assert page.locator("[data-live=basins] .gd-live-share").all_inner_texts() == legend
    finally:
        tab.close()


def test_a_changed_setting_dims_the_map_at_once(browser, base_url: str) -> None:
    """The map shown is the old settings' map from the moment a setting changes: not "ready",
    dimmed, its status saying so, until the new one is computed."""
    tab = Tab(browser, f"{base_url}/en/minima.html", "laptop")
    try:
        ready(tab, "basins")
        seen = tab.page.evaluate(
            """() => {
              const root = document.querySelector('[data-live=basins]');
              const slider = root.querySelector('input[type=range]');
              slider.value = String(Number(slider.value) + Number(slider.step));
              slider.dispatchEvent(new Event('input', { bubbles: true }));
              const c = root.querySelector('canvas');
              return [root.dataset.state, getComputedStyle(c).opacity,
                      root.querySelector('.gd-live-status').textContent];
            }"""
        )
        assert seen[0] == "pending" and float(seen[1]) < 1
        assert seen[2] == words.word("live.script.pending", "en")
        tab.page.wait_for_selector("[data-live=basins][data-state=ready]", timeout=60000)
        canvas = tab.page.locator("[data-live=basins] canvas")
        assert float(canvas.evaluate("c => getComputedStyle(c).opacity")) == 1
    finally:
        tab.close()


def count_words(k: int, n: int) -> dict[str, str]:
    return {"count": f"{k:,}", "share": f"{100 * k / n:.1f}%", "bound": f"{DEFAULT_BOUND:,.0f}"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_basin_maps_status_counts_as_the_engine(browser, base_url: str, lang: str) -> None:
    """Its status says how many starts diverged and how many end off the map, as
    gdcore.basins finds them, at the lesson's rate and at the slider's largest."""
    tab = Tab(browser, f"{base_url}/{lang}/minima.html", "laptop")
    peaks = get_landscape("peaks")
    try:
        state = ready(tab, "basins")
        slider = tab.page.locator("[data-live=basins] input[type=range]")
        for step in ("Home", "End"):
            lr, epochs = float(state["lr"]), int(state["epochs"])
            engine = basins(peaks, learning_rate=lr, epochs=epochs, grid=DATA["basins"]["grid"])
            n = engine.labels.size
            diverged = int(engine.diverged.sum())
            outside = int((~peaks.contains(engine.final) & (engine.labels < 0)
                           & ~engine.diverged).sum())  # fmt: skip
            assert (int(state["diverged"]), int(state["outside"])) == (diverged, outside)
            said = " ".join((
                words.word("live.script.diverged.some", lang, **count_words(diverged, n)) if diverged
                else words.word("live.script.diverged.none", lang, **count_words(0, n)),
                words.word("live.script.outside.some", lang, **count_words(outside, n)) if outside
                else words.word("live.script.outside.none", lang),
            ))  # fmt: skip
            status = tab.page.locator("[data-live=basins] .gd-live-status").inner_text()
            assert status.endswith(said), (status, said)
            slider.focus()
            tab.page.keyboard.press(step)
            tab.page.wait_for_function(
                "lr => { const d = document.querySelector('[data-live=basins]').dataset;"
                " return d.state === 'ready' && d.lr !== lr; }",
                arg=state["lr"],
                timeout=60000,
            )
            state = tab.state("[data-live=basins]")
    finally:
        tab.close()


def assert_path_state(state: dict[str, str], landscape: str, domain=None) -> Outcome:
    """The figure's run equals the engine's, and its data-status is the engine's regime."""
    start = json.loads(state["start"])
    run = descend(
        get_landscape(landscape), start, learning_rate=float(state["lr"]),
        epochs=int(state["epochs"]), tol=PLAYGROUND_TOL,
    )  # fmt: skip
    np.testing.assert_allclose(json.loads(state["end"]), run.final, rtol=1e-12, atol=1e-12)
    assert int(state["epochsRun"]) == run.epochs_run
    o = classify(run, domain=domain)
    assert (state["status"], state.get("reason")) == (o.regime, o.reason)
    assert state["left"] == str(o.left_domain).lower()
    return o


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
        # the map inside the canvas, round it its axes and colour bar (CSS px)
        bx, by, bw, bh = json.loads(state["box"])
        u, v = 0.2, 0.7  # where the reader puts the start, as shares of the map's width and height
        at = (box["x"] + bx + u * bw, box["y"] + by + v * bh)
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
        pixel = (x1 - x0) / bw * 1.5
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
        o = assert_path_state(state, "peaks")
        status = tab.page.locator("[data-live=path] .gd-live-status").inner_text()
        said = expected_status(o, "en", figure="live", landscape="peaks")
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
        # the figure's height after each change: its status may grow, never shrink (what follows
        # does not move up and down under a reader dragging the slider)
        heights = []
        height = "document.querySelector('[data-live=factors]').getBoundingClientRect().height"
        slider.focus()
        for key, times in (("ArrowRight", 30), ("End", 1), ("Home", 1)):
            for _ in range(times):
                tab.page.keyboard.press(key)
            rates.append(float(tab.state("[data-live=factors]")["lr"]))
            heights.append(tab.page.evaluate(height))
        for lr in (0.07, round(2 / lams[1] + F["lrStep"], 3)):  # oscillating; diverging
            slider.fill(str(lr))
            rates.append(float(tab.state("[data-live=factors]")["lr"]))
            heights.append(tab.page.evaluate(height))
            state = tab.state("[data-live=factors]")
            np.testing.assert_allclose(json.loads(state["factors"]), [1 - lr * v for v in lams])
            assert_path_state(state, "elongated_bowl", F["domain"])
            assert slider.get_attribute("aria-valuetext") == f"{lr:g}"
        assert rates[1] == pytest.approx(F["lr"] + 30 * F["lrStep"])
        assert rates[2:4] == [F["lrMax"], F["lrMin"]]
        texts = tab.page.locator("[data-live=factors] .gd-live-factor").all_inner_texts()
        assert words.word("live.script.regime.diverging", lang) in texts[1]
        assert words.word("live.script.regime.monotone", lang) in texts[0]
        # at ηλ = 1 the factor is 0 (gone in one step); at ηλ = 2 it is −1 (flips, never shrinks)
        factors = tab.page.locator("[data-live=factors] .gd-live-factor")
        status = tab.page.locator("[data-live=factors] .gd-live-status")
        # the note on the 2-cycle the path closes in on: only at the limit, naming (0, ±y₀)
        note = words.word("live.script.bowl_limit", lang).split("{")[0]
        for lr, regime in ((1 / lams[1], "vanishing"), (2 / lams[1], "limit")):
            slider.fill(f"{lr:.6g}")
            assert words.word(f"live.script.regime.{regime}", lang) in factors.all_inner_texts()[1]
            assert (note in status.inner_text()) == (regime == "limit")
        heights.append(tab.page.evaluate(height))
        assert heights == sorted(heights), heights
        assert len({round(h) for h in heights}) > 1, heights  # a status did grow on the way
        y0 = F["start"][1]
        assert f"(0.000,\u00a0{y0:.3f})" in status.inner_text()
        assert f"(0.000,\u00a0−{y0:.3f})" in status.inner_text()
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
            ("momentum", "momentum_basins_map"),
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
        data = script.read_bytes()
        assert len(data) <= SCRIPT_BYTES and len(gzip.compress(data)) <= SCRIPT_GZIP_BYTES
        for page in (html / lang).glob("*.html"):
            text = page.read_text(encoding="utf-8")
            assert ("gd-live.js" in text) == ("data-live=" in text), page.name
        assert {p.stem for p in (html / lang).glob("*.html") if "data-live=" in p.read_text()} == {
            "minima",
            "gd2d",
            "curvature",
            "momentum",
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


# --- every regime each figure can reach, said as the engine classifies it ------------------------
def key_walk(keys: str) -> list[float]:
    """Where the path figure's arrow keys take the start (L, R, U, D), as live.js moves it."""
    (x0, x1), (y0, y1) = DATA["path"]["domain"]
    d = DATA["path"]["keyStep"] * (x1 - x0)
    moves = {"L": (-d, 0), "R": (d, 0), "U": (0, d), "D": (0, -d)}
    s = list(DATA["path"]["start"])
    for k in keys:
        p = [s[0] + moves[k][0], s[1] + moves[k][1]]
        s = [min(x1, max(x0, p[0])), min(y1, max(y0, p[1]))]
    return s


def path_outcome(start: list[float]) -> Outcome:
    P = DATA["path"]
    run = descend(get_landscape(P["landscape"]), start, learning_rate=P["lr"],
                  epochs=P["epochs"], tol=PLAYGROUND_TOL)  # fmt: skip
    return classify(run, domain=tuple(map(tuple, P["domain"])))


#: The path figure's regimes (η = 0.01 on peaks: no start rests, diverges or bounces; see
#: test_the_path_figure_cannot_rest_diverge_or_bounce): the keys that reach each one.
PATH_KEYS = {"converged": "", "finished": "RRRRRR", "finished, left the map": "U" * 15}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_each_regime_of_the_path_figure(browser, base_url: str, lang: str) -> None:
    tab = Tab(browser, f"{base_url}/{lang}/gd2d.html", "laptop")
    try:
        ready(tab, "path")
        canvas = tab.page.locator("[data-live=path] canvas")
        status = tab.page.locator("[data-live=path] .gd-live-status")
        for case, keys in PATH_KEYS.items():
            canvas.focus()
            for key in keys:
                tab.page.keyboard.press({"L": "ArrowLeft", "R": "ArrowRight", "U": "ArrowUp",
                                         "D": "ArrowDown"}[key])  # fmt: skip
            tab.page.wait_for_timeout(100)
            state = tab.state("[data-live=path]")
            assert json.loads(state["start"]) == pytest.approx(key_walk(keys), abs=1e-12)
            o = assert_path_state(state, "peaks")
            assert (o.regime, o.left_domain) == (case.split(",")[0], "left" in case)
            assert status.inner_text().endswith(
                expected_status(o, lang, figure="live", landscape="peaks")
            )
            tab.page.reload()
            ready(tab, "path")
        # dragged past the map's lower edge: a start on the edge that leaves the map and comes
        # back onto it
        box = steady_box(tab, canvas)
        bx, by, bw, bh = json.loads(tab.state("[data-live=path]")["box"])  # the map in the canvas
        (x0, x1), _ = DATA["path"]["domain"]
        u = (-1.49 - x0) / (x1 - x0)
        tab.page.mouse.move(box["x"] + bx + u * bw, box["y"] + by + 0.9 * bh)
        tab.page.mouse.down()
        tab.page.mouse.move(box["x"] + bx + u * bw, box["y"] + box["height"] + 30, steps=5)
        tab.page.mouse.up()
        tab.page.wait_for_timeout(100)
        state = tab.state("[data-live=path]")
        o = assert_path_state(state, "peaks")
        assert o.left_domain and not o.ends_outside, json.loads(state["start"])
        assert status.inner_text().endswith(
            expected_status(o, lang, figure="live", landscape="peaks")
        )
    finally:
        tab.close()


#: Keys that take the path figure's start to the map's corner (3, −3), where peaks is so flat that
#: the run's end reads as its start to the two digits the status shows.
PATH_SAME_KEYS = "R" * 30 + "D" * 40


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_path_status_never_says_a_start_moved_to_itself(
    browser, base_url: str, lang: str
) -> None:
    """The status names both ends of a run that moved; where the end reads as the start to the
    digits shown (the corner), it says so instead of "start A, end A"."""
    said = words.section("live", lang)["script"]
    shown = lambda p: point(p, lambda v: live_fixed(v, 2))  # noqa: E731 (live.js's point(p, 2))
    tab = Tab(browser, f"{base_url}/{lang}/gd2d.html", "laptop")
    try:
        ready(tab, "path")
        status = tab.page.locator("[data-live=path] .gd-live-status")
        canvas = tab.page.locator("[data-live=path] canvas")
        for keys, same in (("", False), (PATH_SAME_KEYS, True)):
            canvas.focus()
            for key in keys:
                tab.page.keyboard.press({"R": "ArrowRight", "D": "ArrowDown"}[key])
            tab.page.wait_for_timeout(100)
            state = tab.state("[data-live=path]")
            start, end = json.loads(state["start"]), json.loads(state["end"])
            assert start == pytest.approx(key_walk(keys), abs=1e-12)
            assert (shown(start) == shown(end)) is same, (start, end)
            o = assert_path_state(state, "peaks")
            fields = {
                "start": shown(start),
                "end": shown(end),
                "epochs": f"{int(state['epochsRun']):,}",
                "status": expected_status(o, lang, figure="live", landscape="peaks"),
            }
            text = said["path_same" if same else "path"].format(**fields)
            assert status.inner_text() == text
    finally:
        tab.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_coordinate_that_rounds_to_zero_is_shown_as_zero(
    browser, base_url: str, lang: str
) -> None:
    """A start clicked just below y = 0 (a tiny negative y) is shown 0.00, never −0.00: the
    click is moved a tenth of a pixel at a time across the map's middle until y lies in (−0.005, 0)."""
    tab = Tab(browser, f"{base_url}/{lang}/gd2d.html", "laptop")
    try:
        ready(tab, "path")
        root = tab.page.locator("[data-live=path]")
        canvas = root.locator("canvas")
        bx, by, bw, bh = json.loads(tab.state("[data-live=path]")["box"])
        found = None
        for dy in range(-40, 41):
            canvas.click(position={"x": bx + bw / 2, "y": by + bh / 2 + dy / 10})
            tab.page.wait_for_timeout(100)
            state = tab.state("[data-live=path]")
            start = json.loads(state["start"])
            if -0.005 < start[1] < 0:
                found = (start, root.locator(".gd-live-status").inner_text())
                break
        assert found, "no click landed just below y = 0"
        start, text = found
        assert live_fixed(start[1], 2) == "0.00" and "\u22120.00" not in text, (start, text)
        assert (
            text.startswith(said_start(lang)) and point(start, lambda v: live_fixed(v, 2)) in text
        )
    finally:
        tab.close()


def said_start(lang: str) -> str:
    """The path status's first words (before the start point)."""
    return words.section("live", lang)["script"]["path"].split("{start}")[0]


#: Counts the canvas pixels of the end mark's colour outside the map box (data-box, CSS px), and
#: inside it: the box is scaled to the canvas's backing store.
END_PIXELS = """([root, rgb]) => {
  const c = root.querySelector("canvas");
  const [bx, by, bw, bh] = JSON.parse(root.dataset.box);
  const s = c.width / c.clientWidth;
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let out = 0, inside = 0;
  for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) {
    const i = 4 * (y * c.width + x);
    if (Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]) > 6) continue;
    const on = x >= bx * s - 1 && x <= (bx + bw) * s + 1 && y >= by * s - 1 && y <= (by + bh) * s + 1;
    if (on) inside++; else out++;
  }
  return [out, inside];
}"""


@pytest.mark.parametrize("lang", ["en"])
def test_the_path_figures_end_mark_stays_inside_the_map(browser, base_url: str, lang: str) -> None:
    """The end mark is cut at the map box: an end off the map is not drawn (over the margin or the
    colour bar it would read as the bar's mark), an end on the map is. (The start, always on the
    map, is drawn whole: test_browser_canvas.)"""
    end = palette.mark("end", "map")
    rgb = [int(end[i : i + 2], 16) for i in (1, 3, 5)]
    tab = Tab(browser, f"{base_url}/{lang}/gd2d.html", "laptop")
    try:
        ready(tab, "path")
        canvas = tab.page.locator("[data-live=path] canvas")
        root = tab.page.locator("[data-live=path]").element_handle()
        seen = set()
        for keys in ("", "U" * 15, "R" * 15, "R" * 15 + "U" * 15):
            canvas.focus()
            for key in keys:
                tab.page.keyboard.press({"R": "ArrowRight", "U": "ArrowUp"}[key])
            tab.page.wait_for_timeout(100)
            state = tab.state("[data-live=path]")
            o = assert_path_state(state, "peaks")
            out, inside = tab.page.evaluate(END_PIXELS, [root, rgb])
            assert state["endShown"] == str(not o.ends_outside).lower(), keys
            assert out == 0, (keys, out)
            assert (inside > 0) == (not o.ends_outside), (keys, inside)
            seen.add(o.ends_outside)
            tab.page.reload()
            ready(tab, "path")
            canvas = tab.page.locator("[data-live=path] canvas")
            root = tab.page.locator("[data-live=path]").element_handle()
        assert seen == {True, False}
    finally:
        tab.close()


def test_the_path_figure_cannot_rest_diverge_or_bounce() -> None:
    """Why the path figure's test reaches only three regimes: on a fine grid of starts over the
    whole map (and its edges, where the keys and the drag can put it), none of the others."""
    (x0, x1), (y0, y1) = DATA["path"]["domain"]
    seen = set()
    for x in np.linspace(x0, x1, 41):
        for y in np.linspace(y0, y1, 41):
            seen.add(path_outcome([float(x), float(y)]).regime)
    assert seen == {"converged", "finished"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_each_rate_of_the_factors_figure_is_said_as_the_engine_classifies_it(
    browser, base_url: str, lang: str
) -> None:
    """Every stop of the slider: finished below the limit, wandering at it (the steep direction
    flips without shrinking while the gentle one is still on its way: steps that do not shrink,
    inside a small region), diverging above it (leaving the drawn bowl); the status is the
    engine's regime in the page's words, and at the limit also names the 2-cycle (0, ±y) the
    path closes in on."""
    F = DATA["factors"]
    tab = Tab(browser, f"{base_url}/{lang}/curvature.html", "laptop")
    try:
        ready(tab, "factors")
        slider = tab.page.locator("[data-live=factors] input[type=range]")
        status = tab.page.locator("[data-live=factors] .gd-live-status")
        seen = set()
        stops = round((F["lrMax"] - F["lrMin"]) / F["lrStep"]) + 1
        for k in range(stops):
            lr = round(F["lrMin"] + k * F["lrStep"], 6)
            slider.fill(str(lr))
            state = tab.state("[data-live=factors]")
            assert float(state["lr"]) == lr
            o = assert_path_state(state, "elongated_bowl", tuple(map(tuple, F["domain"])))
            said = expected_status(o, lang, figure="live", landscape="elongated_bowl")
            gentle, steep = (1 - lr * v for v in F["lambdas"])
            if abs(steep + 1) < 5e-4 and abs(gentle) < 1:  # at the limit: the 2-cycle it nears
                y = abs(json.loads(state["end"])[1])
                cycle = [point(p, lambda v: live_fixed(v, 3)) for p in ((0, y), (0, -y))]
                said += " " + words.word("live.script.bowl_limit", lang, p=cycle[0], q=cycle[1])
            assert status.inner_text().endswith(said), lr
            seen.add((o.regime, o.reason, o.left_domain))
        assert seen == {
            ("finished", None, False),
            ("wandering", None, False),
            ("diverged", "against", True),
        }
    finally:
        tab.close()


def test_the_basin_slider_sets_each_rate_the_page_names_and_says_eta(
    browser, base_url: str
) -> None:
    """The slider's stops are the page's rates (0.07 exactly, not 0.0708), each spoken as
    "η = …"; the map then computed is the engine's for that rate."""
    for lr in (DATA["basins"]["lr"], 0.05, 0.07, 0.1):
        assert lr in RATES, (lr, RATES)
    assert sorted(RATES) == RATES and all(f"{v:.2g}" == f"{v:g}" for v in RATES)
    tab = Tab(browser, f"{base_url}/en/minima.html", "laptop")
    try:
        ready(tab, "basins")
        page = tab.page
        slider = page.locator("[data-live=basins] input[type=range]")
        assert slider.get_attribute("aria-valuetext") == f"η = {DATA['basins']['lr']:g}"
        page.fill("#gd-live-basins-epochs", "100")
        slider.focus()
        page.keyboard.press("Home")
        assert slider.get_attribute("aria-valuetext") == f"η = {RATES[0]:g}"
        for _ in range(RATES.index(0.07)):
            page.keyboard.press("ArrowRight")
        assert slider.get_attribute("aria-valuetext") == "η = 0.07"
        assert page.inner_text("[data-live=basins] output") == "0.07"
        wait_for_map(page, "0.07", "100")
        assert_same_map(tab.state("[data-live=basins]"), 0.07, 100)
    finally:
        tab.close()


#: The share of the basin map's pixels (inside its box, away from the minima's marks) that are
#: none of the key's colours: contour lines drawn over the colours (nearest-neighbour scaling
#: paints every other pixel in a key colour exactly).
OFF_KEY = """(keys) => {
  const root = document.querySelector('[data-live=basins]');
  const c = root.querySelector('canvas');
  const k = c.width / c.clientWidth;
  const [x0, y0, w, h] = JSON.parse(root.dataset.box);
  const data = c.getContext('2d').getImageData(Math.round((x0 + 3) * k), Math.round((y0 + 3) * k),
    Math.round((w - 6) * k), Math.round((h - 6) * k)).data;
  let off = 0, all = 0;
  for (let p = 0; p < data.length; p += 4) {
    all += 1;
    const near = keys.some(([r, g, b]) =>
      Math.abs(data[p] - r) <= 2 && Math.abs(data[p + 1] - g) <= 2 && Math.abs(data[p + 2] - b) <= 2);
    if (!near) off += 1;
  }
  return off / all;
}"""


@pytest.mark.parametrize(("scheme", "name"), [("light", "minima"), ("dark", "minima"),
                                              ("dark", "momentum")])  # fmt: skip
def test_the_live_basin_map_draws_the_static_maps_contour_lines(
    browser, base_url: str, scheme: str, name: str
) -> None:
    """f's contour lines at the static map's levels (matplotlib's choice for it, passed with the
    data), in the outline colour over the basin colours, in both themes (and on the momentum
    page's map, the same figure)."""
    levels = DATA["basins"]["contour"]["levels"]
    _, _, z = grid_values(get_landscape("peaks"), DATA["basins"]["contour"]["grid"])
    assert len(levels) >= 8 and all(z.min() < v < z.max() for v in levels)
    tab = Tab(browser, f"{base_url}/ko/{name}.html", "laptop", color_scheme=scheme)
    try:
        ready(tab, "basins")
        tab.page.wait_for_timeout(100)  # the paint after ready
        hexes = [palette.NONE["light"], palette.NONE["dark"], *DATA["basins"]["colors"],
                 palette.VALLEY, "#808080"]  # fmt: skip
        keys = [[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in hexes]
        share = tab.page.evaluate(OFF_KEY, keys)
        assert 0.01 < share < 0.25, share  # lines over the map, not a map hidden under lines
    finally:
        tab.close()
