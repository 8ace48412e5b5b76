"""gdsite.nobreak: a Korean particle stays with the formula it follows."""

from __future__ import annotations

from pathlib import Path

from sphinx_project import make_project

FILES = {
    "index.md": (
        "# 처음\n\n"
        "가장 큰 고윳값 $\\lambda_{\\max}$는 크고, 오차는 $2.22 \\times 10^{-16}$으로 작습니다.\n"
        "$x$ 다음에 빈칸이 있으면 그대로 둡니다. 끝에 $y$.\n"
    ),
}


def test_a_particle_is_wrapped_with_its_formula_and_nothing_else_is(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, language="ko", myst_enable_extensions=["dollarmath"])
    assert out.warnings == ""
    html = out.read("index.html")
    spans = html.split('<span class="gd-nobr">')[1:]
    assert len(spans) == 2
    assert spans[0].split("</math>")[1].startswith("</span>는</span> 크고")
    assert spans[1].split("</math>")[1].startswith("</span>으로</span> 작습니다")
    assert "</span> 다음에" in html  # a formula followed by a space is left alone
