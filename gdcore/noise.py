"""Gradient noise: one small seeded generator of standard normal draws, for Python and JavaScript.

A minibatch gradient is the full gradient plus an error; the engine models it as ``∇f + σ·ξ`` with
``ξ`` standard normal (:data:`gdcore.rule.NOISY_PARTIAL`). The draws come from this module, the
same bits in the engine (:func:`normals` on Python floats, :func:`normals_many` on numpy
columns, one column a stream; :func:`normals_run`, one stream's epochs on numpy columns, for the
one-start loop) and in the browser (:func:`javascript`), so a seed gives the same run in both.

The generator is counter-based: a draw is a pure function of ``(seed, stream, epoch)``, with no
state carried from one draw to the next. So a start's draws do not depend on which other starts
run beside it, and a batch of starts equals the same starts run one at a time.

* **Words.** ``stream_key(seed, stream)`` hashes the seed and the stream into one 32-bit key;
  the draws of epoch ``k`` for a ``d``-dimensional point take ``P = ⌈d/2⌉`` blocks, block
  ``c = k·P + p`` (``p = 0 … P−1``). A block is four 32-bit words:
  ``x = mix(key ^ mix(c_lo ^ mix(c_hi)))`` and ``w_i = mix(x + (i + 1)·0x9E3779B9)``, where
  ``mix`` is Chris Wellons' ``lowbias32`` integer hash (a bijection of 32-bit words with strong
  avalanche). Only 32-bit integer operations: ``Math.imul`` and ``>>>`` in JavaScript.
* **Uniforms.** ``u = (a + 1)·2⁻⁵³ ∈ (0, 1]`` from the top 27 bits of ``w_0`` and 26 of ``w_1``
  (as numpy's legacy ``random_sample``); an angle ``(o + t)·π/4`` from ``w_2`` and ``w_3``: the
  octant ``o`` from the top 3 bits of ``w_2``, ``t ∈ [0, 1)`` from the next 50 bits.
* **Normals** by Box–Muller: ``ξ₀ = r cos θ``, ``ξ₁ = r sin θ`` with ``r = √(−2 ln u)``. The
  logarithm, sine and cosine are written out here with ``+ − × ÷`` and ``√`` only, which IEEE
  754 rounds correctly in every language (a library's ``log`` or ``cos`` may differ in the last
  bit between Python and a browser): ``ln u = e·ln 2 + 2 artanh((m − 1)/(m + 1))`` with
  ``u = m·2^e``, ``m ∈ [√½, √2)`` (series to ``f²¹``), and ``sin γ``, ``cos γ`` by their Taylor
  series on ``γ ∈ [0, π/4]`` (to ``γ¹⁵``, ``γ¹⁶``), the octant by exact symmetries. Each is
  within about 1e-16 of the true function; what matters more is that the three copies perform
  the same operations in the same order, which the tests check bit for bit.

``|ξ|`` is at most :data:`LARGEST` (``u ≥ 2⁻⁵³``).
"""

from __future__ import annotations

import json
import math
from fractions import Fraction

import numpy as np

from gdcore._typing import Array

#: Seeds are 32-bit words; streams are integers JavaScript holds exactly.
MAX_SEED = 2**32 - 1
MAX_STREAM = 2**53 - 1
#: The largest ``|ξ|`` the generator can draw: ``√(−2 ln 2⁻⁵³)``, rounded up.
LARGEST = 8.5718
#: Elementary operations per block of two draws (the hash, the uniforms, Box–Muller), for
#: :func:`gdcore.descent.work`.
OPERATIONS = 150

