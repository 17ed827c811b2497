"""``matrixcalc diff`` and ``matrixcalc find``: thin shells over ``diff`` and the catalogue matcher."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import TextIO

from ..verdict import Status
from .derive import NotVerified, diff
from .find import find
from .numpy_code import function_source

DIFF_HELP = "derive, simplify and verify a derivative"


def add_commands(commands, subcommand: dict, printer, format_verdict) -> None:
    """Register the subcommands on the main parser; ``printer`` prints one JSON object and
    ``format_verdict`` writes a verdict as the command line does (both are the CLI's own)."""
    diff = commands.add_parser("diff", help=DIFF_HELP, **subcommand)
    diff.add_argument("expression", metavar="EXPR", help="e.g. 'tr(A @ X @ B)'")
    diff.add_argument(
        "--wrt", required=True, metavar="X", help="the variable: a declared symbol, vec(X), or conj(Z) for a complex Z"
    )
    diff.add_argument("--where", default="", metavar="DECLS", help="declarations, e.g. 'X: n x n; s: scalar'")
    diff.add_argument("--hessian", action="store_true", help="the Hessian of a scalar by a vector (or vec(X))")
    diff.add_argument("--layout", choices=("numerator", "denominator"), default="denominator")
    diff.add_argument("--steps", action="store_true", help="print the checked derivation")
    diff.add_argument("--latex", action="store_true", help="print the result as LaTeX")
    diff.add_argument("--numpy", action="store_true", help="print a NumPy function for the value and derivative")
    diff.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    diff.set_defaults(run=lambda args, out: _run_diff(args, out, printer, format_verdict))
    find = commands.add_parser("find", help="catalogue identities whose left side matches an expression", **subcommand)
    find.add_argument("expression", metavar="EXPR", help="e.g. 'tr(B @ Y @ C)'")
    find.add_argument("--where", default="", metavar="DECLS", help="declarations, e.g. 'Y: m x n'")
    find.add_argument("--wrt", default=None, metavar="X", help="only derivatives by this symbol")
    find.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    find.set_defaults(run=lambda args, out: _run_find(args, out, printer))


def _run_find(args: argparse.Namespace, out: TextIO, printer) -> int:
    """Exit 0 with the matches (possibly none); bad input exits 2 like every command."""
    matches = find(args.expression, args.where, wrt=args.wrt)
    if args.json:
        printer({"status": "ok", "matches": [asdict(m) for m in matches]}, out)
        return 0
    if not matches:
        print("no catalogue identity matches", file=out)
    for m in matches:
        print(f"{m.id}  {m.url}\n    {m.identity}", file=out)
    return 0


def _run_diff(args: argparse.Namespace, out: TextIO, printer, format_verdict) -> int:
    try:
        result = diff(
            args.expression, args.wrt, args.where, kind="hessian" if args.hessian else "auto", layout=args.layout
        )
    except NotVerified as failure:
        # a bug in the rules: the candidate is not an answer, so it goes to stderr with the refutation
        print(
            "matrixcalc: the derived result was refuted; it is not shown as an answer (please report):", file=sys.stderr
        )
        print(format_verdict(failure.derivative.verdict), file=sys.stderr)
        if args.json:
            printer({"status": "refuted", "verdict": failure.derivative.verdict.to_dict()}, out)
        return 1
    verified = result.verdict.status == Status.VERIFIED
    if args.json:
        printer(result.to_dict() if args.steps else {**_summary(result)}, out)
        return result.verdict.exit_code
    if not verified:
        print(f"not verified ({result.verdict.status}): the candidate below is not an answer", file=out)
        print(f"  reason: {result.verdict.symbolic.reason if result.verdict.symbolic else 'none given'}", file=out)
    print(result.identity if verified else f"  candidate: {result.identity}", file=out)
    print(f"  shape:     {result.shape}", file=out)
    if result.catalogue:
        print(f"  catalogue: {', '.join(result.catalogue)}", file=out)
    if result.form in ("jacobian", "hessian") and not result.identity.startswith("differential("):
        print(f"  differential: {result.differential}", file=out)
    if result.note:
        print(f"  note:      {result.note}", file=out)
    print(
        f"  verdict:   {result.verdict.status} ({result.verdict.numeric.summary()}"
        f"{'; ' + result.verdict.symbolic.summary() if result.verdict.symbolic else ''})",
        file=out,
    )
    if args.latex:
        print(result.latex, file=out)
    if args.steps:
        print("steps:", file=out)
        for step in result.steps:
            status = step.verdict.status if step.verdict else "start"
            print(f"  {step.expression}    # {step.rule} [{status}]", file=out)
    if args.numpy and verified:
        print(function_source(args.expression, result.expression, args.where), file=out)
    return result.verdict.exit_code


def _summary(result) -> dict:
    """The JSON of a result without its steps (they are checked only when asked for)."""
    data = result.to_dict(steps=False)
    return data
