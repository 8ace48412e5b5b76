"""The JavaScript the playground and the live figures share (``book/_ext/gdsite/shared.js``), run
in node (V8, as in Chromium): its descent and its regimes equal gdcore's ``descend`` and
``gdcore.outcome.classify`` on the same runs, and both generated scripts carry it, so both read
the epochs box with the same parser."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from noderun import node
from polynomials import POLYNOMIALS, polynomial
from status_text import EPOCHS

from gdcore import critical_points, descend, get_landscape, landscape_names
from gdcore.book import live
from gdcore.book.pages import playground
from gdcore.outcome import classify, classify_path

EXT = Path(__file__).resolve().parents[1] / "book" / "_ext"
sys.path.insert(0, str(EXT))
from gdsite.statics import shared_script  # noqa: E402

TOL = playground.TOL
BOUND = playground.DEFAULT_BOUND

#: Runs that reach every regime (on every landscape the playground offers), as
#: (landscape, start, learning rate, epochs, ascent).
RUNS: list[tuple[str, list[float], float, int, bool]] = [
    ("peaks", [0.0, 1.4], 0.01, 1000, False),  # stops at the tolerance
    ("peaks", [0.0, 1.4], 0.01, 100, False),  # finished
    ("peaks", [0.0, 1.4], 0.5, 1000, False),  # flung off the map, still moving
    ("peaks", [0.2, -1.3], 0.07, 1000, False),  # bounces
    ("peaks", [0.2, -1.3], 0.07, 60, False),
    ("peaks", [-1.5, -3.0], 0.01, 1000, False),  # leaves the map and comes back
    ("peaks", [0.0, 1.4], 0.01, 1000, True),  # ascent
    ("elongated_bowl", [-2.5, 1.0], 0.12, 30, False),  # diverging: f rises
    ("elongated_bowl", [-2.5, 1.0], 0.101, 30, False),
    ("elongated_bowl", [-2.5, 1.0], 0.1, 1000, False),  # bounces at the limit
    ("elongated_bowl", [-2.5, 1.0], 0.1, 30, False),  # wanders: y flips, x not yet gone
    ("peaks", [0.2, -1.3], 0.07, 40, False),  # entering a 2-cycle: settling, not wandering
    ("elongated_bowl", [2.0, 1.0], 0.1, 1000, True),  # ascent: refused at the bound
    ("elongated_bowl", [2.0, 1.0], 0.02, 20, True),  # ascent flying off: away
    ("parabola", [1.7], 0.5, 100, False),  # refused at the bound
    ("parabola", [1.7], 0.1, 10, True),  # away
    ("parabola", [1.7], 0.3, 100, False),
    ("rippled_bowl", [0.1], 0.01, 200, False),
    ("rippled_bowl", [1.9], 0.2, 300, False),
    ("separable", [-1.2, 0.3], 0.01, 300, True),
    ("separable", [-1.2, 0.3], 0.4, 300, False),
]
# every critical point of every landscape: at rest from the start
RUNS += [
    (name, c.x.tolist(), 0.01, 100, False)
    for name in landscape_names()
    for c in critical_points(get_landscape(name))
]


def engine(name: str, start, lr: float, epochs: int, ascent: bool) -> dict:
    run = descend(
        get_landscape(name), start, learning_rate=lr, epochs=epochs, ascent=ascent, tol=TOL
    )
    return classify(run).as_dict()


def assert_same(js: dict, py: dict, what: object) -> None:
    for key in ("regime", "reason", "epochsRun", "span", "leftDomain", "endsOutside"):
        assert js[key] == py[key], (what, key, js, py)
    for key in ("growth", "startGradNorm", "finalGradNorm"):
        if py[key] is None:
            assert js[key] is None, (what, key)
        else:
            # (a gradient at rounding level differs in its last bits: exp is not correctly
            # rounded in either library; a ratio of two step lengths, growth, compares steps
            # that differ by the iterates' last bits, a few 10⁻⁹ of the ratio near a cycle)
            rtol = 1e-8 if key == "growth" else 1e-9
            np.testing.assert_allclose(
                js[key], py[key], rtol=rtol, atol=1e-13, err_msg=str((what, key))
            )
    if py["cycle"] is not None:
        np.testing.assert_allclose(js["cycle"], py["cycle"], rtol=1e-9, atol=1e-12)


def classify_js(runs: list, tmp_path: Path) -> list[dict]:
    calls = f"""
