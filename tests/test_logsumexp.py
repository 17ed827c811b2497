"""logsumexp(X) = log(sum(exp(X))), a scalar: checked, differentiated, printed, coded, stable."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative

from matrixcalc.calculus.numpy_code import function_source
from matrixcalc.errors import IdentityError
from matrixcalc.latex import latex
from matrixcalc.operations import OPERATIONS
from matrixcalc.verify import check

VERIFIED = [
    ("logsumexp(X) == log(sum(exp(X)))", "X: m x n"),
    ("logsumexp(x) == log(ones(n).T @ exp(x))", "x: n"),
    ("d(logsumexp(X), X) == exp(X) / sum(exp(X))", "X: m x n"),
    ("d(logsumexp(x), x) == softmax(x)", "x: n"),
    ("d(logsumexp(A @ x), x) == A.T @ softmax(A @ x)", "A: m x n; x: n"),
    ("hess(logsumexp(x), x) == diagm(softmax(x)) - softmax(x) @ softmax(x).T", "x: n"),
]

REFUTED = [
    ("logsumexp(X) == sum(X)", "X: m x n"),
    ("d(logsumexp(x), x) == exp(x)", "x: n"),
    ("d(logsumexp(A @ x), x) == A @ softmax(A.T @ x)", "A: n x n; x: n"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_true_identity_is_verified(identity, where):
    verdict = check(identity, where)
    assert verdict.status == "verified", verdict.summary()


@pytest.mark.parametrize("identity, where", REFUTED)
def test_false_identity_is_refuted(identity, where):
    assert check(identity, where).status == "refuted"


@pytest.mark.parametrize(
    "expression, wrt, where, expected",
    [
        ("logsumexp(X)", "X", "X: m x n", "exp(X) / sum(exp(X))"),
        ("logsumexp(x)", "x", "x: n", "softmax(x)"),
        ("logsumexp(A @ x)", "x", "A: m x n; x: n", "A.T @ softmax(A @ x)"),
        ("logsumexp(X @ b)", "X", "X: m x n; b: n", "softmax(X @ b) @ b.T"),
    ],
)
def test_derivative_by_rules(expression, wrt, where, expected):
    assert derivative(expression, wrt, where) == expected


def test_latex():
    assert latex("logsumexp(X) == logsumexp(X)", "X: m x n") == (
        "\\operatorname{logsumexp}(X) = \\operatorname{logsumexp}(X)"
    )


def test_numeric_value_is_stable_and_analytic():
    logsumexp = OPERATIONS["logsumexp"].numeric
    x = np.array([[[1000.0], [999.0]], [[-1000.0], [-1001.0]]])  # a batch of two vectors
    expected = np.array([1000.0, -1000.0]) + np.log1p(np.exp(-1.0))
    assert logsumexp(None, x)[:, 0, 0] == pytest.approx(expected, rel=1e-15)
    h = 1e-20
    step = np.zeros_like(x, dtype=complex)
    step[:, 0, 0] = 1j * h
    slope = logsumexp(None, x + step).imag[:, 0, 0] / h  # d/dx0 by the complex step: softmax(x)[0]
    assert slope == pytest.approx(1 / (1 + np.exp(-1.0)), rel=1e-14)


def test_numpy_code_is_stable():
    namespace: dict = {}
    exec(function_source("logsumexp(x)", "softmax(x)", "x: n"), namespace)  # noqa: S102 - our own code
    value, gradient = namespace["value_and_derivative"](np.array([1000.0, 1000.0]))
    assert value == pytest.approx(1000.0 + np.log(2.0), rel=1e-15)
    assert gradient.ravel() == pytest.approx([0.5, 0.5])


def test_complex_argument_is_rejected():
    with pytest.raises(IdentityError, match="logsumexp of a complex argument is not supported yet"):
        check("logsumexp(z) == logsumexp(z)", "z: n complex")
