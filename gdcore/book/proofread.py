"""Reading the pages as a reviewer does: the checks the build's tests run on the book's sources.

Each check reads the MyST pages (``book/<lang>/<page>.md``) and the reading order (``_toc.yml``)
as they are, and returns what it finds (an empty list when the pages pass), so a test can run it
on the whole book or on a few fixture strings:

- :func:`unscoped_claims`: a claimed sentence that states a rule over many cases ("every",
  "never", 모든, 마다 …; :func:`scope_words`) must be backed by a claim that checked more than one
  case (:meth:`gdcore.book.registry.Claim.every`).
- :func:`term_order`: every glossary term is glossed at or before its first use in the reading
  order, by a definition on the page or by a link whose glossary entry the reader can already read
  (so a link to the Hessian, whose entry speaks of eigenvalues, glosses nothing before eigenvalues
  are), and every symbol the glossary defines (:data:`SYMBOLS`) is first used in a sentence that
  names its term.
- :func:`particle_mismatches`: every Korean particle after a number or formula fits the formula
  read aloud (:func:`gdcore.book.numfmt.read_aloud`).

:func:`claim_spans` finds the claimed sentences (``[…]{.claim .name}``); the claims report for
reviewers (``scripts/claims``) lists them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from gdcore.book.numfmt import PARTICLES, particle, read_aloud

LANGS = ("ko", "en")


# --- the book as a reader meets it ----------------------------------------------------------
def reading_order(root: Path) -> list[str]:
    """The pages of ``root/_toc.yml`` in reading order, as file stems (``index``, ``terms`` …)."""
    toc = yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8"))
    if not isinstance(toc, dict) or "root" not in toc:
        raise ValueError(f"{root}/_toc.yml: must be a mapping with a 'root' page")
    files = [toc["root"]]

    def walk(entries: Iterable[Mapping]) -> None:
        for entry in entries or ():
            if "file" in entry:
                files.append(entry["file"])
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key, ()))

    walk([{key: toc[key] for key in ("parts", "chapters") if key in toc}])
    return [Path(f).name.removesuffix(".md") for f in files]


def read_pages(root: Path, lang: str) -> dict[str, str]:
    """``{page: its MyST source}`` for ``lang``, in reading order."""
    return {
        page: (Path(root) / "book" / lang / f"{page}.md").read_text(encoding="utf-8")
        for page in reading_order(root)
    }


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_CODE = re.compile(r"^(`{3,})\s*(?:\{(?:literalinclude|code-cell|code-block|playground)\}|python|"
                   r"bash|text|md|myst)\b.*?^\1\s*$", re.S | re.M)  # fmt: skip
_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![$\\])\$(?!\$)((?:\\\$|[^$])+?)\$")
_SUBSTITUTION = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_ROLE = re.compile(r"\{([\w-]+)\}`([^`]*)`")
_CLAIM_CLOSE = re.compile(r"\]\{\.claim \.(\w+)\}")


def body(text: str) -> str:
    """A page without its front matter and code blocks (what is read, not run)."""
    return _CODE.sub("", _FRONT_MATTER.sub("", text))


def shown(text: str) -> str:
    """MyST markup reduced to what the reader sees: ``{term}`a <b>``` → a, ``{doc}`p``` → p,
    bold and claim markers dropped, line breaks as spaces. Math and substitutions stay."""
    text = _ROLE.sub(lambda m: re.sub(r"\s*<[^>]*>$", "", m.group(2)), text)
    text = _CLAIM_CLOSE.sub("", text).replace("**", "")
    return re.sub(r"\s+", " ", text).strip()


def substitute(text: str, values: Mapping[str, str]) -> str:
    """``{{ name }}`` replaced by its value (an unknown name is an error naming it)."""

    def value(m: re.Match) -> str:
        if m.group(1) not in values:
            raise KeyError(f"{{{{ {m.group(1)} }}}} is not a computed value")
        return values[m.group(1)]

    return _SUBSTITUTION.sub(value, text)


# --- claimed sentences -----------------------------------------------------------------------
@dataclass(frozen=True)
class ClaimSpan:
    """One sentence a page marks as a claim: its claim's name, its MyST text and where it is."""

    name: str
    text: str
    offset: int


