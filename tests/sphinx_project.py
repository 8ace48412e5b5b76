"""Build a tiny Sphinx project with the site's extension (``gdsite``), in-process, in seconds.

Used by the ``test_gdsite_*.py`` modules, one per module of ``book/_ext/gdsite``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image
from sphinx.testing.util import SphinxTestApp

EXT = Path(__file__).resolve().parents[1] / "book" / "_ext"
if str(EXT) not in sys.path:
    sys.path.insert(0, str(EXT))

#: The settings every tiny project starts from (each test adds its own).
BASE_CONF: dict[str, Any] = {
    "extensions": ["myst_parser", "gdsite"],  # as on the site: MyST pages
    "gd_registry": "sphinx_project:EMPTY_REGISTRY",  # no figures unless a test asks for them
    "html_theme": "basic",
    "exclude_patterns": ["_build"],
    # the basic theme's index and search pages have style attributes, which the site's policy
    # forbids (furo's and the site's templates have none): tests/test_gdsite_csp.py turns it on
    "gd_csp": False,
}


@dataclass
class Report:
    """What a registry build reports: files drawn, files reused, page values, claims."""

    built: list[str]
    reused: list[str]
    values: dict[str, str]
    claims: dict[str, str] = field(default_factory=dict)


class EmptyRegistry:
    """A registry with nothing in it (the extension's figure hook needs one)."""

    def build(self, lang: str, out_dir: Path, cache_dir: Path, *, log: Any) -> Report:
        """Nothing to make."""
        return Report([], [], {})


EMPTY_REGISTRY = EmptyRegistry()


@dataclass
class Build:
    """A finished build: its output folder, its warnings and the application (cleaned up)."""

    app: SphinxTestApp
    outdir: Path
    warnings: str

    def read(self, name: str) -> str:
        """The text of an output file."""
        return (self.outdir / name).read_text(encoding="utf-8")


def write_project(srcdir: Path, files: dict[str, str | bytes], **conf: Any) -> None:
    """Write ``conf.py`` (``BASE_CONF`` updated with ``conf``) and ``files`` into ``srcdir``."""
    settings = {**BASE_CONF, **conf}
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(
        "".join(f"{key} = {value!r}\n" for key, value in settings.items()), encoding="utf-8"
    )
    for name, content in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def build(srcdir: Path, builder: str = "html", **overrides: Any) -> Build:
    """Build the project in ``srcdir`` with ``builder``; the test fails on a build error."""
    app = SphinxTestApp(builder, srcdir=srcdir, confoverrides=overrides or None)
    try:
        app.build()
    finally:
        app.cleanup()
    return Build(app, Path(app.outdir), app.warning.getvalue())


def make_project(
    srcdir: Path, files: dict[str, str | bytes], builder: str = "html", **conf: Any
) -> Build:
    """Write a project and build it once."""
    write_project(srcdir, files, **conf)
    return build(srcdir, builder)


def write_image(path: Path, size: tuple[int, int], fmt: str = "PNG") -> None:
    """A plain image of ``size`` pixels."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, "white").save(path, fmt)


def write_animation(srcdir: Path, name: str, size: tuple[int, int]) -> None:
    """``_generated/<name>.webp`` and its still, as the registry would make them."""
    write_image(srcdir / "_generated" / f"{name}.webp", size, "WEBP")
    write_image(srcdir / "_generated" / f"{name}-still.webp", size, "WEBP")
