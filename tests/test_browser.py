"""What a reader sees, checked in a real headless Chromium (Debian's, driven by Playwright).

Every page of both languages at phone and laptop sizes; the switcher; Korean search; reduced motion;
dark mode; axe-core accessibility checks in both colour schemes. A missing browser is a failure.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import sitecheck  # noqa: E402  (scripts/ is not a package)

from gdcore.book.style import COLUMN_PX  # noqa: E402

pytestmark = pytest.mark.site  # builds the whole site (see conftest.py)

LANGS = ("ko", "en")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}


def page_names() -> list[str]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for c in toc["chapters"]]
    return [f.removeprefix("book/ko/") + ".html" for f in files] + ["search.html"]


PAGES = page_names()


class Visit:
    """One page load with everything the reader's browser reported."""

    def __init__(
        self, browser, url: str, *, viewport: str = "laptop", init: str = "", **context: object
    ) -> None:
        self.context = browser.new_context(viewport=VIEWPORTS[viewport], **context)
        if init:  # a script run before the page's own (e.g. a stored choice)
            self.context.add_init_script(init)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        origin = urlparse(url).netloc
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "requestfailed", lambda r: self.errors.append(f"failed: {r.url} ({r.failure})")
        )
        self.page.on(
            "response", lambda r: r.status >= 400 and self.errors.append(f"{r.status}: {r.url}")
        )
        self.page.on(
            "request",
            lambda r: (
                urlparse(r.url).netloc not in (origin, "")
                and not r.url.startswith("data:")
                and self.requests.append(r.url)
            ),
        )
        self.page.goto(url, wait_until="load")
        # load the lazy images now (a reader would scroll to them), then wait for every image
        self.page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })"
        )
        self.page.wait_for_function(
            "() => [...document.images].every(i => i.complete)", timeout=30000
        )

    def close(self) -> None:
        self.context.close()


