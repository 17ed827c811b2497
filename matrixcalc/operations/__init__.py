"""The operations of the language, one record each (``record.Operation``), in one table.

Importing this package registers every record; each layer then reads the table: the parser
(name, arity, shape and complex rules), the numeric evaluator, the exact evaluators (through
``decompose``), the printer, the calculator's differential, the NumPy code and the simplifier.
"""

from . import entrywise, logsumexp, softmax, softplus
from .record import Operation
from .registry import OPERATIONS, decompose, decompose_identity, register

__all__ = [
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
