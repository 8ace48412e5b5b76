"""The lesson's plain code (shown on the pages) computes what the engine computes."""

from __future__ import annotations

import numpy as np

from gdcore import descend, get_landscape
from gdcore.book.lesson import derivative_1d, descend_1d, descend_2d


def test_1d_code_equals_the_engine() -> None:
    plain = descend_1d(-1.5, 0.05, 40)
    engine = descend(get_landscape("parabola"), -1.5, learning_rate=0.05, epochs=40)
    np.testing.assert_allclose(plain, engine.path[:, 0], rtol=1e-13, atol=1e-13)
    assert derivative_1d(0.5) == 0


def test_2d_code_equals_the_engine_and_the_seed() -> None:
    plain = descend_2d((0, 1.4), 0.01, 1000)
    engine = descend(get_landscape("peaks"), (0, 1.4), learning_rate=0.01, epochs=1000)
    np.testing.assert_allclose(plain, engine.path, rtol=1e-11, atol=1e-11)
    np.testing.assert_allclose(plain[-1], (0.296445553846832, 0.320196247666835), atol=1e-9)
