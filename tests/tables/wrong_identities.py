"""Identities that must be refuted: ``(id, identity, where, mistake)``.

Every entry type-checks, so the checker has to find a counterexample rather than reject it.
``HANDWRITTEN`` holds the classic mistakes one by one; ``mutants()`` adds systematic mutations of
the true table (a flipped sign, a lost transpose, swapped factors, ...), minus the few that
happen to be true, listed in ``NOT_WRONG`` with the reason.
"""

import re

from .true_identities import TRUE

HANDWRITTEN = [
    # -- the wrong answers to "what is d(XY)/dX for matrices of different orders?" ----------
    (
        "XY-jac-swapped",
        "jac(vec(X @ Y), vec(X)) == kron(I(m), Y.T)",
        "X: m x p; Y: p x q",
        "kron arguments swapped (true at m = 1)",
    ),
    ("XY-jac-noT", "jac(vec(X @ Y), vec(X)) == kron(Y, I(m))", "X: m x p; Y: p x p", "transpose of Y dropped"),
    (
        "XY-jac-Y-swapped",
        "jac(vec(X @ Y), vec(Y)) == kron(X, I(q))",
        "X: m x p; Y: p x q",
        "kron arguments swapped (true at q = 1)",
    ),
    ("XY-jac-Y-T", "jac(vec(X @ Y), vec(Y)) == kron(I(n), X.T)", "X: n x n; Y: n x n", "transpose added to X"),
    ("XY-frob-noT", "d(frob(J, X @ Y), X) == J @ Y", "J: m x p; X: m x p; Y: p x p", "transpose of Y dropped"),
    ("XY-frob-order", "d(frob(J, X @ Y), X) == Y.T @ J", "J: n x n; X: n x n; Y: n x n", "factors swapped"),
    ("XY-frob-JT", "d(frob(J, X @ Y), X) == J.T @ Y.T", "J: n x n; X: n x n; Y: n x n", "transpose added to J"),
    (
        "XY-frob-diff",
        "differential(frob(J, X @ Y), X, dX) == frob(J, X @ dX)",
        "J: n x n; X: n x n; Y: n x n; dX: n x n",
        "differential put on the wrong factor",
    ),
    # -- Cayley–Hamilton: true only at n = 2 --------------------------------------------------
    ("det-cayley-n", "d(det(X), X) == tr(X) * I(n) - X.T", "X: n x n", "adjugate formula of 2 x 2 used for every n"),
    ("det-cayley-3", "d(det(X), X) == tr(X) * I(3) - X.T", "X: 3 x 3", "adjugate formula of 2 x 2 used at n = 3"),
    ("det-cayley-noT", "d(det(X), X) == tr(X) * I(2) - X", "X: 2 x 2", "transpose of the adjugate dropped"),
    # -- symmetric-only formulas applied to a general matrix -----------------------------------
    ("sym-xAx", "d(x.T @ A @ x, x) == 2 * A @ x", "x: n; A: n x n", "symmetric-only formula (true at n = 1)"),
    ("sym-XTAX", "d(tr(X.T @ A @ X), X) == 2 * A @ X", "X: n x m; A: n x n", "symmetric-only formula"),
    ("sym-hess", "hess(x.T @ A @ x, x) == 2 * A", "x: n; A: n x n", "symmetric-only formula"),
    ("sym-logdet", "d(logdet(X), X) == inv(X)", "X: n x n", "spd-only formula (true at n = 1)"),
    ("sym-det", "d(det(X), X) == det(X) * inv(X)", "X: n x n invertible", "transpose dropped: symmetric-only"),
    ("sym-dsym-logdet", "dsym(logdet(X), X) == inv(X)", "X: n x n", "dsym of a non-symmetric point"),
    ("sym-dsym-AX", "dsym(tr(A @ X), X) == A", "A: n x n; X: n x n symmetric", "gradient not symmetrized"),
    ("sym-dsym-aXb", "dsym(a.T @ X @ b, X) == a @ b.T", "a: n; b: n; X: n x n", "gradient not symmetrized"),
    ("sym-dsym-trAX-G", "dsym(tr(A @ X), X) == A.T", "A: n x n; X: n x n", "plain gradient given for dsym"),
    (
        "sym-dsym-double",
        "dsym(tr(A @ X), X) == A + A.T - diagm(diag(A))",
        "A: n x n; X: n x n",
        "gradient of the independent upper triangle, not dsym",
    ),
    ("sym-trX2", "d(tr(X ** 2), X) == 2 * X", "X: n x n", "transpose dropped (true at n = 1)"),
    ("sym-trX3", "d(tr(X ** 3), X) == 3 * X ** 2", "X: n x n", "transpose dropped (true at n = 1)"),
    ("sym-trinv", "d(tr(inv(X)), X) == -inv(X) @ inv(X)", "X: n x n invertible", "transpose dropped"),
    (
        "sym-jac-inv",
        "jac(vec(inv(X)), vec(X)) == -kron(inv(X), inv(X).T)",
        "X: n x n invertible",
        "kron arguments swapped",
    ),
    (
        "sym-jac-inv-noT",
        "jac(vec(inv(X)), vec(X)) == -kron(inv(X), inv(X))",
        "X: n x n invertible",
        "transpose dropped",
    ),
    ("sym-trAX", "d(tr(A @ X), X) == A", "A: n x n; X: n x n", "transpose dropped"),
    ("orth-general", "inv(X) == X.T", "X: n x n invertible", "orthogonal-only formula"),
    ("orth-square", "Q @ Q == I(n)", "Q: n x n orthogonal", "Q.T replaced by Q"),
    ("diag-commute-general", "D @ A == A @ D", "D: n x n diagonal; A: n x n", "only diagonal matrices commute"),
    # -- true only at size 1 (commutativity of scalars) ----------------------------------------
    ("n1-commute", "A @ B == B @ A", "A: n x n; B: n x n", "matrices do not commute"),
    ("n1-kron-comm", "kron(A, B) == kron(B, A)", "A: n x n; B: m x m", "Kronecker product is not commutative"),
    ("n1-inv-prod", "inv(A @ B) == inv(A) @ inv(B)", "A: n x n invertible; B: n x n invertible", "order of inverses"),
    ("n1-diff-X2", "differential(X ** 2, X, dX) == 2 * X @ dX", "X: n x n; dX: n x n", "X and dX commuted"),
    (
        "n1-diff-inv",
        "differential(inv(X), X, dX) == -inv(X) @ inv(X) @ dX",
        "X: n x n invertible; dX: n x n",
        "X and dX commuted",
    ),
    ("n1-AX2", "d(tr(A @ X ** 2), X) == 2 * A.T @ X.T", "A: n x n; X: n x n", "A and X commuted"),
    (
        "n1-dt-square",
        "d((A + t * B) ** 2, t) == 2 * (A + t * B) @ B",
        "t: scalar; A: n x n; B: n x n",
        "A + tB and B commuted",
    ),
    (
        "n1-dt-inv",
        "d(inv(A + t * B), t) == -inv(A + t * B) @ inv(A + t * B) @ B",
        "t: scalar; A: n x n; B: n x n",
        "B moved out of the middle",
    ),
    ("n1-trace-mult", "tr(A @ B) == tr(A) * tr(B)", "A: n x n; B: n x n", "trace is not multiplicative"),
    ("n1-XT", "X.T == X", "X: n x n", "transpose is not the identity map"),
    ("n1-ones-I", "d(tr(X), X) == ones(n, n)", "X: n x n", "all-ones matrix instead of the identity"),
    ("n1-I-ones", "d(sum(X), X) == I(n)", "X: n x n", "identity instead of the all-ones matrix"),
    ("n1-jac-ones", "jac(x, x) == ones(n, n)", "x: n", "all-ones matrix instead of the identity"),
    # -- true only for square shapes -----------------------------------------------------------
    ("sq-det-swap", "det(A @ B) == det(B @ A)", "A: n x m; B: m x n", "det(AB) = det(BA) only for square factors"),
    ("sq-det-gram", "det(X.T @ X) == det(X @ X.T)", "X: m x n", "the larger Gram matrix is singular"),
    ("sq-projector", "X @ inv(X.T @ X) @ X.T == I(m)", "X: m x n", "a projector, the identity only when square"),
    # -- wrong identity size that still type-checks --------------------------------------------
    (
        "size-tr-kron",
        "d(tr(kron(X, I(m))), X) == tr(I(n)) * I(n)",
        "X: n x n; B: m x m",
        "trace of the wrong identity (true at m = n)",
    ),
    (
        "size-sum-kron",
        "d(sum(kron(X, ones(m, p))), X) == tr(I(m)) * tr(I(m)) * ones(n, n)",
        "X: n x n; B: m x p",
        "size of the wrong all-ones block (true at p = m)",
    ),
    ("size-norm-I", "norm(I(n)) ** 2 == tr(I(m))", "X: m x n", "norm of the wrong identity"),
    ("size-literal", "jac(vec(X @ Y), vec(X)) == kron(I(2), Y.T)", "X: 2 x 3; Y: 3 x 2", "identity on the wrong side"),
    (
        "size-hess-frob",
        "hess(frob(X, X), vec(X)) == 2 * kron(I(n), ones(m, m))",
        "X: m x n",
        "all-ones block instead of the identity",
    ),
    # -- Kronecker, vec ------------------------------------------------------------------------
    (
        "vec-AXB-swapped",
        "vec(A @ X @ B) == kron(A, B.T) @ vec(X)",
        "A: p x m; X: m x n; B: n x q",
        "kron arguments swapped",
    ),
    ("vec-AXB-noT", "vec(A @ X @ B) == kron(B, A) @ vec(X)", "A: p x m; X: m x m; B: m x m", "transpose of B dropped"),
    (
        "jac-AXB-swapped",
        "jac(vec(A @ X @ B), vec(X)) == kron(A, B.T)",
        "A: p x m; X: m x n; B: n x q",
        "kron arguments swapped",
    ),
    ("jac-AX-swapped", "jac(vec(A @ X), vec(X)) == kron(A, I(n))", "A: m x m; X: m x n", "kron arguments swapped"),
    ("vec-AB-swapped", "vec(A @ B) == kron(A, I(q)) @ vec(B)", "A: m x n; B: n x q", "kron arguments swapped"),
    ("vec-tr-T", "tr(A.T @ B) == vec(A.T).T @ vec(B)", "A: m x n; B: m x n", "vec of the transpose"),
    ("vec-ab-swapped", "vec(a @ b.T) == kron(a, b)", "a: m; b: n", "kron arguments swapped"),
    (
        "kron-T-swapped",
        "kron(A, B).T == kron(B.T, A.T)",
        "A: m x n; B: p x q",
        "transpose reverses a product, not kron",
    ),
    (
        "kron-mixed-wrong",
        "kron(A, B) @ kron(C, D) == kron(A @ D, B @ C)",
        "A: n x n; B: n x n; C: n x n; D: n x n",
        "mixed-product pairs mixed up",
    ),
    (
        "kron-inv-swapped",
        "inv(kron(A, B)) == kron(inv(B), inv(A))",
        "A: n x n invertible; B: m x m invertible",
        "kron inverse order reversed",
    ),
    ("kron-tr-sum", "tr(kron(A, B)) == tr(A) + tr(B)", "A: n x n; B: m x m", "sum instead of product"),
    ("kron-det-exp", "det(kron(A, B)) == det(A) ** 2 * det(B) ** 3", "A: 2 x 2; B: 3 x 3", "exponents swapped"),
    # -- determinants and inverses -------------------------------------------------------------
    (
        "det-noT-AXB",
        "d(det(A @ X @ B), X) == det(A @ X @ B) * inv(X)",
        "A: n x n invertible; X: n x n invertible; B: n x n invertible",
        "transpose dropped",
    ),
    ("det-inv-only", "d(det(X), X) == inv(X).T", "X: n x n invertible", "det(X) factor lost (that is logdet)"),
    ("logdet-det", "d(logdet(X), X) == det(X) * inv(X).T", "X: n x n", "det(X) factor added (that is det)"),
    ("logdet-XTX-half", "d(logdet(X.T @ X), X) == X @ inv(X.T @ X)", "X: m x n", "factor 2 lost"),
    ("det-X3-k", "d(det(X ** 3), X) == det(X ** 3) * inv(X).T", "X: n x n invertible", "power k lost"),
    (
        "det-jacobi-order",
        "differential(det(X), X, dX) == det(X) * tr(inv(dX) @ X)",
        "X: n x n; dX: n x n invertible",
        "X and dX exchanged",
    ),
    (
        "inv-diff-sign",
        "differential(inv(X), X, dX) == inv(X) @ dX @ inv(X)",
        "X: n x n invertible; dX: n x n",
        "sign flipped",
    ),
    (
        "inv-aXb-noT",
        "d(a.T @ inv(X) @ b, X) == -inv(X) @ a @ b.T @ inv(X)",
        "a: n; X: n x n invertible; b: n",
        "transposes dropped",
    ),
    ("inv-as-T", "inv(X) == X.T", "X: n x n", "inverse replaced by transpose"),
    (
        "dt-det-wrong",
        "d(det(A + t * B), t) == det(A + t * B) * tr(inv(B) @ A)",
        "t: scalar; A: n x n; B: n x n invertible",
        "inverse of the wrong matrix",
    ),
    # -- quadratic and bilinear forms ----------------------------------------------------------
    ("bil-aXb-swapped", "d(a.T @ X @ b, X) == b @ a.T", "a: n; X: n x n; b: n", "outer product reversed"),
    ("bil-xAy-T", "d(x.T @ A @ y, x) == A.T @ y", "x: n; A: n x n; y: n", "transpose added"),
    ("quad-half", "d(x.T @ x, x) == x", "x: n", "factor 2 lost"),
    ("quad-noT-A", "d(x.T @ A @ x, x) == A @ x", "x: n; A: n x n", "A.T @ x term lost"),
    (
        "quad-affine-lost",
        "d((A @ x + b).T @ C @ (D @ x + e), x) == D.T @ C.T @ (A @ x + b)",
        "x: n; A: m x n; b: m; C: m x p; D: p x n; e: p",
        "one product-rule term lost",
    ),
    (
        "quad-Xbc-half",
        "d((X @ b + c).T @ D @ (X @ b + c), X) == D @ (X @ b + c) @ b.T",
        "X: m x n; b: n; c: m; D: m x m",
        "D.T term lost",
    ),
    # -- norms, scalar functions ---------------------------------------------------------------
    ("norm-x-noscale", "d(norm(x), x) == x", "x: n", "division by the norm lost"),
    ("norm-X-2", "d(norm(X), X) == 2 * X", "X: m x n", "norm confused with squared norm"),
    ("norm2-X-1", "d(norm(X) ** 2, X) == X", "X: m x n", "factor 2 lost"),
    ("norm-lsq-A", "d(norm(A @ x - b) ** 2, x) == 2 * A @ (A @ x - b)", "A: n x n; x: n; b: n", "transpose of A lost"),
    ("norm-lsq-sign", "d(norm(A @ x - b) ** 2, x) == 2 * A.T @ (b - A @ x)", "A: m x n; x: n; b: m", "sign flipped"),
    ("norm-XTX-2", "d(norm(X.T @ X) ** 2, X) == 2 * X @ X.T @ X", "X: m x n", "factor 4 halved"),
    ("norm-chain-TT", "norm(X) ** 2 == tr(X.T @ X) == tr(X @ X)", "X: n x n", "X.T @ X replaced by X @ X"),
    ("sqrt-half", "d(sqrt(x.T @ x), x) == x / (2 * sqrt(x.T @ x))", "x: n", "inner factor 2 lost"),
    ("recip-half", "d(1 / (x.T @ x), x) == -x / (x.T @ x) ** 2", "x: n", "factor 2 lost"),
    ("exp-trX-X", "d(exp(tr(X)), X) == exp(tr(X)) * X", "X: n x n", "inner derivative wrong"),
    (
        "log-xAx-sym",
        "d(log(x.T @ A @ x), x) == 2 * A @ x / (x.T @ A @ x)",
        "x: n; A: n x n",
        "symmetric-only formula on a general A",
    ),
    ("trX-cubed-power", "d(tr(X) ** 3, X) == 3 * tr(X ** 2) * I(n)", "X: n x n", "tr(X)^2 confused with tr(X^2)"),
    ("scalar-t3", "d(t ** 3, t) == 3 * t ** 3", "t: scalar", "power not lowered"),
    ("dt-exp-lost", "d(exp(t) * A, t) == A", "t: scalar; A: m x n", "exp factor lost"),
    # -- Jacobians and Hessians ----------------------------------------------------------------
    ("jac-Ax-T", "jac(A @ x, x) == A.T", "A: n x n; x: n", "denominator layout used for a Jacobian"),
    ("jac-unit-lost", "jac(x / norm(x), x) == I(n) / norm(x)", "x: n", "quotient-rule term lost"),
    ("jac-normx-lost", "jac(norm(x) * x, x) == norm(x) * I(n)", "x: n", "product-rule term lost"),
    ("jac-X2-one", "jac(vec(X ** 2), vec(X)) == 2 * kron(I(n), X)", "X: n x n", "X and dX commuted"),
    (
        "jac-hadamard-vec",
        "jac(vec(hadamard(A, X)), vec(X)) == kron(I(n), A)",
        "A: n x n; X: n x n",
        "hadamard product treated as a matrix product",
    ),
    ("hess-xAx-A", "hess(x.T @ A @ x, x) == A", "x: n; A: n x n symmetric", "factor 2 lost"),
    ("hess-lsq-AAT", "hess(norm(A @ x - b) ** 2, x) == 2 * A @ A.T", "A: n x n; x: n; b: n", "A A^T instead of A^T A"),
    ("hess-exp-I", "hess(exp(a.T @ x), x) == exp(a.T @ x) * I(n)", "a: n; x: n", "outer product lost"),
    ("hess-norm4", "hess(norm(x) ** 4, x) == 12 * (x.T @ x) * I(n)", "x: n", "one-dimensional rule used"),
    (
        "hess-trXTAX-swapped",
        "hess(tr(X.T @ A @ X), vec(X)) == kron(A + A.T, I(n))",
        "X: n x n; A: n x n",
        "kron arguments swapped",
    ),
    (
        "hess-logquad-lost",
        "hess(log(x.T @ A @ x), x) == 2 * A / (x.T @ A @ x)",
        "x: n; A: n x n spd",
        "quotient-rule term lost",
    ),
    # -- differentials, chains, Hadamard, diag -------------------------------------------------
    ("diff-XTX-2", "differential(X.T @ X, X, dX) == 2 * X.T @ dX", "X: m x n; dX: m x n", "dX.T @ X term merged"),
    (
        "diff-hadamard-lost",
        "differential(hadamard(X, X), X, dX) == hadamard(X, dX)",
        "X: m x n; dX: m x n",
        "factor 2 lost",
    ),
    (
        "diff-kron-swapped",
        "differential(kron(X, B), X, dX) == kron(B, dX)",
        "X: n x n; dX: n x n; B: n x n",
        "kron arguments swapped",
    ),
    ("chain-frob-noT", "tr(A @ B) == tr(B @ A) == frob(A, B)", "A: n x n; B: n x n", "second link: A.T needed"),
    (
        "chain-logdet-noT",
        "differential(logdet(X), X, dX) == tr(inv(X) @ dX) == frob(inv(X), dX)",
        "X: n x n; dX: n x n",
        "second link: inv(X).T needed",
    ),
    ("had-frob-lost", "d(frob(A, hadamard(X, X)), X) == hadamard(A, X)", "A: m x n; X: m x n", "factor 2 lost"),
    (
        "had-tr-noT",
        "d(tr(A @ hadamard(X, B)), X) == hadamard(A, B)",
        "A: n x n; X: n x n; B: n x n",
        "transpose of A dropped",
    ),
    ("had-as-matmul", "hadamard(A, B) == A @ B", "A: n x n; B: n x n", "hadamard is not the matrix product"),
    ("diagm-quad-half", "d(x.T @ diagm(a) @ x, x) == hadamard(a, x)", "x: n; a: n", "factor 2 lost"),
    ("diag-aX-full", "d(a.T @ diag(X), X) == a @ ones(n).T", "a: n; X: n x n", "off-diagonal entries kept"),
    ("diagm-A-T", "d(tr(diagm(x) @ A), x) == diag(A) + ones(n)", "x: n; A: n x n", "constant added"),
    # -- 4th-order tensors ---------------------------------------------------------------------
    ("tensor-AX-XA", "d(A @ X, X) == d(X @ A, X)", "A: n x n; X: n x n", "left and right products confused"),
    ("tensor-scale", "d(2 * X, X) == d(X, X)", "X: m x n", "factor 2 lost"),
    ("tensor-T", "d(X.T, X) == d(X, X)", "X: n x n", "transpose lost"),
    ("tensor-inv", "d(inv(X), X) == -d(X, X)", "X: n x n invertible", "derivative of the inverse is not -1"),
]

