"""Shape rules shared by operation records (each raises ``ShapeFault`` with a sentence)."""

from __future__ import annotations

from ..language.dims import SCALAR, Shape, is_vector, shape_str
from ..language.signatures import ShapeFault
from ..language.tree import Node


def entrywise(fn: str):
    """A scalar function applied to every entry: a scalar, vector or matrix keeps its shape."""

    def rule(args: list[Node]) -> Shape:
        if args[0].rank != 2:
            raise ShapeFault(f"{fn} takes a scalar, vector or matrix (entrywise), not a 4th-order tensor", 0)
        return args[0].shape

    return rule


def to_scalar(fn: str):
    """A scalar of a scalar, vector or matrix argument."""

    def rule(args: list[Node]) -> Shape:
        if args[0].rank != 2:
            raise ShapeFault(f"{fn} takes a matrix, not a 4th-order tensor", 0)
        return SCALAR

    return rule


def column(fn: str):
    """A column vector of the same length as its column-vector argument."""

    def rule(args: list[Node]) -> Shape:
        shape = args[0].shape
        if args[0].rank != 2 or not is_vector(shape):
            raise ShapeFault(f"{fn} takes a column vector; its argument is {shape_str(shape)}", 0)
        return shape

    return rule