def claim_spans(text: str) -> list[ClaimSpan]:
    """Every ``[…]{.claim .name}`` of a page, in page order (brackets inside it, math and inline
    code are skipped over)."""
    spans, opened, i = [], [], 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
        elif c in "$`":
            run = len(text[i:]) - len(text[i:].lstrip(c))
            if c == "`" and run >= 3:  # a fence: what it holds is read on
                i += run
                continue
            end = text.find(c * run, i + run)
            i = end + run if end >= 0 else len(text)
        else:
            if c == "[":
                opened.append(i)
            elif c == "]" and opened:
                start = opened.pop()
                m = _CLAIM_CLOSE.match(text, i)
                if m:
                    spans.append(ClaimSpan(m.group(1), text[start + 1 : i], start))
            i += 1
    return sorted(spans, key=lambda s: s.offset)


# --- 1. claims check their whole scope ---------------------------------------------------------
#: Words that state a rule over many cases. English: every (everywhere, everything …), all (not
#: the idiom "at all"), always, never, none, nothing, nowhere (not "nowhere near"), forever, "no"
#: before a noun (no start, no rate; not "no longer"), "not one", whenever, each (not "each
#: other"). Korean: 모든, 항상, 언제나, 결코, 하나도, 한 번도, 마다, 전부, 영원히, 어디에도,
#: 각/각각 (each), and 어느/아무/어떤 … 도 (어느 극소점에도, 아무 시작점도: "no … at all").
SCOPE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        r"\bevery\w*", r"(?<!\bat )\ball\b", r"\balways\b", r"\bforever\b", r"\bnever\b",
        r"\bnone\b", r"\bnothing\b", r"\bnowhere\b(?!\s+near)", r"\bno\s+(?!longer\b)[a-z]+",
        r"\bnot\s+(?:a\s+single|one)\b", r"\bwhenever\b", r"\beach\b(?!\s+other)",
    ),
    "ko": (
        r"모든", r"항상", r"언제나", r"결코", r"하나도", r"한\s*번도", r"마다", r"전부", r"영원히",
        r"어디에도", r"각각", r"(?<![가-힣])각(?=\s)",
        r"(?:어느|아무|어떤)\s*(?:\S+\s+){0,2}?\S*도(?![가-힣])",
    ),
}  # fmt: skip


def scope_words(sentence: str, lang: str) -> list[str]:
    """The words of ``sentence`` (MyST) that state a rule over many cases, as written."""
    if lang not in SCOPE_WORDS:
        raise ValueError(f"lang must be one of {', '.join(SCOPE_WORDS)}; got {lang!r}")
    text = _INLINE_MATH.sub(" ", _SUBSTITUTION.sub(" ", shown(sentence)))
    flags = re.I if lang == "en" else 0
    found = [
        (m.start(), m.group(0)) for p in SCOPE_WORDS[lang] for m in re.finditer(p, text, flags)
    ]
    return [word for _, word in sorted(found)]


@dataclass(frozen=True)
class UnscopedClaim:
    """A claimed sentence that states a rule over many cases, backed by a claim of one case."""

    page: str
    lang: str
    name: str
    sentence: str
    words: tuple[str, ...]
    cases: int

    def __str__(self) -> str:
        return (
            f"{self.lang}/{self.page}.md: {self.name} ({self.cases} case) says "
            f"{', '.join(repr(w) for w in self.words)}: {shown(self.sentence)}"
        )


