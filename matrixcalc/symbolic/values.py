"""Values of the declared symbols honouring their assumptions: symbols for a proof, integers for (b).

Symbolic: symmetric (and spd) matrices share symbols across the diagonal, diagonal ones are zero
off it; orthogonality cannot be written with free symbols. Rational: spd = BᵀB + I, orthogonal by
the Cayley transform (I - S)(I + S)⁻¹ of an integer skew S, invertible redrawn until det ≠ 0.
"""

from __future__ import annotations

import random
from fractions import Fraction
from functools import lru_cache

import flint
import sympy

from ..language import Declaration, Identity, concrete
from .atoms import Unsupported

BOUND = 2**20


@lru_cache(maxsize=4096)
def _symbol(name: str) -> sympy.Symbol:
    """sympy's Symbol of that name (equal symbols are interchangeable; building one costs a few µs)."""
    return sympy.Symbol(name)


def symbolic_values(identity: Identity, sizes: dict[str, int]) -> tuple[list[sympy.Symbol], dict[str, list]]:
    """Row-major entries per symbol (sympy Symbols or 0) and the list of all symbols used."""
    symbols: list[sympy.Symbol] = []
    values: dict[str, list] = {}
    for name in sorted(identity.declarations):
        decl = identity.declarations[name]
        if "orthogonal" in decl.assumptions:
            raise Unsupported(f"'{name}' is orthogonal, which free symbols cannot encode")
        r, c = concrete(decl.shape, sizes)
        entries: list = []
        for i in range(r):
            for j in range(c):
                if "diagonal" in decl.assumptions and i != j:
                    entries.append(0)
                elif "symmetric" in decl.assumptions and i > j:
                    entries.append(entries[j * c + i])
                else:
                    s = _symbol(f"{name}_{i}_{j}" if (r, c) != (1, 1) else name)
                    symbols.append(s)
                    entries.append(s)
        values[name] = entries
    return symbols, values


def rational_values(identity: Identity, sizes: dict[str, int], rng: random.Random) -> dict[str, list[list[Fraction]]]:
    """A random exact point: each symbol as rows of Fractions honouring its assumptions.

    Integers in [-2²⁰, 2²⁰); with exp in the identity, multiples of 2⁻²⁰ in [-1, 1) instead, which are as
    many distinct values (Schwartz–Zippel) without overflowing exp. A symbol directly under logdet
    gets a positive determinant, as in the numeric check (a negative one is a wasted draw).
    """
    uses_exp = any(node.op == "exp" for node in identity.nodes)
    scale = BOUND if uses_exp else 1
    point = {}
    for name, decl in sorted(identity.declarations.items()):
        m = _draw(decl, sizes, rng, scale)
        point[name] = _positive_determinant(m, decl) if name in identity.under_logdet else m
    return point


def _positive_determinant(m: list[list], decl: Declaration) -> list[list]:
    """m, or with its sign flipped where that makes the determinant positive: the first row, or
    the whole matrix (odd size) when it must stay symmetric or diagonal."""
    if _exact(m).det() >= 0:
        return m
    if "symmetric" in decl.assumptions or "diagonal" in decl.assumptions or "orthogonal" in decl.assumptions:
        return [[-x for x in row] for row in m] if len(m) % 2 else m
    return [[-x for x in m[0]]] + m[1:]


def _ints(r: int, c: int, rng: random.Random, scale: int, bound: int = BOUND) -> list[list[Fraction | int]]:
    """Random integers in [-bound, bound) divided by scale (plain ints when scale is 1: the same
    rationals). ``bound`` is a power of two, so each is one call for random bits (``randint`` is
    three Python calls, and a large exact point draws hundreds)."""
    bits = bound.bit_length()
    draw = rng.getrandbits
    if scale == 1:
        return [[draw(bits) - bound for _ in range(c)] for _ in range(r)]
    return [[Fraction(draw(bits) - bound, scale) for _ in range(c)] for _ in range(r)]


def _draw(decl: Declaration, sizes: dict[str, int], rng: random.Random, scale: int) -> list[list[Fraction]]:
    r, c = concrete(decl.shape, sizes)
    a = decl.assumptions
    for _ in range(50):
        if "orthogonal" in a:
            m = _orthogonal(r, a, rng)
        elif "diagonal" in a:
            m = [
                [
                    Fraction(rng.choice([-1, 1]) * rng.randint(1, BOUND), scale) if i == j else Fraction(0)
                    for j in range(c)
                ]
                for i in range(r)
            ]
            if "spd" in a:
                m = [[abs(x) for x in row] for row in m]
        elif "spd" in a:
            b = _ints(r, r, rng, scale, 2**10)
            m = [[sum(b[k][i] * b[k][j] for k in range(r)) + (i == j) for j in range(r)] for i in range(r)]
        elif "symmetric" in a:
            m = _ints(r, r, rng, scale)
            m = [[m[min(i, j)][max(i, j)] for j in range(r)] for i in range(r)]
        else:
            m = _ints(r, c, rng, scale)
        if "invertible" not in a or _exact(m).det() != 0:
            return m
    raise Unsupported(f"no invertible value found for '{decl.name}'")


def _orthogonal(n: int, a: frozenset[str], rng: random.Random) -> list[list[Fraction]]:
    if "spd" in a:
        return [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    if "diagonal" in a:
        return [[Fraction(rng.choice([-1, 1])) if i == j else Fraction(0) for j in range(n)] for i in range(n)]
    q = _cayley(n, rng)
    flips = [rng.choice([-1, 1]) for _ in range(n)]  # Cayley alone gives det = +1 only
    q = [[x * f for x, f in zip(row, flips)] for row in q]
    if "symmetric" in a:  # Q D Qᵀ with D = diag(±1): a symmetric orthogonal matrix
        signs = [rng.choice([-1, 1]) for _ in range(n)]
        return [[sum(q[i][k] * signs[k] * q[j][k] for k in range(n)) for j in range(n)] for i in range(n)]
    return q


def _cayley(n: int, rng: random.Random) -> list[list[Fraction]]:
    """(I - S)(I + S)⁻¹ for an integer skew-symmetric S: a rational orthogonal matrix."""
    s = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            s[i][j] = rng.randint(-9, 9)
            s[j][i] = -s[i][j]
    eye = flint.fmpq_mat(n, n, [int(i == j) for i in range(n) for j in range(n)])
    skew = _exact(s)
    q = ((eye - skew) * (eye + skew).inv()).table()
    return [[Fraction(int(x.p), int(x.q)) for x in row] for row in q]


def _exact(rows: list[list]) -> flint.fmpq_mat:
    """Rows of Fractions or ints as a python-flint rational matrix (exact det and inverse in C)."""
    entries = [flint.fmpq(x.numerator, x.denominator) for row in rows for x in row]
    return flint.fmpq_mat(len(rows), len(rows[0]), entries)
