"""softmax(x): the column vector ``exp(x) / sum(exp(x))``."""

from __future__ import annotations

import numpy as np

from ..language.cost import per_argument_entry
from . import build as b
from .record import Operation
from .registry import register
from .shapes import column

AXES = (-2, -1)


def _numeric(node, a):
    """``exp(x - m) / sum(exp(x - m))`` with m the largest real part: the same analytic function of
    x (m is a real constant, so the complex step stays exact), and exp never overflows."""
    e = np.exp(a - a.real.max(axis=AXES, keepdims=True))
    return e / e.sum(axis=AXES, keepdims=True)


def _decomposition(node, u):
    e = b.call("exp", u)
    return b.div(e, b.call("sum", e))


def jacobian(s):
    """The Jacobian of softmax at the value s = softmax(x): ``diagm(s) - s @ s.T``."""
    return b.sub(b.call("diagm", s), b.matmul(s, b.transpose(s)))


def _differential(node, d, u):
    """d softmax(u) = (diagm(s) - s @ s.T) @ du with s = softmax(u)."""
    du = d(u)
    return None if du is None else b.matmul(jacobian(node), du)


_HELPER = """

def _softmax(a):
    e = np.exp(a - np.max(a))
    return e / np.sum(e)


def _log_softmax(a):
    shifted = a - np.max(a)
    return shifted - np.log(np.sum(np.exp(shifted)))
"""

SOFTMAX = register(
    Operation(
        name="softmax",
        arity=1,
        summary="exp(u) / sum(exp(u)) of a column vector",
        shape=column("softmax"),
        latex="\\operatorname{softmax}",
        numeric=_numeric,
        decomposition=_decomposition,
        definition=("softmax(x) == exp(x) / sum(exp(x))", "x: n"),
        differential=_differential,
        numpy=lambda node, a: f"_softmax({a})",
        real_argument="softmax of a complex argument is not supported yet",
        cost=per_argument_entry(3),
        numpy_helpers=(_HELPER,),
        numpy_log=lambda node, a: f"_log_softmax({a})",
    )
)
