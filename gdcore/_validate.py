"""Argument checks for the public functions: each error names the argument and quotes its value."""

from __future__ import annotations

import math
import numbers

import numpy as np

from gdcore._typing import Array, ArrayLike


def positive_finite(name: str, value: object) -> float:
    """Return ``value`` as a float if it is a real, finite number > 0; else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive finite number, got {_short(value)}")
    try:
        v = float(value)
    except OverflowError:  # an integer (or Fraction) beyond float64: 10**400
        raise ValueError(
            f"{name} must be a positive finite number, got {_short(value)} (beyond the float64 "
            "range, about ±1.8e308)"
        ) from None
    if not math.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {_short(value)}")
    return v


def optional_positive_finite(name: str, value: object) -> float | None:
    """Like :func:`positive_finite`, but ``None`` passes through."""
    return None if value is None else positive_finite(name, value)


def _real(name: str, value: object, want: str) -> float:
    """``value`` as a float if it is a real number (not a bool); else TypeError saying ``want``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {want}, got {_short(value)}")
    try:
        return float(value)
    except OverflowError:  # an integer beyond float64: 10**400
        return math.inf if value > 0 else -math.inf


def momentum(name: str, value: object) -> float:
    """Return ``value`` as a float if it is a finite number with ``0 <= value < 1``; else raise."""
    want = f"a finite number with 0 <= {name} < 1"
    v = _real(name, value, want)
    if not (0 <= v < 1):  # nan fails too
        raise ValueError(f"{name} must be {want}, got {_short(value)}")
    return v + 0.0  # -0.0 is 0.0


def nonnegative_finite(name: str, value: object) -> float:
    """Return ``value`` as a float if it is a finite number >= 0; else raise."""
    want = "a finite number >= 0"
    v = _real(name, value, want)
    if not (math.isfinite(v) and v >= 0):
        raise ValueError(f"{name} must be {want}, got {_short(value)}")
    return v + 0.0


def int_between(name: str, value: object, low: int, high: int) -> int:
    """Return ``value`` as an int if it is an integer with ``low <= value <= high``; else raise."""
    want = f"an integer from {low} to {high}"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be {want}, got {_short(value)}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be {want}, got {_short(value)}")
    return int(value)


def positive_int(name: str, value: object) -> int:
    """Return ``value`` as an int if it is an integer >= 1; else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer >= 1, got {_short(value)}")
    if value < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {_short(value)}")
    return int(value)


def points(name: str, value: ArrayLike, dim: int) -> tuple[Array, bool]:
    """Check a point ``(dim,)`` or a batch of points ``(n, dim)`` of finite numbers.

    A bare number is accepted as a point when ``dim == 1``. Returns the points as an ``(n, dim)``
    float64 array (a copy) and whether the input was a single point.
    """
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):  # ragged
        raise TypeError(f"{name} must be numbers, got {_short(value)}") from None
    # Numbers only, as for learning_rate: no strings ('1'), no booleans (True).
    if raw.dtype.kind not in "iuf" and not (
        raw.dtype.kind == "O"
        and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in raw.ravel())
    ):
        raise TypeError(f"{name} must be numbers (not strings or booleans), got {_short(value)}")
    try:
        arr = np.array(raw, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        raise TypeError(f"{name} must be numbers, got {_short(value)}") from None
    if arr.ndim == 0 and dim == 1:
        arr = arr.reshape(1)
    if arr.ndim == 1:
        single, arr = True, arr.reshape(1, -1)
    elif arr.ndim == 2:
        single = False
    else:
        raise ValueError(
            f"{name} must have shape ({dim},) or (n, {dim}), got an array of shape {arr.shape}"
        )
    if arr.shape[1] != dim or arr.shape[0] == 0:
        want = f"({dim},) or (n, {dim}) with n >= 1"
        raise ValueError(f"{name} must have shape {want} for a {dim}D landscape, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite numbers, got {_short(value)}")
    return arr, single


def _short(value: object) -> str:
    """``repr(value)`` for a message, shortened if long (a long integer by its digits)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and abs(value) > 10**30:
        digits = int(abs(int(value)).bit_length() * math.log10(2)) + 1  # str() may refuse
        return f"{'a negative' if value < 0 else 'an'} integer of about {digits} digits"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
