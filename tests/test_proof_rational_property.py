"""Property: the kernel's rules for inverses of sums, the adjugate, Kronecker products with the variable inside,
the logistic function written with exp and diagonal matrices never call two expressions equal that the numbers
tell apart, at random sizes, 1 and non-square included."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kernel_pairs import SIZES, assert_proved_pairs_agree, expressions

from matrixcalc.language import parse_identity
from matrixcalc.numeric import check_numeric
from matrixcalc.proof import prove

WHERE = "A: m x n; B: n x m; C: m x m; D: n x n; S: m x m symmetric; E: m x m diagonal; x: m; y: n; s: scalar"
LEAVES = {
    ("m", "n"): ["A", "x @ y.T", "inv(I(m) + A @ B) @ A", "A @ inv(I(n) + B @ A)", "adj(C) @ A", "A @ D"],
    ("n", "m"): ["B", "A.T", "B @ inv(I(m) + A @ B)", "inv(I(n) + B @ A) @ B", "B @ E"],
    ("m", "m"): [
        "C",
        "I(m)",
        "E",
        "inv(I(m) + A @ B)",
        "I(m) - A @ inv(I(n) + B @ A) @ B",
        "adj(C)",
        "adj(C @ S)",
        "det(C) * inv(C)",
        "diagm(x)",
        "diagm(sigmoid(x))",
        "hadamard(C, I(m))",
        "hadamard(E, I(m))",
        "inv(C + s * C) @ C",
    ],
    ("n", "n"): ["D", "I(n)", "inv(I(n) + B @ A)", "I(n) - B @ inv(I(m) + A @ B) @ A", "adj(D)"],
    ("m", "1"): ["x", "sigmoid(x)", "ones(m) - sigmoid(-x)", "hadamard(x, exp(x))", "diagm(x) @ x", "exp(-x)"],
    ("n", "1"): ["y", "B @ x", "tanh(-y)"],
    ("1", "1"): ["s", "x.T @ x", "sigmoid(s)", "exp(s) / (1 + exp(s))", "det(C)", "tr(adj(C))", "tr(E @ C)"],
    ("1", "m"): ["x.T", "y.T @ B"],
    ("1", "n"): ["y.T", "x.T @ A"],
}
expression = expressions(LEAVES)


ALTERNATIVES = {  # leaf -> leaves of the same shape: some equal to it at every size, some not
    "inv(I(m) + A @ B) @ A": ["A @ inv(I(n) + B @ A)", "inv(I(m) + A @ B) @ A @ D"],
    "A @ inv(I(n) + B @ A)": ["inv(I(m) + A @ B) @ A", "A @ inv(I(n) + A.T @ A)"],
    "B @ inv(I(m) + A @ B)": ["inv(I(n) + B @ A) @ B", "A.T @ inv(I(m) + A @ B)"],
    "inv(I(m) + A @ B)": ["I(m) - A @ inv(I(n) + B @ A) @ B", "I(m) - A @ B", "I(m) - B.T @ inv(I(n) + B @ A) @ B"],
    "inv(I(n) + B @ A)": ["I(n) - B @ inv(I(m) + A @ B) @ A", "I(n) - A.T @ inv(I(m) + A @ B) @ A"],
    "adj(C)": ["det(C) * inv(C)", "inv(C)", "det(C) * inv(C).T"],
    "adj(C @ S)": ["adj(S) @ adj(C)", "adj(C) @ adj(S)"],
    "sigmoid(x)": ["ones(m) - sigmoid(-x)", "sigmoid(-x)", "hadamard(exp(x), exp(-x))"],
    "sigmoid(s)": ["exp(s) / (1 + exp(s))", "1 / (1 + exp(-s))", "exp(-s) / (1 + exp(-s))"],
    "hadamard(E, I(m))": ["E", "E.T", "hadamard(C, I(m))"],
    "hadamard(C, I(m))": ["C", "hadamard(C.T, I(m))"],
    "diagm(x) @ x": ["hadamard(x, x)", "x @ x.T @ x"],
    "tr(E @ C)": ["tr(E @ hadamard(C, I(m)))", "tr(hadamard(E, I(m)) @ C.T)", "tr(E) * tr(C)"],
    "tanh(-y)": ["-tanh(y)", "tanh(y)"],
    "inv(C + s * C) @ C": ["I(m)", "C @ inv(C + s * C)", "I(m) - s * inv(C + s * C) @ C"],
}


@st.composite
def pair(draw, shape, depth=3):
    """Two expressions of one structure whose leaves may differ by an entry of ALTERNATIVES."""
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        leaf = draw(st.sampled_from(LEAVES[shape]))
        options = ALTERNATIVES.get(leaf, [])
        return leaf, draw(st.sampled_from([leaf, *options])) if options else leaf
    kind = draw(st.sampled_from(["matmul", "add", "transpose", "scale"]))
    r, c = shape
    if kind == "matmul":
        k = draw(st.sampled_from(SIZES))
        (a, b), (e, f) = draw(pair((r, k), depth - 1)), draw(pair((k, c), depth - 1))
        return f"({a} @ {e})", f"({b} @ {f})"
    if kind == "add":
        (a, b), (e, f) = draw(pair(shape, depth - 1)), draw(pair(shape, depth - 1))
        return f"({a} + {e})", f"({b} + {f})"
    if kind == "transpose":
        a, b = draw(pair((c, r), depth - 1))
        return f"({a}).T", f"({b}).T"
    (a, b), (e, f) = draw(pair(("1", "1"), depth - 1)), draw(pair(shape, depth - 1))
    return f"({a} * {e})", f"({b} * {f})"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_pairs_the_kernel_calls_equal_agree_numerically(data):
    shape = data.draw(st.sampled_from(sorted(LEAVES)))
    left, right = data.draw(st.one_of(pair(shape), st.tuples(expression(shape), expression(shape))))
    assert_proved_pairs_agree(left, right, WHERE)


KRON = "A: m x n; X: p x q; b: q"
KRON_MUTANTS = [  # each differs from a true statement by a swapped size, factor or commutation matrix
    "vec(kron(A, X)) == kron(kron(I(n), K(m, q)), I(p)) @ kron(vec(A), vec(X))",
    "vec(kron(A, X)) == kron(kron(I(n), K(q, m)), I(p)) @ kron(vec(A), vec(X.T))",
    "vec(kron(A, X)) == kron(kron(I(n), K(q, m)), I(p)) @ kron(vec(X), vec(A))",
    "jac(vec(kron(A, X)), vec(X)) == kron(kron(I(n), K(q, m)), I(p)) @ kron(kron(I(p), I(q)), vec(A))",
    "jac(vec(kron(X, A)), vec(X)) == kron(kron(I(q), K(n, p)), I(m)) @ kron(vec(A), kron(I(q), I(p)))",
    "vec(X @ b @ b.T) == kron(X @ b, b)",
    "jac(vec(hadamard(A, A)), vec(A)) == diagm(vec(A))",
]


@pytest.mark.parametrize("identity", KRON_MUTANTS)
def test_kronecker_mutants_are_never_proved(identity):
    parsed = parse_identity(identity, KRON)
    assert not prove(parsed).all_sizes
    assert check_numeric(parsed, seed=1).counterexample is not None
