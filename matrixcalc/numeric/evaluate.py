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

from ..language import DERIVATIVES, Node, concrete, is_scalar
from ..operations import OPERATIONS as RECORDS
from . import derivatives, wirtinger
from .faults import IllConditioned, Undefined

MAX_CONDITION = 1e4
RANK_DEFICIENT = 1e12  # a Gram matrix this ill-conditioned is singular up to rounding


def scalar_like(value: np.ndarray, rank: int) -> np.ndarray:
    """A (..., 1, 1) scalar reshaped to broadcast against a value of the given rank."""
    return value[..., 0, 0][(...,) + (None,) * rank]


def _positive(value: np.ndarray, what: str) -> np.ndarray:
    if np.any(value.real <= 0):
        raise Undefined(f"{what} of a non-positive number")
    return value


def _ill_conditioned(a: np.ndarray, bound: float) -> bool:
    """Is the 2-norm condition number (largest over singular value smallest, as ``np.linalg.cond``)
    above ``bound`` for any matrix of the stack? One SVD call, without cond's checks around it."""
    s = np.linalg.svd(a, compute_uv=False)
    return bool(np.any(s[..., 0] > bound * s[..., -1]))


def _inv(a: np.ndarray) -> np.ndarray:
    if _ill_conditioned(a.real, MAX_CONDITION):
        raise IllConditioned("inverse of a nearly singular matrix")
    return np.linalg.inv(a)


def _adj(a: np.ndarray) -> np.ndarray:
    """The adjugate from cofactors: polynomial in the entries, defined (and analytic) even when singular."""
    n = a.shape[-1]
    keep = np.array([[k for k in range(n) if k != i] for i in range(n)], dtype=int).reshape(n, n - 1)
    minors = a[..., keep[:, None, :, None], keep[None, :, None, :]]  # batch + (i, j, n-1, n-1)
    signs = (-1.0) ** np.add.outer(np.arange(n), np.arange(n))
    return np.swapaxes(signs * np.linalg.det(minors), -1, -2)


def _pinv(a: np.ndarray) -> np.ndarray:
    """The pseudo-inverse of a full-rank matrix by its defining formula, not by the SVD.

    ``inv(A.T @ A) @ A.T`` when A is tall or square, ``A.T @ inv(A @ A.T)`` when wide: both are
    rational in the entries, so the complex step stays exact (``np.linalg.pinv`` is not analytic).
    """
    t = a.swapaxes(-1, -2)
    tall = a.shape[-2] >= a.shape[-1]
    gram = t @ a if tall else a @ t
    if _ill_conditioned(gram.real, RANK_DEFICIENT):
        raise Undefined("pseudo-inverse of a rank-deficient matrix")
    return _inv(gram) @ t if tall else t @ _inv(gram)


def _commutation(m: int, n: int) -> np.ndarray:
    """K(m, n): row ``i*n + j`` picks entry ``j*m + i`` of vec(A), so K @ vec(A) == vec(A.T)."""
    k = np.zeros((m * n, m * n))
    i, j = np.divmod(np.arange(m * n), n)
    k[i * n + j, j * m + i] = 1.0
    return k


def _matpow(a: np.ndarray, k: int) -> np.ndarray:
    return np.linalg.matrix_power(a if k >= 0 else _inv(a), abs(k))


def _kron(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    out = np.einsum("...ij,...kl->...ikjl", a, b)
    return out.reshape(batch + (a.shape[-2] * b.shape[-2], a.shape[-1] * b.shape[-1]))


def vec(a: np.ndarray) -> np.ndarray:
    """Column stacking of the last two axes."""
    swapped = a.swapaxes(-1, -2)
    return swapped.reshape(a.shape[:-2] + (a.shape[-2] * a.shape[-1], 1))


def _total(a: np.ndarray) -> np.ndarray:
    return a.sum(axis=(-2, -1))[..., None, None]


def _multiple(node: Node, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A scalar multiple, whichever side the scalar was written on."""
    left, right = node.args
    if is_scalar(left.shape):
        return scalar_like(a, right.rank) * b
    return a * scalar_like(b, left.rank)


def _numeric(record):
    """A record's numeric evaluation, with its domain checked (log and sqrt need positive entries)."""
    if not record.positive_argument:
        return record.numeric
    return lambda n, a: record.numeric(n, _positive(a, record.name))


OPERATIONS = {
    "add": lambda n, a, b: a + b,
    "sub": lambda n, a, b: a - b,
    "neg": lambda n, a: -a,
    "mul": _multiple,
    "div": lambda n, a, b: a / scalar_like(b, n.args[0].rank),
    "matmul": lambda n, a, b: a @ b,
    "matpow": lambda n, a: _matpow(a, n.value),
    "pow": lambda n, a: (a if n.value.denominator == 1 else _positive(a, "a fractional power")) ** float(n.value),
    "transpose": lambda n, a: a.swapaxes(-1, -2),
    "tr": lambda n, a: a.trace(axis1=-2, axis2=-1)[..., None, None],
    "det": lambda n, a: np.linalg.det(a)[..., None, None],
    "inv": lambda n, a: _inv(a),
    "adj": lambda n, a: _adj(a),
    "pinv": lambda n, a: _pinv(a),
    "logdet": lambda n, a: np.log(_positive(np.linalg.det(a), "logdet"))[..., None, None],
    "ediv": lambda n, a, b: a / b,
    "kron": lambda n, a, b: _kron(a, b),
    "vec": lambda n, a: vec(a),
    "hadamard": lambda n, a, b: a * b,
    "frob": lambda n, a, b: _total(a * b),
    "norm": lambda n, a: np.sqrt(_positive(_total(a * a), "the norm")),
    "sum": lambda n, a: _total(a),
    "diag": lambda n, a: a.diagonal(axis1=-2, axis2=-1)[..., None],
    "diagm": lambda n, a: a * np.eye(a.shape[-2]),
    **{name: _numeric(record) for name, record in RECORDS.items()},
}


def _inv_complex(a: np.ndarray) -> np.ndarray:
    """The inverse of a genuinely complex matrix: its own condition number decides, not its real part's."""
    if _ill_conditioned(a, MAX_CONDITION):
        raise IllConditioned("inverse of a nearly singular matrix")
    return np.linalg.inv(a)


COMPLEX_OPERATIONS = {
    **OPERATIONS,
    "inv": lambda n, a: _inv_complex(a),
    "matpow": lambda n, a: np.linalg.matrix_power(a if n.value >= 0 else _inv_complex(a), abs(n.value)),
    # not analytic: they exist in complex mode only, which never uses the complex step
    "conj": lambda n, a: np.conj(a),
    "real": lambda n, a: np.real(a),
    "imag": lambda n, a: np.imag(a),
    "abs": lambda n, a: np.abs(a),
    "ctranspose": lambda n, a: np.conj(a.swapaxes(-1, -2)),
}
"""The operations of an identity with complex values (``complex_mode``): genuine complex arithmetic."""


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
