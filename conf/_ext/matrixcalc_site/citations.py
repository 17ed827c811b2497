"""Does a citation ``cookbook2012, eq. N`` fit the identity that cites it?

A table per chapter (``docs/catalogue/cookbook2012-ch2.json``, ``cookbook2012-ch4.json``) says what
each equation number states, with the statement in the identity language where it can be
written; :func:`table_for` picks the chapter's table. An identity citing eq. N is
consistent with the table when what it differentiates has the *shape* of what eq. N
differentiates: both expressions are reduced to a pattern in which every sub-expression free of
the variable becomes ``C``, scalar factors are dropped and ``vec`` is ignored, and one pattern
must occur inside the other (an identity may specialise an equation or use it inside a larger
objective). The variable's kind (scalar, vector, matrix; a derivative by ``conj(Z)`` is a kind
of its own) and the order of differentiation must agree too. This catches the slips an
off-by-one number makes (a gradient cited by the number of its Hessian, ``∂aᵀx/∂x`` cited as
``∂aᵀXb/∂X``) without asking the identity to be written exactly as the book prints it.

Kinds of row: ``result`` (checked as above), ``rule`` (a general rule such as the product or
chain rule, which any derivative may instantiate: only the presence of a derivative is checked),
``definition`` (consistent only next to another cited equation, which carries the result), and
``not expressible`` (never consistent: the catalogue cannot state it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from matrixcalc.errors import IdentityError
from matrixcalc.language.dims import is_scalar, is_vector
from matrixcalc.language.parser import parse_expression, parse_identity
from matrixcalc.language.tree import DERIVATIVES, Node

RESULT, RULE, DEFINITION, NOT_EXPRESSIBLE = "result", "rule", "definition", "not expressible"
KINDS = (RESULT, RULE, DEFINITION, NOT_EXPRESSIBLE)
TRANSPARENT = {"vec"}  # vec(M) and M are the same numbers
SCALAR_FACTORS = {"mul", "neg", "div"}
SPLIT = re.compile(r"==|=>")
TRIVIAL = {"t", "x", "X", "t'", "x'", "X'"}  # the bare variable sits inside every pattern
CONJUGATE = "*"  # marks the kind of a derivative by conj(Z): ∂/∂Z̄ is not ∂/∂Z


@dataclass(frozen=True)
class Equation:
    """One row of the table: what equation ``number`` states."""

    number: int
    section: str
    page: int
    kind: str
    states: str
    statement: str = ""
    where: str = ""
    expression: str = ""  # for a definition: the defined expression
    printed: bool = True  # False: wrong as printed (the statement is the printed form)
    correction: str = ""
    correction_where: str = ""
    reason: str = ""


@dataclass
class Table:
    """The rows of one reference's chapter, and where they were read."""

    bib: str
    low: int
    high: int
    source: dict[str, Any]
    equations: dict[int, Equation] = field(default_factory=dict)


def load_table(path: Path) -> Table:
    """Read a citation table; ValueError says which row is malformed."""
    data = json.loads(path.read_text(encoding="utf-8"))
    source = data["source"]
    low, high = source["range"]
    table = Table(source["bib"], low, high, source)
    for key, row in data["equations"].items():
        if row.get("kind") not in KINDS:
            raise ValueError(f"{path.name}: eq. {key} has kind {row.get('kind')!r}, not one of {KINDS}")
        table.equations[int(key)] = Equation(
            number=int(key),
            section=row["section"],
            page=row["page"],
            kind=row["kind"],
            states=row["states"],
            statement=row.get("statement", ""),
            where=row.get("where", ""),
            expression=row.get("expression", ""),
            printed=row.get("printed", "true") != "false",
            correction=row.get("correction", ""),
            correction_where=row.get("correction_where", ""),
            reason=row.get("reason", ""),
        )
    return table


def table_for(tables: Iterable[Table], number: int) -> Table | None:
    """The table whose chapter holds equation ``number`` (one table per chapter of a reference)."""
    return next((table for table in tables if table.low <= number <= table.high), None)


# --- patterns --------------------------------------------------------------------------------


