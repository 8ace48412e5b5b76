"""Page ``gd1d.md``: the 1D recap on a parabola, and a start where descent cannot move."""

from __future__ import annotations

import numpy as np
import sympy
from matplotlib.figure import Figure

from gdcore.analysis import critical_points
from gdcore.book import cells, palette
from gdcore.book.animate import Animation, render_frames
from gdcore.book.numfmt import fmt_rate, tex
from gdcore.book.params import RECAP, RIPPLE
from gdcore.book.plots import END_COLOR, PATH_COLOR, START_COLOR, plot_curve
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.style import new_figure
from gdcore.book.words import label
from gdcore.descent import descend
from gdcore.landscape import get_landscape


def gd1d_path(lang: str, *, start: float, learning_rate: float, epochs: int) -> Figure:
    """The 1D recap: the iterates on the curve, and |f′| shrinking as the minimum nears."""
    parabola = get_landscape("parabola")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)
    (minimum,) = critical_points(parabola)
    fig = Figure(figsize=(4.8, 7.6), layout="constrained")  # stacked: readable on a phone
    left, right = fig.subplots(2, 1)
    plot_curve(left, parabola, color=palette.CURVE, label=label("curve", lang))
    xs = run.path[:, 0]
    left.plot(xs, run.values, "-", color=PATH_COLOR, linewidth=1)
    left.scatter(
        xs,
        run.values,
        c=np.arange(len(xs)),
        cmap="plasma",
        s=22,
        # outlined: the darkest and the lightest dots stay seen on either page
        edgecolors=palette.OUTLINE,
        linewidths=0.6,
        zorder=3,
        label=label("iterates", lang),
    )
    left.axvline(
        minimum.x[0],
        color=palette.GUIDE,
        linestyle=":",
        label=label("minimum_line", lang, x=minimum.x[0]),
    )
    left.set_xlabel(label("x", lang))
    left.set_ylabel(label("f1d", lang))
    left.set_title(label("path1d_title", lang))
    left.legend(loc="upper right")
    right.semilogy(np.arange(len(xs)), run.grad_norms, "o-", color=PATH_COLOR, markersize=3)
    right.set_xlabel(label("epochs_axis", lang))
    right.set_ylabel(label("abs_derivative", lang))
    right.set_title(label("derivative_title", lang))
    right.grid(alpha=0.3, which="both")
    return fig


#: In the animation's still, tangents are drawn at iterates at least this far apart in x.
STILL_TANGENT_GAP = 0.25


def _significant(v: float, digits: int) -> str:
    """``v`` to ``digits`` significant digits, positional, with a real minus sign: a frame's
    f′ near the minimum reads ``−0.00027``, not ``−0.000``."""
    text = np.format_float_positional(v, precision=digits, unique=False, fractional=False, trim="-")
    return text.replace("-", "−")


def gd1d_animation(
    lang: str, *, start: float, learning_rate: float, epochs: int
) -> tuple[Animation, Figure]:
    """A point stepping down the parabola, with its tangent: the step is −η times the slope."""
    parabola = get_landscape("parabola")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)

    def background() -> tuple[Figure, object]:
        fig, ax = new_figure(4.8, 3.8)
        plot_curve(ax, parabola, color=palette.CURVE, label=label("curve", lang))
        ax.set_xlabel(label("x", lang))
        ax.set_ylabel(label("f1d", lang))
        ax.set_ylim(0, 22)
        ax.grid(alpha=0.3)
        return fig, ax

    still, ax = background()
    # the tangent (blue, as in the animation) at the iterates far enough apart to tell apart, and
    # at the last one, where the animation stops
    drawn = -np.inf
    for k, (x, fx, d) in enumerate(
        zip(run.path[:, 0], run.values, parabola.gradient(run.path)[:, 0], strict=True)
    ):
        if abs(x - drawn) >= STILL_TANGENT_GAP or k == len(run.values) - 1:
            ax.plot([x - 0.4, x + 0.4], [fx - 0.4 * d, fx + 0.4 * d], color=START_COLOR, alpha=0.8)
            drawn = x
    ax.scatter(
        run.path[:, 0],
        run.values,
        c=np.arange(len(run.values)),
        cmap="plasma",
        s=22,
        # outlined: the darkest and the lightest dots stay seen on either page
        edgecolors=palette.OUTLINE,
        linewidths=0.6,
        zorder=3,
        label=label("iterates", lang),
    )
    ax.legend(loc="upper center")

    fig, ax = background()
    (trail,) = ax.plot([], [], "o", color=PATH_COLOR, alpha=0.35, markersize=4)
    (tangent,) = ax.plot([], [], color=START_COLOR, linewidth=2)
    (dot,) = ax.plot([], [], "o", color=END_COLOR, markeredgecolor=palette.OUTLINE, markersize=9)
    text = ax.text(
        0.5,
        0.96,
        "",
        transform=ax.transAxes,
        ha="center",
        va="top",
        bbox={"facecolor": palette.LABEL_BOX, "alpha": 0.85, "edgecolor": "none"},
    )
    slopes = parabola.gradient(run.path)[:, 0]

    def update(k: int) -> None:
        x, fx, d = run.path[k, 0], run.values[k], slopes[k]
        trail.set_data(run.path[:k, 0], run.values[:k])
        tangent.set_data([x - 0.5, x + 0.5], [fx - 0.5 * d, fx + 0.5 * d])
        dot.set_data([x], [fx])
        text.set_text(label("epoch_derivative", lang, k=k, d=_significant(d, 2)))

    frames = render_frames(fig, [trail, tangent, dot, text], update, run.epochs_run + 1)
    durations = [350] * (len(frames) - 1) + [2000]
    return Animation(tuple(frames), tuple(durations)), still


