"""Exercises 8–11 (loss curves, momentum, noise): their numbers are the engine's, their claims
hold for the reasons they give, and each links a playground preset that runs what it asks."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from gdcore import critical_points, descend, get_landscape
from gdcore.book.numfmt import native_count
from gdcore.book.pages import exercises
from gdcore.book.pages.playground import PRESETS, best_momentum, best_plain
from gdcore.book.params import (
    EX_LOSS,
    EX_MOMENTUM,
    EX_NOISE,
    EX_PEAKS_MOMENTUM,
    PLAYGROUND_TOL,
)
from gdcore.book.words import LANGUAGES

BOOK = Path(__file__).resolve().parents[1] / "book"
PARAMS = exercises._BEYOND
PRESET = {p.key: p for p in PRESETS}


@pytest.fixture(scope="module")
def values() -> dict[str, str]:
    return exercises.beyond_values("en", **PARAMS)


@pytest.fixture(scope="module")
def claims() -> dict:
    return exercises.beyond_claims("en", **PARAMS)


def number(text: str) -> float:
    """The last number in a value's text (after its formula's '=')."""
    return float(re.findall(r"-?\d+(?:\.\d+)?", text.replace("{-", "-").replace(",", ""))[-1])


def test_every_claim_holds_and_every_case_is_counted(claims: dict) -> None:
    assert claims and all(c.holds for c in claims.values()), {
        k: c.evidence for k, c in claims.items() if not c.holds
    }
    assert claims["ex8_flat_sets_slope"].cases > 10  # one case per epoch of the late band


def test_the_languages_show_the_same_numbers() -> None:
    ko, en = (exercises.beyond_values(lang, **PARAMS) for lang in LANGUAGES)
    # numbers and formulas only, but for a count Korean writes in its own numerals
    assert ko.pop("ex11_n") == native_count(len(EX_NOISE["seeds"]))
    assert en.pop("ex11_n") == str(len(EX_NOISE["seeds"]))
    assert ko == en


def test_loss_late_ratio_is_the_flat_factor_squared(values: dict[str, str]) -> None:
    """Exercise 8's prediction, from the Hessian alone, against a plain loop of its own."""
    eta = EX_LOSS["learning_rate"]
    x, y = EX_LOSS["start"]
    f = []
    for _ in range(200):
        f.append(x * x + 10 * y * y)
        x, y = x - eta * 2 * x, y - eta * 20 * y
    f = np.array(f)
    high, low = EX_LOSS["band"]
    band = np.flatnonzero((f[:-1] < high) & (f[:-1] > low))
    np.testing.assert_allclose(f[band + 1] / f[band], (1 - eta * 2) ** 2, rtol=1e-9)
    assert number(values["ex8_sq_min"]) == pytest.approx((1 - eta * 2) ** 2, abs=5e-5)
    assert number(values["ex8_sq_max"]) == pytest.approx((1 - eta * 20) ** 2, abs=5e-5)
    assert (int(values["ex8_window_lo"]), int(values["ex8_window_hi"])) == (band[0], band[-1])
    assert number(values["ex8_tenfold"]) == pytest.approx(
        math.log(10) / -math.log((1 - eta * 2) ** 2), abs=0.05
    )


def test_momentum_needs_fewer_epochs_than_plain_descent(values: dict[str, str]) -> None:
    """Exercise 9: the presets are the best settings of the quadratic model, and the epochs the
    page quotes are the ones the engine (and so the playground) stops at."""
    beta, eta = best_momentum()
    assert (PRESET["bowl_momentum"].momentum, PRESET["bowl_momentum"].lr) == (beta, eta)
    assert PRESET["bowl_best"].lr == best_plain() == pytest.approx(2 / 22, rel=1e-3)
    bowl = get_landscape("elongated_bowl")
    runs = [
        descend(bowl, EX_MOMENTUM["start"], learning_rate=lr, epochs=EX_MOMENTUM["epochs"],
                momentum=m, tol=PLAYGROUND_TOL)
        for lr, m in ((best_plain(), 0.0), (eta, beta))
    ]  # fmt: skip
    assert [r.status for r in runs] == ["converged", "converged"]
    assert int(values["ex9_plain_epochs"]) == runs[0].epochs_run
    assert int(values["ex9_ball_epochs"]) == runs[1].epochs_run < runs[0].epochs_run
    assert number(values["ex9_rho_plain"]) == pytest.approx(9 / 11, abs=5e-4)
    root = math.sqrt(10)
    assert number(values["ex9_rho_ball"]) == pytest.approx((root - 1) / (root + 1), abs=5e-4)


def test_heavy_ball_rate_is_plain_descents_without_momentum() -> None:
    lams = (2.0, 20.0)
    for lr in (0.01, 0.05, 0.0909, 0.1):
        assert exercises.heavy_ball_rate(lr, 0.0, lams) == pytest.approx(
            max(abs(1 - lr * lam) for lam in lams)
        )
    # at the exact best pair both roots have the size √β* for both eigenvalues
    root = math.sqrt(10)
    beta = ((root - 1) / (root + 1)) ** 2
    eta = 4 / (math.sqrt(20) + math.sqrt(2)) ** 2
    assert exercises.heavy_ball_rate(eta, beta, lams) == pytest.approx(math.sqrt(beta), rel=1e-6)


