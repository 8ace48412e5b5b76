"""The book's one palette (``gdcore/book/palette.py``): the canvas scripts read the very values the
figures read (run in node, as the browser runs them), its page colours are furo's own, its colours
are Okabe & Ito's or their checked variants, and no script or figure helper names a colour of its
own."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import matplotlib as mpl
import pytest
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from noderun import node

from gdcore.book import palette, plots, style, theme
from gdcore.book.contrast import ratio
from gdcore.book.live import bundle as live_bundle
from gdcore.book.pages.playground import bundle as playground_bundle

REPO = Path(__file__).resolve().parents[1]
EXT = REPO / "book" / "_ext"
sys.path.insert(0, str(EXT))
from gdsite.statics import shared_script  # noqa: E402

#: Okabe & Ito's colour-blind-safe set (with black and white).
OKABE_ITO = {
    "#000000", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
    "#ffffff",
}  # fmt: skip
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgba?\(")


@pytest.mark.parametrize(
    "script",
    [
        pytest.param(lambda: shared_script(), id="shared"),
        pytest.param(lambda: playground_bundle(shared_script()), id="playground"),
        pytest.param(lambda: live_bundle(shared_script()), id="live"),
    ],
)
def test_the_scripts_read_the_figures_palette(script, tmp_path: Path) -> None:
    """GD_LOOK and GD_CANVAS, as node evaluates the generated script, hold the palette's values."""
    got = node(
        script() + "\nconsole.log(JSON.stringify({look: GD_LOOK, canvas: GD_CANVAS.look,"
        " mark: GD_CANVAS.mark('path', 'map'), ticks: GD_CANVAS.ticks(-5, 5, 2)}));\n",
        tmp_path,
    )
    assert got["look"] == palette.js_object()
    assert got["canvas"] == got["look"]
    assert got["mark"] == palette.mark("path", "map") == plots.MAP_PATH_COLOR
    assert got["ticks"] == [[-5, "−5"], [0, "0"], [5, "5"]]


def test_the_figures_read_the_same_palette() -> None:
    """matplotlib's style, the plot helpers and the dark page's recolouring take their colours,
    sizes and axes from the palette."""
    assert style.STYLE["font.family"] == list(palette.FAMILY)
    assert style.STYLE["axes.titlesize"] == palette.TYPE["figure"]["title"]
    assert style.STYLE["xtick.labelsize"] == palette.TYPE["figure"]["tick"]
    assert style.STYLE["image.cmap"] == palette.COLORMAP
    assert style.STYLE["axes.edgecolor"] == palette.PAGE["light"]["muted"]
    for side in ("left", "bottom", "top", "right"):
        assert style.STYLE[f"axes.spines.{side}"] == (side in palette.AXES["spines"])
    assert (
        palette.mark("path"),
        palette.mark("start"),
        palette.mark("end"),
    ) == (plots.PATH_COLOR, plots.START_COLOR, plots.END_COLOR)
    assert (palette.page("dark", "paper"), palette.page("dark", "ink")) == (theme.PAPER, theme.INK)
    for key in ("paper", "ink", "muted", "faint"):  # the light page's paper and inks: the dark's
        light, dark = palette.page("light", key), palette.page("dark", key)
        assert to_hex(theme.dark_color(light)) == dark
    for light, dark in palette.dark_variants().items():
        assert to_hex(theme.dark_color(light)) == dark
    rgb = colormaps[palette.COLORMAP](0.0)[:3]
    assert palette.colormap_rgb(2)[0] == [round(255 * c) for c in rgb]


def test_the_page_colours_are_furos() -> None:
    """The palette's paper and inks are the page's own (furo's CSS variables, in both themes)."""
    import furo

    css = (Path(furo.__file__).parent / "theme/furo/static/styles/furo.css").read_text()
    names = {
        "paper": "--color-background-primary",
        "ink": "--color-foreground-primary",
        "muted": "--color-foreground-secondary",
    }
    for key, var in names.items():
        found = [to_hex(v) for v in re.findall(rf"{var}:(#[0-9a-fA-F]+)[;}}]", css)]
        assert palette.page("light", key) in found and palette.page("dark", key) in found, key


