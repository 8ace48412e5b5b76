"""The reviewer's checks (gdcore.book.proofread), each shown to fail on a small made-up violation
and to pass once it is fixed. The same checks run on the whole book in test_claims_scope.py,
test_term_order.py and test_korean.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcore.book import proofread as pr


# --- the book's reading order and its claimed sentences -----------------------------------------
def test_the_reading_order_follows_the_toc_through_nested_sections(tmp_path: Path) -> None:
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: book/ko/index\nchapters:\n  - file: book/ko/a\n"
        "    sections:\n      - file: book/ko/a1\n  - file: book/ko/b\n",
        encoding="utf-8",
    )
    assert pr.reading_order(tmp_path) == ["index", "a", "a1", "b"]
    (tmp_path / "_toc.yml").write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ValueError, match="must be a mapping with a 'root' page"):
        pr.reading_order(tmp_path)


def test_claimed_sentences_are_found_whole_with_what_they_hold() -> None:
    text = (
        "Plain. [The start $[0, 1]$ lies [south](#x) of `]` the summit.]{.claim .south}\n"
        "```{figure} a.svg\n:name: fig-a\n\n[Every start moves.]{.claim .moves} [not a claim]\n```\n"
        "[A {term}`gradient <Gradient>` of {{ g }}.]{.claim .grad}"
    )
    spans = pr.claim_spans(text)
    assert [(s.name, s.text) for s in spans] == [
        ("south", "The start $[0, 1]$ lies [south](#x) of `]` the summit."),
        ("moves", "Every start moves."),
        ("grad", "A {term}`gradient <Gradient>` of {{ g }}."),
    ]


# --- 1. claims check their whole scope ---------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "sentence", "words"),
    [
        ("en", "Every start arrives.", ["Every"]),
        (
            "en",
            "Below every limit, the starts that settle nowhere slide out.",
            ["every", "nowhere"],
        ),
        ("en", "At {{ lr }}, not one start does.", ["not one"]),
        ("en", "No start settles, whenever $\\eta > 1$.", ["No start", "whenever"]),
        ("en", "It never rises; all runs agree, each one.", ["never", "all", "each"]),
        ("en", "The point does not move at all, and is no longer a problem.", []),
        ("en", "The dots lie on top of each other.", []),
        ("en", "The point is nowhere near the end.", []),
        ("en", "The share_none value {{ share_none }} is 44.5%.", []),
        ("ko", "모든 학습률에서 같습니다.", ["모든"]),
        ("ko", "단 하나도 자리를 잡지 못하고, 에포크마다 줄어듭니다.", ["하나도", "마다"]),
        ("ko", "어느 최소점에도 도착하지 않습니다.", ["어느 최소점에도"]),
        ("ko", "한 번도 부호를 바꾸지 않고 항상 줄어듭니다.", ["한 번도", "항상"]),
        ("ko", "각 좌표에서, 임계점 9개 각각을 지나는 단면", ["각", "각각"]),
        ("ko", "시각 자료와 감각", []),
        ("ko", "시작점의 27.0%가 전역 최소점에 도착합니다.", []),
    ],
)
def test_scope_words_are_the_words_that_state_a_rule_over_many_cases(
    lang: str, sentence: str, words: list[str]
) -> None:
    assert pr.scope_words(sentence, lang) == words


def test_a_sentence_that_says_every_needs_a_claim_over_every_case() -> None:
    pages = {
        "en": {"p": "[Every start arrives.]{.claim .all_arrive} [It is 3.]{.claim .three}"},
        "ko": {"p": "[모든 시작점이 도착합니다.]{.claim .all_arrive} [3입니다.]{.claim .three}"},
    }
    found = pr.unscoped_claims(pages, {"all_arrive": 1, "three": 1})
    assert [(u.lang, u.page, u.name, u.words) for u in found] == [
        ("en", "p", "all_arrive", ("Every",)),
        ("ko", "p", "all_arrive", ("모든",)),
    ]
    assert str(found[0]) == "en/p.md: all_arrive (1 case) says 'Every': Every start arrives."
    # backed by Claim.every over its cases, it passes; one measurement may say "it is 3"
    assert pr.unscoped_claims(pages, {"all_arrive": 2, "three": 1}) == []
    with pytest.raises(KeyError, match="claims 'all_arrive', which nothing computes"):
        pr.unscoped_claims(pages, {"three": 1})


# --- 3. terms and symbols before their use -----------------------------------------------------
GLOSSARY_EN = """# Glossary