_M = 0xFFFFFFFF
_SEED_SALT, _STREAM_SALT, _GOLDEN = 0x6A09E667, 0xBB67AE85, 0x9E3779B9
_WEYL = tuple((_GOLDEN * (i + 1)) & _M for i in range(4))
_TWO_26 = 67108864.0
_TWO_M53 = 2.0**-53
_TWO_M50 = 2.0**-50
_SQRT_HALF = math.sqrt(0.5)
_LN2 = math.log(2.0)
_QUARTER_PI = math.pi / 4
#: 2 artanh f = Σ 2 f^(2k+1) / (2k+1): the coefficients of f^(2k), k = 0 … 10.
_LOG = tuple(float(Fraction(2, 2 * k + 1)) for k in range(11))
#: sin γ = γ + γ·γ²·Σ S_k γ^(2k), S_k = (−1)^(k+1) / (2k+3)!, k = 0 … 6 (to γ¹⁵).
_SIN = tuple(float(Fraction((-1) ** (k + 1), math.factorial(2 * k + 3))) for k in range(7))
#: cos γ = 1 + γ²·Σ C_k γ^(2k), C_k = (−1)^(k+1) / (2k+2)!, k = 0 … 7 (to γ¹⁶).
_COS = tuple(float(Fraction((-1) ** (k + 1), math.factorial(2 * k + 2))) for k in range(8))
#: θ = q·π/2 + δ: (cos θ, sin θ) = (A cos δ + B sin δ, C cos δ + D sin δ), by the quarter q.
_TURN = ((1.0, 0.0, -1.0, 0.0), (0.0, -1.0, 0.0, 1.0), (0.0, 1.0, 0.0, -1.0), (1.0, 0.0, -1.0, 0.0))


# --- Python floats: one block at a time -------------------------------------------------------
def _mix(x: int) -> int:
    """lowbias32: a bijection of 32-bit words."""
    x ^= x >> 16
    x = (x * 0x7FEB352D) & _M
    x ^= x >> 15
    x = (x * 0x846CA68B) & _M
    return x ^ (x >> 16)


def _check(seed: int, stream: int) -> None:
    if not (0 <= seed <= MAX_SEED and 0 <= stream <= MAX_STREAM):
        raise ValueError(f"seed must be in [0, {MAX_SEED}] and stream in [0, {MAX_STREAM}]")


def stream_key(seed: int, stream: int) -> int:
    """The 32-bit key of ``stream`` under ``seed`` (``0 ≤ seed < 2³²``, ``0 ≤ stream < 2⁵³``)."""
    _check(seed, stream)
    k = _mix(seed ^ _SEED_SALT)
    k = _mix(k ^ (stream & _M))
    return _mix(k ^ (stream >> 32) ^ _STREAM_SALT)


def _block(key: int, counter: int) -> tuple[int, int, int, int]:
    x = _mix(key ^ _mix((counter & _M) ^ _mix(counter >> 32)))
    return tuple(_mix((x + w) & _M) for w in _WEYL)


def _pair(w0: int, w1: int, w2: int, w3: int) -> tuple[float, float]:
    """Box–Muller on the block's words: two standard normal draws."""
    u = float((w0 >> 5) * 67108864 + (w1 >> 6) + 1) * _TWO_M53
    m, e = u, 0.0
    while m < _SQRT_HALF:  # u = m·2^e with m in [√½, √2); doubling is exact
        m *= 2.0
        e -= 1.0
    f = (m - 1.0) / (m + 1.0)
    f2 = f * f
    p = _LOG[10]
    for c in _LOG[9::-1]:
        p = c + f2 * p
    r = math.sqrt(-2.0 * (e * _LN2 + f * p))
    octant = w2 >> 29
    t = float(((w2 >> 5) & 0xFFFFFF) * 67108864 + (w3 >> 6)) * _TWO_M50
    odd = octant & 1
    # the angle (o + t)·π/4 is q·π/2 + δ with δ = ±γ, γ in [0, π/4]: γ = t·π/4 in an even
    # octant, (1 − t)·π/4 in an odd one (then δ = −γ); each selection an exact product
    gamma = (t + odd * (1.0 - 2.0 * t)) * _QUARTER_PI
    g2 = gamma * gamma
    s = _SIN[6]
    for k in _SIN[5::-1]:
        s = k + g2 * s
    sin = (gamma + gamma * (g2 * s)) * (1.0 - 2.0 * odd)
    c = _COS[7]
    for k in _COS[6::-1]:
        c = k + g2 * c
    cos = 1.0 + g2 * c
    q = ((octant + odd) >> 1) & 3
    a, b, cc, d = (row[q] for row in _TURN)
    return r * (a * cos + b * sin), r * (cc * cos + d * sin)


def normals(key: int, epoch: int, d: int) -> tuple[float, ...]:
    """The ``d`` draws of ``epoch`` in the stream with ``key`` (:func:`stream_key`)."""
    pairs = (d + 1) // 2
    out: list[float] = []
    for p in range(pairs):
        out.extend(_pair(*_block(key, epoch * pairs + p)))
    return tuple(out[:d])


