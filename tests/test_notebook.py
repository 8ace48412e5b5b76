"""Each lesson page as a notebook: the MyST → notebook converter, the registry's notebook entries,
and every page's cells against its own pages (the notebooks the site serves are run in
tests/test_notebooks_site.py)."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

import nbformat
import pytest
import yaml

from gdcore.book import words
from gdcore.book.notebook import (
    NotebookError,
    page_notebook,
    printed_numbers,
    shown_numbers,
    to_bytes,
)
from gdcore.book.pages import REGISTRY
from gdcore.book.registry import Check, Code, Entry, Registry

REPO = Path(__file__).resolve().parents[1]
#: Pages that are not lessons: no notebook.
NOT_LESSONS = {"index", "glossary", "playground", "search"}


def lesson_pages() -> list[str]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    pages = [Path(c["file"]).name for c in toc["chapters"]]
    return [p for p in pages if p not in NOT_LESSONS]


def codes(cells: list[Code]) -> list[dict]:
    """Cells as the registry stores them (through its JSON)."""
    entry = Entry("demo_notebook", "notebook", lambda lang: cells, fmt="json")
    from gdcore.book.registry import _notebook_json

    return json.loads(_notebook_json(entry.name, entry.make("en")))


PAGE = """\
---
myst:
  html_meta:
    description: "A page."
---

# A {term}`gradient` page

(a-target)=
Some {term}`words
<partial derivative>` and [a claim with {{ v }}]{.claim .c}, see {doc}`other`.

Term
: Its definition.

```{figure} _generated/a.svg
:alt: A figure
:name: fig-a

Caption with {{ v }}.
```

```{figure} _generated/b.svg
:name: fig-b

Caption b.
```

````{answer}
Inside the answer, {{ w }}.

```{figure} _generated/c.svg
:name: fig-c

Caption c.
```
````

```python
print("plain code")
```

