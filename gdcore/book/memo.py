"""A disk cache for a page's expensive computations, keyed by what they really depend on.

A registry entry is redrawn when its page's module changes; the computations behind it (a basin
map over ten thousand starts, say) need not be. :func:`memo` keys a function's result by its own
source, the source of the functions and the values of the constants it uses from its module
(followed through the functions it calls), the source of the gdcore modules its module imports
and the arguments. Editing a caption or a colour in the page's module then reuses the result;
editing the computation, or the engine, does not. Results are written atomically after success,
beside the figure cache, as pickles.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import os
import pickle
import tempfile
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from gdcore.book.registry import source_digest, source_modules

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
        path = cache_dir() / f"{fn.__module__}.{fn.__qualname__}-{key[:24]}.pickle"
        if path.is_file():
            with path.open("rb") as f:
                return pickle.load(f)
        result = fn(*args, **kwargs)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # appears whole, or not at all
        return result

    return wrapper  # type: ignore[return-value]
