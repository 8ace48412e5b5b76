"""Links to the playground written by hypothesis: nothing a link says can break the page.

Every setting a link may carry (``preset``, ``landscape``, ``lr``, ``lr2``, ``epochs``, ``start``,
``dir``), in the query, the fragment or both, opened by a page load or by a ``hashchange`` on the
page already open, in either language. The values are drawn from the valid ones and from hostile
ones: names of built-in object keys, very long strings, HTML and script fragments, unicode
(full-width and Arabic digits, the minus sign, controls, emoji), NaN and Infinity, huge exponents,
wrong numbers of coordinates, and junk around them (empty pairs, broken percent escapes).

For each link, in one reused Chromium page:

- no page error and no console error; the page stays the playground;
- nothing injected: a MutationObserver, installed before the page's own scripts, sees every
  element added; none may be a ``<script>``, ``<img>``, ``<iframe>``… beyond the clean page's own,
  carry an ``on…`` attribute or a ``javascript:`` address;
- nothing unbounded: the link message is exactly one refusal (its words from the page) for each
  setting that cannot be used, each repeating at most 40 characters of it; no other text on the page
  grows beyond the clean page's longest (or 400 characters); the page settles within seconds;
- what is valid is used: the settings land in the page and the run equals ``gdcore.descend``'s.

``test_the_fuzzing_catches_a_broken_playground`` shows that the check does fail: run on copies of
the site whose playground looks a landscape up through the prototype, repeats a link's setting
whole, or writes its message as markup, it finds each break within its examples.
"""

from __future__ import annotations

import json
import math
import operator
import re
import shutil
import sys
import unicodedata
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from gdcore import descend, get_landscape, landscape_names
from gdcore.book.pages.playground import EPOCHS_RANGE, LR_RANGE, PRESETS, TOL
from gdcore.outcome import REGIMES

pytestmark = pytest.mark.site  # builds the whole site (see conftest.py)

ROOT = "#gd-playground"
#: The settings a link may carry, and the order of the refusals in the link message.
SETTINGS = ("preset", "landscape", "lr", "lr2", "epochs", "start", "dir")
REFUSED_ORDER = ("landscape", "lr", "lr2", "dir", "start")
CLIP = 40  # GD_SHARED.clip: what a message repeats from a link, at most
NAMES = landscape_names()
LANDS = {name: get_landscape(name) for name in NAMES}
PRESET = {p.key: p for p in PRESETS}

