"""Building blocks of differential rules: sums that skip a zero (None) part, linear and bilinear rules.

A differential is None where it is zero (the expression does not depend on the variable), so
every rule combines parts through ``plus`` and ``minus``; the records and the calculator's rules
for the operators share them.
"""

from __future__ import annotations

from collections.abc import Callable

from ..language.tree import Node
from . import build as b


def plus(x: Node | None, y: Node | None) -> Node | None:
    """x + y, where None is zero."""
    if x is None:
        return y
    if y is None:
        return x
    return b.add(x, y)


def minus(x: Node | None, y: Node | None) -> Node | None:
    """x - y, where None is zero."""
    if y is None:
        return x
    if x is None:
        return b.neg(y)
    return b.sub(x, y)


def linear(fn: Callable[[Node], Node]):
    """A rule for an operation linear in its one argument: d f(A) = f(dA)."""

    def rule(node, d, a):
        da = d(a)
        return None if da is None else fn(da)

    return rule


def bilinear(product: Callable[[Node, Node], Node]):
    """The product rule for any bilinear operation: d(A ∘ B) = dA ∘ B + A ∘ dB."""

    def rule(node, d, a, c):
        da, dc = d(a), d(c)
        return plus(None if da is None else product(da, c), None if dc is None else product(a, dc))

    return rule
