"""The lesson's own algorithm, written out plainly: what the book's pages show as code.

These functions follow the seed notebook step by step (sympy derives the partial derivatives,
``lambdify`` makes them numeric, a loop takes the steps). The engine (:func:`gdcore.descend`)
computes the same numbers faster; the tests hold the two equal.
"""

from __future__ import annotations

import numpy as np
import sympy

from gdcore._typing import Array
from gdcore.landscape import peaks_expr


def derivative_1d(x: float) -> float:
    """f′(x) for f(x) = 3x² − 3x + 4: the derivative of the 1D recap."""
    return 6 * x - 3


def descend_1d(start: float, learning_rate: float, epochs: int) -> Array:
    """Gradient descent in 1D: ``x ← x − η f′(x)``; returns every iterate, the start included."""
    x = start
    path = [x]
    for _ in range(epochs):
        x = x - learning_rate * derivative_1d(x)
        path.append(x)
    return np.array(path)


def peaks_partials() -> tuple:
    """∂f/∂x and ∂f/∂y of peaks: derived by sympy, turned into numpy functions by lambdify."""
    x, y = sympy.symbols("x y")
    f = peaks_expr(x, y)
    df_x = sympy.lambdify((x, y), sympy.diff(f, x))
    df_y = sympy.lambdify((x, y), sympy.diff(f, y))
    return df_x, df_y


def descend_2d(start: tuple[float, float], learning_rate: float, epochs: int) -> Array:
    """Gradient descent on peaks: the 1D rule applied to both coordinates at once.

    Returns every iterate, the start included, shape ``(epochs + 1, 2)``.
    """
    df_x, df_y = peaks_partials()
    point = np.array(start, dtype=float)
    path = [point]
    for _ in range(epochs):
        grad = np.array([df_x(*point), df_y(*point)])
        point = point - learning_rate * grad
        path.append(point)
    return np.array(path)
