"""Reverse mode by whole arrays: the gradient of a scalar at an exact point, one backward sweep
over the operations recorded on arrays instead of over every scalar product.

The scalar tape (``jets.Taped``) records each product and sum of a matrix product, n³ of them for
n x n; here ``A @ B`` is one record, and its adjoints ``G @ B.T`` and ``A.T @ G`` are the scalar
chain rule summed entry by entry — ``dC_ij = sum_k (dA_ik B_kj + A_ik dB_kj)`` read backwards —
computed by numpy's loops over the field's elements. One table, ``ADJOINTS``, gives each
operation's forward value and backward rule: sums, products and transposes by whole arrays, the
inverse of plain rationals by whole rows (``row_adjoint``). Every other operation (det, logdet, a
small inverse, the entrywise functions, kron, ...) is differentiated by the scalar tape, locally:
in the forward pass its inputs become taped leaves and it runs on them (``linalg``'s own
algorithms, never a matrix-calculus rule); in the backward pass one sweep of that local tape,
seeded with the adjoint of its output, gives the adjoints of its inputs. The walk that records
the operations holds the evaluator, which computes every value: reverse mode is composed with
forward evaluation, not a copy of it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..language import Node
from . import row_adjoint
from .jets import base, sweep
from .jets import leaves as taped_leaves
from .stacked import RULES, Evaluator
from .stacked_values import Value, array, matmul_arrays, plain

ROWS_FROM = 4  # smaller inverses stay on the scalar tape: their cofactors are a few dozen products


Backward = Callable[[np.ndarray, list[bool]], list]
"""The adjoints of an operation's inputs (None where not wanted) from the adjoint ``g`` of its output."""


def gradient(ev: Evaluator, body: Node, name: str) -> np.ndarray:
    """d body / d name at the evaluator's point, for a scalar ``body``: an array shaped like the variable."""
    variable = ev.env[name]
    recorder = _Recorder(ev, {id(n) for n in _dependent(body, name)}, variable)
    output = recorder(body)
    adjoints = {id(output): ev.full(output.v.shape, ev.one)}
    for args, out, backward in reversed(recorder.tape):
        g = adjoints.pop(id(out), None)
        if g is None:
            continue
        wanted = [id(arg) in recorder.dependent for arg in args]
        for arg, part, needed in zip(args, backward(g, wanted), wanted):
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


class _Recorder:
    """A walk that records (argument values, value, backward rule) for every node that depends on
    the variable; the evaluator computes every value (constant subtrees whole, as usual), and
    ``ADJOINTS`` gives each operation's forward value and backward rule (the scalar tape where an
    operation has no rule by arrays)."""

    def __init__(self, ev: Evaluator, depends: set[int], variable: Value) -> None:
        self.ev = ev
        self.depends = depends
        self.dependent = {id(variable)}  # the values that depend on the variable
        self.tape: list[tuple[list[Value], Value, Backward]] = []

    def __call__(self, node: Node) -> Value:
        if id(node) not in self.depends or node.op == "symbol":
            return self.ev(node)
        args = [self(arg) for arg in node.args]
        out, backward = ADJOINTS.get(node.op, _taped)(self.ev, node, args, [id(a) in self.dependent for a in args])
        self.dependent.add(id(out))
        self.tape.append((args, out, backward))
        return out


def _taped(ev: Evaluator, node: Node, args: list[Value], dependent: list[bool]) -> tuple[Value, Backward]:
    """Any operation without a rule by arrays: it runs on taped leaves for its dependent inputs
    (``linalg``'s own algorithms, never a matrix-calculus rule), and its backward rule is one sweep
    of that local tape, seeded with the adjoint of its output."""
    tape: list = []
    leaves = [taped_leaves(a.v.flat, tape) if wanted else None for a, wanted in zip(args, dependent)]
    inputs = [a if taped is None else Value(array(taped, a.v.shape)) for a, taped in zip(args, leaves)]
    raw = RULES[node.op](ev, node, *inputs).v
    out = Value(array([base(x) for x in raw.flat], raw.shape))

    def backward(g: np.ndarray, wanted: list[bool]) -> list:
        sweep(tape, list(zip(raw.flat, g.flat)))
        adjoints = [
            None if taped is None else array([ev.zero if x.g is None else x.g for x in taped], a.v.shape)
            for taped, a in zip(leaves, args)
        ]
        tape.clear()  # every taped value refers to its tape: without this they wait for the cyclic GC
        return adjoints

    return out, backward


def _inverse(ev: Evaluator, node: Node, args: list[Value], dependent: list[bool]) -> tuple[Value, Backward]:
    """inv of plain rationals from ``ROWS_FROM`` up: the elimination recorded by whole rows and
    read backwards (``row_adjoint``); smaller or other inverses by the scalar tape."""
    a = args[0].v
    if a.shape[0] < ROWS_FROM or not plain(a):
        return _taped(ev, node, args, dependent)
    done = row_adjoint.eliminate(a, ev.zero, ev.one)
    return Value(done.inverse), lambda g, wanted: [row_adjoint.adjoint(done, g, ev.zero)]


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


def _by_arrays(rule: Callable) -> Callable:
    """An operation with a backward rule by whole arrays: its forward value is the evaluator's."""

    def record(ev: Evaluator, node: Node, args: list[Value], dependent: list[bool]) -> tuple[Value, Backward]:
        out = RULES[node.op](ev, node, *args)
        return out, lambda g, wanted: rule(ev, args, out, g, wanted)

    return record


ADJOINTS = {
    "add": _by_arrays(_add),
    "sub": _by_arrays(_sub),
    "neg": _by_arrays(_neg),
    "mul": _by_arrays(_mul),
    "div": _by_arrays(_div),
    "matmul": _by_arrays(matmul_value),
    "transpose": _by_arrays(transpose_value),
    "tr": _by_arrays(_trace),
    "sum": _by_arrays(_sum),
    "frob": _by_arrays(_frob),
    "hadamard": _by_arrays(_hadamard),
    "vec": _by_arrays(_vec),
    "inv": _inverse,
}
"""The one table of reverse mode: each operation's forward value and backward rule; any other
operation goes by the scalar tape (``_taped``)."""
