"""Broken input, as an author makes it, gives one clear message and fails every build until fixed.

Tiny Sphinx projects (``sphinx_project.py``) for the extension's part, a tiny bilingual site (the
real ``scripts/build_site.py``, ``book/_ext`` and a two-page book, built with jupyter-book) for
the build script's part. The site tests are marked ``site``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
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


# --- the build script on a tiny bilingual site ------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
TINY_PAGES = {
    "index.md": "# {title}\n\n{body}\n",
    "page.md": "# Page {lang}\n\nStarting at {{{{ known }}}} with a page in {lang}.\n",
}


def tiny_site(root: Path) -> Path:
    """A copy of the repository's build (``scripts/build_site.py``, ``book/_ext``, templates,
    stylesheet, ``_config.yml``) around a two-page book in each language, with no figures."""
    for item in ("book/_ext", "book/_templates", "book/_static", "book/_locale"):
        shutil.copytree(REPO / item, root / item, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "build_site.py", root / "scripts" / "build_site.py")
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    sc = config["sphinx"]["config"]
    sc["gd_registry"] = "test_build_faults:TINY_REGISTRY"
    sc["myst_substitutions"] = {"known": "K"}
    (root / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    toc = "format: jb-book\nroot: book/ko/index\nchapters:\n  - file: book/ko/page\n"
    (root / "_toc.yml").write_text(toc, encoding="utf-8")
    for lang, body in (("ko", "한국어 쪽입니다."), ("en", "The English side.")):
        for name, text in TINY_PAGES.items():
            page = root / "book" / lang / name
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(text.format(title=lang.upper(), body=body, lang=lang), "utf-8")
    return root


class TinyRegistry:
    """No figures, no values: the tiny site's pages show none."""

    def build(self, lang: str, out_dir: Path, cache_dir: Path, *, log: object) -> object:
        """Nothing to make (but the folder, to show where the files would go)."""
        from sphinx_project import Report

        out_dir.mkdir(parents=True, exist_ok=True)
        return Report([], [], {})


TINY_REGISTRY = TinyRegistry()


