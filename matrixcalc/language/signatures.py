"""The functions of the language as the parser sees them: names, arities, shape and complex rules.

Every function is an operation record (``matrixcalc.operations``); registering a record fills
these tables (``register_function``), so the record is the one place its name, arity, shape
rule, complex rule, cost and foreign spellings are written. A shape rule takes the argument
nodes and returns the result shape, or raises ``ShapeFault`` with a sentence for the user; the
parser adds the location.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from . import complexity, hints
from .cost import COSTS, CostRule, DegreeRule
from .dims import Shape
from .tree import COMPLEX_OPS, Node


class ShapeFault(Exception):
    """A function got arguments of the wrong shape; ``arg`` is the index of the culprit."""

    def __init__(self, message: str, arg: int | None = None) -> None:
        super().__init__(message)
        self.arg = arg


class Signature(Protocol):
    """What the language reads of an operation record (``operations.record.Operation``)."""

    name: str
    arity: int
    shape: Callable[[list[Node]], Shape] | None
    real_argument: str | None
    cost: CostRule
    degree: DegreeRule | None
    complex_only: bool
    real_valued: bool
    foreign: tuple[str, ...]
    call_form: bool
    written: str | None


FUNCTIONS: dict[str, tuple[int, Callable[[list[Node]], Shape]]] = {}
"""Function name -> (number of arguments, shape rule), of every registered record."""

SIZE_FUNCTIONS = {"I": (1, 1), "ones": (1, 2), "zeros": (1, 2), "K": (2, 2)}
"""Functions whose arguments are sizes: name -> (fewest, most) arguments."""

REAL_ARGUMENT: dict[str, str] = {}
"""Functions that need a real argument: name -> the message for a complex one."""

DERIVATIVE_ARITY = {"d": 2, "jac": 2, "hess": 2, "dsym": 2, "differential": 3}

RESERVED = set(SIZE_FUNCTIONS) | set(DERIVATIVE_ARITY) | {"T", "complex"}
"""Names a symbol may not take: every function of the language, ``.T`` and the word ``complex``.
``H`` stays a valid name (a direction, a Hessian): ``H.H`` reads fine."""


def register_function(record: Signature) -> None:
    """Make a function known to the parser, the cost estimate, the complex rules and the hints:
    called by ``matrixcalc.operations`` for each record."""
    if record.call_form:
        FUNCTIONS[record.name] = (record.arity, record.shape)
        RESERVED.add(record.name)
    COSTS[record.name] = (record.cost, record.degree)
    if record.real_argument is not None:
        REAL_ARGUMENT[record.name] = record.real_argument
    if record.complex_only:
        COMPLEX_OPS.add(record.name)
    if record.real_valued:
        complexity.REAL_VALUED.add(record.name)
    for spelling in record.foreign:
        hints.FOREIGN[spelling] = record.written or record.name
