"""Tests for :mod:`gdcore.expr`: the safe formula parser."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st

from gdcore.expr import ALLOWED_FUNCTIONS, ExpressionError, parse_expression

X, Y = sympy.symbols("x y")

PEAKS = (
    "3*(1-x)**2*exp(-x**2-(y+1)**2) - 10*(x/5-x**3-y**5)*exp(-x**2-y**2) - 1/3*exp(-(x+1)**2-y**2)"
)


def test_peaks_formula_equals_the_same_formula_built_with_sympy() -> None:
    direct = (
        3 * (1 - X) ** 2 * sympy.exp(-(X**2) - (Y + 1) ** 2)
        - 10 * (X / 5 - X**3 - Y**5) * sympy.exp(-(X**2) - Y**2)
        - sympy.Rational(1, 3) * sympy.exp(-((X + 1) ** 2) - Y**2)
    )
    parsed = parse_expression(PEAKS)
    assert sympy.simplify(parsed - direct) == 0
    assert parsed.free_symbols == {X, Y}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", sympy.Integer(3)),
        ("1/3", sympy.Rational(1, 3)),
        ("0.5", sympy.Float(0.5)),
        ("1e-999", sympy.Float(0.0)),
        ("2**10", sympy.Integer(1024)),
        ("-x", -X),
        ("+x", X),
        ("x - y", X - Y),
        ("x*y/2", X * Y / 2),
        ("(x + 1)**2", (X + 1) ** 2),
        ("pi", sympy.pi),
        ("e", sympy.E),
        ("e**x", sympy.exp(X)),
        ("  x + y  ", X + Y),
        ("abs(x)", sympy.Abs(X)),
        ("sqrt(x)", sympy.sqrt(X)),
        ("1" + "0" * 29, sympy.Integer(10**29)),
        ("2**10000", sympy.Integer(2) ** 10000),
        ("x**100", X**100),
    ],
)
def test_allowed_pieces(text: str, expected: sympy.Expr) -> None:
    assert parse_expression(text) == expected


@pytest.mark.parametrize("name", sorted(ALLOWED_FUNCTIONS))
def test_each_allowed_function_is_the_sympy_function(name: str) -> None:
    assert parse_expression(f"{name}(x + y)") == ALLOWED_FUNCTIONS[name](X + Y)


def test_variables_are_plain_symbols() -> None:
    assert parse_expression("x*y").free_symbols == {X, Y}
    assert parse_expression("a - b", variables=("a", "b")) == sympy.Symbol("a") - sympy.Symbol("b")


def test_variables_restrict_the_names() -> None:
    assert parse_expression("2*x", variables=("x",)) == 2 * X
    with pytest.raises(ExpressionError, match="name 'y'"):
        parse_expression("x + y", variables=("x",))


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("__import__('os').system('echo hi')", ".system"),
        ("x.__class__", "'.__class__'"),
        ("().__class__.__bases__[0]", "__bases__[0]"),
        ("open('f')", "'open'"),
        ("eval('1')", "'eval'"),
        ("lambda: 1", "lambda"),
        ("[x for x in y]", "list comprehension"),
        ("x if y else 1", "conditional expression"),
        ("x < y", "'<'"),
        ("x and y", "'and'"),
        ("x ^ 2", "'^' — use ** for powers"),
        ("x // 2", "'//'"),
        ("x % 2", "'%'"),
        ("x @ y", "'@'"),
        ("x << 2", "'<<'"),
        ("~x", "'~'"),
        ("not x", "'not'"),
        ('"abc"', "string literal"),
        ("b'abc'", "bytes literal"),
        ("f'{x}'", "f-string"),
        ("(x := 1)", "assignment expression"),
        ("[x, y]", "list"),
        ("(x, y)", "tuple"),
        ("exp(x, y)", "'exp' takes exactly 1 argument, got 2"),
        ("exp()", "'exp' takes exactly 1 argument, got 0"),
        ("exp(x=1)", "keyword arguments in call to 'exp'"),
        ("exp(*x)", "starred argument in call to 'exp'"),
        ("exp", "function 'exp' must be called"),
        ("f(x)", "'f'"),
        ("x(2)", "'x'"),
        ("2(x)", "use * to multiply"),
        ("x[0]", "'x[0]'"),
        ("9**9**9", "'9**9**9'"),
        ("'a'*10**9", "string literal"),
        ("(", "syntax error at column 1"),
        ("", "empty formula"),
        ("   ", "empty formula"),
        ("x+" * 999 + "x", "longer than 1000 characters"),
        ("(" * 500 + "x" + ")" * 500, "longer than 1000 characters"),
        ("(" * 300 + "x" + ")" * 300, "syntax error"),
        ("-" * 150 + "x", "nested more than 100 levels"),
        ("1e999", "'1e999'"),
        ("True", "True"),
        ("None", "None"),
        ("z", "name 'z'"),
        ("2j", "'2j'"),
        ("1" * 31, "31 digits"),
        ("2**10001", "'2**10001'"),
        ("e**99999", "'e**99999'"),
        ("x**101", "'x**101'"),
        ("(2*x)**(9**9)", "'(2*x)**(9**9)'"),
        ("sqrt(9**3000 + 1)", "'sqrt(9**3000 + 1)'"),
        ("exp(log(9)*9**9)", "'exp(log(9)*9**9)'"),
    ],
)
def test_refused_inputs_name_the_offending_piece(text: str, piece: str) -> None:
    with pytest.raises(ExpressionError) as refusal:
        parse_expression(text)
    message = str(refusal.value)
    assert piece in message
    assert "\n" not in message
    assert message.startswith(("refused: ", "syntax error"))


def test_unknown_name_message_lists_the_allowed_names() -> None:
    with pytest.raises(ExpressionError) as refusal:
        parse_expression("os")
    assert str(refusal.value).startswith("refused: name 'os' (allowed names: x, y, pi, e and")
    assert "functions abs, acos," in str(refusal.value)


def test_huge_power_is_refused_without_being_computed() -> None:
    # Completing at all is the test: computing 9**9**9 would take far too long.
    with pytest.raises(ExpressionError, match="bits"):
        parse_expression("9**9**9")


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("x + * y", "column 5"),
        ("  x + * y", "column 7"),
        ("  x +", "column 6"),
        ("(", "column 1"),
        ("\n(x +\n  * y)", "line 3, column 3"),
    ],
)
def test_syntax_errors_point_into_the_original_text(text: str, position: str) -> None:
    with pytest.raises(ExpressionError, match=f"syntax error at {position}"):
        parse_expression(text)


def test_formula_is_never_executed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("the parser must not evaluate text")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    monkeypatch.setattr(sympy, "sympify", forbidden)
    monkeypatch.setattr(sympy, "parse_expr", forbidden)
    target = tmp_path / "pwned"
    with pytest.raises(ExpressionError):
        parse_expression(f"__import__('pathlib').Path({str(target)!r}).touch()")
    assert not target.exists()
    assert parse_expression("exp(-x**2) + y") == sympy.exp(-(X**2)) + Y


@pytest.mark.parametrize("text", [None, b"x", 3, ["x"]])
def test_text_must_be_a_str(text: object) -> None:
    with pytest.raises(TypeError, match="text must be a str"):
        parse_expression(text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "variables",
    [("exp",), ("x", "x"), ("pi",), ("e",), ("abs", "y"), ("1x",), ("x y",), ("lambda",), ("",)],
)
def test_bad_variables_raise_value_error(variables: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="variable name"):
        parse_expression("1", variables=variables)


@pytest.mark.parametrize("variables", ["xy", ("x", 1)])
def test_variables_of_the_wrong_type_raise_type_error(variables: object) -> None:
    with pytest.raises(TypeError, match="variables"):
        parse_expression("1", variables=variables)  # type: ignore[arg-type]


def test_expression_error_is_a_value_error() -> None:
    assert issubclass(ExpressionError, ValueError)


# Formulas from a small grammar over the allowed pieces. This text is generated here, hence
# trusted, so sympy's own (eval-based) sympify may read it as the reference.
_LEAVES = st.one_of(
    st.sampled_from(["x", "y", "pi", "e"]),
    st.integers(min_value=0, max_value=30).map(str),
    st.sampled_from(["0.5", "0.1", "1.25", "2.0"]),
)


def _extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from("+-*/"), children).map(
            lambda t: f"({t[0]}) {t[1]} ({t[2]})"
        ),
        st.tuples(children, st.integers(min_value=0, max_value=3)).map(
            lambda t: f"({t[0]})**{t[1]}"
        ),
        st.tuples(st.sampled_from(sorted(ALLOWED_FUNCTIONS)), children).map(
            lambda t: f"{t[0]}({t[1]})"
        ),
        children.map(lambda s: f"-({s})"),
    )


FORMULAS = st.recursive(_LEAVES, _extend, max_leaves=6)


@given(FORMULAS)
def test_generated_formulas_parse_like_sympify(text: str) -> None:
    try:
        parsed = parse_expression(text)
    except ExpressionError as refusal:
        # Only the size guard may refuse a grammatical formula, e.g. exp(exp(exp(3))).
        assert "would need numbers" in str(refusal)
        assume(False)
    assert parsed == sympy.sympify(text, locals={"e": sympy.E, "abs": sympy.Abs})
