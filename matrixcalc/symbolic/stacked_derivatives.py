"""Derivative nodes in whole-matrix evaluation: forward mode by one group of infinitesimals, and
the gradient of a scalar by reverse mode (``adjoint.py``).

``stacked.py`` evaluates values; this evaluator adds the derivatives on top of it, so the
forward evaluator, reverse mode and this module import one way (values <- adjoint <- here).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..language import DERIVATIVES, Identity, Node, is_scalar
from . import stacked
from .adjoint import gradient
from .stacked import RULES
from .stacked_values import Fallback, Value


class Evaluator(stacked.Evaluator):
    """The whole-matrix evaluator with derivative nodes (no derivative inside a derivative)."""

    def derivative(self, node: Node) -> Value:
        return DERIVATIVE_RULES[node.op](self, node)


def supports(identity: Identity) -> bool:
    """True when every operation has a rule here and no derivative is taken inside a derivative
    (one group of infinitesimals suffices)."""
    for node in identity.nodes:
        if node.op not in RULES and node.op not in DERIVATIVE_RULES:
            return False
        if node.op in DERIVATIVES and node.args[0].holds_derivative:
            return False
    return True


# -- derivative nodes: perturb the variable by one group of k infinitesimals ----------------------


def _body(ev: Evaluator, node: Node, direction: np.ndarray) -> tuple[Value, Value]:
    """The differentiated expression with the variable's derivative stack set to ``direction``."""
    name = node.args[1].value
    variable = ev.env[name]
    ev.env[name] = Value(variable.v, direction)
    try:
        f = ev(node.args[0])
    finally:
        ev.env[name] = variable
    return f, variable


def _units(ev: Evaluator, shape: tuple[int, int]) -> np.ndarray:
    """One infinitesimal per entry (row-major): the stack of unit matrices."""
    k = shape[0] * shape[1]
    out = ev.full((k,) + shape, ev.zero)
    for i in range(k):
        out[(i,) + divmod(i, shape[1])] = ev.one
    return out


def _derivatives(ev: Evaluator, f: Value, k: int) -> np.ndarray:
    return f.d if f.d is not None else ev.full((k,) + f.v.shape, ev.zero)


def _gradient(ev, node):
    var = ev.env[node.args[1].value].v
    if is_scalar(node.args[0].shape):
        return Value(_reverse(ev, node, var))
    f, _ = _body(ev, node, _units(ev, var.shape))
    d = _derivatives(ev, f, var.size)
    if f.v.shape == (1, 1):
        return Value(d[:, 0, 0].reshape(var.shape))
    if var.shape == (1, 1):
        return Value(d[0])
    return Value(np.moveaxis(d, 0, -1).reshape(f.v.shape + var.shape))


def _reverse(ev: Evaluator, node: Node, var: np.ndarray) -> np.ndarray:
    """The gradient of a scalar by reverse mode: sums, products and transposes by whole arrays,
    every other operation by the scalar tape (``adjoint.py``) — one backward sweep instead of
    one infinitesimal per entry of the variable."""
    return gradient(ev, node.args[0], node.args[1].value)


def _jacobian(ev, node):
    var = ev.env[node.args[1].value].v
    f, _ = _body(ev, node, _units(ev, var.shape))
    d = _derivatives(ev, f, var.size)
    r, c = var.shape
    order = [i * c + j for j in range(c) for i in range(r)]
    return Value(d.reshape(var.size, -1).T[:, order])


def _symmetric_gradient(ev, node):
    g = _gradient(ev, node).v
    if g.ndim != 2:
        raise Fallback("dsym of a non-scalar")
    return Value((g + g.T) * ev.field.const(Fraction(1, 2)))


def _differential(ev, node):
    direction = ev.env[node.args[2].value].v
    f, _ = _body(ev, node, direction[None])
    return Value(_derivatives(ev, f, 1)[0])


DERIVATIVE_RULES = {
    "d": _gradient,
    "jac": _jacobian,
    "dsym": _symmetric_gradient,
    "differential": _differential,
}
