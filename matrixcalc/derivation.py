"""Derivations: a chain of expressions, each link checked like an identity, and a conclusion.

A derivation is written one step per line::

    differential(frob(J, X @ Y), X, dX)
      == frob(J, dX @ Y)          # product rule; J is constant
      == frob(J @ Y.T, dX)        # cyclic property of the trace
    => d(frob(J, X @ Y), X) == J @ Y.T   # identification

Each ``==`` line is verified against the line before it, and the ``=>`` line is verified as an
identity of its own, so a wrong step is reported at its own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import IdentityError
from .language import parse_expression, parse_identity
from .verdict import Status, Verdict
from .verify import check


@dataclass
class Step:
    """One line of a derivation: its 0-based line in the text, expression and justification."""

    line: int
    kind: str  # "start" | "step" | "conclusion"
    expression: str
    justification: str = ""
    verdict: Verdict | None = None  # for a step: the link to the previous line; conclusion: itself


@dataclass
class Derivation:
    """The parsed steps of a derivation, with their verdicts once checked."""

    where: str
    steps: list[Step] = field(default_factory=list)

    @property
    def conclusion(self) -> Step | None:
        return self.steps[-1] if self.steps and self.steps[-1].kind == "conclusion" else None

    @property
    def failures(self) -> list[Step]:
        return [s for s in self.steps if s.verdict is not None and s.verdict.status == Status.REFUTED]

    def link_text(self, index: int) -> str:
        """The identity checked for step ``index``: previous expression == this one."""
        step = self.steps[index]
        if step.kind == "conclusion":
            return step.expression
        return f"{self.steps[index - 1].expression} == {step.expression}"


def _fail(error: IdentityError, line: int) -> IdentityError:
    error.line = line
    return error


def parse_derivation(text: str, where: str, *, require_conclusion: bool = False) -> Derivation:
    """Split into steps and check each line's syntax and shapes; errors carry ``.line``.

    Documentation entries (``require_conclusion``) must end with the ``=>`` conclusion they cite.
    """
    derivation = Derivation(where)
    for number, raw in enumerate(text.split("\n")):
        code, _, comment = raw.partition("#")
        code = code.strip()
        if not code:
            if comment.strip() and not derivation.steps:
                raise _fail(IdentityError("a derivation starts with an expression, not a comment"), number)
            continue
        if derivation.conclusion is not None:
            raise _fail(IdentityError("nothing may follow the '=>' conclusion"), number)
        kind, expression = _classify(code, bool(derivation.steps), number)
        try:
            if kind == "conclusion":
                parse_identity(expression, where)
            else:
                parse_expression(expression, where)
        except IdentityError as error:
            raise _fail(error, number) from None
        derivation.steps.append(Step(number, kind, expression, comment.strip()))
    _check_structure(derivation)
    if require_conclusion and derivation.conclusion is None:
        raise _fail(
            IdentityError("a derivation ends with a '=>' conclusion, checked like an identity"),
            derivation.steps[-1].line,
        )
    return derivation


def _classify(code: str, started: bool, number: int) -> tuple[str, str]:
    if code.startswith("=>"):
        return "conclusion", code[2:].strip()
    if code.startswith("=="):
        if not started:
            raise _fail(IdentityError("a derivation starts with an expression, not with '=='"), number)
        return "step", code[2:].strip()
    if started:
        raise _fail(IdentityError("each step after the first starts with '==' (or '=>' for the conclusion)"), number)
    if "==" in code:
        raise _fail(IdentityError("write one expression per line: the first line, then '== ...' lines"), number)
    return "start", code


def _check_structure(derivation: Derivation) -> None:
    steps = [s for s in derivation.steps if s.kind == "step"]
    if not steps:
        raise _fail(
            IdentityError("a derivation needs at least one '==' step"),
            derivation.steps[0].line if derivation.steps else 0,
        )
    for index, step in enumerate(derivation.steps):
        if step.kind == "step":
            try:
                parse_identity(derivation.link_text(index), derivation.where)
            except IdentityError as error:
                raise _fail(
                    IdentityError(f"this step does not have the shape of the line before it: {error.message}"),
                    step.line,
                ) from None


def check_derivation(
    text: str, where: str, *, timeout: float | None = None, seed: int | None = None, require_conclusion: bool = False
) -> Derivation:
    """Parse, then verify every link and the conclusion (seeds from each link's content unless given)."""
    derivation = parse_derivation(text, where, require_conclusion=require_conclusion)
    for index, step in enumerate(derivation.steps):
        if step.kind != "start":
            step.verdict = check(derivation.link_text(index), where, seed=seed, timeout=timeout)
    return derivation
