"""The parser on its own: the typed tree it builds, where nodes sit in the text, and its limits."""

from __future__ import annotations

from fractions import Fraction

import pytest

from matrixcalc.errors import IdentityError
from matrixcalc.language import Dim, parse_expression, parse_identity
from matrixcalc.language.cost import estimate
from matrixcalc.latex import latex

W = "A: m x n; B: n x p; X: n x n; x: n; s: scalar"
M, N, P = Dim.of("m"), Dim.of("n"), Dim.of("p")


def expr(text: str, where: str = W):
    return parse_expression(text, where)[0]


def depth(node) -> int:
    return 1 + max((depth(arg) for arg in node.args), default=0)


@pytest.mark.parametrize(
    "text, op, shape",
    [
        ("A", "symbol", (M, N)),
        ("A.T", "transpose", (N, M)),
        ("A @ B", "matmul", (M, P)),
        ("s * A", "mul", (M, N)),
        ("A / s", "div", (M, N)),
        ("-A", "neg", (M, N)),
        ("A - A", "sub", (M, N)),
        ("X ** -2", "matpow", (N, N)),
        ("s ** (1/2)", "pow", (Dim.of(1), Dim.of(1))),
        ("tr(X)", "tr", (Dim.of(1), Dim.of(1))),
        ("kron(A, B)", "kron", (M * N, N * P)),
        ("vec(A)", "vec", (M * N, Dim.of(1))),
        ("I(n)", "eye", (N, N)),
        ("ones(m, p)", "ones", (M, P)),
        ("K(m, n)", "commutation", (M * N, M * N)),
        ("d(x.T @ x, x)", "d", (N, Dim.of(1))),
        ("d(X, X)", "d", (N, N, N, N)),
        ("jac(vec(A @ B), vec(A))", "jac", (M * P, M * N)),
    ],
)
def test_each_construct_builds_its_node_with_its_shape(text: str, op: str, shape: tuple) -> None:
    node = expr(text)
    assert (node.op, node.shape) == (op, shape)


def test_values_carried_by_nodes() -> None:
    assert expr("0.25 * s").args[0].value == Fraction(1, 4)
    assert expr("X ** -2").value == -2
    assert expr("s ** (1/3)").value == Fraction(1, 3)
    assert expr("I(n)").value == (N, N)
    assert expr("jac(vec(A @ B), vec(A))").value is True
    assert expr("jac(A @ x, x)", "A: m x n; x: n").value is False


def test_nodes_know_where_they_are_in_the_text() -> None:
    text = "tr(A @ B @ B.T @ A.T) == s"
    trace = parse_identity(text, W).sides[0]
    assert (trace.col, trace.end) == (0, text.index(" =="))
    product = trace.args[0]
    assert text[product.col : product.end] == "A @ B @ B.T @ A.T"


def test_the_letters_are_those_of_the_declarations() -> None:
    assert parse_identity("tr(X) == s", W).letters == ("m", "n", "p")


def test_a_long_sum_is_a_balanced_tree_that_prints_as_written() -> None:
    terms = 1000
    node = expr(" + ".join(["s"] * terms))
    assert node.op == "add" and depth(node) <= 11
    assert sum(1 for n in node.walk() if n.op == "symbol") == terms
    text = "A @ B @ B.T @ A.T @ A @ B @ B.T @ A.T == (A @ B) @ (B.T @ A.T) @ (A @ B) @ (B.T @ A.T)"
    assert latex(text, W) == r"ABB^\top A^\top ABB^\top A^\top = ABB^\top A^\top ABB^\top A^\top"


def test_a_chain_is_type_checked_left_to_right() -> None:
    with pytest.raises(IdentityError) as info:
        expr("A + A + X + A")
    assert "'+' needs equal shapes: 'A + A' is m x n, 'X' is n x n" in info.value.message
    assert info.value.column == 0
    with pytest.raises(IdentityError) as info:
        expr("A @ B @ A")
    assert "'A @ B' is m x p, 'A' is m x n" in info.value.message


def test_a_sum_minus_a_sum_keeps_its_meaning() -> None:
    node = expr("s + s - s + s")
    assert node.op == "add" and node.args[0].op == "sub"  # ((s + s) - s) + s: only runs of '+' are regrouped


def test_an_honest_identity_of_20000_characters_and_5000_operations_is_accepted() -> None:
    constants = ["A", "B", "C", "D", "E"]
    lhs, rhs = [], []
    for k in range(400):
        p = " @ ".join(constants[(k + i) % 5] for i in range(1 + k % 3))
        q = " @ ".join(constants[(k + 2 + i) % 5] for i in range(1 + k % 4))
        lhs.append(f"tr({p} @ X @ {q})")
        rhs.append(f"({p}).T @ ({q}).T")
    text = f"d({' + '.join(lhs)}, X) == {' + '.join(rhs)}"
    identity = parse_identity(text, "A: n x n; B: n x n; C: n x n; D: n x n; E: n x n; X: n x n")
    assert len(text) >= 20_000
    assert sum(1 for side in identity.sides for _ in side.walk()) >= 5_000


def test_cost_grows_with_nested_derivatives_and_degree_with_nested_powers() -> None:
    one = parse_identity("d(tr(X @ X), X) == 2 * X.T", W)
    two = parse_identity("d(tr(d(tr(X @ X), X) @ X), X) == 4 * X.T", W)
    assert estimate(list(two.sides), two.letters).operations > 40 * estimate(list(one.sides), one.letters).operations
    powers = parse_identity("(s ** 3) ** 4 == s ** 12", W)
    assert estimate(list(powers.sides), powers.letters).degree == 12


def test_a_chain_spans_its_whole_text_closing_parenthesis_included():
    text = "X @ (b @ c.T + c @ b.T) == X @ (b @ c.T + c @ b.T)"
    sides = parse_identity(text, "b: n; X: m x n; c: n").sides
    assert [text[side.col : side.end] for side in sides] == ["X @ (b @ c.T + c @ b.T)"] * 2