#: Every image of the page loaded in the scheme ``s`` ("light" or "dark"): a figure with a dark
#: version shows it exactly when the scheme is dark (it switches a frame after the scheme does).
IMAGES_LOADED = """s => [...document.images].every(i => i.complete && (
    !i.parentElement.querySelector('source[data-gd-dark]')
    || /-dark(-2x)?\\.\\w+$/.test(i.currentSrc) === (s === 'dark')))"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_page_as_a_reader_sees_it(browser, base_url: str, name: str, lang: str) -> None:
    """Each page loaded once, on a phone in the light scheme, then seen as a reader sees it in each
    scheme (the system's switched, as a reader's phone does at dusk) and at each viewport (the
    window resized): no error or failed request, nothing fetched from another site, every image
    decoded, no sideways scrolling on a phone, figures as wide as the figure tests assume, no raw
    TeX, every formula drawn, the page's language. (One load, four views: loading a page is most
    of the time such a check takes.)"""
    visit = Visit(browser, f"{base_url}/{lang}/{name}", viewport="phone", color_scheme="light")
    page = visit.page
    try:
        assert page.evaluate("document.documentElement.lang") == lang
        text = page.inner_text("article")
        for raw in ("\\frac", "\\partial", "$$", "{{"):
            assert raw not in text, f"raw {raw!r} left on the page"
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            for viewport, size in VIEWPORTS.items():
                page.set_viewport_size(size)
                page.wait_for_function(IMAGES_LOADED, arg=scheme, timeout=30000)
                seen = f"{scheme}, {viewport}"
                assert visit.errors == [], (seen, visit.errors)
                assert visit.requests == [], f"requests leaving the site: {visit.requests}"
                broken = page.evaluate(
                    "[...document.images].filter(i => !i.naturalWidth).map(i => i.currentSrc)"
                )
                assert broken == [], f"images not decoded ({seen}): {broken}"
                if viewport == "phone":
                    width = page.evaluate(
                        "[document.documentElement.scrollWidth, window.innerWidth]"
                    )
                    assert width[0] <= width[1], f"sideways scrolling on a phone ({seen}): {width}"
                # figures are as wide as tests/test_figure_text.py assumes when it measures their
                # text: their own width, or the text column's (style.COLUMN_PX), whichever is smaller
                column = COLUMN_PX[viewport]
                for shown, own in page.evaluate(
                    "[...document.querySelectorAll('article figure img')]"
                    ".map(i => [i.getBoundingClientRect().width, +i.getAttribute('width')])"
                ):
                    assert shown >= min(own, column) - 0.5, (seen, shown, own, column)
                rendered = page.evaluate(
                    "[...document.querySelectorAll('math')]"
                    ".every(m => m.getBoundingClientRect().height > 0)"
                )
                assert rendered, f"a formula has no height ({seen}): MathML not rendered"
    finally:
        visit.close()


def _animated_pages() -> list[str]:
    return [n for n in PAGES if "{animation}" in _source(n)]


def _source(name: str) -> str:
    path = REPO / "book" / "ko" / name.replace(".html", ".md")
    return path.read_text(encoding="utf-8") if path.is_file() else ""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", _animated_pages())
def test_animations_and_reduced_motion(browser, base_url: str, name: str, lang: str) -> None:
    url = f"{base_url}/{lang}/{name}"
    for motion, suffix in (("no-preference", ".webp"), ("reduce", "-still.webp")):
        visit = Visit(browser, url, reduced_motion=motion)
        try:
            sources = visit.page.evaluate(
                "[...document.querySelectorAll('.gd-animation img')].map(i => i.currentSrc)"
            )
            assert sources, "no animation on the page"
            assert all(s.endswith(suffix) for s in sources), (motion, sources)
            if motion == "no-preference":
                assert not any(s.endswith("-still.webp") for s in sources)
        finally:
            visit.close()


def test_phone_screenshots_of_a_page_light_and_dark(browser, base_url: str, tmp_path) -> None:
    """The quality command's screenshot folder: full length, phone wide, one per scheme."""
    from PIL import Image

    saved = sitecheck.phone_screenshots(browser, base_url, ["ko/gd2d.html"], tmp_path)
    assert [p.name for p in saved] == ["ko_gd2d_light.png", "ko_gd2d_dark.png"]
    light, dark = (Image.open(p).convert("L") for p in saved)
    assert light.width == dark.width == sitecheck.PHONE["width"]
    assert light.height > 3 * sitecheck.PHONE["height"]  # the whole page, not the first screen
    assert light.getpixel((5, light.height // 2)) > 200 > 60 > dark.getpixel((5, dark.height // 2))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", LANGS)
def test_formulas_use_the_served_math_font_and_brackets_stretch(
    browser, base_url: str, lang: str, viewport: str
) -> None:
    """The column vector ∇f = [∂f/∂x; ∂f/∂y] on the terms page: its brackets are as tall as
    the two fractions, which needs a font with a MATH table (the site serves one)."""
    visit = Visit(browser, f"{base_url}/{lang}/terms.html", viewport=viewport)
    try:
        visit.page.evaluate("document.fonts.ready")
        table, brackets, fonts = visit.page.evaluate(
            """() => { const t = document.querySelector('math mtable');
            const fences = [...t.parentElement.querySelectorAll(':scope > mo')]
                .filter(m => '[]'.includes(m.textContent));
            return [t.getBoundingClientRect().height,
                    fences.map(m => m.getBoundingClientRect().height),
                    [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)]; }"""
        )
        assert "GD Math" in fonts, fonts
        assert len(brackets) == 2 and all(h >= 0.9 * table for h in brackets), (table, brackets)
    finally:
        visit.close()


@pytest.mark.parametrize("name", [n for n in PAGES if n != "search.html"])
def test_switcher_leads_to_the_twin_page_and_back(browser, base_url: str, name: str) -> None:
    visit = Visit(browser, f"{base_url}/ko/{name}")
    page = visit.page
    try:
        page.click("nav.gd-lang a[hreflang=en]")
        page.wait_for_url(f"{base_url}/en/{name}")
        assert page.evaluate("document.documentElement.lang") == "en"
        page.click("nav.gd-lang a[hreflang=ko]")
        page.wait_for_url(f"{base_url}/ko/{name}")
    finally:
        visit.close()


def wait_for_results(page) -> None:
    """Until the search page has listed everything it found: Sphinx adds the results one at a
    time and writes its summary ("Search finished, found …") only after the last; the summary
    starts empty, so an empty one means the list is still growing (a busy machine showed it)."""
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return !!s && s.textContent.trim() !== '' && !s.textContent.includes('…'); }",
        timeout=15000,
    )


