"""From the typed tree to the normal form: one entry per operation, each applying only registered rules."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from . import words as W
from .algebra import SCALAR, UNIT, Context, Sum, Unprovable, add, atom_sum, build, const, mono, scale, sub, times_scalar
from .hadamard import diagm, hadamard, ones
from .inverse import inverse
from .letters import lshape, symbol_letter
from .scalars import ODD, det, function, logdet, power
from .transpose import transpose
from .tree_api import ONE, Node, is_scalar

UNSUPPORTED = {
    "pinv": "the pseudo-inverse (a rational identity)",
}


def normal(node: Node, ctx: Context) -> Sum:
    """The normal form of ``node``; raises Unprovable when an operation has no rule in the kernel."""
    if node.rank != 2:
        raise Unprovable("a 4th-order tensor", "fourth-order derivatives are left to the size-wise checks")
    rule = OPERATIONS.get(node.op)
    if rule is None:
        if node.op in UNSUPPORTED:
            kind = UNSUPPORTED[node.op]
            raise Unprovable("complex" if "complex" in kind else "no rule", kind)
        raise Unprovable("no rule", f"no rule for {node.op}")
    return rule(node, ctx)


def _symbol(node: Node, ctx: Context) -> Sum:
    if is_scalar(node.shape):
        return atom_sum(("sym", node.value))
    return mono((symbol_letter(node.value, 0, 0, ctx),), node.shape)


def _matpow(node: Node, ctx: Context) -> Sum:
    base = normal(node.args[0], ctx)
    k = node.value
    ctx.use("matrix-power")
    factor = inverse(base, ctx) if k < 0 else base
    out = mono((), node.shape)
    for _ in range(abs(k)):
        out = W.matmul(out, factor, ctx)
    return out


def _mul(node: Node, ctx: Context) -> Sum:
    a, b = (normal(arg, ctx) for arg in node.args)
    if a.shape == SCALAR and b.shape == SCALAR:
        return W.matmul(a, b, ctx)
    return times_scalar(b, a) if a.shape == SCALAR else times_scalar(a, b)


def _div(node: Node, ctx: Context) -> Sum:
    a, b = (normal(arg, ctx) for arg in node.args)
    return times_scalar(a, power(b, Fraction(-1), ctx))


def _entrywise(node: Node, ctx: Context) -> Sum:
    arg = normal(node.args[0], ctx)
    if arg.shape == SCALAR:
        return function(node.op, arg, ctx)
    return entrywise(node.op, arg, ctx)


def entrywise(name: str, arg: Sum, ctx: Context) -> Sum:
    """An entrywise function of a matrix: a letter holding its argument's normal form."""
    if name == "exp":
        shifted = _exp_constant_shift(arg, ctx)
        if shifted is not None:
            return shifted
    if name == "log" and not ctx.complex:
        split = _log_of_scaled_exp(arg, ctx)
        if split is not None:
            return split
    if name == "sqrt":
        return mono((("ew", "pow:1/2", arg),), arg.shape)
    if arg.terms and arg.terms[0][2] < 0 and name in (*ODD, "sigmoid"):
        ctx.use(f"{name}-negative")  # f(-U) entry by entry, for every real entry
        inner = entrywise(name, scale(arg, -1), ctx)
        if name == "sigmoid":
            return sub(ones(*arg.shape), inner)
        return scale(inner, ODD[name])
    return mono((("ew", name, arg),), arg.shape)


def _exp_constant_shift(arg: Sum, ctx: Context) -> Sum | None:
    """``exp(s * ones(m, n) + A) = exp(s) * exp(A)`` entry by entry: the terms of the argument that are a
    scalar times ``ones`` leave the exp as one scalar factor (for every value, complex included)."""
    ones_word = ones(*arg.shape).terms[0][1]
    shift = [(s, w, c) for s, w, c in arg.terms if w == ones_word]
    if not shift or not ones_word:
        return None
    ctx.use("exp-constant-shift")
    scalar = build(SCALAR, {(s, ()): c for s, _, c in shift})
    rest = build(arg.shape, {(s, w): c for s, w, c in arg.terms if w != ones_word})
    factor = function("exp", scalar, ctx)
    if rest.is_zero:
        return times_scalar(ones(*arg.shape), factor)
    return times_scalar(entrywise("exp", rest, ctx), factor)


def _log_of_scaled_exp(arg: Sum, ctx: Context) -> Sum | None:
    """``log(t * exp(A)) = A + log(t) * ones(m, n)`` entry by entry, real values only (exp is positive, so
    both sides are defined for the same t; a complex log's branch would differ). ``t`` is the one term's
    scalar part, 1 included (``log(exp(A)) = A``)."""
    if len(arg.terms) != 1:
        return None
    scal, word, coef = arg.terms[0]
    if len(word) != 1 or word[0][:2] != ("ew", "exp"):
        return None
    inner = word[0][2]
    scalar = build(SCALAR, {(scal, ()): coef})
    if scalar == const(1):
        ctx.use("log-exp")
        return inner
    ctx.use("log-exp-factor")
    return add(inner, times_scalar(ones(*arg.shape), function("log", scalar, ctx)))


def _ediv(node: Node, ctx: Context) -> Sum:
    a, b = (normal(arg, ctx) for arg in node.args)
    return hadamard(a, mono((("ew", "pow:-1", b),), b.shape), ctx)


def _frob(node: Node, ctx: Context) -> Sum:
    a, b = (normal(arg, ctx) for arg in node.args)
    ctx.use("frob-trace")
    return W.trace(W.matmul(transpose(a, ctx), b, ctx), ctx)


def _norm(node: Node, ctx: Context) -> Sum:
    a = normal(node.args[0], ctx)
    ctx.use("norm-trace")
    return power(W.trace(W.matmul(transpose(a, ctx), a, ctx), ctx), Fraction(1, 2), ctx)