#: Installed before the page's scripts: every element added to the document that could run
#: code or load something, and every ``on…`` / ``javascript:`` attribute set later, described.
WATCH = """
window.gdRisky = [];
window.RISKY = new RegExp("^(script|img|image|iframe|frame|frameset|object|embed|svg|math|link|" +
  "meta|base|style|form|video|audio|source|track|picture|template|portal|fencedframe|applet)$", "i");
const URL_ATTR = /^(href|src|srcset|action|formaction|data|xlink:href|srcdoc)$/i;
window.bad = (a) => /^on/i.test(a.name) ||
  (URL_ATTR.test(a.name) && /^[\\s\\x00-\\x20]*j\\s*a\\s*v\\s*a\\s*s\\s*c\\s*r\\s*i\\s*p\\s*t\\s*:/i
    .test(a.value));
window.describe = (el) => el.localName + "[" + [...el.attributes].map((a) =>
  /^(src|href|rel|type|name|property|content|id|class)$/i.test(a.name) ? a.name + "=" + a.value
    : a.name).sort().join(" ") + "]";
const look = (el) => {
  if (RISKY.test(el.localName) || [...el.attributes].some(bad)) gdRisky.push(describe(el));
};
new MutationObserver((records) => {
  if (document.readyState === "loading") return; // the parser: the page's own (the final scan)
  for (const r of records) {
    if (r.type === "attributes") {
      const a = r.target.getAttributeNode(r.attributeName);
      if (a && bad(a)) gdRisky.push("attribute " + describe(r.target));
      continue;
    }
    for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      look(n);
      n.querySelectorAll("*").forEach(look);
    }
  }
}).observe(document, { childList: true, subtree: true, attributes: true });
"""
#: The page as it stands: what its messages say, its longest text, what it runs and draws.
STATE = """() => {
  const root = document.querySelector('#gd-playground');
  const texts = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    // the two messages are bounded on their own (a link message names up to five settings)
    const skip = 'script, style, #gd-pg-link-msg, #gd-pg-epochs-msg';
    if (!n.parentElement.closest(skip)) texts.push(n.data.length);
  }
  const all = [...document.querySelectorAll('*')];
  return {
    data: { ...root.dataset },
    link: document.getElementById('gd-pg-link-msg').textContent,
    epochsMsg: document.getElementById('gd-pg-epochs-msg').textContent,
    epochsBox: document.getElementById('gd-pg-epochs').value,
    landscape: document.getElementById('gd-pg-landscape').value,
    dir: document.querySelector('input[name=gd-pg-dir]:checked').value,
    comparing: document.getElementById('gd-pg-compare').checked,
    result: document.getElementById('gd-pg-result').textContent,
    longest: Math.max(0, ...texts),
    present: all.filter((el) => RISKY.test(el.localName) || [...el.attributes].some(bad))
      .map(describe),
    handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))
      .map((el) => el.outerHTML.slice(0, 120)),
    path: location.pathname,
    risky: window.gdRisky.splice(0),
  };
}"""


# --- the values a link may carry --------------------------------------------------------------
#: What every JavaScript object has, through its prototype.
BUILT_IN = (
    "__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf",
    "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__lookupGetter__",
)  # fmt: skip
#: Names of built-in object keys, markup and script, addresses, placeholders, unicode.
HOSTILE = (
    "__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty",
    "__defineGetter__", "isPrototypeOf", "then", "length", "name", "peaks.x", "Peaks", "peaks ",
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', '"><svg onload=alert(1)>',
    "</p><iframe srcdoc='<script>parent.x=1</script>'>", "javascript:alert(1)",
    "<a href=javascript:alert(1)>x</a>", "{setting}", "{lr}", "${1}", "%3Cscript%3E", "&amp;",
    "\u0000", "\u202eevil", "\ufeff", "\u200b", "line\nbreak", "경사", "😀" * 3, " ", "",
)  # fmt: skip
#: Texts a number parser might misread (the playground takes what a link writes as a number:
#: digits, one point, an exponent, an optional sign, spaces around).
NUMBERISH = (
    "NaN", "Infinity", "-Infinity", "+Infinity", "1e999", "-1e999", "1e-999", "1e308", "-1e308",
    "5e-324", "0x10", "0b1", "0o7", "1_000", "1e", "e5", ".", "-", "+", "1..2", "1.2.3", "١",
    "１", "１.５", "\u22120.5", "\u22120.05", " 0.5 ", "\t0.1\n", "\u00a00.1", "\ufeff0.1",
    "0.1\u0000", "00000.5", "-0", "+.5", "5.", "1E5", "1e+0", "1e-0", "0.01", "0.5", "1",
)  # fmt: skip
#: Pieces of a link that are no setting: empty pairs, broken escapes, unknown and look-alike keys.
JUNK = (
    "", "=", "==", "%", "%zz", "%E0%A4%A", "x=%FF", "__proto__=1", "constructor=x",
    "toString=1", "LR=0.5", "lr%20=0.5", "%20lr=0.5", "start[]=1", "hasOwnProperty=x",
)  # fmt: skip

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
long_text = st.builds(
    operator.mul,
    st.sampled_from(["x", "<b>", "9", "1,", "경", "😀", "%", "\u0301"]),
    st.integers(200, 5_000),
) | st.just("x" * 20_000)
number_text = st.one_of(
    st.sampled_from(NUMBERISH),
    st.floats().map(repr),
    st.floats(-4, 4).map(repr),
    st.builds("{}e{}".format, st.integers(-9, 9), st.integers(-100_000, 100_000)),
)
hostile = st.one_of(st.sampled_from(HOSTILE), text, long_text, number_text)


