"""+, -, unary -, the scalar multiple and / by a scalar (operations/arithmetic.py): checked, rejected,
printed, evaluated, differentiated, coded."""

from __future__ import annotations

import numpy as np
import pytest
from record_checks import derivative, numpy_function, stack

from matrixcalc.errors import IdentityError
from matrixcalc.language import parse_expression
from matrixcalc.latex import latex
from matrixcalc.numeric.evaluate import OPERATIONS
from matrixcalc.verify import check

VERIFIED = [
    ("A + B - B == A", "A: m x n; B: m x n"),
    ("-(A - B) == B - A", "A: m x n; B: m x n"),
    ("(t * A) / t == A", "A: m x n; t: scalar"),
    ("d(t * tr(A) / (t + 1), t) == tr(A) / (t + 1) ** 2", "A: n x n; t: scalar"),
]

REJECTED = [
    ("A + B == A", "A: m x n; B: n x m", "'\\+' needs equal shapes: 'A' is m x n, 'B' is n x m"),
    ("A / B == A", "A: n x n; B: m x n", "division is by a scalar or, entrywise, by an array of the same shape"),
]


@pytest.mark.parametrize("identity, where", VERIFIED)
def test_true_identity_is_verified(identity, where):
    assert check(identity, where).status == "verified"


def test_false_identity_is_refuted():
    assert check("A - B == B - A", "A: m x n; B: m x n").status == "refuted"


@pytest.mark.parametrize("identity, where, message", REJECTED)
def test_wrong_shapes_are_rejected(identity, where, message):
    with pytest.raises(IdentityError, match=message):
        check(identity, where)


def test_latex():
    text = latex("A + (B - C) - -A == 2 * A / t + B * t", "A: n x n; B: n x n; C: n x n; t: scalar")
    assert text == "A + B - C - (-A) = \\frac{2A}{t} + Bt"


def test_numeric_values_match_numpy():
    node, _ = parse_expression("A * t", "A: m x n; t: scalar")
    a, t = stack(2, 3), stack(1, 1)
    assert OPERATIONS["mul"](node, a, t) == pytest.approx(a * t, rel=1e-15)
    assert OPERATIONS["div"](node, a, t) == pytest.approx(a / t, rel=1e-15)
    assert OPERATIONS["sub"](node, a, a) == pytest.approx(np.zeros_like(a))


def test_derivatives_by_rules():
    assert derivative("tr(A) / t", "t", "A: n x n; t: scalar") == "-tr(A) / t ** 2"
    assert derivative("sum(t * X - X)", "X", "X: m x n; t: scalar") == "t * ones(m, n) - ones(m, n)"


def test_numpy_code():
    x, t = stack(2, 3)[0], 1.5
    value, gradient = numpy_function("sum(X) / t", "ones(m, n) / t", "X: m x n; t: scalar")(x, t)
    assert value == pytest.approx(x.sum() / t, rel=1e-14)
    assert gradient == pytest.approx(np.ones((2, 3)) / t, rel=1e-14)
