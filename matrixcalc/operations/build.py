"""Typed nodes built by the calculator: each constructor computes the shape, as the parser would.

The rules of differentiation, identification and simplification build new trees; these helpers
keep every node well typed without going back through text.
"""

from __future__ import annotations

from fractions import Fraction

from ..language.dims import SCALAR, Dim, Shape, is_scalar
from ..language.signatures import FUNCTIONS
from ..language.tree import Node


def symbol(name: str, shape: Shape) -> Node:
    return Node("symbol", (), shape, name)


def number(value: Fraction | int) -> Node:
    return Node("number", (), SCALAR, Fraction(value))


def eye(dim: Dim) -> Node:
    """I(n) of any size; ``text`` writes a composite size (m*n) as kron(I(m), I(n))."""
    return Node("eye", (), (dim, dim), (dim, dim))


def ones(shape: Shape) -> Node:
    """An all-ones array of any shape; ``text`` writes composite sizes as a Kronecker product."""
    return Node("ones", (), tuple(shape), tuple(shape))


def split(dim: Dim) -> list[Dim]:
    """A size as factors the language can write: one letter or one integer each."""
    parts = [Dim.of(letter) for letter in dim.letters]
    if dim.coef != 1 or not parts:
        parts.insert(0, Dim.of(dim.coef))
    return parts


def zeros(shape: Shape) -> Node:
    return Node("zeros", (), tuple(shape), tuple(shape)) if not is_scalar(shape) else number(0)


def commutation(m: Dim, n: Dim) -> Node:
    return Node("commutation", (), (m * n, m * n), (m, n))


def add(a: Node, b: Node) -> Node:
    return Node("add", (a, b), a.shape)


def add_all(parts: list[Node]) -> Node:
    """The sum of one or more nodes, left to right."""
    out = parts[0]
    for part in parts[1:]:
        out = add(out, part)
    return out


def sub(a: Node, b: Node) -> Node:
    return Node("sub", (a, b), a.shape)


def neg(a: Node) -> Node:
    return Node("neg", (a,), a.shape)


def scale(s: Node, a: Node) -> Node:
    """The scalar multiple s * a (s scalar)."""
    return Node("mul", (s, a), a.shape)


def div(a: Node, s: Node) -> Node:
    return Node("div", (a, s), a.shape)


def matmul(a: Node, b: Node) -> Node:
    return Node("matmul", (a, b), (a.shape[0], b.shape[1]))


def transpose(a: Node) -> Node:
    return Node("transpose", (a,), (a.shape[1], a.shape[0]))


def ctranspose(a: Node) -> Node:
    """A.H, the conjugate transpose."""
    return Node("ctranspose", (a,), (a.shape[1], a.shape[0]))


def power(a: Node, r: Fraction | int) -> Node:
    return Node("pow", (a,), SCALAR, Fraction(r))


def matpow(a: Node, k: int) -> Node:
    return Node("matpow", (a,), a.shape, k)


def kron(a: Node, b: Node) -> Node:
    return Node("kron", (a, b), (a.shape[0] * b.shape[0], a.shape[1] * b.shape[1]))


def entrywise(op: str, a: Node, b: Node) -> Node:
    """hadamard or ediv of two arrays of one shape; with a scalar side, a scalar multiple or quotient."""
    if is_scalar(a.shape) or is_scalar(b.shape):
        if op == "hadamard":
            return scale(a, b) if is_scalar(a.shape) else scale(b, a)
        return div(a, b)
    return Node(op, (a, b), a.shape)


def call(op: str, *args: Node) -> Node:
    """A function of the language (tr, inv, vec, exp, ...), shape by its signature."""
    _, rule = FUNCTIONS[op]
    return Node(op, tuple(args), rule(list(args)))


def with_args(node: Node, args: tuple[Node, ...]) -> Node:
    """The same operation on new arguments (shapes unchanged)."""
    return Node(node.op, args, node.shape, node.value)


def substitute(node: Node, replace) -> Node:
    """The tree with ``replace(n)`` for every node where it returns something (else recursing)."""
    new = replace(node)
    if new is not None:
        return new
    if not node.args:
        return node
    return with_args(node, tuple(substitute(a, replace) for a in node.args))
