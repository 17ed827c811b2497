"""The symbolic checker: true identities are proved exactly, false ones get exact counterexamples."""

from __future__ import annotations

import pytest

from matrixcalc.language import parse_identity
from matrixcalc.symbolic import check_symbolic

TRUE = [
    # traces
    ("d(tr(X), X) == I(n)", "X: n x n"),
    ("d(tr(A @ X), X) == A.T", "A: n x m; X: m x n"),
    ("d(tr(X @ A), X) == A.T", "A: n x m; X: m x n"),
    ("d(tr(A @ X @ B), X) == A.T @ B.T", "A: p x m; X: m x n; B: n x p"),
    ("d(tr(A @ X.T @ B), X) == B @ A", "A: p x n; X: m x n; B: m x p"),
    ("d(tr(X.T @ A), X) == A", "A: m x n; X: m x n"),
    ("d(tr(X @ X), X) == 2 * X.T", "X: n x n"),
    ("d(tr(X @ X.T), X) == 2 * X", "X: m x n"),
    ("d(tr(X.T @ A @ X), X) == (A + A.T) @ X", "A: m x m; X: m x n"),
    ("d(tr(X @ A @ X.T), X) == X @ (A + A.T)", "A: n x n; X: m x n"),
    ("d(tr(A @ X @ B @ X), X) == A.T @ X.T @ B.T + B.T @ X.T @ A.T", "A: n x n; B: n x n; X: n x n"),
    ("d(tr(X ** 3), X) == 3 * (X ** 2).T", "X: n x n"),
    ("d(tr(kron(X, A)), X) == tr(A) * I(n)", "X: n x n; A: m x m"),
    ("tr(kron(A, B)) == tr(A) * tr(B)", "A: m x m; B: n x n"),
    ("tr(A @ B) == tr(B @ A) == frob(A.T, B)", "A: m x n; B: n x m"),
    ("d(tr(inv(X) @ A), X) == -(inv(X) @ A @ inv(X)).T", "X: n x n invertible; A: n x n"),
    ("d(tr(A @ inv(X) @ B), X) == -(inv(X) @ B @ A @ inv(X)).T", "A: m x n; X: n x n invertible; B: n x m"),
    ("d(tr(X), X) == I(n)", "X: n x n symmetric"),
    ("d(tr(A @ X), X) == A.T", "A: n x n; X: n x n diagonal"),
    # determinants
    ("d(det(X), X) == det(X) * inv(X).T", "X: n x n invertible"),
    ("d(det(A @ X @ B), X) == det(A @ X @ B) * (inv(X)).T", "A: n x n; X: n x n; B: n x n"),
    ("d(det(X.T @ A @ X), X) == 2 * det(X.T @ A @ X) * inv(X).T", "A: n x n symmetric; X: n x n"),
    ("det(A @ B) == det(A) * det(B)", "A: n x n; B: n x n"),
    ("det(X.T) == det(X)", "X: n x n"),
    ("det(inv(X)) == 1 / det(X)", "X: n x n invertible"),
    ("det(2 * X) == 2 ** 2 * det(X)", "X: 2 x 2"),
    ("d(det(X), X) == tr(X) * I(2) - X.T", "X: 2 x 2"),
    ("det(kron(A, B)) == det(A) ** 2 * det(B) ** 2", "A: 2 x 2; B: 2 x 2"),
    # logdet
    ("d(logdet(X), X) == inv(X).T", "X: n x n"),
    ("d(logdet(X), X) == inv(X)", "X: n x n spd"),
    ("dsym(logdet(X), X) == inv(X)", "X: n x n spd"),
    ("d(logdet(A @ X @ B), X) == inv(X).T", "A: n x n; X: n x n; B: n x n"),
    ("d(logdet(X.T @ X), X) == 2 * inv(X).T", "X: n x n invertible"),
    ("d(logdet(X.T @ X), X) == 2 * X @ inv(X.T @ X)", "X: m x n"),
    ("logdet(inv(X)) == -logdet(X)", "X: n x n spd"),
    ("logdet(X @ Y) == logdet(X) + logdet(Y)", "X: n x n spd; Y: n x n spd"),
    ("logdet(X.T) == logdet(X)", "X: n x n spd"),
    ("logdet(kron(A, B)) == 2 * logdet(A) + 2 * logdet(B)", "A: 2 x 2 spd; B: 2 x 2 spd"),
    ("d(log(det(X)), X) == inv(X).T", "X: n x n"),
    # inverses
    ("differential(inv(X), X, H) == -inv(X) @ H @ inv(X)", "X: n x n invertible; H: n x n"),
    ("d(a.T @ inv(X) @ b, X) == -inv(X).T @ a @ b.T @ inv(X).T", "a: n; b: n; X: n x n invertible"),
    ("inv(A @ B) == inv(B) @ inv(A)", "A: n x n invertible; B: n x n invertible"),
    ("inv(X.T) == inv(X).T", "X: n x n invertible"),
    ("inv(kron(A, B)) == kron(inv(A), inv(B))", "A: m x m invertible; B: n x n invertible"),
    ("X ** -2 == inv(X @ X)", "X: n x n invertible"),
    ("inv(I(n) + A @ B) @ A == A @ inv(I(m) + B @ A)", "A: n x m; B: m x n"),
    # quadratic forms and vectors
    ("d(x.T @ a, x) == a", "x: n; a: n"),
    ("d(a.T @ x, x) == a", "x: n; a: n"),
    ("d(x.T @ x, x) == 2 * x", "x: n"),
    ("d(x.T @ A @ x, x) == (A + A.T) @ x", "x: n; A: n x n"),
    ("d(x.T @ A @ x, x) == 2 * A @ x", "x: n; A: n x n symmetric"),
    ("d(a.T @ X @ b, X) == a @ b.T", "a: m; X: m x n; b: n"),
    ("d(a.T @ X.T @ b, X) == b @ a.T", "a: n; X: m x n; b: m"),
    ("d(a.T @ X.T @ X @ b, X) == X @ (a @ b.T + b @ a.T)", "a: n; X: m x n; b: n"),
    ("d((A @ x + b).T @ (A @ x + b), x) == 2 * A.T @ (A @ x + b)", "A: m x n; x: n; b: m"),
    ("d(b.T @ X.T @ D @ X @ c, X) == D.T @ X @ b @ c.T + D @ X @ c @ b.T", "b: n; c: n; D: m x m; X: m x n"),
    ("jac(A @ x, x) == A", "A: m x n; x: n"),
    ("jac(x, x) == I(n)", "x: n"),
    ("hess(x.T @ A @ x, x) == A + A.T", "x: n; A: n x n"),
    ("hess(a.T @ x, x) == zeros(n, n)", "x: n; a: n"),
    ("hess((x.T @ x) ** 2, x) == 4 * (x.T @ x) * I(n) + 8 * x @ x.T", "x: n"),
    # norms
    ("d(norm(x) ** 2, x) == 2 * x", "x: n"),
    ("d(norm(x), x) == x / norm(x)", "x: n"),
    ("d(norm(X) ** 2, X) == 2 * X", "X: m x n"),
    ("d(norm(X), X) == X / norm(X)", "X: m x n"),
    ("norm(X) ** 2 == tr(X.T @ X) == frob(X, X)", "X: m x n"),
    ("d(norm(A @ x - b) ** 2, x) == 2 * A.T @ (A @ x - b)", "A: m x n; x: n; b: m"),
    ("d(sqrt(x.T @ x), x) == x / sqrt(x.T @ x)", "x: n"),
    # scalar functions
    ("d(exp(tr(X)), X) == exp(tr(X)) * I(n)", "X: n x n"),
    ("d(log(x.T @ A @ x), x) == (A + A.T) @ x / (x.T @ A @ x)", "x: n; A: n x n spd"),
    ("d(exp(a.T @ x), x) == exp(a.T @ x) * a", "a: n; x: n"),
    ("d(s * tr(X), s) == tr(X)", "s: scalar; X: n x n"),
    ("d((x.T @ x) ** (1/2), x) == x * (x.T @ x) ** (-1/2)", "x: n"),
    # vec / kron Jacobians
    ("jac(vec(A @ X @ B), vec(X)) == kron(B.T, A)", "A: p x m; X: m x n; B: n x q"),
    ("jac(vec(X @ Y), vec(X)) == kron(Y.T, I(m))", "X: m x p; Y: p x q"),
    ("jac(vec(X @ Y), vec(Y)) == kron(I(q), X)", "X: m x p; Y: p x q"),
    ("jac(vec(X.T), vec(X)) @ vec(A) == vec(A.T)", "X: m x n; A: m x n"),
    ("jac(vec(X @ X), vec(X)) == kron(X.T, I(n)) + kron(I(n), X)", "X: n x n"),
    ("jac(vec(inv(X)), vec(X)) == -kron(inv(X).T, inv(X))", "X: n x n invertible"),
    ("vec(A @ X @ B) == kron(B.T, A) @ vec(X)", "A: p x m; X: m x n; B: n x q"),
    ("hadamard(A, B) == hadamard(B, A)", "A: m x n; B: m x n"),
    ("d(sum(hadamard(A, X)), X) == A", "A: m x n; X: m x n"),
    ("diag(diagm(v)) == v", "v: n"),
    ("d(ones(n).T @ x, x) == ones(n)", "x: n"),
    # tensors, differentials, dsym, nested derivatives
    ("d(A @ x, x) == d(A @ x, x)", "A: m x n; x: n"),
    ("d(tr(X), X) == I(n)", "X: n x n diagonal"),
    ("hess(tr(X.T @ A @ X), vec(X)) == kron(I(n), A + A.T)", "X: m x n; A: m x m"),
    ("d(t * X, t) == X", "t: scalar; X: m x n"),
    (
        "differential(frob(J, X @ Y), X, dX) == frob(J, dX @ Y) == frob(J @ Y.T, dX)",
        "J: m x n; X: m x p; Y: p x n; dX: m x p",
    ),
    ("differential(X @ X, X, H) == H @ X + X @ H", "X: n x n; H: n x n"),
    ("differential(det(X), X, H) == det(X) * tr(inv(X) @ H)", "X: n x n invertible; H: n x n"),
    ("dsym(tr(A @ X), X) == (A + A.T) / 2", "A: n x n; X: n x n symmetric"),
    ("dsym(x.T @ X @ x, X) == x @ x.T", "x: n; X: n x n symmetric"),
    ("d(d(x.T @ A @ x, x).T @ b, x) == (A + A.T) @ b", "x: n; A: n x n; b: n"),
    ("d(tr(d(tr(X @ X @ X), X)), X) == 6 * X.T", "X: n x n"),
    ("Q.T @ Q == I(n)", "Q: n x n orthogonal"),
    ("d(tr(Q @ X), X) == Q.T", "Q: n x n orthogonal; X: n x n"),
    ("det(Q) ** 2 == 1", "Q: n x n orthogonal"),
    ("inv(Q) == Q.T", "Q: n x n orthogonal"),
    # adjugate, commutation matrix, pseudo-inverse (docs/language-extensions.md)
    ("adj(X) @ X == det(X) * I(n) == X @ adj(X)", "X: n x n"),
    ("d(det(X), X) == adj(X).T", "X: n x n"),
    ("adj(X) == det(X) * inv(X)", "X: n x n invertible"),
    ("adj(A @ B) == adj(B) @ adj(A)", "A: n x n; B: n x n"),
    ("adj(X.T) == adj(X).T", "X: n x n"),
    ("adj(x @ y.T) == zeros(3, 3)", "x: 3; y: 3"),  # rank one: every 2 x 2 minor vanishes
    ("jac(vec(X.T), vec(X)) == K(m, n)", "X: m x n"),
    ("K(m, n).T == K(n, m)", "A: m x n"),
    ("K(m, n) @ vec(A) == vec(A.T)", "A: m x n"),
    ("kron(B, A) == K(p, m) @ kron(A, B) @ K(n, q)", "A: m x n; B: p x q"),
    ("pinv(X) == inv(X.T @ X) @ X.T", "X: m x n"),  # wide sizes: undefined, skipped
    ("X @ pinv(X) @ X == X", "X: m x n"),
    ("pinv(X) @ X @ pinv(X) == pinv(X)", "X: m x n"),
    ("(X @ pinv(X)).T == X @ pinv(X)", "X: m x n"),
    (
        "differential(pinv(X), X, dX) == -pinv(X) @ dX @ pinv(X)"
        " + pinv(X) @ pinv(X).T @ dX.T @ (I(m) - X @ pinv(X))"
        " + (I(n) - pinv(X) @ X) @ dX.T @ pinv(X).T @ pinv(X)",
        "X: m x n; dX: m x n",
    ),
]

