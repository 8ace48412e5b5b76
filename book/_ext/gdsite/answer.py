"""The ``answer`` directive: an exercise's answer, closed until the reader opens it.

HTML (and the builders that share its translator: dirhtml, singlehtml, epub) gets a native
``<details>`` toggle, no script needed. LaTeX, text, manual pages and Texinfo cannot hide anything:
they show the summary as a bold label and the answer below it, indented.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.manpage import ManualPageTranslator
from sphinx.writers.texinfo import TexinfoTranslator
from sphinx.writers.text import TextTranslator


class answer(nodes.General, nodes.Element):
    """A collapsed answer: its ``summary`` attribute, then its content."""


class AnswerDirective(SphinxDirective):
    """``{answer}``: the content (figures and math too) stays closed until the reader opens it.

    The optional argument replaces the summary (by default the words catalog's
    ``answer.summary``: ``답 보기`` / ``Show the answer``).
    """

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        """One ``answer`` node holding the parsed content."""
        from gdcore.book.words import word

        lang = self.env.config.language
        node = answer(summary=self.arguments[0] if self.arguments else word("answer.summary", lang))
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


# --- HTML ---------------------------------------------------------------------------------------
def visit_answer_html(self: HTML5Translator, node: answer) -> None:
    """Open ``<details>``."""
    self.body.append(
        f'<details class="gd-answer"><summary>{self.encode(node["summary"])}</summary>\n'
    )


def depart_answer_html(self: HTML5Translator, node: answer) -> None:
    """Close ``</details>``."""
    self.body.append("</details>\n")


# --- LaTeX --------------------------------------------------------------------------------------
def visit_answer_latex(self: LaTeXTranslator, node: answer) -> None:
    """The summary in bold, then the answer in a ``quote``."""
    summary = self.encode(node["summary"])
    self.body.append(f"\n\n\\noindent\\sphinxstylestrong{{{summary}}}\n\\begin{{quote}}\n")


def depart_answer_latex(self: LaTeXTranslator, node: answer) -> None:
    """Close the ``quote``."""
    self.body.append("\n\\end{quote}\n")


# --- text ---------------------------------------------------------------------------------------
def visit_answer_text(self: TextTranslator, node: answer) -> None:
    """The summary on its own line, then the answer indented."""
    self.new_state(0)
    self.add_text(node["summary"])
    self.end_state()
    self.new_state()


def depart_answer_text(self: TextTranslator, node: answer) -> None:
    """End the indented answer."""
    self.end_state()


# --- manual page --------------------------------------------------------------------------------
def visit_answer_man(self: ManualPageTranslator, node: answer) -> None:
    """The summary in bold, then the answer indented."""
    self.ensure_eol()
    self.body.append(".sp\n" + self.defs["strong"][0])
    self.visit_Text(nodes.Text(node["summary"]))  # escaped as any text of the page
    self.body.append(self.defs["strong"][1] + "\n")
    self.visit_block_quote(node)


def depart_answer_man(self: ManualPageTranslator, node: answer) -> None:
    """End the indented answer."""
    self.depart_block_quote(node)


# --- Texinfo ------------------------------------------------------------------------------------
def visit_answer_texinfo(self: TexinfoTranslator, node: answer) -> None:
    """The summary in bold, then the answer in a ``@quotation``."""
    self.body.append(f"\n\n@noindent\n@strong{{{self.escape(node['summary'])}}}\n\n@quotation\n")


def depart_answer_texinfo(self: TexinfoTranslator, node: answer) -> None:
    """Close the ``@quotation``."""
    self.body.append("\n@end quotation\n\n")


def setup(app: Sphinx) -> None:
    """Register the node, with its markup for every builder Sphinx ships, and the directive."""
    app.add_node(
        answer,
        html=(visit_answer_html, depart_answer_html),
        latex=(visit_answer_latex, depart_answer_latex),
        text=(visit_answer_text, depart_answer_text),
        man=(visit_answer_man, depart_answer_man),
        texinfo=(visit_answer_texinfo, depart_answer_texinfo),
    )
    app.add_directive("answer", AnswerDirective)