def _sum(node: Node, ctx: Context) -> Sum:
    a = normal(node.args[0], ctx)
    ctx.use("sum-ones")
    return W.matmul(W.matmul(ones(ONE, a.rows), a, ctx), ones(a.cols, ONE), ctx)


def _abs(node: Node, ctx: Context) -> Sum:
    a = normal(node.args[0], ctx)
    ctx.use("abs-square")
    return power(W.matmul(a, _conj(a, ctx), ctx), Fraction(1, 2), ctx)


HOOKS: dict[str, Callable] = {}
"""Conjugation and derivatives, which themselves use the normal form: installed by :mod:`.identify`
(imported by the package) so that this module does not import the one that imports it."""


def _conj(a: Sum, ctx: Context) -> Sum:
    return HOOKS["conjugate"](a, ctx)


def _imag(node: Node, ctx: Context) -> Sum:
    """``imag(A) = -i (A - conj(A)) / 2``, with the imaginary unit a scalar factor."""
    a = normal(node.args[0], ctx)
    ctx.use("imaginary-part")
    unit = scale(atom_sum(UNIT), Fraction(-1, 2))
    return times_scalar(sub(a, _conj(a, ctx)), unit)


def _real(node: Node, ctx: Context) -> Sum:
    a = normal(node.args[0], ctx)
    ctx.use("real-part")
    return scale(add(a, _conj(a, ctx)), Fraction(1, 2))


def _derivative(node: Node, ctx: Context) -> Sum:
    return HOOKS["derivative"](node, ctx)


def _adj(node: Node, ctx: Context) -> Sum:
    """``adj(M) = det(M) inv(M)`` where ``M`` is invertible. Used only when ``M`` is one product of declared
    square matrices: those are invertible on a dense open set of their values, both sides of an identity are
    continuous where defined, so what holds there holds everywhere (singular ``M`` included)."""
    m = normal(node.args[0], ctx)
    if len(m.terms) != 1 or not all(_dense_invertible(x, ctx) for x in m.terms[0][1]):
        raise Unprovable("no rule", "the adjugate of a matrix that may be singular for every value")
    ctx.use("adjugate")
    return times_scalar(inverse(m, ctx), det(m, ctx))


DENSE = frozenset({"symmetric", "spd", "invertible", "orthogonal", "diagonal", "hermitian"})
"""Assumptions under which a declared square matrix is invertible for a dense open set of its values."""


def _dense_invertible(letter: tuple, ctx: Context) -> bool:
    if letter[0] != "s" or lshape(letter, ctx)[0] != lshape(letter, ctx)[1]:
        return False
    return ctx.assumptions.get(letter[1].removeprefix("conj:"), frozenset()) <= DENSE


def _commutation(node: Node, ctx: Context) -> Sum:
    m, n = node.value
    if m.is_one or n.is_one:
        ctx.use("commutation-vector")
        return mono((), node.shape)
    return mono((("K", m, n),), node.shape)


OPERATIONS = {
    "symbol": _symbol,
    "number": lambda node, ctx: const(node.value),
    "eye": lambda node, ctx: mono((), node.shape),
    "ones": lambda node, ctx: ones(*node.shape),
    "zeros": lambda node, ctx: Sum(node.shape),
    "commutation": _commutation,
    "add": lambda node, ctx: add(normal(node.args[0], ctx), normal(node.args[1], ctx)),
    "sub": lambda node, ctx: sub(normal(node.args[0], ctx), normal(node.args[1], ctx)),
    "neg": lambda node, ctx: scale(normal(node.args[0], ctx), -1),
    "mul": _mul,
    "div": _div,
    "matmul": lambda node, ctx: W.matmul(normal(node.args[0], ctx), normal(node.args[1], ctx), ctx),
    "matpow": _matpow,
    "pow": lambda node, ctx: power(normal(node.args[0], ctx), node.value, ctx),
    "transpose": lambda node, ctx: transpose(normal(node.args[0], ctx), ctx),
    "tr": lambda node, ctx: W.trace(normal(node.args[0], ctx), ctx),
    "det": lambda node, ctx: det(normal(node.args[0], ctx), ctx),
    "inv": lambda node, ctx: inverse(normal(node.args[0], ctx), ctx),
    "logdet": lambda node, ctx: logdet(normal(node.args[0], ctx), ctx),
    "log": _entrywise,
    "exp": _entrywise,
    "sqrt": _entrywise,
    "sin": _entrywise,
    "cos": _entrywise,
    "tanh": _entrywise,
    "sigmoid": _entrywise,
    "ediv": _ediv,
    "kron": lambda node, ctx: W.kron(normal(node.args[0], ctx), normal(node.args[1], ctx), ctx),
    "vec": lambda node, ctx: W.vec(normal(node.args[0], ctx), ctx),
    "hadamard": lambda node, ctx: hadamard(normal(node.args[0], ctx), normal(node.args[1], ctx), ctx),
    "frob": _frob,
    "norm": _norm,
    "sum": _sum,
    "diag": lambda node, ctx: mono((("diag", normal(node.args[0], ctx), 0),), node.shape),
    "diagm": lambda node, ctx: diagm(normal(node.args[0], ctx), ctx),
    "abs": _abs,
    "adj": _adj,
    "conj": lambda node, ctx: _conj(normal(node.args[0], ctx), ctx),
    "ctranspose": lambda node, ctx: transpose(_conj(normal(node.args[0], ctx), ctx), ctx),
    "real": _real,
    "imag": _imag,
    "d": _derivative,
    "jac": _derivative,
    "hess": _derivative,
    "dsym": _derivative,
    "differential": _derivative,
}
