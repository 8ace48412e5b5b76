"""The words the book's code writes, one catalog per language: ``words/ko.toml``, ``words/en.toml``.

Figures (axis labels, titles, legends), the words inside page values (a table's head), the
playground's controls, the answer toggle and the landing page all take their words from here;
pages carry their own prose. A key is dotted (``"figure.start"``); ``{field}`` marks are filled
by the caller. :func:`recording` notes which words a builder read, so the figure cache can tell
that a changed word changes only the figures that show it.
"""

from __future__ import annotations

import contextlib
import difflib
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES: tuple[str, ...] = ("ko", "en")
CATALOG_DIR = Path(__file__).resolve().parent / "words"

_recordings: list[dict[str, str]] = []


def check_lang(lang: str) -> None:
    """Raise ``ValueError`` (listing the languages) unless ``lang`` is one of :data:`LANGUAGES`."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}; got {lang!r}")


@cache
def catalog(lang: str) -> dict[str, Any]:
    """The whole catalog of ``lang``: nested tables of strings, as ``words/<lang>.toml`` has it."""
    check_lang(lang)
    path = CATALOG_DIR / f"{lang}.toml"
    with path.open("rb") as f:
        try:
            return tomllib.load(f)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: not valid TOML: {exc}") from None


def flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """``{"a": {"b": "x"}}`` → ``{"a.b": "x"}``."""
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def keys(lang: str) -> frozenset[str]:
    """Every dotted key of ``lang``'s catalog."""
    return frozenset(flatten(catalog(lang)))


def _lookup(key: str, lang: str) -> Any:
    node: Any = catalog(lang)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            known = sorted(keys(lang))
            close = difflib.get_close_matches(key, known, n=3, cutoff=0.6) or known[:3]
            raise ValueError(
                f"unknown word {key!r} in {lang}.toml (it has {len(known)} words; the closest: "
                f"{', '.join(close)})"
            )
        node = node[part]
    for seen in _recordings:
        seen.update(flatten(node, f"{key}.") if isinstance(node, dict) else {key: node})
    return node


def word(key: str, lang: str, **fields: object) -> str:
    """The word ``key`` (dotted) in ``lang``, with ``fields`` filled in.

    Raises ``ValueError`` for an unknown language or key (the message names the closest ones) and
    for a field the text has and ``fields`` lacks.
    """
    text = _lookup(key, lang)
    if not isinstance(text, str):
        raise ValueError(f"{key!r} is a table of words, not one word; use section()")
    if not fields:
        return text
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError) as exc:
        given = ", ".join(sorted(fields))
        why = (
            f"the field {{{exc.args[0]}}}" if isinstance(exc, KeyError) else f"a bad field ({exc})"
        )
        raise ValueError(
            f"word {key!r} in {lang}.toml has {why}; the code fills in {given}"
        ) from None


def label(key: str, lang: str, **fields: object) -> str:
    """A word drawn inside a figure: ``word("figure." + key, lang, **fields)``."""
    return word(f"figure.{key}", lang, **fields)


def section(key: str, lang: str) -> dict[str, Any]:
    """A whole table of words (e.g. ``"playground"``), nested as in the catalog."""
    table = _lookup(key, lang)
    if not isinstance(table, dict):
        raise ValueError(f"{key!r} is one word, not a table of words; use word()")
    return table


@contextlib.contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Inside this, every word read is noted (dotted key → its text, before fields are filled)."""
    seen: dict[str, str] = {}
    _recordings.append(seen)
    try:
        yield seen
    finally:
        _recordings.remove(seen)
