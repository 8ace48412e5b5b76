"""Numbers as the pages print them: fixed decimals, real minus signs, learning rates as written,
and the Korean particle that fits a number as it is read aloud."""

from __future__ import annotations

import re

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


def order_of(v: float) -> str:
    r"""A value at rounding level as its order of magnitude only (the power of ten of its leading
    digit): ``$10^{-15}$`` for ``3.38e-15``. Its digits are rounding noise that other code, or the
    same code on another machine, does not reproduce, so pages write "about {{ x }} (rounding
    level)" around it. Zero stays ``$0$``."""
    if not np.isfinite(v):
        raise ValueError(f"v must be finite, got {v!r}")
    if v == 0:
        return "$0$"
    return f"$10^{{{int(np.floor(np.log10(abs(v))))}}}$"


def math_point(p: np.ndarray, digits: int = 6) -> str:
    """``$(x, y)$`` as inline math."""
    return "$(" + ", ".join(tex(float(v), digits) for v in p) + ")$"


# --- Korean particles after numbers ------------------------------------------------------------
#: The last syllable of each digit read in Sino-Korean (영, 일, 이, …).
_DIGITS = dict(zip("0123456789", "영일이삼사오육칠팔구", strict=True))
#: An integer's last word by its trailing zeros: 10 → 십, 100 → 백, 1,000 → 천, 10,000 → 만.
_UNITS = {1: "십", 2: "백", 3: "천", 4: "만", 5: "만", 6: "만", 7: "만", 8: "억"}
#: Particle pairs as (after a consonant, after a vowel); 으로/로 takes 로 after ㄹ too.
PARTICLES = {"은": "는", "이": "가", "을": "를", "과": "와", "으로": "로"}


def last_spoken(value: str) -> str:
    """The last syllable a reader says for a number as a page shows it (text or LaTeX):
    ``0.5`` → 오, ``1,000`` → 천, ``44.5%`` → 트 (퍼센트), ``3 \\times 10^{-4}`` → 곱 (제곱)."""
    text = value.replace("$", "").replace("\\,", "").strip()
    if re.search(r"10\^\{[^}]*\}\W*$", text):
        return "곱"
    text = text.rstrip(")}] ")
    if text.endswith("%"):
        return "트"
    numbers = re.findall(r"\d[\d,]*(?:\.\d+)?", text)
    if not numbers:
        raise ValueError(f"no number to read in {value!r}")
    number = numbers[-1].replace(",", "")
    if "." in number:  # digits after the point are read one by one
        return _DIGITS[number[-1]]
    digits = number.lstrip("0") or "0"
    zeros = len(digits) - len(digits.rstrip("0"))
    return _DIGITS[digits[-1]] if digits == "0" or zeros == 0 else _UNITS[zeros]


def particle(value: str, consonant_form: str) -> str:
    """The form of a Korean particle that fits ``value`` read aloud: ``particle("0.5", "은")`` is
    ``는``; ``consonant_form`` is one of :data:`PARTICLES` (은, 이, 을, 과, 으로)."""
    if consonant_form not in PARTICLES:
        known = ", ".join(PARTICLES)
        raise ValueError(f"consonant_form must be one of {known}; got {consonant_form!r}")
    final = (ord(last_spoken(value)) - 0xAC00) % 28  # 0: no final consonant, 8: ㄹ
    vowel_form = PARTICLES[consonant_form]
    if consonant_form == "으로":
        return vowel_form if final in (0, 8) else consonant_form
    return consonant_form if final else vowel_form
