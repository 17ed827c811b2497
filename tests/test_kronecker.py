"""kron and vec (operations/kronecker.py): checked, rejected, printed, evaluated, differentiated, coded."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative, numeric, numpy_function, stack

from matrixcalc.errors import IdentityError
from matrixcalc.latex import latex
from matrixcalc.verify import check

VERIFIED = [
    ("kron(A, B) @ kron(C, D) == kron(A @ C, B @ D)", "A: m x n; B: p x q; C: n x m; D: q x p"),
    ("vec(A @ X @ B) == kron(B.T, A) @ vec(X)", "A: m x n; X: n x p; B: p x q"),
    ("jac(vec(A @ X), vec(X)) == kron(I(n), A)", "A: m x p; X: p x n"),
]

REJECTED = [
    ("vec(d(X, X)) == vec(d(X, X))", "X: n x n", "vec takes a matrix, not a 4th-order tensor"),
    ("kron(d(X, X), X) == kron(d(X, X), X)", "X: n x n", "kron takes a matrix, not a 4th-order tensor"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_true_identity_is_verified(identity, where):
    assert check(identity, where).status == "verified"


def test_false_identity_is_refuted():
    assert check("vec(A @ X @ B) == kron(A, B.T) @ vec(X)", "A: n x n; X: n x n; B: n x n").status == "refuted"


@pytest.mark.parametrize("identity, where, message", REJECTED)
def test_wrong_arguments_are_rejected(identity, where, message):
    with pytest.raises(IdentityError, match=message):
        check(identity, where)


def test_latex():
    text = latex("kron(kron(A, B), A @ B) == kron(A, kron(B + A, B))", "A: n x n; B: n x n")
    assert text == "A \\otimes B \\otimes AB = A \\otimes (B + A) \\otimes B"
    assert latex("vec(A + B) == vec(A) + vec(B)", "A: m x n; B: m x n").startswith("\\operatorname{vec}(A + B) =")


def test_numeric_values_match_numpy():
    a, b = stack(2, 3), stack(4, 2)
    assert numeric("kron", a, b) == pytest.approx(np.stack([np.kron(x, y) for x, y in zip(a, b)]), rel=1e-14)
    assert numeric("vec", a)[..., 0] == pytest.approx(np.stack([x.ravel(order="F") for x in a]), rel=1e-15)


def test_derivative_by_rules():
    assert derivative("tr(kron(A, X))", "X", "A: m x m; X: n x n") == "tr(A) * I(n)"


def test_numpy_code():
    a, x = stack(2, 2)[0], stack(3, 3)[0]
    where = "A: m x m; X: n x n"
    value, gradient = numpy_function("vec(kron(A, X)).T @ vec(kron(A, X))", "2 * tr(A.T @ A) * X", where)(a, x)
    assert value == pytest.approx(np.sum(np.kron(a, x) ** 2), rel=1e-12)
    assert gradient == pytest.approx(2 * np.sum(a * a) * x, rel=1e-12)
