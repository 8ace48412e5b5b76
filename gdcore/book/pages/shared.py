"""What several pages show: the seed run (home, gd2d, minima, exercises), peaks' partials.

A page's own figures and numbers live in its own module; an entry moves here only when a second
page shows it.
"""

from __future__ import annotations

import numpy as np
import sympy

from gdcore.book.numfmt import fmt_point, fmt_rate
from gdcore.book.params import SEED, SEED_EPOCHS, SEED_LR, SEED_START
from gdcore.book.peaks import descent_animation
from gdcore.book.registry import Entry
from gdcore.descent import descend
from gdcore.landscape import get_landscape


def seed_values(lang: str) -> dict[str, str]:
    """The seed run's settings and where it ends (home, gd2d, minima, exercises)."""
    run = descend(get_landscape("peaks"), SEED_START, learning_rate=SEED_LR, epochs=SEED_EPOCHS)
    return {
        "seed_start": fmt_point(np.array(SEED_START), 1),
        "seed_lr": fmt_rate(SEED_LR),
        "seed_epochs": f"{SEED_EPOCHS:,}",
        "seed_end": fmt_point(run.final),
    }


def peaks_partials(lang: str) -> dict[str, str]:
    """The two partial derivatives of peaks, as sympy writes them (terms, gd2d)."""
    fx, fy = (sympy.latex(p) for p in get_landscape("peaks").partials)
    return {
        "peaks_dfdx": rf"$$\frac{{\partial f}}{{\partial x}} = {fx}$$",
        "peaks_dfdy": rf"$$\frac{{\partial f}}{{\partial y}} = {fy}$$",
    }


ENTRIES = (
    Entry("descent_peaks", "animation", descent_animation, {**SEED, "n_frames": 90}, fmt="webp"),
    Entry("seed_values", "values", seed_values, fmt="json"),
    Entry("peaks_partials", "values", peaks_partials, fmt="json"),
)
