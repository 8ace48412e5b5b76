"""Type aliases shared by the package."""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: A float64 array; docstrings give its shape.
Array: TypeAlias = NDArray[np.float64]
#: One closed interval ``(low, high)`` per variable.
Domain: TypeAlias = tuple[tuple[float, float], ...]

__all__ = ["Array", "ArrayLike", "Domain"]
