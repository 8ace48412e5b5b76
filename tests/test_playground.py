"""The playground, in Chromium: generated gradient code equals gdcore's, and the page runs as a
reader uses it (mouse, keyboard, presets), in the page's language."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import numpy as np
import pytest
from budgets import SCRIPT_BYTES, SCRIPT_GZIP_BYTES
from test_shared_js import EXACT

from gdcore import descend, get_landscape, landscape_names
from gdcore.book.pages.playground import DEFAULT_STARTS, PRESETS, TOL

pytestmark = pytest.mark.site  # builds the whole site (see conftest.py)

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))


@pytest.fixture
def page(browser, base_url: str, request: pytest.FixtureRequest):
    lang = getattr(request, "param", "en")
    context = browser.new_context(viewport={"width": 1200, "height": 1400}, reduced_motion="reduce")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(f"{base_url}/{lang}/playground.html")
    tab.wait_for_selector("#gd-playground.gd-ready")
    yield tab
    context.close()
    assert errors == []


def test_the_script_is_small(site_build: dict[str, Path]) -> None:
    script = site_build["html"] / "en" / "_static" / "gd-playground.js"
    # the live figures' script has the same budgets (both carry shared.js): bytes parsed, and
    # bytes downloaded (GitHub Pages serves it gzip-compressed)
    data = script.read_bytes()
    assert len(data) <= SCRIPT_BYTES
    assert len(gzip.compress(data)) <= SCRIPT_GZIP_BYTES


@pytest.mark.parametrize("name", landscape_names())
def test_generated_gradient_code_equals_gdcore(page, name: str) -> None:
    land = get_landscape(name)
    axes = [np.linspace(lo, hi, 9) for lo, hi in land.domain]
    points = np.stack([a.ravel() for a in np.meshgrid(*axes)], axis=-1)
    js = np.array(
        page.evaluate(f"pts => pts.map(p => GD_KERNELS[{name!r}](...p))", points.tolist())
    )
    np.testing.assert_allclose(js[:, 0], land.value(points), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(js[:, 1:], land.gradient(points), rtol=1e-12, atol=1e-12)


#: (landscape, start, learning rate, epochs, ascent, {momentum, noise, seed}): every preset's
#: runs, with its momentum and noise, and a few more
RUNS = [
    (p.landscape, p.start, lr, p.epochs, p.ascent, {"momentum": p.momentum, "noise": p.noise,
                                                    "seed": p.seed})
    for p in PRESETS
    for lr in (p.lr, p.lr2)
    if lr is not None
] + [
    ("peaks", (-2.2, 2.1), 0.03, 500, False, {}),
    ("parabola", (1.7,), 0.2, 50, False, {}),
    ("parabola", (0.0,), 0.5, 100, False, {}),  # diverges
    ("rippled_bowl", (0.0,), 0.01, 200, False, {}),  # stuck on the maximum
    ("separable", (-1.2, 0.3), 0.01, 300, True, {}),
    ("separable", (-1.2, 0.3), 0.05, 300, False, {"momentum": 0.8, "noise": 0.3, "seed": 11}),
    ("rippled_bowl", (0.3,), 0.01, 400, False, {"momentum": 0.95}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "start", "lr", "epochs", "ascent", "more"), RUNS)
def test_page_and_gdcore_end_in_the_same_place(page, name, start, lr, epochs, ascent, more) -> None:
    """Bit for bit, with the playground's tolerance and without one, momentum and noise included."""
    land = get_landscape(name)
    args = [name, list(start), lr, epochs, ascent, more]
    for tol, script in ((TOL, "gdPlayground.descend(n, s, lr, e, a, undefined, m)"),
                        (None, "gdPlayground.descend(n, s, lr, e, a, null, m)")):  # fmt: skip
        ours = descend(land, start, learning_rate=lr, epochs=epochs, ascent=ascent, tol=tol, **more)
        js = page.evaluate(f"([n, s, lr, e, a, m]) => {script}", args)
        if name in EXACT:  # no transcendental function: the engine's bits
            assert js["final"] == ours.final.tolist()
        else:
            np.testing.assert_allclose(js["final"], ours.final, rtol=1e-9, atol=1e-12)
        assert js["status"] == ours.status
        assert js["epochsRun"] == ours.epochs_run
        assert js["leftDomain"] == ours.left_domain


def _click_at(page, point: tuple[float, float]) -> None:
    box = page.locator("#gd-pg-canvas").bounding_box()
    px, py = page.evaluate("p => gdPlayground.toPixel(p)", list(point))  # inside the axes
    page.mouse.click(box["x"] + px, box["y"] + py)


