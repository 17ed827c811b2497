"""The inverse's reverse mode by whole rows (``row_adjoint``) and the rational products in
python-flint (``stacked_values.matmul_arrays``) give exactly what the scalar tape and numpy give.

The reference is the scalar tape (``jets.Taped``) swept through the same elimination, run on taped entries:
both differentiate the same algorithm, so the adjoints must be equal as rationals, entry for entry,
including where a zero pivot forces a row swap; a singular matrix is undefined for both.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from flint import fmpq, fmpq_mat

from matrixcalc.language import parse_identity
from matrixcalc.symbolic import check_symbolic, linalg, row_adjoint
from matrixcalc.symbolic.elimination import eliminate
from matrixcalc.symbolic.jets import Undefined, base, leaves, sweep
from matrixcalc.symbolic.lazy import flint_generators
from matrixcalc.symbolic.stacked_values import array, matmul_arrays
from matrixcalc.verify import check

ZERO, ONE = fmpq(0), fmpq(1)


def _rationals(rng: random.Random, count: int) -> list[fmpq]:
    return [fmpq(rng.randint(-3, 3), rng.randint(1, 4)) for _ in range(count)]


def _taped(entries: list[fmpq], n: int, function, g: list) -> tuple[list, list[fmpq]]:
    """``function``'s outputs on taped leaves, and the leaves' adjoints for the outputs' adjoints ``g``."""
    tape: list = []
    taped = leaves(entries, tape)
    outputs = function(linalg.Tensor((n, n), tuple(taped)).rows())
    sweep(tape, list(zip(outputs, g)))
    return [base(x) for x in outputs], [ZERO if x.g is None else x.g for x in taped]


def _taped_inverse(rows):
    n = len(rows)
    return list(eliminate(array([x for row in rows for x in row], (n, n)), ZERO, ONE, inverse=True).inverse.flat)


def _matrix(n: int, seed: int) -> tuple[random.Random, list[fmpq]]:
    rng = random.Random(f"{n}:{seed}")
    entries = _rationals(rng, n * n)
    if seed < 2 and n > 1:
        entries[0] = ZERO  # the first pivot is zero: rows are swapped
    return rng, entries


@pytest.mark.parametrize("n", [1, 2, 4, 5, 6])
@pytest.mark.parametrize("seed", range(6))
def test_the_inverse_by_rows_is_the_scalar_tapes(n: int, seed: int) -> None:
    rng, entries = _matrix(n, seed)
    if fmpq_mat(n, n, entries).det() == 0:
        with pytest.raises(Undefined):
            row_adjoint.eliminate(array(entries, (n, n)), ZERO, ONE)
        return
    elimination = row_adjoint.eliminate(array(entries, (n, n)), ZERO, ONE)
    assert list(elimination.inverse.flat) == list(fmpq_mat(n, n, entries).inv().entries())
    g = _rationals(rng, n * n)
    bar = row_adjoint.adjoint(elimination, array(g, (n, n)), ZERO)
    assert list(bar.flat) == _taped(entries, n, _taped_inverse, g)[1]


def test_an_adjoint_holding_atoms_is_multiplied_by_numpy() -> None:
    """The inverse of plain rationals, under an exp: its adjoint holds the exp atom (a python-flint
    fraction), which python-flint's rational matrices cannot hold; the result is still the tape's."""
    n = 4
    rng, entries = _matrix(n, 3)
    atom = flint_generators(8)[0]
    g = [atom * x for x in _rationals(rng, n * n)]
    elimination = row_adjoint.eliminate(array(entries, (n, n)), ZERO, ONE)
    bar = row_adjoint.adjoint(elimination, array(g, (n, n)), ZERO)
    assert list(bar.flat) == _taped(entries, n, _taped_inverse, g)[1]


def test_check_verifies_a_gradient_through_an_inverse_under_exp() -> None:
    """The case the adjoint holding atoms came from: exact points at n = 6 go by whole rows."""
    text, where = (
        "d(exp(a.T @ inv(X) @ b), X) == -exp(a.T @ inv(X) @ b) * inv(X).T @ a @ b.T @ inv(X).T",
        "X: n x n; a: n; b: n",
    )
    assert check(text, where).status == "verified"
    # check() proves it for every size, so it evaluates exactly at the proof's size only: ask for n = 6
    evidence, counterexample = check_symbolic(parse_identity(text, where), exact_sizes=[{"n": 6}])
    assert counterexample is None and evidence.complete, evidence.reason
    assert {"n": 6} in evidence.exact_random


def test_a_singular_matrix_is_undefined() -> None:
    a = array([fmpq(1), fmpq(2), fmpq(2), fmpq(4)], (2, 2))
    with pytest.raises(Undefined):
        row_adjoint.eliminate(a, ZERO, ONE)


@pytest.mark.parametrize(
    ("left", "right"),
    [((6, 6), (6, 6)), ((5, 6, 6), (6, 4)), ((6, 6), (5, 6, 4)), ((2, 2), (2, 2)), ((7, 5), (5, 1)), ((1, 7), (7, 7))],
)
def test_rational_products_in_flint_are_numpys(left, right) -> None:
    rng = random.Random(str((left, right)))
    a = array(_rationals(rng, int(np.prod(left))), left)
    b = array(_rationals(rng, int(np.prod(right))), right)
    product = matmul_arrays(a, b)
    expected = np.matmul(a, b)
    assert product.shape == expected.shape
    assert list(product.flat) == list(expected.flat)
    assert all(type(x) is fmpq for x in product.flat)
