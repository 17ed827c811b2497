"""Reverse mode by whole arrays: the gradient of a scalar at an exact point, one backward sweep
over the operations recorded on arrays instead of over every scalar product.

The scalar tape (``jets.Taped``) records each product and sum of a matrix product, n³ of them for
n x n; here ``A @ B`` is one record, and its adjoints ``G @ B.T`` and ``A.T @ G`` are the scalar
chain rule summed entry by entry — ``dC_ij = sum_k (dA_ik B_kj + A_ik dB_kj)`` read backwards —
computed by numpy's loops over the field's elements. Only sums, products and transposes have a
rule here, and the inverse of plain rationals has its own, by whole rows (``row_adjoint``). Every
other operation (det, logdet, a small inverse, the entrywise functions, kron, ...) is differentiated
as before, by the scalar tape, locally: in the forward pass its inputs become taped
leaves and it runs on them (``linalg``'s own algorithms, never a matrix-calculus rule); in the
backward pass one sweep of that local tape, seeded with the adjoint of its output, gives the
adjoints of its inputs.
"""

from __future__ import annotations

import numpy as np

from ..language import Node
from . import row_adjoint
from .elimination import Eliminated
from .jets import base, sweep
from .jets import leaves as taped_leaves
from .stacked import RULES, Evaluator
from .stacked_values import Value, array, matmul_arrays, plain

ROWS_FROM = 4  # smaller inverses stay on the scalar tape: their cofactors are a few dozen products


def gradient(ev: Evaluator, body: Node, name: str) -> np.ndarray:
    """d body / d name at the evaluator's point, for a scalar ``body``: an array shaped like the variable."""
    variable = ev.env[name]
    recorder = _Recorder(ev, {id(n) for n in _dependent(body, name)}, variable)
    output = recorder(body)
    adjoints = {id(output): ev.full(output.v.shape, ev.one)}
    for node, args, out, local in reversed(recorder.tape):
        g = adjoints.pop(id(out), None)
        if g is None:
            continue
        wanted = [id(arg) in recorder.dependent for arg in args]
        if local is None:
            parts = ADJOINTS[node.op](ev, args, out, g, wanted)
        elif type(local) is Eliminated:
            parts = [row_adjoint.adjoint(local, g, ev.zero)]
        else:
            parts = _local_adjoints(ev, local, g)
        for arg, part, needed in zip(args, parts, wanted):
            if needed and part is not None:
                key = id(arg)
                adjoints[key] = adjoints[key] + part if key in adjoints else part
    return adjoints.get(id(variable), ev.full(variable.v.shape, ev.zero))


def _dependent(body: Node, name: str) -> list[Node]:
    """The nodes whose value depends on the variable (its symbol somewhere below them)."""
    found = []

    def visit(node: Node) -> bool:
        below = [visit(arg) for arg in node.args]  # every child visited: each may hold the symbol
        depends = (node.op == "symbol" and node.value == name) or any(below)
        if depends:
            found.append(node)
        return depends

    visit(body)
    return found


class _Recorder(Evaluator):
    """The stacked evaluator, recording (node, argument values, value, local) for every node
    that depends on the variable; constant subtrees are evaluated as usual and not recorded.

    ``local`` is None for an operation with an array rule; for the inverse of plain rationals it
    is the recorded ``elimination.Eliminated``; any other operation runs on taped leaves for its dependent
    inputs, and ``local`` keeps that tape, its leaves, the taped output and the input shapes.
    """

    def __init__(self, ev: Evaluator, depends: set[int], variable: Value) -> None:
        super().__init__(ev.field, ev.sizes, {})
        self.env = ev.env  # the same values (and the variable's): only the walk is recorded
        self.depends = depends
        self.dependent = {id(variable)}  # the values that depend on the variable
        self.tape: list[tuple] = []

    def __call__(self, node: Node) -> Value:
        if id(node) not in self.depends or node.op == "symbol":
            return Evaluator.__call__(self, node)
        args = [self(arg) for arg in node.args]
        if node.op in ADJOINTS:
            out, local = RULES[node.op](self, node, *args), None
        elif node.op == "inv" and args[0].v.shape[0] >= ROWS_FROM and plain(args[0].v):
            local = row_adjoint.eliminate(args[0].v, self.zero, self.one)
            out = Value(local.inverse)
        else:
            tape: list = []
            leaves = [taped_leaves(a.v.flat, tape) if id(a) in self.dependent else None for a in args]
            inputs = [a if taped is None else Value(array(taped, a.v.shape)) for a, taped in zip(args, leaves)]
            raw = RULES[node.op](self, node, *inputs).v
            out = Value(array([base(x) for x in raw.flat], raw.shape))
            local = (tape, leaves, raw, [a.v.shape for a in args])
        self.dependent.add(id(out))
        self.tape.append((node, args, out, local))
        return out


