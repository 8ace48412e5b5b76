"""The claims report for reviewers (scripts/claims): every claimed sentence, Korean and English side
by side with its evidence and cases, page by page in reading order, written beside the site and
never inside _build/html."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import claims_report  # noqa: E402

from gdcore.book import proofread  # noqa: E402


def page_html(title: str, body: str) -> str:
    return f'<html><body><article><h1>{title}<a class="headerlink" href="#t">#</a></h1>{body}'


def tiny_site(root: Path) -> Path:
    """A built two-page site: the pages' HTML and the claims entries' JSON."""
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/ko/index\nchapters:\n  - file: book/ko/basins\n",
        encoding="utf-8",
    )
    pages = {
        ("ko", "index"): page_html("첫 페이지", "<p>주장이 없습니다.</p>"),
        ("en", "index"): page_html("Home", "<p>No claims.</p>"),
        ("ko", "basins"): page_html(
            "끌림 영역",
            '<p><span class="claim every_start">모든 시작점이 '
            '<math><mi>λ</mi></math>에서 멈춥니다.</span> <span class="claim share">'
            '<a href="glossary.html#term-x">44.5%</a>입니다.</span> '
            '<span class="claim share">다시 44.5%입니다.</span></p>',
        ),
        ("en", "basins"): page_html(
            "Basins",
            '<p><span class="claim share"><a href="#fig">44.5%</a> of them.</span> '
            '<span class="claim every_start">Every start stops at <math><mi>λ</mi></math>.'
            '</span> <span class="claim en_only">Only here.</span></p>',
        ),
    }
    for (lang, page), text in pages.items():
        path = root / "_build" / "html" / lang / f"{page}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for lang in ("ko", "en"):
        generated = root / "book" / lang / "_generated"
        generated.mkdir(parents=True)
        claims = {
            "every_start": {"evidence": "every one of 3 cases: all stop", "cases": 3},
            "share": {"evidence": "0.445 of the starts", "cases": 1},
        }
        (generated / "basins_claims.json").write_text(json.dumps(claims), encoding="utf-8")
        (generated / "basins_values.json").write_text('{"share": "44.5%"}', encoding="utf-8")
        (generated / "basins_notebook.json").write_text("[]", encoding="utf-8")
    return root


def test_the_report_lists_each_claim_in_both_languages_with_its_evidence(tmp_path: Path) -> None:
    pages = claims_report.collect(tiny_site(tmp_path))
    assert [p.name for p in pages] == ["index", "basins"]
    assert pages[0].rows == [] and pages[1].titles == {"ko": "끌림 영역", "en": "Basins"}
    rows = pages[1].rows
    assert [r.name for r in rows] == ["every_start", "share", "share", "en_only"]  # Korean order
    every, share, again, only = rows
    assert every.sentences["ko"].text == "모든 시작점이 λ 에서 멈춥니다."
    assert "<math><mi>λ</mi></math>" in every.sentences["en"].html  # formulas stay MathML
    assert (every.evidence["en"], every.cases, every.flags) == (
        "every one of 3 cases: all stop",
        3,
        [],
    )
    # the first "share" pairs with the first, the second is marked in Korean only
    assert share.sentences["en"].text == "44.5% of them."
    assert 'href="html/ko/glossary.html#term-x"' in share.sentences["ko"].html
    assert 'href="html/en/basins.html#fig"' in share.sentences["en"].html
    assert again.flags == ["marked in English: missing"]
    assert only.flags == ["marked in 한국어: missing", "nothing computes this claim"]


def test_a_sentence_that_says_every_over_one_case_is_flagged(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    for lang in ("ko", "en"):
        path = root / "book" / lang / "_generated" / "basins_claims.json"
        path.write_text(
            json.dumps({"every_start": {"evidence": "one run", "cases": 1}}), encoding="utf-8"
        )
    every = claims_report.collect(root)[1].rows[0]
    assert every.flags == [
        "한국어 says 모든 but the claim checked one case",
        "English says Every but the claim checked one case",
    ]


def test_the_report_is_written_beside_the_site_never_inside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tiny_site(tmp_path)
    assert claims_report.main(["--root", str(root), "--no-build"]) == 0
    report = root / "_build" / "claims.html"
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("tr[id]")
    assert [r["id"] for r in rows] == [
        "basins-every_start", "basins-share", "basins-share", "basins-en_only"
    ]  # fmt: skip
    cells = rows[0].find_all("td")
    assert [c.get_text(" ", strip=True) for c in cells[2:]] == [
        "모든 시작점이 λ 에서 멈춥니다.", "Every start stops at λ .",
        "every one of 3 cases: all stop", "3",
    ]  # fmt: skip
    out = capsys.readouterr().out
    assert f"4 claimed sentences on 2 pages: {report}" in out
    assert "basins: en_only: nothing computes this claim" in out
    with pytest.raises(SystemExit):
        claims_report.main(
            ["--root", str(root), "--no-build", "--out", str(root / "_build/html/c.html")]
        )
    assert "must not be inside _build/html" in capsys.readouterr().err
    (root / "_build" / "html" / "en" / "basins.html").unlink()
    with pytest.raises(SystemExit):
        claims_report.main(["--root", str(root), "--no-build"])
    assert "basins.html is missing: build the site first" in capsys.readouterr().err


@pytest.mark.site
def test_the_report_names_every_claim_of_every_page(
    site_build: dict[str, Path], tmp_path: Path
) -> None:
    root = site_build["root"]
    out = tmp_path / "claims.html"
    assert claims_report.main(["--root", str(root), "--no-build", "--out", str(out)]) == 0
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    order = proofread.reading_order(root)
    assert [h["id"] for h in soup.select("h2[id]")] == order
    for page in order:
        rows = soup.select(f'tr[id^="{page}-"]')
        for lang, column in (("ko", 2), ("en", 3)):
            source = (root / "book" / lang / f"{page}.md").read_text(encoding="utf-8")
            marked = sorted(s.name for s in proofread.claim_spans(proofread.body(source)))
            shown = sorted(r["id"].removeprefix(f"{page}-") for r in rows if r.find_all("td")[
                column].get_text(strip=True) != "(missing)")  # fmt: skip
            assert shown == marked, (
                f"{lang}/{page}: the report lists {shown}, the page marks {marked}"
            )
        for row in rows:  # each with the evidence the build computed, and its cases
            evidence, cases = (td.get_text(strip=True) for td in row.find_all("td")[4:])
            assert evidence and re.fullmatch(r"\d+", cases), row["id"]
    total = sum(
        len(proofread.claim_spans(proofread.body(t)))
        for t in proofread.read_pages(root, "ko").values()
    )
    assert total > 50 and len(soup.select("tr[id]")) >= total
