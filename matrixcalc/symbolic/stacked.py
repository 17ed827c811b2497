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

One group of infinitesimals only: a derivative inside a derivative (``hess``, ``d(d(f, X),
Y)``) and any operation without a rule here are left to the jets (``supports`` says so before
any work).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from flint import fmpq, fmpq_mat

from ..language import DERIVATIVES, Node, concrete
from . import linalg
from .atoms import ENTRYWISE, Field, Log, Power
from .jets import Taped, Undefined, VectorDual
from .linalg import Tensor


class Fallback(Exception):
    """This evaluation needs the entry-by-entry jets."""


@dataclass(frozen=True)
class Value:
    """Exact entries ``v`` (2-D, or 4-D for a derivative of a matrix by a matrix) and their
    derivatives ``d`` (``(k, *v.shape)``) by the k infinitesimals of the perturbed variable, or None."""

    v: np.ndarray
    d: np.ndarray | None = None


def array(items: list, shape: tuple[int, ...]) -> np.ndarray:
    """Field elements (row-major) as an object array; filled one by one so none is unpacked."""
    out = np.empty(len(items), dtype=object)
    for i, x in enumerate(items):
        out[i] = x
    return out.reshape(shape)


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


def _plus(x: np.ndarray | None, y: np.ndarray | None) -> np.ndarray | None:
    if x is None:
        return y
    if y is None:
        return x
    return x + y


def _lift(d: np.ndarray, ndim: int) -> np.ndarray:
    """A stack of scalars ``(k, 1, 1)`` shaped to multiply a stack of arrays of rank ``ndim``."""
    return d.reshape((d.shape[0],) + (1,) * ndim)


def _scale(ev: Evaluator, s: Value, a: Value) -> Value:
    """s * A for a 1 x 1 value s."""
    sv = s.v[0, 0]
    d = None if a.d is None else a.d * sv
    if s.d is not None:
        d = _plus(d, _lift(s.d[:, 0, 0], a.v.ndim) * a.v[None])
    return Value(a.v * sv, d)


def _reciprocal(ev: Evaluator, x) -> object:
    if x == 0:
        raise Undefined("division by zero")
    return ev.one / x


def _recip_value(ev: Evaluator, s: Value) -> Value:
    """1 / s for a 1 x 1 value."""
    r = _reciprocal(ev, s.v[0, 0])
    d = None if s.d is None else s.d * (-(r * r))
    return Value(np.array([[r]], dtype=object), d)


FLINT_PRODUCT = 100
"""Multiply-adds from which python-flint's fmpq_mat beats numpy's loop over objects (measured: even
at 4 x 4, 3.5 times faster at 6 x 6 with an inverse's entries, 6.5 times at 7 x 7)."""


