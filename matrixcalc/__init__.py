"""matrixcalc: matrix-derivative identities, checked numerically and symbolically.

Public surface: ``check`` (a Verdict), ``latex`` (what readers see), ``parse_identity`` and
``IdentityError`` for bad input.
"""

from . import operations  # noqa: F401 - registers every operation record with the language
from .errors import IdentityError
from .language import parse_identity
from .latex import latex, latex_node, latex_tree, latex_where
from .verdict import Counterexample, NumericEvidence, SymbolicEvidence, Verdict
from .verify import check

__all__ = [
    "Counterexample",
    "IdentityError",
    "NumericEvidence",
    "SymbolicEvidence",
    "Verdict",
    "check",
    "latex",
    "latex_node",
    "latex_tree",
    "latex_where",
    "parse_identity",
]
__version__ = "0.1.0"  # the one place the version is written (pyproject.toml reads it)
