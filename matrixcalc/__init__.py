"""matrixcalc: matrix-derivative identities, checked numerically and symbolically.

Public surface: ``check`` (a Verdict), ``diff`` (a verified ``Derivative``; ``NotVerified`` when
the rules' result is refuted), ``latex`` (what readers see), ``parse_identity`` and
``IdentityError`` for bad input. A ``Verdict`` or a ``Derivative`` shows typeset, with its badge
and evidence, in Jupyter (:mod:`matrixcalc.display`).
"""

from . import (
    display,
    operations,  # noqa: F401 - registers every operation record with the language
)
from .calculus import Derivative, NotVerified, diff
from .errors import IdentityError
from .language import parse_identity
from .latex import latex, latex_node, latex_tree, latex_where
from .verdict import Counterexample, NumericEvidence, SymbolicEvidence, Verdict
from .verify import check

display.attach(Verdict, Derivative)

__all__ = [
    "Counterexample",
    "Derivative",
    "IdentityError",
    "NotVerified",
    "NumericEvidence",
    "SymbolicEvidence",
    "Verdict",
    "check",
    "diff",
    "latex",
    "latex_node",
    "latex_tree",
    "latex_where",
    "parse_identity",
]
__version__ = "0.1.0"  # the one place the version is written (pyproject.toml reads it)
