"""Benchmark the live basin map (``minima.html``, or ``momentum.html``'s) in headless Chromium
against the engine.

Serves the built site (``_build/html``, or ``--site``), opens the English minima page in Debian's
Chromium (as the tests do, :mod:`sitecheck`) and lets the live basin map compute the lesson's map
(and start its Web Workers). Then, for each setting (``--settings``; by default the lesson's and
the slowest a reader can pick, found by counting the steps every rate of the slider takes at the
most epochs), ``--rounds`` times: sets the slider and the epochs box as a reader does, after a
one-epoch map so that the map is really computed again, and reads how long the map took
(``data-ms``: from the setting to the whole map; the preview's time beside it) and how many steps
its runs took (``data-steps``, on the minima page with the light green's extra epochs from the
grey ends; a start stops once ‖∇f‖ ≤ 1e-10, once a step is refused, or once its
state repeats bit for bit, see :func:`gdcore.book.live.basin_loop_js`). Interleaved with the
browser's rounds, it times :func:`gdcore.basins` for the same setting (every epoch of every start)
and, for the minima page, the light green the browser's map draws too (its time is in the
browser's): the page's :func:`gdcore.book.pages.minima.inside_deep_valley`, whose extra descent
from the grey ends is timed apart (``valley s``) and added to the engine's time.

Prints, per setting, the medians side by side, the steps against every epoch of every start,
whether the browser's map equals the engine's start by start (and its status's counts: runs that
diverged, runs that end off the map; on the minima page its light green too), the browser's time
over the engine's (``ratio``), and the longest main-thread task while the page computed
(a long-task PerformanceObserver: Chromium reports only tasks over 50 ms, so 0 means none);
with the machine's load (1-minute load average) before and after, since both sides share its
cores. Exits 1 if a map differs from the engine's.

``--page momentum`` times the momentum page's map instead (the same figure with a β slider): its
settings are ``LR:BETA:EPOCHS`` (by default the page's example, η = 0.1 with β = 0.9, at its
1,000 epochs and at the most, and the slowest a reader can pick at the most epochs, where every
start runs every epoch), timed against ``gdcore.basins(..., momentum=β)``. Where a map differs
from the engine's, the differing starts are run again by gdcore's one-start loop (libm's exp,
where the many-start loop uses numpy's, which differs in the last bit for a few percent of
arguments): a start whose two gdcore labels differ, the browser's being the one-start loop's, is
*split* (its chaotic run is decided by the last bit of an exponential), and counted as such.

``--against DIR`` times another build of the site (e.g. main's, before a change) in the same
rounds, interleaved, in a page of its own: on a shared, noisy machine only times taken side by side
compare.

Usage: ``python scripts/bench_live.py [--page minima|momentum] [--rounds N]
[--settings LR:EPOCHS,... | LR:BETA:EPOCHS,...] [--site DIR] [--against DIR]``.
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

from gdcore import basins, descend, get_landscape  # noqa: E402
from gdcore.book.live import live_data  # noqa: E402
from gdcore.book.pages import minima  # noqa: E402
from gdcore.book.pages.shared import peaks_basins  # noqa: E402
from gdcore.book.params import BASINS  # noqa: E402

#: The settings timed by default: the lesson's, then the slowest the slider offers at its most
#: epochs (10,000), measured 2026-12-06 by the steps each rate's map takes: η = 0.3 and 0.2 (no
#: minimum is stable: every run is still moving at the end), 0.15 (runs bounce about all three
#: minima), 0.07 (about the global one), 0.001 (slow runs everywhere), and 0.01 at 10,000.
WORST = ((0.3, 10_000), (0.2, 10_000), (0.15, 10_000), (0.07, 10_000), (0.01, 10_000),
         (0.001, 10_000))  # fmt: skip
#: The momentum page's map (``--page momentum``), as (η, β, epochs): the page's example at its
#: 1,000 epochs and at the most, then the slowest a reader can pick at the most epochs, found
#: 2026-12-06 by counting the steps of every rate from 0.01 up with every β on every fifth start
#: of each axis: at η = 0.3 with β = 0.1 and at η = 0.2 with β = 0.2 every start runs every epoch
#: (as at η ≥ 0.2 with β ≤ 0.2 and at η = 0.25 with β = 0.2): none converges, diverges or repeats.
MOMENTUM_WORST = ((0.1, 0.9, 1_000), (0.1, 0.9, 10_000), (0.3, 0.1, 10_000), (0.2, 0.2, 10_000))

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
SET = """([index, beta, epochs]) => {
  const root = document.querySelector('[data-live=basins]');
  root.querySelector('input[type=range]').value = String(index);
  if (beta !== null) root.querySelector('#gd-live-basins-beta').value = String(beta);
  const box = root.querySelector('input[type=text]');
  box.value = String(epochs);
  const t0 = performance.now();
  box.dispatchEvent(new Event('change'));
  return t0;
}"""
DONE = """([lr, beta, epochs]) => { const d = document.querySelector('[data-live=basins]').dataset;
  return d.state === 'ready' && d.lr === lr && d.epochs === epochs
    && (beta === null || d.momentum === beta); }"""


def settings(text: str | None, momentum: bool = False) -> list[tuple[float, float, int]]:
    """``--settings``: ``LR:EPOCHS`` pairs (``LR:BETA:EPOCHS`` with ``momentum``), comma-separated,
    as (η, β, epochs) (β = 0 without momentum); by default the lesson's and WORST, or
    MOMENTUM_WORST."""
    if text is None:
        if momentum:
            return list(MOMENTUM_WORST)
        return [(BASINS["learning_rate"], 0.0, BASINS["epochs"])] + [(r, 0.0, e) for r, e in WORST]
    form = "LR:BETA:EPOCHS (e.g. 0.1:0.9:1000)" if momentum else "LR:EPOCHS (e.g. 0.3:10000)"
    out = []
    for part in text.split(","):
        fields = part.split(":")
        try:
            if len(fields) != (3 if momentum else 2):
                raise ValueError(part)
            out.append((float(fields[0]), float(fields[1]) if momentum else 0.0, int(fields[-1])))
        except ValueError:
            raise SystemExit(f"--settings: {part!r} is not {form}") from None
    return out


def browser_round(
    page: object, index: int, lr: float, epochs: int, beta: int | None = None
) -> dict:
    """One map for the setting (``beta``: the β slider's stop, on the momentum page), after a
    one-epoch map; its times (s), steps, state, long tasks."""
    data = live_data()["basins"]
    said = None if beta is None else str(data["momentum"]["betas"][beta])
    said = "0" if said == "0.0" else said  # as the page writes it: String(0) in JavaScript
    for want, count in ((index, 1), (index, epochs)):
        t0 = page.evaluate(SET, [want, beta, count])
        page.wait_for_function(
            DONE, arg=[str(data["rates"][want]), said, str(count)], timeout=300_000
        )
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


def split_starts(result: object, labels: np.ndarray, lr: float, epochs: int, beta: float) -> int:
    """How many of the starts where the browser's map differs from ``result`` (gdcore.basins's)
    are split inside gdcore itself: its one-start loop gives them another label than its
    many-start loop, the browser's. -1 if some differing start is not (or too many differ)."""
    grid = BASINS["grid"]
    differ = np.flatnonzero(labels != result.labels.ravel())
    if differ.size > 50:
        return -1
    axis = [np.linspace(lo, hi, grid) for lo, hi in get_landscape("peaks").domain]
    radius = live_data()["basins"]["radius"]
    for i in differ.tolist():
        j, c = divmod(i, grid)
        run = descend(get_landscape("peaks"), [float(axis[0][c]), float(axis[1][j])],
                      learning_rate=lr, epochs=epochs, momentum=beta)  # fmt: skip
        dist = [float(np.linalg.norm(run.final - m.x)) for m in result.minima]
        near = int(np.argmin(dist))
        one = near if dist[near] <= radius and run.status != "diverged" else -1
        if one == result.labels.ravel()[i] or one != labels[i]:
            return -1
    return int(differ.size)


