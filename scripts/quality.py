"""The whole quality pass on a built site, as one table: Lighthouse, axe, page weight; and a
folder of phone screenshots of every page, light and dark, to look through.

Lighthouse runs through Lighthouse CI (``lhci``, npm, in ``scripts/quality/``) with the settings
and budgets of ``lighthouserc.json``: the mobile preset, ``numberOfRuns`` runs per page and lhci's
own choice of the representative (median) run, and the goals as lhci assertions on that run:
performance ≥ 0.95, accessibility, best practices and SEO 1. The search page is exempt from SEO:
it carries ``noindex`` (furo's, and right: a results page must not be indexed), which Lighthouse's
SEO score counts against it; its other SEO audits still pass. This script reads lhci's results
back (its filesystem upload, ``_build/quality/lhci/manifest.json``, with the full reports) and adds,
for every page of both languages, axe-core violations in the light and dark colour schemes and the
bytes the page loads. Exits 1 when lhci's assertions fail, a page has an axe violation or weighs
more than 1 MB.

Usage: ``python scripts/quality.py [SITE] [--runs N] [--pages ko/index.html ...] [--shots DIR]``
(screenshots into ``_build/quality/phone`` by default). Everything runs offline against Debian's
Chromium with the flags of ``scripts/sitecheck.py``. ``scripts/quality/node_modules/.bin/lhci
autorun`` from the repository root runs the same Lighthouse pass alone.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sitecheck

TOOLS = sitecheck.REPO / "scripts" / "quality"
LHCI = TOOLS / "node_modules" / ".bin" / "lhci"
RC = sitecheck.REPO / "lighthouserc.json"
WORK = sitecheck.REPO / "_build" / "quality"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
WEIGHT_BUDGET = 1_000_000
#: Chromium's flags for Lighthouse: the tests' (sitecheck) plus two that keep it quiet and offline.
CHROME_FLAGS = " ".join(
    ["--headless=new", *sitecheck.CHROMIUM_ARGS, "--disable-quic", "--disable-sync"]
)


def ensure_lhci() -> None:
    """``npm ci`` Lighthouse CI into scripts/quality when it is not there yet."""
    if not LHCI.is_file():
        print("installing Lighthouse CI (npm ci) into scripts/quality ...", flush=True)
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOLS, check=True
        )


def lhci(command: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``lhci <command>`` with lighthouserc.json, in ``_build/quality`` (its working files)."""
    WORK.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [str(LHCI), command, f"--config={RC}", *args], cwd=WORK, capture_output=True, text=True,
        env={**os.environ, "CHROME_PATH": sitecheck.CHROMIUM},
    )  # fmt: skip
    if check and proc.returncode != 0:
        raise RuntimeError(f"lhci {command} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return proc


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def assertion_failures(output: str) -> list[str]:
    """``lhci assert``'s failures, one line each: page, audit, what was expected and found."""
    failures: list[str] = []
    page = ""
    for line in ANSI.sub("", output).splitlines():
        line = line.strip()
        if " result(s) for " in line:
            page = line.split(" result(s) for ", 1)[1].rstrip(" :").split("/", 3)[-1]
        elif "failure for" in line:
            failures.append(f"{page}: {line.lstrip('✘ ').split(' failure for')[0]}")
        elif failures and line.startswith(("expected:", "found:")):
            failures[-1] += f", {' '.join(line.split())}"
    return failures


def lighthouse(site: Path, pages: list[str], runs: int | None) -> tuple[dict, list[str]]:
    """Lighthouse CI over ``pages``: each page's scores (0-100) in lhci's representative run,
    and the assertions that failed (lhci's own words)."""
    results = WORK / "lhci"
    shutil.rmtree(WORK / ".lighthouseci", ignore_errors=True)
    shutil.rmtree(results, ignore_errors=True)
    lhci(
        "collect", f"--collect.staticDistDir={site.resolve()}",
        f"--collect.chromePath={sitecheck.CHROMIUM}",
        f"--collect.settings.chromeFlags={CHROME_FLAGS}",
        *([f"--collect.numberOfRuns={runs}"] if runs else []),
        *(f"--collect.url=http://localhost/{page}" for page in pages),
    )  # fmt: skip
    asserted = lhci("assert", check=False)
    failed = assertion_failures(asserted.stdout + asserted.stderr)
    if asserted.returncode != 0 and not failed:
        failed = [ANSI.sub("", asserted.stdout + asserted.stderr).strip()[-500:]]
    lhci("upload", "--upload.target=filesystem", f"--upload.outputDir={results}")
    manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    scores = {}
    for entry in manifest:
        if entry["isRepresentativeRun"]:
            page = entry["url"].split("/", 3)[3]
            scores[page] = {c: round(100 * (entry["summary"][c] or 0)) for c in CATEGORIES}
    return scores, failed


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
    parser.add_argument(
        "--runs", type=int, help="Lighthouse runs per page (default: lighthouserc.json's)"
    )
    parser.add_argument("--pages", nargs="*", help="pages relative to the site (default: all)")
    parser.add_argument(
        "--shots", default=str(WORK / "phone"),
        help="folder for the phone screenshots of every page, light and dark",
    )  # fmt: skip
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "ko" / "index.html").is_file():
        parser.error(f"no built site in {site}: run ./scripts/build first")
    if args.runs is not None and args.runs < 1:
        parser.error(f"--runs must be at least 1, got {args.runs}")
    pages = args.pages or pages_of(site)
    missing = [p for p in pages if not (site / p).is_file()]
    if missing:
        parser.error(f"--pages: no such page in {site}: {', '.join(missing)}")
    if shutil.which("npm") is None:
        parser.error("npm is needed for Lighthouse CI (apt-get install nodejs npm)")
    ensure_lhci()
    scores, failed = lighthouse(site, pages, args.runs)
    runs = args.runs or json.loads(RC.read_text(encoding="utf-8"))["ci"]["collect"]["numberOfRuns"]
    rows = []
    with sitecheck.serve(site) as base, sitecheck.launch() as browser:
        for page in pages:
            axe = {}
            for scheme in ("light", "dark"):
                context = browser.new_context(color_scheme=scheme)
                tab = context.new_page()
                tab.goto(f"{base}/{page}", wait_until="load")
                axe[scheme] = len(sitecheck.axe_violations(tab))
                context.close()
            rows.append((page, scores[page], axe, sitecheck.page_weight(site / page)))
        shots = sitecheck.phone_screenshots(browser, base, pages, Path(args.shots))
    head = ("page", "perf", "a11y", "bp", "seo")
    print(
        f"\n{head[0]:24} " + " ".join(f"{h:>4}" for h in head[1:]) + "  axe light/dark     weight"
    )
    missed = [f"Lighthouse CI: {line}" for line in failed]
    for page, s, axe, weight in rows:
        print(
            f"{page:24} {s['performance']:4d} {s['accessibility']:4d} {s['best-practices']:4d} "
            f"{s['seo']:4d}  {axe['light']:>7d}/{axe['dark']:<6d}  {weight / 1024:7.0f} KB"
        )
        missed += [f"{page}: {n} axe violations ({k})" for k, n in axe.items() if n]
        missed += [f"{page}: {weight:,} bytes > 1 MB"] if weight > WEIGHT_BUDGET else []
    perf = [r[1]["performance"] for r in rows]
    print(
        f"\nperformance: median {statistics.median(perf):.0f}, lowest {min(perf)} "
        f"({len(rows)} pages, lhci's representative run of {runs} each, mobile preset; "
        f"reports in {WORK / 'lhci'})"
    )
    print(f"{len(shots)} phone screenshots (light and dark) in {args.shots}")
    for line in missed:
        print(f"MISSED {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
