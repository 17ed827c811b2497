"""Unreduced fractions of polynomials: no gcd on every operation, only a zero test at the end.

sympy's field elements cancel after each operation; inside inverses that gcd dominates (9 s of
10 for a 3 x 3 inverse with derivatives), and at exact points with atoms it was two thirds of
the time (measured on ``d(norm(x), x)``). A residual is zero iff its numerator is, so
cancellation is needed only for atom arguments (which are shared by canonical value).

Two kinds of polynomials: sympy's (``Frac``) and python-flint's ``fmpq_mpoly`` (``FlintFrac``,
the proofs: multiplication in C, 4x faster measured on small polynomials). Both convert to the
sympy ring of the field's canonical forms (``parts``), where atoms are keyed and residuals decided.
"""

from __future__ import annotations

from flint import fmpq, fmpq_mpoly_ctx
from sympy import QQ

COEFFICIENTS = (int, fmpq, type(QQ.one))  # what mixes with a Frac; anything else (a jet, an array) gets its turn


class Frac:
    """``numer / denom`` with polynomials of one sympy ring, not reduced.

    The few operations that differ between polynomial libraries are the static hooks below;
    ``FlintFrac`` overrides them.
    """

    __slots__ = ("numer", "denom")
    __hash__ = None  # not canonical: compare with ==, key atoms by their reduced form

    def __init__(self, numer, denom) -> None:
        if self._is_ground(denom) and denom != 1:
            numer, denom = self._quo_ground(numer, denom), self._one(denom)
        self.numer = numer
        self.denom = denom

    # -- the polynomial library ----------------------------------------------------------------

    @staticmethod
    def _is_ground(p) -> bool:
        return p.is_ground

    @staticmethod
    def _one(p):
        return p.ring.one

    @staticmethod
    def _quo_ground(p, c):
        """p divided by the constant polynomial c."""
        return p.quo_ground(c.LC)

    @staticmethod
    def _constant(p, x):
        return p.ring.ground_new(x)

    @staticmethod
    def _divmod(a, b):
        return a.div(b)

    @staticmethod
    def _cofactors(a, b):
        """(gcd, a / gcd, b / gcd)."""
        return a.cofactors(b)

    @staticmethod
    def _exact(a, b):
        """a / b, known to divide exactly."""
        return a.exquo(b)

    def parts(self, ring) -> tuple:
        """Numerator and denominator as polynomials of the sympy ``ring`` (the field's own)."""
        return self.numer, self.denom

    def ground(self) -> fmpq | None:
        """The value as a rational when it is constant, else None."""
        if self._is_ground(self.numer) and self._is_ground(self.denom):
            return self._leading(self.numer) / self._leading(self.denom)
        return None

    @staticmethod
    def _leading(p):
        return p.LC

    # -- arithmetic -------------------------------------------------------------------------------

    def _lift(self, other) -> Frac | None:
        if type(other) is type(self):
            return other
        if isinstance(other, COEFFICIENTS):
            return type(self)(self._constant(self.numer, other), self._one(self.numer))
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
            return type(self)(self.numer + o.numer, self.denom)
        if self._is_ground(self.denom) or self._is_ground(o.denom):
            return type(self)(self.numer * o.denom + o.numer * self.denom, self.denom * o.denom)
        for small, large in ((self, o), (o, self)):  # det vs det**2: a division is far cheaper than a gcd
            if len(large.denom) >= len(small.denom):
                quotient, remainder = self._divmod(large.denom, small.denom)
                if not remainder:
                    return type(self)(small.numer * quotient + large.numer, large.denom)
        g, a, b = self._cofactors(self.denom, o.denom)  # over the lcm, so powers of det do not pile up
        return type(self)(self.numer * b + o.numer * a, a * o.denom)

    __radd__ = __add__

    def __neg__(self) -> Frac:
        return type(self)(-self.numer, self.denom)

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
            zero = self.numer - self.numer
            return type(self)(zero, self._one(zero))
        return type(self)(self.numer * o.numer, self.denom * o.denom)

    __rmul__ = __mul__

    def __truediv__(self, other) -> Frac:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        if not o.numer:
            raise ZeroDivisionError("division by a zero fraction")
        return type(self)(self.numer * o.denom, self.denom * o.numer)

    def __rtruediv__(self, other) -> Frac:
        o = self._lift(other)
        return NotImplemented if o is None else o / self

    def __pow__(self, k: int) -> Frac:
        if k < 0:
            return type(self)(self.denom**-k, self.numer**-k)
        return type(self)(self.numer**k, self.denom**k)

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


