"""The numbers the pages print are the engine's numbers, and every computed number is used."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from gdcore import critical_points, descend, get_landscape
from gdcore.analysis import basins, random_restart_success
from gdcore.book.numfmt import native_count, native_ordinal
from gdcore.book.pages import REGISTRY
from gdcore.book.params import BASINS, EXERCISE_LRS, SEED_START
from gdcore.book.words import LANGUAGES

BOOK = Path(__file__).resolve().parents[1] / "book"
PEAKS = get_landscape("peaks")


@pytest.fixture(scope="module")
def values() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        out[lang] = {}
        for entry in REGISTRY:
            if entry.kind == "values":
                out[lang].update(entry.make(lang, **entry.params))
    return out


def numbers(text: str) -> list[float]:
    """The numbers in a value string (LaTeX or plain; − and - both minus; 10^{n} exponents)."""
    text = text.replace("−", "-").replace("{-", "-").replace(",", " ")
    text = re.sub(r"\\times 10\^\{?(-?\d+)\}?", r"e\1", text)
    text = re.sub(r"(\d)\s+e", r"\1e", text)
    return [float(m) for m in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def close(text: str, expected: list[float] | np.ndarray, digits: int) -> bool:
    return np.allclose(numbers(text), np.asarray(expected, dtype=float), atol=0.6 * 10**-digits)


def test_every_value_is_shown_on_a_page_in_both_languages(
    values: dict[str, dict[str, str]],
) -> None:
    for lang in LANGUAGES:
        text = "".join(p.read_text(encoding="utf-8") for p in (BOOK / lang).glob("*.md"))
        unused = [k for k in values[lang] if "{{ " + k + " }}" not in text]
        assert not unused, f"{lang}: computed but never shown: {unused}"


#: Korean small counts written in native numerals (세 개, 스물한 가지, 첫 번째) and their numbers.
NATIVE = {native_count(n): float(n) for n in range(1, 100)} | {native_ordinal(1): 1.0}


def test_languages_show_the_same_numbers(values: dict[str, dict[str, str]]) -> None:
    for key, ko in values["ko"].items():
        shown = [NATIVE[ko]] if ko in NATIVE else numbers(ko)
        assert shown == numbers(values["en"][key]), key


def test_native_counts_are_read_back_as_their_numbers() -> None:
    assert NATIVE["세"] == 3.0 and NATIVE["스물한"] == 21.0 and NATIVE["첫"] == 1.0
    assert len(NATIVE) == 100  # 99 counts and 첫, every word distinct


def test_seed_run_and_its_minimum(values: dict[str, dict[str, str]]) -> None:
    v = values["en"]
    run = descend(PEAKS, SEED_START, learning_rate=0.01, epochs=1000)
    assert close(v["seed_end"], run.final, 6)
    assert close(v["seed_end"], [0.296445553846832, 0.320196247666835], 6)
    assert close(v["ex_end_1000"], run.final, 6)
    h = PEAKS.hessian(run.final)
    d = h[0, 0] * h[1, 1] - h[0, 1] ** 2  # the second-derivative test
    assert close(v["seed_D"], [d], 2) and close(v["seed_fxx"], [h[0, 0]], 2)
    assert d > 0 and h[0, 0] > 0
    assert v["seed_end_grad"] == "$10^{-15}$"  # rounding level: its order, never its digits


def test_exercise_numbers_equal_the_engines(values: dict[str, dict[str, str]]) -> None:
    v = values["en"]
    lr1, lr2, lr3 = EXERCISE_LRS
    long = descend(PEAKS, SEED_START, learning_rate=0.01, epochs=10_000)
    assert close(v["ex_end_10000"], long.final, 6)
    assert v["ex_epochs_diff"] == "$0$"
    half = descend(PEAKS, SEED_START, learning_rate=lr2, epochs=1000)
    assert close(v["ex_lr2_first"], half.path[1], 3)
    assert close(v["ex_lr2_end"], half.final, 3)
    assert close(v["ex_lr2_end"], [-3.36496, -2.35064], 3)
    assert half.left_domain
    tiny = descend(PEAKS, SEED_START, learning_rate=lr3, epochs=1000)
    assert close(v["ex_lr3_end"], [0.00314341526614904, 1.33227970009077], 4)
    assert close(v["ex_lr3_moved"], [np.linalg.norm(tiny.final - SEED_START)], 4)
    lam = max(
        (c for c in critical_points(PEAKS) if c.kind == "min"),
        key=lambda c: -np.linalg.norm(c.x - long.final),
    ).eigenvalues.max()
    assert close(v["ex_lr_limit"], [2, 2 / lam], 3)
    assert lr1 < 2 / lam < lr2  # why 0.1 converges and 0.5 cannot
    assert close(v["ex_lr_limit"], [2, 0.127], 3)


def test_minima_numbers_equal_the_engines(values: dict[str, dict[str, str]]) -> None:
    v = values["en"]
    points = critical_points(PEAKS)
    assert (v["n_min"], v["n_saddle"], v["n_max"], v["n_critical"]) == ("3", "3", "3", "9")
    assert v["cp_table"].count("\n| ") == 9
    result = basins(PEAKS, **BASINS)
    assert v["share_global"] == f"{100 * result.global_share:.1f}%"
    assert v["restart_p5"] == f"{100 * random_restart_success(result.global_share, 5):.1f}%"
    gmin = next(c for c in points if c.is_global_min)
    assert close(v["global_min"], gmin.x, 4)
    up = descend(PEAKS, SEED_START, learning_rate=0.01, epochs=1000, ascent=True)
    assert close(v["ascent_end"], up.final, 4)
    assert close(v["ascent_end"], [-0.0093, 1.5814], 4)


def test_safe_bound_uses_the_largest_upward_curvature(values: dict[str, dict[str, str]]) -> None:
    """L is the largest eigenvalue of the Hessian over the basin map's grid, not the largest in
    size: peaks bends down more sharply than it bends up, so the two differ and 2/L differs."""
    (x0, x1), (y0, y1) = PEAKS.domain
    grid = BASINS["grid"]
    xs, ys = np.meshgrid(np.linspace(x0, x1, grid), np.linspace(y0, y1, grid))
    starts = np.stack([xs.ravel(), ys.ravel()], axis=-1)
    eig = np.array([np.linalg.eigvalsh(PEAKS.hessian(p)) for p in starts])
    upward, in_size = float(eig.max()), float(np.abs(eig).max())
    assert in_size > upward + 0.5, (upward, in_size)
    for lang in LANGUAGES:
        assert close(values[lang]["safe_L"], [upward], 2)
        assert close(values[lang]["safe_lr"], [2, 2 / upward], 5)
        # the finer search between the grid points finds a value at least as large
        assert numbers(values[lang]["safe_L_map"])[0] >= round(upward, 2)


def test_1d_and_separable_numbers(values: dict[str, dict[str, str]]) -> None:
    v = values["en"]
    assert close(v["recap_min"], [0.5], 6)
    assert v["ripple_df0"] == "$f'(0) = 0$" and v["ripple_end0"] == "$x = 0$"
    assert v["sep_diff"] == "$0$"  # the 2D run is the two 1D runs, to the last bit
    assert close(v["sep_mixed"], [0], 6) and not close(v["peaks_mixed"], [0], 3)