def rippled_stuck(
    lang: str, *, starts: tuple[float, ...], learning_rate: float, epochs: int
) -> Figure:
    """cos(2πx) + x²: descent from exactly 0 never moves (f′(0) = 0); from beside it, it does."""
    bowl = get_landscape("rippled_bowl")
    fig, ax = new_figure(4.8, 4.0)
    plot_curve(ax, bowl, color=palette.CURVE, label=label("rippled_curve", lang))
    colors = (START_COLOR, PATH_COLOR)
    for s, color in zip(starts, colors, strict=True):
        run = descend(bowl, s, learning_rate=learning_rate, epochs=epochs)
        still = bool(np.all(run.path == run.path[0]))  # a run that never moves: a ring round it
        ax.plot(
            run.path[:, 0],
            run.values,
            "o" if still else "o-",
            color=color,
            markersize=16 if still else 3,
            markerfacecolor="none" if still else color,
            markeredgewidth=2.5 if still else 1,
            linewidth=1,
            zorder=3 if still else 2,
            label=label("start_at", lang, x=s),
        )
        ax.plot(
            run.path[-1, 0],
            run.values[-1],
            "o",
            color=END_COLOR,
            markeredgecolor=palette.OUTLINE,
            markersize=8,
        )
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("f1d", lang))
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=1)
    return fig


#: The starts beside the local maximum x = 0 that must all leave it: ±10⁻¹ … ±10⁻¹⁵.
OFFSET_EXPONENTS = tuple(range(1, 16))
#: The learning rates of the parabola's sweep: a run converges exactly when η < 2/f″.
SWEEP_RATES = tuple(round(0.02 * k, 2) for k in range(1, 31))
#: The sweep's epochs, and the epochs of the exact run at the limit (rational arithmetic).
SWEEP_EPOCHS = 200
CYCLE_EPOCHS = 6
#: How a fraction is written in a displayed formula (inline math writes ``\\tfrac``).
DISPLAY_FRAC = "\\frac"
#: Epochs of the runs from the smallest positive double (the note on floating point).
TINIEST_EPOCHS = 5000


def _parabola_parts() -> tuple[float, float, sympy.Rational, sympy.Rational]:
    """The parabola's minimum m and its f″ (floats), and the exact m and f″ (rationals)."""
    parabola = get_landscape("parabola")
    (x,) = parabola.variables
    (m_exact,) = sympy.solve(sympy.diff(parabola.expr, x), x)
    fpp_exact = sympy.diff(parabola.expr, x, 2)
    if not fpp_exact.is_number or fpp_exact <= 0:
        raise ValueError(f"the recap needs a parabola with f'' > 0, got {fpp_exact}")
    return float(m_exact), float(fpp_exact), sympy.Rational(m_exact), sympy.Rational(fpp_exact)


def _num(v: sympy.Rational, frac: str = "\\tfrac") -> str:
    """A rational as the page writes it inside math: ``0.5``, ``6``, ``\\tfrac{1}{3}`` (``frac``
    is ``\\frac`` in a displayed formula)."""
    if v.q == 1:
        return str(v.p)
    if 10**6 % v.q == 0:  # a terminating decimal
        return f"{float(v):g}"
    sign = "-" if v < 0 else ""
    return rf"{sign}{frac}{{{abs(v.p)}}}{{{v.q}}}"


