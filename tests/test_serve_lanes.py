"""The serve lanes: the engine's cost model sorts requests into light and heavy before they queue."""

from __future__ import annotations

import pytest

from matrixcalc.serve.lanes import is_heavy

LIGHT = [
    ("diff", {"expression": "tr(J.T @ X @ Y)", "wrt": "X", "where": "J: m x p; X: m x n; Y: n x p"}),
    ("diff", {"expression": "sum(log(ones(n) + exp(-(y * (X @ w)))))", "wrt": "w", "where": "X: n x p; y: n; w: p"}),
    ("diff", {"expression": "X @ Y", "wrt": "vec(X)", "where": "X: m x n; Y: n x p"}),
    ("diff", {"expression": "-logdet(S) / 2", "wrt": "S", "where": "S: n x n spd"}),
    ("check", {"identity": "d(tr(A @ X @ B), X) == A.T @ B.T", "where": "A: p x m; X: m x n; B: n x p"}),
    # input that does not parse is light: its worker answers 400 at once
    ("diff", {"expression": "tr(X @", "wrt": "X", "where": "X: n x n"}),
    ("diff", {"expression": "tr(X)", "wrt": "Y", "where": "X: n x n"}),
    ("check", {"identity": "((((", "where": ""}),
]
HEAVY = [
    (
        "diff",
        {"expression": "sum(exp(kron(kron(X, A), kron(X, B))))", "wrt": "X", "where": "X: n x n; A: n x n; B: n x n"},
    ),
    ("diff", {"expression": "det(inv(X + inv(X + inv(X + inv(X)))))", "wrt": "X", "where": "X: n x n"}),
    (
        "diff",
        {
            "expression": "tr(inv(A + X @ B @ X.T) @ inv(A + X.T @ X))",
            "wrt": "X",
            "where": "X: n x n; A: n x n; B: n x n",
        },
    ),
    ("check", {"identity": "d(tr(kron(kron(X, X), X)), X) == X", "where": "X: n x n"}),
]


@pytest.mark.parametrize(("name", "fields"), LIGHT)
def test_light(name, fields):
    assert not is_heavy(name, fields)


@pytest.mark.parametrize(("name", "fields"), HEAVY)
def test_heavy(name, fields):
    assert is_heavy(name, fields)
