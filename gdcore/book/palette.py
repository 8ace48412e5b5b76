"""The book's one look: colours, type sizes and axis style, written once.

The matplotlib figures read it here (:mod:`~gdcore.book.style`, :mod:`~gdcore.book.plots`,
:mod:`~gdcore.book.peaks`, :mod:`~gdcore.book.theme` and the page modules); the canvas scripts (the
playground and the live figures) get the same data as ``GD_LOOK``, written by :func:`js` into their
generated scripts. ``tests/test_palette.py`` holds the two to the same values, and
``tests/test_contrast.py`` every figure's text and marks to WCAG contrast with what lies under them,
on both pages. Being a module, it is part of the cache key of every figure that uses it.

**Colours** are Okabe & Ito's colour-blind-safe set (*Color Universal Design*, 2008): orange
``#e69f00``, sky blue ``#56b4e9``, bluish green ``#009e73``, yellow ``#f0e442``, blue ``#0072b2``,
vermillion ``#d55e00``, reddish purple ``#cc79a7``, with black and white. Each role below has one
colour (and, for a mark, one marker) on every page, static and live: blue is a run's start and
nothing else (sky blue its variant on a map or the dark page); vermillion a run's path; yellow its
end; a critical point is drawn white on a map (in the page's ink's outline), told apart by its
shape: ▽ a minimum (larger for the global one), ▲ a maximum, X a saddle (orange); a limit (a
stability limit, η*) is a line in the page's ink, labelled where it stands. Runs or curves compared
with no role of their own (a sweep of learning rates) are greys told apart by dash
(:data:`SERIES`), so that a hue means its role on every page. Seven hues cannot give
every role a colour of its own, so a colour serves two roles only where the two never meet in one
figure, and :data:`SHARED` lists each such pair with the reason (``tests/test_palette.py`` holds
every other colour to one role).

A role is one colour everywhere, or three: on the light page's plain paper (``paper``), on the dark
page's (``dark``) and on a colour map (``map``). viridis runs from near black to near white, so no
one colour stands out on all of it: a mark on a map is drawn in two tones at least 9:1 apart (its
colour and :data:`OUTLINE`, an outline round a marker, a halo under a line), and on any colour of
the map one of the two then reaches 3:1 (the ratios multiply: √9 = 3).
"""

from __future__ import annotations

import json
from typing import Literal

from matplotlib.colors import to_hex

Theme = Literal["light", "dark"]
Where = Literal["paper", "dark", "map"]
THEMES: tuple[Theme, ...] = ("light", "dark")

#: Each page's paper and inks (furo's own: ``--color-background-primary``,
#: ``--color-foreground-primary`` and ``--color-foreground-secondary``); ``faint`` for grid lines
#: and guides that must not compete with the data.
PAGE: dict[str, dict[str, str]] = {
    "light": {"paper": "#ffffff", "ink": "#000000", "muted": "#5a5c63", "faint": "#d5d6d8"},
    "dark": {"paper": "#131416", "ink": "#cfd0d0", "muted": "#9ca0a5", "faint": "#34373b"},
}