def unscoped_claims(
    pages: Mapping[str, Mapping[str, str]], cases: Mapping[str, int]
) -> list[UnscopedClaim]:
    """Every claimed sentence of ``pages`` (``{lang: {page: MyST text}}``) that says "every",
    "never", 모든 … (:func:`scope_words`) while its claim checked one case (``cases``: claim name →
    :attr:`~gdcore.book.registry.Claim.cases`). A sentence naming a claim nothing computes is an
    error (the layout test reports it first)."""
    found = []
    for lang, texts in pages.items():
        for page, text in texts.items():
            for span in claim_spans(body(text)):
                words = scope_words(span.text, lang)
                if not words:
                    continue
                if span.name not in cases:
                    raise KeyError(f"{lang}/{page}.md claims {span.name!r}, which nothing computes")
                if cases[span.name] < 2:
                    found.append(
                        UnscopedClaim(
                            page, lang, span.name, span.text, tuple(words), cases[span.name]
                        )
                    )
    return found


# --- 3. terms and symbols before their use -----------------------------------------------------
def glossary_definitions(text: str) -> dict[str, str]:
    """A glossary page's entries: ``{term: its whole definition}``, in page order. Entries a
    reader does not see (inside ``<div hidden>``, such as old names kept as link targets) are not
    the glossary's."""
    text = re.sub(r"<div hidden>.*?</div>", "", text, flags=re.S)
    blocks = re.findall(r"^```\{glossary\}\n(.*?)^```", text, re.S | re.M)
    if not blocks:
        raise ValueError("the glossary page has no ```{glossary} block")
    entries = re.findall(r"^(\S[^\n]*)\n((?:  [^\n]*\n?|[ \t]*\n(?=  ))+)", "".join(blocks), re.M)
    return {term: " ".join(definition.split()) for term, definition in entries}


def glossary(text: str) -> dict[str, str]:
    """A glossary page's entries: ``{term: the first sentence of its definition}`` (on the Korean
    page, the English name; on the English page, the Korean one)."""
    return {
        term: definition.split(".")[0]
        for term, definition in glossary_definitions(text).items()
        if "." in definition
    }


def glossary_references(text: str) -> dict[str, set[str]]:
    """Which entries each glossary entry's definition links to (``{term}`` roles), by entry name:
    what a reader who follows a link to it must already know."""
    definitions = glossary_definitions(text)
    by_lower = {term.lower(): term for term in definitions}
    return {
        term: {
            by_lower[target.lower()]
            for target in (
                " ".join((role.partition("<")[2].rstrip(">") or role).split())
                for role in re.findall(r"\{term\}`([^`]*)`", definition)
            )
            if target.lower() in by_lower and by_lower[target.lower()] != term
        }
        for term, definition in definitions.items()
    }


@dataclass(frozen=True)
class Symbol:
    """A symbol the glossary defines: how it is written in TeX and in text, and its entry."""

    name: str
    tex: str  # a pattern over TeX source
    text: str  # a pattern over plain text (values, prose)
    entries: tuple[str, ...]  # the English glossary entry that defines it (any of these names)


#: The symbols the term-order test knows. A symbol is checked when the glossary's own math uses it;
#: any other Greek letter, ∇, ∂ or ‖·‖ in the glossary's math fails the test until it is added.
SYMBOLS = (
    Symbol(
        "H", r"(?<![\\A-Za-z])H(?![A-Za-z])", r"(?<![A-Za-z0-9])H(?![A-Za-z0-9_])", ("hessian",)
    ),
    Symbol("λ", r"\\lambda(?![A-Za-z])", "λ", ("eigenvalue",)),
    Symbol("∇", r"\\nabla(?![A-Za-z])", "∇", ("gradient",)),
    Symbol("‖·‖", r"\\[lr]?Vert(?![A-Za-z])|\\\|", "‖", ("norm",)),
    Symbol("κ", r"\\kappa(?![A-Za-z])", "κ", ("condition number",)),
    Symbol("η", r"\\eta(?![A-Za-z])", "η", ("learning rate",)),
    Symbol("ρ", r"\\rho(?![A-Za-z])", "ρ", ("rate of convergence",)),
    Symbol("β", r"\\beta(?![A-Za-z])", "β", ("momentum",)),
    Symbol("∂", r"\\partial(?![A-Za-z])", "∂", ("partial derivative",)),
    Symbol(
        "D_u",
        r"(?<![\\A-Za-z])D_\{?(?:\\mathbf\{u\}|u)",
        "D_u|Dᵤ",
        ("directional derivative",),
    ),
    Symbol(
        "D",
        r"(?<![\\A-Za-z])D(?![A-Za-z_])",
        r"(?<![A-Za-z0-9])D(?![A-Za-z0-9_])",
        ("second-derivative test", "second derivative test"),
    ),
)
_GREEK_NAMES = (
    "alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|"
    "phi|chi|psi|omega"
)
_KNOWN_SIGN = re.compile(
    rf"\\(?:[a-z]*(?:{_GREEK_NAMES})|nabla|partial|[lr]?Vert)(?![A-Za-z])|\\\|"
)


