"""Issue 23, defect 5: a damaged cache is noticed, named in one line, and made again.

The figure cache (:mod:`gdcore.book.registry`) and the computation cache (:mod:`gdcore.book.memo`)
keep a content hash with every entry and check it before reusing the entry; the computation cache
keeps numbers in ``.npz`` files read with ``allow_pickle=False`` and JSON, never pickles (the CI
cache restores these folders: loading them must not be able to run code).
"""

from __future__ import annotations

import importlib.util
import itertools
import pickle
import sys
from pathlib import Path

import numpy as np
import pytest

from gdcore.book import memo
from gdcore.book.registry import Entry, Registry
from gdcore.book.style import new_figure


def _numbers(lang: str, *, start: float) -> dict[str, str]:
    """A values builder (module level: the cache key names its builder)."""
    return {"start_value": f"{start} ({lang})"}


def _line(lang: str, *, slope: float):
    """A figure builder: one line."""
    fig, ax = new_figure(3, 2)
    ax.plot([0, 1], [0, slope])
    ax.set_title(lang)
    return fig


def registry() -> Registry:
    return Registry(
        [
            Entry("numbers", "values", _numbers, {"start": 0.5}, fmt="json"),
            Entry("line", "figure", _line, {"slope": 2.0}, fmt="svg"),
        ]
    )


def slot_of(cache: Path, name: str) -> Path:
    (slot,) = [p for p in cache.iterdir() if p.is_dir() and p.name.startswith(f"{name}-en-")]
    return slot


@pytest.mark.parametrize(
    ("name", "fname"),
    [("numbers", "numbers.json"), ("line", "line.svg"), ("line", "line-dark.svg")],
)
@pytest.mark.parametrize("damage", ["cut off", "emptied", "deleted"])
def test_a_damaged_figure_cache_entry_is_made_again_and_named(
    tmp_path: Path, name: str, fname: str, damage: str
) -> None:
    reg, out, cache = registry(), tmp_path / "out", tmp_path / "cache"
    first = reg.build("en", out, cache)
    good = (out / fname).read_bytes()
    target = slot_of(cache, name) / fname
    if damage == "cut off":
        target.write_bytes(good[: len(good) // 2])
    elif damage == "emptied":
        target.write_bytes(b"")
    else:
        target.unlink()
    (out / fname).unlink()  # as in a fresh clone that restored the cache
    lines: list[str] = []
    again = reg.build("en", out, cache, log=lines.append)
    assert again.drawn == [(name, "en")]  # that entry only
    assert (out / fname).read_bytes() == good  # never the damaged bytes
    assert again.values == first.values
    damaged = [line for line in lines if "damaged" in line]
    assert len(damaged) == 1, lines
    assert name in damaged[0] and fname in damaged[0] and "\n" not in damaged[0]
    assert reg.build("en", out, cache, log=lines.append).drawn == []  # healed


def test_a_damaged_record_of_the_words_is_named_too(tmp_path: Path) -> None:
    reg, out, cache = registry(), tmp_path / "out", tmp_path / "cache"
    reg.build("en", out, cache)
    (slot_of(cache, "numbers") / "words.json").write_text('{"figure.st', encoding="utf-8")
    lines: list[str] = []
    assert reg.build("en", out, cache, log=lines.append).drawn == [("numbers", "en")]
    assert any("numbers" in line and "damaged" in line for line in lines), lines


# --- the computation cache ------------------------------------------------------------------
MODULE = """
import numpy as np
from gdcore.book.memo import memo
from gdcore.analysis import basins
from gdcore.landscape import get_landscape

CALLS = []


@memo
def compute(x):
    CALLS.append(x)
    return {
        "array": np.arange(x, dtype=float) / 3,
        "labels": np.array([[1, -1], [0, 2]]),
        "share": 0.25,
        "many": (np.ones(2), [1, 2.5, None, True, "text", float("nan"), float("inf")]),
        "flag": np.bool_(True),
        "count": np.int64(7),
    }


@memo
def basin_map(grid):
    CALLS.append(grid)
    return basins(get_landscape("parabola"), learning_rate=0.1, epochs=20, grid=grid)
"""

_count = itertools.count()


def load(tmp_path: Path):
    name = "memo_damage_case"
    folder = tmp_path / f"v{next(_count)}"
    folder.mkdir()
    path = folder / f"{name}.py"
    path.write_text(MODULE)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def memo_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GD_MEMO_CACHE", str(tmp_path / "memo"))
    return tmp_path / "memo"


def same(a: object, b: object) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            type(a) is type(b)
            and a.dtype == b.dtype
            and np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
        )
    if isinstance(a, dict):
        return type(b) is dict and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return type(a) is type(b) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float) and a != a:
        return isinstance(b, float) and b != b
    if hasattr(a, "__dataclass_fields__"):
        return type(a) is type(b) and all(
            same(getattr(a, f), getattr(b, f)) for f in a.__dataclass_fields__
        )
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("function", ["compute", "basin_map"])
def test_results_come_back_equal_and_of_the_same_types(
    tmp_path: Path, memo_dir: Path, function: str
) -> None:
    fresh = getattr(load(tmp_path), function)(5)
    again = load(tmp_path)
    back = getattr(again, function)(5)
    assert again.CALLS == []  # read back, not computed
    assert same(fresh, back)


