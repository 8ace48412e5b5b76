"""The shape of the code: the engine apart from the book, one room per page, one words catalog."""

from __future__ import annotations

import ast
import pkgutil
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

import gdcore
from gdcore.book import words
from gdcore.book.pages import PAGES

REPO = Path(__file__).resolve().parents[1]
ENGINE = sorted(
    m.name
    for m in pkgutil.walk_packages(gdcore.__path__, "gdcore.")
    if not m.name.startswith("gdcore.book")
)
BOOK_ONLY = ("matplotlib", "PIL", "imageio", "sphinx", "docutils", "koreanize_matplotlib")


def test_importing_the_engine_loads_no_drawing_or_sphinx() -> None:
    code = (
        "import importlib, sys\n"
        f"for m in {[m for m in ENGINE if m != 'gdcore.__main__']!r}: importlib.import_module(m)\n"
        f"print(sorted({{n.split('.')[0] for n in sys.modules}} & set({BOOK_ONLY!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert {"gdcore.descent", "gdcore.rule", "gdcore.cli", "gdcore.program"} <= set(ENGINE)


@pytest.mark.parametrize("module", ENGINE)
def test_the_engine_never_imports_the_book(module: str) -> None:
    path = Path(sys.modules["gdcore"].__file__).parent.joinpath(*module.split(".")[1:])
    source = (path / "__init__.py" if path.is_dir() else path.with_suffix(".py")).read_text()
    for node in ast.walk(ast.parse(source)):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
        assert not any(n.startswith(("gdcore.book", *BOOK_ONLY)) for n in names), (module, names)


# --- one room per page -----------------------------------------------------------------------
FIGURE = re.compile(r"_generated/(\w+)\.\w+|^```\{animation\}\s+(\w+)", re.M)
SUBSTITUTION = re.compile(r"\{\{\s*(\w+)\s*\}\}")
CLAIM = re.compile(r"\]\{\.claim \.(\w+)\}")


def shown_on(page: str, lang: str = "ko") -> set[str]:
    """The registry names (figures, animations), value names and claim names a page uses."""
    text = (REPO / "book" / lang / f"{page}.md").read_text(encoding="utf-8")
    figures = {a or b for a, b in FIGURE.findall(text)}
    return figures | set(SUBSTITUTION.findall(text)) | set(CLAIM.findall(text))


def provided_by(module: object) -> tuple[set[str], set[str]]:
    """What a page module makes: its figures and animations, and the names of its values and
    claims."""
    figures, names = set(), set()
    for entry in module.ENTRIES:
        if entry.kind in ("values", "claims"):
            names.update(entry.make("en", **entry.params))
        elif entry.kind != "notebook":  # a notebook is not shown on the page: it is downloaded
            figures.add(entry.name)
    return figures, names


PAGE_FILES = sorted(p.stem for p in (REPO / "book" / "ko").glob("*.md"))


@pytest.mark.parametrize("page", PAGE_FILES)
def test_a_page_finds_what_it_shows_in_its_own_module_or_the_shared_one(page: str) -> None:
    own = set().union(*provided_by(PAGES[page])) if page in PAGES else set()
    shared = set().union(*provided_by(PAGES["shared"]))
    missing = shown_on(page) - own - shared
    assert not missing, f"{page}.md shows {sorted(missing)}, made neither in its module nor shared"
    unused = own - shown_on(page)
    assert not unused, f"{page}.py makes {sorted(unused)}, which {page}.md does not show"


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_marked_sentence_names_a_claim_that_holds(page: str) -> None:
    modules = [PAGES["shared"], *([PAGES[page]] if page in PAGES else [])]
    claims = {
        name: claim
        for module in modules
        for entry in module.ENTRIES
        if entry.kind == "claims"
        for name, claim in entry.make("en", **entry.params).items()
    }
    for lang in words.LANGUAGES:
        text = (REPO / "book" / lang / f"{page}.md").read_text(encoding="utf-8")
        for name in CLAIM.findall(text):
            assert name in claims, f"{lang}/{page}.md marks {name!r}, which nothing computes"
            assert claims[name].holds, f"{name} is false: {claims[name].evidence}"
        malformed = re.findall(r"\{\.claim(?! \.\w+\})[^}]*\}", text)
        assert not malformed, (
            f"{lang}/{page}.md: claim markers must be {{.claim .name}}: {malformed}"
        )


def test_shared_entries_are_shown_on_two_pages_or_more() -> None:
    for name in set().union(*provided_by(PAGES["shared"])):
        pages = [p for p in PAGE_FILES if name in shown_on(p)]
        assert len(pages) >= 2, f"{name} is shared but shown only on {pages}: move it to its page"


def test_every_page_module_is_a_page() -> None:
    assert set(PAGES) - {"shared"} <= set(PAGE_FILES)


# --- the words catalog ---------------------------------------------------------------------------
def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_word_exists_in_every_language_with_the_same_fields() -> None:
    flat = {lang: words.flatten(words.catalog(lang)) for lang in words.LANGUAGES}
    ko, en = flat["ko"], flat["en"]
    assert set(ko) == set(en), f"only in one language: {sorted(set(ko) ^ set(en))}"
    for key in ko:
        assert fields(ko[key]) == fields(en[key]), key
        assert ko[key].strip() and en[key].strip(), key


def test_every_figure_and_value_word_is_used() -> None:
    code = "".join(p.read_text(encoding="utf-8") for p in (REPO / "gdcore" / "book").rglob("*.py"))
    unused = [k for k in words.keys("en") if k.startswith("figure.") and f'"{k[7:]}"' not in code]
    assert not unused, f"figure words nothing draws: {unused}"
    with words.recording() as read:  # the values builders read their words through the catalog
        for module in PAGES.values():
            for entry in module.ENTRIES:
                if entry.kind == "values":
                    entry.make("en", **entry.params)
    unused = [k for k in words.keys("en") if k.startswith("values.") and k not in read]
    assert not unused, f"value words no page value uses: {unused}"


def test_every_word_of_the_site_and_the_playground_is_used() -> None:
    sys.path.insert(0, str(REPO / "book" / "_ext"))
    from gdsite.playground import MARKUP

    from gdcore import landscape_names
    from gdcore.book.pages.playground import PRESETS

    assert '"answer.summary"' in (REPO / "book/_ext/gdsite/answer.py").read_text()
    assert '"scroll.table"' in (REPO / "book/_ext/gdsite/scrollables.py").read_text()
    assert '"playground_link.text"' in (REPO / "book/_ext/gdsite/playground.py").read_text()
    assert '"landing.read"' in (REPO / "scripts/build_site.py").read_text()
    table = words.section("playground", "en")
    for key, text in table.items():
        if isinstance(text, str):
            assert f"{{{key}}}" in MARKUP, f"playground.{key} is not in the controls' markup"
    js = (REPO / "book/_ext/gdsite/playground.js").read_text()
    script = table["script"]
    for key in script:
        assert f"T.{key}" in js, f"playground.script.{key} is not used by playground.js"
    # a run's regime in words (the playground's and the live figures', shared.js): a sentence
    # for every regime gdcore.outcome names, and each word used there
    from gdcore.outcome import REASONS, REGIMES

    outcome = words.section("outcome", "en")
    shared = (REPO / "book/_ext/gdsite/shared.js").read_text()
    assert set(REGIMES) <= set(outcome) and "own(o.regime)" in shared
    assert set(outcome["reason"]) | set(outcome["diverging"]) >= set(REASONS)
    # a regime's ascent variant ("…_ascent": a run looking for a local maximum) is looked up as
    # the regime's key + "_ascent"
    assert 'key + "_ascent"' in shared
    ascent = {f"{regime}_ascent" for regime in REGIMES}
    for key in set(outcome) - set(REGIMES) - ascent:
        assert f"W.{key}" in shared, f"outcome.{key} is not used by shared.js"
    for key in outcome["diverging"]:
        assert f'"{key}"' in shared, f"outcome.diverging.{key} is not used by shared.js"
    assert set(script["presets"]) == {key for key, *_ in PRESETS}
    assert set(script["landscapes"]) == set(landscape_names())
