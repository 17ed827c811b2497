"""The catalogue's derivatives, read from the site's pages: ``d(f, X) == G``, ``jac``, ``hess``.

Used by the tests (every such identity must be reproduced by ``diff``), the benchmark and the
simplifier's measurement. Pages are read as text: an ``identity`` directive's ID, options and body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import IdentityError
from ..language import parse_identity
from ..language.dims import is_scalar
from ..language.tree import DERIVATIVES

DOCS = Path(__file__).resolve().parents[2] / "docs"
_BLOCK = re.compile(r"^(`{3,})\{identity\}\s+(\S+)\s*\n(.*?)^\1\s*$", re.S | re.M)


@dataclass(frozen=True)
class Case:
    """One catalogue derivative: diff(expression, wrt, where, kind=kind) must equal ``expected``."""

    id: str
    page: str
    expression: str
    wrt: str
    where: str
    kind: str  # auto | hessian
    layout: str  # denominator | numerator (the Jacobian of a scalar is a row: numerator layout)
    op: str  # d | jac | hess
    expected: str
    identity: str


def entries(docs: Path = DOCS):
    """(page, id, options, body) of every identity directive under ``docs``."""
    for path in sorted(docs.rglob("*.md")):
        for match in _BLOCK.finditer(path.read_text(encoding="utf-8")):
            options, body = {}, []
            for line in match.group(3).splitlines():
                option = re.match(r"^:(\w+):\s*(.*)$", line)
                if option and not body:
                    options[option.group(1)] = option.group(2)
                elif line.strip():
                    body.append(line.strip())
            yield str(path.relative_to(docs)), match.group(2), options, " ".join(body)


def cases(docs: Path = DOCS) -> list[Case]:
    """Every ``d``/``jac``/``hess`` side of a true, real catalogue identity whose last side is derivative-free."""
    out = []
    for page, ident, options, body in entries(docs):
        if options.get("expect", "true").strip() == "false":
            continue
        where = options.get("where", "")
        try:
            parsed = parse_identity(body, where)
        except IdentityError:
            continue
        if parsed.is_complex:  # the calculator derives holomorphic complex expressions only; not catalogued
            continue
        last = parsed.sides[-1]
        if any(n.op in DERIVATIVES for n in last.walk()):
            continue
        expected = _side_text(body, parsed, len(parsed.sides) - 1)
        for i, side in enumerate(parsed.sides[:-1]):
            if side.op not in ("d", "jac", "hess") or any(n.op in DERIVATIVES for n in side.args[0].walk()):
                continue
            text = _side_text(body, parsed, i)
            inner = side.args[0]
            expression = text[inner.col - side.col : inner.end - side.col]
            wrt = side.args[1].value
            if side.value:
                wrt = f"vec({wrt})"
            if side.op == "jac" and expression.startswith("vec(") and side.value is True:
                expression = expression[4:-1] if _balanced(expression[4:-1]) else expression
            kind = "hessian" if side.op == "hess" else "auto"
            layout = "numerator" if side.op == "jac" and is_scalar(inner.shape) else "denominator"
            out.append(
                Case(ident, page, expression, wrt, where, kind, layout, side.op, expected, f"{text} == {expected}")
            )
    return out


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += (c == "(") - (c == ")")
        if depth < 0:
            return False
    return depth == 0


def _side_text(body: str, parsed, index: int) -> str:
    side = parsed.sides[index]
    return body[side.col : side.end]
