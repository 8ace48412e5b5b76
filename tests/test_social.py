"""Pages that share well: every built page's Open Graph and Twitter card tags, its canonical link,
and its preview card (``gdsite.social``), as a messenger such as KakaoTalk reads them."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "book" / "_ext"))

from gdsite import social  # noqa: E402

LANGS = ("ko", "en")
CONFIG = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
SITE_URL = CONFIG["html"]["baseurl"]
LANGUAGES = CONFIG["sphinx"]["config"]["gd_languages"]
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def tags(page: BeautifulSoup) -> dict[str, list[str]]:
    """Every ``<meta property|name=og:*|twitter:*>`` of a page: name → contents, in order."""
    found: dict[str, list[str]] = {}
    for meta in page.find_all("meta"):
        name = meta.get("property") or meta.get("name") or ""
        if name.startswith(("og:", "twitter:")):
            found.setdefault(name, []).append(meta["content"])
    return found


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_carries_a_card_in_its_own_language(
    site_build: dict[str, Path], lang: str
) -> None:
    site = site_build["html"]
    pages = sorted((site / lang).rglob("*.html"))
    assert len(pages) > 5
    other = next(code for code in LANGUAGES if code != lang)
    for path in pages:
        name = path.relative_to(site / lang).as_posix()
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        t = tags(page)
        one = {k: v[0] for k, v in t.items()}
        assert all(len(v) == 1 for k, v in t.items()), (name, t)
        url = f"{SITE_URL}{lang}/{name}"
        assert one["og:url"] == url, name
        assert page.find("link", rel="canonical")["href"] == url, name
        # the title as the page's own heading says it; the description as the page's meta tag
        h1 = page.find("h1").get_text(" ", strip=True).rstrip("#").strip()
        assert one["og:title"] == one["twitter:title"] == h1, name
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert one["og:description"] == one["twitter:description"] == description, name
        assert len(description) >= 30, name
        assert bool(HANGUL.search(description)) == (lang == "ko"), (name, description)
        assert bool(HANGUL.search(one["og:title"])) == (lang == "ko"), (name, one["og:title"])
        assert one["og:site_name"] == LANGUAGES[lang]["title"]
        assert one["og:locale"] == social.LOCALES[lang]
        assert one["og:locale:alternate"] == social.LOCALES[other]
        assert one["twitter:card"] == "summary_large_image"
        # the card: a 1200 × 630 PNG published beside the page
        image = one["og:image"]
        assert image == one["twitter:image"] == f"{SITE_URL}{lang}/_og/{name[:-5]}.png"
        card = site / image.removeprefix(SITE_URL)
        with Image.open(card) as im:
            assert (im.format, im.size) == ("PNG", social.CARD_SIZE), name
        assert (one["og:image:width"], one["og:image:height"]) == tuple(map(str, social.CARD_SIZE))
        assert one["og:title"] in one["og:image:alt"]
        # the site's name once, even on the home page whose title is the name
        assert one["og:image:alt"].count(one["og:site_name"]) == 1, (name, one["og:image:alt"])


@pytest.mark.site
def test_the_landing_page_shares_as_the_book_in_both_languages(site_build: dict[str, Path]) -> None:
    site = site_build["html"]
    page = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    one = {k: v[0] for k, v in tags(page).items()}
    assert one["og:url"] == page.find("link", rel="canonical")["href"] == f"{SITE_URL}index.html"
    for lang in LANGS:
        assert LANGUAGES[lang]["title"] in one["og:title"]
        assert LANGUAGES[lang]["description"] in one["og:description"]
    assert one["og:image"] == one["twitter:image"] == f"{SITE_URL}ko/_og/index.png"
    assert (site / "ko" / "_og" / "index.png").is_file()
    assert (one["og:locale"], one["og:locale:alternate"]) == ("ko_KR", "en_US")
    assert one["twitter:card"] == "summary_large_image"


@pytest.mark.site
def test_cards_differ_by_page_and_language(site_build: dict[str, Path]) -> None:
    site = site_build["html"]
    cards = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.glob("*/_og/*.png")}
    pages = {p.relative_to(site).as_posix() for p in site.glob("*/*.html")}
    assert {f"{n.split('/')[0]}/{Path(n).stem}.html" for n in cards} == pages
    assert len(set(cards.values())) == len(cards)  # no two pages share a card


def test_a_card_is_deterministic_and_drawn_once(tmp_path: Path, monkeypatch) -> None:
    first = social.card("경사하강법 2D", "경사하강법 2D", None, tmp_path)
    with Image.open(io.BytesIO(first)) as im:
        assert (im.format, im.size, im.mode) == ("PNG", social.CARD_SIZE, "RGB")
    assert social.draw_card("경사하강법 2D", "경사하강법 2D", None) == first  # same bytes
    drawn = []
    monkeypatch.setattr(social, "draw_card", lambda *a: drawn.append(a) or b"x")
    assert social.card("경사하강법 2D", "경사하강법 2D", None, tmp_path) == first  # from the cache
    assert drawn == []
    social.card("Another title", "경사하강법 2D", None, tmp_path)  # a new title: drawn
    assert len(drawn) == 1
