"""Shape rules of the language's functions: one table, read by the parser.

Functions defined by an operation record (``matrixcalc.operations``) are added to the tables
when the record registers (``register_function``).

Each rule takes the argument nodes and returns the result shape, or raises ``ShapeFault`` with
a sentence for the user; the parser adds the location.
"""

from __future__ import annotations

from .dims import SCALAR, Shape, is_square, is_vector, shape_str
from .tree import Node


class ShapeFault(Exception):
    """A function got arguments of the wrong shape; ``arg`` is the index of the culprit."""

    def __init__(self, message: str, arg: int | None = None) -> None:
        super().__init__(message)
        self.arg = arg


def _matrix(node: Node, fn: str, i: int = 0) -> None:
    if node.rank != 2:
        raise ShapeFault(f"{fn} takes a matrix, not a 4th-order tensor", i)


def _square(fn: str):
    def rule(args: list[Node]) -> Shape:
        _matrix(args[0], fn)
        if not is_square(args[0].shape):
            raise ShapeFault(f"{fn} needs a square matrix; its argument is {shape_str(args[0].shape)}", 0)
        return SCALAR if fn in ("tr", "det", "logdet") else args[0].shape

    return rule


def entrywise(fn: str):
    """A scalar function applied to every entry (NumPy semantics): the shape is kept."""

    def rule(args: list[Node]) -> Shape:
        if args[0].rank != 2:
            raise ShapeFault(f"{fn} takes a scalar, vector or matrix (entrywise), not a 4th-order tensor", 0)
        return args[0].shape

    return rule


def _scalar_only(fn: str):
    def rule(args: list[Node]) -> Shape:
        if args[0].shape != SCALAR:
            raise ShapeFault(f"{fn} takes a scalar; its argument is {shape_str(args[0].shape)}", 0)
        return SCALAR

    return rule


def _kron(args: list[Node]) -> Shape:
    for i, a in enumerate(args):
        _matrix(a, "kron", i)
    (ar, ac), (br, bc) = args[0].shape, args[1].shape
    return (ar * br, ac * bc)


def _vec(args: list[Node]) -> Shape:
    _matrix(args[0], "vec")
    r, c = args[0].shape
    return (r * c, SCALAR[0])


def _same_shape(fn: str, result_scalar: bool):
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


def to_scalar(fn: str):
    def rule(args: list[Node]) -> Shape:
        _matrix(args[0], fn)
        return SCALAR

    return rule


def _diag(args: list[Node]) -> Shape:
    _square("diag")(args)
    return (args[0].shape[0], SCALAR[0])


def _pinv(args: list[Node]) -> Shape:
    _matrix(args[0], "pinv")
    rows, cols = args[0].shape
    return (cols, rows)


def _diagm(args: list[Node]) -> Shape:
    _matrix(args[0], "diagm")
    if not is_vector(args[0].shape):
        raise ShapeFault(f"diagm takes a vector; its argument is {shape_str(args[0].shape)}", 0)
    return (args[0].shape[0], args[0].shape[0])


FUNCTIONS = {
    # name: (number of arguments, shape rule)
    "tr": (1, _square("tr")),
    "det": (1, _square("det")),
    "logdet": (1, _square("logdet")),
    "inv": (1, _square("inv")),
    "adj": (1, _square("adj")),
    "pinv": (1, _pinv),
    "kron": (2, _kron),
    "vec": (1, _vec),
    "hadamard": (2, _same_shape("hadamard", False)),
    "frob": (2, _same_shape("frob", True)),
    "norm": (1, to_scalar("norm")),
    "sum": (1, to_scalar("sum")),
    "diag": (1, _diag),
    "diagm": (1, _diagm),
    "conj": (1, entrywise("conj")),
    "real": (1, entrywise("real")),
    "imag": (1, entrywise("imag")),
    "abs": (1, _scalar_only("abs")),
}

SIZE_FUNCTIONS = {"I": (1, 1), "ones": (1, 2), "zeros": (1, 2), "K": (2, 2)}
"""Functions whose arguments are sizes: name -> (fewest, most) arguments."""

REAL_ARGUMENT = {
    "logdet": "logdet needs a real determinant > 0; for a complex or Hermitian matrix write log(abs(det(Z)))",
    "norm": "norm of a complex array is not supported yet; write sqrt(real(tr(Z.H @ Z)))",
    "pinv": "pinv of a complex matrix is not supported yet",
}
"""Functions that need a real argument: name -> the message for a complex one."""

DERIVATIVE_ARITY = {"d": 2, "jac": 2, "hess": 2, "dsym": 2, "differential": 3}

RESERVED = set(FUNCTIONS) | set(SIZE_FUNCTIONS) | set(DERIVATIVE_ARITY) | {"T", "complex"}
"""Names a symbol may not take: every function of the language, ``.T`` and the word ``complex``.
``H`` stays a valid name (a direction, a Hessian): ``H.H`` reads fine."""


WORK: dict[str, int] = {}
"""Scalar operations per entry of the argument, for the cost estimate, of registered functions."""


def register_function(name: str, arity: int, rule, real_argument: str | None = None, work: int = 1) -> None:
    """Make a function known to the parser and the cost estimate: called by ``matrixcalc.operations``
    for each record, so the record is the one place its name, arity, shape, complex rule and cost are written."""
    FUNCTIONS[name] = (arity, rule)
    WORK[name] = work
    RESERVED.add(name)
    if real_argument is not None:
        REAL_ARGUMENT[name] = real_argument
