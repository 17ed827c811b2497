"""The arithmetic operators: A + B, A - B, -A, the scalar multiple s * A (either side) and A / s.

The parser builds them from their syntax, so none has a call form or a shape rule of its own
(the parser works out the shape); each record holds what the other layers need. A sum, a
difference, a negation or a product of symmetric matrices is symmetric (a simplifier fact). The
exact evaluators of ``matrixcalc.symbolic`` compute them by their own rules.
"""

from __future__ import annotations

from ..language.cost import per_result_entry, sum_of_degrees
from ..language.dims import is_scalar
from . import build as b
from .arrays import scalar_like
from .differentials import bilinear, linear, minus, plus
from .record import Operation
from .registry import register


def _multiple(node, a, c):
    """A scalar multiple, whichever side the scalar was written on."""
    left, right = node.args
    if is_scalar(left.shape):
        return scalar_like(a, right.rank) * c
    return a * scalar_like(c, left.rank)


def _mul(node, d, a, c):
    """d(s A) = ds A + s dA, the scalar kept in front."""
    if is_scalar(a.shape):
        return bilinear(lambda x, y: b.scale(x, y))(node, d, a, c)
    return bilinear(lambda x, y: b.scale(y, x))(node, d, a, c)


def _div(node, d, a, s):
    """d(A / s) = dA / s - (ds / s) * A / s."""
    da, ds = d(a), d(s)
    if ds is None:
        return None if da is None else b.div(da, s)
    return minus(None if da is None else b.div(da, s), b.div(b.scale(b.div(ds, s), a), s))


def _operator(name, arity, summary, latex_form, numeric, differential, numpy, symmetric=True, **more):
    return register(
        Operation(
            name=name,
            arity=arity,
            summary=summary,
            shape=None,
            latex=None,
            latex_form=latex_form,
            numeric=numeric,
            differential=differential,
            numpy=numpy,
            cost=per_result_entry,
            call_form=False,
            symmetric_if_argument=symmetric,
            **more,
        )
    )


ADD = _operator(
    "add",
    2,
    "A + B",
    "plus",
    lambda node, a, c: a + c,
    lambda node, d, x, y: plus(d(x), d(y)),
    lambda node, a, c: f"({a} + {c})",
)
SUB = _operator(
    "sub",
    2,
    "A - B",
    "difference",
    lambda node, a, c: a - c,
    lambda node, d, x, y: minus(d(x), d(y)),
    lambda node, a, c: f"({a} - {c})",
)
NEG = _operator("neg", 1, "-A", "negation", lambda node, a: -a, linear(b.neg), lambda node, a: f"(-{a})")
MUL = _operator(
    "mul",
    2,
    "scalar multiple, args in written order (one is scalar)",
    "product",
    _multiple,
    _mul,
    lambda node, a, c: f"({a} * {c})",
    degree=sum_of_degrees,
    foreign=("multiply",),
    written="*",
)
DIV = _operator(
    "div",
    2,
    "A / s",
    "fraction",
    lambda node, a, c: a / scalar_like(c, node.args[0].rank),
    _div,
    lambda node, a, c: f"({a} / {c})",
    degree=sum_of_degrees,
    symmetric=False,
)
