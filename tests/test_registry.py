"""The registry mechanism: cache keys that follow what changed, deterministic drawing, Hangul."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gdcore.book import words
from gdcore.book.pages import PAGES, REGISTRY
from gdcore.book.registry import (
    Claim,
    ClaimError,
    Entry,
    Registry,
    read_claim,
    source_modules,
)
from gdcore.book.style import MissingGlyphError, figure_style, new_figure, save

# one of each output kind: an SVG figure, a WebP figure, an animation (drawing all twice is slow)
DETERMINISM = [
    next(e.name for e in REGISTRY if e.kind == "figure" and e.fmt == "svg"),
    next(e.name for e in REGISTRY if e.kind == "figure" and e.fmt == "webp"),
    next(e.name for e in REGISTRY if e.kind == "animation"),
]


@pytest.mark.parametrize("name", DETERMINISM)
def test_drawing_is_deterministic(name: str, tmp_path: Path) -> None:
    first = REGISTRY.build("ko", tmp_path / "a", tmp_path / "c1", names=[name])
    second = REGISTRY.build("ko", tmp_path / "b", tmp_path / "c2", names=[name])
    assert first.built == second.built != []
    for fname in REGISTRY[name].files:
        assert (tmp_path / "a" / fname).read_bytes() == (tmp_path / "b" / fname).read_bytes()


def test_cache_key_covers_params_and_language() -> None:
    entry = REGISTRY["partial_slice"]
    moved = Entry(entry.name, entry.kind, entry.make, {**entry.params, "x0": 0.1}, entry.fmt)
    reg = Registry([entry])
    assert reg.key(entry, "ko") != reg.key(entry, "en")
    assert reg.key(entry, "ko") != Registry([moved]).key(moved, "ko")


@pytest.mark.parametrize("page", sorted(name for name, m in PAGES.items() if m.ENTRIES))
def test_a_page_module_reaches_the_engine_and_shared_code_but_no_other_page(page: str) -> None:
    reached = source_modules(PAGES[page].__name__)
    others = {m.__name__ for name, m in PAGES.items() if name not in (page, "shared")}
    assert not reached & others, f"{page} reaches {sorted(reached & others)}"
    assert {"gdcore.descent", "gdcore.rule", "gdcore.book.registry"} <= reached
    # the registry's encoders are part of every output, so every page's key covers them
    assert {"gdcore.book.style", "gdcore.book.animate"} <= source_modules("gdcore.book.registry")


def test_the_key_changes_with_the_source_of_what_the_module_reaches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gdcore.book.registry as registry

    caches = (registry.source_modules, registry.source_digest, registry._gdcore_imports)
    terms, minima = REGISTRY["partial_slice"], REGISTRY["critical_points_map"]
    before = {e.name: REGISTRY.key(e, "ko") for e in (terms, minima)}
    real = registry._module_file.__wrapped__
    edited = tmp_path / "terms.py"  # terms.py with one more constant
    edited.write_bytes(real("gdcore.book.pages.terms").read_bytes() + b"\nEDITED = 1\n")
    monkeypatch.setattr(
        registry, "_module_file", lambda m: edited if m == "gdcore.book.pages.terms" else real(m)
    )
    for f in caches:
        f.cache_clear()
    try:
        after = {e.name: REGISTRY.key(e, "ko") for e in (terms, minima)}
    finally:
        for f in caches:
            f.cache_clear()
    assert after["partial_slice"] != before["partial_slice"]
    assert after["critical_points_map"] == before["critical_points_map"]


def _echo(lang: str, *, key: str) -> dict[str, str]:
    """A values builder that shows one word (module level: the key names its builder)."""
    return {f"shown_{key}": words.label(key, lang)}


def test_a_changed_word_remakes_only_what_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reg = Registry(
        [
            Entry("echo_start", "values", _echo, {"key": "start"}, fmt="json"),
            Entry("echo_end", "values", _echo, {"key": "end"}, fmt="json"),
        ]
    )
    first = reg.build("en", tmp_path / "out", tmp_path / "cache")
    assert first.drawn == [("echo_start", "en"), ("echo_end", "en")]
    assert reg.build("en", tmp_path / "out", tmp_path / "cache").drawn == []
    catalog = words.catalog("en")
    edited = {**catalog, "figure": {**catalog["figure"], "start": "starting point"}}
    monkeypatch.setattr(words, "catalog", lambda lang: edited)
    again = reg.build("en", tmp_path / "out", tmp_path / "cache")
    assert again.drawn == [("echo_start", "en")]
    assert again.values["shown_start"] == "starting point"
    assert reg.build("en", tmp_path / "out", tmp_path / "cache").drawn == []


def test_a_missing_glyph_is_an_error() -> None:
    with figure_style(), pytest.raises(MissingGlyphError, match="has '\U00020000'"):
        fig, ax = new_figure(2, 2)
        ax.set_title("\U00020000")  # no font here has this glyph
        save(fig, "png")


def test_unknown_names_list_the_known_ones() -> None:
    first = next(iter(REGISTRY)).name
    with pytest.raises(ValueError, match=f"known entries: {first}, "):
        REGISTRY["nope"]
    with pytest.raises(ValueError, match="lang must be one of ko, en"):
        words.label("x", "fr")
    with pytest.raises(ValueError, match=r"unknown word 'figure\.nope' in ko\.toml"):
        words.label("nope", "ko")


def _summit_claims(lang: str, *, summit_y: float) -> dict[str, Claim]:
    """One claim about the start (0, 1.4) and a summit at height ``summit_y``."""
    return {
        "start_south_of_summit": Claim(summit_y > 1.4, f"start y 1.4, summit y {summit_y}"),
        "summit_on_the_map": Claim(abs(summit_y) <= 3, f"|{summit_y}| <= 3"),
    }


def test_claims_that_hold_are_reported_with_their_evidence(tmp_path: Path) -> None:
    reg = Registry([Entry("summit", "claims", _summit_claims, {"summit_y": 1.58}, fmt="json")])
    report = reg.build("en", tmp_path / "out", tmp_path / "cache")
    assert report.claims == {
        "start_south_of_summit": "start y 1.4, summit y 1.58",
        "summit_on_the_map": "|1.58| <= 3",
    }
    assert report.cases == {"start_south_of_summit": 1, "summit_on_the_map": 1}
    again = reg.build("en", tmp_path / "out", tmp_path / "cache")  # read back from the cache
    assert (again.claims, again.cases) == (report.claims, report.cases)


def _sweep_claims(lang: str, *, rates: tuple[float, ...]) -> dict[str, Claim]:
    """A claim over every rate of a sweep, and one measurement."""
    return {
        "all_rates_small": Claim.every({f"η = {r}": r < 0.1 for r in rates}, "rates below 0.1"),
        "first_rate": Claim(rates[0] == 0.01, f"first rate {rates[0]}"),
    }


def test_stored_claims_keep_their_evidence_and_number_of_cases(tmp_path: Path) -> None:
    reg = Registry(
        [Entry("sweep", "claims", _sweep_claims, {"rates": (0.01, 0.02, 0.05)}, fmt="json")]
    )
    report = reg.build("en", tmp_path / "out", tmp_path / "cache")
    stored = json.loads((tmp_path / "out" / "sweep.json").read_text("utf-8"))
    assert stored == {
        "all_rates_small": {"evidence": "every one of 3 cases: rates below 0.1", "cases": 3},
        "first_rate": {"evidence": "first rate 0.01", "cases": 1},
    }
    assert report.cases == {"all_rates_small": 3, "first_rate": 1}
    assert read_claim(stored["all_rates_small"]) == Claim(
        True, stored["all_rates_small"]["evidence"], 3
    )
    with pytest.raises(ValueError, match="a stored claim is"):
        read_claim("every one of 3 cases")  # the old form, evidence alone


def test_a_false_claim_stops_the_build_every_time(tmp_path: Path) -> None:
    reg = Registry([Entry("summit", "claims", _summit_claims, {"summit_y": 1.2}, fmt="json")])
    for _ in range(2):  # nothing false is cached: the second build fails too
        with pytest.raises(
            ClaimError, match=r"start_south_of_summit \(start y 1\.4, summit y 1\.2\)"
        ):
            reg.build("en", tmp_path / "out", tmp_path / "cache")
    assert not list((tmp_path / "cache").iterdir())


def test_a_claim_must_be_a_claim() -> None:
    with pytest.raises(TypeError, match="holds must be a bool"):
        Claim("yes", "a string is not a truth value")  # type: ignore[arg-type]


def _returns_none(lang: str) -> None:
    return None


def _returns_a_list(lang: str) -> list:
    return []


def _returns_a_dict(lang: str) -> dict:
    return {"cells": []}


@pytest.mark.parametrize(
    ("kind", "fmt", "make", "said"),
    [
        ("figure", "svg", _returns_none, "returned NoneType, not a matplotlib Figure"),
        ("animation", "webp", _returns_none, "not (Animation, still Figure)"),
        ("values", "json", _returns_a_list, "returned list, not a dict of page values"),
        ("notebook", "json", _returns_none, "returned NoneType, not a sequence of Code"),
        ("notebook", "json", _returns_a_dict, "returned dict, not a sequence of Code"),
    ],
)
def test_a_builder_returning_the_wrong_thing_is_named(
    kind: str, fmt: str, make: object, said: str, tmp_path: Path
) -> None:
    entry = Entry("broken", kind, make, {}, fmt)
    with pytest.raises(TypeError, match=f"broken: its {kind} builder .* {re.escape(said)}"):
        Registry([entry]).build("ko", tmp_path / "out", tmp_path / "cache")
    assert not (tmp_path / "out" / entry.files[0]).exists()


def test_a_source_edited_during_the_build_is_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gdcore file newer than the code this process loaded (here: the process "loaded" at the
    epoch, so every file is newer) would store old drawings under the new source's key."""
    from gdcore.book import registry

    reg = Registry([Entry("summit", "claims", _summit_claims, {"summit_y": 1.58}, fmt="json")])
    monkeypatch.setattr(registry, "_LOADED_NS", 0)
    with pytest.raises(
        RuntimeError, match=r"summit: gdcore/__init__\.py, .* changed while the build was"
    ):
        reg.build("en", tmp_path / "out", tmp_path / "cache")
    assert not list((tmp_path / "cache").iterdir())  # nothing cached
    monkeypatch.undo()  # loaded after every edit: drawn and cached
    assert reg.build("en", tmp_path / "out", tmp_path / "cache").claims
    assert len(list((tmp_path / "cache").iterdir())) == 1
