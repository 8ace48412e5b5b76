"""Numbers as pages print them: values at rounding level, claims over every case, and numbers and
formulas read aloud in Korean (the particle after them follows the last syllable)."""

from __future__ import annotations

import math

import pytest

from gdcore.book.numfmt import (
    ceil_to,
    floor_to,
    last_spoken,
    native_count,
    native_ordinal,
    order_of,
    particle,
    read_aloud,
)
from gdcore.book.registry import Claim


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3.38e-15, "$10^{-15}$"),
        (3.23e-15, "$10^{-15}$"),
        (-8.68e-10, "$10^{-10}$"),
        (1e-3, "$10^{-3}$"),
        (0.0, "$0$"),
    ],
)
def test_a_value_at_rounding_level_prints_as_its_order_of_magnitude(
    value: float, text: str
) -> None:
    assert order_of(value) == text


def test_order_of_refuses_what_has_no_order() -> None:
    with pytest.raises(ValueError, match="v must be finite"):
        order_of(math.nan)


@pytest.mark.parametrize(
    ("value", "digits", "bound"),
    [
        (0.6937, 2, 0.70),
        (0.69, 2, 0.69),
        (0.07, 2, 0.07),
        (0.2381, 2, 0.24),
        (0.0001, 3, 0.001),
        (-0.123, 1, -0.1),
    ],
)
def test_a_stated_bound_is_rounded_up_never_below_the_value(
    value: float, digits: int, bound: float
) -> None:
    # 0.6937 rounded to nearest is 0.69, which "never farther than 0.69" would undercut
    assert ceil_to(value, digits) == pytest.approx(bound)
    assert ceil_to(value, digits) >= value


@pytest.mark.parametrize(
    ("value", "digits", "bound"),
    [(0.8239, 2, 0.82), (0.829, 2, 0.82), (0.07, 2, 0.07), (-0.123, 1, -0.2)],
)
def test_an_at_least_bound_is_rounded_down_never_above_the_value(
    value: float, digits: int, bound: float
) -> None:
    # 0.829 rounded to nearest is 0.83, which "at least 0.83" would overstate
    assert floor_to(value, digits) == pytest.approx(bound)
    assert floor_to(value, digits) <= value


@pytest.mark.parametrize(("value", "digits", "why"), [
    (math.inf, 2, "v must be finite"), (0.5, -1, "digits must be"), (0.5, 1.5, "digits must be"),
])  # fmt: skip
def test_ceil_to_refuses_what_it_cannot_round(value: float, digits: object, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        ceil_to(value, digits)


def test_a_claim_over_every_case_holds_only_when_each_does() -> None:
    good = Claim.every({"η = 0.01": True, "η = 0.02": True}, "all settle")
    assert good.holds and good.cases == 2
    assert good.evidence == "every one of 2 cases: all settle"
    bad = Claim.every({"η = 0.01": True, "η = 0.02": False, "η = 0.03": False})
    assert not bad.holds and bad.cases == 3
    assert bad.evidence == "every one of 3 cases (fails: η = 0.02, η = 0.03)"


def test_a_claim_over_no_case_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one case"):
        Claim.every({})
    with pytest.raises(ValueError, match="cases must be a whole number"):
        Claim(True, "x", cases=0)


# --- formulas read aloud in Korean ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("formula", "reading"),
    [
        ("$x$", "엑스"),
        ("$y$", "와이"),
        (r"$\eta$", "에타"),
        (r"$\kappa$", "카파"),
        (r"$\nabla f$", "나블라 에프"),
        ("$x^2$", "엑스 제곱"),
        (r"$f(x, y) = x^{2} + 10 y^{2}$", "에프 엑스 와이 이퀄 엑스 제곱 더하기 십 와이 제곱"),
        (r"$\sqrt{v_1^2 + v_2^2}$", "루트 브이 일 제곱 더하기 브이 이 제곱"),
        (r"$\lambda_{\max}$", "람다 맥스"),
        (r"$\lambda_{\min}$", "람다 민"),
        (r"$\lambda_\text{min}$", "람다 민"),
        (r"$1/\lambda$", "람다 분의 일"),
        (r"$2 / \lambda_{\max} = 0.1$", "람다 맥스 분의 이 이퀄 영점일"),
        (r"$e_{k+1}/e_k$", "이 케이 분의 이 케이 더하기 일"),
        (r"$\tfrac{1}{2}$", "이 분의 일"),
        (r"$\partial f / \partial x$", "라운드 에프 라운드 엑스"),
        (r"$\dfrac{\partial f}{\partial y}$", "라운드 에프 라운드 와이"),
        (r"$\eta\,\partial f / \partial x$", "에타 라운드 에프 라운드 엑스"),
        (r"$\ln(d_0 / \varepsilon)$", "엘엔 엡실론 분의 디 영"),  # d₀ is no derivative
        (r"$\frac{d}{dx}$", "디 디 엑스"),
        (r"$\lVert \nabla f \rVert$", "나블라 에프 노름"),
        ("‖∇f‖", "나블라 에프 노름"),
        (r"$|\lambda|$", "람다 절댓값"),
        (r"$\left(1 - x\right)^{2}$", "일 빼기 엑스 제곱"),
        ("$H$", "에이치"),
        ("$D$", "디"),
        (r"$\mathbf{e}$", "이"),
        (r"$H = \begin{pmatrix} 2 & 0 \\ 0 & 20 \end{pmatrix}$", "에이치 이퀄 행렬"),
        (r"$\mathbf{u}^\top H \mathbf{u}$", "유 전치 에이치 유"),
        (r"$\eta^*$", "에타 스타"),
        (r"$f'(x)$", "에프 프라임 엑스"),
        (r"$f''$", "에프 투 프라임"),
        (r"$\lambda_+$", "람다 플러스"),
        (r"$\theta = 97.29^\circ$", "세타 이퀄 구십칠점이구 도"),
        (r"${-0.2066}$", "마이너스 영점이영육육"),
        (r"$3.23 \times 10^{-15}$", "삼점이삼 곱하기 십 마이너스 십오 제곱"),
        (r"$\cos\alpha$", "코사인 알파"),
        ("10,201", "만이백일"),
        ("44.5%", "사십사점오 퍼센트"),
        ("15×15", "십오 곱하기 십오"),
        ("Hochreiter & Schmidhuber, 1997", "천구백구십칠"),
    ],
)
def test_formulas_are_read_aloud_as_korean_classrooms_read_them(formula: str, reading: str) -> None:
    assert read_aloud(formula) == reading