FALSE = [
    ("d(tr(A @ X @ B), X) == A @ B", "A: n x n; X: n x n; B: n x n"),  # missing transposes
    ("d(x.T @ x, x) == x", "x: n"),  # dropped factor 2
    ("d(tr(inv(X) @ A), X) == (inv(X) @ A @ inv(X)).T", "X: n x n invertible; A: n x n"),  # wrong sign
    ("d(det(X), X) == tr(X) * I(n) - X.T", "X: n x n"),  # Cayley–Hamilton: true only at n = 2
    ("d(logdet(X), X) == inv(X)", "X: n x n"),  # missing transpose
    ("d(tr(X @ X), X) == 2 * X", "X: n x n"),  # missing transpose: holds only for symmetric X
    ("d(norm(x), x) == x / norm(x) ** 2", "x: n"),
    ("logdet(X @ Y) == logdet(X) - logdet(Y)", "X: n x n spd; Y: n x n spd"),
    ("hess(x.T @ A @ x, x) == 2 * A", "x: n; A: n x n"),
    ("inv(A @ B) == inv(A) @ inv(B)", "A: n x n invertible; B: n x n invertible"),
    ("d(tr(Q @ X), X) == Q", "Q: n x n orthogonal; X: n x n"),
    ("det(Q) == 1", "Q: n x n orthogonal"),
    ("d(det(X), X) == adj(X)", "X: n x n"),  # missing transpose
    ("adj(A @ B) == adj(A) @ adj(B)", "A: n x n; B: n x n"),  # order not reversed
    ("adj(x @ y.T) == zeros(n, n)", "x: n; y: n"),  # zero only from n = 3 on
    ("jac(vec(X.T), vec(X)) == K(n, m)", "X: m x n"),  # sizes swapped
    ("K(m, n).T == K(m, n)", "A: m x n"),  # symmetric only when m = n
    ("kron(B, A) == K(m, p) @ kron(A, B) @ K(q, n)", "A: m x n; B: p x q"),
    ("pinv(X) @ X == I(n)", "X: m x n"),  # only for full column rank (tall X)
    ("differential(pinv(X), X, dX) == -pinv(X) @ dX @ pinv(X)", "X: m x n; dX: m x n"),  # the inverse's rule
]

