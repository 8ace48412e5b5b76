"""gdsite.playground: the ``playground`` directive's markup and its script."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from sphinx_project import make_project

from gdcore.book.words import CATALOG_DIR, section

EXT = Path(__file__).resolve().parents[1] / "book" / "_ext" / "gdsite"
FILES = {"index.md": "# Play\n\n```{playground}\n```\n"}


@pytest.mark.parametrize(("lang", "label"), [("ko", "학습률"), ("en", "Learning rate")])
def test_the_controls_in_the_pages_language(tmp_path: Path, lang: str, label: str) -> None:
    out = make_project(tmp_path, FILES, language=lang)
    assert out.warnings == ""
    page = out.read("index.html")
    assert f'<label for="gd-pg-lr">{label}</label>' in page
    data = re.search(r'<div class="gd-playground" id="gd-playground" data-text="([^"]*)"', page)
    assert data, page
    strings = json.loads(html.unescape(data.group(1)))
    assert set(strings) >= {"result", "outcome", "presets", "landscapes"}
    assert strings["outcome"] == section("outcome", lang)  # a run's regime, as the live figures
    assert out.app.env.metadata["index"]["gd_playground"] is True
    # its words come from the catalog: an edited word re-reads the page (an incremental build)
    catalog = str(CATALOG_DIR / f"{lang}.toml")
    assert catalog in {str(Path(out.app.srcdir, d)) for d in out.app.env.dependencies["index"]}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_learning_rate_sliders_state_their_range(tmp_path: Path, lang: str) -> None:
    from gdcore.book.pages.playground import LR_RANGE, format_lr

    page = make_project(tmp_path, FILES, language=lang).read("index.html")
    hint = re.search(r'<span id="gd-pg-lr-hint" class="gd-pg-hint">([^<]*)</span>', page)
    assert hint, page
    low, high = (format_lr(v) for v in LR_RANGE)
    assert hint.group(1) == section("playground", lang)["lr_hint"].format(min=low, max=high)
    # the range as written is the range itself (no exponent, no digit lost), so the page
    # states the sliders' first and last stop, not a rounding of them
    assert "e" not in low + high and (float(low), float(high)) == LR_RANGE
    # both sliders are described by it (the second one only shows while comparing)
    for slider in ("gd-pg-lr", "gd-pg-lr2"):
        tag = re.search(rf'<input type="range" id="{slider}"[^>]*>', page)
        assert tag and 'aria-describedby="gd-pg-lr-hint"' in tag.group(0), slider


def test_the_script_is_written_with_the_generated_kernels(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, language="en")
    script = (out.outdir / "_static" / "gd-playground.js").read_text(encoding="utf-8")
    assert script.startswith("/* Gradient Descent in 2D: playground.")
    assert "const GD_KERNELS = " in script and "const GD_DATA = " in script
    from gdsite.playground import compact
    from gdsite.statics import shared_script

    assert script.endswith(compact((EXT / "playground.js").read_text(encoding="utf-8")))
    assert compact(shared_script()) in script  # what the live figures' script shares
    assert re.search(
        r'<script defer="defer" src="_static/gd-playground.js\?v=\w+">', out.read("index.html")
    )


def test_no_script_for_other_builders(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, "text", language="en")
    assert not (out.outdir / "_static").exists()
    assert out.read("index.txt").strip() == "Play\n****"


# --- links with a preset: {playground-preset}`key` -------------------------------------------------
LINKED = {
    "index.md": "# Play\n\n```{playground}\n```\n",
    "other.md": "# Other\n\nTry: {playground-preset}`seed`\n",
}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_preset_link_points_at_the_playground_with_its_words(tmp_path: Path, lang: str) -> None:
    from gdsite.playground import preset_label

    from gdcore.book.words import word

    out = make_project(
        tmp_path,
        {**LINKED, "index.md": LINKED["index.md"] + "\n```{toctree}\nother\n```\n"},
        language=lang,
    )
    assert out.warnings == ""
    text = word("playground_link.text", lang, preset=preset_label("seed", lang))
    shown = html.escape(text.replace("'", "\u2019"), quote=False)  # with Sphinx's smart quotes
    link = f'<a class="gd-pg-try reference internal" href="index.html?preset=seed">{shown}</a>'
    assert link in out.read("other.html")
    assert "0.01" in text and "1,000" in text  # the preset's own settings, as its button says


def test_an_unknown_preset_is_an_error_naming_the_known_ones(tmp_path: Path) -> None:
    files = {**LINKED, "other.md": "# Other\n\n{playground-preset}`nonsense`\n"}
    out = make_project(tmp_path, files, language="en")
    assert "unknown preset 'nonsense'; known presets: seed," in out.warnings


def test_preset_links_are_plain_words_elsewhere(tmp_path: Path) -> None:
    out = make_project(tmp_path, {"index.md": LINKED["other.md"]}, "text", language="en")
    label = section("playground", "en")["script"]["presets"]["seed"]
    assert f"Try: Try it in the playground: {label}" in out.read("index.txt")
    out = make_project(tmp_path / "html", {"index.md": LINKED["other.md"]}, language="en")
    assert "no page has a playground" in out.warnings


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_landscape_menu_shows_each_formula_the_engine_runs(lang: str) -> None:
    """Every menu item but peaks shows its formula, and that formula is the landscape's own."""
    import sympy
    from sympy.parsing.sympy_parser import (
        implicit_multiplication_application,
        parse_expr,
        standard_transformations,
    )

    from gdcore import get_landscape, landscape_names

    names = section("playground", lang)["script"]["landscapes"]
    assert set(names) == set(landscape_names())
    rules = (*standard_transformations, implicit_multiplication_application)
    for name, text in names.items():
        if name == "peaks":  # named as the pages name it; its formula is on the terms page
            continue
        # the formula: the longest tail of words written in formula characters, before "(1D)"
        words = re.sub(r"\s*\((?:1D|1차원)\)$", "", text).split(" ")
        tail = list(reversed(words))
        formulaic = [bool(re.fullmatch(r"[\dxyπ²+−()cos.]+", w)) for w in tail]
        k = formulaic.index(False) if False in formulaic else len(words)
        assert k >= 3, (name, text)  # a formula, not a lone symbol
        formula = " ".join(words[len(words) - k :])
        plain = formula.replace("−", "-").replace("²", "**2").replace("π", "*pi*")
        expr = get_landscape(name).expr
        symbols = {str(v): v for v in expr.free_symbols}
        mine = parse_expr(plain, transformations=rules, local_dict={"pi": sympy.pi, **symbols})
        assert sympy.simplify(mine - expr) == 0, (name, text, expr)


