"""The one update rule: every emitter computes it bit for bit, and every path follows it."""

from __future__ import annotations

import json
import struct
import subprocess

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gdcore import descend, make_landscape, rule
from gdcore.landscape import X, Y, peaks_expr

FLOATS = st.floats(allow_nan=False, allow_infinity=False, width=64)
TRIPLES = st.lists(st.tuples(FLOATS, FLOATS, FLOATS), min_size=1, max_size=40)


def bits(values: object) -> list[int]:
    """The IEEE bit patterns of floats (so -0.0 and 0.0, or two NaNs, are compared exactly)."""
    return [struct.unpack("<q", struct.pack("<d", float(v)))[0] for v in values]


def reference(x: float, g: float, step: float) -> float:
    """The rule as the textbook writes it, in Python floats."""
    return x + step * g


def test_the_rule_is_the_textbook_step() -> None:
    x, g, eta = sympy.symbols("x g eta", real=True)
    descent = rule.UPDATE.subs(rule.STEP, rule.signed_step(eta))
    assert sympy.simplify(descent - (x - eta * g).subs({x: rule.COORDINATE, g: rule.PARTIAL})) == 0
    assert rule.signed_step(0.1) == -0.1 and rule.signed_step(0.1, ascent=True) == 0.1
    assert len(rule.update_program().ops) == 2  # one multiplication, one addition


@given(TRIPLES)
def test_python_and_numpy_emitters_compute_the_rule(triples: list) -> None:
    scalar = rule.update_program().scalar_function()
    expected = [reference(*t) for t in triples]
    assert bits(scalar(*t)[0] for t in triples) == bits(expected)
    fn, n = rule.update_program().vector_function()
    x, g, step = (np.array(c) for c in zip(*triples, strict=True))
    with np.errstate(all="ignore"):  # huge values overflow to inf, as in Python
        (out,) = fn(x, g, step, [np.empty(len(x)) for _ in range(n)])
    assert bits(out) == bits(expected)


@given(TRIPLES)
def test_the_javascript_emitter_computes_the_rule(triples: list) -> None:
    source = rule.update_program().js_function()
    script = (
        f"const update = {source};\n"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "const out = new Float64Array(input.map((t) => update(...t)[0]));\n"
        "process.stdout.write(Buffer.from(out.buffer).toString('hex'));\n"
    )
    proc = subprocess.run(
        ["node", "-e", script],
        input=json.dumps(triples),  # floats as repr: read back exactly
        capture_output=True,
        text=True,
        check=True,
    )
    got = np.frombuffer(bytes.fromhex(proc.stdout), dtype="<f8")
    assert bits(got) == bits(reference(*t) for t in triples)


@pytest.fixture
def doubled_rule(monkeypatch: pytest.MonkeyPatch):
    """The rule changed to ``x + 2·step·g``, for the duration of one test."""
    monkeypatch.setattr(rule, "UPDATE", rule.COORDINATE + 2 * rule.STEP * rule.PARTIAL)
    rule.update_program.cache_clear()
    yield
    rule.update_program.cache_clear()


def fresh_peaks():
    """A new landscape object: the compiled loops are cached per landscape."""
    return make_landscape(peaks_expr(X, Y), (X, Y), ((-3, 3), (-3, 3)), name="peaks")


@pytest.mark.parametrize("many", [False, True], ids=["one start", "many starts"])
def test_every_path_follows_the_one_rule(many: bool, doubled_rule: None) -> None:
    # doubling the step in the rule must act exactly like doubling the learning rate
    starts = [(0.0, 1.4), (-2.0, 2.0), (1.0, -1.0)] if many else (0.0, 1.4)
    changed = descend(fresh_peaks(), starts, learning_rate=0.01, epochs=200)
    rule.update_program.cache_clear()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(rule, "UPDATE", rule.COORDINATE + rule.STEP * rule.PARTIAL)
        rule.update_program.cache_clear()
        plain = descend(fresh_peaks(), starts, learning_rate=0.02, epochs=200)
    assert bits(np.ravel(changed.path)) == bits(np.ravel(plain.path))


# --- momentum and noise: the same three emitters, held to their sympy definitions -------------
QUADS = st.lists(st.tuples(FLOATS, FLOATS, FLOATS, FLOATS), min_size=1, max_size=40)
PAIRS = st.lists(st.tuples(FLOATS, FLOATS), min_size=1, max_size=40)

#: Each program, its inputs' strategy and the textbook line in Python floats.
RULES = {
    "velocity": (rule.velocity_program, QUADS, lambda v, g, step, beta: beta * v + step * g),
    "position": (rule.position_program, PAIRS, lambda x, v: x + v),
    "noisy": (rule.noise_program, TRIPLES, lambda g, sigma, xi: g + sigma * xi),
}


