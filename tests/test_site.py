"""The real build: the whole bilingual site built from a copy of the repository, then read back.

Slow (two Sphinx builds): one module-scoped build serves every check.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, copy_repo

pytestmark = pytest.mark.site  # builds the whole site (see conftest.py)

LANGS = ("ko", "en")
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(site_build: dict[str, Path]) -> Path:
    return site_build["html"]


#: The tests that edit sources and rebuild: they run on one worker (pytest-xdist), in the sandbox.
in_sandbox = pytest.mark.xdist_group("sandbox")


@pytest.fixture(scope="module")
def sandbox(site_build: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A second copy of the repository, built with the session build's figure cache (so nothing is
    drawn again), for the tests that edit sources and rebuild: the site the other tests read, in
    parallel, never changes under them. The same keys as ``site_build``."""
    root = copy_repo(site_build["root"], tmp_path_factory.mktemp("sandbox"))
    build_site(root, env={"GD_FIGURE_CACHE": str(site_build["cache"])})
    return {"root": root, "html": root / "_build" / "html", "cache": site_build["cache"]}


@pytest.fixture(scope="module")
def rebuild(sandbox: dict[str, Path]):
    """Build the sandbox again, with the same figure cache."""

    def run(*args: str) -> str:
        return build_site(sandbox["root"], *args, env={"GD_FIGURE_CACHE": str(sandbox["cache"])})

    return run


def html_pages(site: Path, lang: str) -> dict[str, Path]:
    return {p.relative_to(site / lang).as_posix(): p for p in (site / lang).rglob("*.html")}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content_pages(site: Path, lang: str) -> dict[str, Path]:
    return {k: v for k, v in html_pages(site, lang).items() if k != "search.html"}


def test_both_trees_have_the_same_pages(site: Path) -> None:
    assert set(html_pages(site, "ko")) == set(html_pages(site, "en"))
    assert {
        "index.html", "terms.html", "gd1d.html", "gd2d.html", "coordinates.html", "minima.html",
        "exercises.html", "glossary.html",
    } <= set(html_pages(site, "ko"))  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_says_its_language(site: Path, lang: str) -> None:
    for name, path in html_pages(site, lang).items():
        assert soup(path).html["lang"] == lang, name


def test_korean_pages_have_no_english_tooltips(site: Path) -> None:
    """Sphinx's own link titles (a heading's or a figure's ¶ link) in Korean on Korean pages."""
    for name, path in html_pages(site, "ko").items():
        titles = {a["title"] for a in soup(path).select("a.headerlink[title]")}
        assert not [t for t in titles if t.startswith("Link to")], (name, titles)


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_and_hreflang_lead_to_the_twin_page(site: Path, lang: str) -> None:
    other = "en" if lang == "ko" else "ko"
    for name, path in content_pages(site, lang).items():
        page = soup(path)
        links = page.select("nav.gd-lang a[hreflang]")
        assert [a["hreflang"] for a in links] == [other], name
        target = (path.parent / links[0]["href"]).resolve()
        assert target == (site / other / name).resolve() and target.is_file()
        alternates = {
            link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"]')
        }
        assert set(alternates) == {"ko", "en", "x-default"}
        for code in LANGS:
            assert urlparse(alternates[code]).path.endswith(f"/{code}/{name}")


