"""matrixcalc: matrix-derivative identities, checked numerically and symbolically.

Public surface: ``check`` (a Verdict), ``latex`` (what readers see), ``parse_identity`` and
``IdentityError`` for bad input.
"""

from .errors import IdentityError
from .language import parse_identity
from .verdict import Counterexample, NumericEvidence, SymbolicEvidence, Verdict

__all__ = [
    "Counterexample",
    "IdentityError",
    "NumericEvidence",
    "SymbolicEvidence",
    "Verdict",
    "parse_identity",
]
__version__ = "0.1.0"
