"""Benchmark the live basin map (``minima.html``) in headless Chromium against the engine.

Serves the built site (``_build/html``, or ``--site``), opens the English minima page in Debian's
Chromium (as the tests do, :mod:`sitecheck`) and lets the live basin map compute the lesson's map
(and start its Web Workers). Then, for each setting (``--settings``; by default the lesson's and
the slowest a reader can pick, found by counting the steps every rate of the slider takes at the
most epochs), ``--rounds`` times: sets the slider and the epochs box as a reader does, after a
one-epoch map so that the map is really computed again, and reads how long the map took
(``data-ms``: from the setting to the whole map; the preview's time beside it) and how many steps
its runs took (``data-steps``; a start stops once ‖∇f‖ ≤ 1e-10, once a step is refused, or once its
state repeats bit for bit, see :func:`gdcore.book.live.basin_loop_js`). Interleaved with the
browser's rounds, it times :func:`gdcore.basins` for the same setting (every epoch of every start).

Prints, per setting, the medians side by side, the steps against every epoch of every start,
whether the browser's map equals the engine's start by start (and its status's counts: runs that
diverged, runs that end off the map), and the longest main-thread task while the page computed
(a long-task PerformanceObserver: Chromium reports only tasks over 50 ms, so 0 means none);
with the machine's load (1-minute load average) before and after, since both sides share its
cores. Exits 1 if a map differs from the engine's.

``--against DIR`` times another build of the site (e.g. main's, before a change) in the same
rounds, interleaved, in a page of its own: on a shared, noisy machine only times taken side by side
compare.

Usage: ``python scripts/bench_live.py [--rounds N] [--settings LR:EPOCHS,...] [--site DIR]
[--against DIR]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
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
from gdcore.book.live import live_data  # noqa: E402
from gdcore.book.params import BASINS  # noqa: E402

#: The settings timed by default: the lesson's, then the slowest the slider offers at its most
#: epochs (10,000), measured 2026-12-06 by the steps each rate's map takes: η = 0.3 and 0.2 (no
#: minimum is stable: every run is still moving at the end), 0.15 (runs bounce about all three
#: minima), 0.07 (about the global one), 0.001 (slow runs everywhere), and 0.01 at 10,000.
WORST = ((0.3, 10_000), (0.2, 10_000), (0.15, 10_000), (0.07, 10_000), (0.01, 10_000),
         (0.001, 10_000))  # fmt: skip

OBSERVE = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
window.__states = [];
document.addEventListener("DOMContentLoaded", () => {
  const root = document.querySelector("[data-live=basins]");
  new MutationObserver(() => window.__states.push([performance.now(), root.dataset.state]))
    .observe(root, { attributes: true, attributeFilter: ["data-state"] });
});
"""
#: Functions, not expressions: Playwright evaluates an expression with eval at every poll, which
#: the pages' Content-Security-Policy forbids.
READY = "() => document.querySelector('[data-live=basins]').dataset.state === 'ready'"
SET = """([index, epochs]) => {
  const root = document.querySelector('[data-live=basins]');
  root.querySelector('input[type=range]').value = String(index);
  const box = root.querySelector('input[type=text]');
  box.value = String(epochs);
  const t0 = performance.now();
  box.dispatchEvent(new Event('change'));
  return t0;
}"""
DONE = """([lr, epochs]) => { const d = document.querySelector('[data-live=basins]').dataset;
  return d.state === 'ready' && d.lr === lr && d.epochs === epochs; }"""


def settings(text: str | None) -> list[tuple[float, int]]:
    """``--settings``: ``LR:EPOCHS`` pairs, comma-separated; by default the lesson's and WORST."""
    if text is None:
        return [(BASINS["learning_rate"], BASINS["epochs"]), *WORST]
    out = []
    for part in text.split(","):
        lr, _, epochs = part.partition(":")
        try:
            out.append((float(lr), int(epochs)))
        except ValueError:
            raise SystemExit(f"--settings: {part!r} is not LR:EPOCHS (e.g. 0.3:10000)") from None
    return out


def browser_round(page: object, index: int, lr: float, epochs: int) -> dict:
    """One map for the setting, after a one-epoch map; its times (s), steps, state, long tasks."""
    data = live_data()["basins"]
    for want, count in ((index, 1), (index, epochs)):
        t0 = page.evaluate(SET, [want, count])
        page.wait_for_function(DONE, arg=[str(data["rates"][want]), str(count)], timeout=300_000)
    state = page.evaluate("({...document.querySelector('[data-live=basins]').dataset})")
    tasks = page.evaluate(f"window.__longTasks.filter(([t]) => t >= {t0})")
    states = page.evaluate(f"window.__states.filter(([t]) => t >= {t0})")
    preview = next((t - t0 for t, s in states if s == "preview"), float("nan"))
    return {
        "s": float(state["ms"]) / 1000,
        "preview": preview / 1000,
        "steps": int(state.get("steps", -1)),  # -1: a site from before the count
        "state": state,
        "longest": max((d for _, d in tasks), default=0.0),
    }


