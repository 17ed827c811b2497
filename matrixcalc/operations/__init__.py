"""The operations of the language, one record each (``record.Operation``), in one table.

Importing this package registers every record; each layer then reads the table: the parser
(name, arity, shape and complex rules), the numeric evaluator, the exact evaluators (through
``decompose``), the printer, the calculator's differential, the NumPy code, the simplifier and
the proof kernel (a record's ``definition`` is the kernel's rule for it).
"""

from . import entrywise, logsumexp, softmax, softplus
from .record import Operation
from .registry import DECOMPOSED, OPERATIONS, decompose, decompose_identity, register

__all__ = [
    "DECOMPOSED",
    "OPERATIONS",
    "Operation",
    "decompose",
    "decompose_identity",
    "entrywise",
    "logsumexp",
    "register",
    "softmax",
    "softplus",
]
