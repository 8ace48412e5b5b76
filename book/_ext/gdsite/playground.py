"""The ``playground`` directive: gradient descent in the reader's browser, with no server.

The page gets the controls' markup, with the words of its language from the words catalog (the
``playground`` table of ``gdcore/book/words/<lang>.toml``); the script ``_static/gd-playground.js``
is written at ``builder-inited`` from :func:`gdcore.book.pages.playground.bundle` (generated
kernels, update rule and data) followed by ``playground.js`` (the controls), and linked from the
pages that use the directive. The ``playground-preset`` role links any page to the playground with
one of its presets (``playground.html?preset=<key>``), in the page's words.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from . import statics

logger = logging.getLogger(__name__)

SCRIPT = "gd-playground.js"

MARKUP = """<div class="gd-playground" id="gd-playground" data-text="{data}" data-status="idle">
<div class="gd-pg-main">
<div class="gd-pg-figure">
<canvas id="gd-pg-canvas" width="480" height="480" tabindex="0" role="application"
 aria-label="{canvas}" aria-describedby="gd-pg-help gd-pg-marks"></canvas>
<span id="gd-pg-key-name" hidden>{key}</span>
<ul id="gd-pg-key" class="gd-pg-key" aria-labelledby="gd-pg-key-name" hidden></ul>
<span id="gd-pg-marks-name" hidden>{marks}</span>
<ul id="gd-pg-marks" class="gd-pg-key gd-pg-marks" aria-labelledby="gd-pg-marks-name" hidden></ul>
</div>
<div class="gd-pg-drive">
<label for="gd-pg-lr">{lr}</label>
<span class="gd-pg-lr"><input type="range" id="gd-pg-lr" min="0" max="{lr_stops}" step="1"
 aria-describedby="gd-pg-lr-hint">
<output id="gd-pg-lr-out" for="gd-pg-lr" aria-live="off"></output>
<span id="gd-pg-lr-hint" class="gd-pg-hint">{lr_hint}</span></span>
<label for="gd-pg-lr2" class="gd-pg-second">{lr2}</label>
<span class="gd-pg-lr gd-pg-second"><input type="range" id="gd-pg-lr2" min="0" max="{lr_stops}"
 step="1" aria-describedby="gd-pg-lr-hint" disabled>
<output id="gd-pg-lr2-out" for="gd-pg-lr2" aria-live="off"></output></span>
<button type="button" id="gd-pg-run">{run}</button>
</div>
<div class="gd-pg-readouts">
<div class="gd-pg-transport">
<button type="button" id="gd-pg-back">{back}</button>
<button type="button" id="gd-pg-play">{play}</button>
<button type="button" id="gd-pg-step">{step}</button>
</div>
<p class="gd-pg-readout"><output id="gd-pg-counter" class="gd-pg-counter" aria-live="off"></output>
<output id="gd-pg-cursor" aria-live="polite"></output>
<output id="gd-pg-pointer" aria-live="off"></output></p>
<table id="gd-pg-runs" class="gd-pg-runs" hidden><caption class="gd-pg-sr">{runs_caption}</caption>
<thead><tr><th scope="col">{runs_run}</th><th scope="col">{runs_end}</th>
<th scope="col" class="gd-pg-num">{runs_value}</th>
<th scope="col" class="gd-pg-num">{runs_epochs}</th><th scope="col">{runs_status}</th></tr>
</thead><tbody></tbody></table>
<details id="gd-pg-why" class="gd-pg-why" hidden><summary>{why}</summary></details>
<div id="gd-pg-result" class="gd-pg-result" role="status" aria-live="polite"></div>
<canvas id="gd-pg-plot" width="480" height="300" role="img" aria-label="{plot}" hidden></canvas>
<p id="gd-pg-plot-note" class="gd-pg-hint"></p>
</div>
<div class="gd-pg-controls">
<label for="gd-pg-landscape">{landscape}</label>
<select id="gd-pg-landscape"></select>
<fieldset class="gd-pg-direction"><legend>{compare_legend}</legend>
<label><input type="radio" name="gd-pg-mode" value="off" checked> {compare_off}</label>
<label><input type="radio" name="gd-pg-mode" value="lr2" id="gd-pg-compare"> {compare}</label>
<label><input type="radio" name="gd-pg-mode" value="race" id="gd-pg-race"> {compare_race}</label>
</fieldset>
<label for="gd-pg-epochs">{epochs}</label>
<span class="gd-pg-epochs"><input type="text" id="gd-pg-epochs" inputmode="numeric"
 autocomplete="off" aria-describedby="gd-pg-epochs-hint gd-pg-epochs-msg">