# Full column rank cannot be declared, so these are checked at tall sizes only (m >= n).
TALL = {"proof_sizes": {"m": 3, "n": 2}, "exact_sizes": [{"m": 4, "n": 2}, {"m": 5, "n": 3}, {"m": 2, "n": 1}]}
PINV_TALL = [
    ("pinv(X) @ X == I(n)", "X: m x n"),
    (
        "differential(pinv(X), X, dX) == -pinv(X) @ dX @ pinv(X) + inv(X.T @ X) @ dX.T @ (I(m) - X @ pinv(X))",
        "X: m x n; dX: m x n",
    ),
]
PINV_TALL_WRONG = [
    ("X @ pinv(X) == I(m)", "X: m x n"),  # a projection, the identity only when square
    ("differential(pinv(X), X, dX) == -pinv(X) @ dX @ pinv(X) + inv(X.T @ X) @ dX.T", "X: m x n; dX: m x n"),
]


def check(text: str, where: str, **options):
    return check_symbolic(parse_identity(text, where), seed=7, **options)


@pytest.mark.parametrize("text, where", TRUE)
def test_true_identities_are_complete(text, where):
    evidence, counterexample = check(text, where, timeout=30)
    assert counterexample is None, (text, counterexample)
    assert evidence.complete, (text, evidence.reason)