#: What a run draws, and the marks of the critical points: a colour, or ``{paper, dark, map}``
#: (``dark`` and ``map`` default to ``paper``).
MARKS: dict[str, str | dict[str, str]] = {
    # vermillion: a run's path, and its f and ‖∇f‖ against the epochs
    "path": {"paper": "#d55e00", "dark": "#ff8c3a", "map": "#ff8c3a"},
    # dashed, in the page's ink (white on a map): a second run from the same start
    "second": {"paper": "#000000", "dark": "#cfd0d0", "map": "#ffffff"},
    # a square: where a run starts (blue on the light page's paper, sky blue elsewhere)
    "start": {"paper": "#0072b2", "dark": "#56b4e9", "map": "#56b4e9"},
    "end": "#f0e442",  # yellow circle: where it ends
    "minimum": "#ffffff",  # a minimum on a map: a triangle pointing down
    "saddle": "#e69f00",  # orange X: a saddle point
    "maximum": "#ffffff",  # a maximum on a map: a triangle pointing up
    "arrow": "#ffffff",  # −∇f arrows on a map
    "down": "#e69f00",  # orange: −∇f, the steepest way down, on plain paper (outlined)
    # a Hessian's gentle and steep directions (its smallest and largest eigenvalue), and what
    # happens along each: bluish green and reddish purple (blue is the start's alone); on a map
    # (the Hessian's axes drawn at a critical point), lighter, over a halo, and lighter on the dark
    # page (the minima's basin colours there, as before the series became greys)
    "lmin": {"paper": "#009e73", "dark": "#5fd3a9", "map": "#5fd3a9"},
    "lmax": {"paper": "#cc79a7", "dark": "#e7a1c8", "map": "#e7a1c8"},
    # a limit: a stability limit or the best rate η*, a line in the page's ink, labelled on it
    "limit": {"paper": "#000000", "dark": "#cfd0d0", "map": "#ffffff"},
    # the playground's race: plain descent, momentum and gradient noise from the same start, each
    # path (and its loss curve, its end and its key) in its own colour: plain descent the path's
    # vermillion (the book's run is plain descent), momentum bluish green, noise reddish purple
    # (lighter on a map and on the dark page, as λmin's and λmax's)
    "plain": {"paper": "#d55e00", "dark": "#ff8c3a", "map": "#ff8c3a"},
    "momentum": {"paper": "#009e73", "dark": "#5fd3a9", "map": "#5fd3a9"},
    "noise": {"paper": "#cc79a7", "dark": "#e7a1c8", "map": "#e7a1c8"},
}
#: Each mark's one marker (matplotlib's codes; the canvas draws the same shapes).
MARKERS: dict[str, str] = {
    "start": "s",
    "end": "o",
    "minimum": "v",
    "maximum": "^",
    "saddle": "X",
}
#: Neutral inks, named so that no figure writes a colour of its own: the light page's ink (lines
#: in the page's ink; the dark page swaps it for its own), white marks on a map, the paper behind
#: a label, a curve of f itself on plain paper, a guide line, the level guides of a chart, a
#: legend's neutral fill.
INK = PAGE["light"]["ink"]
MAP_WHITE = "#ffffff"
LABEL_BOX = PAGE["light"]["paper"]
CURVE = "#333333"
GUIDE = "#808080"
LEVEL = "#8a8a8a"
LEGEND_FILL = "#cccccc"
#: The outline of a mark on a map (and of a marker on paper), the halo under a line on a map.
OUTLINE = "#000000"
#: A white mark of a map as the light page's legend shows it (white would vanish on the paper);
#: the dark page's legend shows it white again.
LEGEND_MARK = "#555555"
#: A halo's width beyond its line's, in points (figures) or CSS px (canvas).
HALO = 1.5

