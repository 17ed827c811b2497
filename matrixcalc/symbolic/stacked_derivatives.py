"""Derivative nodes in whole-matrix evaluation: forward mode by one group of infinitesimals (two
per entry of a complex variable: a Wirtinger derivative), and the gradient of a scalar of a real
field by reverse mode (``adjoint.py``).

``stacked.py`` evaluates values; this evaluator adds the derivatives on top of it, so the
forward evaluator, reverse mode and this module import one way (values <- adjoint <- here).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from ..language import Identity, Node, concrete, is_scalar, variable_of
from . import stacked
from .adjoint import gradient
from .jets import Jet, coefficient
from .linalg import Tensor
from .stacked import RULES
from .stacked_values import Fallback, Value, array


class Evaluator(stacked.Evaluator):
    """The whole-matrix evaluator with derivative nodes; ``groups`` numbers the jets of the
    derivatives that hold another one (``_outer``), outermost first, as ``jets.py`` wants."""

    def __init__(self, field, sizes: dict[str, int], env: dict[str, np.ndarray]) -> None:
        super().__init__(field, sizes, env)
        self.groups = itertools.count()

    def derivative(self, node: Node) -> Value:
        return DERIVATIVE_RULES[node.op](self, node)


def supports(identity: Identity) -> bool:
    """True when every operation has a rule here and no derivative is inside a ``differential``
    (left to the jets; the language has no derivative inside a complex derivative)."""
    for node in identity.nodes:
        if node.op not in RULES and node.op not in DERIVATIVE_RULES:
            return False
        if node.op == "differential" and node.args[0].holds_derivative:
            return False
    return True


def whole_sides(identity: Identity, field, sizes: dict[str, int], values: dict[str, list]) -> list[Tensor] | None:
    """Every side at one point by whole matrices (``values``: name -> row-major entries), or
    None when the identity needs the jets (``supports``, or a rule's ``Fallback``)."""
    if not supports(identity):
        return None
    env = {}
    for name, decl in identity.declarations.items():
        env[name] = array(values[name], concrete(decl.shape, sizes))
    evaluator = Evaluator(field, sizes, env)
    try:
        return [Tensor(*evaluator.side(side)) for side in identity.sides]
    except Fallback:
        return None
    except SystemError as exc:
        # a time limit's alarm that fires inside numpy's loop over field elements can surface as
        # "returned a result with an exception set": the limit's own exception is the one meant
        original: BaseException | None = exc
        while isinstance(original, SystemError):
            original = original.__cause__ or original.__context__
        if original is not None:
            raise original from None
        raise


# -- derivative nodes: perturb the variable by one group of k infinitesimals ----------------------


def _body(ev: Evaluator, node: Node, direction: np.ndarray) -> tuple[Value, Value]:
    """The differentiated expression with the variable's derivative stack set to ``direction``."""
    name = variable_of(node)[0]
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


def _is_wirtinger(ev: Evaluator, node: Node) -> bool:
    """Is the variable complex (a Wirtinger derivative)?"""
    return variable_of(node)[0] in getattr(ev.field, "complex_symbols", ())


def _outer(ev: Evaluator, node: Node, var: np.ndarray) -> np.ndarray:
    """``(k, *body.shape)`` for a body that holds a derivative itself: the variable's entries
    become jets of a fresh group (``jets.py``), the inner derivative takes the derivative stack,
    and the coefficients of the jets are read off the body's value."""
    name = variable_of(node)[0]
    group = next(ev.groups)
    variable = ev.env[name]
    seeded = [Jet(group, x, {q: ev.one}) for q, x in enumerate(variable.v.flat)]
    ev.env[name] = Value(array(seeded, var.shape))
    try:
        f = ev(node.args[0]).v
    finally:
        ev.env[name] = variable
    return array([coefficient(x, group, q, ev.zero) for q in range(var.size) for x in f.flat], (var.size,) + f.shape)


def _forward(ev: Evaluator, node: Node, var: np.ndarray, wirtinger: bool = True) -> np.ndarray:
    """The stack ``(k, *body.shape)`` of the body's derivatives by the k entries of the variable.

    A complex variable takes two real infinitesimals per entry, one on its real part and one on
    its imaginary part; ∂f/∂Z = ½(∂f/∂Re − i ∂f/∂Im) and ∂f/∂Z̄ = ½(∂f/∂Re + i ∂f/∂Im) (``wirtinger``).
    """
    if node.args[0].holds_derivative:
        return _outer(ev, node, var)
    units = _units(ev, var.shape)
    if not (wirtinger and _is_wirtinger(ev, node)):
        f, _ = _body(ev, node, units)
        return _derivatives(ev, f, var.size)
    i = ev.field.i
    f, _ = _body(ev, node, np.concatenate([units, units * i]))
    d = _derivatives(ev, f, 2 * var.size)
    sign = i if variable_of(node)[1] else -i
    return (d[: var.size] + d[var.size :] * sign) * ev.field.const(Fraction(1, 2))


def _gradient(ev, node, wirtinger: bool = True):
    """d(f, X): reverse mode for a scalar f of a real field, else forward mode (``dsym``, as the
    jets do it, perturbs even a complex variable by real infinitesimals only)."""
    var = ev.env[variable_of(node)[0]].v
    if is_scalar(node.args[0].shape) and not hasattr(ev.field, "complex_symbols") and not node.args[0].holds_derivative:
        return Value(_reverse(ev, node, var))
    d = _forward(ev, node, var, wirtinger)
    f_shape = d.shape[1:]
    if f_shape == (1, 1):
        return Value(d[:, 0, 0].reshape(var.shape))
    if var.shape == (1, 1):
        return Value(d[0])
    return Value(np.moveaxis(d, 0, -1).reshape(f_shape + var.shape))


def _reverse(ev: Evaluator, node: Node, var: np.ndarray) -> np.ndarray:
    """The gradient of a scalar by reverse mode: sums, products and transposes by whole arrays,
    every other operation by the scalar tape (``adjoint.py``) — one backward sweep instead of
    one infinitesimal per entry of the variable."""
    return gradient(ev, node.args[0], node.args[1].value)


def _jacobian(ev, node):
    var = ev.env[variable_of(node)[0]].v
    d = _forward(ev, node, var)
    r, c = var.shape
    order = [i * c + j for j in range(c) for i in range(r)]
    return Value(d.reshape(var.size, -1).T[:, order])


def _hessian(ev, node):
    """hess(f, x): x's entries are jets of a fresh group (``_outer``) under the derivative stack
    of the gradient; entry (a, b) is the jets' coefficient a in the stack's slice b (vec order)."""
    name = variable_of(node)[0]
    variable = ev.env[name]
    var = variable.v
    group = next(ev.groups)
    seeded = [Jet(group, x, {q: ev.one}) for q, x in enumerate(var.flat)]
    ev.env[name] = Value(array(seeded, var.shape))
    try:
        d = _forward(ev, node, var)
    finally:
        ev.env[name] = variable
    r, c = var.shape
    order = [i * c + j for j in range(c) for i in range(r)]
    entries = [coefficient(d[b, 0, 0], group, a, ev.zero) for a in order for b in order]
    return Value(array(entries, (var.size, var.size)))


def _symmetric_gradient(ev, node):
    g = _gradient(ev, node, wirtinger=False).v
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
    "hess": _hessian,
    "dsym": _symmetric_gradient,
    "differential": _differential,
}
