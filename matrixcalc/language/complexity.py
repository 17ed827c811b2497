"""Which subexpressions are complex, and what the language does not (yet) allow with them.

A node is complex when a complex symbol flows into it through an operation that keeps
complex values; ``real``, ``imag`` and ``abs`` give real values whatever their argument. The
parser asks this of a function's argument where a real one is required (``log``, ``sqrt``,
``logdet``, fractional powers, ...), so ``log(z)`` is an error with a caret rather than a
silent choice of branch.
"""

from __future__ import annotations

from ..errors import IdentityError
from .tree import DERIVATIVES, Declaration, Node, has_complex

REAL_VALUED = {"number", "eye", "ones", "zeros", "commutation"}
"""Operations whose value is real whatever their arguments: these leaves, and the records marked
``real_valued`` (real, imag, abs), added when they register."""


class Complexity:
    """``complexity(node)``: True when the node's value can be non-real; memoised per node object."""

    def __init__(self, declarations: dict[str, Declaration]) -> None:
        self.declarations = declarations
        self.memo: dict[int, tuple[Node, bool]] = {}  # the node is kept alive, so its id stays its own

    def __call__(self, node: Node) -> bool:
        hit = self.memo.get(id(node))
        if hit is not None and hit[0] is node:
            return hit[1]
        if node.op == "symbol":
            result = self.declarations[node.value].complex
        elif node.op in REAL_VALUED:
            result = False
        else:
            result = any(self(arg) for arg in node.args)
        self.memo[id(node)] = (node, result)
        return result


NOT_YET = {
    "hess": "hess with complex values is not supported yet (use jac of a Wirtinger gradient)",
    "dsym": "dsym with complex values is not supported yet",
}


def check_complex_limits(sides: list[Node], declarations: dict[str, Declaration], text: str) -> None:
    """Reject what the complex evaluation does not support yet, at the node's column."""
    if not has_complex(sides, declarations):
        return
    for side in sides:
        for node in side.walk():
            reason = NOT_YET.get(node.op)
            if reason is None and node.op in DERIVATIVES and node.args[0].holds_derivative:
                reason = "a derivative of a derivative with complex values is not supported yet"
            if reason is not None:
                raise IdentityError(reason, source=text, column=node.col, length=node.end - node.col)