def epochs_text() -> st.SearchStrategy[str]:
    """Whole numbers of epochs in range, written the ways the epochs box accepts."""
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    return st.integers(*EPOCHS_RANGE).flatmap(
        lambda n: st.sampled_from(
            [str(n), f"{n:,}", f" {n} ", str(n).translate(full_width), f"+{n}", f"00{n}"]
        )
    )


VALID: dict[str, st.SearchStrategy[str]] = {
    "preset": st.sampled_from(sorted(PRESET)),
    "landscape": st.sampled_from(NAMES),
    "lr": st.floats(*LR_RANGE).map(repr),
    "lr2": st.floats(*LR_RANGE).map(repr),
    "epochs": epochs_text(),
    "start": st.lists(st.floats(-4, 4).map(repr), min_size=1, max_size=2).map(",".join),
    "dir": st.sampled_from(["ascent", "descent"]),
}
#: Coordinates, some of them hostile, joined by commas (0 to 4 of them).
STARTS = st.lists(st.one_of(number_text, st.sampled_from(HOSTILE)), max_size=4).map(",".join)


def values(key: str) -> st.SearchStrategy[str]:
    """What a link may say for ``key``: a valid value, a built-in object key, or anything."""
    more = [STARTS] if key == "start" else []
    return st.one_of(VALID[key], st.sampled_from(BUILT_IN), hostile, *more)


@st.composite
def settings_part(draw: st.DrawFn) -> tuple[dict[str, str], list[str]]:
    """Some settings (each at most once, in any order) and some junk, as a query's pairs."""
    keys = [k for k in SETTINGS[1:] if draw(st.booleans())]  # each setting, or not
    if draw(st.integers(0, 3)) == 0:  # a preset, alone (as the pages link it) or not
        keys = ["preset"] + keys * draw(st.booleans())
    found = {k: draw(values(k)) for k in keys}
    safe = draw(st.sampled_from(["", ","]))  # commas escaped, or not
    pairs = [f"{quote(k, safe='')}={quote(v, safe=safe)}" for k, v in found.items()]
    pairs += draw(st.lists(st.sampled_from(JUNK), max_size=3))
    return found, draw(st.permutations(pairs))


@st.composite
def links(draw: st.DrawFn) -> dict:
    """A link: its settings in the query, the fragment or both; opened by a load (in ``lang``) or
    by a ``hashchange`` on the page already open."""
    how = draw(st.sampled_from(["load", "load", "hash"]))
    query, query_pairs = draw(settings_part()) if how == "load" else ({}, [])
    fragment, fragment_pairs = draw(settings_part()) if draw(st.booleans()) else ({}, [])
    if how == "hash" and not fragment_pairs:
        fragment, fragment_pairs = draw(settings_part())
    return {
        "how": how,
        "lang": draw(st.sampled_from(["en", "ko"])),
        "query": query,
        "query_text": "&".join(query_pairs),
        "fragment": fragment,
        "fragment_text": "&".join(fragment_pairs),
    }


# --- what the playground must make of a link --------------------------------------------------
SPACE = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"  # JS \\s
LINK_NUMBER = re.compile(
    rf"{SPACE}*([-+\u2212]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?){SPACE}*"
)
BOX_EPOCHS = re.compile(r"([-+\u2212]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")


def link_number(t: str) -> float:
    """A number as a link may write it (the playground's rule: digits, a point, an exponent, a
    sign, spaces around), else NaN."""
    m = LINK_NUMBER.fullmatch(t)
    return float(m.group(1).replace("\u2212", "-")) if m else math.nan


