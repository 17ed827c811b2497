"""Each rewrite rule of the simplifier, by name: an expression it rewrites and the result, which
is also verified as an identity (a wrong rule fails here even if the simplifier would hide it)."""

from __future__ import annotations

import pytest

from matrixcalc.calculus.simplify import Simplifier
from matrixcalc.calculus.simplify_rules import RULES
from matrixcalc.calculus.text import to_text
from matrixcalc.language import parse_expression
from matrixcalc.verify import check

CASES = {
    "logistic_powers": ("exp(t) * a / (1 + exp(t))", "t: scalar; a: n", "sigmoid(t) * a"),
    "merge_krons": ("kron(A, B) @ kron(C, D)", "A: m x n; B: p x q; C: n x k; D: q x r", "kron(A @ C, B @ D)"),
    "kron_vec": ("kron(B.T, A) @ vec(X)", "A: m x n; X: n x p; B: p x q", "vec(A @ X @ B)"),
    "merge_powers": ("X @ X ** 2 @ inv(X) @ inv(X)", "X: n x n", "X"),
    "expand_inverses": ("A.T @ inv(A @ X @ B).T @ B.T", "A: n x n; X: n x n; B: n x n", "inv(X).T"),
    "diagonal_times_vector": ("diagm(v) @ w", "v: n; w: n", "v * w"),
    "sum_of_entries": ("ones(n).T @ v", "v: n", "sum(v)"),
    "sum_of_transpose": ("sum(X.T)", "X: m x n", "sum(X)"),
    "norm_of_gram": ("norm(x.T @ x)", "x: n", "x.T @ x"),
    "hadamard_with_ones": ("ones(m, n) * X", "X: m x n", "X"),
    "hadamard_with_reciprocal": ("A * (ones(m, n) / X)", "A: m x n; X: m x n", "A / X"),
    "hadamard_cancels_quotient": ("X * (A / X)", "A: m x n; X: m x n", "A"),
    "quotient_by_ones": ("X / ones(m, n)", "X: m x n", "X"),
    "quotient_of_itself": ("exp(X) / exp(X)", "X: m x n", "ones(m, n)"),
    "quotient_cancels_factor": ("(A * X) / X", "A: m x n; X: m x n", "A"),
    "inverse_of_multiple": ("inv(s * X)", "s: scalar; X: n x n", "inv(X) / s"),
    "inverse_of_inverse": ("inv(inv(X))", "X: n x n", "X"),
    "inverse_of_identity": ("inv(I(n))", "x: n", "I(n)"),
    "inverse_of_transpose": ("inv(X.T)", "X: n x n", "inv(X).T"),
    "determinant_of_transpose": ("logdet(X.T)", "X: n x n", "logdet(X)"),
    "kron_of_identities": ("kron(I(2), I(3))", "", "I(6)"),
    "kron_with_one": ("kron(I(1), A)", "A: m x n", "A"),
    "kron_with_scalar": ("kron(s, A)", "s: scalar; A: m x n", "s * A"),
    "kron_of_vectors": ("kron(a.T, b)", "a: n; b: m", "b @ a.T"),
}


def test_every_rule_has_a_name_a_docstring_and_a_case():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.doc.strip() for r in RULES)
    assert set(names) == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_rewrites_and_is_an_identity(name):
    expression, where, expected = CASES[name]
    node, declarations = parse_expression(expression, where)
    assert to_text(Simplifier(declarations)(node)) == expected
    verdict = check(f"{expression} == {expected}", where)
    assert verdict.status in ("verified", "numeric-only"), verdict.summary()
