"""Benchmark gdcore's descent against the lesson's own code, side by side in one run.

Prints, for each case, the median time of the reference and of gdcore (runs interleaved, so a noisy
neighbour slows both), their ratio, and the largest difference between their results.

* ``path``: one 1000-step path from (0, 1.4) at lr 0.01, against the seed's loop
  (``lambdify(..., 'sympy')`` + ``.evalf()``). Two gdcore rows: ``descend`` (its generated loop,
  the gradient program and the update rule inlined) and the same steps as a plain Python loop
  calling the compiled kernel once per epoch: the price of not generating the loop.
* ``grid``: a 101×101 grid of starts over [-3, 3]² × 1000 epochs at lr 0.01, against a plain numpy
  ``lambdify`` broadcast loop. gdcore stops a start once its gradient norm is below ``--tol``
  (1e-10 by default), which keeps every end point within 1e-9 of the plain loop's. Measured in one
  process, and with the starts split over ``--workers`` processes by the standard library's
  ``ProcessPoolExecutor``: what a ``workers`` option would buy on this machine.

Then the cost of momentum and of gradient noise beside plain descent, on the same two cases
(every start runs every epoch: no tolerance, so the ratio is the cost of an epoch): ``descend``
with ``momentum=0.9``, with ``noise=0.5``, and with both, each run right after a plain
``descend`` and printed as the median ratio to it (how many plain runs one costs).

Usage: ``python scripts/bench.py [--rounds N] [--tol TOL] [--workers K]``. About two minutes.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import sympy as sym

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from gdcore import descend, get_landscape

START = (0.0, 1.4)
LEARNING_RATE = 0.01
EPOCHS = 1000
GRID = 101


def seed_functions(module: str) -> tuple[Callable, Callable]:
    """The lesson's partial derivatives of peaks, exactly as the seed builds them."""
    sx, sy = sym.symbols("sx,sy")
    sz = (
        3 * (1 - sx) ** 2 * sym.exp(-(sx**2) - (sy + 1) ** 2)
        - 10 * (sx / 5 - sx**3 - sy**5) * sym.exp(-(sx**2) - sy**2)
        - 1 / 3 * sym.exp(-((sx + 1) ** 2) - sy**2)
    )
    return (
        sym.lambdify((sx, sy), sym.diff(sz, sx), module),
        sym.lambdify((sx, sy), sym.diff(sz, sy), module),
    )


def seed_loop() -> np.ndarray:
    """The seed's loop: sympy functions evaluated with ``.evalf()``, one step at a time."""
    df_x, df_y = seed_functions("sympy")
    localmin = np.array(START)
    for _ in range(EPOCHS):
        grad = np.array(
            [df_x(localmin[0], localmin[1]).evalf(), df_y(localmin[0], localmin[1]).evalf()]
        )
        localmin = localmin - LEARNING_RATE * grad
    return localmin.astype(float)


def grid_starts() -> np.ndarray:
    """The (GRID², 2) grid of starts over [-3, 3]²."""
    axis = np.linspace(-3, 3, GRID)
    gx, gy = np.meshgrid(axis, axis)
    return np.stack([gx.ravel(), gy.ravel()], axis=1)


def plain_grid_loop() -> np.ndarray:
    """A plain numpy broadcast loop: ``lambdify(..., 'numpy')``, every start, every epoch."""
    df_x, df_y = seed_functions("numpy")
    starts = grid_starts()
    x, y = starts[:, 0].copy(), starts[:, 1].copy()
    for _ in range(EPOCHS):
        gx, gy = df_x(x, y), df_y(x, y)
        x, y = x - LEARNING_RATE * gx, y - LEARNING_RATE * gy
    return np.stack([x, y], axis=1)


def kernel_call_loop(peaks, start: tuple[float, float]) -> np.ndarray:
    """``descend``'s steps and checks for one start, as a plain loop calling the compiled
    value-and-gradient kernel and the update rule once per epoch (no generated loop)."""
    from gdcore import rule

    kernel = peaks.program("value_gradient").scalar_function()
    update = rule.update_program().scalar_function()
    step, bound2 = rule.signed_step(LEARNING_RATE), 1e12
    x = list(start)
    path = []
    for k in range(EPOCHS + 1):
        _, *g = kernel(*x)
        g2 = sum(gi * gi for gi in g)
        if not (g2 < math.inf and sum(c * c for c in x) <= bound2):
            break
        path.append(x)
        if k == EPOCHS:
            break
        x = [update(c, gi, step)[0] for c, gi in zip(x, g, strict=True)]
    return np.array(path[-1])


def _grid_share(share: np.ndarray, tol: float) -> np.ndarray:
    peaks = get_landscape("peaks")
    return descend(
        peaks, share, learning_rate=LEARNING_RATE, epochs=EPOCHS, tol=tol, keep_path=False
    ).final


