"""The differential of an expression, by rules: one entry per operation of the language.

``differential(node, ctx)`` returns a tree linear in the direction ``dX`` (or None when the
differential is zero), built from the textbook rules of the differential method — the product
rule, ``d(X⁻¹) = −X⁻¹ dX X⁻¹``, ``d det X = det X tr(X⁻¹ dX)``, ``d vec = vec d`` and so on
(Magnus & Neudecker, ch. 8; the Matrix Cookbook, sec. 2.1). Never by numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from ..errors import IdentityError
from ..language.dims import is_scalar
from ..language.tree import DERIVATIVES, Node
from ..operations import OPERATIONS
from ..operations import build as b
from .conjugate import ctranspose


@dataclass(frozen=True)
class Variable:
    """What varies: the symbol ``name`` and its direction, the symbol ``direction`` (dX)."""

    name: str
    direction: Node


class Context:
    """Memoised differentials of one expression (shared subtrees are differentiated once)."""

    def __init__(self, variable: Variable) -> None:
        self.variable = variable
        self.memo: dict[int, tuple[Node, Node | None]] = {}  # by id: hashing a deep tree is slow

    def __call__(self, node: Node) -> Node | None:
        key = id(node)
        if key not in self.memo:
            self.memo[key] = (node, _differentiate(node, self))
        return self.memo[key][1]


def differential(node: Node, variable: Variable) -> Node | None:
    """d(node) along ``variable.direction``; None when node does not depend on the variable."""
    return Context(variable)(node)


def _differentiate(node: Node, d: Context) -> Node | None:
    if node.op in DERIVATIVES:
        raise IdentityError(f"the expression already contains a derivative ({node.op}); differentiate its result")
    if node.op == "symbol":
        return d.variable.direction if node.value == d.variable.name else None
    if node.op == "number" or not node.args:
        return None
    if not node.args:
        return None
    return RULES[node.op](node, d, *node.args)


def _plus(x: Node | None, y: Node | None) -> Node | None:
    if x is None:
        return y
    if y is None:
        return x
    return b.add(x, y)


def _minus(x: Node | None, y: Node | None) -> Node | None:
    if y is None:
        return x
    if x is None:
        return b.neg(y)
    return b.sub(x, y)


def _linear(fn: Callable[[Node], Node]):
    """A rule for an operation linear in its one argument: d f(A) = f(dA)."""

    def rule(node, d, a):
        da = d(a)
        return None if da is None else fn(da)

    return rule


def _bilinear(product: Callable[[Node, Node], Node]):
    """The product rule for any bilinear operation: d(A ∘ B) = dA ∘ B + A ∘ dB."""

    def rule(node, d, a, c):
        da, dc = d(a), d(c)
        return _plus(None if da is None else product(da, c), None if dc is None else product(a, dc))

    return rule


def _mul(node, d, a, c):
    if is_scalar(a.shape):
        return _bilinear(lambda x, y: b.scale(x, y))(node, d, a, c)
    return _bilinear(lambda x, y: b.scale(y, x))(node, d, a, c)


def _div(node, d, a, s):
    """d(A / s) = dA / s - (ds / s) * A / s."""
    da, ds = d(a), d(s)
    if ds is None:
        return None if da is None else b.div(da, s)
    return _minus(None if da is None else b.div(da, s), b.div(b.scale(b.div(ds, s), a), s))


def _matpow(node, d, a):
    k = node.value
    base = a if k > 0 else b.call("inv", a)
    dbase = d(a) if k > 0 else _inv(b.call("inv", a), d, a)
    if dbase is None or k == 0:
        return None
    k = abs(k)
    total = None
    for i in range(k):
        left, right = _power_of(base, i), _power_of(base, k - 1 - i)
        term = dbase if left is None else b.matmul(left, dbase)
        term = term if right is None else b.matmul(term, right)
        total = _plus(total, term)
    return total


def _power_of(base: Node, k: int) -> Node | None:
    return None if k == 0 else base if k == 1 else b.matpow(base, k)


def _pow(node, d, s):
    ds = d(s)
    if ds is None:
        return None
    r = Fraction(node.value)
    if r == 1:
        return ds
    slope = b.scale(b.number(r), s if r == 2 else b.power(s, r - 1))
    return b.scale(slope, ds)


def _inv(node, d, a):
    """d inv(A) = -inv(A) @ dA @ inv(A)."""
    da = d(a)
    if da is None:
        return None
    return b.neg(b.matmul(b.matmul(node, da), node))


def _det(node, d, a):
    """d det(A) = det(A) tr(inv(A) @ dA)."""
    da = d(a)
    return None if da is None else b.scale(node, b.call("tr", b.matmul(b.call("inv", a), da)))


def _logdet(node, d, a):
    """d logdet(A) = tr(inv(A) @ dA)."""
    da = d(a)
    return None if da is None else b.call("tr", b.matmul(b.call("inv", a), da))


def _adj(node, d, a):
    """d adj(A) = tr(adj(A) @ dA) inv(A) - adj(A) @ dA @ inv(A) (adj(A) = det(A) inv(A))."""
    da = d(a)
    if da is None:
        return None
    inverse = b.call("inv", a)
    return b.sub(b.scale(b.call("tr", b.matmul(node, da)), inverse), b.matmul(b.matmul(node, da), inverse))


def _pinv(node, d, a):
    """d A⁺ = -A⁺ dA A⁺ + A⁺ A⁺ᵀ dAᵀ (I - A A⁺) + (I - A⁺ A) dAᵀ A⁺ᵀ A⁺ (full rank; Golub & Pereyra)."""
    da = d(a)
    if da is None:
        return None
    p, pt, dat = node, b.transpose(node), b.transpose(da)
    left = b.sub(b.eye(a.shape[0]), b.matmul(a, p))
    right = b.sub(b.eye(a.shape[1]), b.matmul(p, a))
    first = b.neg(b.matmul(b.matmul(p, da), p))
    second = b.matmul(b.matmul(b.matmul(p, pt), dat), left)
    third = b.matmul(b.matmul(b.matmul(right, dat), pt), p)
    return b.add(b.add(first, second), third)


def _ediv(node, d, a, c):
    """d(A / B) = dA / B - A * dB / (B * B)."""
    da, dc = d(a), d(c)
    first = None if da is None else b.entrywise("ediv", da, c)
    if dc is None:
        return first
    return _minus(first, b.entrywise("ediv", b.entrywise("hadamard", a, dc), b.entrywise("hadamard", c, c)))


def _norm(node, d, a):
    """d norm(A) = frob(A, dA) / norm(A)."""
    da = d(a)
    return None if da is None else b.div(b.call("frob", a, da), node)


def _real(node, d, u):
    """d real(U) = (dU + conj(dU)) / 2: both Wirtinger parts, so that each can be read off."""
    du = d(u)
    return None if du is None else b.div(b.add(du, b.call("conj", du)), b.number(2))


def _abs(node, d, c):
    """d |c| = (conj(c) dc + c conj(dc)) / (2 |c|), from |c|² = c conj(c)."""
    dc = d(c)
    if dc is None:
        return None
    top = b.add(b.scale(b.call("conj", c), dc), b.scale(c, b.call("conj", dc)))
    return b.div(top, b.scale(b.number(2), node))


RULES: dict[str, Callable[..., Node | None]] = {
    "conj": _linear(lambda x: b.call("conj", x)),
    "ctranspose": _linear(ctranspose),
    "real": _real,
    "imag": _linear(lambda x: b.call("imag", x)),  # read off: 1/(2i) has no form without i
    "abs": _abs,
    "add": lambda node, d, x, y: _plus(d(x), d(y)),
    "sub": lambda node, d, x, y: _minus(d(x), d(y)),
    "neg": _linear(b.neg),
    "mul": _mul,
    "div": _div,
    "matmul": _bilinear(b.matmul),
    "matpow": _matpow,
    "pow": _pow,
    "transpose": _linear(b.transpose),
    "tr": _linear(lambda x: b.call("tr", x)),
    "det": _det,
    "inv": _inv,
    "adj": _adj,
    "pinv": _pinv,
    "logdet": _logdet,
    "kron": _bilinear(b.kron),
    "vec": _linear(lambda x: b.call("vec", x)),
    "hadamard": _bilinear(lambda x, y: b.entrywise("hadamard", x, y)),
    "ediv": _ediv,
    "frob": _bilinear(lambda x, y: b.call("frob", x, y)),
    "norm": _norm,
    "sum": _linear(lambda x: b.call("sum", x)),
    "diag": _linear(lambda x: b.call("diag", x)),
    "diagm": _linear(lambda x: b.call("diagm", x)),
    **{name: record.differential for name, record in OPERATIONS.items()},
}
"""Operation -> rule(node, d, *args); ``d`` differentiates a child (None for zero)."""
