"""Entrywise functions and products in every layer: parsed, checked exactly where the rules decide, honest otherwise."""

from __future__ import annotations

import pytest

from matrixcalc.errors import IdentityError
from matrixcalc.latex import latex
from matrixcalc.verify import check

VERIFIED = [
    ("d(sum(exp(x)), x) == exp(x)", "x: n"),
    ("d(sum(log(x)), x) == ones(n) / x", "x: n"),
    ("d(sum(sqrt(X)), X) == ones(m, n) / (2 * sqrt(X))", "X: m x n"),
    ("d(sum(sin(X)), X) == cos(X)", "X: m x n"),
    ("d(sum(cos(x)), x) == -sin(x)", "x: n"),
    ("d(sum(tanh(x)), x) == ones(n) - tanh(x) * tanh(x)", "x: n"),
    ("d(sum(sigmoid(x)), x) == sigmoid(x) * (ones(n) - sigmoid(x))", "x: n"),
    ("exp(x) * exp(-x) == ones(n)", "x: n"),
    ("d(frob(A, X * X), X) == 2 * A * X", "A: m x n; X: m x n"),
    ("d(sum(A / X), X) == -A / (X * X)", "A: m x n; X: m x n"),
    ("jac(exp(A @ x), x) == diagm(exp(A @ x)) @ A", "A: m x n; x: n"),
    ("d(exp(t) * sin(t), t) == exp(t) * (sin(t) + cos(t))", "t: scalar"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_entrywise_identity_is_verified_exactly(identity, where):
    verdict = check(identity, where)
    assert verdict.status == "verified", verdict.summary()


@pytest.mark.parametrize(
    "identity, where",
    [
        ("d(sum(sin(x)), x) == sin(x)", "x: n"),
        ("d(sum(exp(X)), X) == exp(X.T)", "X: n x n"),
        ("A * B == B / A", "A: m x n; B: m x n"),
    ],
)
def test_wrong_entrywise_identity_is_refuted(identity, where):
    assert check(identity, where).status == "refuted"


@pytest.mark.parametrize(
    "identity",
    [
        "sigmoid(x) == exp(x) / (ones(n) + exp(x))",
        "d(sum(log(ones(n) + exp(x))), x) == sigmoid(x)",
        "sigmoid(-x) == ones(n) - sigmoid(x) + 0 * exp(x)",
    ],
)
def test_sigmoid_with_exp_or_log_is_decided_through_exp(identity):
    """sigmoid(v) = exp(v) / (1 + exp(v)) in the exact check when exp or log is in the identity too."""
    verdict = check(identity, "x: n")
    assert verdict.status == "verified", verdict.symbolic.reason


@pytest.mark.parametrize(
    "identity", ["sin(x) * sin(x) + cos(x) * cos(x) == ones(n)", "tanh(x) == 2 * sigmoid(2 * x) - ones(n)"]
)
def test_what_the_rules_alone_do_not_decide_is_numeric_only_with_a_reason(identity):
    verdict = check(identity, "x: n")
    assert verdict.status == "numeric-only"
    assert verdict.symbolic.reason


def test_entrywise_latex():
    assert latex("A * B == A / B", "A: m x n; B: m x n") == r"A \circ B = A \oslash B"


@pytest.mark.parametrize(
    "identity, fragment",
    [
        ("A * X == A", "'*' multiplies by a scalar, or entrywise"),
        ("A / X == A", "division is by a scalar or, entrywise"),
    ],
)
def test_entrywise_shape_errors(identity, fragment):
    with pytest.raises(IdentityError) as info:
        check(identity, "A: m x n; X: n x n")
    assert fragment in info.value.message
