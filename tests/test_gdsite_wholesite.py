"""gdsite.wholesite: an HTML build of a configuration naming the site's build script runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx_project import write_project

FAKE = """import sys
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--out") + 1])
out.mkdir(parents=True, exist_ok=True)
(out / "index.html").write_text("the whole site\\n", encoding="utf-8")
Path(__file__).with_name("called").write_text(" ".join(args), encoding="utf-8")
raise SystemExit(int(Path(__file__).with_name("status").read_text()))
"""
FILES = {"index.md": "# Home\n\n```{toctree}\npage\n```\n", "page.md": "# Page\n",
         "site.py": FAKE, "status": "0"}  # fmt: skip


def run(srcdir: Path, builder: str = "html") -> SphinxTestApp:
    app = SphinxTestApp(builder, srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_the_html_build_runs_the_script_into_its_own_folder_and_writes_nothing_else(
    tmp_path: Path,
) -> None:
    write_project(tmp_path, FILES, gd_site_build="site.py")
    app = run(tmp_path)
    out = tmp_path / "_build" / "html"  # the folder asked for (the app's own is an unused one)
    assert app.statuscode == 0
    assert (tmp_path / "called").read_text() == f"--out {out}"
    assert [p.name for p in out.iterdir()] == ["index.html"]  # no Sphinx page, no _static
    assert (out / "index.html").read_text(encoding="utf-8") == "the whole site\n"


def test_the_scripts_failure_is_the_builds(tmp_path: Path) -> None:
    write_project(tmp_path, {**FILES, "status": "3"}, gd_site_build="site.py")
    assert run(tmp_path).statuscode == 3


def test_a_script_that_does_not_exist_is_named(tmp_path: Path) -> None:
    write_project(tmp_path, FILES, gd_site_build="scripts/nope.py")
    with pytest.raises(Exception, match=r"gd_site_build: .*nope\.py does not exist"):
        run(tmp_path)


def test_other_builders_and_language_builds_build_the_pages(tmp_path: Path) -> None:
    write_project(tmp_path / "text", FILES, gd_site_build="site.py")
    assert (Path(run(tmp_path / "text", "text").outdir) / "page.txt").is_file()
    write_project(tmp_path / "lang", FILES, gd_site_build="")  # as build_site.py sets it
    assert (Path(run(tmp_path / "lang").outdir) / "page.html").is_file()
    assert (
        not (tmp_path / "text" / "called").exists() and not (tmp_path / "lang" / "called").exists()
    )