def search(browser, url: str) -> tuple[set[str], list[str]]:
    """The pages a search page lists, and the snippets it shows under them."""
    visit = Visit(browser, url)
    page = visit.page
    try:
        wait_for_results(page)
        hrefs = page.eval_on_selector_all(
            "#search-results ul.search li a", "as => as.map(a => a.getAttribute('href'))"
        )
        snippets = page.eval_on_selector_all(
            "#search-results ul.search li p.context", "ps => ps.map(p => p.textContent)"
        )
        assert visit.errors == []
        return {h.split("?")[0].split("#")[0] for h in hrefs}, snippets
    finally:
        visit.close()


def test_korean_search_finds_pages_about_gradient_descent(browser, base_url: str) -> None:
    found, snippets = search(browser, f"{base_url}/ko/search.html?q=경사")
    assert {"index.html", "terms.html", "gd2d.html", "glossary.html"} <= found, found
    assert snippets and not any(s.strip().startswith(("English", "한국어")) for s in snippets)


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_the_gradient_by_its_symbol(browser, base_url: str, lang: str) -> None:
    found, _ = search(browser, f"{base_url}/{lang}/search.html?q=∇")
    assert {"terms.html", "gradient.html"} <= found, found


def test_a_symbols_korean_name_finds_what_the_symbol_finds(browser, base_url: str) -> None:
    """나블라 finds every page that ∇ (or its name, nabla) finds, not only the one whose text
    spells it out."""
    by_symbol, _ = search(browser, f"{base_url}/ko/search.html?q=∇")
    by_name, _ = search(browser, f"{base_url}/ko/search.html?q=나블라")
    assert len(by_symbol) >= 5 and by_symbol <= by_name, (by_symbol, by_name)


def test_a_word_finds_every_page_whose_text_has_it(
    browser, base_url: str, site_build: dict[str, Path]
) -> None:
    """최솟값 (the minimum value) finds every page whose article says it, not only the glossary."""
    found, _ = search(browser, f"{base_url}/ko/search.html?q=최솟값")
    having = set()
    for page in (site_build["html"] / "ko").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        article = html[html.find('<article role="main"') : html.find("</article>")]
        if "최솟값" in re.sub(r"<[^>]+>", "", article):
            having.add(page.name)
    assert len(having) >= 2 and having <= found, (having, found)


@pytest.mark.parametrize(
    ("lang", "term", "text"), [("ko", "헤세", "어디서나"), ("en", "Hessian", "everywhere")]
)
def test_search_snippets_write_formulas_out_and_list_each_page_once(
    browser, base_url: str, lang: str, term: str, text: str
) -> None:
    """The glossary, found both by its term and by its text, is listed once, at the definition;
    and a snippet shows a matrix by rows, "(2, 0; 0, 20)" or "[2, 0; 0, 20]" (not "(20020)"): the
    bowl, whose Hessian is that matrix "everywhere" (a word its page first uses there; a page's
    snippet is the text around the first word found)."""
    for query, wants_matrix in ((term, False), (text, True)):
        visit = Visit(browser, f"{base_url}/{lang}/search.html?q={query}")
        page = visit.page
        try:
            wait_for_results(page)
            hrefs = page.eval_on_selector_all(
                "#search-results ul.search li a", "as => as.map(a => a.getAttribute('href'))"
            )
            assert len([h for h in hrefs if h.startswith("glossary.html")]) == 1, hrefs
            if wants_matrix:
                page.wait_for_function(  # the snippets are fetched page by page
                    "() => [...document.querySelectorAll('#search-results p.context')]"
                    r".some(p => /[(\[][^()\[\]]+, [^()\[\]]+; [^()\[\]]+, [^()\[\]]+[)\]]/"
                    ".test(p.textContent))",
                    timeout=15000,
                )
            snippets = page.eval_on_selector_all(
                "#search-results ul.search li p.context", "ps => ps.map(p => p.textContent)"
            )
            assert not [s for s in snippets if re.search(r"H=\(\w+\)|fxxfxy", s)], snippets
            assert visit.errors == []
        finally:
            visit.close()


