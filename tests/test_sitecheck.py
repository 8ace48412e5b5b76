"""scripts/sitecheck.py's page weight: what one reader's browser loads, at most."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import sitecheck  # scripts/ is not a package


def test_an_image_counts_as_the_largest_file_it_offers(tmp_path: Path) -> None:
    sizes = {"a.webp": 10, "a-2x.webp": 40, "a-dark.webp": 11, "a-dark-2x.webp": 45,
             "b.svg": 7, "s.css": 5, "j.js": 3}  # fmt: skip
    for name, n in sizes.items():
        (tmp_path / name).write_bytes(b"x" * n)
    html = (
        '<link rel="stylesheet" href="s.css?v=1"><script src="j.js"></script>'
        '<picture><source srcset="a-dark.webp 1x, a-dark-2x.webp 2x" media="x">'
        '<img src="a.webp" srcset="a.webp 1x, a-2x.webp 2x"></picture>'
        '<img src="b.svg"><img src="missing.png">'
    )
    page = tmp_path / "p.html"
    page.write_text(html, encoding="utf-8")
    assert sitecheck.page_weight(page) == len(html.encode()) + 5 + 3 + 45 + 7