#: Several runs or curves compared in one figure that have no role above (a sweep of learning
#: rates or of offsets, x against y): told apart by dash and by tone on one neutral ramp, never by
#: hue. Every hue of the book is a role (blue the start, vermillion the path, ...), so a series
#: drawn in a hue would say "start" on one figure and "η = 0.01" on the next; a grey says nothing
#: but "this one, not that one", and it reads the same to colour-blind readers, in greyscale and
#: on paper. Series ``i`` is ``SERIES[i]`` with ``SERIES_DASHES[i]``, darkest and solid first (a
#: sweep in order: its first value the darkest). Light page: each reaches 3:1 on the paper, each
#: tone a step darker than the next (``tests/test_palette.py``).
SERIES: tuple[str, ...] = ("#000000", "#474747", "#6b6b6b", "#8c8c8c")
#: The same series on the dark page: each grey's lightness reversed between the dark page's ink and
#: paper, as :func:`gdcore.book.theme.dark_color` recolours every grey (written out for the canvas
#: scripts; the test holds them equal), lightest first, each 3:1 on the dark paper.
SERIES_DARK: tuple[str, ...] = ("#cfd0d0", "#9b9c9c", "#808182", "#68696a")
#: The same series on a colour map, drawn over a halo of :data:`OUTLINE` (white first, each at
#: least 9:1 with the outline, so one of the two tones reaches 3:1 on any colour of the map).
SERIES_MAP: tuple[str, ...] = ("#ffffff", "#dedede", "#c4c4c4", "#adadad")
#: Each series' dash, as on/off lengths in multiples of the line's width (matplotlib's own dashed,
#: dotted and dash-dot patterns; the canvas multiplies them by its line width): solid, dashed,
#: dotted, dash-dot, as captions name them.
SERIES_DASHES: tuple[tuple[float, ...], ...] = ((), (3.7, 1.6), (1.0, 1.65), (6.4, 1.6, 1.0, 1.6))

#: Peaks' three minima, in :func:`gdcore.critical_points` order (the deepest first): their basins,
#: their shares, their stability limits (bluish green the global minimum's; never sky blue, the
#: start's).
MINIMA: tuple[str, ...] = ("#009e73", "#cc79a7", "#f0e442")
#: Starts that settle at no minimum, on a basin map: a grey that recedes on either page.
NONE: dict[str, str] = {"light": "#d9d9d9", "dark": "#3c3f44"}
#: Starts whose runs end in the global minimum's basin without arriving (they bounce in its
#: valley, above its stability limit), on a basin map, static and live: the lighter shade of the
#: global minimum's colour (:data:`MINIMA`'s first mixed 55 % with white), on either page.
VALLEY = "#8cd3c0"

#: A factor 1 − ηλ and the run it drives: shrinking steadily, shrinking while flipping, growing.
REGIMES: dict[str, str] = {"monotone": "#009e73", "oscillating": "#f0e442", "diverging": "#d55e00"}

#: Where a run is after some epochs, on a map of learning rates × epochs (the exercises): still on
#: its way (orange), arrived at the reference run's minimum (that minimum's basin colour on the
#: basin maps, :data:`MINIMA`'s third), bouncing (the steep direction's reddish purple: its factor
#: past −1 is what makes a run bounce), left the map (as a diverging run).
OUTCOMES: dict[str, str] = {
    "on_the_way": "#e69f00",
    "arrived": "#f0e442",
    "bouncing": "#cc79a7",
    "left_map": "#d55e00",
}

#: The colours that serve two roles, each pair with why a reader never meets both in one figure
#: (or why the two are one meaning). Any other colour has one role (``tests/test_palette.py``).
SHARED: dict[str, str] = {
    "#f0e442": "a run's end; the third minimum's basin and a run that arrived there (one meaning: "
    "the reference run's minimum); the oscillating regime: the basin maps and the exercises' "
    "outcome map draw no runs and no regimes, the regime charts no end marker",
    "#009e73": "the global minimum's basin; the gentle direction λmin; the monotone regime: basins "
    "are never drawn with regimes or a Hessian's directions; λmin's dots in the factor chart sit "
    "on the monotone band, where its factor is; the playground race's momentum run (the playground "
    "draws no basins, regimes or Hessian directions)",
    "#cc79a7": "the steep direction λmax and a bouncing run (one meaning: the steep direction's "
    "factor past −1 makes the run bounce); the second minimum's basin: the Hessian's directions "
    "and the exercises' outcome map are never drawn on a basin map; the playground race's noisy "
    "run (the playground draws no basins, regimes, outcome maps or Hessian directions)",
    "#e69f00": "a saddle; −∇f on plain paper (the gradient page's arrows, one meaning: the way "
    "down off a point); a run still on its way (the exercises' outcome map, which has no "
    "critical point)",
    "#d55e00": "a run's path and the playground race's plain descent (one meaning: the book's run "
    "is plain descent); the diverging regime and a run that left the map (one meaning: the run, "
    "running away): the regime charts draw no path",
    "#ff8c3a": "a run's path and the race's plain descent on a map and on the dark page (one "
    "meaning, as #d55e00)",
    "#5fd3a9": "the gentle direction λmin and the race's momentum run, on a map and on the dark "
    "page: the playground draws no Hessian directions",
    "#e7a1c8": "the steep direction λmax and the race's noisy run, on a map and on the dark page: "
    "the playground draws no Hessian directions",
}