@pytest.mark.parametrize(("lang", "other"), [("ko", "en"), ("en", "ko")])
def test_switcher_on_a_phone_stays_in_the_header_keeps_the_section_and_remembers(
    browser, base_url: str, lang: str, other: str
) -> None:
    visit = Visit(browser, f"{base_url}/{lang}/minima.html", viewport="phone")
    page = visit.page
    try:
        assert page.locator("nav.gd-lang").is_hidden()  # the laptop's switcher
        for _ in range(2):  # once more after anything above has settled
            # at once: furo scrolls smoothly, which takes longer the farther the section is
            page.evaluate("document.getElementById('gd-s3').scrollIntoView({behavior: 'instant'})")
            page.wait_for_timeout(300)
        here = "document.getElementById('gd-s3').getBoundingClientRect().top"
        assert -1 < page.evaluate(here) < 100  # at the top, to a fraction of a pixel
        link = page.locator("a.gd-lang-header")
        box = link.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        assert 0 <= box["y"] < 10, box  # still in the header after scrolling down
        link.click()
        page.wait_for_url(f"{base_url}/{other}/minima.html#gd-s3")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("localStorage.getItem('gd-lang')") == other
        # furo scrolls to the section smoothly: read where it stops (two reads 200 ms apart)
        where = "document.getElementById('gd-s3').getBoundingClientRect().top"
        top, before = page.evaluate(where), None
        for _ in range(25):
            if top == before:
                break
            page.wait_for_timeout(200)
            top, before = page.evaluate(where), top
        assert 0 <= top < 200, top  # the same section, in view
        assert visit.errors == []
    finally:
        visit.close()


def test_laptop_switcher_is_outside_the_page_text(browser, base_url: str) -> None:
    visit = Visit(browser, f"{base_url}/ko/gd2d.html")
    page = visit.page
    try:
        assert page.locator("a.gd-lang-header").is_hidden()
        box = page.locator("nav.gd-lang a[hreflang=en]").bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        assert page.evaluate("!!document.querySelector('article nav.gd-lang')") is False
    finally:
        visit.close()


#: (a card's thumbnail on the home page is a crop of a figure, framed by its card: not a figure)
FIGURE_CORNERS = """() => [...document.querySelectorAll('article img:not(.gd-card-thumb)')].map(img => {
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
    return [img.currentSrc, [...ctx.getImageData(2, 2, 1, 1).data.slice(0, 3)]];
})"""
BACKGROUND = """() => getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number)"""


def figures_on_their_page(page) -> list[str]:
    """The figures whose background is not the page's (no card: a figure is drawn on its
    page's own background, light or dark)."""
    background = page.evaluate(BACKGROUND)
    return [
        f"{src} {corner} on {background}"
        for src, corner in page.evaluate(FIGURE_CORNERS)
        if max(abs(a - b) for a, b in zip(corner, background, strict=True)) > 3
    ]


THEMES = [(scheme, chosen) for scheme in ("light", "dark") for chosen in ("auto", "light", "dark")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("scheme", "chosen"), THEMES)
def test_figures_follow_the_readers_theme(
    browser, base_url: str, lang: str, scheme: str, chosen: str
) -> None:
    """The system's colour scheme, or the theme chosen with furo's toggle, picks each figure's
    version, animations included; the figure's background is the page's."""
    dark = chosen == "dark" or (chosen == "auto" and scheme == "dark")
    for name in ("gd2d.html", "gradient.html"):  # an animation and figures; SVG and WebP
        visit = Visit(
            browser, f"{base_url}/{lang}/{name}", color_scheme=scheme,
            init=f"localStorage.setItem('theme', '{chosen}')",
        )  # fmt: skip
        try:
            # a choice made with the toggle switches the sources after the page has started
            # loading the system's: wait for the switch (a failure times out here)
            visit.page.wait_for_function(
                "() => [...document.querySelectorAll('article img')].every(i => i.complete &&"
                f" i.currentSrc.includes('-dark.') === {str(dark).lower()})",
                timeout=15000,
            )
            assert figures_on_their_page(visit.page) == []
            # a theme chosen against the system's may cancel the system's version of a figure the
            # browser had begun to load (the switch replaces it): cancelled, not failed
            switched = chosen != "auto" and dark != (scheme == "dark")
            errors = [
                e
                for e in visit.errors
                if not (switched and "/_images/" in e and e.endswith("(net::ERR_ABORTED)"))
            ]
            assert errors == []
        finally:
            visit.close()


