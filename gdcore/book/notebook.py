"""A lesson page as a Jupyter notebook: the page's own words, and code a learner runs.

The markdown cells are the page's MyST source with its values substituted (math stays ``$...$``
LaTeX, roles become plain text or links, claim markers disappear); the code cells are the page's
own code (``literalinclude`` of a function, ``python`` blocks) and the cells its module declares
with a ``notebook`` registry entry (:class:`~gdcore.book.registry.Code`): each goes where its
``at`` says, a figure it draws replaced by it. A figure no cell draws becomes its caption. The
result is deterministic: fixed cell ids and metadata, no outputs, no execution counts.

The site's extension (``gdsite.notebooks``) calls :func:`page_notebook` for every page whose
module declares cells; nothing here imports Sphinx.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from gdcore.book.words import section, word

#: The notebook format written (a version every Jupyter and Colab opens).
NBFORMAT_MINOR = 5
#: The metadata every notebook carries: nothing that changes between builds.
METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
_FENCE = re.compile(r"^(`{3,}|:{3,})\s*(?:\{([\w-]+)\})?\s*(.*?)\s*$")
_OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")
_SUBST = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_ROLE = re.compile(r"\{([\w-]+)\}`([^`]*)`")
_CLAIM_END = re.compile(r"\]\{\.claim \.\w+\}")
_TARGET = re.compile(r"^\(([\w-]+)\)=\s*$")


class NotebookError(ValueError):
    """A page cannot become a notebook (an anchor, value or role the converter does not know)."""


@dataclass
class _Block:
    """A piece of the page: markdown text, or a fenced block (directive or code)."""

    text: str
    directive: str | None = None  # figure, answer, python (a code fence's language), ...
    argument: str = ""
    options: dict[str, str] = field(default_factory=dict)
    body: str = ""
    braced: bool = False  # a MyST directive (```{name}), not a plain code fence


def _blocks(text: str) -> Iterator[_Block]:
    """The page's top-level blocks: paragraphs (split at blank lines) and fenced blocks."""
    lines = text.split("\n")
    i, para = 0, []
    while i < len(lines):
        line = lines[i]
        m = _FENCE.match(line)
        if m:
            if para:
                yield _Block("\n".join(para))
                para = []
            fence, name, arg = m.group(1), m.group(2), m.group(3)
            j = i + 1
            while j < len(lines) and not (
                lines[j].strip().startswith(fence[0] * len(fence))
                and set(lines[j].strip()) == {fence[0]}
                and len(lines[j].strip()) >= len(fence)
            ):
                j += 1
            body = lines[i + 1 : j]
            options = {}
            if name:  # a directive's options come first
                while body and _OPTION.match(body[0]):
                    key, value = _OPTION.match(body[0]).groups()
                    options[key] = value
                    body = body[1:]
            directive = name or (arg.split()[0] if arg else "text")
            yield _Block(
                "\n".join(lines[i : j + 1]),
                directive,
                arg if name else "",
                options,
                "\n".join(body).strip("\n"),
                bool(name),
            )
            i = j + 1
            continue
        if not line.strip() or _TARGET.match(line):
            if para:
                yield _Block("\n".join(para))
                para = []
        elif line.startswith("#") and para:  # a heading starts a block of its own
            yield _Block("\n".join(para))
            para = [line]
        else:
            para.append(line)
        i += 1
    if para:
        yield _Block("\n".join(para))


def _strip_claims(text: str) -> str:
    """``[sentence]{.claim .name}`` → ``sentence`` (the brackets matched, links kept)."""
    while m := _CLAIM_END.search(text):
        depth, k = 0, m.start() - 1
        while k >= 0:
            if text[k] == "]":
                depth += 1
            elif text[k] == "[":
                if depth == 0:
                    break
                depth -= 1
            k -= 1
        if k < 0:
            raise NotebookError(f"a claim marker without its opening bracket: {m.group(0)}")
        text = text[:k] + text[k + 1 : m.start()] + text[m.end() :]
    return text


@dataclass
class _Page:
    """What converting one page needs besides its text."""

    values: Mapping[str, str]
    doc_link: Callable[[str], tuple[str, str]]  # a docname → its (title, url) on the site
    source_dir: Path  # where the page's file is (literalinclude paths are relative to it)
    lang: str


def _definitions(text: str) -> str:
    """MyST's definition lists (a term, then ``: definition``) as a bold term and its text:
    Jupyter's markdown has no definition lists."""
    lines = text.split("\n")
    for k in range(1, len(lines)):
        if lines[k].startswith(": ") and lines[k - 1].strip() and lines[k - 1][0] not in " :":
            lines[k - 1] = f"**{lines[k - 1].strip()}**  "
            lines[k] = lines[k][2:]
    return "\n".join(lines)


