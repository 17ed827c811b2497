"""The numeric interpreter: operations against plain numpy, derivatives against known values,
samples against their assumptions, and the size assignments against the cases they must cover."""

import numpy as np
import pytest

from matrixcalc.language import parse_expression, parse_identity
from matrixcalc.numeric import Undefined, check_numeric
from matrixcalc.numeric.compare import relative_error
from matrixcalc.numeric.evaluate import Evaluator
from matrixcalc.numeric.sampling import sample_matrix
from matrixcalc.sizes import size_assignments

rng = np.random.default_rng(7)
A, B, X = rng.standard_normal((3, 3)), rng.standard_normal((3, 3)), rng.standard_normal((3, 2))
v = rng.standard_normal((3, 1))
S = A @ A.T + np.eye(3)
ENV = {"A": A, "B": B, "X": X, "v": v, "S": S, "s": np.array([[1.7]])}
WHERE = "A: n x n; B: n x n; X: n x m; v: n; S: n x n spd; s: scalar"
SIZES = {"n": 3, "m": 2}


def _adjugate(a):
    return np.linalg.det(a) * np.linalg.inv(a)


def _pinv_jacobian(x):
    """d vec(pinv(X)) / d vec(X) for full column rank: dP = -P dX P + inv(X.T X) dX.T (I - X P)."""
    p, (m, n) = np.linalg.pinv(x), x.shape
    commutation = np.eye(m * n)[[j * m + i for i in range(m) for j in range(n)]]  # vec(dX.T) = K vec(dX)
    residual = np.eye(m) - x @ p
    return -np.kron(p.T, p) + np.kron(residual.T, np.linalg.inv(x.T @ x)) @ commutation


def value(text):
    node, _ = parse_expression(text, WHERE)
    return Evaluator(SIZES)(node, ENV)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A @ B - 2 * A.T", A @ B - 2 * A.T),
        ("A / s + B * s", A / 1.7 + B * 1.7),
        ("tr(A @ B)", np.trace(A @ B)),
        ("det(A)", np.linalg.det(A)),
        ("logdet(S)", np.log(np.linalg.det(S))),
        ("inv(S) @ S", np.eye(3)),
        ("A ** 3", A @ A @ A),
        ("S ** -2", np.linalg.inv(S @ S)),
        ("s ** (1/2)", np.sqrt(1.7)),
        ("kron(A, X)", np.kron(A, X)),
        ("vec(X)", X.reshape(-1, 1, order="F")),
        ("hadamard(A, B)", A * B),
        ("frob(A, B)", np.trace(A.T @ B)),
        ("norm(X)", np.linalg.norm(X)),
        ("sum(X)", X.sum()),
        ("diag(A)", np.diag(A).reshape(-1, 1)),
        ("diagm(v)", np.diag(v[:, 0])),
        ("I(n) + ones(n, n) + zeros(n, n)", np.eye(3) + 1),
        ("exp(log(s))", 1.7),
        ("adj(A)", np.linalg.det(A) * np.linalg.inv(A)),
        ("adj(A) @ A", np.linalg.det(A) * np.eye(3)),
        ("adj(v @ v.T)", np.zeros((3, 3))),  # rank one at n = 3: defined, and zero
        ("adj(s)", 1.0),
        ("pinv(X)", np.linalg.pinv(X)),
        ("pinv(X.T)", np.linalg.pinv(X.T)),
        ("pinv(v)", np.linalg.pinv(v)),
        ("pinv(A)", np.linalg.inv(A)),
        ("K(n, m) @ vec(X)", X.T.reshape(-1, 1, order="F")),
        ("K(n, m)", np.eye(6)[[0, 3, 1, 4, 2, 5]]),
        ("K(1, n)", np.eye(3)),
    ],
)
def test_operation_matches_numpy(text, expected):
    assert np.allclose(value(text), np.reshape(expected, np.shape(value(text))), rtol=1e-12, atol=1e-12)


def test_log_of_negative_is_undefined():
    with pytest.raises(Undefined):
        value("log(-s)")


def test_pinv_of_a_rank_deficient_matrix_is_undefined():
    with pytest.raises(Undefined, match="rank-deficient"):
        value("pinv(v @ v.T)")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("d(tr(A @ S), S)", A.T),
        ("d(v.T @ A @ v, v)", (A + A.T) @ v),
        ("d(det(A), A)", np.linalg.det(A) * np.linalg.inv(A).T),
        ("jac(A @ v, v)", A),
        ("jac(vec(X.T), vec(X))", np.eye(6)[[0, 3, 1, 4, 2, 5]]),
        ("hess(v.T @ A @ v, v)", A + A.T),
        ("dsym(tr(A @ S), S)", (A + A.T) / 2),
        ("differential(inv(S), S, A)", -np.linalg.inv(S) @ A @ np.linalg.inv(S)),
        ("d(s ** 3, s)", 3 * 1.7**2),
        ("d(det(A), A)", _adjugate(A).T),
        ("d(tr(adj(A)), A)", np.trace(A) * np.eye(3) - A.T),  # at n = 3 tr(adj(A)) is the 2nd invariant
        ("jac(vec(pinv(X)), vec(X))", _pinv_jacobian(X)),
    ],
)
def test_derivative_by_perturbation(text, expected):
    got = value(text)
    assert relative_error(got, np.reshape(expected, got.shape)) < 1e-9


