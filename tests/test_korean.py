"""Korean as an editor would pass it: particles that fit the numbers and formulas read aloud,
glossary terms introduced as 한국어(English) at their first use, standard spelling."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gdcore.book import proofread
from gdcore.book.numfmt import last_spoken, particle

BOOK = Path(__file__).resolve().parents[1] / "book"


# --- particles after numbers and formulas -------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "syllable"),
    [("0.5", "오"), ("0.1", "일"), ("1,000", "천"), ("10,000", "만"), ("44.5%", "트"),
     ("$x = 0.320$", "영"), ("$(0.296, {-0.394})$", "사"), ("21", "일"), ("300", "백"),
     (r"$3.23 \times 10^{-15}$", "곱"), ("$f = {-6.551}$", "일"), ("7", "칠"), ("30", "십")],
)  # fmt: skip
def test_numbers_are_read_to_their_last_syllable(value: str, syllable: str) -> None:
    assert last_spoken(value) == syllable


@pytest.mark.parametrize(
    ("value", "form", "expected"),
    [("0.5", "은", "는"), ("0.1", "은", "은"), ("1,000", "으로", "으로"), ("0.01", "으로", "로"),
     ("0.5", "으로", "로"), ("44.5%", "이", "가"), ("7", "과", "과"), ("2", "을", "를")],
)  # fmt: skip
def test_the_particle_fits_the_reading(value: str, form: str, expected: str) -> None:
    assert particle(value, form) == expected


def test_an_unknown_particle_is_refused() -> None:
    with pytest.raises(ValueError, match="consonant_form must be one of 은, 이, 을, 과, 으로"):
        particle("0.5", "는")


@pytest.mark.parametrize("page", sorted(p.name for p in (BOOK / "ko").glob("*.md")))
def test_particles_after_numbers_and_formulas_fit_how_they_are_read(
    page: str, book_values: dict[str, dict[str, str]]
) -> None:
    """After every value ({{ name }}) and every inline formula ($…$), MathML's source: the
    particle follows the last syllable read aloud (numfmt.read_aloud), e.g. −0.2066과 (육),
    x² + 10y²이 (제곱), √(…)으로 (제곱), ‖∇f‖은 (노름), λ_min은 (민)."""
    text = (BOOK / "ko" / page).read_text(encoding="utf-8")
    wrong = proofread.particle_mismatches(text, book_values["ko"], page=page.removesuffix(".md"))
    assert not wrong, "\n".join(map(str, wrong))


# --- glossary terms at their first use ---------------------------------------------------------
def reading_order() -> list[Path]:
    """The Korean pages in the book's reading order (``_toc.yml``)."""
    return [BOOK / "ko" / f"{page}.md" for page in proofread.reading_order(BOOK.parent)]


def glossary() -> dict[str, str]:
    """Korean term → English, from the Korean glossary (the definition starts with the English)."""
    return proofread.glossary((BOOK / "ko" / "glossary.md").read_text(encoding="utf-8"))


def prose(text: str) -> str:
    """What a reader reads as running text: no front matter, headings, code, math, alt text or
    directive options, and MyST roles reduced to their shown text."""
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^```\{(?:literalinclude|playground)\}.*?^```", "", text, flags=re.S | re.M)
    text = re.sub(r"^#+ .*$|^:[a-z]+:.*$|^```.*$", "", text, flags=re.M)
    text = re.sub(r"\$\$.*?\$\$|\$[^$\n]*\$", "", text, flags=re.S)
    text = re.sub(r"\{(?:term|doc)\}`([^`<]*?)\s*(?:<[^>]*>)?`", r"\1", text)
    text = re.sub(r"\*\*([^*\n]+)\*\*", r"\1", text)  # the reader sees the words, not the stars
    return re.sub(r"\s+", " ", text)  # a line break in the source is a space on the page


#: Glossary terms that are also everyday words, and the page that first gives them the glossary's
#: meaning (proofread's list): before it the book uses the everyday sense (오차: 반올림 오차).
EVERYDAY = proofread.EVERYDAY["ko"]


def first_uses() -> dict[str, tuple[str, str]]:
    """Each glossary term's first use in reading order: (page, the text right after it)."""
    terms = glossary()
    found: dict[str, tuple[str, str]] = {}
    pages = [p.stem for p in reading_order()]
    for path in reading_order():
        if path.stem == "glossary":
            continue
        text = prose(path.read_text(encoding="utf-8"))
        for term in terms:
            if term in found:
                continue
            if term in EVERYDAY and pages.index(path.stem) < pages.index(EVERYDAY[term]):
                continue
            longer = [t for t in terms if t != term and term in t]
            for m in re.finditer(re.escape(term), text):
                i = m.start()
                if i and re.match(r"[가-힣]", text[i - 1]):
                    continue  # inside another word
                inside = any(
                    text[i - t.index(term) : i - t.index(term) + len(t)] == t for t in longer
                )
                if not inside:
                    found[term] = (path.stem, text[m.end() : m.end() + 60])
                    break
    return found


def test_every_glossary_term_is_introduced_with_its_english_name() -> None:
    terms = glossary()
    uses = first_uses()
    assert len(terms) >= 20 and set(uses) <= set(terms)
    wrong = [
        f"{term} first on {page}: …{term}{after[:30]}…"
        for term, (page, after) in uses.items()
        if not after.startswith(f"({terms[term]})")
    ]
    assert not wrong, "\n".join(wrong)


def test_standard_spelling() -> None:
    for path in (BOOK / "ko").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        for wrong, right in (("최소값", "최솟값"), ("최대값", "최댓값"), ("고유값", "고윳값"),
                             ("함수값", "함숫값"), ("단추", "버튼")):  # fmt: skip
            assert wrong not in text, f"{path.name}: {wrong} → {right}"


#: Emphasis closed right after punctuation and followed by Hangul (``**이름(name)**이라고``) is not
#: emphasis in CommonMark: the closing ``**`` is not right-flanking, so the reader sees the stars.
_STARS_BEFORE_PARTICLE = re.compile(r"[)\]}'\"’”.,!?:;]\*{1,2}[\uac00-\ud7a3]")


def test_the_check_sees_stars_a_particle_keeps_literal() -> None:
    assert _STARS_BEFORE_PARTICLE.search("이것을 **기준 실행(reference run)**이라고 합니다")
    assert not _STARS_BEFORE_PARTICLE.search("이것을 **기준 실행**이라고 합니다")


@pytest.mark.parametrize("page", sorted(p.name for p in (BOOK / "ko").glob("*.md")))
def test_no_emphasis_shows_its_stars_before_a_particle(page: str) -> None:
    text = (BOOK / "ko" / page).read_text(encoding="utf-8")
    found = [m.group(0) for m in _STARS_BEFORE_PARTICLE.finditer(text)]
    assert not found, f"ko/{page}: emphasis that shows its stars: {found}"