def variable_kind(node: Node) -> str:
    """``t`` for a scalar, ``x`` for a vector, ``X`` for a matrix."""
    if is_scalar(node.shape):
        return "t"
    return "x" if is_vector(node.shape) else "X"


def mentions(node: Node, name: str) -> bool:
    """Whether the symbol ``name`` occurs in ``node`` (``M ** 0`` is constant)."""
    if node.op == "matpow" and node.value == 0:
        return False
    return any(n.op == "symbol" and n.value == name for n in node.walk())


def normalise(node: Node) -> Node:
    """Write the same quantity one way: ``frob(A, B)`` as ``tr(A.T @ B)``, ``norm(Z) ** 2`` as a trace."""
    args = tuple(normalise(arg) for arg in node.args)
    node = Node(node.op, args, node.shape, node.value)
    if node.op == "frob":
        return Node("tr", (Node("matmul", (Node("transpose", (args[0],)), args[1])),), ())
    if node.op == "norm":  # ‖Z‖ = tr(ZᵀZ)^½, so ‖Z‖² and tr(ZᵀZ) look alike
        gram = Node("tr", (Node("matmul", (Node("transpose", (args[0],)), args[0])),), ())
        return Node("pow", (gram,), (), Fraction(1, 2))
    if node.op == "pow" and args[0].op == "pow":
        node = Node("pow", args[0].args, (), Fraction(args[0].value) * Fraction(node.value))
    if node.op == "pow" and node.value == 1:
        return node.args[0]
    if node.op == "logdet":  # ln det P
        return Node("log", (Node("det", args, ()),), ())
    if node.op == "log" and args[0].op in ("pow", "matpow"):  # ln Q^r = r ln Q
        return Node("log", args[0].args, ())
    if node.op == "tr" and args[0].op in ("add", "sub"):  # the trace is linear
        return Node(args[0].op, tuple(normalise(Node("tr", (term,), ())) for term in args[0].args), ())
    if node.op == "matmul" and is_scalar(node.shape):  # a 1 x 1 product is its own trace
        return Node("tr", (node,), ())
    return node


def pattern(node: Node, name: str, kind: str, skeleton: bool = False) -> str:
    """The shape of ``node`` as a function of the variable ``name`` (see the module docstring).

    ``skeleton`` also drops every constant factor and argument: ``tr(AXBX)`` and ``tr(XX)``
    then look alike, as a special case looks like its general form.
    """
    if not mentions(node, name):
        return "C"
    op, args = node.op, node.args
    if op == "symbol":
        return "x" if skeleton and kind == "X" else kind  # a vector may stand for a matrix
    if skeleton and op in ("diagm", "transpose", "matpow", "inv"):  # X, Xᵀ, Xᵏ, X⁻¹ alike
        return pattern(args[0], name, kind, skeleton)
    if op in TRANSPARENT or (op == "matpow" and node.value == 1):
        return pattern(args[0], name, kind, skeleton)
    if op in SCALAR_FACTORS:
        varying = [a for a in args if mentions(a, name)]
        if len(varying) == 1 and (op != "div" or varying[0] is args[0]):
            return pattern(varying[0], name, kind, skeleton)
    if op == "matmul":
        factors = _factors(node, name, kind, skeleton)
        return factors[0] if len(factors) == 1 else "(" + "·".join(factors) + ")"
    if op == "tr" and args[0].op in ("matmul", "transpose"):  # cyclic: start the product at its least factor
        factors = _factors(args[0], name, kind, skeleton)
        if len(factors) > 1 and factors[0] == factors[-1] == "C":
            factors = factors[:-1]
        rotations = ["·".join(_runs(factors[i:] + factors[:i])) for i in range(len(factors))]
        return f"tr({min(rotations)})" if len(factors) == 1 else f"tr(({min(rotations)}))"
    if op in ("add", "sub"):
        terms = sorted({pattern(t, name, kind, skeleton) for t in _flatten(node, op, ("add", "sub"))} - {"C"})
        return terms[0] if len(terms) == 1 else "(" + "+".join(terms) + ")"
    if op == "transpose":
        if args[0].op in ("transpose", "matmul"):  # (PQ)ᵀ = QᵀPᵀ
            factors = _factors(node, name, kind, skeleton)
            return factors[0] if len(factors) == 1 else "(" + "·".join(factors) + ")"
        return pattern(args[0], name, kind, skeleton) + "'"
    if op == "matpow":
        return f"{pattern(args[0], name, kind, skeleton)}^{'k' if node.value > 0 else '-k'}"
    if op == "pow":
        return f"{pattern(args[0], name, kind, skeleton)}^{node.value}"
    parts = [pattern(a, name, kind, skeleton) for a in args]
    if skeleton:
        parts = [part for part in parts if part != "C"]
    return f"{op}(" + ",".join(parts) + ")"