NOT_WRONG = {
    # mutations that happen to be true, by "<true id>/<mutation>", with the reason
    **dict.fromkeys(
        [
            "tr-X/add-T",
            "tr-kronXB/add-T",
            "logdet-X-spd/add-T",
            "log-det-X-spd/add-T",
            "dsym-logdet/add-T",
            "pow-0/add-T",
            "orth/add-T",
            "bil-aXa/add-T",
            "bil-xAx-A/add-T",
            "exp-trX/add-T",
            "trX-cubed/add-T",
            "jac-x/add-T",
            "jac-hadamard/add-T",
            "jac-normx-x/add-T",
            "jac-unit/add-T",
            "hess-xAx/add-T",
            "hess-jac-grad/add-T",
            "hess-lsq/add-T",
            "hess-frob/add-T",
            "hess-linear/add-T",
            "hess-exp/add-T",
            "hess-trXTAX/add-T",
            "hess-norm4/add-T",
            "hess-logquad/add-T",
            "diff-XTX/add-T",
            "dsym-AX/add-T",
            "dsym-xXx/add-T",
            "dsym-aXb/add-T",
            "dsym-X2/add-T",
            "diag-aX/add-T",
            "diag-commute/add-T",
        ],
        "the result is symmetric",
    ),
    "det-AXB/swap-@": "det(XAB) = det(AXB) for square factors",
    "inv-pow/swap-@": "X and X commute",
    "orth/swap-@": "becomes the first side again",
    "diag-commute/swap-@": "becomes the left side again",
    "hess-frob/swap-kron": "kron of two identities is an identity",
    "hess-linear/sign": "the result is zero",
    "hess-linear/double": "the result is zero",
}


