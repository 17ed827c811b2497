"""Unreduced fractions of polynomials: no gcd on every operation, only a zero test at the end.

sympy's field elements cancel after each operation; inside inverses that gcd dominates (9 s of
10 for a 3 x 3 inverse with derivatives), and at exact points with atoms it was two thirds of
the time (measured on ``d(norm(x), x)``). A residual is zero iff its numerator is, so
cancellation is needed only for atom arguments (which are shared by canonical value).
"""

from __future__ import annotations

from flint import fmpq

COEFFICIENTS = (int, fmpq)  # what mixes with a Frac; anything else (a jet, an array) gets its turn


class Frac:
    """``numer / denom`` with polynomials of one ring, not reduced."""

    __slots__ = ("numer", "denom")
    __hash__ = None  # not canonical: compare with ==, key atoms by their reduced form

    def __init__(self, numer, denom) -> None:
        if denom.is_ground and denom != 1:
            numer, denom = numer.quo_ground(denom.LC), denom.ring.one
        self.numer = numer
        self.denom = denom

    def _lift(self, other) -> Frac | None:
        if type(other) is Frac:
            return other
        if isinstance(other, COEFFICIENTS):
            return Frac(self.numer.ring.ground_new(other), self.numer.ring.one)
        return None

    def __add__(self, other) -> Frac:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        if not o.numer:
            return self
        if not self.numer:
            return o
        if self.denom == o.denom:
            return Frac(self.numer + o.numer, self.denom)
        if self.denom.is_ground or o.denom.is_ground:
            return Frac(self.numer * o.denom + o.numer * self.denom, self.denom * o.denom)
        for small, large in ((self, o), (o, self)):  # det vs det**2: a division is far cheaper than a gcd
            if len(large.denom) >= len(small.denom):
                quotient, remainder = large.denom.div(small.denom)
                if not remainder:
                    return Frac(small.numer * quotient + large.numer, large.denom)
        g, a, b = self.denom.cofactors(o.denom)  # over the lcm, so powers of det do not pile up
        return Frac(self.numer * b + o.numer * a, a * o.denom)

    __radd__ = __add__

    def __neg__(self) -> Frac:
        return Frac(-self.numer, self.denom)

    def __sub__(self, other) -> Frac:
        o = self._lift(other)
        return NotImplemented if o is None else self + (-o)

    def __rsub__(self, other) -> Frac:
        o = self._lift(other)
        return NotImplemented if o is None else o - self

    def __mul__(self, other) -> Frac:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        if not self.numer or not o.numer:
            return Frac(self.numer.ring.zero, self.numer.ring.one)
        return Frac(self.numer * o.numer, self.denom * o.denom)

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


def _polynomial_matrix(rows: list[list[Frac]]):
    """(P, D): a polynomial DomainMatrix P and a common denominator D with rows == P / D."""
    from sympy.polys.matrices import DomainMatrix

    ring = rows[0][0].numer.ring
    common = ring.one
    for x in (x for row in rows for x in row):
        if x.denom != common and not x.denom.is_ground:
            _, _, extra = common.cofactors(x.denom)
            common = common * extra
    entries = [[x.numer * common.exquo(x.denom) for x in row] for row in rows]
    return DomainMatrix(entries, (len(rows), len(rows)), ring.to_domain()), common


def determinant(rows: list[list[Frac]]) -> Frac:
    """det by fraction-free elimination over the polynomial ring (no gcd per step)."""
    p, common = _polynomial_matrix(rows)
    return Frac(p.det(), common ** len(rows))


def inverse(rows: list[list[Frac]]) -> list[list[Frac]] | None:
    """The inverse as adjugate / det over the polynomial ring; None when singular."""
    p, common = _polynomial_matrix(rows)
    adj, det = p.adj_det()
    if not det:
        return None
    return [[Frac(common * a, det) for a in row] for row in adj.to_list()]


def adjugate(rows: list[list[Frac]]) -> list[list[Frac]]:
    """adj(P / D) = adj(P) / D**(n-1), from the minors of P: defined for singular matrices too.

    By minors rather than ``DomainMatrix.adjugate``, whose characteristic-polynomial route fails
    (sympy 1.14, TypeError) when a coefficient of that polynomial is zero, as for a rank-one matrix.
    """
    p, common = _polynomial_matrix(rows)
    n = len(rows)
    denom = common ** (n - 1)
    others = [[k for k in range(n) if k != i] for i in range(n)]
    minors = [[p.extract(others[i], others[j]).det() for j in range(n)] for i in range(n)]
    return [[Frac(minors[j][i] if (i + j) % 2 == 0 else -minors[j][i], denom) for j in range(n)] for i in range(n)]
