"""A formula is written whole: no inline formula ends with a relation sign and leaves its value
to a substitution after it (``$\\eta >$ {{ v }}``). The two halves are two math elements that a
line can break between, so a reader sees "η >" at the end of one line and the number on the next.
Write the value in words after the formula instead ("$\\eta$ above {{ v }}")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gdcore.book import proofread

REPO = Path(__file__).resolve().parents[1]

#: An inline formula whose last (or first) token is a relation.
_RELATION = r"(?:=|<|>|\\(?:leq?|geq?|approx|neq|lt|gt)(?![A-Za-z]))"
_SPLIT = re.compile(
    r"(?<![$\\])\$(?!\$)(?:[^$\n]*?" + _RELATION + r"\s*|\s*" + _RELATION + r"[^$\n]*?)\$"
)


def split_formulas(text: str) -> list[str]:
    """The inline formulas in ``text`` that begin or end with a relation sign."""
    return [m.group(0) for m in _SPLIT.finditer(text)]


def test_the_check_sees_a_formula_split_before_its_value() -> None:
    assert split_formulas(r"$y$ zigzags when $\eta >$ {{ v }} and $\lambda$") == [r"$\eta >$"]
    assert split_formulas(r"{{ a }} $= 2/\lambda$") == [r"$= 2/\lambda$"]
    assert split_formulas(r"$\eta < 2/\lambda$, $\left(y + 1\right)^{2}$ and $\ln \rho'$") == []
    assert split_formulas(r"{{ d }} $\geq 0$") == [r"$\geq 0$"]


@pytest.mark.parametrize("lang", proofread.LANGS)
def test_no_formula_on_a_page_is_split_before_its_value(lang: str) -> None:
    found = [
        f"{lang}/{page}.md: {formula}"
        for page, text in proofread.read_pages(REPO, lang).items()
        for formula in split_formulas(text)
    ]
    assert not found, "formulas split in two (write the value after the formula in words):\n" + (
        "\n".join(found)
    )