```{literalinclude} code.py
:pyobject: helper
```
"""


def demo(tmp_path: Path, cells: list[Code], text: str = PAGE, **values: str):
    (tmp_path / "code.py").write_text("import os\n\n\ndef helper():\n    return 1\n")
    return page_notebook(
        text,
        codes(cells),
        {"v": "$1.5$", "w": "(0.25, {-3})", **values},
        lang="en",
        page_url="https://example.org/en/page.html",
        doc_link=lambda d: (f"The {d} page", f"https://example.org/en/{d}.html"),
        source_dir=tmp_path,
    )


def test_a_page_becomes_its_words_and_code_cells(tmp_path: Path) -> None:
    cells = [
        Code("import numpy as np", "start"),
        Code('print("a =", 1.5)', "fig-a", (Check("v", 1.5),)),
        Code('print("w =", 0.25, -3)', "after:w", (Check("w", 0.25, 0), Check("w", -3, 1))),
        Code("# the end", "end"),
    ]
    nb = demo(tmp_path, cells)
    nbformat.validate(nb)
    kinds = [(c.cell_type, c.source.splitlines()[0]) for c in nb.cells]
    assert kinds == [
        ("markdown", "# A gradient page"),
        ("code", "import numpy as np"),
        ("markdown", "Some words and a claim with $1.5$, see [The other page](https://example.org/en/other.html)."),
        ("code", 'print("a =", 1.5)'),
        ("markdown", "*Caption with $1.5$.*"),
        ("code", 'print("w =", 0.25, -3)'),
        ("markdown", "*Figure on the page:* Caption c."),
        ("code", 'print("plain code")'),
        ("code", "def helper():"),
        ("code", "# the end"),
    ]  # fmt: skip
    first = nb.cells[0].source
    assert (
        words.word("notebook.install", "en") in first
        and "%pip install numpy sympy matplotlib" in first
    )
    assert "https://example.org/en/page.html" in first
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "**Term**  \nIts definition." in text  # a definition list Jupyter can show
    assert "*Figure on the page:* Caption b." in text  # a figure no cell draws: its caption
    assert "**Answer**" in text and "Inside the answer, (0.25, {-3})." in text
    assert "{" + "term}" not in text and ".claim" not in text and "a-target" not in text
    assert "Some words and" in text and "<partial derivative>" not in text  # a role over two lines
    assert nb.cells[3].metadata["gd_checks"] == [
        {"value": "v", "index": 0, "exact": 1.5, "shown": "$1.5$"}
    ]
    assert [c.id for c in nb.cells] == [f"cell-{k:03d}" for k in range(len(nb.cells))]
    assert all(
        c.outputs == [] and c.execution_count is None for c in nb.cells if c.cell_type == "code"
    )


def test_the_same_page_gives_the_same_bytes(tmp_path: Path) -> None:
    cells = [Code("x = 1", "start")]
    assert to_bytes(demo(tmp_path, cells)) == to_bytes(demo(tmp_path, cells))


@pytest.mark.parametrize(
    ("cells", "text", "message"),
    [
        ([Code("x = 1", "fig-nowhere")], PAGE, "no such place: ['fig-nowhere']"),
        ([], PAGE.replace("{{ w }}", "{{ missing }}"), "{{ missing }}, which no values entry"),
        ([], PAGE.replace("{doc}`other`", "{ref}`a-target`"), "the role {ref} has no notebook"),
        ([], PAGE.replace("```{literalinclude} code.py", "```{mystery}"), "{mystery} has no"),
        ([], PAGE.replace(":pyobject: helper", ":pyobject: absent"), "has no 'absent'"),
        ([Code('print("a =", 1)', "start", (Check("nope", 1),))], PAGE, "'nope', which no"),
        ([], "No title\n", "starts with its title"),
    ],
)
def test_what_cannot_be_converted_is_named(
    tmp_path: Path, cells: list[Code], text: str, message: str
) -> None:
    with pytest.raises(NotebookError, match=None) as info:
        demo(tmp_path, cells, text)
    assert message in str(info.value)


def test_printed_and_shown_numbers_are_read_as_the_tests_compare_them() -> None:
    out = "end point (x, y) = 0.25 -1.5e-3\nno equals sign 7\nλ1 = 6.0\nf(P) = -inf\n"
    assert printed_numbers(out) == [0.25, -0.0015, 6.0, float("-inf")]
    assert shown_numbers(r"$\lambda_1 = 6.331$") == [(6.331, 0.0005)]
    assert shown_numbers("95.6%") == [(0.956, pytest.approx(0.0005))]
    assert shown_numbers(r"$\lVert \nabla f \rVert = 3.23 \times 10^{-15}$") == [
        (pytest.approx(3.23e-15), pytest.approx(5e-18))
    ]
    assert shown_numbers("$({-0.0093}, 1.5814)$") == [(-0.0093, 5e-05), (1.5814, 5e-05)]
    assert shown_numbers("10,000") == [(10000.0, 0.5)]
    assert shown_numbers("$10^{-10}$") == [(1e-10, 0.0)]
    assert shown_numbers(r"$f = {−0.5}$") == [(-0.5, 0.05)]


def test_a_notebook_entry_must_return_code_cells(tmp_path: Path) -> None:
    registry = Registry([Entry("bad_notebook", "notebook", lambda lang: ["x = 1"], fmt="json")])
    with pytest.raises(
        TypeError,
        match=r"bad_notebook: its notebook builder .* returned list holding str, not a sequence of Code",
    ):
        registry.build("en", tmp_path / "out", tmp_path / "cache")
    with pytest.raises(ValueError, match="fmt for a notebook must be one of json"):
        Entry("n", "notebook", lambda lang: [], fmt="svg")


# --- every lesson page's notebook ------------------------------------------------------------------
class AnyValue(Mapping):
    """Every page value, as a placeholder (what the anchors and roles need, not the numbers)."""

    def __getitem__(self, key: str) -> str:
        return "$1$"

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __contains__(self, key: object) -> bool:
        return True


def test_every_lesson_page_has_a_notebook_entry() -> None:
    notebooks = {e.name for e in REGISTRY if e.kind == "notebook"}
    assert notebooks == {f"{page}_notebook" for page in lesson_pages()}


@pytest.mark.parametrize("page", lesson_pages())
def test_a_pages_cells_fit_both_its_pages_and_import_only_numpy_sympy_matplotlib(page: str) -> None:
    entry = REGISTRY[f"{page}_notebook"]
    for lang in words.LANGUAGES:
        cells = entry.make(lang, **entry.params)
        assert cells == entry.make("en", **entry.params), (
            "code cells are the same in every language"
        )
        source = REPO / "book" / lang / f"{page}.md"
        nb = page_notebook(
            source.read_text(encoding="utf-8"),
            codes(cells),
            AnyValue(),
            lang=lang,
            page_url="https://example.org/",
            doc_link=lambda d: (d, d),
            source_dir=source.parent,
        )
        checked = [c for c in nb.cells if c.metadata.get("gd_checks")]
        assert checked, f"{page}: its notebook checks no number of the page"
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            tree = ast.parse(cell.source.replace("%pip", "#"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    names = (
                        [a.name for a in node.names]
                        if isinstance(node, ast.Import)
                        else [node.module]
                    )
                    assert set(names) <= {"numpy", "sympy", "matplotlib.pyplot"}, (page, names)
            assert "gdcore" not in cell.source, f"{page}: a cell calls into gdcore"


def test_every_notebook_word_is_used() -> None:
    code = (REPO / "gdcore/book/notebook.py").read_text() + (
        REPO / "book/_ext/gdsite/notebooks.py"
    ).read_text()
    for key in words.section("notebook", "en"):
        assert f'"notebook.{key}"' in code, f"notebook.{key} is in the catalog but nothing uses it"


def test_a_preset_link_points_at_the_playground_and_a_live_figure_is_left_to_the_page(
    tmp_path: Path,
) -> None:
    page = PAGE.replace(
        "```python\n", "Try {playground-preset}`seed`.\n\n```{live} basins\n```\n\n```python\n"
    )
    nb = demo(tmp_path, [], page)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    name = words.section("playground", "en")["script"]["presets"]["seed"]
    link = words.word("playground_link.text", "en", preset=name)
    assert f"Try [{link}](https://example.org/en/playground.html?preset=seed)." in text
    assert "live" not in text and "{" not in text.replace("{-3}", "")
    with pytest.raises(NotebookError, match="names no preset"):
        demo(tmp_path, [], PAGE.replace("see {doc}`other`", "{playground-preset}`nope`"))
