"""Numbers as the pages print them: fixed decimals, real minus signs, learning rates as written,
and the Korean particle that fits a number as it is read aloud."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np


def fmt(v: float, digits: int = 6) -> str:
    """A number as pages print it: ``digits`` decimals, a real minus sign."""
    return f"{v:.{digits}f}".replace("-", "−")


def exact_tex(v: float, digits: int = 4, largest: int = 100) -> str:
    """``v`` as LaTeX: ``1/11 \\approx 0.0909`` when it is exactly (in float64) a fraction with a
    denominator up to ``largest``, so a reader who checks with the printed digits knows they are
    rounded; otherwise :func:`fmt` with ``digits`` decimals."""
    exact = Fraction(v).limit_denominator(largest)
    if float(f"{v:.{digits}f}") != v and float(exact) == v:
        return f"{exact.numerator}/{exact.denominator} \\approx {fmt(v, digits)}"
    return fmt(v, digits)


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


def ceil_to(v: float, digits: int) -> float:
    """``v`` rounded up to ``digits`` decimals (``0.6937`` → ``0.70`` at 2): the bound a sentence
    states with "at most" or "never farther than", which the shown number must not undercut (a
    value rounded to nearest can fall below the largest one it bounds)."""
    if not np.isfinite(v):
        raise ValueError(f"v must be finite, got {v!r}")
    if isinstance(digits, bool) or not isinstance(digits, int) or digits < 0:
        raise ValueError(f"digits must be a whole number >= 0, got {digits!r}")
    # rounded to 9 places first: 0.07 × 100 is 7.000000000000001 in binary, not above 7
    return float(np.ceil(round(v * 10**digits, 9)) / 10**digits)


def floor_to(v: float, digits: int) -> float:
    """``v`` rounded down to ``digits`` decimals (``0.8239`` → ``0.82`` at 2): the bound a sentence
    states with "at least", which the shown number must not exceed (:func:`ceil_to`'s mirror)."""
    return -ceil_to(-v, digits)


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


_NATIVE_ONES = ("", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉")
_NATIVE_TENS = ("", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔")


def native_count(n: int) -> str:
    """A small count in native Korean numerals, in the form that stands before a counter
    (개, 가지, 번): 3 → ``세`` (세 개), 7 → ``일곱``, 20 → ``스무``, 21 → ``스물한``. Prose writes
    small counts this way; native numerals stop at 99, so larger counts stay in digits."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n must be an int, got {type(n).__name__}")
    if not 1 <= n <= 99:
        raise ValueError(f"n must be a count from 1 to 99 (native numerals), got {n}")
    tens, ones = divmod(int(n), 10)
    if tens == 2 and ones == 0:
        return "스무"
    return _NATIVE_TENS[tens] + _NATIVE_ONES[ones]


def native_ordinal(n: int) -> str:
    """The native Korean numeral before 번째: 1 → ``첫`` (첫 번째), 3 → ``세``, 11 → ``열한``."""
    return "첫" if native_count(n) == "한" else native_count(n)


def math_point(p: np.ndarray, digits: int = 6) -> str:
    """``$(x, y)$`` as inline math."""
    return "$(" + ", ".join(tex(float(v), digits) for v in p) + ")$"


# --- Korean particles after numbers and formulas --------------------------------------------
#: Particle pairs as (after a consonant, after a vowel); 으로/로 takes 로 after ㄹ too.
PARTICLES = {"은": "는", "이": "가", "을": "를", "과": "와", "으로": "로"}

# How a Korean reader reads a number or a formula aloud (:func:`read_aloud`), so that the particle
# after it can follow its last syllable (:func:`last_spoken`, :func:`particle`). The rules, as
# Korean classrooms read them:
#
# - Numbers in Sino-Korean: 1,000 천, 10,201 만 이백일, 21 이십일; the digits after the point one by
#   one (0.2066 영 점 이영육육); a percentage ends in 퍼센트; a minus sign is 마이너스.
# - Letters by their Korean names: x 엑스, y 와이, f 에프, H 에이치, D 디, e 이, P 피, u 유 …
#   (bold, roman or italic letters alike, so a vector e is 이); Greek letters by theirs: η 에타,
#   λ 람다, κ 카파, δ 델타, θ 세타, π 파이 …; ∇ 나블라, ∂ 라운드, ∞ 무한대.
# - A subscript is read after its base: λ_max 람다 맥스, λ_min 람다 민, x_0 엑스 영,
#   f_xy 에프 엑스 와이, λ₊ 람다 플러스.
# - A superscript: ² 제곱, ³ 세제곱, any other power "… 제곱" (10^{-4} 십 마이너스 사 제곱),
#   ⊤ 전치, * 스타, ° 도; a prime is 프라임 (f′ 에프 프라임, f″ 에프 투 프라임).
# - A fraction a/b (or \frac{a}{b}) is "b 분의 a": 1/λ 람다 분의 일, so it ends with a's last
#   syllable. Leibniz's derivatives are the exception, read top then bottom: ∂f/∂x 라운드 에프
#   라운드 엑스, df/dx 디 에프 디 엑스. With a slash, a and b are the runs of factors on either side
#   (up to the nearest +, −, =, comma …): 2/λ_max is 람다 맥스 분의 이.
# - Parentheses and brackets read their content; √(…) is 루트 and its content (so √(v₁² + v₂²)
#   ends in 제곱); |…| is its content then 절댓값 ("…의 절댓값": |λ| 람다 절댓값, so |1 − ηλ|이
#   and |f′(x)|으로, as the book reads every pair of bars); ‖…‖ is its content then 노름
#   (‖∇f‖ 나블라 에프 노름); a matrix is 행렬; cos, sin, tan, ln, log, det, max, min are read before
#   their argument (cos α 코사인 알파).
# - Operators are read between their operands (+ 더하기, − 빼기, · and × 곱하기), and so are
#   relations (= 이퀄, ≈ 근사, < 작다, ≤ 작거나 같다, ← 대입): a formula ends with its last operand,
#   the right-hand side of an equation (x = 0.5 ends in 오).
# - Text outside math is read as it is written: Hangul as it stands, a number as a number, a
#   letter by its name. A formula this reader does not know (an unknown command) is an error that
#   names it, so the reader is taught it rather than guessing.

#: The last syllable of each digit read in Sino-Korean (영, 일, 이, …).
_DIGITS = dict(zip("0123456789", "영일이삼사오육칠팔구", strict=True))
_LETTERS = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        [
            "에이", "비", "시", "디", "이", "에프", "지", "에이치", "아이", "제이", "케이",
            "엘", "엠", "엔", "오", "피", "큐", "알", "에스", "티", "유", "브이", "더블유",
            "엑스", "와이", "제트",
        ],
        strict=True,
    )
)  # fmt: skip
_GREEK = {
    "alpha": "알파", "beta": "베타", "gamma": "감마", "delta": "델타", "epsilon": "엡실론",
    "varepsilon": "엡실론", "zeta": "제타", "eta": "에타", "theta": "세타", "iota": "요타",
    "kappa": "카파", "lambda": "람다", "mu": "뮤", "nu": "뉴", "xi": "크시", "pi": "파이",
    "rho": "로", "sigma": "시그마", "tau": "타우", "phi": "파이", "varphi": "파이",
    "chi": "카이", "psi": "프사이", "omega": "오메가", "Gamma": "감마", "Delta": "델타",
    "Theta": "세타", "Lambda": "람다", "Sigma": "시그마", "Phi": "파이", "Omega": "오메가",
    "nabla": "나블라", "partial": "라운드", "infty": "무한대", "ell": "엘",
}  # fmt: skip
#: Signs written as Unicode (in text, or typed into math) and the TeX they stand for.
_UNICODE = {
    "η": r"\eta", "λ": r"\lambda", "κ": r"\kappa", "δ": r"\delta", "θ": r"\theta",
    "α": r"\alpha", "π": r"\pi", "∇": r"\nabla", "∂": r"\partial", "∞": r"\infty", "−": "-",
    "×": r"\times", "·": r"\cdot", "≈": r"\approx", "≤": r"\leq", "≥": r"\geq",
    "←": r"\leftarrow", "→": r"\to", "‖": r"\|", "√": r"\sqrt", "′": "'", "″": "''",
    "°": r"^\circ", "⊤": r"\top", "²": "^2", "³": "^3", "⁻¹": "^{-1}", "₀": "_0", "₁": "_1",
    "₂": "_2", "ₖ": "_k",
}  # fmt: skip
#: Functions, read before their argument.
_FUNCTIONS = {
    "cos": "코사인", "sin": "사인", "tan": "탄젠트", "ln": "엘엔", "log": "로그",
    "exp": "익스포넨셜", "det": "디터미넌트", "max": "맥스", "min": "민", "arg": "아규먼트",
    "lim": "리미트",
}  # fmt: skip
_OPERATORS = {
    "+": "더하기",
    "-": "빼기",
    "cdot": "곱하기",
    "times": "곱하기",
    "pm": "플러스 마이너스",
}
_RELATIONS = {
    "=": "이퀄", "<": "작다", ">": "크다", "leq": "작거나 같다", "le": "작거나 같다",
    "geq": "크거나 같다", "ge": "크거나 같다", "approx": "근사", "leftarrow": "대입",
    "to": "화살표", "rightarrow": "화살표", "neq": "같지 않다", "ne": "같지 않다",
    "in": "원소", "sim": "물결",
}  # fmt: skip
#: A superscript read as a word of its own (any other is "… 제곱").
_POWERS = {
    "2": "제곱", "3": "세제곱", r"\top": "전치", "T": "전치", "*": "스타", r"\ast": "스타",
    r"\circ": "도", r"\prime": "프라임",
}  # fmt: skip
#: Signs read as a word where they stand.
_SIGNS = {"*": "스타", r"\top": "전치", r"\circ": "도", r"\prime": "프라임", r"\ast": "스타"}
#: Commands whose argument is read as it is (a style, not a word).
_STYLES = {"mathbf", "boldsymbol", "mathrm", "mathit", "mathcal", "operatorname", "bm"}
_TEXTS = {"text", "textrm", "mbox", "textit", "textbf"}
_SILENT = {
    r"\,", r"\;", r"\:", r"\!", r"\ ", r"\quad", r"\qquad", r"\left", r"\right", r"\bigl",
    r"\bigr", r"\Bigl", r"\Bigr", r"\big", r"\Big", r"\displaystyle", r"\textstyle",
    r"\limits", r"\nolimits", "&", r"\\", ".", ":",
}  # fmt: skip
_MATRICES = {"pmatrix": "행렬", "bmatrix": "행렬", "matrix": "행렬", "vmatrix": "행렬식"}
#: Words in a subscript or \text, read as words: λ_max 람다 맥스.
_WORDS = {"max": "맥스", "min": "민"}
_TOKEN = re.compile(
    r"\\[A-Za-z]+|\\.|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|[가-힣]+|\s+|.", re.S
)
#: What text outside math a reader reads aloud: numbers, Hangul, single letters and signs.
_SPOKEN_TEXT = re.compile(
    r"\d[\d,]*(?:\.\d+)?%?|[가-힣]+|(?<![A-Za-z])[A-Za-z](?![A-Za-z])|[α-ωΑ-Ω]|[^\w\s()|]"
)
#: (atom | op | rel | sep | slash, its words, whether it is a d or ∂: True, or "top" for a
#: \frac whose top starts with one)
_Item = tuple[str, list[str], bool | str]


def _read_integer(n: int) -> str:
    """A whole number in Sino-Korean: 1000 → 천, 10201 → 만이백일, 21 → 이십일."""
    if n == 0:
        return "영"
    words = []
    for big in ("", "만", "억", "조", "경"):
        n, group = divmod(n, 10000)
        if group:
            part = ""
            for unit, digit in zip(("천", "백", "십", ""), f"{group:04d}", strict=True):
                if digit != "0":
                    part += ("" if digit == "1" and unit else _DIGITS[digit]) + unit
            words.append(("" if part == "일" and big == "만" else part) + big)
        if not n:
            break
    return "".join(reversed(words))


def _read_number(token: str) -> str:
    """A number as written (``1,000``, ``0.2066``): the digits after the point one by one."""
    whole, _, decimals = token.replace(",", "").partition(".")
    text = _read_integer(int(whole))
    return text + ("점" + "".join(_DIGITS[d] for d in decimals) if decimals else "")


class _Reader:
    """Reads one TeX formula aloud: a recursive descent over its tokens."""

    def __init__(self, tex: str) -> None:
        for char, command in _UNICODE.items():
            tex = tex.replace(char, f" {command} " if command.startswith("\\") else command)
        self.tex = tex
        self.tokens = [t for t in _TOKEN.findall(tex) if not t.isspace()]
        self.i = 0

    def error(self, what: str) -> ValueError:
        return ValueError(f"cannot read {what} aloud in the formula {self.tex.strip()!r}")

    def next(self) -> str | None:
        self.i += 1
        return self.tokens[self.i - 1] if self.i <= len(self.tokens) else None

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def read(self) -> list[str]:
        """The whole formula's words."""
        words = self.sequence(())
        if self.peek() is not None:
            raise self.error(f"the unopened {self.peek()}")
        return words

    def argument(self) -> list[str]:
        """The words of one argument: a ``{group}`` or a single token."""
        if self.peek() is None:
            raise self.error("a missing argument")
        if self.peek() == "{":
            self.i += 1
            return self.sequence(("}",))
        return self.sequence((), one=True)

    def raw(self) -> str:
        """An argument's source, unread (``\\text{…}``, ``\\begin{…}``)."""
        if self.next() != "{":
            raise self.error("a command without its {argument}")
        depth, out = 1, []
        while (token := self.next()) is not None:
            depth += (token == "{") - (token == "}")
            if depth == 0:
                return "".join(out)
            out.append(token)
        raise self.error("an unclosed {")

    def sequence(self, stops: tuple[str, ...], one: bool = False) -> list[str]:
        """Read up to one of ``stops`` (consumed; without stops, up to a ``}`` or the end);
        with ``one``, a single item and its scripts."""
        items: list[_Item] = []
        while (token := self.peek()) is not None:
            if token in stops:
                self.i += 1
                break
            if not stops and token == "}":
                break
            if one and items and token not in ("^", "_", "'"):
                break
            self.i += 1
            self.item(token, items)
        else:
            if stops:
                raise self.error(f"a formula without its closing {stops[0]}")
        try:
            return _join(items)
        except ValueError as exc:
            raise self.error(str(exc)) from None

    def item(self, token: str, items: list[_Item]) -> None:
        """Read ``token`` (and what it takes) onto ``items``."""
        name = token[1:] if token.startswith("\\") and token[1:].isalpha() else None
        if token in ("^", "_", "'", "%", r"\%"):
            if not items or items[-1][0] != "atom":
                raise self.error(f"{token} after nothing")
            kind, words, diff = items.pop()
            items.append((kind, words + self.script(token), diff))
        elif token == "{":
            items.append(("atom", self.sequence(("}",)), False))
        elif token in _SIGNS:
            items.append(("atom", [_SIGNS[token]], False))
        elif token[0].isdigit():
            items.append(("atom", [_read_number(token)], False))
        elif re.fullmatch(r"[가-힣]+", token):
            items.append(("atom", [token], False))
        elif token.isascii() and token.isalpha():
            items.append(("atom", [_LETTERS[token.lower()]], token == "d"))
        elif name in _GREEK:
            items.append(("atom", [_GREEK[name]], name == "partial"))
        elif (name or token) in _OPERATORS:
            items.append(("op", [_OPERATORS[name or token]], False))
        elif (name or token) in _RELATIONS:
            items.append(("rel", [_RELATIONS[name or token]], False))
        elif token in (",", ";") or name in ("ldots", "dots", "cdots"):
            items.append(("sep", [], False))
        elif token == "/":
            items.append(("slash", [], False))
        elif token in ("(", "[", r"\{") or name == "langle":
            close = {"(": ")", "[": "]", r"\{": r"\}", r"\langle": r"\rangle"}[token]
            items.append(("atom", self.sequence((close,)), False))
        elif token == "|" or name in ("lvert", "vert"):
            items.append(("atom", [*self.sequence(("|", r"\rvert", r"\vert")), "절댓값"], False))
        elif token == r"\|" or name in ("lVert", "Vert"):
            norm = self.sequence((r"\|", r"\rVert", r"\Vert"))
            items.append(("atom", [*norm, "노름"], False))
        elif name in ("frac", "dfrac", "tfrac"):
            top, bottom = self.argument_item(), self.argument_item()
            items.append(("atom", _fraction([top], [bottom]), False))
        elif name == "sqrt":
            if self.peek() == "[":  # an index: read as a square root all the same
                self.i += 1
                self.sequence(("]",))
            items.append(("atom", ["루트", *self.argument()], False))
        elif name in _STYLES:
            start = self.i
            words = self.argument()
            is_d = self.tokens[start : self.i] in (["{", "d", "}"], ["d"])
            items.append(("atom", words, is_d))
        elif name in _TEXTS:
            text = self.raw().strip()
            items.append(("atom", [_WORDS.get(text, text)], False))
        elif name in _FUNCTIONS:
            items.append(("atom", [_FUNCTIONS[name]], False))
        elif name in ("bar", "hat", "tilde", "vec"):
            after = {"bar": ["바"], "hat": ["햇"], "tilde": ["틸드"], "vec": []}[name]
            items.append(("atom", [*self.argument(), *after], False))
        elif name == "begin":
            environment = self.raw()
            if environment not in _MATRICES:
                raise self.error(f"the environment {environment}")
            while self.peek() is not None and self.tokens[self.i : self.i + 2] != [r"\end", "{"]:
                self.i += 1
            self.i += 1
            self.raw()
            items.append(("atom", [_MATRICES[environment]], False))
        elif token in _SILENT or token in (")", "]", r"\}", r"\rangle"):
            return  # spacing, sizes; a closing bracket whose opening one was \left-ed elsewhere
        else:
            raise self.error(f"the command {token}" if token.startswith("\\") else repr(token))

    def argument_item(self) -> _Item:
        r"""A fraction's argument as one item, marked when it is a derivative's top: it starts
        with d or ∂ (``\frac{df}{dx}``, ``\frac{\partial}{\partial x}``)."""
        start = self.i
        words = self.argument()
        inner = self.tokens[start + 1 : self.i - 1] if self.tokens[start] == "{" else []
        return ("atom", words, "top" if inner and inner[0] in ("d", r"\partial") else False)

    def script(self, token: str) -> list[str]:
        """The words a script adds after its base."""
        if token == "'":
            primes = 1
            while self.peek() == "'":
                self.i += 1
                primes += 1
            return ["프라임"] if primes == 1 else ["투" if primes == 2 else "트리플", "프라임"]
        if token in ("%", r"\%"):
            return ["퍼센트"]
        start = self.i
        words = self.argument()
        source = "".join(self.tokens[start : self.i]).removeprefix("{").removesuffix("}")
        if token == "_":
            return [_WORDS[source]] if source in _WORDS else words
        return [_POWERS[source]] if source in _POWERS else [*words, "제곱"]


def _join(items: list[_Item]) -> list[str]:
    """The words of a run of items: slashes made into fractions, a leading minus read 마이너스,
    a sign alone read as its name (λ₊ 람다 플러스)."""
    while any(kind == "slash" for kind, _, _ in items):
        at = next(i for i, (kind, _, _) in enumerate(items) if kind == "slash")
        lo, hi = at, at + 1
        while lo > 0 and items[lo - 1][0] == "atom":
            lo -= 1
        while hi < len(items) and items[hi][0] == "atom":
            hi += 1
        if lo == at or hi == at + 1:
            raise ValueError("a slash with nothing on one side")
        items[lo:hi] = [("atom", _fraction(items[lo:at], items[at + 1 : hi]), False)]
    if len(items) == 1 and items[0][0] == "op":
        return {"더하기": ["플러스"], "빼기": ["마이너스"]}.get(items[0][1][0], items[0][1])
    words: list[str] = []
    previous = "start"
    for kind, item_words, _ in items:
        if kind == "op" and item_words == ["빼기"] and previous != "atom":
            item_words = ["마이너스"]
        words.extend(item_words)
        previous = kind
    return words


def _fraction(top: list[_Item], bottom: list[_Item]) -> list[str]:
    """``top/bottom`` read "bottom 분의 top"; a derivative (∂f/∂x, and η ∂f/∂x: a factor
    before its d or ∂ is read first) top then bottom."""
    for k, (_, _, is_d) in enumerate(top):
        if is_d == "top" or (is_d and k + 1 < len(top)):  # d f / d x, not d₀ / ε
            return [*_join(top), *_join(bottom)]
    return [*_join(bottom), "분의", *_join(top)]


def read_aloud(value: str) -> str:
    r"""A number or formula as a Korean reader reads it aloud (the rules are in the comment above
    :data:`_DIGITS`): ``$\lVert \nabla f \rVert$`` → ``나블라 에프 노름``, ``$x^2 + 10y^2$`` →
    ``엑스 제곱 더하기 십 와이 제곱``, ``0.5`` → ``영점오``. Between ``$…$`` (or ``$$…$$``) is TeX;
    text outside is read as written: numbers, percentages, Hangul, single letters and signs (the
    other words of a citation, say, are not read). A sign or command the reader does not know is
    a ``ValueError`` naming it."""
    words = []
    for k, part in enumerate(re.split(r"\$\$?", value)):
        if k % 2 == 0:  # text
            part = " ".join(_SPOKEN_TEXT.findall(part)).replace("%", r"\%")
        words.extend(_Reader(part).read())
    return " ".join(w for w in words if w)


def last_spoken(value: str) -> str:
    r"""The last syllable a reader says for a number or formula as a page shows it (text or
    TeX): ``0.5`` → 오, ``1,000`` → 천, ``44.5%`` → 트 (퍼센트), ``$3 \times 10^{-4}$`` → 곱
    (제곱), ``$\lambda_{\min}$`` → 민, ``$\lVert \nabla f \rVert$`` → 름; see :func:`read_aloud`."""
    syllables = re.findall(r"[가-힣]", read_aloud(value))
    if not syllables:
        raise ValueError(f"nothing to read aloud in {value!r}")
    return syllables[-1]


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