#: Opens every answer and brings every live figure into view, one after the other, until it has a
#: state (each is made as it comes near the screen, and the basin map computes once it is seen).
OPEN_ALL = """async () => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    const roots = [...document.querySelectorAll('[data-live]')];
    for (const root of roots) {  // in view until it is made and has begun (a state of its own)
        root.scrollIntoView({block: 'center'});
        for (let t = 0; t < 600 && !root.dataset.state; t++) await new Promise(r => setTimeout(r, 100));
    }
    return roots.length; }"""

#: Every live figure of the page made and settled (its ``data-state`` "ready").
LIVE_MADE = """() => [...document.querySelectorAll('[data-live]')].every(
    r => r.dataset.state === 'ready')"""


def axe_on(visit: Visit, scheme: str) -> list[str]:
    """On a loaded page: every answer opened and every live figure made, then its figures checked
    to be drawn on the page's own background and axe-core run; returns axe's violations."""
    visit.page.evaluate(OPEN_ALL)
    visit.page.wait_for_function(LIVE_MADE, timeout=60000)
    background = visit.page.evaluate(BACKGROUND)
    assert (background == [255, 255, 255]) == (scheme == "light"), background
    assert figures_on_their_page(visit.page) == [], visit.page.url
    return sitecheck.axe_violations(visit.page)


@pytest.mark.parametrize(
    ("lang", "scheme"),
    [
        pytest.param(lang, scheme, marks=pytest.mark.xdist_group(f"light-{lang}"))
        for lang in LANGS
        for scheme in ("light", "dark")
    ],
)
def test_axe_finds_no_violation(light_walk, lang: str, scheme: str) -> None:
    """axe-core on every page of the book (``_toc.yml``) and the search page, with everything a
    reader can open or bring into view: every answer open, every live figure made (they are made
    as they come near the screen, so a page loaded at its top has made only the first); in both
    schemes also: every figure is drawn on the page's own background (its dark version in dark
    mode), not shown as a card. The pages are those of the shared walk (:func:`light_walk`): each
    loaded in the light scheme, then, scrolled back up from its end so that furo's link back to
    the top shows (axe once found it outside every landmark), seen in the dark one (the system's
    scheme switched, as a reader's phone does at dusk; pages loaded dark from the start are
    :func:`test_figures_follow_the_readers_theme`'s and tests/test_browser_csp.py's)."""
    assert len(PAGES) == len(yaml.safe_load((REPO / "_toc.yml").read_text())["chapters"]) + 2
    walk = light_walk(lang)
    problems = walk["axe" if scheme == "light" else "axe_dark"]
    assert problems == {}, problems
    if scheme == "dark":  # seen with furo's link back to the top showing, on every long page
        long = [name for name, (tall, _) in walk["back"].items() if tall]
        assert len(long) >= len(PAGES) // 2, walk["back"]
        assert [name for name in long if not walk["back"][name][1]] == [], walk["back"]


#: Marks the token elements a page draws in its math font: every <mi>, <mo>, <ms>; an <mn> of a
#: displayed formula (an inline formula's numbers are in the sentence's face, by the stylesheet);
#: an <mtext> unless it holds Hangul (words in a formula are the text face's to draw).
MARK_MATH_TOKENS = """() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });  // answers too
    const tokens = [...document.querySelectorAll('math :is(mi, mo, mn, ms, mtext)')].filter(t =>
        t.textContent.trim() &&
        !(t.localName === 'mn' && t.closest('math').getAttribute('display') !== 'block') &&
        !(t.localName === 'mtext' && /[\\u1100-\\u11ff\\u3130-\\u318f\\uac00-\\ud7af]/.test(t.textContent)));
    // one token of each kind is asked about: Chromium picks the same fonts for the same text in
    // the same computed face (a page has ~1,000 tokens and ~100 kinds; each question is a round
    // trip to DevTools)
    document.querySelectorAll('[data-gd-token]').forEach(t => t.removeAttribute('data-gd-token'));
    const kinds = new Map();
    for (const t of tokens) {
        const s = getComputedStyle(t);
        const key = [t.localName, t.textContent, t.getAttribute('mathvariant'), s.font,
                     s.textTransform, s.fontFeatureSettings, s.fontVariant].join('\u0000');
        if (!kinds.has(key)) kinds.set(key, t);
    }
    [...kinds.values()].forEach((t, i) => t.setAttribute('data-gd-token', i));
    return kinds.size; }"""


