"""The command line, ``matrixcalc check`` and ``matrixcalc latex``: a thin shell over verify and latex.

Everything the user typed is echoed only through ``_clean``, so a hostile identity cannot
write control sequences to the terminal, and every failure maps to a documented exit code
instead of a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import TextIO

from .calculus.commands import add_commands
from .check_docs import add_command as add_check_docs
from .errors import IdentityError
from .latex import latex, latex_where
from .report import clean as _clean
from .report import error_dict, format_value, format_verdict, installed_version, plain  # noqa: F401  (the CLI's report; tests and plugin read it here)
from .serve.command import add_command as add_serve
from .settings import SettingsError
from .settings import load as load_settings
from .verify import check

BAD_INPUT = 2
INTERNAL_ERROR = 4
INTERRUPTED = 130
PIPE_CLOSED = 141  # 128 + SIGPIPE, what a shell reports for a command whose reader went away

EPILOG = """\
exit status:
  0    verified (check), or the LaTeX was printed (latex)
  1    refuted: a counterexample is printed
  2    bad input: the identity or --where is not well formed (a caret marks the place), or a usage error
  3    numeric-only: every numeric draw agrees but the symbolic check could not decide (the reason is printed)
  4    internal error: a bug in matrixcalc; one line "matrixcalc: internal error: ...; please report" on stderr
  130  interrupted
  141  the reader of the output went away (e.g. piped into head); nothing more is printed

output:
  Results go to stdout and diagnostics to stderr. With --json anywhere on the command line, stdout
  holds exactly one JSON object whatever happens: the verdict (check), {"status": "ok", "latex": ...,
  "where": ...} (latex), {"status": "error", "message", "part", "column", "length"} for bad input
  (column is 0-based in the text named by part, or null), or {"status": "internal-error", "message"};
  stderr still gets the human-readable message.

settings:
  --timeout and --seed default to [tool.matrixcalc] timeout/seed in the nearest pyproject.toml, then to
  MATRIXCALC_TIMEOUT/MATRIXCALC_SEED; a bad setting is bad input (exit 2).

example:
  matrixcalc check "d(tr(A @ X @ B), X) == A.T @ B.T" --where "A: p x m; X: m x n; B: n x p"
"""


class UsageError(Exception):
    """A command line argparse rejects; raised instead of exiting so --json can still answer."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.message = message
        self.usage = usage


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message, f"{self.format_usage().rstrip()}\n{self.prog}: error: {message}")


