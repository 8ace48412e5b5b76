"""gdcore: everything the book *Gradient Descent in 2D* shows, computed.

The engine: :class:`Landscape` (a sympy function with fast value, gradient and Hessian),
:func:`descend` (gradient descent from one start or many, returning a :class:`Trajectory`) and the
analysis of a landscape (critical points, stability limit, basins of attraction).

The names below are imported on first use (PEP 562), so ``python -m gdcore --help`` does not
load sympy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # also how gdcore.book.registry sees which modules this package reaches
    from gdcore.analysis import BasinMap, CriticalPoint, basins, critical_points, stability_limit
    from gdcore.descent import Trajectory, descend
    from gdcore.landscape import (
        Landscape,
        get_landscape,
        landscape_names,
        make_landscape,
        separable_sum,
    )

_HOMES = {
    "BasinMap": "gdcore.analysis",
    "CriticalPoint": "gdcore.analysis",
    "basins": "gdcore.analysis",
    "critical_points": "gdcore.analysis",
    "stability_limit": "gdcore.analysis",
    "Trajectory": "gdcore.descent",
    "descend": "gdcore.descent",
    "Landscape": "gdcore.landscape",
    "get_landscape": "gdcore.landscape",
    "landscape_names": "gdcore.landscape",
    "make_landscape": "gdcore.landscape",
    "separable_sum": "gdcore.landscape",
}

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


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module 'gdcore' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the lazy ones included."""
    return sorted({*globals(), *_HOMES})
