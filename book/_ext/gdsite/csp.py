"""The pages' Content-Security-Policy: a ``<meta http-equiv>`` right after ``<meta charset>``.

GitHub Pages cannot send headers, so the policy travels in each page, as early in ``<head>`` as
it can be (a policy from a ``<meta>`` governs only what the parser meets after it; the charset
declaration stays first, within the first 1024 bytes as HTML requires). It allows the site's own
files and nothing else: scripts from the site (``'self'``) plus the SHA-256 hash of each inline
script the page carries (furo's theme script, which must run before the first paint; the
templates' switcher and figure-theme scripts), and no ``eval``; styles from the site plus the
hash of each inline ``<style>`` block (furo's code colours), and no ``style=""`` attribute at
all; Web Workers from the site's own script file (the live basin map); no plug-ins; no ``<base>``
elsewhere; forms (the search box) sent to the site only.

The hashes are computed after the build from the bytes written (:func:`with_policy` reads the
page back as a browser parses it), never typed, so a change to a template or to furo changes the
policy with it. What no hash can allow (an inline event handler, a ``javascript:`` address, a
``style`` attribute) stops the build, naming the page. The landing page, written by
``scripts/build_site.py``, goes through the same :func:`with_policy`.

Sphinx's ``translations.js`` (the search page's words, Korean only) calls doctools.js's
``addTranslations``, which builds its plural rule with ``new Function``: the policy forbids that,
so the file is served as plain assignments instead (:func:`safe_translations`).

This file imports nothing from Sphinx at module level: ``scripts/build_site.py`` loads it alone.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

#: The policy, directive by directive; :func:`policy` adds each page's inline hashes.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    # furo's stylesheet draws its icons (the search box's magnifier, the admonitions' signs) as
    # data: SVG images (mask-image: url(data:...)); nothing else uses data: addresses
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),  # the live basin map's workers run its own script file
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
#: The element that carries the policy (its content filled in by :func:`policy`).
META = '<meta http-equiv="Content-Security-Policy" content="{}">'
#: A meta element carrying a policy, as :func:`with_policy` writes it (so it can be replaced).
_OURS = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
#: What every page must begin its head with: the policy goes right after it.
_CHARSET = re.compile(r"<head>\s*<meta charset=\"utf-8\"\s*/?>", re.IGNORECASE)
#: ``type`` values of a ``<script>`` that the browser runs (others are data blocks).
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
#: Attributes that hold an address (a ``javascript:`` one would run a script).
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}


class PolicyError(Exception):
    """A page holds something the policy would block and no hash can allow."""


_CONTROLS_AND_SPACE = "".join(map(chr, range(0x21)))


def _scheme(url: str | None) -> str:
    """An address's scheme as a browser reads it (tabs and line breaks inside dropped, controls
    and spaces around it too), lower case; "" for a relative address."""
    cleaned = re.sub(r"[\t\n\r]", "", url or "").strip(_CONTROLS_AND_SPACE)
    found = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return found.group(1).lower() if found else ""


class _Inline(HTMLParser):
    """The inline scripts and style blocks of a page, and what no hash can allow."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.blocked: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.blocked.append(f"<{tag} {name}=...> (an inline event handler)")
            elif name == "style":
                self.blocked.append(f'<{tag} style="{value}"> (a style attribute: use a class)')
            elif name in _URL_ATTRIBUTES and _scheme(value) == "javascript":
                self.blocked.append(f"<{tag} {name}={value!r}> (a javascript: address)")
        if tag == "script" and "src" not in named:
            if (named.get("type") or "").strip().lower() in _SCRIPT_TYPES:
                self.scripts.append("")
                self._open = self.scripts
            else:  # a data block (JSON, ...): never run, nothing to allow
                self._open = None
        elif tag == "style":
            self.styles.append("")
            self._open = self.styles

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._open = None


