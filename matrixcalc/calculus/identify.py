"""Reading a derivative off a differential: the identification rules, as two passes.

A differential linear in ``dX`` is pushed through the rule of each operation's record
(``operations/identification.py`` says what the rules are), in one of two passes:

- ``gradient``: for a scalar differential, the G with ``df == frob(G, dX)`` (tr(A dX) gives
  Aᵀ, frob(A, dX) gives A, ...), the rules of docs/identification.md applied by reverse
  accumulation (an adjoint per node: ``seed`` is the gradient of f with respect to that node);
- ``jacobian``: for any differential, the J with ``vec(dF) == J @ vec(dX)`` (vec(A dX B) gives
  kron(Bᵀ, A), vec(dXᵀ) gives K(m, n), ...), the Magnus–Neudecker identification.

A step without a matrix form (e.g. a gradient through ``vec`` of a matrix whose seed is not
itself a ``vec``) raises NoMatrixForm, and the caller gives the differential instead.
"""

from __future__ import annotations

from ..language.tree import Node
from ..operations import OPERATIONS
from ..operations import build as b
from ..operations.identification import NoMatrixForm

__all__ = ["NoMatrixForm", "gradient", "jacobian"]


class _Depends:
    """Does a node depend on the direction? Asked of each node several times, so remembered."""

    def __init__(self, direction: Node) -> None:
        self.direction = direction
        self.memo: dict[int, bool] = {}

    def __call__(self, node: Node) -> bool:
        key = id(node)
        if key not in self.memo:
            self.memo[key] = _is(node, self.direction) or any(self(a) for a in node.args)
        return self.memo[key]


def _is(node: Node, direction: Node) -> bool:
    """Is this node the direction symbol? (cheap: no deep comparison)"""
    return node.op == "symbol" and node.value == direction.value and node.shape == direction.shape


def _rule(node: Node, kind: str):
    record = OPERATIONS.get(node.op)
    rule = getattr(record, f"{kind}_rule", None) if record is not None else None
    if rule is None:
        through = "reads a gradient" if kind == "gradient" else "gives a Jacobian"
        raise NoMatrixForm(f"no identification rule {through} through {node.op}")
    return rule


# -- gradient (reverse accumulation) ------------------------------------------------------------


def gradient(df: Node, direction: Node) -> Node:
    """G with ``df == frob(G, dX)``; df is a scalar linear in the symbol ``direction``."""
    depends = _Depends(direction)
    parts: list[Node] = []
    if depends(df):  # a differential without dX (f does not vary with X) has the zero gradient
        _adjoint(df, b.number(1), depends, parts)
    return b.add_all(parts) if parts else b.zeros(direction.shape)


def _adjoint(node: Node, seed: Node, depends: _Depends, out: list[Node]) -> None:
    if _is(node, depends.direction):
        out.append(seed)
        return
    for child, child_seed in _rule(node, "gradient")(node, seed, depends):
        _adjoint(child, child_seed, depends, out)


# -- Jacobian of vec (forward accumulation) ------------------------------------------------------


def jacobian(df: Node, direction: Node) -> Node:
    """J with ``vec(df) == J @ vec(dX)``; df is linear in the symbol ``direction``."""
    depends = _Depends(direction)
    length = direction.shape[0] * direction.shape[1]
    if not depends(df):
        return b.zeros((df.shape[0] * df.shape[1], length))
    return _forward(df, depends)


def _forward(node: Node, depends: _Depends) -> Node:
    if _is(node, depends.direction):
        return b.eye(node.shape[0] * node.shape[1])
    return _rule(node, "jacobian")(node, lambda child: _forward(child, depends), depends)