def _last_side(text: str) -> tuple[str, str]:
    head, _, last = text.rpartition(" == ")
    return head, last


def _sign(rhs: str) -> str | None:
    return f"-({rhs})"


def _double(rhs: str) -> str | None:
    return f"2 * ({rhs})"


def _add_t(rhs: str) -> str | None:
    return f"({rhs}).T"


def _drop_t(rhs: str) -> str | None:
    return rhs.replace(".T", "", 1) if ".T" in rhs else None


def _swap_matmul(rhs: str) -> str | None:
    match = re.search(r"(?<![\w.)])([A-Za-z]\w*(?:\.T)?) @ ([A-Za-z]\w*(?:\.T)?)(?![\w(])", rhs)
    if match is None:
        return None
    return rhs[: match.start()] + f"{match[2]} @ {match[1]}" + rhs[match.end() :]


def _swap_kron(rhs: str) -> str | None:
    match = re.search(r"kron\(([^(),]+(?:\([^()]*\))?(?:\.T)?), ([^(),]+(?:\([^()]*\))?(?:\.T)?)\)", rhs)
    if match is None:
        return None
    return rhs[: match.start()] + f"kron({match[2]}, {match[1]})" + rhs[match.end() :]


def _inv_to_t(rhs: str) -> str | None:
    new = re.sub(r"inv\(([A-Za-z]\w*)\)", r"\1.T", rhs, count=1)
    return new if new != rhs else None


