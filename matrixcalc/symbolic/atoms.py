"""The exact coefficient field: rationals or rational functions of symbols, plus atoms.

An atom is a generator of the field standing for ``log|v|``, ``exp(v)`` or ``|v|**(1/q)`` of an
exact value v; atoms are shared by key, so both sides of ``logdet(X.T) == logdet(X)`` meet the
same generator. Relations between atoms (``t**q == v``, ``log|ab| == log|a| + log|b|``) are used
only when testing a residual for zero (``residual.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import sympy
from sympy import QQ
from sympy.polys.fields import FracElement, FracField

from ..operations import OPERATIONS
from .jets import Undefined, add, apply, mul, recip
from .lazy import Frac, flint_generators
from .residual import numeric_value


class Unsupported(Exception):
    """The symbolic checker cannot handle this identity; the message says why."""


@dataclass(frozen=True)
class Atom:
    """A transcendental or radical generator: kind in {log, exp, root}, its argument, root index."""

    kind: str
    arg: object  # an element of the field
    q: int = 1


_GENERATORS: list[sympy.Dummy] = []
_FIELDS: dict[int, FracField] = {}
FIELDS_KEPT = 64
GENERATORS_STEP = 8  # a field's generator count is rounded up to a multiple of this


def _padded(n: int) -> int:
    """n generators rounded up, so that evaluations of different shapes share a field (and a ring)."""
    return -(-n // GENERATORS_STEP) * GENERATORS_STEP


def _generators(n: int) -> list[sympy.Dummy]:
    """n generators, the same objects in every field, so that fields can be shared."""
    while len(_GENERATORS) < n:
        _GENERATORS.append(sympy.Dummy(f"g{len(_GENERATORS)}"))
    return _GENERATORS[:n]


def _fraction_field(n: int) -> FracField:
    """QQ(g0, ..., g(n-1)), built once per process and generator count: sympy builds a new ring on
    every call, generating and compiling its monomial code (0.5-0.8 ms, measured), while a field is
    immutable; what one evaluation learns (which generator is which entry or atom) lives in ``Field``.
    Generators an evaluation does not use cost nothing but a longer exponent tuple."""
    K = _FIELDS.get(n)
    if K is None:
        if len(_FIELDS) >= FIELDS_KEPT:
            _FIELDS.pop(next(iter(_FIELDS)))
        K = _FIELDS[n] = FracField(_generators(n), QQ)
    return K


class Field:
    """Exact arithmetic for one evaluation: the field, its symbols and its atoms.

    With symbols (a proof) values are unreduced ``Frac``s; at an exact point they are rationals,
    or unreduced ``Frac``s of polynomials in the atoms once an atom enters. ``K`` holds the
    reduced (canonical) forms: atoms are keyed by them, and residuals are decided in it.
    """

    def __init__(self, symbols: list[sympy.Symbol], n_atoms: int, sigmoid_via_exp: bool = False) -> None:
        self.sigmoid_via_exp = sigmoid_via_exp
        gens = len(symbols) + n_atoms  # the symbols' entries stand for the field's first generators
        self._generators = _padded(gens)  # then the atoms; the rest unused
        self.lazy = bool(symbols)
        # fractions of python-flint polynomials, generator i standing for K's generator i (measured
        # against sympy's own polynomials at exact points: 10 % faster on d(norm(x), x), 30 % on
        # hess(norm(A @ x - b) ** 2, x))
        elements = flint_generators(self._generators) if gens else []
        if self.lazy:  # a proof: every value is a fraction
            self.one, self.zero = elements[0] ** 0, elements[0] - elements[0]
        else:
            # at an exact point, values stay plain rationals (fast, C arithmetic with python-flint)
            # until an atom enters; rationals and fractions mix in every operation
            self.one, self.zero = QQ.one, QQ.zero
        self.elements = elements
        self.symbols = dict(zip(symbols, elements))
        self.free = list(range(len(symbols), gens))  # generator indices for atoms
        self.atoms: dict[int, Atom] = {}  # generator index -> atom
        self.arguments: dict[int, object] = {}  # generator index -> its atom's argument, as given
        self.by_key: dict[Atom, int] = {}
        self.exact_point = not symbols  # every value is a constant: signs can be checked

    @cached_property
    def K(self) -> FracField | None:
        """The canonical (reduced) elements, QQ(symbols' entries, atoms); None without generators.

        Built when first needed: a proof whose residuals are all formally zero never needs it, and
        sympy builds each new ring's code at 0.5-0.8 ms (measured).
        """
        return _fraction_field(self._generators) if self._generators else None

    def const(self, value: Fraction | int):
        if type(value) is int:
            q = QQ.dtype(value)  # the domain's own rational type, without the domain's call
        else:
            value = Fraction(value)
            q = QQ(value.numerator, value.denominator)
        return self.one * q if self.lazy else q

    def is_rational(self, v) -> bool:
        """True for a plain rational (no symbol, no atom in its representation)."""
        return type(v) is not FracElement and not isinstance(v, Frac)

    def canonical(self, v):
        """v as a reduced element of K."""
        if isinstance(v, Frac):
            return self.K.new(*v.parts(self.K.ring))
        return self.K.ground_new(v) if self.is_rational(v) else v

    def ground(self, v) -> Fraction | None:
        """v as a rational number, or None when it depends on a symbol or an atom."""
        if self.is_rational(v):
            return Fraction(int(v.numerator), int(v.denominator))
        if isinstance(v, Frac):
            q = v.ground()
            return None if q is None else Fraction(int(q.numerator), int(q.denominator))
        if v.numer.is_ground and v.denom.is_ground:
            q = v.numer.LC / v.denom.LC
            return Fraction(int(q.numerator), int(q.denominator))
        return None

    def atom(self, kind: str, arg, q: int = 1):
        key = Atom(kind, self.canonical(arg), q)
        index = self.by_key.get(key)
        if index is None:
            if not self.free:
                raise Unsupported("more transcendental values than expected (internal limit)")
            index = self.free.pop(0)
            self.atoms[index] = key
            self.arguments[index] = arg
            self.by_key[key] = index
        return self.elements[index]

    def sign(self, v) -> int | None:
        """The sign of a constant value (atoms evaluated numerically), None when v has symbols."""
        exact = self.ground(v)
        if exact is not None:
            return (exact > 0) - (exact < 0)
        if not self.exact_point:
            return None
        x = numeric_value(self, v)
        return (x > 0) - (x < 0)

    # -- the scalar functions, at exact values ------------------------------------------------

    def log(self, v):
        """log|v|, written so that the rules log(exp(u) w) = u + log(w) and log|p / q| = log|p| - log|q|
        hold formally: exp atoms that divide v come out as their arguments, and a quotient of
        polynomials is two logs (so log(softmax(x)) and x - logsumexp(x) meet the same atoms)."""
        if self.sign(v) is not None and self.sign(v) <= 0:
            raise Undefined("log of a non-positive number")
        exact = self.ground(v)
        if exact is not None:
            return self.zero if exact == 1 else self.atom("log", v)
        reduced = self.canonical(v)
        if reduced.numer.is_ground and reduced.denom.is_ground:  # an unreduced constant
            return self.log(self.const(self.ground(reduced)))
        powers = self._exp_powers(reduced)
        if powers:
            rest, total = v, self.zero
            for k, m in powers.items():
                e = self.elements[k]
                rest = rest / e**m if m > 0 else rest * e ** (-m)
                total = total + self.const(m) * self.arguments[k]
            return total + self.log(rest)
        if not reduced.denom.is_ground:
            return self.log(self._element(reduced.numer)) - self.log(self._element(reduced.denom))
        return self.atom("log", v)

    def _log_multiples(self, v) -> dict[int, int]:
        """log atom -> its integer multiple in v, where v is a polynomial linear in that atom."""
        logs = [k for k, a in self.atoms.items() if a.kind == "log"]
        if not logs or self.ground(v) is not None:
            return {}
        reduced = self.canonical(v)
        if not reduced.denom.is_ground:
            return {}
        d = Fraction(int(reduced.denom.LC.numerator), int(reduced.denom.LC.denominator))
        out = {}
        for monom, coeff in reduced.numer.terms():
            used = [k for k, e in enumerate(monom) if e]
            if len(used) == 1 and used[0] in logs and monom[used[0]] == 1:
                m = Fraction(int(coeff.numerator), int(coeff.denominator)) / d
                if m.denominator == 1:
                    out[used[0]] = int(m)
        return out

    def _known_exp_terms(self, v) -> dict[int, int]:
        """exp atom -> m, for each term of a sum v that is m times an existing exp atom's argument:
        exp(a + b) = exp(a) exp(b) where exp(a) is already a generator (none is made here, so the
        budget holds; which atoms exist first decides what is found, never what is true)."""
        exps = {k: a.arg for k, a in self.atoms.items() if a.kind == "exp"}
        if not exps or self.ground(v) is not None:
            return {}
        reduced = self.canonical(v)
        if not reduced.denom.is_ground or len(reduced.numer.terms()) < 2:
            return {}
        ring = reduced.numer.ring
        out: dict[int, int] = {}
        for monom, coeff in reduced.numer.terms():
            term = self.K.new(ring({monom: coeff}), reduced.denom)
            for k, arg in exps.items():
                ratio = term / arg
                if k not in out and ratio.numer.is_ground and ratio.denom.is_ground:
                    m = ratio.numer.LC / ratio.denom.LC
                    if m.denominator == 1:
                        out[k] = int(m)
                        break
        return out

    def _exp_powers(self, reduced) -> dict[int, int]:
        """exp atom -> the power of it that divides the reduced value (negative: in the denominator)."""
        exps = [k for k, a in self.atoms.items() if a.kind == "exp"]
        if not exps:
            return {}

        def lowest(poly) -> dict[int, int]:
            monoms = poly.monoms()
            return {k: min(m[k] for m in monoms) for k in exps}

        top, bottom = lowest(reduced.numer), lowest(reduced.denom)
        return {k: top[k] - bottom[k] for k in exps if top[k] != bottom[k]}

    def _element(self, poly):
        """A polynomial of K's ring as a value of this field (generator k is ``elements[k]``)."""
        total = self.zero
        for monom, coeff in poly.terms():
            term = self.const(Fraction(int(coeff.numerator), int(coeff.denominator)))
            for k, e in enumerate(monom):
                if e:
                    term = term * self.elements[k] ** e
            total = total + term
        return total

    def exp(self, v):
        """exp(v), with exp(-v) written 1 / exp(v) so that both meet one atom, and exp(k log|w| + u)
        written |w| ** k exp(u) for an integer k (so softmax(x) and exp(x - logsumexp(x)) meet)."""
        if self.ground(v) == 0:
            return self.one
        logs = self._log_multiples(v)
        if logs:
            rest, product = v, self.one
            for k, m in logs.items():
                rest = rest - self.const(m) * self.elements[k]
                w = self.arguments[k]
                product = product * (w**m if m > 0 else (self.one / w) ** -m)
            return product * self.exp(rest)
        known = self._known_exp_terms(v)
        if known:
            rest, product = v, self.one
            for k, m in known.items():
                rest = rest - self.const(m) * self.arguments[k]
                product = product * (self.elements[k] ** m if m > 0 else (self.one / self.elements[k]) ** -m)
            return product * self.exp(rest)
        if self._negated(v):
            return self.one / self.atom("exp", -v)
        return self.atom("exp", v)

    def _negated(self, v) -> bool:
        """Is v the second of the pair (v, -v) in a fixed order of their reduced forms?"""
        return str(self.canonical(v)) > str(self.canonical(-v))

    def transcendental(self, kind: str, v):
        """sin, cos, tanh or sigmoid of an exact value: a fresh atom, or its value at 0."""
        if self.ground(v) == 0:
            return self.const(OPERATIONS[kind].exact.at_zero)
        return self.atom(kind, v)

    def power(self, v, r: Fraction):
        """``v ** r`` for a real exponent r; non-integer powers need v > 0 (v >= 0 when r > 0)."""
        if r.denominator == 1:
            if self.ground(v) == 0 and r < 0:
                raise Undefined("zero to a negative power")
            return v ** int(r) if r >= 0 else (self.one / v) ** int(-r)
        s = self.sign(v)
        if s is not None and (s < 0 or (s == 0 and r < 0)):
            raise Undefined("a non-integer power of a negative number" if s < 0 else "zero to a negative power")
        if s == 0:
            return self.zero
        q = r.denominator
        exact = self.ground(v)
        if exact is not None:
            root = _rational_root(exact, q)
            if root is not None:
                return self.const(root) ** r.numerator if r > 0 else self.const(1 / root) ** -r.numerator
        t = self.atom("root", v, q)
        return t**r.numerator if r > 0 else (self.one / t) ** -r.numerator


def _rational_root(x: Fraction, q: int) -> Fraction | None:
    a, b = _int_root(x.numerator, q), _int_root(x.denominator, q)
    return Fraction(a, b) if a is not None and b is not None else None


def _int_root(n: int, q: int) -> int | None:
    root, exact = sympy.integer_nthroot(n, q)
    return int(root) if exact else None


class Log:
    """log|v|: derivative 1/v."""

    def __init__(self, field: Field) -> None:
        self.field = field

    def base(self, v):
        return self.field.log(v)

    def derivative(self, v, value):
        return recip(v, self.field.one)


class Power:
    """v ** r for a real constant r: derivative r * v ** (r - 1)."""

    def __init__(self, field: Field, r: Fraction) -> None:
        self.field = field
        self.r = r

    def base(self, v):
        return self.field.power(v, self.r)

    def derivative(self, v, value):
        if self.r == 0:
            return self.field.zero
        return mul(self.field.const(self.r), apply(Power(self.field, self.r - 1), v))


class Entrywise:
    """An entrywise function of its operation record (``Exact``): the value at an exact argument
    from the field's method for its kind, the derivative from the record's rule."""

    def __init__(self, field: Field, record) -> None:
        self.field = field
        self.record = record
        self.exact = record.exact

    def base(self, v):
        kind = self.exact.kind
        if kind == "log":
            return self.field.log(v)
        if kind == "exp":
            return self.field.exp(v)
        if kind == "root":
            return self.field.power(v, Fraction(1, 2))
        if self.exact.via_exp is not None and self.field.sigmoid_via_exp:
            return self.exact.via_exp(Algebra(self.field), self.field.exp(v))
        return self.field.transcendental(self.record.name, v)

    def derivative(self, v, value):
        return self.exact.derivative(Algebra(self.field), v, value)


class Algebra:
    """The exact operations a record's derivative rule is written with (``operations.record.Exact``)."""

    add = staticmethod(add)
    mul = staticmethod(mul)

    def __init__(self, field: Field) -> None:
        self.field = field
        self.one = field.one

    def const(self, value):
        return self.field.const(value)

    def recip(self, v):
        return recip(v, self.field.one)

    def call(self, name: str, v):
        return apply(Entrywise(self.field, OPERATIONS[name]), v)


ENTRYWISE = {
    name: (lambda field, record=record: Entrywise(field, record))
    for name, record in OPERATIONS.items()
    if record.exact is not None
}
"""The entrywise scalar functions by operation: each makes, for a field, the function at an exact
value (``base``) and its derivative; every exact evaluator applies them the same way."""
