"""The derivative calculator: differential rules, identification, simplification, verification.

``diff(expression, wrt, where)`` derives by rules (never by numbers), reads the derivative off
with the identification rules, simplifies it and verifies it with ``check()`` before it is shown.
"""

from .derive import Derivative, NotVerified, Step, diff

__all__ = ["Derivative", "NotVerified", "Step", "diff"]
