"""Shape rules of the operation records: argument nodes -> result shape.

Each rule raises ``ShapeFault`` with a sentence for the user (and the index of the culprit
argument); the parser adds the location.
"""

from __future__ import annotations

from ..language.dims import SCALAR, Shape, is_square, is_vector, shape_str
from ..language.signatures import ShapeFault
from ..language.tree import Node


def _matrix(node: Node, fn: str, i: int = 0) -> None:
    if node.rank != 2:
        raise ShapeFault(f"{fn} takes a matrix, not a 4th-order tensor", i)


def _square_argument(args: list[Node], fn: str) -> None:
    _matrix(args[0], fn)
    if not is_square(args[0].shape):
        raise ShapeFault(f"{fn} needs a square matrix; its argument is {shape_str(args[0].shape)}", 0)


def square(fn: str):
    """A square matrix to a matrix of its shape (inv, adj)."""

    def rule(args: list[Node]) -> Shape:
        _square_argument(args, fn)
        return args[0].shape

    return rule


def square_to_scalar(fn: str):
    """A square matrix to a scalar (tr, det, logdet)."""

    def rule(args: list[Node]) -> Shape:
        _square_argument(args, fn)
        return SCALAR

    return rule


def entrywise(fn: str):
    """A scalar function applied to every entry (NumPy semantics): the shape is kept."""

    def rule(args: list[Node]) -> Shape:
        if args[0].rank != 2:
            raise ShapeFault(f"{fn} takes a scalar, vector or matrix (entrywise), not a 4th-order tensor", 0)
        return args[0].shape

    return rule


def scalar_only(fn: str):
    """A scalar to a scalar (abs)."""

    def rule(args: list[Node]) -> Shape:
        if args[0].shape != SCALAR:
            raise ShapeFault(f"{fn} takes a scalar; its argument is {shape_str(args[0].shape)}", 0)
        return SCALAR

    return rule


def to_scalar(fn: str):
    """Any matrix to a scalar (sum, norm, logsumexp)."""

    def rule(args: list[Node]) -> Shape:
        _matrix(args[0], fn)
        return SCALAR

    return rule


def same_shape(fn: str, result_scalar: bool):
    """Two arrays of one shape to that shape (hadamard, ediv) or to a scalar (frob)."""

    def rule(args: list[Node]) -> Shape:
        for i, a in enumerate(args):
            _matrix(a, fn, i)
        if args[0].shape != args[1].shape:
            raise ShapeFault(
                f"{fn} needs two arguments of the same shape; they are "
                f"{shape_str(args[0].shape)} and {shape_str(args[1].shape)}",
                1,
            )
        return SCALAR if result_scalar else args[0].shape

    return rule


def kron(args: list[Node]) -> Shape:
    """The Kronecker product of two matrices: the sizes multiply."""
    for i, a in enumerate(args):
        _matrix(a, "kron", i)
    (ar, ac), (br, bc) = args[0].shape, args[1].shape
    return (ar * br, ac * bc)


def vec(args: list[Node]) -> Shape:
    """The column of a matrix's entries."""
    _matrix(args[0], "vec")
    r, c = args[0].shape
    return (r * c, SCALAR[0])


def pinv(args: list[Node]) -> Shape:
    """The pseudo-inverse has the transposed shape."""
    _matrix(args[0], "pinv")
    rows, cols = args[0].shape
    return (cols, rows)


def diag(args: list[Node]) -> Shape:
    """The diagonal of a square matrix, as a column."""
    _square_argument(args, "diag")
    return (args[0].shape[0], SCALAR[0])


def diagm(args: list[Node]) -> Shape:
    """The diagonal matrix of a vector."""
    _matrix(args[0], "diagm")
    if not is_vector(args[0].shape):
        raise ShapeFault(f"diagm takes a vector; its argument is {shape_str(args[0].shape)}", 0)
    return (args[0].shape[0], args[0].shape[0])


def column(fn: str):
    """A column vector of the same length as its column-vector argument."""

    def rule(args: list[Node]) -> Shape:
        shape = args[0].shape
        if args[0].rank != 2 or not is_vector(shape):
            raise ShapeFault(f"{fn} takes a column vector; its argument is {shape_str(shape)}", 0)
        return shape

    return rule
