"""Exact Wirtinger derivatives: perturb the real and imaginary part of each entry separately.

Entry ``Z[k,l]`` of a complex variable becomes ``Z[k,l] + e_(2q) + i e_(2q+1)`` (q its row-major
position) with two real infinitesimals of one group; the coefficients are ∂f/∂Re and ∂f/∂Im, and
∂f/∂Z = ½(∂f/∂Re − i ∂f/∂Im), ∂f/∂Z̄ = ½(∂f/∂Re + i ∂f/∂Im). Scalar calculus entry by entry,
never a rule of matrix calculus. A real variable in a complex identity, and ``differential``
(a real-linear directional derivative whatever the variable), use the ordinary rules.
"""

from __future__ import annotations

from fractions import Fraction

from ..language import Node, variable_of
from .evaluate import Context, evaluate
from .jets import Jet, add, coefficient, mul, neg
from .linalg import Tensor


def is_wirtinger(node: Node, ctx: Context) -> bool:
    """Does this derivative node need Wirtinger's two perturbations?"""
    symbols = getattr(ctx.field, "complex_symbols", None)
    return bool(symbols) and variable_of(node)[0] in symbols


def _partials(node: Node, ctx: Context) -> tuple[Tensor, Tensor, list]:
    """The body with the variable perturbed, the variable's value, and per entry its combined coefficient."""
    name, conjugate = variable_of(node)
    group = next(ctx.groups)
    value = ctx.env[name]
    i = ctx.field.i
    data = tuple(Jet(group, x, {2 * q: ctx.one, 2 * q + 1: i}) for q, x in enumerate(value.data))
    f = evaluate(node.args[0], _with(ctx, name, Tensor(value.shape, data)))
    half = ctx.field.const(Fraction(1, 2))
    sign = i if conjugate else neg(i)

    def combined(x, q: int):
        d_re = coefficient(x, group, 2 * q, ctx.zero)
        d_im = coefficient(x, group, 2 * q + 1, ctx.zero)
        return mul(half, add(d_re, mul(sign, d_im)))

    return f, value, combined


def _with(ctx: Context, name: str, value: Tensor) -> Context:
    from dataclasses import replace

    return replace(ctx, env={**ctx.env, name: value})


def gradient(node: Node, ctx: Context) -> Tensor:
    f, var, combined = _partials(node, ctx)
    entries = range(len(var.data))
    if f.shape == (1, 1):
        return Tensor(var.shape, tuple(combined(f.scalar, q) for q in entries))
    if var.shape == (1, 1):
        return Tensor(f.shape, tuple(combined(x, 0) for x in f.data))
    return Tensor(f.shape + var.shape, tuple(combined(x, q) for x in f.data for q in entries))


def jacobian(node: Node, ctx: Context) -> Tensor:
    f, var, combined = _partials(node, ctx)
    r, c = var.shape
    order = [i * c + j for j in range(c) for i in range(r)]  # vec order: column stacking
    return Tensor((len(f.data), len(order)), tuple(combined(x, q) for x in f.data for q in order))


WIRTINGER_RULES = {"d": gradient, "jac": jacobian}