def _exact_cycle(start: float) -> list[sympy.Rational]:
    """The recap run at η = 2/f″ exactly, in rational arithmetic (no rounding)."""
    parabola = get_landscape("parabola")
    (x,) = parabola.variables
    _, _, _, fpp = _parabola_parts()
    eta = 2 / fpp
    df = sympy.diff(parabola.expr, x)
    xs = [sympy.Rational(str(start))]
    for _ in range(CYCLE_EPOCHS):
        xs.append(xs[-1] - eta * df.subs(x, xs[-1]))
    return xs


def _offset_runs(ripple: dict) -> dict[float, np.ndarray]:
    """Start → path for the starts ±10⁻ᵏ beside the local maximum at 0."""
    bowl = get_landscape("rippled_bowl")
    starts = [s * 10.0**-k for k in OFFSET_EXPONENTS for s in (1, -1)]
    paths = descend(
        bowl,
        np.array(starts)[:, None],
        learning_rate=ripple["learning_rate"],
        epochs=ripple["epochs"],
    ).path[:, :, 0]
    return dict(zip(starts, paths, strict=True))


def _leave_epochs(ripple: dict) -> dict[float, int]:
    """Start → the first epoch at which the run is farther from 0 than the farthest start."""
    far = 10.0 ** -OFFSET_EXPONENTS[0]
    return {s: int(np.argmax(np.abs(p) > far)) for s, p in _offset_runs(ripple).items()}


def _tiniest_runs(ripple: dict) -> tuple[np.ndarray, np.ndarray]:
    """The paths from the smallest positive double and from twice it, over
    ``TINIEST_EPOCHS`` epochs."""
    bowl = get_landscape("rippled_bowl")
    tiniest = float(np.nextafter(0.0, 1.0))
    return tuple(
        descend(bowl, s, learning_rate=ripple["learning_rate"], epochs=TINIEST_EPOCHS).path[:, 0]
        for s in (tiniest, 2 * tiniest)
    )


