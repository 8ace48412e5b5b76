"""The command line, ``python -m gdcore``: a thin face over the engine, like the book's pages.

Every command takes ``--json`` for machine-readable output. Bad input exits with status 2 and one
line that names the option and the reason, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from typing import NoReturn

import numpy as np
import sympy

from gdcore.analysis import basins, critical_points
from gdcore.descent import Trajectory, descend
from gdcore.expr import ExpressionError, parse_expression
from gdcore.landscape import Landscape, X, Y, get_landscape, landscape_names, make_landscape

MAX_EPOCHS = 1_000_000
MAX_GRID = 1001
_VALUE_OPTIONS = ("--start", "--domain")  # their values may begin with "-"


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line (no usage block) and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive finite number, got {text!r}")
    return value


def _bounded_int(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be an integer, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {value}")
        return value

    return parse


def _numbers(text: str) -> tuple[float, ...]:
    parts = [p.strip() for p in text.split(",")]
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be numbers separated by commas, like 0,1.4; got {text!r}"
        ) from None
    if not all(math.isfinite(v) for v in values):
        raise argparse.ArgumentTypeError(f"must be finite numbers, got {text!r}")
    return values


def _landscape_name(text: str) -> str:
    if text not in landscape_names():
        raise argparse.ArgumentTypeError(
            f"unknown landscape {text!r}; known landscapes: {', '.join(landscape_names())}"
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


def build_parser() -> argparse.ArgumentParser:
    """The ``gdcore`` argument parser with its four commands."""
    parser = _Parser(prog="gdcore", description="Gradient descent in 2D, computed.")
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

    p = command("critical-points", "List the critical points in the domain, classified.")
    _add_landscape_options(p, allow_expr=True)

    p = command("basins", "Descend from a grid of starts; report the share reaching each minimum.")
    _add_landscape_options(p, allow_expr=True)
    p.add_argument("--lr", type=_positive_float, required=True, help="the learning rate")
    p.add_argument(
        "--epochs", type=_bounded_int(1, MAX_EPOCHS), required=True, help="the number of steps"
    )
    p.add_argument(
        "--grid", type=_bounded_int(2, MAX_GRID), required=True, metavar="K", help="K×K starts"
    )
    p.add_argument("--labels", action="store_true", help="with --json, include the K×K label grid")

    p = command("landscapes", "List the built-in landscapes.")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parser


def _landscape(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Landscape:
    if getattr(args, "landscape", None):
        return get_landscape(args.landscape)
    domain = args.domain if args.domain is not None else (-3.0, 3.0)
    if len(domain) != 2 or not domain[0] < domain[1]:
        parser.error(f"argument --domain: must be two numbers LO,HI with LO < HI, got {domain}")
    try:
        expr = parse_expression(args.expr, variables=("x", "y"))
    except ExpressionError as exc:
        parser.error(f"argument --expr: {exc}")
    if expr.has(sympy.zoo, sympy.nan, sympy.oo):
        parser.error("argument --expr: the formula has an infinite or undefined part, like 1/0")
    expr = expr.subs({s: {"x": X, "y": Y}[s.name] for s in expr.free_symbols})
    return make_landscape(expr, (X, Y), (domain, domain), name=args.expr)


def _num(v: float) -> float | None:
    """A JSON-safe float: NaN and infinities become null."""
    v = float(v)
    return v if math.isfinite(v) else None


def _point(p: Sequence[float]) -> list[float | None]:
    return [_num(v) for v in p]


def _fmt(p: Sequence[float]) -> str:
    return "(" + ", ".join(f"{v:.15g}" for v in p) + ")"


def _descend(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict:
    land = _landscape(args, parser)
    if len(args.start) != land.dim:
        parser.error(
            f"argument --start: needs {land.dim} number{'s' if land.dim > 1 else ''} for the "
            f"{land.dim}D landscape {land.name!r}, got {len(args.start)}"
        )
    run: Trajectory = descend(
        land, args.start, learning_rate=args.lr, epochs=args.epochs, ascent=args.ascent,
        tol=args.tol, keep_path=args.path,
    )  # fmt: skip
    out = {
        "landscape": land.name,
        "start": list(args.start),
        "learning_rate": args.lr,
        "epochs": args.epochs,
        "ascent": args.ascent,
        "final": _point(run.final),
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


def _print_descend(out: dict) -> None:
    print(f"landscape    {out['landscape']}")
    print(f"start        {_fmt(out['start'])}")
    print(f"final        {_fmt(out['final'])}")
    print(f"value        {out['value']!r}")
    print(f"|gradient|   {out['gradient_norm']!r}")
    print(f"status       {out['message']}")
    print(f"epochs run   {out['epochs_run']} of {out['epochs']}")
    print(f"left domain  {'yes' if out['left_domain'] else 'no'}")
    for p in out.get("path", []):
        print(" ".join(f"{v:.15g}" for v in p))


def _critical(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict:
    land = _landscape(args, parser)
    return {
        "landscape": land.name,
        "points": [
            {
                "x": _point(c.x),
                "value": _num(c.value),
                "kind": c.kind,
                "eigenvalues": _point(c.eigenvalues),
                "global_min": c.is_global_min,
            }
            for c in critical_points(land)
        ],
    }


def _print_critical(out: dict) -> None:
    print(f"{'kind':10} {'x':>40} {'value':>12}  eigenvalues")
    for p in out["points"]:
        mark = "  (global minimum)" if p["global_min"] else ""
        eig = ", ".join(f"{v:.6g}" for v in p["eigenvalues"])
        print(f"{p['kind']:10} {_fmt(p['x']):>40} {p['value']:12.6g}  {eig}{mark}")


def _basins(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict:
    land = _landscape(args, parser)
    result = basins(land, learning_rate=args.lr, epochs=args.epochs, grid=args.grid)
    out = {
        "landscape": land.name,
        "learning_rate": args.lr,
        "epochs": args.epochs,
        "grid": args.grid,
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
        out["labels"] = np.asarray(result.labels).tolist()
    return out


def _print_basins(out: dict) -> None:
    k = out["grid"]
    print(
        f"{k}×{k} starts, lr {out['learning_rate']}, {out['epochs']} epochs on {out['landscape']}"
    )
    for m in out["minima"]:
        mark = "  (global minimum)" if m["global_min"] else ""
        print(
            f"  minimum {_fmt(m['x']):>40}  value {m['value']:9.5g}  share {m['share']:7.2%}{mark}"
        )
    print(f"  none (diverged, or not within 1e-3 of a minimum yet)  share {out['share_none']:7.2%}")


def _landscapes(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict:
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


def _join_dash_values(argv: list[str]) -> list[str]:
    """``--start -1,2`` → ``--start=-1,2``: argparse would take ``-1,2`` for an option."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] in _VALUE_OPTIONS and i + 1 < len(argv) and argv[i + 1].startswith("-"):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(_join_dash_values(list(sys.argv[1:] if argv is None else argv)))
    try:
        out = args.compute(args, args.parser)
    except (ValueError, TypeError) as exc:  # the engine's checks: one line, like argparse's
        args.parser.error(str(exc))
    if getattr(args, "json", False):
        print(json.dumps(out, ensure_ascii=False))
    else:
        args.show(out)
    return 0
