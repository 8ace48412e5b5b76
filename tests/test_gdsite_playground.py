"""gdsite.playground: the ``playground`` directive's markup and its script."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from sphinx_project import make_project

EXT = Path(__file__).resolve().parents[1] / "book" / "_ext" / "gdsite"
FILES = {"index.md": "# Play\n\n```{playground}\n```\n"}


@pytest.mark.parametrize(("lang", "label"), [("ko", "학습률"), ("en", "Learning rate")])
def test_the_controls_in_the_pages_language(tmp_path: Path, lang: str, label: str) -> None:
    out = make_project(tmp_path, FILES, language=lang)
    assert out.warnings == ""
    page = out.read("index.html")
    assert f'<label for="gd-pg-lr">{label}</label>' in page
    data = re.search(r'<div class="gd-playground" id="gd-playground" data-text="([^"]*)">', page)
    assert data, page
    strings = json.loads(html.unescape(data.group(1)))
    assert set(strings) >= {"result", "status", "presets", "landscapes"}
    assert out.app.env.metadata["index"]["gd_playground"] is True


def test_the_script_is_written_with_the_generated_kernels(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, language="en")
    script = (out.outdir / "_static" / "gd-playground.js").read_text(encoding="utf-8")
    assert script.startswith("/* Gradient Descent in 2D: playground.")
    assert "const GD_KERNELS = " in script and "const GD_DATA = " in script
    assert script.endswith((EXT / "playground.js").read_text(encoding="utf-8"))
    assert re.search(
        r'<script defer="defer" src="_static/gd-playground.js\?v=\w+">', out.read("index.html")
    )


def test_no_script_for_other_builders(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, "text", language="en")
    assert not (out.outdir / "_static").exists()
    assert out.read("index.txt").strip() == "Play\n****"


def test_tryit_links_to_a_preset_in_the_pages_language(tmp_path: Path) -> None:
    page = "# Ex\n\nTry: {tryit}`seed`, {tryit}`lr_large lr_tiny` and {tryit}`nope`\n"
    out = make_project(tmp_path, {"index.md": page}, language="ko")
    from gdcore.book.words import section, word

    presets = section("playground", "ko")["script"]["presets"]
    lead, _, tail = word("tryit.label", "ko", name="|").partition("|")

    def link(key: str) -> str:
        return (
            f'<a class="gd-tryit reference external" href="playground.html?preset={key}">'
            f"{presets[key]}</a>"
        )

    html = out.read("index.html")
    assert f'<span class="gd-tryit-line">{lead}{link("seed")}{tail}</span>' in html
    assert f"{lead}{link('lr_large')} · {link('lr_tiny')}{tail}</span>" in html
    assert "tryit: no playground preset 'nope'; presets: seed, more_epochs" in out.warnings
