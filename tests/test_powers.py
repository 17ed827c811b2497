"""A @ B, A ** k and s ** r (operations/powers.py): checked, rejected, printed, evaluated,
differentiated, coded."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative, numpy_function, stack

from matrixcalc.errors import IdentityError
from matrixcalc.language import parse_expression
from matrixcalc.language.cost import estimate
from matrixcalc.latex import latex
from matrixcalc.numeric import Undefined
from matrixcalc.numeric.evaluate import COMPLEX_OPERATIONS, OPERATIONS
from matrixcalc.verify import check

VERIFIED = [
    ("(A @ B) @ C == A @ (B @ C)", "A: m x n; B: n x p; C: p x q"),
    ("A ** 3 == A @ A @ A", "A: n x n"),
    ("A ** -2 == inv(A @ A)", "A: n x n"),
    ("t ** (1/2) * t ** (1/2) == t", "t: scalar"),
    ("d(tr(X ** 3), X) == 3 * (X ** 2).T", "X: n x n"),
]

REJECTED = [
    ("A @ B == A", "A: m x n; B: m x n", "'@' needs matching inner sizes: 'A' is m x n, 'B' is m x n"),
    ("A ** 2 == A", "A: m x n", "'\\*\\*' needs a square matrix or a scalar; 'A' is m x n"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_true_identity_is_verified(identity, where):
    assert check(identity, where).status == "verified"


def test_false_identity_is_refuted():
    assert check("A @ B == B @ A", "A: n x n; B: n x n").status == "refuted"


@pytest.mark.parametrize("identity, where, message", REJECTED)
def test_wrong_shapes_are_rejected(identity, where, message):
    with pytest.raises(IdentityError, match=message):
        check(identity, where)


def test_latex():
    text = latex("-(A @ B) ** 3 + A ** -1 == t ** (1/2) * A @ B", "A: n x n; B: n x n; t: scalar")
    assert text == "-(AB)^{3} + A^{-1} = t^{1/2}AB"


def test_numeric_values_match_numpy():
    cube, _ = parse_expression("A ** -3", "A: n x n")
    root, _ = parse_expression("t ** (1/2)", "t: scalar")
    a = stack(3, 3) + 3 * np.eye(3)
    inverse_cube = np.linalg.matrix_power(np.linalg.inv(a), 3)
    assert OPERATIONS["matpow"](cube, a) == pytest.approx(inverse_cube, rel=1e-12)
    assert COMPLEX_OPERATIONS["matpow"](cube, a + 0j) == pytest.approx(inverse_cube, rel=1e-12)
    assert OPERATIONS["matmul"](None, a, a) == pytest.approx(a @ a, rel=1e-14)
    assert OPERATIONS["pow"](root, np.full((1, 1), 4.0)) == pytest.approx(2.0)
    with pytest.raises(Undefined, match="a fractional power of a non-positive number"):
        OPERATIONS["pow"](root, np.full((1, 1), -4.0))


def test_the_cost_of_a_product_is_rows_inner_columns():
    node, _ = parse_expression("A @ B", "A: m x n; B: n x p")
    assert estimate([node], ("m", "n", "p")).operations == 7**3 + 2 * 7**2  # the product and its two leaves


def test_derivatives_by_rules():
    assert derivative("tr(X ** -1)", "X", "X: n x n") == "-(X ** -2).T"
    assert derivative("t ** (3/2)", "t", "t: scalar") == "1.5 * t ** (1/2)"


def test_numpy_code():
    x = stack(3, 3)[0]
    value, gradient = numpy_function("tr(X ** 3)", "3 * (X ** 2).T", "X: n x n")(x)
    assert value == pytest.approx(np.trace(x @ x @ x), rel=1e-12)
    assert gradient == pytest.approx(3 * (x @ x).T, rel=1e-12)