def _flatten(node: Node, op: str, same: Iterable[str] = ()) -> list[Node]:
    ops = {op, *same}
    if node.op not in ops:
        return [node]
    return [leaf for arg in node.args for leaf in _flatten(arg, op, same)]


def _product(node: Node) -> list[Node]:
    """The factors of a product, a transposed product written as its reversed transposed factors."""
    if node.op == "matmul":
        return [factor for arg in node.args for factor in _product(arg)]
    if node.op == "transpose" and node.args[0].op == "transpose":
        return _product(node.args[0].args[0])
    if node.op == "transpose" and node.args[0].op == "matmul":
        return [Node("transpose", (f,), f.shape) for f in reversed(_product(node.args[0]))]
    return [node]


def _runs(factors: list[str]) -> list[str]:
    """Runs of one factor written as a power: ``X·X`` is ``X^k``."""
    result: list[str] = []
    for text in factors:
        if result and text != "C" and result[-1] in (text, f"{text}^k"):
            result[-1] = f"{text}^k"
        else:
            result.append(text)
    return result


def _factors(node: Node, name: str, kind: str, skeleton: bool) -> list[str]:
    """Patterns of a product's factors: runs of constants folded into one ``C`` (dropped in a
    skeleton), runs of one factor written as a power."""
    result: list[str] = []
    for factor in _product(node):
        text = pattern(factor, name, kind, skeleton)
        if text == "C" and (skeleton or (result and result[-1] == "C")):
            continue
        if result and text != "C" and result[-1] in (text, f"{text}^k"):
            result[-1] = f"{text}^k"
            continue
        result.append(text)
    return result or ["C"]


def subpatterns(node: Node, name: str, kind: str, skeleton: bool = False) -> frozenset[str]:
    """The pattern of every sub-expression that involves the variable."""
    return frozenset(pattern(n, name, kind, skeleton) for n in node.walk() if mentions(n, name))


@dataclass(frozen=True)
class Derivative:
    """One derivative taken in an identity: its order, the variable's kind, what is differentiated."""

    order: int
    kind: str
    pattern: str
    inside: frozenset[str]  # patterns of the sub-expressions of what is differentiated
    skeleton: str
    skeletons: frozenset[str]
    terms: frozenset[str]  # patterns of the terms of a sum (the whole pattern otherwise)


def derivatives(text: str, where: str) -> list[Derivative]:
    """Every outermost derivative in ``text`` (an identity, or derivation steps joined by ``=>``)."""
    roots: list[Node] = []
    try:
        roots = list(parse_identity(text, where).sides)
    except IdentityError:
        for piece in SPLIT.split(text):
            try:
                roots.append(parse_expression(piece.strip(), where)[0])
            except IdentityError:
                continue
    found: list[Derivative] = []
    for root in roots:
        found.extend(_derivatives(root))
    return found


def _variable_name(variable: Node) -> str:
    """The symbol a derivative is taken by, ``Z`` for ``conj(Z)`` too."""
    return variable.args[0].value if variable.op == "conj" else variable.value


