"""gdsite.cards: the ``cards`` directive, the path through the book as linked cards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx_project import make_project, write_animation, write_image  # book/_ext on sys.path

# isort: split

from gdsite.cards import SOURCE, THUMBNAIL, inline_css

TOCTREE = "```{toctree}\n:hidden:\nterms\ngradient\n```\n"
CARDS = (
    "```{cards}\n"
    "- {doc}`terms`: how a *gradient* differs from {math}`\\partial f`.\n"
    "- {doc}`gradient`: arrows & more,\n"
    "  on two lines.\n"
    "```\n"
)
PAGES = {
    "terms.md": "# Terms and notation\n\nText.\n",
    "gradient.md": "# The gradient\n\nText.\n",
}


def write_thumbnails(srcdir: Path, pages: tuple[str, ...] = ("terms", "gradient")) -> None:
    """Each page's thumbnail and its versions, as the registry makes them (``thumb_<page>``)."""
    for page in pages:
        for version, k in (("", 1), ("-2x", 2), ("-dark", 1), ("-dark-2x", 2)):
            name = THUMBNAIL.format(page=page).replace(".webp", f"{version}.webp")
            write_image(srcdir / "_generated" / name, (128 * k, 96 * k), "WEBP")


def project(tmp_path: Path, body: str = CARDS, builder: str = "html", *, missing: str = ""):
    """A home page holding ``body`` (after an animation, the page's first image) and two pages;
    the thumbnail ``missing`` is not there."""
    write_thumbnails(tmp_path)
    if missing:
        (tmp_path / "_generated" / missing).unlink()
    write_animation(tmp_path, "run", (50, 40))
    home = f"# Home\n\n{TOCTREE}\n```{{animation}} run\n:alt: a run\n```\n\n{body}"
    files = {"index.md": home, **PAGES}
    return make_project(tmp_path, files, builder, html_math_renderer="mathml")


def cards_html(html: str) -> str:
    """The page's list of cards."""
    found = re.search(r'<ol class="gd-cards">.*?</ol>', html, re.S)
    assert found, html
    return found.group(0)


def test_each_item_is_a_card_linking_its_page_in_the_order_written(tmp_path: Path) -> None:
    out = project(tmp_path)
    assert out.warnings == ""
    html = cards_html(out.read("index.html"))
    items = re.findall(r"<li class=\"gd-card\">(.*?)</li>", html, re.S)
    assert len(items) == 2
    first, second = items
    # one link per card, named by all it shows (its number, title and line)
    assert first.startswith('<a class="gd-card-link" href="terms.html">')
    assert "aria-labelledby" not in html and "aria-describedby" not in html
    assert first.endswith("</a>") and first.count("<a ") == 1
    assert '<span class="gd-card-title" id="gd-card-terms">Terms and notation</span>' in first
    # the formula with the full stop after it, kept on one line (gdsite.nobreak)
    assert (
        '<span class="gd-card-line" id="gd-card-terms-line">how a <em>gradient</em> differs from'
        ' <span class="gd-nobr"><span class="math"><math'
    ) in first
    assert first.endswith("</math></span>.</span></span></span></a>")
    assert 'href="gradient.html"' in second and ">The gradient</span>" in second
    assert "arrows &amp; more,\non two lines." in second


def test_the_thumbnail_is_sized_lazy_decorative_with_its_dark_and_sharp_versions(
    tmp_path: Path,
) -> None:
    out = project(tmp_path)
    html = cards_html(out.read("index.html"))
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(pictures) == 2
    assert pictures[0] == (
        '<picture><source srcset="_images/thumb_terms-dark.webp 1x, '
        '_images/thumb_terms-dark-2x.webp 2x" media="screen and (prefers-color-scheme: dark)" '
        'data-gd-dark="screen" /><img width="128" height="96" loading="lazy" decoding="async" '
        'srcset="_images/thumb_terms.webp 1x, _images/thumb_terms-2x.webp 2x" alt="" '
        'class="gd-card-thumb" src="_images/thumb_terms.webp" /></picture>'
    )
    for name in ("thumb_gradient.webp", "thumb_gradient-dark-2x.webp"):
        assert (out.outdir / "_images" / name).is_file()


def test_other_builders_get_the_list_as_written(tmp_path: Path) -> None:
    out = project(tmp_path, builder="text")
    assert out.warnings == ""
    text = out.read("index.txt")
    assert "* Terms and notation: how a *gradient* differs from" in text
    assert "* The gradient: arrows & more, on two lines." in text
    assert "thumb_" not in text


def test_latex_gets_the_list_with_its_links(tmp_path: Path) -> None:
    out = project(tmp_path, builder="latex")
    tex = next(out.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"{Terms and notation}}}}: how a \sphinxstyleemphasis{gradient}" in tex
    assert "thumb_" not in tex


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("```{cards}\nNo list here.\n```\n", "must be one bullet list"),
        ("```{cards}\n- just words: no link\n```\n", "item 1 must start with a link to a page"),
        ("```{cards}\n- {doc}`terms` without a colon\n```\n", "followed by a colon and a line"),
        ("```{cards}\n- {doc}`terms`:\n```\n", "followed by a colon and a line"),
        (
            "```{cards}\n- {doc}`terms`: see {doc}`gradient` too\n```\n",
            "item 1: a card is one link",
        ),
        (
            "```{cards}\n- {doc}`terms`: fine\n- {doc}`gradient`: a [link](https://x.org)\n```\n",
            "item 2: a card is one link",
        ),
        ("```{cards}\n- {doc}`terms`: one\n\n  two paragraphs\n```\n", "item 1 must be one line"),
    ],
)
def test_a_malformed_list_is_an_error_naming_the_item(
    tmp_path: Path, body: str, message: str
) -> None:
    out = project(tmp_path, body)
    assert message in out.warnings, out.warnings


def test_a_page_without_its_thumbnail_is_an_error_naming_it(tmp_path: Path) -> None:
    out = project(tmp_path, missing="thumb_gradient.webp")
    assert "item 2: gradient has no thumbnail" in out.warnings, out.warnings
    assert "thumb_gradient.webp does not exist" in out.warnings


def test_the_stylesheet_is_inline_in_the_head_of_the_cards_page_only(tmp_path: Path) -> None:
    out = project(tmp_path)
    head = out.read("index.html").split("</head>")[0]
    styles = re.findall(r"<style>(.*?)</style>", head, re.S)
    assert styles == [inline_css(SOURCE.read_text(encoding="utf-8"))]
    assert ".gd-card-link{" in styles[0] and "/*" not in styles[0]
    for page in ("terms.html", "gradient.html", "search.html"):
        assert ".gd-card-link" not in out.read(page), page


def test_the_inline_stylesheet_keeps_what_the_rules_say() -> None:
    css = '/* a note */\n.a > b:hover .c ,\n.d {\n  content: "→";\n  margin: 0 auto;\n}\n'
    assert inline_css(css) == '.a>b:hover .c,.d{content:"→";margin:0 auto}'
