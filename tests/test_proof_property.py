"""Property: expressions the kernel calls equal agree numerically at random sizes, 1 and non-square included."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kernel_pairs import assert_proved_pairs_agree, expressions

from matrixcalc.errors import IdentityError
from matrixcalc.language import parse_identity
from matrixcalc.numeric import check_numeric
from matrixcalc.proof import prove

WHERE = (
    "A: m x n; B: n x m; C: m x m invertible; D: n x n; S: m x m symmetric; Q: n x n orthogonal; x: m; y: n; s: scalar"
)
LEAVES = {
    ("m", "n"): ["A", "x @ y.T"],
    ("n", "m"): ["B", "A.T"],
    ("m", "m"): ["C", "S", "I(m)", "inv(C)", "x @ x.T"],
    ("n", "n"): ["D", "Q", "Q.T", "I(n)", "y @ y.T"],
    ("m", "1"): ["x"],
    ("n", "1"): ["y"],
    ("1", "1"): ["s", "x.T @ x", "tr(D)", "2"],
    ("1", "m"): ["x.T"],
    ("1", "n"): ["y.T", "x.T @ A"],
}


def _inverse_and_trace(draw, kind, shape, sub):
    """The kinds beyond the basic four: a trace of a square expression, an inverse of a declared-invertible leaf."""
    r, c = shape
    if kind == "trace" and shape == ("1", "1"):
        k = draw(st.sampled_from(["m", "n"]))
        return f"tr({draw(sub((k, k)))})"
    if kind == "inv" and r == c and r != "1":
        return f"inv({draw(st.sampled_from(['C', 'C @ C', 'C.T', '2 * C'] if r == 'm' else ['Q', 'Q.T @ Q']))})"
    return None


_inverse_and_trace.kinds = ("trace", "inv")
expression = expressions(LEAVES, _inverse_and_trace)


def rewrite(text: str, choice: int) -> str:
    """A rewrite that is sometimes true and sometimes not, so both kinds of pair reach the kernel."""
    if choice == 0:
        return f"(({text}).T).T"
    if choice == 1:
        return text.replace(".T", "", 1)
    if choice == 2:
        return text.replace(" @ ", " @ (", 1) + ")" if " @ " in text else text
    if choice == 3:
        return f"({text}) + 0 * ({text})"
    return text.replace("x", "y", 1)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_pairs_the_kernel_calls_equal_agree_numerically(data):
    shape = data.draw(st.sampled_from(sorted(LEAVES)))
    left = data.draw(expression(shape))
    right = data.draw(st.one_of(expression(shape), st.integers(0, 4).map(lambda c: rewrite(left, c))))
    assert_proved_pairs_agree(left, right, WHERE)


DERIV_WHERE = "X: m x n; A: n x m; B: m x m; C: n x n; a: m; b: n; t: scalar"
SQUARE = {"m": ["B", "X @ A", "X @ C @ X.T", "B @ X @ X.T", "a @ a.T"], "n": ["C", "A @ X", "X.T @ B @ X", "X.T @ X"]}


@st.composite
def scalar_of_x(draw, depth=2):
    """A scalar function of X: traces, forms, log-determinants and products and functions of those."""
    kind = draw(st.sampled_from(["tr", "form", "logdet", "det", "product", "function", "inverse"]))
    k = draw(st.sampled_from(["m", "n"]))
    word = " @ ".join(draw(st.lists(st.sampled_from(SQUARE[k]), min_size=1, max_size=3)))
    if kind == "tr":
        return f"tr({word})"
    if kind == "form":
        v = "a" if k == "m" else "b"
        return f"{v}.T @ {word} @ {v}"
    if kind == "logdet":
        return f"logdet({'X.T @ X' if k == 'n' else 'X @ X.T'} + {word} @ ({word}).T)"
    if kind == "det":
        return f"det({word})"
    if kind == "inverse":
        return f"tr(inv({'X.T @ X + C @ C.T' if k == 'n' else 'X @ X.T + B @ B.T'}) @ {word})"
    if depth == 0:
        return f"tr({word})"
    inner = draw(scalar_of_x(depth - 1))
    if kind == "product":
        return f"({inner}) * ({draw(scalar_of_x(depth - 1))})"
    return f"{draw(st.sampled_from(['exp', 'sin', 'tanh', 'sigmoid']))}(t * ({inner}) / 100)"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scalar_of_x(), st.sampled_from(["d", "jac"]))
def test_the_kernels_derivative_agrees_numerically(f, op):
    """The kernel's own derivative, written back in the language, passes the numeric check (and its own proof)."""
    from matrixcalc.proof.algebra import Unprovable
    from matrixcalc.proof.normal import normal
    from matrixcalc.proof.prover import context
    from matrixcalc.proof.show import show

    variable = "vec(X)" if op == "jac" else "X"
    parsed = parse_identity(f"{op}({f}, {variable}) == {op}({f}, {variable})", DERIV_WHERE)
    try:
        text = show(normal(parsed.sides[0], context(parsed)))
    except Unprovable:
        return
    try:
        claimed = parse_identity(f"{op}({f}, {variable}) == {text}", DERIV_WHERE)
    except IdentityError:
        return  # a normal form with no spelling in the language (an opaque entrywise power, say)
    assert prove(claimed).all_sizes, text
    assert check_numeric(claimed, seed=3).counterexample is None, text
