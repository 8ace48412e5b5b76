"""The notebooks the built site serves: every lesson page links its own, and every one of them runs
top to bottom in a fresh Python kernel and prints the numbers its page shows."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from test_notebook import NOT_LESSONS, lesson_pages

from gdcore.book import words
from gdcore.book.notebook import METADATA, checks_of, printed_numbers, shown_numbers

pytestmark = pytest.mark.site  # reads the built site (see conftest.py)


@pytest.fixture(scope="module")
def site(site_build: dict[str, Path]) -> Path:
    return site_build["html"]


@pytest.mark.parametrize("lang", words.LANGUAGES)
def test_every_lesson_page_links_its_notebook_under_its_title(site: Path, lang: str) -> None:
    for page in lesson_pages():
        html = BeautifulSoup((site / lang / f"{page}.html").read_text("utf-8"), "html.parser")
        box = html.find("h1").find_next_sibling()
        assert box.name == "p" and box["class"] == ["gd-notebook"], f"{lang}/{page}: {box}"
        link = box.find("a")
        assert link["href"] == f"{page}.ipynb" and link["download"] == f"{page}-{lang}.ipynb"
        assert link.get_text() == words.word("notebook.download", lang)
        stored = nbformat.read(site / lang / link["href"], as_version=4)
        nbformat.validate(stored)
        assert stored.metadata == METADATA
        assert all(
            c.outputs == [] and c.execution_count is None
            for c in stored.cells
            if c.cell_type == "code"
        )
    for page in NOT_LESSONS - {"search"}:
        assert "gd-notebook" not in (site / lang / f"{page}.html").read_text("utf-8")
        assert not (site / lang / f"{page}.ipynb").exists()


def run_all(paths: list[Path], workdir: Path, at_once: int = 2) -> list[nbformat.NotebookNode]:
    """Execute the notebooks, each in a fresh kernel started in ``workdir``, ``at_once`` at a
    time (nbclient's own asynchronous interface)."""
    from nbclient import NotebookClient

    async def main() -> list[nbformat.NotebookNode]:
        gate = asyncio.Semaphore(at_once)

        async def one(path: Path) -> nbformat.NotebookNode:
            nb = nbformat.read(path, as_version=4)
            client = NotebookClient(
                nb,
                timeout=300,
                kernel_name="python3",
                resources={"metadata": {"path": str(workdir)}},
            )
            async with gate:
                await client.async_execute()
            return nb

        return await asyncio.gather(*(one(p) for p in paths))

    # in a thread of its own: the browser tests' Playwright keeps an event loop running in this one
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: asyncio.run(main())).result()


def test_every_notebook_runs_and_prints_its_pages_numbers(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # figures are made but not rendered to PNG: the kernels only need to compute
    monkeypatch.setenv("MPLBACKEND", "Agg")
    paths = [site / lang / f"{page}.ipynb" for lang in words.LANGUAGES for page in lesson_pages()]
    done = run_all(paths, tmp_path, at_once=min(2, os.cpu_count() or 1))
    for path, nb in zip(paths, done, strict=True):
        name = f"{path.parent.name}/{path.name}"
        for k, cell in enumerate(nb.cells):
            for out in cell.get("outputs", []):
                assert out.output_type != "error", f"{name} cell {k}: {out.get('evalue')}"
                assert out.get("name") != "stderr", f"{name} cell {k} wrote: {out.text}"
        found = list(checks_of(nb))
        assert found, f"{name} checks nothing"
        for k, checks in found:
            stdout = "".join(o.text for o in nb.cells[k].outputs if o.get("name") == "stdout")
            printed = printed_numbers(stdout)
            assert len(printed) == len(checks), f"{name} cell {k} printed {stdout!r}"
            for number, check in zip(printed, checks, strict=True):
                exact, value = check["exact"], check["value"]
                assert abs(number - exact) <= 1e-9 * max(1.0, abs(exact)), (
                    f"{name} cell {k}: printed {number} for {value}, the page's is {exact}"
                )
                shown, half_unit = shown_numbers(check["shown"])[check["index"]]
                assert abs(exact - shown) <= half_unit * (1 + 1e-9) + 1e-300, (
                    f"{name}: {value} shows {check['shown']}, which is not {exact} rounded"
                )
