"""A disk cache for a page's expensive computations, keyed by what they really depend on.

A registry entry is redrawn when its page's module changes; the computations behind it (a basin
map over ten thousand starts, say) need not be. :func:`memo` keys a function's result by its own
source, the source of the functions and the values of the constants it uses from its module
(followed through the functions it calls), the source of the gdcore modules its module imports
and the arguments. Editing a caption or a colour in the page's module then reuses the result;
editing the computation, or the engine, does not. Results are written atomically after success,
beside the figure cache.

A result is kept in a format that cannot run code when it is read (the CI cache restores these
files from elsewhere): its arrays in an ``.npz`` file read with ``allow_pickle=False``, and beside
it a JSON file describing the rest (numbers, text, lists, tuples, dicts with text keys, and the
dataclasses of gdcore, such as :class:`~gdcore.analysis.BasinMap`, rebuilt field by field without
calling their code) with the sha256 of the ``.npz``. A damaged or cut-off entry is computed again,
with one line on stderr naming it and why.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib
import inspect
import io
import json
import os
import sys
import tempfile
import types
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from gdcore.book.registry import edited_since_loaded, source_digest, source_modules

F = TypeVar("F", bound=Callable[..., Any])

#: Where results are kept unless ``GD_MEMO_CACHE`` says otherwise (beside the figure cache).
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "_build" / ".cache" / "memo"


def cache_dir() -> Path:
    """The folder results are written to (``GD_MEMO_CACHE``, or beside ``GD_FIGURE_CACHE``)."""
    if "GD_MEMO_CACHE" in os.environ:
        return Path(os.environ["GD_MEMO_CACHE"])
    if "GD_FIGURE_CACHE" in os.environ:
        return Path(os.environ["GD_FIGURE_CACHE"]).with_name("memo")
    return DEFAULT_DIR


def fingerprint(value: object) -> str:
    """A stable text for an argument or a constant (arrays by their bytes)."""
    if isinstance(value, np.ndarray):
        return f"array({value.dtype},{value.shape},{hashlib.sha256(value.tobytes()).hexdigest()})"
    if isinstance(value, dict):
        return "{" + ",".join(f"{fingerprint(k)}:{fingerprint(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return type(value).__name__ + "(" + ",".join(fingerprint(v) for v in value) + ")"
    if value is None or isinstance(value, bool | int | float | str | np.generic):
        return repr(value)
    raise TypeError(f"memo cannot key an argument of type {type(value).__name__}: {value!r}")


@functools.cache
def code_digest(fn: Callable[..., Any]) -> str:
    """sha256 over ``fn``'s source, what it uses from its own module (functions by their source,
    followed through their own uses; other values by :func:`fingerprint`) and the gdcore modules
    its module imports."""
    fn = inspect.unwrap(fn)
    module = inspect.getmodule(fn)
    h = hashlib.sha256()
    engine = sorted(source_modules(module.__name__) - {module.__name__})
    h.update("".join(source_digest(m) for m in engine).encode())
    seen: set[str] = set()
    todo = [fn]
    while todo:
        f = inspect.unwrap(todo.pop())
        if f.__qualname__ in seen:
            continue
        seen.add(f.__qualname__)
        h.update(inspect.getsource(f).encode())
        for name in sorted(_names(f.__code__)):
            value = vars(module).get(name)
            target = inspect.unwrap(value) if callable(value) else value  # through @cache, @memo
            if isinstance(target, types.FunctionType) and target.__module__ == module.__name__:
                todo.append(target)
            elif value is not None and not isinstance(value, types.ModuleType | type):
                # a function or object from elsewhere is covered by the imported modules' digest
                with contextlib.suppress(TypeError):
                    h.update(f"{name}={fingerprint(value)}".encode())
    return h.hexdigest()


def _names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):  # nested functions and comprehensions
            names |= _names(const)
    return names


def memo(fn: F) -> F:
    """Keep ``fn``'s results on disk, keyed by :func:`code_digest` and the arguments."""

    @functools.wraps(fn)
    def wrapper(*args: object, **kwargs: object) -> object:
        call = fingerprint((args, sorted(kwargs.items())))
        key = hashlib.sha256(f"{code_digest(fn)}\n{call}".encode()).hexdigest()
        stem = cache_dir() / f"{fn.__module__}.{fn.__qualname__}-{key[:24]}"
        meta, arrays = (stem.with_name(f"{stem.name}.{ext}") for ext in ("json", "npz"))
        if meta.is_file() or arrays.is_file():
            try:
                return read(meta, arrays)
            except DamagedEntry as exc:
                print(f"memo: {stem.name} is damaged ({exc}); computing it again", file=sys.stderr)
        result = fn(*args, **kwargs)
        try:
            tree, blobs = encode(result)
        except TypeError as exc:
            raise TypeError(f"memo: {fn.__qualname__}: {exc}") from None
        edited = edited_since_loaded(fn.__module__)
        if edited:  # the key was read from the edited source, the result made by the old code
            raise RuntimeError(
                f"memo: {fn.__qualname__}: {', '.join(edited)} changed while the build was "
                "running; nothing was cached: run the build again"
            )
        write(meta, arrays, tree, blobs)
        return result

    return wrapper  # type: ignore[return-value]


class DamagedEntry(Exception):
    """A cache entry that cannot be read back as it was written."""


#: The dataclasses a result may hold come from these packages only (rebuilt field by field).
_DATACLASS_PACKAGES = ("gdcore.",)


