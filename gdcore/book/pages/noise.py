"""Page ``noise.md``: a minibatch gradient modelled as ∇f + σξ; one noisy run from the reference
start against the plain one (it jitters about the minimum, by about σ√(η/(2λ)) along each
eigenvector in the quadratic model); the probabilistic basin map (each start coloured by its
chance of arriving at each minimum over many seeded runs); and which minima noise lets runs leave
within the epochs, as the runs show it."""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from gdcore.analysis import BasinMap, CriticalPoint, basins
from gdcore.book import cells, palette, theme
from gdcore.book.memo import memo
from gdcore.book.numfmt import floor_to, fmt, fmt_rate, math_point, order_of, pct, tex
from gdcore.book.pages.shared import (
    BASIN_RADIUS,
    NOISY_RADIUS,
    eigen,
    frozen_bound,
    frozen_epoch,
    lesson_minimum,
    peaks_basins,
    power_of_ten,
)
from gdcore.book.params import RACE, SEED_EPOCHS, SEED_LR, SEED_START
from gdcore.book.peaks import critical_points
from gdcore.book.plots import grid_values, halo, plot_heatmap, series_style
from gdcore.book.registry import Check, Claim, Code, Entry
from gdcore.book.words import label
from gdcore.descent import Trajectory, descend
from gdcore.landscape import get_landscape

#: The noisy run against the plain one: the reference run's start, rate and epochs with a small
#: noise, small enough that the run stays where the quadratic model describes it.
RUN = {"start": SEED_START, "learning_rate": SEED_LR, "epochs": SEED_EPOCHS, "noise": 1.0}
#: The one noisy run the figure draws (its seed).
RUN_SEED = 0
#: How many seeded runs from the reference start measure the jitter, and from which epoch on
#: (long after the plain run's error has shrunk below rounding: the jitter alone is left).
SPREAD_RUNS, SPREAD_FROM = 200, 500
#: How closely the measured jitter along each eigenvector must match σ√(η/(2λ)) (relative): the
#: model drops ηλ against 2 (a few per cent here) and peaks is not exactly quadratic.
SPREAD_TOL = 0.03
#: The probabilistic basin map: the basin map's rate and epochs on a coarser grid, a noise large
#: enough that runs leave the shallowest minimum within the epochs, runs per start, the radius
#: within which a noisy run's end counts as arrived (a few times the largest typical distance, see
#: :func:`radius_cases`) and the seed.
MAP = {
    "learning_rate": SEED_LR,
    "epochs": SEED_EPOCHS,
    "grid": 41,
    "noise": 5.0,
    "runs": 16,
    "radius": NOISY_RADIUS,
    "seed": 0,
}
#: Runs started exactly at each minimum, with the map's noise, rate and epochs.
LEAVE_RUNS = 200


def radius_factor(cases: dict[str, tuple[float, float]]) -> float:
    """How many times the map's radius holds the largest typical distance of :func:`radius_cases`,
    rounded down to one decimal (the page says "at least" this many times)."""
    return floor_to(MAP["radius"] / max(d for d, _ in cases.values()), 1)


# --- the runs ------------------------------------------------------------------------------------
@cache
def plain_run() -> Trajectory:
    """The reference run: no noise."""
    r = RUN
    return descend(get_landscape("peaks"), r["start"], learning_rate=r["learning_rate"],
                   epochs=r["epochs"])  # fmt: skip


@cache
def noisy_run() -> Trajectory:
    """The reference start's run with noise ``RUN['noise']`` and seed :data:`RUN_SEED`."""
    r = RUN
    return descend(get_landscape("peaks"), r["start"], learning_rate=r["learning_rate"],
                   epochs=r["epochs"], noise=r["noise"], seed=RUN_SEED)  # fmt: skip


def predicted_spread(sigma: float, learning_rate: float, eigenvalues: np.ndarray) -> np.ndarray:
    """The quadratic model's jitter σ√(η/(2λ)) along each eigenvector (``eigenvalues`` > 0)."""
    lam = np.asarray(eigenvalues, dtype=float)
    if sigma < 0 or learning_rate <= 0 or np.any(lam <= 0):
        raise ValueError(
            f"sigma must be >= 0, learning_rate > 0 and every eigenvalue > 0, got {sigma!r}, "
            f"{learning_rate!r}, {lam.tolist()}"
        )
    return sigma * np.sqrt(learning_rate / (2 * lam))