def test_colour_blind_safe_and_readable_on_both_pages() -> None:
    """Every mark's colour is one of Okabe & Ito's, or a named lighter variant of one for a map or
    the dark page; on plain paper each mark reaches 3:1 with its outline or alone, on both pages;
    a mark on a map is two tones 9:1 apart (so one of them reaches 3:1 on any colour)."""
    # lighter vermillion; the dark ink; the Hessian's directions on a map (lighter)
    variants = {"#ff8c3a": "#d55e00", "#cfd0d0": "#000000", "#5fd3a9": "#009e73",
                "#e7a1c8": "#cc79a7"}  # fmt: skip
    for role in palette.MARKS:
        for where in ("paper", "dark", "map"):
            c = palette.mark(role, where)
            assert c in OKABE_ITO or variants.get(c) in OKABE_ITO, (role, where, c)
            r = ratio(c, palette.OUTLINE)
            if where == "map":
                assert r >= 9, (role, c, r)
    for c in (*palette.MINIMA, *palette.REGIMES.values()):
        assert c in OKABE_ITO
    assert len(set(palette.MINIMA)) == len(palette.MINIMA)
    assert len(set(palette.REGIMES.values())) == len(palette.REGIMES)
    # lines drawn on plain paper without an outline: the path, a second run, the directions
    for role in ("path", "second", "start", "lmin", "lmax", "plain", "momentum", "noise"):
        for theme_, where in (("light", "paper"), ("dark", "dark")):
            paper = palette.page(theme_, "paper")
            assert ratio(palette.mark(role, where), paper) >= 3, (role, theme_)
    # the page's inks: text 4.5:1, axes 3:1, on both pages
    for t in palette.THEMES:
        assert ratio(palette.page(t, "ink"), palette.page(t, "paper")) >= 4.5
        assert ratio(palette.page(t, "muted"), palette.page(t, "paper")) >= 4.5  # tick labels too


def _grey(c: str) -> bool:
    r, g, b = (int(c[i : i + 2], 16) for i in (1, 3, 5))
    return r == g == b or max(r, g, b) - min(r, g, b) <= 3  # the dark page's greys lean blue


def test_series_are_greys_told_apart_by_dash_and_tone() -> None:
    """The series (several runs compared, no role) use no hue of a role: greys, each with its own
    dash, a tone apart from the next in greyscale, readable on each page and on a map."""
    n = len(palette.SERIES)
    assert n >= 3 and len(set(palette.SERIES_DASHES)) == n and palette.SERIES_DASHES[0] == ()
    roles = {palette.mark(r, w) for r in palette.MARKS for w in ("paper", "dark", "map")}
    roles |= {*palette.MINIMA, *palette.REGIMES.values(), *palette.OUTCOMES.values()}
    hues = {c for c in roles if not _grey(c)}
    for where, paper, least in (("paper", "#ffffff", 3), ("dark", palette.page("dark", "paper"), 3),
                                ("map", palette.OUTLINE, 9)):  # fmt: skip
        colors = [palette.series(i, where)[0] for i in range(n)]
        assert all(_grey(c) and c not in hues for c in colors), (where, colors)
        assert all(ratio(c, paper) >= least for c in colors), (where, colors)
        # distinct in greyscale: each tone at least 1.25:1 from the next, the first standing out
        # most from its paper (darkest on the light page, lightest on the dark one and on a map)
        steps = [ratio(a, b) for a, b in itertools.pairwise(colors)]
        assert min(steps) >= 1.25, (where, steps)
        standing = [ratio(c, paper) for c in colors]
        assert standing == sorted(standing, reverse=True), (where, standing)
    assert palette.series(0) == (palette.SERIES[0], ())
    for i, c in enumerate(palette.SERIES):  # the dark page's are what darken() draws
        assert to_hex(theme.dark_color(c)) == palette.SERIES_DARK[i]
    assert plots.series_style(1) == {"color": palette.SERIES[1],
                                     "linestyle": (0, palette.SERIES_DASHES[1])}  # fmt: skip
    assert plots.series_style(0, "map") == {"color": palette.SERIES_MAP[0], "linestyle": "-"}