def box_epochs(t: str) -> int | None:
    """The epochs the box reads in ``t`` (GD_SHARED.parseEpochs: NFKC, spaces around, digits with
    or without thousands separators, a sign), if in range."""
    s = re.sub(f"^{SPACE}+|{SPACE}+\\Z", "", unicodedata.normalize("NFKC", t))
    m = BOX_EPOCHS.fullmatch(s)
    if not m:
        return None
    digits = m.group(2).replace(",", "").lstrip("0") or "0"
    if m.group(1) in ("-", "\u2212") or len(digits) > len(str(EPOCHS_RANGE[1])):
        return None  # below or above the range (and never a 20,000-digit int)
    n = int(digits)
    return n if EPOCHS_RANGE[0] <= n <= EPOCHS_RANGE[1] else None


def clip(s: str) -> str:
    """``GD_SHARED.clip``: at most 40 characters (code points), else 39 and an ellipsis."""
    return s if len(s) <= CLIP else s[: CLIP - 1] + "\u2026"


def valid_start(t: str, name: str) -> list[float] | None:
    """The start a link writes, if it is a point of landscape ``name``'s view."""
    p = [link_number(c) for c in t.split(",")]
    domain = LANDS[name].domain
    ok = len(p) == LANDS[name].dim and all(
        lo <= v <= hi for v, (lo, hi) in zip(p, domain, strict=True)
    )
    return p if ok else None


def expected(link: dict, before: str) -> dict:
    """The settings the playground must take from ``link`` and the ones it must refuse (in the
    order its message names them), its landscape having been ``before``."""
    got = dict(link["query"]) if link["how"] == "load" else {}
    if "=" in link["fragment_text"]:
        got.update(link["fragment"])
    if "preset" in got:
        p = PRESET.get(got["preset"])
        return {"acts": True, "preset": p, "refused": [] if p else ["preset"], "got": got}
    if not any(k in got for k in SETTINGS):
        return {"acts": False, "got": got}
    refused = []
    name = got.get("landscape", before)
    if name not in LANDS:
        refused.append("landscape")
        name = before
    lrs = {}
    for k in ("lr", "lr2"):
        if k in got:
            v = link_number(got[k])
            if LR_RANGE[0] <= v <= LR_RANGE[1]:
                lrs[k] = v
            else:
                refused.append(k)
    if "dir" in got and got["dir"] not in ("ascent", "descent"):
        refused.append("dir")
    start = valid_start(got["start"], name) if "start" in got else None
    if "start" in got and start is None:
        refused.append("start")
    refused.sort(key=REFUSED_ORDER.index)
    return {"acts": True, "preset": None, "refused": refused, "got": got, "landscape": name,
            "lrs": lrs, "start": start}  # fmt: skip


def ours(name: str, start, lr: float, epochs: int, ascent: bool = False, **more):
    """The engine's run with the playground's stopping rule (and its momentum, noise and seed)."""
    return descend(
        get_landscape(name), start, learning_rate=lr, epochs=epochs, ascent=ascent, tol=TOL,
        **more,
    )  # fmt: skip


