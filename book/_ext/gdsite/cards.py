"""The ``cards`` directive: the path through the book, one card per page, each a link.

The content is a bullet list written as any contents list, one item per page in the order to
read them, so the words stay in the page's Markdown for translators::

    ```{cards}
    - {doc}`terms`: how a gradient differs from a partial derivative.
    - {doc}`gradient`: the gradient drawn as arrows.
    ```

Each item becomes a card: the page's thumbnail, ``_generated/thumb_<page>.webp`` (a
``thumbnail`` entry of the registry, with its versions for the dark page and sharp screens, which
:mod:`.images` offers as for any generated figure), the page's title (what the ``{doc}`` link
shows) and the line after the colon, which says what the page teaches. In HTML the cards are an
ordered list (``<ol class="gd-cards">``) and each card is one link, named by the page's title and
described by its line, with the thumbnail's size reserved (``width``/``height``) and loaded lazily
below the first screen. Other builders get the list as it was written: the title, a colon, the
line; no pictures.

The page that shows the cards (the home page: its first screen too) gets their stylesheet,
``cards.css``, inline in its ``<head>`` (comments and runs of blanks taken out), where it costs no
request before the first paint; no other page carries it.

A list item that is not a ``{doc}`` link followed by a colon and its line, a line that holds a
link of its own (a card is one link), or a page without its thumbnail is an error naming it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import docname_join
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from .generated import GENERATED

#: The stylesheet of the page that shows the cards (its first screen too), put inline in its head.
SOURCE = Path(__file__).with_name("cards.css")
#: A page's thumbnail, beside the page that shows the cards (the registry's ``thumb_<page>``).
THUMBNAIL = "thumb_{page}.webp"
#: How an item reads: a link to a page, a colon, what the page teaches.
FORM = "- {doc}`page`: what the page teaches"


class cards(nodes.General, nodes.Element):
    """The cards, in reading order (an ``<ol>`` in HTML)."""


class card(nodes.General, nodes.Element):
    """One card: its thumbnail (an image), its page's link (``{doc}``: the title) and its line
    (an inline ``gd-card-line``). ``page``: the page's document name."""


def is_link(node: nodes.Node) -> bool:
    """Whether ``node`` is a link (resolved or not)."""
    return isinstance(node, nodes.reference | addnodes.pending_xref)


class CardsDirective(SphinxDirective):
    """``{cards}``: a list of ``{doc}`` links with a line each, as cards (see the module)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        """The ``cards`` node, or an error naming what is wrong."""
        parsed = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, parsed)
        if len(parsed.children) != 1 or not isinstance(parsed[0], nodes.bullet_list):
            raise self.error(f"cards: the content must be one bullet list, each item {FORM}")
        result = cards(classes=["gd-cards"])
        for number, item in enumerate(parsed[0].children, 1):
            result += self.card(number, item)
        self.env.metadata[self.env.docname]["gd_cards"] = True  # the page gets the stylesheet
        self.env.note_dependency(str(SOURCE))  # an edited stylesheet rewrites the page
        return [result]

    def card(self, number: int, item: nodes.Element) -> card:
        """The card of the list's item ``number`` (from 1)."""
        where = f"cards: item {number}"
        paragraph = item[0] if len(item.children) == 1 else None
        if not isinstance(paragraph, nodes.paragraph):
            raise self.error(f"{where} must be one line: {FORM}")
        link, *after = paragraph.children
        if not (isinstance(link, addnodes.pending_xref) and link.get("reftype") == "doc"):
            raise self.error(f"{where} must start with a link to a page: {FORM}")
        after, *rest = after or [nodes.Text("")]
        text = after.astext() if isinstance(after, nodes.Text) else ""
        if not text.startswith(":") or not (text[1:].strip() or rest):
            raise self.error(f"{where}: the link must be followed by a colon and a line: {FORM}")
        line = [nodes.Text(text[1:].lstrip()), *rest]
        if any(n.next_node(is_link, include_self=True) for n in line):
            raise self.error(f"{where}: a card is one link, so its line cannot hold another")
        target = link["reftarget"]
        if target.startswith("/"):  # from the source folder
            page = target.lstrip("/")
        else:
            page = docname_join(self.env.docname, target)
        name = THUMBNAIL.format(page=page.rsplit("/", 1)[-1])
        thumbnail = Path(self.env.doc2path(self.env.docname)).parent / GENERATED / name
        if not thumbnail.is_file():
            raise self.error(f"{where}: {page} has no thumbnail: {thumbnail} does not exist")
        image = nodes.image(uri=f"{GENERATED}/{name}", alt="", classes=["gd-card-thumb"])
        described = nodes.inline("", "", *line, classes=["gd-card-line"])
        described["ids"] = [f"{card_id(page)}-line"]
        return card("", image, link, described, page=page)


