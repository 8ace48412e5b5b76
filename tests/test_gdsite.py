"""The site extension's pure parts: Korean search words and MathML conversion."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))

from gdsite.mathml import to_mathml
from gdsite.search_ko import SearchKorean, hangul_prefixes, strip_particle


@pytest.mark.parametrize(
    ("word", "stem"),
    [("경사하강법은", "경사하강법"), ("경사를", "경사"), ("편미분으로", "편미분"), ("학습률에서", "학습률"),
     ("사이", "사이"), ("값", "값"), ("gradient", "gradient")],
)  # fmt: skip
def test_particles_are_stripped_only_when_a_word_remains(word: str, stem: str) -> None:
    assert strip_particle(word) == stem


def test_korean_words_are_indexed_with_their_prefixes() -> None:
    assert hangul_prefixes("경사하강법") == ["경사", "경사하", "경사하강", "경사하강법"]
    words = SearchKorean({}).split("2차원 경사하강법은 gradient descent")
    assert {"경사", "경사하강", "경사하강법은", "gradient"} <= set(words)


def test_the_js_stemmer_strips_the_same_particles() -> None:
    code = SearchKorean.js_stemmer_code
    for particle in ("은", "는", "을", "를", "에서", "으로"):
        assert f'"{particle}"' in code


def test_mathml_handles_the_books_notation() -> None:
    block = to_mathml(
        r"\begin{aligned} x &\leftarrow x \\ y &\leftarrow y \end{aligned}", display=True
    )
    assert block.startswith("<math") and 'display="block"' in block and "<mtable" in block
    assert "&lt;" not in to_mathml(r"\nabla f", display=False)


def test_mathml_refuses_what_it_cannot_convert() -> None:
    with pytest.raises(ValueError, match="did not understand"):
        to_mathml("a & b", display=True)
