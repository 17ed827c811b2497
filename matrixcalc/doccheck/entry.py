"""Check one collected entry (:class:`matrixcalc.documents.Block`) and say what is wrong, line by line.

The pytest plugin and ``matrixcalc check-docs`` both call :func:`problems`; each turns the
:class:`Problem` list into its own kind of report (a failed item, a line and an exit code).
Identities and the links of derivations go through the build's own cached check
(:func:`matrixcalc.doccheck.outcome.check_identity`), so a verdict cached by one tool stands for the others.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..calculus import NotVerified, diff
from ..derivation import parse_derivation
from ..documents import ROLE, Block, line_of_column, nth_link
from ..errors import IdentityError
from ..latex.inline import formula_latex, split
from ..page_where import merge_where
from ..report import format_counterexample, refutation_reason
from ..verdict import Status
from .cache import VerdictCache
from .fingerprint import verifier_fingerprint
from .options import numeric_only_accepted, unknown_option_message
from .outcome import Outcome, check_identity


class Level(StrEnum):
    """How bad a problem is: the exit codes of ``check`` (2 malformed, 1 refuted) and a warning."""

    MALFORMED = "malformed"
    REFUTED = "refuted"
    NUMERIC_ONLY = "numeric-only"


@dataclass
class Problem:
    """One thing wrong with an entry: its level, source line, a one-line message and any details."""

    level: Level
    line: int
    message: str
    details: str = ""


@dataclass
class Checker:
    """How entries are checked: the settings in force and where passing verdicts are cached."""

    timeout: float
    seed: int | None = None
    cache_dir: Path | None = None
    fingerprint: str = field(default_factory=lambda: _fingerprint())
    seen: list[Outcome] = field(default_factory=list)  # every outcome so far, for reports that list verdicts

    def outcome(self, identity: str, where: str, expect: bool = True) -> Outcome:
        cache = VerdictCache(self.cache_dir)
        outcome = check_identity(
            identity,
            where,
            expect=expect,
            fingerprint=self.fingerprint,
            timeout=self.timeout,
            cache=cache,
            seed=self.seed,
        )
        self.seen.append(outcome)
        return outcome


@functools.cache
def _fingerprint() -> str:
    return verifier_fingerprint()


def where_hint(message: str, where: str) -> str:
    """The parser's message, saying that ``:where:`` is missing when nothing is declared at all."""
    if not where.strip() and message.startswith("undeclared symbol"):
        return f":where: is missing: {message}"
    return message


def problems(block: Block, checker: Checker) -> list[Problem]:
    """Everything wrong with ``block``: unknown options first, then what its check finds."""
    found = [
        Problem(Level.MALFORMED, block.option_line(name), f"{_what(block)}: {message}")
        for name in block.options
        if (message := unknown_option_message(block.kind, name)) is not None
    ]
    if found:
        return found
    checks = {"identity": _identity, "derivation": _derivation, "derivative": _derivative, ROLE: _math}
    return checks[block.kind](block, checker)


def _what(block: Block) -> str:
    return f"{block.kind} {block.ident!r}"


def _body_line(block: Block, lines: list[str], column: int) -> int:
    return block.body_lines[line_of_column(lines, column)] if block.body_lines else block.line


def _malformed(block: Block, error: dict, line: int) -> Problem:
    message = where_hint(error.get("message", ""), block.where)
    problem = "is not well formed" if error.get("part") else "could not be checked"
    return Problem(Level.MALFORMED, line, f"{_what(block)} {problem}: {message}", error.get("caret") or "")


def _numeric_only(block: Block, line: int, what: str, outcome: Outcome) -> list[Problem]:
    if numeric_only_accepted(block.options.get("numeric-only")):
        return []
    symbolic = (outcome.verdict or {}).get("symbolic") or {}
    reason = symbolic.get("reason") or "the symbolic check did not decide"
    return [Problem(Level.NUMERIC_ONLY, line, f"{what} is numeric-only: {reason}")]