const R = {json.dumps(runs)};
console.log(JSON.stringify(R.map(([n, s, lr, e, a]) => {{
  const land = GD_DATA.landscapes.find((l) => l.name === n);
  const o = {{ lr, epochs: e, ascent: a, tol: GD_DATA.tol, bound: GD_DATA.bound, domain: land.domain }};
  const r = GD_SHARED.descend(GD_KERNELS[n], GD_UPDATE, s, o);
  const outcome = GD_SHARED.outcome(r, {{ tol: GD_DATA.tol, ascent: a, domain: land.domain }});
  return {{ ...outcome, run: r }};
}})));
"""
    return node(playground.bundle(shared_script()) + calls, tmp_path)


def test_every_regime_in_javascript_equals_the_engine(tmp_path: Path) -> None:
    got = classify_js(RUNS, tmp_path)
    seen = set()
    for args, js in zip(RUNS, got, strict=True):
        py = engine(*args)
        assert_same(js, py, args)
        seen.add((py["regime"], py["reason"]))
    assert seen == {
        ("at_rest", None), ("converged", None), ("finished", None), ("bouncing", None),
        ("wandering", None), ("diverged", "bound"), ("diverged", "against"), ("diverged", "away"),
    }  # fmt: skip


def test_random_runs_are_classified_alike(tmp_path: Path) -> None:
    """The same iterates get the same regime in both languages. (Each run's iterates are the
    browser's own: in a chaotic run a last-bit difference of exp grows, so the engine's run may
    end elsewhere.)"""
    rng = np.random.default_rng(7)
    runs = []
    for name in landscape_names():
        land = get_landscape(name)
        for _ in range(25):
            start = [float(rng.uniform(lo, hi)) for lo, hi in land.domain]
            lr = float(10 ** rng.uniform(-3, -0.3))
            runs.append((name, start, lr, int(rng.integers(1, 400)), bool(rng.random() < 0.2)))
    for (name, _, _, _, ascent), js in zip(runs, classify_js(runs, tmp_path), strict=True):
        r = js["run"]
        py = classify_path(
            r["path"], r["values"], r["grads"], status=r["status"], tol=TOL, ascent=ascent,
            domain=get_landscape(name).domain, refused=r["reason"],
        )  # fmt: skip
        assert_same(js, py.as_dict(), (name, r["path"][0]))
    regimes = {js["regime"] for js in classify_js(runs, tmp_path)}
    assert {"converged", "finished", "diverged", "bouncing"} <= regimes


def test_the_live_figures_take_the_same_steps(tmp_path: Path) -> None:
    """The live script's copy of the shared code, on its own kernels (peaks and the bowl)."""
    runs = [r for r in RUNS if r[0] in live.LANDSCAPES and not r[4]]
    calls = f"""
const R = {json.dumps(runs)};
const domains = {{ peaks: GD_LIVE_DATA.path.domain, elongated_bowl: [[-3, 3], [-3, 3]] }};
console.log(JSON.stringify(R.map(([n, s, lr, e]) => {{
  const o = {{ lr, epochs: e, ascent: false, tol: GD_LIVE_DATA.tol, bound: GD_LIVE_DATA.bound, domain: domains[n] }};
  const r = GD_SHARED.descend(GD_LIVE_KERNELS[n], GD_LIVE_UPDATE, s, o);
  return GD_SHARED.outcome(r, {{ tol: GD_LIVE_DATA.tol, ascent: false, domain: domains[n] }});
}})));
"""
    got = node(live.bundle(shared_script()) + calls, tmp_path)
    for args, js in zip(runs, got, strict=True):
        assert_same(js, engine(*args), args)


