"""Is a residual exactly zero? Formal zero in the field, then the relations between atoms.

Formal zero is a proof. A nonzero residual without atoms is a nonzero rational function (false).
With atoms, ``t**q == v`` is reduced and logs are rewritten over a gcd-free basis of their
arguments (``log|ab| = log|a| + log|b|``); what still remains is decided at an exact point by
sympy or, failing that, by a 50-digit evaluation — which can refute but never prove.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass
from typing import Any, Protocol

import mpmath
import sympy
from sympy.polys.fields import FracField
from sympy.polys.polyerrors import ExactQuotientFailed

from ..operations import OPERATIONS
from .lazy import Frac

DIGITS = 50


class Field(Protocol):
    """What deciding a residual uses of ``atoms.Field``, named here because ``atoms`` imports this module
    (the field's own sign test is ``numeric_value``)."""

    atoms: dict[int, Any]  # generator index -> ``atoms.Atom``
    exact_point: bool

    @property
    def K(self) -> FracField | None: ...  # noqa: N802 - the field's own name for its sympy field

    def canonical(self, v: Any) -> Any: ...

    def is_rational(self, v: Any) -> bool: ...


@dataclass(frozen=True)
class Decision:
    """``zero`` True (proved), False (nonzero), or None (undecided, with the reason)."""

    zero: bool | None
    reason: str = ""


def decide(field: Field, r) -> Decision:
    """Decide whether the value r is zero at every point where both sides are defined."""
    if field.is_rational(r):
        return Decision(r == 0)
    if r == 0:
        return Decision(True)
    numer = field.K.new(_numerator(field, r))  # the residual is zero iff its numerator is
    if not _atoms_in(field, numer):
        return Decision(False)
    numer = _reduce_roots(field, numer)
    if numer == 0 or _logs_cancel(field, numer):
        return Decision(True)
    if not field.exact_point:
        return Decision(None, "the residual keeps log/exp/root terms that exact reduction did not cancel")
    expr = to_sympy(field, numer)
    if sympy.expand(sympy.radsimp(sympy.expand(expr))) == 0:
        return Decision(True)
    value = sympy.N(expr, DIGITS)
    if value.is_number and abs(value) > sympy.Float(10) ** -30:
        return Decision(False)
    return Decision(
        None, f"sympy cannot decide a residual with log/exp/roots; it is {float(abs(value)):.0e} at 50 digits"
    )


def _numerator(field: Field, r):
    """The numerator of a value as a polynomial of the field's sympy ring."""
    return r.parts(field.K.ring)[0] if isinstance(r, Frac) else r.numer


def _atoms_in(field: Field, r) -> list[int]:
    """Indices of the atoms that occur in the reduced element r."""
    present = set()
    for poly in (r.numer, r.denom):
        for monom in poly.monoms():
            present |= {k for k, e in enumerate(monom) if e}
    return [k for k in field.atoms if k in present]


def _reduce_roots(field: Field, numer):
    """numer with ``t**q`` replaced by its radicand for every root atom t."""
    K = field.K
    for _ in range(3):
        changed = False
        for k, atom in field.atoms.items():
            if atom.kind != "root":
                continue
            ring = numer.numer.ring
            acc = K.zero
            for monom, coeff in numer.numer.terms():
                e = monom[k]
                changed |= e >= atom.q
                low = monom[:k] + (e % atom.q,) + monom[k + 1 :]
                acc += K.new(ring({low: coeff})) * atom.arg ** (e // atom.q)
            numer = K.new(acc.numer)
        if not changed:
            break
    return numer


def _logs_cancel(field: Field, numer) -> bool:
    """Rewrite every log atom over a gcd-free basis of the arguments; True if numer becomes 0."""
    logs = {k: a.arg for k, a in field.atoms.items() if a.kind == "log" and not _atoms_in(field, a.arg)}
    if len(logs) < 2:
        return False
    ints: dict[int, list] = {}
    polys: dict[int, list] = {}
    for k, arg in logs.items():
        for sign, poly in ((1, arg.numer), (-1, arg.denom)):
            content, prim = poly.primitive()
            ints.setdefault(k, []).extend([(sign, abs(int(content.numerator))), (-sign, int(content.denominator))])
            if not prim.is_ground:
                polys.setdefault(k, []).append((sign, prim))
    int_basis = _gcd_free(
        [n for items in ints.values() for _, n in items], math.gcd, operator.floordiv, lambda a: a == 1
    )
    poly_basis = _gcd_free(
        [p for items in polys.values() for _, p in items], lambda a, b: a.gcd(b), _exquo, lambda a: a.is_ground
    )
    dummies = [sympy.Dummy(f"L{i}") for i in range(len(int_basis) + len(poly_basis))]
    replacement = {}
    for k in logs:
        combo = sympy.Integer(0)
        for sign, n in ints.get(k, []):
            combo += sign * sum(e * d for e, d in zip(_exponents(n, int_basis), dummies))
        for sign, p in polys.get(k, []):
            combo += sign * sum(e * d for e, d in zip(_poly_exponents(p, poly_basis), dummies[len(int_basis) :]))
        replacement[field.K.symbols[k]] = combo
    expr = numer.as_expr().xreplace(replacement)
    return FracField(list(field.K.symbols) + dummies, sympy.QQ).from_expr(expr) == 0


def _exquo(a, b):
    return a.exquo(b)


def _gcd_free(items: list, gcd, divide, unit) -> list:
    """Pairwise coprime elements generating every item multiplicatively (up to units)."""
    basis: list = []
    work = [x for x in items if not unit(x)]
    while work:
        x = work.pop()
        if unit(x):
            continue
        for i, b in enumerate(basis):
            g = gcd(x, b)
            if not unit(g):
                basis.pop(i)
                work.extend([g, divide(b, g), divide(x, g)])
                break
        else:
            basis.append(x)
    return basis


def _exponents(n: int, basis: list[int]) -> list[int]:
    out = []
    for b in basis:
        e = 0
        while n % b == 0:
            n //= b
            e += 1
        out.append(e)
    return out


def _poly_exponents(p, basis: list) -> list[int]:
    out = []
    for b in basis:
        e = 0
        while True:
            try:
                p = p.exquo(b)
            except ExactQuotientFailed:
                break
            e += 1
        out.append(e)
    return out


def to_sympy(field: Field, v) -> sympy.Expr:
    """A reduced value as a sympy expression with every atom written out (log, exp, radical)."""
    written: dict = {}
    for k in sorted(field.atoms):  # an atom's argument only uses atoms made before it
        atom = field.atoms[k]
        written[field.K.symbols[k]] = _atom_expr(atom, atom.arg.as_expr().xreplace(written))
    return v.as_expr().xreplace(written)


FUNCTIONS = {
    name: (record.exact.scalar(sympy), record.exact.scalar(mpmath))
    for name, record in OPERATIONS.items()
    if record.exact is not None and record.exact.scalar is not None
}
"""Atoms of a function of the signed argument, written out in sympy and evaluated in mpmath."""


def _atom_expr(atom, arg: sympy.Expr) -> sympy.Expr:
    magnitude = abs(arg) if arg.is_number else sympy.Abs(arg)
    if atom.kind == "log":
        return sympy.log(magnitude)
    if atom.kind in FUNCTIONS:
        return FUNCTIONS[atom.kind][0](arg)
    return magnitude ** sympy.Rational(1, atom.q)


def numeric_value(field: Field, v) -> mpmath.mpf:
    """v at 50 digits, for a field of constants (an exact point)."""
    if field.is_rational(v):
        return mpmath.mpf(int(v.numerator)) / int(v.denominator)
    if isinstance(v, Frac):
        v = field.canonical(v)
    with mpmath.workdps(DIGITS + 10):
        used = {k for poly in (v.numer, v.denom) for monom in poly.monoms() for k, e in enumerate(monom) if e}
        values = [_atom_numeric(field, k) if k in used else mpmath.mpf(0) for k in range(len(field.K.symbols))]
        return _poly_numeric(v.numer, values) / _poly_numeric(v.denom, values)


def _atom_numeric(field: Field, k: int) -> mpmath.mpf:
    atom = field.atoms[k]
    x = numeric_value(field, atom.arg)
    if atom.kind == "log":
        return mpmath.log(abs(x))
    if atom.kind in FUNCTIONS:
        return FUNCTIONS[atom.kind][1](x)
    return abs(x) ** (mpmath.mpf(1) / atom.q)


def _poly_numeric(poly, values) -> mpmath.mpf:
    acc = mpmath.mpf(0)
    for monom, coeff in poly.terms():
        term = mpmath.mpf(int(coeff.numerator)) / int(coeff.denominator)
        for x, e in zip(values, monom):
            if e:
                term *= x**e
        acc += term
    return acc
