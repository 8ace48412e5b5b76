"""The gradient noise's generator (gdcore/noise.py): its Python, numpy and JavaScript copies give
the same bits; its draws are Box–Muller's standard normals; a seed gives the same draws."""

from __future__ import annotations

import json
import math
import shutil
import struct
import subprocess

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdcore import noise

SEEDS = st.integers(0, noise.MAX_SEED)
STREAMS = st.integers(0, noise.MAX_STREAM)
EPOCHS = st.one_of(st.integers(0, 10_000), st.integers(0, 2**40))


def bits(values: object) -> list[int]:
    """The IEEE bit patterns of floats (so -0.0 and 0.0 are told apart)."""
    return [struct.unpack("<q", struct.pack("<d", float(v)))[0] for v in values]


@settings(max_examples=60, deadline=None)
@given(SEEDS, st.lists(STREAMS, min_size=1, max_size=20), EPOCHS, st.integers(1, 5))
def test_numpy_draws_equal_the_python_draws(seed: int, streams: list, epoch: int, d: int) -> None:
    keys = noise.stream_keys(seed, np.array(streams, dtype=np.uint64))
    assert keys.tolist() == [noise.stream_key(seed, s) for s in streams]
    many = noise.normals_many(keys, epoch, d)
    assert len(many) == d
    for i, key in enumerate(keys.tolist()):
        assert bits(noise.normals(key, epoch, d)) == bits(c[i] for c in many)


@settings(max_examples=60, deadline=None)
@given(SEEDS, STREAMS, EPOCHS, st.integers(1, 40), st.integers(1, 5))
def test_a_run_of_epochs_equals_the_draws_epoch_by_epoch(
    seed: int, stream: int, first: int, count: int, d: int
) -> None:
    """normals_run (numpy, a chunk of epochs: the one-start loop's draws) is normals, in turn."""
    key = noise.stream_key(seed, stream)
    run = noise.normals_run(key, first, count, d)
    each = [x for e in range(first, first + count) for x in noise.normals(key, e, d)]
    assert len(run) == count * d and bits(run) == bits(each)


def node_json(script: str) -> object:
    exe = shutil.which("node")
    assert exe, "node is needed (scripts/test installs it)"
    out = subprocess.run([exe, "-e", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


#: (seed, stream, epoch, d): the ends of every range, and ordinary values.
TABLE = [
    (0, 0, 0, 2),
    (0, 0, 1, 2),
    (1, 0, 0, 1),
    (42, 7, 999, 2),
    (noise.MAX_SEED, noise.MAX_STREAM, 2**40, 3),
    (123456789, 2**32, 2**32, 2),
    (2**31, 2**32 - 1, 2**32 - 1, 4),
    (7, 10200, 5000, 5),
]


def test_the_javascript_generator_equals_python() -> None:
    rng = np.random.default_rng(3)
    table = TABLE + [
        (int(rng.integers(0, 2**32)), int(rng.integers(0, 2**53)), int(rng.integers(0, 10**6)), 2)
        for _ in range(200)
    ]
    script = (
        f"const N = ({noise.javascript()})();\n"
        f"const T = {json.dumps(table)};\n"
        "const out = [];\n"
        "for (const [s, st, e, d] of T) out.push(...N.normals(N.key(s, st), e, d));\n"
        "process.stdout.write(JSON.stringify(Buffer.from(new Float64Array(out).buffer)"
        ".toString('hex')));\n"
    )
    got = np.frombuffer(bytes.fromhex(node_json(script)), dtype="<f8")
    want = [z for s, st, e, d in table for z in noise.normals(noise.stream_key(s, st), e, d)]
    assert bits(got) == bits(want)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), min_size=4, max_size=4))
def test_the_draws_are_box_muller(words: list[int]) -> None:
    """Against Box–Muller with the library's log, cos and sin (which may differ in the last bit
    from one library to another: the generator writes its own)."""
    w0, w1, w2, w3 = words
    u = ((w0 >> 5) * 67108864 + (w1 >> 6) + 1) * 2.0**-53
    t = (((w2 >> 5) & 0xFFFFFF) * 67108864 + (w3 >> 6)) * 2.0**-50
    theta = ((w2 >> 29) + t) * math.pi / 4
    r = math.sqrt(-2 * math.log(u))
    z0, z1 = noise._pair(*words)
    assert z0 == pytest.approx(r * math.cos(theta), rel=1e-14, abs=1e-14)
    assert z1 == pytest.approx(r * math.sin(theta), rel=1e-14, abs=1e-14)


