"""The normal form: sums of rational coefficient x commuting scalar factors x one noncommutative word.

A ``Sum`` has a shape (two ``Dim``) and terms ``(scal, word, coef)``. ``scal`` is a sorted tuple
of ``(atom, exponent)`` pairs: traces as canonical cyclic words, scalar symbols, sizes,
determinants, opaque powers and scalar functions. ``word`` is a tuple of letters, a product in
written order; the empty word is the identity of the sum's shape. Everything is a nested tuple,
so equal normal forms are equal values and sort by their text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .rules import RULES
from .tree_api import SCALAR, Dim


class Unprovable(Exception):  # noqa: N818 - a value the prover reports, not a failure
    """No rule applies: ``kind`` is the reason class shown to readers (e.g. 'eigenvalues')."""

    def __init__(self, kind: str, detail: str = "") -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}" if detail else kind)


@dataclass
class Context:
    """What a proof knows: symbol shapes and assumptions, and the rule IDs it has applied, in order."""

    shapes: dict[str, tuple[Dim, Dim]]
    assumptions: dict[str, frozenset[str]]
    scalars: frozenset[str]
    suppressed: frozenset[str] = frozenset()  # variables whose assumptions must not shape their function
    used: list[str] = field(default_factory=list)
    depth: int = 0
    complex: frozenset[str] = frozenset()  # complex symbols; their conjugates are the symbols 'conj:<name>'

    def use(self, rule: str) -> None:
        if rule not in RULES:
            raise KeyError(f"rule {rule!r} is not in the registry")
        if not self.used or self.used[-1] != rule:
            self.used.append(rule)

    def conj_name(self, name: str) -> str:
        """The symbol that stands for the conjugate (Wirtinger calculus treats it as a variable of its own)."""
        if name.startswith(CONJ):
            return name[len(CONJ) :]
        return CONJ + name if name in self.complex else name

    def has(self, name: str, assumption: str) -> bool:
        name = name.removeprefix(CONJ)
        if name in self.suppressed:
            return False
        held = self.assumptions.get(name, frozenset())
        if assumption == "symmetric":
            return bool(held & {"symmetric", "spd", "diagonal"})
        return assumption in held


CONJ = "conj:"


def key(value: object) -> str:
    return repr(value)


@dataclass(frozen=True)
class Sum:
    """A normal form: ``shape`` and the sorted terms ``(scal, word, coef)``."""

    shape: tuple[Dim, Dim]
    terms: tuple = ()

    def __repr__(self) -> str:
        return f"S[{self.shape[0]},{self.shape[1]}]{self.terms!r}"

    @property
    def rows(self) -> Dim:
        return self.shape[0]

    @property
    def cols(self) -> Dim:
        return self.shape[1]

    @property
    def is_zero(self) -> bool:
        return not self.terms


def is_one(dim: Dim) -> bool:
    return dim.is_one


UNIT = ("i",)  # the imaginary unit, a commuting scalar factor with i ** 2 = -1


def build(shape: tuple[Dim, Dim], parts: dict) -> Sum:
    """A sum from ``{(scal, word): coef}``, zero coefficients dropped, terms sorted, ``i ** 2 = -1`` applied."""
    if any(atom == UNIT and not 0 <= e < 2 for s, _ in parts for atom, e in s):
        parts = _unit_reduced(parts)
    terms = tuple(sorted(((s, w, c) for (s, w), c in parts.items() if c != 0), key=lambda t: key(t[:2])))
    return Sum(shape, terms)


def _unit_reduced(parts: dict) -> dict:
    out: dict = {}
    for (s, w), c in parts.items():
        e = dict(s).get(UNIT, 0)
        if e.denominator != 1:
            raise Unprovable("complex", "a fractional power of the imaginary unit")
        half, rest = divmod(int(e), 2)
        scal = tuple((atom, x) for atom, x in s if atom != UNIT) + (((UNIT, Fraction(1)),) if rest else ())
        k = (tuple(sorted(scal, key=lambda p: key(p[0]))), w)
        out[k] = out.get(k, 0) + c * (-1) ** half
    return out


def accumulate(parts: dict, scal: tuple, word: tuple, coef: Fraction) -> None:
    k = (scal, word)
    parts[k] = parts.get(k, 0) + coef


def const(value, shape=SCALAR) -> Sum:
    value = Fraction(value)
    return build(shape, {((), ()): value}) if value else Sum(shape)


def mono(word: tuple, shape, coef=1, scal: tuple = ()) -> Sum:
    return build(shape, {(scal, word): Fraction(coef)})


def add(a: Sum, b: Sum) -> Sum:
    parts: dict = {}
    for s, w, c in a.terms + b.terms:
        accumulate(parts, s, w, c)
    return build(a.shape, parts)


def scale(a: Sum, c) -> Sum:
    c = Fraction(c)
    return build(a.shape, {(s, w): k * c for s, w, k in a.terms})


def sub(a: Sum, b: Sum) -> Sum:
    return add(a, scale(b, -1))


def total(shape, sums) -> Sum:
    out = Sum(shape)
    for s in sums:
        out = add(out, s)
    return out


def merge_scal(a: tuple, b: tuple) -> tuple:
    """The product of two scalar factor lists: exponents of equal atoms add (sound where both are defined);
    every ``exp`` factor joins one ``exp`` of the sum of arguments (exp(a) exp(b) = exp(a + b))."""
    if not b:
        return a
    if not a:
        return b
    exps: dict = {}
    for atom, e in a + b:
        exps[atom] = exps.get(atom, 0) + e
    return _tidy_scal(exps)


def _tidy_scal(exps: dict) -> tuple:
    exp_args = [(atom, e) for atom, e in exps.items() if atom[0] == "f" and atom[1] == "exp" and e]
    if len(exp_args) > 1 or any(e != 1 for _, e in exp_args):
        for atom, _ in exp_args:
            del exps[atom]
        arg = total(SCALAR, (scale(atom[2], e) for atom, e in exp_args))
        if not arg.is_zero:
            exps[("f", "exp", arg)] = exps.get(("f", "exp", arg), 0) + 1
    return tuple(sorted(((atom, Fraction(e)) for atom, e in exps.items() if e != 0), key=lambda p: key(p[0])))


def power_scal(scal: tuple, r: Fraction) -> tuple:
    return _tidy_scal({atom: e * r for atom, e in scal})


def times_scalar(a: Sum, s: Sum) -> Sum:
    """``s * a`` for a scalar (1 x 1) sum ``s`` whose words are empty."""
    parts: dict = {}
    for s1, _, c1 in s.terms:
        for s2, w2, c2 in a.terms:
            accumulate(parts, merge_scal(s1, s2), w2, c1 * c2)
    return build(a.shape, parts)


def atom_sum(atom, exponent=1) -> Sum:
    return build(SCALAR, {(((atom, Fraction(exponent)),), ()): Fraction(1)})


def size_sum(dim: Dim) -> Sum:
    """A size as a scalar: its integer coefficient times one atom per size letter."""
    if not dim.letters:
        return const(dim.coef)
    scal = tuple((("size", letter), Fraction(1)) for letter in dim.letters)
    return build(SCALAR, {(_tidy_scal(dict(scal)), ()): Fraction(dim.coef)})


def scalar_term(a: Sum):
    """The single term of a scalar sum as ``(coef, scal)``, or None when it has several terms."""
    if len(a.terms) == 1:
        s, _, c = a.terms[0]
        return c, s
    if not a.terms:
        return Fraction(0), ()
    return None


def mentions(value: object, name: str) -> bool:
    """True when a symbol letter or scalar atom named ``name`` occurs anywhere inside ``value``."""
    if isinstance(value, Sum):
        return any(mentions(t, name) for t in value.terms)
    if isinstance(value, tuple):
        if len(value) >= 2 and value[0] in ("s", "sym", "det", "logdet") and value[1] == name:
            return True
        return any(mentions(v, name) for v in value if isinstance(v, (tuple, Sum)))
    return False
