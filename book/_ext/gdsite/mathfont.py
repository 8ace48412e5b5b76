"""A math font served with the site, so formulas do not depend on the reader's fonts.

MathML stretches brackets, fraction bars' fences and roots only with a font that has an OpenType
MATH table; measured in Chromium without one, the ∇f column vector's brackets stay one line tall.
Few systems have such a font (and Chromium's generic ``math`` family does not find one on Linux).
At the end of an HTML build this module scans every page's ``<math>`` elements for the characters
they use and writes ``_static/gd-math.woff2``: DejaVu Math TeX Gyre (which matches the DejaVu Sans
of the figures) cut down to those characters, with their MATH table (the stretched variants and
assemblies), renamed "GD Math" as its licence asks of a modified font (``fonts/``). A page loads
it only when it shows a formula. The subset depends only on the pages' formulas and the font file,
so a clean and an incremental build write the same bytes.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx

FONT = Path(__file__).parent / "fonts" / "DejaVuMathTeXGyre.ttf"
#: The served file, in the HTML output's ``_static`` (the stylesheet's ``@font-face`` names it).
SERVED = "gd-math.woff2"
FAMILY = "GD Math"
_MATH = re.compile(r"<math\b.*?</math>", re.S)
_TAG = re.compile(r"<[^>]*>")
#: Characters the browser draws for an element although its text does not hold them: a root
#: sign for ``<msqrt>`` and ``<mroot>``.
_DRAWN = {"msqrt": "\u221a", "mroot": "\u221a"}
_ELEMENT = re.compile(r"<(" + "|".join(_DRAWN) + r")\b")


def math_characters(pages: Iterable[str]) -> frozenset[str]:
    """The characters inside the ``<math>`` elements of ``pages`` (HTML text), with those the
    browser draws for an element (√ for a square root), which the text does not hold."""
    chars: set[str] = set()
    for page in pages:
        for element in _MATH.findall(page):
            chars.update(html.unescape(_TAG.sub("", element)))
            chars.update(_DRAWN[name] for name in _ELEMENT.findall(element))
    return frozenset(c for c in chars if not c.isspace())


def subset_font(chars: Iterable[str], font: Path = FONT) -> bytes:
    """``font`` cut down to ``chars`` (with their MATH variants) as WOFF2 bytes, renamed."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # the math features (ssty: script-size glyphs)
    options.hinting = False
    options.name_IDs = [0, 13, 14]  # copyright and licence; the names are set below
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]  # FontForge's timestamps
    with TTFont(font, recalcTimestamp=False) as tt:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(c) for c in chars} | {0x20}))
        subsetter.subset(tt)
        for name_id, text in ((1, FAMILY), (2, "Regular"), (4, FAMILY), (6, "GDMath-Regular")):
            tt["name"].setName(text, name_id, 3, 1, 0x409)
        tt.flavor = "woff2"
        buf = io.BytesIO()
        tt.save(buf, reorderTables=True)
    return buf.getvalue()


def write_font(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build: the subset for every page's formulas, written if it changed."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    pages = (p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html")))
    data = subset_font(math_characters(pages))
    target = out / "_static" / SERVED
    if not target.is_file() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def setup(app: Sphinx) -> None:
    """Write the font at the end of every HTML build."""
    app.connect("build-finished", write_font)