def _local_adjoints(ev: Evaluator, local: tuple, g: np.ndarray) -> list:
    """The adjoints of an operation's inputs from its local scalar tape, seeded with ``g``."""
    tape, leaves, raw, shapes = local
    sweep(tape, list(zip(raw.flat, g.flat)))
    adjoints = [
        None if taped is None else array([ev.zero if x.g is None else x.g for x in taped], shape)
        for taped, shape in zip(leaves, shapes)
    ]
    tape.clear()  # every taped value refers to its tape: without this they wait for the cyclic GC
    return adjoints


def _total(g: np.ndarray, ev: Evaluator):
    return g.sum() if g.size else ev.zero


def _scalar(x) -> np.ndarray:
    return np.array([[x]], dtype=object)


# -- one rule per operation: the adjoints of the inputs (None where not wanted) from g --------------


def _add(ev, args, out, g, wanted):
    return [g, g]


def _sub(ev, args, out, g, wanted):
    return [g, -g if wanted[1] else None]


def _neg(ev, args, out, g, wanted):
    return [-g]


def _mul(ev, args, out, g, wanted):
    (a, b), (want_a, want_b) = args, wanted
    if a.v.shape == (1, 1):  # as stacked._mul: the 1 x 1 operand scales the other
        return [_scalar(_total(g * b.v, ev)) if want_a else None, g * a.v[0, 0] if want_b else None]
    return [g * b.v[0, 0] if want_a else None, _scalar(_total(g * a.v, ev)) if want_b else None]


def _div(ev, args, out, g, wanted):
    a, s = args
    r = ev.one / s.v[0, 0]
    return [g * r if wanted[0] else None, _scalar(-_total(g * out.v, ev) * r) if wanted[1] else None]


def matmul_value(ev, args, out, g, wanted):
    a, b = args
    return [matmul_arrays(g, b.v.T) if wanted[0] else None, matmul_arrays(a.v.T, g) if wanted[1] else None]


def transpose_value(ev, args, out, g, wanted):
    return [g.T]


def _trace(ev, args, out, g, wanted):
    return [ev.eye(args[0].v.shape[0]) * g[0, 0]]


def _sum(ev, args, out, g, wanted):
    return [ev.full(args[0].v.shape, g[0, 0])]


def _frob(ev, args, out, g, wanted):
    a, b = args
    return [b.v * g[0, 0] if wanted[0] else None, a.v * g[0, 0] if wanted[1] else None]


def _hadamard(ev, args, out, g, wanted):
    a, b = args
    return [g * b.v if wanted[0] else None, g * a.v if wanted[1] else None]


def _vec(ev, args, out, g, wanted):
    r, c = args[0].v.shape
    return [g.reshape(c, r).T]


ADJOINTS = {
    "add": _add,
    "sub": _sub,
    "neg": _neg,
    "mul": _mul,
    "div": _div,
    "matmul": matmul_value,
    "transpose": transpose_value,
    "tr": _trace,
    "sum": _sum,
    "frob": _frob,
    "hadamard": _hadamard,
    "vec": _vec,
}