_SUBCOMMAND = {"epilog": EPILOG, "formatter_class": argparse.RawDescriptionHelpFormatter, "allow_abbrev": False}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, exposed so the docs can print its --help."""
    parser = _Parser(
        prog="matrixcalc",
        description="Check matrix-derivative identities numerically and symbolically, or print them as LaTeX.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"matrixcalc {installed_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="verify an identity", **_SUBCOMMAND)
    _common(check)
    check.add_argument(
        "--seed",
        type=_seed,
        help="random seed (default: [tool.matrixcalc] seed, else derived from the identity's text)",
    )
    check.add_argument(
        "--timeout",
        type=_timeout,
        metavar="S",
        help="seconds for the symbolic check (default: [tool.matrixcalc] timeout, else 20)",
    )
    check.set_defaults(run=_run_check)
    latex = commands.add_parser("latex", help="print an identity as LaTeX", **_SUBCOMMAND)
    _common(latex)
    latex.set_defaults(run=_run_latex)
    add_commands(commands, _SUBCOMMAND, _print_json, format_verdict)
    add_check_docs(commands, _SUBCOMMAND, _timeout, _seed)
    add_serve(commands, _SUBCOMMAND, _timeout)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("identity", metavar="IDENTITY", help="e.g. 'd(tr(X), X) == I(n)'")
    parser.add_argument("--where", default="", metavar="DECLS", help="declarations, e.g. 'X: n x n; s: scalar'")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout (see below)")


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value < 2**64:
        raise argparse.ArgumentTypeError(f"seed must be an integer from 0 to 2**64 - 1, not '{_clean(text)}'")
    return value


def _timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value < math.inf:
        raise argparse.ArgumentTypeError(f"timeout must be a positive number of seconds, not '{_clean(text)}'")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status (see EPILOG)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in arguments
    out, err = _stream(sys.stdout), _stream(sys.stderr)
    try:
        try:
            args = build_parser().parse_args(arguments)
        except SystemExit as done:  # --help and --version
            return done.code if isinstance(done.code, int) else 0
        as_json = args.json
        code = args.run(args, out)
        out.flush()  # a closed pipe shows here, inside the handlers below, not at the interpreter's exit
        return code
    except UsageError as exc:
        print(_clean(exc.usage, keep_newlines=True), file=err)
        if as_json:
            _print_json(
                {"status": "error", "message": exc.message, "part": "arguments", "column": None, "length": None}, out
            )
        return BAD_INPUT
    except IdentityError as exc:
        print(describe_error(exc), file=err)
        if as_json:
            _print_json(error_dict(exc), out)
        return BAD_INPUT
    except SettingsError as exc:
        print(f"matrixcalc: error in settings: {_clean(str(exc))}", file=err)
        if as_json:
            _print_json(
                {"status": "error", "message": str(exc), "part": "settings", "column": None, "length": None}, out
            )
        return BAD_INPUT
    except KeyboardInterrupt:
        print("matrixcalc: interrupted", file=err)
        return INTERRUPTED
    except BrokenPipeError:  # the reader stopped reading (| head): not a bug, and nothing more to say
        _silence_stdout()
        return PIPE_CLOSED
    except Exception as exc:  # the one place that turns a bug into exit status 4
        message = f"internal error: {type(exc).__name__}: {_clean(str(exc))[:300]}; please report"
        print(f"matrixcalc: {message}", file=err)
        if as_json:
            _print_json({"status": "internal-error", "message": message}, out)
        return INTERNAL_ERROR


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's stream)
        pass


def _stream(stream: TextIO) -> TextIO:
    """The stream, set to escape what its encoding cannot hold rather than raise."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
    return stream


def _run_check(args: argparse.Namespace, out: TextIO) -> int:
    settings = load_settings()
    seed = args.seed if args.seed is not None else settings.seed
    verdict = check(args.identity, args.where, seed=seed, timeout=args.timeout or settings.timeout)
    if args.json:
        _print_json(verdict.to_dict(), out)
    else:
        print(format_verdict(verdict), file=out)
    return verdict.exit_code


def _run_latex(args: argparse.Namespace, out: TextIO) -> int:
    text = latex(args.identity, args.where)
    if args.json:
        _print_json({"status": "ok", "latex": text, "where": latex_where(args.where)}, out)
    else:
        print(text, file=out)
    return 0


# -- errors -------------------------------------------------------------------------------------


def describe_error(exc: IdentityError) -> str:
    """``matrixcalc: error in identity, column 7: ...`` and, when the place is known, the line with a caret."""
    if exc.column is None or exc.source is None:
        return f"matrixcalc: error in {exc.part}: {_clean(exc.message)}"
    source, column = exc.source, min(exc.column, len(exc.source))
    start = source.rfind("\n", 0, column) + 1
    stop = source.find("\n", column)
    line = source[start : stop if stop >= 0 else len(source)]
    where = f"line {source.count(chr(10), 0, start) + 1}, " if "\n" in source else ""
    shown_line, before = _clean(line), _clean(line[: column - start])
    marked = _clean(line[column - start : column - start + exc.length]) or " "
    caret = " " * _width(before) + "^" * max(1, _width(marked))
    return (
        f"matrixcalc: error in {exc.part}, {where}column {column - start + 1}: {_clean(exc.message)}\n"
        f"  {shown_line}\n  {caret}"
    )


def _width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _print_json(data: dict, out: TextIO) -> None:
    print(json.dumps(plain(data), indent=2, allow_nan=False), file=out)
