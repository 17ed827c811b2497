"""det, inv, adj and pinv of whole matrices with derivatives: the one elimination (``elimination``)
on whole rows at exact points, else ``linalg``'s algorithms on entries that carry their derivatives
(``VectorDual``)."""

from __future__ import annotations

from functools import partial

import numpy as np

from ..language import Node
from . import linalg
from .elimination import eliminate
from .jets import Undefined, VectorDual, recip
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


def _by_elimination(ev: Arrays, a: Value, inverse: bool = True) -> tuple[Value, Value | None] | None:
    """(det, inverse or None) by elimination on whole rows with their derivatives, where it helps
    (derivatives at an exact point), else None."""
    if a.d is None or ev.field.lazy:
        return None  # values alone, or a proof: linalg's cofactors keep rational functions small
    try:
        done = eliminate(a.v, ev.zero, ev.one, inverse=inverse, da=a.d, reciprocal=partial(recip, one=ev.one))
    except Undefined:  # no pivot with a nonzero value: linalg decides what is defined
        return None
    k = a.d.shape[0]
    det = Value(np.array([[done.det]], dtype=object), done.ddet.reshape(k, 1, 1))
    return det, None if done.inverse is None else Value(done.inverse, done.dinverse)


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