def _preset_link(key: str, page: _Page) -> str:
    """A ``playground-preset`` role: its words, linked to the playground running that preset
    (plain words in a project without a playground page)."""
    presets = section("playground", page.lang)["script"]["presets"]
    if key not in presets:
        raise NotebookError(f"{{playground-preset}}`{key}` names no preset")
    text = word("playground_link.text", page.lang, preset=presets[key])
    try:
        _, url = page.doc_link("playground")
    except NotebookError:
        return text
    return f"[{text}]({url}?preset={key})"


def _inline(text: str, page: _Page) -> str:
    """Roles, claims and substitutions of one markdown block, as plain markdown."""
    text = _definitions(_strip_claims(text))

    def doc_or_term(m: re.Match) -> str:
        kind, content = m.groups()
        shown, sep, target = re.sub(r"\s+", " ", content).partition(" <")  # may span lines
        if kind == "term":
            return shown
        if kind == "doc":
            title, url = page.doc_link(target.rstrip(">") if sep else content)
            return f"[{shown if sep else title}]({url})"
        if kind == "playground-preset":
            return _preset_link(content.strip(), page)
        raise NotebookError(f"the role {{{kind}}} has no notebook form (in {m.group(0)!r})")

    text = _ROLE.sub(doc_or_term, text)

    def subst(m: re.Match) -> str:
        name = m.group(1)
        if name not in page.values:
            raise NotebookError(f"the page shows {{{{ {name} }}}}, which no values entry makes")
        return page.values[name]

    return _SUBST.sub(subst, text)


