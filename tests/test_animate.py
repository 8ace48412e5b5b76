"""gdcore.book.animate's encoding: the 1× animation lossless (its colours exact), the 2× one lossy
(smaller), both deterministic, and a bad scale refused."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from gdcore.book.animate import Animation, encode_webp


def _frames(scale: int) -> Animation:
    """A vermilion dot moving over a smooth ramp: what a path over a colour map looks like."""
    h, w = 40 * scale, 60 * scale
    y, x = np.mgrid[0:h, 0:w] / scale
    field = np.sin(x / 3.1) * np.cos(y / 2.3) + np.sin((x + y) / 5.7)  # a map's smooth shading
    ramp = np.stack([90 + 40 * field, 140 + 50 * field, 120 - 45 * field], axis=2).astype(np.uint8)
    frames = []
    for k in range(6):
        f = ramp.copy()
        f[10 * scale : 20 * scale, (5 + 8 * k) * scale : (15 + 8 * k) * scale] = (213, 94, 0)
        frames.append(f)
    return Animation(tuple(frames), (80,) * len(frames))


def _decoded(data: bytes) -> list[np.ndarray]:
    image = Image.open(io.BytesIO(data))
    out = []
    for i in range(image.n_frames):
        image.seek(i)
        out.append(np.asarray(image.convert("RGB")))
    return out


def test_one_x_is_exact_and_two_x_is_lossy_smaller_and_deterministic() -> None:
    one, two = _frames(1), _frames(2)
    data = encode_webp(one)
    assert all(np.array_equal(a, b) for a, b in zip(_decoded(data), one.frames, strict=True))
    sharp = encode_webp(two, scale=2)
    assert sharp == encode_webp(two, scale=2)  # the same bytes every build
    decoded = _decoded(sharp)
    assert [d.shape for d in decoded] == [f.shape for f in two.frames]
    assert not all(np.array_equal(a, b) for a, b in zip(decoded, two.frames, strict=True))
    assert (
        max(np.abs(a.astype(int) - b).mean() for a, b in zip(decoded, two.frames, strict=True)) < 4
    )
    assert len(sharp) < len(encode_webp(two))  # lossy: smaller than the same frames lossless


def test_a_bad_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="scale must be 1 or 2; got 3"):
        encode_webp(_frames(1), scale=3)
