"""What several pages show: the seed run (home, gd2d, minima, exercises), peaks' partials.

A page's own figures and numbers live in its own module; an entry moves here only when a second
page shows it.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import sympy

from gdcore.analysis import CriticalPoint
from gdcore.book.numfmt import fmt_point, fmt_rate, tex
from gdcore.book.params import PLAYGROUND_TOL, SEED, SEED_EPOCHS, SEED_LR, SEED_START
from gdcore.book.peaks import critical_points, descent_animation
from gdcore.book.registry import Claim, Entry
from gdcore.descent import Trajectory, descend
from gdcore.landscape import get_landscape


@cache
def seed_run() -> Trajectory:
    """The lesson's run on peaks (computed once per build)."""
    return descend(get_landscape("peaks"), SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS)


def seed_values(lang: str) -> dict[str, str]:
    """The seed run's settings and where it ends (home, gd2d, minima, exercises)."""
    run = seed_run()
    return {
        "seed_start": fmt_point(np.array(SEED_START), 1),
        "seed_lr": fmt_rate(SEED_LR),
        "seed_epochs": f"{SEED_EPOCHS:,}",
        "seed_end": fmt_point(run.final),
    }


def frozen_epoch(path: np.ndarray) -> int:
    """The first epoch from which every later iterate equals it, bit for bit."""
    moved = np.flatnonzero(np.any(path[1:] != path[:-1], axis=1))
    return int(moved[-1]) + 1 if moved.size else 0


def seed_stop(lang: str) -> dict[str, str]:
    """Where the seed run stops moving altogether (gd2d, exercises)."""
    run = seed_run()
    return {"seed_frozen_epoch": f"{frozen_epoch(run.path):,}"}


def stop_rule(lang: str) -> dict[str, str]:
    """The stopping rule of the playground and the live figures, as the pages state it
    (playground, gd2d, exercises)."""
    exponent = int(np.log10(PLAYGROUND_TOL))
    if 10.0**exponent != PLAYGROUND_TOL:
        raise ValueError(f"the stopping tolerance must be a power of ten, got {PLAYGROUND_TOL}")
    return {"pg_tol": f"$10^{{{exponent}}}$"}


def seed_claims(lang: str) -> dict[str, Claim]:
    """The seed run stops in a valley that is not the deepest (home, gd2d); from its frozen epoch
    on, each step is below half the gap between neighbouring doubles at each coordinate, so
    ``x − η ∂f/∂x`` rounds back to ``x``: the run cannot move any more (gd2d, exercises)."""
    peaks = get_landscape("peaks")
    run = seed_run()
    k = frozen_epoch(run.path)
    x = run.path[k]
    step = SEED_LR * np.abs(peaks.gradient(x))
    gap = np.spacing(np.abs(x)) / 2
    deepest = min(c.value for c in critical_points() if c.kind == "min")
    return {
        "seed_end_not_deepest": Claim(
            bool(run.final_value > deepest + 1), f"f {run.final_value:.4f} vs {deepest:.4f}"
        ),
        "seed_run_freezes": Claim(
            bool(0 < k < SEED_EPOCHS and np.all(step <= gap)),
            f"epoch {k}: steps {step.tolist()} ≤ half gaps {gap.tolist()}",
        ),
    }


def peaks_partials(lang: str) -> dict[str, str]:
    """The two partial derivatives of peaks, as sympy writes them (terms, gd2d)."""
    fx, fy = (sympy.latex(p) for p in get_landscape("peaks").partials)
    return {
        "peaks_dfdx": rf"$$\frac{{\partial f}}{{\partial x}} = {fx}$$",
        "peaks_dfdy": rf"$$\frac{{\partial f}}{{\partial y}} = {fy}$$",
    }


# --- the reference minimum's Hessian (the hessian and curvature pages) ---------------------
@cache
def lesson_minimum() -> CriticalPoint:
    """The minimum the lesson's run ends at."""
    end = descend(get_landscape("peaks"), **SEED).final
    minima = [c for c in critical_points() if c.kind == "min"]
    return min(minima, key=lambda c: float(np.linalg.norm(c.x - end)))


def eigen(point: np.ndarray, landscape: str = "peaks") -> tuple[np.ndarray, np.ndarray]:
    """The Hessian's eigenvalues (ascending) and unit eigenvectors (columns) at ``point``."""
    return np.linalg.eigh(get_landscape(landscape).hessian(point))


def matrix_tex(h: np.ndarray, digits: int = 2) -> str:
    """A 2×2 matrix as LaTeX (pmatrix)."""
    rows = [" & ".join(tex(float(v), digits) for v in row) for row in h]
    return r"\begin{pmatrix} " + r" \\ ".join(rows) + r" \end{pmatrix}"


def lam_tex(v: float, which: str = "max") -> str:
    """``$λ_max = v$`` (or ``λ_min``) with two decimals."""
    return f"$\\lambda_{{\\{which}}} = {tex(v, 2)}$"


ENTRIES = (
    Entry("descent_peaks", "animation", descent_animation, {**SEED, "n_frames": 90}, fmt="webp"),
    Entry("seed_values", "values", seed_values, fmt="json"),
    Entry("peaks_partials", "values", peaks_partials, fmt="json"),
    Entry("seed_stop", "values", seed_stop, fmt="json"),
    Entry("stop_rule", "values", stop_rule, fmt="json"),
    Entry("seed_claims", "claims", seed_claims, fmt="json"),
)
