"""Unreduced fractions of python-flint polynomials: no gcd on every operation, only a zero test at the end.

sympy's field elements cancel after each operation; inside inverses that gcd dominates (9 s of
10 for a 3 x 3 inverse with derivatives), and at exact points with atoms it was two thirds of
the time (measured on ``d(norm(x), x)``). A residual is zero iff its numerator is, so
cancellation is needed only for atom arguments (which are shared by canonical value).

The polynomials are python-flint's ``fmpq_mpoly`` (multiplication in C, 4x faster than sympy's
measured on small polynomials), in generators that stand for those of a sympy ring, in order; a
fraction converts to that ring (``parts``), where atoms are keyed and residuals decided.
"""

from __future__ import annotations

import numpy as np
from flint import fmpq, fmpq_mpoly_ctx
from sympy import QQ

from .elimination import fraction_free

COEFFICIENTS = (int, fmpq, type(QQ.one))  # what mixes with a Frac; anything else (a jet, an array) gets its turn


class Frac:
    """``numer / denom`` with python-flint polynomials, not reduced.

    A Frac is normal: its denominator is 1 or not constant (``__init__`` divides a constant one
    out). Products of normal fractions, and sums over a denominator 1, are normal too, so those
    (hundreds per proof) are built directly, without the test, and never multiply by 1.
    """

    __slots__ = ("numer", "denom")
    __hash__ = None  # not canonical: compare with ==, key atoms by their reduced form

    def __init__(self, numer, denom) -> None:
        if denom.is_constant() and denom != 1:
            numer, denom = numer / denom, denom.context().constant(1)
        self.numer = numer
        self.denom = denom

    @staticmethod
    def _normal(numer, denom) -> Frac:
        """A Frac from parts already normal."""
        out = object.__new__(Frac)
        out.numer, out.denom = numer, denom
        return out

    def parts(self, ring) -> tuple:
        """Numerator and denominator as polynomials of the sympy ``ring`` (the field's own)."""
        return _to_sympy(self.numer, ring), _to_sympy(self.denom, ring)

    def ground(self) -> fmpq | None:
        """The value as a rational when it is constant, else None."""
        if self.numer.is_constant() and self.denom.is_constant():
            return _constant_value(self.numer) / _constant_value(self.denom)
        return None

    # -- arithmetic -------------------------------------------------------------------------------

    def _lift(self, other) -> Frac | None:
        if type(other) is Frac:
            return other
        if isinstance(other, COEFFICIENTS):
            if type(other) is not fmpq and type(other) is not int:  # sympy's rationals without flint ground types
                other = fmpq(int(other.numerator), int(other.denominator))
            context = self.numer.context()
            return Frac._normal(context.constant(other), context.constant(1))
        return None

    def __add__(self, other) -> Frac:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        if not o.numer:
            return self
        if not self.numer:
            return o
        mine, theirs = self.denom, o.denom
        if mine.is_constant() and theirs.is_constant():
            return Frac._normal(self.numer + o.numer, mine)
        if mine == theirs:
            return Frac(self.numer + o.numer, mine)
        if mine.is_constant() or theirs.is_constant():
            return Frac(self.numer * theirs + o.numer * mine, mine * theirs)
        for small, large in ((self, o), (o, self)):  # det vs det**2: a division is far cheaper than a gcd
            if len(large.denom) >= len(small.denom):
                quotient, remainder = divmod(large.denom, small.denom)
                if not remainder:
                    return Frac(small.numer * quotient + large.numer, large.denom)
        g = mine.gcd(theirs)  # over the lcm, so powers of det do not pile up
        a, b = mine / g, theirs / g
        return Frac(self.numer * b + o.numer * a, a * theirs)

    __radd__ = __add__

    def __neg__(self) -> Frac:
        return Frac._normal(-self.numer, self.denom)

    def __sub__(self, other) -> Frac:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        if self.denom.is_constant() and o.denom.is_constant():
            return Frac._normal(self.numer - o.numer, self.denom)
        return self + (-o)

    def __rsub__(self, other) -> Frac:
        o = self._lift(other)
        return NotImplemented if o is None else o - self

    def __mul__(self, other) -> Frac:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        for factor in (self, o):
            if not factor.numer:  # derivative stacks multiply many zeros: one over 1 is the product itself
                if factor.denom.is_constant():
                    return factor
                return Frac._normal(factor.numer, factor.numer.context().constant(1))
        mine, theirs = self.denom, o.denom
        denom = theirs if mine.is_constant() else mine if theirs.is_constant() else mine * theirs
        return Frac._normal(self.numer * o.numer, denom)

    __rmul__ = __mul__

    def __truediv__(self, other) -> Frac:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        if not o.numer:
            raise ZeroDivisionError("division by a zero fraction")
        return Frac(self.numer * o.denom, self.denom * o.numer)

    def __rtruediv__(self, other) -> Frac:
        o = self._lift(other)
        return NotImplemented if o is None else o / self

    def __pow__(self, k: int) -> Frac:
        if k < 0:
            return Frac(self.denom**-k, self.numer**-k)
        return Frac(self.numer**k, self.denom**k)

    def __eq__(self, other) -> bool:
        if type(other) is int and other == 0:
            return not self.numer
        o = self._lift(other)
        if o is None:
            return NotImplemented
        return self.numer * o.denom == o.numer * self.denom

    def __ne__(self, other) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __repr__(self) -> str:
        return f"({self.numer}) / ({self.denom})"