def encode(value: object) -> tuple[object, dict[str, np.ndarray]]:
    """``value`` as a JSON tree and its arrays (named ``a0``, ``a1``, ...).

    Raises TypeError, saying what, for a value the format cannot hold.
    """
    blobs: dict[str, np.ndarray] = {}

    def enc(v: object) -> object:
        if isinstance(v, np.ndarray | np.generic):  # first: np.float64 is also a float
            array = np.asarray(v)
            if array.dtype.hasobject or array.dtype.kind == "V":
                raise TypeError(f"cannot store an array of {array.dtype} (objects)")
            name = f"a{len(blobs)}"
            blobs[name] = array
            return {"array": name, "scalar": isinstance(v, np.generic)}
        if v is None or isinstance(v, bool | str):
            return v
        if isinstance(v, int):
            return {"int": str(v)}
        if isinstance(v, float):
            return {"float": repr(v)}  # nan and inf are not JSON numbers
        if isinstance(v, tuple | list) and type(v) in (tuple, list):
            return {type(v).__name__: [enc(x) for x in v]}
        if isinstance(v, dict) and type(v) is dict:
            if not all(isinstance(k, str) for k in v):
                raise TypeError("cannot store a dict whose keys are not all text")
            return {"dict": [[k, enc(x)] for k, x in v.items()]}
        cls = type(v)
        if dataclasses.is_dataclass(v) and cls.__module__.startswith(_DATACLASS_PACKAGES):
            fields = {f.name: enc(getattr(v, f.name)) for f in dataclasses.fields(v)}
            return {"dataclass": f"{cls.__module__}:{cls.__qualname__}", "fields": fields}
        raise TypeError(f"cannot store a {cls.__module__}.{cls.__qualname__}")

    return enc(value), blobs


def decode(tree: object, arrays: dict[str, np.ndarray]) -> object:
    """The value :func:`encode` described; :class:`DamagedEntry` for a tree it cannot write."""

    def dec(t: object) -> object:
        if t is None or isinstance(t, bool | str):
            return t
        if not isinstance(t, dict) or len(t) not in (1, 2):
            raise DamagedEntry(f"an unexpected node {str(t)[:40]!r}")
        if "int" in t:
            return int(t["int"])
        if "float" in t:
            return float(t["float"])
        if "array" in t:
            array = arrays[t["array"]]
            return array[()] if t.get("scalar") else array
        if "tuple" in t:
            return tuple(dec(x) for x in t["tuple"])
        if "list" in t:
            return [dec(x) for x in t["list"]]
        if "dict" in t:
            return {k: dec(x) for k, x in t["dict"]}
        if "dataclass" in t:
            return _dataclass(t["dataclass"], {k: dec(x) for k, x in t["fields"].items()})
        raise DamagedEntry(f"an unexpected node {str(t)[:40]!r}")

    try:
        return dec(tree)
    except (KeyError, TypeError, ValueError) as exc:
        raise DamagedEntry(f"its description does not fit its arrays ({exc})") from None


def _dataclass(name: str, fields: dict[str, object]) -> object:
    """An instance of the gdcore dataclass ``module:qualname`` with ``fields``, made without
    calling its code (no ``__init__``, no ``__post_init__``)."""
    module, _, qualname = name.partition(":")
    if not module.startswith(_DATACLASS_PACKAGES):
        raise DamagedEntry(f"a class outside gdcore, {name}")
    try:
        cls: Any = importlib.import_module(module)
        for part in qualname.split("."):
            cls = getattr(cls, part)
    except (ImportError, AttributeError):
        raise DamagedEntry(f"no class {name}") from None
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise DamagedEntry(f"{name} is not a dataclass")
    if set(fields) != {f.name for f in dataclasses.fields(cls)}:
        raise DamagedEntry(f"{name} has other fields now")
    obj = object.__new__(cls)
    for key, v in fields.items():
        object.__setattr__(obj, key, v)
    return obj


def write(meta: Path, arrays: Path, tree: object, blobs: dict[str, np.ndarray]) -> None:
    """Write a result: the arrays, then the description with their sha256 (each file appears
    whole, or not at all; a description without its arrays is never left behind)."""
    buffer = io.BytesIO()
    np.savez(buffer, **blobs)
    data = buffer.getvalue()
    text = json.dumps(
        {"format": 1, "npz_sha256": hashlib.sha256(data).hexdigest(), "value": tree},
        ensure_ascii=False,
        sort_keys=True,
    )
    _write_atomically(arrays, data)
    _write_atomically(meta, text.encode("utf-8"))


def read(meta: Path, arrays: Path) -> object:
    """A result written by :func:`write`, checked against its sha256; :class:`DamagedEntry`
    naming the file and the reason where it cannot be trusted."""
    try:
        description = json.loads(meta.read_text("utf-8"))
        expected = description["npz_sha256"]
        tree = description["value"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DamagedEntry(f"{meta.name}: {_reason(exc)}") from None
    try:
        data = arrays.read_bytes()
    except OSError as exc:
        raise DamagedEntry(f"{arrays.name}: {_reason(exc)}") from None
    if hashlib.sha256(data).hexdigest() != expected:
        raise DamagedEntry(f"{arrays.name} does not match its recorded sha256")
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            loaded = {name: npz[name] for name in npz.files}
    except (ValueError, OSError, zipfile.BadZipFile) as exc:
        raise DamagedEntry(f"{arrays.name}: {_reason(exc)}") from None
    return decode(tree, loaded)


def _reason(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    if isinstance(exc, KeyError):
        text = f"no {exc.args[0]!r}"
    return text.splitlines()[0][:80]


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)  # appears whole, or not at all
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
