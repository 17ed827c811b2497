"""Complex conjugates for the calculator: pushed down to the leaves, and read back as ``.H``.

The Wirtinger read-off needs a differential in which ``conj`` touches only symbols, so that
``dZ`` and ``conj(dZ)`` can be told apart: ``df = frob(G, dZ) + frob(G̃, conj(dZ))`` gives
``d(f, Z) == G`` and ``d(f, conj(Z)) == G̃``. Every operation of the language has real
coefficients, so conj passes through it (``conj(A @ B) == conj(A) @ conj(B)``,
``conj(inv(A)) == inv(conj(A))``, ...); ``A.H`` is ``conj(A).T``; a real symbol, a number or a
real-valued function (``real``, ``imag``, ``abs``) is its own conjugate.
"""

from __future__ import annotations

from ..language.complexity import REAL_VALUED
from ..language.tree import Node
from ..operations import build as b


def push_conjugates(node: Node, complex_names: set[str]) -> Node:
    """The same value with ``conj`` only on complex symbols and no ``.H`` left."""
    return _Pusher(complex_names)(node, False)


class _Pusher:
    def __init__(self, complex_names: set[str]) -> None:
        self.complex_names = complex_names
        self.memo: dict[tuple[int, bool], tuple[Node, Node]] = {}  # by id: the node is kept alive

    def __call__(self, node: Node, conjugated: bool) -> Node:
        key = (id(node), conjugated)
        if key not in self.memo:
            self.memo[key] = (node, self._push(node, conjugated))
        return self.memo[key][1]

    def _push(self, node: Node, conjugated: bool) -> Node:
        if node.op == "conj":
            return self(node.args[0], not conjugated)
        if node.op == "ctranspose":
            return b.transpose(self(node.args[0], not conjugated))
        if node.op == "symbol":
            return b.call("conj", node) if conjugated and node.value in self.complex_names else node
        if node.op in REAL_VALUED:
            return b.with_args(node, tuple(self(a, False) for a in node.args)) if node.args else node
        if not node.args:
            return node
        return b.with_args(node, tuple(self(a, conjugated) for a in node.args))


def hermitian_form(node: Node) -> Node:
    """``conj(A).T`` and ``conj(A.T)`` written back as ``A.H``, the way people read them."""
    if not node.args:
        return node
    args = tuple(hermitian_form(a) for a in node.args)
    if node.op == "transpose" and args[0].op == "conj":
        return b.ctranspose(args[0].args[0])
    if node.op == "conj" and args[0].op == "transpose":
        return b.ctranspose(args[0].args[0])
    return b.with_args(node, args)