def test_each_new_exercise_links_a_preset_that_exists() -> None:
    for lang in LANGUAGES:
        text = (BOOK / lang / "exercises.md").read_text(encoding="utf-8")
        sections = re.split(r"\n## ", text)
        for number_, keys in (
            (8, {"bowl_loss"}),
            (9, {"bowl_best", "bowl_momentum"}),
            (10, {"lr_large", "momentum_reference", "momentum_deep"}),
            (11, {"noise"}),
            (12, {"bowl_best"}),
        ):
            section = next(s for s in sections if re.match(rf"\S+ {number_}\.|연습 {number_}\.", s))
            linked = set(re.findall(r"\{playground-preset\}`(\w+)`", section))
            assert linked == keys, (lang, number_, linked)
            assert linked <= set(PRESET)


def test_momentum_on_peaks_runs_are_the_presets(values: dict[str, str]) -> None:
    """Exercise 10: the two momentum presets are its runs with momentum, lr_large its run from the
    reference start without; where each run ends is the engine's."""
    pm = EX_PEAKS_MOMENTUM
    for key, start in zip(("momentum_reference", "momentum_deep"), pm["starts"], strict=True):
        p = PRESET[key]
        assert (p.landscape, p.start, p.lr, p.epochs, p.momentum) == (
            "peaks", start, pm["learning_rate"], pm["epochs"], pm["momentum"],
        )  # fmt: skip
    plain = PRESET["lr_large"]
    assert (plain.start, plain.lr, plain.epochs, plain.momentum) == (
        pm["starts"][0], pm["learning_rate"], pm["epochs"], 0.0,
    )  # fmt: skip
    peaks = get_landscape("peaks")
    ball = descend(peaks, pm["starts"][0], learning_rate=pm["learning_rate"], epochs=pm["epochs"],
                   momentum=pm["momentum"], tol=PLAYGROUND_TOL)  # fmt: skip
    assert ball.status == "converged" and not peaks.contains(ball.final)
    assert int(values["ex10_ref_ball_epochs"]) == ball.epochs_run
    gmin = next(c for c in critical_points(peaks) if c.is_global_min)
    assert number(values["ex10_global_limit0"]) == pytest.approx(
        2 / gmin.eigenvalues.max(), abs=5e-5
    )
    assert number(values["ex10_global_limit9"]) == pytest.approx(
        2 * (1 + pm["momentum"]) / gmin.eigenvalues.max(), abs=5e-5
    )


def test_noisy_runs_are_the_noise_presets_with_other_seeds(values: dict[str, str]) -> None:
    """Exercise 11: the noise preset is its first seed's run; the distances it quotes are the
    engine's for each seed, in order."""
    p = PRESET["noise"]
    assert (p.start, p.lr, p.epochs, p.noise, p.seed) == (
        EX_NOISE["start"], EX_NOISE["learning_rate"], EX_NOISE["epochs"], EX_NOISE["noise"],
        EX_NOISE["seeds"][0],
    )  # fmt: skip
    peaks = get_landscape("peaks")
    ref = exercises.seed_minimum()
    quoted = [float(x) for x in re.findall(r"\d+\.\d+", values["ex11_dists"])]
    assert len(quoted) == len(EX_NOISE["seeds"])
    for seed, shown in zip(EX_NOISE["seeds"], quoted, strict=True):
        run = descend(peaks, p.start, learning_rate=p.lr, epochs=p.epochs, noise=p.noise,
                      seed=seed, tol=PLAYGROUND_TOL)  # fmt: skip
        assert shown == pytest.approx(float(np.linalg.norm(run.final - ref.x)), abs=5e-4)
    # a different seed gives a different end: the seed is what changes
    assert len(set(quoted)) == len(quoted)


def test_one_newton_step_lands_on_the_bowls_minimum(values: dict[str, str]) -> None:
    """Exercise 12: Newton's step from the bowl's start, and from other starts, lands on the
    minimum; the plain step the page quotes is the engine's first step of the preset's run."""
    bowl = get_landscape("elongated_bowl")
    for start in (EX_MOMENTUM["start"], (1.0, 1.0), (-0.3, 2.7)):
        x = np.array(start)
        assert np.allclose(x - np.linalg.solve(bowl.hessian(x), bowl.gradient(x)), 0, atol=1e-15)
    p = PRESET["bowl_best"]
    first = descend(bowl, p.start, learning_rate=p.lr, epochs=1).final
    shown = [
        float(v) for v in re.findall(r"-?\d+\.\d+", values["ex12_plain_end"].replace("{-", "-"))
    ]
    np.testing.assert_allclose(shown, first, atol=5e-4)
    assert number(values["ex12_plain_share"]) == pytest.approx(
        np.linalg.norm(first) / np.linalg.norm(p.start), abs=5e-4
    )
