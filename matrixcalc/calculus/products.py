"""The canonical form's data: a term ``coef * scalars * F1 @ F2 @ ...`` and helpers on products."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..language.dims import SCALAR, Shape, is_scalar
from ..language.tree import Node
from ..operations import build as b


@dataclass(frozen=True)
class Term:
    """``coef * prod(s ** e for s, e in scalars) * chain[0] @ chain[1] @ ...``."""

    coef: Fraction
    scalars: tuple[tuple[Node, int], ...]
    chain: tuple[Node, ...]

    def key(self, text) -> tuple:
        return (tuple((text(s), e) for s, e in self.scalars), tuple(text(f) for f in self.chain))


def chain_of(node: Node) -> list[Node]:
    """The factors of a matrix product, left to right (one factor for anything else)."""
    if node.op == "matmul":
        return chain_of(node.args[0]) + chain_of(node.args[1])
    return [node]


def chain_shape(chain: tuple[Node, ...]) -> Shape:
    if not chain:
        return SCALAR
    return (chain[0].shape[0], chain[-1].shape[1])


def power(s: Node, e: int) -> Node:
    """``s ** e`` for a scalar, the matrix power for a square matrix."""
    return b.power(s, e) if is_scalar(s.shape) else b.matpow(s, e)


def sum_nodes(nodes: list[Node]) -> Node:
    """The sum of nodes, a negated one subtracted."""
    total = nodes[0]
    for n in nodes[1:]:
        if n.op == "neg":
            total = b.sub(total, n.args[0])
        else:
            total = b.add(total, n)
    return total


def scaled(terms: list[Term], coef: Fraction, scalars=()) -> list[Term]:
    return [Term(t.coef * coef, t.scalars + tuple(scalars), t.chain) for t in terms]