# --- numpy: many streams at once, the same operations ------------------------------------------
_U16, _U15, _U5, _U6, _U29 = (np.uint32(s) for s in (16, 15, 5, 6, 29))
_C1, _C2 = np.uint32(0x7FEB352D), np.uint32(0x846CA68B)
_TURN_ARRAY = np.array(_TURN)


def _mix_many(x: np.ndarray) -> np.ndarray:
    """:func:`_mix` on a uint32 array (products wrap modulo 2³², as the words do)."""
    x = x ^ (x >> _U16)
    x = x * _C1
    x = x ^ (x >> _U15)
    x = x * _C2
    return x ^ (x >> _U16)


def stream_keys(seed: int, streams: np.ndarray) -> np.ndarray:
    """:func:`stream_key` of each of ``streams`` (integers), as a uint32 array."""
    s = np.asarray(streams, dtype=np.uint64)
    if s.size:
        _check(seed, int(s.max()))
    k = _mix_many(
        np.full(s.shape, _mix(seed ^ _SEED_SALT), dtype=np.uint32) ^ (s & _M).astype(np.uint32)
    )
    return _mix_many(k ^ (s >> np.uint64(32)).astype(np.uint32) ^ np.uint32(_STREAM_SALT))


def _pair_many(w0, w1, w2, w3) -> tuple[Array, Array]:
    f64 = np.float64
    u = ((w0 >> _U5).astype(f64) * _TWO_26 + (w1 >> _U6).astype(f64) + 1.0) * _TWO_M53
    fm, fe = np.frexp(u)  # exact: the same m and e as the doubling loop of _pair
    low = (fm < _SQRT_HALF).astype(f64)
    m = fm * (1.0 + low)  # fm·2 where fm < √½: exact
    e = fe.astype(f64) - low
    f = (m - 1.0) / (m + 1.0)
    f2 = f * f
    p = np.full_like(f, _LOG[10])
    for c in _LOG[9::-1]:  # p = c + f2·p, in place
        np.multiply(f2, p, out=p)
        np.add(p, c, out=p)
    r = np.sqrt(-2.0 * (e * _LN2 + f * p))
    octant = w2 >> _U29
    t = (
        ((w2 >> _U5) & np.uint32(0xFFFFFF)).astype(f64) * _TWO_26 + (w3 >> _U6).astype(f64)
    ) * _TWO_M50
    odd = octant & np.uint32(1)
    oddf = odd.astype(f64)
    gamma = (t + oddf * (1.0 - 2.0 * t)) * _QUARTER_PI
    g2 = gamma * gamma
    s = np.full_like(g2, _SIN[6])
    for k in _SIN[5::-1]:
        np.multiply(g2, s, out=s)
        np.add(s, k, out=s)
    sin = (gamma + gamma * (g2 * s)) * (1.0 - 2.0 * oddf)
    c = np.full_like(g2, _COS[7])
    for k in _COS[6::-1]:
        np.multiply(g2, c, out=c)
        np.add(c, k, out=c)
    cos = 1.0 + g2 * c
    q = (((octant + odd) >> np.uint32(1)) & np.uint32(3)).astype(np.intp)
    a, b, cc, d = (row.take(q) for row in _TURN_ARRAY)
    return r * (a * cos + b * sin), r * (cc * cos + d * sin)


def normals_many(keys: np.ndarray, epoch: int, d: int) -> list[Array]:
    """The ``d`` draws of ``epoch`` for each key of ``keys`` (uint32, from :func:`stream_keys`):
    ``d`` arrays shaped like ``keys``, each equal bit for bit to :func:`normals` of its key."""
    pairs = (d + 1) // 2
    out: list[Array] = []
    for p in range(pairs):
        counter = epoch * pairs + p
        x = _mix_many(keys ^ np.uint32(_mix((counter & _M) ^ _mix(counter >> 32))))
        words = [_mix_many(x + np.uint32(w)) for w in _WEYL]
        out.extend(_pair_many(*words))
    return out[:d]


def _blocks_run(key: int, counters: np.ndarray) -> Array:
    """The two draws of each block ``counters`` (uint64) of the stream with ``key``: shape
    ``(len(counters), 2)``, each row equal bit for bit to :func:`_pair` of :func:`_block`."""
    lo = (counters & np.uint64(_M)).astype(np.uint32)
    hi = _mix_many((counters >> np.uint64(32)).astype(np.uint32))
    x = _mix_many(np.uint32(key) ^ _mix_many(lo ^ hi))
    return np.stack(_pair_many(*(_mix_many(x + np.uint32(w)) for w in _WEYL)), axis=1)


