"""matrixcalc: matrix-derivative identities, checked numerically and symbolically.

Public surface: ``check`` (a Verdict), ``latex`` (what readers see), ``parse_identity`` and
``IdentityError`` for bad input.
"""

from .errors import IdentityError
from .language import parse_identity
from .verdict import Counterexample, NumericEvidence, SymbolicEvidence, Verdict
from .verify import check

__all__ = [
    "Counterexample",
    "IdentityError",
    "NumericEvidence",
    "SymbolicEvidence",
    "Verdict",
    "check",
    "parse_identity",
]
__version__ = "0.1.0"
