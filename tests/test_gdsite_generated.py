"""gdsite.generated: the registry named by ``gd_registry`` makes the files and the page values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sphinx.errors import ConfigError
from sphinx_project import Report, make_project, write_image  # book/_ext on sys.path

# isort: split

from gdsite.generated import load_registry


class FakeRegistry:
    """Writes one image and returns two values; remembers how it was called."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def build(self, lang: str, out_dir: Path, cache_dir: Path, *, log: Any) -> Report:
        """Make ``dot.png`` into ``out_dir``."""
        self.calls.append({"lang": lang, "out_dir": out_dir, "cache_dir": cache_dir})
        log(f"drawing dot ({lang})")
        write_image(out_dir / "dot.png", (30, 20))
        return Report(
            built=["dot.png"], reused=["values.json"], values={"seed_end": f"(1.5, -2) {lang}"}
        )


REGISTRY = FakeRegistry()

PAGE = """# Values

The run ends at {{ seed_end }}.

```{image} _generated/dot.png
:alt: a dot
```
"""


def test_the_registry_makes_the_files_and_the_values_become_substitutions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GD_FIGURE_CACHE", str(tmp_path / "cache"))
    REGISTRY.calls.clear()
    src = tmp_path / "src"
    out = make_project(
        src,
        {"index.md": PAGE},
        language="en",
        gd_registry=f"{__name__}:REGISTRY",
        myst_enable_extensions=["substitution"],
        myst_substitutions={"kept": "from conf.py"},
    )
    assert REGISTRY.calls == [
        {"lang": "en", "out_dir": src / "_generated", "cache_dir": tmp_path / "cache"}
    ]
    html = out.read("index.html")
    assert "The run ends at (1.5, -2) en." in html
    assert (out.outdir / "_images" / "dot.png").is_file()
    assert out.app.config.myst_substitutions == {
        "kept": "from conf.py",
        "seed_end": "(1.5, -2) en",
    }
    status = out.app.status.getvalue()
    assert "drawing dot (en)" in status and "[gdsite] en: 1 files drawn, 1 reused" in status
    assert out.warnings == ""


def test_the_default_registry_is_the_books() -> None:
    from gdsite.generated import DEFAULT_REGISTRY

    from gdcore.book.pages import REGISTRY as BOOK

    assert load_registry(DEFAULT_REGISTRY) is BOOK


def test_files_go_beside_the_root_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # as `jupyter-book build .` from the repository root: the pages are in book/ko/
    monkeypatch.setenv("GD_FIGURE_CACHE", str(tmp_path / "cache"))
    REGISTRY.calls.clear()
    src = tmp_path / "src"
    make_project(
        src,
        {"book/ko/index.md": PAGE},
        language="ko",
        root_doc="book/ko/index",
        gd_registry=f"{__name__}:REGISTRY",
        myst_enable_extensions=["substitution"],
    )
    assert REGISTRY.calls[0]["out_dir"] == src / "book" / "ko" / "_generated"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("no_colon", "must be 'module:attribute'"),
        ("gdsite_no_such_module:X", "No module named"),
        (f"{__name__}:NO_SUCH_NAME", "NO_SUCH_NAME"),
    ],
)
def test_a_wrong_registry_is_a_configuration_error(spec: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_registry(spec)


def test_a_wrong_registry_stops_the_build(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="gd_registry"):
        make_project(tmp_path, {"index.md": "# Page\n"}, gd_registry="nowhere:REGISTRY")
