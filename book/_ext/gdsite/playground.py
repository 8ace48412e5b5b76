"""The ``playground`` directive: gradient descent in the reader's browser, with no server; and
the ``tryit`` role, an exercise's link to the playground running its preset.

The page gets the controls' markup, with the words of its language from the words catalog (the
``playground`` table of ``gdcore/book/words/<lang>.toml``); the script ``_static/gd-playground.js``
is written at ``builder-inited`` from :func:`gdcore.book.pages.playground.bundle` (generated
kernels, update rule and data) followed by ``playground.js`` (the controls), and linked from the
pages that use the directive.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

SCRIPT = "gd-playground.js"

MARKUP = """<div class="gd-playground" id="gd-playground" data-text="{data}">
<div class="gd-pg-controls">
<label for="gd-pg-landscape">{landscape}</label>
<select id="gd-pg-landscape"></select>
<label for="gd-pg-lr">{lr}</label>
<span class="gd-pg-lr"><input type="range" id="gd-pg-lr" min="-5" max="0" step="0.05">
<output id="gd-pg-lr-out" for="gd-pg-lr"></output></span>
<label for="gd-pg-epochs">{epochs}</label>
<input type="number" id="gd-pg-epochs" min="1" max="10000" step="1" inputmode="numeric"
 aria-describedby="gd-pg-error">
<fieldset class="gd-pg-direction"><legend>{direction}</legend>
<label><input type="radio" name="gd-pg-dir" value="descent" checked> {descent}</label>
<label><input type="radio" name="gd-pg-dir" value="ascent"> {ascent}</label>
</fieldset>
<button type="button" id="gd-pg-run">{run}</button>
</div>
<canvas id="gd-pg-canvas" width="480" height="480" tabindex="0" role="application"
 aria-label="{canvas}" aria-describedby="gd-pg-help"></canvas>
<p id="gd-pg-colorbar" class="gd-pg-colorbar" hidden><span class="gd-pg-bar-label">{colorbar}</span>
<span id="gd-pg-bar-lo"></span><span id="gd-pg-bar" class="gd-pg-bar"></span>
<span id="gd-pg-bar-hi"></span></p>
<p id="gd-pg-help" class="gd-pg-help">{help}</p>
<p id="gd-pg-error" class="gd-pg-error" role="alert"></p>
<p id="gd-pg-cursor" class="gd-pg-cursor" aria-live="polite"></p>
<p id="gd-pg-epoch" class="gd-pg-epoch"></p>
<p id="gd-pg-result" class="gd-pg-result" role="status" aria-live="polite"></p>
<fieldset class="gd-pg-presets" id="gd-pg-presets"><legend>{presets}</legend></fieldset>
<noscript><p>{noscript}</p></noscript>
</div>
"""


class PlaygroundDirective(SphinxDirective):
    """``{playground}``: the controls, the map and the result line."""

    def run(self) -> list[nodes.Node]:
        """The controls' markup in the page's language (raw HTML: other builders skip it)."""
        from gdcore.book.words import section

        text = section("playground", self.env.config.language)
        fields = {k: html.escape(v) for k, v in text.items() if isinstance(v, str)}
        data = html.escape(json.dumps(text["script"], ensure_ascii=False), quote=True)
        self.env.metadata[self.env.docname]["gd_playground"] = True
        return [nodes.raw("", MARKUP.format(data=data, **fields), format="html")]


def tryit_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: object,
    options: dict | None = None,
    content: list | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{tryit}`seed```: a link to the playground that runs that preset (``?preset=seed``),
    named in the page's language; ``{tryit}`a b c``` links several after one lead-in."""
    from gdcore.book.words import section, word

    lang = inliner.document.settings.env.config.language
    presets = section("playground", lang)["script"]["presets"]
    keys = text.split()
    unknown = [k for k in keys if k not in presets]
    if not keys or unknown:
        msg = inliner.reporter.error(
            f"tryit: no playground preset {' '.join(unknown)!r}; presets: {', '.join(presets)}",
            line=lineno,
        )
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    lead, _, tail = word("tryit.label", lang, name="\0").partition("\0")
    out: list[nodes.Node] = [nodes.Text(lead)]
    for i, key in enumerate(keys):
        if i:
            out.append(nodes.Text(" · "))
        link = nodes.reference(rawtext, presets[key], refuri=f"playground.html?preset={key}")
        link["classes"].append("gd-tryit")
        out.append(link)
    out.append(nodes.Text(tail))
    return [nodes.inline("", "", *out, classes=["gd-tryit-line"])], []


def write_script(app: Sphinx) -> None:
    """Write ``_static/gd-playground.js`` before pages are written (so they get its checksum)."""
    if app.builder.format != "html":
        return
    from gdcore.book.pages.playground import bundle

    ui = (Path(__file__).with_name("playground.js")).read_text(encoding="utf-8")
    out = Path(app.outdir, "_static", SCRIPT)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = bundle(ui)
    if not out.is_file() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> None:
    """Register the directive, the script and its writing."""
    app.add_directive("playground", PlaygroundDirective)
    app.add_role("tryit", tryit_role)
    app.add_js_file(SCRIPT, loading_method="defer")
    app.connect("builder-inited", write_script)