class LinkChecker:
    """One Chromium page, reused: opens links and checks what they did."""

    def __init__(self, browser, base_url: str) -> None:
        self.base = base_url
        self.context = browser.new_context(
            viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
        )
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on(
            "console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}")
        )
        self.count = 0
        self.clean: dict[str, dict] = {}  # per language: the page opened without settings
        self.words: dict[str, dict] = {}
        for lang in ("en", "ko"):
            self.load(lang, "")
            self.clean[lang] = self.state()
            self.words[lang] = json.loads(
                self.page.evaluate(f"document.querySelector('{ROOT}').dataset.text")
            )
        assert self.errors == [], self.errors
        self.lang = "ko"

    def load(self, lang: str, query: str, fragment: str = "") -> None:
        self.count += 1  # a query of its own: a new document, never a same-page jump
        url = f"{self.base}/{lang}/playground.html?fuzz={self.count}" + (f"&{query}" * bool(query))
        self.page.goto(url + (f"#{fragment}" * bool(fragment)), wait_until="load")
        try:
            self.page.wait_for_selector(f"{ROOT}.gd-ready", timeout=10_000)
        except PlaywrightTimeout:
            raise AssertionError(f"{url}: not ready within 10 s {self.errors}") from None
        self.lang = lang

    def jump(self, fragment: str) -> None:
        self.count += 1  # never the hash the page already has: a hashchange each time
        done = self.page.evaluate(
            """h => new Promise((ok) => {
              addEventListener('hashchange', () => ok('changed'), { once: true });
              setTimeout(() => ok('no hashchange within 10 s'), 10_000);
              location.hash = h;
            })""",
            f"{fragment}&fuzz={self.count}",
        )
        assert done == "changed", done

    def state(self) -> dict:
        return self.page.evaluate(STATE)

    def check(self, link: dict) -> None:
        """Open ``link`` and check everything the module's docstring lists."""
        if link["how"] == "load":
            before = self.clean[link["lang"]]["landscape"]  # where a fresh page starts
            self.load(link["lang"], link["query_text"], link["fragment_text"])
        else:
            before = self.page.evaluate("document.getElementById('gd-pg-landscape').value")
            self.page.evaluate("window.gdRisky.length = 0")
            self.jump(link["fragment_text"])
        now = self.state()
        said = (
            f"{link['how']} {self.lang}: ?{link['query_text'][:200]} #{link['fragment_text'][:200]}"
        )
        assert self.errors == [], (said, self.errors)
        # nothing injected (added and kept, or added for a moment after the page was parsed),
        # the page is still the playground
        assert sorted(now["present"]) == sorted(self.clean[self.lang]["present"]), said
        assert now["risky"] == [], (said, now["risky"])
        assert now["handlers"] == [] and now["path"].endswith("/playground.html"), said
        # nothing unbounded
        assert now["longest"] <= max(400, self.clean[self.lang]["longest"]), (said, now["longest"])
        T = self.words[self.lang]
        longest_word = max(len(w) for w in T["error"].values())
        assert len(now["epochsMsg"]) <= longest_word + CLIP + 20, (said, now["epochsMsg"])
        assert len(now["link"]) <= len(SETTINGS) * (longest_word + len("landscape=") + CLIP)
        # the message refuses exactly what cannot be used, and what can be used is used
        want = expected(link, before)
        if not want["acts"]:  # no setting: a fresh page says nothing, a jump changes nothing
            assert link["how"] == "hash" or now["link"] == "", said
            return
        message = " ".join(
            T["error"]["link"].replace("{setting}", f"{k}={clip(want['got'][k])}")
            for k in want["refused"]
        )
        assert now["link"] == message, (said, now["link"], message)
        data, got = now["data"], want["got"]
        if "preset" in got:
            p = want["preset"]
            if p is None:
                return  # a preset refused: nothing else of the link is read
            assert now["landscape"] == p.landscape and float(data["lr"]) == p.lr, said
            assert json.loads(data["start"]) == list(p.start) and data["epochs"] == str(p.epochs)
        else:
            assert now["landscape"] == want["landscape"], said
            for k, v in want["lrs"].items():
                assert float(data[k]) == v, (said, k, data)
            assert now["comparing"] or "lr2" not in want["lrs"], said
            if "dir" in got and "dir" not in want["refused"]:
                assert now["dir"] == got["dir"], said
            if want["start"] is not None:
                assert json.loads(data["start"]) == want["start"], (said, data["start"])
            if "epochs" in got:  # as the box holds it (a text box drops line breaks)
                box = re.sub("[\r\n]", "", got["epochs"])
                assert now["epochsBox"] == box, said
                n = box_epochs(box)
                assert data["epochs"] == ("" if n is None else str(n)), (said, data)
        # a run, or (epochs the box cannot read) a message and no run, never a half state
        if data["status"] == "invalid":
            assert now["epochsMsg"] != "" and data["epochs"] == "" and "end" not in data, said
            assert now["result"] == "", said
            return
        assert data["status"] in REGIMES and now["epochsMsg"] == "", (said, data)
        start = json.loads(data["start"])
        lrs = [float(data["lr"])] + ([float(data["lr2"])] if now["comparing"] else [])
        # momentum and noise as the boxes hold them (a preset earlier in the page may have set
        # them; a link here carries none)
        more = {"momentum": float(data["momentum"]), "noise": float(data["noise"])}
        more["seed"] = int(data["seed"]) if more["noise"] > 0 else 0
        runs = [(lr, more) for lr in lrs]
        if data["compare"] == "race":  # (the race preset, here or earlier in the page) three
            # runs at the one rate: plain descent, momentum alone, noise alone
            plain = {"momentum": 0.0, "noise": 0.0, "seed": 0}
            runs = [
                (lrs[0], plain),
                (lrs[0], {**plain, "momentum": more["momentum"]}),
                (lrs[0], {**more, "momentum": 0.0}),
            ]
        for r, (lr, m) in enumerate(runs):
            run = ours(
                now["landscape"], start, lr, int(data["epochs"]), now["dir"] == "ascent", **m
            )
            end = json.loads(data["end" + ("" if r == 0 else str(r + 1))])
            np.testing.assert_allclose(end, run.final, rtol=1e-9, atol=1e-12, err_msg=said)

    def close(self) -> None:
        self.context.close()


