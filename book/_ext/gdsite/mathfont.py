"""A math font served with the site, so formulas do not depend on the reader's fonts.

MathML stretches brackets, fraction bars' fences and roots only with a font that has an OpenType
MATH table; measured in Chromium without one, the ∇f column vector's brackets stay one line tall.
Few systems have such a font (and Chromium's generic ``math`` family does not find one on Linux).
At the end of an HTML build this module reads every page's ``<math>`` elements for the glyphs a
browser draws for them (:func:`math_characters`: the characters of their token elements, a
one-letter ``<mi>``'s italic form, the radical sign of ``<msqrt>`` and ``<mroot>``) and writes
``_static/gd-math.woff2``: DejaVu Math TeX Gyre (which matches the DejaVu Sans of the figures)
cut down to those characters, with their MATH table (the stretched variants and assemblies of
every bracket, bar and radical) and their script-size forms (the ``ssty`` feature, also under
the default script so that a browser applies it to a prime: :func:`subset_font`), renamed "GD
Math" as its licence asks of a modified font (``fonts/``). A page loads it only when it shows a
formula, and then asks for it in its head (``<link rel="preload">``): found only once the page's
first formula is laid out, it arrived after the first paint and moved the text as it swapped in
(Lighthouse measured a layout shift of 0.19 on the Korean hessian page). The subset depends
only on the pages' formulas and the font file, so a clean and an incremental build write the
same bytes.

A formula character the font does not have stops the build (words in ``<mtext>``, e.g. Hangul,
are the text's face's to draw).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

FONT = Path(__file__).parent / "fonts" / "DejaVuMathTeXGyre.ttf"
#: The served file, in the HTML output's ``_static`` (the stylesheet's ``@font-face`` names it).
SERVED = "gd-math.woff2"
FAMILY = "GD Math"
#: The radical sign a browser draws (stretched) for ``<msqrt>`` and ``<mroot>``.
RADICAL = "\u221a"
_MATH = re.compile(r"<math\b.*?</math>", re.S)
_TOKEN = re.compile(r"<(mi|mn|mo|ms|mtext)\b([^>]*)>(.*?)</\1\s*>", re.S)
_ROOT = re.compile(r"<(msqrt|mroot)\b")
_TAG = re.compile(r"<[^>]*>")
_NORMAL = re.compile(r"""\bmathvariant\s*=\s*["']normal["']""")

#: MathML Core's italic mapping (``text-transform: math-auto``, applied to an ``<mi>`` of one
#: character): the letters that are not in the contiguous ranges of :func:`italic`.
_ITALIC_SPECIAL = {
    0x0068: 0x210E,  # h: PLANCK CONSTANT (the italic h's place in the block is reserved)
    0x0131: 0x1D6A4,  # dotless i
    0x0237: 0x1D6A5,  # dotless j
    0x03F4: 0x1D6F3,  # capital theta symbol
    0x2207: 0x1D6FB,  # nabla
    0x2202: 0x1D715,  # partial differential
    0x03F5: 0x1D716,  # lunate epsilon symbol
    0x03D1: 0x1D717,  # theta symbol
    0x03F0: 0x1D718,  # kappa symbol
    0x03D5: 0x1D719,  # phi symbol
    0x03F1: 0x1D71A,  # rho symbol
    0x03D6: 0x1D71B,  # pi symbol
}
#: (first, last, italic of first): A–Z, a–z, Α–Ρ, Σ–Ω, α–ω.
_ITALIC_RANGES = (
    (0x41, 0x5A, 0x1D434),
    (0x61, 0x7A, 0x1D44E),
    (0x391, 0x3A1, 0x1D6E2),
    (0x3A3, 0x3A9, 0x1D6F4),
    (0x3B1, 0x3C9, 0x1D6FC),
)


def italic(char: str) -> str:
    """The character a browser draws for ``<mi>char</mi>``: its mathematical italic form (MathML
    Core's ``math-auto``: 𝑓 for f, 𝛼 for α, ℎ for h), or ``char`` itself when it has none."""
    if len(char) != 1:
        raise ValueError(f"italic: char must be one character, not {char!r}")
    code = ord(char)
    if code in _ITALIC_SPECIAL:
        return chr(_ITALIC_SPECIAL[code])
    for first, last, target in _ITALIC_RANGES:
        if first <= code <= last:
            return chr(target + code - first)
    return char


def drawn_characters(pages: Iterable[str]) -> dict[str, frozenset[str]]:
    """Every character a browser draws for the ``<math>`` elements of ``pages`` (HTML text),
    each with the elements it is drawn in (``mi``, ``mo``, …; ``msqrt``/``mroot`` for the
    radical sign; ``math`` for text outside any token element)."""
    where: dict[str, set[str]] = {}

    def add(chars: str, element: str) -> None:
        for c in chars:
            if not c.isspace():
                where.setdefault(c, set()).add(element)

    for page in pages:
        for element in _MATH.findall(page):
            for name, attributes, content in _TOKEN.findall(element):
                text = html.unescape(_TAG.sub("", content)).strip()
                if name == "mi" and len(text) == 1 and not _NORMAL.search(attributes):
                    text = italic(text)
                add(text, name)
            for name in _ROOT.findall(element):
                add(RADICAL, name)
            add(html.unescape(_TAG.sub("", _TOKEN.sub("", element))), "math")
    return {c: frozenset(elements) for c, elements in where.items()}


def math_characters(pages: Iterable[str]) -> frozenset[str]:
    """The characters a browser draws for the ``<math>`` elements of ``pages`` (HTML text)."""
    return frozenset(drawn_characters(pages))


def subset_font(chars: Iterable[str], font: Path = FONT) -> bytes:
    """``font`` cut down to ``chars`` (with their MATH variants and script-size forms) as WOFF2
    bytes, renamed; its ``ssty`` feature also under the default script (:func:`_default_script`)."""
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
        _default_script(tt)
        for name_id, text in ((1, FAMILY), (2, "Regular"), (4, FAMILY), (6, "GDMath-Regular")):
            tt["name"].setName(text, name_id, 3, 1, 0x409)
        tt.flavor = "woff2"
        buf = io.BytesIO()
        tt.save(buf, reorderTables=True)
    return buf.getvalue()


def _default_script(tt: object) -> None:
    """Give the font's substitutions (GSUB) a default script ``DFLT`` with the features of its
    ``math`` script. DejaVu Math TeX Gyre lists them under ``math`` only, which a browser's
    shaper never selects for text (it picks the text's script, then ``DFLT``); so a stylesheet's
    ``font-feature-settings: "ssty"`` did nothing, and a prime in a superscript (f′) was drawn
    with its text form, which the font already raises, raised a second time by the superscript."""
    import copy

    from fontTools.ttLib.tables import otTables

    scripts = tt["GSUB"].table.ScriptList
    tags = [r.ScriptTag for r in scripts.ScriptRecord]
    if "DFLT" in tags or "math" not in tags:
        return
    record = otTables.ScriptRecord()
    record.ScriptTag = "DFLT"
    record.Script = copy.deepcopy(scripts.ScriptRecord[tags.index("math")].Script)
    scripts.ScriptRecord = sorted([*scripts.ScriptRecord, record], key=lambda r: r.ScriptTag)
    scripts.ScriptCount = len(scripts.ScriptRecord)


def missing_characters(
    drawn: dict[str, frozenset[str]], font: Path = FONT
) -> dict[str, frozenset[str]]:
    """The characters of ``drawn`` (from :func:`drawn_characters`) that ``font`` lacks, outside
    ``<mtext>`` (words in a formula are the text's face's to draw, in any script)."""
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True) as tt:
        cmap = tt.getBestCmap()
    return {
        c: elements for c, elements in drawn.items() if ord(c) not in cmap and elements != {"mtext"}
    }


def write_font(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build: the subset for every page's formulas, written if it changed. A
    formula character the font does not have stops the build (the reader's browser would draw
    it in some other font, or not at all)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    drawn = drawn_characters(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html")))
    missing = missing_characters(drawn)
    if missing:
        listed = ", ".join(
            f"{c} (U+{ord(c):04X}, in <{'>, <'.join(sorted(e))}>)"
            for c, e in sorted(missing.items())
        )
        raise ExtensionError(f"formulas use characters the math font ({FONT.name}) lacks: {listed}")
    data = subset_font(drawn)
    target = out / "_static" / SERVED
    if not target.is_file() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def preload(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """A page that shows a formula asks for the font in its head, before its text is laid out."""
    if "<math" not in context.get("body", ""):
        return
    href = context["pathto"](f"_static/{SERVED}", 1)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin="anonymous">'
    )


def setup(app: Sphinx) -> None:
    """Write the font at the end of every HTML build; preload it on the pages that use it."""
    app.connect("build-finished", write_font)
    app.connect("html-page-context", preload)