MUTATIONS = {
    "sign": (_sign, "sign flipped"),
    "double": (_double, "spurious factor 2"),
    "add-T": (_add_t, "transposed result"),
    "drop-T": (_drop_t, "a transpose dropped"),
    "swap-@": (_swap_matmul, "factors of a product swapped"),
    "swap-kron": (_swap_kron, "kron arguments swapped"),
    "inv-to-T": (_inv_to_t, "inverse replaced by transpose"),
}


def candidates() -> list[tuple[str, str, str, str]]:
    """Every mutation of every true identity, type-checking or not, before ``NOT_WRONG``."""
    out = []
    for ident, text, where, _ in TRUE:
        head, rhs = _last_side(text)
        for name, (mutate, mistake) in MUTATIONS.items():
            new = mutate(rhs)
            if new is not None:
                out.append((f"{ident}/{name}", f"{head} == {new}", where, mistake))
    return out


def mutants() -> list[tuple[str, str, str, str]]:
    """Mutations that type-check and are not listed in NOT_WRONG."""
    from matrixcalc.errors import IdentityError
    from matrixcalc.language import is_scalar, parse_identity

    kept = []
    for entry in candidates():
        if entry[0] in NOT_WRONG:
            continue
        try:
            parsed = parse_identity(entry[1], entry[2])
        except IdentityError:
            continue
        if entry[0].endswith("/add-T") and is_scalar(parsed.sides[-1].shape):
            continue  # a scalar is its own transpose
        kept.append(entry)
    return kept


WRONG = HANDWRITTEN + mutants()
