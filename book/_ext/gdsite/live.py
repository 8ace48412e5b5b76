"""The ``live`` directive: a figure inside a lesson that the reader moves, computed in the browser.

````md
```{live} basins
```
````

Kinds: ``basins`` (the basin map of peaks for the learning rate and epochs the reader picks,
computed in Web Workers, with the minima page's light green: the starts whose runs end in the
global minimum's basin without arriving; with the flag ``:momentum:``, also the momentum
coefficient β, the heavy ball's map, starting at the momentum page's example, without the light
green), ``path`` (drag the start on a small map of peaks) and ``factors`` (a learning-rate
slider on the elongated bowl, with the two factors 1 − ηλ). Each is placed after the still
figure it brings to life; that figure stays for readers without JavaScript (the live one is
hidden from them by CSS, ``@media (scripting: none)``) and nothing in a live figure moves by
itself.

The words come from the ``live`` table of ``gdcore/book/words/<lang>.toml``; the settings (the
controls' ranges and starting values) from :func:`gdcore.book.live.live_data`. The script
``_static/gd-live.js`` (:func:`gdcore.book.live.bundle`: generated kernels, the update rule and the
basin loop, then ``live.js``) is written at ``builder-inited`` and linked only from pages with a
``live`` directive (:mod:`.assets`).
"""

from __future__ import annotations

import html
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import ClassVar

import numpy as np
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import statics

SCRIPT = "gd-live.js"
KINDS = ("basins", "path", "factors")

_OPEN = '<figure class="gd-live gd-live-{kind}" data-live="{kind}" data-text="{data}">\n'
_CLOSE = (
    '<p class="gd-live-status" role="status" aria-live="polite"></p>\n'
    "<figcaption>{caption}</figcaption>\n</figure>\n"
)

BASINS = """<div class="gd-live-controls">
<label for="gd-live-basins-lr">{lr}</label>
<span class="gd-live-range"><input type="range" id="gd-live-basins-lr" min="{lr_min}" max="{lr_max}"
 step="{lr_step}" value="{lr_value}">
<output for="gd-live-basins-lr">{lr_text}</output></span>
{beta_control}<label for="gd-live-basins-epochs">{epochs}</label>
<input type="text" id="gd-live-basins-epochs" value="{epochs_value}" inputmode="numeric"
 autocomplete="off" aria-describedby="gd-live-basins-message">
</div>
<p class="gd-live-message" id="gd-live-basins-message" aria-live="assertive"></p>
<div class="gd-live-body">
<canvas width="404" height="404" role="img" aria-label="{basins_canvas}"></canvas>
<ul class="gd-live-shares">
{shares}</ul>
</div>
"""

#: The basin map's momentum slider (``{live} basins`` with ``:momentum:``), beside η's.
BETA = """<label for="gd-live-basins-beta">{beta}</label>
<span class="gd-live-range"><input type="range" id="gd-live-basins-beta" min="{beta_min}"
 max="{beta_max}" step="{beta_step}" value="{beta_value}">
<output for="gd-live-basins-beta">{beta_text}</output></span>
"""

PATH = """<canvas class="gd-live-drag" width="360" height="360" tabindex="0" role="application"
 aria-label="{path_canvas}"></canvas>
"""

FACTORS = """<div class="gd-live-controls">
<label for="gd-live-factors-lr">{lr}</label>
<span class="gd-live-range"><input type="range" id="gd-live-factors-lr" min="{lr_min}"
 max="{lr_max}" step="{lr_step}" value="{lr_value}">
<output for="gd-live-factors-lr">{lr_text}</output></span>
</div>
<div class="gd-live-body">
<canvas class="gd-live-bowl" width="360" height="180" role="img"
 aria-label="{factors_canvas}"></canvas>
<canvas class="gd-live-line" width="360" height="90" role="img"
 aria-label="{factors_line}"></canvas>
</div>
<ul class="gd-live-shares gd-live-factors">
<li>{swatch_min}
<span class="gd-live-factor">…</span></li>
<li>{swatch_max}
<span class="gd-live-factor">…</span></li>
</ul>
"""


#: Greek letters and the signs of ‖∇f‖ and ∂: drawn in a face that has them as mathematics has
#: them (``.gd-sym``; Korean faces draw η like ŋ, ∇ as a wide triangle, ‖ full width).
_SIGNS = re.compile("([\u0370-\u03ff\u2016\u2207\u2202]+)")