def test_type_scale_is_the_pages() -> None:
    """Canvas text at least 12 CSS px, in the page's steps (16, 14, 13); figure text at least
    11 pt (what a phone's column keeps readable, tests/test_figure_text.py)."""
    canvas, figure = palette.TYPE["canvas"], palette.TYPE["figure"]
    assert canvas["title"] >= canvas["label"] >= canvas["tick"] >= 12
    assert figure["title"] >= figure["label"] >= figure["tick"] >= 11
    assert mpl.rcParams["font.size"] == mpl.rcParamsDefault["font.size"]  # nothing leaked


def test_no_script_or_helper_names_a_colour_of_its_own() -> None:
    """Colours come from the palette: the canvas scripts and the shared figure helpers write none."""
    for path in ("playground.js", "live.js", "canvas.js", "shared.js"):
        text = (EXT / "gdsite" / path).read_text(encoding="utf-8")
        assert not HEX.findall(text), (path, HEX.findall(text))
    for module in ("plots.py", "peaks.py", "style.py", "theme.py", "live.py"):
        text = (REPO / "gdcore" / "book" / module).read_text(encoding="utf-8")
        found = re.findall(r"[\"']#[0-9a-fA-F]{3,6}[\"']", text)
        assert not found, (module, found)


def test_a_bad_role_or_place_is_refused() -> None:
    with pytest.raises(ValueError, match="role must be one of"):
        palette.mark("route")
    with pytest.raises(ValueError, match="where must be paper, dark or map"):
        palette.mark("path", "sky")
    with pytest.raises(ValueError, match="theme must be light or dark"):
        palette.page("dim", "paper")
    with pytest.raises(ValueError, match="n must be a whole number"):
        palette.colormap_rgb(1)
    with pytest.raises(ValueError, match="i must be a whole number from 0 to 3"):
        palette.series(len(palette.SERIES))
    with pytest.raises(ValueError, match="where must be paper, dark or map"):
        palette.series(0, "sky")


#: Keyword arguments and dict keys that take a colour in matplotlib's calls.
COLOUR_KEYS = {
    "color", "colors", "c", "facecolor", "facecolors", "edgecolor", "edgecolors", "fc", "ec",
    "markeredgecolor", "markerfacecolor", "mec", "mfc", "foreground", "labelcolor",
}  # fmt: skip


def literal_colours(source: str) -> list[tuple[int, str]]:
    """``(line, text)`` of every colour written as a literal in ``source`` (Python): a string
    passed as a colour keyword or dict entry, or to a function taking a colour (``*color``,
    ``*hex``, ``halo``, a setter ``set_``), or any ``#rrggbb`` string. Code shown to readers
    (strings holding code) is text, not a colour, and is not looked into."""
    import ast

    from matplotlib.colors import is_color_like

    def colour(node: ast.AST) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            v = node.value
            if HEX.fullmatch(v) or (v.isalpha() and v != "none" and is_color_like(v)):
                return v
        return None

    found: list[tuple[int, str]] = []
    for item in ast.walk(ast.parse(source)):
        values: list[ast.AST] = []
        if isinstance(item, ast.Call):
            values += [k.value for k in item.keywords if k.arg in COLOUR_KEYS]
            f = item.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name.lower().endswith(("color", "colors", "hex")) or name in ("halo", "set_"):
                values += item.args
        elif isinstance(item, ast.Dict):
            values += [
                v
                for k, v in zip(item.keys, item.values, strict=True)
                if isinstance(k, ast.Constant) and k.value in COLOUR_KEYS
            ]
        elif (
            isinstance(item, ast.Constant)
            and isinstance(item.value, str)
            and re.fullmatch(r"#[0-9a-fA-F]{6}", item.value)
        ):
            values.append(item)
        for v in values:
            if (c := colour(v)) is not None:
                found.append((v.lineno, c))
    return sorted(set(found))


