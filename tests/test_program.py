"""The compiled programs compute what sympy says, in both emitters, bit for bit alike."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st

from gdcore.landscape import X, Y, get_landscape, landscape_names
from gdcore.program import MATH_ERRORS, compile_program

LEAVES = st.sampled_from([X, Y, sympy.Integer(2), sympy.Rational(1, 3), sympy.Float(0.7), sympy.pi])


def _extend(children: st.SearchStrategy) -> st.SearchStrategy:
    pair = st.tuples(children, children)
    return st.one_of(
        pair.map(lambda p: p[0] + p[1]),
        pair.map(lambda p: p[0] - p[1]),
        pair.map(lambda p: p[0] * p[1]),
        pair.map(lambda p: p[0] / (p[1] ** 2 + 1)),
        st.tuples(children, st.integers(-5, 9)).map(lambda p: p[0] ** p[1]),
        children.map(lambda c: -c),
        children.map(lambda c: sympy.exp(-(c**2))),
        children.map(sympy.sin),
        children.map(sympy.cos),
        children.map(lambda c: sympy.sqrt(c**2 + 1)),
        children.map(lambda c: sympy.log(c**2 + 1)),
        children.map(sympy.tanh),
        children.map(sympy.Abs),
    )


EXPRS = st.recursive(LEAVES, _extend, max_leaves=8)
POINTS = np.array([[0.3, -0.7], [1.1, 0.4], [-1.5, 2.0], [0.0, 0.25], [2.5, -2.5]])


def _reference(exprs: list[sympy.Expr]) -> list[np.ndarray]:
    fn = sympy.lambdify((X, Y), exprs, modules="numpy")
    with np.errstate(all="ignore"):
        out = fn(POINTS[:, 0], POINTS[:, 1])
    return [np.broadcast_to(np.asarray(o, dtype=float), (len(POINTS),)) for o in out]


def _vector(exprs: list[sympy.Expr]) -> list[np.ndarray]:
    fn, n = compile_program((X, Y), exprs).vector_function()
    buffers = [np.empty(len(POINTS)) for _ in range(n)]
    with np.errstate(all="ignore"):
        return [o.copy() for o in fn(POINTS[:, 0].copy(), POINTS[:, 1].copy(), buffers)]


@given(EXPRS)
def test_random_expressions_match_lambdify(expr: sympy.Expr) -> None:
    assume(not expr.has(sympy.zoo, sympy.nan, sympy.oo))  # e.g. (x - x)**-1: refused, see below
    exprs = [expr, sympy.diff(expr, X), sympy.diff(expr, Y)]
    for ours, ref in zip(_vector(exprs), _reference(exprs), strict=True):
        np.testing.assert_allclose(ours, ref, rtol=1e-9, atol=1e-9, equal_nan=True)


@given(EXPRS)
def test_scalar_and_vector_emitters_agree(expr: sympy.Expr) -> None:
    assume(not expr.has(sympy.zoo, sympy.nan, sympy.oo))
    # Same operations in the same order; only libm and numpy's own transcendental functions
    # (tanh, sin, ... with SIMD) may differ in the last bit.
    exprs = [expr, sympy.diff(expr, X)]
    vector = _vector(exprs)
    scalar = compile_program((X, Y), exprs).scalar_function()
    for i, (x, y) in enumerate(POINTS):
        try:
            values = scalar(float(x), float(y))
        except MATH_ERRORS:
            # math raises where numpy returns inf/nan: the vector side must not be finite there
            assert not all(math.isfinite(v[i]) for v in vector)
            continue
        for v, s in zip(vector, values, strict=True):
            assert v[i] == pytest.approx(s, rel=1e-13, abs=1e-13, nan_ok=True)


@pytest.mark.parametrize("name", landscape_names())
@pytest.mark.parametrize("kind", ["value", "gradient", "value_gradient", "hessian"])
def test_builtin_programs_match_lambdify(name: str, kind: str) -> None:
    land = get_landscape(name)
    exprs = {
        "value": [land.expr],
        "gradient": list(land.partials),
        "value_gradient": [land.expr, *land.partials],
        "hessian": [h for row in land.hessian_exprs for h in row],
    }[kind]
    pts = np.random.default_rng(0).uniform(-2, 2, size=(50, land.dim))
    fn, n = land.vector_function(kind)
    out = fn(*[pts[:, i].copy() for i in range(land.dim)], [np.empty(50) for _ in range(n)])
    ref = sympy.lambdify(land.variables, exprs, modules="numpy")(*pts.T)
    for o, r in zip(out, ref, strict=True):
        np.testing.assert_allclose(o, np.broadcast_to(r, (50,)), rtol=1e-12, atol=1e-12)


def test_constant_and_repeated_outputs_get_their_own_buffers() -> None:
    # d/dx of (x + y) is the constant 1, and the two partials of x*y are inputs
    fn, n = compile_program((X, Y), [sympy.Integer(1), X * Y, X * Y, X]).vector_function()
    x, y = np.array([2.0, 3.0]), np.array([5.0, 7.0])
    one, p, q, xx = fn(x, y, [np.empty(2) for _ in range(n)])
    np.testing.assert_array_equal(one, [1, 1])
    np.testing.assert_array_equal(p, [10, 21])
    np.testing.assert_array_equal(q, [10, 21])
    np.testing.assert_array_equal(xx, x)
    assert len({id(a) for a in (one, p, q, xx)}) == 4


def test_integer_powers_are_multiplications() -> None:
    program = compile_program((X, Y), [X**5 * Y**-3])
    assert {op.func for op in program.ops} <= {"multiply", "divide"}


def test_unsupported_function_is_named() -> None:
    with pytest.raises(ValueError, match="Heaviside"):
        compile_program((X, Y), [sympy.Heaviside(X)])


@pytest.mark.parametrize("constant", [sympy.zoo, sympy.nan, sympy.oo])
def test_infinite_constants_are_refused_with_a_clear_message(constant: sympy.Expr) -> None:
    with pytest.raises(ValueError, match="infinite or undefined constant"):
        compile_program((X, Y), [X + constant])


@given(EXPRS)
def test_selected_outputs_are_bit_identical_with_fewer_operations(expr: sympy.Expr) -> None:
    assume(not expr.has(sympy.zoo, sympy.nan, sympy.oo))
    program = compile_program((X, Y), [expr, sympy.diff(expr, X), sympy.diff(expr, Y)])
    part = program.select([1, 2])
    assert len(part.ops) <= len(program.ops)
    assert {op.dest for op in part.ops} <= {op.dest for op in program.ops}
    fn, n = part.vector_function()
    with np.errstate(all="ignore"):
        out = fn(
            POINTS[:, 0].copy(), POINTS[:, 1].copy(), [np.empty(len(POINTS)) for _ in range(n)]
        )
    for whole, selected in zip(_vector([expr, *(sympy.diff(expr, v) for v in (X, Y))])[1:], out,
                               strict=True):  # fmt: skip
        np.testing.assert_array_equal(selected, whole)


def test_select_drops_what_only_the_value_needs() -> None:
    # f = exp(x) + y**2: the partials (exp(x), 2y) never need y**2 or the sum
    program = compile_program((X, Y), [sympy.exp(X) + Y**2, sympy.exp(X), 2 * Y])
    assert len(program.select([1, 2]).ops) == len(program.ops) - 2
