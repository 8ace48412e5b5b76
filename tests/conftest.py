"""Shared fixtures and hypothesis settings."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# "ci" (the default) is derandomized: the same examples every run, so a red build is reproducible.
# HYPOTHESIS_PROFILE=explore searches with fresh random examples.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


REPO = Path(__file__).resolve().parents[1]
# One cache of the pages' computations (gdcore/book/memo.py, keyed by their code and inputs) for
# the tests' own computations, both workers' and every build they run: a basin map is computed
# once per run (and not at all after ``scripts/build``), not once per process.
os.environ.setdefault("GD_MEMO_CACHE", str(REPO / "_build" / ".cache" / "memo"))
#: The fixtures that build (or serve, or browse) the whole site: their tests are marked ``site``.
SITE_FIXTURES = {"site_build", "base_url", "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse a test that builds the site without ``@pytest.mark.site``: ``pytest -m "not site"``
    must stay fast, and it would not be if such a test slipped in unmarked."""
    for item in items:
        uses = SITE_FIXTURES & set(getattr(item, "fixturenames", ()))
        if uses and item.get_closest_marker("site") is None:
            raise pytest.UsageError(
                f"{item.nodeid} uses {', '.join(sorted(uses))} (the site build) "
                "but is not marked @pytest.mark.site"
            )


COPIED = (
    "_config.yml",
    "_toc.yml",
    "book",
    "gdcore",
    "scripts",
    "requirements.txt",
    "pyproject.toml",
)


def copy_repo(src: Path, dest: Path) -> Path:
    """Copy the parts of the repository in :data:`COPIED` from ``src`` to ``dest`` (without
    generated files, bytecode or node modules); returns ``dest``."""
    ignore = shutil.ignore_patterns("_generated", "__pycache__", "*.mo", "node_modules")
    dest.mkdir(parents=True, exist_ok=True)
    for item in COPIED:
        if (src / item).is_dir():
            shutil.copytree(src / item, dest / item, ignore=ignore)
        else:
            shutil.copy2(src / item, dest / item)
    return dest


def build_site(root: Path, *args: str, env: dict | None = None) -> str:
    """Run ``scripts/build_site.py`` in ``root``; returns its output (the test fails if it fails)."""
    proc = subprocess.run(
        [sys.executable, str(root / "scripts" / "build_site.py"), *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=900,
        # the copy's own code, not the checkout's (which the editable install points at)
        env={**os.environ, "PYTHONPATH": str(root), **(env or {})},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture(scope="session")
def book_values() -> dict[str, dict[str, str]]:
    """Every page value, per language (``{lang: {name: Markdown text}}``), as the pages show them."""
    from gdcore.book.pages import REGISTRY

    values: dict[str, dict[str, str]] = {"ko": {}, "en": {}}
    for entry in REGISTRY:
        if entry.kind == "values":
            for lang, found in values.items():
                found.update(entry.make(lang, **entry.params))
    return values


@pytest.fixture(scope="session")
def book_claims() -> dict[str, object]:
    """Every claim the pages make, computed (``{name: Claim}``; in English, like the layout test)."""
    from gdcore.book.pages import REGISTRY

    return {
        name: claim
        for entry in REGISTRY
        if entry.kind == "claims"
        for name, claim in entry.make("en", **entry.params).items()
    }


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A cold build of a clean copy of the repository, with its own figure cache.

    Yields ``root`` (the copy), ``html`` (its ``_build/html``) and ``cache`` (the figure cache,
    which the registry tests reuse instead of drawing everything a second time). The tests only
    read it: those that edit sources and rebuild work on a copy of their own (``sandbox`` in
    tests/test_site.py). With pytest-xdist the workers share one build: the first to need it
    builds it while the others wait on a lock. With ``GD_TESTED_SITE`` set (CI), the built site
    is copied there, and checked unchanged when the tests end: the workflow deploys that copy,
    the bytes the tests checked.
    """
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "site-build"
    shared.mkdir(exist_ok=True)
    root, cache = shared / "repo", shared / "figure-cache"
    html = root / "_build" / "html"
    tested = os.environ.get("GD_TESTED_SITE")  # CI deploys the site the tests checked
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        failed = shared / "failed"
        if failed.exists():  # another worker's build failed: say why, do not build again
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        if not (shared / "built").exists():
            cache.mkdir(exist_ok=True)
            copy_repo(REPO, root)
            try:
                build_site(root, env={"GD_FIGURE_CACHE": str(cache)})
            except Exception as exc:
                failed.write_text(f"the site build failed:\n{exc}", encoding="utf-8")
                raise
            if tested:
                export_site(html, Path(tested))
            (shared / "built").touch()
    yield {"root": root, "html": html, "cache": cache}
    if tested:  # nothing rebuilt it: what the tests checked is what goes out
        changed = site_differences(html, Path(tested))
        assert not changed, f"the tested site changed during the tests: {changed[:5]}"


def export_site(html: Path, dest: Path) -> None:
    """Copy the built site ``html`` to ``dest`` (replacing what was there)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(html, dest)


def site_differences(a: Path, b: Path) -> list[str]:
    """The files (relative paths) that one folder lacks or that differ in their bytes."""

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
        }

    fa, fb = files(a), files(b)
    return sorted(name for name in fa.keys() | fb.keys() if fa.get(name) != fb.get(name))


@pytest.fixture(scope="session")
def base_url(site_build: dict[str, Path]) -> Iterator[str]:
    """The built site served on 127.0.0.1, as a reader's browser would get it."""
    sys.path.insert(0, str(REPO / "scripts"))
    import sitecheck

    with sitecheck.serve(site_build["html"]) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. Missing, it is a failure (scripts/test installs it)."""
    sys.path.insert(0, str(REPO / "scripts"))
    import sitecheck

    with sitecheck.launch() as b:
        yield b