@pytest.mark.parametrize(
    ("formula", "form", "expected"),
    [
        (r"${-0.2066}$", "과", "과"),  # 육
        (r"$x^{2} + 10 y^{2}$", "이", "이"),  # 제곱
        (r"$\sqrt{v_1^2 + v_2^2}$", "으로", "으로"),  # 제곱
        (r"$\lambda_{\min}$", "은", "은"),  # 민
        (r"$\lambda_{\max}$", "은", "는"),  # 맥스
        (r"$\eta$", "은", "는"),  # 에타
        ("1,000", "으로", "으로"),  # 천
        ("44.5%", "은", "는"),  # 퍼센트
        (r"$\lVert \nabla f \rVert$", "이", "이"),  # 노름
        ("$H$", "을", "를"),  # 에이치
        (r"$H = \begin{pmatrix} 2 & 0 \\ 0 & 20 \end{pmatrix}$", "으로", "로"),  # 행렬: ㄹ
        (r"$1/\lambda$", "과", "과"),  # 일
        (r"$f'$", "이", "이"),  # 프라임
    ],
)  # fmt: skip
def test_the_particle_after_a_formula_follows_its_last_syllable(
    formula: str, form: str, expected: str
) -> None:
    assert particle(formula, form) == expected


@pytest.mark.parametrize(
    ("formula", "reason"),
    [
        (r"$\foo x$", r"the command \\foo"),
        ("$x^$", "a missing argument"),
        ("${x$", "a formula without its closing }"),
        ("$x}$", "the unopened }"),
        ("$/x$", "a slash with nothing on one side"),
        (r"$\begin{align} x \end{align}$", "the environment align"),
    ],
)
def test_a_formula_the_reader_cannot_read_is_an_error_naming_what(
    formula: str, reason: str
) -> None:
    with pytest.raises(ValueError, match=f"cannot read {reason}"):
        read_aloud(formula)
    with pytest.raises(ValueError, match="nothing to read aloud"):
        last_spoken("Hochreiter")


@pytest.mark.parametrize(
    ("n", "count", "ordinal"),
    [
        (1, "한", "첫"),
        (2, "두", "두"),
        (3, "세", "세"),
        (4, "네", "네"),
        (7, "일곱", "일곱"),
        (10, "열", "열"),
        (11, "열한", "열한"),
        (20, "스무", "스무"),
        (21, "스물한", "스물한"),
        (35, "서른다섯", "서른다섯"),
        (99, "아흔아홉", "아흔아홉"),
    ],
)
def test_native_numerals_before_a_counter(n: int, count: str, ordinal: str) -> None:
    assert native_count(n) == count
    assert native_ordinal(n) == ordinal


@pytest.mark.parametrize(("bad", "error"), [(0, ValueError), (100, ValueError), (-3, ValueError)])
def test_native_count_rejects_counts_outside_1_to_99(bad: int, error: type) -> None:
    with pytest.raises(error, match="n must be a count from 1 to 99"):
        native_count(bad)


@pytest.mark.parametrize("bad", [3.0, "3", True])
def test_native_count_rejects_non_integers(bad: object) -> None:
    with pytest.raises(TypeError, match="n must be an int"):
        native_count(bad)  # type: ignore[arg-type]
