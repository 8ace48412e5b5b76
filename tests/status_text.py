"""What the playground and the live figures must say about a run: the engine's regime
(:func:`gdcore.outcome.classify`) in the words of the catalog (``[outcome]``), its numbers
formatted as the pages format them. The browser tests compare the shown status with this; and
the table of inputs the epochs boxes' one parser is tested with (in node and in both pages)."""

from __future__ import annotations

import numpy as np

from gdcore.book.words import section
from gdcore.descent import DEFAULT_BOUND, Trajectory
from gdcore.landscape import get_landscape
from gdcore.outcome import CYCLE_RTOL, REGION, Outcome, classify

#: The epochs box's inputs and what the one parser makes of them (a value, or the error's kind).
EPOCHS = [
    ("1000", 1000), (" 250 ", 250), ("1", 1), ("10000", 10000), ("10,000", 10000),
    ("1,000", 1000), ("１０００", 1000), ("+5", 5), ("007", 7),
    ("", "empty"), ("   ", "empty"), ("1e3", "integer"), ("2.5", "integer"), ("1000.0", "integer"),
    ("abc", "integer"), ("1,00", "integer"), ("0x10", "integer"), ("Infinity", "integer"),
    ("1 000", "integer"), ("0", "range"), ("-5", "range"), ("−5", "range"), ("10001", "range"),
    ("99999999999999999999", "range"),
]  # fmt: skip

SUP = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def minus(s: str) -> str:
    return s.replace("-", "\u2212")


def power(v: float) -> str:
    """A power of ten as the pages print it (10⁻¹⁰)."""
    return "10" + str(round(np.log10(v))).translate(SUP)


def fixed(v: float, n: int) -> str:
    """JavaScript's ``v.toFixed(n)``, with a minus sign."""
    return minus(f"{v:.{n}f}")


def live_fixed(v: float, n: int) -> str:
    """The live figures' ``fmt``: :func:`fixed`, but a value that rounds to zero is ``0.00``,
    never ``−0.00``."""
    text = f"{v:.{n}f}"
    return text.lstrip("-") if float(text) == 0 else minus(text)


def playground_number(v: float, n: int) -> str:
    """The playground's ``fmt``: fixed digits, or m×10ⁿ for large and tiny magnitudes."""
    a = abs(v)
    if a != 0 and (a >= 1e5 or a < 1e-4):
        m, e = f"{v:.3e}".split("e")
        return minus(m) + "×10" + str(int(e)).translate(SUP)
    return fixed(v, n)


def playground_value(v: float, n: int) -> str:
    """The playground's ``fmt`` for a value: up to ``n`` decimals, fewer for large values (about
    ``n`` + 1 significant digits, at least two decimals), thousands grouped; m×10ⁿ for large and
    tiny magnitudes."""
    a = abs(v)
    if a != 0 and (a >= 1e5 or a < 1e-4):
        return playground_number(v, n)
    digits = n if a == 0 else min(n, max(min(n, 2), n - int(np.floor(np.log10(a)))))
    return minus(f"{v:,.{digits}f}")


def playground_coord(v: float, n: int) -> str:
    """The playground's ``coord``: a point's coordinate to ``n`` fixed decimals with thousands
    grouped (m×10ⁿ from 10⁵ on); one below the last decimal (rounding noise) is 0, never −0."""
    if abs(v) >= 1e5:
        return playground_number(v, n)
    text = f"{v:,.{n}f}"
    return minus(text) if any(c in "123456789" for c in text) else f"{0:.{n}f}"


def point(p, number) -> str:
    return "(" + ",\u00a0".join(number(float(v)) for v in p) + ")"


def readout(p, n: int) -> str:
    """The playground's point in its statuses and readouts: (x, y) in 2D, "x = v" in 1D."""
    if len(p) == 1:
        return "x\u00a0=\u00a0" + playground_coord(float(p[0]), n)
    return point(p, lambda v: playground_coord(v, n))


def stopped_verdict(final, lang: str, *, landscape: str, ascent: bool = False) -> str:
    """What the playground adds after a stopped run's status (no noise): the end within 10⁻³
    (the basin map's radius) of the nearest local minimum (in ascent, maximum) arrives there,
    else it arrives at no minimum."""
    from gdcore.book.pages.playground import extrema
    from gdcore.book.pages.shared import BASIN_RADIUS

    kind = "max" if ascent else "min"
    best = min(
        (float(np.linalg.norm(np.asarray(final, dtype=float) - np.array(e[:-1]))), e[:-1])
        for e in extrema(landscape)[kind]
    )
    w = section("playground", lang)["script"]
    said = w["stopped_at" if best[0] <= BASIN_RADIUS else "stopped_near"][kind]
    return " " + said.format(point=readout(best[1], 3), radius=power(BASIN_RADIUS))