def _constant_value(p) -> fmpq:
    """The value of a constant polynomial."""
    return p.leading_coefficient() if p else fmpq(0)


def _to_sympy(p, ring):
    """A python-flint polynomial in the sympy ring of the same generators (exponents as ints)."""
    flint_rationals = type(ring.domain.one) is fmpq  # else sympy's own rationals: convert each
    return ring.from_dict(
        {
            tuple(int(e) for e in monom): c if flint_rationals else ring.domain(int(c.p), int(c.q))
            for monom, c in p.to_dict().items()
        }
    )


def flint_generators(n: int) -> list[Frac]:
    """n generators as fractions over python-flint (lexicographic, like sympy's default ring order)."""
    ctx = fmpq_mpoly_ctx.get(("x", n), "lex")
    one = ctx.constant(1)
    return [Frac(g, one) for g in ctx.gens()]


def _polynomial_rows(rows: list[list[Frac]]) -> tuple[list[list], object]:
    """(P, D): rows of polynomials P and a common denominator D with rows == P / D."""
    common = rows[0][0].numer.context().constant(1)
    for x in (x for row in rows for x in row):
        if x.denom != common and not x.denom.is_constant():
            common = common * (x.denom / common.gcd(x.denom))
    entries = [[x.numer * (common / x.denom) for x in row] for row in rows]
    return entries, common


def _polynomials(p: list[list]) -> np.ndarray:
    """Rows of polynomials as an object array, set one by one (numpy takes a polynomial for a sequence)."""
    out = np.empty((len(p), len(p)), dtype=object)
    for i, row in enumerate(p):
        for j, x in enumerate(row):
            out[i, j] = x
    return out


def determinant(rows: list[list[Frac]]) -> Frac:
    """det by fraction-free elimination over the polynomial ring (no gcd per step)."""
    p, common = _polynomial_rows(rows)
    return Frac(fraction_free(_polynomials(p)).det, common ** len(rows))


def inverse(rows: list[list[Frac]]) -> list[list[Frac]] | None:
    """The inverse as adjugate / det over the polynomial ring; None when singular."""
    p, common = _polynomial_rows(rows)
    done = fraction_free(_polynomials(p), adjugate=True)
    if not done.det:
        return None
    return [[Frac(common * a, done.det) for a in row] for row in done.inverse]


def adjugate(rows: list[list[Frac]]) -> list[list[Frac]] | None:
    """adj(P / D) = adj(P) / D**(n-1) by the elimination; None where P is singular (cofactors then)."""
    p, common = _polynomial_rows(rows)
    done = fraction_free(_polynomials(p), adjugate=True)
    if not done.det:
        return None
    denom = common ** (len(rows) - 1)
    return [[Frac(a, denom) for a in row] for row in done.inverse]