def gd1d_values(
    lang: str, *, start: float, learning_rate: float, epochs: int, ripple: dict
) -> dict[str, str]:
    """Numbers of the 1D recap, its error identity and limit, and of the challenge."""
    parabola, bowl = get_landscape("parabola"), get_landscape("rippled_bowl")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)
    _, fpp, m_exact, fpp_exact = _parabola_parts()
    ms, fs = _num(m_exact), _num(fpp_exact)
    still, beside = (
        descend(bowl, s, learning_rate=ripple["learning_rate"], epochs=ripple["epochs"])
        for s in ripple["starts"]
    )
    fpp0 = float(bowl.hessian([0.0])[0, 0])
    (xr,) = bowl.variables
    fpp0_exact = sympy.diff(bowl.expr, xr, 2).subs(xr, 0)
    cycle = _exact_cycle(start)
    lo, hi = bowl.domain[0]
    k_first, k_last = OFFSET_EXPONENTS[0], OFFSET_EXPONENTS[-1]
    leave = _leave_epochs(ripple)
    growth = 1 - ripple["learning_rate"] * fpp0
    return {
        "recap_f": f"$f(x) = {parabola.latex}$",
        "recap_df": f"$f'(x) = {parabola.partial_latex[0]}$",
        "recap_df_factored": f"$f'(x) = {fs}\\,(x - {ms})$",
        "recap_fpp": f"$f''(x) = {fs}$",
        "recap_start": f"$x_0 = {tex(start, 1)}$",
        "recap_lr": f"$\\eta = {fmt_rate(learning_rate)}$",
        "recap_epochs": f"{epochs:,}",
        "recap_end": f"$x = {tex(float(run.final[0]))}$",
        "recap_end_df": f"$f'(x) = {tex(float(parabola.gradient(run.final)[0]), 6)}$",
        "recap_min": f"$x = {ms}$",
        "recap_update": (
            "$$\n\\begin{aligned}\n"
            f"x_{{k+1}} &= x_k - \\eta f'(x_k) \\\\\n"
            f"&= x_k - {fs}\\eta\\,(x_k - {ms}) \\\\\n"
            f"x_{{k+1}} - {ms} &= (1 - {fs}\\eta)\\,(x_k - {ms})\n"
            "\\end{aligned}\n$$"
        ),
        "recap_error": f"$x - {ms}$",
        "recap_error_k": f"$x_k - {ms} = (1 - {fs}\\eta)^k\\,(x_0 - {ms})$",
        "recap_factor_formula": f"$1 - {fs}\\eta$",
        "recap_factor": (
            f"$1 - {fs}\\eta = 1 - {fs} \\cdot {fmt_rate(learning_rate)} = "
            f"{1 - learning_rate * fpp:g}$"
        ),
        "recap_condition": (
            f"$$|1 - {fs}\\eta| < 1 \\quad\\iff\\quad 0 < \\eta < \\frac{{2}}{{{fs}}} = "
            + _num(2 / fpp_exact, DISPLAY_FRAC)
            + "$$"
        ),
        "recap_limit": f"$\\eta < {_num(2 / fpp_exact)} \\approx {2 / fpp:.3f}$",
        "recap_sweep_n": str(len(SWEEP_RATES)),
        "recap_sweep_lo": f"$\\eta = {fmt_rate(SWEEP_RATES[0])}$",
        "recap_sweep_hi": f"${fmt_rate(SWEEP_RATES[-1])}$",
        "recap_sweep_epochs": f"{SWEEP_EPOCHS:,}",
        "recap_limit_eq": f"$\\eta = {_num(2 / fpp_exact)}$",
        "recap_one_step": f"$\\eta = {_num(1 / fpp_exact)}$",
        "recap_one_step_rate": f"${_num(1 / fpp_exact)}$",
        "recap_limit_rate": f"${_num(2 / fpp_exact)}$",
        "recap_cycle_a": f"$x = {tex(float(cycle[0]), 1)}$",
        "recap_cycle_b": f"$x = {tex(float(cycle[1]), 1)}$",
        "ripple_df0": f"$f'(0) = {float(bowl.gradient([0.0])[0]):g}$",
        "ripple_fpp0": f"$f''(0) = {sympy.latex(fpp0_exact)} \\approx {tex(fpp0, 2)} < 0$",
        "ripple_f0": f"$f(0) = {float(bowl.value([0.0])):g}$",
        "ripple_f_edge": f"$f(\\pm {hi:g}) = {float(bowl.value([hi])):g}$",
        "ripple_growth": (
            f"$1 - \\eta f''(0) = 1 - {fmt_rate(ripple['learning_rate'])} \\cdot ({tex(fpp0, 2)})"
            f" \\approx {tex(1 - ripple['learning_rate'] * fpp0, 3)}$"
        ),
        "ripple_start0": f"$x_0 = {tex(ripple['starts'][0], 1)}$",
        "ripple_end0": f"$x = {tex(float(still.final[0]), 4)}$",
        "ripple_epochs": f"{ripple['epochs']:,}",
        "ripple_lr": f"$\\eta = {fmt_rate(ripple['learning_rate'])}$",
        "ripple_start1": f"$x_0 = {tex(ripple['starts'][1], 1)}$",
        "ripple_end1": f"$x = {tex(float(beside.final[0]), 4)}$",
        "ripple_offsets": (
            f"$\\pm 10^{{-{k_first}}}, \\pm 10^{{-{k_first + 1}}}, \\ldots, \\pm 10^{{-{k_last}}}$"
        ),
        "ripple_ends": f"$x = \\pm {tex(float(beside.final[0]), 4)}$",
        "ripple_leave_first": f"{leave[10.0**-k_first]:,}",
        "ripple_leave_last": f"{leave[10.0**-k_last]:,}",
        "ripple_first_offset": f"$10^{{-{k_first}}}$",
        "ripple_last_offset": f"$10^{{-{k_last}}}$",
        "ripple_per_decade": (
            f"$\\ln 10 \\,/\\, \\ln {tex(growth, 3)} \\approx "
            f"{tex(np.log(10) / np.log(growth), 1)}$"
        ),
        "ripple_tiniest": f"${tex(float(np.nextafter(0.0, 1.0)), 0)}$",
        "ripple_tiniest_epochs": f"{TINIEST_EPOCHS:,}",
        "ripple_domain": f"$[{tex(lo, 0)}, {tex(hi, 0)}]$",
    }


