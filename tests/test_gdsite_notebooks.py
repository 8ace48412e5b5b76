"""gdsite.notebooks: a page with notebook cells gets ``<page>.ipynb`` and a link under its title."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from sphinx.errors import ExtensionError
from sphinx_project import build, make_project, write_project

from gdcore.book.words import word

CELLS = [
    {"source": 'print("v =", 2.5)', "at": "after:v", "checks": [["v", 0, 2.5]]},
    {"source": "import numpy as np", "at": "start", "checks": []},
]
FILES = {
    "index.md": "# Home\n\n```{toctree}\nlesson\nother\n```\n",
    "lesson.md": "# The lesson\n\nA value, {{ v }}; see {doc}`other`.\n",
    "other.md": "# Other page\n",
    "_generated/lesson_notebook.json": json.dumps(CELLS),
}
CONF = {
    "myst_enable_extensions": ["substitution"],
    "myst_substitutions": {"v": "$2.5$"},
    "language": "en",
    "gd_site_url": "https://example.org/",
}


def test_a_page_with_cells_gets_its_notebook_and_a_link(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, **CONF)
    assert out.warnings == ""
    page = BeautifulSoup(out.read("lesson.html"), "html.parser")
    box = page.find("h1").find_next_sibling()
    assert box["class"] == ["gd-notebook"]
    assert box.a["href"] == "lesson.ipynb" and box.a["download"] == "lesson-en.ipynb"
    assert box.a.get_text() == word("notebook.download", "en")
    assert "gd-notebook" not in out.read("other.html")
    nb = nbformat.read(out.outdir / "lesson.ipynb", as_version=4)
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown", "code"]
    assert nb.cells[0].source.startswith("# The lesson")
    assert "https://example.org/lesson.html" in nb.cells[0].source
    assert nb.cells[2].source == (
        "A value, $2.5$; see [Other page](https://example.org/other.html)."
    )
    assert nb.cells[3].metadata["gd_checks"][0]["exact"] == 2.5
    assert not (out.outdir / "other.ipynb").exists()


def test_a_page_that_loses_its_cells_loses_its_link_and_notebook(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, **CONF)
    written = (out.outdir / "lesson.ipynb").stat().st_mtime_ns
    again = build(tmp_path)  # nothing changed: the notebook is not rewritten
    assert (again.outdir / "lesson.ipynb").stat().st_mtime_ns == written
    (tmp_path / "_generated" / "lesson_notebook.json").unlink()
    again = build(tmp_path)
    assert "gd-notebook" not in again.read("lesson.html")
    assert not (again.outdir / "lesson.ipynb").exists()


def test_cells_anchored_nowhere_stop_the_build_naming_the_page(tmp_path: Path) -> None:
    cells = [{"source": "x = 1", "at": "fig-missing", "checks": []}]
    write_project(tmp_path, {**FILES, "_generated/lesson_notebook.json": json.dumps(cells)}, **CONF)
    with pytest.raises(ExtensionError, match=r"lesson: its notebook: .*\['fig-missing'\]"):
        build(tmp_path)
