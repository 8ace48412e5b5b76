"""The gradient-noise page: its helpers against the engine and against arrays made by hand."""

from __future__ import annotations

import numpy as np
import pytest

from gdcore.analysis import basins
from gdcore.book import theme
from gdcore.book.pages import noise, shared
from gdcore.descent import descend
from gdcore.landscape import get_landscape


def test_the_predicted_spread_is_sigma_times_the_root_of_eta_over_two_lambda() -> None:
    got = noise.predicted_spread(2.0, 0.01, np.array([4.0, 25.0]))
    np.testing.assert_allclose(got, [2 * np.sqrt(0.01 / 8), 2 * np.sqrt(0.01 / 50)], rtol=1e-15)
    assert noise.predicted_spread(0.0, 0.01, np.array([1.0])).tolist() == [0.0]


@pytest.mark.parametrize(
    ("sigma", "lr", "lams"), [(-1.0, 0.01, [1.0]), (1.0, 0.0, [1.0]), (1.0, 0.01, [1.0, -2.0])]
)
def test_the_predicted_spread_refuses_what_the_model_does_not_cover(
    sigma: float, lr: float, lams: list[float]
) -> None:
    with pytest.raises(ValueError, match="sigma must be >= 0, learning_rate > 0"):
        noise.predicted_spread(sigma, lr, np.array(lams))


def test_rms_along_is_the_root_mean_square_of_each_component() -> None:
    errors = np.array([[3.0, 0.0], [-1.0, 2.0], [0.0, -2.0]])
    axes = np.eye(2)
    np.testing.assert_allclose(noise.rms_along(errors, axes), [np.sqrt(10 / 3), np.sqrt(8 / 3)])
    # a turned frame: the components along the diagonals
    turn = np.array([[1.0, -1.0], [1.0, 1.0]]) / np.sqrt(2)
    along = errors @ turn
    np.testing.assert_allclose(
        noise.rms_along(errors, turn), np.sqrt(np.mean(along**2, axis=0)), rtol=1e-15
    )


def test_the_quadratic_models_spread_holds_on_an_exact_bowl() -> None:
    """On x² + 10y² (λ = 2 and 20) the model's σ√(η/(2λ)) is what many seeded runs measure, to
    within the ηλ the model drops and the sampling: the formula the page compares with."""
    bowl = get_landscape("elongated_bowl")
    runs, lr, sigma = 400, 0.005, 1.0
    run = descend(bowl, np.zeros((runs, 2)), learning_rate=lr, epochs=600, noise=sigma, seed=3)
    errors = run.path[:, 200:, :].reshape(-1, 2)
    measured = noise.rms_along(errors, np.eye(2))
    exact = sigma * np.sqrt(lr / (np.array([2.0, 20.0]) * (2 - lr * np.array([2.0, 20.0]))))
    np.testing.assert_allclose(measured, exact, rtol=0.05)
    np.testing.assert_allclose(
        noise.predicted_spread(sigma, lr, np.array([2.0, 20.0])), exact, rtol=0.03
    )


def test_the_noisy_run_is_the_engines_seeded_run_and_the_first_of_the_spread_runs() -> None:
    r = noise.RUN
    again = descend(get_landscape("peaks"), r["start"], learning_rate=r["learning_rate"],
                    epochs=r["epochs"], noise=r["noise"], seed=noise.RUN_SEED)  # fmt: skip
    np.testing.assert_array_equal(noise.noisy_run().path, again.path)
    first = noise.spread_errors(noise.SPREAD_RUNS, noise.SPREAD_FROM)[
        : r["epochs"] + 1 - noise.SPREAD_FROM
    ]
    # the many-start loop may round differently from the one-start loop in the last bit (numpy's
    # exp against math.exp; so without noise too): equal to rounding, not bit for bit
    np.testing.assert_allclose(
        first, again.path[noise.SPREAD_FROM :] - shared.lesson_minimum().x, rtol=0, atol=1e-12
    )


