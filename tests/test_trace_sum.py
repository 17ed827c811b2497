"""tr and sum (operations/trace_sum.py): checked, rejected, printed, evaluated, differentiated, coded."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative, numeric, numpy_function, stack

from matrixcalc.errors import IdentityError
from matrixcalc.latex import latex
from matrixcalc.verify import check

VERIFIED = [
    ("tr(A @ B) == tr(B @ A)", "A: m x n; B: n x m"),
    ("sum(X) == ones(m).T @ X @ ones(n)", "X: m x n"),
    ("d(tr(A @ X @ B), X) == A.T @ B.T", "A: p x m; X: m x n; B: n x p"),
]

REJECTED = [
    ("tr(x) == tr(x)", "x: n", "tr needs a square matrix; its argument is n x 1"),
    ("tr(A, A) == tr(A)", "A: n x n", "tr takes 1 argument, not 2"),
    ("sum(d(X, X)) == 1", "X: n x n", "sum takes a matrix, not a 4th-order tensor"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_true_identity_is_verified(identity, where):
    assert check(identity, where).status == "verified"


def test_false_identity_is_refuted():
    assert check("tr(A @ B) == tr(A) * tr(B)", "A: n x n; B: n x n").status == "refuted"


@pytest.mark.parametrize("identity, where, message", REJECTED)
def test_wrong_shapes_are_rejected(identity, where, message):
    with pytest.raises(IdentityError, match=message):
        check(identity, where)


def test_latex():
    assert latex("tr(A) == sum(A)", "A: n x n") == "\\operatorname{tr}(A) = \\operatorname{sum}(A)"


def test_numeric_values_match_numpy():
    a = stack(4, 4)
    assert numeric("tr", a)[:, 0, 0] == pytest.approx(np.trace(a, axis1=1, axis2=2), rel=1e-14)
    assert numeric("sum", a)[:, 0, 0] == pytest.approx(a.sum(axis=(1, 2)), rel=1e-14)


def test_derivatives_by_rules():
    assert derivative("tr(A @ X)", "X", "A: n x n; X: n x n") == "A.T"
    assert derivative("sum(X * X)", "X", "X: m x n") == "2 * X"


def test_numpy_code():
    a, x = stack(3, 3)[0], stack(3, 3)[0]
    value, gradient = numpy_function("tr(A @ X) + sum(X)", "A.T + ones(n, n)", "A: n x n; X: n x n")(a, x)
    assert value == pytest.approx(np.trace(a @ x) + x.sum(), rel=1e-14)
    assert gradient == pytest.approx(a.T + 1.0, rel=1e-14)