@pytest.mark.parametrize("which", ["playground", "live"])
def test_both_scripts_read_the_epochs_box_alike(which: str, tmp_path: Path) -> None:
    bundle = playground.bundle if which == "playground" else live.bundle
    low, high = playground.EPOCHS_RANGE
    calls = f"""
console.log(JSON.stringify({json.dumps([raw for raw, _ in EPOCHS])}.map(
  (s) => GD_SHARED.parseEpochs(s, {low}, {high}))));
"""
    got = node(bundle(shared_script()) + calls, tmp_path)
    for (raw, want), res in zip(EPOCHS, got, strict=True):
        if isinstance(want, int):
            assert res == {"value": want, "error": None}, raw
        else:
            assert res == {"value": None, "error": want}, raw
    assert (live.MIN_EPOCHS, live.MAX_EPOCHS) == playground.EPOCHS_RANGE


def test_numbers_are_written_as_intl_writes_them_in_both_languages(tmp_path: Path) -> None:
    """``GD_SHARED.grouped`` (the scripts' numbers, written without Intl) equals what
    ``Intl.NumberFormat`` writes for the pages' two locales, with fixed decimals and as
    ``toLocaleString`` writes it: halves (exact in binary: 0.125, 2.5; and 1.0005, which Intl
    rounds up though the double is just under it), carries (999.9995, 0.9999995), a half at the
    first dropped place (0.0005), negatives that round to zero, −0, values past 10²¹, and random
    values of every size."""
    rng = np.random.default_rng(7)
    values = [
        0,
        -0.0,
        0.5,
        1.5,
        2.5,
        -2.5,
        0.125,
        -0.125,
        1.0005,
        999.9995,
        999999.5,
        -0.0001,
        1234.5678,
        1e6,
        12345678.9,
        2**53,
        1e20,
        1e21,
        3.7e22,
        1e-7,
        -1e-12,
        0.1 + 0.2,
        0.0005,
        0.00049999,
        9.9995,
        0.9999995,
        5e-7,
    ]
    values += (rng.standard_normal(300) * 10.0 ** rng.integers(-8, 22, 300)).tolist()
    values += rng.integers(-(10**9), 10**9, 100).tolist()
    calls = f"""
const V = {json.dumps(values)};
V[1] = -0;  // JSON has no −0
const out = [];
for (const lang of ["ko", "en"]) {{
  for (const v of V) {{
    out.push([GD_SHARED.grouped(v), v.toLocaleString(lang)]);
    for (const d of [0, 1, 2, 3, 4, 6]) {{
      const f = new Intl.NumberFormat(lang, {{ minimumFractionDigits: d, maximumFractionDigits: d }});
      out.push([GD_SHARED.grouped(v, d), f.format(v)]);
    }}
  }}
}}
console.log(JSON.stringify(out));
"""
    got = node(playground.bundle(shared_script()) + calls, tmp_path)
    assert len(got) == 2 * 7 * len(values)
    wrong = [pair for pair in got if pair[0] != pair[1]]
    assert not wrong, wrong[:10]
    assert ["-0", "-0"] in got and ["1,000,000.0", "1,000,000.0"] in got  # the cases are there


def test_what_a_message_repeats_is_clipped(tmp_path: Path) -> None:
    calls = """
console.log(JSON.stringify(["x".repeat(20000), "short", "가".repeat(41), "😀".repeat(50)].map(
  (s) => GD_SHARED.clip(s))));
"""
    got = node(playground.bundle(shared_script()) + calls, tmp_path)
    assert got[1] == "short"
    for text in (got[0], got[2], got[3]):
        assert len(list(text)) == 40 and text.endswith("…")