def gd1d_claims(
    lang: str, *, start: float, learning_rate: float, epochs: int, ripple: dict
) -> dict[str, Claim]:
    """The recap's error identity, shrinking steps and sharp limit; the challenge's local
    maximum, where only a start exactly on it stays."""
    parabola, bowl = get_landscape("parabola"), get_landscape("rippled_bowl")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)
    m, fpp, m_exact, fpp_exact = _parabola_parts()
    slopes = np.abs(parabola.gradient(run.path)[:, 0])
    steps = np.abs(np.diff(run.path[:, 0]))
    ratios = slopes[1:] / slopes[:-1]
    factor = 1 - learning_rate * fpp
    errors = run.path[:, 0] - m
    # the identity x_{k+1} − m = (1 − f″η)(x_k − m), for every x and η (symbolic) ...
    (x,) = parabola.variables
    eta = sympy.Symbol("eta", positive=True)
    update = x - eta * sympy.diff(parabola.expr, x)
    identity = sympy.expand(update - m_exact - (1 - fpp_exact * eta) * (x - m_exact)) == 0
    # ... and on every epoch of the run, measured
    per_epoch = {
        f"epoch {k}": bool(np.isclose(errors[k + 1] / errors[k], factor, rtol=1e-9, atol=0))
        for k in range(epochs)
    }
    limit = 2 / fpp
    sweep = {}
    for rate in SWEEP_RATES:
        end = descend(parabola, start, learning_rate=rate, epochs=SWEEP_EPOCHS).final[0]
        closer = abs(end - m) < abs(start - m)
        sweep[f"η = {rate:g}"] = closer == (rate < limit)
    for mult in (0.99, 1.01):
        rate = mult * limit
        end = descend(parabola, start, learning_rate=rate, epochs=SWEEP_EPOCHS).final[0]
        sweep[f"η = {mult} × 2/f''"] = (abs(end - m) < abs(start - m)) == (mult < 1)
    cycle = _exact_cycle(start)
    still, beside = (
        descend(bowl, s, learning_rate=ripple["learning_rate"], epochs=ripple["epochs"])
        for s in ripple["starts"]
    )
    fpp0 = float(bowl.hessian([0.0])[0, 0])
    _, hi = bowl.domain[0]
    extrema = critical_points(bowl)
    at_zero = [c for c in extrema if abs(c.x[0]) < 1e-9]
    lowest = min(c.value for c in extrema if c.kind == "min")
    offsets = _offset_runs(ripple)
    end_min = [c for c in extrema if abs(c.x[0] - beside.final[0]) < 1e-6]
    growth = 1 - ripple["learning_rate"] * fpp0
    per_decade = float(np.log(10) / np.log(growth))
    leave = _leave_epochs(ripple)
    tiniest_path, twice_path = _tiniest_runs(ripple)
    tiny = descend(bowl, 1e-8, learning_rate=ripple["learning_rate"], epochs=5)
    measured_growth = tiny.path[1:, 0] / tiny.path[:-1, 0]
    return {
        "recap_error_factor": Claim.every(
            {"x − m = (1 − f″η)(x − m) for every x, η (sympy)": identity, **per_epoch},
            f"measured ratios {np.min(errors[1:] / errors[:-1]):.12f}.."
            f"{np.max(errors[1:] / errors[:-1]):.12f}, 1 − f″η = {factor}",
        ),
        "recap_steps_shrink": Claim.every(
            {f"epoch {k + 1}": bool(steps[k + 1] < steps[k]) for k in range(len(steps) - 1)},
            f"steps {steps[:3].tolist()} ...",
        ),
        "recap_same_factor": Claim.every(
            {
                f"epoch {k}": bool(np.isclose(r, abs(factor), rtol=1e-9))
                for k, r in enumerate(ratios)
            },
            f"|f'| ratios {ratios.min():.12f}..{ratios.max():.12f}, |1 - η f''| = {abs(factor)}",
        ),
        "recap_limit_is_sharp": Claim.every(
            sweep, f"{SWEEP_EPOCHS} epochs from {start}; closer to {m} exactly when η < {limit:.6f}"
        ),
        "recap_bounces_at_limit": Claim.every(
            {f"epoch {k}": cycle[k] == cycle[k % 2] for k in range(len(cycle))}
            | {"two points": cycle[0] != cycle[1], "mirror": cycle[0] + cycle[1] == 2 * m_exact},
            f"exact iterates {[str(v) for v in cycle]}",
        ),
        "ripple_local_not_global": Claim(
            len(at_zero) == 1
            and at_zero[0].kind == "max"
            and fpp0 < 0
            and float(bowl.value([hi])) > float(bowl.value([0.0]))
            and any(c.kind == "max" and c.value > at_zero[0].value for c in extrema),
            f"critical point at 0: {at_zero[0].kind if at_zero else None}, f''(0) = {fpp0:.4f}, "
            f"f(0) = {float(bowl.value([0.0]))}, f({hi}) = {float(bowl.value([hi]))}",
        ),
        "ripple_start_never_moves": Claim.every(
            {f"epoch {k}": bool(v == ripple["starts"][0]) for k, v in enumerate(still.path[:, 0])},
            f"path {still.path[:3].ravel()} ...",
        ),
        "ripple_beside_descends": Claim(
            bool(beside.final_value < float(bowl.value([ripple["starts"][1]])))
            and len(end_min) == 1
            and end_min[0].kind == "min"
            and abs(end_min[0].value - lowest) < 1e-12,
            f"f {float(bowl.value([ripple['starts'][1]])):.4f} → {beside.final_value:.4f}, "
            f"the lowest minimum {lowest:.4f}",
        ),
        "ripple_only_exact_stays": Claim.every(
            {
                f"x0 = {s:g}": bool(
                    np.sign(path[-1]) == np.sign(s)
                    and abs(abs(path[-1]) - abs(beside.final[0])) < 1e-9
                )
                for s, path in offsets.items()
            },
            f"every start ±10^-k (k = {OFFSET_EXPONENTS[0]}..{OFFSET_EXPONENTS[-1]}) ends at "
            f"±{beside.final[0]:.6f} after {ripple['epochs']} epochs",
        ),
        "ripple_slower_when_closer": Claim.every(
            {
                f"10^-{k} → 10^-{k + 1}, sign {sign:+d}": leave[sign * 10.0 ** -(k + 1)]
                - leave[sign * 10.0**-k]
                in (int(per_decade), int(per_decade) + 1)
                for k in OFFSET_EXPONENTS[:-1]
                for sign in (1, -1)
            }
            | {"every start leaves": all(0 < e < ripple["epochs"] for e in leave.values())},
            f"epochs to pass {10.0 ** -OFFSET_EXPONENTS[0]}: {list(leave.values())}; "
            f"ln 10 / ln {growth:.4f} = {per_decade:.3f}",
        ),
        "ripple_tiniest_stays": Claim.every(
            {f"epoch {k}": bool(v == tiniest_path[0]) for k, v in enumerate(tiniest_path)}
            | {"twice it leaves": bool(abs(twice_path[-1]) > 0.4)},
            f"from {tiniest_path[0]!r}: stays; from {twice_path[0]!r}: ends at {twice_path[-1]}",
        ),
        "ripple_grows_by_factor": Claim.every(
            {
                f"epoch {k}": bool(np.isclose(r, growth, rtol=1e-6))
                for k, r in enumerate(measured_growth)
            },
            f"from 1e-8: ratios {measured_growth.tolist()}, 1 − ηf''(0) = {growth}",
        ),
    }