```{glossary}
Learning rate
  학습률. The factor $\\eta$ that multiplies the gradient.

Gradient
  경사. The vector $\\nabla f$ of the partial derivatives.

Gradient descent
  경사하강법. Step against the gradient.

Local minimum
  지역 최소점. A point lower than every point around it.
```
"""
GLOSSARY_KO = """```{glossary}
학습률
  learning rate. 경사에 곱하는 수 $\\eta$입니다.

경사
  gradient. 편미분을 모은 벡터 $\\nabla f$입니다.

경사하강법
  gradient descent. 경사의 반대 방향으로 걷습니다.

지역 최소점
  local minimum. 주변보다 낮은 점입니다.
```
"""


def book(*pages: str, glossary: str = GLOSSARY_EN) -> dict[str, str]:
    """A made-up book: its pages in reading order, then the glossary."""
    return {**{f"p{k}": text for k, text in enumerate(pages)}, "glossary": glossary}


def test_hidden_glossary_entries_are_not_the_glossarys() -> None:
    hidden = (
        "```{raw} html\n<div hidden>\n```\n\n```{glossary}\nSteepness\n  경사. Old name.\n```\n"
    )
    hidden += "\n```{raw} html\n</div>\n```\n"
    assert set(pr.glossary(GLOSSARY_EN + hidden)) == set(pr.glossary(GLOSSARY_EN))
    assert "Steepness" in pr.glossary(GLOSSARY_EN + hidden.replace("<div hidden>", "<div>"))


def test_a_term_used_before_any_page_glosses_it_fails() -> None:
    early = pr.term_order(
        book(
            "Gradient descent ends in a local minimum.",
            "{term}`Gradient descent` walks downhill to a **local minimum**.",
        ),
        "en",
    )
    assert [(e.what, e.page, e.defined_on) for e in early] == [
        ("Gradient descent", "p0", "p1"),
        ("Local minimum", "p0", "p1"),
    ]
    assert str(early[0]).startswith("en/p0.md: Gradient descent used before it is glossed (first")
    # a bold sentence is not a definition of every term in it: a bold term is
    early = pr.term_order(
        book("**Gradient descent ends in a valley.**", "**Gradient descent**"), "en"
    )
    assert [(e.what, e.page, e.defined_on) for e in early] == [("Gradient descent", "p0", "p1")]


def test_a_link_glosses_a_term_once_its_glossary_entry_can_be_read() -> None:
    glossary = GLOSSARY_EN.replace("against the gradient", "against the {term}`gradient`")
    early = pr.term_order(book("{term}`Gradient descent` walks down.", glossary=glossary), "en")
    assert [(e.what, e.needs, e.defined_on) for e in early] == [
        ("Gradient descent", ("Gradient",), None)
    ]
    assert "linked, but its glossary entry needs Gradient, not yet glossed" in str(early[0])
    for fixed in (
        book("{term}`Gradient descent` follows the {term}`gradient` down.", glossary=glossary),
        book("The {term}`gradient`.", "{term}`Gradient descent` walks down.", glossary=glossary),
        book("**Gradient descent** walks down.", glossary=glossary),  # defined here
    ):
        assert pr.term_order(fixed, "en") == []


@pytest.mark.parametrize(
    "first_page",
    [
        "{term}`Gradient descent <gradient descent>` ends in a {term}`local minimum`.",
        "**Gradient descent** ends in a *local minimum*.",
        "Gradient descent\n: walks downhill to a {term}`local minima <local minimum>`.",
        "- {doc}`p1`: gradient descent and local minima.\n\n{term}`Gradient descent` and a "
        "{term}`local minimum`.",
    ],
)
def test_a_term_glossed_at_its_first_use_passes(first_page: str) -> None:
    later = "Gradient descent again, to a local minimum."
    assert pr.term_order(book(first_page, later), "en") == []


def test_a_term_is_found_in_its_plural() -> None:
    head, _, _ = GLOSSARY_EN.rpartition("```")
    glossary = head + "\nRate of convergence\n  수렴 속도. The factor per epoch.\n```\n"
    assert pr._name_pattern("Rate of convergence", "en").search("two rates of convergence")
    assert pr._name_pattern("Local minimum", "en").fullmatch("local minima")
    early = pr.term_order(book("Two rates of convergence.", glossary=glossary), "en")
    assert [e.what for e in early] == ["Rate of convergence"]


def test_a_term_inside_a_longer_one_is_not_a_use_of_it() -> None:
    pages = book("{term}`Gradient descent` uses it.", "The {term}`gradient` is a vector.")
    assert pr.term_order(pages, "en") == []
    pages = book("{term}`Gradient descent` follows the gradient.", "The {term}`gradient`.")
    assert [e.what for e in pr.term_order(pages, "en")] == ["Gradient"]


def test_a_symbol_is_first_used_in_a_sentence_that_names_its_term() -> None:
    early = pr.term_order(
        book(
            "{term}`Gradient descent` moves to $x - \\eta \\nabla f$.",
            "The {term}`gradient` $\\nabla f$ is a vector; the {term}`learning rate` is $\\eta$.",
        ),
        "en",
    )
    assert [(e.what, e.page, e.defined_on) for e in early] == [("∇", "p0", "p1"), ("η", "p0", "p1")]
    fixed = book(
        "{term}`Gradient descent` moves against the {term}`gradient` $\\nabla f$.",
        "A step is $\\eta \\nabla f$ with the {term}`learning rate` $\\eta$.",
    )
    assert pr.term_order(fixed, "en") == []


def test_a_symbol_is_glossed_only_once_its_term_is() -> None:
    early = pr.term_order(
        book("The learning rate $\\eta$ is small.", "The {term}`learning rate` $\\eta$ again."),
        "en",
    )
    assert [(e.what, e.page, e.needs, e.symbol) for e in early] == [
        ("Learning rate", "p0", (), False),
        ("η", "p0", ("Learning rate",), True),
    ]
    assert "η is named by its term Learning rate, which is not glossed yet" in str(early[1])
    # without the terms' check (check_terms=False), naming the term is enough
    assert pr.term_order(book("The learning rate $\\eta$."), "en", check_terms=False) == []


def test_a_value_that_shows_a_symbol_counts_as_a_use() -> None:
    pages = book(
        "{term}`Gradient descent` ran with {{ lr }}.", "The {term}`learning rate` $\\eta$."
    )
    assert pr.term_order(pages, "en", values={"lr": "$\\eta = 0.01$"})[0].what == "η"
    assert pr.term_order(pages, "en", values={"lr": "0.01"}) == []


def test_a_definition_list_item_glosses_the_symbols_its_definition_shows() -> None:
    page = (
        "{term}`Gradient`\n: the vector of partial derivatives.\n\n  $$\\nabla f = (f_x, f_y)$$\n"
    )
    assert pr.term_order(book(page), "en") == []
    unindented = "{term}`Gradient`\n: the vector.\n\n$$\\nabla f = (f_x, f_y)$$\n"
    assert [e.what for e in pr.term_order(book(unindented), "en")] == ["∇"]


def test_a_korean_term_is_glossed_by_its_english_name_or_a_link() -> None:
    early = pr.term_order(
        book("경사하강법은 내려갑니다.", "{term}`경사하강법`", glossary=GLOSSARY_KO), "ko"
    )
    assert [(e.what, e.page, e.defined_on) for e in early] == [("경사하강법", "p0", "p1")]
    for first in ("경사하강법(gradient descent)은 내려갑니다.", "{term}`경사하강법`은 내려갑니다."):
        assert pr.term_order(book(first, glossary=GLOSSARY_KO), "ko") == []


def test_korean_symbols_are_glossed_by_the_korean_term() -> None:
    early = pr.term_order(
        book(
            "경사하강법은 $\\eta$만큼 걷습니다.",
            "{term}`학습률` $\\eta$입니다.",
            glossary=GLOSSARY_KO,
        ),
        "ko",
        check_terms=False,  # the Korean terms: test_korean.py, which asks for 한국어(English)
    )
    assert [(e.what, e.page, e.defined_on) for e in early] == [("η", "p0", "p1")]
    fine = book("학습률 $\\eta$만큼 걷습니다.", glossary=GLOSSARY_KO)
    assert pr.term_order(fine, "ko", check_terms=False) == []


def test_a_symbol_the_glossary_defines_and_the_test_does_not_know_is_an_error() -> None:
    glossary = GLOSSARY_EN.replace("$\\eta$", "$\\mu$")
    with pytest.raises(ValueError, match=r"the glossary defines \\mu, which proofread.SYMBOLS"):
        pr.term_order(book("x", glossary=glossary), "en")
    angle = GLOSSARY_EN.replace("of the partial derivatives.", "at an angle $\\theta$.")
    assert pr.term_order(book("x", glossary=angle), "en") == []  # a variable, not a symbol
    without_entry = GLOSSARY_EN.replace("Learning rate\n", "Step size\n")
    with pytest.raises(ValueError, match="uses η but has no entry 'learning rate'"):
        pr.term_order(book("x", glossary=without_entry), "en")
    with pytest.raises(ValueError, match="must include the glossary page"):
        pr.term_order({"p0": "x"}, "en")


# --- 4. Korean particles after numbers and formulas --------------------------------------------
@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("예측한 {{ v }}와는 다릅니다.", [("${-0.2066}$", "와", "과")]),
        ("예측한 {{ v }}과는 다릅니다.", []),
        ("그릇 $x^2 + 10y^2$가 단순합니다.", [("$x^2 + 10y^2$", "가", "이")]),
        ("그릇 $x^2 + 10y^2$이 단순합니다.", []),
        ("$\\lVert v \\rVert = \\sqrt{v_1^2 + v_2^2}$로 적습니다.", [("$\\lVert v \\rVert = \\sqrt{v_1^2 + v_2^2}$", "로", "으로")]),
        ("$\\lambda_{\\min}$는 작습니다. $\\eta$는 작습니다.", [("$\\lambda_{\\min}$", "는", "은")]),
        ("[끝점 $x$은 여기입니다.]{.claim .c}", [("$x$", "은", "는")]),
        ("$H$이므로 $x$이면 $f$입니다.", []),  # the copula 이 stays after a vowel
        ("```python\nx = '$x$은'\n```\n$$x$$은", []),  # code and display math are not read
        (":alt: 점 $P$을 지나는 선\n", [("$P$", "을", "를")]),  # alt text is read aloud too
        ("$x$라고 부르고 $y$이라고 부릅니다.", [("$y$", "이라", "라")]),
    ],
)  # fmt: skip
def test_a_particle_after_a_formula_must_fit_its_reading(
    text: str, wrong: list[tuple[str, str, str]]
) -> None:
    found = pr.particle_mismatches(text, {"v": "${-0.2066}$"}, page="p")
    assert [(m.formula, m.used, m.wanted) for m in found] == wrong
    for m in found:
        assert str(m).startswith("p.md: …") and f"should be {m.wanted}" in str(m)
