"""``matrixcalc diff`` and ``matrixcalc find``: thin shells over ``diff`` and the catalogue matcher."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from ..verdict import Status
from .catalogue import CatalogueMissing
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
    find.add_argument(
        "--docs", default=None, metavar="PATH", help="search a project's own pages (.md, .rst, .py) instead"
    )
    find.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    find.set_defaults(run=lambda args, out: _run_find(args, out, printer))


def _run_find(args: argparse.Namespace, out: TextIO, printer) -> int:
    """Exit 0 with the matches (possibly none); bad input, and a catalogue that is not there, exit 2."""
    docs = Path(args.docs) if args.docs else None
    if docs is not None and not docs.exists():
        print(f"matrixcalc: find --docs: no such file or folder: {args.docs}", file=sys.stderr)
        return 2
    try:
        matches = find(args.expression, args.where, wrt=args.wrt, docs=docs)
    except CatalogueMissing as missing:
        print(f"matrixcalc: error: {missing}", file=sys.stderr)
        if args.json:
            printer({"status": "error", "message": str(missing), "part": "catalogue", "column": None}, out)
        return 2
    if args.json:
        printer({"status": "ok", "matches": [asdict(m) for m in matches]}, out)
        return 0
    if not matches:
        searched = f"identity under {args.docs}" if docs is not None else "catalogue identity"
        print(f"no {searched} matches", file=out)
    for m in matches:
        print(f"{m.id}  {m.url}\n    {m.identity}", file=out)
    return 0


def _run_diff(args: argparse.Namespace, out: TextIO, printer, format_verdict) -> int:
    """The derivative and its verdict; with ``--numpy`` stdout holds only Python code, the rest goes to stderr."""
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
    if args.json:
        printer(result.to_dict() if args.steps else {**_summary(result)}, out)
        return result.verdict.exit_code
    verified = result.verdict.status == Status.VERIFIED
    report = sys.stderr if args.numpy else out  # `diff --numpy > grad.py` must be Python
    if verified:
        print(result.identity, file=report)
    else:
        reason = result.verdict.symbolic.reason if result.verdict.symbolic else None
        print(f"{result.verdict.status}: {result.identity}", file=report)
        print(f"  reason:    {reason or 'the symbolic check did not decide'}", file=report)
    print(f"  shape:     {result.shape}", file=report)
    try:
        if result.catalogue:
            print(f"  catalogue: {', '.join(result.catalogue)}", file=report)
    except CatalogueMissing as missing:
        print(f"matrixcalc: warning: no catalogue IDs: {missing}", file=sys.stderr)
    if result.form in ("jacobian", "hessian") and not result.identity.startswith("differential("):
        print(f"  differential: {result.differential}", file=report)
    if result.note:
        print(f"  note:      {result.note}", file=report)
    print(
        f"  verdict:   {result.verdict.status} ({result.verdict.numeric.summary()}"
        f"{'; ' + result.verdict.symbolic.summary() if result.verdict.symbolic else ''})",
        file=report,
    )
    print(f"  proof:     {result.verdict.proof_summary()}", file=report)
    if args.latex:
        print(result.latex, file=report)
    if args.steps:
        print("steps:", file=report)
        for step in result.steps:
            status = step.verdict.status if step.verdict else "start"
            print(f"  {step.expression}    # {step.rule} [{status}]", file=report)
    if args.numpy:
        print(function_source(args.expression, result.expression, args.where), file=out)
    return result.verdict.exit_code


def _summary(result) -> dict:
    """The JSON of a result without its steps (they are checked only when asked for)."""
    data = result.to_dict(steps=False)
    return data
