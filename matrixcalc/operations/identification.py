"""The identification rules of an operation: how ``diff`` reads a derivative off a differential.

A differential is linear in the direction ``dX``; the calculator (``calculus/identify.py``) reads
the derivative off it by pushing through one rule per operation, in one of two passes:

- a **gradient rule** ``(node, seed, depends) -> [(argument, its seed), ...]``: for a scalar
  differential, the adjoint of the operation's linear map. ``seed`` is the gradient of f by this
  node; the rule gives the gradient by each argument that ``depends`` on the direction (JAX calls
  this the transpose rule). ``tr(A dX)`` gives ``A.T``, ``frob(A, dX)`` gives ``A``;
- a **Jacobian rule** ``(node, forward, depends) -> J``: the J with ``vec(d node) == J @ vec(dX)``,
  from ``forward(argument)``, each argument's own, by Magnus and Neudecker's identification
  (``vec(A dX B)`` gives ``kron(B.T, A)``, ``vec(dX.T)`` gives ``K(m, n)``).

Each record holds its two rules; this module holds what they share. A step without a matrix form
(a gradient through ``vec`` of a matrix whose seed is not itself a ``vec``) raises ``NoMatrixForm``,
and the calculator gives the differential instead.
"""

from __future__ import annotations

from collections.abc import Callable

from ..language.dims import ONE
from ..language.tree import Node
from . import build as b

Depends = Callable[[Node], bool]
"""Does this node depend on the direction? (memoised by the caller)"""

GradientRule = Callable[[Node, Node, Depends], list]
"""(node, seed, depends) -> the (argument, seed) pairs to continue with."""

Forward = Callable[[Node], Node]
"""argument -> the Jacobian of its vec by vec(dX)."""

JacobianRule = Callable[[Node, Forward, Depends], Node]
"""(node, forward, depends) -> the Jacobian of vec(node) by vec(dX)."""


class NoMatrixForm(Exception):
    """The derivative exists but these rules cannot write it in matrix notation."""


def refuse(message: str):
    """Raise NoMatrixForm from inside an expression (a rule written as a lambda)."""
    raise NoMatrixForm(message)


def live(pairs: list, depends: Depends) -> list:
    """The (argument, seed) pairs whose argument depends on the direction."""
    return [(child, seed) for child, seed in pairs if depends(child)]


def linear_parts(forward: Forward, depends: Depends, pairs: list) -> Node:
    """Sum of ``left(child) @ forward(child)`` over the children that depend on the direction
    (``left`` None: the child's own Jacobian)."""
    parts = [(left(child) if left else None, child) for child, left in pairs if depends(child)]
    return b.add_all([forward(child) if m is None else b.matmul(m, forward(child)) for m, child in parts])


def linear_gradient(apply: Callable[[Node], Node]) -> GradientRule:
    """The gradient rule of a one-argument linear map whose adjoint is ``apply(seed)``."""
    return lambda node, seed, depends: [(node.args[0], apply(node, seed))]


def diagonal_selector(n) -> Node:
    """S with vec(diag(M)) == S @ vec(M): hadamard(kron(ones(n).T, I(n)), kron(I(n), ones(n).T))."""
    row = b.transpose(b.ones((n, ONE)))
    return b.entrywise("hadamard", b.kron(row, b.eye(n)), b.kron(b.eye(n), row))