def _matmul_arrays(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ b for a matrix or a stack of matrices (leading axis) on either side.

    Plain rationals in a product of ``FLINT_PRODUCT`` multiply-adds or more go to python-flint
    (``rational_product``): the same exact numbers, with the big numerators of inverses and
    determinants multiplied in C. A stack is one flint product: ``(k, n, m) @ (m, p)`` as
    ``(k n, m) @ (m, p)``, and ``(n, m) @ (k, m, p)`` as ``(n, m) @ (m, k p)``.
    """
    m = a.shape[-1]
    stacks = (a.ndim > 2) + (b.ndim > 2)
    products = a.size * b.shape[-1] if b.ndim == 2 else a.size * b.size // m
    if stacks > 1 or a.ndim > 3 or b.ndim > 3 or products < FLINT_PRODUCT or not (plain(a) and plain(b)):
        return np.matmul(a, b)
    if b.ndim == 2:  # (..., n, m) @ (m, p)
        return rational_product(a.reshape(-1, m), b).reshape(a.shape[:-1] + (b.shape[1],))
    k, p = b.shape[0], b.shape[2]  # (n, m) @ (k, m, p)
    wide = rational_product(a, b.transpose(1, 0, 2).reshape(m, k * p))
    return wide.reshape(a.shape[0], k, p).transpose(1, 0, 2)


def rational_product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ b for 2-D arrays of plain rationals, by python-flint's ``fmpq_mat``."""
    product = fmpq_mat(*a.shape, list(a.flat)) * fmpq_mat(*b.shape, list(b.flat))
    return array(product.entries(), (a.shape[0], b.shape[1]))


def plain(a: np.ndarray) -> bool:
    """Every entry a plain rational (python-flint's fmpq: no atom, no derivative in it)."""
    return all(type(x) is fmpq for x in a.flat)


def _matmul(ev: Evaluator, a: Value, b: Value) -> Value:
    d = None
    if a.d is not None:
        d = _matmul_arrays(a.d, b.v)
    if b.d is not None:
        d = _plus(d, _matmul_arrays(a.v, b.d))
    return Value(_matmul_arrays(a.v, b.v), d)


def _linalg(ev: Evaluator, function, a: Value) -> Value:
    """A ``linalg`` function (det, inv, adj) of a value, its derivatives by running the same
    algorithm on entries that carry them (``VectorDual``): scalar calculus, never a matrix rule."""
    n, m = a.v.shape
    if a.d is None:
        result = function(Tensor((n, m), tuple(a.v.flat)), ev.zero, ev.one)
        return Value(array(list(result.data), result.shape))
    k = a.d.shape[0]
    entries = tuple(VectorDual(a.v[i, j], a.d[:, i, j]) for i in range(n) for j in range(m))
    result = function(Tensor((n, m), entries), VectorDual(ev.zero, None), VectorDual(ev.one, None))
    zeros = ev.full((k,), ev.zero)
    items = [x if type(x) is VectorDual else VectorDual(x, None) for x in result.data]
    v = array([x.v for x in items], result.shape)
    d = np.stack([zeros if x.d is None else x.d for x in items], axis=1).reshape((k,) + result.shape)
    return Value(v, d)


def _scalar_det(t: Tensor, zero, one) -> Tensor:
    return Tensor((1, 1), (linalg.det(t, zero, one),))


class _Singular(Exception):
    """No pivot with a nonzero value: elimination stops (``linalg`` then decides what is defined)."""


def _eliminate(ev: Evaluator, a: Value, inverse: bool) -> tuple[Value, Value | None]:
    """(det, inverse or None) of a matrix with derivatives, by elimination on whole rows.

    Each step is scalar arithmetic on every entry, with the product and quotient rules carrying
    the derivatives along (what ``VectorDual`` would do entry by entry), vectorised over the rows
    and the k infinitesimals. Pivots are chosen by nonzero value; only the columns still in play
    are updated. For det alone, rows above the pivot are left alone (no back substitution).
    Raises _Singular.
    """
    n = a.v.shape[0]
    k = a.d.shape[0]
    m = np.concatenate([a.v, ev.eye(n)], axis=1) if inverse else a.v.copy()
    dm = np.concatenate([a.d, ev.full((k, n, n), ev.zero)], axis=2) if inverse else a.d.copy()
    det, ddet = ev.one, ev.full((k,), ev.zero)
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r, col] != 0), None)
        if pivot is None:
            raise _Singular
        if pivot != col:
            m[[col, pivot]] = m[[pivot, col]]
            dm[:, [col, pivot]] = dm[:, [pivot, col]]
            det, ddet = -det, -ddet
        p, dp = m[col, col], dm[:, col, col].copy()
        ddet = ddet * p + dp * det
        det = det * p
        live = np.r_[col + 1 : n, n : n + col + 1] if inverse else np.arange(col + 1, n)
        r = ev.one / p
        dr = dp * (-(r * r))
        row = m[col, live] * r
        drow = dm[:, col][:, live] * r + m[col, live][None, :] * dr[:, None]
        rows = np.array([i for i in range(n) if i != col]) if inverse else np.arange(col + 1, n)
        if len(rows) and len(live):
            f, df = m[rows, col], dm[:, rows, col]
            block = np.ix_(rows, live)
            m[block] = m[block] - f[:, None] * row[None, :]
            update = df[:, :, None] * row[None, None, :] + drow[:, None, :] * f[None, :, None]
            dm[(slice(None),) + block] = dm[(slice(None),) + block] - update
        m[col, live], dm[:, col, live] = row, drow
    det_value = Value(np.array([[det]], dtype=object), ddet.reshape(k, 1, 1))
    if not inverse:
        return det_value, None
    return det_value, Value(m[:, n:], dm[:, :, n:])


def _by_elimination(ev: Evaluator, a: Value, inverse: bool = True) -> tuple[Value, Value | None] | None:
    """Elimination where it helps (derivatives at an exact point), else None."""
    if a.d is None or ev.field.lazy:
        return None  # values alone, or a proof: linalg's cofactors keep rational functions small
    try:
        return _eliminate(ev, a, inverse)
    except _Singular:
        return None


def _det(ev: Evaluator, a: Value) -> Value:
    done = _by_elimination(ev, a, inverse=False)
    return done[0] if done is not None else _linalg(ev, _scalar_det, a)