@pytest.mark.parametrize("text, where", FALSE)
def test_false_identities_get_an_exact_counterexample(text, where):
    evidence, counterexample = check(text, where, timeout=30)
    assert not evidence.complete
    assert counterexample is not None and counterexample.exact and counterexample.relative_error is None
    assert counterexample.difference != 0


@pytest.mark.parametrize("text, where", PINV_TALL)
def test_pseudo_inverse_of_full_column_rank_is_proved_at_tall_sizes(text, where):
    evidence, counterexample = check(text, where, timeout=30, **TALL)
    assert counterexample is None, (text, counterexample)
    assert evidence.complete and evidence.proved == [TALL["proof_sizes"]], (text, evidence.reason)
    assert evidence.exact_random == TALL["exact_sizes"]


@pytest.mark.parametrize("text, where", PINV_TALL_WRONG)
def test_wrong_pseudo_inverse_rules_are_refuted_at_tall_sizes(text, where):
    evidence, counterexample = check(text, where, timeout=30, **TALL)
    assert not evidence.complete
    assert counterexample is not None and counterexample.exact and counterexample.sizes["m"] > counterexample.sizes["n"]


def test_adjugate_of_a_singular_symbol_matrix_is_exact():
    evidence, counterexample = check("adj(x @ y.T + z @ w.T) == zeros(4, 4)", "x: 4; y: 4; z: 4; w: 4")
    assert evidence.complete and evidence.proved == [{}] and counterexample is None