def source_hash(text: str) -> str:
    """The CSP source expression allowing the inline script or style ``text``, as the browser
    hashes it: the element's text in UTF-8, line ends normalised as the parser does."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return f"'sha256-{base64.b64encode(hashlib.sha256(data).digest()).decode('ascii')}'"


def inline_blocks(page: str, where: str = "page") -> tuple[list[str], list[str]]:
    """The texts of the inline scripts the browser runs and of the ``<style>`` blocks of
    ``page``, in document order. Raises :class:`PolicyError`, naming ``where`` and the element,
    for an inline event handler, a ``javascript:`` address or a ``style`` attribute."""
    parser = _Inline()
    parser.feed(page)
    parser.close()
    if parser.blocked:
        blocked = list(dict.fromkeys(parser.blocked))
        more = f"; and {len(blocked) - 5} more" if len(blocked) > 5 else ""
        raise PolicyError(
            f"{where}: the Content-Security-Policy would block " + "; ".join(blocked[:5]) + more
        )
    return parser.scripts, parser.styles


def policy(scripts: list[str], styles: list[str]) -> str:
    """The policy text for a page with these inline scripts and style blocks (each hash once,
    in order of first appearance)."""
    extra = {
        "script-src": list(dict.fromkeys(source_hash(s) for s in scripts)),
        "style-src": list(dict.fromkeys(source_hash(s) for s in styles)),
    }
    return "; ".join(" ".join([name, value, *extra.get(name, [])]) for name, value in DIRECTIVES)


def with_policy(page: str, where: str = "page") -> str:
    """``page`` with its policy right after ``<head><meta charset="utf-8">`` (a policy written
    before, by an earlier build, is replaced). Raises :class:`PolicyError` naming ``where`` if
    the page does not begin its head that way or holds what no policy can allow."""
    page = _OURS.sub("", page, count=1)
    head = _CHARSET.search(page)
    if head is None:
        raise PolicyError(f'{where}: no <head> beginning with <meta charset="utf-8">')
    text = policy(*inline_blocks(page, where))
    return page[: head.end()] + META.format(text) + page[head.end() :]


def page_policy(page: str) -> str | None:
    """The policy a page carries (the content of its first CSP meta element), or None."""
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    return found.group(1) if found else None


_TRANSLATIONS = re.compile(r"\A\s*Documentation\.addTranslations\((.*)\);?\s*\Z", re.DOTALL)
#: A plural rule as gettext writes one (n, numbers, comparisons, arithmetic, ?:, parentheses).
_PLURAL = re.compile(r"\A[n0-9\s()%<>=!&|?:+\-*/]+\Z")


def safe_translations(text: str, where: str = "translations.js") -> str:
    """Sphinx's ``translations.js`` (``Documentation.addTranslations({...})``) rewritten as plain
    assignments, so that no ``new Function`` runs: the plural rule (from the catalog Sphinx
    ships) becomes the body of a written function. A file of another shape, or a rule that is
    not one, raises :class:`PolicyError` naming ``where``."""
    found = _TRANSLATIONS.match(text)
    if found is None:
        raise PolicyError(f"{where}: not a call of Documentation.addTranslations")
    try:
        catalog = json.loads(found.group(1))
        messages, plural, locale = catalog["messages"], catalog["plural_expr"], catalog["locale"]
    except (ValueError, KeyError, TypeError) as exc:
        raise PolicyError(f"{where}: unreadable catalog ({exc})") from None
    if not isinstance(plural, str) or not _PLURAL.match(plural):
        raise PolicyError(f"{where}: the plural rule {plural!r} is not a gettext expression")
    return (
        "// Sphinx's translations for the search page, as assignments: doctools.js's\n"
        "// addTranslations builds the plural rule with new Function, which the pages'\n"
        "// Content-Security-Policy forbids (gdsite.csp).\n"
        f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(messages, sort_keys=True)});\n"
        f"Documentation.PLURAL_EXPR = function (n) {{ return ({plural}); }};\n"
        f"Documentation.LOCALE = {json.dumps(locale)};\n"
    )


def _pages(out: Path) -> list[Path]:
    """The HTML pages of an output folder (not the files under ``_static``, ``_images``...)."""
    return [
        p
        for p in sorted(out.rglob("*.html"))
        if not any(part.startswith("_") for part in p.relative_to(out).parts[:-1])
    ]


def add_policies(app: Any, exception: Exception | None) -> None:
    """After an HTML build: every page gets its policy (written only where it changed)."""
    if exception is not None or app.builder.format != "html" or not app.config.gd_csp:
        return
    from sphinx.errors import ExtensionError

    out = Path(app.outdir)
    for path in _pages(out):
        page = path.read_text(encoding="utf-8")
        try:
            done = with_policy(page, path.relative_to(out).as_posix())
        except PolicyError as exc:
            raise ExtensionError(str(exc)) from None
        if done != page:
            path.write_text(done, encoding="utf-8")


def serve_safe_translations(app: Any) -> None:
    """Let the HTML builder copy :func:`safe_translations` of its translations file instead."""
    builder = app.builder
    if builder.format != "html" or not app.config.gd_csp:
        return
    from sphinx.errors import ExtensionError

    if not hasattr(builder, "_get_translations_js"):  # written for Sphinx 7.4's HTML builder
        raise ExtensionError(
            "gdsite.csp: this Sphinx's HTML builder finds translations.js some other way; "
            "make sure it calls no new Function (the policy forbids it) and adapt gdsite.csp"
        )
    original = builder._get_translations_js()
    if not original:
        return  # English: no translations file

    try:
        text = safe_translations(Path(original).read_text(encoding="utf-8"), original)
    except PolicyError as exc:
        raise ExtensionError(str(exc)) from None
    safe = Path(app.doctreedir) / "gdsite-csp" / "translations.js"
    if not safe.is_file() or safe.read_text(encoding="utf-8") != text:
        safe.parent.mkdir(parents=True, exist_ok=True)
        safe.write_text(text, encoding="utf-8")
    builder._get_translations_js = lambda: str(safe)


def setup(app: Any) -> None:
    """Give every HTML page its policy once the build (and every other part) has written it.

    ``gd_csp = False`` leaves the pages as they are (the tiny test projects of the other parts,
    on Sphinx's basic theme, whose index and search pages use ``style`` attributes)."""
    app.add_config_value("gd_csp", True, "html", types=[bool])
    app.connect("builder-inited", serve_safe_translations)
    app.connect("build-finished", add_policies, priority=900)
