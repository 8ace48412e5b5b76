"""The ``answer`` directive: an exercise's answer, closed until the reader opens it.

HTML (and the builders that share its translator: dirhtml, singlehtml, epub) gets a native
``<details>`` toggle, no script needed.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator


class answer(nodes.General, nodes.Element):
    """A collapsed answer: its ``summary`` attribute, then its content."""


#: The summary when the directive has no argument, by language.
ANSWER_SUMMARY = {"ko": "답 보기", "en": "Show the answer"}


class AnswerDirective(SphinxDirective):
    """``{answer}``: the content (figures and math too) stays closed until the reader opens it.

    The optional argument replaces the summary (``답 보기`` / ``Show the answer``).
    """

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        """One ``answer`` node holding the parsed content."""
        lang = self.env.config.language
        node = answer(
            summary=self.arguments[0] if self.arguments else ANSWER_SUMMARY.get(lang, "Answer")
        )
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def visit_answer_html(self: HTML5Translator, node: answer) -> None:
    """Open ``<details>``."""
    self.body.append(
        f'<details class="gd-answer"><summary>{self.encode(node["summary"])}</summary>\n'
    )


def depart_answer_html(self: HTML5Translator, node: answer) -> None:
    """Close ``</details>``."""
    self.body.append("</details>\n")


def setup(app: Sphinx) -> None:
    """Register the node (HTML) and the directive."""
    app.add_node(
        answer,
        html=(visit_answer_html, depart_answer_html),
    )
    app.add_directive("answer", AnswerDirective)
