"""Print: a page printed to PDF in Chromium (the stylesheet's ``@media print`` section), read back
with pypdf: the answers are on paper, the navigation is not, a link that leaves the site shows its
address, figures stay whole with their captions, and a reader in dark mode prints light figures.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.site  # prints the built site

PAGE = "exercises.html"  # answers behind <details>, figures with captions
#: The book links to nothing outside the site today; the test adds a link as Sphinx writes one.
LINK = "https://example.org/print-check"


def squeeze(text: str) -> str:
    """Text without whitespace (a PDF breaks lines where the page does; a space of the Korean
    font reads back as a control character)."""
    return re.sub(r"[\s\x00-\x1f]+", "", text)


@pytest.mark.parametrize(("lang", "scheme"), [("en", "light"), ("ko", "dark")])
def test_a_printed_page_has_the_answers_and_link_addresses_but_no_navigation(
    browser, base_url: str, lang: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base_url}/{lang}/{PAGE}", wait_until="load")
    page.evaluate(
        """link => { const a = document.createElement('a');
        a.className = 'reference external'; a.href = link; a.textContent = 'a source';
        document.querySelector('article p:not(.gd-notebook)').append(' ', a); }""",
        LINK,
    )
    # each closed answer's longest run of text outside formulas (MathML prints as math letters)
    answers = page.eval_on_selector_all(
        "details.gd-answer:not([open])",
        """ds => ds.map(d => {
            const walk = document.createTreeWalker(d, NodeFilter.SHOW_TEXT);
            let best = '';
            while (walk.nextNode()) {
                const n = walk.currentNode, t = n.textContent.trim();
                if (!n.parentElement.closest('math, summary') && t.length > best.length) best = t;
            }
            return best; })""",
    )
    assert len(answers) >= 2 and all(answers)
    # words of the navigation (sidebar, switcher, page links) that the article itself never uses
    article = page.eval_on_selector("article", "a => a.textContent")  # closed answers too
    chrome = page.eval_on_selector_all(
        ".sidebar-drawer a, .gd-lang a, .related-pages .title, .skip-to-content, .back-to-top",
        "els => els.map(e => e.textContent.trim()).filter(t => t)",
    )
    chrome = [t for t in chrome if squeeze(t) not in squeeze(article)]
    assert len(chrome) >= 5
    page.emulate_media(media="print")
    page.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=30000)
    # paper: light figures (a dark version is for screens), figures kept whole with captions
    shown = page.eval_on_selector_all("article img", "imgs => imgs.map(i => i.currentSrc)")
    assert shown and not [src for src in shown if "-dark" in src]
    styles = page.eval_on_selector_all(
        "article figure",
        "fs => fs.map(f => [getComputedStyle(f).breakInside,"
        " getComputedStyle(f.querySelector('figcaption')).breakBefore])",
    )
    assert styles and all(s == ["avoid", "avoid"] for s in styles), styles
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = squeeze(" ".join(p.extract_text() for p in pdf.pages))
    for answer in answers:  # every answer, though closed on screen
        assert squeeze(answer)[:40] in text, answer
    assert squeeze(f"a source ({LINK})") in text
    assert [t for t in chrome if squeeze(t) in text] == []
    assert errors == []
    context.close()


#: The printed page's content box: A4 less the stylesheet's @page margins (1.6 cm, 1.4 cm), in CSS px.
A4_CONTENT_PX = (round((21.0 - 2 * 1.4) / 2.54 * 96), round((29.7 - 2 * 1.6) / 2.54 * 96))


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(
    "name", ["exercises.html", "hessian.html", "curvature.html", "minima.html"]
)
def test_every_figure_fits_one_printed_page_and_no_answer_label_prints(
    browser, base_url: str, lang: str, name: str
) -> None:
    """On paper each figure, with its caption, is shorter than a page, so it is never split
    (its x label alone on the next page) and never pushes a half page of white before it; the
    answers' toggle labels are not printed."""
    width, height = A4_CONTENT_PX
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{base_url}/{lang}/{name}", wait_until="load")
    page.emulate_media(media="print")
    page.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=30000)
    tall = page.eval_on_selector_all(
        "article figure",
        f"fs => fs.filter(f => f.offsetParent && f.getBoundingClientRect().height > {height})"
        ".map(f => [f.id, Math.round(f.getBoundingClientRect().height)])",
    )
    assert tall == []
    labels = page.eval_on_selector_all(
        "details.gd-answer > summary", "ss => ss.filter(s => s.getClientRects().length).length"
    )
    assert labels == 0
    context.close()
