"""The engine calls a pool worker makes: ``diff`` and ``check``, answered as (HTTP status, JSON body).

The bodies are those of ``matrixcalc diff --json --steps`` and ``matrixcalc check --json`` (the
same ``to_dict`` and the same JSON-safe conversion), with what the Compute page also shows: the
LaTeX of each step, the NumPy function and the matching catalogue entries with their URLs.
"""

from __future__ import annotations

from dataclasses import asdict

from ..calculus.derive import NotVerified, diff
from ..calculus.find import find
from ..calculus.numpy_code import function_source
from ..errors import IdentityError
from ..language import parse_expression
from ..latex import latex, latex_node
from ..report import error_dict, plain
from ..verdict import Status
from ..verify import check

ENGINE_SHARE = 0.15  # of the request's time limit, for the symbolic check of each identity (a diff checks ~5)


def run(name: str, fields: dict, timeout: float) -> tuple[int, dict]:
    """Run the task ``name`` ("diff" or "check"); bad input is a 400 with the parser's message and column."""
    try:
        return TASKS[name](fields, timeout * ENGINE_SHARE)
    except IdentityError as exc:
        body = {**error_dict(exc), "source": exc.source}
        if name == "diff" and exc.part == "identity" and exc.source == fields["expression"]:
            body["part"] = "expression"  # the field the user typed it in, so the page can put the caret there
        return 400, body
    except RecursionError:
        return 400, {**_error("the input is nested too deeply"), "part": "identity"}
    except MemoryError:
        return 422, {"status": "memory-limit", "message": "the computation needed more memory than a request may use"}


def _error(message: str) -> dict:
    return {"status": "error", "message": message, "part": "request", "column": None, "length": None}


def diff_task(fields: dict, timeout: float) -> tuple[int, dict]:
    """``/api/diff``: the Derivative as ``diff --json --steps`` gives it, plus what the page shows."""
    try:
        result = diff(
            fields["expression"],
            fields["wrt"],
            fields["where"],
            kind=fields["kind"],
            layout=fields["layout"],
            timeout=timeout,
        )
    except NotVerified as failure:  # a bug in the rules: the candidate is not an answer
        verdict = failure.derivative.verdict.to_dict()
        message = "the derived result was refuted, so it is not shown as an answer (please report)"
        return 200, plain({"status": Status.REFUTED, "message": message, "verdict": verdict})
    body = result.to_dict(steps=fields["steps"])
    body["status"] = result.verdict.status
    body["form"], body["note"], body["differential"] = result.form, result.note, result.differential
    body["where"] = result.where
    body["all_sizes"], body["proof_summary"] = result.verdict.all_sizes, result.verdict.proof_summary()
    if body["steps"] is not None:
        for step, shown in zip(result.steps, body["steps"], strict=True):
            shown["latex"] = _latex_of(step.expression, result.steps_where)
    body["numpy"] = _numpy(fields, result) if result.verdict.status == Status.VERIFIED else None
    body["catalogue"] = _catalogue(result)
    return 200, plain(body)


def check_task(fields: dict, timeout: float) -> tuple[int, dict]:
    """``/api/check``: the Verdict as ``check --json`` gives it, plus the identity's LaTeX."""
    verdict = check(fields["identity"], fields["where"], timeout=timeout)
    shown = {"latex": latex(fields["identity"], fields["where"]), "proof_summary": verdict.proof_summary()}
    return 200, plain({**verdict.to_dict(), **shown})


def _latex_of(expression: str, where: str) -> str | None:
    """One step's LaTeX (an identity chain or a bare expression); None if it cannot be printed."""
    try:
        if "==" in expression:
            return latex(expression, where)
        return latex_node(parse_expression(expression, where)[0])
    except IdentityError:
        return None


def _numpy(fields: dict, result) -> str | None:
    try:
        return function_source(fields["expression"], result.expression, fields["where"])
    except (IdentityError, NotImplementedError, ValueError):
        return None


def _catalogue(result) -> list[dict]:
    """Catalogue identities about the same derivative (``find --json``'s matches, with their URLs)."""
    expression, wrt = result.source
    try:
        return [asdict(m) for m in find(expression, result.where_given, wrt=wrt)]
    except IdentityError:
        return []


TASKS = {"diff": diff_task, "check": check_task}
