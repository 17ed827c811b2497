"""What checking an identity would cost, estimated from its typed tree before any work is done.

Limits on size alone (characters, operations) turned honest long identities away while a
short hostile one could still be expensive. The checkers' work is predicted instead, at the
largest size any checker tries (every size letter ``COST_SIZE``):

- **operations**: scalar operations, each multiplied by the number of infinitesimals carried
  through it (a derivative by X carries one per entry of X, a Hessian the square), so nested
  derivatives, large Kronecker products and long matrix powers are counted at what they cost;
- **degree**: how fast exact values grow (the degree of an entry as a rational function of the
  symbols): nested powers, determinants and inverses multiply it, and exact arithmetic pays for
  it in the size of its numbers, whatever the number of operations.

Both are computed in one pass over the tree (linear in its size), so a hostile identity is
rejected in well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import prod

from .dims import concrete
from .signatures import WORK
from .tree import Node

COST_SIZE = 7  # the largest value a size letter takes in any checker (sizes.MAX_SIZE)


@dataclass(frozen=True)
class Cost:
    """Predicted scalar operations and the degree of the entries."""

    operations: int
    degree: int


def estimate(sides: list[Node], letters) -> Cost:
    """The cost of checking ``side == side == ...`` at every size letter set to COST_SIZE."""
    sizes = {letter: COST_SIZE for letter in letters}
    operations = 0
    degree = 0
    for side in sides:
        ops, deg = _walk(side, sizes, 1)
        operations += ops
        degree = max(degree, deg)
    return Cost(operations, degree)


def _entries(node: Node, sizes: dict[str, int]) -> int:
    return prod(concrete(node.shape, sizes))


def _walk(node: Node, sizes: dict[str, int], carried: int) -> tuple[int, int]:
    """(operations, degree) of a subtree whose scalars carry ``carried`` infinitesimals each."""
    inner = carried
    if node.op in ("d", "dsym", "jac"):
        inner = carried * _entries(node.args[1], sizes)
    elif node.op == "hess":
        inner = carried * _entries(node.args[1], sizes) ** 2
    results = [_walk(arg, sizes, inner) for arg in node.args]
    operations = sum(ops for ops, _ in results) + inner * _work(node, sizes)
    degrees = [deg for _, deg in results]
    return operations, _degree(node, sizes, degrees)


def _side(node: Node, sizes: dict[str, int]) -> int:
    return concrete(node.args[0].shape, sizes)[0]


def _work(node: Node, sizes: dict[str, int]) -> int:
    """Scalar operations of one node, without the infinitesimals."""
    op = node.op
    if op == "matmul":
        rows, inner = concrete(node.args[0].shape, sizes)
        return rows * inner * concrete(node.args[1].shape, sizes)[1]
    if op in ("inv", "det", "logdet", "pinv"):
        return _side(node, sizes) ** 3 if op != "pinv" else max(concrete(node.args[0].shape, sizes)) ** 3
    if op == "adj":
        return _side(node, sizes) ** 4
    if op == "matpow":
        return (abs(node.value) + 1) * _side(node, sizes) ** 3
    if op in WORK:
        return WORK[op] * sum(_entries(arg, sizes) for arg in node.args)
    if op in ("tr", "frob", "norm", "sum"):
        return sum(_entries(arg, sizes) for arg in node.args)
    return _entries(node, sizes)


def _degree(node: Node, sizes: dict[str, int], args: list[int]) -> int:
    """A bound on the degree of the node's entries, from its arguments' degrees."""
    op = node.op
    if op == "symbol":
        return 1
    if not args:
        return 0
    if op in ("matmul", "mul", "div", "hadamard", "kron", "frob"):
        return sum(args)
    if op in ("det", "inv", "adj", "logdet"):
        return _side(node, sizes) * args[0]
    if op == "pinv":
        return 2 * max(concrete(node.args[0].shape, sizes)) * args[0]
    if op == "matpow":
        return abs(node.value) * args[0] * (_side(node, sizes) if node.value < 0 else 1)
    if op == "pow":
        return abs(Fraction(node.value).numerator) * args[0]
    if op in ("norm",):
        return 2 * args[0]
    return max(args)