def timed(fn: Callable[[], np.ndarray]) -> tuple[float, np.ndarray]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def compare(
    name: str, reference: Callable, ours: dict[str, Callable], rounds: int, ours_repeat: int = 1
) -> list[dict]:
    """Interleave ``rounds`` runs of the reference and of each of ``ours`` (label → function);
    each of ours runs ``ours_repeat`` times per round. One row per label."""
    ref_times: list[float] = []
    our_times: dict[str, list[float]] = {label: [] for label in ours}
    our_results: dict[str, np.ndarray] = {}
    for fn in ours.values():
        fn()  # compile once, outside the timing
    for _ in range(rounds):
        t, ref_result = timed(reference)
        ref_times.append(t)
        for label, fn in ours.items():
            t0 = time.perf_counter()
            for _ in range(ours_repeat):
                our_results[label] = fn()
            our_times[label].append((time.perf_counter() - t0) / ours_repeat)
    ref = statistics.median(ref_times)
    rows = []
    for label in ours:
        mine = statistics.median(our_times[label])
        diff = float(np.max(np.abs(np.asarray(ref_result, float) - our_results[label])))
        rows.append(
            {"case": f"{name}, {label}", "reference_s": ref, "gdcore_s": mine,
             "ratio": ref / mine, "diff": diff}
        )  # fmt: skip
    return rows


#: The rules beside plain descent: label → descend's extra arguments.
RULES = {
    "momentum 0.9": {"momentum": 0.9},
    "noise 0.5": {"noise": 0.5, "seed": 1},
    "both": {"momentum": 0.9, "noise": 0.5, "seed": 1},
}


def compare_rules(peaks, rounds: int) -> list[dict]:
    """Each rule of :data:`RULES` against plain descent on one path (50 samples a round) and on
    the grid (one a round): one row per case and rule. A sample times one plain run and then one
    run of each rule, so a neighbour's burst lands on both; the cost is the median over the
    samples of the rule's time over the plain time of its sample."""
    starts = grid_starts()
    cases = {
        f"path {EPOCHS} steps": (START, 50),
        f"grid {GRID}x{GRID} x {EPOCHS}": (starts, 1),
    }
    rows = []
    for case, (where, repeat) in cases.items():
        keep = repeat > 1  # a path keeps its iterates (as the pages use it); the grid, its ends

        def run(extra: dict, where=where, keep=keep) -> None:
            descend(peaks, where, learning_rate=LEARNING_RATE, epochs=EPOCHS, keep_path=keep,
                    **extra)  # fmt: skip

        times: dict[str, list[float]] = {label: [] for label in ("plain", *RULES)}
        for extra in ({}, *RULES.values()):
            run(extra)  # compile once, outside the timing
        for _ in range(rounds * repeat):
            for label, extra in (("plain", {}), *RULES.items()):
                t0 = time.perf_counter()
                run(extra)
                times[label].append(time.perf_counter() - t0)
        plain = times["plain"]
        for label in RULES:
            mine = times[label]
            ratios = [m / p for m, p in zip(mine, plain, strict=True)]
            rows.append(
                {
                    "case": f"{case}, {label}",
                    "plain_s": statistics.median(plain),
                    "rule_s": statistics.median(mine),
                    "ratio": statistics.median(ratios),
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run both cases and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--tol", type=float, default=1e-10, help="gdcore's tolerance on the grid")
    parser.add_argument(
        "--workers", type=int, default=2, help="processes for the grid's pool row (default 2)"
    )
    args = parser.parse_args(argv)
    peaks = get_landscape("peaks")
    starts = grid_starts()

    def grid() -> np.ndarray:
        return descend(
            peaks, starts, learning_rate=LEARNING_RATE, epochs=EPOCHS, tol=args.tol,
            keep_path=False,
        ).final  # fmt: skip

    # the starts split into interleaved shares, one per process (fork: no re-import per task)
    shares = [starts[i :: args.workers] for i in range(args.workers)]
    pool = ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("fork"))

    def grid_pool() -> np.ndarray:
        out = np.empty_like(starts)
        for i, final in enumerate(pool.map(_grid_share, shares, [args.tol] * args.workers)):
            out[i :: args.workers] = final
        return out

    single = {
        "descend": lambda: descend(peaks, START, learning_rate=LEARNING_RATE, epochs=EPOCHS).final,
        "a kernel call per epoch": lambda: kernel_call_loop(peaks, START),
    }
    with pool:
        rows = [
            *compare(f"path {EPOCHS} steps", seed_loop, single, args.rounds, ours_repeat=50),
            *compare(
                f"grid {GRID}x{GRID} x {EPOCHS}",
                plain_grid_loop,
                {"1 process": grid, f"{args.workers} processes (pool)": grid_pool},
                args.rounds,
            ),
        ]
    print(f"{'case':44} {'reference':>11} {'gdcore':>11} {'ratio':>9} {'max |diff|':>11}")
    for r in rows:
        print(
            f"{r['case']:44} {r['reference_s']:10.4f}s {r['gdcore_s']:10.5f}s "
            f"{r['ratio']:8.1f}x {r['diff']:11.1e}"
        )
    print()
    print(f"{'momentum and noise beside plain descent':44} {'plain':>11} {'rule':>11} {'cost':>9}")
    for r in compare_rules(peaks, args.rounds):
        print(f"{r['case']:44} {r['plain_s']:10.5f}s {r['rule_s']:10.5f}s {r['ratio']:8.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