<span id="gd-pg-epochs-hint" class="gd-pg-hint">{epochs_hint}</span>
<span id="gd-pg-epochs-msg" class="gd-pg-msg" role="alert"></span></span>
<label for="gd-pg-momentum">{momentum}</label>
<span class="gd-pg-epochs"><input type="text" id="gd-pg-momentum" inputmode="decimal"
 autocomplete="off" aria-describedby="gd-pg-momentum-hint gd-pg-momentum-msg">
<span id="gd-pg-momentum-hint" class="gd-pg-hint">{momentum_hint}</span>
<span id="gd-pg-momentum-msg" class="gd-pg-msg" role="alert"></span></span>
<label for="gd-pg-noise">{noise}</label>
<span class="gd-pg-epochs"><input type="text" id="gd-pg-noise" inputmode="decimal"
 autocomplete="off" aria-describedby="gd-pg-noise-hint gd-pg-noise-msg">
<span id="gd-pg-noise-hint" class="gd-pg-hint">{noise_hint}</span>
<span id="gd-pg-noise-msg" class="gd-pg-msg" role="alert"></span></span>
<label for="gd-pg-seed">{seed}</label>
<span class="gd-pg-epochs"><input type="text" id="gd-pg-seed" inputmode="numeric"
 autocomplete="off" aria-describedby="gd-pg-seed-hint gd-pg-seed-msg" disabled>
<span id="gd-pg-seed-hint" class="gd-pg-hint">{seed_hint}</span>
<span id="gd-pg-seed-msg" class="gd-pg-msg" role="alert"></span></span>
<fieldset class="gd-pg-direction"><legend>{direction}</legend>
<label><input type="radio" name="gd-pg-dir" value="descent" checked> {descent}</label>
<label><input type="radio" name="gd-pg-dir" value="ascent"> {ascent}</label>
</fieldset>
<label class="gd-pg-wide"><input type="checkbox" id="gd-pg-arrows"> {arrows}</label>
</div>
</div>
<p id="gd-pg-link-msg" class="gd-pg-msg" role="alert"></p>
<p id="gd-pg-help" class="gd-pg-help">{help}</p>
<fieldset class="gd-pg-presets" id="gd-pg-presets"><legend>{presets}</legend></fieldset>
<noscript><p>{noscript}</p></noscript>
</div>
"""


class PlaygroundDirective(SphinxDirective):
    """``{playground}``: the controls, the map and the result line."""

    def run(self) -> list[nodes.Node]:
        """The controls' markup in the page's language (raw HTML: other builders skip it)."""
        from gdcore.book import words
        from gdcore.book.pages.playground import (
            EPOCHS_RANGE,
            LR_RANGE,
            SEED_RANGE,
            format_lr,
            lr_stops,
        )
        from gdcore.book.words import section

        lang = self.env.config.language
        # the markup holds the catalog's words: a change to them re-reads the page
        self.env.note_dependency(str(words.CATALOG_DIR / f"{lang}.toml"))
        text = section("playground", lang)
        low, high = (f"{n:,}" for n in EPOCHS_RANGE)
        fields = {k: html.escape(v) for k, v in text.items() if isinstance(v, str)}
        fields["epochs_hint"] = html.escape(text["epochs_hint"].format(min=low, max=high))
        lr_low, lr_high = (format_lr(v) for v in LR_RANGE)  # the sliders' first and last stop
        fields["lr_hint"] = html.escape(text["lr_hint"].format(min=lr_low, max=lr_high))
        fields["lr_stops"] = str(lr_stops())
        seed_low, seed_high = (f"{n:,}" for n in SEED_RANGE)
        fields["seed_hint"] = html.escape(text["seed_hint"].format(min=seed_low, max=seed_high))
        script = statics.script_words("playground", lang)
        data = html.escape(json.dumps(script, ensure_ascii=False), quote=True)
        self.env.metadata[self.env.docname]["gd_playground"] = True
        return [nodes.raw("", MARKUP.format(data=data, **fields), format="html")]


class playground_link(nodes.Inline, nodes.TextElement):
    """A link to the playground with a preset (replaced when the doctree is resolved)."""


def preset_label(key: str, lang: str) -> str:
    """A preset's name and settings, as its button in the playground shows them."""
    from gdcore.book.pages.playground import PRESETS, format_lr
    from gdcore.book.words import section

    text = section("playground", lang)["script"]
    preset = next(p for p in PRESETS if p.key == key)
    fields = {"name": text["presets"][key], "lr": format_lr(preset.lr)}
    fields |= {"epochs": f"{preset.epochs:,}", "seed": f"{preset.seed:,}"}
    fields |= {"beta": format_lr(preset.momentum), "sigma": format_lr(preset.noise)}
    if preset.lr2 is not None:
        return text["preset2"].format(lr2=format_lr(preset.lr2), **fields)
    if preset.race:
        return text["preset_race"].format(**fields)
    if preset.noise > 0:
        return text["preset_noise"].format(**fields)
    return text["preset_momentum" if preset.momentum > 0 else "preset"].format(**fields)


