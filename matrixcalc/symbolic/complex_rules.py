"""The complex operations of the exact evaluator: ``.H``, ``conj``, ``real``, ``imag``, ``abs``.

They exist only in a complex identity, where every value is a ``Gauss`` (``gaussian.py``).
``abs(z)`` is ``sqrt(Re(z)² + Im(z)²)``: a root of a real value, so the same root atoms (and the
same reduction ``t² = v``) as ``sqrt`` make ``abs(z)**2 == z * conj(z)`` exact.
"""

from __future__ import annotations

from fractions import Fraction

from .atoms import Power
from .gaussian import conj, imag, real
from .jets import add, apply, mul
from .linalg import elementwise, scalar, transpose


def _abs(node, ctx, a):
    x = a.scalar
    re, im = real(x), imag(x)
    return scalar(apply(Power(ctx.field, Fraction(1, 2)), add(mul(re, re), mul(im, im))))


COMPLEX_RULES = {
    "conj": lambda node, ctx, a: elementwise(conj, a),
    "real": lambda node, ctx, a: elementwise(real, a),
    "imag": lambda node, ctx, a: elementwise(imag, a),
    "ctranspose": lambda node, ctx, a: elementwise(conj, transpose(a)),
    "abs": _abs,
}
