"""The claims report for reviewers: every claimed sentence of the book, Korean and English side by
side as the reader sees them (values substituted, formulas as MathML), with the evidence the build
computed for it and the number of cases it checked, page by page in reading order.

``scripts/claims`` runs it: it builds the site first (only what changed; ``--no-build`` reads
``_build/html`` as it is) and writes ``_build/claims.html``, beside the site and never inside
``_build/html``, so it is never published. A sentence that says "every", "never", 모든 … while its
claim checked one case (:func:`gdcore.book.proofread.scope_words`), or a claim marked in one
language only, is flagged in the report and counted on the command line.
"""

from __future__ import annotations

import argparse
import html
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gdcore.book import proofread  # noqa: E402
from gdcore.book.registry import read_claim  # noqa: E402

LANGS = ("ko", "en")
LABELS = {"ko": "한국어", "en": "English"}


@dataclass
class Sentence:
    """One claimed sentence as a page shows it."""

    html: str  # its inner HTML, formulas as MathML, links pointing into the built site
    text: str  # what it reads as plain text


@dataclass
class Row:
    """One claim made on a page: its sentence in each language, its evidence and cases."""

    name: str
    sentences: dict[str, Sentence] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    cases: int | None = None
    flags: list[str] = field(default_factory=list)


@dataclass
class Page:
    """A page's claims, in the order the Korean page makes them (then any only in English)."""

    name: str
    titles: dict[str, str]
    rows: list[Row]