def valley_time(lr: float, epochs: int) -> tuple[float, np.ndarray]:
    """The minima page's light green for the setting, computed afresh (not from the build's
    cache): :func:`~gdcore.book.pages.minima.inside_deep_valley` over the basin map (computed
    before the clock starts: it is timed as gdcore.basins), its time and the class."""
    grid = BASINS["grid"]
    peaks_basins(lr, epochs, grid)  # the map the class is read from, outside the timing
    fresh = minima.inside_deep_valley.__wrapped__.__wrapped__  # under @cache and @memo
    t = time.perf_counter()
    inside = fresh(lr, epochs, grid)
    return time.perf_counter() - t, inside


def main() -> int:
    """Run the benchmark; print one block per setting."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each (default 3)")
    parser.add_argument("--page", choices=("minima", "momentum"), default="minima",
                        help="whose live map: minima (default) or momentum (with β)")  # fmt: skip
    parser.add_argument("--settings", help="LR:EPOCHS,... or with --page momentum LR:BETA:EPOCHS"
                        ",... (default: the page's and the worst)")  # fmt: skip
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="built site")
    parser.add_argument("--against", type=Path, help="another built site, timed alongside")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1, got {args.rounds}")
    momentum = args.page == "momentum"
    for name, site in (("--site", args.site), ("--against", args.against)):
        if site is not None and not (site / "en" / f"{args.page}.html").is_file():
            parser.error(f"{name} {site} has no en/{args.page}.html: build it first")
    chosen = settings(args.settings, momentum)
    data = live_data()["basins"]
    rates = data["rates"]
    betas = data["momentum"]["betas"]
    for lr, beta, epochs in chosen:
        if lr not in rates:
            parser.error(f"--settings: {lr} is not one of the slider's rates {rates}")
        if momentum and beta not in betas:
            parser.error(f"--settings: {beta} is not one of the β slider's coefficients {betas}")
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
            page.goto(f"{base}/en/{args.page}.html")
            page.locator("[data-live=basins]").scroll_into_view_if_needed()
            page.wait_for_function(READY, timeout=120_000)  # the first map, the workers' start
            pages.append(page)
        for lr, beta, epochs in chosen:
            web, other, engine, valley, inside = [], [], [], [], None
            stop = betas.index(beta) if momentum else None
            for _ in range(args.rounds):
                web.append(browser_round(pages[0], rates.index(lr), lr, epochs, stop))
                if args.against is not None:
                    other.append(browser_round(pages[1], rates.index(lr), lr, epochs, stop))
                t = time.perf_counter()
                result = basins(peaks, learning_rate=lr, epochs=epochs, grid=grid, momentum=beta)
                engine.append(time.perf_counter() - t)
                if not momentum:  # the light green: the browser's time includes it
                    seconds, inside = valley_time(lr, epochs)
                    valley.append(seconds)
                    engine[-1] += seconds
            results.append((lr, beta, epochs, web, other, engine, valley, inside, result))
    load1 = os.getloadavg()[0]
    ok = True
    print(f"live basin map of {args.page}.html, {grid}x{grid} starts, {args.rounds} rounds per "
          f"setting, medians (each round's value in brackets); {os.cpu_count()} cores, "
          f"load average {load0:.1f} before and {load1:.1f} after")  # fmt: skip
    print(f"{'eta':>6} {'beta':>4} {'epochs':>6} | {'browser s':>9} {'preview s':>9} {'steps':>11} "
          f"{'of every':>11} | {'engine s':>8} {'valley s':>8} | {'ratio':>5} | same | "
          "longest task ms")  # fmt: skip
    for lr, beta, epochs, web, other, engine, valley, inside, result in results:
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
        if valley:  # the light green, start by start
            light = np.array([c == "1" for c in state.get("valley", "")])
            same_light = light.shape == inside.ravel().shape and bool(
                np.array_equal(light, inside.ravel())
            )
            same &= same_light
        split = 0 if same_map else split_starts(result, labels, lr, epochs, beta)
        ok &= same or split > 0
        b = statistics.median(r["s"] for r in web)
        p = statistics.median(r["preview"] for r in web)
        steps = f"{web[-1]['steps']:,}" if web[-1]["steps"] >= 0 else "-"
        every = grid * grid * epochs
        longest = max(r["longest"] for r in web)
        verdict = "yes" if same else "split" if split > 0 else "NO"
        e = statistics.median(engine)
        v = f"{statistics.median(valley):>8.3f}" if valley else f"{'-':>8}"
        print(f"{lr:>6g} {beta:>4g} {epochs:>6} | {b:>9.3f} {p:>9.3f} {steps:>11} {every:>11,} | "
              f"{e:>8.3f} {v} | {b / e:>5.2f} | {verdict:>4} | {longest:.0f}")  # fmt: skip
        runs = {k: ", ".join(f"{v:.2f}" for v in vs) for k, vs in
                (("b", [r["s"] for r in web]), ("e", engine))}  # fmt: skip
        print(f"{'':>13}   browser [{runs['b']}]  engine [{runs['e']}]")
        if not same:
            if valley:
                print(f"{'':>13}   light green {'equal' if same_light else 'DIFFERS'}")
            print(f"{'':>13}   labels and shares {'equal' if same_map else 'DIFFER'}"
                  + (f" at {split} split starts (gdcore's one-start loop gives the browser's label)"
                     if split > 0 else "")
                  + f"; diverged, off the map: browser {counts}, engine {expected}")  # fmt: skip
        if other:
            times = ", ".join(f"{r['s']:.2f}" for r in other)
            ratio = statistics.median(r["s"] for r in other) / b
            print(f"{'':>13}   --against: {statistics.median(r['s'] for r in other):.3f} s "
                  f"[{times}], {ratio:.2f}x this site's time")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