#: Greek letters the glossary uses as a variable inside one definition ("if the two vectors make
#: an angle θ"), not as a symbol of the book: not checked.
VARIABLES = {r"\theta": "an angle", r"\alpha": "an angle", r"\varepsilon": "a tolerance"}


def glossary_symbols(glossary_text: str) -> list[Symbol]:
    """The symbols of :data:`SYMBOLS` that the glossary page's math uses. A Greek letter, ∇, ∂
    or ‖·‖ there that neither :data:`SYMBOLS` nor :data:`VARIABLES` knows is an error naming it."""
    math = " ".join(_INLINE_MATH.findall(glossary_text) + _DISPLAY_MATH.findall(glossary_text))
    used = [s for s in SYMBOLS if re.search(s.tex, math)]
    for m in _KNOWN_SIGN.finditer(math):
        if m.group(0) in VARIABLES:
            continue
        if not any(re.fullmatch(s.tex, m.group(0)) or re.match(s.tex, m.group(0)) for s in SYMBOLS):
            raise ValueError(
                f"the glossary defines {m.group(0)}, which proofread.SYMBOLS does not know: add it "
                "with the glossary entry that defines it (or to VARIABLES, if it is a variable "
                "inside one definition)"
            )
    return used


@dataclass(frozen=True)
class EarlyUse:
    """A term or symbol used before the reading order glosses it."""

    what: str
    lang: str
    page: str
    context: str
    defined_on: str | None  # where the book first glosses it (None: nowhere)
    #: what the reader has not met yet that this gloss needs: for a term linked here, the entries
    #: its glossary definition links to; for a symbol, its term
    needs: tuple[str, ...] = ()
    symbol: bool = False

    def __str__(self) -> str:
        where = f"first glossed on {self.defined_on}" if self.defined_on else "glossed nowhere"
        if self.needs and self.symbol:
            how = f"is named by its term {self.needs[0]}, which is not glossed yet"
        elif self.needs:
            how = f"linked, but its glossary entry needs {', '.join(self.needs)}, not yet glossed"
        else:
            how = "used before it is glossed"
        return f"{self.lang}/{self.page}.md: {self.what} {how} ({where}): …{self.context}…"


def _reading_text(text: str) -> str:
    """A page as running text for the term-order test: no front matter, code, headings,
    directive options or contents entries (a list item that starts with a link to a page, "-
    {doc}`curvature`: the Hessian …", previews that page); a definition list's term marked
    ``\\x01term\\x02`` before its definition."""
    text = body(text)
    text = re.sub(r"^#+ .*$|^:[a-z-]+:.*$|^```.*$", "", text, flags=re.M)
    text = re.sub(r"^[-*] \{doc\}`[^`]*`.*(?:\n  .*)*", "", text, flags=re.M)
    return re.sub(r"^(\S[^\n]*)\n(?=: )", "\x01\\1\x02\n", text, flags=re.M)


