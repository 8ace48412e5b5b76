"""What a math font holds for one character, read with fontTools: used by the math font's tests
(tests/test_gdsite_mathfont.py, and tests/test_site.py on the built site's served font).

A font and its subset name glyphs differently (a WOFF2 subset keeps no glyph names), so glyphs are
compared by what they draw: their advance and outline.
"""

from __future__ import annotations

import unicodedata
from typing import Any


def glyph(tt: Any, name: str) -> tuple[int, tuple[tuple[float, float], ...]]:
    """The glyph ``name`` of ``tt`` as its advance width and outline points."""
    glyf = tt["glyf"]
    coordinates, _, _ = glyf[name].getCoordinates(glyf)
    return tt["hmtx"][name][0], tuple(tuple(p) for p in coordinates)


def constructions(tt: Any, char: str) -> dict[str, Any]:
    """``char``'s vertical and horizontal constructions in ``tt``'s MATH table (``None`` where it
    has none): its variants (glyph and advance), and the parts a browser assembles a larger one
    from (glyph, connectors, advance, extender flag)."""
    name = tt.getBestCmap()[ord(char)]
    variants = tt["MATH"].table.MathVariants
    result: dict[str, Any] = {}
    for direction, coverage, built in (
        ("vertical", variants.VertGlyphCoverage, variants.VertGlyphConstruction),
        ("horizontal", variants.HorizGlyphCoverage, variants.HorizGlyphConstruction),
    ):
        result[direction] = None
        if coverage is None or name not in coverage.glyphs:
            continue
        construction = built[coverage.glyphs.index(name)]
        assembly = construction.GlyphAssembly
        result[direction] = {
            "variants": [
                (glyph(tt, r.VariantGlyph), r.AdvanceMeasurement)
                for r in construction.MathGlyphVariantRecord
            ],
            "assembly": None
            if assembly is None
            else [
                (
                    glyph(tt, p.glyph),
                    p.StartConnectorLength,
                    p.EndConnectorLength,
                    p.FullAdvance,
                    p.PartFlags,
                )
                for p in assembly.PartRecords
            ],
        }
    return result


def ssty_form(tt: Any, char: str) -> tuple[str, str | None]:
    """``char``'s glyph in ``tt`` and its first script-size form (the ``ssty`` feature) under the
    default script ``DFLT``, the one a browser's shaper falls back to; ``None`` if there is none."""
    name = tt.getBestCmap()[ord(char)]
    gsub = tt["GSUB"].table
    scripts = {r.ScriptTag: r.Script for r in gsub.ScriptList.ScriptRecord}
    if "DFLT" not in scripts:
        return name, None
    features = gsub.FeatureList.FeatureRecord
    for index in scripts["DFLT"].DefaultLangSys.FeatureIndex:
        if features[index].FeatureTag != "ssty":
            continue
        for lookup in features[index].Feature.LookupListIndex:
            for table in gsub.LookupList.Lookup[lookup].SubTable:
                alternates = getattr(table, "alternates", {}) or {}
                if name in alternates:
                    return name, alternates[name][0]
    return name, None


def italic_by_name(char: str) -> str:
    """``char``'s mathematical italic form found by its Unicode name (LATIN SMALL LETTER F →
    MATHEMATICAL ITALIC SMALL F; h → PLANCK CONSTANT, the italic h's place), or ``char`` when
    Unicode has none: what MathML Core's ``math-auto`` draws for a one-letter ``<mi>``."""
    if char == "h":
        return "\u210e"
    name = unicodedata.name(char, "")
    for word in ("LATIN ", "GREEK ", "LETTER ", "LUNATE "):
        name = name.replace(word, "")
    try:
        return unicodedata.lookup("MATHEMATICAL ITALIC " + name)
    except KeyError:
        return char


TOKENS = ("mi", "mn", "mo", "ms", "mtext")


def drawn(math: Any) -> list[tuple[str, str]]:
    """What a browser draws for one ``<math>`` element (parsed with BeautifulSoup), as
    (character, element) pairs: each token element's characters, a one-letter ``<mi>`` without
    ``mathvariant="normal"`` in its italic form, and the radical sign (√) of each root."""
    pairs = []
    for element in math.find_all(True):
        if element.name in TOKENS:
            text = element.get_text().strip()
            if element.name == "mi" and len(text) == 1 and element.get("mathvariant") != "normal":
                text = italic_by_name(text)
            pairs += [(c, element.name) for c in text if not c.isspace()]
        elif element.name in ("msqrt", "mroot"):
            pairs.append(("\u221a", element.name))
    return pairs