# --- momentum and noise: the browser's loop equals the engine's ------------------------------------
#: (landscape, start, learning rate, epochs, ascent, momentum, noise, seed): every regime with
#: momentum, with noise, and with both.
MOVING: list[tuple[str, list[float], float, int, bool, float, float, int]] = [
    ("elongated_bowl", [-2.5, 1.0], 0.02, 1000, False, 0.9, 0.0, 0),  # converges, at rest
    ("elongated_bowl", [-2.5, 1.0], 0.18, 1000, False, 0.9, 0.0, 0),  # just below 2(1 + β)/λmax
    ("elongated_bowl", [-2.5, 1.0], 0.2, 1000, False, 0.9, 0.0, 0),  # above it: the bound
    ("elongated_bowl", [-2.5, 1.0], 0.2, 30, False, 0.9, 0.0, 0),  # flying off: against
    ("elongated_bowl", [-2.5, 1.0], 0.02, 300, False, 0.5, 0.3, 7),
    ("elongated_bowl", [0.0, 0.0], 0.02, 100, False, 0.0, 0.3, 1),  # a noisy ball on the minimum
    ("elongated_bowl", [0.0, 0.0], 0.02, 100, False, 0.9, 0.0, 1),  # at rest
    ("elongated_bowl", [2.0, 1.0], 0.02, 20, True, 0.5, 0.1, 3),  # ascent
    ("parabola", [1.7], 0.1, 200, False, 0.0, 0.5, 3),
    ("parabola", [1.7], 0.3, 2000, False, 0.9, 0.0, 0),
    ("parabola", [1.7], 0.64, 100, False, 0.95, 0.0, 0),
    ("peaks", [0.0, 1.4], 0.01, 1000, False, 0.9, 0.0, 0),
    ("peaks", [0.0, 1.4], 0.05, 500, False, 0.5, 0.5, 11),
    ("peaks", [0.2, -1.3], 0.1, 1000, False, 0.9, 0.0, 0),  # the global minimum at η = 0.1
    ("peaks", [-2.0, 2.0], 0.05, 300, False, 0.95, 2.0, 2**32 - 1),
    ("separable", [-1.2, 0.3], 0.05, 300, False, 0.7, 0.2, 5),
    ("rippled_bowl", [1.9], 0.05, 300, False, 0.8, 0.0, 0),
]
#: Landscapes without a transcendental function: the browser's numbers are the engine's bits.
EXACT = {"elongated_bowl", "parabola"}


def moving_js(runs: list, tmp_path: Path, stream: int = 0) -> list[dict]:
    calls = f"""
const R = {json.dumps(runs)};
console.log(JSON.stringify(R.map(([n, s, lr, e, a, b, sg, seed]) => {{
  const land = GD_DATA.landscapes.find((l) => l.name === n);
  const o = {{ lr, epochs: e, ascent: a, tol: GD_DATA.tol, bound: GD_DATA.bound,
    domain: land.domain, momentum: b, noise: sg, seed, stream: {stream} }};
  const r = GD_SHARED.descend(GD_KERNELS[n], GD_UPDATE, s, o);
  const outcome = GD_SHARED.outcome(r, {{ tol: GD_DATA.tol, ascent: a, domain: land.domain }});
  return {{ ...outcome, run: r }};
}})));
"""
    return node(playground.bundle(shared_script()) + calls, tmp_path)


def test_momentum_and_noise_in_javascript_equal_the_engine(tmp_path: Path) -> None:
    seen = set()
    for stream in (0, 12345):
        for args, js in zip(MOVING, moving_js(MOVING, tmp_path, stream), strict=True):
            name, start, lr, epochs, ascent, beta, sigma, seed = args
            run = descend(
                get_landscape(name), start, learning_rate=lr, epochs=epochs, ascent=ascent,
                tol=TOL, momentum=beta, noise=sigma, seed=seed, stream=stream,
            )  # fmt: skip
            py = classify(run).as_dict()
            assert_same(js, py, args)
            r = js["run"]
            if name in EXACT:
                assert np.array(r["path"]).tobytes() == run.path.tobytes(), args
                if beta > 0:
                    assert np.array(r["velocity"]).tobytes() == run.final_velocity.tobytes()
            else:
                np.testing.assert_allclose(r["final"], run.final, rtol=1e-9, atol=1e-12)
            assert (r["velocity"] is None) == (beta == 0)
            seen.add((py["regime"], py["reason"]))
    assert seen >= {
        ("at_rest", None), ("converged", None), ("finished", None),
        ("diverged", "bound"), ("diverged", "against"),
    }  # fmt: skip


