"""Evaluate a typed tree with numpy, on stacks of points at once.

Every value is an array whose trailing axes are the node's concrete shape (2 for a matrix,
4 for a tensor) and whose leading axes are a batch, so a whole complex-step gradient is one
evaluation. Only complex-analytic operations are used (no abs, conj, norm or slogdet), so the
complex step stays exact. An identity with complex symbols, or with conj, real, imag, abs or
.H, is evaluated in complex mode instead: genuine complex values, derivatives by real
differences (``wirtinger.py``).
"""

from __future__ import annotations

import numpy as np

from ..language import DERIVATIVES, Node, concrete
from ..operations import OPERATIONS as RECORDS
from ..operations.arrays import positive
from . import derivatives, wirtinger


def _commutation(m: int, n: int) -> np.ndarray:
    """K(m, n): row ``i*n + j`` picks entry ``j*m + i`` of vec(A), so K @ vec(A) == vec(A.T)."""
    k = np.zeros((m * n, m * n))
    i, j = np.divmod(np.arange(m * n), n)
    k[i * n + j, j * m + i] = 1.0
    return k


def _numeric(record):
    """A record's numeric evaluation, with its domain checked (log and sqrt need positive entries)."""
    if not record.positive_argument:
        return record.numeric
    return lambda n, a: record.numeric(n, positive(a, record.name))


OPERATIONS = {name: _numeric(record) for name, record in RECORDS.items() if record.numeric is not None}
"""Operation -> its numpy rule(node, *argument values), from its record (complex-analytic ones only)."""


COMPLEX_OPERATIONS = {
    **OPERATIONS,
    **{name: record.numeric_complex for name, record in RECORDS.items() if record.numeric_complex is not None},
}
"""The operations of an identity with complex values (``complex_mode``): genuine complex arithmetic, and
the operations that are not analytic (conj, real, imag, abs, .H), which never meet the complex step."""


class Evaluator:
    """Evaluates nodes at one size assignment; ``env`` maps symbol names to (batched) arrays.

    ``complex_symbols``: the complex symbols of a complex identity; with ``complex_mode``
    derivatives are taken by real differences in Wirtinger's sense instead of the complex step.
    """

    def __init__(self, sizes: dict[str, int], complex_mode: bool = False, complex_symbols=frozenset()) -> None:
        self.sizes = sizes
        self.complex_mode = complex_mode
        self.complex_symbols = frozenset(complex_symbols)
        self.operations = COMPLEX_OPERATIONS if complex_mode else OPERATIONS
        self.shapes: dict[int, tuple] = {}  # id of a node -> (the node, its concrete shape)

    def shape(self, node: Node) -> tuple[int, ...]:
        known = self.shapes.get(id(node))
        if known is None or known[0] is not node:  # kept with its node, so an id is never reused
            known = self.shapes[id(node)] = (node, concrete(node.shape, self.sizes))
        return known[1]

    def __call__(self, node: Node, env: dict[str, np.ndarray]) -> np.ndarray:
        op = node.op
        if op == "symbol":
            return env[node.value]
        if op == "number":
            return np.full((1, 1), float(node.value))
        if op == "eye":
            return np.eye(self.shape(node)[0])
        if op in ("ones", "zeros"):
            return (np.ones if op == "ones" else np.zeros)(self.shape(node))
        if op == "commutation":
            return _commutation(*concrete(node.value, self.sizes))
        if op in DERIVATIVES:
            return (wirtinger if self.complex_mode else derivatives).evaluate(self, node, env)
        args = [self(arg, env) for arg in node.args]
        return self.operations[op](node, *args)