def main() -> int:
    """Run the benchmark; print one block per setting."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each (default 3)")
    parser.add_argument("--settings", help="LR:EPOCHS,... (default: the lesson's and the worst)")
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="built site")
    parser.add_argument("--against", type=Path, help="another built site, timed alongside")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1, got {args.rounds}")
    for name, site in (("--site", args.site), ("--against", args.against)):
        if site is not None and not (site / "en" / "minima.html").is_file():
            parser.error(f"{name} {site} has no en/minima.html: build it first")
    chosen = settings(args.settings)
    data = live_data()["basins"]
    rates = data["rates"]
    for lr, epochs in chosen:
        if lr not in rates:
            parser.error(f"--settings: {lr} is not one of the slider's rates {rates}")
        if not data["minEpochs"] <= epochs <= data["maxEpochs"]:
            parser.error(
                f"--settings: {epochs} epochs is outside {data['minEpochs']} to {data['maxEpochs']}"
            )
    peaks = get_landscape("peaks")
    grid = BASINS["grid"]
    load0 = os.getloadavg()[0]
    results = []
    with contextlib.ExitStack() as stack:
        browser = stack.enter_context(sitecheck.launch())
        pages = []
        for site in (args.site, args.against):
            if site is None:
                continue
            base = stack.enter_context(sitecheck.serve(site))
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.add_init_script(OBSERVE)
            stack.callback(context.close)
            page = context.new_page()
            page.goto(f"{base}/en/minima.html")
            page.locator("[data-live=basins]").scroll_into_view_if_needed()
            page.wait_for_function(READY, timeout=120_000)  # the first map, the workers' start
            pages.append(page)
        for lr, epochs in chosen:
            web, other, engine = [], [], []
            for _ in range(args.rounds):
                web.append(browser_round(pages[0], rates.index(lr), lr, epochs))
                if args.against is not None:
                    other.append(browser_round(pages[1], rates.index(lr), lr, epochs))
                t = time.perf_counter()
                result = basins(peaks, learning_rate=lr, epochs=epochs, grid=grid)
                engine.append(time.perf_counter() - t)
            results.append((lr, epochs, web, other, engine, result))
    load1 = os.getloadavg()[0]
    ok = True
    print(f"live basin map, {grid}x{grid} starts, {args.rounds} rounds per setting, "
          f"medians (each round's value in brackets); {os.cpu_count()} cores, "
          f"load average {load0:.1f} before and {load1:.1f} after")  # fmt: skip
    print(f"{'eta':>6} {'epochs':>6} | {'browser s':>9} {'preview s':>9} {'steps':>11} "
          f"{'of every':>11} | {'engine s':>8} | same | longest task ms")  # fmt: skip
    for lr, epochs, web, other, engine, result in results:
        state = web[-1]["state"]
        labels = np.array([-1 if c == "." else int(c) for c in state["labels"]])
        # the status's counts too: diverged, and ending off the map without diverging
        off = ~peaks.contains(result.final) & (result.labels < 0) & ~result.diverged
        counts = (int(state["diverged"]), int(state["outside"]))
        expected = (int(result.diverged.sum()), int(off.sum()))
        same_map = bool(np.array_equal(labels, result.labels.ravel())) and (
            json.loads(state["shares"]) == result.shares.tolist()
        )
        same = same_map and counts == expected
        ok &= same
        b = statistics.median(r["s"] for r in web)
        p = statistics.median(r["preview"] for r in web)
        steps = f"{web[-1]['steps']:,}" if web[-1]["steps"] >= 0 else "-"
        every = grid * grid * epochs
        longest = max(r["longest"] for r in web)
        print(f"{lr:>6g} {epochs:>6} | {b:>9.3f} {p:>9.3f} {steps:>11} {every:>11,} | "
              f"{statistics.median(engine):>8.3f} | {'yes' if same else 'NO ':>4} | "
              f"{longest:.0f}")  # fmt: skip
        runs = {k: ", ".join(f"{v:.2f}" for v in vs) for k, vs in
                (("b", [r["s"] for r in web]), ("e", engine))}  # fmt: skip
        print(f"{'':>13}   browser [{runs['b']}]  engine [{runs['e']}]")
        if not same:
            print(f"{'':>13}   labels and shares {'equal' if same_map else 'DIFFER'}; "
                  f"diverged, off the map: browser {counts}, engine {expected}")  # fmt: skip
        if other:
            times = ", ".join(f"{r['s']:.2f}" for r in other)
            ratio = statistics.median(r["s"] for r in other) / b
            print(f"{'':>13}   --against: {statistics.median(r['s'] for r in other):.3f} s "
                  f"[{times}], {ratio:.2f}x this site's time")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
