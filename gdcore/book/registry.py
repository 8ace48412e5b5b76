"""The registry mechanism: every figure, animation and set of numbers a page shows, declared once.

An :class:`Entry` names what a page shows and how to make it for one language. A :class:`Registry`
builds entries into a folder, reusing a cache keyed by a checksum of everything the output depends
on: the entry's parameters, the language, the source of the module that defines its builder and of
every gdcore module that module imports (directly or not; not the other pages' modules), the
versions of the libraries that compute and draw, and the font file. The words a builder read from
the catalog are noted beside its output, and the output is reused only while those words stay the
same: editing one page's module, or one word, redraws only what depends on it. A cache entry is
written only after a successful build (to a temporary folder, then renamed), so an interrupted
build never leaves a half-written figure behind; and it holds the sha256 of each of its files,
checked before every reuse, so an entry damaged later (a disk, a restored CI cache) is drawn again
with one line saying which file and why, never published.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from gdcore.book import words

#: When this process loaded the book's code (this module is imported before every page module,
#: whose entries it defines): a gdcore source edited later may not be the code that draws.
_LOADED_NS = time.time_ns()

Kind = Literal["figure", "animation", "thumbnail", "values", "claims", "notebook"]
_FORMATS = {
    "figure": ("svg", "webp", "png"),
    "animation": ("webp",),
    "thumbnail": ("webp",),
    "values": ("json",),
    "claims": ("json",),
    "notebook": ("json",),
}


@dataclass(frozen=True)
class Claim:
    """A sentence's comparison or cause, computed: whether it holds, and the numbers that say so.

    A page marks the sentence that states it (``[...]{.claim .name}``); the build fails when the
    claim does not hold, so the page cannot say something the numbers contradict.
    """

    holds: bool
    evidence: str
    #: How many cases the check covered: 1 for one measurement (its sentence states the setting),
    #: more for a sentence that says "every", "always", "never" (:meth:`every`).
    cases: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.holds, bool | np.bool_):
            raise TypeError(f"holds must be a bool, got {self.holds!r}")
        object.__setattr__(self, "holds", bool(self.holds))
        if not isinstance(self.cases, int) or self.cases < 1:
            raise ValueError(f"cases must be a whole number of at least 1, got {self.cases!r}")

    @classmethod
    def every(cls, cases: Mapping[str, bool | np.bool_], evidence: str = "") -> Claim:
        """A claim over every case its sentence names (``{case: holds}``, e.g. one per learning
        rate of a sweep): it holds when each case does, and its evidence says how many cases were
        checked and names those that fail.

        >>> Claim.every({"η = 0.01": True, "η = 0.02": False}, "shares settle").evidence
        'every one of 2 cases (fails: η = 0.02): shares settle'
        """
        if not cases:
            raise ValueError("cases must name at least one case")
        failing = [name for name, ok in cases.items() if not bool(ok)]
        head = f"every one of {len(cases)} cases"
        if failing:
            head += f" (fails: {', '.join(failing)})"
        return cls(not failing, f"{head}: {evidence}" if evidence else head, len(cases))


@dataclass(frozen=True)
class Check:
    """A number a notebook cell prints, and the page value it must equal.

    ``exact`` is the number behind the page value ``value`` (its ``index``-th number, counting
    from 0, when the value's text shows several), computed by the engine; the tests run the
    notebook and hold what the cell prints to it within 1e-9, and ``exact`` to the text the page
    shows, rounded as the page rounds it.
    """

    value: str
    exact: float
    index: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "exact", float(self.exact))


@dataclass(frozen=True)
class Code:
    """One code cell of a page's notebook, written plainly for a learner (numpy, sympy,
    matplotlib; never gdcore).

    ``at`` says where it goes: ``"start"`` (after the title), ``"end"``, the ``:name:`` of a
    figure or animation on the page (the cell replaces it: it draws it) or ``"after:<value>"``
    (after the paragraph that shows ``{{ value }}``). ``checks`` are the numbers the cell prints,
    in order: the numbers after the last ``=`` of each printed line (``print("end (x, y) =", x,
    y)`` prints two). A line without ``=`` is not read; every number read must have its check.
    """

    source: str
    at: str
    checks: tuple[Check, ...] = ()


#: The parameter of a ``thumbnail`` entry that names which panel of the figure it shows (counted
#: from 0, colour bars aside); the registry takes it out before calling the figure's builder.
THUMBNAIL_PANEL = "thumbnail_panel"


class ClaimError(RuntimeError):
    """A claim a page makes is false: the page must change (or the computation is wrong)."""


@dataclass(frozen=True)
class Entry:
    """One thing the book shows.

    Attributes
    ----------
    name : str
        The file stem pages refer to, e.g. ``"partial_slice"`` → ``_generated/partial_slice.svg``.
    kind : {"figure", "animation", "thumbnail", "values", "claims", "notebook"}
        A figure's ``make(lang, **params)`` returns a matplotlib ``Figure``; an animation's returns
        ``(Animation, still Figure)`` (the still is what readers who ask for reduced motion see);
        a thumbnail's is a figure's builder, whose figure (or still) the registry draws small and
        without words (:func:`gdcore.book.thumbs.shrink`: its panel :data:`THUMBNAIL_PANEL`, a
        parameter the registry takes out of ``params``), for the home page's cards;
        a values entry's returns a ``dict`` of page substitutions (name → Markdown text); a claims
        entry's returns a ``dict`` of :class:`Claim` (name → claim), and the build fails if one
        does not hold; a notebook entry's returns the code cells (a sequence of :class:`Code`) of
        its page's notebook, which the site puts among the page's own words
        (:mod:`gdcore.book.notebook`).
    make : callable
        Builds the output for one language.
    params : mapping
        Keyword arguments for ``make``; part of the cache key.
    fmt : str
        ``svg``, ``webp`` or ``png`` for a figure; ``webp`` for an animation or a thumbnail;
        ``json`` for values, claims and notebooks.
    """

    name: str
    kind: Kind
    make: Callable[..., Any]
    params: Mapping[str, Any] = field(default_factory=dict)
    fmt: str = "svg"

    def __post_init__(self) -> None:
        if self.kind not in _FORMATS:
            raise ValueError(f"kind must be one of {', '.join(_FORMATS)}; got {self.kind!r}")
        if self.fmt not in _FORMATS[self.kind]:
            allowed = ", ".join(_FORMATS[self.kind])
            raise ValueError(f"fmt for a {self.kind} must be one of {allowed}; got {self.fmt!r}")
        if not self.name.isidentifier():
            raise ValueError(f"name must be an identifier (a file stem), got {self.name!r}")

    @property
    def files(self) -> tuple[str, ...]:
        """The file names this entry produces."""
        if self.kind == "animation":
            n = self.name
            return (  # also at twice the pixels, as a raster figure
                *(f"{n}.webp", f"{n}-still.webp", f"{n}-dark.webp", f"{n}-still-dark.webp"),
                *(f"{n}-2x.webp", f"{n}-still-2x.webp", f"{n}-dark-2x.webp"),
                f"{n}-still-dark-2x.webp",
            )
        if self.kind == "figure" and self.fmt == "svg":  # for the light page and the dark one
            return (f"{self.name}.svg", f"{self.name}-dark.svg")
        if self.kind in ("figure", "thumbnail"):  # a raster also at twice the pixels
            n, f = self.name, self.fmt
            return (f"{n}.{f}", f"{n}-2x.{f}", f"{n}-dark.{f}", f"{n}-dark-2x.{f}")
        return (f"{self.name}.{self.fmt}",)


@dataclass
class BuildReport:
    """What :meth:`Registry.build` did: files made fresh, files reused, and the page values."""

    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    #: every claim of the built entries (all hold: a false one stops the build), name → evidence
    claims: dict[str, str] = field(default_factory=dict)
    #: how many cases each of those claims checked (1: one measurement; more: :meth:`Claim.every`)
    cases: dict[str, int] = field(default_factory=dict)
    #: ``(entry name, language)`` of every entry made fresh
    drawn: list[tuple[str, str]] = field(default_factory=list)


class Registry:
    """An ordered, named collection of :class:`Entry`."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries: dict[str, Entry] = {}
        for e in entries:
            if e.name in self._entries:
                raise ValueError(f"two registry entries are named {e.name!r}")
            self._entries[e.name] = e

    def __iter__(self):
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def names(self) -> tuple[str, ...]:
        """Entry names, in declaration order."""
        return tuple(self._entries)

    def __getitem__(self, name: str) -> Entry:
        if name not in self._entries:
            known = ", ".join(self._entries)
            raise ValueError(f"unknown registry entry {name!r}; known entries: {known}")
        return self._entries[name]

    def key(self, entry: Entry, lang: str) -> str:
        """The cache key of ``entry`` in ``lang`` (hex sha256)."""
        words.check_lang(lang)
        payload = {
            "name": entry.name,
            "kind": entry.kind,
            "fmt": entry.fmt,
            "lang": lang,
            "params": repr(sorted(entry.params.items())),
            "make": f"{entry.make.__module__}.{entry.make.__qualname__}",
            "sources": source_digest(entry.make.__module__),
            "environment": _environment_digest(),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    def build(
        self,
        lang: str,
        out_dir: Path,
        cache_dir: Path,
        *,
        names: Iterable[str] | None = None,
        log: Callable[[str], None] = lambda _: None,
    ) -> BuildReport:
        """Make every entry (or ``names``) for ``lang`` in ``out_dir``, reusing ``cache_dir``.

        A file in ``out_dir`` is rewritten only when its bytes change, so a build that changes
        nothing leaves every modification time alone.
        """
        words.check_lang(lang)
        out_dir, cache_dir = Path(out_dir), Path(cache_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        cache_dir.mkdir(parents=True, exist_ok=True)
        report = BuildReport()
        selected = [self[n] for n in names] if names is not None else list(self)
        for entry in selected:
            slot = cache_dir / f"{entry.name}-{lang}-{self.key(entry, lang)[:20]}"
            state = _slot_state(slot, lang, entry.files)
            if state == "valid":
                report.reused.extend(entry.files)
            else:
                if state != "absent":  # a damaged entry: say which, and why, in one line
                    log(f"cache entry {slot.name} is damaged ({state}); drawing it again")
                log(f"drawing {entry.name} ({lang})")
                _make_into(entry, lang, slot)
                report.built.extend(entry.files)
                report.drawn.append((entry.name, lang))
            for fname in entry.files:
                _copy_if_changed(slot / fname, out_dir / fname)
            if entry.kind in ("values", "claims"):
                found = json.loads((slot / entry.files[0]).read_text("utf-8"))
                known = report.values if entry.kind == "values" else report.claims
                clash = sorted(set(found) & set(known))
                if clash:
                    raise ValueError(
                        f"{entry.name}: {entry.kind} names used by another entry: {clash}"
                    )
                if entry.kind == "values":
                    known.update(found)
                else:
                    stored = {name: read_claim(record) for name, record in found.items()}
                    report.claims.update({name: c.evidence for name, c in stored.items()})
                    report.cases.update({name: c.cases for name, c in stored.items()})
        return report


_WORDS_FILE = "words.json"  # beside the outputs in a cache slot: the words the builder read
_HASHES_FILE = "hashes.json"  # and the sha256 of every file in it, checked before reuse


def _slot_state(slot: Path, lang: str, files: Iterable[str]) -> str:
    """``"valid"`` if ``slot`` holds a finished build, intact, whose words are still the
    catalog's; ``"absent"`` if there is none (or its words changed: it is simply out of date);
    else why it cannot be trusted, naming the file (a damaged or cut-off cache entry)."""
    if not slot.is_dir():
        return "absent"
    try:
        hashes = json.loads((slot / _HASHES_FILE).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        return f"{_HASHES_FILE} unreadable: {_reason(exc)}"
    expected = {*files, _WORDS_FILE}
    if not isinstance(hashes, dict) or set(hashes) != expected:
        return f"{_HASHES_FILE} does not list the entry's files"
    for fname in sorted(expected):
        try:
            data = (slot / fname).read_bytes()
        except OSError as exc:
            return f"{fname} unreadable: {_reason(exc)}"
        if hashlib.sha256(data).hexdigest() != hashes[fname]:
            return f"{fname} does not match its recorded sha256, {len(data):,} bytes"
    try:
        used = json.loads((slot / _WORDS_FILE).read_text("utf-8"))
    except ValueError as exc:  # intact (its hash matched) but not JSON: written wrong
        return f"{_WORDS_FILE} unreadable: {_reason(exc)}"
    current = words.flatten(words.catalog(lang))
    return "valid" if all(current.get(key) == text for key, text in used.items()) else "absent"


def _reason(exc: Exception) -> str:
    """An exception in a few words, on one line."""
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0][:80]


def _make_into(entry: Entry, lang: str, slot: Path) -> None:
    from gdcore.book.animate import encode_webp
    from gdcore.book.style import double_density, figure_style, save, settle
    from gdcore.book.theme import dark_drawing, darken
    from gdcore.book.thumbs import shrink

    tmp = Path(tempfile.mkdtemp(prefix=f".{slot.name}-", dir=slot.parent))
    try:
        with figure_style(), words.recording() as used:
            params = dict(entry.params)
            panel = params.pop(THUMBNAIL_PANEL, 0) if entry.kind == "thumbnail" else None
            result = entry.make(lang, **params)
            _check_result(entry, result)
            if entry.kind == "thumbnail":  # a figure, or an animation's still, drawn small
                fig = shrink(settle(result[1] if isinstance(result, tuple) else result), panel)
                blobs = [save(fig, "webp", scale=k) for k in (1, 2)]
                darken(fig)
                blobs += [save(fig, "webp", scale=k) for k in (1, 2)]
            elif entry.kind == "figure":
                settle(result)
                scales = (1,) if entry.fmt == "svg" else (1, 2)
                blobs = [save(result, entry.fmt, scale=k) for k in scales]
                darken(result)
                blobs += [save(result, entry.fmt, scale=k) for k in scales]
            elif entry.kind == "animation":  # its frames are drawn as it is made: made for
                # each page and density (the still, a figure, is saved at both densities)
                animation, still = result
                settle(still)
                stills = [save(still, "webp", scale=k) for k in (1, 2)]
                blobs = [encode_webp(animation), stills[0]]
                with dark_drawing():
                    animation, still = entry.make(lang, **entry.params)
                darken(settle(still))
                stills += [save(still, "webp", scale=k) for k in (1, 2)]
                blobs += [encode_webp(animation), stills[2]]
                with double_density():
                    blobs += [encode_webp(entry.make(lang, **entry.params)[0], scale=2), stills[1]]
                    with dark_drawing():
                        blobs += [encode_webp(entry.make(lang, **entry.params)[0], scale=2)]
                        blobs += [stills[3]]
            elif entry.kind == "claims":
                blobs = [_json(_checked_claims(entry.name, result))]
            elif entry.kind == "notebook":
                blobs = [_notebook_json(entry.name, result)]
            else:
                if not all(isinstance(k, str) and isinstance(v, str) for k, v in result.items()):
                    raise TypeError(f"{entry.name}: values must map str to str")
                blobs = [_json(result)]
        contents = dict(zip(entry.files, blobs, strict=True))
        contents[_WORDS_FILE] = json.dumps(used, ensure_ascii=False, sort_keys=True).encode()
        for fname, blob in contents.items():
            (tmp / fname).write_bytes(blob)
        hashes = {fname: hashlib.sha256(blob).hexdigest() for fname, blob in contents.items()}
        (tmp / _HASHES_FILE).write_text(json.dumps(hashes, sort_keys=True, indent=0), "utf-8")
        _check_sources_unchanged(entry)
        if slot.exists():  # made with words that have changed since
            shutil.rmtree(slot)
        os.replace(tmp, slot)  # the cache entry appears whole, or not at all
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def edited_since_loaded(module: str) -> list[str]:
    """The gdcore sources ``module``'s cache keys cover (:func:`source_modules`) that were edited
    after this process loaded the code: what was computed with them may not be what they say."""
    return sorted(
        str(path.relative_to(_PACKAGE_DIR.parent))
        for m in source_modules(module)
        if (path := _module_file(m)) is not None and path.stat().st_mtime_ns > _LOADED_NS
    )


def _check_sources_unchanged(entry: Entry) -> None:
    """Refuse to cache what ``entry`` drew if a source its key covers was edited after this
    process loaded the code: the output would be stored under the edited file's key but drawn by
    the code loaded before, and reused by the next build as if it were the edited file's."""
    edited = edited_since_loaded(entry.make.__module__)
    if edited:
        raise RuntimeError(
            f"{entry.name}: {', '.join(edited)} changed while the build was running, so what was "
            "drawn may not be what the file says now; nothing was cached: run the build again"
        )


def _check_result(entry: Entry, result: object) -> None:
    """A builder returned what its kind promises, or a one-line error names the entry."""
    from matplotlib.figure import Figure

    from gdcore.book.animate import Animation

    expected = {
        "figure": (Figure, "a matplotlib Figure"),
        "animation": (tuple, "(Animation, still Figure)"),
        "thumbnail": ((Figure, tuple), "a matplotlib Figure or (Animation, still Figure)"),
        "values": (dict, "a dict of page values"),
        "claims": (dict, "a dict of Claim"),
        "notebook": ((list, tuple), "a sequence of Code"),
    }[entry.kind]
    ok = isinstance(result, expected[0])
    got = type(result).__name__
    if entry.kind == "notebook" and ok:
        wrong = [type(c).__name__ for c in result if not isinstance(c, Code)]
        ok, got = not wrong, f"{got} holding {wrong[0]}" if wrong else got
    if entry.kind in ("animation", "thumbnail") and ok and isinstance(result, tuple):
        ok = len(result) == 2 and isinstance(result[0], Animation) and isinstance(result[1], Figure)
    if not ok:
        raise TypeError(
            f"{entry.name}: its {entry.kind} builder {entry.make.__qualname__} returned "
            f"{got}, not {expected[1]}"
        )


def _json(data: Mapping[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode()


def _notebook_json(name: str, cells: object) -> bytes:
    """The code cells of a notebook entry as JSON (``exact`` as Python's shortest repr)."""
    data = [
        {
            "source": c.source.strip("\n"),
            "at": c.at,
            "checks": [[k.value, k.index, repr(k.exact)] for k in c.checks],
        }
        for c in cells
    ]
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def _checked_claims(name: str, claims: object) -> dict[str, dict[str, Any]]:
    """``{claim name: {"evidence": …, "cases": …}}`` (as :func:`read_claim` reads it back); raise
    :class:`ClaimError` naming every claim that is false."""
    if not isinstance(claims, dict) or not all(
        isinstance(k, str) and isinstance(v, Claim) for k, v in claims.items()
    ):
        raise TypeError(f"{name}: claims must map str to Claim")
    false = [f"{k} ({c.evidence})" for k, c in claims.items() if not c.holds]
    if false:
        raise ClaimError(f"{name}: the pages claim what the numbers deny: {'; '.join(false)}")
    return {k: {"evidence": c.evidence, "cases": c.cases} for k, c in claims.items()}


def read_claim(record: object) -> Claim:
    """A claim as a claims entry's JSON stores it (``{"evidence": …, "cases": …}``; it holds, or
    the build would have stopped), e.g. one of ``_generated/<entry>.json``."""
    if not (isinstance(record, dict) and set(record) == {"evidence", "cases"}):
        raise ValueError(f"a stored claim is {{'evidence': str, 'cases': int}}; got {record!r}")
    return Claim(True, record["evidence"], record["cases"])


def _copy_if_changed(src: Path, dst: Path) -> None:
    data = src.read_bytes()
    if dst.is_file() and dst.read_bytes() == data:
        return
    tmp = dst.with_name(f".{dst.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, dst)


_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # gdcore/


@cache
def _module_file(module: str) -> Path | None:
    """The source file of a gdcore module, or None (not gdcore, or not a module)."""
    parts = module.split(".")
    if parts[0] != "gdcore":
        return None
    base = _PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if len(parts) > 1 and candidate.is_file():
            return candidate
    return _PACKAGE_DIR / "__init__.py" if len(parts) == 1 else None


@cache
def _gdcore_imports(module: str) -> frozenset[str]:
    """The gdcore modules ``module`` imports (from its source, without importing it)."""
    path = _module_file(module)
    if path is None:
        return frozenset()
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("gdcore"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gdcore"):
            found.add(node.module)
            for a in node.names:  # ``from gdcore import plots`` names a module
                if _module_file(f"{node.module}.{a.name}") is not None:
                    found.add(f"{node.module}.{a.name}")
    return frozenset(found)


@cache
def source_modules(module: str) -> frozenset[str]:
    """``module`` and every gdcore module it reaches through imports (read from the source).

    A package's ``__init__`` counts only where it is imported itself (``from gdcore import
    descend``), so the page modules under :mod:`gdcore.book.pages` do not reach one another.
    Every page module reaches this module (its entries are :class:`Entry`), and through it the
    style and the encoders that turn every figure into bytes.
    """
    seen: set[str] = set()
    todo = [module, "gdcore"]  # importing any gdcore module runs gdcore/__init__.py
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(_gdcore_imports(m))
    return frozenset(m for m in seen if _module_file(m) is not None)


@cache
def source_digest(module: str) -> str:
    """sha256 over the source of :func:`source_modules` of ``module``."""
    h = hashlib.sha256()
    for m in sorted(source_modules(module)):
        h.update(m.encode() + b"\0" + _module_file(m).read_bytes() + b"\0")
    return h.hexdigest()


@cache
def _environment_digest() -> str:
    from importlib.metadata import version

    from gdcore.book.style import register_fonts

    libraries = ("numpy", "sympy", "matplotlib", "pillow", "imageio")
    parts = [f"{p}=={version(p)}" for p in libraries]
    parts.append(hashlib.sha256(register_fonts().read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