def run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """Run a command in the tiny site as an author would (the checkout's gdcore for the words)."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")]),
        "GD_FIGURE_CACHE": str(root / "_build" / ".cache"),
    }
    return subprocess.run(
        list(command), cwd=root, capture_output=True, text=True, timeout=600, env=env
    )


def build_site(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``scripts/build`` in the tiny site."""
    return run(root, sys.executable, str(root / "scripts" / "build_site.py"), *args)


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def assert_fails_with_one_line(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit status 2, one line on stderr naming ``words``, no traceback."""
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("error: ") and all(w in line for w in words), line


SITE_TOP = {".nojekyll", "index.html", "robots.txt", "sitemap.xml", "ko", "en"}


@pytest.mark.site
def test_jupyter_book_build_from_the_root_builds_the_whole_site_and_deletes_nothing(
    tmp_path: Path,
) -> None:
    root = tiny_site(tmp_path)
    jb = str(Path(sys.executable).with_name("jupyter-book"))
    proc = run(root, jb, "build", ".")  # a fresh clone: no _build yet
    assert proc.returncode == 0, proc.stdout + proc.stderr
    printed = re.search(r"opening this file in a browser:\s+(\S+)", proc.stdout)
    assert printed and (root / printed.group(1)).is_file(), proc.stdout
    html = root / "_build" / "html"
    assert (root / printed.group(1)).resolve() == (html / "index.html").resolve()
    assert {p.name for p in html.iterdir()} == SITE_TOP  # the merged site only
    # the figures go beside the pages, never into the repository's root
    assert not (root / "_generated").exists() and (root / "book" / "ko" / "_generated").is_dir()
    assert 'lang="ko"' in (html / "ko" / "page.html").read_text(encoding="utf-8")
    assert "Starting at K with a page in en." in (html / "en" / "page.html").read_text("utf-8")
    site = files(html)
    again = build_site(root)
    assert again.returncode == 0 and "up to date" in again.stdout, again.stderr
    assert run(root, jb, "build", ".").returncode == 0
    assert files(html) == site  # nothing deleted, nothing rewritten
    forced = build_site(root, "--force")
    assert forced.returncode == 0 and "0 files written" in forced.stdout, forced.stderr
    assert files(html) == site


@pytest.mark.site
def test_the_site_folder_keeps_what_the_build_did_not_write(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    html = root / "_build" / "html"
    notes = html / "notes" / "mine.txt"
    notes.parent.mkdir(parents=True)
    notes.write_text("not the build's\n", encoding="utf-8")
    for _ in range(2):
        assert_fails_with_one_line(build_site(root), "--out", "notes/mine.txt", "did not write")
        assert {p.name for p in html.iterdir()} == {"notes"}
    notes.unlink()
    notes.parent.rmdir()
    assert build_site(root).returncode == 0
    # a page removed from the book leaves the site; nothing else does
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/ko/index\n", encoding="utf-8")
    for lang in ("ko", "en"):
        (root / "book" / lang / "page.md").unlink()
    proc = build_site(root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (html / "ko" / "page.html").exists() and not (html / "en" / "page.html").exists()
    assert (html / "en" / "index.html").is_file()


@pytest.mark.site
def test_a_broken_page_fails_every_build_until_it_is_fixed(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    assert build_site(root).returncode == 0
    page = root / "book" / "en" / "page.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good.replace("{{ known }}", "{{ unknown_substitution }}"), "utf-8")
    for _ in range(2):  # the second build used to exit 0 and publish "Starting at  with"
        proc = build_site(root)
        assert proc.returncode != 0
        assert "page.md:3" in proc.stdout + proc.stderr and "unknown_substitution" in proc.stdout
    html = root / "_build" / "html" / "en" / "page.html"
    assert "Starting at K with" in html.read_text(encoding="utf-8")  # the last good page stays
    page.write_text(good, encoding="utf-8")
    assert build_site(root).returncode == 0


@pytest.mark.site
@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("_toc.yml", "format: jb-book\nroot: book/ko/index\nchapters:\n  - file: [oops\n",
         ("_toc.yml:5:1", "not valid YAML")),
        ("_toc.yml", "format: jb-book\nroot: book/ko/index\nchapters:\n  - flie: book/ko/page\n",
         ("_toc.yml",)),
        ("_toc.yml", "format: jb-book\nroot: book/ko/index\nchapters:\n  - file: book/ko/gone\n",
         ("_toc.yml:4", "book/ko/gone.md does not exist")),
        ("_toc.yml", "- just\n- a list\n", ("_toc.yml", "mapping")),
        ("_config.yml", "title: [unclosed\n", ("_config.yml:2:1", "not valid YAML")),
        ("_config.yml", "title: x\n", ("_config.yml", "sphinx: config:")),
        ("_config.yml", "\tsphinx: 1\n", ("_config.yml:1:1", "not valid YAML")),
    ],
)  # fmt: skip
def test_a_malformed_config_or_toc_gives_one_line_naming_the_file(
    tmp_path: Path, name: str, text: str, words: tuple[str, ...]
) -> None:
    root = tiny_site(tmp_path)
    (root / name).write_text(text, encoding="utf-8")
    for _ in range(2):
        assert_fails_with_one_line(build_site(root), *words)


@pytest.mark.site
def test_a_page_missing_in_english_is_named(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    (root / "book" / "en" / "page.md").unlink()
    assert_fails_with_one_line(build_site(root), "_toc.yml:4", "book/en/page.md does not exist")


# --- the words catalogs -------------------------------------------------------------------------


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The words module reading catalogs from ``tmp_path`` (a copy of the real ones)."""
    from gdcore.book import words

    for lang in words.LANGUAGES:
        shutil.copy(words.CATALOG_DIR / f"{lang}.toml", tmp_path / f"{lang}.toml")
    monkeypatch.setattr(words, "CATALOG_DIR", tmp_path)
    words.catalog.cache_clear()
    yield tmp_path
    words.catalog.cache_clear()


def test_a_broken_words_catalog_is_named_with_its_line(catalogs: Path) -> None:
    from gdcore.book import words

    en = catalogs / "en.toml"
    en.write_text(en.read_text(encoding="utf-8").replace('start = "start"', 'start = "start'))
    with pytest.raises(ValueError, match=r"en\.toml: not valid TOML: .*line \d+") as info:
        words.label("start", "en")
    assert "\n" not in str(info.value)


def test_an_unknown_word_names_the_closest_ones_in_one_short_line(catalogs: Path) -> None:
    from gdcore.book import words

    with pytest.raises(ValueError, match=r"unknown word 'figure\.map_titl' in en\.toml") as info:
        words.label("map_titl", "en")
    assert "figure.map_title" in str(info.value) and len(str(info.value)) < 200


@pytest.mark.parametrize(
    ("text", "words_"),
    [("the slice at y = {yy}", ("{yy}", "y0")), ("at {y0:d}", ("bad field", "y0"))],
)
def test_a_word_with_a_field_the_code_does_not_fill_is_named(
    catalogs: Path, text: str, words_: tuple[str, ...]
) -> None:
    from gdcore.book import words

    en = catalogs / "en.toml"
    en.write_text(
        en.read_text(encoding="utf-8").replace(
            'slice_title = "the slice at y = {y0:g}"', f'slice_title = "{text}"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"'figure\.slice_title' in en\.toml") as info:
        words.label("slice_title", "en", y0=0.5)
    assert all(w in str(info.value) for w in words_)


def test_build_site_lists_a_failed_builds_problems_once() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    import build_site

    log = (
        "Running Sphinx v7.4.7\nMdParserConfig(commonmark_only=False, ...)\n"
        'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\n'
        "    raise ClaimError('no')\ngdcore.book.registry.ClaimError: claim x does not hold\n"
        "/b/en/a.md:3: WARNING: undefined label: 'y'\n/b/en/a.md:3: WARNING: undefined label: 'y'\n"
        "RuntimeError:\n"
    )
    assert build_site.problems(log) == [
        "gdcore.book.registry.ClaimError: claim x does not hold",
        "/b/en/a.md:3: WARNING: undefined label: 'y'",
    ]
    assert build_site.problems("one\n\ntwo\n") == ["one", "two"]
