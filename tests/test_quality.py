"""The quality report's Lighthouse CI setup (``lighthouserc.json``, ``scripts/quality``): the
budgets are lhci assertions on its median run, Chromium gets the tests' flags, everything pinned.
(The report itself runs Lighthouse for minutes: ``python scripts/quality.py``, not a test.)"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import quality  # noqa: E402  (scripts/ is not a package)
import sitecheck  # noqa: E402

RC = json.loads((REPO / "lighthouserc.json").read_text(encoding="utf-8"))["ci"]
GOALS = {"performance": 0.95, "accessibility": 1, "best-practices": 1, "seo": 1}


def page_urls() -> list[str]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for c in toc["chapters"]]
    pages = [n.removeprefix("book/ko/") + ".html" for n in names] + ["search.html"]
    return [f"http://localhost:41234/{lang}/{p}" for lang in ("ko", "en") for p in pages]


def goals_for(url: str) -> dict[str, float]:
    """The category goals lhci asserts on ``url`` (JS and Python regexes agree on these)."""
    found: dict[str, float] = {}
    for block in RC["assert"]["assertMatrix"]:
        if re.search(block["matchingUrlPattern"], url):
            for name, (level, options) in block["assertions"].items():
                assert level == "error"
                assert options["aggregationMethod"] == "median-run"  # lhci's representative run
                category = name.removeprefix("categories:")
                assert category not in found, f"{url}: two assertions for {category}"
                found[category] = options["minScore"]
    return found


def test_every_page_is_held_to_the_goals_and_search_is_exempt_from_seo_only() -> None:
    for url in page_urls():
        want = dict(GOALS)
        if url.endswith("/search.html"):  # noindex: Lighthouse's SEO score counts it against it
            del want["seo"]
        assert goals_for(url) == want, url


def test_lighthouse_runs_offline_on_debians_chromium_with_the_tests_flags() -> None:
    collect = RC["collect"]
    assert collect["numberOfRuns"] >= 3 and collect["numberOfRuns"] % 2 == 1  # a true median
    assert collect["chromePath"] == "/usr/bin/chromium"
    flags = collect["settings"]["chromeFlags"].split()
    assert collect["settings"]["chromeFlags"] == quality.CHROME_FLAGS
    assert set(sitecheck.CHROMIUM_ARGS) <= set(flags) and "--headless=new" in flags
    assert collect["settings"]["onlyCategories"] == list(quality.CATEGORIES)
    assert (REPO / collect["staticDistDir"]) == REPO / "_build" / "html"
    assert RC["upload"]["target"] == "filesystem"  # nothing leaves the machine
    assert "serverBaseUrl" not in RC["upload"] and "token" not in json.dumps(RC)


def test_lighthouse_ci_is_pinned() -> None:
    package = json.loads((REPO / "scripts" / "quality" / "package.json").read_text("utf-8"))
    lock = json.loads((REPO / "scripts" / "quality" / "package-lock.json").read_text("utf-8"))
    version = package["devDependencies"]["@lhci/cli"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert lock["packages"]["node_modules/@lhci/cli"]["version"] == version


def test_assertion_failures_are_read_back_one_line_each() -> None:
    output = (
        "Checking assertions against 2 URL(s), 2 total run(s)\n\n"
        "1 result(s) for \x1b[1mhttp://localhost:33389/en/gd2d.html\x1b[0m :\n\n"
        "  \x1b[31m✘\x1b[0m  \x1b[1mcategories\x1b[0m.performance failure for "
        "\x1b[1mminScore\x1b[0m assertion\n"
        "        expected: >=\x1b[32m0.95\x1b[0m\n           found: \x1b[31m0.9\x1b[0m\n"
        "      \x1b[2mall values: 0.9, 0.92, 0.89\x1b[0m\n\n"
        "Assertion failed. Exiting with status code 1.\n"
    )
    assert quality.assertion_failures(output) == [
        "en/gd2d.html: categories.performance, expected: >=0.95, found: 0.9"
    ]
    assert quality.assertion_failures("All results processed!\n") == []