@pytest.mark.parametrize("lang", LANGS)
def test_every_image_exists_and_has_alt_text(site: Path, lang: str) -> None:
    seen = 0
    for name, path in html_pages(site, lang).items():
        page = soup(path)
        for img in page.select("article img"):
            seen += 1
            if "gd-card-thumb" in img.get("class", []):
                # a card's thumbnail is decorative: the card's link is named by its own text
                assert img.get("alt") == "" and img.find_parent("a", class_="gd-card-link"), img
            else:
                alt = img.get("alt", "").strip()
                assert alt, f"{name}: {img} has no alt text"
                # one style on every page: a description, no final period (also inside the text)
                assert not alt.endswith("."), f"{name}: alt text ends with a period: {alt[-40:]}"
            assert (path.parent / img["src"]).is_file(), f"{name}: {img['src']} is missing"
        for tag in page.select("picture source, img[srcset]"):
            for url in srcset_urls(tag["srcset"]):
                assert (path.parent / url).is_file(), f"{name}: {url} is missing"
    assert seen >= 2


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a ``srcset`` (``a.webp 1x, a-2x.webp 2x``)."""
    return [c.split()[0] for c in srcset.split(",") if c.strip()]


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_loaded_from_outside_the_site(site: Path, lang: str) -> None:
    for name, path in html_pages(site, lang).items():
        page = soup(path)
        urls = [t.get("src") for t in page.find_all(["script", "img", "source", "iframe"])]
        urls += [u for t in page.find_all(srcset=True) for u in srcset_urls(t["srcset"])]
        urls += [t.get("href") for t in page.find_all("link") if "stylesheet" in t.get("rel", [])]
        urls += [t.get("href") for t in page.find_all("link") if "preload" in t.get("rel", [])]
        for url in filter(None, urls):
            assert not re.match(r"^(https?:)?//", url), f"{name} loads {url}"
    for css in (site / lang).rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


@pytest.mark.parametrize("lang", LANGS)
def test_no_js_comes_off_before_the_page_content_is_parsed(site: Path, lang: str) -> None:
    """furo marks <html> "no-js" and takes it off at DOMContentLoaded, which restyles every element
    of a parsed page; each page takes it off itself before the body holds anything but scripts."""
    for name, path in html_pages(site, lang).items():
        page = soup(path)
        assert "no-js" in page.html.get("class", []), name  # still furo's markup
        before = []
        for tag in page.body.find_all(recursive=False):
            if tag.name == "script" and 'classList.remove("no-js")' in tag.get_text():
                break
            before.append(tag.name)
        else:
            pytest.fail(f"{name}: no script takes no-js off <html>")
        assert set(before) <= {"script"}, f"{name}: {before} parsed while <html> is no-js"


@pytest.mark.parametrize("lang", LANGS)
def test_the_minima_page_shows_its_map_before_its_table(site: Path, lang: str) -> None:
    """The design review (round 20): the table of the nine critical points came first and the map
    that shows them after it; the picture comes first, the numbers under it."""
    page = soup(site / lang / "minima.html")
    section = page.find(id="fig-critical-points").find_parent("section")
    kinds = [t.name for t in section.find_all(["figure", "table"])]
    assert kinds[:2] == ["figure", "table"], kinds


@pytest.mark.parametrize("lang", LANGS)
def test_the_curvature_page_opens_with_a_figure(site: Path, lang: str) -> None:
    """The design review (round 20): the curvature page's first figure came after the quadratic
    model's whole section; now the three fates its intro names are drawn before any section."""
    page = soup(site / lang / "curvature.html")
    first = page.find("article").find("figure")
    assert first is not None and first.get("id") == "fig-three-fates", first
    model = page.find("article").find_all("section")[1]  # the first section after the title's
    assert first.find_parent("section") is not model and first not in model.find_all("figure")
    text = page.find("article").get_text()
    assert text.index(first.find("figcaption").get_text()[:20]) < text.index(model.h2.get_text())


@pytest.mark.parametrize("lang", LANGS)
def test_math_is_rendered_as_mathml(site: Path, lang: str) -> None:
    page = soup(site / lang / "terms.html")
    assert len(page.find_all("math")) >= 10
    article = page.select_one("article").get_text()
    assert "$" not in article and "\\frac" not in article and "{{" not in article


def test_korean_and_english_figures_differ(site: Path) -> None:
    ko, en = site / "ko" / "_images", site / "en" / "_images"
    names = {p.name for p in ko.iterdir()}
    assert names == {p.name for p in en.iterdir()} and names
    for name in names:
        if name.startswith("thumb_"):
            continue  # a card's thumbnail has no words (a crop of a figure, or the symbols)
        assert (ko / name).read_bytes() != (en / name).read_bytes(), name


