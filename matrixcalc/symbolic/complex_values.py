"""Values of a complex identity's symbols: independent real and imaginary parts.

For a proof each complex entry is ``a + i b`` with two fresh sympy symbols (a Hermitian matrix
has real symbols on its diagonal and ``conj`` of the upper triangle below it; a complex symmetric
one the upper triangle mirrored). At an exact point each part is an integer in ±2²⁰: a Gaussian
integer, with the same assumptions, and redrawn until invertible when declared so. Real symbols
get the values ``values.py`` gives them.
"""

from __future__ import annotations

import random
from fractions import Fraction

import sympy

from ..language import Declaration, Identity, concrete
from .atoms import Unsupported
from .values import BOUND, _draw, symbolic_values

Part = tuple  # (re, im): sympy symbols or 0 in a proof, Fractions at a point


def complex_symbolic_values(identity: Identity, sizes: dict[str, int]) -> tuple[list[sympy.Symbol], dict[str, list]]:
    """Row-major (re, im) pairs per symbol and the list of all symbols used (real symbols: im = 0)."""
    real = {n: d for n, d in identity.declarations.items() if not d.complex}
    symbols, values = symbolic_values(_only(identity, real), sizes)
    pairs: dict[str, list] = {name: [(x, 0) for x in xs] for name, xs in values.items()}
    for name in sorted(n for n, d in identity.declarations.items() if d.complex):
        decl = identity.declarations[name]
        r, c = concrete(decl.shape, sizes)
        entries: list[Part] = []
        for i in range(r):
            for j in range(c):
                if "diagonal" in decl.assumptions and i != j:
                    entries.append((0, 0))
                elif i > j and "hermitian" in decl.assumptions:
                    re, im = entries[j * c + i]
                    entries.append((re, -im if im != 0 else 0))
                elif i > j and "symmetric" in decl.assumptions:
                    entries.append(entries[j * c + i])
                else:
                    stem = f"{name}_{i}_{j}" if (r, c) != (1, 1) else name
                    re = sympy.Symbol(f"re_{stem}")
                    im = 0 if i == j and "hermitian" in decl.assumptions else sympy.Symbol(f"im_{stem}")
                    symbols += [s for s in (re, im) if s != 0]
                    entries.append((re, im))
        pairs[name] = entries
    return symbols, pairs


def _only(identity: Identity, declarations: dict[str, Declaration]) -> Identity:
    return Identity(identity.sides, declarations, identity.letters, identity.text, identity.where)


def complex_rational_values(identity: Identity, sizes: dict[str, int], rng: random.Random) -> dict[str, list[list]]:
    """A random exact point: rows of (re, im) Fraction pairs per symbol, honouring the assumptions."""
    uses_exp = any(node.op == "exp" for node in identity.nodes)
    scale = BOUND if uses_exp else 1  # as values.rational_values: exp of a real part stays small
    point = {}
    for name, decl in sorted(identity.declarations.items()):
        if decl.complex:
            point[name] = _draw_complex(decl, sizes, rng)
        else:
            point[name] = [[(x, Fraction(0)) for x in row] for row in _draw(decl, sizes, rng, scale)]
    return point


def _gaussian(rng: random.Random, real: bool = False) -> tuple[Fraction, Fraction]:
    return Fraction(rng.randint(-BOUND, BOUND)), Fraction(0 if real else rng.randint(-BOUND, BOUND))


def _draw_complex(decl: Declaration, sizes: dict[str, int], rng: random.Random) -> list[list]:
    r, c = concrete(decl.shape, sizes)
    a = decl.assumptions
    for _ in range(50):
        m = [[_gaussian(rng, real=i == j and "hermitian" in a) for j in range(c)] for i in range(r)]
        for i in range(r):
            for j in range(c):
                if "diagonal" in a and i != j:
                    m[i][j] = (Fraction(0), Fraction(0))
                elif i > j and "hermitian" in a:
                    m[i][j] = (m[j][i][0], -m[j][i][1])
                elif i > j and "symmetric" in a:
                    m[i][j] = m[j][i]
        if "invertible" not in a or sympy.Matrix([[re + sympy.I * im for re, im in row] for row in m]).det() != 0:
            return m
    raise Unsupported(f"no invertible value found for '{decl.name}'")