def exact_spread(sigma: float, learning_rate: float, eigenvalues: np.ndarray) -> np.ndarray:
    """The quadratic model's jitter along each eigenvector, exactly: the root of the mean square
    ησ²/(λ(2 − ηλ)) the error settles at (0 < ηλ < 2); σ√(η/(2λ)) is its small-ηλ form."""
    lam = np.asarray(eigenvalues, dtype=float)
    if sigma < 0 or learning_rate <= 0 or np.any(lam <= 0) or np.any(learning_rate * lam >= 2):
        raise ValueError(
            f"sigma must be >= 0, learning_rate > 0 and every eigenvalue > 0 with "
            f"learning_rate * eigenvalue < 2, got {sigma!r}, {learning_rate!r}, {lam.tolist()}"
        )
    return sigma * np.sqrt(learning_rate / (lam * (2 - learning_rate * lam)))


def typical_distance(sigma: float, learning_rate: float, eigenvalues: np.ndarray) -> float:
    """The quadratic model's typical distance from the minimum: the root mean square √(a² + b²)
    of the exact jitters along the eigenvectors (:func:`exact_spread`; the parts are
    perpendicular)."""
    return float(np.sqrt(np.sum(exact_spread(sigma, learning_rate, eigenvalues) ** 2)))


def rms_along(errors: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """The root mean square of the errors ``(n, 2)`` along each unit vector (the columns of
    ``vectors``): how far, typically, the points lie from the minimum in that direction."""
    parts = np.asarray(errors, dtype=float).reshape(-1, vectors.shape[0]) @ vectors
    return np.sqrt(np.mean(parts**2, axis=0))


@cache
@memo
def spread_errors(runs: int, first: int) -> np.ndarray:
    """The errors x_k − x* of ``runs`` seeded runs from the reference start (streams 0 …
    runs − 1, seed :data:`RUN_SEED`) at every epoch from ``first`` on, shape ``(n, 2)``."""
    r = RUN
    starts = np.tile(np.array(r["start"], dtype=float), (runs, 1))
    many = descend(get_landscape("peaks"), starts, learning_rate=r["learning_rate"],
                   epochs=r["epochs"], noise=r["noise"], seed=RUN_SEED)  # fmt: skip
    return (many.path[:, first:, :] - lesson_minimum().x).reshape(-1, 2)


def measured_spread() -> tuple[np.ndarray, np.ndarray]:
    """The measured jitter along the reference minimum's eigenvectors (λmin's first), and the
    quadratic model's exact value (:func:`exact_spread`)."""
    w, v = eigen(lesson_minimum().x)
    errors = spread_errors(SPREAD_RUNS, SPREAD_FROM)
    return rms_along(errors, v), exact_spread(RUN["noise"], RUN["learning_rate"], w)


@cache
def race_runs() -> dict[str, Trajectory]:
    """The playground's race (its preset ``race``), as :func:`gdcore.descend` runs it: from the
    reference start at the reference run's rate and epochs, plain descent, momentum alone and
    gradient noise alone (with its seed)."""
    peaks = get_landscape("peaks")
    base = {"learning_rate": RACE["learning_rate"], "epochs": RACE["epochs"]}
    return {
        "plain": descend(peaks, RACE["start"], **base),
        "momentum": descend(peaks, RACE["start"], **base, momentum=RACE["momentum"]),
        "noise": descend(peaks, RACE["start"], **base, noise=RACE["noise"], seed=RACE["seed"]),
    }


def race_distances() -> dict[str, np.ndarray]:
    """Each race run's end's distance to each of peaks' minima (:func:`minima` order)."""
    ends = {k: r.final for k, r in race_runs().items()}
    return {k: np.array([np.linalg.norm(e - m.x) for m in minima()]) for k, e in ends.items()}


def minima() -> list[CriticalPoint]:
    """Peaks' minima in :func:`gdcore.critical_points` order (the global minimum first)."""
    return [c for c in critical_points() if c.kind == "min"]


@cache
@memo
def noisy_basins(
    learning_rate: float, epochs: int, grid: int, noise: float, runs: int, radius: float, seed: int
) -> BasinMap:
    """The probabilistic basin map of peaks (computed once per build, kept on disk)."""
    return basins(get_landscape("peaks"), learning_rate=learning_rate, epochs=epochs, grid=grid,
                  noise=noise, runs=runs, radius=radius, seed=seed)  # fmt: skip


@cache
@memo
def leave_ends(
    learning_rate: float, epochs: int, noise: float, runs: int, radius: float, seed: int
) -> np.ndarray:
    """Where the ``runs`` noisy runs started exactly at each minimum arrive: shape
    ``(minima, runs)``, the index of the minimum each arrives at (within ``radius``), −1 for
    none."""
    peaks = get_landscape("peaks")
    ms = minima()
    centres = np.stack([m.x for m in ms])
    out = np.full((len(ms), runs), -1)
    for i, m in enumerate(ms):
        run = descend(peaks, np.tile(m.x, (runs, 1)), learning_rate=learning_rate, epochs=epochs,
                      noise=noise, seed=seed, stream=i * runs, keep_path=False)  # fmt: skip
        dist = np.linalg.norm(run.final[:, None, :] - centres[None], axis=2)
        near = dist.argmin(axis=1)
        ok = (dist[np.arange(runs), near] <= radius) & (run.status != "diverged")
        out[i, ok] = near[ok]
    return out


def map_leave_ends() -> np.ndarray:
    """:func:`leave_ends` at the map's settings."""
    m = MAP
    return leave_ends(m["learning_rate"], m["epochs"], m["noise"], LEAVE_RUNS, m["radius"],
                      m["seed"])  # fmt: skip


def map_result() -> BasinMap:
    """The probabilistic basin map at :data:`MAP`."""
    return noisy_basins(**MAP)


def plain_result() -> BasinMap:
    """The plain basin map on the same grid (radius 10⁻³, the book's arrival)."""
    return peaks_basins(MAP["learning_rate"], MAP["epochs"], MAP["grid"])


def shallow_index() -> int:
    """The index of the shallowest minimum (the reference run's) among :func:`minima`."""
    ms = minima()
    return int(np.argmax([m.value for m in ms]))


def radius_cases() -> dict[str, tuple[float, float]]:
    """Per minimum: the quadratic model's typical distance at the map's noise and rate (the root
    mean square √(a² + b²) of the exact jitters along the two eigenvectors, :func:`exact_spread`),
    and half the distance to the nearest other minimum."""
    ms = minima()
    out = {}
    for i, m in enumerate(ms):
        w = np.linalg.eigvalsh(get_landscape("peaks").hessian(m.x))
        jitter = typical_distance(MAP["noise"], MAP["learning_rate"], w)
        gap = min(float(np.linalg.norm(m.x - q.x)) for j, q in enumerate(ms) if j != i)
        out[f"{m.value:.3f}"] = (jitter, gap / 2)
    return out


# --- the figures ---------------------------------------------------------------------------------
#: The window of the noisy-run figure's map: around the reference start and its minimum.
WINDOW = ((-0.5, 1.0), (-0.2, 1.6))


def noise_run(lang: str, *, start: tuple[float, float], learning_rate: float, epochs: int,
              noise: float) -> Figure:  # fmt: skip
    """Two panels: top, the plain and the noisy run from ``start`` on the map of peaks around
    the reference minimum; bottom, each run's distance to that minimum against the epoch on a
    log scale, with a guide at the quadratic model's typical distance
    σ√(η/2 · (1/λmin + 1/λmax))."""
    if (start, learning_rate, epochs, noise) != (
        RUN["start"], RUN["learning_rate"], RUN["epochs"], RUN["noise"]
    ):  # fmt: skip
        raise ValueError(f"noise_run draws the page's runs RUN {RUN}, got another setting")
    peaks = get_landscape("peaks")
    m = lesson_minimum()
    w, _ = eigen(m.x)
    fig = Figure(figsize=(4.8, 9.0), layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=(1.15, 1))
    plot_heatmap(top, peaks, resolution=161, domain=WINDOW)
    xs, ys, z = grid_values(peaks, 121, WINDOW)
    top.contour(xs, ys, z, levels=15, colors=palette.OUTLINE, linewidths=0.3, alpha=0.5)
    runs = ((noisy_run(), 0, "noise_noisy"), (plain_run(), 1, "noise_plain"))
    for run, i, _ in runs:
        top.plot(run.path[:, 0], run.path[:, 1], linewidth=1.4 if i == 0 else 2.0,
                 path_effects=halo(1.4 if i == 0 else 2.0), **series_style(i, "map"))  # fmt: skip
    top.plot(*start, palette.MARKERS["start"], color=palette.mark("start", "map"), markersize=9,
             markeredgecolor=palette.OUTLINE)  # fmt: skip
    top.plot(*m.x, palette.MARKERS["minimum"], color=palette.mark("minimum"), markersize=10,
             markeredgecolor=palette.OUTLINE)  # fmt: skip
    (x0, x1), (y0, y1) = WINDOW
    top.set_xlim(x0, x1)
    top.set_ylim(y0, y1)
    top.set_xticks(np.arange(x0, x1 + 0.25, 0.5))
    top.set_aspect("equal")
    top.set_xlabel(label("x", lang))
    top.set_ylabel(label("y", lang))
    top.set_title(label("noise_run_title", lang, lr=fmt_rate(learning_rate), s=f"{noise:g}"),
                  fontsize=11)  # fmt: skip
    k = np.arange(epochs + 1)
    for run, i, _ in runs:
        d = np.linalg.norm(run.path - m.x, axis=1)
        shown = d > 0
        bottom.plot(k[shown], d[shown], linewidth=1.2 if i == 0 else 2.0, **series_style(i))
    typical = typical_distance(noise, learning_rate, w)  # nz_pred_dist
    bottom.axhline(typical, color=palette.GUIDE, linestyle="-.", linewidth=2.0, zorder=4)
    bottom.set_yscale("log")
    bottom.set_xlim(0, epochs)
    bottom.set_xlabel(label("epochs_axis", lang))
    bottom.set_ylabel(label("noise_distance_axis", lang))
    bottom.grid(alpha=0.3)
    handles = [
        Line2D([], [], linewidth=1.4, label=label("noise_noisy", lang, s=f"{noise:g}"),
               **series_style(0)),
        Line2D([], [], linewidth=2.0, label=label("noise_plain", lang), **series_style(1)),
        Line2D([], [], color=palette.GUIDE, linestyle="-.", linewidth=2.0,
               label=label("noise_typical", lang)),
    ]  # fmt: skip
    fig.legend(handles=handles, loc="outside lower center", ncols=1, fontsize=11)
    return fig


def _blend(probabilities: np.ndarray, none: np.ndarray, dark: bool) -> np.ndarray:
    """Each start's colour: the minima's colours and the grey of no minimum mixed in proportion to
    its chances (``(K, K, m)`` and ``(K, K)``), as RGB ``(K, K, 3)``; ``dark`` takes the dark
    page's variants for a map of categories (the basins keep their colours, as on the basin
    maps; only the grey changes)."""
    shown = theme.category_variant if dark else to_rgba
    colors = [shown(c)[:3] for c in palette.MINIMA]
    grey = shown(palette.NONE["light"])[:3]
    n = probabilities.shape[-1]
    rgb = probabilities @ np.array(colors[:n]) + none[..., None] * np.array(grey)
    return np.clip(rgb, 0, 1)


def _draw_chances(ax: object, result: BasinMap, lang: str) -> None:
    """A basin map of chances on ``ax``: each start's colour mixes the minima's colours (and the
    grey of no minimum) in proportion to the fraction of its runs arriving at each."""
    peaks = get_landscape("peaks")
    if result.probabilities is None or result.probability_none is None:
        raise ValueError("result must carry probabilities (a basins result)")
    (x0, x1), (y0, y1) = peaks.domain
    image = ax.imshow(_blend(result.probabilities, result.probability_none, False),
                      origin="lower", extent=(x0, x1, y0, y1), interpolation="nearest")  # fmt: skip
    theme.on_dark(image, data=_blend(result.probabilities, result.probability_none, True))
    xs, ys, z = grid_values(peaks, 121)
    ax.contour(xs, ys, z, levels=15, colors=palette.OUTLINE, linewidths=0.3, alpha=0.5)
    for m in result.minima:
        ax.plot(*m.x, palette.MARKERS["minimum"], color=palette.mark("minimum"),
                markeredgecolor=palette.OUTLINE, markersize=10)  # fmt: skip
    ax.set_xlabel(label("x", lang))
    ax.set_ylabel(label("y", lang))


def noise_basins(lang: str, *, learning_rate: float, epochs: int, grid: int, noise: float,
                 runs: int, radius: float, seed: int) -> Figure:  # fmt: skip
    """The plain basin map on the same grid (top) and the probabilistic one (bottom): each start
    coloured by its chances of arriving at each minimum, mixed in proportion."""
    noisy = noisy_basins(learning_rate, epochs, grid, noise, runs, radius, seed)
    plain = peaks_basins(learning_rate, epochs, grid)
    plain_p = np.stack([plain.labels == i for i in range(len(plain.minima))], axis=-1)
    plain_shown = BasinMap(plain.axes, plain.labels, plain.minima, plain.shares, plain.share_none,
                           plain.final, plain.diverged, plain_p.astype(float),
                           (plain.labels < 0).astype(float))  # fmt: skip
    fig = Figure(figsize=(4.8, 11.0), layout="constrained")
    top, bottom = fig.subplots(2, 1)
    _draw_chances(top, plain_shown, lang)
    top.set_title(label("noise_plain_map_title", lang, lr=fmt_rate(learning_rate),
                        epochs=f"{epochs:,}"), fontsize=11)  # fmt: skip
    _draw_chances(bottom, noisy, lang)
    bottom.set_title(label("noise_map_title", lang, s=f"{noise:g}", runs=f"{runs}"), fontsize=11)
    edge = {"edgecolor": palette.page("light", "muted"), "linewidth": 0.8}
    handles = [Rectangle((0, 0), 1, 1, facecolor=palette.NONE["light"],
                         label=label("basin_none", lang), **edge)]  # fmt: skip
    lowest = min(m.value for m in noisy.minima)
    for m, color in zip(noisy.minima, palette.MINIMA, strict=False):
        key = "basin_of_global" if m.value == lowest else "basin_of"
        handles.append(Rectangle((0, 0), 1, 1, facecolor=color,
                                 label=label(key, lang, v=fmt(m.value, 3)), **edge))  # fmt: skip
    fig.legend(handles=handles, loc="outside lower center", ncols=1)
    return fig


#: A distance from the minimum below this is rounding level: the coordinates, of order 1, are
#: each rounded to about 10⁻¹⁶.
FLOOR_TOL = 1e-12


# --- values and claims ---------------------------------------------------------------------------
def _minimum_name(i: int, lang: str) -> str:
    """``$f = -6.551$`` of the ``i``-th minimum."""
    return f"$f = {tex(minima()[i].value, 3)}$"


def noise_values(lang: str) -> dict[str, str]:
    """Every number the page shows."""
    m = lesson_minimum()
    w, _ = eigen(m.x)
    measured, predicted = measured_spread()
    noisy, plain = map_result(), plain_result()
    ends = map_leave_ends()
    s = shallow_index()
    ms = minima()
    shallow = ends[s]
    cases = radius_cases()
    out = {
        "nz_sigma": f"$\\sigma = {RUN['noise']:g}$",
        "nz_lr": f"$\\eta = {fmt_rate(RUN['learning_rate'])}$",
        "nz_epochs": f"{RUN['epochs']:,}",
        "nz_start": math_point(np.array(RUN["start"]), 1),
        "nz_min": math_point(m.x, 4),
        "nz_lams": f"$\\lambda_{{\\min}} = {w[0]:.2f}$, $\\lambda_{{\\max}} = {w[1]:.2f}$",
        "nz_pred_min": fmt(float(predicted[0]), 4),
        "nz_pred_max": fmt(float(predicted[1]), 4),
        # the figure's dash-dotted guide: the distance's root mean square in the model
        "nz_pred_dist": fmt(typical_distance(RUN["noise"], RUN["learning_rate"], w), 4),
        # where the plain run's distance levels off once it stops moving (rounding level)
        "nz_plain_floor": order_of(float(np.linalg.norm(plain_run().final - m.x))),
        "nz_meas_min": fmt(float(measured[0]), 4),
        "nz_meas_max": fmt(float(measured[1]), 4),
        "nz_spread_runs": f"{SPREAD_RUNS}",
        "nz_spread_from": f"{SPREAD_FROM}",
        "nz_spread_tol": f"{SPREAD_TOL:.0%}",
        "nz_end_dist": fmt(float(np.linalg.norm(noisy_run().final - m.x)), 3),
        # the map
        "nz_map_sigma": f"$\\sigma = {MAP['noise']:g}$",
        "nz_map_grid": f"{MAP['grid']}",
        "nz_map_starts": f"{MAP['grid'] ** 2:,}",
        "nz_map_runs": f"{MAP['runs']}",
        "nz_map_total": f"{MAP['grid'] ** 2 * MAP['runs']:,}",
        "nz_radius": f"{MAP['radius']:g}",
        "nz_radius_factor": fmt(radius_factor(cases), 1),
        "nz_jitter_max": fmt(max(j for j, _ in cases.values()), 3),
        "nz_half_gap": fmt(floor_to(min(g for _, g in cases.values()), 2), 2),  # "at least"
        "nz_leave_runs": f"{LEAVE_RUNS}",
        "nz_seed": f"{RUN_SEED}",
        # how uncertain a share of one start's runs is: one run's worth, and the binomial
        # standard error √(p(1 − p)/n) at its largest (p = 1/2); and that of the shares of all runs
        "nz_one_run": f"{100 / MAP['runs']:g}",
        "nz_share_se": f"{100 * 0.5 / np.sqrt(MAP['runs']):g}",
        "nz_total_se": fmt(100 * 0.5 / float(np.sqrt(MAP["grid"] ** 2 * MAP["runs"])), 2),
        "nz_shallow_f": _minimum_name(s, lang),
    }
    for i in range(len(ms)):
        out[f"nz_share_plain_{i}"] = pct(float(plain.shares[i]))
        out[f"nz_share_noisy_{i}"] = pct(float(noisy.shares[i]))
        out[f"nz_f_{i}"] = _minimum_name(i, lang)
        out[f"nz_shallow_to_{i}"] = pct(float(np.mean(shallow == i)))
    out["nz_share_plain_none"] = pct(plain.share_none)
    out["nz_share_noisy_none"] = pct(noisy.share_none)
    out["nz_shallow_to_none"] = pct(float(np.mean(shallow < 0)))
    out["nz_shallow_left"] = pct(float(np.mean((shallow >= 0) & (shallow != s))))
    # the playground's race
    ref = next(i for i, c in enumerate(ms) if np.allclose(c.x, m.x))
    out["nz_race_lr"] = f"$\\eta = {fmt_rate(RACE['learning_rate'])}$"
    out["nz_race_epochs"] = f"{RACE['epochs']:,}"
    out["nz_race_beta"] = f"$\\beta = {RACE['momentum']:g}$"
    out["nz_race_sigma"] = f"$\\sigma = {RACE['noise']:g}$"
    out["nz_race_seed"] = f"{RACE['seed']}"
    out["nz_race_radius"] = power_of_ten("the radius of arriving", BASIN_RADIUS)
    out["nz_race_noise_dist"] = fmt(float(race_distances()["noise"][ref]), 3)
    return out


def noise_claims(lang: str) -> dict[str, Claim]:
    """What the page says of the runs, checked against them; a sentence over every run, minimum
    or eigenvector is checked case by case (:meth:`Claim.every`)."""
    m = lesson_minimum()
    measured, predicted = measured_spread()
    plain, noisy = plain_run(), noisy_run()
    nb, pb = map_result(), plain_result()
    wide = peaks_basins(MAP["learning_rate"], MAP["epochs"], MAP["grid"], MAP["radius"])
    ends = map_leave_ends()
    s = shallow_index()
    ms = minima()
    g = next(i for i, c in enumerate(ms) if c.is_global_min)
    cases = radius_cases()
    factor = radius_factor(cases)
    steps = np.linalg.norm(np.diff(noisy.path, axis=0), axis=1)
    end_dist = float(np.linalg.norm(noisy.final - m.x))
    plain_dist = np.linalg.norm(plain.path - m.x, axis=1)
    rel = measured / predicted - 1
    others = [i for i in range(len(ms)) if i != s]
    race = race_distances()
    ref = next(i for i, c in enumerate(ms) if np.allclose(c.x, m.x))
    return {
        "nz_race": Claim.every(
            {
                "plain descent arrives at the reference run's minimum": race["plain"][ref]
                <= BASIN_RADIUS,
                "momentum arrives at the global minimum": race["momentum"][g] <= BASIN_RADIUS,
                "the noisy run arrives at no minimum": bool(np.all(race["noise"] > BASIN_RADIUS)),
                "the noisy run's nearest minimum is the reference run's": int(
                    np.argmin(race["noise"])
                )
                == ref,
            },
            "; ".join(
                f"{k}: end {r.final.round(6).tolist()}, distances to the minima "
                f"{race[k].round(6).tolist()}"
                for k, r in race_runs().items()
            )
            + f"; arrival radius {BASIN_RADIUS:g}",
        ),
        "nz_spread_model": Claim.every(
            {
                f"along the λ{name} eigenvector": abs(float(r)) < SPREAD_TOL
                for name, r in zip(("min", "max"), rel, strict=True)
            },
            f"measured {measured.round(5).tolist()} against √(ησ²/(λ(2 − ηλ))) "
            f"{predicted.round(5).tolist()} over {SPREAD_RUNS} runs, epochs {SPREAD_FROM}.."
            f"{RUN['epochs']}",
        ),
        "nz_plain_floor": Claim.every(
            {
                "the plain run's distance is the same from its frozen epoch on": bool(
                    np.all(plain_dist[frozen_epoch(plain.path) :] == plain_dist[-1])
                ),
                "that distance is at rounding level": 0 < plain_dist[-1] < FLOOR_TOL,
            },
            f"plain run frozen from epoch {frozen_epoch(plain.path)} at distance "
            f"{plain_dist[-1]:.2e} (rounding level below {FLOOR_TOL:g})",
        ),
        "nz_flat_farther": Claim.every(
            {
                "in the model": float(predicted[0]) > float(predicted[1]),
                "in the runs": float(measured[0]) > float(measured[1]),
            },
            f"along λmin, λmax: model {predicted.round(5).tolist()}, runs "
            f"{measured.round(5).tolist()}",
        ),
        "nz_jitter_above_arrival": Claim.every(
            {
                f"along the λ{name} eigenvector": float(r) > 10 * BASIN_RADIUS
                for name, r in zip(("min", "max"), measured, strict=True)
            },
            f"measured {measured.round(5).tolist()}; arrival radius {BASIN_RADIUS:g}",
        ),
        "nz_plain_stops_noisy_moves": Claim.every(
            {
                "the plain run stops moving": frozen_epoch(plain.path)
                <= frozen_bound(plain.path)
                < RUN["epochs"],
                "the noisy run moves at every epoch": bool(np.all(steps > 0)),
                "the noisy run ends near the minimum, not at it": 0
                < end_dist
                < 5 * typical_distance(RUN["noise"], RUN["learning_rate"], eigen(m.x)[0]),
            },
            f"plain frozen from epoch {frozen_epoch(plain.path)} (stated: by "
            f"{frozen_bound(plain.path)}); noisy smallest step {steps.min():.2e}, end "
            f"{end_dist:.4f} from the minimum",
        ),
        "nz_radius_honest": Claim.every(
            {
                f"minimum f = {k}": factor * j <= MAP["radius"] < gap
                for k, (j, gap) in cases.items()
            },
            f"radius {MAP['radius']}; (largest jitter, half the gap to the nearest minimum) "
            f"{ {k: (round(j, 4), round(gap, 3)) for k, (j, gap) in cases.items()} }",
        ),
        "nz_plain_radius": Claim.every(
            {
                f"start {k}": bool(a == b)
                for k, (a, b) in enumerate(zip(pb.labels.ravel(), wide.labels.ravel(), strict=True))
            },
            f"plain map, arrival within 10⁻³ and within {MAP['radius']:g}: the same minimum (or "
            f"none) from each start; shares {pb.shares.round(4).tolist()} and "
            f"{wide.shares.round(4).tolist()}",
        ),
        "nz_more_global": Claim(
            float(nb.shares[g]) > float(pb.shares[g]),
            f"global minimum's share {pb.shares[g]:.4f} plain, {nb.shares[g]:.4f} with noise",
        ),
        "nz_less_shallow": Claim(
            float(nb.shares[s]) < float(pb.shares[s]),
            f"shallowest minimum's share {pb.shares[s]:.4f} plain, {nb.shares[s]:.4f} with noise",
        ),
        "nz_less_none": Claim(
            nb.share_none < pb.share_none,
            f"no minimum: {pb.share_none:.4f} plain, {nb.share_none:.4f} with noise",
        ),
        "nz_shallow_left": Claim(
            bool(np.any((ends[s] >= 0) & (ends[s] != s))),
            f"runs from the shallowest minimum arriving at each minimum / none: "
            f"{[int(np.sum(ends[s] == i)) for i in range(len(ms))]} / {int(np.sum(ends[s] < 0))}",
        ),
        "nz_deep_stay": Claim.every(
            {
                f"run {r} from the minimum f = {ms[i].value:.3f}": int(ends[i, r]) == i
                for i in others
                for r in range(LEAVE_RUNS)
            },
            "; ".join(
                f"from f = {ms[i].value:.3f}: {int(np.sum(ends[i] == i))} of {LEAVE_RUNS} arrive "
                "back at it"
                for i in others
            ),
        ),
    }


def noise_notebook(lang: str) -> list[Code]:
    """The page's notebook: the reference minimum's Hessian and the model's jitter σ√(η/(2λ)),
    and noisy runs of one's own (numpy's generator, not the book's: other draws, the same
    sizes)."""
    _, predicted = measured_spread()
    sigma, lr = RUN["noise"], RUN["learning_rate"]
    spread_cell = cells.reference_hessian(SEED_START, SEED_LR, SEED_EPOCHS) + (
        f"sigma, eta = {sigma}, {lr}\n"
        "# the quadratic model's jitter along each eigenvector, exactly:\n"
        "# sigma * sqrt(eta / (lambda (2 - eta lambda))), about sigma * sqrt(eta / (2 lambda))\n"
        'print("along v_min =", sigma * np.sqrt(eta / (lam_min * (2 - eta * lam_min))))\n'
        'print("along v_max =", sigma * np.sqrt(eta / (lam_max * (2 - eta * lam_max))))\n'
    )
    runs_cell = (
        "rng = np.random.default_rng(0)  # numpy's generator: other draws than the book's\n"
        f"runs, first, epochs = {SPREAD_RUNS}, {SPREAD_FROM}, {RUN['epochs']}\n"
        f"points = np.tile(np.array({tuple(RUN['start'])}), (runs, 1))\n"
        "errors = []\n"
        "for k in range(epochs):\n"
        "    grad = np.stack([df_x(points[:, 0], points[:, 1]), df_y(points[:, 0], "
        "points[:, 1])], axis=1)\n"
        "    points = points - eta * (grad + sigma * rng.standard_normal(points.shape))\n"
        "    if k + 1 >= first:\n"
        "        errors.append(points - m)\n"
        "errors = np.concatenate(errors)\n"
        "# measured: the root mean square of the error along each eigenvector\n"
        'print("measured along v_min:", np.sqrt(np.mean((errors @ v_min) ** 2)))\n'
        'print("measured along v_max:", np.sqrt(np.mean((errors @ v_max) ** 2)))\n'
    )
    return [
        Code(cells.IMPORTS + "\n\n" + cells.PEAKS + "\n\n" + cells.DESCEND, "start"),
        Code(
            spread_cell,
            "after:nz_pred_max",
            (Check("nz_pred_min", predicted[0]), Check("nz_pred_max", predicted[1])),
        ),
        Code(runs_cell, "after:nz_meas_max"),
    ]


ENTRIES = (
    Entry("noise_run", "figure", noise_run, RUN, fmt="webp"),
    Entry("noise_basins", "figure", noise_basins, MAP, fmt="webp"),
    Entry("noise_values", "values", noise_values, fmt="json"),
    Entry("noise_claims", "claims", noise_claims, fmt="json"),
    Entry("noise_notebook", "notebook", noise_notebook, fmt="json"),
)