def test_leave_ends_labels_each_run_by_the_minimum_it_ends_within_the_radius_of() -> None:
    """A small case by hand: without noise every run started at a minimum stays there; with a
    radius that small, a noisy run jittering about it arrives nowhere."""
    ms = noise.minima()
    ends = noise.leave_ends(0.01, 5, 1e-9, 3, 1e-3, 0)
    assert ends.tolist() == [[i] * 3 for i in range(len(ms))]
    ends = noise.leave_ends(0.01, 50, 1.0, 3, 1e-6, 0)
    assert (ends == -1).all()


def test_the_blend_mixes_the_minima_colours_by_the_chances_and_its_dark_variant() -> None:
    """The chances' colours mix the minima's; on the dark page only the grey changes (a basin
    keeps its colour, as on the basin maps)."""
    p = np.array([[[1.0, 0.0, 0.0], [0.5, 0.5, 0.0]]])
    none = np.array([[0.0, 0.0]])
    light = noise._blend(p, none, False)
    from matplotlib.colors import to_rgb

    from gdcore.book import palette

    np.testing.assert_allclose(light[0, 0], to_rgb(palette.MINIMA[0]))
    mix = (np.array(to_rgb(palette.MINIMA[0])) + to_rgb(palette.MINIMA[1])) / 2
    np.testing.assert_allclose(light[0, 1], mix)
    dark = noise._blend(np.zeros((1, 1, 3)), np.ones((1, 1)), True)
    np.testing.assert_allclose(dark[0, 0], to_rgb(palette.NONE["dark"]))
    np.testing.assert_allclose(noise._blend(p, none, True)[0, 0], to_rgb(palette.MINIMA[0]))
    np.testing.assert_allclose(noise._blend(p, none, True)[0, 1], mix)


def test_the_map_of_chances_has_its_dark_image_and_the_engines_probabilities() -> None:
    fig = noise.noise_basins("en", **noise.MAP)
    image = fig.axes[1].get_images()[0]
    result = noise.map_result()
    np.testing.assert_allclose(
        image.get_array(), noise._blend(result.probabilities, result.probability_none, False)
    )
    theme.darken(fig)
    np.testing.assert_allclose(
        image.get_array(), noise._blend(result.probabilities, result.probability_none, True)
    )


def test_the_map_is_the_engines_basins_at_the_pages_setting() -> None:
    """One small map: the memoised builder passes every setting through to gdcore.basins."""
    small = {**noise.MAP, "grid": 3, "runs": 2, "epochs": 20}
    got = noise.noisy_basins(**small)
    want = basins(get_landscape("peaks"), **small)
    np.testing.assert_array_equal(got.probabilities, want.probabilities)
    np.testing.assert_array_equal(got.probability_none, want.probability_none)


def test_the_run_figure_refuses_another_setting() -> None:
    with pytest.raises(ValueError, match="noise_run draws the page's runs"):
        noise.noise_run("en", **{**noise.RUN, "noise": 2.0})


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_claim_of_the_page_holds(lang: str) -> None:
    claims = noise.noise_claims(lang)
    assert all(c.holds for c in claims.values()), {k: c.evidence for k, c in claims.items()}


def test_the_exact_spread_is_the_mean_squares_root_and_refuses_an_unstable_rate() -> None:
    """√(ησ²/(λ(2 − ηλ))), worked by hand for σ = 2, η = 0.01, λ = 4 (√(0.04/3.84)), slightly
    above σ√(η/(2λ)); a rate with ηλ ≥ 2 has no settled jitter and is refused, naming it."""
    got = noise.exact_spread(2.0, 0.01, np.array([4.0]))
    assert got[0] == pytest.approx((0.01 * 4.0 / (4.0 * 1.96)) ** 0.5, rel=1e-15)
    assert got[0] > noise.predicted_spread(2.0, 0.01, np.array([4.0]))[0]
    with pytest.raises(ValueError, match="learning_rate \\* eigenvalue < 2"):
        noise.exact_spread(1.0, 0.1, np.array([20.0]))
