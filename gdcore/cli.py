"""The command line, ``python -m gdcore``: a thin face over the engine, like the book's pages.

Every command takes ``--json`` for machine-readable output. Bad input exits with status 2 and one
line that names the option and the reason, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from io import TextIOWrapper
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:  # the engine (and sympy) is imported only when a command runs, not for --help
    from gdcore.descent import Trajectory
    from gdcore.landscape import Landscape

MAX_EPOCHS = 1_000_000
MAX_GRID = 1001
#: ``gdcore.descent.DEFAULT_MAX_WORK`` (a test holds them equal), without importing the engine.
DEFAULT_MAX_WORK = 10**10
#: The options that take a value: a value that begins with "-" (``--expr -x**2``, ``--lr -1``)
#: is still theirs, not an option.
_VALUE_OPTIONS = (
    "--start", "--domain", "--expr", "--lr", "--epochs", "--tol", "--grid", "--landscape",
    "--max-work", "--momentum", "--noise", "--seed", "--runs", "--radius",
)  # fmt: skip
#: The noise's seeds: ``gdcore.noise.MAX_SEED`` (a test holds them equal), without the engine.
MAX_SEED = 2**32 - 1
MAX_RUNS = 10_000
_SHOWN = 40  # at most this many characters of a bad value are quoted back


def _shown(text: str) -> str:
    """``text`` quoted for a message, shortened if long."""
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "...")


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line (no usage block) and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {_shown(text)}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive finite number, got {_shown(text)}")
    return value


def _momentum(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {_shown(text)}") from None
    if not 0 <= value < 1:  # nan fails too
        raise argparse.ArgumentTypeError(
            f"must be a finite number with 0 <= momentum < 1, got {_shown(text)}"
        )
    return value


def _nonnegative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {_shown(text)}") from None
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"must be a finite number >= 0, got {_shown(text)}")
    return value


def _bounded_int(low: int, high: int | None):
    def parse(text: str) -> int:
        digits = text.strip().lstrip("+-")
        if not digits.isdigit() or not digits.isascii():
            raise argparse.ArgumentTypeError(f"must be an integer, got {_shown(text)}")
        if len(digits) > 30:  # no need to convert (or print) a number this long
            raise argparse.ArgumentTypeError(
                f"must be between {low} and {high}, got a number of {len(digits)} digits"
                if high is not None
                else f"must be an integer >= {low}, got a number of {len(digits)} digits"
            )
        value = int(text)
        if value < low or (high is not None and value > high):
            bound = f"between {low} and {high}" if high is not None else f"an integer >= {low}"
            raise argparse.ArgumentTypeError(f"must be {bound}, got {value}")
        return value

    return parse


def _numbers(text: str) -> tuple[float, ...]:
    parts = [p.strip() for p in text.split(",")]
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be numbers separated by commas, like 0,1.4; got {_shown(text)}"
        ) from None
    if not all(math.isfinite(v) for v in values):
        raise argparse.ArgumentTypeError(f"must be finite numbers, got {_shown(text)}")
    return values


def _landscape_name(text: str) -> str:
    from gdcore.landscape import landscape_names

    if text not in landscape_names():
        raise argparse.ArgumentTypeError(
            f"unknown landscape {_shown(text)}; known landscapes: {', '.join(landscape_names())}"
        )
    return text


def _add_landscape_options(p: argparse.ArgumentParser, *, allow_expr: bool) -> None:
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--landscape", type=_landscape_name, metavar="NAME", help="a built-in landscape"
    )
    if allow_expr:
        group.add_argument(
            "--expr",
            metavar="EXPR",
            help="a formula in x and y, e.g. 'x**2 + 3*sin(y)'; numbers, x, y, pi, e, + - * / **, "
            "parentheses and exp log sqrt sin cos tan sinh cosh tanh asin acos atan abs",
        )
        p.add_argument(
            "--domain",
            type=_numbers,
            metavar="LO,HI",
            help="the view domain for --expr, the same for x and y (default -3,3)",
        )
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def _add_max_work(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-work",
        type=_bounded_int(1, None),
        default=DEFAULT_MAX_WORK,
        metavar="N",
        help=f"refuse a computation of more than N elementary operations (default "
        f"{DEFAULT_MAX_WORK:.0e}, about a minute); raise it to run a larger one deliberately",
    )


def _add_motion(p: argparse.ArgumentParser, *, runs: bool) -> None:
    """--momentum, --noise and --seed (and --runs for many seeded runs)."""
    p.add_argument(
        "--momentum",
        type=_momentum,
        default=0.0,
        metavar="BETA",
        help="heavy-ball momentum β, 0 <= β < 1: v ← βv − η∇f, x ← x + v (default 0: plain "
        "descent)",
    )
    p.add_argument(
        "--noise",
        type=_nonnegative_float,
        default=0.0,
        metavar="SIGMA",
        help="gradient noise σ >= 0: each step uses ∇f + σξ, ξ standard normal (default 0)",
    )
    p.add_argument(
        "--seed",
        type=_bounded_int(0, MAX_SEED),
        default=0,
        metavar="N",
        help=f"the noise's seed, 0 to {MAX_SEED} (default 0): the same seed, the same run",
    )
    if runs:
        p.add_argument(
            "--runs",
            type=_bounded_int(1, MAX_RUNS),
            default=1,
            metavar="N",
            help="seeded runs from each start, with --noise: the chance of ending at each minimum "
            "(default 1)",
        )


def _version() -> str:
    """The installed package's version (its metadata), or a note that it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gdcore")
    except PackageNotFoundError:
        return "(not installed: pip install .)"


