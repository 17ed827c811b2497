"""softplus(X) = log(1 + exp(X)) entrywise: checked, differentiated, printed, coded, stable."""

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
    ("softplus(x) - softplus(-x) == x", "x: n"),
    ("softplus(X) == log(ones(m, n) + exp(X))", "X: m x n"),
    ("d(sum(softplus(X)), X) == sigmoid(X)", "X: m x n"),
    ("d(softplus(t), t) == sigmoid(t)", "t: scalar"),
    ("jac(softplus(A @ x), x) == diagm(sigmoid(A @ x)) @ A", "A: m x n; x: n"),
]

REFUTED = [
    ("softplus(X) == log(exp(X))", "X: m x n"),
    ("d(sum(softplus(X)), X) == sigmoid(X.T)", "X: n x n"),
    ("d(sum(softplus(x)), x) == exp(x)", "x: n"),
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
        ("sum(softplus(X))", "X", "X: m x n", "sigmoid(X)"),
        ("a.T @ softplus(X @ b)", "X", "a: m x 1; X: m x n; b: n x 1", "(a * sigmoid(X @ b)) @ b.T"),
    ],
)
def test_derivative_by_rules(expression, wrt, where, expected):
    assert derivative(expression, wrt, where) == expected


def test_latex():
    assert latex("softplus(X) == softplus(X)", "X: m x n") == (
        "\\operatorname{softplus}(X) = \\operatorname{softplus}(X)"
    )


def test_numeric_value_is_stable_and_analytic():
    softplus = OPERATIONS["softplus"].numeric
    x = np.array([[-800.0], [-1.0], [0.0], [2.0], [800.0]])
    assert np.allclose(softplus(None, x), np.logaddexp(0.0, x), rtol=1e-15, atol=0)
    h = 1e-20
    slope = softplus(None, x + 1j * h).imag / h  # the complex step
    assert np.allclose(slope, 0.5 * (1 + np.tanh(x / 2)), rtol=1e-14, atol=1e-300)


def test_numpy_code_is_stable():
    namespace: dict = {}
    exec(function_source("sum(softplus(x))", "sigmoid(x)", "x: n"), namespace)  # noqa: S102 - our own code
    value, gradient = namespace["value_and_derivative"](np.array([1000.0, -1000.0]))
    assert value == pytest.approx(1000.0, rel=1e-15)
    assert gradient.ravel() == pytest.approx([1.0, 0.0])


def test_complex_argument_is_rejected():
    with pytest.raises(IdentityError, match="softplus of a complex argument is not supported yet"):
        check("softplus(z) == softplus(z)", "z: n complex")


def test_a_tensor_argument_is_rejected():
    with pytest.raises(IdentityError, match="softplus takes a scalar, vector or matrix"):
        check("softplus(d(X, X)) == softplus(d(X, X))", "X: n x n")