def test_clicking_the_map_starts_there(page) -> None:
    _click_at(page, (1.0, -1.0))
    start = page.evaluate("gdPlayground.state.start")
    np.testing.assert_allclose(start, (1.0, -1.0), atol=0.02)  # one pixel of the map
    shown = "Start ({:.2f},\u00a0{:.2f})".format(*start).replace("-", "\u2212")
    assert page.inner_text("#gd-pg-cursor") == shown  # the readout is the run's start
    end = page.evaluate("JSON.parse(document.getElementById('gd-playground').dataset.end)")
    ours = descend(get_landscape("peaks"), start, learning_rate=0.01, epochs=1000, tol=TOL).final
    np.testing.assert_allclose(end, ours, rtol=1e-9)


def test_the_seed_preset_ends_where_the_lesson_does(page) -> None:
    seed = next(p for p in PRESETS if p.key == "seed")
    page.click("button[data-preset=seed]")
    end = page.evaluate("JSON.parse(document.getElementById('gd-playground').dataset.end)")
    # the lesson's run, all its epochs: the playground stops it earlier, a hair away
    lesson = descend(get_landscape("peaks"), seed.start, learning_rate=seed.lr, epochs=seed.epochs)
    np.testing.assert_allclose(end, lesson.final, atol=1e-9)
    shown = "({:.6f},\u00a0{:.6f})".format(*lesson.final).replace("-", "\u2212")
    assert shown in page.inner_text("#gd-pg-result")
    assert page.locator("#gd-playground").get_attribute("data-status") == "converged"


@pytest.mark.parametrize("page", ["ko", "en"], indirect=True)
def test_lr_half_is_reported_as_leaving_the_map(page) -> None:
    page.click("button[data-preset=lr_too_large]")
    root = page.locator("#gd-playground")
    assert root.get_attribute("data-left") == "true"
    text = page.inner_text("#gd-pg-result")
    lang = page.evaluate("document.documentElement.lang")
    assert ("지도 밖으로" in text) if lang == "ko" else ("left the map" in text)


def test_one_dimensional_landscapes_are_curves(page) -> None:
    page.select_option("#gd-pg-landscape", "parabola")
    page.fill("#gd-pg-epochs", "200")
    page.click("#gd-pg-run")  # from the cursor, the landscape's default start
    end = page.evaluate("JSON.parse(document.getElementById('gd-playground').dataset.end)")
    start = DEFAULT_STARTS["parabola"]
    ours = descend(get_landscape("parabola"), start, learning_rate=0.01, epochs=200, tol=TOL).final
    assert len(end) == 1
    np.testing.assert_allclose(end, ours, rtol=1e-9)
    assert abs(end[0] - 0.5) < 1e-4  # close to the minimum
    # the plot speaks of the derivative's absolute value in 1D, of the gradient's norm in 2D
    label = page.get_attribute("#gd-pg-plot", "aria-label")
    assert "|f′(x)|" in label and "‖∇f‖" not in label, label
    page.select_option("#gd-pg-landscape", "peaks")
    label = page.get_attribute("#gd-pg-plot", "aria-label")
    assert "‖∇f‖" in label and "|f′(x)|" not in label, label


def test_the_keyboard_alone_is_enough(page) -> None:
    focused = []
    for _ in range(60):  # tab through the page: every control is reachable
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate(
                "document.activeElement.id || document.activeElement.dataset.preset || ''"
            )
        )
    for control in (
        "gd-pg-landscape",
        "gd-pg-lr",
        "gd-pg-epochs",
        "gd-pg-run",
        "gd-pg-canvas",
        "gd-pg-play",
        "gd-pg-step",
        "seed",
    ):
        assert control in focused, f"{control} is not reachable with Tab: {focused}"
    page.focus("#gd-pg-lr")
    page.keyboard.press("ArrowRight")  # the slider moves the learning rate
    assert page.evaluate("gdPlayground.state.lr") > 0.01
    page.focus("#gd-pg-canvas")
    before = page.evaluate("gdPlayground.state.cursor")
    for key in ("ArrowRight", "ArrowRight", "ArrowUp"):
        page.keyboard.press(key)
    after = page.evaluate("gdPlayground.state.cursor")
    assert after[0] > before[0] and after[1] > before[1]
    page.keyboard.press("Enter")
    start = page.evaluate("gdPlayground.state.start")
    np.testing.assert_allclose(start, after)
    assert page.inner_text("#gd-pg-result")


@pytest.mark.parametrize(
    ("page", "words"),
    [
        ("ko", ["학습률", "에포크", "지형", "내려가기"]),
        ("en", ["Learning rate", "Epochs", "Landscape"]),
    ],
    indirect=["page"],
)
def test_labels_are_in_the_pages_language(page, words: list[str]) -> None:
    text = page.inner_text("#gd-playground")
    for w in words:
        assert w in text
