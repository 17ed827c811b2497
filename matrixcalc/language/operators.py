"""The operators of the language and their shape rules: ``.T``, ``.H``, signs, ``+ - * / @`` and ``**``.

Each operator is checked for shape as its node is built, and a mismatch names both operands
as written. Sums and matrix products are associative chains, built as balanced trees so that
a long chain stays shallow for every interpreter; exponents are exact constants.
"""

from __future__ import annotations

import ast
import dataclasses
from fractions import Fraction

from ..errors import IdentityError
from . import limits
from .dims import SCALAR, is_scalar, is_square, shape_str
from .hints import caret_column
from .tree import Node
from .walk import Walk

ATTRIBUTES = {"T": "transpose", "H": "ctranspose"}

_CHAINED = (ast.Add, ast.MatMult)


class Operators(Walk):
    """The builders of attributes, unary and binary operators, added to the walk."""

    def _build_Attribute(self, raw: ast.Attribute) -> Node:
        if raw.attr not in ATTRIBUTES:
            raise self._error(
                raw, f"'.{raw.attr}' is not allowed; the attributes are '.T' (transpose) and '.H' (conjugate transpose)"
            )
        inner = self.build(raw.value)
        if inner.rank != 2:
            raise self._error(raw, "a 4th-order tensor cannot be transposed")
        return self._node(raw, ATTRIBUTES[raw.attr], (inner,), (inner.shape[1], inner.shape[0]))

    def _build_UnaryOp(self, raw: ast.UnaryOp) -> Node:
        inner = self.build(raw.operand)
        if isinstance(raw.op, ast.UAdd):
            return inner
        if isinstance(raw.op, ast.USub):
            return self._node(raw, "neg", (inner,), inner.shape)
        raise self._error(raw, f"'{self._snippet(raw)}': only '-' and '+' may stand before an expression")

    def _build_BinOp(self, raw: ast.BinOp) -> Node:
        if isinstance(raw.op, ast.Pow):
            return self._power(raw)
        if isinstance(raw.op, _CHAINED):
            return self._chain(raw)
        return self._combine(raw, self.build(raw.left), self.build(raw.right))

    def _chain(self, raw: ast.BinOp) -> Node:
        """``a + b + c + ...`` or ``A @ B @ C @ ...`` built as a balanced tree, depth log(length).

        Python parses a chain left-deep, so a sum of 1,000 terms would be 1,000 levels deep for
        every interpreter; both operations are associative, so the balanced tree means the same
        and prints the same. The chain is type-checked left to right first, so an error names
        the same operand as before.
        """
        links = []
        node = raw
        while isinstance(node, ast.BinOp) and type(node.op) is type(raw.op):
            links.append(node)
            node = node.left
        links.reverse()
        self.count += len(links) - 1  # build() counted the outermost link
        operands = [self.build(links[0].left)] + [self.build(link.right) for link in links]
        left = operands[0]
        for link, right in zip(links, operands[1:]):
            left = self._combine(link, left, right)
        # the root spans the whole chain as written, closing parenthesis of the last operand included
        return dataclasses.replace(_balanced(operands, left.op), col=left.col, end=left.end)

    def _combine(self, raw: ast.BinOp, left: Node, right: Node) -> Node:
        """The node for ``left <op> right`` once both are built, with its shape rule."""
        kind = type(raw.op).__name__
        if kind in ("Add", "Sub"):
            if left.shape != right.shape:
                sign = "+" if kind == "Add" else "-"
                raise self._error(
                    raw,
                    f"'{sign}' needs equal shapes: '{self._snippet(raw.left)}' is {shape_str(left.shape)}, "
                    f"'{self._snippet(raw.right)}' is {shape_str(right.shape)}",
                )
            return self._node(raw, kind.lower(), (left, right), left.shape)
        if kind == "Mult":
            if is_scalar(left.shape) or is_scalar(right.shape):
                shape = right.shape if is_scalar(left.shape) else left.shape
                return self._node(raw, "mul", (left, right), shape)
            if left.shape == right.shape and left.rank == 2:
                return self._node(raw, "hadamard", (left, right), left.shape)
            raise self._error(
                raw,
                "'*' multiplies by a scalar, or entrywise two arrays of the same shape; "
                f"'{self._snippet(raw.left)}' is {shape_str(left.shape)}, '{self._snippet(raw.right)}' is "
                f"{shape_str(right.shape)} (for the matrix product write '@')",
            )
        if kind == "Div":
            if left.shape == right.shape and left.rank == 2 and not is_scalar(right.shape):
                return self._node(raw, "ediv", (left, right), left.shape)
            if not is_scalar(right.shape):
                raise self._error(
                    raw.right,
                    f"division is by a scalar or, entrywise, by an array of the same shape; "
                    f"'{self._snippet(raw.right)}' is {shape_str(right.shape)} (for a matrix inverse use inv(...))",
                )
            return self._node(raw, "div", (left, right), left.shape)
        if kind == "MatMult":
            return self._matmul(raw, left, right)
        if kind == "BitXor":
            col, end = self._span(raw)
            caret = caret_column(self.text, self._span(raw.left)[1], self._span(raw.right)[0], "^")
            raise IdentityError(
                "'^' is not a power in the language: write '**' (t ** 2; for a square matrix X ** 2 is X @ X)",
                source=self.text,
                column=caret if caret is not None else col,
                length=1 if caret is not None else end - col,
            )
        raise self._error(raw, f"the operator in '{self._snippet(raw)}' is not part of the language")

    def _matmul(self, raw: ast.BinOp, left: Node, right: Node) -> Node:
        if left.rank != 2 or right.rank != 2:
            raise self._error(raw, "'@' takes matrices, not 4th-order tensors")
        if left.shape[1] != right.shape[0]:
            raise self._error(
                raw,
                f"'@' needs matching inner sizes: '{self._snippet(raw.left)}' is {shape_str(left.shape)}, "
                f"'{self._snippet(raw.right)}' is {shape_str(right.shape)}",
            )
        return self._node(raw, "matmul", (left, right), (left.shape[0], right.shape[1]))

    def _power(self, raw: ast.BinOp) -> Node:
        base = self.build(raw.left)
        exponent = self._constant(raw.right)
        if is_scalar(base.shape):
            if abs(exponent) > 100:
                raise self._error(raw.right, "a scalar exponent must lie between -100 and 100")
            if exponent.denominator != 1 and self.complexity(base):
                raise self._error(
                    raw, "a fractional power of a complex value is not defined here (which branch?); use abs(...)"
                )
            node = self._node(raw, "pow", (base,), SCALAR, exponent)
            if not 1e-12 <= abs(_constant_value(node) or 1) <= 1e12:
                raise self._error(raw, "constant numbers must lie within 1e-12 and 1e12 in magnitude")
            return node
        if base.rank != 2 or not is_square(base.shape):
            raise self._error(
                raw.left,
                f"'**' needs a square matrix or a scalar; '{self._snippet(raw.left)}' is {shape_str(base.shape)}",
            )
        if exponent.denominator != 1:
            raise self._error(raw.right, "a matrix power must be an integer")
        if abs(exponent) > limits.MAX_MATRIX_POWER:
            raise self._error(
                raw.right, f"a matrix power must lie between -{limits.MAX_MATRIX_POWER} and {limits.MAX_MATRIX_POWER}"
            )
        return self._node(raw, "matpow", (base,), base.shape, int(exponent))

    def _constant(self, raw: ast.AST) -> Fraction:
        """A constant exponent such as 2, -1, 0.5 or (1/2); exact."""
        if isinstance(raw, ast.Constant) and isinstance(raw.value, (int, float)) and not isinstance(raw.value, bool):
            return self._fraction(raw)
        if isinstance(raw, ast.UnaryOp) and isinstance(raw.op, (ast.USub, ast.UAdd)):
            value = self._constant(raw.operand)
            return -value if isinstance(raw.op, ast.USub) else value
        if isinstance(raw, ast.BinOp) and isinstance(raw.op, (ast.Div, ast.Add, ast.Sub, ast.Mult)):
            a, b = self._constant(raw.left), self._constant(raw.right)
            if isinstance(raw.op, ast.Div):
                if b == 0:
                    raise self._error(raw, "division by zero in the exponent")
                return a / b
            return {ast.Add: a + b, ast.Sub: a - b, ast.Mult: a * b}[type(raw.op)]
        raise self._error(raw, "an exponent must be a number such as 2, -1 or (1/2)")


def _balanced(operands: list[Node], op: str) -> Node:
    """Operands joined by an associative ``op`` ("add" or "matmul") as a balanced tree."""
    if len(operands) == 1:
        return operands[0]
    half = len(operands) // 2
    left, right = _balanced(operands[:half], op), _balanced(operands[half:], op)
    shape = left.shape if op == "add" else (left.shape[0], right.shape[1])
    return Node(op, (left, right), shape, None, left.col, right.end)


def _constant_value(node: Node) -> float | None:
    """The value of a subtree made of numbers only (None if it holds a symbol or overflows)."""
    values = [_constant_value(arg) for arg in node.args]
    if None in values:
        return None
    try:
        if node.op == "number":
            return float(node.value)
        if node.op == "pow":
            return float(values[0]) ** float(node.value)
        combine = {
            "neg": lambda a: -a,
            "add": float.__add__,
            "sub": float.__sub__,
            "mul": float.__mul__,
            "div": float.__truediv__,
        }
        return combine[node.op](*values) if node.op in combine else None
    except (OverflowError, ZeroDivisionError, KeyError):
        return float("inf")