def test_the_proof_is_exact_and_every_other_size_is_evaluated_exactly():
    evidence, _ = check("d(tr(A @ X @ B), X) == A.T @ B.T", "A: p x m; X: m x n; B: n x p")
    assert evidence.proved == [{"m": 2, "n": 3, "p": 3}]
    assert {"m": 1, "n": 1, "p": 1} in evidence.exact_random and evidence.reason is None


def test_cayley_hamilton_is_proved_at_n2_and_refuted_at_n3():
    text, where = "d(det(X), X) == tr(X) * I(n) - X.T", "X: n x n"
    evidence, counterexample = check(text, where, exact_sizes=[])
    assert evidence.proved == [{"n": 2}] and counterexample is None
    evidence, counterexample = check(text, where, exact_sizes=[{"n": 3}])
    assert counterexample.sizes == {"n": 3} and counterexample.link == 0 and not evidence.proved
    assert len(counterexample.values["X"]) == 3 and len(counterexample.difference[0]) == 3


def test_a_wrong_second_link_is_named():
    _, counterexample = check("tr(A @ B) == tr(B @ A) == tr(A) * tr(B)", "A: n x n; B: n x n")
    assert counterexample.link == 1


def test_a_tiny_timeout_is_incomplete_with_a_reason():
    # seconds of exact work (m = n = 40), so that even an alarm swallowed where Python cannot raise,
    # which fires again worker.REFIRE_SECONDS later, finds it running
    identity = "d(tr(inv(A + X.T @ C @ X) @ X.T @ B @ X), X) == d(tr(X.T @ B @ X @ inv(A + X.T @ C @ X)), X)"
    where = "X: m x n; A: n x n; B: m x m; C: m x m"
    sizes = {"proof_sizes": {"m": 2, "n": 2}, "exact_sizes": [{"m": 40, "n": 40}]}
    evidence, counterexample = check(identity, where, timeout=0.001, **sizes)
    assert counterexample is None and not evidence.complete
    assert evidence.reason.startswith("timed out after 0.001s")


