"""The spec as data: identities that must verify, must be refuted, and inputs that must be rejected."""

from .malformed import MALFORMED
from .true_identities import TRUE
from .wrong_identities import WRONG

__all__ = ["MALFORMED", "TRUE", "WRONG"]