def gd1d_notebook(
    lang: str, *, start: float, learning_rate: float, epochs: int, ripple: dict
) -> list[Code]:
    """The page's notebook: the 1D loop on the parabola, its error factor and limit; the two
    starts at and beside the local maximum, and the starts ever closer to it."""
    parabola, bowl = get_landscape("parabola"), get_landscape("rippled_bowl")
    run = descend(parabola, start, learning_rate=learning_rate, epochs=epochs)
    m, fpp, _, _ = _parabola_parts()
    still, beside = (
        descend(bowl, s, learning_rate=ripple["learning_rate"], epochs=ripple["epochs"])
        for s in ripple["starts"]
    )
    setup = (
        'x = sympy.symbols("x")\n'
        f"f_expr = {cells.sympy_code(parabola.expr)}\n"
        "f = sympy.lambdify(x, f_expr)\n"
        "derivative_1d = sympy.lambdify(x, sympy.diff(f_expr, x))  # f'(x)\n"
    )
    run_cell = (
        f"path = descend_1d({start}, learning_rate={learning_rate}, epochs={epochs})\n"
        'print("x at the end =", path[-1])\n'
        'print("f\'(x) at the end =", derivative_1d(path[-1]))\n'
        f"errors = path - {m}  # the distance to the minimum, with its sign\n"
        'print("x - m is multiplied each epoch by =", errors[1] / errors[0])\n'
        'print("the same factor at every epoch:", np.allclose(errors[1:] / errors[:-1], '
        "errors[1] / errors[0]))\n"
    )
    path_cell = (
        "xs = np.linspace(-2, 2, 200)\n"
        "fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 7))\n"
        'top.plot(xs, f(xs), color="gray")\n'
        'top.plot(path, f(path), "o-", color="tab:blue")\n'
        "bottom.semilogy(np.abs(derivative_1d(path)))\n"
        'bottom.set_xlabel("epoch")\n'
        'bottom.set_ylabel("|f\'(x)|")\n'
        "plt.show()\n"
    )
    limit_cell = (
        "second = float(sympy.diff(f_expr, x, 2))  # f'' is a constant on a parabola\n"
        "print(\"stability limit 2 / f'' =\", 2 / second)\n"
        "for eta in (0.99 * 2 / second, 1.01 * 2 / second):  # just below, just above\n"
        f"    end = descend_1d({start}, learning_rate=eta, epochs=200)[-1]\n"
        f'    print("eta", round(eta, 4), "ends", abs(end - {m}), "from the minimum")\n'
    )
    rate, n = ripple["learning_rate"], ripple["epochs"]
    ripple_cell = (
        f"g_expr = {cells.sympy_code(bowl.expr)}\n"
        "g = sympy.lambdify(x, g_expr)\n"
        "dg = sympy.lambdify(x, sympy.diff(g_expr, x))\n"
        "print(\"g''(0) is negative, a local maximum:\", sympy.diff(g_expr, x, 2).subs(x, 0))\n\n\n"
        "def descend_g(start, learning_rate, epochs):\n"
        "    point = start\n"
        "    path = [point]\n"
        "    for _ in range(epochs):\n"
        "        point = point - learning_rate * dg(point)\n"
        "        path.append(point)\n"
        "    return np.array(path)\n\n\n"
        f"still = descend_g({ripple['starts'][0]}, learning_rate={rate}, epochs={n})\n"
        f"beside = descend_g({ripple['starts'][1]}, learning_rate={rate}, epochs={n})\n"
        'print("from the local maximum, x at the end =", still[-1])\n'
        'print("from beside it, x at the end =", beside[-1])\n'
        f"for k in range({OFFSET_EXPONENTS[0]}, {OFFSET_EXPONENTS[-1] + 1}):  # ever closer\n"
        "    ends = [descend_g(s * 10.0**-k, learning_rate="
        f"{rate}, epochs={n})[-1] for s in (1, -1)]\n"
        '    print("start +-10^-" + str(k), "ends at", np.round(ends, 4))\n'
    )
    stuck_cell = (
        "fig, ax = plt.subplots(figsize=(6, 4))\n"
        'ax.plot(xs, g(xs), color="gray")\n'
        'ax.plot(still, g(still), "s", color="tab:red")\n'
        'ax.plot(beside, g(beside), ".-", color="tab:blue")\n'
        "plt.show()\n"
    )
    return [
        Code(cells.IMPORTS + cells.ARRAY + "\n" + setup, "start"),
        Code(
            run_cell,
            "after:recap_epochs",
            (
                Check("recap_end", run.final[0]),
                Check("recap_end_df", float(parabola.gradient(run.final)[0])),
                Check("recap_factor", 1 - learning_rate * fpp, 5),
            ),
        ),
        Code(path_cell, "fig-gd1d-path"),
        Code(limit_cell, "after:recap_limit", (Check("recap_limit", 2 / fpp),)),
        Code(
            ripple_cell,
            "after:ripple_end1",
            (Check("ripple_end0", still.final[0]), Check("ripple_end1", beside.final[0])),
        ),
        Code(stuck_cell, "fig-rippled-stuck"),
    ]


ENTRIES = (
    Entry("gd1d_path", "figure", gd1d_path, RECAP),
    Entry("gd1d_descent", "animation", gd1d_animation, RECAP, fmt="webp"),
    Entry("rippled_stuck", "figure", rippled_stuck, RIPPLE),
    Entry("gd1d_values", "values", gd1d_values, {**RECAP, "ripple": RIPPLE}, fmt="json"),
    Entry("gd1d_claims", "claims", gd1d_claims, {**RECAP, "ripple": RIPPLE}, fmt="json"),
    Entry("gd1d_notebook", "notebook", gd1d_notebook, {**RECAP, "ripple": RIPPLE}, fmt="json"),
)