def _segments(text: str) -> list[tuple[str, str, frozenset[str]]]:
    """``(kind, shown text, glossary targets)`` in page order: ``link`` for a ``{term}`` link,
    ``defined`` for bold or italic text and a definition list's term, ``plain`` for the rest
    (math removed; ``{doc}``/``{ref}`` links dropped: they point at pages, they use no terms)."""
    text = _INLINE_MATH.sub(" ", _DISPLAY_MATH.sub(" ", text))
    pattern = re.compile(
        r"\{term\}`(?P<role>[^`]*)`|\{[\w-]+\}`[^`]*`|\*\*(?P<bold>.+?)\*\*"
        r"|(?<![*\w])\*(?P<em>[^*\n]+)\*(?![*\w])|\x01(?P<dl>[^\x02]*)\x02",
        re.S,
    )
    out, at = [], 0
    for m in pattern.finditer(text):
        out.append(("plain", text[at : m.start()], frozenset()))
        at = m.end()
        if m.group("role") is not None:
            shown_text, _, target = m.group("role").partition("<")
            target = " ".join((target.rstrip(">") or shown_text).split())
            out.append(("link", shown_text, frozenset({target.lower()})))
        elif m.group("bold") or m.group("em") or m.group("dl"):
            inner = m.group("bold") or m.group("em") or m.group("dl")
            targets = {
                " ".join((t.partition("<")[2].rstrip(">") or t).split()).lower()
                for t in re.findall(r"\{term\}`([^`]*)`", inner)
            }
            out.append(("defined", shown(inner), frozenset(targets)))
    out.append(("plain", text[at:], frozenset()))
    return [(kind, re.sub(r"\s+", " ", s), t) for kind, s, t in out]


def _name_pattern(name: str, lang: str) -> re.Pattern:
    """A term's name as it occurs in running text: in English in any case, each word also in its
    plural (minima, rates of convergence), with a hyphen or a line break between its words."""
    if lang != "en":
        return re.compile(r"(?<![가-힣])" + r"[\s-]+".join(map(re.escape, name.split())))

    def plural(word: str) -> str:  # minimum: minima; rate: rates
        if word.lower().endswith("um"):
            return re.escape(word[:-2]) + "(?:um|ums|a)"
        return re.escape(word) + "(?:s|es)?"

    words = r"[\s-]+".join(plural(w) for w in re.split(r"[\s-]+", name))
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


def _mentions(term: str, patterns: Mapping[str, re.Pattern], text: str) -> list[re.Match]:
    """Where ``text`` names ``term``, leaving out its name inside a longer entry's name (gradient
    in gradient descent, 경사 in 경사하강법)."""
    longer = [o for o in patterns if o != term and patterns[term].search(o)]
    inside = [o.span() for other in longer for o in patterns[other].finditer(text)]
    return [
        m
        for m in patterns[term].finditer(text)
        if not any(a <= m.start() and m.end() <= b for a, b in inside)
    ]


def _page_events(
    patterns: Mapping[str, re.Pattern],
    segments: list[tuple[str, str, frozenset[str]]],
    english: Mapping[str, str] | None,
) -> dict[str, list[tuple[str, str]]]:
    """Each term's events on a page, in order: ``(kind, context)``. A mention is ``link`` inside
    a ``{term}`` link to its entry (also inside bold text), ``defined`` where a bold or italic
    span or a definition list's term is its name (``**eigenvalue**``, ``**고윳값(eigenvalue)**``),
    and otherwise ``plain`` (a use), also inside a bold sentence. On a Korean page
    (``english``: term → its English name) a name written 한국어(English) is glossed like a link."""
    events: dict[str, list[tuple[int, str, str]]] = {}
    position = 0
    for kind, text, targets in segments:
        bare = re.sub(r"\s*\([^)]*\)\s*$", "", text.strip())  # a span's text without its (English)
        for term in patterns:
            found = []
            if kind == "defined" and patterns[term].fullmatch(bare) is not None:
                mine = "defined"
            else:  # a link to it, also one inside a bold sentence
                mine = "link" if term.lower() in targets else ""
            for m in _mentions(term, patterns, text):
                here = mine or "plain"
                if here == "plain" and english and english.get(term):
                    after = text[m.end() : m.end() + len(english[term]) + 4].lower()
                    if re.match(rf"\s*\({re.escape(english[term].lower())}\)", after):
                        here = "link"
                context = text[max(0, m.start() - 40) : m.end() + 30]
                found.append((position + m.start(), here, context))
            if mine and not found:  # a link to the entry that shows other words
                found.append((position, mine, text))
            events.setdefault(term, []).extend(found)
        position += len(text) + 1
    return {t: [(k, c) for _, k, c in sorted(e)] for t, e in events.items() if e}


