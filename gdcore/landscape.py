"""Landscapes: a sympy expression plus the fast numeric functions gradient descent needs.

A :class:`Landscape` holds a function ``f: R^d → R`` as a sympy expression and derives from it,
once and lazily, its partial derivatives, its Hessian, their LaTeX, and compiled numeric functions
for all three (:mod:`gdcore.program`). The book's landscapes are registered by name
(:func:`get_landscape`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Literal

import numpy as np
import sympy

from gdcore._typing import Array, ArrayLike, Domain
from gdcore.program import Program, compile_program

X, Y = sympy.symbols("x y", real=True)

#: The largest derivative (in expression-tree nodes, estimated before differentiating) that
#: :attr:`Landscape.partials` and :attr:`Landscape.hessian_exprs` build. Differentiating costs about
#: 30 µs a node (the Hessian of a product of 95 factors, 8 million nodes, takes minutes); raise this
#: deliberately (``gdcore.landscape.MAX_DERIVATIVE_NODES = ...``) to differentiate larger ones.
MAX_DERIVATIVE_NODES = 200_000


def _tree_size(e: sympy.Basic) -> int:
    """The number of nodes of ``e``'s expression tree, without recursion."""
    count, stack = 0, [e]
    while stack:
        node = stack.pop()
        count += 1
        stack.extend(node.args)
    return count


def derivative_size(e: sympy.Basic) -> int:
    """An estimate (an upper bound for sums, products, powers and functions) of the number of
    tree nodes of the derivative of ``e`` with respect to one variable, computed without
    differentiating: the product rule copies a product once per factor, the chain rule copies
    a function's argument into its derivative."""
    size: dict[sympy.Basic, int] = {}
    deriv: dict[sympy.Basic, int] = {}
    order: list[sympy.Basic] = []
    stack = [e]
    while stack:  # post-order without recursion
        node = stack.pop()
        if node in size:
            continue
        order.append(node)
        stack.extend(node.args)
    for node in reversed(order):
        if node in size:
            continue
        args = node.args
        size[node] = 1 + sum(size[a] for a in args)
        if not args:
            deriv[node] = 1
        elif node.is_Add:
            deriv[node] = 1 + sum(deriv[a] for a in args)
        elif node.is_Mul:
            deriv[node] = 1 + sum(size[node] - size[a] + deriv[a] for a in args)
        else:  # powers and functions: f'(u) * u', with f'(u) about twice f(u)'s size
            deriv[node] = 2 * size[node] + sum(size[a] + deriv[a] for a in args) + 2
    return deriv[e]


def _check_derivative_size(what: str, exprs: Sequence[sympy.Expr], n_variables: int) -> None:
    """Refuse to differentiate ``exprs`` once per variable if the result may be too large."""
    estimate = n_variables * sum(derivative_size(e) for e in exprs)
    if estimate > MAX_DERIVATIVE_NODES:
        raise ValueError(
            f"the {what} of f would have about {estimate:.2g} expression nodes, over the limit "
            f"{MAX_DERIVATIVE_NODES:,} (gdcore.landscape.MAX_DERIVATIVE_NODES; at about 30 µs a "
            "node, raise it deliberately); simplify the formula"
        )


ProgramKind = Literal["value", "gradient", "value_gradient", "hessian"]


