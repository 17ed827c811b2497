"""The operations of the language, one record each (``record.Operation``), in one table.

Importing this package registers every record, one module a family: the operators
(``arithmetic``, ``powers``, ``transposes``), the matrix functions (``trace_sum``, ``determinant``,
``inverse``, ``kronecker``, ``products``, ``diagonal``, ``complex_parts``), ``entrywise``, and one
module for each of softplus, softmax and logsumexp; each layer then reads the table: the parser
(name, arity, shape and complex rules), the numeric evaluator, the exact evaluators (through
``decompose``), the printer, the calculator's differential, the NumPy code, the simplifier and
the proof kernel (a record's ``definition`` is the kernel's rule for it).
"""

from . import (
    arithmetic,
    complex_parts,
    determinant,
    diagonal,
    entrywise,
    inverse,
    kronecker,
    logsumexp,
    powers,
    products,
    softmax,
    softplus,
    trace_sum,
    transposes,
)
from .record import Operation
from .registry import DECOMPOSED, OPERATIONS, decompose, decompose_identity, register

__all__ = [
    "arithmetic",
    "DECOMPOSED",
    "OPERATIONS",
    "Operation",
    "decompose",
    "decompose_identity",
    "complex_parts",
    "determinant",
    "diagonal",
    "entrywise",
    "inverse",
    "kronecker",
    "logsumexp",
    "powers",
    "products",
    "register",
    "softmax",
    "softplus",
    "trace_sum",
    "transposes",
]
