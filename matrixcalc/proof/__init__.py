"""A proof kernel: normal forms valid for every size, derivatives by rules, and the rules themselves.

The kernel proves an identity for every value of its size letters (including 1) when both sides
of every link reduce to the same normal form by rules of the registry (``rules.py``), each of
which is an identity that holds at every size. It imports only the language and base modules.
"""

from . import identify  # noqa: F401 - installs conjugation and derivatives into the normal form
from .prover import Proof, prove

__all__ = ["Proof", "prove"]