def _sentences(text: str) -> list[str]:
    """A page's running text as sentences, math kept. A definition list's item (its term and
    every paragraph of its definition, which is indented) is one unit: it is all about the term."""
    out: list[str] = []
    in_definition = False
    for paragraph in re.split(r"\n[ \t]*\n", text.strip("\n")):
        if paragraph.startswith("\x01"):
            out.append(paragraph)
            in_definition = True
            continue
        if in_definition and paragraph.startswith("  "):  # the definition goes on
            out[-1] += "\n\n" + paragraph
            continue
        in_definition = False
        maths: list[str] = []

        def hide(m: re.Match, maths: list[str] = maths) -> str:
            maths.append(m.group(0))
            return f"\x03{len(maths) - 1}\x03"

        hidden = _INLINE_MATH.sub(hide, _DISPLAY_MATH.sub(hide, paragraph))
        for sentence in re.split(r"(?<=[.?!])\s+|\n(?=\s*(?:[-*]|\d+\.)\s)", hidden):
            sentence = re.sub(r"\x03(\d+)\x03", lambda k, m=maths: m[int(k.group(1))], sentence)
            if sentence.strip():
                out.append(sentence.strip())
    return [unit.replace("\x01", "").replace("\x02", "") for unit in out]


def _symbol_in(symbol: Symbol, sentence: str) -> bool:
    maths = _INLINE_MATH.findall(sentence) + _DISPLAY_MATH.findall(sentence)
    outside = _INLINE_MATH.sub(" ", _DISPLAY_MATH.sub(" ", sentence))
    outside = _ROLE.sub(" ", outside)  # a role's target is a name, not a symbol
    return any(re.search(symbol.tex, m) for m in maths) or bool(re.search(symbol.text, outside))


#: Glossary entries that are also everyday words, per language, and the page that first gives them
#: the glossary's meaning: before it the book uses the everyday sense (rounding error, the error of
#: a measurement, a factor of two), so a term's first use is looked for from that page on.
EVERYDAY: dict[str, dict[str, str]] = {
    "en": {"Error": "gd1d", "Factor": "gd1d"},
    "ko": {"오차": "gd1d"},
}


def _term_order(
    texts: Mapping[str, str],
    entries: Mapping[str, str],
    patterns: Mapping[str, re.Pattern],
    lang: str,
    glossary_text: str,
) -> tuple[list[EarlyUse], dict[str, str]]:
    """The terms part of :func:`term_order`, page by page in reading order: what it finds, and
    the page where each term is first glossed."""
    needs = glossary_references(glossary_text)
    english = dict(entries) if lang == "ko" else None
    events = {
        page: _page_events(patterns, _segments(text), english) for page, text in texts.items()
    }
    valid: set[str] = set()  # the terms glossed so far
    glossed_on: dict[str, str] = {}
    order = list(events)
    everyday = {
        t: order.index(p) for t, p in EVERYDAY.get(lang, {}).items() if t in entries and p in order
    }
    firsts: dict[str, tuple[str, str, str, set[str]]] = {}  # term → page, kind, context, missing
    for page, on_page in events.items():
        defined = {t for t, e in on_page.items() if any(k == "defined" for k, _ in e)}
        linked = {t for t, e in on_page.items() if any(k == "link" for k, _ in e)}
        known = valid | defined | linked
        while True:  # a link glosses a term when the reader can read its entry: what it needs
            invalid = {
                t for t in (linked & known) - valid - defined if not needs.get(t, set()) <= known
            }
            if not invalid:
                break
            known -= invalid
        for term, e in on_page.items():
            if term in everyday and order.index(page) < everyday[term]:
                continue  # the everyday word, before the page that gives it its meaning
            if term not in firsts:
                kind, context = e[0]
                missing = needs.get(term, set()) - known if kind == "link" else set()
                firsts[term] = (page, kind, context, missing)
        for term in known - valid:
            glossed_on.setdefault(term, page)
        valid = known
    found = []
    for term, (page, kind, context, missing) in firsts.items():
        if kind == "plain" or missing:
            found.append(
                EarlyUse(
                    term, lang, page, context.strip(), glossed_on.get(term), tuple(sorted(missing))
                )
            )
    return found, glossed_on


