"""Text to typed tree: Python's ``ast`` with a whitelist, never ``eval``.

Every node is checked for shape as it is built, so an identity that parses is well typed for
every assignment of sizes to its letters. This module holds the entry points and the cost
check; the text is parsed in ``syntax.py`` and walked by the builders of ``walk.py`` (leaves),
``operators.py``, ``calls.py`` and ``derivatives.py``.
"""

from __future__ import annotations

import ast

from ..errors import IdentityError
from . import limits
from .calls import Calls
from .complexity import check_complex_limits, has_complex
from .cost import COST_SIZE, estimate
from .declarations import parse_where
from .dims import letters_of, shape_str
from .operators import Operators
from .syntax import parse_python
from .tree import Declaration, Identity, Node


def parse_identity(text: str, where: str = "") -> Identity:
    """Parse and type-check ``side == side [== ...]`` against the ``where`` declarations."""
    declarations = parse_where(where)
    sides = _guarded(_Builder(text, declarations).identity)
    complex_values = has_complex(sides, declarations)
    if complex_values:
        check_complex_limits(sides, declarations, text)
    letters = tuple(sorted(set().union(*(letters_of(d.shape) for d in declarations.values()))))
    _affordable(sides, letters, COMPLEX_FACTOR if complex_values else 1)
    return Identity(tuple(sides), declarations, letters, text, where)


COMPLEX_FACTOR = 8
"""Complex values cost about four real operations each, and a Wirtinger derivative carries two
infinitesimals (real and imaginary part) per entry of its variable."""


def _affordable(sides: list[Node], letters: tuple[str, ...], factor: int = 1) -> None:
    """Reject an identity whose check would cost too much (see cost.py), before any work."""
    cost = estimate(sides, letters)
    if cost.operations * factor > limits.MAX_OPERATIONS:
        raise IdentityError(
            f"checking this identity would take about {cost.operations * factor:.1e} scalar operations at size "
            f"{COST_SIZE} (the limit is {limits.MAX_OPERATIONS:.0e}): nested derivatives, large Kronecker "
            "products or long matrix powers multiply the work"
        )
    if cost.degree > limits.MAX_DEGREE:
        raise IdentityError(
            f"exact values of this identity would have degree about {cost.degree} in its symbols (the limit "
            f"is {limits.MAX_DEGREE}): nested powers, determinants or inverses make the numbers too large"
        )


def parse_expression(text: str, where: str = "") -> tuple[Node, dict[str, Declaration]]:
    """Parse one expression (no '=='), e.g. a derivation step."""
    declarations = parse_where(where)
    node = _guarded(_Builder(text, declarations).expression)
    check_complex_limits([node], declarations, text)
    return node, declarations


def _guarded(build):
    """Run a builder; a caller's deep stack plus deep nesting must still end in an IdentityError."""
    try:
        return build()
    except RecursionError:
        raise IdentityError("the expression is nested too deeply to check") from None


class _Builder(Operators, Calls):
    """The whole walk (leaves, operators, calls), entered as an identity or as one expression."""

    def identity(self) -> list[Node]:
        tree = parse_python(self)
        if not (isinstance(tree, ast.Compare) and all(isinstance(op, ast.Eq) for op in tree.ops)):
            if isinstance(tree, ast.Compare):
                raise self._error(tree, "only '==' may join the sides of an identity")
            raise self._error(tree, "an identity needs '==' between two expressions, e.g. 'd(tr(X), X) == I(n)'")
        sides = [self.build(tree.left)] + [self.build(c) for c in tree.comparators]
        for previous, (node, raw) in zip(sides, zip(sides[1:], tree.comparators)):
            if previous.shape != node.shape:
                transposed = previous.rank == node.rank == 2 and tuple(reversed(previous.shape)) == node.shape
                hint = " (the right side has the left side's shape transposed: a transpose is missing or extra)"
                raise self._error(
                    raw,
                    f"the two sides of '==' have different shapes: {shape_str(previous.shape)} "
                    f"on the left, {shape_str(node.shape)} on the right{hint if transposed else ''}",
                )
        return sides

    def expression(self) -> Node:
        tree = parse_python(self)
        if isinstance(tree, ast.Compare):
            raise self._error(tree, "a single expression is expected here, without '=='")
        return self.build(tree)
