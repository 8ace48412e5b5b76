"""Landscapes: built-ins, derivatives against finite differences, argument checks."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from gdcore import Landscape, get_landscape, landscape_names, separable_sum
from gdcore.landscape import X, Y, peaks_expr

NAMES = landscape_names()


def _central_difference(fn, pts: np.ndarray, dim: int, h: float, axis: int) -> np.ndarray:
    """Central differences of ``fn`` along each coordinate, stacked on ``axis``."""
    parts = []
    for i in range(dim):
        e = np.zeros(dim)
        e[i] = h
        parts.append((fn(pts + e) - fn(pts - e)) / (2 * h))
    return np.stack(parts, axis=axis)


def _finite_gradient(land: Landscape, pts: np.ndarray, h: float = 1e-6) -> np.ndarray:
    return _central_difference(land.value, pts, land.dim, h, axis=-1)


def _finite_hessian(land: Landscape, pts: np.ndarray, h: float = 1e-5) -> np.ndarray:
    return _central_difference(land.gradient, pts, land.dim, h, axis=-2)


def _sample(land: Landscape, n: int = 200) -> np.ndarray:
    rng = np.random.default_rng(1)
    lows, highs = np.array(land.domain).T
    return rng.uniform(lows, highs, size=(n, land.dim))


def test_builtins_are_the_books() -> None:
    assert NAMES == ("peaks", "parabola", "rippled_bowl", "separable", "elongated_bowl")
    assert get_landscape("peaks").domain == ((-3.0, 3.0), (-3.0, 3.0))
    assert get_landscape("parabola").domain == ((-2.0, 2.0),)
    assert sympy.simplify(get_landscape("parabola").expr - (3 * X**2 - 3 * X + 4)) == 0
    assert (
        sympy.simplify(get_landscape("rippled_bowl").expr - (sympy.cos(2 * sympy.pi * X) + X**2))
        == 0
    )
    bowl = get_landscape("elongated_bowl")
    assert sympy.simplify(bowl.expr - (X**2 + 10 * Y**2)) == 0
    np.testing.assert_array_equal(bowl.hessian((0.3, -0.2)), [[2, 0], [0, 20]])


def test_peaks_is_the_seeds_function() -> None:
    # the seed's numpy peaks(), evaluated on a grid
    x, y = np.meshgrid(np.linspace(-3, 3, 31), np.linspace(-3, 3, 31))
    seed = (
        3 * (1 - x) ** 2 * np.exp(-(x**2) - (y + 1) ** 2)
        - 10 * (x / 5 - x**3 - y**5) * np.exp(-(x**2) - y**2)
        - 1 / 3 * np.exp(-((x + 1) ** 2) - y**2)
    )
    ours = get_landscape("peaks").value(np.stack([x, y], axis=-1))
    np.testing.assert_allclose(ours, seed, rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_finite_differences(name: str) -> None:
    land = get_landscape(name)
    pts = _sample(land)
    np.testing.assert_allclose(
        land.gradient(pts), _finite_gradient(land, pts), rtol=1e-6, atol=1e-6
    )


@pytest.mark.parametrize("name", NAMES)
def test_hessian_matches_finite_differences(name: str) -> None:
    land = get_landscape(name)
    pts = _sample(land)
    np.testing.assert_allclose(land.hessian(pts), _finite_hessian(land, pts), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", NAMES)
def test_shapes(name: str) -> None:
    land = get_landscape(name)
    d = land.dim
    assert land.value(np.zeros(d)).shape == ()
    assert land.gradient(np.zeros((4, 3, d))).shape == (4, 3, d)
    assert land.hessian(np.zeros((5, d))).shape == (5, d, d)
    assert len(land.partial_latex) == d
    assert land.latex


def test_latex_of_partials() -> None:
    parabola = get_landscape("parabola")
    assert parabola.partial_latex == ("6 x - 3",)


def test_separable_sum_builds_g_plus_h() -> None:
    g, h = get_landscape("parabola"), get_landscape("rippled_bowl")
    s = separable_sum(g, h)
    pts = _sample(s)
    np.testing.assert_allclose(s.value(pts), g.value(pts[:, :1]) + h.value(pts[:, 1:]), rtol=1e-14)
    assert s.domain == g.domain + h.domain


def test_unknown_landscape_lists_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown landscape 'nope'.*peaks, parabola"):
        get_landscape("nope")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"expr": "x**2"}, "expr must be a sympy expression"),
        ({"variables": ()}, "variables must be a non-empty tuple"),
        ({"variables": (X, X)}, "variables must be distinct"),
        ({"expr": X * sympy.Symbol("z")}, "not variables: z"),
        ({"domain": ((-1, 1),)}, "one \\(low, high\\) pair per variable"),
        ({"domain": ((1, -1), (0, 1))}, "low < high"),
        ({"domain": ((0, np.inf), (0, 1))}, "finite"),
    ],
)
def test_bad_landscape_arguments(kwargs: dict, message: str) -> None:
    args = {
        "expr": peaks_expr(),
        "variables": (X, Y),
        "domain": ((-3, 3), (-3, 3)),
    } | kwargs
    with pytest.raises((TypeError, ValueError), match=message):
        Landscape(**args)


def test_points_of_the_wrong_dimension() -> None:
    with pytest.raises(ValueError, match=r"shape \(\.\.\., 2\)"):
        get_landscape("peaks").value([1.0, 2.0, 3.0])


def test_separable_sum_needs_1d() -> None:
    with pytest.raises(ValueError, match="g must be a 1D Landscape"):
        separable_sum(get_landscape("peaks"), get_landscape("parabola"))


def test_quadratic_means_a_polynomial_of_degree_at_most_two() -> None:
    """The bowl and the parabola are quadratic (the same Hessian everywhere); peaks, the rippled
    bowl and the separable sum are not; nor is a cubic, while a constant and a plane are."""
    quadratic = {name: get_landscape(name).quadratic for name in landscape_names()}
    assert quadratic == {
        "peaks": False,
        "parabola": True,
        "rippled_bowl": False,
        "elongated_bowl": True,
        "separable": False,
    }
    x, y = sympy.symbols("x y")
    box = ((-1.0, 1.0), (-1.0, 1.0))
    assert not Landscape(x**3 + y**2, (x, y), box).quadratic
    assert not Landscape(x**2 * y, (x, y), box).quadratic
    assert Landscape(3 * x + 2 * y + 1, (x, y), box).quadratic
    assert Landscape(x * y - 4, (x, y), box).quadratic
