"""The differential of an expression, by rules: one entry per operation of the language.

``differential(node, ctx)`` returns a tree linear in the direction ``dX`` (or None when the
differential is zero), built from the textbook rules of the differential method — the product
rule, ``d(X⁻¹) = −X⁻¹ dX X⁻¹``, ``d det X = det X tr(X⁻¹ dX)``, ``d vec = vec d`` and so on
(Magnus & Neudecker, ch. 8; the Matrix Cookbook, sec. 2.1). Never by numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from ..errors import IdentityError
from ..language.dims import is_scalar
from ..language.tree import DERIVATIVES, Node
from ..operations import OPERATIONS
from ..operations import build as b
from ..operations.differentials import bilinear, linear, minus, plus
from .conjugate import ctranspose


@dataclass(frozen=True)
class Variable:
    """What varies: the symbol ``name`` and its direction, the symbol ``direction`` (dX)."""

    name: str
    direction: Node


class Context:
    """Memoised differentials of one expression (shared subtrees are differentiated once)."""

    def __init__(self, variable: Variable) -> None:
        self.variable = variable
        self.memo: dict[int, tuple[Node, Node | None]] = {}  # by id: hashing a deep tree is slow

    def __call__(self, node: Node) -> Node | None:
        key = id(node)
        if key not in self.memo:
            self.memo[key] = (node, _differentiate(node, self))
        return self.memo[key][1]


def differential(node: Node, variable: Variable) -> Node | None:
    """d(node) along ``variable.direction``; None when node does not depend on the variable."""
    return Context(variable)(node)


def _differentiate(node: Node, d: Context) -> Node | None:
    if node.op in DERIVATIVES:
        raise IdentityError(f"the expression already contains a derivative ({node.op}); differentiate its result")
    if node.op == "symbol":
        return d.variable.direction if node.value == d.variable.name else None
    if node.op == "number" or not node.args:
        return None
    return RULES[node.op](node, d, *node.args)


def _mul(node, d, a, c):
    if is_scalar(a.shape):
        return bilinear(lambda x, y: b.scale(x, y))(node, d, a, c)
    return bilinear(lambda x, y: b.scale(y, x))(node, d, a, c)


def _div(node, d, a, s):
    """d(A / s) = dA / s - (ds / s) * A / s."""
    da, ds = d(a), d(s)
    if ds is None:
        return None if da is None else b.div(da, s)
    return minus(None if da is None else b.div(da, s), b.div(b.scale(b.div(ds, s), a), s))


def _matpow(node, d, a):
    k = node.value
    base = a if k > 0 else b.call("inv", a)
    dbase = d(a) if k > 0 else OPERATIONS["inv"].differential(base, d, a)
    if dbase is None or k == 0:
        return None
    k = abs(k)
    total = None
    for i in range(k):
        left, right = _power_of(base, i), _power_of(base, k - 1 - i)
        term = dbase if left is None else b.matmul(left, dbase)
        term = term if right is None else b.matmul(term, right)
        total = plus(total, term)
    return total


def _power_of(base: Node, k: int) -> Node | None:
    return None if k == 0 else base if k == 1 else b.matpow(base, k)


def _pow(node, d, s):
    ds = d(s)
    if ds is None:
        return None
    r = Fraction(node.value)
    if r == 1:
        return ds
    slope = b.scale(b.number(r), s if r == 2 else b.power(s, r - 1))
    return b.scale(slope, ds)


RULES: dict[str, Callable[..., Node | None]] = {
    "ctranspose": linear(ctranspose),
    "add": lambda node, d, x, y: plus(d(x), d(y)),
    "sub": lambda node, d, x, y: minus(d(x), d(y)),
    "neg": linear(b.neg),
    "mul": _mul,
    "div": _div,
    "matmul": bilinear(b.matmul),
    "matpow": _matpow,
    "pow": _pow,
    "transpose": linear(b.transpose),
    **{name: record.differential for name, record in OPERATIONS.items()},
}
"""Operation -> rule(node, d, *args); ``d`` differentiates a child (None for zero). The operators'
rules are here, every function's is its record's."""
