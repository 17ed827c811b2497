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
from .identification import linear_parts, live, refuse
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


def _gradient_mul(node, seed, depends):
    """frob(G, s dA) = s frob(G, A'): the matrix gets s G; the scalar gets frob(A, G)."""
    a, c = node.args
    s, m = (a, c) if is_scalar(a.shape) else (c, a)
    pairs = []
    if depends(m):
        pairs.append((m, b.scale(s, seed)))
    if depends(s):
        pairs.append((s, b.call("frob", m, seed) if not is_scalar(m.shape) else b.scale(m, seed)))
    return pairs


def _gradient_div(node, seed, depends):
    a, s = node.args
    if depends(s):
        refuse("the direction appears in a divisor")
    return [(a, b.div(seed, s))]


def _jacobian_mul(node, forward, depends):
    """vec(s dA) = s J(A); vec(A ds) = vec(A) J(s)."""
    a, c = node.args
    s, m = (a, c) if is_scalar(a.shape) else (c, a)
    parts = []
    if depends(m):
        parts.append(b.scale(s, forward(m)))
    if depends(s):
        parts.append(b.matmul(b.call("vec", m), forward(s)))
    return b.add_all(parts)


def _jacobian_div(node, forward, depends):
    if depends(node.args[1]):
        refuse("the direction appears in a divisor")
    return b.div(forward(node.args[0]), node.args[1])


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
    gradient_rule=lambda node, seed, depends: live([(node.args[0], seed), (node.args[1], seed)], depends),
    jacobian_rule=lambda node, forward, depends: linear_parts(
        forward, depends, [(node.args[0], None), (node.args[1], None)]
    ),
)
SUB = _operator(
    "sub",
    2,
    "A - B",
    "difference",
    lambda node, a, c: a - c,
    lambda node, d, x, y: minus(d(x), d(y)),
    lambda node, a, c: f"({a} - {c})",
    gradient_rule=lambda node, seed, depends: live([(node.args[0], seed), (node.args[1], b.neg(seed))], depends),
    jacobian_rule=lambda node, forward, depends: b.add_all(
        ([forward(node.args[0])] if depends(node.args[0]) else [])
        + ([b.neg(forward(node.args[1]))] if depends(node.args[1]) else [])
    ),
)
NEG = _operator(
    "neg",
    1,
    "-A",
    "negation",
    lambda node, a: -a,
    linear(b.neg),
    lambda node, a: f"(-{a})",
    gradient_rule=lambda node, seed, depends: [(node.args[0], b.neg(seed))],
    jacobian_rule=lambda node, forward, depends: b.neg(forward(node.args[0])),
)
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
    gradient_rule=_gradient_mul,
    jacobian_rule=_jacobian_mul,
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
    gradient_rule=_gradient_div,
    jacobian_rule=_jacobian_div,
)
