"""Derivatives by perturbation, never by matrix-calculus rules (those are what is under test).

The innermost derivative uses the complex step, exact to rounding; a derivative of something
that itself contains a derivative uses central differences with Richardson extrapolation
(error O(h^4)) on top, because complex steps cannot be nested.
"""

from __future__ import annotations

import numpy as np

from ..language import DERIVATIVES, Node, is_scalar
from ..operations.faults import IllConditioned
from .interpreter import Interpreter

COMPLEX_STEP = 1e-20
CENTRAL_STEP = 1e-3
NESTED = ((CENTRAL_STEP, 1),)  # the schedule of a derivative of a derivative: one step, the h² term eliminated
SETTLED = 1e-9  # Richardson estimates at h and h/2 must agree this well, else redraw


def uses_differences(identity) -> bool:
    """True when some derivative is taken of an expression that holds a derivative (or a Hessian)."""
    return any(
        node.op == "hess" or (node.op in DERIVATIVES and node.args[0].holds_derivative) for node in identity.nodes
    )


def basis(shape: tuple[int, ...], batch_ndim: int) -> np.ndarray:
    """Unit perturbations E_kl, stacked on a new leading axis, broadcastable over the batch."""
    k = shape[0] * shape[1]
    return np.eye(k).reshape((k,) + (1,) * batch_ndim + shape)


def raw_derivative(body, env: dict, name: str, directions: np.ndarray, nested: bool) -> np.ndarray:
    """d body(X + t D) / dt at t = 0 for the direction(s) D, batched like ``directions``.

    ``body`` maps an environment to an array; ``directions`` broadcasts against the variable
    (a stack of unit directions on a new leading axis, or one direction).
    """
    if not nested:
        out = body({**env, name: env[name] + 1j * COMPLEX_STEP * directions})
        return out.imag / COMPLEX_STEP
    return richardson(body, env, name, directions, NESTED)


def richardson(body, env: dict, name: str, directions: np.ndarray, schedules) -> np.ndarray:
    """d body(X + t D) / dt at t = 0 for real t, by Richardson-extrapolated central differences.

    ``schedules`` are (first step, levels) pairs tried in turn: steps h, h/2, ... with the h², h⁴, ...
    terms eliminated. Two estimates of the same order, at h and h/2, must agree (else the truncation
    error is not negligible and the next schedule is tried); when none settles, the point is redrawn.
    """
    x0 = env[name]

    def central(h: float) -> np.ndarray:
        plus = body({**env, name: x0 + h * directions})
        minus = body({**env, name: x0 - h * directions})
        return (plus - minus) / (2 * h)

    for step, levels in schedules:
        table = [central(step / 2**k) for k in range(levels + 2)]
        for level in range(1, levels + 1):  # eliminate the h^2, h^4, ... terms in turn
            factor = 4.0**level
            table = [(factor * fine - coarse) / (factor - 1) for coarse, fine in zip(table, table[1:])]
        coarse, fine = table
        scale = max(float(np.max(np.abs(fine))), 1e-3)
        if float(np.max(np.abs(fine - coarse))) <= SETTLED * scale:
            return fine
    raise IllConditioned("finite differences did not settle at this point")


def tensor(ev: Interpreter, body, env: dict, variable: Node, nested: bool, out_shape: tuple[int, ...]) -> np.ndarray:
    """T[..., i, j, k, l] = d body[i, j] / d X[k, l] for the variable X, batched."""
    shape = ev.shape(variable)
    batch = batch_shape(env)
    raw = raw_derivative(body, env, variable.value, basis(shape, len(batch)), nested)
    full = (shape[0] * shape[1],) + batch + out_shape
    if raw.shape != full:  # a body that does not depend on the variable has no axis of directions
        raw = np.broadcast_to(raw, full)
    moved = raw.transpose(tuple(range(1, raw.ndim)) + (0,))  # batch + out + (K,)
    return moved.reshape(moved.shape[:-1] + shape)


def batch_shape(env: dict) -> tuple[int, ...]:
    """The batch shape the values of ``env`` broadcast to (their axes before the last two)."""
    batches = {value.shape[:-2] for value in env.values()}
    if len(batches) == 1:
        return batches.pop()
    return np.broadcast_shapes(*batches)


def vec_order(t: np.ndarray) -> np.ndarray:
    """Collapse the trailing (k, l) axes of a derivative into one vec(X) index (column-major)."""
    swapped = t.swapaxes(-1, -2)
    return swapped.reshape(t.shape[:-2] + (t.shape[-2] * t.shape[-1],))


def evaluate(ev: Interpreter, node: Node, env: dict) -> np.ndarray:
    """Value of a derivative node (d, jac, hess, dsym, differential) of a real identity
    (``wirtinger.evaluate`` takes those of a complex one)."""
    body_node, variable = node.args[0], node.args[1]

    def body(e: dict) -> np.ndarray:
        return ev(body_node, e)

    nested = body_node.holds_derivative
    if node.op == "differential":
        direction = env[node.args[2].value]
        return raw_derivative(body, env, variable.value, direction, nested)
    if node.op == "hess":
        inner = Node("d", (body_node, variable), variable.shape)
        t = tensor(ev, lambda e: ev(inner, e), env, variable, True, ev.shape(variable))  # batch + (m, n) + (m, n)
        t = vec_order(t)  # batch + (m, n, K)
        t = np.moveaxis(t, -1, -3)  # batch + (K, m, n)
        return vec_order(t)  # batch + (K, K)
    t = tensor(ev, body, env, variable, nested, ev.shape(body_node))  # batch + (p, q, m, n)
    if node.op == "jac":
        return vec_order(t[..., :, 0, :, :])
    if node.op == "dsym":
        g = t[..., 0, 0, :, :]
        return (g + g.swapaxes(-1, -2)) / 2
    if is_scalar(body_node.shape):
        return t[..., 0, 0, :, :]
    if is_scalar(variable.shape):
        return t[..., 0, 0]
    return t