def term_order(
    pages: Mapping[str, str],
    lang: str,
    *,
    values: Mapping[str, str] | None = None,
    check_terms: bool = True,
) -> list[EarlyUse]:
    """Terms and symbols used before the reading order glosses them, in one language.

    ``pages`` is ``{page: MyST text}`` in reading order, the glossary among them (``glossary``);
    ``values`` are the page values (``{{ name }}``), substituted before reading, so a symbol a value
    shows counts. The rule:

    - **Terms** (when ``check_terms``): a glossary entry is *glossed* where it is defined on the
      page (bold or italic text, or a definition list's term, that is its name) or linked (a
      ``{term}`` link to it; on a Korean page also its name written 한국어(English)). A link
      glosses it only once the reader can read its entry: every entry its glossary definition
      links to is glossed by then (on an earlier page or the same one), so a link to the Hessian
      whose entry speaks of eigenvalues does not gloss it before eigenvalues are. A term is
      *used* wherever its name appears in running text (headings, math, code, alt text and links
      to pages aside; a name inside a longer entry's name, such as gradient in gradient descent,
      is not a use; a contents entry "- {doc}`page`: …" previews that page). Its first appearance
      in the reading order must be a gloss that holds: a first use on a page earlier than its
      gloss fails, and so does a use nothing glosses.
    - **Symbols** (:data:`SYMBOLS` the glossary's math uses): the first sentence in the reading
      order that uses a symbol (in math, a value, or plain text) must name its glossary term (its
      name, in any form, or a ``{term}`` link to it): "the learning rate $\\eta$",
      "$\\lambda_{\\max}$ is the largest eigenvalue", and (when ``check_terms``) that term must be
      glossed on that page or before. A definition list's item (its term and its whole
      definition) counts as one sentence.

    The glossary page itself is not checked: it is where every term is defined.
    """
    if "glossary" not in pages:
        raise ValueError("pages must include the glossary page ('glossary')")
    entries = glossary(pages["glossary"])
    english_names = (
        {name: name for name in entries}
        if lang == "en"
        else {gloss: name for name, gloss in entries.items()}
    )
    found: list[EarlyUse] = []
    patterns = {name: _name_pattern(name, lang) for name in entries}
    texts = {
        page: _reading_text(substitute(text, values) if values is not None else text)
        for page, text in pages.items()
        if page != "glossary"
    }
    order = list(texts)
    term_glossed_on: dict[str, str] | None = None
    if check_terms:
        early, term_glossed_on = _term_order(texts, entries, patterns, lang, pages["glossary"])
        found.extend(early)
    for symbol in glossary_symbols(pages["glossary"]):
        owner = next(
            (
                english_names[e]
                for e in english_names
                if e.lower().replace("-", " ") in {n.replace("-", " ") for n in symbol.entries}
            ),
            None,
        )
        if owner is None:
            raise ValueError(
                f"the glossary uses {symbol.name} but has no entry "
                f"{' or '.join(repr(e) for e in symbol.entries)} to define it"
            )
        glossed_on = None
        first_use = None
        for page, text in texts.items():
            for sentence in _sentences(text):
                if not _symbol_in(symbol, sentence):
                    continue
                names_it = bool(_mentions(owner, patterns, shown(sentence))) or owner.lower() in {
                    " ".join(t.split()).lower()
                    for t in re.findall(r"\{term\}`[^`<]*<([^>]+)>`", sentence)
                }
                if first_use is None:
                    first_use = (page, shown(sentence), names_it)
                if names_it:
                    glossed_on = page
                    break
            if glossed_on:
                break
        if first_use and not first_use[2]:
            found.append(
                EarlyUse(symbol.name, lang, first_use[0], first_use[1][:160], glossed_on, (), True)
            )
        elif first_use and term_glossed_on is not None:
            page = term_glossed_on.get(owner)
            if page is None or order.index(page) > order.index(first_use[0]):
                context = first_use[1][:160]
                found.append(
                    EarlyUse(symbol.name, lang, first_use[0], context, page, (owner,), True)
                )
    return found