def build_parser() -> argparse.ArgumentParser:
    """The ``gdcore`` argument parser with its four commands."""
    parser = _Parser(prog="gdcore", description="Gradient descent in 2D, computed.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        compute, show = _COMMANDS[name]
        sub.set_defaults(compute=compute, show=show, parser=sub)  # errors report on ``sub``
        return sub

    p = command("descend", "Run gradient descent (or ascent) from one start.")
    _add_landscape_options(p, allow_expr=True)
    p.add_argument("--start", type=_numbers, required=True, metavar="X,Y", help="the start point")
    p.add_argument("--lr", type=_positive_float, required=True, help="the learning rate")
    p.add_argument(
        "--epochs", type=_bounded_int(1, MAX_EPOCHS), required=True, help="the number of steps"
    )
    p.add_argument("--ascent", action="store_true", help="climb instead (gradient ascent)")
    p.add_argument("--tol", type=_positive_float, help="stop once the gradient norm is this small")
    p.add_argument("--path", action="store_true", help="also print every iterate")
    _add_motion(p, runs=False)
    _add_max_work(p)

    p = command("critical-points", "List the critical points in the domain, classified.")
    _add_landscape_options(p, allow_expr=True)
    _add_max_work(p)

    p = command("basins", "Descend from a grid of starts; report the share reaching each minimum.")
    _add_landscape_options(p, allow_expr=True)
    p.add_argument("--lr", type=_positive_float, required=True, help="the learning rate")
    p.add_argument(
        "--epochs", type=_bounded_int(1, MAX_EPOCHS), required=True, help="the number of steps"
    )
    p.add_argument(
        "--grid", type=_bounded_int(2, MAX_GRID), required=True, metavar="K", help="K×K starts"
    )
    p.add_argument(
        "--labels",
        action="store_true",
        help="with --json, include the K×K label grid (and, with --runs, each start's chances)",
    )
    p.add_argument(
        "--radius",
        type=_positive_float,
        default=1e-3,
        help="how close a run must end to a minimum to count as reaching it (default 1e-3; with "
        "--noise the ball jitters about the minimum: take a larger one)",
    )
    _add_motion(p, runs=True)
    _add_max_work(p)

    p = command("landscapes", "List the built-in landscapes.")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parser


def _landscape(args: argparse.Namespace, parser: argparse.ArgumentParser, *kinds: str) -> Landscape:
    """The landscape the options name, with the programs ``kinds`` compiled: an --expr whose
    derivatives cannot be computed in float64 is refused here, naming --expr."""
    import sympy

    from gdcore.expr import ExpressionError, parse_expression
    from gdcore.landscape import X, Y, get_landscape, make_landscape

    if getattr(args, "landscape", None):
        if args.domain is not None:
            parser.error("argument --domain: only with --expr (a built-in landscape has its own)")
        return get_landscape(args.landscape)
    domain = args.domain if args.domain is not None else (-3.0, 3.0)
    if len(domain) != 2 or not domain[0] < domain[1]:
        shown = ",".join(f"{v:g}" for v in domain[:3]) + (",..." if len(domain) > 3 else "")
        parser.error(f"argument --domain: must be two numbers LO,HI with LO < HI, got {shown}")
    if not math.isfinite(domain[1] - domain[0]):
        parser.error(
            f"argument --domain: its width {domain[1]:g} − ({domain[0]:g}) is beyond the float "
            "range; use a narrower domain"
        )
    try:
        expr = parse_expression(args.expr, variables=("x", "y"))
    except ExpressionError as exc:
        parser.error(f"argument --expr: {exc}")
    if expr.has(sympy.zoo, sympy.nan, sympy.oo):
        parser.error("argument --expr: the formula has an infinite or undefined part, like 1/0")
    expr = expr.subs({s: {"x": X, "y": Y}[s.name] for s in expr.free_symbols})
    land = make_landscape(expr, (X, Y), (domain, domain), name=args.expr)
    try:
        for kind in kinds:
            land.program(kind)
    except ValueError as exc:
        parser.error(f"argument --expr: {exc}")
    return land


def _num(v: float) -> float | None:
    """A JSON-safe float: NaN and infinities become null."""
    v = float(v)
    return v if math.isfinite(v) else None


def _point(p: Sequence[float]) -> list[float | None]:
    return [_num(v) for v in p]


def _fmt(p: Sequence[float | None]) -> str:
    return "(" + ", ".join("not finite" if v is None else f"{v:.15g}" for v in p) + ")"


def _descend(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict:
    from gdcore.descent import descend

    land = _landscape(args, parser, "value_gradient")
    if len(args.start) != land.dim:
        parser.error(
            f"argument --start: needs {land.dim} number{'s' if land.dim > 1 else ''} for the "
            f"{land.dim}D landscape {land.name!r}, got {len(args.start)}"
        )
    run: Trajectory = descend(
        land, args.start, learning_rate=args.lr, epochs=args.epochs, ascent=args.ascent,
        tol=args.tol, keep_path=args.path, max_work=args.max_work, momentum=args.momentum,
        noise=args.noise, seed=args.seed,
    )  # fmt: skip
    out = {
        "landscape": land.name,
        "start": list(args.start),
        "learning_rate": args.lr,
        "epochs": args.epochs,
        "ascent": args.ascent,
        "momentum": args.momentum,
        "noise": args.noise,
        "seed": args.seed,
        "final": _point(run.final),
        "velocity": None if run.final_velocity is None else _point(run.final_velocity),
        "value": _num(run.final_value),
        "gradient_norm": _num(run.final_grad_norm),
        "status": run.status,
        "message": run.message,
        "epochs_run": run.epochs_run,
        "left_domain": run.left_domain,
    }
    if args.path:
        out["path"] = [_point(p) for p in run.path]
    return out


def _text(v: float | None) -> str:
    """A number for text output; a non-finite one (null in JSON) in words."""
    return "not finite" if v is None else repr(v)


def _print_descend(out: dict) -> None:
    print(f"landscape    {out['landscape']}")
    print(f"start        {_fmt(out['start'])}")
    if out["momentum"] or out["noise"]:
        print(f"momentum     {out['momentum']!r}")
        print(f"noise        {out['noise']!r} (seed {out['seed']})")
    print(f"final        {_fmt(out['final'])}")
    if out["velocity"] is not None:
        print(f"velocity     {_fmt(out['velocity'])}")
    print(f"value        {_text(out['value'])}")
    print(f"|gradient|   {_text(out['gradient_norm'])}")
    print(f"status       {out['message']}")
    print(f"epochs run   {out['epochs_run']} of {out['epochs']}")
    print(f"left domain  {'yes' if out['left_domain'] else 'no'}")
    for p in out.get("path", []):
        print(" ".join(f"{v:.15g}" for v in p))


def _critical(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict:
    from gdcore.analysis import critical_points

    land = _landscape(args, parser, "gradient", "hessian")
    found = critical_points(land, max_work=args.max_work)
    return {
        "landscape": land.name,
        "flat": found.flat,
        "points": [
            {
                "x": _point(c.x),
                "value": _num(c.value),
                "kind": c.kind,
                "eigenvalues": _point(c.eigenvalues),
                "global_min": c.is_global_min,
                "gradient_norm": _num(c.residual),
            }
            for c in found
        ],
    }


def _print_critical(out: dict) -> None:
    if out["flat"]:
        print("f is flat: its gradient is zero everywhere, so every point is critical")
        return
    if not out["points"]:
        print("no critical points in the domain")
        return
    print(f"{'kind':10} {'x':>40} {'value':>12} {'|gradient|':>10}  eigenvalues")
    for p in out["points"]:
        mark = "  (global minimum)" if p["global_min"] else ""
        eig = ", ".join("not finite" if v is None else f"{v:.6g}" for v in p["eigenvalues"])
        value = "not finite" if p["value"] is None else f"{p['value']:12.6g}"
        print(
            f"{p['kind']:10} {_fmt(p['x']):>40} {value:>12} {p['gradient_norm']:10.2g}  {eig}{mark}"
        )


def _basins(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict:
    from gdcore.analysis import basins

    if args.runs > 1 and args.noise == 0:
        parser.error(
            f"argument --runs: needs --noise > 0 (without noise every run is the same), "
            f"got {args.runs}"
        )
    land = _landscape(args, parser, "value_gradient", "hessian")
    result = basins(
        land, learning_rate=args.lr, epochs=args.epochs, grid=args.grid, max_work=args.max_work,
        momentum=args.momentum, noise=args.noise, runs=args.runs, seed=args.seed,
        radius=args.radius,
    )  # fmt: skip
    out = {
        "landscape": land.name,
        "dim": land.dim,
        "learning_rate": args.lr,
        "epochs": args.epochs,
        "grid": args.grid,
        "momentum": args.momentum,
        "noise": args.noise,
        "seed": args.seed,
        "runs": args.runs,
        "radius": args.radius,
        "minima": [
            {
                "x": _point(m.x),
                "value": _num(m.value),
                "share": float(s),
                "global_min": m.is_global_min,
            }
            for m, s in zip(result.minima, result.shares, strict=True)
        ],
        "share_none": result.share_none,
    }
    if args.labels:
        out["labels"] = result.labels.tolist()
        if args.runs > 1:
            out["probabilities"] = result.probabilities.tolist()
            out["probability_none"] = result.probability_none.tolist()
    return out


def _short_value(v: float | None) -> str:
    return "not finite" if v is None else f"{v:9.5g}"


def _print_basins(out: dict) -> None:
    starts = "×".join([str(out["grid"])] * out["dim"])
    extra = "".join(f", {name} {out[name]}" for name in ("momentum", "noise") if out[name]) + (
        f", seed {out['seed']}, {out['runs']} runs each" if out["noise"] else ""
    )
    print(
        f"{starts} starts, lr {out['learning_rate']}, {out['epochs']} epochs{extra} on "
        f"{out['landscape']}"
    )
    for m in out["minima"]:
        mark = "  (global minimum)" if m["global_min"] else ""
        print(
            f"  minimum {_fmt(m['x']):>40}  value {_short_value(m['value']):>9}  "
            f"share {m['share']:7.2%}{mark}"
        )
    print(
        f"  none (diverged, or not within {out['radius']:g} of a minimum yet)  "
        f"share {out['share_none']:7.2%}"
    )


def _landscapes(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict:
    from gdcore.landscape import get_landscape, landscape_names

    rows = []
    for name in landscape_names():
        land = get_landscape(name)
        rows.append(
            {
                "name": name,
                "dim": land.dim,
                "formula": str(land.expr),
                "domain": [list(d) for d in land.domain],
                "description": land.description,
            }
        )
    return {"landscapes": rows}


def _print_landscapes(out: dict) -> None:
    for row in out["landscapes"]:
        domain = " × ".join(f"[{lo:g}, {hi:g}]" for lo, hi in row["domain"])
        print(f"{row['name']:14} {row['dim']}D  on {domain}")
        print(f"{'':14} f = {row['formula']}")
        print(f"{'':14} {row['description']}")


_COMMANDS = {
    "descend": (_descend, _print_descend),
    "critical-points": (_critical, _print_critical),
    "basins": (_basins, _print_basins),
    "landscapes": (_landscapes, _print_landscapes),
}


def _join_dash_values(argv: list[str], options: set[str]) -> list[str]:
    """``--start -1,2`` → ``--start=-1,2``: argparse would take ``-1,2`` (or ``-x**2``, ``-inf``)
    for an option. A value that is itself one of ``options`` is left alone (a missing value)."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        value = argv[i + 1] if i + 1 < len(argv) else None
        if (
            argv[i] in _VALUE_OPTIONS
            and value is not None
            and value.startswith("-")
            and value.split("=")[0] not in options
        ):
            out.append(f"{argv[i]}={value}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string of ``parser`` and its commands."""
    found = set(parser._option_string_actions)
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for sub in getattr(action, "choices", {}).values():
            found |= _option_strings(sub)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    if isinstance(sys.stdout, TextIOWrapper):  # a console that cannot show "−" or "×"
        sys.stdout.reconfigure(errors="backslashreplace")
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(_join_dash_values(argv, _option_strings(parser)))
    try:
        out = args.compute(args, args.parser)
    except (ValueError, TypeError) as exc:  # the engine's checks: one line, like argparse's
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        args.parser.error(
            message.replace("max_work=", "--max-work ").replace("max_work", "--max-work")
        )
    try:
        if getattr(args, "json", False):
            print(json.dumps(out, ensure_ascii=False))
        else:
            args.show(out)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left (``| head``): stop quietly, as cat does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a killed writer
    return 0
