"""Random polynomial landscapes for the tests that hold loops equal bit for bit: without a
transcendental function, numpy's columns, Python's floats and JavaScript compute the same bits
(numpy has its own exp, a last bit apart from libm's and V8's at some points)."""

from __future__ import annotations

from hypothesis import strategies as st

from gdcore import make_landscape
from gdcore.expr import parse_expression
from gdcore.landscape import Landscape, X, Y

_leaf = st.one_of(
    st.sampled_from(["x", "y"]), st.integers(1, 5).map(str), st.sampled_from(["0.5", "0.1"])
)
#: Formulas in x and y from + − × and squares.
POLYNOMIALS = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner)
        .map(" ".join)
        .map(lambda t: f"({t})"),
        inner.map(lambda a: f"({a})**2"),
    ),
    max_leaves=6,
)


def polynomial(text: str) -> Landscape:
    """``x² + y² + text`` on [-3, 3]² (the bowl keeps most runs on the map)."""
    e = parse_expression(text)
    e = e.subs({s: {"x": X, "y": Y}[s.name] for s in e.free_symbols})
    return make_landscape(X**2 + Y**2 + e, (X, Y), ((-3.0, 3.0), (-3.0, 3.0)), name=text)
