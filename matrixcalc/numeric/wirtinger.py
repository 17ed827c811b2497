"""Derivatives of complex identities by real differences: Wirtinger derivatives without rules.

The complex step needs a function that is complex-analytic in the perturbed entry, which
``conj``, ``real``, ``imag``, ``abs`` and every complex input break. Here each entry of the
variable is perturbed along a real direction ``t * D`` (``D = E_kl`` for the real part,
``D = i E_kl`` for the imaginary part) and ``d/dt`` is taken by central differences with
Richardson extrapolation at two step sizes, the same self-checking estimate the nested
derivatives of real identities use: if the two estimates disagree the point is redrawn.
Then ∂f/∂Z = ½(∂f/∂Re Z − i ∂f/∂Im Z) and ∂f/∂Z̄ = ½(∂f/∂Re Z + i ∂f/∂Im Z).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..language import Node, is_scalar, variable_of
from .derivatives import _basis, _vec_order
from .faults import IllConditioned

if TYPE_CHECKING:
    from .evaluate import Evaluator

STEP = 1e-3
SETTLED = 1e-9  # Richardson estimates at h and h/2 must agree this well, else redraw


def directional(body, env: dict, name: str, directions: np.ndarray) -> np.ndarray:
    """d body(X + t D) / dt at t = 0 for real t, by Richardson-extrapolated central differences."""
    x0 = env[name]

    def central(h: float) -> np.ndarray:
        plus = body({**env, name: x0 + h * directions})
        minus = body({**env, name: x0 - h * directions})
        return (plus - minus) / (2 * h)

    steps = [central(STEP / 2**k) for k in range(3)]
    coarse = (4 * steps[1] - steps[0]) / 3
    fine = (4 * steps[2] - steps[1]) / 3
    scale = max(float(np.max(np.abs(fine))), 1e-3)
    if float(np.max(np.abs(fine - coarse))) > SETTLED * scale:
        raise IllConditioned("finite differences did not settle at this point")
    return fine


def partials(ev: Evaluator, body, env: dict, node: Node) -> np.ndarray:
    """T[..., i, j, k, l] = ∂ body[i, j] / ∂ X[k, l]: ordinary for a real X, Wirtinger for a complex one."""
    name, conjugate = variable_of(node)
    shape = ev.shape(node.args[1])
    out_shape = ev.shape(node.args[0])
    batch = np.broadcast_shapes(*(np.shape(value)[:-2] for value in env.values()))
    basis = _basis(shape, len(batch))

    def along(directions: np.ndarray) -> np.ndarray:
        raw = directional(body, env, name, directions)
        return np.broadcast_to(raw, (shape[0] * shape[1],) + batch + out_shape)

    if name in ev.complex_symbols:
        re, im = along(basis), along(1j * basis)
        raw = (re + 1j * im) / 2 if conjugate else (re - 1j * im) / 2
    else:
        raw = along(basis)
    moved = np.moveaxis(raw, 0, -1)  # batch + out + (K,)
    return moved.reshape(moved.shape[:-1] + shape)


def evaluate(ev: Evaluator, node: Node, env: dict) -> np.ndarray:
    """Value of d, jac or differential in a complex identity (hess and dsym are rejected by the parser)."""
    body_node = node.args[0]

    def body(e: dict) -> np.ndarray:
        return ev(body_node, e)

    if node.op == "differential":
        name, _ = variable_of(node)
        return directional(body, env, name, env[node.args[2].value])
    t = partials(ev, body, env, node)  # batch + (p, q, m, n)
    if node.op == "jac":
        return _vec_order(t[..., :, 0, :, :])
    if node.op == "d":
        if is_scalar(body_node.shape):
            return t[..., 0, 0, :, :]
        if is_scalar(node.args[1].shape):
            return t[..., 0, 0]
        return t
    raise NotImplementedError(f"{node.op} of a complex identity")  # the parser rejects hess and dsym