def _pyobject(path: Path, name: str) -> str:
    """The source of the function or class ``name`` in ``path`` (as ``literalinclude`` shows)."""
    source = path.read_text("utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            return ast.get_source_segment(source, node) or ""
    raise NotebookError(f"{path.name} has no {name!r} to include")


class _Writer:
    """Collects cells: markdown joined until a heading or a code cell interrupts it."""

    def __init__(self, codes: Sequence[Mapping[str, Any]]) -> None:
        self.cells: list[dict[str, Any]] = []
        self.markdown: list[str] = []
        self.codes = list(codes)
        self.used: set[int] = set()

    def text(self, md: str) -> None:
        if md.startswith("#") and self.markdown:
            self.flush()
        self.markdown.append(md)

    def flush(self) -> None:
        if self.markdown:
            self.cells.append({"kind": "markdown", "source": "\n\n".join(self.markdown)})
            self.markdown = []

    def code(self, source: str, checks: Sequence = ()) -> None:
        self.flush()
        self.cells.append({"kind": "code", "source": source, "checks": list(checks)})

    def anchored(self, at: str) -> bool:
        """Write every declared cell anchored ``at``; whether there was one."""
        found = False
        for k, c in enumerate(self.codes):
            if c["at"] == at and k not in self.used:
                self.used.add(k)
                self.code(c["source"], c["checks"])
                found = True
        return found


def _convert(text: str, page: _Page, out: _Writer) -> None:
    for block in _blocks(text):
        d = block.directive
        if d is None:
            out.text(_inline(block.text, page))
            for name in _SUBST.findall(block.text):
                out.anchored(f"after:{name}")
        elif d in ("figure", "animation"):
            name = block.options.get("name", "")
            caption = _inline(block.body, page)
            if out.anchored(name):
                if caption:
                    out.text(f"*{caption}*")
            else:
                figure = word("notebook.figure", page.lang)
                out.text(f"*{figure}* {caption}".rstrip())
        elif d == "literalinclude":
            target = block.options.get("pyobject")
            if not target:
                raise NotebookError(f"literalinclude without :pyobject: ({block.argument})")
            out.code(_pyobject(page.source_dir / block.argument, target))
        elif d == "answer":
            answer = word("notebook.answer", page.lang)
            out.text(f"**{answer}**")
            _convert(block.body, page, out)
        elif d == "admonition":
            out.text(f"**{_inline(block.argument, page)}**")
            _convert(block.body, page, out)
        elif d == "note":  # a note box (a digression, e.g. on floating point): titled, then kept
            note = word("notebook.note", page.lang)
            out.text(f"**{note}**")
            _convert(block.body, page, out)
        elif d == "live":  # a figure the reader moves: the still figure before it stands for it
            continue
        elif d in ("python", "python3", "ipython") and not block.braced:
            out.code(block.body)
        elif block.braced:
            raise NotebookError(f"the directive {{{d}}} has no notebook form")
        else:  # a plain code block in another language: shown as it is
            out.text(_inline(block.text, page))


def page_notebook(
    text: str,
    codes: Sequence[Mapping[str, Any]],
    values: Mapping[str, str],
    *,
    lang: str,
    page_url: str,
    doc_link: Callable[[str], tuple[str, str]],
    source_dir: Path,
) -> nbformat.NotebookNode:
    """The notebook of one page.

    ``text`` is the page's MyST source; ``codes`` its module's notebook cells as the registry
    stores them (``source``, ``at``, ``checks``); ``values`` the language's page values;
    ``page_url`` the page on the site; ``doc_link(docname)`` a page's ``(title, url)``.
    Raises :class:`NotebookError` naming what cannot be converted or a cell whose ``at`` the
    page does not have.
    """
    if text.startswith("---\n"):  # front matter
        text = text[text.index("\n---", 3) + 4 :]
    page = _Page(values, doc_link, source_dir, lang)
    out = _Writer(codes)
    body = text.strip("\n")
    title, _, rest = body.partition("\n")
    if not title.startswith("# "):
        raise NotebookError(f"a page starts with its title ('# ...'); got {title[:40]!r}")
    out.text(_inline(title, page))
    out.text(word("notebook.intro", lang, url=page_url))
    out.text(word("notebook.install", lang) + "\n\n```\n%pip install numpy sympy matplotlib\n```")
    out.anchored("start")
    _convert(rest, page, out)
    out.anchored("end")
    out.flush()
    missing = [c["at"] for k, c in enumerate(codes) if k not in out.used]
    if missing:
        raise NotebookError(f"code cells anchored where the page has no such place: {missing}")
    unknown = sorted({v for c in codes for v, _, _ in c["checks"] if v not in values})
    if unknown:
        raise NotebookError(
            f"a cell checks {', '.join(map(repr, unknown))}, which no values entry makes"
        )
    nb = nbformat.v4.new_notebook(metadata=METADATA)
    nb.nbformat_minor = NBFORMAT_MINOR
    for k, cell in enumerate(out.cells):
        source = cell["source"].strip("\n")
        if cell["kind"] == "markdown":
            made = nbformat.v4.new_markdown_cell(source)
        else:
            made = nbformat.v4.new_code_cell(source)
            if cell["checks"]:
                made.metadata["gd_checks"] = [
                    {"value": v, "index": i, "exact": float(x), "shown": values[v]}
                    for v, i, x in cell["checks"]
                ]
        made.id = f"cell-{k:03d}"
        nb.cells.append(made)
    nbformat.validate(nb)
    return nb


def to_bytes(nb: nbformat.NotebookNode) -> bytes:
    """The notebook file's bytes: the same notebook always gives the same bytes."""
    return (nbformat.writes(nb, version=4) + "\n").encode()


# --- reading back what a notebook printed (the tests) --------------------------------------------
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?inf|nan")


def printed_numbers(stdout: str) -> list[float]:
    """The numbers a checked cell printed: on each line with ``=``, those after the last ``=``."""
    found = []
    for line in stdout.splitlines():
        if "=" in line:
            found += [float(n) for n in _NUMBER.findall(line.rsplit("=", 1)[1])]
    return found


def shown_numbers(text: str) -> list[tuple[float, float]]:
    """The numbers a page value's text shows, each with half a unit of its last digit:
    ``$(0.296, {-0.989})$`` → ``[(0.296, 5e-4), (-0.989, 5e-4)]``; ``95.6%`` → ``(0.956, 5e-4)``;
    ``3.23 \\times 10^{-15}`` → ``(3.23e-15, 5e-18)``; ``10,000`` → ``(10000, 0.5)``."""
    t = text.replace("−", "-").replace("{", "").replace("}", "")
    t = re.sub(r"(\d),(\d{3})", r"\1\2", t).replace("\\times", "times")
    t = re.sub(r"\\\w+|_\w|\^\\circ", " ", t)  # commands, subscripts (λ_1), degrees
    out = []
    pattern = r"(?<![\w.])10\^(-?\d+)|(?<![\w.])(-?\d+(?:\.\d+)?)(\s*times\s*10\^(-?\d+))?(%)?"
    for m in re.finditer(pattern, t):
        if m.group(1) is not None:  # 10^{-6}
            out.append((10.0 ** int(m.group(1)), 0.0))
            continue
        digits = m.group(2)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        scale = 10.0 ** int(m.group(4)) if m.group(3) else 1.0
        if m.group(5):
            scale /= 100
        out.append((float(digits) * scale, 0.5 * 10.0**-decimals * scale))
    return out


def checks_of(nb: nbformat.NotebookNode) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """``(cell index, checks)`` of every code cell that declares printed numbers."""
    for k, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.metadata.get("gd_checks"):
            yield k, cell.metadata["gd_checks"]
