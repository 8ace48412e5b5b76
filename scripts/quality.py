"""The whole quality pass on a built site, as one table: Lighthouse, axe, page weight; and a
folder of phone screenshots of every page, light and dark, to look through.

For every page of both languages: Lighthouse's four scores on the mobile preset (the median run of
``--runs``, by performance: the machine is noisy), axe-core violations in the light and dark colour
schemes, and the bytes the page loads. Exits 1 when a page misses a goal: performance ≥ 95,
accessibility, best practices and SEO 100, no axe violation, at most 1 MB.

Usage: ``python scripts/quality.py [SITE] [--runs 3] [--pages ko/index.html ...] [--shots DIR]``
(screenshots into ``_build/quality/phone`` by default).
Lighthouse (npm, with Debian's Chromium) is installed into ``scripts/quality/`` on first use.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sitecheck

TOOLS = sitecheck.REPO / "scripts" / "quality"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
#: The search page carries ``noindex`` (furo's, and right: results pages must not be indexed), which
#: Lighthouse's SEO score counts against it. Its other SEO audits still pass.
SEO_EXEMPT = {"search.html"}
WEIGHT_BUDGET = 1_000_000
CHROME_FLAGS = (
    "--headless=new " + " ".join(sitecheck.CHROMIUM_ARGS) + " --disable-quic --disable-sync"
)


def ensure_lighthouse() -> None:
    """npm install Lighthouse into scripts/quality when it is not there yet."""
    if not LIGHTHOUSE.is_file():
        print("installing Lighthouse (npm) into scripts/quality ...", flush=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOLS, check=True
        )


def lighthouse(url: str, runs: int) -> dict[str, int]:
    """The four scores of the median-performance run of ``runs`` mobile runs."""
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
            report = Path(out) / "report.json"
            proc = subprocess.run(
                [
                    str(LIGHTHOUSE), url, f"--chrome-path={sitecheck.CHROMIUM}",
                    f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}",
                    f"--only-categories={','.join(CATEGORIES)}", "--output=json",
                    f"--output-path={report}", "--quiet",
                ],
                capture_output=True, text=True, timeout=600,
            )  # fmt: skip
            if proc.returncode != 0 or not report.is_file():
                raise RuntimeError(f"lighthouse failed on {url}: {proc.stderr[-500:]}")
            data = json.loads(report.read_text(encoding="utf-8"))
        results.append({c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES})
    results.sort(key=lambda r: r["performance"])
    return results[(len(results) - 1) // 2]


def pages_of(site: Path) -> list[str]:
    """Every HTML page of every language folder, relative to ``site``."""
    return sorted(
        p.relative_to(site).as_posix()
        for lang in ("ko", "en")
        for p in (site / lang).rglob("*.html")
        if "_static" not in p.parts
    )


def main(argv: list[str] | None = None) -> int:
    """Run the pass and print the table; returns 1 if any goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default=str(sitecheck.REPO / "_build" / "html"))
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--pages", nargs="*", help="pages relative to the site (default: all)")
    parser.add_argument(
        "--shots", default=str(sitecheck.REPO / "_build" / "quality" / "phone"),
        help="folder for the phone screenshots of every page, light and dark",
    )  # fmt: skip
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "ko" / "index.html").is_file():
        parser.error(f"no built site in {site}: run ./scripts/build first")
    if shutil.which("npm") is None:
        parser.error("npm is needed for Lighthouse (apt-get install nodejs npm)")
    ensure_lighthouse()
    pages = args.pages or pages_of(site)
    rows = []
    with sitecheck.serve(site) as base, sitecheck.launch() as browser:
        for page in pages:
            scores = lighthouse(f"{base}/{page}", args.runs)
            axe = {}
            for scheme in ("light", "dark"):
                context = browser.new_context(color_scheme=scheme)
                tab = context.new_page()
                tab.goto(f"{base}/{page}", wait_until="load")
                axe[scheme] = len(sitecheck.axe_violations(tab))
                context.close()
            weight = sitecheck.page_weight(site / page)
            rows.append((page, scores, axe, weight))
            print(f"  measured {page}", file=sys.stderr, flush=True)
        shots = sitecheck.phone_screenshots(browser, base, pages, Path(args.shots))
    head = ("page", "perf", "a11y", "bp", "seo")
    print(
        f"\n{head[0]:24} " + " ".join(f"{h:>4}" for h in head[1:]) + "  axe light/dark     weight"
    )
    missed = []
    for page, s, axe, weight in rows:
        print(
            f"{page:24} {s['performance']:4d} {s['accessibility']:4d} {s['best-practices']:4d} "
            f"{s['seo']:4d}  {axe['light']:>7d}/{axe['dark']:<6d}  {weight / 1024:7.0f} KB"
        )
        goals = {
            c: g for c, g in GOALS.items() if not (c == "seo" and page.endswith(tuple(SEO_EXEMPT)))
        }
        missed += [f"{page}: {c} {s[c]} < {g}" for c, g in goals.items() if s[c] < g]
        missed += [f"{page}: {n} axe violations ({k})" for k, n in axe.items() if n]
        missed += [f"{page}: {weight:,} bytes > 1 MB"] if weight > WEIGHT_BUDGET else []
    perf = [r[1]["performance"] for r in rows]
    print(
        f"\nperformance: median {statistics.median(perf):.0f}, lowest {min(perf)} "
        f"({len(rows)} pages, median of {args.runs} run{'s' if args.runs > 1 else ''} each, "
        "mobile preset)"
    )
    print(f"{len(shots)} phone screenshots (light and dark) in {args.shots}")
    for line in missed:
        print(f"MISSED {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    os.environ.setdefault("CHROME_PATH", sitecheck.CHROMIUM)
    raise SystemExit(main())
