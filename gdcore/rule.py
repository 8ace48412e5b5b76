"""The update rule of gradient descent, defined once: ``x ← x − η ∂f/∂x`` for every coordinate.

Every path that takes a step follows this one definition. :data:`UPDATE` is compiled by
:mod:`gdcore.program` into one straight-line program (:func:`update_program`), and its emitters
write that program into each loop: the one-start loop on Python floats and the many-start loop on
numpy columns (:mod:`gdcore.descent`), and the browser playground's JavaScript. Changing
:data:`UPDATE` changes all of them; the tests hold each one to it, bit for bit.

The sign of the step carries the direction: ``step = −η`` descends, ``step = +η`` climbs (gradient
ascent), so one expression serves both.
"""

from __future__ import annotations

from functools import cache

import sympy

from gdcore.program import Program, compile_program

#: The symbols of the rule: a coordinate, its partial derivative there, and the signed step.
COORDINATE, PARTIAL, STEP = sympy.symbols("x g step", real=True)

#: The new coordinate: ``x + step · g``, with ``step = −η`` for descent.
UPDATE: sympy.Expr = COORDINATE + STEP * PARTIAL


def signed_step(learning_rate: float, ascent: bool = False) -> float:
    """The ``step`` of :data:`UPDATE`: ``−learning_rate`` downhill, ``+learning_rate`` uphill."""
    return learning_rate if ascent else -learning_rate


@cache
def update_program() -> Program:
    """:data:`UPDATE` compiled: inputs ``(x, g, step)``, one output, the new ``x``.

    Its emitters give the Python (``scalar_lines``), numpy (``vector_function``) and JavaScript
    (``js_function``) forms of the rule, with the same operations in the same order.
    """
    return compile_program((COORDINATE, PARTIAL, STEP), (UPDATE,))