def _derivatives(node: Node) -> list[Derivative]:
    if node.op not in DERIVATIVES:
        return [found for arg in node.args for found in _derivatives(arg)]
    body, variable = node.args[0], node.args[1]
    conjugate = variable.op == "conj"  # d(f, conj(Z)): the Wirtinger derivative by Z̄
    if conjugate:
        variable = variable.args[0]
    name, kind = variable.value, variable_kind(variable) + (CONJUGATE if conjugate else "")
    order = 2 if node.op == "hess" else 1
    # d(d(f, t), t), a differential of a differential
    while body.op in DERIVATIVES and _variable_name(body.args[1]) == name:
        order += 2 if body.op == "hess" else 1
        body = body.args[0]
    body = normalise(body)
    return [
        Derivative(
            order,
            kind,
            pattern(body, name, kind),
            subpatterns(body, name, kind),
            pattern(body, name, kind, skeleton=True),
            subpatterns(body, name, kind, skeleton=True),
            frozenset(pattern(term, name, kind) for term in _flatten(body, "add", ("sub",))) - {"C"},
        )
    ]


# --- consistency -----------------------------------------------------------------------------


def fits(cited: Derivative, stated: Derivative) -> bool:
    """Exact fit: same order and kind of variable, and one pattern inside the other."""
    if (cited.order, cited.kind) != (stated.order, stated.kind):
        return False
    inside = stated.pattern not in TRIVIAL and stated.pattern in cited.inside
    return inside or cited.pattern in stated.inside


def fits_loosely(cited: Derivative, stated: Derivative) -> bool:
    """Loose fit: a special case, a matrix form of a vector result, or a higher derivative of it.

    Constants are dropped on both sides (their skeletons), a vector may stand for a matrix,
    and the identity may differentiate further what the equation differentiates once.
    """
    if cited.order < stated.order or "t" in (cited.kind, stated.kind) and cited.kind != stated.kind:
        return False
    inside = stated.skeleton not in TRIVIAL and stated.skeleton in cited.skeletons
    return inside or cited.skeleton in stated.skeletons


def statement_derivatives(equation: Equation) -> list[Derivative]:
    """The derivatives the table's statement of ``equation`` takes."""
    return derivatives(equation.statement, equation.where) if equation.statement else []


def exact_rows(table: Table, cited: list[Derivative]) -> list[int]:
    """Result rows of the table that state exactly what the identity differentiates."""
    return [
        number
        for number, equation in sorted(table.equations.items())
        if equation.kind == RESULT
        and any(
            (c.order, c.kind) == (s.order, s.kind) and (c.pattern == s.pattern or s.pattern in c.terms)
            for c in cited
            for s in statement_derivatives(equation)
        )
    ]


def inconsistency(table: Table, number: int, identity: str, where: str, cites: set[int]) -> str | None:
    """Why citing eq. ``number`` for this identity is wrong, or None when the citation fits.

    ``cites`` holds every equation of the table the same entry cites.
    """
    equation = table.equations.get(number)
    if equation is None:
        return f"eq. {number} is not in the table ({table.bib}, eqs. {table.low}-{table.high})"
    if equation.kind == NOT_EXPRESSIBLE:
        return f"eq. {number} is not expressible in the language ({equation.reason})"
    if equation.kind == DEFINITION:
        if len(cites) < 2:
            return f"eq. {number} is a definition ({equation.states}); cite the equation that states the result"
        return None
    cited = derivatives(identity, where)
    if equation.kind == RULE:
        return None if cited or not equation.statement else f"eq. {number} is a derivative rule; no derivative here"
    stated = statement_derivatives(equation)
    if not stated:
        return None
    if not cited:
        return f"eq. {number} states a derivative ({equation.states}); the identity takes none"
    if any(fits(c, s) for c in cited for s in stated):
        return None
    want = "; ".join(sorted({describe(s) for s in stated}))
    got = "; ".join(sorted({describe(c) for c in cited}))
    if any(fits_loosely(c, s) for c in cited for s in stated):
        exact = exact_rows(table, cited)
        if not exact or set(exact) & cites:
            return None
        return f"eq. {number} ({equation.states}) only fits loosely; eq. {exact[0]} states exactly [{got}]"
    return f"eq. {number} states {equation.states} [{want}], the identity differentiates [{got}]"


def describe(derivative: Derivative) -> str:
    """``order 1 in X: tr((X'·C·X))``."""
    return f"order {derivative.order} in {derivative.kind}: {derivative.pattern}"
