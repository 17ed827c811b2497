"""A.T and A.H (operations/transposes.py): checked, printed, evaluated, differentiated, coded (.T only)."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative, numpy_function, stack

from matrixcalc.calculus.numpy_code import function_source
from matrixcalc.errors import IdentityError
from matrixcalc.latex import latex
from matrixcalc.numeric.evaluate import COMPLEX_OPERATIONS, OPERATIONS
from matrixcalc.verify import check

VERIFIED = [
    ("(A @ B).T == B.T @ A.T", "A: m x n; B: n x p"),
    ("(A @ B).H == B.H @ A.H", "A: m x n complex; B: n x p complex"),
    ("Z.H == conj(Z).T", "Z: m x n complex"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_true_identity_is_verified(identity, where):
    assert check(identity, where).status == "verified"


def test_false_identity_is_refuted():
    assert check("(A @ B).T == A.T @ B.T", "A: n x n; B: n x n").status == "refuted"


def test_latex():
    text = latex("inv(A).T + (A @ B).T == inv(Z).H + Z.H", "A: n x n; B: n x n; Z: n x n complex")
    assert text == "A^{-\\top} + (AB)^\\top = Z^{-\\mathsf{H}} + Z^{\\mathsf{H}}"


def test_numeric_values_match_numpy():
    a = stack(2, 3) + 1j * stack(2, 3)
    assert OPERATIONS["transpose"](None, a.real) == pytest.approx(a.real.swapaxes(1, 2))
    assert "ctranspose" not in OPERATIONS  # not analytic: complex evaluation only
    assert COMPLEX_OPERATIONS["ctranspose"](None, a) == pytest.approx(np.conj(a).swapaxes(1, 2))


def test_derivatives_by_rules():
    assert derivative("tr(A @ X.T)", "X", "A: n x n; X: n x n") == "A"
    assert derivative("real(tr(A @ Z.H))", "Z", "A: n x n complex; Z: n x n complex") == "conj(A) / 2"


def test_numpy_code():
    a, x = stack(3, 3)[0], stack(3, 3)[0]
    value, gradient = numpy_function("tr(A @ X.T)", "A", "A: n x n; X: n x n")(a, x)
    assert value == pytest.approx(np.trace(a @ x.T), rel=1e-14)
    assert gradient == pytest.approx(a)
    with pytest.raises(IdentityError, match="--numpy does not write ctranspose yet"):
        function_source("tr(Z.H @ Z)", "conj(Z)", "Z: n x n complex")
