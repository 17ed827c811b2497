"""The symbolic checker: exact proofs at small sizes and exact random points at the others.

Public surface: ``check_symbolic(identity, seed, timeout, proof_sizes, exact_sizes)``.
"""

from .check import check_symbolic

__all__ = ["check_symbolic"]
