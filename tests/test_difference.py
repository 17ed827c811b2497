"""The pattern of a refutation, read off the two sides' numbers: one table of cases."""

from __future__ import annotations

import numpy as np
import pytest

from matrixcalc import check
from matrixcalc.difference import pattern
from matrixcalc.report import refutation_reason
from matrixcalc.transposed_symbol import transposed_symbol

M = np.array([[1.0, 2.0, -0.5], [0.3, -1.2, 4.0], [2.5, 0.7, 1.1]])
SYMMETRIC = (M + M.T) / 2
ANTISYMMETRIC = (M - M.T) / 2
V = np.array([[0.4], [-1.3], [2.2]])


@pytest.mark.parametrize(
    "left, right, expected",
    [
        (M, M.T, "the right side equals the left side transposed (a transpose is missing or extra)"),
        (M, -M, "the right side is the left side with the opposite sign"),
        (M, 2 * M, "the right side is 2 times the left side"),
        (V, 0.5 * V, "the right side is 1/2 times the left side"),
        (V, 1.7312 * V, "the right side is 1.731 times the left side"),
        (2.0, 4.0, "the right side is 2 times the left side"),
        (2.0, -2.0, "the right side is the left side with the opposite sign"),
        (M, SYMMETRIC + 3 * ANTISYMMETRIC, "only the antisymmetric part differs (the symmetric parts agree)"),
        (M, 2 * SYMMETRIC + ANTISYMMETRIC, "only the symmetric part differs (the antisymmetric parts agree)"),
        (M.tolist(), (2 * M).tolist(), "the right side is 2 times the left side"),
        ([["1+2i", "0-1i"]], [["-1-2i", "0+1i"]], "the right side is the left side with the opposite sign"),
    ],
)
def test_a_recognisable_difference_is_named(left, right, expected) -> None:
    assert pattern(left, right) == expected


@pytest.mark.parametrize(
    "left, right",
    [
        (M, M + np.eye(3) * [[1, 0, 0], [0, 0, 0], [0, 0, 2]] + [[0, 1, 0], [0, 0, 0], [0, 0, 0]]),  # no pattern
        (2.0, -0.2403),  # two numbers are always multiples: only a small fraction means something
        (M, M),  # no difference at all
        (V, M),  # shapes differ
        (M, "unknown"),
        (M, np.zeros((3, 3))),  # both parts differ
    ],
)
def test_no_pattern_is_claimed_without_one(left, right) -> None:
    assert pattern(left, right) is None


@pytest.mark.parametrize(
    "identity, where, expected",
    [
        (
            "d(x.T @ A @ y, x) == A.T @ y",
            "x: n; y: n; A: n x n",
            "the right side holds with A transposed (a transpose of A is missing or extra)",
        ),
        (
            "d(logdet(X), X) == inv(X)",
            "X: n x n invertible",
            "the right side holds with X transposed (a transpose of X is missing or extra)",
        ),
        ("d(x.T @ A @ x, x) == 2 * A @ x", "x: n; A: n x n", None),  # A + A.T, not a transpose of A
        ("d(x.T @ A @ x, x) == 2 * A @ x", "x: n; A: n x n symmetric", None),  # holds: not refuted
    ],
)
def test_the_symbol_whose_transpose_is_missing_is_named(identity, where, expected) -> None:
    verdict = check(identity, where)
    if expected is None and verdict.counterexample is None:
        assert verdict.status == "verified"
        return
    assert verdict.status == "refuted"
    assert transposed_symbol(identity, where, verdict.counterexample) == expected
    if expected:  # the report names a transpose (of the whole side, when that pattern fits first)
        assert "transpose" in refutation_reason(verdict)
