"""inv, adj and pinv (operations/inverse.py): checked, rejected, printed, evaluated, differentiated, coded."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative, numeric, numpy_function, stack

from matrixcalc.errors import IdentityError
from matrixcalc.latex import latex
from matrixcalc.numeric import IllConditioned
from matrixcalc.operations import OPERATIONS
from matrixcalc.verify import check

VERIFIED = [
    ("inv(A @ B) == inv(B) @ inv(A)", "A: n x n; B: n x n"),
    ("adj(A) @ A == det(A) * I(n)", "A: n x n"),
    ("A @ pinv(A) @ A == A", "A: m x n"),
    ("d(tr(inv(X) @ A), X) == -inv(X).T @ A.T @ inv(X).T", "A: n x n; X: n x n"),
]

REJECTED = [
    ("inv(A) == A", "A: m x n", "inv needs a square matrix; its argument is m x n"),
    ("adj(x) == x", "x: n", "adj needs a square matrix; its argument is n x 1"),
    ("pinv(Z) == Z.H", "Z: n x n complex", "pinv needs a real argument: pinv of a complex matrix is not supported yet"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_true_identity_is_verified(identity, where):
    assert check(identity, where).status == "verified"


def test_false_identity_is_refuted():
    assert check("inv(A @ B) == inv(A) @ inv(B)", "A: n x n; B: n x n").status == "refuted"


@pytest.mark.parametrize("identity, where, message", REJECTED)
def test_wrong_arguments_are_rejected(identity, where, message):
    with pytest.raises(IdentityError, match=message):
        check(identity, where)


def test_latex():
    text = latex("inv(A).T + adj(A) == pinv(A) + pinv(A).T", "A: n x n")
    assert text == "A^{-\\top} + \\operatorname{adj}(A) = A^{+} + A^{+\\top}"


def test_numeric_values_match_numpy():
    a = stack(4, 4) + 4 * np.eye(4)
    assert numeric("inv", a) == pytest.approx(np.linalg.inv(a), rel=1e-12)
    adj = np.linalg.det(a)[:, None, None] * np.linalg.inv(a)
    assert numeric("adj", a) == pytest.approx(adj, rel=1e-10)
    tall = stack(5, 3)
    assert numeric("pinv", tall) == pytest.approx(np.linalg.pinv(tall), rel=1e-10)


def test_a_nearly_singular_matrix_is_not_inverted():
    with pytest.raises(IllConditioned, match="inverse of a nearly singular matrix"):
        numeric("inv", np.diag([1.0, 1e-9])[None])
    with pytest.raises(IllConditioned):
        OPERATIONS["inv"].numeric_complex(None, np.diag([1.0, 1e-9j])[None])


def test_derivatives_by_rules():
    assert derivative("tr(inv(X) @ A)", "X", "A: n x n; X: n x n") == "-inv(X).T @ A.T @ inv(X).T"
    assert derivative("tr(adj(X))", "X", "X: n x n") == "tr(inv(X)) * adj(X).T - adj(X).T @ inv(X).T"


def test_numpy_code():
    x = stack(3, 3)[0] + 3 * np.eye(3)
    value, gradient = numpy_function("tr(adj(X))", "tr(inv(X)) * adj(X).T - adj(X).T @ inv(X).T", "X: n x n")(x)
    adj = np.linalg.det(x) * np.linalg.inv(x)
    assert value == pytest.approx(np.trace(adj), rel=1e-12)
    inv = np.linalg.inv(x)
    assert gradient == pytest.approx(np.trace(inv) * adj.T - adj.T @ inv.T, rel=1e-10)