class FlintFrac(Frac):
    """A ``Frac`` of python-flint ``fmpq_mpoly``s; its generators are those of a sympy ring, in order."""

    __slots__ = ()

    @staticmethod
    def _is_ground(p) -> bool:
        return p.is_constant()

    @staticmethod
    def _one(p):
        return p.context().constant(1)

    @staticmethod
    def _quo_ground(p, c):
        return p / c

    @staticmethod
    def _constant(p, x):
        if type(x) is not fmpq and type(x) is not int:  # sympy's rationals without flint ground types
            x = fmpq(int(x.numerator), int(x.denominator))
        return p.context().constant(x)

    @staticmethod
    def _divmod(a, b):
        return divmod(a, b)

    @staticmethod
    def _cofactors(a, b):
        g = a.gcd(b)
        return g, a / g, b / g

    @staticmethod
    def _exact(a, b):
        return a / b

    @staticmethod
    def _leading(p):
        return p.leading_coefficient() if p else fmpq(0)

    def parts(self, ring) -> tuple:
        return _to_sympy(self.numer, ring), _to_sympy(self.denom, ring)

    # -- fast paths: a proof multiplies and adds polynomials (denominator 1) hundreds of times ------
    # A Frac is normal: its denominator is 1 or not constant (``__init__`` divides a constant one
    # out). The product of normal fractions is normal, and so is the sum over a denominator 1, so
    # these build their result directly, without ``__init__``'s test, and skip multiplying by 1.

    def __mul__(self, other):
        if type(other) is not FlintFrac or not self.numer or not other.numer:
            return Frac.__mul__(self, other)
        out = object.__new__(FlintFrac)
        out.numer = self.numer * other.numer
        mine, theirs = self.denom, other.denom
        out.denom = theirs if mine.is_constant() else mine if theirs.is_constant() else mine * theirs
        return out

    __rmul__ = __mul__

    def __add__(self, other):
        if type(other) is FlintFrac and self.denom.is_constant() and other.denom.is_constant():
            out = object.__new__(FlintFrac)
            out.numer, out.denom = self.numer + other.numer, self.denom
            return out
        return Frac.__add__(self, other)

    __radd__ = __add__

    def __sub__(self, other):
        if type(other) is FlintFrac and self.denom.is_constant() and other.denom.is_constant():
            out = object.__new__(FlintFrac)
            out.numer, out.denom = self.numer - other.numer, self.denom
            return out
        return Frac.__sub__(self, other)

    def __neg__(self):
        out = object.__new__(FlintFrac)
        out.numer, out.denom = -self.numer, self.denom
        return out


def _to_sympy(p, ring):
    """A python-flint polynomial in the sympy ring of the same generators (exponents as ints)."""
    flint_rationals = type(ring.domain.one) is fmpq  # else sympy's own rationals: convert each
    return ring.from_dict(
        {
            tuple(int(e) for e in monom): c if flint_rationals else ring.domain(int(c.p), int(c.q))
            for monom, c in p.to_dict().items()
        }
    )


def flint_generators(n: int) -> list[FlintFrac]:
    """n generators as fractions over python-flint (lexicographic, like sympy's default ring order)."""
    ctx = fmpq_mpoly_ctx.get(("x", n), "lex")
    one = ctx.constant(1)
    return [FlintFrac(g, one) for g in ctx.gens()]


