"""Derivative nodes: perturb the variable by a fresh group of infinitesimals and read coefficients.

Per LANGUAGE.md every entry of the variable is independent even when the symbol is declared
symmetric or diagonal: entry ``X[k,l]`` gets its own infinitesimal, at the symbol's actual
(structured) value. This is scalar calculus entry by entry, never a matrix-calculus rule.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from ..language import Node
from . import wirtinger
from .evaluate import Context, evaluate
from .jets import Jet, add, coefficient, is_zero
from .linalg import Tensor, scale, transpose


def _perturbed(ctx: Context, name: str, group: int, direction: Tensor | None = None) -> Tensor:
    """The variable with entry i shifted by e_i of ``group`` (or by ``direction[i] * e_0``)."""
    value = ctx.env[name]
    if direction is None:
        data = tuple(Jet(group, x, {i: ctx.one}) for i, x in enumerate(value.data))
    else:
        data = tuple(Jet(group, x, {0: dx} if not is_zero(dx) else {}) for x, dx in zip(value.data, direction.data))
    return Tensor(value.shape, data)


def _with(ctx: Context, name: str, value: Tensor) -> Context:
    return replace(ctx, env={**ctx.env, name: value})


def _body(node: Node, ctx: Context, groups: int) -> tuple[Tensor, list[int]]:
    """Evaluate the differentiated expression with the variable perturbed by ``groups`` groups."""
    name = node.args[1].value
    ids = [next(ctx.groups) for _ in range(groups)]
    value = ctx.env[name]
    for g in ids:
        value = _perturbed(_with(ctx, name, value), name, g)
    return evaluate(node.args[0], _with(ctx, name, value)), ids


def _gradient(node: Node, ctx: Context) -> Tensor:
    f, (g,) = _body(node, ctx, 1)
    var = ctx.env[node.args[1].value]
    if f.shape == (1, 1):
        return Tensor(var.shape, tuple(coefficient(f.scalar, g, i, ctx.zero) for i in range(len(var.data))))
    if var.shape == (1, 1):
        return Tensor(f.shape, tuple(coefficient(x, g, 0, ctx.zero) for x in f.data))
    data = tuple(coefficient(x, g, i, ctx.zero) for x in f.data for i in range(len(var.data)))
    return Tensor(f.shape + var.shape, data)


def _flat_index(var: Tensor):
    """Position in the variable's row-major data of entry j of vec(var) (column stacking)."""
    r, c = var.shape
    return [i * c + j for j in range(c) for i in range(r)]


def _jacobian(node: Node, ctx: Context) -> Tensor:
    f, (g,) = _body(node, ctx, 1)
    order = _flat_index(ctx.env[node.args[1].value])
    data = tuple(coefficient(x, g, k, ctx.zero) for x in f.data for k in order)
    return Tensor((len(f.data), len(order)), data)


def _hessian(node: Node, ctx: Context) -> Tensor:
    f, (g1, g2) = _body(node, ctx, 2)
    order = _flat_index(ctx.env[node.args[1].value])
    inner = {j: coefficient(f.scalar, g2, j, ctx.zero) for j in order}
    data = tuple(coefficient(inner[j], g1, i, ctx.zero) for i in order for j in order)
    return Tensor((len(order), len(order)), data)


def _symmetric_gradient(node: Node, ctx: Context) -> Tensor:
    g = _gradient(node, ctx)
    half = ctx.field.const(Fraction(1, 2))
    return scale(Tensor(g.shape, tuple(add(a, b) for a, b in zip(g.data, transpose(g).data))), half)


def _differential(node: Node, ctx: Context) -> Tensor:
    name = node.args[1].value
    g = next(ctx.groups)
    direction = ctx.env[node.args[2].value]
    f = evaluate(node.args[0], _with(ctx, name, _perturbed(ctx, name, g, direction)))
    return Tensor(f.shape, tuple(coefficient(x, g, 0, ctx.zero) for x in f.data))


def _complex_aware(rule):
    """The rule for a real variable; Wirtinger's for a complex one (``wirtinger.py``)."""

    def dispatch(node: Node, ctx: Context) -> Tensor:
        if wirtinger.is_wirtinger(node, ctx):
            return wirtinger.WIRTINGER_RULES[node.op](node, ctx)
        return rule(node, ctx)

    return dispatch


DERIVATIVE_RULES = {
    "d": _complex_aware(_gradient),
    "jac": _complex_aware(_jacobian),
    "hess": _hessian,
    "dsym": _symmetric_gradient,
    "differential": _differential,
}
