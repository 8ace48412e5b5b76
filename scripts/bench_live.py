"""Benchmark the live basin map (``minima.html``) in headless Chromium against the engine.

Serves the built site (``_build/html``, or ``--site``), opens the English minima page in Debian's
Chromium (as the tests do, :mod:`sitecheck`), lets the live basin map compute the lesson's map
(101² starts × 1000 epochs at η = 0.01, in Web Workers, a coarse preview first), then asks it
``--rounds`` more times for the same map; meanwhile it times :func:`gdcore.basins` for the same
settings, interleaved. Prints the medians, their ratio, whether the two maps are equal, and the
longest main-thread task the page reported while computing (none over 50 ms: Chromium reports
only longer ones).

The browser stops a start once ‖∇f‖ ≤ 1e-10 (as the playground does); ``gdcore.basins`` runs
every epoch. Usage: ``python scripts/bench_live.py [--rounds N] [--site DIR]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import sitecheck  # noqa: E402

from gdcore import basins, get_landscape  # noqa: E402
from gdcore.book.params import BASINS  # noqa: E402

LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
"""
#: A function, not an expression: Playwright evaluates an expression with eval at every poll,
#: which the pages' Content-Security-Policy forbids.
READY = "() => document.querySelector('[data-live=basins]').dataset.state === 'ready'"


def browser_round(page: object) -> tuple[float, dict[str, str], list]:
    """One more computation of the same map; returns its time (ms), the state and long tasks."""
    t0 = page.evaluate(
        """() => {
          const box = document.querySelector('[data-live=basins] input[type=number]');
          const t0 = performance.now();
          box.dispatchEvent(new Event('change'));
          return t0;
        }"""
    )
    page.wait_for_function(READY, timeout=120_000)
    state = page.evaluate("({...document.querySelector('[data-live=basins]').dataset})")
    tasks = page.evaluate(f"window.__longTasks.filter(([t]) => t >= {t0})")
    return float(state["ms"]), state, tasks


def main() -> int:
    """Run the benchmark; print one line per measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each (default 3)")
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="built site")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1, got {args.rounds}")
    if not (args.site / "en" / "minima.html").is_file():
        parser.error(f"--site {args.site} has no en/minima.html: run ./scripts/build first")
    peaks = get_landscape("peaks")
    lr, epochs, grid = BASINS["learning_rate"], BASINS["epochs"], BASINS["grid"]
    web, engine, longest = [], [], 0.0
    with sitecheck.serve(args.site) as base, sitecheck.launch() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.add_init_script(LONG_TASKS)
        page = context.new_page()
        page.goto(f"{base}/en/minima.html")
        page.locator("[data-live=basins]").scroll_into_view_if_needed()
        page.wait_for_function(READY, timeout=120_000)  # the first map (and the workers' start)
        for _ in range(args.rounds):
            ms, state, tasks = browser_round(page)
            web.append(ms / 1000)
            longest = max([longest, *(d for _, d in tasks)])
            t = time.perf_counter()
            result = basins(peaks, learning_rate=lr, epochs=epochs, grid=grid)
            engine.append(time.perf_counter() - t)
        context.close()
    labels = np.array([-1 if c == "." else int(c) for c in state["labels"]])
    same = bool(np.array_equal(labels, result.labels.ravel()))
    same_shares = json.loads(state["shares"]) == result.shares.tolist()
    b, e = statistics.median(web), statistics.median(engine)
    print(f"basin map {grid}x{grid} starts x {epochs} epochs at lr {lr}, {args.rounds} rounds")
    runs = {
        name: ", ".join(f"{v:.3f}" for v in values) for name, values in (("b", web), ("e", engine))
    }
    print(f"  browser (live figure, Web Workers): {b:.3f} s  (runs: {runs['b']})")
    print(f"  engine (gdcore.basins):             {e:.3f} s  (runs: {runs['e']})")
    print(f"  ratio engine / browser:             {e / b:.2f}x")
    print(f"  same labels: {same}; same shares: {same_shares}")
    print(f"  longest main-thread task while computing: {longest:.0f} ms (0: none over 50 ms)")
    return 0 if same and same_shares else 1


if __name__ == "__main__":
    raise SystemExit(main())
