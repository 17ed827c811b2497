"""logsumexp(X): the scalar ``log(sum(exp(X)))`` over every entry of a scalar, vector or matrix."""

from __future__ import annotations

import numpy as np

from ..language.cost import per_argument_entry
from ..language.dims import is_scalar, is_vector
from . import build as b
from .record import Operation
from .registry import register
from .shapes import to_scalar

AXES = (-2, -1)


def _numeric(node, a):
    """``m + log(sum(exp(X - m)))`` with m the largest real part: m is a real constant, so the
    value is the same analytic function of X (the complex step stays exact) and exp never overflows."""
    m = a.real.max(axis=AXES, keepdims=True)
    return m + np.log(np.exp(a - m).sum(axis=AXES, keepdims=True))


def _decomposition(node, u):
    return b.call("log", b.call("sum", b.call("exp", u)))


def weights(u):
    """The gradient of logsumexp at U: ``exp(U) / sum(exp(U))``, written softmax(u) for a column vector."""
    if is_vector(u.shape):
        return b.call("softmax", u)
    e = b.call("exp", u)
    return b.div(e, b.call("sum", e))


def _differential(node, d, u):
    """d logsumexp(U) = frob(exp(U) / sum(exp(U)), dU); for a scalar u, logsumexp(u) = u."""
    du = d(u)
    if du is None or is_scalar(u.shape):
        return du
    return b.call("frob", weights(u), du)


_HELPER = """

def _logsumexp(a):
    m = np.max(a)
    return m + np.log(np.sum(np.exp(a - m)))
"""

LOGSUMEXP = register(
    Operation(
        name="logsumexp",
        arity=1,
        summary="log(sum(exp(U))), a scalar over every entry",
        shape=to_scalar("logsumexp"),
        latex="\\operatorname{logsumexp}",
        numeric=_numeric,
        decomposition=_decomposition,
        definition=("logsumexp(X) == log(sum(exp(X)))", "X: m x n"),
        differential=_differential,
        numpy=lambda node, a: f"_logsumexp({a})",
        real_argument="logsumexp of a complex argument is not supported yet",
        cost=per_argument_entry(3),
        numpy_helpers=(_HELPER,),
    )
)
