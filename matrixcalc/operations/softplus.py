"""softplus(X): ``log(1 + exp(X))`` entry by entry, the smooth ReLU."""

from __future__ import annotations

import numpy as np

from ..language.cost import per_argument_entry
from ..language.dims import is_scalar
from . import build as b
from .record import Operation
from .registry import register
from .shapes import entrywise


def _numeric(node, a):
    """``x + log1p(exp(-x))`` where the real part is positive, ``log1p(exp(x))`` elsewhere: the
    same analytic function on each side (so the complex step stays exact) without overflow."""
    up = a.real > 0
    return np.where(up, a, 0) + np.log1p(np.exp(np.where(up, -a, a)))


def _decomposition(node, u):
    one = b.number(1) if is_scalar(u.shape) else b.ones(u.shape)
    return b.call("log", b.add(one, b.call("exp", u)))


def _differential(node, d, u):
    """d softplus(U) = sigmoid(U) ∘ dU."""
    du = d(u)
    return None if du is None else b.entrywise("hadamard", b.call("sigmoid", u), du)


SOFTPLUS = register(
    Operation(
        name="softplus",
        arity=1,
        summary="softplus log(1 + exp(u)), entrywise",
        shape=entrywise("softplus"),
        latex="\\operatorname{softplus}",
        numeric=_numeric,
        decomposition=_decomposition,
        definition=("softplus(X) == log(ones(m, n) + exp(X))", "X: m x n"),
        differential=_differential,
        numpy=lambda node, a: f"np.logaddexp(0.0, {a})",
        real_argument="softplus of a complex argument is not supported yet",
        cost=per_argument_entry(3),
        symmetric_if_argument=True,
    )
)
