"""Compile sympy expressions into a straight-line program of elementary operations, then emit it.

``lambdify`` writes one numpy expression per output, and every operator allocates a fresh array.
Here the expressions (after sympy's common-subexpression elimination) are lowered once into a list
of elementary operations in SSA form (:class:`Program`), and that list is emitted twice:

* :meth:`Program.vector_function` calls numpy ufuncs writing into a small pool of reused buffers
  (registers assigned by liveness), so a gradient step allocates nothing;
* :meth:`Program.scalar_lines` writes the same operations as plain Python float arithmetic
  (``math`` functions), the fast path for one point.

Both emitters perform the same IEEE operations in the same order, so one start computed alone and
the same start inside a batch give the same numbers (up to the last bit of a transcendental
function where numpy has its own SIMD version). Integer powers become multiplications by repeated
squaring (numpy's float ``**`` is slow), ``x**(1/2)`` becomes ``sqrt``.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import sympy

#: sympy function class name → (numpy ufunc name, ``math`` function name).
FUNCTIONS: dict[str, tuple[str, str]] = {
    "exp": ("exp", "exp"),
    "log": ("log", "log"),
    "sin": ("sin", "sin"),
    "cos": ("cos", "cos"),
    "tan": ("tan", "tan"),
    "sinh": ("sinh", "sinh"),
    "cosh": ("cosh", "cosh"),
    "tanh": ("tanh", "tanh"),
    "asin": ("arcsin", "asin"),
    "acos": ("arccos", "acos"),
    "atan": ("arctan", "atan"),
    "Abs": ("absolute", "fabs"),
    "sqrt": ("sqrt", "sqrt"),
    "sign": ("sign", "_sign"),
}
_UFUNCS = (
    "add",
    "subtract",
    "multiply",
    "divide",
    "negative",
    "power",
    *(np_name for np_name, _ in FUNCTIONS.values()),
)
#: numpy ufunc name → JavaScript ``Math`` function.
_JS_FUNCTIONS = {
    "exp": "exp",
    "log": "log",
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "sinh": "sinh",
    "cosh": "cosh",
    "tanh": "tanh",
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
    "absolute": "abs",
    "sqrt": "sqrt",
    "sign": "sign",
}
_BINARY = {"add": "+", "subtract": "-", "multiply": "*", "divide": "/"}
#: Errors the scalar emitter's ``math`` functions raise where numpy returns inf or nan.
MATH_ERRORS = (OverflowError, ValueError, ZeroDivisionError)

Operand = int | float  # an int is a value id, a float a constant


@dataclass(frozen=True)
class _Dialect:
    """How straight-line source is written in one language."""

    temp: str  # the name of a temporary, from its value id
    assign: str  # one statement, from a name and an expression
    functions: dict[str, str]  # numpy ufunc name → the function to call
    infinity: str  # the name of +∞ (``repr(inf)`` is not valid source in either language)
    not_a_number: str

    def literal(self, value: float) -> str:
        """``value`` as source: ``repr`` for a finite float, a name for ∞ and NaN."""
        if math.isnan(value):
            return self.not_a_number
        if math.isinf(value):
            return self.infinity if value > 0 else f"(-{self.infinity})"
        return repr(value)


_PYTHON = _Dialect(
    temp="_t{}",
    assign="{} = {}",
    functions={
        "power": "_m.pow",
        "sign": "_sign",
        **{np_name: f"_m.{m}" for np_name, m in FUNCTIONS.values() if np_name != "sign"},
    },
    infinity="_m.inf",
    not_a_number="_m.nan",
)
_JAVASCRIPT = _Dialect(
    temp="t{}",
    assign="const {} = {};",
    functions={"power": "Math.pow", **{k: f"Math.{v}" for k, v in _JS_FUNCTIONS.items()}},
    infinity="Infinity",
    not_a_number="NaN",
)


@dataclass(frozen=True)
class Op:
    """One elementary operation: ``values[dest] = func(*args)``."""

    dest: int
    func: str  # a numpy ufunc name: add, subtract, multiply, divide, negative, power, exp, ...
    args: tuple[Operand, ...]


@dataclass(frozen=True)
class Program:
    """A straight-line program computing ``len(outputs)`` values from ``n_inputs`` inputs.

    Value ids ``0 .. n_inputs-1`` are the inputs; every :class:`Op` defines one new id. An output
    is a value id or a constant (a float).
    """

    n_inputs: int
    ops: tuple[Op, ...]
    outputs: tuple[Operand, ...]

    def select(self, outputs: Sequence[int]) -> Program:
        """The same program computing only the outputs at positions ``outputs``.

        Operations no selected output needs are dropped; the others stay in order, so each
        selected output is computed by exactly the same operations (the same bits).
        """
        chosen = tuple(self.outputs[i] for i in outputs)
        needed = {o for o in chosen if isinstance(o, int)}
        kept = []
        for op in reversed(self.ops):
            if op.dest in needed:
                kept.append(op)
                needed.update(a for a in op.args if isinstance(a, int))
        return Program(self.n_inputs, tuple(reversed(kept)), chosen)

    # --- straight-line source: Python floats and JavaScript --------------------------------
    def _lines(self, inputs: Sequence[str], outputs: Sequence[str], dialect: _Dialect) -> list[str]:
        """Statements computing ``outputs`` (names to assign) from ``inputs`` (names), one per op,
        in program order, written in ``dialect``."""
        names = {i: inputs[i] for i in range(self.n_inputs)}

        def ref(a: Operand) -> str:
            return names[a] if isinstance(a, int) else dialect.literal(float(a))

        lines = []
        for op in self.ops:
            names[op.dest] = dialect.temp.format(op.dest)
            a = [ref(x) for x in op.args]
            if op.func in _BINARY:
                rhs = f"{a[0]} {_BINARY[op.func]} {a[1]}"
            elif op.func == "negative":  # -(-3.0), never --3.0 (a decrement in JavaScript)
                rhs = f"-({a[0]})" if a[0].startswith("-") else f"-{a[0]}"
            else:
                rhs = dialect.functions[op.func] + f"({', '.join(a)})"
            lines.append(dialect.assign.format(names[op.dest], rhs))
        pairs = zip(outputs, self.outputs, strict=True)
        return [*lines, *(dialect.assign.format(name, ref(o)) for name, o in pairs)]

    def scalar_lines(self, inputs: Sequence[str], outputs: Sequence[str]) -> list[str]:
        """Python statements computing ``outputs`` (names to assign) from ``inputs`` (names)."""
        return self._lines(inputs, outputs, _PYTHON)

    def scalar_function(self) -> Callable[..., tuple[float, ...]]:
        """``f(*floats) -> tuple of floats``; may raise one of :data:`MATH_ERRORS`."""
        args = [f"_a{i}" for i in range(self.n_inputs)]
        outs = [f"_o{i}" for i in range(len(self.outputs))]
        body = [*self.scalar_lines(args, outs), f"return ({', '.join(outs)},)"]
        src = f"def _scalar({', '.join(args)}):\n" + "".join(f"    {line}\n" for line in body)
        return compile_source(src, "_scalar")

    def js_lines(self, inputs: Sequence[str], outputs: Sequence[str]) -> list[str]:
        """JavaScript statements: the same operations, in the same order, as :meth:`scalar_lines`
        (``Math`` functions in place of ``math``), for the browser playground."""
        return self._lines(inputs, outputs, _JAVASCRIPT)

    def js_function(self) -> str:
        """``function (x0, ..., x_{d-1}) { ...; return [out0, ...]; }`` as JavaScript source."""
        args = [f"a{i}" for i in range(self.n_inputs)]
        outs = [f"o{i}" for i in range(len(self.outputs))]
        body = [*self.js_lines(args, outs), f"return [{', '.join(outs)}];"]
        return f"function ({', '.join(args)}) {{\n" + "".join(f"  {b}\n" for b in body) + "}"

    def evaluate_mp(self, inputs: Sequence[float], prec: int = 256) -> list:
        """The program at one point in ``prec``-bit arithmetic (mpmath: no overflow, no
        underflow), for checks that float64 cannot make. A result outside the reals is NaN."""
        import mpmath  # sympy's own dependency; only this check needs it

        functions = {
            "add": operator.add,
            "subtract": operator.sub,
            "multiply": operator.mul,
            "divide": lambda a, b: a / b if b else mpmath.nan,
            "negative": operator.neg,
            "power": mpmath.power,
            "sign": mpmath.sign,
            **{np_name: getattr(mpmath, m) for np_name, m in FUNCTIONS.values() if m[0] != "_"},
        }
        with mpmath.workprec(prec):
            values: dict[int, object] = {i: mpmath.mpf(v) for i, v in enumerate(inputs)}

            def get(a: Operand) -> object:
                return values[a] if isinstance(a, int) else mpmath.mpf(a)

            for op in self.ops:
                try:
                    result = functions[op.func](*(get(a) for a in op.args))
                except (ValueError, ZeroDivisionError, OverflowError):
                    result = mpmath.nan
                if isinstance(result, mpmath.mpc):
                    result = result.real if result.imag == 0 else mpmath.nan
                values[op.dest] = result
            return [get(o) for o in self.outputs]

    # --- vector (numpy ufuncs into reused buffers) -------------------------------------------
    def registers(self) -> tuple[dict[int, int], int]:
        """Assign each op's result a buffer index, reusing buffers whose value is no longer needed.

        Returns the map value id → buffer, and the number of buffers. Outputs keep their buffers.
        """
        last_use: dict[int, int] = {}
        for i, op in enumerate(self.ops):
            for a in op.args:
                if isinstance(a, int):
                    last_use[a] = i
        keep = {o for o in self.outputs if isinstance(o, int)}
        reg: dict[int, int] = {}
        free: list[int] = []
        count = 0
        for i, op in enumerate(self.ops):
            ids = dict.fromkeys(a for a in op.args if isinstance(a, int))
            for a in ids:  # an elementwise ufunc may write over its own input
                if a in reg and last_use[a] == i and a not in keep:
                    free.append(reg[a])
            if free:
                reg[op.dest] = free.pop()
            else:
                reg[op.dest], count = count, count + 1
        return reg, count

    def vector_function(self) -> tuple[Callable[..., list[np.ndarray]], int]:
        """``(f, n_buffers)`` with ``f(*arrays, buffers) -> list of arrays``.

        ``buffers`` is a sequence of at least ``n_buffers`` float64 arrays shaped like the inputs
        (one extra per output that is an input or a constant). The returned arrays are distinct
        buffers, overwritten by the next call: copy what you keep.
        """
        reg, count = self.registers()
        args = [f"_a{i}" for i in range(self.n_inputs)]
        names = {i: args[i] for i in range(self.n_inputs)}
        constants: dict[float, str] = {}  # 0-d arrays: numpy converts a Python float on every call
        lines = [f"_r{j} = _buf[{j}]" for j in range(count)]

        def ref(a: Operand) -> str:
            if isinstance(a, int):
                return names[a]
            return constants.setdefault(float(a), f"_k{len(constants)}")

        for op in self.ops:
            operands = ", ".join(ref(a) for a in op.args)
            names[op.dest] = f"_r{reg[op.dest]}"
            lines.append(f"_np_{op.func}({operands}, {names[op.dest]})")  # out= by position: faster
        outs, used = [], set()
        for o in self.outputs:
            if isinstance(o, int) and o >= self.n_inputs and reg[o] not in used:
                used.add(reg[o])
                outs.append(names[o])
                continue
            extra = f"_buf[{count}]"  # a constant, an input, or an output repeated
            count += 1
            lines.append(f"_np.copyto({extra}, {ref(o)})")
            outs.append(extra)
        lines.append(f"return [{', '.join(outs)}]")
        src = f"def _vector({', '.join(args)}, _buf):\n" + "".join(f"    {x}\n" for x in lines)
        fn = compile_source(src, "_vector")
        fn.__globals__.update({name: np.array(value) for value, name in constants.items()})
        return fn, count


def _sign(v: float) -> float:
    """``numpy.sign`` for one float (nan stays nan)."""
    return float((v > 0) - (v < 0)) if v == v else v


def compile_source(src: str, name: str) -> Callable:
    """Compile generated source (``numpy`` is ``_np``, ``math`` is ``_m``); return ``name``."""
    namespace: dict = {"_np": np, "_m": math, "_sign": _sign}
    namespace.update({f"_np_{name}": getattr(np, name) for name in _UFUNCS})
    exec(compile(src, f"<gdcore generated {name}>", "exec"), namespace)
    fn = namespace[name]
    fn.source = src
    return fn


# --- lowering sympy → Program ------------------------------------------------------------------
def _short(e: sympy.Expr) -> str:
    """A constant for a message: its text if short, else its value to three digits."""
    text = str(e)
    if len(text) <= 40 and not e.is_Float:
        return text
    try:
        return str(sympy.N(e, 3))
    except (TypeError, ValueError, ArithmeticError):
        return text[:37] + "..."


def _number(e: sympy.Expr) -> float:
    """A constant subexpression as a float64; ValueError if it is not finite and real there."""
    if e.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise ValueError(f"the expression has an infinite or undefined constant: {_short(e)}")
    try:
        value = complex(e)
    except OverflowError:  # an integer beyond the float range
        value = complex(math.inf)
    if value.imag != 0:
        raise ValueError(f"the expression has a complex constant: {_short(e)}")
    if not math.isfinite(value.real):  # finite in sympy, beyond the largest float64
        raise ValueError(f"the constant {_short(e)} is beyond the float64 range (about ±1.8e308)")
    return float(value.real)


class _Lowering:
    def __init__(self, n_inputs: int) -> None:
        self.ops: list[Op] = []
        self.next_id = n_inputs
        self.memo: dict[tuple, int] = {}

    def emit(self, func: str, *args: Operand) -> int:
        # tag each operand: the constant 2.0 and the value id 2 are equal as dict keys
        key = (func, tuple((isinstance(a, int), a) for a in args))
        if key not in self.memo:
            self.memo[key] = self.next_id
            self.ops.append(Op(self.next_id, func, args))
            self.next_id += 1
        return self.memo[key]

    def lower(self, e: sympy.Expr, env: dict[sympy.Symbol, Operand]) -> Operand:
        if not e.free_symbols:
            return _number(e)
        if e.is_Symbol:
            return env[e]
        if e.is_Add:
            return self._add(e, env)
        if e.is_Mul:
            return self._mul(e, env)
        if e.is_Pow:
            return self._pow(e.base, e.exp, env)
        name = type(e).__name__
        if name == "DiracDelta":  # from differentiating Abs or sign: zero wherever it is defined
            return 0.0
        if name in FUNCTIONS and len(e.args) == 1:
            return self.emit(FUNCTIONS[name][0], self.lower(e.args[0], env))
        known = ", ".join(sorted(FUNCTIONS))
        raise ValueError(f"cannot compile {name} in {e}; supported functions: {known}")

    def _add(self, e: sympy.Add, env: dict) -> Operand:
        const, terms = e.as_coeff_Add()
        pos, neg = [], []
        for t in sympy.Add.make_args(terms):
            coeff, _ = t.as_coeff_Mul()
            (neg if coeff.is_negative else pos).append(-t if coeff.is_negative else t)
        c = _number(const)
        if pos:
            acc: Operand = self.lower(pos[0], env)
            pos = pos[1:]
        elif c != 0:  # c - t: one subtraction, no negation
            acc, c = self.emit("subtract", c, self.lower(neg[0], env)), 0.0
            neg = neg[1:]
        else:
            acc = self.emit("negative", self.lower(neg[0], env))
            neg = neg[1:]
        for t in pos:
            acc = self.emit("add", acc, self.lower(t, env))
        for t in neg:
            acc = self.emit("subtract", acc, self.lower(t, env))
        return acc if c == 0 else self.emit("add", acc, c)

    def _mul(self, e: sympy.Mul, env: dict) -> Operand:
        coeff, rest = e.as_coeff_Mul()
        num, den = [], []
        for f in sympy.Mul.make_args(rest):
            if f.is_Pow and f.exp.is_Number and f.exp.is_negative:
                den.append(self._pow(f.base, -f.exp, env))
            else:
                num.append(self.lower(f, env))
        acc: Operand | None = None
        for v in num:
            acc = v if acc is None else self.emit("multiply", acc, v)
        denom: Operand | None = None
        for v in den:
            denom = v if denom is None else self.emit("multiply", denom, v)
        c = _number(coeff)
        if acc is None:  # only a denominator: c / denom
            return self.emit("divide", c, denom)
        if denom is not None:
            acc = self.emit("divide", acc, denom)
        if c == -1.0:
            return self.emit("negative", acc)
        return acc if c == 1.0 else self.emit("multiply", acc, c)

    def _pow(self, base: sympy.Expr, exp: sympy.Expr, env: dict) -> Operand:
        b = self.lower(base, env)
        if exp.is_Integer and 1 <= abs(int(exp)) <= 64:
            n = abs(int(exp))
            result, square = None, b
            while n:  # repeated squaring: x**5 = x**4 * x
                if n & 1:
                    result = square if result is None else self.emit("multiply", result, square)
                n >>= 1
                if n:
                    square = self.emit("multiply", square, square)
            return result if exp > 0 else self.emit("divide", 1.0, result)
        if exp == sympy.S.Half:
            return self.emit("sqrt", b)
        if exp == -sympy.S.Half:
            return self.emit("divide", 1.0, self.emit("sqrt", b))
        return self.emit("power", b, self.lower(exp, env))


def compile_program(variables: Sequence[sympy.Symbol], exprs: Sequence[sympy.Expr]) -> Program:
    """Lower ``exprs`` (functions of ``variables``) into one :class:`Program`, sharing work."""
    replacements, reduced = sympy.cse(list(exprs), symbols=sympy.numbered_symbols("_cse"))
    lowering = _Lowering(len(variables))
    env: dict[sympy.Symbol, Operand] = {v: i for i, v in enumerate(variables)}
    for sym, sub in replacements:
        env[sym] = lowering.lower(sub, env)
    outputs = tuple(lowering.lower(e, env) for e in reduced)
    return Program(len(variables), tuple(lowering.ops), outputs)
