"""Random formulas from the whitelisted grammar through descend, critical_points and basins, with
warnings as errors: a result or one clear ValueError, never a warning, a NaN or a false point."""

from __future__ import annotations

import os
import warnings
from datetime import timedelta

import numpy as np
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdcore import basins, critical_points, descend, make_landscape
from gdcore.expr import ALLOWED_FUNCTIONS, ExpressionError, parse_expression
from gdcore.landscape import X, Y

#: Examples per property (raise with GDCORE_PROPERTY_EXAMPLES to probe further).
EXAMPLES = int(os.environ.get("GDCORE_PROPERTY_EXAMPLES", "30"))
PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=30),
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

_leaf = st.one_of(
    st.sampled_from(["x", "y", "x", "y", "pi", "e"]),
    st.integers(0, 12).map(str),
    st.sampled_from(["0.5", "1e-3", "2.5", "1e3", "1e100", "1e300", "1e-300"]),
)


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.tuples(inner, st.sampled_from(["2", "3", "4", "0.5", "-1", "x", "y"])).map(
            lambda t: f"({t[0]})**{t[1]}"
        ),
        st.tuples(st.sampled_from(sorted(ALLOWED_FUNCTIONS)), inner).map(
            lambda t: f"{t[0]}({t[1]})"
        ),
        inner.map(lambda a: f"-({a})"),
    )


FORMULAS = st.recursive(_leaf, _extend, max_leaves=8)


def _landscape(text: str):
    try:
        e = parse_expression(text)
    except ExpressionError:
        return None
    if not e.free_symbols or e.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    e = e.subs({s: {"x": X, "y": Y}[s.name] for s in e.free_symbols})
    return make_landscape(e, (X, Y), ((-3.0, 3.0), (-3.0, 3.0)), name=text)


def _refused_clearly(error: ValueError) -> bool:
    """An engine refusal: one line, saying why."""
    text = str(error)
    return len(text.splitlines()) == 1 and any(
        k in text for k in ("float64", "max_work", "MAX_DERIVATIVE_NODES")
    )


def _strict(call):
    """``call()`` with warnings as errors; ``None`` when the engine refused clearly."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return call()
        except ValueError as error:
            assert _refused_clearly(error), error
            return None


@PROFILE
@given(FORMULAS, st.floats(1e-4, 0.5), st.integers(1, 60))
def test_descend_gives_a_result_or_a_clear_error(text: str, lr: float, epochs: int) -> None:
    land = _landscape(text)
    if land is None:
        return
    starts = np.array([(0.0, 1.0), (1.0, 1.0), (-1.5, 0.5), (0.0, 0.0), (2.0, -2.0)])
    runs = _strict(
        lambda: (
            descend(land, starts, learning_rate=lr, epochs=epochs),
            descend(land, starts[1], learning_rate=lr, epochs=epochs),
        )
    )
    if runs is None:
        return
    many, one = runs
    assert np.isfinite(many.path).all() and np.isfinite(many.final).all()
    assert set(many.status) <= {"finished", "diverged"}
    np.testing.assert_array_equal(one.final, many.final[1])  # one start alone = in the batch
    assert one.status == many.status[1]


@PROFILE
@given(
    FORMULAS,
    st.floats(1e-4, 0.5),
    st.integers(1, 60),
    st.floats(0.0, 0.99),
    st.sampled_from([0.0, 1e-3, 0.5, 1e3]),
    st.integers(0, 2**32 - 1),
)
def test_momentum_and_noise_give_a_result_or_a_clear_error(
    text: str, lr: float, epochs: int, beta: float, sigma: float, seed: int
) -> None:
    land = _landscape(text)
    if land is None:
        return
    starts = np.array([(0.0, 1.0), (1.0, 1.0), (-1.5, 0.5), (0.0, 0.0), (2.0, -2.0)])
    kw = {"learning_rate": lr, "epochs": epochs, "momentum": beta, "noise": sigma, "seed": seed}
    runs = _strict(lambda: (descend(land, starts, **kw), descend(land, starts[1], stream=1, **kw)))
    if runs is None:
        return
    many, one = runs
    assert np.isfinite(many.path).all() and np.isfinite(many.final).all()
    assert many.final_velocity is None if beta == 0 else np.isfinite(many.final_velocity).all()
    assert set(many.status) <= {"finished", "diverged"}
    np.testing.assert_allclose(one.final, many.final[1], rtol=1e-9, atol=1e-12)
    assert one.status == many.status[1]


@PROFILE
@given(FORMULAS)
def test_critical_points_are_critical(text: str) -> None:
    land = _landscape(text)
    if land is None:
        return
    points = _strict(lambda: critical_points(land, grid=11))
    if points is None:
        return
    for c in points[:20]:
        assert land.contains(c.x) or np.abs(np.clip(c.x, -3, 3) - c.x).max() < 1e-8
        # independently: sympy's gradient and Hessian at the point with 40 digits; the point is
        # within 1e-6 of a zero of the gradient's linear model (a test that is the same however
        # large f is elsewhere)
        at = {X: sympy.Float(float(c.x[0]), 40), Y: sympy.Float(float(c.x[1]), 40)}
        g = np.array([complex(p.evalf(40, subs=at)) for p in land.partials])
        h = np.array(
            [
                [complex(e.replace(sympy.DiracDelta, lambda *_: 0).evalf(40, subs=at)) for e in row]
                for row in land.hessian_exprs
            ]
        )  # DiracDelta (from abs): zero wherever it is defined, as the engine compiles it
        assert np.all(np.abs(g.imag) == 0) and np.all(np.abs(h.imag) == 0), (text, c)
        g, h = g.real, h.real
        if not np.all(np.isfinite(h)):
            continue  # float64 found it; 40 digits overflowed the sympy conversion
        lam, vec = np.linalg.eigh(h)
        comp = vec.T @ g
        reachable = np.abs(comp) <= np.abs(lam) * 6
        step = np.where(reachable, comp / np.where(lam != 0, lam, 1), 0)
        assert np.linalg.norm(step) <= 1e-6, (text, c, g, h)
        assert np.all(np.abs(comp[~reachable]) <= 1e-9 * max(1.0, np.abs(g).max())), (text, c)


@PROFILE
@given(FORMULAS, st.sampled_from([1e-3, 0.01, 0.1]))
def test_basins_label_only_true_minima(text: str, lr: float) -> None:
    land = _landscape(text)
    if land is None:
        return
    result = _strict(lambda: basins(land, learning_rate=lr, epochs=30, grid=7))
    if result is None:
        return
    assert result.labels.shape == (7, 7)
    assert np.all((result.labels >= -1) & (result.labels < len(result.minima)))
    assert (
        result.shares.sum() + result.share_none == np.float64(1.0)
        or abs(result.shares.sum() + result.share_none - 1) < 1e-12
    )
    for m in result.minima:
        assert m.kind == "min" and m.residual <= 1e-6 * max(1.0, np.abs(m.eigenvalues).max())
