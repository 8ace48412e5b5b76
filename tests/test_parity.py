"""The two languages are parallel trees: same pages, same figures, same labels, same numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from gdcore.book import words
from gdcore.book.pages import REGISTRY

BOOK = Path(__file__).resolve().parents[1] / "book"
LANGS = ("ko", "en")


def pages(lang: str) -> set[str]:
    return {p.relative_to(BOOK / lang).as_posix() for p in (BOOK / lang).rglob("*.md")}


def test_same_pages_in_both_languages() -> None:
    assert pages("ko") == pages("en")
    assert pages("ko")


def test_every_toc_page_exists_in_both_languages() -> None:
    toc = yaml.safe_load((BOOK.parent / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for c in toc.get("chapters", [])]
    assert all(f.startswith("book/ko/") for f in files)
    for f in files:
        name = f.removeprefix("book/ko/") + ".md"
        for lang in LANGS:
            assert (BOOK / lang / name).is_file(), f"{lang}/{name} is in the toc but missing"
    assert {f.removeprefix("book/ko/") + ".md" for f in files} == pages("ko")


FIGURE = re.compile(r"^```\{(?:figure|animation)\}\s+(\S+)", re.M)
LABEL = re.compile(r"^:name:\s*(\S+)|^\((\S+)\)=", re.M)
SUBSTITUTION = re.compile(r"\{\{\s*(\w+)\s*\}\}")
CLAIM = re.compile(r"\]\{\.claim \.(\w+)\}")
ALT = re.compile(r"^```\{(?:figure|animation)\}[^\n]*\n((?::[^\n]*\n)*)", re.M)


@pytest.mark.parametrize("page", sorted(pages("ko")))
def test_pages_are_parallel(page: str) -> None:
    text = {lang: (BOOK / lang / page).read_text(encoding="utf-8") for lang in LANGS}
    for pattern in (FIGURE, LABEL):  # in the same order
        found = {lang: pattern.findall(text[lang]) for lang in LANGS}
        assert found["ko"] == found["en"], f"{page}: {pattern.pattern} differs"
    # the same numbers and the same claims, in each language's word order
    subs = {lang: sorted(SUBSTITUTION.findall(text[lang])) for lang in LANGS}
    assert subs["ko"] == subs["en"], f"{page}: the pages show different numbers"
    claims = {lang: sorted(CLAIM.findall(text[lang])) for lang in LANGS}
    assert claims["ko"] == claims["en"], f"{page}: the pages make different claims"
    for lang in LANGS:  # every figure and animation has alt text
        for options in ALT.findall(text[lang]):
            assert re.search(r"^:alt:\s*\S", options, re.M), f"{lang}/{page}: a figure lacks :alt:"


def test_pages_use_only_registered_figures_and_values() -> None:
    files = {f for e in REGISTRY for f in e.files}
    names = {
        n for e in REGISTRY if e.kind in ("values", "claims") for n in e.make("en", **e.params)
    }
    for lang in LANGS:
        for page in pages(lang):
            text = (BOOK / lang / page).read_text(encoding="utf-8")
            for target in FIGURE.findall(text):
                assert target.split("/")[-1] in files or f"{target}.webp" in files, target
            for sub in SUBSTITUTION.findall(text):
                assert sub in names, f"{lang}/{page}: {{{{ {sub} }}}} is not computed by gdcore"


NUMBER = re.compile(r"(?<![\w.{$\\^_-])\d+\.\d+|(?<![\w.{$\\^_-])\d{2,}(?![\w.])")


@pytest.mark.parametrize("lang", LANGS)
def test_no_number_typed_into_prose(lang: str) -> None:
    for page in pages(lang):
        text = (BOOK / lang / page).read_text(encoding="utf-8")
        # front matter included: a meta description is part of the page too
        body = re.sub(r"\$\$.*?\$\$|\$[^$\n]*\$", "", text, flags=re.S)  # math notation
        found = NUMBER.findall(body)
        assert not found, f"{lang}/{page}: numbers typed by hand: {found} (compute them in gdcore)"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_figure_descriptions_end_without_a_period(lang: str) -> None:
    """A live figure's accessible name reads as the static figures' alt texts: no final period."""
    seen = [k for k in words.flatten(words.catalog(lang)) if k.endswith("canvas")]
    for key in seen:
        value = words.flatten(words.catalog(lang))[key]
        assert not value.rstrip().endswith("."), f"{key}: {value[-40:]}"
    assert len(seen) >= 4, seen