def test_fourth_order_tensor_entries():
    t = value("d(X.T @ A, X)")  # T[i,j,k,l] = d(X.T A)[i,j] / dX[k,l] = delta_il A[k,j]
    expected = np.einsum("il,kj->ijkl", np.eye(2), A)
    assert t.shape == (2, 3, 3, 2)
    assert relative_error(t, expected) < 1e-12


@pytest.mark.parametrize(
    "assumptions, holds",
    [
        ({"symmetric"}, lambda m: np.allclose(m, m.T)),
        ({"spd", "symmetric", "invertible"}, lambda m: np.allclose(m, m.T) and np.all(np.linalg.eigvalsh(m) > 0)),
        ({"orthogonal", "invertible"}, lambda m: np.allclose(m.T @ m, np.eye(4))),
        ({"diagonal"}, lambda m: np.allclose(m, np.diag(np.diag(m)))),
        ({"invertible"}, lambda m: np.linalg.cond(m) < 10),
        (set(), lambda m: not np.allclose(m, m.T) and np.linalg.cond(m) < 10),
    ],
)
def test_samples_honour_assumptions(assumptions, holds):
    generator = np.random.default_rng(3)
    for _ in range(20):
        assert holds(sample_matrix(generator, (4, 4), frozenset(assumptions)))


def test_size_assignments_cover_distinct_equal_one_and_large():
    identity = parse_identity("A @ X == A @ X", "A: m x n; X: n x p")
    found = size_assignments(identity)
    assert {"m": 2, "n": 3, "p": 4} in found
    assert {"m": 3, "n": 3, "p": 3} in found
    assert any(sizes["n"] == 1 for sizes in found)
    assert {"m": 1, "n": 1, "p": 1} in found
    assert any(max(sizes.values()) >= 5 for sizes in found)


@pytest.mark.parametrize(
    "identity, where",
    [
        ("d(det(X), X) == tr(X) * I(n) - X.T", "X: n x n"),  # Cayley–Hamilton: true only at n = 2
        ("d(tr(X @ X), X) == 2 * X", "X: n x n"),  # true only for n = 1
        ("d(tr(A @ X), X) == A", "A: n x n; X: n x n"),
    ],
)
def test_special_size_mistakes_are_refuted(identity, where):
    result = check_numeric(parse_identity(identity, where), seed=11)
    assert result.counterexample is not None
    assert result.counterexample.relative_error > 1e-3


def test_true_identity_agrees_to_rounding():
    result = check_numeric(parse_identity("d(logdet(X), X) == inv(X).T", "X: n x n"), seed=5)
    assert result.counterexample is None
    assert result.evidence.max_relative_error < 1e-12
    assert len(result.evidence.sizes) >= 3


def test_structurally_undefined_sizes_are_skipped():
    result = check_numeric(parse_identity("d(logdet(X.T @ X), X) == 2 * X @ inv(X.T @ X)", "X: m x n"), seed=5)
    assert result.counterexample is None
    assert any(s["sizes"]["m"] < s["sizes"]["n"] for s in result.evidence.skipped)


def test_nested_derivative_near_a_singularity_is_redrawn_not_refuted():
    """Central differences on top of the complex step must not turn truncation error into a refutation."""
    inverse = "inv(A + s * B + t * C)"
    identity = f"d(d({inverse}, s), t) == {inverse} @ (C @ {inverse} @ B + B @ {inverse} @ C) @ {inverse}"
    where = "A: n x n; B: n x n; C: n x n; s: scalar; t: scalar"
    for seed in range(20):
        result = check_numeric(parse_identity(identity, where), seed=seed)
        assert result.counterexample is None, seed
        assert result.evidence.max_relative_error < 1e-8


def test_deep_nesting_inside_a_deep_stack_is_an_identity_error():
    """A hostile input must end in IdentityError even when the caller's stack is already deep."""
    import sys

    from matrixcalc.errors import IdentityError

    def nested(depth):
        if depth:
            return nested(depth - 1)
        with pytest.raises(IdentityError):
            parse_identity("-" * 399 + "x == x", "x: n")

    nested(sys.getrecursionlimit() - 300)
