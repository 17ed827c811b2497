"""The fixed set of the peer benchmark: textbook identities and mistakes from every family.

``(family, identity, where, expected)`` with expected "verified" or "refuted". The mistakes are
the ones people make: a dropped transpose, a factor of two, a sign, swapped Kronecker factors.
"""

CASES = [
    # traces
    ("trace", "d(tr(A @ X @ B), X) == A.T @ B.T", "A: p x m; X: m x n; B: n x p", "verified"),
    ("trace", "d(tr(X.T @ A @ X), X) == (A + A.T) @ X", "X: n x m; A: n x n", "verified"),
    ("trace", "d(tr(X ** 3), X) == 3 * (X ** 2).T", "X: n x n", "verified"),
    ("trace", "tr(A @ B) == tr(B @ A) == frob(A.T, B)", "A: m x n; B: n x m", "verified"),
    ("trace", "d(tr(A @ X @ B), X) == A @ B", "A: n x n; X: n x n; B: n x n", "refuted"),
    # inverses and Sherman-Morrison
    (
        "inverse",
        "d(tr(A @ inv(X) @ B), X) == -(inv(X) @ B @ A @ inv(X)).T",
        "A: m x n; X: n x n invertible; B: n x m",
        "verified",
    ),
    (
        "inverse",
        "d(a.T @ inv(X) @ b, X) == -inv(X).T @ a @ b.T @ inv(X).T",
        "a: n; X: n x n invertible; b: n",
        "verified",
    ),
    ("inverse", "differential(inv(X), X, dX) == -inv(X) @ dX @ inv(X)", "X: n x n invertible; dX: n x n", "verified"),
    (
        "inverse",
        "inv(A + u @ v.T) == inv(A) - inv(A) @ u @ v.T @ inv(A) / (1 + v.T @ inv(A) @ u)",
        "A: n x n invertible; u: n; v: n",
        "verified",
    ),
    ("inverse", "d(a.T @ inv(X) @ b, X) == -inv(X) @ a @ b.T @ inv(X)", "a: n; X: n x n invertible; b: n", "refuted"),
    (
        "inverse",
        "inv(A + u @ v.T) == inv(A) - inv(A) @ u @ v.T @ inv(A) / (1 - v.T @ inv(A) @ u)",
        "A: n x n invertible; u: n; v: n",
        "refuted",
    ),
    # determinants and logdet
    ("det", "d(det(X), X) == det(X) * inv(X).T", "X: n x n invertible", "verified"),
    (
        "det",
        "d(det(A @ X @ B), X) == det(A @ X @ B) * inv(X).T",
        "A: n x n invertible; X: n x n invertible; B: n x n invertible",
        "verified",
    ),
    ("det", "differential(det(X), X, dX) == det(X) * tr(inv(X) @ dX)", "X: n x n invertible; dX: n x n", "verified"),
    ("det", "d(det(X), X) == det(X) * inv(X)", "X: n x n invertible", "refuted"),
    ("logdet", "d(logdet(X), X) == inv(X).T", "X: n x n", "verified"),
    ("logdet", "d(logdet(X.T @ A @ X), X) == 2 * A @ X @ inv(X.T @ A @ X)", "X: m x n; A: m x m spd", "verified"),
    ("logdet", "dsym(logdet(X), X) == inv(X)", "X: n x n spd", "verified"),
    ("logdet", "d(logdet(X), X) == inv(X)", "X: n x n", "refuted"),
    # quadratic and bilinear forms
    ("quadratic", "d(x.T @ A @ x, x) == (A + A.T) @ x", "x: n; A: n x n", "verified"),
    ("quadratic", "d(b.T @ X.T @ X @ c, X) == X @ (b @ c.T + c @ b.T)", "b: n; X: m x n; c: n", "verified"),
    ("quadratic", "d(x.T @ A @ x, x) == 2 * A @ x", "x: n; A: n x n", "refuted"),
    # norms, roots, exp and log of scalars
    ("norm", "d(norm(A @ x - b) ** 2, x) == 2 * A.T @ (A @ x - b)", "A: m x n; x: n; b: m", "verified"),
    ("norm", "d(norm(x), x) == x / norm(x)", "x: n", "verified"),
    ("norm", "d(norm(A @ x - b) ** 2, x) == A.T @ (A @ x - b)", "A: m x n; x: n; b: m", "refuted"),
    ("scalar fn", "d(exp(a.T @ X @ b), X) == exp(a.T @ X @ b) * a @ b.T", "a: m; X: m x n; b: n", "verified"),
    ("scalar fn", "d(log(x.T @ A @ x), x) == 2 * A @ x / (x.T @ A @ x)", "x: n; A: n x n spd", "verified"),
    # Kronecker and vec
    ("kron/vec", "jac(vec(A @ X @ B), vec(X)) == kron(B.T, A)", "A: p x m; X: m x n; B: n x q", "verified"),
    ("kron/vec", "jac(vec(inv(X)), vec(X)) == -kron(inv(X).T, inv(X))", "X: n x n invertible", "verified"),
    ("kron/vec", "vec(A @ X @ B) == kron(B.T, A) @ vec(X)", "A: p x m; X: m x n; B: n x q", "verified"),
    ("kron/vec", "jac(vec(X @ Y), vec(X)) == kron(I(m), Y.T)", "X: m x p; Y: p x q", "refuted"),
    # Hessians
    ("hessian", "hess(x.T @ A @ x, x) == A + A.T", "x: n; A: n x n", "verified"),
    ("hessian", "hess(norm(A @ x - b) ** 2, x) == 2 * A.T @ A", "A: m x n; x: n; b: m", "verified"),
    ("hessian", "hess(tr(X.T @ A @ X), vec(X)) == kron(I(n), A + A.T)", "X: m x n; A: m x m", "verified"),
    ("hessian", "hess(x.T @ A @ x, x) == 2 * A", "x: n; A: n x n", "refuted"),
    # Hadamard, diag, sums, tensors
    ("hadamard", "d(frob(A, hadamard(X, X)), X) == 2 * hadamard(A, X)", "A: m x n; X: m x n", "verified"),
    ("diag", "d(a.T @ diag(X), X) == diagm(a)", "a: n; X: n x n", "verified"),
    ("tensor", "d(A @ X + X @ B, X) == d(A @ X, X) + d(X @ B, X)", "A: m x m; X: m x n; B: n x n", "verified"),
    ("orthogonal", "inv(Q) == Q.T", "Q: n x n orthogonal", "verified"),
    (
        "scalar",
        "d(det(A + t * B), t) == det(A + t * B) * tr(inv(A + t * B) @ B)",
        "t: scalar; A: n x n; B: n x n",
        "verified",
    ),
]
