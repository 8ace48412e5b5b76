"""The gradient page's predictions against the engine's measurements: the arrows are the
gradient, the contour's tangent is perpendicular to it, the slice slopes are ∇f·u, and one step
of gradient descent changes f as the page says."""

from __future__ import annotations

import numpy as np
import pytest

from gdcore import descend, get_landscape
from gdcore.book.pages import gradient
from gdcore.book.params import SEED_LR, SLICE_POINT

PEAKS = get_landscape("peaks")
P = np.array(SLICE_POINT)


def central_gradient(points: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """∇f by central differences of f alone."""
    dx, dy = np.array([h, 0.0]), np.array([0.0, h])
    return np.stack(
        [
            (PEAKS.value(points + dx) - PEAKS.value(points - dx)) / (2 * h),
            (PEAKS.value(points + dy) - PEAKS.value(points - dy)) / (2 * h),
        ],
        axis=-1,
    )


def test_the_arrows_are_the_gradient_and_point_uphill() -> None:
    points, grad, length = gradient.field()
    assert points.shape == (gradient.FIELD_N**2, 2)
    np.testing.assert_allclose(grad, central_gradient(points), atol=1e-6)
    np.testing.assert_allclose(length, np.linalg.norm(grad, axis=1))
    up, down = gradient.tiny_steps()
    assert np.all(up > 0) and np.all(down < 0)


def test_drawn_arrows_keep_the_direction_and_grow_as_the_square_root() -> None:
    _, grad, length = gradient.field()
    arrows = gradient.arrow_vectors(grad)
    drawn = np.linalg.norm(arrows, axis=1)
    np.testing.assert_allclose(drawn, np.sqrt(length))
    np.testing.assert_allclose(arrows / drawn[:, None], grad / length[:, None])
    assert gradient.arrow_key() >= length.max()


def test_the_contour_crossings_are_on_the_level_and_the_circle() -> None:
    crossings = gradient.contour_crossings(*SLICE_POINT)
    assert len(crossings) == 2
    np.testing.assert_allclose(PEAKS.value(crossings), PEAKS.value(P), atol=1e-12)
    np.testing.assert_allclose(
        np.linalg.norm(crossings - P, axis=1), gradient.CONTOUR_RADIUS, rtol=1e-9
    )
    angle = gradient.angle_between(PEAKS.gradient(P), gradient.contour_tangent(*SLICE_POINT))
    assert abs(angle - 90) < gradient.ANGLE_TOL


@pytest.mark.parametrize("point", [SLICE_POINT, (0.0, 1.4), (1.1, -0.7)])
def test_slice_slopes_are_the_dot_product(point: tuple[float, float]) -> None:
    thetas = np.linspace(0, 360, 37)
    measured = gradient.measured_slopes(*point, thetas)
    u = np.stack([np.cos(np.radians(thetas)), np.sin(np.radians(thetas))], axis=1)
    np.testing.assert_allclose(measured, u @ PEAKS.gradient(point), atol=1e-6)
    np.testing.assert_allclose(gradient.predicted_slopes(*point, thetas), u @ PEAKS.gradient(point))


def test_the_survey_finds_the_gradients_direction_and_length() -> None:
    survey = gradient.slope_survey(*SLICE_POINT)
    g = PEAKS.gradient(P)
    theta = gradient.direction(g)
    assert gradient.angle_gap(survey["argmax"], theta) <= gradient.FINE_STEP
    assert gradient.angle_gap(survey["argmin"], theta + 180) <= gradient.FINE_STEP
    assert survey["max"] == pytest.approx(np.linalg.norm(g), abs=1e-6)
    zeros = survey["zeros"]
    assert len(zeros) == 2
    for z in zeros:
        assert min(gradient.angle_gap(z, theta + s) for s in (90, 270)) < gradient.ANGLE_TOL


@pytest.mark.parametrize("eta", [SEED_LR, 0.1, 0.3])
def test_the_step_change_is_one_epoch_of_gradient_descent(eta: float) -> None:
    run = descend(PEAKS, SLICE_POINT, learning_rate=eta, epochs=1)
    (actual,), (predicted,) = gradient.step_change(*SLICE_POINT, [eta])
    assert actual == pytest.approx(float(run.values[1] - run.values[0]), abs=1e-12)
    assert predicted == pytest.approx(-eta * float(np.sum(PEAKS.gradient(P) ** 2)))


def test_the_marked_step_sizes_are_where_the_page_says() -> None:
    marks = gradient.taylor_marks(*SLICE_POINT)
    de = gradient.ETA_CHECK / (gradient.ETA_GRID - 1)
    half, up, best = marks["eta_half"], marks["eta_up"], marks["eta_best"]
    (a_half, a_before), (p_half, p_before) = gradient.step_change(*SLICE_POINT, [half, half - de])
    assert a_half / p_half < 0.5 <= a_before / p_before
    for eta, sign in ((up, 1), (up - de, -1)):
        run = descend(PEAKS, SLICE_POINT, learning_rate=eta, epochs=1)
        assert np.sign(run.values[1] - run.values[0]) == sign
    ups = gradient.step_change(*SLICE_POINT, [best - de, best, best + de])[0]
    assert ups[1] <= ups[0] and ups[1] <= ups[2]
    assert best < half < up < gradient.ETA_MAX
    zero = marks["eta_zero"]
    assert up - de <= zero <= up
    (a_zero,), _ = gradient.step_change(*SLICE_POINT, [zero])
    assert abs(a_zero) < 1e-9


def test_past_the_zero_the_step_lands_off_the_map_just_above_f_of_p() -> None:
    marks = gradient.taylor_marks(*SLICE_POINT)
    beyond = gradient.beyond_zero(*SLICE_POINT)
    run = descend(PEAKS, SLICE_POINT, learning_rate=marks["eta_up"], epochs=1)
    assert run.path[1][0] == pytest.approx(beyond["x_first"])
    assert beyond["x_max"] < PEAKS.domain[0][0]
    assert PEAKS.value(P) < beyond["f_min"] <= beyond["f_max"] <= 0


def test_minus_gradient_is_not_the_line_to_the_deepest_bottom() -> None:
    angles = gradient.valley_angles()
    points, grad, _ = gradient.field()
    bottom = next(c for c in gradient.critical_points() if c.is_global_min).x
    cosines = [
        np.dot(-g, bottom - q) / (np.linalg.norm(g) * np.linalg.norm(bottom - q))
        for q, g in zip(points, grad, strict=True)
        if np.linalg.norm(q - bottom) < 1.5 * 2 * gradient.FIELD_HALF / (gradient.FIELD_N - 1)
    ]
    np.testing.assert_allclose(np.sort(angles), np.sort(np.degrees(np.arccos(cosines))))
    assert angles.max() > 10


def test_the_lowest_point_on_the_line_lies_in_the_valley_it_names() -> None:
    low, bottom = gradient.line_lowest(*SLICE_POINT)
    best = gradient.taylor_marks(*SLICE_POINT)["eta_best"]
    run = descend(PEAKS, SLICE_POINT, learning_rate=best, epochs=1)
    np.testing.assert_allclose(run.path[1], low)
    np.testing.assert_allclose(PEAKS.gradient(bottom), 0, atol=1e-6)
    assert PEAKS.value(bottom) < PEAKS.value(low)


def test_every_claim_holds_and_both_languages_show_the_same_numbers() -> None:
    params = {"x0": SLICE_POINT[0], "y0": SLICE_POINT[1]}
    claims = gradient.gradient_claims("en", **params)
    assert claims and all(c.holds for c in claims.values()), {
        k: c.evidence for k, c in claims.items() if not c.holds
    }
    assert gradient.gradient_values("ko", **params) == gradient.gradient_values("en", **params)