def _polynomial_rows(rows: list[list[Frac]]) -> tuple[list[list], object]:
    """(P, D): rows of polynomials P and a common denominator D with rows == P / D."""
    kind = type(rows[0][0])
    common = kind._one(rows[0][0].numer)
    for x in (x for row in rows for x in row):
        if x.denom != common and not kind._is_ground(x.denom):
            _, _, extra = kind._cofactors(common, x.denom)
            common = common * extra
    entries = [[x.numer * kind._exact(common, x.denom) for x in row] for row in rows]
    return entries, common


def _domain_matrix(entries: list[list]):
    from sympy.polys.matrices import DomainMatrix

    ring = entries[0][0].ring
    return DomainMatrix(entries, (len(entries), len(entries)), ring.to_domain())


def _bareiss(rows: list[list]):
    """det of a matrix of python-flint polynomials by fraction-free elimination (exact divisions)."""
    m = [list(row) for row in rows]
    n, sign, previous = len(m), 1, None
    for k in range(n - 1):
        if not m[k][k]:
            swap = next((i for i in range(k + 1, n) if m[i][k]), None)
            if swap is None:
                return m[0][0] - m[0][0]
            m[k], m[swap] = m[swap], m[k]
            sign = -sign
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                t = m[i][j] * m[k][k] - m[i][k] * m[k][j]
                m[i][j] = t if previous is None else t / previous
        previous = m[k][k]
    return m[n - 1][n - 1] if sign > 0 else -m[n - 1][n - 1]


def _minors(entries: list[list], det) -> list[list]:
    """Every (n-1) x (n-1) minor, minors[i][j] without row i and column j, by ``det``."""
    n = len(entries)
    others = [[k for k in range(n) if k != i] for i in range(n)]
    return [[det([[entries[r][c] for c in others[j]] for r in others[i]]) for j in range(n)] for i in range(n)]


def _cofactors_transposed(minors: list[list]) -> list[list]:
    """The adjugate from the minors: entry (i, j) is (-1)^(i+j) times the minor without row j, column i."""
    n = len(minors)
    return [[minors[j][i] if (i + j) % 2 == 0 else -minors[j][i] for j in range(n)] for i in range(n)]


def determinant(rows: list[list[Frac]]) -> Frac:
    """det by fraction-free elimination over the polynomial ring (no gcd per step)."""
    kind = type(rows[0][0])
    p, common = _polynomial_rows(rows)
    det = _bareiss(p) if kind is FlintFrac else _domain_matrix(p).det()
    return kind(det, common ** len(rows))


def inverse(rows: list[list[Frac]]) -> list[list[Frac]] | None:
    """The inverse as adjugate / det over the polynomial ring; None when singular."""
    kind = type(rows[0][0])
    p, common = _polynomial_rows(rows)
    if kind is FlintFrac:
        det = _bareiss(p)
        if not det:
            return None
        return [[kind(common * a, det) for a in row] for row in _cofactors_transposed(_minors(p, _bareiss))]
    adj, det = _domain_matrix(p).adj_det()
    if not det:
        return None
    return [[kind(common * a, det) for a in row] for row in adj.to_list()]


def adjugate(rows: list[list[Frac]]) -> list[list[Frac]]:
    """adj(P / D) = adj(P) / D**(n-1), from the minors of P: defined for singular matrices too.

    By minors rather than ``DomainMatrix.adjugate``, whose characteristic-polynomial route fails
    (sympy 1.14, TypeError) when a coefficient of that polynomial is zero, as for a rank-one matrix.
    """
    kind = type(rows[0][0])
    p, common = _polynomial_rows(rows)
    denom = common ** (len(rows) - 1)
    det = _bareiss if kind is FlintFrac else (lambda block: _domain_matrix(block).det())
    return [[kind(a, denom) for a in row] for row in _cofactors_transposed(_minors(p, det))]
