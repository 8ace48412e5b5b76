"""gdsite.live: the ``live`` directive's markup, its script, and the generated basin loop run in
node against gdcore's many-start descent."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from budgets import SCRIPT_BYTES, SCRIPT_GZIP_BYTES
from sphinx_project import make_project

from gdcore import descend, get_landscape
from gdcore.book import words
from gdcore.book.live import bundle, live_data
from gdcore.book.numfmt import fmt_rate

EXT = Path(__file__).resolve().parents[1] / "book" / "_ext" / "gdsite"
KINDS = ("basins", "path", "factors")
FILES = {"index.md": "# Live\n\n" + "".join(f"```{{live}} {k}\n```\n\n" for k in KINDS)}


@pytest.mark.parametrize(("lang", "label"), [("ko", "학습률"), ("en", "Learning rate")])
def test_each_figure_in_the_pages_language(tmp_path: Path, lang: str, label: str) -> None:
    out = make_project(tmp_path, FILES, language=lang)
    assert out.warnings == ""
    page = out.read("index.html")
    for kind in KINDS:
        data = re.search(rf'<figure class="gd-live gd-live-{kind}" data-live="{kind}" '
                         r'data-text="([^"]*)">', page)  # fmt: skip
        assert data, kind
        script = {
            **words.section("live", lang)["script"],
            "outcome": words.section("outcome", lang),
        }
        assert json.loads(html.unescape(data.group(1))) == script
    # η in a face that draws it as mathematics does (a Korean face draws it like ŋ)
    assert f'<label for="gd-live-basins-lr">{label} <span class="gd-sym">η</span></label>' in page
    # the controls start at the lesson's settings
    basins = live_data()["basins"]
    assert f'value="{basins["epochs"]}"' in page
    # the rate slider's stops index the page's rates: its value is the lesson's rate's stop
    stop = basins["rates"].index(basins["lr"])
    assert (
        f'id="gd-live-basins-lr" min="0" max="{len(basins["rates"]) - 1}"\n step="1" value="{stop}"'
    ) in page
    # grey, each minimum, and light green (the global minimum's basin without arriving)
    assert page.count('class="gd-live-share"') == len(basins["minima"]) + 2
    assert out.app.env.metadata["index"]["gd_live"] is True
    assert re.search(r'<script defer="defer" src="_static/gd-live.js\?v=\w+">', page)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_basin_maps_legend_sets_light_green_apart(tmp_path: Path, lang: str) -> None:
    """The plain basin map's legend (the minima page's) has a light-green row last, named in the
    static "basins by rate" figure's words, in the palette's colour, and its grey row is the other
    starts that arrive at no minimum (the figure's words again); before the browser computes the
    map, its shares are the engine's: gdcore.basins and the page's inside_deep_valley."""
    from gdsite.live import capital, swatch

    from gdcore.book import palette
    from gdcore.book.pages.minima import VALLEY_CHECK, inside_deep_valley
    from gdcore.book.pages.shared import peaks_basins

    out = make_project(tmp_path, {"index.md": "# Live\n\n```{live} basins\n```\n"}, language=lang)
    assert out.warnings == ""
    page = out.read("index.html")
    rows = re.findall(r"<li>(<svg[^\n]*?</svg>)<span>([^<]*): <span class=\"gd-live-share\">"
                      r"([^<]*)</span></span></li>", page)  # fmt: skip
    b = live_data()["basins"]
    assert len(rows) == len(b["minima"]) + 2, rows
    grey, light = rows[0], rows[-1]
    assert grey[1] == html.escape(capital(words.label("basin_none_other", lang)))
    said = words.label("bounce_of", lang, lr=fmt_rate(b["valley"]["lr"]))
    assert light[1] == html.escape(capital(said))
    assert "'" not in light[1] and light[1][:1] == light[1][:1].upper()
    assert light[0] == swatch(palette.VALLEY) and b["valley"]["color"] == palette.VALLEY
    assert grey[0] == swatch(palette.NONE["light"])
    result = peaks_basins(b["lr"], b["epochs"], b["grid"])
    inside = inside_deep_valley(b["lr"], b["epochs"], b["grid"])
    n = result.labels.size
    want = [(int((result.labels < 0).sum()) - int(inside.sum())) / n, *result.shares, inside.mean()]
    assert [r[2] for r in rows] == [f"{100 * v:.1f}%" for v in want]
    assert inside.any()  # the lesson's settings have a light green row that is not empty
    # the live map's check is the page's: VALLEY_CHECK's rate and epochs, the global minimum
    assert (b["valley"]["lr"], b["valley"]["epochs"]) == (
        VALLEY_CHECK["learning_rate"],
        VALLEY_CHECK["epochs"],
    )
    assert result.minima[b["valley"]["minimum"]].is_global_min


def test_an_unknown_kind_is_an_error_naming_it(tmp_path: Path) -> None:
    out = make_project(tmp_path, {"index.md": "# Live\n\n```{live} bowl\n```\n"}, language="en")
    assert "live figure must be one of basins, path, factors; got 'bowl'" in out.warnings


def test_the_script_is_written_and_small(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, language="en")
    script = (out.outdir / "_static" / "gd-live.js").read_text(encoding="utf-8")
    from gdsite.statics import shared_script

    assert script == bundle(shared_script() + (EXT / "live.js").read_text(encoding="utf-8"))
    # the budget is what a reader downloads (GitHub Pages serves it gzip-compressed), with a
    # ceiling on the bytes the browser parses: both scripts carry shared.js, the palette, the
    # canvas helpers and the noise generator
    assert len(script.encode()) <= SCRIPT_BYTES
    assert len(gzip.compress(script.encode())) <= SCRIPT_GZIP_BYTES


def test_every_word_is_used() -> None:
    from gdsite.live import BASINS, BETA, FACTORS, PATH, markup

    table = words.section("live", "en")
    templates = BASINS + BETA + FACTORS + PATH + markup("basins", "en")
    own = ("minimum", "minimum_global", "none", "basins_momentum_canvas")
    for key, text in table.items():
        if isinstance(text, str) and key not in own:
            assert f"{{{key}}}" in templates or key.endswith("_caption"), key
    # the momentum map (the momentum page's) describes itself and its caption in words of its own
    momentum = markup("basins", "en", momentum=True)
    for key in ("basins_momentum_canvas", "basins_momentum_caption", "beta"):
        assert html.escape(table[key]).replace(
            "β", '<span class="gd-sym">β</span>'
        ) in momentum or (html.escape(table[key]) in momentum), key
    assert html.escape(table["basins_canvas"]) not in momentum
    # the legend names each minimum; the global one as such, once
    basins = markup("basins", "en")
    assert basins.count("Global minimum f = ") == 1 and basins.count("Local minimum f = ") == 2
    js = (EXT / "live.js").read_text(encoding="utf-8")
    for key in table["script"]:
        assert f"T.{key}" in js, f"live.script.{key} is not used by live.js"


def test_generated_basin_loop_equals_descend(tmp_path: Path) -> None:
    """The basin loop in node (V8, as in Chromium) ends where gdcore's many-start descent ends,
    for converging, finishing and diverging starts."""
    node = shutil.which("node")
    assert node, "node is needed (scripts/test installs it)"
    peaks = get_landscape("peaks")
    rng = np.random.default_rng(0)
    starts = rng.uniform(-3, 3, size=(40, 2))
    # (learning rate, epochs, tol, bound): a small bound makes some starts refuse a step
    cases = [(0.01, 1000, 1e-10, 1e6), (0.05, 500, None, 1e6), (0.05, 300, None, 2.9)]
    script = tmp_path / "loop.js"
    calls = json.dumps(
        [[lr, e, -1.0 if tol is None else tol * tol, b * b] for lr, e, tol, b in cases]
    )
    script.write_text(
        bundle("")
        + f"const S = {json.dumps(starts.tolist())};\n"
        + f"const out = {calls}.map(([lr, e, tol2, b2]) => S.map(([x, y]) =>"
        + " GD_LIVE_BASIN(x, y, -lr, e, tol2, b2)));\n"
        + "console.log(JSON.stringify(out));\n",
        encoding="utf-8",
    )
    result = subprocess.run([node, str(script)], capture_output=True, text=True, check=True)
    for (lr, epochs, tol, bound), got in zip(cases, json.loads(result.stdout), strict=True):
        run = descend(peaks, starts, learning_rate=lr, epochs=epochs, tol=tol, bound=bound)
        got = np.array(got)
        np.testing.assert_allclose(got[:, :2], run.final, rtol=1e-9, atol=1e-12)
        names = np.array(["converged", "finished", "diverged"])[got[:, 2].astype(int)]
        assert names.tolist() == run.status.tolist()
    assert "diverged" in run.status  # the last case diverges somewhere


def test_no_number_is_typed_into_the_figures_words() -> None:
    """Every number the live figures show is a field filled from the build's data or the
    engine's results (the formulas x² + 10y² and 1 − ηλ are names)."""
    for lang in words.LANGUAGES:
        for key, text in words.flatten(words.section("live", lang)).items():
            bare = re.sub(r"\{\w+\}|x² \+ 10y²|1\s−\sηλ", "", text)
            assert not re.search(r"\d", bare), (lang, key, text)


def test_the_script_is_only_on_pages_with_a_live_figure(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n\n```{toctree}\nlive\nplain\n```\n",
        "live.md": "# Live\n\n```{live} path\n```\n",
        "plain.md": "# Plain\n\nText.\n",
    }
    out = make_project(tmp_path, files, language="en")
    assert out.warnings == ""
    for page, linked in (("live", True), ("plain", False), ("index", False), ("search", False)):
        assert ("gd-live.js" in out.read(f"{page}.html")) == linked, page


def test_generated_momentum_basin_loop_equals_descend(tmp_path: Path) -> None:
    """The heavy ball's basin loop in node ends where gdcore's many-start descent with momentum
    ends: converging (the ball at rest), finishing and diverging starts."""
    node = shutil.which("node")
    assert node, "node is needed (scripts/test installs it)"
    peaks = get_landscape("peaks")
    rng = np.random.default_rng(0)
    starts = rng.uniform(-3, 3, size=(40, 2))
    # (learning rate, epochs, tol, bound, β)
    cases = [
        (0.01, 1000, 1e-10, 1e6, 0.9),
        (0.05, 500, 1e-6, 1e6, 0.5),
        (0.1, 400, None, 1e6, 0.9),
        (0.05, 300, None, 2.9, 0.95),
    ]
    script = tmp_path / "loop.js"
    calls = json.dumps(
        [
            [
                lr,
                e,
                -1.0 if tol is None else tol * tol,
                b * b,
                beta,
                0.0 if tol is None else lr * tol,
            ]
            for lr, e, tol, b, beta in cases
        ]
    )
    script.write_text(
        bundle("")
        + f"const S = {json.dumps(starts.tolist())};\n"
        + f"const out = {calls}.map(([lr, e, tol2, b2, beta, rest]) => S.map(([x, y]) =>"
        + " GD_LIVE_BASIN_MOMENTUM(x, y, -lr, e, tol2, b2, beta, rest)));\n"
        + "console.log(JSON.stringify(out));\n",
        encoding="utf-8",
    )
    result = subprocess.run([node, str(script)], capture_output=True, text=True, check=True)
    statuses = set()
    for (lr, epochs, tol, bound, beta), got in zip(cases, json.loads(result.stdout), strict=True):
        run = descend(
            peaks, starts, learning_rate=lr, epochs=epochs, tol=tol, bound=bound, momentum=beta
        )
        got = np.array(got)
        np.testing.assert_allclose(got[:, :2], run.final, rtol=1e-9, atol=1e-12)
        names = np.array(["converged", "finished", "diverged"])[got[:, 2].astype(int)]
        assert names.tolist() == run.status.tolist()
        statuses |= set(names)
    assert statuses == {"converged", "finished", "diverged"}


def test_a_run_that_repeats_itself_stops_early_with_the_whole_runs_end(tmp_path: Path) -> None:
    """The basin loops stop a run once its state repeats, bit for bit, and end it where the whole
    run ends: the same bits and status as the same loop with the repeat search switched off, for
    plain descent and the heavy ball, at rates where runs settle into 2-, 4- and 8-cycles about
    minima past their stability limits, where they converge and where they never repeat."""
    node = shutil.which("node")
    assert node, "node is needed (scripts/test installs it)"
    axis = np.linspace(-3, 3, 21)
    starts = np.stack([m.ravel() for m in np.meshgrid(axis, axis)], axis=-1)
    # (learning rate, epochs, β): 0 for the plain loop
    cases = [(0.07, 3001, 0.0), (0.15, 3000, 0.0), (0.3, 500, 0.0), (0.1, 2000, 0.3)]
    source = bundle("")
    search = "if (last === epochs && same("
    assert source.count(search) == 2  # the plain loop's and the heavy ball's
    whole = source.replace("const GD_LIVE_", "const WHOLE_").replace(search, "if (false && same(")
    calls = json.dumps([[lr, e, b] for lr, e, b in cases])
    script = tmp_path / "repeat.js"
    script.write_text(
        source
        + whole
        + f"const S = {json.dumps(starts.tolist())};\n"
        + "const run = (f, g, lr, e, b) => S.map(([x, y]) => b"
        + " ? g(x, y, -lr, e, 1e-20, 1e12, b, lr * 1e-10) : f(x, y, -lr, e, 1e-20, 1e12));\n"
        + f"const out = {calls}.map(([lr, e, b]) => [run(GD_LIVE_BASIN, GD_LIVE_BASIN_MOMENTUM,"
        + " lr, e, b), run(WHOLE_BASIN, WHOLE_BASIN_MOMENTUM, lr, e, b)]);\n"
        # the bits of each coordinate, as hexadecimal: a sign of zero is compared too
        + "const bits = (v) => Buffer.from(new Float64Array([v]).buffer).toString('hex');\n"
        + "console.log(JSON.stringify(out.map((c) => c.map((r) => r.map(([x, y, s, k]) =>"
        + " [bits(x), bits(y), s, k])))));\n",
        encoding="utf-8",
    )
    result = subprocess.run([node, str(script)], capture_output=True, text=True, check=True)
    early = {}
    for (lr, epochs, beta), (fast, slow) in zip(cases, json.loads(result.stdout), strict=True):
        assert [r[:3] for r in fast] == [r[:3] for r in slow], (lr, epochs, beta)
        assert all(f[3] <= s[3] for f, s in zip(fast, slow, strict=True))
        early[lr, beta] = sum(f[2] == 1 and f[3] < epochs for f in fast)
        assert all(s[3] == epochs for s in slow if s[2] == 1)  # switched off: every epoch
    # cycles about the global minimum (limit 0.066) and about all three (0.15), and with
    # momentum; at 0.3 no run repeats in 500 epochs, so none stops early
    assert early[0.07, 0.0] > 0 and early[0.15, 0.0] > 0 and early[0.1, 0.3] > 0, early
    assert early[0.3, 0.0] == 0, early


@pytest.mark.parametrize(("lang", "label"), [("ko", "모멘텀(momentum)"), ("en", "Momentum")])
def test_the_momentum_option_adds_a_beta_slider_at_the_pages_example(
    tmp_path: Path, lang: str, label: str
) -> None:
    """``{live} basins`` with ``:momentum:``: a β slider beside η's (its stops index the momentum
    page's coefficients, 0 among them), both starting at the page's example, and the legend's
    shares the engine's map with momentum there; without the option no β slider."""
    from gdcore.book.pages.momentum import BIG_BETA, EXAMPLE_LR, LIVE_BETAS

    files = {"index.md": "# Live\n\n```{live} basins\n:momentum:\n```\n"}
    out = make_project(tmp_path, files, language=lang)
    assert out.warnings == ""
    page = out.read("index.html")
    basins = live_data()["basins"]
    m = basins["momentum"]
    assert (
        m["betas"] == list(LIVE_BETAS)
        and 0.0 in m["betas"]
        and (m["lr"], m["beta"])
        == (
            EXAMPLE_LR,
            BIG_BETA,
        )
    )
    assert f'<label for="gd-live-basins-beta">{label} <span class="gd-sym">β</span></label>' in page
    assert (
        f'id="gd-live-basins-beta" min="0"\n max="{len(m["betas"]) - 1}" step="1" '
        f'value="{m["betas"].index(BIG_BETA)}">'
    ) in page
    assert f'<output for="gd-live-basins-beta">{BIG_BETA:g}</output>' in page
    stop = basins["rates"].index(EXAMPLE_LR)
    assert f'step="1" value="{stop}">' in page and f'value="{basins["epochs"]}"' in page
    # the order of the controls: η, then β, then the epochs
    assert page.index("gd-live-basins-lr") < page.index("gd-live-basins-beta")
    assert page.index("gd-live-basins-beta") < page.index('for="gd-live-basins-epochs"')
    from gdcore.book.pages.momentum import momentum_basins

    engine = momentum_basins(EXAMPLE_LR, basins["epochs"], basins["grid"], BIG_BETA)
    shares = re.findall(r'class="gd-live-share">([^<]*)<', page)
    want = [engine.share_none, *engine.shares.tolist()]
    assert shares == [f"{100 * v:.1f}%" for v in want]  # no light-green row: plain maps only
    assert "gd-live-basins-beta" not in make_project(
        tmp_path / "plain", {"index.md": "# Live\n\n```{live} basins\n```\n"}, language=lang
    ).read("index.html")


def test_the_momentum_option_is_only_for_the_basin_map(tmp_path: Path) -> None:
    files = {"index.md": "# Live\n\n```{live} path\n:momentum:\n```\n"}
    out = make_project(tmp_path, files, language="en")
    assert "only the basins live figure has a momentum option; got 'path'" in out.warnings