def test_orthogonal_symbols_are_checked_at_rational_orthogonal_points():
    evidence, counterexample = check("d(tr(Q @ X), X) == Q.T", "Q: n x n orthogonal; X: n x n")
    assert evidence.complete and not evidence.proved and "Cayley" in evidence.reason
    assert {"n": 2} in evidence.exact_random and counterexample is None


def test_sizes_where_a_side_is_always_undefined_are_skipped_with_the_reason():
    evidence, _ = check("d(logdet(X.T @ X), X) == 2 * X @ inv(X.T @ X)", "X: m x n")
    assert evidence.complete and "skipped m=1,n=2" in evidence.reason
    assert {"m": 1, "n": 2} not in evidence.exact_random + evidence.proved


def test_radical_relations_beyond_the_reductions_are_reported_not_proved():
    evidence, counterexample = check("norm(kron(x, y)) == norm(x) * norm(y)", "x: m; y: n")
    assert counterexample is None and not evidence.complete and "log/exp/root" in evidence.reason


def test_a_slow_proof_gives_way_to_a_smaller_size():
    """The proof at m=3, n=3 takes ~100 s (m=3, n=2 took 40 s before proofs used python-flint, and
    0.5 s since); its share of the box runs out and m=2, n=2 proves it."""
    shifted = "inv(A + X.T @ C @ X)"
    identity = (
        f"d(tr({shifted} @ X.T @ B @ X), X) == B @ X @ {shifted} + B.T @ X @ inv(A.T + X.T @ C.T @ X)"
        f" - C @ X @ {shifted} @ X.T @ B @ X @ {shifted}"
        " - C.T @ X @ inv(A.T + X.T @ C.T @ X) @ X.T @ B.T @ X @ inv(A.T + X.T @ C.T @ X)"
    )
    where = "X: m x n; A: n x n; B: m x m; C: m x m"
    evidence, counterexample = check(identity, where, timeout=40, proof_sizes={"m": 3, "n": 3})
    assert counterexample is None and evidence.complete
    assert evidence.proved == [{"m": 2, "n": 2}]
    assert {"m": 3, "n": 3} in evidence.exact_random  # the abandoned size is still evaluated exactly
    assert "stopped after" in evidence.reason


# -- an exact point that cannot be decided is proved with symbols at its sizes ------------------------

SHIFT = ("log(sum(exp(x + s * ones(n)))) == log(sum(exp(x))) + s", "x: n; s: scalar")


def test_an_undecided_exact_point_is_proved_with_symbols_at_its_sizes():
    """At a rational point each exp of a rational is its own atom, so exp(x_i + s) and exp(x_i) exp(s) need
    not meet and the residual is undecided; with symbols the arguments keep their structure and it cancels."""
    evidence, counterexample = check(*SHIFT, proof_sizes={"n": 2}, exact_sizes=[{"n": 3}])
    assert counterexample is None
    assert evidence.proved == [{"n": 2}, {"n": 3}] and evidence.exact_random == []
    assert evidence.complete, evidence.reason


def test_an_undecided_exact_point_too_large_for_a_proof_stays_incomplete():
    evidence, counterexample = check(*SHIFT, proof_sizes={"n": 2}, exact_sizes=[{"n": 6}])
    assert counterexample is None and not evidence.complete
    assert {"n": 6} not in evidence.proved and "n=6: sympy cannot decide" in evidence.reason


def test_an_identity_true_at_the_proof_size_only_is_still_refuted_at_the_other():
    """Cayley-Hamilton holds at n = 2 only: added to the shift, the proof at n = 2 succeeds and the exact point
    at n = 3 still refutes (its residual is far from zero, so it is decided, not left to a proof)."""
    text = "log(sum(exp(x + s * ones(n)))) * I(n) + X @ X - tr(X) * X + det(X) * I(n) == (log(sum(exp(x))) + s) * I(n)"
    evidence, counterexample = check(text, "x: n; s: scalar; X: n x n", proof_sizes={"n": 2}, exact_sizes=[{"n": 3}])
    assert counterexample is not None and counterexample.sizes == {"n": 3}
    assert not evidence.complete