class PresetRole(SphinxRole):
    """``{playground-preset}`key```: "Try it in the playground: <the preset>", linked to the
    playground page with ``?preset=key`` (the playground reads it and runs the preset)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """The link node, or an error naming the known presets."""
        from gdcore.book import words
        from gdcore.book.pages.playground import PRESETS
        from gdcore.book.words import word

        key = self.text.strip()
        known = [p.key for p in PRESETS]
        if key not in known:
            msg = self.inliner.reporter.error(
                f"playground-preset: unknown preset {key!r}; known presets: {', '.join(known)}",
                line=self.lineno,
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], [msg]
        lang = self.env.config.language
        self.env.note_dependency(str(words.CATALOG_DIR / f"{lang}.toml"))  # the preset's words
        text = word("playground_link.text", lang, preset=preset_label(key, lang))
        return [playground_link(self.rawtext, text, preset=key)], []


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point each preset link at the page with the ``playground`` directive (HTML), or leave its
    words as plain text (other builders, or a project without a playground page)."""
    links = list(doctree.findall(playground_link))
    if not links:
        return
    pages = sorted(d for d, m in app.env.metadata.items() if m.get("gd_playground"))
    for link in links:
        text = link.astext()
        if app.builder.format != "html" or not pages:
            if not pages:
                logger.warning("playground-preset: no page has a playground", location=link)
            link.replace_self(nodes.Text(text))
            continue
        uri = app.builder.get_relative_uri(docname, pages[0]) + f"?preset={link['preset']}"
        ref = nodes.reference("", "", nodes.Text(text), refuri=uri, internal=True)
        ref["classes"].append("gd-pg-try")
        link.replace_self(ref)


def compact(js: str) -> str:
    """``js`` without what a reader's browser need not download: the lines that are only a
    comment (``// …``, or a ``/* … */`` block that begins a line), blank lines and each line's
    indentation. Every line of code is kept whole, in order (so no statement changes: the
    scripts have no string or template literal that spans lines, which the tests check), and
    ends the line it ended."""
    out: list[str] = []
    block = False
    for line in js.split("\n"):
        s = line.strip()
        if block:
            block = "*/" not in s
            continue
        if s.startswith("/*") and (s.endswith("*/") or "*/" not in s):
            block = "*/" not in s
            continue
        if s and not s.startswith("//"):
            out.append(s)
    return "\n".join(out) + "\n"


def write_script(app: Sphinx) -> None:
    """Write ``_static/gd-playground.js`` before pages are written (so they get its checksum):
    the bundle, its hand-written part (shared.js and playground.js) compacted (:func:`compact`),
    which keeps it within the script budget a reader downloads."""
    if app.builder.format != "html":
        return
    from gdcore.book.pages.playground import bundle

    ui = Path(__file__).with_name("playground.js").read_text(encoding="utf-8")
    statics.write_script(app, SCRIPT, bundle(compact(statics.shared_script() + ui)))


def setup(app: Sphinx) -> None:
    """Register the directive, the preset links, the script and its writing."""
    app.add_directive("playground", PlaygroundDirective)
    app.add_role("playground-preset", PresetRole())
    app.connect("doctree-resolved", resolve_links)
    app.add_js_file(SCRIPT, loading_method="defer")
    app.connect("builder-inited", write_script)