def test_the_momentum_and_noise_rules_are_the_textbook_lines() -> None:
    x, v, g, eta, beta, sigma, xi = sympy.symbols("x v g eta beta sigma xi", real=True)
    ours = {
        rule.COORDINATE: x, rule.VELOCITY: v, rule.PARTIAL: g, rule.MOMENTUM: beta,
        rule.NOISE: sigma, rule.DRAW: xi, rule.STEP: -eta,
    }  # fmt: skip
    velocity = rule.VELOCITY_UPDATE.subs(ours)
    assert sympy.expand(velocity - (beta * v - eta * g)) == 0  # v ← βv − η∇f
    assert sympy.expand(rule.POSITION_UPDATE.subs(ours) - (x + v)) == 0  # x ← x + v
    assert sympy.expand(rule.NOISY_PARTIAL.subs(ours) - (g + sigma * xi)) == 0  # ∇f + σξ
    # with β = 0 the heavy ball takes the plain step: x + (−ηg)
    heavy = rule.POSITION_UPDATE.subs(rule.VELOCITY, rule.VELOCITY_UPDATE).subs(rule.MOMENTUM, 0)
    assert sympy.expand(heavy - rule.UPDATE) == 0
    assert [len(p().ops) for p in (rule.velocity_program, rule.position_program)] == [3, 1]


@pytest.mark.parametrize("name", sorted(RULES))
@given(data=st.data())
def test_python_and_numpy_emitters_compute_each_rule(name: str, data: st.DataObject) -> None:
    program, inputs, textbook = RULES[name]
    rows = data.draw(inputs)
    expected = [textbook(*r) for r in rows]
    scalar = program().scalar_function()
    assert bits(scalar(*r)[0] for r in rows) == bits(expected)
    fn, n = program().vector_function()
    columns = [np.array(c) for c in zip(*rows, strict=True)]
    with np.errstate(all="ignore"):
        (out,) = fn(*columns, [np.empty(len(rows)) for _ in range(n)])
    assert bits(out) == bits(expected)


@pytest.mark.parametrize("name", sorted(RULES))
@given(data=st.data())
def test_the_javascript_emitter_computes_each_rule(name: str, data: st.DataObject) -> None:
    _, inputs, textbook = RULES[name]
    rows = data.draw(inputs)
    # the rules as the browser gets them: one object, emitted by rule.javascript()
    script = (
        f"const R = {rule.javascript()};\n"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        f"const out = new Float64Array(input.map((t) => R.{name}(...t)[0]));\n"
        "process.stdout.write(Buffer.from(out.buffer).toString('hex'));\n"
    )
    proc = subprocess.run(
        ["node", "-e", script], input=json.dumps(rows), capture_output=True, text=True, check=True
    )
    got = np.frombuffer(bytes.fromhex(proc.stdout), dtype="<f8")
    assert bits(got) == bits(textbook(*r) for r in rows)


@pytest.fixture
def doubled_rules(monkeypatch: pytest.MonkeyPatch):
    """The velocity rule changed to ``βv + 2·step·g`` and the noise to ``g + 2σξ``."""
    monkeypatch.setattr(
        rule, "VELOCITY_UPDATE", rule.MOMENTUM * rule.VELOCITY + 2 * rule.STEP * rule.PARTIAL
    )
    monkeypatch.setattr(rule, "NOISY_PARTIAL", rule.PARTIAL + 2 * rule.NOISE * rule.DRAW)
    rule.velocity_program.cache_clear()
    rule.noise_program.cache_clear()
    yield
    rule.velocity_program.cache_clear()
    rule.noise_program.cache_clear()


def fresh_bowl():
    """A new bowl with a cross term (no transcendental function: both loops give the same bits)."""
    return make_landscape(X**2 + 10 * Y**2 + X * Y, (X, Y), ((-3, 3), (-3, 3)), name="bowl")


@pytest.mark.parametrize("many", [False, True], ids=["one start", "many starts"])
@pytest.mark.parametrize("kind", ["momentum", "noise"])
def test_every_path_follows_the_momentum_and_noise_rules(
    many: bool, kind: str, doubled_rules: None
) -> None:
    # doubling the step in the velocity rule acts as doubling η; doubling σ in the noise, as 2σ
    starts = [(-2.0, 1.0), (1.5, -0.5), (0.3, 0.2)] if many else (-2.0, 1.0)
    if kind == "momentum":
        settings, same = {"learning_rate": 0.01, "momentum": 0.8}, {"learning_rate": 0.02}
    else:
        settings, same = {"learning_rate": 0.01, "noise": 0.3, "seed": 4}, {"noise": 0.6}
    changed = descend(fresh_bowl(), starts, epochs=150, **settings)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(rule, "VELOCITY_UPDATE", rule.MOMENTUM * rule.VELOCITY + rule.STEP * rule.PARTIAL)
        m.setattr(rule, "NOISY_PARTIAL", rule.PARTIAL + rule.NOISE * rule.DRAW)
        rule.velocity_program.cache_clear()
        rule.noise_program.cache_clear()
        plain = descend(fresh_bowl(), starts, epochs=150, **{**settings, **same})
    assert bits(np.ravel(changed.path)) == bits(np.ravel(plain.path))
    if kind == "momentum":
        assert bits(np.ravel(changed.final_velocity)) == bits(np.ravel(plain.final_velocity))
