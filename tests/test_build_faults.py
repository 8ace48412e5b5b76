"""Broken input, as an author makes it, gives one clear message and fails every build until fixed.

Tiny Sphinx projects (``sphinx_project.py``) for the extension's part, a tiny bilingual site (the
real ``scripts/build_site.py``, ``book/_ext`` and a two-page book, built with jupyter-book) for
the build script's part. The site tests are marked ``site``.
"""

from __future__ import annotations

from pathlib import Path

from sphinx_project import make_project


def test_a_missing_figure_gives_one_warning_naming_the_page_and_no_traceback(
    tmp_path: Path,
) -> None:
    page = (
        "# Home\n\n```{figure} _generated/nope.svg\n:alt: gone\n\nCaption.\n```\n\n"
        "![gone too](_generated/gone.png)\n"
    )
    out = make_project(tmp_path, {"index.md": page})
    lines = out.warnings.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in out.warnings
    assert "index.md:3" in lines[0] and "image file not readable: _generated/nope.svg" in lines[0]
    assert "index.md:9" in lines[1] and "_generated/gone.png" in lines[1]
    assert 'alt="gone"' in out.read("index.html")
