"""gdsite.searchindex: an incremental build writes the same search index as a clean build."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx_project import build, make_project, write_project


def test_an_incremental_build_indexes_like_a_clean_one(tmp_path: Path) -> None:
    before = {"index.md": "# Home\n\nzebra crossing\n\n```{toctree}\nother\n```\n",
              "other.md": "# Other\n\nquagga\n"}  # fmt: skip
    after = {**before, "index.md": before["index.md"].replace("zebra ", "")}
    make_project(tmp_path / "inc", before)
    write_project(tmp_path / "inc", after)  # the word "zebra" leaves the only page that had it
    incremental = build(tmp_path / "inc").read("searchindex.js")
    clean = make_project(tmp_path / "clean", after).read("searchindex.js")
    assert "zebra" not in incremental and "quagga" in incremental
    assert incremental == clean


def test_a_clean_index_is_left_as_sphinx_wrote_it(tmp_path: Path) -> None:
    out = make_project(tmp_path, {"index.md": "# Home\n\nzebra\n"})
    index = out.outdir / "searchindex.js"
    written = index.stat().st_mtime_ns
    shutil.copy(index, tmp_path / "copy.js")
    from gdsite.searchindex import drop_empty_words

    class App:
        builder = out.app.builder
        outdir = out.outdir

    drop_empty_words(App(), None)  # type: ignore[arg-type]
    assert index.stat().st_mtime_ns == written
    assert index.read_bytes() == (tmp_path / "copy.js").read_bytes()