# --- 4. Korean particles after numbers and formulas --------------------------------------------
#: A particle right after a number or formula (은/는, 이/가, 을/를, 과/와, 으로/로, 이나/나,
#: 이라/라), with what may follow it (와는, 으로도, 로서 …), ending the word.
_PARTICLE = re.compile(
    r"(?P<p>으로|로|이나|나|이라|라|과|와|은|는|이|가|을|를)"
    r"(?P<rest>(?<=로)(?:서|써|는|도|의|만|부터)|(?<=[과와])(?:는|도|의|만)|(?<=[나라])(?:고|는)|)"
    r"(?![가-힣])"
)
_PAIRS = {**PARTICLES, "이나": "나", "이라": "라"}


@dataclass(frozen=True)
class ParticleMismatch:
    """A particle that does not fit the formula before it, read aloud."""

    page: str
    formula: str
    used: str
    wanted: str
    reading: str
    context: str

    def __str__(self) -> str:
        return (
            f"{self.page}.md: …{self.context}… — {self.used} after {self.formula!r} "
            f"(read {self.reading}) should be {self.wanted}"
        )


def particle_mismatches(
    text: str, values: Mapping[str, str], page: str = "page"
) -> list[ParticleMismatch]:
    """Every particle of a Korean page (MyST ``text``) after a formula (inline ``$…$``) or a value
    (``{{ name }}``, read as ``values`` shows it) that does not fit the formula read aloud
    (:func:`gdcore.book.numfmt.read_aloud`). Captions and alt text are read too; code is not."""
    text = _CLAIM_CLOSE.sub("", _DISPLAY_MATH.sub(" ", body(text)))
    found = []
    formula = re.compile(_SUBSTITUTION.pattern + "|" + _INLINE_MATH.pattern)
    for m in formula.finditer(text):
        after = _PARTICLE.match(text, m.end())
        if not after:
            continue
        tex = values[m.group(1)] if m.group(1) else f"${m.group(2)}$"
        used = after.group("p")
        consonant = next(c for c, v in _PAIRS.items() if used in (c, v))
        if consonant in PARTICLES:
            wanted = particle(tex, consonant)
        else:  # 이나/나, 이라/라 follow 이/가
            wanted = consonant if particle(tex, "이") == "이" else _PAIRS[consonant]
        if used != wanted:
            before = text[max(0, m.start() - 40) : m.start()].split("\n\n")[-1]
            rest = text[after.end() : after.end() + 40].split("\n\n")[0]
            before, rest = re.sub(r"^[^{]*\}\}", "", before), re.sub(r"\{\{[^}]*$", "", rest)
            head, _, tail = shown(
                substitute(before, values)
                + tex
                + after.group(0)
                + "\x04"
                + substitute(rest, values)
            ).partition("\x04")
            context = head + tail[:15]
            found.append(ParticleMismatch(page, tex, used, wanted, read_aloud(tex), context))
    return found
