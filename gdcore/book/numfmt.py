"""Numbers as the pages print them: fixed decimals, real minus signs, learning rates as written."""

from __future__ import annotations

import numpy as np


def fmt(v: float, digits: int = 6) -> str:
    """A number as pages print it: ``digits`` decimals, a real minus sign."""
    return f"{v:.{digits}f}".replace("-", "−")


def fmt_point(p: np.ndarray, digits: int = 6) -> str:
    """``(x, y)`` with :func:`fmt` coordinates."""
    return "(" + ", ".join(fmt(v, digits) for v in p) + ")"


def fmt_rate(v: float) -> str:
    """A learning rate as the lesson writes it: ``0.00001``, not ``1e-05``."""
    return np.format_float_positional(v, trim="-")


def pct(share: float) -> str:
    """A share in ``[0, 1]`` as a percentage with one decimal: ``0.271`` → ``27.1%``."""
    return f"{100 * share:.1f}%"


def tex(v: float, digits: int = 6) -> str:
    r"""A number for use inside ``$...$``: fixed point, or ``m \times 10^{n}`` when very small."""
    if v == 0:
        return "0"
    if abs(v) < 10 ** (-digits) or abs(v) >= 1e6:
        mantissa, exponent = f"{v:.2e}".split("e")
        text = rf"{mantissa} \times 10^{{{int(exponent)}}}"
    else:
        text = f"{v:.{digits}f}"
    # braces make the minus a sign (prefix), not a binary operator with spaces around it
    return f"{{{text}}}" if v < 0 else text


def math_point(p: np.ndarray, digits: int = 6) -> str:
    """``$(x, y)$`` as inline math."""
    return "$(" + ", ".join(tex(float(v), digits) for v in p) + ")$"
