"""hadamard, ediv, frob and norm (operations/products.py): checked, rejected, printed, evaluated,
differentiated, coded."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative, numeric, numpy_function, stack

from matrixcalc.errors import IdentityError
from matrixcalc.latex import latex
from matrixcalc.verify import check

VERIFIED = [
    ("frob(A, B) == tr(A.T @ B)", "A: m x n; B: m x n"),
    ("hadamard(A, B) == A * B", "A: m x n; B: m x n"),
    ("(A / B) * B == A", "A: m x n; B: m x n"),
    ("norm(X) ** 2 == frob(X, X)", "X: m x n"),
    ("d(norm(X), X) == X / norm(X)", "X: m x n"),
]

REJECTED = [
    ("frob(A, x) == 1", "A: n x n; x: n", "frob needs two arguments of the same shape; they are n x n and n x 1"),
    ("hadamard(A, x) == A", "A: n x n; x: n", "hadamard needs two arguments of the same shape"),
    ("norm(Z) == 1", "Z: n x n complex", "norm needs a real argument: norm of a complex array is not supported yet"),
    ("ediv(A, A) == A", "A: n x n", "unknown function 'ediv'"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_true_identity_is_verified(identity, where):
    assert check(identity, where).status == "verified"


def test_false_identity_is_refuted():
    assert check("frob(A, B) == tr(A @ B)", "A: n x n; B: n x n").status == "refuted"


@pytest.mark.parametrize("identity, where, message", REJECTED)
def test_wrong_arguments_are_rejected(identity, where, message):
    with pytest.raises(IdentityError, match=message):
        check(identity, where)


def test_latex():
    text = latex("frob(A, B * C) * norm(A) == sum(A / (B * C))", "A: n x n; B: n x n; C: n x n")
    assert text == "(A : (B \\circ C))\\lVert A \\rVert_F = \\operatorname{sum}(A \\oslash (B \\circ C))"
    assert latex("norm(x) == norm(x)", "x: n") == "\\lVert x \\rVert = \\lVert x \\rVert"


def test_numeric_values_match_numpy():
    a, b = stack(3, 4), stack(3, 4)
    assert numeric("hadamard", a, b) == pytest.approx(a * b, rel=1e-15)
    assert numeric("ediv", a, b) == pytest.approx(a / b, rel=1e-15)
    assert numeric("frob", a, b)[:, 0, 0] == pytest.approx(np.einsum("bij,bij->b", a, b), rel=1e-13)
    assert numeric("norm", a)[:, 0, 0] == pytest.approx(np.linalg.norm(a, axis=(1, 2)), rel=1e-14)


def test_derivatives_by_rules():
    assert derivative("frob(A, X * X)", "X", "A: m x n; X: m x n") == "2 * (A * X)"
    assert derivative("sum(A / X)", "X", "A: m x n; X: m x n") == "-A / (X * X)"


def test_numpy_code():
    a, x = stack(2, 3)[0], stack(2, 3)[0] + 5
    value, gradient = numpy_function("sum(A / X) + norm(X)", "-A / (X * X) + X / norm(X)", "A: m x n; X: m x n")(a, x)
    assert value == pytest.approx(np.sum(a / x) + np.linalg.norm(x), rel=1e-12)
    assert gradient == pytest.approx(-a / x**2 + x / np.linalg.norm(x), rel=1e-12)