def normals_run(key: int, first: int, count: int, d: int) -> list[float]:
    """The draws of the ``count`` epochs from ``first`` in the stream with ``key``, ``d`` an
    epoch, one flat list: equal bit for bit to :func:`normals` of each epoch in turn, computed
    on numpy columns (a one-start run draws a chunk of epochs at once, not a block an epoch)."""
    pairs = (d + 1) // 2
    counters = np.arange(first * pairs, (first + count) * pairs, dtype=np.uint64)
    return _blocks_run(key, counters).reshape(count, 2 * pairs)[:, :d].ravel().tolist()


def sample(seed: int, size: int, stream: int = 0) -> Array:
    """``size`` draws of one stream: the two draws of epoch 0, then of epoch 1, … (as a 2D run
    draws them)."""
    counters = np.arange((size + 1) // 2, dtype=np.uint64)
    return _blocks_run(stream_key(seed, stream), counters).ravel()[:size]


# --- JavaScript: the same operations -------------------------------------------------------------
def _horner(name: str, coefficients: tuple[float, ...], var: str) -> str:
    """``p = c_n; p = c_{n-1} + var * p; …`` as JavaScript, in the order of the Python loops."""
    lines = [f"let {name} = {coefficients[-1]!r};"]
    lines += [f"{name} = {c!r} + {var} * {name};" for c in coefficients[-2::-1]]
    return " ".join(lines)


def javascript() -> str:
    """``function gdNoise() {…}``: returns ``{key(seed, stream), normals(key, epoch, d)}``, the
    generator of :func:`stream_key` and :func:`normals`, the same operations in the same order."""
    w = ", ".join(f"0x{v:08x}" for v in _WEYL)
    return f"""function gdNoise() {{
  "use strict";
  const mix = (x) => {{
    x ^= x >>> 16; x = Math.imul(x, 0x7feb352d); x ^= x >>> 15; x = Math.imul(x, 0x846ca68b);
    return (x ^ (x >>> 16)) >>> 0;
  }};
  const W = [{w}];
  const [A, B, C, D] = {json.dumps([[int(v) for v in row] for row in _TURN])};
  const hi = (n) => Math.floor(n / 4294967296);
  function key(seed, stream) {{
    const k = mix(mix(seed ^ 0x{_SEED_SALT:08x}) ^ (stream % 4294967296));
    return mix(k ^ hi(stream) ^ 0x{_STREAM_SALT:08x});
  }}
  function pair(k, counter, out) {{
    const x = mix(k ^ mix((counter % 4294967296) ^ mix(hi(counter))));
    const [w0, w1, w2, w3] = W.map((v) => mix((x + v) >>> 0));
    const u = ((w0 >>> 5) * 67108864 + (w1 >>> 6) + 1) * {_TWO_M53!r};
    let m = u, e = 0;
    while (m < {_SQRT_HALF!r}) {{ m *= 2; e -= 1; }}
    const f = (m - 1) / (m + 1), f2 = f * f;
    {_horner("p", _LOG, "f2")}
    const r = Math.sqrt(-2 * (e * {_LN2!r} + f * p));
    const octant = w2 >>> 29, odd = octant & 1;
    const t = (((w2 >>> 5) & 0xffffff) * 67108864 + (w3 >>> 6)) * {_TWO_M50!r};
    const g = (t + odd * (1 - 2 * t)) * {_QUARTER_PI!r}, g2 = g * g;
    {_horner("s", _SIN, "g2")}
    {_horner("c", _COS, "g2")}
    const sin = (g + g * (g2 * s)) * (1 - 2 * odd), cos = 1 + g2 * c;
    const q = ((octant + odd) >> 1) & 3;
    out.push(r * (A[q] * cos + B[q] * sin), r * (C[q] * cos + D[q] * sin));
  }}
  function normals(k, epoch, d) {{
    const pairs = (d + 1) >> 1, out = [];
    for (let p = 0; p < pairs; p++) pair(k, epoch * pairs + p, out);
    return out.slice(0, d);
  }}
  return {{ key, normals }};
}}"""
