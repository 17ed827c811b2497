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

from collections.abc import Callable
from dataclasses import dataclass
from math import prod

from .dims import concrete
from .tree import Node

COST_SIZE = 7  # the largest value a size letter takes in any checker (sizes.MAX_SIZE)

CostRule = Callable[[Node, dict[str, int]], int]
"""(node, sizes) -> the scalar operations of one node at concrete sizes (a function's record holds it)."""

DegreeRule = Callable[[Node, dict[str, int], list[int]], int]
"""(node, sizes, the arguments' degrees) -> a bound on the degree of the node's entries."""

COSTS: dict[str, tuple[CostRule, DegreeRule | None]] = {}
"""Function name -> its cost and degree rules, filled when its record registers (``signatures``)."""


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


def entries(node: Node, sizes: dict[str, int]) -> int:
    """The number of entries of a node at concrete sizes."""
    return prod(concrete(node.shape, sizes))


def side(node: Node, sizes: dict[str, int]) -> int:
    """The side of a node's square (first) argument at concrete sizes."""
    return concrete(node.args[0].shape, sizes)[0]


def per_argument_entry(work: int) -> CostRule:
    """``work`` scalar operations per entry of the arguments (tr, sum, an entrywise function)."""

    def rule(node: Node, sizes: dict[str, int]) -> int:
        return work * sum(entries(arg, sizes) for arg in node.args)

    return rule


def per_result_entry(node: Node, sizes: dict[str, int]) -> int:
    """One scalar operation per entry of the result (kron, vec, hadamard, conj, ...)."""
    return entries(node, sizes)


def cubic(node: Node, sizes: dict[str, int]) -> int:
    """A factorisation of the square argument: n³ scalar operations (det, inv)."""
    return side(node, sizes) ** 3


def times_side(node: Node, sizes: dict[str, int], degrees: list[int]) -> int:
    """n times the argument's degree: a determinant is a sum of n-fold products (det, inv, adj)."""
    return side(node, sizes) * degrees[0]


def sum_of_degrees(node: Node, sizes: dict[str, int], degrees: list[int]) -> int:
    """The arguments' degrees added: a product of their entries (kron, hadamard, frob)."""
    return sum(degrees)


def _walk(node: Node, sizes: dict[str, int], carried: int) -> tuple[int, int]:
    """(operations, degree) of a subtree whose scalars carry ``carried`` infinitesimals each."""
    inner = carried
    if node.op in ("d", "dsym", "jac"):
        inner = carried * entries(node.args[1], sizes)
    elif node.op == "hess":
        inner = carried * entries(node.args[1], sizes) ** 2
    results = [_walk(arg, sizes, inner) for arg in node.args]
    operations = sum(ops for ops, _ in results) + inner * _work(node, sizes)
    degrees = [deg for _, deg in results]
    return operations, _degree(node, sizes, degrees)


def _work(node: Node, sizes: dict[str, int]) -> int:
    """Scalar operations of one node, without the infinitesimals."""
    rules = COSTS.get(node.op)
    return entries(node, sizes) if rules is None else rules[0](node, sizes)


def _degree(node: Node, sizes: dict[str, int], args: list[int]) -> int:
    """A bound on the degree of the node's entries, from its arguments' degrees."""
    op = node.op
    if op == "symbol":
        return 1
    if not args:
        return 0
    degree = COSTS[op][1] if op in COSTS else None
    return max(args) if degree is None else degree(node, sizes, args)
