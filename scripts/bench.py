"""Benchmark gdcore's descent against the lesson's own code, side by side in one run.

Prints, for each case, the median time of the reference and of gdcore (runs interleaved, so a noisy
neighbour slows both), their ratio, and the largest difference between their results.

* ``path``: one 1000-step path from (0, 1.4) at lr 0.01, against the seed's loop
  (``lambdify(..., 'sympy')`` + ``.evalf()``).
* ``grid``: a 101×101 grid of starts over [-3, 3]² × 1000 epochs at lr 0.01, against a plain numpy
  ``lambdify`` broadcast loop. gdcore stops a start once its gradient norm is below ``--tol``
  (1e-10 by default), which keeps every end point within 1e-9 of the plain loop's. Measured in one
  process, and split over ``--workers`` processes (``descend(..., workers=k)``).

Usage: ``python scripts/bench.py [--rounds N] [--tol TOL] [--workers K]``. About a minute.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
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


def main(argv: list[str] | None = None) -> int:
    """Run both cases and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--tol", type=float, default=1e-10, help="gdcore's tolerance on the grid")
    parser.add_argument(
        "--workers", type=int, default=2, help="processes for the grid's second row (default 2)"
    )
    args = parser.parse_args(argv)
    peaks = get_landscape("peaks")
    starts = grid_starts()

    def grid(workers: int) -> Callable[[], np.ndarray]:
        return lambda: (
            descend(
                peaks,
                starts,
                learning_rate=LEARNING_RATE,
                epochs=EPOCHS,
                tol=args.tol,
                keep_path=False,
                workers=workers,
            ).final
        )

    single = {"1 process": lambda: descend(peaks, START, learning_rate=LEARNING_RATE,
                                           epochs=EPOCHS).final}  # fmt: skip
    rows = [
        *compare(f"path {EPOCHS} steps", seed_loop, single, args.rounds, ours_repeat=50),
        *compare(
            f"grid {GRID}x{GRID} x {EPOCHS}",
            plain_grid_loop,
            {f"{w} process{'es' if w > 1 else ''}": grid(w) for w in (1, args.workers)},
            args.rounds,
        ),
    ]
    print(f"{'case':38} {'reference':>11} {'gdcore':>11} {'ratio':>9} {'max |diff|':>11}")
    for r in rows:
        print(
            f"{r['case']:38} {r['reference_s']:10.4f}s {r['gdcore_s']:10.5f}s "
            f"{r['ratio']:8.1f}x {r['diff']:11.1e}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
