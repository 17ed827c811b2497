"""det and logdet (operations/determinant.py): checked, rejected, printed, evaluated, differentiated, coded."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative, numeric, numpy_function, stack

from matrixcalc.errors import IdentityError
from matrixcalc.latex import latex
from matrixcalc.numeric import Undefined
from matrixcalc.verify import check

VERIFIED = [
    ("det(A @ B) == det(A) * det(B)", "A: n x n; B: n x n"),
    ("logdet(A @ B) == logdet(A) + logdet(B)", "A: n x n spd; B: n x n spd"),
    ("d(det(X), X) == det(X) * inv(X).T", "X: n x n"),
]

REJECTED = [
    ("det(A) == 1", "A: m x n", "det needs a square matrix; its argument is m x n"),
    ("logdet(Z) == 1", "Z: n x n complex", "logdet needs a real argument: logdet needs a real determinant > 0"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_true_identity_is_verified(identity, where):
    assert check(identity, where).status == "verified"


def test_false_identity_is_refuted():
    assert check("det(A + B) == det(A) + det(B)", "A: n x n; B: n x n").status == "refuted"


@pytest.mark.parametrize("identity, where, message", REJECTED)
def test_wrong_arguments_are_rejected(identity, where, message):
    with pytest.raises(IdentityError, match=message):
        check(identity, where)


def test_latex():
    assert latex("logdet(A) == log(det(A))", "A: n x n spd") == "\\log\\det(A) = \\log(\\det(A))"


def test_numeric_values_match_numpy():
    a = stack(4, 4)
    assert numeric("det", a)[:, 0, 0] == pytest.approx(np.linalg.det(a), rel=1e-12)
    spd = a @ a.swapaxes(1, 2) + np.eye(4)
    assert numeric("logdet", spd)[:, 0, 0] == pytest.approx(np.linalg.slogdet(spd)[1], rel=1e-12)


def test_logdet_of_a_negative_determinant_is_undefined():
    with pytest.raises(Undefined, match="logdet of a non-positive number"):
        numeric("logdet", -np.eye(3)[None])


def test_derivatives_by_rules():
    assert derivative("det(X)", "X", "X: n x n") == "det(X) * inv(X).T"
    assert derivative("logdet(X)", "X", "X: n x n spd") == "inv(X)"


def test_numpy_code():
    x = stack(3, 3)[0] + 3 * np.eye(3)
    value, gradient = numpy_function("logdet(X)", "inv(X).T", "X: n x n")(x)
    assert value == pytest.approx(np.log(np.linalg.det(x)), rel=1e-12)
    assert gradient == pytest.approx(np.linalg.inv(x).T, rel=1e-12)