def fuzz_links(browser, base_url: str, examples: int = 60, shrink: bool = True) -> None:
    """Open ``examples`` links from hypothesis in one page; fails on the first that breaks it
    (the simplest such link, if ``shrink``)."""
    checker = LinkChecker(browser, base_url)
    # a broken playground's run (no shrinking) neither reads nor writes the example database
    phases = (
        [Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink] if shrink else [Phase.generate]
    )
    try:

        @settings(
            max_examples=examples,
            deadline=None,
            phases=phases,
            database=settings.default.database if shrink else None,
            report_multiple_bugs=False,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(links())
        def each(link: dict) -> None:
            checker.check(link)

        each()
    finally:
        checker.close()


def test_hostile_links_break_nothing(browser, base_url: str) -> None:
    fuzz_links(browser, base_url)


#: Playgrounds broken on purpose (each a change to the page's script, which the check must
#: notice): a lookup through the prototype, a message repeating a link whole, a message written
#: as markup.
BROKEN = {
    "prototype lookup": (
        "has(GD_KERNELS, name) && GD_DATA.landscapes.some((l) => l.name === name)",
        "GD_KERNELS[name]",
    ),
    "unclipped message": (
        'const say = (k) => k + "=" + GD_SHARED.clip(q.get(k));',
        'const say = (k) => k + "=" + q.get(k);',
    ),
    "message as markup": ("msg.textContent = bad.map", "msg.innerHTML = bad.map"),
}


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_the_fuzzing_catches_a_broken_playground(
    browser, site_build: dict[str, Path], tmp_path: Path, broken: str
) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import sitecheck

    html = tmp_path / "html"
    shutil.copytree(site_build["html"], html)
    was, now = BROKEN[broken]
    scripts = sorted(html.glob("*/_static/gd-playground.js"))
    assert len(scripts) == 2, scripts  # ko and en
    for script in scripts:
        code = script.read_text(encoding="utf-8")
        assert code.count(was) == 1, (script, was)  # the check is on the code as it is
        script.write_text(code.replace(was, now), encoding="utf-8")
    with sitecheck.serve(html) as url, pytest.raises(AssertionError):
        fuzz_links(browser, url, shrink=False)