@dataclass(frozen=True, eq=False)
class Landscape:
    """A function of ``d`` variables given by a sympy expression, and its default view domain.

    Parameters
    ----------
    expr : sympy.Expr
        The function. Its free symbols must be among ``variables``.
    variables : tuple of sympy.Symbol, length d
        The coordinates, in order: point ``p`` means ``variables[i] = p[..., i]``.
    domain : tuple of (low, high), length d
        The region the book shows. Descent may leave it (that is reported, not prevented).
    name : str
        A short identifier, e.g. ``"peaks"``.
    description : str
        One English sentence for listings.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> bowl = Landscape(x**2, (x,), ((-1.0, 1.0),), name="bowl")
    >>> float(bowl.gradient([0.5])[0])
    1.0
    """

    expr: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    domain: Domain
    name: str = "custom"
    description: str = ""
    _cache: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.expr, sympy.Expr):
            raise TypeError(f"expr must be a sympy expression, got {self.expr!r}")
        variables = tuple(self.variables)
        if not variables or not all(isinstance(v, sympy.Symbol) for v in variables):
            raise TypeError(
                f"variables must be a non-empty tuple of sympy symbols, got {variables!r}"
            )
        if len(set(variables)) != len(variables):
            raise ValueError(f"variables must be distinct, got {variables!r}")
        extra = self.expr.free_symbols - set(variables)
        if extra:
            names = ", ".join(sorted(str(s) for s in extra))
            raise ValueError(f"expr uses symbols that are not variables: {names}")
        domain = tuple((float(lo), float(hi)) for lo, hi in self.domain)
        if len(domain) != len(variables):
            raise ValueError(
                f"domain must have one (low, high) pair per variable ({len(variables)}), "
                f"got {len(domain)}"
            )
        for lo, hi in domain:
            if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
                raise ValueError(f"domain intervals must be finite with low < high, got {domain!r}")
        object.__setattr__(self, "variables", variables)
        object.__setattr__(self, "domain", domain)

    # --- symbolic --------------------------------------------------------------------------
    @property
    def dim(self) -> int:
        """Number of variables ``d``."""
        return len(self.variables)

    @property
    def quadratic(self) -> bool:
        """Whether ``f`` is a polynomial of total degree at most 2: its Hessian is the same
        everywhere, so a run that diverges near a minimum keeps diverging (no surface that
        curves less farther out)."""
        poly = self.expr.as_poly(*self.variables)
        return poly is not None and poly.total_degree() <= 2

    @cached_property
    def partials(self) -> tuple[sympy.Expr, ...]:
        """The partial derivatives ``∂f/∂v`` for each variable ``v``, in order.

        Raises ValueError, before differentiating, if they may exceed :data:`MAX_DERIVATIVE_NODES`.
        """
        _check_derivative_size("gradient", [self.expr], len(self.variables))
        return tuple(sympy.diff(self.expr, v) for v in self.variables)

    @cached_property
    def hessian_exprs(self) -> tuple[tuple[sympy.Expr, ...], ...]:
        """The matrix of second partial derivatives, ``d × d`` nested tuples.

        Raises ValueError, before differentiating, if they may exceed :data:`MAX_DERIVATIVE_NODES`.
        """
        _check_derivative_size("Hessian", self.partials, len(self.variables))
        return tuple(tuple(sympy.diff(p, v) for v in self.variables) for p in self.partials)

    @property
    def latex(self) -> str:
        """LaTeX of ``f`` (without ``f =``)."""
        return sympy.latex(self.expr)

    @property
    def partial_latex(self) -> tuple[str, ...]:
        """LaTeX of each partial derivative, in variable order."""
        return tuple(sympy.latex(p) for p in self.partials)

    # --- numeric ---------------------------------------------------------------------------
    def program(self, kind: ProgramKind) -> Program:
        """The compiled :class:`~gdcore.program.Program` for ``kind``.

        ``"value"`` computes ``f``; ``"gradient"`` the ``d`` partials; ``"value_gradient"`` both
        (sharing subexpressions); ``"hessian"`` the ``d × d`` second derivatives, row by row.
        """
        key = ("program", kind)
        if key not in self._cache:
            exprs = {
                "value": lambda: [self.expr],
                "gradient": lambda: list(self.partials),
                "value_gradient": lambda: [self.expr, *self.partials],
                "hessian": lambda: [h for row in self.hessian_exprs for h in row],
            }
            if kind not in exprs:
                raise ValueError(f"unknown program kind {kind!r}; known: {', '.join(exprs)}")
            what = {"value": "f", "hessian": "the Hessian of f"}.get(kind, "the gradient of f")
            wanted = exprs[kind]()  # may refuse to differentiate (too large): its own message
            try:
                self._cache[key] = compile_program(self.variables, wanted)
            except ValueError as error:
                raise ValueError(f"{what} cannot be computed in float64: {error}") from None
        return self._cache[key]

    def vector_function(self, kind: ProgramKind) -> tuple[Callable[..., list[Array]], int]:
        """``program(kind).vector_function()``, compiled once."""
        key = ("vector", kind)
        if key not in self._cache:
            self._cache[key] = self.program(kind).vector_function()
        return self._cache[key]

    def _evaluate(self, kind: ProgramKind, points: ArrayLike) -> tuple[list[Array], tuple]:
        p = np.asarray(points, dtype=np.float64)
        if p.ndim == 0 or p.shape[-1] != self.dim:
            raise ValueError(
                f"points must have shape (..., {self.dim}) for the {self.dim}D landscape "
                f"{self.name!r}, got shape {p.shape}"
            )
        shape = p.shape[:-1]
        cols = [np.ascontiguousarray(p[..., i]).reshape(-1) for i in range(self.dim)]
        fn, n_buffers = self.vector_function(kind)
        buffers = [np.empty(cols[0].size) for _ in range(n_buffers)]
        with np.errstate(all="ignore"):
            out = fn(*cols, buffers)
        return [o.reshape(shape) for o in out], shape

    def value(self, points: ArrayLike) -> Array:
        """``f`` at ``points`` of shape ``(..., d)``; returns shape ``(...)``."""
        (v,), _ = self._evaluate("value", points)
        return v

    def gradient(self, points: ArrayLike) -> Array:
        """``∇f`` at ``points`` of shape ``(..., d)``; returns shape ``(..., d)``."""
        parts, _ = self._evaluate("gradient", points)
        return np.stack(parts, axis=-1)

    def hessian(self, points: ArrayLike) -> Array:
        """Second derivatives at ``points`` of shape ``(..., d)``; returns shape ``(..., d, d)``."""
        parts, shape = self._evaluate("hessian", points)
        return np.stack(parts, axis=-1).reshape(*shape, self.dim, self.dim)

    def contains(self, points: ArrayLike) -> Array:
        """Whether each point ``(..., d)`` lies in :attr:`domain`; returns bool ``(...)``."""
        p = np.asarray(points, dtype=np.float64)
        lows, highs = np.array(self.domain).T
        return np.all((p >= lows) & (p <= highs), axis=-1)


