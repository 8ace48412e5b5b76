"""gdsite.mathfont: the served math font has every character the formulas use, and stretches."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont
from sphinx_project import make_project

# isort: split

from gdsite.mathfont import FAMILY, SERVED, math_characters, subset_font


def font(data: bytes) -> TTFont:
    return TTFont(io.BytesIO(data))


def test_characters_come_from_formulas_only() -> None:
    page = '<p>text ∑</p><math display="inline"><mi>x</mi><mo>&#x02212;</mo></math><math>∇ y</math>'
    assert math_characters([page]) == frozenset("x−∇y")


def test_a_root_brings_its_sign_though_its_text_has_none() -> None:
    root = "<math><msqrt><mi>a</mi></msqrt><mroot><mi>b</mi><mn>3</mn></mroot></math>"
    assert math_characters([root]) == frozenset("ab3√")
    assert math_characters(["<math><mi>a</mi></math><p>√</p>"]) == frozenset("a")


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


def test_the_build_serves_the_font_for_its_formulas(tmp_path: Path) -> None:
    page = "# Math\n\nThe gradient $\\nabla f$ points uphill.\n"
    out = make_project(
        tmp_path, {"index.md": page}, html_math_renderer="mathml",
        myst_enable_extensions=["dollarmath"],
    )  # fmt: skip
    assert out.warnings == ""
    served = (out.outdir / "_static" / SERVED).read_bytes()
    assert ord("∇") in font(served).getBestCmap()
    assert served == subset_font(math_characters([out.read("index.html")]))
