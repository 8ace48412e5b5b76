"""gdcore: everything the book *Gradient Descent in 2D* shows, computed.

The engine: :class:`Landscape` (a sympy function with fast value, gradient and Hessian),
:func:`descend` (gradient descent from one start or many, returning a :class:`Trajectory`) and the
analysis of a landscape (critical points, stability limit, basins of attraction).
"""

from gdcore.analysis import BasinMap, CriticalPoint, basins, critical_points, stability_limit
from gdcore.descent import Trajectory, descend
from gdcore.landscape import (
    Landscape,
    get_landscape,
    landscape_names,
    make_landscape,
    separable_sum,
)

__all__ = [
    "BasinMap",
    "CriticalPoint",
    "Landscape",
    "Trajectory",
    "basins",
    "critical_points",
    "descend",
    "get_landscape",
    "landscape_names",
    "make_landscape",
    "separable_sum",
    "stability_limit",
]
