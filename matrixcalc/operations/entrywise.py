"""The scalar functions applied entry by entry: log, exp, sqrt, sin, cos, tanh, sigmoid.

Each is one record: its shape is its argument's, its differential ``f'(U) ∘ dU``, and its
exact value a generator of the exact field whose derivative follows the same rule, so what
the exact check proves is what follows from the differentiation rules.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..language.dims import is_scalar
from . import build as b
from .record import Exact, Operation
from .registry import register
from .shapes import entrywise


def _one_minus(node):
    """1 - U entrywise: ones of U's shape (the number 1 for a scalar) minus U."""
    one = b.number(1) if is_scalar(node.shape) else b.ones(node.shape)
    return b.sub(one, node)


def _slope(slope):
    """The rule d f(U) = f'(U) ∘ dU, with ``slope(node, u)`` the tree of f'(U)."""

    def rule(node, d, u):
        du = d(u)
        return None if du is None else b.entrywise("hadamard", slope(node, u), du)

    return rule


def _log(node, d, u):
    """d log(U) = dU / U."""
    du = d(u)
    return None if du is None else b.entrywise("ediv", du, u)


def _sqrt(node, d, u):
    """d sqrt(U) = dU / (2 sqrt(U))."""
    du = d(u)
    return None if du is None else b.entrywise("ediv", du, b.scale(b.number(2), node))


def _record(name, summary, latex, numeric, differential, numpy, exact, real_argument, **more):
    return register(
        Operation(
            name=name,
            arity=1,
            summary=summary,
            shape=entrywise(name),
            latex=latex,
            numeric=numeric,
            differential=differential,
            numpy=numpy,
            exact=exact,
            real_argument=real_argument,
            symmetric_if_argument=True,
            **more,
        )
    )


NOT_YET = "{} of a complex argument is not supported yet"

LOG = _record(
    "log",
    "natural log, entrywise",
    "\\log",
    lambda node, a: np.log(a),
    _log,
    lambda node, a: f"np.log({a})",
    Exact("log", lambda ops, v, value: ops.recip(v), atoms=2, scalar=lambda m: m.log),  # 2: log|p / q|
    "log of a complex value is not defined here (which branch?); write log(abs(z)) for log|z|",
    positive_argument=True,
)

EXP = _record(
    "exp",
    "exp, entrywise (not the matrix exponential)",
    "\\exp",
    lambda node, a: np.exp(a),
    _slope(lambda node, u: node),
    lambda node, a: f"np.exp({a})",
    Exact("exp", lambda ops, v, value: value, scalar=lambda m: m.exp),
    NOT_YET.format("exp"),
)

SQRT = _record(
    "sqrt",
    "square root, entrywise",
    "\\sqrt",
    lambda node, a: np.sqrt(a),
    _sqrt,
    lambda node, a: f"np.sqrt({a})",
    Exact("root", lambda ops, v, value: ops.mul(ops.const(Fraction(1, 2)), ops.recip(value)), scalar=lambda m: m.sqrt),
    "sqrt of a complex value is not defined here (which branch?); write sqrt(abs(z)) or abs(z)",
    positive_argument=True,
    latex_form="radical",
)

SIN = _record(
    "sin",
    "sine, entrywise",
    "\\sin",
    lambda node, a: np.sin(a),
    _slope(lambda node, u: b.call("cos", u)),
    lambda node, a: f"np.sin({a})",
    Exact("atom", lambda ops, v, value: ops.call("cos", v), at_zero=0, atoms=2, scalar=lambda m: m.sin),
    NOT_YET.format("sin"),
)

COS = _record(
    "cos",
    "cosine, entrywise",
    "\\cos",
    lambda node, a: np.cos(a),
    _slope(lambda node, u: b.neg(b.call("sin", u))),
    lambda node, a: f"np.cos({a})",
    Exact(
        "atom",
        lambda ops, v, value: ops.mul(ops.const(-1), ops.call("sin", v)),
        at_zero=1,
        atoms=2,
        scalar=lambda m: m.cos,
    ),
    NOT_YET.format("cos"),
)

TANH = _record(
    "tanh",
    "hyperbolic tangent, entrywise",
    "\\tanh",
    lambda node, a: np.tanh(a),
    _slope(lambda node, u: _one_minus(b.entrywise("hadamard", node, node))),
    lambda node, a: f"np.tanh({a})",
    # a fresh atom with the rule 1 - tanh(v)**2 (through exp the residuals grow into rational
    # functions of many atoms, which is far slower)
    Exact(
        "atom",
        lambda ops, v, value: ops.add(ops.one, ops.mul(ops.const(-1), ops.mul(value, value))),
        at_zero=0,
        scalar=lambda m: m.tanh,
    ),
    NOT_YET.format("tanh"),
)

SIGMOID = _record(
    "sigmoid",
    "logistic function 1 / (1 + exp(-u)), entrywise",
    "\\sigma",
    lambda node, a: 1.0 / (1.0 + np.exp(-a)),
    _slope(lambda node, u: b.entrywise("hadamard", node, _one_minus(node))),
    lambda node, a: f"(0.5 * (1.0 + np.tanh(0.5 * {a})))",  # no overflow for large |a|
    # a fresh atom by default (rational functions of many exp atoms are slow to cancel), or
    # exp(v) / (1 + exp(v)) when the identity has exp or log, so the logistic loss's gradient
    # is decided exactly whichever way it is written
    Exact(
        "atom",
        lambda ops, v, value: ops.mul(value, ops.add(ops.one, ops.mul(ops.const(-1), value))),
        at_zero=Fraction(1, 2),
        scalar=lambda m: lambda a: 1 / (1 + m.exp(-a)),
        via_exp=lambda ops, e: e / (ops.one + e),
    ),
    NOT_YET.format("sigmoid"),
    foreign=("sigma", "logistic", "expit"),
)