def signs(escaped: str) -> str:
    """``escaped`` (HTML text, already escaped) with its Greek letters and signs in
    ``<span class="gd-sym">`` (for element text only, never an attribute's value)."""
    return _SIGNS.sub(r'<span class="gd-sym">\1</span>', escaped)


def swatch(color: str) -> str:
    """A colour's key: a filled square drawn by SVG's own fill (the pages' Content-Security-Policy
    allows no ``style`` attribute)."""
    return (
        '<svg class="gd-live-swatch" viewBox="0 0 1 1" aria-hidden="true">'
        f'<rect width="1" height="1" fill="{html.escape(color)}"/></svg>'
    )


def _number(v: float) -> str:
    return repr(float(v)).removesuffix(".0") if float(v).is_integer() else repr(float(v))


def percent(v: float) -> str:
    """``v`` as live.js's ``pct`` writes it: ``(100 * v).toFixed(1) + "%"`` (a tie rounds up,
    as ``toFixed`` picks the larger of two equally near)."""
    return f"{Decimal(100 * v).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def first_shares(b: dict, momentum: bool = False) -> list[str]:
    """The basin map's legend at the lesson's settings ``b`` (the live data's ``basins``; with
    ``momentum``, the momentum page's learning rate and β), before the map is computed in the
    reader's browser (it is built when it nears the screen): the share of starts that arrive at no
    minimum, then at each minimum, from :func:`gdcore.basins`, which the browser's map equals.
    Without momentum, the starts whose runs end in the global minimum's basin without arriving
    (:func:`gdcore.book.pages.minima.inside_deep_valley`) are a share of their own, last, and the
    first share is the other starts that arrive at no minimum."""
    from gdcore.book.pages.minima import inside_deep_valley
    from gdcore.book.pages.momentum import momentum_basins
    from gdcore.book.pages.shared import peaks_basins

    if momentum:
        m = b["momentum"]
        result = momentum_basins(m["lr"], b["epochs"], b["grid"], m["beta"])
        valley = []
    else:
        result = peaks_basins(b["lr"], b["epochs"], b["grid"])
        valley = [int(inside_deep_valley(b["lr"], b["epochs"], b["grid"]).sum())]
    none = int((result.labels < 0).sum()) - sum(valley)
    counts = [none, *(result.shares * result.labels.size).round().astype(int).tolist(), *valley]
    return [percent(c / result.labels.size) for c in counts]


def capital(text: str) -> str:
    """A figure's label as a legend row's name: its first letter upper case, its apostrophes
    typographic, as the page's prose writes them (``minimum's`` → ``Minimum’s``)."""
    return (text[:1].upper() + text[1:]).replace("'", "\u2019")


