"""Every registry entry, as the real site build made it: in both languages, light, with Hangul."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdcore.book.pages import REGISTRY
from gdcore.book.registry import read_claim
from gdcore.book.words import LANGUAGES

pytestmark = pytest.mark.site

ENTRIES = [(e.name, lang) for e in REGISTRY for lang in LANGUAGES]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, site_build: dict[str, Path]) -> dict[str, Path]:
    """Every entry in both languages, from the cache the site build (another process) filled.

    That nothing needs drawing again also shows the cache keys are stable across processes.
    """
    outs = {}
    for lang in LANGUAGES:
        outs[lang] = tmp_path_factory.mktemp(lang)
        report = REGISTRY.build(lang, outs[lang], site_build["cache"])
        assert report.built == [], "the site build drew these; the keys should match"
    return outs


@pytest.mark.parametrize(("name", "lang"), ENTRIES)
def test_every_entry_builds(name: str, lang: str, built: dict[str, Path]) -> None:
    entry = REGISTRY[name]
    for fname in entry.files:
        data = (built[lang] / fname).read_bytes()
        if entry.kind == "values":
            values = json.loads(data)
            assert values and all(isinstance(v, str) and v for v in values.values())
        elif entry.kind == "claims":  # name → the numbers that make it hold, and its cases
            claims = {name: read_claim(record) for name, record in json.loads(data).items()}
            assert claims and all(c.evidence and c.cases >= 1 for c in claims.values())
        else:
            assert len(data) > 50
        if fname.endswith(".webp"):
            assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
            assert len(data) < 300_000  # animations stay light
        if fname.endswith(".svg"):
            assert b"<svg" in data[:500]
            assert b"Date" not in data  # no timestamp in the metadata


@pytest.mark.parametrize("name", [e.name for e in REGISTRY if e.kind in ("figure", "animation")])
def test_versions_for_the_dark_page_and_sharp_screens(name: str, built: dict[str, Path]) -> None:
    """A figure's versions have its size (the 2× ones twice its pixels) and differ from it."""
    import sphinx_project  # noqa: F401  (puts book/_ext on sys.path)
    from gdsite.images import image_size

    files = REGISTRY[name].files
    light = built["en"] / files[0]
    width, height = image_size(light)
    for fname in files[1:]:
        if "still" in fname:
            continue
        path = built["en"] / fname
        k = 2 if fname.endswith("-2x.webp") else 1
        assert image_size(path) == (k * width, k * height), fname
        assert path.read_bytes() != light.read_bytes()
    if files[0].endswith(".webp") and REGISTRY[name].kind == "figure":
        assert any(f.endswith("-2x.webp") for f in files)


@pytest.mark.parametrize("name", [e.name for e in REGISTRY if e.kind in ("figure", "animation")])
def test_korean_and_english_figures_differ(name: str, built: dict[str, Path]) -> None:
    for fname in REGISTRY[name].files:
        assert (built["ko"] / fname).read_bytes() != (built["en"] / fname).read_bytes()


def test_a_second_build_reuses_everything(
    built: dict[str, Path], site_build: dict[str, Path]
) -> None:
    for lang in LANGUAGES:
        before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in built[lang].iterdir()}
        report = REGISTRY.build(lang, built[lang], site_build["cache"])
        assert report.built == []
        after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in built[lang].iterdir()}
        assert after == before  # not even rewritten
