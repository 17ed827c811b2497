"""The differential of an expression, by rules: one entry per operation of the language.

``differential(node, ctx)`` returns a tree linear in the direction ``dX`` (or None when the
differential is zero), built from the textbook rules of the differential method — the product
rule, ``d(X⁻¹) = −X⁻¹ dX X⁻¹``, ``d det X = det X tr(X⁻¹ dX)``, ``d vec = vec d`` and so on
(Magnus & Neudecker, ch. 8; the Matrix Cookbook, sec. 2.1). Never by numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import IdentityError
from ..language.tree import DERIVATIVES, Node
from ..operations import OPERATIONS


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


RULES: dict[str, Callable[..., Node | None]] = {name: record.differential for name, record in OPERATIONS.items()}
"""Operation -> its record's rule(node, d, *args); ``d`` differentiates a child (None for zero)."""
