"""Safe parsing of a formula typed by a user, such as ``"3*(1-x)**2*exp(-x**2-(y+1)**2)"``.

``sympy.sympify`` and ``sympy.parse_expr`` run ``eval`` on the (transformed) text, so a formula
like ``__import__('os').system('...')`` would execute. This module never compiles or runs the
text: :func:`ast.parse` only builds a syntax tree, the tree is checked against a whitelist (numbers,
the variables, ``pi``, ``e``, ``+ - * / **`` and the functions in :data:`ALLOWED_FUNCTIONS`), and
the sympy expression is built node by node.

Building still uses sympy's normal evaluation, which computes numbers exactly and eagerly:
``9**9**9`` would be expanded to a 370-million-digit integer, ``exp(log(9)*9**9)`` too, and roots
of huge integers trigger slow factoring. So the text is bounded in length and nesting, integer
literals in digits, and before every sympy operation the size of the numbers it may produce and
the degree of the result in the variables are estimated (upper bounds, computed without
evaluating anything); operations over a limit are refused. These limits bound the work on numbers,
not every symbolic simplification sympy attempts: a caller that needs a hard time bound should
still run the parse (and what follows it) under a timeout.
"""

from __future__ import annotations

import ast
import keyword
import math
import operator
import unicodedata
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NoReturn

import sympy

__all__ = ["ALLOWED_FUNCTIONS", "ExpressionError", "parse_expression"]

MAX_LENGTH = 1000
MAX_DEPTH = 100
MAX_INT_DIGITS = 30
# Exact integer arithmetic on numbers of this many bits is still instantaneous.
MAX_BITS = 10_000
# Roots of big rationals make sympy search for perfect powers and small factors (~0.03 s at 1000
# bits, seconds at 10000), and functions may rewrite into roots, e.g. cos(asin(a)) into
# sqrt(1 - a**2). So this lower limit applies wherever a root or a function may appear.
ROOT_BITS = 1_000
# Variables carry no assumptions, so sympy's checks of whether e.g. cosh(x**n) is real expand
# (re(x) + I*im(x))**n: seconds at n = 100, minutes at n = 1000.
MAX_DEGREE = 100
_SNIPPET_LENGTH = 40
_LOG2_E = math.log2(math.e)


class ExpressionError(ValueError):
    """A formula was refused; the one-line message says what was refused and why."""


ALLOWED_FUNCTIONS: dict[str, Callable[..., sympy.Expr]] = {
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "atan": sympy.atan,
    "abs": sympy.Abs,
}
"""The functions a formula may call, by name, each with exactly one positional argument."""

_CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "e": sympy.E}

_BINARY: dict[type[ast.operator], tuple[Callable[..., sympy.Expr], Callable[..., sympy.Expr]]] = {
    # (sympy's evaluated operation, the same operation left unevaluated for the size estimate)
    ast.Add: (operator.add, lambda a, b: sympy.Add(a, b, evaluate=False)),
    ast.Sub: (operator.sub, lambda a, b: sympy.Add(a, _negated(b), evaluate=False)),
    ast.Mult: (operator.mul, lambda a, b: sympy.Mul(a, b, evaluate=False)),
    ast.Div: (operator.truediv, lambda a, b: sympy.Mul(a, _inverted(b), evaluate=False)),
    ast.Pow: (operator.pow, lambda a, b: sympy.Pow(a, b, evaluate=False)),
}

_REFUSED_OPERATORS: dict[type[ast.AST], str] = {
    ast.FloorDiv: "'//' (floor division)",
    ast.Mod: "'%' (remainder)",
    ast.MatMult: "'@' (matrix product)",
    ast.LShift: "'<<' (bit shift)",
    ast.RShift: "'>>' (bit shift)",
    ast.BitOr: "'|' (bitwise or)",
    ast.BitAnd: "'&' (bitwise and)",
    ast.Not: "'not'",
    ast.Invert: "'~' (bitwise not)",
}