# --- the book's landscapes ---------------------------------------------------------------------
def peaks_expr(x: sympy.Symbol = X, y: sympy.Symbol = Y) -> sympy.Expr:
    """MATLAB's ``peaks``, as the lesson writes it (the last coefficient is 1/3)."""
    return (
        3 * (1 - x) ** 2 * sympy.exp(-(x**2) - (y + 1) ** 2)
        - 10 * (x / 5 - x**3 - y**5) * sympy.exp(-(x**2) - y**2)
        - sympy.Rational(1, 3) * sympy.exp(-((x + 1) ** 2) - y**2)
    )


def separable_sum(g: Landscape, h: Landscape, *, name: str | None = None) -> Landscape:
    """The 2D landscape ``f(x, y) = g(x) + h(y)`` built from two 1D landscapes.

    Its gradient is ``(g′(x), h′(y))``: each coordinate descends on its own, which is why a 2D run
    on it equals two independent 1D runs.
    """
    for arg, land in (("g", g), ("h", h)):
        if not isinstance(land, Landscape) or land.dim != 1:
            raise ValueError(f"{arg} must be a 1D Landscape, got {land!r}")
    expr = g.expr.subs(g.variables[0], X) + h.expr.subs(h.variables[0], Y)
    return Landscape(
        expr,
        (X, Y),
        (g.domain[0], h.domain[0]),
        name=name or f"{g.name}+{h.name}",
        description=f"g(x) + h(y), g = {g.name}, h = {h.name}: the coordinates do not couple.",
    )


def _peaks() -> Landscape:
    return Landscape(
        peaks_expr(),
        (X, Y),
        ((-3.0, 3.0), (-3.0, 3.0)),
        name="peaks",
        description="The lesson's 2D landscape: three minima, three maxima, three saddles.",
    )


def _parabola() -> Landscape:
    return Landscape(
        3 * X**2 - 3 * X + 4,
        (X,),
        ((-2.0, 2.0),),
        name="parabola",
        description="The 1D recap: 3x² − 3x + 4, one minimum at x = 0.5.",
    )


def _rippled_bowl() -> Landscape:
    return Landscape(
        sympy.cos(2 * sympy.pi * X) + X**2,
        (X,),
        ((-2.0, 2.0),),
        name="rippled_bowl",
        description="cos(2πx) + x²: several minima, and a maximum at x = 0 where descent stalls.",
    )


def _elongated_bowl() -> Landscape:
    return Landscape(
        X**2 + 10 * Y**2,
        (X, Y),
        ((-3.0, 3.0), (-3.0, 3.0)),
        name="elongated_bowl",
        description="x² + 10y²: one minimum, curved ten times more sharply along y than along x.",
    )


def _separable() -> Landscape:
    return separable_sum(get_landscape("parabola"), get_landscape("rippled_bowl"), name="separable")


_BUILTINS: dict[str, Callable[[], Landscape]] = {
    "peaks": _peaks,
    "parabola": _parabola,
    "rippled_bowl": _rippled_bowl,
    "separable": _separable,
    "elongated_bowl": _elongated_bowl,
}


def landscape_names() -> tuple[str, ...]:
    """Names of the built-in landscapes, in the book's order."""
    return tuple(_BUILTINS)


@cache
def get_landscape(name: str) -> Landscape:
    """Return the built-in landscape called ``name`` (see :func:`landscape_names`).

    Raises
    ------
    ValueError
        If no landscape has that name; the message lists the known ones.
    """
    if name not in _BUILTINS:
        known = ", ".join(_BUILTINS)
        raise ValueError(f"unknown landscape {name!r}; known landscapes: {known}")
    return _BUILTINS[name]()


def make_landscape(
    expr: sympy.Expr,
    variables: Sequence[sympy.Symbol] = (X, Y),
    domain: Domain | None = None,
    *,
    name: str = "custom",
) -> Landscape:
    """Build a landscape from an expression, with the domain ``[-3, 3]`` per variable by default."""
    domain = domain if domain is not None else tuple((-3.0, 3.0) for _ in variables)
    return Landscape(expr, tuple(variables), domain, name=name)
