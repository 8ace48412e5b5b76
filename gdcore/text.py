"""The words inside figures, in each language the book is written in.

Pages carry their own prose, captions and alt text; this module holds only what matplotlib draws
(axis labels, titles, legends, colour-bar captions). Korean uses the glossary's terms.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("ko", "en")

_LABELS: dict[str, dict[str, str]] = {
    "x": {"ko": "x", "en": "x"},
    "y": {"ko": "y", "en": "y"},
    "f": {"ko": "f(x, y)", "en": "f(x, y)"},
    "f_value": {"ko": "함숫값 f(x, y)", "en": "value f(x, y)"},
    "slice_title": {"ko": "y = {y0:g}에서 자른 단면", "en": "the slice at y = {y0:g}"},
    "map_title": {"ko": "peaks 함수와 단면의 위치", "en": "peaks and where the slice lies"},
    "slice_curve": {"ko": "f(x, {y0:g})", "en": "f(x, {y0:g})"},
    "tangent": {
        "ko": "접선: 기울기 ∂f/∂x = {slope}",
        "en": "tangent: slope ∂f/∂x = {slope}",
    },
    "point": {"ko": "점 ({x0:g}, {y0:g})", "en": "point ({x0:g}, {y0:g})"},
    "start": {"ko": "시작점", "en": "start"},
    "end": {"ko": "끝점", "en": "end"},
    "path": {"ko": "경사하강법 경로", "en": "gradient descent path"},
    "epoch": {"ko": "에포크 {k}", "en": "epoch {k}"},
    "x_iterate": {"ko": "x", "en": "x"},
    "f1d": {"ko": "f(x)", "en": "f(x)"},
    "curve": {"ko": "f(x) = 3x² − 3x + 4", "en": "f(x) = 3x² − 3x + 4"},
    "iterates": {"ko": "반복값 x₀, x₁, …", "en": "iterates x₀, x₁, …"},
    "minimum_line": {"ko": "최소값 x = {x:g}", "en": "minimum x = {x:g}"},
    "abs_derivative": {"ko": "|f′(x)|: 도함수의 크기", "en": "|f′(x)|: size of the derivative"},
    "epochs_axis": {"ko": "에포크", "en": "epoch"},
    "path1d_title": {"ko": "곡선 위의 경로", "en": "the path on the curve"},
    "derivative_title": {
        "ko": "최소값에 가까울수록 작아지는 도함수",
        "en": "the derivative shrinks near the minimum",
    },
    "tangent_short": {"ko": "접선 (기울기 f′(x))", "en": "tangent (slope f′(x))"},
    "epoch_derivative": {"ko": "에포크 {k}: f′(x) = {d}", "en": "epoch {k}: f′(x) = {d}"},
    "rippled_curve": {"ko": "f(x) = cos(2πx) + x²", "en": "f(x) = cos(2πx) + x²"},
    "start_at": {"ko": "시작점 x = {x:g}", "en": "start x = {x:g}"},
    "heatmap_title": {"ko": "색 지도 (imshow)", "en": "heat map (imshow)"},
    "contour_title": {"ko": "등고선", "en": "contour lines"},
    "surface_title": {"ko": "3차원 곡면", "en": "3D surface"},
    "x_coord": {"ko": "x 좌표", "en": "x coordinate"},
    "y_coord": {"ko": "y 좌표", "en": "y coordinate"},
    "coordinate": {"ko": "좌표값", "en": "coordinate"},
    "coords_title": {"ko": "경로의 두 좌표", "en": "the two coordinates of the path"},
    "run2d": {"ko": "2차원 실행", "en": "2D run"},
    "run1d_x": {"ko": "1차원 실행: g(x)만", "en": "1D run on g(x) alone"},
    "run1d_y": {"ko": "1차원 실행: h(y)만", "en": "1D run on h(y) alone"},
    "separable_title": {
        "ko": "f(x, y) = g(x) + h(y) 위의 경로",
        "en": "the path on f(x, y) = g(x) + h(y)",
    },
    "same_numbers_title": {"ko": "2차원 실행과 두 1차원 실행", "en": "one 2D run, two 1D runs"},
    "minimum": {"ko": "최소점", "en": "minimum"},
    "global_minimum": {"ko": "전역 최소점", "en": "global minimum"},
    "saddle": {"ko": "안장점", "en": "saddle point"},
    "maximum": {"ko": "최대점", "en": "maximum"},
    "critical_title": {"ko": "peaks의 임계점 9개", "en": "the nine critical points of peaks"},
    "basin_none": {"ko": "어느 최소점에도 도착하지 않음", "en": "reaches no minimum"},
    "basin_of": {"ko": "f = {v}인 최소점으로", "en": "to the minimum f = {v}"},
    "basins_title": {
        "ko": "시작점마다 도착하는 최소점 (학습률 {lr}, {epochs} 에포크)",
        "en": "where each start ends (learning rate {lr}, {epochs} epochs)",
    },
    "restarts_axis": {"ko": "무작위 시작점의 수 k", "en": "number of random starts k"},
    "success_axis": {"ko": "전역 최소점을 찾을 확률", "en": "chance to find the global minimum"},
    "restarts_title": {"ko": "무작위 재시작의 효과", "en": "what random restarts buy"},
    "ascent_path": {"ko": "경사상승법 경로", "en": "gradient ascent path"},
    "descent_neg_path": {"ko": "−f 위의 경사하강법", "en": "gradient descent on −f"},
    "ascent_title": {"ko": "같은 시작점에서 위로", "en": "the same start, uphill"},
    "grad_norm": {"ko": "경사의 크기 ‖∇f‖", "en": "gradient norm ‖∇f‖"},
    "epoch_mark": {"ko": "{k} 에포크", "en": "epoch {k}"},
    "epochs_title": {"ko": "에포크를 늘려도 같은 곳", "en": "more epochs, same place"},
    "lr_title": {"ko": "학습률 {lr}", "en": "learning rate {lr}"},
    "map_edge": {"ko": "지도의 경계", "en": "edge of the map"},
    "final_value": {"ko": "최종 함숫값", "en": "final value"},
    "lr_axis": {"ko": "학습률", "en": "learning rate"},
    "grid_title": {"ko": "학습률 × 에포크 실험", "en": "learning rate × epochs experiment"},
    "descent_title": {
        "ko": "학습률 {lr}, 에포크 {epochs}",
        "en": "learning rate {lr}, {epochs} epochs",
    },
}


def label(key: str, lang: str, **fields: object) -> str:
    """The label ``key`` in ``lang``, with ``fields`` filled in.

    Raises
    ------
    ValueError
        For an unknown language or key; the message lists the known ones.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}; got {lang!r}")
    if key not in _LABELS:
        raise ValueError(f"unknown label {key!r}; known labels: {', '.join(sorted(_LABELS))}")
    return _LABELS[key][lang].format(**fields)


def label_keys() -> tuple[str, ...]:
    """Every label key (each has every language)."""
    return tuple(_LABELS)
