"""gdsite.nobreak: a Korean particle stays with the formula it follows."""

from __future__ import annotations

import re
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
    assert len(spans) == 3
    assert spans[0].split("</math>")[1].startswith("</span>는</span> 크고")
    assert spans[1].split("</math>")[1].startswith("</span>으로</span> 작습니다")
    assert spans[2].split("</math>")[1].startswith("</span>.</span>")  # the full stop after $y$
    assert "</span> 다음에" in html  # a formula followed by a space is left alone


def test_a_closing_mark_is_wrapped_with_the_formula_it_follows(tmp_path: Path) -> None:
    """A full stop, comma or closing bracket right after a formula goes into its span (a browser
    may break between a <math> and the mark, leaving "." alone at a line start), in English too,
    with a particle after the bracket; a mark after a space is left alone."""
    files = {
        "index.md": (
            "# Start\n\nThe limit is $2/\\lambda = 0.127$. Points $A$, $B$ and ($C$)는 here $D$ .\n"
        ),
    }
    out = make_project(tmp_path, files, myst_enable_extensions=["dollarmath"])
    assert out.warnings == ""
    html = out.read("index.html")
    spans = html.split('<span class="gd-nobr">')[1:]
    assert len(spans) == 3, spans
    assert spans[0].split("</math>")[1].startswith("</span>.</span> Points")
    assert spans[1].split("</math>")[1].startswith("</span>,</span> <span")
    assert spans[2].startswith("(<span") and spans[2].split("</math>")[1].startswith(
        "</span>)는</span> here"
    )
    text = re.sub(r"<math.*?</math>", "F", html, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    assert "The limit is F. Points F, F and (F)는 here F ." in text, text


def test_a_particle_text_seen_earlier_in_the_paragraph_is_neither_doubled_nor_lost(
    tmp_path: Path,
) -> None:
    """The text after a formula may equal an earlier text of the same paragraph ("입니다."): the
    wrapped text is the one after the formula (the page once read "‖∇f‖입니다입니다")."""
    files = {"index.md": "# 처음\n\n*함수*는 $a$는 $b$와 *끝*입니다. 또 $c$입니다. 끝.\n"}
    out = make_project(tmp_path, files, language="ko", myst_enable_extensions=["dollarmath"])
    assert out.warnings == ""
    html = out.read("index.html")
    text = re.sub(r"<math.*?</math>", "F", html, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    assert "함수는 F는 F와 끝입니다. 또 F입니다. 끝." in text, text
    assert "입니다입니다" not in text and "는는" not in text


def test_an_opening_bracket_is_wrapped_with_the_formula_it_opens(tmp_path: Path) -> None:
    """ "(" right before a formula goes into the formula's span (the browser may break between a
    bracket and a <math>, leaving "(" alone at a line end), and so does the ")" after it with its
    particle; a bracket followed by a space, or a formula after a space, is left alone."""
    files = {
        "index.md": (
            "# 처음\n\n"
            "학습률($\\eta = 0.07$)과 기울기 (그림) $x$ 다음, ( $y$ 그대로.\n"
            "값 ($z$)는 작고 「$w$」도 같습니다.\n"
        ),
    }
    out = make_project(tmp_path, files, language="ko", myst_enable_extensions=["dollarmath"])
    assert out.warnings == ""
    html = out.read("index.html")
    spans = html.split('<span class="gd-nobr">')[1:]
    assert len(spans) == 3, spans
    assert spans[0].startswith("(<span") and spans[0].split("</math>")[1].startswith(
        "</span>)과</span>"
    )
    assert spans[1].startswith("(<span") and spans[1].split("</math>")[1].startswith(
        "</span>)는</span>"
    )
    assert spans[2].startswith("「<span")
    assert "학습률<span" in html and "값 <span" in html  # the text before keeps its letters
    text = re.sub(r"<math.*?</math>", "F", html, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    assert "학습률(F)과 기울기 (그림) F 다음, ( F 그대로." in text, text
    assert "값 (F)는 작고 「F」도 같습니다." in text, text
