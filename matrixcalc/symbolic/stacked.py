"""Exact evaluation of whole matrices at once, each with the stack of its first derivatives.

The same exact values as ``evaluate.py`` with ``jets.py``, computed faster: a value is a numpy
object array of field elements, and inside a derivative node it carries ``d``, one array per
infinitesimal of the perturbed variable (shape ``(k, *value.shape)``). ``(A @ B)' = A' @ B +
A @ B'`` is then one batched product instead of k jets per entry, and numpy's object loops call
the field's own ``+ - * /`` — so any field works (rationals, rational functions, Gaussian
rationals): nothing here depends on the coefficient type. Only scalar calculus is used — the
sum and product rules entry by entry, ``d(1/x) = -dx/x²``, the chain rule of the scalar
functions — never a matrix-calculus rule, which is what is under test: det, inv and adj run
``linalg``'s own algorithms on entries that carry their derivatives (``jets.VectorDual``).

One group of infinitesimals per stack: a derivative inside a derivative (``hess``, ``d(d(f, X),
Y)``) makes the outer one's perturbation jets (``jets.py``) that the entries carry through the
inner stack (``stacked_derivatives``); any operation without a rule here is left to the jets
(``supports`` says so before any work).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..language import DERIVATIVES, Node, concrete
from .atoms import ENTRYWISE, Field, Log, Power
from .stacked_complex import COMPLEX_RULES
from .stacked_linalg import adj_value, det_value, inv_value, pinv_value
from .stacked_values import (
    Fallback,
    Value,
    apply_value,
    array,
    matmul_value,
    plus,
    recip_value,
    reciprocal,
    scale_value,
    transpose_value,
)


class Evaluator:
    """Evaluate nodes of one identity at one exact point of ``field`` (``env``: name -> 2-D array)."""

    def __init__(self, field: Field, sizes: dict[str, int], env: dict[str, np.ndarray]) -> None:
        self.field = field
        self.sizes = sizes
        self.env = {name: Value(v) for name, v in env.items()}
        self.zero, self.one = field.zero, field.one

    # -- arrays of field elements ---------------------------------------------------------------

    def full(self, shape: tuple[int, ...], x) -> np.ndarray:
        out = np.empty(shape, dtype=object)
        out.fill(x)
        return out

    def eye(self, n: int) -> np.ndarray:
        out = self.full((n, n), self.zero)
        for i in range(n):
            out[i, i] = self.one
        return out

    # -- the walk -------------------------------------------------------------------------------

    def __call__(self, node: Node) -> Value:
        if node.op in DERIVATIVES:
            return self.derivative(node)
        args = [self(arg) for arg in node.args]
        return RULES[node.op](self, node, *args)

    def derivative(self, node: Node) -> Value:
        """A derivative node: this evaluator of values has none (``stacked_derivatives`` adds them)."""
        raise Fallback(f"{node.op} needs the evaluator with derivatives")

    def side(self, node: Node) -> tuple[tuple[int, ...], tuple]:
        """A side's shape and row-major entries, as ``levels`` compares them."""
        value = self(node).v
        return value.shape, tuple(value.flat)


# -- helpers on values ------------------------------------------------------------------------


def _ipow(ev: Evaluator, x, k: int):
    result, square = ev.one, x
    while k:
        if k & 1:
            result = result * square
        k >>= 1
        if k:
            square = square * square
    return result


# -- the rules, one per operation ----------------------------------------------------------------


def _symbol(ev, node):
    return ev.env[node.value]


def _number(ev, node):
    return Value(np.array([[ev.field.const(node.value)]], dtype=object))


def _eye(ev, node):
    return Value(ev.eye(concrete(node.value, ev.sizes)[0]))


def _filled(which: str):
    def rule(ev, node):
        return Value(ev.full(concrete(node.value, ev.sizes), getattr(ev, which)))

    return rule


def _commutation(ev, node):
    m, n = concrete(node.value, ev.sizes)
    out = ev.full((m * n, m * n), ev.zero)
    for i in range(m):
        for j in range(n):
            out[i * n + j, j * m + i] = ev.one
    return Value(out)


def _add(ev, node, a, b):
    return Value(a.v + b.v, plus(a.d, b.d))


def _sub(ev, node, a, b):
    return Value(a.v - b.v, plus(a.d, None if b.d is None else -b.d))


def _neg(ev, node, a):
    return Value(-a.v, None if a.d is None else -a.d)


def _mul(ev, node, a, b):
    if a.v.shape == (1, 1):
        return scale_value(ev, a, b)
    return scale_value(ev, b, a)


def _div(ev, node, a, s):
    return scale_value(ev, recip_value(ev, s), a)