def test_pages_show_the_numbers_gdcore_computed(site: Path) -> None:
    from gdcore import descend, get_landscape

    end = descend(get_landscape("peaks"), (0, 1.4), learning_rate=0.01, epochs=1000).final
    half = descend(get_landscape("peaks"), (0, 1.4), learning_rate=0.5, epochs=1000).final
    for lang in LANGS:
        for page in ("index.html", "gd2d.html"):
            text = soup(site / lang / page).get_text()
            assert f"({end[0]:.6f}, {end[1]:.6f})" in text, page
        text = soup(site / lang / "exercises.html").get_text().replace("\u2212", "-")
        assert f"({half[0]:.3f},{half[1]:.3f})" in text.replace(
            " ", ""
        )  # MathML text of lr 0.5's end


def test_korean_search_finds_words_inside_longer_words(site: Path) -> None:
    index = (site / "ko" / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    found = set()
    for table in ("terms", "titleterms"):  # a word in a page's title is indexed there only
        hits = data[table].get("경사", [])
        found |= {data["docnames"][i] for i in ([hits] if isinstance(hits, int) else hits)}
    assert {"index", "terms", "glossary"} <= found  # 경사하강법, 경사와 편미분, 경사상승법 ...
    assert "language_data.js" in {p.name for p in (site / "ko" / "_static").iterdir()}
    assert "stemWord" in (site / "ko" / "_static" / "language_data.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "word", "page"),
    [
        ("ko", "방향", "gradient"),  # 방향 도함수
        ("ko", "조건수", "curvature"),
        ("ko", "고유벡터", "hessian"),
        ("en", "direct", "gradient"),  # directional derivative, stemmed
        ("en", "condit", "curvature"),  # condition number, stemmed
        ("en", "eigenvector", "hessian"),
    ],
)
def test_search_finds_the_why_pages_by_their_terms(
    site: Path, lang: str, word: str, page: str
) -> None:
    index = (site / lang / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    found = set()
    for table in ("terms", "titleterms"):  # a word in a page's headings is indexed there only
        hits = data[table].get(word, [])
        found |= {data["docnames"][i] for i in ([hits] if isinstance(hits, int) else hits)}
    assert page in found, (word, sorted(found))


def test_landing_page_sends_readers_to_their_language(site: Path) -> None:
    page = soup(site / "index.html")
    hrefs = {a["href"] for a in page.find_all("a")}
    assert hrefs == {"ko/index.html", "en/index.html"}  # works without JavaScript
    assert "navigator.languages" in page.script.string and "localStorage" in page.script.string
    assert (site / ".nojekyll").is_file()
    assert sorted(p.name for p in site.iterdir()) == [
        ".nojekyll", "en", "index.html", "ko", "robots.txt", "sitemap.xml",
    ]  # fmt: skip


def test_sitemap_and_robots_point_at_the_published_site(site: Path) -> None:
    import yaml

    base = yaml.safe_load((site.parents[1] / "_config.yml").read_text(encoding="utf-8"))["html"][
        "baseurl"
    ]
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots
    tree = ElementTree.parse(site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in tree.getroot().iterfind("s:url/s:loc", ns)}
    for lang in LANGS:
        for name in content_pages(site, lang):
            assert f"{base}{lang}/{name}" in locs


@in_sandbox
def test_a_second_build_does_nothing_and_changes_no_file(sandbox: dict, rebuild) -> None:
    site, root = sandbox["html"], sandbox["root"]
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert "up to date" in rebuild()
    # even when forced: Sphinx rewrites, the figure cache answers, and no byte changes
    generated = {p: p.stat().st_mtime_ns for p in (root / "book").rglob("_generated/*")}
    out = rebuild("--force")
    assert "0 files written" in out
    assert {p: p.stat().st_mtime_ns for p in (root / "book").rglob("_generated/*")} == generated
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


@in_sandbox
def test_an_incremental_build_writes_the_bytes_of_a_clean_one(
    sandbox: dict[str, Path], rebuild, tmp_path: Path
) -> None:
    """After a page edit, every file (the search index's glossary terms too) is as a clean build
    of the same sources writes it."""
    site, root = sandbox["html"], sandbox["root"]
    page = root / "book" / "en" / "gd1d.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\nA closing sentence about quokkas.\n", encoding="utf-8")
    try:
        rebuild()
        incremental = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        clean_root = copy_repo(root, tmp_path / "clean")
        build_site(clean_root, env={"GD_FIGURE_CACHE": str(sandbox["cache"])})
    finally:
        page.write_text(original, encoding="utf-8")
        rebuild()  # back to the original page, for the tests after this one
    clean_site = clean_root / "_build" / "html"
    clean = {
        p.relative_to(clean_site): p.read_bytes() for p in clean_site.rglob("*") if p.is_file()
    }
    assert b"quokka" in incremental[Path("en/searchindex.js")]
    assert b'"indexentries": {}' not in incremental[Path("en/searchindex.js")]
    assert sorted(incremental) == sorted(clean)
    assert [name for name in sorted(clean) if incremental[name] != clean[name]] == []


@in_sandbox
def test_editing_one_page_module_redraws_only_that_pages_entries(
    sandbox: dict[str, Path], rebuild
) -> None:
    from gdcore.book.pages import terms

    site = sandbox["html"]
    module = sandbox["root"] / "gdcore" / "book" / "pages" / "terms.py"
    original = module.read_text(encoding="utf-8")
    module.write_text(original + "\nEDITED = 1  # one more constant\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    try:
        out = rebuild()
    finally:
        module.write_text(original, encoding="utf-8")
    from gdcore.book.pages import THUMBNAILS

    drawn = sorted(re.findall(r"drawing (\w+) \((\w+)\)", out))
    own = {e.name for e in terms.ENTRIES}
    # and the home page's card thumbnail drawn from one of them
    own |= {f"thumb_{page}" for page, (name, _) in THUMBNAILS.items() if name in own}
    assert drawn == sorted((name, lang) for name in own for lang in LANGS)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    rebuild()  # back to the original source


@in_sandbox
def test_a_claim_the_numbers_deny_fails_the_build(sandbox: dict[str, Path]) -> None:
    # with these rates no start reaches the global minimum: "at 0.07, … reach it" is false. The
    # minima page's own module is edited (not params.py, which every page reads), so only that
    # page is computed again and the test takes seconds, not minutes.
    params = sandbox["root"] / "gdcore" / "book" / "pages" / "minima.py"
    original = params.read_text(encoding="utf-8")
    assert "LIMIT_LRS = (0.05, 0.07, 0.1)" in (params.parent.parent / "params.py").read_text(
        encoding="utf-8"
    )
    params.write_text(original + "\nLIMIT_LRS = (0.07, 0.08, 0.1)\n", encoding="utf-8")
    try:
        proc = subprocess.run(
            [sys.executable, str(sandbox["root"] / "scripts" / "build_site.py")],
            cwd=sandbox["root"], capture_output=True, text=True, timeout=900,
            env={**os.environ, "GD_FIGURE_CACHE": str(sandbox["cache"]),
                 "PYTHONPATH": str(sandbox["root"])},
        )  # fmt: skip
    finally:
        params.write_text(original, encoding="utf-8")
    assert proc.returncode != 0
    log = proc.stdout + proc.stderr
    assert "ClaimError" in log and "starts_reach_global_below_limit" in log


def test_jupyter_book_build_from_the_root_builds_the_whole_site(
    site: Path, site_build: dict[str, Path]
) -> None:
    root = site.parents[1]
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    jb = Path(sys.executable).with_name("jupyter-book")
    out = root / "_build" / "root"
    proc = subprocess.run(
        [str(jb), "build", ".", "--path-output", str(out), "-W", "--keep-going", "-q"],
        cwd=root, capture_output=True, text=True, timeout=900,
        env={**os.environ, "GD_FIGURE_CACHE": str(site_build["cache"]), "PYTHONPATH": str(root)},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = out / "_build" / "html"
    assert {p.name for p in html.iterdir()} == {p.name for p in site.iterdir()}
    for name in ("index.html", "ko/index.html", "en/gd1d.html", "en/searchindex.js"):
        assert (html / name).read_bytes() == (site / name).read_bytes(), name
    # the other site folder was not touched
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_links_inside_the_site_resolve(site: Path) -> None:
    for lang in LANGS:
        for name, path in html_pages(site, lang).items():
            for a in soup(path).find_all("a", href=True):
                href = a["href"]
                if re.match(r"^(https?:|mailto:|#)", href):
                    continue
                target = urlparse(urljoin(f"http://x/{lang}/{name}", href)).path.lstrip("/")
                assert (site / target).exists(), f"{lang}/{name}: broken link {href}"


def test_html_is_valid(site: Path) -> None:
    """html-validate (standard + a11y presets; exceptions justified in the config) on every page."""
    tool = REPO / "scripts" / "node" / "node_modules" / ".bin" / "html-validate"
    assert tool.is_file(), (
        "html-validate is missing: scripts/test installs scripts/node with npm ci"
    )
    pages = [str(p) for p in site.rglob("*.html") if "_static" not in p.parts]
    proc = subprocess.run(
        [str(tool), "--config", str(REPO / "scripts" / "node" / "htmlvalidate.config.cjs"), *pages],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_fragment_links_point_at_existing_anchors(site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    for lang in LANGS:
        for name, path in html_pages(site, lang).items():
            for a in soup(path).find_all("a", href=True):
                url = urlparse(urljoin(f"http://x/{lang}/{name}", a["href"]))
                if url.netloc != "x" or not url.fragment:
                    continue
                target = site / url.path.lstrip("/")
                if target not in ids:
                    ids[target] = {t["id"] for t in soup(target).find_all(id=True)}
                assert url.fragment in ids[target], f"{lang}/{name}: no #{url.fragment} in {target}"


BUDGET = 1_000_000  # bytes a page may transfer (uncompressed, every image at full size)


@pytest.mark.parametrize("lang", LANGS)
def test_page_weight_budget(site: Path, lang: str) -> None:
    """HTML + stylesheets + scripts + images of each page stay under 1 MB (before compression)."""
    sys.path.insert(0, str(REPO / "scripts"))
    import sitecheck

    for name, path in html_pages(site, lang).items():
        total = sitecheck.page_weight(path)
        assert total <= BUDGET, f"{lang}/{name} weighs {total:,} bytes"


MATH_FONT = REPO / "book" / "_ext" / "gdsite" / "fonts" / "DejaVuMathTeXGyre.ttf"


@pytest.mark.parametrize("lang", LANGS)
def test_the_served_math_font_has_every_glyph_the_formulas_draw(site: Path, lang: str) -> None:
    """Read with fontTools, the served math font holds what a browser draws for every formula of
    every page: each character of their token elements (a one-letter <mi> in the italic form
    MathML Core draws it in), the radical sign of each square root, and for every stretchy
    character (brackets, bars, the radical, arrows) each taller or wider variant and each part
    the full font assembles a larger one from. Words in <mtext> that the math font does not have
    (Hangul) are the text face's to draw. (Read independently of gdsite.mathfont.)"""
    from fontTools.ttLib import TTFont
    from mathglyphs import constructions, drawn

    served = TTFont(site / lang / "_static" / "gd-math.woff2")
    full = TTFont(MATH_FONT)
    cmap = served.getBestCmap()
    where: dict[str, set[str]] = {}
    for name, path in html_pages(site, lang).items():
        for math in soup(path).find_all("math"):
            for char, element in drawn(math):
                where.setdefault(char, set()).add(f"{name} <{element}>")
    words = {
        c
        for c, places in where.items()
        if all(p.endswith("<mtext>") for p in places)
        and unicodedata.name(c, "").startswith("HANGUL")
    }
    missing = {
        f"{c} U+{ord(c):04X}": sorted(where[c])[:3]
        for c in sorted(set(where) - words)
        if ord(c) not in cmap
    }
    assert missing == {}, missing
    assert "\u221a" in where and "\U0001d453" in where  # √ (terms: the norm) and 𝑓 are drawn
    for c in sorted(set(where) - words):
        assert constructions(served, c) == constructions(full, c), f"{c}: {sorted(where[c])[:3]}"
