"""gdsite.claims: a sentence marked as a claim must name a claim the registry computed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx_project import Report, make_project  # book/_ext on sys.path


class ClaimsRegistry:
    """Computes one claim, ``start_south_of_summit``, which holds."""

    def build(self, lang: str, out_dir: Path, cache_dir: Path, *, log: Any) -> Report:
        """No files; one value and one claim."""
        return Report([], [], {"summit": "(0, 1.58)"}, {"start_south_of_summit": "1.40 < 1.58"})


REGISTRY = ClaimsRegistry()
CONF = {
    "gd_registry": f"{__name__}:REGISTRY",
    "myst_enable_extensions": ["attrs_inline", "substitution", "dollarmath"],
}


def page(marker: str) -> dict[str, str]:
    return {
        "index.md": f"# Claims\n\nBefore. [The start lies south of {{{{ summit }}}}.]{marker} After.\n"
    }


def test_a_sentence_naming_a_computed_claim_builds_cleanly(tmp_path: Path) -> None:
    out = make_project(tmp_path, page("{.claim .start_south_of_summit}"), **CONF)
    assert out.warnings == ""
    html = out.read("index.html")
    assert (
        '<span class="claim start_south_of_summit">The start lies south of (0, 1.58).</span>'
        in html
    )


def test_a_sentence_naming_an_unknown_claim_is_refused(tmp_path: Path) -> None:
    out = make_project(tmp_path, page("{.claim .start_north_of_summit}"), **CONF)
    assert "claims 'start_north_of_summit', which no registry entry computes" in out.warnings
    assert "known: start_south_of_summit" in out.warnings
    assert "index.md" in out.warnings  # the warning says where


def test_a_claim_marker_needs_exactly_one_name(tmp_path: Path) -> None:
    out = make_project(tmp_path, page("{.claim}"), **CONF)
    assert "a claim marker needs exactly one name" in out.warnings
    out = make_project(tmp_path / "two", page("{.claim .a .b}"), **CONF)
    assert "got ['a', 'b']" in out.warnings


def test_spans_that_are_not_claims_are_left_alone(tmp_path: Path) -> None:
    out = make_project(tmp_path, page("{.note}"), **CONF)
    assert out.warnings == ""