def _matpow(ev, node, a):
    k = node.value
    if k < 0:
        a, k = inv_value(ev, node, a), -k
    result = Value(ev.eye(a.v.shape[0]))
    for _ in range(k):
        result = matmul_value(ev, result, a)
    return result


def _pow(ev, node, s):
    r = Fraction(node.value)
    if r.denominator != 1:
        return apply_value(Power(ev.field, r), s)
    k = int(r)
    x = s.v[0, 0]
    if k < 0:
        x, k = reciprocal(ev, x), -k
        s = recip_value(ev, s)
    v = _ipow(ev, x, k)
    d = None if s.d is None or k == 0 else s.d * (ev.field.const(k) * _ipow(ev, x, k - 1))
    return Value(np.array([[v]], dtype=object), d)


def _trace(ev, node, a):
    v = np.array([[a.v.trace()]], dtype=object)
    return Value(v, None if a.d is None else a.d.trace(axis1=1, axis2=2).reshape(-1, 1, 1))


def _logdet(ev, node, a):
    return apply_value(Log(ev.field), det_value(ev, a))


def _entrywise(function):
    def rule(ev, node, a):
        return apply_value(function(ev.field), a)

    return rule


def _hadamard(ev, node, a, b):
    d = None if a.d is None else a.d * b.v[None]
    if b.d is not None:
        d = plus(d, a.v[None] * b.d)
    return Value(a.v * b.v, d)


def _ediv(ev, node, a, b):
    shape = b.v.shape
    r = array([reciprocal(ev, y) for y in b.v.flat], shape)
    rd = None if b.d is None else b.d * (-(r * r))[None]
    return _hadamard(ev, node, a, Value(r, rd))


def _kron_arrays(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """kron over the last two axes; a leading stack axis on either side is kept."""
    (ar, ac), (br, bc) = a.shape[-2:], b.shape[-2:]
    out = a[..., :, None, :, None] * b[..., None, :, None, :]
    return out.reshape(out.shape[:-4] + (ar * br, ac * bc))


def _kron(ev, node, a, b):
    d = None if a.d is None else _kron_arrays(a.d, b.v)
    if b.d is not None:
        d = plus(d, _kron_arrays(a.v, b.d))
    return Value(_kron_arrays(a.v, b.v), d)


def _vec(ev, node, a):
    v = a.v.T.reshape(-1, 1)
    return Value(v, None if a.d is None else a.d.transpose(0, 2, 1).reshape(a.d.shape[0], -1, 1))


def _total(ev, array: np.ndarray, axes: tuple[int, ...]):
    if array.size == 0:
        return ev.zero
    return array.sum(axis=axes)


def _frob(ev, node, a, b):
    product = _hadamard(ev, node, a, b)
    return _sum(ev, node, product)


def _sum(ev, node, a):
    v = np.array([[_total(ev, a.v, (0, 1))]], dtype=object)
    return Value(v, None if a.d is None else _total(ev, a.d, (1, 2)).reshape(-1, 1, 1))


def _norm(ev, node, a):
    return apply_value(Power(ev.field, Fraction(1, 2)), _frob(ev, node, a, a))


def _diag(ev, node, a):
    v = np.diagonal(a.v).reshape(-1, 1)
    return Value(v, None if a.d is None else np.diagonal(a.d, axis1=1, axis2=2).reshape(a.d.shape[0], -1, 1))


def _diagm(ev, node, a):
    n = a.v.shape[0]
    v = ev.full((n, n), ev.zero)
    for i in range(n):
        v[i, i] = a.v[i, 0]
    if a.d is None:
        return Value(v)
    d = ev.full((a.d.shape[0], n, n), ev.zero)
    for i in range(n):
        d[:, i, i] = a.d[:, i, 0]
    return Value(v, d)


RULES = {
    "symbol": _symbol,
    "number": _number,
    "eye": _eye,
    "ones": _filled("one"),
    "zeros": _filled("zero"),
    "commutation": _commutation,
    "add": _add,
    "sub": _sub,
    "neg": _neg,
    "mul": _mul,
    "div": _div,
    "matmul": lambda ev, node, a, b: matmul_value(ev, a, b),
    "matpow": _matpow,
    "pow": _pow,
    "transpose": transpose_value,
    "tr": _trace,
    "det": lambda ev, node, a: det_value(ev, a),
    "inv": inv_value,
    "adj": adj_value,
    "pinv": pinv_value,
    "logdet": _logdet,
    **{op: _entrywise(function) for op, function in ENTRYWISE.items()},
    "ediv": _ediv,
    "kron": _kron,
    "vec": _vec,
    "hadamard": _hadamard,
    "frob": _frob,
    "norm": _norm,
    "sum": _sum,
    "diag": _diag,
    "diagm": _diagm,
    **COMPLEX_RULES,
}