def test_without_momentum_and_noise_the_options_change_nothing(tmp_path: Path) -> None:
    runs = [(n, s, lr, e, a, 0, 0, 5) for n, s, lr, e, a in RUNS]
    for plain, zero in zip(classify_js(RUNS, tmp_path), moving_js(runs, tmp_path), strict=True):
        assert plain == zero


def test_the_live_script_carries_the_same_rules_and_generator(tmp_path: Path) -> None:
    runs = [r for r in MOVING if r[0] in live.LANDSCAPES and not r[4]]
    calls = f"""
const R = {json.dumps(runs)};
console.log(JSON.stringify(R.map(([n, s, lr, e, a, b, sg, seed]) => {{
  const o = {{ lr, epochs: e, ascent: false, tol: GD_LIVE_DATA.tol, bound: GD_LIVE_DATA.bound,
    domain: [[-3, 3], [-3, 3]], momentum: b, noise: sg, seed, stream: 0 }};
  return GD_SHARED.descend(GD_LIVE_KERNELS[n], GD_LIVE_UPDATE, s, o).final;
}})));
"""
    got = node(live.bundle(shared_script()) + calls, tmp_path)
    for (name, start, lr, epochs, _, beta, sigma, seed), final in zip(runs, got, strict=True):
        run = descend(
            get_landscape(name), start, learning_rate=lr, epochs=epochs, tol=TOL,
            momentum=beta, noise=sigma, seed=seed,
        )  # fmt: skip
        np.testing.assert_allclose(final, run.final, rtol=1e-9, atol=1e-12)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(
    text=POLYNOMIALS,
    lr=st.floats(1e-3, 0.3),
    epochs=st.integers(1, 80),
    beta=st.floats(0.0, 0.99),
    sigma=st.floats(0.0, 2.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_the_three_loops_agree_bit_for_bit(
    text: str, lr: float, epochs: int, beta: float, sigma: float, seed: int
) -> None:
    """On random polynomial formulas, with momentum and noise: the browser's loop (on the formula's
    own generated kernel) equals the engine's one-start loop, which equals its many-start loop."""
    land = polynomial(text)
    starts = [(0.0, 1.0), (1.0, 1.0), (-1.5, 0.5), (2.0, -2.0)]
    kw = {"learning_rate": lr, "epochs": epochs, "momentum": beta, "noise": sigma, "seed": seed,
          "tol": TOL}  # fmt: skip
    many = descend(land, starts, **kw)
    kernel = land.program("value_gradient").js_function()
    script = f"""
const kernel = {kernel};
const S = {json.dumps(starts)};
const o = {{ lr: {lr!r}, epochs: {epochs}, ascent: false, tol: {TOL!r}, bound: {BOUND!r},
  domain: [[-3, 3], [-3, 3]], momentum: {beta!r}, noise: {sigma!r}, seed: {seed} }};
const out = S.map((s, i) => GD_SHARED.descend(kernel, GD_UPDATE, s, {{ ...o, stream: i }}));
console.log(JSON.stringify(out.map((r) => [r.path.flat(), r.status, r.epochsRun])));
"""
    with tempfile.TemporaryDirectory() as tmp:
        got = node(playground.bundle(shared_script()) + script, Path(tmp))
    for i, (path, status, k) in enumerate(got):
        one = descend(land, starts[i], stream=i, **kw)
        assert np.array(path).tobytes() == one.path.tobytes()
        assert one.path.tobytes() == many.path[i, : one.epochs_run + 1].tobytes()
        assert status == one.status == many.status[i] and k == one.epochs_run
