"""gdsite.reread: a page that warned is read again, so every build fails while it is broken."""

from __future__ import annotations

from pathlib import Path

from sphinx.testing.util import SphinxTestApp
from sphinx_project import build, make_project

MYST = {"myst_enable_extensions": ["substitution"], "myst_substitutions": {"known": "K"}}
INDEX = "# Home\n\n```{toctree}\npage\nother\n```\n"
OTHER = "# Other\n\nfine\n"


def strict_build(srcdir: Path) -> tuple[int, str]:
    """Build as scripts/build does (``-W --keep-going``): the status code and the warnings."""
    app = SphinxTestApp("html", srcdir=srcdir, warningiserror=True, keep_going=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app.statuscode, app.warning.getvalue()


def test_an_unknown_substitution_fails_every_build_until_it_is_fixed(tmp_path: Path) -> None:
    page = "# Page\n\nStarting at {{ known }} and {{ unknown_substitution }} with\n"
    make_project(tmp_path, {"index.md": INDEX, "page.md": page, "other.md": OTHER}, **MYST)
    for _ in range(2):  # the second build read nothing new before: it passed, and published
        status, warnings = strict_build(tmp_path)
        assert status == 1 and "page.md:3" in warnings and "unknown_substitution" in warnings
        assert "other.md" not in warnings
    (tmp_path / "page.md").write_text(page.replace(" and {{ unknown_substitution }}", ""))
    assert strict_build(tmp_path) == (0, "")
    fixed = build(tmp_path)
    assert "Starting at K with" in fixed.read("page.html") and fixed.warnings == ""
    assert not (tmp_path / "_build" / "doctrees" / "gdsite-warned.json").exists()


def test_a_reference_that_fails_when_written_fails_again(tmp_path: Path) -> None:
    page = "# Page\n\nSee {ref}`no-such-label`.\n"
    make_project(tmp_path, {"index.md": INDEX, "page.md": page, "other.md": OTHER})
    for _ in range(2):
        status, warnings = strict_build(tmp_path)
        assert status == 1 and "page.md:3" in warnings and "no-such-label" in warnings


def test_a_warning_that_names_no_page_forgets_the_environment(tmp_path: Path) -> None:
    files = {"index.md": INDEX, "page.md": "# Page\n", "other.md": OTHER}
    make_project(tmp_path, files)
    pickle = tmp_path / "_build" / "doctrees" / "environment.pickle"
    assert pickle.is_file()
    # a static path that does not exist: Sphinx warns about the configuration, not a page
    status, warnings = strict_build_with(tmp_path, html_static_path=["missing"])
    assert status == 1 and "missing" in warnings
    assert not pickle.exists()


def strict_build_with(srcdir: Path, **conf: object) -> tuple[int, str]:
    app = SphinxTestApp(
        "html", srcdir=srcdir, warningiserror=True, keep_going=True, confoverrides=conf
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app.statuscode, app.warning.getvalue()