def test_compact_drops_comments_and_indentation_only() -> None:
    """The script as downloaded: every line of code kept whole and in order, comment lines,
    blank lines and indentation gone; and no string in the scripts spans lines (compact keeps
    each line whole, so only then is the meaning unchanged)."""
    from gdsite.playground import compact
    from gdsite.statics import shared_script

    js = """/* a block
   over lines */
function f(a) {
  // a comment line
  const s = "http://x"; // a comment after code stays

  /* one line */
  return `${a}/*not a comment*/`;
}
/* before */ const g = 1;
"""
    assert compact(js) == (
        "function f(a) {\n"
        'const s = "http://x"; // a comment after code stays\n'
        "return `${a}/*not a comment*/`;\n"
        "}\n"
        "/* before */ const g = 1;\n"
    )
    source = shared_script() + (EXT / "playground.js").read_text(encoding="utf-8")
    code = [s.strip() for s in source.split("\n") if s.strip()]
    kept = compact(source).strip().split("\n")
    assert all(line in code for line in kept)
    assert len(compact(source)) < 0.8 * len(source)
    for line in code:  # each template literal and string closes on its line
        if not line.startswith(("/*", "*", "//")):
            assert line.count("`") % 2 == 0, line


def test_the_loss_curve_is_cut_where_the_loss_page_cuts_its_curves() -> None:
    """The playground's floor for f − f* is the loss page's (a page module does not import
    another page's, so it keeps its own copy), its radius of arriving is the basin map's, and a
    noisy run's is the noise page's (one rule for a noisy run on both pages)."""
    from gdcore.book.pages.loss import DRAW_FLOOR
    from gdcore.book.pages.noise import MAP
    from gdcore.book.pages.playground import LOSS_FLOOR, bundle_data
    from gdcore.book.pages.shared import BASIN_RADIUS

    assert LOSS_FLOOR == DRAW_FLOOR
    data = bundle_data()
    assert (data["floor"], data["radius"]) == (LOSS_FLOOR, BASIN_RADIUS)
    assert data["noisyRadius"] == MAP["radius"] > 10 * BASIN_RADIUS


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_race_preset_names_its_three_settings_and_the_modes_are_offered(
    tmp_path: Path, lang: str
) -> None:
    """The race preset's label names its rate, β, σ, seed and epochs; its σ and seed are the noise
    preset's and its β the momentum page's largest; the controls offer the three modes (nothing, a
    second rate, the race) as one group of radio buttons, with the race's key (hidden until a
    race runs)."""
    from gdsite.playground import preset_label

    from gdcore.book.pages.momentum import TABLE_BETAS
    from gdcore.book.pages.playground import NOISE_PRESET, PRESETS

    race = next(p for p in PRESETS if p.key == "race")
    assert race.race and PRESETS[-1] == race  # added last: the others keep their places
    assert (race.noise, race.seed) == (NOISE_PRESET["noise"], NOISE_PRESET["seed"])
    assert race.momentum == max(TABLE_BETAS) and race.lr2 is None
    assert not any(p.race for p in PRESETS if p.key != "race")
    label = preset_label("race", lang)
    text = section("playground", lang)["script"]
    assert label.startswith(text["presets"]["race"])
    for shown in ("0.01", "β = 0.9", "σ = 2", "1,000"):
        assert shown in label, (shown, label)
    out = make_project(tmp_path, FILES, language=lang)
    page = out.read("index.html")
    modes = re.findall(r'<input type="radio" name="gd-pg-mode" value="(\w+)"', page)
    assert modes == ["off", "lr2", "race"]
    words = section("playground", lang)
    for k in ("compare_legend", "compare_off", "compare", "compare_race"):
        assert html.escape(words[k], quote=False) in page, k
    # named by a hidden label (html-validate allows no aria-label on a list)
    assert re.search(r'<span id="gd-pg-key-name" hidden>[^<]+</span>', page)
    assert '<ul id="gd-pg-key" class="gd-pg-key" aria-labelledby="gd-pg-key-name" hidden>' in page
