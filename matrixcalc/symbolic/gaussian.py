"""Exact complex numbers: ``re + i im`` over any exact real coefficient type, and the field of them.

In a complex identity every exact value is a ``Gauss`` whose parts are elements of the real
field (``atoms.Field``): rationals at an exact point (so Gaussian rationals), rational functions
of independent symbols for the real and imaginary part of each entry in a proof. The jets of
``jets.py`` are generic over their coefficients, so they carry ``Gauss`` values unchanged; the
infinitesimals stay real, which is what makes ``conj``, ``real`` and ``imag`` of a jet act on
its coefficients and lets a Wirtinger derivative be read off two real perturbations.
"""

from __future__ import annotations

from fractions import Fraction

from .atoms import Field, Unsupported
from .jets import Jet, is_zero


class Gauss:
    """``re + i * im`` with exact real parts; immutable, compared with ``==``."""

    __slots__ = ("re", "im")
    __hash__ = None

    def __init__(self, re, im) -> None:
        self.re = re
        self.im = im

    def _parts(self, other):
        if type(other) is Gauss:
            return other.re, other.im
        return other, self.re * 0

    def __add__(self, other) -> Gauss:
        if type(other) is Gauss:  # the common case first: whole-matrix stacks add thousands
            return Gauss(self.re + other.re, self.im + other.im)
        if type(other) is Jet:  # a jet of Gaussian values is the larger ring: it adds
            return NotImplemented
        re, im = self._parts(other)
        return Gauss(self.re + re, self.im + im)

    __radd__ = __add__

    def __neg__(self) -> Gauss:
        return Gauss(-self.re, -self.im)

    def __sub__(self, other) -> Gauss:
        if type(other) is Jet:
            return NotImplemented
        re, im = self._parts(other)
        return Gauss(self.re - re, self.im - im)

    def __rsub__(self, other) -> Gauss:
        return -(self - other)

    def __mul__(self, other) -> Gauss:
        if type(other) is Jet:
            return NotImplemented
        if type(other) is not Gauss:
            return Gauss(self.re * other, self.im * other)
        a, b, c, d = self.re, self.im, other.re, other.im
        if d == 0:
            if c == 0:  # a zero factor is the product (derivative stacks hold many)
                return other
            return Gauss(a * c, b * c)
        if b == 0:
            return Gauss(a * c, a * d)
        return Gauss(a * c - b * d, a * d + b * c)

    __rmul__ = __mul__

    def __truediv__(self, other) -> Gauss:
        if type(other) is not Gauss:
            return Gauss(self.re / other, self.im / other)
        c, d = other.re, other.im
        if d == 0:
            return Gauss(self.re / c, self.im / c)
        norm = c * c + d * d  # zero only when both parts are: the parts are real
        return self * Gauss(c / norm, -d / norm)

    def __rtruediv__(self, other) -> Gauss:
        return Gauss(other, self.re * 0) / self

    def __pow__(self, k: int) -> Gauss:
        if k < 0:
            return (Gauss(self.re * 0 + 1, self.re * 0) / self) ** -k
        result = Gauss(self.re * 0 + 1, self.re * 0)
        for _ in range(k):
            result = result * self
        return result

    def __eq__(self, other) -> bool:
        re, im = self._parts(other)
        return self.re == re and self.im == im

    def __ne__(self, other) -> bool:
        return not self == other

    def conjugate(self) -> Gauss:
        return Gauss(self.re, -self.im)

    def __repr__(self) -> str:
        return f"Gauss({self.re!r}, {self.im!r})"


class ComplexField:
    """The field of ``Gauss`` values over a real ``Field``; what ``evaluate`` needs of a field.

    Transcendental functions and roots take real arguments only (the parser rejects complex
    ones), so each one checks that the imaginary part is exactly zero and works on the real part.
    ``complex_symbols`` names the symbols whose derivatives are Wirtinger derivatives.
    """

    def __init__(self, real: Field, complex_symbols: frozenset[str]) -> None:
        self.real = real
        self.lazy = real.lazy  # a proof: the parts are fractions of symbols
        self.complex_symbols = complex_symbols
        self.zero = Gauss(real.zero, real.zero)
        self.one = Gauss(real.one, real.zero)
        self.i = Gauss(real.zero, real.one)

    def lift(self, x) -> Gauss:
        return Gauss(x, self.real.zero)

    def const(self, value: Fraction | int) -> Gauss:
        return self.lift(self.real.const(value))

    def _real_part(self, v: Gauss, what: str):
        if not v.im == 0:
            raise Unsupported(f"{what} of a complex value")
        return v.re

    def log(self, v: Gauss) -> Gauss:
        return self.lift(self.real.log(self._real_part(v, "log")))

    def exp(self, v: Gauss) -> Gauss:
        return self.lift(self.real.exp(self._real_part(v, "exp")))

    def transcendental(self, kind: str, v: Gauss) -> Gauss:
        return self.lift(self.real.transcendental(kind, self._real_part(v, kind)))

    def power(self, v: Gauss, r: Fraction) -> Gauss:
        if r.denominator == 1:
            return v ** int(r)
        return self.lift(self.real.power(self._real_part(v, "a fractional power"), r))


# -- conj, real and imag of jets: the infinitesimals are real, so they act on each coefficient --


def _map(fn, x):
    if type(x) is Jet:
        eps = {}
        for i, c in x.eps.items():
            mapped = _map(fn, c)
            if not is_zero(mapped):
                eps[i] = mapped
        return Jet(x.group, _map(fn, x.val), eps)
    return fn(x)


def conj(x):
    return _map(Gauss.conjugate, x)


def real(x):
    return _map(lambda g: Gauss(g.re, g.re * 0), x)


def imag(x):
    return _map(lambda g: Gauss(g.im, g.re * 0), x)