def fonts_on(visit: Visit) -> dict[str, set[str]]:
    """Chromium's own account of the fonts it drew each formula's text with (DevTools'
    CSS.getPlatformFontsForNode) on a loaded page: ``{families: {token}}`` for every token drawn
    with anything but GD Math alone."""
    problems: dict[str, set[str]] = {}
    visit.page.evaluate("document.fonts.ready")
    if not visit.page.evaluate(MARK_MATH_TOKENS):
        return problems
    cdp = visit.context.new_cdp_session(visit.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-gd-token]"})
    name = visit.page.url.rsplit("/", 1)[-1]
    for node in nodes["nodeIds"]:
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        families = sorted({f["familyName"] for f in fonts})
        if families != ["GD Math"]:
            text = cdp.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
            problems.setdefault(f"{'+'.join(families) or 'nothing'}", set()).add(f"{name}: {text}")
    cdp.detach()
    return problems


@pytest.mark.parametrize(
    "lang", [pytest.param(lang, marks=pytest.mark.xdist_group(f"light-{lang}")) for lang in LANGS]
)
def test_every_formula_is_drawn_in_the_served_math_font(light_walk, lang: str) -> None:
    """Chromium's own account of the fonts it drew each formula's text with (DevTools'
    CSS.getPlatformFontsForNode), on every page: GD Math alone. A glyph the served font lacks is
    drawn from whatever font the system has (here DejaVu Math TeX Gyre itself, elsewhere Cambria
    Math or a text face), and shows up here under that font's name; a one-letter <mi> is drawn
    as its mathematical italic (𝑓 for f), which the font must hold too."""
    problems = light_walk(lang)["fonts"]
    assert problems == {}, {k: sorted(v)[:5] for k, v in problems.items()}


def test_the_font_check_names_a_glyph_the_math_font_lacks(browser, base_url: str) -> None:
    """:func:`fonts_on` can fail: on a page whose formulas are all in GD Math, two tokens added to
    a formula are named, a sign the font lacks and a letter the page has but set in another face
    (it asks about one token of each kind, so a kind of its own must be asked about)."""
    visit = Visit(browser, f"{base_url}/en/terms.html")
    try:
        assert fonts_on(visit) == {}
        visit.page.evaluate(
            """() => { const math = document.querySelector('article math');
            const ns = 'http://www.w3.org/1998/Math/MathML';
            const sign = document.createElementNS(ns, 'mo');
            sign.textContent = '\u2603';  // a snowman: no math font has it
            const letter = math.querySelector('mi').cloneNode(true);
            letter.style.fontFamily = 'DejaVu Sans';
            math.firstElementChild.append(sign, letter); }"""
        )
        found = fonts_on(visit)
        named = sorted(t.split(": ", 1)[1] for tokens in found.values() for t in tokens)
        assert len(named) == 2, found
        assert any("\u2603" in t for t in named) and any("DejaVu Sans" in t for t in named), found
    finally:
        visit.close()


def _ink(page, clip: dict, hide: list[str]) -> list[tuple[int, int]]:
    """What the elements matched by the selectors in ``hide`` draw inside ``clip``: the (x, y)
    device pixels of two screenshots that differ, one as shown and one with those elements made
    transparent."""
    import io

    from PIL import Image, ImageChops

    shown = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("L")
    page.evaluate(
        "s => s.forEach(q => document.querySelectorAll(q).forEach(e => "
        "e.style.setProperty('color', 'transparent', 'important')))",
        hide,
    )
    hidden = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("L")
    page.evaluate(
        "s => s.forEach(q => document.querySelectorAll(q).forEach(e => e.style.removeProperty('color')))",
        hide,
    )
    diff = ImageChops.difference(shown, hidden).point(lambda v: 255 if v > 40 else 0)
    return [(x, y) for y in range(diff.height) for x in range(diff.width) if diff.getpixel((x, y))]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", LANGS)