#: The colour map of every map of f: perceptually uniform, readable in grey and by colour-blind
#: readers; the scripts get it as :data:`COLORMAP_SAMPLES` RGB triples.
COLORMAP = "viridis"
COLORMAP_SAMPLES = 128

#: Type sizes, tied to the page's (furo: text 16 px, small 14 px, smaller 13 px). A canvas is drawn
#: in CSS px at the size it is shown; a figure in points, shown at 96/72 px a point on a laptop and
#: shrunk to a phone's column (:data:`gdcore.book.style.COLUMN_PX`), so its smallest size is the
#: one that stays readable there (``tests/test_figure_text.py``).
#: The figures' faces: Latin letters, digits and signs (−, ², ∇, ∂, superscripts) in DejaVu Sans,
#: Hangul in NanumGothic (matplotlib falls back glyph by glyph; a canvas falls back to common
#: system faces and then the page's own).
FAMILY: tuple[str, ...] = ("DejaVu Sans", "NanumGothic")
TYPE: dict[str, dict[str, float]] = {
    "canvas": {"title": 16, "label": 14, "tick": 13},
    "figure": {"title": 12, "label": 11, "tick": 11},
}

#: Axes, alike on canvas and in figures: the left and bottom spines (a map is framed by its own
#: edge and its colour bar), ticks outward, y labels upright above the plot; lengths in CSS px
#: (canvas) and points (figures).
AXES: dict[str, object] = {
    "spines": ["left", "bottom"],
    "tick_length": 4,
    "tick_width": 1,
    "spine_width": 1,
    "colorbar_width": 12,
    #: between a plot's top and its upright y label (or a colour bar's) above it
    "label_gap": 4,
}


def mark(role: str, where: Where = "paper") -> str:
    """The colour of a mark ``role`` (a key of :data:`MARKS`) ``where`` it is drawn."""
    if role not in MARKS:
        raise ValueError(f"role must be one of {', '.join(MARKS)}; got {role!r}")
    if where not in ("paper", "dark", "map"):
        raise ValueError(f"where must be paper, dark or map; got {where!r}")
    c = MARKS[role]
    return c if isinstance(c, str) else c.get(where, c["paper"])


def page(theme: Theme, key: str) -> str:
    """The page's ``key`` colour (``paper``, ``ink``, ``muted``, ``faint``) in ``theme``."""
    if theme not in PAGE:
        raise ValueError(f"theme must be light or dark; got {theme!r}")
    return PAGE[theme][key]


def series(i: int, where: Where = "paper") -> tuple[str, tuple[float, ...]]:
    """Series ``i``'s colour ``where`` it is drawn (``paper``, ``dark`` or ``map``) and its dash
    (on/off lengths in line widths; ``()`` solid): see :data:`SERIES`."""
    if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < len(SERIES):
        raise ValueError(f"i must be a whole number from 0 to {len(SERIES) - 1}; got {i!r}")
    if where not in ("paper", "dark", "map"):
        raise ValueError(f"where must be paper, dark or map; got {where!r}")
    colors = {"paper": SERIES, "dark": SERIES_DARK, "map": SERIES_MAP}[where]
    return colors[i], SERIES_DASHES[i]