def test_a_role_has_one_colour_written_once() -> None:
    """No module outside the palette writes a colour: every figure takes its colours from the
    palette's roles, so a role cannot be drawn in two colours on two pages."""
    sources = sorted((REPO / "gdcore").rglob("*.py"))
    offenders = {
        str(p.relative_to(REPO)): hits
        for p in sources
        if p.name != "palette.py" and (hits := literal_colours(p.read_text(encoding="utf-8")))
    }
    assert not offenders, offenders


def test_the_literal_colour_finder_finds_them() -> None:
    """The check above would see a colour in each of the ways a figure names one."""
    code = (
        'ax.plot(x, y, color="white")\n'
        'ax.text(0, 0, "s", bbox={"facecolor": "#ffffff"})\n'
        'ax.plot(x, y, path_effects=halo(1.5, "black"))\n'
        'h.set_color("k")\n'
        'GREY = "#8a8a8a"\n'
        "code = \"ax.plot(x, y, color='tab:red')\"\n"
        'ax.plot(x, y, "o", label="red")\n'
    )
    assert [line for line, _ in literal_colours(code)] == [1, 2, 3, 4, 5]


def test_one_colour_one_role() -> None:
    """A colour stands for one role, except the pairs :data:`palette.SHARED` lists (with why they
    never meet in one figure); the start's blue is the start's alone."""
    roles: dict[str, set[str]] = {}
    for role in palette.MARKS:
        for where in ("paper", "dark", "map"):
            roles.setdefault(palette.mark(role, where), set()).add(role)
    for i, c in enumerate(palette.MINIMA):
        roles.setdefault(c, set()).add(f"basin {i}")
    for k, c in palette.REGIMES.items():
        roles.setdefault(c, set()).add(f"regime {k}")
    for k, c in palette.OUTCOMES.items():
        roles.setdefault(c, set()).add(f"outcome {k}")
    greys = {palette.OUTLINE, "#ffffff", *palette.PAGE["dark"].values()}  # inks, map whites
    shared = {c: r for c, r in roles.items() if len(r) > 1 and c not in greys}
    assert set(shared) <= set(palette.SHARED), {
        c: shared[c] for c in set(shared) - set(palette.SHARED)
    }
    for c in (palette.mark("start"), palette.mark("start", "map")):
        assert roles[c] == {"start"}, roles[c]
    assert len(set(palette.MARKERS.values())) == len(palette.MARKERS)


def test_y_labels_are_upright_above_the_plot_in_figures_as_on_canvas() -> None:
    """A figure's y label and its colour bar's read without turning the head, above the plot's
    top, by the gap the canvas uses too (palette.AXES["label_gap"]); settling twice changes
    nothing."""
    with style.figure_style():
        fig, ax = style.new_figure(4, 3)
        image = ax.imshow([[0.0, 1.0], [1.0, 0.0]])
        bar = fig.colorbar(image, ax=ax)
        ax.set_ylabel("y")
        bar.set_label("f(x, y)")
        ax.set_title("a title")
        style.settle(fig)
        style.settle(fig)
        renderer = FigureCanvasAgg(fig).get_renderer()
        for axes in (ax, bar.ax):
            label = axes.yaxis.label
            assert label.get_rotation() == 0
            assert label.get_window_extent(renderer).y0 > axes.get_window_extent(renderer).y1
        assert palette.AXES["label_gap"] == style.LABEL_GAP
        title = ax.title.get_window_extent(renderer)
        assert title.y0 >= ax.yaxis.label.get_window_extent(renderer).y1  # the title above it
