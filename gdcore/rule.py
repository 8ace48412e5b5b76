"""The update rules of gradient descent, each defined once, as sympy expressions.

* **Plain descent**: ``x ← x − η ∂f/∂x`` for every coordinate (:data:`UPDATE`).
* **Heavy-ball momentum** (Polyak): the ball carries a velocity ``v``, with ``v₀ = 0``;
  each epoch ``v ← βv − η ∂f/∂x``, then ``x ← x + v`` (:data:`VELOCITY_UPDATE`, then
  :data:`POSITION_UPDATE`). With ``β = 0`` it is plain descent (``v`` is then the step itself);
  the engine then takes the plain rule's steps, so ``momentum=0`` gives exactly the bits of plain
  descent (the two differ at most in the sign of a zero).
* **Gradient noise**, a model of a minibatch gradient: the partial derivative in either rule is
  replaced by ``∂f/∂x + σξ`` (:data:`NOISY_PARTIAL`), ``ξ`` a standard normal draw from
  :mod:`gdcore.noise`. Noise enters the step, not the loop.

Every path that takes a step follows these definitions. Each is compiled by :mod:`gdcore.program`
into one straight-line program (:func:`update_program`, :func:`velocity_program`,
:func:`position_program`, :func:`noise_program`), and its emitters write that program into each
loop: the one-start loop on Python floats and the many-start loop on numpy columns
(:mod:`gdcore.descent`), and the browser's JavaScript (:func:`javascript`). Changing a definition
changes all of them; the tests hold each one to it, bit for bit.

The sign of the step carries the direction: ``step = −η`` descends, ``step = +η`` climbs (gradient
ascent), so one expression serves both.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import sympy

from gdcore.program import Program, compile_program

#: The symbols of the rules: a coordinate, its partial derivative there, and the signed step.
COORDINATE, PARTIAL, STEP = sympy.symbols("x g step", real=True)
#: The velocity's coordinate and the momentum coefficient ``β``.
VELOCITY, MOMENTUM = sympy.symbols("v beta", real=True)
#: The noise's size ``σ`` and one standard normal draw ``ξ``.
NOISE, DRAW = sympy.symbols("sigma xi", real=True)

#: Plain descent: the new coordinate ``x + step · g``, with ``step = −η`` for descent.
UPDATE: sympy.Expr = COORDINATE + STEP * PARTIAL
#: Momentum, first: the new velocity ``βv + step · g`` (``v ← βv − η g`` for descent).
VELOCITY_UPDATE: sympy.Expr = MOMENTUM * VELOCITY + STEP * PARTIAL
#: Momentum, then: the new coordinate ``x + v``, with the new velocity.
POSITION_UPDATE: sympy.Expr = COORDINATE + VELOCITY
#: A noisy partial derivative: ``g + σ ξ``, used in place of ``g`` in either rule.
NOISY_PARTIAL: sympy.Expr = PARTIAL + NOISE * DRAW


def signed_step(learning_rate: float, ascent: bool = False) -> float:
    """The ``step`` of the rules: ``−learning_rate`` downhill, ``+learning_rate`` uphill."""
    return learning_rate if ascent else -learning_rate


@cache
def update_program() -> Program:
    """:data:`UPDATE` compiled: inputs ``(x, g, step)``, one output, the new ``x``.

    Its emitters give the Python (``scalar_lines``), numpy (``vector_function``) and JavaScript
    (``js_function``) forms of the rule, with the same operations in the same order.
    """
    return compile_program((COORDINATE, PARTIAL, STEP), (UPDATE,))


@cache
def velocity_program() -> Program:
    """:data:`VELOCITY_UPDATE` compiled: inputs ``(v, g, step, beta)``; output the new ``v``."""
    return compile_program((VELOCITY, PARTIAL, STEP, MOMENTUM), (VELOCITY_UPDATE,))


@cache
def position_program() -> Program:
    """:data:`POSITION_UPDATE` compiled: inputs ``(x, v)`` (the new velocity), the new ``x``."""
    return compile_program((COORDINATE, VELOCITY), (POSITION_UPDATE,))


@cache
def noise_program() -> Program:
    """:data:`NOISY_PARTIAL` compiled: inputs ``(g, sigma, xi)``, one output, ``g + σξ``."""
    return compile_program((PARTIAL, NOISE, DRAW), (NOISY_PARTIAL,))


def javascript() -> str:
    """The rules as one JavaScript object, ``{update, velocity, position, noisy}``: each a
    function of its program's inputs returning ``[output]``, emitted from the programs above."""
    programs = {
        "update": update_program(),
        "velocity": velocity_program(),
        "position": position_program(),
        "noisy": noise_program(),
    }
    parts = [f"{name}: {p.js_function()}" for name, p in programs.items()]
    return "{\n" + ",\n".join(parts) + "\n}"


@cache
def _scalar(program: Program) -> Callable[..., tuple[float, ...]]:
    return program.scalar_function()


def take_step(
    x: tuple[float, ...],
    v: tuple[float, ...] | None,
    g: tuple[float, ...],
    step: float,
    beta: float = 0.0,
    sigma: float = 0.0,
    draws: tuple[float, ...] | None = None,
) -> tuple[tuple[float, ...], tuple[float, ...] | None]:
    """One epoch's step from ``x`` on Python floats, as the descent loops take it: the plain rule
    when ``v`` is None (no momentum), else velocity then position; with ``σ > 0`` the partials are
    ``g + σ·draws`` first. Returns the new point and the new velocity (None without momentum)."""
    if sigma > 0:
        noisy = _scalar(noise_program())
        g = tuple(noisy(gi, sigma, xi)[0] for gi, xi in zip(g, draws, strict=True))
    if v is None:
        update = _scalar(update_program())
        return tuple(update(xi, gi, step)[0] for xi, gi in zip(x, g, strict=True)), None
    velocity, position = _scalar(velocity_program()), _scalar(position_program())
    w = tuple(velocity(vi, gi, step, beta)[0] for vi, gi in zip(v, g, strict=True))
    return tuple(position(xi, wi)[0] for xi, wi in zip(x, w, strict=True)), w
