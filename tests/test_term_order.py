"""Nothing is used before it is defined, in the book's reading order (_toc.yml), in both languages:
every glossary term is glossed at or before its first use, by a definition on the page or by a
link whose glossary entry the reader can already read (test_korean.py also asks that its first
appearance be written 한국어(English)), and every symbol the glossary defines is first used in a
sentence that names its term. The rules are proofread.term_order's; test_proofread.py shows each
failing on made-up pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcore.book import proofread

REPO = Path(__file__).resolve().parents[1]


def test_the_glossary_defines_the_books_symbols() -> None:
    text = (REPO / "book" / "en" / "glossary.md").read_text(encoding="utf-8")
    names = {s.name for s in proofread.glossary_symbols(text)}
    assert {"H", "λ", "∇", "‖·‖", "κ", "η"} <= names, names


@pytest.mark.parametrize("lang", proofread.LANGS)
def test_terms_and_symbols_are_glossed_before_they_are_used(
    lang: str, book_values: dict[str, dict[str, str]]
) -> None:
    pages = proofread.read_pages(REPO, lang)
    early = proofread.term_order(pages, lang, values=book_values[lang], check_terms=lang == "en")
    assert not early, "\n".join(map(str, early))