def test_square_roots_are_drawn_with_their_radical_and_bar(
    browser, base_url: str, lang: str, viewport: str, scheme: str
) -> None:
    """‖∇f‖ = √((∂f/∂x)² + (∂f/∂y)²) on the terms page: left of what the root encloses, a radical
    sign at least as tall as it, and over it a bar at least as wide (the radical and its stretched
    sizes come from the served font's MATH table; without them Chromium draws nothing)."""
    visit = Visit(
        browser, f"{base_url}/{lang}/terms.html", viewport=viewport, color_scheme=scheme,
        device_scale_factor=2,
    )  # fmt: skip
    page = visit.page
    try:
        page.evaluate("document.fonts.ready")
        page.evaluate(
            "() => { const s = document.querySelector('.math-display msqrt');"
            " s.setAttribute('data-gd-root', ''); s.firstElementChild.setAttribute('data-gd-inner', '');"
            " s.scrollIntoView({block: 'center', behavior: 'instant'}); }"
        )
        root, inner, em = page.evaluate(
            "() => [...['[data-gd-root]', '[data-gd-inner]'].map(q => { const r ="
            " document.querySelector(q).getBoundingClientRect();"
            " return {x: r.x, y: r.y, width: r.width, height: r.height}; }),"
            " parseFloat(getComputedStyle(document.querySelector('[data-gd-root]')).fontSize)]"
        )
        assert root["width"] - inner["width"] >= 0.3 * em, (root, inner, em)  # room for the sign
        # the root's own drawing, without what it encloses: what changes when it is hidden
        page.evaluate("document.querySelector('[data-gd-inner]').style.visibility = 'hidden'")
        ink = _ink(page, {k: root[k] for k in ("x", "y", "width", "height")}, ["[data-gd-root]"])
        scale = 2  # device pixels per CSS pixel
        sign = [y for x, y in ink if x < (inner["x"] - root["x"]) * scale]
        over = [x for x, y in ink if y < (inner["y"] - root["y"]) * scale]
        assert sign, "no radical sign drawn"
        assert (max(sign) - min(sign)) / scale >= 0.9 * inner["height"], (sign, inner)
        assert over and (max(over) - min(over)) / scale >= inner["width"], (over, inner)
    finally:
        visit.close()


#: Every superscript that is a prime (′ ″ ‴), marked, with a zero-size <mspace> beside it: the
#: top of that empty box is the baseline the prime is raised from.
MARK_PRIMES = """() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });  // answers too
    const scripts = [...document.querySelectorAll('article :is(msup, msubsup)')]
        .filter(s => /^[\\u2032-\\u2034]+$/.test(s.lastElementChild.textContent.trim()));
    scripts.forEach((s, i) => {
        s.lastElementChild.setAttribute('data-gd-prime', i);
        const baseline = document.createElementNS('http://www.w3.org/1998/Math/MathML', 'mspace');
        baseline.setAttribute('data-gd-baseline', i);
        s.after(baseline); });
    return scripts.length; }"""


def build_live_figures(page) -> None:
    """Bring every live figure near the screen and wait until it is drawn: a live figure is built
    as it nears the screen, and its building moves what is below it (a measurement taken before
    would be of a place the text has left)."""
    for root in page.query_selector_all("[data-live]"):
        root.scroll_into_view_if_needed()
        kind = root.get_attribute("data-live")
        page.wait_for_selector(f"[data-live={kind}][data-state=ready]", timeout=60_000)


#: Device pixels per CSS pixel in the shared light walk: a prime's ink measured to a quarter pixel.
SCALE = 4


def primes_on(visit: Visit) -> dict[str, tuple[float, float]]:
    """On a loaded page (at :data:`SCALE`), every prime's ink as (top, foot) in em above the
    baseline: ``{"page #i text": (top, foot)}``."""
    page = visit.page
    name = page.url.rsplit("/", 1)[-1]
    found = {}
    page.evaluate("document.fonts.ready")
    build_live_figures(page)
    for i in range(page.evaluate(MARK_PRIMES)):
        prime = f"[data-gd-prime='{i}']"
        baseline, box, em, text = page.evaluate(
            """([i, q]) => { const p = document.querySelector(q);
            p.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
            const b = p.getBoundingClientRect();
            return [document.querySelector(`[data-gd-baseline='${i}']`)
                        .getBoundingClientRect().top,
                    {x: b.x, y: b.y, width: b.width, height: b.height},
                    parseFloat(getComputedStyle(p).fontSize) / 0.8,
                    p.parentElement.textContent]; }""",
            [i, prime],
        )  # em: the base's size (a first superscript is drawn at 80 % of it)
        # the clip reaches half an em around the prime's box, so all its ink is seen
        clip = {"x": box["x"] - em / 2, "y": box["y"] - em / 2,
                "width": box["width"] + em, "height": box["height"] + em}  # fmt: skip
        ink = _ink(page, clip, [prime])
        assert ink, f"{name}: {text} not drawn"
        rows = [clip["y"] + y / SCALE for _, y in ink]
        top, foot = ((baseline - r) / em for r in (min(rows), max(rows)))
        found[f"{name} #{i} {text}"] = (round(top, 3), round(foot, 3))
    return found


