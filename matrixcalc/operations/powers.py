"""The matrix product and the powers: A @ B, A ** k (k an integer, negative through the inverse) and
s ** r (a scalar to a real power).

The parser builds them from their syntax, so none has a call form or a shape rule of its own.
A product costs rows x inner x columns scalar operations and multiplies degrees; a power of a
symmetric matrix is symmetric (a simplifier fact). The exact evaluators of
``matrixcalc.symbolic`` compute them by their own rules.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..language.cost import per_result_entry, side, sum_of_degrees
from ..language.dims import concrete
from . import build as b
from .arrays import inverse, inverse_complex, positive
from .differentials import bilinear, plus
from .identification import linear_parts, live
from .record import Operation
from .registry import OPERATIONS, register


def _matmul_cost(node, sizes) -> int:
    rows, inner = concrete(node.args[0].shape, sizes)
    return rows * inner * concrete(node.args[1].shape, sizes)[1]


def _matpow_degree(node, sizes, degrees) -> int:
    """|k| times the base's degree, and n times more through the inverse for k < 0."""
    return abs(node.value) * degrees[0] * (side(node, sizes) if node.value < 0 else 1)


def _matpow(node, d, a):
    """d(A^k) = sum over i of A^i dA A^(k-1-i); for k < 0 the same with inv(A) and d inv(A)."""
    k = node.value
    base = a if k > 0 else b.call("inv", a)
    dbase = d(a) if k > 0 else OPERATIONS["inv"].differential(base, d, a)
    if dbase is None or k == 0:
        return None
    k = abs(k)
    total = None
    for i in range(k):
        left, right = _power_of(base, i), _power_of(base, k - 1 - i)
        term = dbase if left is None else b.matmul(left, dbase)
        term = term if right is None else b.matmul(term, right)
        total = plus(total, term)
    return total


def _power_of(base, k: int):
    return None if k == 0 else base if k == 1 else b.matpow(base, k)


def _pow(node, d, s):
    """d(s^r) = r s^(r-1) ds."""
    ds = d(s)
    if ds is None:
        return None
    r = Fraction(node.value)
    if r == 1:
        return ds
    slope = b.scale(b.number(r), s if r == 2 else b.power(s, r - 1))
    return b.scale(slope, ds)


def _matrix_power(invert):
    """A ** k, through ``invert`` (the real or the complex inverse) when k < 0."""

    def rule(node, a):
        return np.linalg.matrix_power(a if node.value >= 0 else invert(a), abs(node.value))

    return rule


def _real_power(node, a):
    """s ** r; a fractional power needs a positive base."""
    base = a if node.value.denominator == 1 else positive(a, "a fractional power")
    return base ** float(node.value)


def _gradient_matmul(node, seed, depends):
    """frob(G, dA @ C) = frob(G @ C.T, dA) and frob(G, A @ dC) = frob(A.T @ G, dC)."""
    a, c = node.args
    return live([(a, b.matmul(seed, b.transpose(c))), (c, b.matmul(b.transpose(a), seed))], depends)


def _jacobian_matmul(node, forward, depends):
    """vec(dA @ C) = kron(C.T, I) vec(dA) and vec(A @ dC) = kron(I, A) vec(dC)."""
    a, c = node.args
    return linear_parts(
        forward,
        depends,
        [
            (a, lambda x: b.kron(b.transpose(c), b.eye(a.shape[0]))),
            (c, lambda x: b.kron(b.eye(c.shape[1]), a)),
        ],
    )


MATMUL = register(
    Operation(
        name="matmul",
        arity=2,
        summary="A @ B",
        shape=None,
        latex=None,
        latex_form="product",
        numeric=lambda node, a, c: a @ c,
        differential=bilinear(b.matmul),
        numpy=lambda node, a, c: f"({a} @ {c})",
        cost=_matmul_cost,
        degree=sum_of_degrees,
        call_form=False,
        foreign=("dot", "matmul"),
        written="@",
        gradient_rule=_gradient_matmul,
        jacobian_rule=_jacobian_matmul,
    )
)

MATPOW = register(
    Operation(
        name="matpow",
        arity=1,
        summary="A ** k, k an integer; value = k",
        shape=None,
        latex=None,
        latex_form="power",
        numeric=_matrix_power(inverse),
        numeric_complex=_matrix_power(inverse_complex),
        differential=_matpow,
        numpy=lambda node, a: f"np.linalg.matrix_power({a}, {node.value})",
        cost=lambda node, sizes: (abs(node.value) + 1) * side(node, sizes) ** 3,
        degree=_matpow_degree,
        call_form=False,
        symmetric_if_argument=True,
    )
)

POW = register(
    Operation(
        name="pow",
        arity=1,
        summary="s ** r for a scalar s, r real; value = Fraction r",
        shape=None,
        latex=None,
        latex_form="real_power",
        numeric=_real_power,
        differential=_pow,
        numpy=lambda node, a: f"({a} ** {float(Fraction(node.value))!r})",
        cost=per_result_entry,
        degree=lambda node, sizes, degrees: abs(Fraction(node.value).numerator) * degrees[0],
        call_form=False,
    )
)
