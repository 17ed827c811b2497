"""diag and diagm (operations/diagonal.py): checked, rejected, printed, evaluated, differentiated, coded."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative, numeric, numpy_function, stack

from matrixcalc.errors import IdentityError
from matrixcalc.latex import latex
from matrixcalc.verify import check

VERIFIED = [
    ("diag(diagm(x)) == x", "x: n"),
    ("diagm(x) @ y == x * y", "x: n; y: n"),
    ("tr(diagm(x)) == sum(x)", "x: n"),
]

REJECTED = [
    ("diag(A) == diag(A)", "A: m x n", "diag needs a square matrix; its argument is m x n"),
    ("diagm(A) == A", "A: n x n", "diagm takes a vector; its argument is n x n"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_true_identity_is_verified(identity, where):
    assert check(identity, where).status == "verified"


def test_false_identity_is_refuted():
    assert check("diagm(diag(A)) == A", "A: n x n").status == "refuted"


@pytest.mark.parametrize("identity, where, message", REJECTED)
def test_wrong_arguments_are_rejected(identity, where, message):
    with pytest.raises(IdentityError, match=message):
        check(identity, where)


def test_latex():
    assert latex("diagm(diag(A)) == diagm(diag(A))", "A: n x n").startswith(
        "\\operatorname{Diag}(\\operatorname{diag}(A)) ="
    )


def test_numeric_values_match_numpy():
    a, x = stack(4, 4), stack(4, 1)
    assert numeric("diag", a)[..., 0] == pytest.approx(np.diagonal(a, axis1=1, axis2=2), rel=1e-15)
    assert numeric("diagm", x) == pytest.approx(np.stack([np.diag(v[:, 0]) for v in x]), rel=1e-15)


def test_derivatives_by_rules():
    assert derivative("sum(diag(X) * diag(X))", "X", "X: n x n") == "2 * diagm(diag(X))"
    assert derivative("x.T @ diagm(x) @ x", "x", "x: n") == "3 * (x * x)"


def test_numpy_code():
    x = stack(3, 3)[0]
    value, gradient = numpy_function("sum(diag(X) * diag(X))", "2 * diagm(diag(X))", "X: n x n")(x)
    assert value == pytest.approx(np.sum(np.diag(x) ** 2), rel=1e-12)
    assert gradient == pytest.approx(2 * np.diag(np.diag(x)), rel=1e-12)
