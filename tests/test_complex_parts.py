"""conj, real, imag and abs (operations/complex_parts.py): checked, rejected, printed, evaluated,
differentiated; they have no NumPy code, and say so."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative, numeric, stack

from matrixcalc.calculus.numpy_code import function_source
from matrixcalc.errors import IdentityError
from matrixcalc.latex import latex
from matrixcalc.numeric import evaluate
from matrixcalc.verify import check

VERIFIED = [
    ("real(Z) == (Z + conj(Z)) / 2", "Z: m x n complex"),
    ("conj(A @ B) == conj(A) @ conj(B)", "A: m x n complex; B: n x p complex"),
    ("abs(t) ** 2 == t * conj(t)", "t: scalar complex"),
    ("d(real(tr(A @ Z)), Z) == A.T / 2", "A: n x n complex; Z: n x n complex"),
]

REJECTED = [
    ("abs(Z) == abs(Z)", "Z: n x n complex", "abs takes a scalar; its argument is n x n"),
    ("real(d(X, X)) == real(d(X, X))", "X: n x n complex", "real takes a scalar, vector or matrix"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_true_identity_is_verified(identity, where):
    assert check(identity, where).status == "verified"


def test_false_identity_is_refuted():
    assert check("conj(A @ B) == conj(B) @ conj(A)", "A: n x n complex; B: n x n complex").status == "refuted"


@pytest.mark.parametrize("identity, where, message", REJECTED)
def test_wrong_arguments_are_rejected(identity, where, message):
    with pytest.raises(IdentityError, match=message):
        check(identity, where)


def test_latex():
    text = latex("conj(z) + conj(A @ z) == real(z) + abs(t) * imag(z)", "A: n x n complex; z: n complex; t: scalar")
    assert text == "\\bar{z} + \\overline{Az} = \\operatorname{Re}(z) + \\lvert t \\rvert\\operatorname{Im}(z)"


def test_they_exist_only_in_the_complex_evaluation():
    z = stack(2, 2) + 1j * stack(2, 2)
    for name, value in [("conj", np.conj(z)), ("real", z.real), ("imag", z.imag), ("abs", np.abs(z))]:
        assert name not in evaluate.OPERATIONS
        assert numeric(name, z) == pytest.approx(value, rel=1e-15)


def test_derivatives_by_rules():
    assert derivative("tr(conj(Z) @ Z)", "Z", "Z: n x n complex") == "Z.H"
    assert derivative("real(tr(A @ Z))", "Z", "A: n x n complex; Z: n x n complex") == "A.T / 2"


def test_numpy_code_says_it_does_not_write_complex_values():
    with pytest.raises(IdentityError, match="--numpy does not write real yet"):
        function_source("real(tr(Z))", "I(n) / 2", "Z: n x n complex")