_COMPARISONS: dict[type[ast.cmpop], str] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}

_DESCRIPTIONS: dict[type[ast.AST], str] = {
    ast.Lambda: "lambda",
    ast.IfExp: "conditional expression",
    ast.ListComp: "list comprehension",
    ast.SetComp: "set comprehension",
    ast.DictComp: "dict comprehension",
    ast.GeneratorExp: "generator expression",
    ast.List: "list",
    ast.Tuple: "tuple",
    ast.Set: "set",
    ast.Dict: "dict",
    ast.JoinedStr: "f-string",
    ast.FormattedValue: "f-string field",
    ast.NamedExpr: "assignment expression",
    ast.Starred: "starred expression",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield from",
    ast.Slice: "slice",
}


@dataclass(frozen=True)
class _Context:
    """What the tree walk needs: the parsed text (for quoting) and the allowed names."""

    source: str
    names: Mapping[str, sympy.Expr]


def parse_expression(text: str, variables: Sequence[str] = ("x", "y")) -> sympy.Expr:
    """Parse a formula into a sympy expression without executing anything.

    Parameters
    ----------
    text : str
        The formula, in Python syntax: int and float literals, the ``variables``, ``pi``, ``e``,
        ``+ - * / **``, unary ``+``/``-``, parentheses and calls such as ``exp(...)`` of the
        functions in :data:`ALLOWED_FUNCTIONS`. At most 1000 characters.
    variables : sequence of str, default ``("x", "y")``
        The allowed variable names; each becomes ``sympy.Symbol(name)`` (no assumptions).

    Returns
    -------
    sympy.Expr
        The formula, built with sympy's normal evaluation (``1/3`` is ``Rational(1, 3)``); its
        free symbols are among ``variables``.

    Raises
    ------
    ExpressionError
        If the formula is empty, a syntax error or uses anything not allowed, or is over a
        resource limit: more than :data:`MAX_LENGTH` characters, nested more than
        :data:`MAX_DEPTH` levels, an integer literal of more than :data:`MAX_INT_DIGITS` digits,
        a non-finite float, an operation whose numbers may exceed :data:`MAX_BITS` bits
        (:data:`ROOT_BITS` where roots or functions are involved; for ``b**p`` of two numbers
        that is ``|p| * log2|b|``), or a total degree in the variables over :data:`MAX_DEGREE`.
        The one-line message names what was refused and why.
    TypeError
        If ``text`` is not a str, or ``variables`` is not a sequence of str.
    ValueError
        If a variable name is not an identifier, is repeated, or shadows ``pi``, ``e`` or a
        function name.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    names = _names(variables)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"refused: formula longer than {MAX_LENGTH} characters ({len(text)} characters)"
        )
    source = text.strip()
    if not source:
        raise ExpressionError("refused: empty formula")
    tree = _parse(text, source)
    if _depth(tree) > MAX_DEPTH:
        raise ExpressionError(f"refused: formula nested more than {MAX_DEPTH} levels deep")
    return _build(tree.body, _Context(source, names))


def _names(variables: Sequence[str]) -> dict[str, sympy.Expr]:
    """Map each allowed name to its sympy value, after checking ``variables``."""
    if isinstance(variables, str | bytes) or not isinstance(variables, Sequence):
        raise TypeError(f"variables must be a sequence of names, got {variables!r}")
    names: dict[str, sympy.Expr] = {}
    for name in variables:
        if not isinstance(name, str):
            raise TypeError(f"variables must be a sequence of str, got {name!r}")
        # The parser NFKC-normalises identifiers, so only normalised names can ever match.
        if (
            not name.isidentifier()
            or keyword.iskeyword(name)
            or unicodedata.normalize("NFKC", name) != name
        ):
            raise ValueError(f"variable name {name!r} is not a plain identifier")
        if name in _CONSTANTS or name in ALLOWED_FUNCTIONS:
            raise ValueError(f"variable name {name!r} would shadow the constant or function")
        if name in names:
            raise ValueError(f"variable name {name!r} is repeated")
        names[name] = sympy.Symbol(name)
    return names | _CONSTANTS


def _parse(text: str, source: str) -> ast.Expression:
    """Parse ``source`` (``text`` stripped) as one expression; errors point into ``text``."""
    try:
        # Some literals (e.g. invalid escapes in strings) make the parser warn; they are refused.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source, mode="eval")
    except SyntaxError as error:
        raise ExpressionError(_syntax_message(error, text, source)) from None
    except (RecursionError, MemoryError):
        raise ExpressionError("refused: formula too deeply nested to parse") from None
    except ValueError as error:  # null bytes, on some Python versions
        raise ExpressionError(f"syntax error: {error}") from None


def _syntax_message(error: SyntaxError, text: str, source: str) -> str:
    """One line: where in ``text`` the syntax error is, and Python's reason."""
    reason = error.msg or "invalid syntax"
    if error.lineno is None or error.offset is None:
        return f"syntax error: {reason}"
    lines = source.splitlines(keepends=True) or [""]
    row = min(error.lineno, len(lines)) - 1
    # Python reports an unexpected end of the text at offset 0: point just past the line instead.
    offset = error.offset if error.offset >= 1 else len(lines[row].rstrip("\r\n")) + 1
    leading = len(text) - len(text.lstrip())
    index = leading + sum(len(line) for line in lines[:row]) + offset - 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    if "\n" not in text:
        return f"syntax error at column {column}: {reason}"
    line = text.count("\n", 0, index) + 1
    return f"syntax error at line {line}, column {column}: {reason}"


