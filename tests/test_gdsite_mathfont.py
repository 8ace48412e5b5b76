"""gdsite.mathfont: the served math font has every glyph the formulas make a browser draw, and
stretches."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from mathglyphs import constructions, italic_by_name, ssty_form
from sphinx.errors import ExtensionError
from sphinx_project import make_project

# isort: split

from gdsite.mathfont import (
    FAMILY,
    FONT,
    RADICAL,
    SERVED,
    drawn_characters,
    italic,
    math_characters,
    missing_characters,
    subset_font,
)


def font(data: bytes) -> TTFont:
    return TTFont(io.BytesIO(data))


def test_characters_come_from_formulas_only() -> None:
    page = (
        '<p>text ∑ x</p><math display="inline"><mi>a</mi><mo>&#x02212;</mo></math><math>∇ y</math>'
    )
    assert math_characters([page]) == frozenset("𝑎−∇y")  # <mi>a</mi> is drawn 𝑎 (see below)


def test_the_characters_a_browser_draws_for_the_markup() -> None:
    page = (
        "<math><mi>f</mi><mi>h</mi><mi>&#x003B1;</mi>"  # one letter: italic (ℎ for h)
        '<mi mathvariant="normal">&#x02207;</mi><mi>sin</mi>'  # upright: as written
        "<mi>&#x1D431;</mi><mn>12</mn>"  # bold x has no italic form; numbers as written
        "<msqrt><mi>x</mi></msqrt><mroot><mi>y</mi><mn>3</mn></mroot>"  # radicals: √
        "<mtext>비교 if</mtext></math>"
    )
    drawn = drawn_characters([page])
    assert set(drawn) == set("𝑓ℎ𝛼∇sin𝐱12𝑥𝑦3√비교if")
    assert drawn[RADICAL] == {"msqrt", "mroot"}
    assert drawn["비"] == {"mtext"} and drawn["i"] == {"mi", "mtext"}


def test_italic_is_mathml_cores_math_auto_mapping() -> None:
    """Every character italic maps goes to the italic form its Unicode name gives, every
    mathematical italic (not bold) character is reached, and nothing else changes."""
    images = {}
    for code in range(0x10000):
        char = chr(code)
        if italic(char) != char:
            image = italic(char)
            assert image == italic_by_name(char), (char, image)
            images[image] = char
    reachable = {
        chr(c)
        for c in range(0x1D400, 0x1D800)
        if unicodedata.name(chr(c), "").startswith("MATHEMATICAL ITALIC ")
    } | {"ℎ"}
    assert set(images) == reachable
    assert italic("2") == "2" and italic("′") == "′" and italic("𝐱") == "𝐱"
    with pytest.raises(ValueError, match="char must be one character"):
        italic("ab")


def test_a_character_the_font_lacks_is_reported_unless_it_is_a_word() -> None:
    drawn = drawn_characters(["<math><mtext>에포크</mtext><mi>ab</mi><mo>&#x0263A;</mo></math>"])
    assert missing_characters(drawn) == {"☺": {"mo"}}


def test_the_subset_covers_the_characters_stretches_and_is_renamed() -> None:
    data = subset_font("[]∇x")
    tt = font(data)
    cmap = tt.getBestCmap()
    assert {ord(c) for c in "[]∇x"} <= set(cmap)
    assert ord("∑") not in cmap  # only what the formulas use
    math = tt["MATH"].table
    coverage = math.MathVariants.VertGlyphCoverage.glyphs
    assert cmap[ord("[")] in coverage  # the bracket has taller versions: it can stretch
    assert tt["name"].getDebugName(1) == FAMILY
    assert "Bitstream" in tt["name"].getDebugName(0)  # the copyright notice travels with it
    assert data == subset_font("x∇[]")  # the same characters, the same bytes
    assert len(data) < 30_000


@pytest.mark.parametrize("char", ["√", "‖", "(", "[", "|", "→"])
def test_the_subset_keeps_every_variant_and_part_of_a_stretchy_character(char: str) -> None:
    """The radical, bars, brackets and arrows: their taller (wider) variants and the parts a
    browser assembles them from, glyph for glyph as in the full font."""
    full = TTFont(FONT)
    served = font(subset_font(char))
    expected = constructions(full, char)
    assert expected["vertical"] or expected["horizontal"]  # the font does stretch it
    assert constructions(served, char) == expected


@pytest.mark.parametrize("prime", ["′", "″", "‴"])
def test_a_prime_has_a_script_form_a_browser_can_select(prime: str) -> None:
    """ssty under the default script (DFLT), the script a browser's shaper selects: the prime's
    script form sits lower than its text form, which the font draws raised."""
    tt = font(subset_font(prime))
    text, script = ssty_form(tt, prime)
    glyf = tt["glyf"]
    assert script is not None, "no ssty form reachable from DFLT"
    assert glyf[script].yMin < glyf[text].yMin - 200  # font units of a 1000 em


def test_the_build_serves_the_font_for_its_formulas(tmp_path: Path) -> None:
    page = "# Math\n\nThe gradient $\\nabla f$ points uphill, its length $\\sqrt{a^2 + b^2}$.\n"
    out = make_project(
        tmp_path, {"index.md": page}, html_math_renderer="mathml",
        myst_enable_extensions=["dollarmath"],
    )  # fmt: skip
    assert out.warnings == ""
    served = (out.outdir / "_static" / SERVED).read_bytes()
    cmap = font(served).getBestCmap()
    assert {ord("∇"), ord("𝑓"), ord("√")} <= set(cmap)
    assert served == subset_font(math_characters([out.read("index.html")]))
    # asked for in the head of a page with a formula (not found late, after the first paint)
    link = f'<link rel="preload" href="_static/{SERVED}" as="font" type="font/woff2" crossorigin'
    head = out.read("index.html").split("</head>")[0]
    assert link in head


def test_a_page_without_a_formula_does_not_preload_the_font(tmp_path: Path) -> None:
    pages = {"index.md": "# Words\n\nNo formula.\n\n```{toctree}\nmath\n```\n",
             "math.md": "# Math\n\n$x^2$\n"}  # fmt: skip
    out = make_project(
        tmp_path, pages, html_math_renderer="mathml", myst_enable_extensions=["dollarmath"]
    )
    assert 'rel="preload"' not in out.read("index.html")
    assert f'<link rel="preload" href="_static/{SERVED}"' in out.read("math.html")


def test_the_build_stops_at_a_formula_character_the_font_lacks(tmp_path: Path) -> None:
    page = "# Math\n\nA face: $☺$.\n"
    with pytest.raises(ExtensionError, match=r"☺ \(U\+263A, in <mi>\)"):
        make_project(
            tmp_path, {"index.md": page}, html_math_renderer="mathml",
            myst_enable_extensions=["dollarmath"],
        )  # fmt: skip