def markup(kind: str, lang: str, *, momentum: bool = False) -> str:
    """The figure's HTML in ``lang``: its controls (with the lesson's starting values), its canvas
    and its caption; ``live.js`` brings it to life. With ``momentum`` (the basin map only), a
    momentum slider beside the learning rate's, both starting at the momentum page's example."""
    from gdcore.book.live import live_data
    from gdcore.book.numfmt import fmt, fmt_point, fmt_rate
    from gdcore.book.words import label, section

    if kind not in KINDS:
        raise ValueError(f"live figure must be one of {', '.join(KINDS)}; got {kind!r}")
    if momentum and kind != "basins":
        raise ValueError(f"only the basins live figure has a momentum option; got {kind!r}")
    text = section("live", lang)
    fields = {k: html.escape(v) for k, v in text.items() if isinstance(v, str)}
    data = live_data()
    fields.pop("minimum")
    fields["lr"] = signs(fields["lr"])  # a label's text (the learning rate η)
    fields["beta"] = signs(fields["beta"])  # and the momentum coefficient β
    if momentum:  # the map's own description: with momentum, for the β picked too
        fields["basins_canvas"] = fields["basins_momentum_canvas"]
    fields.pop("minimum_global")
    if kind == "basins":
        b = data["basins"]
        m = b["momentum"]
        rate = m["lr"] if momentum else b["lr"]
        value = b["rates"].index(rate)  # the slider's stop: an index into the rates
        beta_control = ""
        if momentum:  # the β slider's stops are indices into the page's coefficients too
            beta_control = BETA.format(
                beta=fields["beta"], beta_min=0, beta_max=len(m["betas"]) - 1, beta_step=1,
                beta_value=m["betas"].index(m["beta"]), beta_text=fmt_rate(m["beta"]),
            )  # fmt: skip
        lowest = min(b["values"])  # the global minimum is named as such
        names = [text["none"]] + [
            text["minimum_global" if v == lowest else "minimum"].format(
                value=fmt(v, 3), point=fmt_point(np.array(x), 2)
            )
            for v, x in zip(b["values"], b["minima"], strict=True)
        ]
        colors = [b["none"], *b["colors"]]
        if not momentum:  # light green, in the static figure's words (Fig. "basins by rate")
            names[0] = capital(label("basin_none_other", lang))
            names.append(capital(label("bounce_of", lang, lr=fmt_rate(b["valley"]["lr"]))))
            colors.append(b["valley"]["color"])
        shares = "".join(
            f"<li>{swatch(c)}"
            f'<span>{html.escape(name)}: <span class="gd-live-share">{share}</span></span></li>\n'
            for c, name, share in zip(colors, names, first_shares(b, momentum), strict=True)
        )
        body = BASINS.format(
            shares=shares, beta_control=beta_control,
            lr_min=0, lr_max=len(b["rates"]) - 1, lr_step=1, lr_value=value,
            lr_text=fmt_rate(rate), epochs_value=b["epochs"],
            **fields,
        )  # fmt: skip
    elif kind == "factors":
        f = data["factors"]
        body = FACTORS.format(
            lr_min=_number(f["lrMin"]), lr_max=_number(f["lrMax"]), lr_step=_number(f["lrStep"]),
            lr_value=_number(f["lr"]), lr_text=fmt_rate(f["lr"]),
            swatch_min=swatch(f["colors"][0]), swatch_max=swatch(f["colors"][1]), **fields,
        )  # fmt: skip
    else:
        body = PATH.format(**fields)
    words = statics.script_words("live", lang)
    script = html.escape(json.dumps(words, ensure_ascii=False), quote=True)
    caption = fields["basins_momentum_caption" if momentum else f"{kind}_caption"]
    return _OPEN.format(kind=kind, data=script) + body + _CLOSE.format(caption=signs(caption))


class LiveDirective(SphinxDirective):
    """``{live} <kind>``: a live figure (raw HTML: other builders skip it). Its content, if any,
    is the text that leads the reader into it ("drag the start below"): shown only with the
    figure (HTML, with JavaScript, on screen), never without it (nor in the page's notebook)."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict] = {"momentum": directives.flag}

    def run(self) -> list[nodes.Node]:
        """The figure's markup in the page's language; the page then loads the script."""
        kind = self.arguments[0]
        if kind not in KINDS:
            raise self.error(f"live figure must be one of {', '.join(KINDS)}; got {kind!r}")
        momentum = "momentum" in self.options
        if momentum and kind != "basins":
            raise self.error(f"only the basins live figure has a momentum option; got {kind!r}")
        self.env.metadata[self.env.docname]["gd_live"] = True
        # the markup holds words and settings: a change to either re-reads the page
        import gdcore.book.live
        import gdcore.book.pages.minima
        import gdcore.book.pages.momentum
        import gdcore.book.params
        from gdcore.book import words

        lang = self.env.config.language
        catalog = words.CATALOG_DIR / f"{lang}.toml"
        sources = (
            gdcore.book.live,
            gdcore.book.params,
            gdcore.book.pages.momentum,
            gdcore.book.pages.minima,
        )
        for path in (catalog, *(m.__file__ for m in sources)):
            self.env.note_dependency(str(path))
        html_ = markup(kind, self.env.config.language, momentum=momentum)
        figure = nodes.raw("", html_, format="html")
        if not self.content or self.env.app.builder.format != "html":
            return [figure]
        lead = nodes.container(classes=["gd-live-lead"])
        self.state.nested_parse(self.content, self.content_offset, lead)
        return [lead, figure]


def write_script(app: Sphinx) -> None:
    """Write ``_static/gd-live.js`` before pages are written (so they get its checksum)."""
    if app.builder.format != "html":
        return
    from gdcore.book.live import bundle

    ui = Path(__file__).with_name("live.js").read_text(encoding="utf-8")
    statics.write_script(app, SCRIPT, bundle(statics.shared_script() + ui))


def setup(app: Sphinx) -> None:
    """Register the directive, the script and its writing."""
    app.add_directive("live", LiveDirective)
    app.add_js_file(SCRIPT, loading_method="defer")
    app.connect("builder-inited", write_script)