_CHAINS = ((ast.Add, ast.Sub), (ast.Mult, ast.Div))


def _continues_chain(parent: ast.AST, child: ast.AST) -> bool:
    """Whether ``child`` is the left operand of ``parent`` in one chain such as ``a + b - c`` or
    ``a * b / c`` (Python nests these to the left; a chain is one level, however long)."""
    if not (isinstance(parent, ast.BinOp) and isinstance(child, ast.BinOp)):
        return False
    if parent.left is not child:
        return False
    return any(isinstance(parent.op, c) and isinstance(child.op, c) for c in _CHAINS)


def _depth(tree: ast.AST) -> int:
    """Nesting depth of the expression nodes of ``tree``, without recursion; a chain of ``+ -``
    or of ``* /`` counts as one level."""
    deepest = 0
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, ast.expr):
            depth += 1
            deepest = max(deepest, depth)
        stack.extend(
            (child, depth - 1 if _continues_chain(node, child) else depth)
            for child in ast.iter_child_nodes(node)
        )
    return deepest


def _build(node: ast.AST, context: _Context) -> sympy.Expr:
    """The sympy expression for a whitelisted node; :class:`ExpressionError` for anything else."""
    if isinstance(node, ast.Constant):
        return _constant(node, context)
    if isinstance(node, ast.Name):
        return _name(node, context)
    if isinstance(node, ast.BinOp):
        return _binary(node, context)
    if isinstance(node, ast.UnaryOp):
        return _unary(node, context)
    if isinstance(node, ast.Call):
        return _call(node, context)
    raise ExpressionError(_refusal(node, context))


def _refusal(node: ast.AST, context: _Context) -> str:
    """The message for a node of a kind that is never allowed."""
    if isinstance(node, ast.Attribute):
        return f"refused: attribute access '.{node.attr}' is not allowed"
    if isinstance(node, ast.Subscript):
        return f"refused: subscript {_quote(node, context)} is not allowed"
    if isinstance(node, ast.Compare):
        symbol = _COMPARISONS.get(type(node.ops[0]), type(node.ops[0]).__name__)
        return f"refused: comparison '{symbol}' is not allowed"
    if isinstance(node, ast.BoolOp):
        word = "and" if isinstance(node.op, ast.And) else "or"
        return f"refused: boolean operator '{word}' is not allowed"
    description = _DESCRIPTIONS.get(type(node), type(node).__name__)
    return f"refused: {description} {_quote(node, context)} is not allowed"


