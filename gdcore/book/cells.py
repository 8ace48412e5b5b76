"""Code several notebooks begin with, written for a learner: the imports and peaks in sympy.

The pages' notebooks (each page module's ``notebook`` entry) run with numpy, sympy and
matplotlib only; these are the cells they share, and :func:`sympy_code`, which writes a
landscape's formula as code. Nothing here imports gdcore.
"""

from __future__ import annotations

import re

import sympy

#: The three libraries every notebook uses.
IMPORTS = """\
import numpy as np
import sympy
import matplotlib.pyplot as plt
"""

#: The name the book's own functions (``gdcore/book/lesson.py``) give numpy arrays in their
#: signatures: needed where a page includes one of them.
ARRAY = "Array = np.ndarray  # the type name in the signatures of the book's functions\n"

#: peaks as the lesson writes it, for sympy symbols.
PEAKS_EXPR = """\
def peaks_expr(x, y):
    \"\"\"The peaks function of the lesson, for sympy symbols.\"\"\"
    return (
        3 * (1 - x) ** 2 * sympy.exp(-(x**2) - (y + 1) ** 2)
        - 10 * (x / 5 - x**3 - y**5) * sympy.exp(-(x**2) - y**2)
        - sympy.Rational(1, 3) * sympy.exp(-((x + 1) ** 2) - y**2)
    )
"""

#: peaks as the lesson writes it, its partial derivatives from sympy, and numpy versions of all
#: three from ``lambdify`` (``f``, ``df_x``, ``df_y`` take numbers or arrays).
PEAKS = (
    PEAKS_EXPR
    + """

x, y = sympy.symbols("x y")
f_expr = peaks_expr(x, y)
f = sympy.lambdify((x, y), f_expr)
df_x = sympy.lambdify((x, y), sympy.diff(f_expr, x))
df_y = sympy.lambdify((x, y), sympy.diff(f_expr, y))
"""
)

#: The map of peaks on a grid, for the figures (``X``, ``Y``, ``Z``).
PEAKS_MAP = """\
grid = np.linspace(-3, 3, 161)
X, Y = np.meshgrid(grid, grid)
Z = f(X, Y)
"""

#: Gradient descent on peaks with the lambdified partials: every iterate, the start included.
DESCEND = """\
def descend(start, learning_rate, epochs):
    \"\"\"Gradient descent on peaks: every iterate, the start included.\"\"\"
    point = np.array(start, dtype=float)
    path = [point]
    for _ in range(epochs):
        grad = np.array([df_x(*point), df_y(*point)])
        point = point - learning_rate * grad
        path.append(point)
    return np.array(path)
"""


def show_map(title: str = "") -> str:
    """Lines that draw the map of peaks with ``imshow``, its colours spanning the whole range of
    ``Z`` (the lesson clipped them to ±5, which hides how deep the deepest valley is)."""
    lines = [
        "fig, ax = plt.subplots(figsize=(6, 5))",
        'image = ax.imshow(Z, extent=[-3, 3, -3, 3], origin="lower")  # colours: min(Z) to max(Z)',
        "fig.colorbar(image, ax=ax)",
    ]
    if title:
        lines.append(f"ax.set_title({title!r})")
    return "\n".join(lines) + "\n"


def sympy_code(expr: sympy.Expr) -> str:
    """``expr`` as Python a notebook runs after ``import sympy``:
    ``x**2 + sympy.cos(2*sympy.pi*x)``."""
    names = {type(f).__name__ for f in expr.atoms(sympy.Function)}
    names |= {str(c) for c in expr.atoms(sympy.NumberSymbol)}
    text = sympy.sstr(expr)
    if not names:
        return text
    return re.sub(r"\b(" + "|".join(sorted(names)) + r")\b", r"sympy.\1", text)


def reference_hessian(start: tuple[float, float], learning_rate: float, epochs: int) -> str:
    """Code that runs the reference run, polishes its end into the minimum (Newton's method) and
    computes the Hessian ``H`` there and its eigenvalues ``lam_min``, ``lam_max`` and unit
    eigenvectors ``v_min``, ``v_max``; it prints nothing (the pages' cells print what they show)."""
    return (
        f"path = descend({start}, learning_rate={learning_rate}, epochs={epochs})\n"
        "hessian = sympy.lambdify((x, y), sympy.hessian(f_expr, (x, y)))\n"
        "m = path[-1]\n"
        "for _ in range(5):  # Newton's method polishes the run's end into the minimum itself\n"
        "    m = m - np.linalg.solve(np.array(hessian(*m), dtype=float), [df_x(*m), df_y(*m)])\n"
        "H = np.array(hessian(*m), dtype=float)\n"
        "eigenvalues, eigenvectors = np.linalg.eigh(H)  # ascending; unit vectors as columns\n"
        "lam_min, lam_max = eigenvalues\n"
        "v_min = eigenvectors[:, 0] * np.sign(eigenvectors[0, 0])  # its x part positive\n"
        "v_max = eigenvectors[:, 1] * np.sign(eigenvectors[1, 1])  # its y part positive\n"
    )