def test_the_largest_draw() -> None:
    # u = 2⁻⁵³ (both words' bits zero) at the angle 0: the longest radius
    z0, z1 = noise._pair(0, 0, 0, 0)
    assert z1 == 0.0
    assert z0 == pytest.approx(math.sqrt(-2 * math.log(2.0**-53)), rel=1e-15)
    assert z0 <= noise.LARGEST < z0 + 1e-3
    # u = 1 (every bit set): the radius is zero
    assert noise._pair(2**32 - 1, 2**32 - 1, 0, 0) == (0.0, 0.0)


#: The statistical tests: 10⁶ draws with a fixed seed. For standard normals the sample mean has
#: the standard error 1/√n = 0.001 and the sample variance √(2/n) ≈ 0.0014; the tolerances are
#: five of them (a true standard normal fails one with a chance below 1e-6).
N_DRAWS = 10**6
TOL_MEAN, TOL_VAR = 5 / math.sqrt(N_DRAWS), 5 * math.sqrt(2 / N_DRAWS)


@pytest.mark.parametrize("seed", [0, 1, 2024])
def test_mean_zero_and_variance_one(seed: int) -> None:
    z = noise.sample(seed, N_DRAWS)
    assert abs(z.mean()) < TOL_MEAN, z.mean()
    assert abs(z.var() - 1) < TOL_VAR, z.var()
    assert np.abs(z).max() <= noise.LARGEST


def test_the_draws_are_normal_and_independent() -> None:
    z = noise.sample(5, N_DRAWS)
    # Kolmogorov–Smirnov against Φ: the 1% critical value is 1.63/√n
    s = np.sort(z)
    cdf = 0.5 * (1 + np.vectorize(math.erf)(s / math.sqrt(2)))
    i = np.arange(1, len(s) + 1)
    ks = max(np.max(i / len(s) - cdf), np.max(cdf - (i - 1) / len(s)))
    assert ks < 1.63 / math.sqrt(len(s)), ks
    # the fourth moment of a standard normal is 3 (standard error √(96/n) ≈ 0.0098)
    assert abs(np.mean(z**4) - 3) < 5 * math.sqrt(96 / N_DRAWS)
    # no correlation: between the two draws of a pair, between epochs, and between streams
    pairs = z.reshape(-1, 2)
    tol = 5 / math.sqrt(len(pairs))
    assert abs(np.corrcoef(pairs[:, 0], pairs[:, 1])[0, 1]) < tol
    assert abs(np.corrcoef(pairs[:-1, 0], pairs[1:, 0])[0, 1]) < tol
    keys = noise.stream_keys(5, np.arange(len(pairs), dtype=np.uint64))
    across = noise.normals_many(keys, 0, 1)[0]
    assert abs(across.mean()) < 5 / math.sqrt(len(across))
    assert abs(np.corrcoef(across[:-1], across[1:])[0, 1]) < tol
    neighbour = noise.sample(5, N_DRAWS, stream=1)
    assert abs(np.corrcoef(z, neighbour)[0, 1]) < 5 / math.sqrt(N_DRAWS)


def test_a_seed_gives_the_same_draws_and_another_seed_others() -> None:
    a, b = noise.sample(11, 1000), noise.sample(11, 1000)
    assert bits(a) == bits(b)
    assert not np.array_equal(a, noise.sample(12, 1000))
    assert not np.array_equal(a, noise.sample(11, 1000, stream=1))
    # sample is the stream's draws epoch after epoch, as a 2D run takes them
    key = noise.stream_key(11, 0)
    assert bits(a[:6]) == bits([z for e in range(3) for z in noise.normals(key, e, 2)])


@pytest.mark.parametrize(("seed", "stream"), [(-1, 0), (2**32, 0), (0, -1), (0, 2**53)])
def test_keys_refuse_what_javascript_cannot_hold(seed: int, stream: int) -> None:
    with pytest.raises(ValueError, match="seed must be in"):
        noise.stream_key(seed, stream)