def test_the_cache_holds_no_pickle(tmp_path: Path, memo_dir: Path) -> None:
    load(tmp_path).compute(4)
    files = sorted(p.suffix for p in memo_dir.iterdir())
    assert files == [".json", ".npz"]
    for path in memo_dir.iterdir():
        data = path.read_bytes()
        assert b"\x80\x04\x95" not in data and b"\x80\x05\x95" not in data  # pickle headers
        if path.suffix == ".npz":
            with np.load(path, allow_pickle=False) as arrays:
                assert all(arrays[k].dtype != object for k in arrays.files)


@pytest.mark.parametrize("damage", ["cut off npz", "cut off json", "other npz", "deleted npz"])
def test_a_damaged_result_is_computed_again_and_named(
    tmp_path: Path, memo_dir: Path, damage: str, capsys: pytest.CaptureFixture
) -> None:
    first = load(tmp_path)
    expected = first.compute(6)
    first.compute(3)
    (npz, other) = sorted(memo_dir.glob("*.npz"), key=lambda p: p.stat().st_size, reverse=True)
    meta = npz.with_name(npz.name.removesuffix(".npz") + ".json")
    if damage == "cut off npz":
        npz.write_bytes(npz.read_bytes()[:100])
    elif damage == "cut off json":
        meta.write_text(meta.read_text()[:40])
    elif damage == "other npz":  # a whole, valid file that is not this entry's
        npz.write_bytes(other.read_bytes())
    else:
        npz.unlink()
    capsys.readouterr()
    again = load(tmp_path)
    assert same(again.compute(6), expected)
    assert again.CALLS == [6]  # computed again
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "damaged" in err[0] and npz.name.removesuffix(".npz") in err[0], err
    third = load(tmp_path)
    assert same(third.compute(6), expected) and third.CALLS == []  # healed


def test_an_old_pickle_in_the_cache_is_never_loaded(tmp_path: Path, memo_dir: Path) -> None:
    module = load(tmp_path)
    module.compute(2)
    (meta,) = memo_dir.glob("*.json")
    evil = meta.with_name(meta.name.removesuffix(".json") + ".pickle")

    class Boom:
        def __reduce__(self):
            return (pytest.fail, ("a pickle from the cache was loaded",))

    evil.write_bytes(pickle.dumps(Boom()))
    for path in [*memo_dir.glob("*.npz"), meta]:
        path.unlink()
    again = load(tmp_path)
    again.compute(2)  # computed; the pickle beside it is not read
    assert again.CALLS == [2]


def test_a_result_the_format_cannot_hold_is_a_clear_error(tmp_path: Path, memo_dir: Path) -> None:
    @memo.memo
    def odd() -> object:
        return {1: "a key that is not text"}

    with pytest.raises(TypeError, match=r"odd.*cannot store"):
        odd()
    assert not memo_dir.exists() or not any(memo_dir.iterdir())
