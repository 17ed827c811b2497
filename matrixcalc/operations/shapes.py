"""Shape rules of operation records (each raises ``ShapeFault`` with a sentence); the entrywise
and to-scalar rules are the language's own."""

from __future__ import annotations

from ..language.dims import Shape, is_vector, shape_str
from ..language.signatures import ShapeFault, entrywise, to_scalar
from ..language.tree import Node


def column(fn: str):
    """A column vector of the same length as its column-vector argument."""

    def rule(args: list[Node]) -> Shape:
        shape = args[0].shape
        if args[0].rank != 2 or not is_vector(shape):
            raise ShapeFault(f"{fn} takes a column vector; its argument is {shape_str(shape)}", 0)
        return shape

    return rule


__all__ = ["column", "entrywise", "to_scalar"]
