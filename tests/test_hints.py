"""Hints that lead to the fix: a table of wrong inputs and the message each must give."""

from __future__ import annotations

import pytest

from matrixcalc import IdentityError, check

WHERE = "X: n x n"


@pytest.mark.parametrize(
    "identity, where, message",
    [
        ("d(trace(X), X) == I(n)", WHERE, "unknown function 'trace'; did you mean tr(...)?"),
        ("d(logdett(X), X) == inv(X).T", WHERE, "unknown function 'logdett'; did you mean logdet(...)?"),
        (
            "d(np.trace(X), X) == I(n)",
            WHERE,
            "'np.trace' cannot be called; only the language's functions can; did you mean tr(...)?",
        ),
        ("d(tr(np.linalg.inv(X)), X) == I(n)", WHERE, "did you mean inv(...)?"),
        ("d(lam * tr(X), X) == lam * I(n)", WHERE, "undeclared symbol 'lam': declare it in where, e.g. 'lam: scalar'"),
        ("d(x.T @ X @ x, X) == x @ x.T", WHERE, "undeclared symbol 'x': declare it in where, e.g. 'x: n'"),
        ("d(tr(Y), X) == zeros(n, n)", WHERE, "undeclared symbol 'Y': declare it in where, e.g. 'Y: n x n'"),
        ("d(lambda * tr(X), X) == I(n)", WHERE, "'lambda' is a Python keyword: write 'lam' or 'lmbda'"),
        (
            "d(tr(A @ x), x) == A",
            "x: n, A: n x n",
            "declarations are separated by ';', not ','; write 'x: n; A: n x n'",
        ),
        ("d(tr(X), X) == I(n)", "X: n x n; lambda: scalar", "'lambda' is a Python keyword: write 'lam' or 'lmbda'"),
        (
            "d(a.T @ X @ b, X) == b @ a.T",
            "a: m; b: n; X: m x n",
            "m x n on the left, n x m on the right (the right side has the left side's shape transposed: "
            "a transpose is missing or extra)",
        ),
    ],
)
def test_the_message_says_what_to_write(identity: str, where: str, message: str) -> None:
    with pytest.raises(IdentityError) as caught:
        check(identity, where)
    assert message in caught.value.message


def test_a_caret_marks_the_caret_operator_and_suggests_the_power() -> None:
    with pytest.raises(IdentityError) as caught:
        check("d(tr(X^2), X) == 2 * X.T", WHERE)
    error = caught.value
    assert error.message.startswith("'^' is not a power in the language: write '**'")
    assert (error.column, error.length) == ("d(tr(X^2), X) == 2 * X.T".index("^"), 1)


def test_a_comma_in_declarations_is_marked_at_the_comma() -> None:
    with pytest.raises(IdentityError) as caught:
        check("d(tr(A @ x), x) == A", "x: n, A: n x n")
    assert caught.value.part == "where" and caught.value.column == 4


def test_an_unknown_name_with_no_near_function_still_lists_them() -> None:
    with pytest.raises(IdentityError, match="unknown function 'frobnicate'; the functions are .*logdet.*tr"):
        check("d(frobnicate(X), X) == I(n)", WHERE)
