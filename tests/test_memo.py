"""The computation cache: reused while what a function uses is unchanged, and only then."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path

import numpy as np
import pytest

from gdcore.book import memo

MODULE = """
from gdcore.book.memo import memo

CALLS = []
SCALE = {scale}


def helper(x):
    return x * {factor}


def unrelated():
    return "{unrelated}"


@memo
def compute(x, points):
    CALLS.append(x)
    return helper(x) * SCALE + float(points.sum())
"""

_count = itertools.count()


def load(tmp_path: Path, scale: int = 2, factor: int = 3, unrelated: str = "a"):
    """A fresh import of the module from the template above: the same module name, as a later
    process would import it, from its own file."""
    name = "memo_case"
    folder = tmp_path / f"v{next(_count)}"
    folder.mkdir()
    path = folder / f"{name}.py"
    path.write_text(MODULE.format(scale=scale, factor=factor, unrelated=unrelated))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GD_MEMO_CACHE", str(tmp_path / "memo"))
    return tmp_path / "memo"


def test_a_second_call_reads_the_result_back(tmp_path: Path, cache: Path) -> None:
    points = np.arange(4.0)
    first = load(tmp_path)
    assert first.compute(5, points) == 5 * 3 * 2 + 6
    again = load(tmp_path)  # another process would see the same files
    assert again.compute(5, points) == 36.0 and again.CALLS == []
    assert sorted(p.suffix for p in cache.iterdir()) == [".json", ".npz"]  # one entry
    again.compute(5, points + 1)  # other arguments: computed
    assert again.CALLS == [5]


@pytest.mark.parametrize(
    ("change", "recomputed"),
    [({"unrelated": "b"}, False), ({"factor": 4}, True), ({"scale": 5}, True)],
    ids=["an unrelated function", "a helper it calls", "a constant it uses"],
)
def test_only_what_the_function_uses_is_in_the_key(
    tmp_path: Path, change: dict, recomputed: bool
) -> None:
    load(tmp_path).compute(1, np.zeros(2))
    edited = load(tmp_path, **change)
    edited.compute(1, np.zeros(2))
    assert len(edited.CALLS) == int(recomputed)


def test_an_argument_it_cannot_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="memo cannot key an argument of type object"):
        load(tmp_path).compute(1, object())


def test_arrays_are_keyed_by_their_bytes() -> None:
    a = np.arange(3.0)
    assert memo.fingerprint(a) == memo.fingerprint(a.copy())
    assert memo.fingerprint(a) != memo.fingerprint(a.astype(np.float32))
    assert memo.fingerprint((1, 0.5, "x")) != memo.fingerprint([1, 0.5, "x"])


def test_a_source_edited_while_computing_is_not_cached(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a gdcore file is newer than the code this process loaded, the result may be the old
    code's under the new source's key: it is not kept (here every file is newer than the epoch)."""
    from gdcore.book import registry

    module = load(tmp_path)
    loaded = registry._LOADED_NS
    monkeypatch.setattr(registry, "_LOADED_NS", 0)
    with pytest.raises(RuntimeError, match=r"memo: compute: gdcore/__init__\.py, .* changed"):
        module.compute(1, np.zeros(2))
    assert not cache.exists() or not list(cache.iterdir())
    monkeypatch.setattr(registry, "_LOADED_NS", loaded)  # loaded after every edit: kept
    module.compute(1, np.zeros(2))
    assert len(list(cache.iterdir())) == 2  # kept: its .json and .npz