def card_id(page: str) -> str:
    """The HTML id of a card's title (``gd-card-<page>``, the page's name as an id)."""
    return "gd-card-" + re.sub(r"[^\w-]", "-", page)


def visit_cards_html(self: HTML5Translator, node: cards) -> None:
    """``<ol class="gd-cards">``."""
    self.body.append(self.starttag(node, "ol", ""))


def depart_cards_html(self: HTML5Translator, node: cards) -> None:
    """``</ol>``."""
    self.body.append("</ol>\n")


def visit_card_html(self: HTML5Translator, node: card) -> None:
    """``<li>`` holding one link: the thumbnail, the title and the line. The link's name is all
    the text it shows, its number included (a name made of the title alone would not match the
    visible label: WCAG 2.5.3, axe's label-content-name-mismatch)."""
    image, link, line = node.children
    reference = link if isinstance(link, nodes.reference) else link.next_node(nodes.reference)
    ident = card_id(node["page"])
    self.body.append('<li class="gd-card">')
    if reference is not None:
        self.body.append(f'<a class="gd-card-link" href="{self.attval(reference["refuri"])}">')
    image.walkabout(self)
    self.body.append(f'<span class="gd-card-text"><span class="gd-card-title" id="{ident}">')
    self.body.append(self.encode(link.astext()))
    self.body.append("</span>")
    line.walkabout(self)
    self.body.append("</span>" + ("</a>" if reference is not None else "") + "</li>\n")
    raise nodes.SkipNode


def as_list(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """For a builder other than HTML: the cards as the list they were written as (the title, a
    colon, the line), without pictures."""
    if app.builder.format == "html":
        return
    for node in list(doctree.findall(cards)):
        items = nodes.bullet_list(bullet="-")
        for one in node.children:
            _, link, line = one.children
            items += nodes.list_item(
                "", nodes.paragraph("", "", link, nodes.Text(": "), *line.children)
            )
        node.replace_self(items)


def inline_css(text: str) -> str:
    """``text`` (CSS) without its comments and runs of blanks: what the page carries."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" ?([{}:;,>]) ?", r"\1", text).replace(";}", "}").strip()


def stylesheet(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """The page that shows the cards gets their stylesheet inline, in its ``<head>``."""
    if app.env.metadata.get(pagename, {}).get("gd_cards"):
        css = inline_css(SOURCE.read_text(encoding="utf-8"))
        context["metatags"] = context.get("metatags", "") + f"\n<style>{css}</style>"


def setup(app: Sphinx) -> None:
    """Register the nodes (HTML writes them; :func:`as_list` turns them into a list for every
    other builder), the directive, the conversion and the stylesheet."""
    app.add_node(cards, html=(visit_cards_html, depart_cards_html))
    app.add_node(card, html=(visit_card_html, None))
    app.add_directive("cards", CardsDirective)
    app.connect("doctree-resolved", as_list)
    app.connect("html-page-context", stylesheet)
