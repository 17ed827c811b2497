"""The complex operations on whole matrices: ``conj``, ``real``, ``imag``, ``.H`` and ``abs``.

They exist only in a complex identity, where every entry is a ``Gauss`` (``gaussian.py``). The
infinitesimals are real, so each of them acts on a value and on every slice of its derivative
stack alike, as ``gaussian.conj`` does on a jet's coefficients. ``abs(z)`` is
``sqrt(Re(z)² + Im(z)²)``: the root of a real value, the same root atoms as ``sqrt``.
"""

from __future__ import annotations

from fractions import Fraction

from .atoms import Power
from .gaussian import Gauss
from .stacked_values import Arrays, Value, apply_value, mapped


def _real_part(x: Gauss) -> Gauss:
    return Gauss(x.re, x.re * 0)


def _imaginary_part(x: Gauss) -> Gauss:
    return Gauss(x.im, x.re * 0)


def _entrywise(fn):
    """A rule mapping ``fn`` over a value and its derivative stack."""

    def rule(ev: Arrays, node, a: Value) -> Value:
        return Value(mapped(fn, a.v), None if a.d is None else mapped(fn, a.d))

    return rule


_conj = _entrywise(Gauss.conjugate)


def _ctranspose(ev: Arrays, node, a: Value) -> Value:
    c = _conj(ev, node, a)
    return Value(c.v.T, None if c.d is None else c.d.transpose(0, 2, 1))


def _abs(ev: Arrays, node, a: Value) -> Value:
    re = _entrywise(_real_part)(ev, node, a)
    im = _entrywise(_imaginary_part)(ev, node, a)
    d = None
    for part in (re, im):
        if part.d is not None:
            twice = part.d * (part.v * 2)[None]
            d = twice if d is None else d + twice
    square = Value(re.v * re.v + im.v * im.v, d)
    return apply_value(Power(ev.field, Fraction(1, 2)), square)


COMPLEX_RULES = {
    "conj": _conj,
    "real": _entrywise(_real_part),
    "imag": _entrywise(_imaginary_part),
    "ctranspose": _ctranspose,
    "abs": _abs,
}