@pytest.mark.parametrize(
    "lang", [pytest.param(lang, marks=pytest.mark.xdist_group(f"light-{lang}")) for lang in LANGS]
)
def test_primes_are_raised_once(light_walk, lang: str) -> None:
    """f′(x), f″, g′, h′ on every page that has them: a prime is a superscript drawn with the
    font's script form of the prime, which sits low in the em, so that raised once, over an f,
    its ink spans about 0.62 to 0.85 em above the baseline (antialiasing adds a few hundredths).
    Drawn with its text form, which the font raises already, it was raised twice: its ink spanned
    0.9 to 1.15 em, floating above the f (whose ascender reaches 0.76 em)."""
    found = light_walk(lang)["primes"]
    assert found, "no prime found on any page"
    high = {k: v for k, v in found.items() if v[0] > 1.0 or v[1] > 0.8}  # (top, foot) in em
    assert high == {}, high


def back_to_top_shown(page) -> tuple[bool, bool]:
    """Scroll to the page's end, then back up a little, as a reader going back does: furo then
    shows its link back to the top. Returns (the page is over two screens long, the link shows)."""
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(100)
    page.evaluate("window.scrollBy(0, -300)")
    page.wait_for_timeout(100)
    return page.evaluate(
        "[document.documentElement.scrollHeight > 2 * innerHeight,"
        " document.documentElement.classList.contains('show-back-to-top')]"
    )


@pytest.fixture(scope="session")
def light_walk(browser, base_url: str):
    """One walk over every page per language, each page loaded once in the light scheme (at
    :data:`SCALE` device pixels per CSS pixel) for four checks in turn: axe (:func:`axe_on`), the
    math font (:func:`fonts_on`), the primes (:func:`primes_on`), then, the system's scheme
    switched to dark and every figure shown in its dark version, axe again. Loading a page and
    making its live figures is most of each check's time, so the tests share the walk (they are
    grouped on one xdist worker, and the walk is kept for the session: a module's fixture would
    be made again whenever the worker ran another module's tests in between);
    ``light_walk(lang)`` returns ``{"axe": …, "fonts": …, "primes": …, "axe_dark": …, "back": …}``
    (``back``: :func:`back_to_top_shown` per page, before the dark pass), computed once."""
    walks: dict[str, dict | AssertionError] = {}

    def walk(lang: str) -> dict:
        if lang not in walks:
            try:
                walks[lang] = _walk(lang)
            except AssertionError as exc:  # failed once: the other two tests fail alike, at once
                walks[lang] = exc
        found = walks[lang]
        if isinstance(found, AssertionError):
            raise found
        return found

    def _walk(lang: str) -> dict:
        axe, fonts, primes, axe_dark, back = {}, {}, {}, {}, {}
        for name in PAGES:
            visit = Visit(
                browser, f"{base_url}/{lang}/{name}", color_scheme="light",
                device_scale_factor=SCALE,
            )  # fmt: skip
            try:
                violations = axe_on(visit, "light")
                if violations:
                    axe[name] = violations
                for family, tokens in fonts_on(visit).items():
                    fonts.setdefault(family, set()).update(tokens)
                primes.update(primes_on(visit))
                back[name] = back_to_top_shown(visit.page)
                visit.page.emulate_media(color_scheme="dark")
                visit.page.wait_for_function(IMAGES_LOADED, arg="dark", timeout=30000)
                violations = axe_on(visit, "dark")
                if violations:
                    axe_dark[name] = violations
            finally:
                visit.close()
        return {"axe": axe, "fonts": fonts, "primes": primes, "axe_dark": axe_dark, "back": back}

    return walk
