"""Claims check their whole scope: a claimed sentence that states a rule over many cases ("every",
"never", "below every limit", 모든, 마다 …) is backed by a claim over every case it names
(Claim.every), in both languages. The check itself is shown to fail on made-up pages in
test_proofread.py."""

from __future__ import annotations

from pathlib import Path

from gdcore.book import proofread

REPO = Path(__file__).resolve().parents[1]


def test_every_sentence_that_states_a_rule_is_checked_over_every_case(
    book_claims: dict[str, object],
) -> None:
    pages = {lang: proofread.read_pages(REPO, lang) for lang in proofread.LANGS}
    cases = {name: claim.cases for name, claim in book_claims.items()}
    found = proofread.unscoped_claims(pages, cases)
    assert not found, (
        f"{len(found)} claimed sentences state a rule over many cases, but their claim checked "
        "one (make it with Claim.every over every case the sentence names, or say the one "
        "setting it was measured at):\n" + "\n".join(map(str, found))
    )
