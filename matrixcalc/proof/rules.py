"""The registry: every rule the kernel may apply, each an identity of the language that holds at every size.

This table is the single source: the kernel refuses a rule ID that is not here (``Context.use``),
and the site's page *The rules of the proofs* is generated from it, each rule checked at build
time like any identity. Sizes are letters, so each statement covers every size, 1 included.

Sources say only what was read: Magnus and Neudecker (``magnus2019``) at most by chapter, as the
rest of the site cites it (ch. 1 matrices, ch. 2 Kronecker products and vec, ch. 9 identification),
or the book alone; a Cookbook equation only where ``docs/catalogue/cookbook2012-ch*.json`` records
that the equation states the rule; ``definition`` where the rule follows from the definitions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..operations import OPERATIONS

MN = "magnus2019"


@dataclass(frozen=True)
class Rule:
    """One rule: its permanent ID, kind, a title, the statement with its declarations, and its source."""

    id: str
    kind: str  # "rewrite" | "assumption" | "differential" | "identification"
    title: str
    statement: str
    where: str
    source: str


def _r(kind: str, id: str, title: str, statement: str, where: str, source: str = MN) -> Rule:
    return Rule(id, kind, title, statement, where, source)


# fmt: off
_RULES = [
    # rewrites of products
    _r("rewrite", "transpose-product", "Transpose of a product, pushed to the leaves",
       "(c * A @ B).T == c * B.T @ A.T", "A: m x n; B: n x p; c: scalar", f"{MN}, ch. 1"),
    _r("rewrite", "scalar-1x1", "A 1 x 1 product is a scalar and commutes",
       "a @ (b.T @ c) == (b.T @ c) * a == tr(c @ b.T) * a", "a: m; b: n; c: n", f"{MN}, ch. 1"),
    _r("rewrite", "trace-cyclic", "Trace of a product is invariant under cyclic rotation",
       "tr(A @ B @ C) == tr(B @ C @ A) == tr(C @ A @ B)", "A: m x n; B: n x p; C: p x m", f"{MN}, ch. 1"),
    _r("rewrite", "trace-transpose", "Trace of a transpose",
       "tr(A.T) == tr(A)", "A: n x n", f"{MN}, ch. 1"),
    _r("rewrite", "frob-trace", "Frobenius product as a trace",
       "frob(A, B) == tr(A.T @ B)", "A: m x n; B: m x n", f"{MN}, ch. 1"),
    _r("rewrite", "norm-trace", "Frobenius norm as a trace",
       "norm(A) ** 2 == tr(A.T @ A)", "A: m x n", f"{MN}, ch. 1"),
    _r("rewrite", "sum-ones", "Sum of entries as a product with vectors of ones",
       "sum(A) == ones(m).T @ A @ ones(n)", "A: m x n", "definition"),
    _r("rewrite", "matrix-power", "Integer matrix powers as products",
       "X ** 3 == X @ X @ X", "X: n x n", "definition"),
    _r("rewrite", "power-integer", "Integer powers of scalars distribute over products",
       "(a * b) ** 3 == a ** 3 * b ** 3", "a: scalar; b: scalar", "definition"),
    _r("rewrite", "power-power", "A power of a power, when the inner exponent is not an even integer",
       "(a ** 3) ** (1 / 3) == a", "a: scalar", "definition"),
    _r("rewrite", "gram-nonnegative", "A trace of U @ U.T is a sum of squares: its powers merge",
       "(tr(A.T @ A) ** 2) ** (1 / 2) == tr(A.T @ A)", "A: m x n", "definition"),
    _r("rewrite", "power-product", "Powers of one base multiply by adding exponents",
       "(1 + a ** 2) ** (1 / 2) * (1 + a ** 2) ** (3 / 2) == (1 + a ** 2) ** 2", "a: scalar", "definition"),
    _r("rewrite", "exp-product", "exp turns sums into products",
       "exp(a) * exp(b) == exp(a + b)", "a: scalar; b: scalar", "definition"),
    _r("rewrite", "log-exp", "log of exp (real values), entry by entry",
       "log(exp(A)) == A", "A: m x n", "definition"),
    _r("rewrite", "log-exp-factor", "log of a product with an exp factor (real values: exp is positive)",
       "log(t * exp(A)) == A + log(t) * ones(m, n)", "t: scalar; A: m x n", "definition"),
    _r("rewrite", "log-power", "log of a power whose exponent is not an even integer (real values)",
       "log(t ** 3) == 3 * log(t) == -log(t ** (-3))", "t: scalar", "definition"),
    _r("rewrite", "exp-constant-shift", "exp of a matrix shifted by a scalar times ones, entry by entry",
       "exp(s * ones(m, n) + A) == exp(s) * exp(A)", "s: scalar; A: m x n", "definition"),
    _r("rewrite", "exp-hadamard", "exp turns sums into entrywise products",
       "hadamard(exp(A), exp(B)) == exp(A + B)", "A: m x n; B: m x n", "definition"),
    _r("rewrite", "sigmoid-negative", "The logistic function at -u, entry by entry (a scalar is 1 x 1)",
       "sigmoid(-A) == ones(m, n) - sigmoid(A)", "A: m x n", "definition"),
    _r("rewrite", "sigmoid-exp", "The logistic function written with exp, entry by entry",
       "sigmoid(A) == exp(A) / (ones(m, n) + exp(A))", "A: m x n", "definition"),
    _r("rewrite", "tanh-negative", "tanh is odd, entry by entry",
       "tanh(-A) == -tanh(A)", "A: m x n", "definition"),
    _r("rewrite", "sin-negative", "sin is odd, entry by entry",
       "sin(-A) == -sin(A)", "A: m x n", "definition"),
    _r("rewrite", "cos-negative", "cos is even, entry by entry",
       "cos(-A) == cos(A)", "A: m x n", "definition"),
    # inverses and determinants
    _r("rewrite", "inverse-cancel", "A matrix times its inverse",
       "X @ inv(X) == inv(X) @ X == I(n)", "X: n x n invertible", f"{MN}, ch. 1"),
    _r("rewrite", "inverse-product", "Inverse of a product of square factors",
       "inv(A @ B) == inv(B) @ inv(A)", "A: n x n invertible; B: n x n invertible", f"{MN}, ch. 1"),
    _r("rewrite", "inverse-scalar", "Inverse of a scalar multiple",
       "inv(c * A) == inv(A) / c", "A: n x n invertible; c: scalar", f"{MN}, ch. 1"),
    _r("rewrite", "inverse-inverse", "Inverse of an inverse",
       "inv(inv(A)) == A", "A: n x n invertible", f"{MN}, ch. 1"),
    _r("rewrite", "inverse-sum", "The inverse of a sum times the sum",
       "inv(c * I(n) + A @ B) @ (c * I(n) + A @ B) == (c * I(n) + A @ B) @ inv(c * I(n) + A @ B) == I(n)",
       "A: n x m; B: m x n; c: scalar", f"{MN}, ch. 1"),
    _r("rewrite", "cancel-invertible-factor", "An invertible factor cancels: L = inv(M) @ (M @ L)",
       "inv(I(n) + A @ B) @ ((I(n) + A @ B) @ C) == C", "A: n x m; B: m x n; C: n x p", f"{MN}, ch. 1"),
    _r("rewrite", "adjugate", "The adjugate of a product of square matrices (dense invertible values, continuity)",
       "adj(X) == det(X) * inv(X)", "X: n x n invertible", "definition"),
    _r("rewrite", "det-product", "Determinant of a product of square factors",
       "det(A @ B) == det(A) * det(B)", "A: n x n; B: n x n", f"{MN}, ch. 1"),
    _r("rewrite", "det-transpose", "Determinant of a transpose",
       "det(A.T) == det(A)", "A: n x n", f"{MN}, ch. 1"),
    _r("rewrite", "det-inverse", "Determinant of an inverse",
       "det(inv(A)) == 1 / det(A)", "A: n x n invertible", f"{MN}, ch. 1"),
    _r("rewrite", "det-scalar", "Determinant of a scalar multiple, at a literal size",
       "det(c * A) == c ** 3 * det(A)", "A: 3 x 3; c: scalar", f"{MN}, ch. 1"),
    _r("rewrite", "logdet-transpose", "logdet of a transpose",
       "logdet(A.T) == logdet(A)", "A: n x n", f"{MN}, ch. 1"),
    _r("rewrite", "logdet-inverse", "logdet of an inverse",
       "logdet(inv(A)) == -logdet(A)", "A: n x n", f"{MN}, ch. 1"),
    # Kronecker products, vec and the commutation matrix
    _r("rewrite", "kron-transpose", "Transpose of a Kronecker product",
       "kron(A, B).T == kron(A.T, B.T)", "A: m x n; B: p x q", f"{MN}, ch. 2"),
    _r("rewrite", "kron-mixed-product", "The mixed-product rule",
       "kron(A, B) @ kron(C, D) == kron(A @ C, B @ D)", "A: m x n; B: p x q; C: n x r; D: q x s", f"{MN}, ch. 2"),
    _r("rewrite", "kron-inverse", "Inverse of a Kronecker product",
       "inv(kron(A, B)) == kron(inv(A), inv(B))", "A: m x m invertible; B: n x n invertible", f"{MN}, ch. 2"),
    _r("rewrite", "kron-identity", "Kronecker product of identities",
       "kron(I(m), I(n)) @ vec(A) == vec(A)", "A: n x m", f"{MN}, ch. 2"),
    _r("rewrite", "kron-trace", "Trace of a Kronecker product",
       "tr(kron(A, B)) == tr(A) * tr(B)", "A: m x m; B: n x n", f"{MN}, ch. 2"),
    _r("rewrite", "det-kron", "Determinant of a Kronecker product, at literal sizes",
       "det(kron(A, B)) == det(A) ** 3 * det(B) ** 2", "A: 2 x 2; B: 3 x 3", f"{MN}, ch. 2"),
    _r("rewrite", "kron-outer", "Kronecker product of a column and a row",
       "kron(a, b.T) == kron(b.T, a) == a @ b.T", "a: m; b: n", f"{MN}, ch. 2"),
    _r("rewrite", "kron-vector", "Kronecker product of columns through the mixed product",
       "kron(a, b) == kron(I(m), b) @ a == kron(a, I(n)) @ b", "a: m; b: n", f"{MN}, ch. 2"),
    _r("rewrite", "vec-product", "vec of a product",
       "kron(B.T, A) @ vec(X) == vec(A @ X @ B)", "A: p x m; X: m x n; B: n x q", f"{MN}, ch. 2"),
    _r("rewrite", "vec-inner", "Inner product of two vecs",
       "vec(A).T @ vec(B) == tr(A.T @ B)", "A: m x n; B: m x n", f"{MN}, ch. 2"),
    _r("rewrite", "commutation-vec", "The commutation matrix transposes under vec",
       "K(m, n) @ vec(A) == vec(A.T)", "A: m x n", MN),
    _r("rewrite", "commutation-inverse", "The commutation matrix is orthogonal",
       "K(m, n) @ K(n, m) @ vec(A) == vec(A)", "A: m x n", MN),
    _r("rewrite", "commutation-kron", "The commutation matrix swaps Kronecker factors",
       "K(p, m) @ kron(A, B) == kron(B, A) @ K(q, n)", "A: m x n; B: p x q", MN),
    _r("rewrite", "vec-outer", "vec of an outer product", "vec(a @ b.T) == kron(b, a)", "a: m; b: n", f"{MN}, ch. 2"),
    _r("rewrite", "vec-kron", "vec of a Kronecker product, through the commutation matrix",
       "vec(kron(A, B)) == kron(kron(I(n), K(q, m)), I(p)) @ kron(vec(A), vec(B))", "A: m x n; B: p x q", MN),
    _r("rewrite", "commutation-vector", "The commutation matrix of a vector is the identity",
       "K(n, 1) @ a == a", "a: n", MN),
    _r("rewrite", "hadamard-commutative", "The entrywise product is commutative and associative",
       "hadamard(hadamard(A, B), C) == hadamard(C, hadamard(B, A))", "A: m x n; B: m x n; C: m x n", "definition"),
    _r("rewrite", "hadamard-trace", "An entrywise product inside a Frobenius product",
       "frob(A, hadamard(B, C)) == frob(hadamard(A, B), C)", "A: m x n; B: m x n; C: m x n", "definition"),
    _r("rewrite", "hadamard-vec", "vec of an entrywise product",
       "vec(hadamard(A, B)) == diagm(vec(A)) @ vec(B)", "A: m x n; B: m x n", "definition"),
    _r("rewrite", "hadamard-identity", "Entrywise products with the identity are diagonal, hence symmetric",
       "hadamard(A, I(n)).T == hadamard(A.T, I(n)) == hadamard(hadamard(A, I(n)), I(n))", "A: n x n", "definition"),
    _r("rewrite", "diagm-ones", "The diagonal matrix of ones",
       "diagm(ones(n)) @ a == a", "a: n", "definition"),
    _r("rewrite", "clear-denominators", "A difference vanishes when it does times its (nonzero) denominator",
       "a / (1 + a ** 2) - a ** 3 / (1 + a ** 2) ** 2 == a / (1 + a ** 2) ** 2", "a: scalar", "definition"),
    _r("rewrite", "diagm-hadamard", "A diagonal matrix times a column is an entrywise product",
       "diagm(a) @ b == hadamard(a, b)", "a: n; b: n", "definition"),
    _r("rewrite", "diagm-trace", "A diagonal matrix inside a trace",
       "tr(diagm(a) @ B) == diag(B).T @ a", "a: n; B: n x n", "definition"),
    # complex values (Wirtinger calculus)
    _r("rewrite", "conj-leaves", "Conjugation pushed to the leaves",
       "conj(c * A @ B + tr(A @ B) * I(m)) == conj(c) * conj(A) @ conj(B) + tr(conj(A) @ conj(B)) * I(m)",
       "A: m x n complex; B: n x m complex; c: scalar complex", "definition"),
    _r("rewrite", "real-part", "The real part as a mean with the conjugate",
       "real(A) == (A + conj(A)) / 2", "A: m x n complex", "definition"),
    _r("rewrite", "imaginary-part", "The imaginary part with the imaginary unit (i ** 2 = -1)",
       "real(p * q) == real(p) * real(q) - imag(p) * imag(q)",
       "p: scalar complex; q: scalar complex", "cookbook2012, eq. 225"),
    _r("rewrite", "abs-square", "The modulus squared",
       "abs(c) ** 2 == c * conj(c)", "c: scalar complex", "definition"),
    _r("assumption", "hermitian-conjugate", "A Hermitian matrix is its conjugate transpose",
       "conj(Z) == Z.T", "Z: n x n complex hermitian", "definition"),
    _r("differential", "d-wirtinger", "Wirtinger derivatives treat Z and conj(Z) as independent",
       "d(tr(A @ Z + B @ conj(Z)), conj(Z)) == B.T",
       "A: n x m complex; B: n x m complex; Z: m x n complex", "cookbook2012, eq. 230"),
    _r("differential", "differential-complex", "The real-linear differential holds both Wirtinger derivatives",
       "differential(tr(A @ conj(Z)), Z, H) == tr(A @ conj(H))",
       "A: n x m complex; Z: m x n complex; H: m x n complex", "definition"),
    # declared assumptions
    _r("assumption", "symmetric-transpose", "A symmetric matrix is its transpose",
       "S.T == S", "S: n x n symmetric", "definition"),
    _r("assumption", "orthogonal-inverse", "The inverse of an orthogonal matrix is its transpose",
       "inv(Q) == Q.T", "Q: n x n orthogonal", "definition"),
    _r("assumption", "orthogonal-det", "The determinant of an orthogonal matrix squares to 1",
       "det(Q) ** 2 == 1", "Q: n x n orthogonal", "definition"),
    _r("assumption", "diagonal-hadamard", "A diagonal matrix keeps only its diagonal",
       "hadamard(D, I(n)) == hadamard(I(n), D) == D", "D: n x n diagonal", "definition"),
    _r("assumption", "diagonal-trace", "Only the diagonal of A meets a diagonal matrix in a trace",
       "tr(hadamard(A, I(n)) @ D) == tr(A @ D)", "A: n x n; D: n x n diagonal", "definition"),
    _r("assumption", "orthogonal-cancel", "An orthogonal matrix times its transpose",
       "Q.T @ Q == Q @ Q.T == I(n)", "Q: n x n orthogonal", "definition"),
    # differential rules
    _r("differential", "d-product", "The product rule (and linearity)",
       "differential(A @ X @ B @ X, X, H) == A @ H @ B @ X + A @ X @ B @ H",
       "A: n x m; X: m x n; B: n x m; H: m x n", "cookbook2012, eq. 37"),
    _r("differential", "d-trace", "Differential of a trace",
       "differential(tr(A @ X), X, H) == tr(A @ H)", "A: n x m; X: m x n; H: m x n", "cookbook2012, eq. 36"),
    _r("differential", "d-linear", "Differential of a linear map: diag and diagm",
       "differential(diagm(A @ x), x, h) == diagm(A @ h)", "A: m x n; x: n; h: n", MN),
    _r("differential", "d-vec", "Differential of vec",
       "differential(vec(A @ X), X, H) == vec(A @ H)", "A: p x m; X: m x n; H: m x n", MN),
    _r("differential", "d-kron", "Differential of a Kronecker product",
       "differential(kron(X, X), X, H) == kron(H, X) + kron(X, H)", "X: m x n; H: m x n", "cookbook2012, eq. 39"),
    _r("differential", "d-hadamard", "Differential of an entrywise product",
       "differential(hadamard(X, X), X, H) == 2 * hadamard(X, H)", "X: m x n; H: m x n", "cookbook2012, eq. 38"),
    _r("differential", "d-inverse", "Differential of the inverse",
       "differential(inv(X), X, H) == -inv(X) @ H @ inv(X)", "X: n x n invertible; H: n x n", "cookbook2012, eq. 40"),
    _r("differential", "d-det", "Differential of the determinant",
       "differential(det(X), X, H) == det(X) * tr(inv(X) @ H)",
       "X: n x n invertible; H: n x n", "cookbook2012, eq. 42"),
    _r("differential", "d-logdet", "Differential of logdet",
       "differential(logdet(X), X, H) == tr(inv(X) @ H)", "X: n x n; H: n x n", "cookbook2012, eq. 43"),
    _r("differential", "d-exp", "Differential of exp",
       "differential(exp(X), X, H) == hadamard(exp(X), H)", "X: m x n; H: m x n", MN),
    _r("differential", "d-log", "Differential of log",
       "differential(log(t), t, h) == h / t", "t: scalar; h: scalar", MN),
    _r("differential", "d-pow", "Differential of a power",
       "differential((1 + t ** 2) ** (1 / 2), t, h) == t * h / (1 + t ** 2) ** (1 / 2)", "t: scalar; h: scalar", MN),
    _r("differential", "d-sin", "Differential of sin",
       "differential(sin(X), X, H) == hadamard(cos(X), H)", "X: m x n; H: m x n", "definition"),
    _r("differential", "d-cos", "Differential of cos",
       "differential(cos(X), X, H) == -hadamard(sin(X), H)", "X: m x n; H: m x n", "definition"),
    _r("differential", "d-tanh", "Differential of tanh",
       "differential(tanh(X), X, H) == hadamard(ones(m, n) - hadamard(tanh(X), tanh(X)), H)",
       "X: m x n; H: m x n", "definition"),
    _r("differential", "d-sigmoid", "Differential of the logistic function",
       "differential(sigmoid(X), X, H) == hadamard(hadamard(sigmoid(X), ones(m, n) - sigmoid(X)), H)",
       "X: m x n; H: m x n", "definition"),
    # identification
    _r("identification", "identify-scalar", "Derivative by a scalar: the differential with dt = 1",
       "d(A + t * B, t) == differential(A + t * B, t, h) / h",
       "A: m x n; B: m x n; t: scalar; h: scalar", f"{MN}, ch. 9"),
    _r("identification", "identify-gradient", "First identification theorem: df = tr(G.T dX) gives d(f, X) = G",
       "differential(tr(A @ X), X, H) == frob(d(tr(A @ X), X), H)", "A: n x m; X: m x n; H: m x n", f"{MN}, ch. 9"),
    _r("identification", "identify-jacobian", "First identification theorem: vec dF = J vec dX",
       "vec(differential(A @ X @ B, X, H)) == jac(vec(A @ X @ B), vec(X)) @ vec(H)",
       "A: p x m; X: m x n; B: n x q; H: m x n", f"{MN}, ch. 9"),
    _r("identification", "identify-symmetric", "Gradient on symmetric matrices",
       "dsym(tr(A @ X), X) == (A + A.T) / 2", "A: n x n; X: n x n symmetric", MN),
]

# fmt: on


def definition_rule(name: str) -> str:
    """The ID of the rule that writes a registered operation as its decomposition."""
    return f"{name}-definition"


# An operation with a decomposition brings its own rule, stated in its record (matrixcalc/operations/)
_RULES += [
    _r("rewrite", definition_rule(name), f"The definition of {name}", *record.definition, "definition")
    for name, record in sorted(OPERATIONS.items())
    if record.definition is not None
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
KINDS = ("rewrite", "assumption", "differential", "identification")
