"""The registry: every entry builds in every language, deterministically, with Hangul."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdcore.figures import REGISTRY
from gdcore.registry import Entry, Registry, source_digest
from gdcore.style import MissingGlyphError, figure_style, save
from gdcore.text import LANGUAGES, label, label_keys

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
        assert len(data) > 50
        if entry.kind == "values":
            values = json.loads(data)
            assert values and all(isinstance(v, str) and v for v in values.values())
        if fname.endswith(".webp"):
            assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
            assert len(data) < 300_000  # animations stay light
        if fname.endswith(".svg"):
            assert b"<svg" in data[:500]
            assert b"Date" not in data  # no timestamp in the metadata


@pytest.mark.parametrize("name", [e.name for e in REGISTRY if e.kind != "values"])
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


def test_cache_key_covers_params_language_and_source() -> None:
    entry = REGISTRY["partial_slice"]
    moved = Entry(entry.name, entry.kind, entry.make, {**entry.params, "x0": 0.1}, entry.fmt)
    reg = Registry([entry])
    assert reg.key(entry, "ko") != reg.key(entry, "en")
    assert reg.key(entry, "ko") != Registry([moved]).key(moved, "ko")
    # the figure module reaches the engine through its imports
    assert source_digest("gdcore.figures") != source_digest("gdcore.text")


def test_a_missing_glyph_is_an_error() -> None:
    from gdcore.style import new_figure

    with figure_style(), pytest.raises(MissingGlyphError, match="has '\U00020000'"):
        fig, ax = new_figure(2, 2)
        ax.set_title("\U00020000")  # no font here has this glyph
        save(fig, "png")


def test_every_label_has_every_language() -> None:
    for key in label_keys():
        for lang in LANGUAGES:
            assert label(
                key,
                lang,
                y0=0.5,
                x0=0.1,
                slope=1.0,
                k=3,
                lr="0.1",
                epochs="10",
                x=0.5,
                d=0.1,
                v="1.0",
            )


def test_unknown_names_list_the_known_ones() -> None:
    with pytest.raises(ValueError, match="known entries: peaks_heatmap"):
        REGISTRY["nope"]
    with pytest.raises(ValueError, match="lang must be one of ko, en"):
        label("x", "fr")
