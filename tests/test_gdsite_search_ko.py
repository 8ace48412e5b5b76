"""gdsite.search_ko: the Korean search index finds 경사 inside 경사하강법은."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx_project import make_project

FILES = {
    "index.md": "# 처음\n\n```{toctree}\ndescent\n```\n",
    "descent.md": "# 내려가기\n\n경사하강법은 기울기를 따라 내려갑니다.\n",
}


def search_index(path: Path) -> dict:
    """The JSON inside ``searchindex.js``."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_a_word_is_found_by_its_prefixes_without_its_particle(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, language="ko")
    assert out.warnings == ""
    index = search_index(out.outdir / "searchindex.js")
    page = index["docnames"].index("descent")
    for term in ("경사", "경사하강", "경사하강법", "기울기"):
        assert index["terms"][term] in (page, [page]), term
    assert "경사하강법은" not in index["terms"]  # stemmed: the particle is gone
    language_data = (out.outdir / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert '"에서는"' in language_data  # the query side strips the same particles
    assert '"나블라": "nabla"' in language_data  # and reads a symbol's Korean name as its word


def test_other_languages_keep_sphinxs_search(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, language="en")
    assert "경사" not in search_index(out.outdir / "searchindex.js")["terms"]