def stored_claims(root: Path, lang: str) -> dict[str, tuple[str, int]]:
    """``{claim: (evidence, cases)}`` from the claims entries the build wrote into
    ``book/<lang>/_generated`` (a file whose every record is ``{"evidence", "cases"}``)."""
    found: dict[str, tuple[str, int]] = {}
    for path in sorted((root / "book" / lang / "_generated").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not (isinstance(data, dict) and data):
            continue
        try:
            claims = {name: read_claim(record) for name, record in data.items()}
        except ValueError:
            continue  # page values or a notebook's cells, not claims
        found.update({name: (c.evidence, c.cases) for name, c in claims.items()})
    return found


def _sentences(path: Path, lang: str, page: str) -> tuple[str, list[tuple[str, Sentence]]]:
    """A built page's title and its claimed sentences ``(claim name, sentence)`` in page order."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    title = soup.find("h1")
    found = []
    for span in soup.select("span.claim"):
        names = [c for c in span.get("class", []) if c != "claim"]
        for a in span.find_all("a", href=True):  # the report lives two folders above the page
            href = a["href"]
            if href.startswith("#"):
                a["href"] = f"html/{lang}/{page}.html{href}"
            elif "://" not in href:
                a["href"] = f"html/{lang}/{href}"
        text = " ".join(span.get_text(" ").split())
        found.append((names[0] if len(names) == 1 else " ".join(names), Sentence(
            "".join(str(c) for c in span.contents), text)))  # fmt: skip
    title_text = " ".join(title.get_text(" ").split()).rstrip("#").strip() if title else page
    return title_text, found


def collect(root: Path) -> list[Page]:
    """Every claimed sentence of the built site under ``root``, page by page in reading order."""
    root = Path(root)
    stored = {lang: stored_claims(root, lang) for lang in LANGS}
    pages = []
    for page in proofread.reading_order(root):
        titles: dict[str, str] = {}
        by_place: dict[tuple[str, int], Row] = {}  # (claim, its k-th time on the page) → row
        for lang in LANGS:
            path = root / "_build" / "html" / lang / f"{page}.html"
            if not path.is_file():
                raise FileNotFoundError(f"{path} is missing: build the site first (scripts/build)")
            titles[lang], sentences = _sentences(path, lang, page)
            times: dict[str, int] = {}
            for name, sentence in sentences:
                times[name] = times.get(name, 0) + 1
                by_place.setdefault((name, times[name]), Row(name)).sentences[lang] = sentence
        rows = list(by_place.values())
        for row in rows:
            for lang in LANGS:
                if lang not in row.sentences:
                    row.flags.append(f"marked in {LABELS[lang]}: missing")
                if row.name in stored[lang]:
                    row.evidence[lang], row.cases = stored[lang][row.name]
            if not row.evidence:
                row.flags.append("nothing computes this claim")
            for lang, sentence in row.sentences.items():
                words = proofread.scope_words(sentence.text, lang)
                if words and row.cases == 1:
                    row.flags.append(
                        f"{LABELS[lang]} says {', '.join(words)} but the claim checked one case"
                    )
        pages.append(Page(page, titles, rows))
    return pages


CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 90rem; padding: 0 1rem;
       line-height: 1.5; color: #222; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
th, td { border: 1px solid #ccc; padding: .4rem .6rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
td.evidence { font-family: ui-monospace, monospace; font-size: .85rem; overflow-wrap: anywhere; }
td.cases { text-align: right; }
tr.flagged td { background: #fff3cd; }
.flag { color: #8a4b00; font-weight: 600; display: block; }
code { font-size: .85rem; }
"""


def render(pages: list[Page]) -> str:
    """The report as one HTML page (no script, nothing loaded from outside)."""
    n_rows = sum(len(p.rows) for p in pages)
    n_flags = sum(bool(r.flags) for p in pages for r in p.rows)
    out = [
        "<!DOCTYPE html>",
        '<html lang="ko"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        "<title>Claims report · 경사하강법 2D</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Claims report · 주장 보고서</h1>",
        f"<p>{n_rows} claimed sentences on {len(pages)} pages, in reading order; "
        f"{n_flags} flagged. Each row: the sentence as the Korean and English pages show it, "
        "the evidence the build computed for its claim, and how many cases it checked "
        "(1: one measurement; more: <code>Claim.every</code>).</p>",
        "<nav><ol>",
        *(
            f'<li><a href="#{p.name}">{html.escape(p.titles.get("ko", p.name))} · '
            f"{html.escape(p.titles.get('en', p.name))}</a> ({len(p.rows)})</li>"
            for p in pages
        ),
        "</ol></nav>",
    ]
    for p in pages:
        links = " · ".join(
            f'<a href="html/{lang}/{p.name}.html">{html.escape(p.titles.get(lang, p.name))}</a>'
            for lang in LANGS
        )
        out.append(f'<h2 id="{p.name}">{p.name}: {links}</h2>')
        if not p.rows:
            out.append("<p>No claims on this page.</p>")
            continue
        out.append(
            "<table><thead><tr><th>#</th><th>claim</th><th>한국어</th><th>English</th>"
            "<th>evidence</th><th>cases</th></tr></thead><tbody>"
        )
        for k, row in enumerate(p.rows, 1):
            cells = [
                row.sentences[lang].html if lang in row.sentences else "<em>(missing)</em>"
                for lang in LANGS
            ]
            evidence = sorted(set(row.evidence.values()))
            flags = "".join(f'<span class="flag">⚠ {html.escape(f)}</span>' for f in row.flags)
            out.append(
                f'<tr class="{"flagged" if row.flags else ""}" id="{p.name}-{row.name}">'
                f"<td>{k}</td><td><code>{html.escape(row.name)}</code>{flags}</td>"
                f'<td lang="ko">{cells[0]}</td><td lang="en">{cells[1]}</td>'
                f'<td class="evidence">{"<br>".join(html.escape(e) for e in evidence)}</td>'
                f'<td class="cases">{row.cases if row.cases is not None else "–"}</td></tr>'
            )
        out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Build (unless ``--no-build``), then write the report; print where, and what is flagged."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="the repository (default: this)")
    parser.add_argument("--no-build", action="store_true", help="use _build/html as it is")
    parser.add_argument("--out", type=Path, help="where to write (default: _build/claims.html)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = (args.out or root / "_build" / "claims.html").resolve()
    if (root / "_build" / "html") in out.parents:
        parser.error(f"--out must not be inside _build/html (it would be published): {out}")
    if not args.no_build:
        subprocess.run([sys.executable, str(root / "scripts" / "build_site.py")], cwd=root,
                       check=True)  # fmt: skip
    try:
        pages = collect(root)
    except FileNotFoundError as exc:
        parser.error(str(exc))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(pages), encoding="utf-8")
    rows = [(p.name, r) for p in pages for r in p.rows]
    print(f"{len(rows)} claimed sentences on {len(pages)} pages: {out}")
    for page, row in rows:
        for flag in row.flags:
            print(f"  {page}: {row.name}: {flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