def expected_status(
    o: Outcome,
    lang: str,
    *,
    figure: str,
    landscape: str,
    ascent: bool = False,
    dim: int = 2,
    final=None,
) -> str:
    """The status sentence for ``o`` in ``lang``: ``figure`` is ``"playground"`` or ``"live"``
    (their number formats differ); ``dim`` 1 speaks of the derivative |f′(x)|, else of ‖∇f‖;
    ``ascent`` words a stop or a start at rest as not thereby at a local maximum; a run diverging
    against its direction is said to keep diverging on an exactly quadratic ``landscape`` (a name),
    and elsewhere that the surface may curve less farther out. The playground's stopped run
    (``converged``), its run that never moved (``at_rest``), and its run that ran every epoch still
    moving (``finished``), also say whether its ``final`` point arrives (:func:`stopped_verdict`)."""
    said = ("at_rest", "converged", "finished")  # the regimes whose playground status says where
    if figure == "playground" and o.regime in said and final is None:
        raise ValueError("final: a stopped playground run's status needs its end point")
    w = section("outcome", lang)
    d = "d1" if dim == 1 else "d2"
    if figure == "playground":
        pt = lambda p: readout(p, 3)  # noqa: E731
        factor = f"{o.growth:,.3f}" if o.growth is not None else ""
    else:
        pt = lambda p: point(p, lambda v: live_fixed(v, 3))  # noqa: E731
        factor = f"{o.growth:.3f}" if o.growth is not None else ""
    fields = {
        "tol": power(1e-10),
        "span": f"{o.span:,}" if o.span is not None else "",
        "epoch": f"{o.epochs_run + 1:,}",
        "norm": w["norm"][d],
        "grad": w["grad"][d],
        "rtol": power(CYCLE_RTOL),
        "region": f"{REGION:,.0f}",
        "half": f"{o.span // 2:,}" if o.span is not None else "",
        "ratio": factor,
    }
    fields["box"] = w["box"][d].format(**fields)
    if o.regime == "diverged" and o.reason in ("bound", "overflow"):
        reason = w["reason"][o.reason].format(bound=f"{DEFAULT_BOUND:,.0f}", **fields)
        text = w["diverged"].format(reason=reason, **fields)
    elif o.regime == "diverged":
        key = "away" if o.reason == "away" else "against_ascent" if ascent else "against"
        text = w["diverging"][key].format(growth=factor, **fields)
        if key != "away":
            text += " " + w["quadratic" if get_landscape(landscape).quadratic else "caveat"]
    elif o.regime == "bouncing":
        text = w["bouncing"].format(p=pt(o.cycle[0]), q=pt(o.cycle[1]), **fields)
    else:
        own = f"{o.regime}_ascent"
        text = w[own if ascent and own in w else o.regime].format(**fields)
    if o.left_domain:
        text += " " + w["left"]["outside" if o.ends_outside else "back"]
    if figure == "playground" and o.regime in said:
        text += stopped_verdict(final, lang, landscape=landscape, ascent=ascent)
    return text


def expected_run_status(run: Trajectory, lang: str, *, landscape: str) -> str:
    """The playground's status for a one-start run of :func:`gdcore.descend` made with the
    playground's tolerance, momentum and gradient noise included: a noisy run that did not
    diverge ran every epoch and is never said to stop or bounce, but where it ended (the nearest
    local minimum, in ascent maximum, its distance, and whether it arrives there, within the noise
    page's radius, the rule the status states); with momentum, a stop needs the ball at rest, and a run that ran every epoch with
    ‖∇f‖ at the tolerance or below is a ball still moving. Otherwise :func:`expected_status`."""
    from gdcore.book.pages.playground import TOL, extrema
    from gdcore.book.pages.shared import BASIN_RADIUS, NOISY_RADIUS

    o = classify(run)
    dim = run.landscape.dim
    d = "d1" if dim == 1 else "d2"
    w = section("playground", lang)["script"]
    oc = section("outcome", lang)
    left = " " + oc["left"]["outside" if o.ends_outside else "back"] if o.left_domain else ""
    kind = "max" if run.ascent else "min"
    if run.noise > 0 and o.regime != "diverged":
        best = None
        for e in extrema(landscape)[kind]:
            s2 = 0.0
            for a, b in zip(run.final.tolist(), e[:-1], strict=True):
                s2 += (a - b) * (a - b)
            if best is None or np.sqrt(s2) < best[0]:
                best = (float(np.sqrt(s2)), e[:-1])
        pt = readout(best[1], 3)
        radius = f"{NOISY_RADIUS:g}"
        where = w["noisy_at" if best[0] <= NOISY_RADIUS else "noisy_near"][kind].format(
            point=pt, distance=playground_value(best[0], 3), radius=radius
        )
        said = w["noisy"][kind].format(radius=radius, plain=power(BASIN_RADIUS))
        return said + " " + where + left
    words = {"norm": oc["norm"][d], "tol": power(TOL), "speed": w["speed"][d]}
    if run.momentum > 0 and o.regime == "converged":
        key = "converged_momentum_ascent" if run.ascent else "converged_momentum"
        verdict = stopped_verdict(run.final, lang, landscape=landscape, ascent=run.ascent)
        return w[key].format(**words) + left + verdict
    if run.momentum > 0 and o.regime == "finished" and not o.final_grad_norm > TOL:
        verdict = stopped_verdict(run.final, lang, landscape=landscape, ascent=run.ascent)
        return w["finished_momentum"].format(**words) + left + verdict
    text = expected_status(
        o,
        lang,
        figure="playground",
        landscape=landscape,
        ascent=run.ascent,
        dim=dim,
        final=run.final,
    )
    # a noisy run cut off at the bound: the noise alone may have carried it there
    return text + (
        " " + w["noisy_diverged"][kind] if run.noise > 0 and o.regime == "diverged" else ""
    )
