"""The inverse's reverse mode by whole rows (``row_adjoint``) and the rational products in
python-flint (``stacked._matmul_arrays``) give exactly what the scalar tape and numpy give.

The reference is the scalar tape (``jets.Taped``) swept through ``linalg``'s own elimination:
both differentiate the same algorithm, so the adjoints must be equal as rationals, entry for entry,
including where a zero pivot forces a row swap; a singular matrix is undefined for both.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from flint import fmpq, fmpq_mat

from matrixcalc.symbolic import linalg, row_adjoint
from matrixcalc.symbolic.jets import Undefined, leaves, sweep
from matrixcalc.symbolic.stacked import _matmul_arrays, array

ZERO, ONE = fmpq(0), fmpq(1)


def _rationals(rng: random.Random, count: int) -> list[fmpq]:
    return [fmpq(rng.randint(-3, 3), rng.randint(1, 4)) for _ in range(count)]


def _taped_adjoint(entries: list[fmpq], n: int, g: np.ndarray) -> list[fmpq]:
    tape: list = []
    taped = leaves(entries, tape)
    identity = linalg.identity(n, ZERO, ONE).rows()
    inverse = linalg._elimination(linalg.Tensor((n, n), tuple(taped)).rows(), ZERO, ONE, identity)[1]
    sweep(tape, list(zip([x for row in inverse for x in row], g.flat)))
    return [ZERO if x.g is None else x.g for x in taped]


@pytest.mark.parametrize("n", [1, 2, 4, 5, 6])
@pytest.mark.parametrize("seed", range(6))
def test_the_row_adjoint_is_the_scalar_tapes(n: int, seed: int) -> None:
    rng = random.Random(f"{n}:{seed}")
    entries = _rationals(rng, n * n)
    if seed < 2 and n > 1:
        entries[0] = ZERO  # the first pivot is zero: rows are swapped
    a = array(entries, (n, n))
    if fmpq_mat(n, n, entries).det() == 0:
        with pytest.raises(Undefined):
            row_adjoint.inverse(a, ZERO, ONE)
        return
    inverse, steps = row_adjoint.inverse(a, ZERO, ONE)
    assert list(inverse.flat) == list(fmpq_mat(n, n, entries).inv().entries())
    g = array(_rationals(rng, n * n), (n, n))
    adjoint = row_adjoint.inverse_adjoint(steps, g, ZERO)
    assert list(adjoint.flat) == _taped_adjoint(entries, n, g)


def test_a_singular_matrix_is_undefined() -> None:
    a = array([fmpq(1), fmpq(2), fmpq(2), fmpq(4)], (2, 2))
    with pytest.raises(Undefined):
        row_adjoint.inverse(a, ZERO, ONE)


@pytest.mark.parametrize(
    ("left", "right"),
    [((6, 6), (6, 6)), ((5, 6, 6), (6, 4)), ((6, 6), (5, 6, 4)), ((2, 2), (2, 2)), ((7, 5), (5, 1)), ((1, 7), (7, 7))],
)
def test_rational_products_in_flint_are_numpys(left, right) -> None:
    rng = random.Random(str((left, right)))
    a = array(_rationals(rng, int(np.prod(left))), left)
    b = array(_rationals(rng, int(np.prod(right))), right)
    product = _matmul_arrays(a, b)
    expected = np.matmul(a, b)
    assert product.shape == expected.shape
    assert list(product.flat) == list(expected.flat)
    assert all(type(x) is fmpq for x in product.flat)