def _identity(block: Block, checker: Checker) -> list[Problem]:
    expect_text = block.options.get("expect", "true").strip().lower()
    if expect_text not in ("true", "false"):
        return [
            Problem(Level.MALFORMED, block.option_line("expect"), f'{_what(block)}: ":expect:" takes "true" or "false"')
        ]
    expect = expect_text == "true"
    lines = [line.strip() for line in block.body]
    identity = " ".join(line for line in lines if line)
    outcome = checker.outcome(identity, block.where, expect)
    if outcome.status == Status.ERROR:
        line = block.option_line("where") if outcome.error.get("part") == "where" else None
        return [_malformed(block, outcome.error, line or _body_line(block, lines, outcome.error.get("column") or 0))]
    verdict = outcome.verdict or {}
    if not expect:
        if outcome.status in (Status.REFUTED, Status.NOT_VERIFIED):
            return []
        message = f"{_what(block)} is documented as a mistake (:expect: false) but was not refuted ({outcome.status})"
        return [Problem(Level.REFUTED, block.option_line("expect"), message)]
    if outcome.status == Status.REFUTED:
        example = verdict.get("counterexample") or {}
        line = _body_line(block, lines, nth_link(identity, example.get("link", 0)))
        details = format_counterexample(example, []) if example else ""
        return [Problem(Level.REFUTED, line, f"{_what(block)} is {refutation_reason(verdict)}", details)]
    if outcome.status == Status.NUMERIC_ONLY:
        return _numeric_only(block, block.line, _what(block), outcome)
    return []


def _derivation(block: Block, checker: Checker) -> list[Problem]:
    text = "\n".join(block.body)
    try:
        derivation = parse_derivation(text, block.where, require_conclusion=True)
    except IdentityError as error:
        line = block.option_line("where") if error.part == "where" else _line_of(block, error.line or 0)
        details = {"message": error.message, "part": error.part, "caret": error.caret()}
        return [_malformed(block, details, line)]
    found = []
    for index, step in enumerate(derivation.steps):
        if step.kind == "start":
            continue
        identity = step.expression if step.kind == "conclusion" else derivation.link_text(index)
        outcome = checker.outcome(identity, derivation.where)
        line = _line_of(block, step.line)
        shown = step.expression if step.kind == "conclusion" else f"== {step.expression}"
        what = f"{_what(block)}: the {step.kind} '{shown}'"
        if outcome.status == Status.ERROR:
            found.append(_malformed(block, outcome.error, line))
        elif outcome.status == Status.REFUTED:
            verdict = outcome.verdict or {}
            example = verdict.get("counterexample") or {}
            details = format_counterexample(example, []) if example else ""
            found.append(Problem(Level.REFUTED, line, f"{what} is {refutation_reason(verdict)}", details))
        elif outcome.status == Status.NUMERIC_ONLY:
            found += _numeric_only(block, line, what, outcome)
    return found


def _line_of(block: Block, index: int) -> int:
    return block.body_lines[index] if 0 <= index < len(block.body_lines) else block.line


def _derivative(block: Block, checker: Checker) -> list[Problem]:
    expression = " ".join(line.strip() for line in block.body if line.strip())
    wrt = block.options.get("wrt", "").strip()
    if not expression or not wrt:
        return [
            Problem(Level.MALFORMED, block.line, f"{_what(block)} needs the function as its body and a :wrt: option")
        ]
    try:
        result = diff(
            expression,
            wrt,
            block.where,
            kind="hessian" if "hessian" in block.options else "auto",
            layout=block.options.get("layout", "denominator").strip() or "denominator",
            timeout=checker.timeout,
        )
    except IdentityError as error:
        line = block.option_line(error.part) if error.part in ("where", "wrt") else _line_of(block, 0)
        return [_malformed(block, {"message": error.message, "part": error.part, "caret": error.caret()}, line)]
    except NotVerified as failure:
        verdict = failure.derivative.verdict.to_dict()
        return [
            Problem(Level.REFUTED, block.line, f"{_what(block)}: the derived result is {refutation_reason(verdict)}")
        ]
    if result.verdict.status == Status.NUMERIC_ONLY:
        return _numeric_only(
            block, block.line, _what(block), Outcome(Status.NUMERIC_ONLY, True, result.verdict.to_dict())
        )
    return []


def _math(block: Block, checker: Checker) -> list[Problem]:
    """An ``mc:math`` role: its formula parses and type-checks under the page's declarations and its own.

    Nothing is verified (a role states no identity), so ``checker`` is not used; the message is the
    one the Sphinx role gives (``sphinxext/math_role.py``).
    """
    (text,) = block.body
    formula, own = split(text)
    where = merge_where(block.shared_where, own)
    try:
        formula_latex(formula, where)
    except IdentityError as error:
        message = f"mc:math {text!r} is not well formed: {error}"
        if error.message.startswith("undeclared symbol"):
            message += "; for a role, in the page's mc:where or after '|' in the role"
        return [Problem(Level.MALFORMED, block.line, message, error.caret())]
    return []
