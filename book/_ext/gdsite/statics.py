"""Static files reach the site in every build that changes them.

Sphinx copies ``html_static_path`` only when it writes a page, and an incremental build that finds
no page out of date writes none: an edited stylesheet alone would never be published. And every
page links its stylesheets and scripts with a checksum of their bytes (``gd2d.css?v=…``): a page
not written again would keep the old checksum, so it would differ from a clean build's and a
reader's browser could keep the old file. This module keeps a digest of the static files in the
environment and, when it changes, marks every document out of date.

Translations are read once, before any page: an edited catalog (``locale_dirs``, e.g. the theme's
strings in Korean) changes every page, but Sphinx would rewrite none. Its digest is kept the same
way and, when it changes, every document is out of date.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def static_digest(app: Sphinx) -> str:
    """sha256 over the path and bytes of every file in ``html_static_path``."""
    h = hashlib.sha256()
    for folder in app.config.html_static_path:
        root = Path(app.confdir, folder)
        for f in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if f.is_file():
                h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def write_script(app: Sphinx, name: str, text: str) -> None:
    """Write a generated script into the HTML output's ``_static/`` (before pages are written,
    so they get its checksum); left untouched when its text is the same."""
    out = Path(app.outdir, "_static", name)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.is_file() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")


def shared_script() -> str:
    """What the playground's and the live figures' scripts share, written once into each:
    ``shared.js`` (the one-start loop, a run's regime as :mod:`gdcore.outcome` defines it, its
    sentence, the epochs box's parser) and gdcore's noise generator
    (:func:`gdcore.noise.javascript`), then ``GD_SHARED`` made with
    :func:`gdcore.outcome.constants` and the rules (:func:`gdcore.rule.javascript`); the book's
    palette as ``GD_LOOK`` (:func:`gdcore.book.palette.js`), then ``canvas.js`` (colours for the
    reader's theme, type, crisp canvases, axes and colour bars) and ``GD_CANVAS`` over it."""
    from gdcore import noise, rule
    from gdcore.book import palette
    from gdcore.outcome import constants

    here = Path(__file__).parent
    js = (here / "shared.js").read_text(encoding="utf-8")
    canvas = (here / "canvas.js").read_text(encoding="utf-8")
    return (
        js
        + noise.javascript()
        + "\n"
        + f"var GD_SHARED = gdShared({json.dumps(constants())}, {rule.javascript()}, gdNoise());\n"
        + palette.js()
        + canvas
        + "var GD_CANVAS = gdCanvas(GD_LOOK);\n"
    )


def script_words(section: str, lang: str) -> dict:
    """The words a script reads from its element's ``data-text``: the ``script`` table of
    ``section`` and the ``outcome`` words (a run's regime), in ``lang``."""
    from gdcore.book.words import section as words

    return {**words(section, lang)["script"], "outcome": words("outcome", lang)}


def catalog_digest(app: Sphinx) -> str:
    """sha256 over the path and bytes of the language's message catalogs (``.po``) in
    ``locale_dirs`` (the ``.mo`` files are compiled from them)."""
    h = hashlib.sha256()
    for folder in app.config.locale_dirs:
        root = Path(app.srcdir, folder, app.config.language or "en")
        for f in sorted(root.rglob("*.po")) if root.is_dir() else []:
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Every document when the catalogs or the static files differ from the last build's."""
    digests = (catalog_digest(app), static_digest(app))
    last = (getattr(env, "gd_catalog_digest", None), getattr(env, "gd_static_digest", None))
    env.gd_catalog_digest, env.gd_static_digest = digests
    return sorted(env.found_docs) if digests != last else []


def setup(app: Sphinx) -> None:
    """Compare the static files at every build."""
    app.connect("env-get-outdated", outdated)
