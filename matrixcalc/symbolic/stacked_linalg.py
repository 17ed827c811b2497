"""det, inv, adj and pinv of whole matrices with derivatives: elimination on whole rows at exact
points, else ``linalg``'s own algorithms on entries that carry their derivatives (``VectorDual``)."""

from __future__ import annotations

import numpy as np

from ..language import Node
from . import linalg
from .jets import VectorDual
from .linalg import Tensor
from .stacked_values import Arrays, Value, array, matmul_value, scale_value, transpose_value


def _linalg(ev: Arrays, function, a: Value) -> Value:
    """A ``linalg`` function (det, inv, adj) of a value, its derivatives by running the same
    algorithm on entries that carry them (``VectorDual``): scalar calculus, never a matrix rule."""
    n, m = a.v.shape
    if a.d is None:
        result = function(Tensor((n, m), tuple(a.v.flat)), ev.zero, ev.one)
        return Value(array(list(result.data), result.shape))
    k = a.d.shape[0]
    entries = tuple(VectorDual(a.v[i, j], a.d[:, i, j]) for i in range(n) for j in range(m))
    result = function(Tensor((n, m), entries), VectorDual(ev.zero, None), VectorDual(ev.one, None))
    zeros = ev.full((k,), ev.zero)
    items = [x if type(x) is VectorDual else VectorDual(x, None) for x in result.data]
    v = array([x.v for x in items], result.shape)
    d = np.stack([zeros if x.d is None else x.d for x in items], axis=1).reshape((k,) + result.shape)
    return Value(v, d)


def _scalar_det(t: Tensor, zero, one) -> Tensor:
    return Tensor((1, 1), (linalg.det(t, zero, one),))


class _Singular(Exception):
    """No pivot with a nonzero value: elimination stops (``linalg`` then decides what is defined)."""


def _eliminate(ev: Arrays, a: Value, inverse: bool) -> tuple[Value, Value | None]:
    """(det, inverse or None) of a matrix with derivatives, by elimination on whole rows.

    Each step is scalar arithmetic on every entry, with the product and quotient rules carrying
    the derivatives along (what ``VectorDual`` would do entry by entry), vectorised over the rows
    and the k infinitesimals. Pivots are chosen by nonzero value; only the columns still in play
    are updated. For det alone, rows above the pivot are left alone (no back substitution).
    Raises _Singular.
    """
    n = a.v.shape[0]
    k = a.d.shape[0]
    m = np.concatenate([a.v, ev.eye(n)], axis=1) if inverse else a.v.copy()
    dm = np.concatenate([a.d, ev.full((k, n, n), ev.zero)], axis=2) if inverse else a.d.copy()
    det, ddet = ev.one, ev.full((k,), ev.zero)
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r, col] != 0), None)
        if pivot is None:
            raise _Singular
        if pivot != col:
            m[[col, pivot]] = m[[pivot, col]]
            dm[:, [col, pivot]] = dm[:, [pivot, col]]
            det, ddet = -det, -ddet
        p, dp = m[col, col], dm[:, col, col].copy()
        ddet = ddet * p + dp * det
        det = det * p
        live = np.r_[col + 1 : n, n : n + col + 1] if inverse else np.arange(col + 1, n)
        r = ev.one / p
        dr = dp * (-(r * r))
        row = m[col, live] * r
        drow = dm[:, col][:, live] * r + m[col, live][None, :] * dr[:, None]
        rows = np.array([i for i in range(n) if i != col]) if inverse else np.arange(col + 1, n)
        if len(rows) and len(live):
            f, df = m[rows, col], dm[:, rows, col]
            block = np.ix_(rows, live)
            m[block] = m[block] - f[:, None] * row[None, :]
            update = df[:, :, None] * row[None, None, :] + drow[:, None, :] * f[None, :, None]
            dm[(slice(None),) + block] = dm[(slice(None),) + block] - update
        m[col, live], dm[:, col, live] = row, drow
    det_value = Value(np.array([[det]], dtype=object), ddet.reshape(k, 1, 1))
    if not inverse:
        return det_value, None
    return det_value, Value(m[:, n:], dm[:, :, n:])


def _by_elimination(ev: Arrays, a: Value, inverse: bool = True) -> tuple[Value, Value | None] | None:
    """Elimination where it helps (derivatives at an exact point), else None."""
    if a.d is None or ev.field.lazy:
        return None  # values alone, or a proof: linalg's cofactors keep rational functions small
    try:
        return _eliminate(ev, a, inverse)
    except _Singular:
        return None


def det_value(ev: Arrays, a: Value) -> Value:
    done = _by_elimination(ev, a, inverse=False)
    return done[0] if done is not None else _linalg(ev, _scalar_det, a)


def inv_value(ev: Arrays, node: Node, a: Value) -> Value:
    done = _by_elimination(ev, a)
    return done[1] if done is not None else _linalg(ev, linalg.inv, a)


def adj_value(ev: Arrays, node: Node, a: Value) -> Value:
    """adj(A) = det(A) inv(A) where A is invertible (as ``linalg`` computes it), else cofactors."""
    if a.v.shape[0] > 1 and (done := _by_elimination(ev, a)) is not None:
        return scale_value(ev, *done)
    return _linalg(ev, linalg.adjugate, a)


def pinv_value(ev: Arrays, node: Node, a: Value) -> Value:
    t = transpose_value(ev, None, a)
    if a.v.shape[0] >= a.v.shape[1]:
        return matmul_value(ev, inv_value(ev, node, matmul_value(ev, t, a)), t)
    return matmul_value(ev, t, inv_value(ev, node, matmul_value(ev, a, t)))
