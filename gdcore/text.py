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
        "ko": "접선: 기울기 ∂f/∂x = {slope:.3f}",
        "en": "tangent: slope ∂f/∂x = {slope:.3f}",
    },
    "point": {"ko": "점 ({x0:g}, {y0:g})", "en": "point ({x0:g}, {y0:g})"},
    "start": {"ko": "시작점", "en": "start"},
    "end": {"ko": "끝점", "en": "end"},
    "path": {"ko": "경사하강법 경로", "en": "gradient descent path"},
    "epoch": {"ko": "에포크 {k}", "en": "epoch {k}"},
    "descent_title": {
        "ko": "학습률 {lr:g}, 에포크 {epochs}",
        "en": "learning rate {lr:g}, {epochs} epochs",
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
