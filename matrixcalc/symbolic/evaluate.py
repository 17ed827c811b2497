"""Tree to exact values: one function per operation of the language (``OPS``), in a table."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction

from ..language import DERIVATIVES, Node, concrete
from ..operations import OPERATIONS
from .atoms import ENTRYWISE, Field, Log, Power
from .complex_rules import COMPLEX_RULES
from .jets import add, apply, mul, neg, power, recip, sub
from .linalg import (
    Tensor,
    adjugate,
    commutation,
    det,
    elementwise,
    identity,
    inv,
    kron,
    matmul,
    pinv,
    scalar,
    scale,
    total,
    trace,
    transpose,
    vec,
)


@dataclass
class Context:
    """What an evaluation needs: the field, the sizes, each symbol's current value, and the rules
    for derivative nodes (``derivatives.DERIVATIVE_RULES``: they evaluate their bodies with
    ``evaluate``, so they are handed in rather than imported here)."""

    field: Field
    sizes: dict[str, int]
    env: dict[str, Tensor]
    derivatives: dict
    groups: itertools.count = field(default_factory=itertools.count)

    @property
    def zero(self):
        return self.field.zero

    @property
    def one(self):
        return self.field.one


def evaluate(node: Node, ctx: Context) -> Tensor:
    """The exact value of a node; derivatives are delegated to ``derivatives.py``."""
    if node.op in DERIVATIVES:
        return ctx.derivatives[node.op](node, ctx)
    args = [evaluate(arg, ctx) for arg in node.args]
    return RULES[node.op](node, ctx, *args)


def _symbol(node, ctx):
    return ctx.env[node.value]


def _number(node, ctx):
    return scalar(ctx.field.const(node.value))


def _eye(node, ctx):
    return identity(concrete(node.value, ctx.sizes)[0], ctx.zero, ctx.one)


def _commutation(node, ctx):
    m, n = concrete(node.value, ctx.sizes)
    return commutation(m, n, ctx.zero, ctx.one)


def _filled(value):
    def rule(node, ctx):
        r, c = concrete(node.value, ctx.sizes)
        return Tensor((r, c), (value(ctx),) * (r * c))

    return rule


def _mul(node, ctx, a, b):
    if a.shape == (1, 1):
        return scale(b, a.scalar)
    return scale(a, b.scalar)


def _div(node, ctx, a, s):
    return scale(a, recip(s.scalar, ctx.one))


def _matpow(node, ctx, a):
    k = node.value
    if k < 0:
        a, k = inv(a, ctx.zero, ctx.one), -k
    result = identity(a.shape[0], ctx.zero, ctx.one)
    for _ in range(k):
        result = matmul(result, a, ctx.zero)
    return result


def _pow(node, ctx, s):
    r = Fraction(node.value)
    if r.denominator == 1:
        return scalar(power(s.scalar, int(r), ctx.one))
    return scalar(apply(Power(ctx.field, r), s.scalar))


def _logdet(node, ctx, a):
    d = det(a, ctx.zero, ctx.one)
    return scalar(apply(Log(ctx.field), d))


def _entrywise(function):
    """A scalar function of the field applied to every entry (a scalar is a 1 x 1 matrix)."""

    def rule(node, ctx, a):
        fn = function(ctx.field)
        return elementwise(lambda x: apply(fn, x), a)

    return rule


def _ediv(node, ctx, a, b):
    return elementwise(lambda x, y: mul(x, recip(y, ctx.one)), a, b)


def _frob(node, ctx, a, b):
    return scalar(total((mul(x, y) for x, y in zip(a.data, b.data)), ctx.zero))


def _norm(node, ctx, a):
    squares = total((mul(x, x) for x in a.data), ctx.zero)
    return scalar(apply(Power(ctx.field, Fraction(1, 2)), squares))


def _diag(node, ctx, a):
    n = a.shape[0]
    return Tensor((n, 1), tuple(a.at(i, i) for i in range(n)))


def _diagm(node, ctx, v):
    n = v.shape[0]
    return Tensor((n, n), tuple(v.data[i] if i == j else ctx.zero for i in range(n) for j in range(n)))


RULES = {
    "symbol": _symbol,
    "number": _number,
    "eye": _eye,
    "ones": _filled(lambda ctx: ctx.one),
    "zeros": _filled(lambda ctx: ctx.zero),
    "commutation": _commutation,
    "add": lambda node, ctx, a, b: elementwise(add, a, b),
    "sub": lambda node, ctx, a, b: elementwise(sub, a, b),
    "neg": lambda node, ctx, a: elementwise(neg, a),
    "mul": _mul,
    "div": _div,
    "matmul": lambda node, ctx, a, b: matmul(a, b, ctx.zero),
    "matpow": _matpow,
    "pow": _pow,
    "transpose": lambda node, ctx, a: transpose(a),
    "tr": lambda node, ctx, a: scalar(trace(a, ctx.zero)),
    "det": lambda node, ctx, a: scalar(det(a, ctx.zero, ctx.one)),
    "inv": lambda node, ctx, a: inv(a, ctx.zero, ctx.one),
    "adj": lambda node, ctx, a: adjugate(a, ctx.zero, ctx.one),
    "pinv": lambda node, ctx, a: pinv(a, ctx.zero, ctx.one),
    "logdet": _logdet,
    **{op: _entrywise(function) for op, function in ENTRYWISE.items()},
    "ediv": _ediv,
    "kron": lambda node, ctx, a, b: kron(a, b),
    "vec": lambda node, ctx, a: vec(a),
    "hadamard": lambda node, ctx, a, b: elementwise(mul, a, b),
    "frob": _frob,
    "norm": _norm,
    "sum": lambda node, ctx, a: scalar(total(a.data, ctx.zero)),
    "diag": _diag,
    "diagm": _diagm,
    **COMPLEX_RULES,
}

ATOMS_PER_ENTRY = {
    "logdet": 2,  # log|p / q| is log|p| - log|q| (atoms.Field.log)
    "norm": 1,
    "abs": 1,
    **{name: record.exact.atoms for name, record in OPERATIONS.items() if record.exact is not None},
}
"""Field generators one entry of a node can make (sin and cos: two, each other's derivative)."""


def atom_budget(nodes, sizes: dict[str, int] | None = None) -> int:
    """How many atoms an evaluation can create: one per entry of a transcendental node (two for
    sin and cos), one per fractional power. Without sizes each node counts as one entry."""

    def entries(n) -> int:
        return 1 if sizes is None else max(1, _entries(n, sizes))

    return sum(
        entries(n) * ATOMS_PER_ENTRY.get(n.op, 1)
        for n in nodes
        if n.op in ATOMS_PER_ENTRY or (n.op == "pow" and Fraction(n.value).denominator != 1)
    )


def _entries(node: Node, sizes: dict[str, int]) -> int:
    size = 1
    for d in concrete(node.shape, sizes):
        size *= d
    return size
