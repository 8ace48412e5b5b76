"""The ``playground`` directive: gradient descent in the reader's browser, with no server.

The page gets the controls' markup, in its language; the script ``_static/gd-playground.js`` is
written at ``builder-inited`` from :func:`gdcore.playground.bundle` (generated kernels and data)
followed by ``playground.js`` (the controls), and linked from the pages that use the directive.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

SCRIPT = "gd-playground.js"

TEXT = {
    "ko": {
        "landscape": "지형",
        "lr": "학습률",
        "epochs": "에포크",
        "direction": "방향",
        "descent": "내려가기 (경사하강법)",
        "ascent": "올라가기 (경사상승법)",
        "presets": "연습 문제를 한 번에",
        "run": "이 시작점에서 실행",
        "help": "지도를 클릭하거나 탭하면 그 점에서 출발합니다. 키보드로는 지도에 초점을 옮긴 뒤 "
        "방향키로 시작점을 움직이고 Enter를 누르세요.",
        "canvas": "경사하강법 지도. 방향키로 시작점을 옮기고 Enter로 실행합니다.",
        "noscript": "놀이터는 자바스크립트로 동작합니다. 자바스크립트를 켜 주세요.",
        "script": {
            "result": "끝점 {end}, 함숫값 {value}, 실행한 에포크 {epochs}. {status}",
            "status": {
                "converged": "수렴했습니다.",
                "finished": "모든 에포크를 마쳤습니다.",
                "diverged": "발산했습니다. 다음 걸음이 너무 멀어 그 앞에서 멈췄습니다.",
                "left": "경로가 지도 밖으로 나갔습니다.",
            },
            "cursor": "시작점 {point}",
            "preset": "{name} (학습률 {lr}, {epochs} 에포크)",
            "presets": {
                "seed": "수업의 실행",
                "more_epochs": "에포크 늘리기",
                "lr_large": "큰 학습률",
                "lr_too_large": "너무 큰 학습률",
                "lr_tiny": "아주 작은 학습률",
                "ascent": "경사상승법",
            },
            "landscapes": {
                "peaks": "peaks",
                "parabola": "포물선 3x² − 3x + 4 (1차원)",
                "rippled_bowl": "cos(2πx) + x² (1차원)",
                "separable": "분리 가능한 함수 g(x) + h(y)",
            },
        },
    },
    "en": {
        "landscape": "Landscape",
        "lr": "Learning rate",
        "epochs": "Epochs",
        "direction": "Direction",
        "descent": "downhill (gradient descent)",
        "ascent": "uphill (gradient ascent)",
        "presets": "The exercises in one click",
        "run": "Run from this start",
        "help": "Click or tap the map to start there. With the keyboard, move the focus to the "
        "map, move the start with the arrow keys and press Enter.",
        "canvas": "Gradient descent map. Move the start with the arrow keys; Enter runs.",
        "noscript": "The playground runs on JavaScript. Please turn JavaScript on.",
        "script": {
            "result": "End {end}, value {value}, epochs run {epochs}. {status}",
            "status": {
                "converged": "Converged.",
                "finished": "Ran every epoch.",
                "diverged": "Diverged: the next step went too far, so it stopped before it.",
                "left": "The path left the map.",
            },
            "cursor": "Start {point}",
            "preset": "{name} (learning rate {lr}, {epochs} epochs)",
            "presets": {
                "seed": "The lesson's run",
                "more_epochs": "More epochs",
                "lr_large": "Large learning rate",
                "lr_too_large": "Too large a learning rate",
                "lr_tiny": "Tiny learning rate",
                "ascent": "Gradient ascent",
            },
            "landscapes": {
                "peaks": "peaks",
                "parabola": "parabola 3x² − 3x + 4 (1D)",
                "rippled_bowl": "cos(2πx) + x² (1D)",
                "separable": "separable g(x) + h(y)",
            },
        },
    },
}

MARKUP = """<div class="gd-playground" id="gd-playground" data-text="{data}">
<div class="gd-pg-controls">
<label for="gd-pg-landscape">{landscape}</label>
<select id="gd-pg-landscape"></select>
<label for="gd-pg-lr">{lr}</label>
<span class="gd-pg-lr"><input type="range" id="gd-pg-lr" min="-5" max="0" step="0.05">
<output id="gd-pg-lr-out" for="gd-pg-lr"></output></span>
<label for="gd-pg-epochs">{epochs}</label>
<input type="number" id="gd-pg-epochs" min="1" max="10000" step="1" inputmode="numeric">
<fieldset class="gd-pg-direction"><legend>{direction}</legend>
<label><input type="radio" name="gd-pg-dir" value="descent" checked> {descent}</label>
<label><input type="radio" name="gd-pg-dir" value="ascent"> {ascent}</label>
</fieldset>
<button type="button" id="gd-pg-run">{run}</button>
</div>
<canvas id="gd-pg-canvas" width="480" height="480" tabindex="0" role="application"
 aria-label="{canvas}" aria-describedby="gd-pg-help"></canvas>
<p id="gd-pg-help" class="gd-pg-help">{help}</p>
<p id="gd-pg-cursor" class="gd-pg-cursor" aria-live="polite"></p>
<p id="gd-pg-result" class="gd-pg-result" role="status" aria-live="polite"></p>
<fieldset class="gd-pg-presets" id="gd-pg-presets"><legend>{presets}</legend></fieldset>
<noscript><p>{noscript}</p></noscript>
</div>
"""


class PlaygroundDirective(SphinxDirective):
    """``{playground}``: the controls, the map and the result line."""

    def run(self) -> list[nodes.Node]:
        """The controls' markup in the page's language (raw HTML: other builders skip it)."""
        text = TEXT[self.env.config.language]
        fields = {k: html.escape(v) for k, v in text.items() if isinstance(v, str)}
        data = html.escape(json.dumps(text["script"], ensure_ascii=False), quote=True)
        self.env.metadata[self.env.docname]["gd_playground"] = True
        return [nodes.raw("", MARKUP.format(data=data, **fields), format="html")]


def write_script(app: Sphinx) -> None:
    """Write ``_static/gd-playground.js`` before pages are written (so they get its checksum)."""
    if app.builder.format != "html":
        return
    from gdcore.playground import bundle

    ui = (Path(__file__).with_name("playground.js")).read_text(encoding="utf-8")
    out = Path(app.outdir, "_static", SCRIPT)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = bundle(ui)
    if not out.is_file() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> None:
    """Register the directive, the script and its writing."""
    app.add_directive("playground", PlaygroundDirective)
    app.add_js_file(SCRIPT, loading_method="defer")
    app.connect("builder-inited", write_script)
