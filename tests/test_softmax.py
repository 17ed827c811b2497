"""softmax(x) = exp(x) / sum(exp(x)) of a column vector: checked, differentiated, printed, coded, stable."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative

from matrixcalc.calculus.numpy_code import function_source
from matrixcalc.errors import IdentityError
from matrixcalc.latex import latex
from matrixcalc.operations import OPERATIONS
from matrixcalc.verify import check

CROSS_ENTROPY = ("y.T @ log(softmax(W @ x))", "y: m x 1; W: m x n; x: n x 1")

VERIFIED = [
    ("softmax(x) == exp(x) / sum(exp(x))", "x: n"),
    ("sum(softmax(x)) == 1", "x: n"),
    ("log(softmax(x)) == x - logsumexp(x) * ones(n)", "x: n"),
    ("softmax(x) == exp(x - logsumexp(x) * ones(n))", "x: n"),
    ("softmax(x + c * ones(n)) == softmax(x)", "x: n; c: scalar"),
    ("jac(softmax(x), x) == diagm(softmax(x)) - softmax(x) @ softmax(x).T", "x: n"),
    ("d(y.T @ softmax(x), x) == (diagm(softmax(x)) - softmax(x) @ softmax(x).T) @ y", "x: n; y: n"),
    ("d(y.T @ log(softmax(W @ x)), x) == W.T @ (y - sum(y) * softmax(W @ x))", CROSS_ENTROPY[1]),
]

REFUTED = [
    ("log(softmax(x)) == x", "x: n"),
    ("jac(softmax(x), x) == diagm(softmax(x))", "x: n"),
    ("jac(softmax(x), x) == diagm(softmax(x)) + softmax(x) @ softmax(x).T", "x: n"),
    ("d(y.T @ log(softmax(W @ x)), x) == W.T @ (y - softmax(W @ x))", CROSS_ENTROPY[1]),
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
        ("softmax(x)", "x", "x: n", "diagm(softmax(x)) - softmax(x) @ softmax(x).T"),
        (*CROSS_ENTROPY[:1], "x", CROSS_ENTROPY[1], "W.T @ (y - sum(y) * softmax(W @ x))"),
        (*CROSS_ENTROPY[:1], "W", CROSS_ENTROPY[1], "(y - sum(y) * softmax(W @ x)) @ x.T"),
    ],
)
def test_derivative_by_rules(expression, wrt, where, expected):
    assert derivative(expression, wrt, where) == expected


def test_logsumexp_shift_is_proved_for_every_size():
    """logsumexp(x + c) == logsumexp(x) + c: the kernel takes the shift out of the exp (exp-constant-shift)
    and the log of the product apart (log-exp-factor), and the exact proof at one size confirms it."""
    verdict = check("logsumexp(x + c * ones(n)) == logsumexp(x) + c", "x: n; c: scalar")
    assert verdict.status == "verified" and verdict.all_sizes
    assert {"exp-constant-shift", "log-exp-factor"} <= set(
        verdict.proof["links"][0]["left"] + verdict.proof["links"][0]["right"]
    )


def test_latex():
    assert latex("softmax(x) == softmax(x)", "x: n") == "\\operatorname{softmax}(x) = \\operatorname{softmax}(x)"


def test_numeric_value_is_stable_and_analytic():
    softmax = OPERATIONS["softmax"].numeric
    x = np.array([[1000.0], [999.0], [-1000.0]])
    expected = np.exp(x - 1000.0) / np.exp(x - 1000.0).sum()
    assert softmax(None, x) == pytest.approx(expected, rel=1e-15)
    h = 1e-20
    slope = softmax(None, x + np.array([[1j * h], [0], [0]])).imag / h  # first column of the Jacobian
    s = expected
    assert slope == pytest.approx((np.diagflat(s) - s @ s.T)[:, :1], rel=1e-14, abs=1e-300)


def test_numpy_code_is_stable():
    namespace: dict = {}
    source = function_source(CROSS_ENTROPY[0], "W.T @ (y - sum(y) * softmax(W @ x))", CROSS_ENTROPY[1])
    exec(source, namespace)  # noqa: S102 - our own code
    y, w, x = np.array([1.0, 0.0]), np.array([[600.0], [-600.0]]), np.array([1.0])
    value, gradient = namespace["value_and_derivative"](y, w, x)
    assert value == pytest.approx(0.0, abs=1e-300)
    assert gradient == pytest.approx(0.0, abs=1e-300)


def test_a_matrix_argument_is_rejected():
    with pytest.raises(IdentityError, match="softmax takes a column vector; its argument is m x n"):
        check("softmax(X) == softmax(X)", "X: m x n")


def test_complex_argument_is_rejected():
    with pytest.raises(IdentityError, match="softmax of a complex argument is not supported yet"):
        check("softmax(z) == softmax(z)", "z: n complex")