def _inv(ev: Evaluator, node: Node, a: Value) -> Value:
    done = _by_elimination(ev, a)
    return done[1] if done is not None else _linalg(ev, linalg.inv, a)


def _adj(ev: Evaluator, node: Node, a: Value) -> Value:
    """adj(A) = det(A) inv(A) where A is invertible (as ``linalg`` computes it), else cofactors."""
    if a.v.shape[0] > 1 and (done := _by_elimination(ev, a)) is not None:
        return _scale(ev, *done)
    return _linalg(ev, linalg.adjugate, a)


def _transpose(ev: Evaluator, node: Node | None, a: Value) -> Value:
    return Value(a.v.T, None if a.d is None else a.d.transpose(0, 2, 1))


def _pinv(ev: Evaluator, node: Node, a: Value) -> Value:
    t = _transpose(ev, None, a)
    if a.v.shape[0] >= a.v.shape[1]:
        return _matmul(ev, _inv(ev, node, _matmul(ev, t, a)), t)
    return _matmul(ev, t, _inv(ev, node, _matmul(ev, a, t)))


def _ipow(ev: Evaluator, x, k: int):
    result, square = ev.one, x
    while k:
        if k & 1:
            result = result * square
        k >>= 1
        if k:
            square = square * square
    return result


def _taped_apply(fn, x: Taped) -> Taped:
    y = fn.base(x.v)
    return Taped(y, ((x, fn.derivative(x.v, y)),))


def _apply(ev: Evaluator, fn, a: Value) -> Value:
    """fn entrywise with its exact derivative, as ``jets.apply`` does it for one group; a taped
    entry records the slope ``fn'(x)`` for the backward sweep."""
    values = [_taped_apply(fn, x) if type(x) is Taped else fn.base(x) for x in a.v.flat]
    v = array(values, a.v.shape)
    if a.d is None:
        return Value(v)
    slopes = array([fn.derivative(x, y) for x, y in zip(a.v.flat, values)], a.v.shape)
    return Value(v, a.d * slopes[None])


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
    return Value(a.v + b.v, _plus(a.d, b.d))


def _sub(ev, node, a, b):
    return Value(a.v - b.v, _plus(a.d, None if b.d is None else -b.d))


def _neg(ev, node, a):
    return Value(-a.v, None if a.d is None else -a.d)


def _mul(ev, node, a, b):
    if a.v.shape == (1, 1):
        return _scale(ev, a, b)
    return _scale(ev, b, a)


def _div(ev, node, a, s):
    return _scale(ev, _recip_value(ev, s), a)


def _matpow(ev, node, a):
    k = node.value
    if k < 0:
        a, k = _inv(ev, node, a), -k
    result = Value(ev.eye(a.v.shape[0]))
    for _ in range(k):
        result = _matmul(ev, result, a)
    return result


def _pow(ev, node, s):
    r = Fraction(node.value)
    if r.denominator != 1:
        return _apply(ev, Power(ev.field, r), s)
    k = int(r)
    x = s.v[0, 0]
    if k < 0:
        x, k = _reciprocal(ev, x), -k
        s = _recip_value(ev, s)
    v = _ipow(ev, x, k)
    d = None if s.d is None or k == 0 else s.d * (ev.field.const(k) * _ipow(ev, x, k - 1))
    return Value(np.array([[v]], dtype=object), d)


def _trace(ev, node, a):
    v = np.array([[a.v.trace()]], dtype=object)
    return Value(v, None if a.d is None else a.d.trace(axis1=1, axis2=2).reshape(-1, 1, 1))


def _logdet(ev, node, a):
    return _apply(ev, Log(ev.field), _det(ev, a))


def _entrywise(function):
    def rule(ev, node, a):
        return _apply(ev, function(ev.field), a)

    return rule


def _hadamard(ev, node, a, b):
    d = None if a.d is None else a.d * b.v[None]
    if b.d is not None:
        d = _plus(d, a.v[None] * b.d)
    return Value(a.v * b.v, d)


def _ediv(ev, node, a, b):
    shape = b.v.shape
    r = array([_reciprocal(ev, y) for y in b.v.flat], shape)
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
        d = _plus(d, _kron_arrays(a.v, b.d))
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
    return _apply(ev, Power(ev.field, Fraction(1, 2)), _frob(ev, node, a, a))


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
    "matmul": lambda ev, node, a, b: _matmul(ev, a, b),
    "matpow": _matpow,
    "pow": _pow,
    "transpose": _transpose,
    "tr": _trace,
    "det": lambda ev, node, a: _det(ev, a),
    "inv": _inv,
    "adj": _adj,
    "pinv": _pinv,
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
}