def dark_variants() -> dict[str, str]:
    """``{light colour: its dark page's variant}`` for every colour with a variant of its own
    (lower-case hex), which :func:`gdcore.book.theme.darken` swaps on the dark page. Greys are
    left out: the dark page reverses every grey's lightness anyway (black becomes its ink)."""
    out = category_variants()
    for c in MARKS.values():
        if isinstance(c, dict) and c.get("dark", c["paper"]) != c["paper"]:
            r, g, b = (int(c["paper"][i : i + 2], 16) for i in (1, 3, 5))
            if max(r, g, b) - min(r, g, b) > 0:
                out[c["paper"]] = c["dark"]
    return out


def category_variants() -> dict[str, str]:
    """``{light colour: its dark page's variant}`` for a map of categories (a basin map, static or
    live, and its legend): only the grey of the starts that settle nowhere, which would be a
    bright slab on the dark page. The categories' own colours stay: a basin is the same colour on
    either page, in every figure, and the light green of :data:`VALLEY` stays apart from the
    global minimum's (:func:`dark_variants`' lighter greens are for lines on dark paper)."""
    return {NONE["light"]: NONE["dark"]}


def colormap_rgb(n: int = COLORMAP_SAMPLES) -> list[list[int]]:
    """:data:`COLORMAP` as ``n`` RGB triples (0–255), from its lowest to its highest value."""
    import numpy as np
    from matplotlib import colormaps

    if not isinstance(n, int) or n < 2:
        raise ValueError(f"n must be a whole number of at least 2; got {n!r}")
    rgb = colormaps[COLORMAP](np.linspace(0, 1, n))[:, :3]
    return np.round(rgb * 255).astype(int).tolist()


def js_object() -> dict:
    """Everything above as JSON-ready data, for the canvas scripts (``GD_LOOK``)."""
    marks = {}
    for role in MARKS:
        marks[role] = {w: mark(role, w) for w in ("paper", "dark", "map")}
    return {
        "page": PAGE,
        "marks": marks,
        "outline": OUTLINE,
        "halo": HALO,
        "series": {
            "paper": list(SERIES),
            "dark": list(SERIES_DARK),
            "map": list(SERIES_MAP),
            "dash": [list(d) for d in SERIES_DASHES],
        },
        "minima": list(MINIMA),
        "none": NONE,
        "valley": VALLEY,
        "regimes": REGIMES,
        "outcomes": OUTCOMES,
        "markers": MARKERS,
        "colormap": {"name": COLORMAP, "rgb": colormap_rgb()},
        "type": {**TYPE, "family": list(FAMILY[:1])},
        "axes": AXES,
    }


def js() -> str:
    """``var GD_LOOK = {...};``: the palette for a generated script (a ``var``: the playground's
    and the live figures' scripts may share a page's global scope)."""
    return f"var GD_LOOK = {json.dumps(js_object(), separators=(',', ':'))};\n"


def _check() -> None:
    """Every colour is ``#rrggbb`` in lower case (the scripts compare them as strings)."""
    colors = [c for p in PAGE.values() for c in p.values()]
    colors += [mark(r, w) for r in MARKS for w in ("paper", "dark", "map")]
    colors += [INK, MAP_WHITE, LABEL_BOX, CURVE, GUIDE, LEVEL, LEGEND_FILL]
    colors += [OUTLINE, LEGEND_MARK, *SERIES, *SERIES_DARK, *SERIES_MAP]
    colors += [*MINIMA, *NONE.values(), VALLEY]
    colors += [*REGIMES.values(), *OUTCOMES.values(), *SHARED]
    for c in colors:
        if not (len(c) == 7 and to_hex(c) == c):
            raise ValueError(f"palette colours must be '#rrggbb' in lower case; got {c!r}")
    lengths = {len(SERIES), len(SERIES_DARK), len(SERIES_MAP), len(SERIES_DASHES)}
    if len(lengths) != 1:
        raise ValueError("SERIES, SERIES_DARK, SERIES_MAP and SERIES_DASHES must be as long")


_check()