def _quote(node: ast.AST, context: _Context) -> str:
    """The source text of ``node``, quoted, on one line, shortened if long."""
    segment = ast.get_source_segment(context.source, node) or type(node).__name__
    segment = segment.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    if len(segment) > _SNIPPET_LENGTH:
        segment = segment[: _SNIPPET_LENGTH - 3] + "..."
    return repr(segment)


def _constant(node: ast.Constant, context: _Context) -> sympy.Expr:
    """An int or a finite float literal; other literals are refused."""
    value = node.value
    if isinstance(value, bool):
        return _refuse(f"boolean literal {value}")
    if isinstance(value, int):
        digits = len(str(abs(value)))
        if digits > MAX_INT_DIGITS:
            return _refuse(
                f"integer literal {_quote(node, context)} has {digits} digits"
                f" (at most {MAX_INT_DIGITS})"
            )
        return sympy.Integer(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return _refuse(f"number {_quote(node, context)} is too large to be a float")
        return sympy.Float(value)
    kinds = {complex: "complex literal", str: "string literal", bytes: "bytes literal"}
    kind = kinds.get(type(value), "literal")
    return _refuse(f"{kind} {_quote(node, context)}")


def _refuse(what: str) -> NoReturn:
    """Raise the :class:`ExpressionError` for ``what``."""
    raise ExpressionError(f"refused: {what}")


def _name(node: ast.Name, context: _Context) -> sympy.Expr:
    """A variable or a constant; function names must be called."""
    if node.id in context.names:
        return context.names[node.id]
    if node.id in ALLOWED_FUNCTIONS:
        return _refuse(f"function '{node.id}' must be called, as in {node.id}(x)")
    return _refuse(f"name '{node.id}' ({_allowed(context)})")


def _allowed(context: _Context) -> str:
    """The allowed names, for messages."""
    names = ", ".join(context.names)
    return f"allowed names: {names} and functions {', '.join(sorted(ALLOWED_FUNCTIONS))}"


def _binary(node: ast.BinOp, context: _Context) -> sympy.Expr:
    """``+ - * / **`` of two whitelisted operands, refused if the result may be too large."""
    if isinstance(node.op, ast.BitXor):
        return _refuse("'^' — use ** for powers")
    if type(node.op) not in _BINARY:
        description = _REFUSED_OPERATORS.get(type(node.op), type(node.op).__name__)
        return _refuse(f"operator {description} is not allowed")
    chain = [node]  # a chain a + b - c ... is walked along its left spine, not recursively
    while _continues_chain(chain[-1], chain[-1].left):
        chain.append(chain[-1].left)
    left = _build(chain[-1].left, context)
    for link in reversed(chain):
        evaluated, unevaluated = _BINARY[type(link.op)]
        right = _build(link.right, context)
        _check_cost(unevaluated(left, right), link, context)
        left = evaluated(left, right)
    return left


def _unary(node: ast.UnaryOp, context: _Context) -> sympy.Expr:
    """Unary ``+`` and ``-``; the size is unchanged, so there is nothing to check."""
    if isinstance(node.op, ast.UAdd):
        return _build(node.operand, context)
    if isinstance(node.op, ast.USub):
        return -_build(node.operand, context)
    return _refuse(f"operator {_REFUSED_OPERATORS[type(node.op)]} is not allowed")


def _call(node: ast.Call, context: _Context) -> sympy.Expr:
    """A call of an allowed function, by bare name, with exactly one positional argument."""
    if not isinstance(node.func, ast.Name):
        # Refuses attribute access, subscripts, lambdas... with their own message first.
        _build(node.func, context)
        return _refuse(
            f"call of {_quote(node.func, context)}: only the allowed functions can be called"
            " (use * to multiply)"
        )
    name = node.func.id
    if name not in ALLOWED_FUNCTIONS:
        return _refuse(f"call of '{name}' ({_allowed(context)})")
    if node.keywords:
        return _refuse(f"keyword arguments in call to '{name}'")
    if any(isinstance(argument, ast.Starred) for argument in node.args):
        return _refuse(f"starred argument in call to '{name}'")
    if len(node.args) != 1:
        return _refuse(f"'{name}' takes exactly 1 argument, got {len(node.args)}")
    function = ALLOWED_FUNCTIONS[name]
    argument = _build(node.args[0], context)
    _check_cost(function(argument, evaluate=False), node, context)
    return function(argument)


def _negated(value: sympy.Expr) -> sympy.Expr:
    """``-value``, unevaluated."""
    return sympy.Mul(sympy.S.NegativeOne, value, evaluate=False)


def _inverted(value: sympy.Expr) -> sympy.Expr:
    """``1/value``, unevaluated."""
    return sympy.Pow(value, sympy.S.NegativeOne, evaluate=False)


def _check_cost(candidate: sympy.Expr, node: ast.AST, context: _Context) -> None:
    """Refuse ``node`` if evaluating ``candidate`` (its unevaluated form) may be too costly."""
    bits = max(_bits(candidate), _exp_cost(candidate))
    limit = ROOT_BITS if _may_take_roots(candidate) else MAX_BITS
    if bits > limit:
        _refuse(
            f"{_quote(node, context)} would need numbers of {_about(bits)} bits (limit {limit})"
        )
    degree = _degree(candidate)
    if degree > MAX_DEGREE:
        _refuse(
            f"{_quote(node, context)} has a total degree of {_about(degree)} in the variables"
            f" (limit {MAX_DEGREE})"
        )


def _about(bits: float) -> str:
    """A rough number of bits, for messages."""
    if math.isinf(bits):
        return "unboundedly many"
    return f"about {bits:.3g}" if bits >= 1e6 else f"about {bits:.0f}"


# The estimates below are upper bounds, never computed by evaluating anything. ``_bits`` bounds
# both the bit size of the rationals sympy may compute from an expression when it is combined
# further (powers of a product are distributed, powers of powers merged) and, for a number,
# |log2 |value||; ``_magnitude(p) = 2**_bits(p)`` then bounds |p| for an exponent p.


@lru_cache(maxsize=4096)
def _bits(expr: sympy.Basic) -> float:
    """Upper bound on the bits of the numbers in ``expr`` and, for a number, on |log2 |expr||."""
    if expr.is_Rational:
        return max(_log2(expr.p), _log2(expr.q))
    if expr.is_Float:
        return _float_bits(expr)
    if isinstance(expr, sympy.NumberSymbol):
        return abs(math.log2(float(expr)))
    if expr.is_Atom:
        return 0.0
    if expr.is_Pow:
        base, exponent = expr.args
        if exponent.is_number:
            return _scaled(_bits(base), _magnitude(exponent))
        return _bits(base) + _bits(exponent)
    inner = sum(_bits(arg) for arg in expr.args)
    if expr.is_Add:
        return inner + 1
    if expr.is_Mul:
        return inner
    if isinstance(expr, sympy.exp | sympy.sinh | sympy.cosh) and expr.args[0].is_number:
        return max(_scaled(_LOG2_E, _magnitude(expr.args[0])), inner + 2)
    if isinstance(expr, sympy.log):
        return inner + 2
    # Functions evaluate to algebraic forms of their argument, e.g. cos(asin(a)) = sqrt(1 - a**2).
    return 2 * inner + 2


@lru_cache(maxsize=4096)
def _exp_cost(expr: sympy.Basic) -> float:
    """Upper bound on the bits of the powers ``b**c`` sympy computes for ``exp(c*log(b))``."""
    if expr.is_Atom:
        return 0.0
    power = _exp_argument(expr)
    if power is not None:
        return _log_content(power) + _exp_cost(power)
    if expr.is_Pow:
        # exp(u)**p is evaluated as exp(u*p).
        base, exponent = expr.args
        if exponent.is_number:
            return _scaled(_exp_cost(base), _magnitude(exponent))
        return _exp_cost(base) + _exp_cost(exponent)
    # exp(u)*exp(v) is evaluated as exp(u + v).
    return sum(_exp_cost(arg) for arg in expr.args)


@lru_cache(maxsize=4096)
def _log_content(expr: sympy.Basic) -> float:
    """Upper bound on the bits of ``b**c`` when sympy's logcombine turns ``c*log(b)`` into it."""
    if expr.is_Atom:
        return 0.0
    if isinstance(expr, sympy.log):
        return _bits(expr.args[0]) + _log_content(expr.args[0])
    if expr.is_Pow:
        base, exponent = expr.args
        if exponent.is_number:
            return _scaled(_log_content(base), _magnitude(exponent))
        return _log_content(base) + _log_content(exponent)
    inner = sum(_log_content(arg) for arg in expr.args)
    if expr.is_Mul and inner:
        coefficients = [a for a in expr.args if a.is_number and not a.has(sympy.log)]
        return _scaled(inner, math.prod(max(1.0, _magnitude(c)) for c in coefficients))
    return inner


@lru_cache(maxsize=4096)
def _may_take_roots(expr: sympy.Basic) -> bool:
    """Whether evaluating ``expr`` may take a root (non-integer power) or apply a function."""
    if isinstance(expr, sympy.Function):
        return True
    if expr.is_Pow and not expr.args[1].is_Integer:
        return True
    return any(_may_take_roots(arg) for arg in expr.args)


@lru_cache(maxsize=4096)
def _degree(expr: sympy.Basic) -> float:
    """Upper bound on the total degree of ``expr`` in its symbols, looking through functions."""
    if expr.is_Symbol:
        return 1.0
    if expr.is_Atom:
        return 0.0
    if expr.is_Pow:
        base, exponent = expr.args
        if exponent.is_number:
            return _scaled(_degree(base), _magnitude(exponent))
        return _degree(base) + _degree(exponent)
    degrees = [_degree(arg) for arg in expr.args]
    return max(degrees) if expr.is_Add else sum(degrees)


def _exp_argument(expr: sympy.Basic) -> sympy.Basic | None:
    """``u`` if ``expr`` is ``exp(u)`` or ``E**u``, else None."""
    if isinstance(expr, sympy.exp):
        return expr.args[0]
    if expr.is_Pow and expr.args[0] is sympy.E:
        return expr.args[1]
    return None


def _magnitude(number: sympy.Basic) -> float:
    """Upper bound on ``|number|`` (``inf`` if too large for a float)."""
    if number.is_Rational:
        try:
            return abs(number.p) / number.q
        except OverflowError:
            return math.inf
    if number.is_Float:
        return abs(float(number))
    try:
        return 2.0 ** _bits(number)
    except OverflowError:
        return math.inf


def _scaled(bits: float, factor: float) -> float:
    """``bits * max(1, factor)``, with 0 staying 0 even for an infinite factor."""
    return bits * max(1.0, factor) if bits else 0.0


def _log2(integer: int) -> float:
    """``log2 |integer|``, 0 for 0."""
    return math.log2(abs(integer)) if integer else 0.0


def _float_bits(number: sympy.Float) -> float:
    """``|log2 |number||`` of a sympy Float, exact for any exponent; 0 for 0 and non-finite."""
    _sign, mantissa, exponent, _bitcount = number._mpf_
    return abs(exponent + math.log2(mantissa)) if mantissa else 0.0
