"""The one elimination (``symbolic/elimination.py``): det, inverse and their derivatives over a field,
det and adjugate over a polynomial ring, each compared with an independent computation.

The references are python-flint's own rational matrices, and for the derivatives the matrix rules
``d inv(A) = -inv(A) dA inv(A)`` and ``d det(A) = det(A) tr(inv(A) dA)`` (the elimination itself
uses scalar rules only, so these are independent of it). Zero leading entries force row swaps.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from flint import fmpq, fmpq_mat, fmpq_mpoly_ctx

from matrixcalc.symbolic.elimination import eliminate, fraction_free
from matrixcalc.symbolic.jets import Undefined
from matrixcalc.symbolic.stacked_values import array, rational_product

ZERO, ONE = fmpq(0), fmpq(1)


def _matrix(n: int, seed: int) -> list[fmpq]:
    rng = random.Random(f"{n}:{seed}")
    entries = [fmpq(rng.randint(-3, 3), rng.randint(1, 3)) for _ in range(n * n)]
    if seed % 2 == 0:
        entries[: n - 1] = [ZERO] * (n - 1)  # the first row starts with zeros: pivots come from below
    return entries


def _flint(entries: list[fmpq], n: int) -> fmpq_mat:
    return fmpq_mat(n, n, entries)


CASES = [(n, seed) for n in (1, 2, 3, 5) for seed in range(6)]


@pytest.mark.parametrize("n, seed", CASES)
def test_det_and_inverse_are_flints(n: int, seed: int) -> None:
    entries = _matrix(n, seed)
    exact = _flint(entries, n)
    a = array(entries, (n, n))
    if exact.det() == 0:
        with pytest.raises(Undefined):
            eliminate(a, ZERO, ONE, inverse=True)
        return
    done = eliminate(a, ZERO, ONE, inverse=True)
    assert done.det == exact.det()
    assert eliminate(a, ZERO, ONE).det == exact.det()
    assert list(done.inverse.flat) == exact.inv().entries()


@pytest.mark.parametrize("n, seed", [(n, seed) for n, seed in CASES if n > 1])
def test_derivatives_follow_the_matrix_rules(n: int, seed: int) -> None:
    entries = _matrix(n, seed)
    if _flint(entries, n).det() == 0:
        return
    rng = random.Random(seed)
    k = 2
    da = array([fmpq(rng.randint(-2, 2)) for _ in range(k * n * n)], (k, n, n))
    done = eliminate(array(entries, (n, n)), ZERO, ONE, inverse=True, da=da)
    for i in range(k):
        expected = -rational_product(rational_product(done.inverse, da[i]), done.inverse)
        assert list(done.dinverse[i].flat) == list(expected.flat)
        assert done.ddet[i] == done.det * rational_product(done.inverse, da[i]).trace()


@pytest.mark.parametrize("n, seed", [(n, seed) for n, seed in CASES if n < 5])
def test_fraction_free_det_and_adjugate_over_polynomials(n: int, seed: int) -> None:
    """adj(A) A = det(A) I as polynomials, and det at a point is flint's det of the point."""
    ctx = fmpq_mpoly_ctx.get(("x", n * n), "lex")
    entries = _matrix(n, seed)
    a = np.empty((n, n), dtype=object)
    for index, (g, c) in enumerate(zip(ctx.gens(), entries)):
        a.flat[index] = g + c if index % 3 else ctx.constant(c)  # some entries constant, some zero
    done = fraction_free(a, adjugate=True)
    assert done.det == fraction_free(a).det
    point = [fmpq(i + 2, 3) for i in range(n * n)]
    at_point = [x(*point) if not x.is_constant() else x.leading_coefficient() if x else ZERO for x in a.flat]
    value = done.det(*point) if not done.det.is_constant() else (done.det.leading_coefficient() if done.det else ZERO)
    assert value == _flint(at_point, n).det()
    if done.det:
        product = done.inverse.dot(a)
        for i in range(n):
            for j in range(n):
                assert product[i, j] == (done.det if i == j else 0)


def test_fraction_free_det_of_a_singular_matrix_is_zero() -> None:
    ctx = fmpq_mpoly_ctx.get(("x", 2), "lex")
    x, y = ctx.gens()
    a = np.empty((2, 2), dtype=object)
    a[0, 0], a[0, 1], a[1, 0], a[1, 1] = x, y, 2 * x, 2 * y
    assert not fraction_free(a).det
    assert fraction_free(a, adjugate=True).inverse is None
