"""Differential rules (Magnus and Neudecker, ch. 8-9): ``D(term)`` by the product rule, letter by letter."""

from __future__ import annotations

from fractions import Fraction

from . import words as W
from .algebra import (
    SCALAR,
    Context,
    Sum,
    Unprovable,
    add,
    atom_sum,
    build,
    const,
    mentions,
    mono,
    scale,
    sub,
    times_scalar,
)
from .hadamard import diagm, hadamard, ones
from .inverse import inverse
from .letters import lshape, symbol_letter
from .scalars import det, function, power
from .transpose import transpose


class Direction:
    """What ``d`` of the variable is: a direction letter for a matrix, a scalar sum for a scalar."""

    def __init__(self, var: str, letter: str | None, scalar: Sum | None) -> None:
        self.var, self.letter, self.scalar = var, letter, scalar


def differential(a: Sum, dx: Direction, ctx: Context) -> Sum:
    out = Sum(a.shape)
    for s, w, c in a.terms:
        if not mentions(s, dx.var) and not mentions(w, dx.var):
            continue
        ctx.use("d-product")
        for i, (atom, e) in enumerate(s):
            if mentions(atom, dx.var):
                rest = s[:i] + (((atom, e - 1),) if e != 1 else ()) + s[i + 1 :]
                factor = times_scalar(_d_atom(atom, dx, ctx), build(SCALAR, {(rest, ()): c * e}))
                out = add(out, times_scalar(mono(w, a.shape), factor))
        for i, letter in enumerate(w):
            if mentions(letter, dx.var):
                r, k = lshape(letter, ctx)
                left = mono(w[:i], (a.rows, r), c, s)
                right = mono(w[i + 1 :], (k, a.cols))
                out = add(out, W.matmul(W.matmul(left, _d_letter(letter, dx, ctx), ctx), right, ctx))
    return out


def _d_letter(letter: tuple, dx: Direction, ctx: Context) -> Sum:
    kind, shape = letter[0], lshape(letter, ctx)
    if kind == "s":
        t = letter[2]
        step = mono((symbol_letter(dx.letter, t, 0, ctx),), shape)
        if not letter[3]:
            return step
        ctx.use("d-inverse")
        inv = mono((letter,), shape)
        return scale(W.matmul(W.matmul(inv, step, ctx), inv, ctx), -1)
    if kind == "inv":
        ctx.use("d-inverse")
        inv = mono((letter,), shape)
        return scale(W.matmul(W.matmul(inv, differential(letter[1], dx, ctx), ctx), inv, ctx), -1)
    if kind == "kron":
        ctx.use("d-kron")
        a, b = letter[1], letter[2]
        return add(W.kron(differential(a, dx, ctx), b, ctx), W.kron(a, differential(b, dx, ctx), ctx))
    if kind == "vec":
        ctx.use("d-vec")
        v = W.vec(differential(letter[1], dx, ctx), ctx)
        return transpose(v, ctx) if letter[2] else v
    if kind == "had":
        ctx.use("d-hadamard")
        out = Sum(shape)
        factors = letter[1]
        for i, f in enumerate(factors):
            term = differential(f, dx, ctx)
            for g in factors[:i] + factors[i + 1 :]:
                term = hadamard(term, g, ctx)
            out = add(out, term)
        return out
    if kind == "ew":
        return hadamard(_ew_derivative(letter[1], letter[2], ctx), differential(letter[2], dx, ctx), ctx)
    if kind == "diagm":
        ctx.use("d-linear")
        return diagm(differential(letter[1], dx, ctx), ctx)
    if kind == "diag":
        ctx.use("d-linear")
        return mono((("diag", differential(letter[1], dx, ctx), letter[2]),), shape)
    return Sum(shape)


def _ew(name: str, arg: Sum) -> Sum:
    return mono((("ew", name, arg),), arg.shape)


def _ew_derivative(name: str, arg: Sum, ctx: Context) -> Sum:
    """f'(U) entrywise, for ``d f(U) = f'(U) o dU``."""
    ctx.use(f"d-{name.split(':')[0]}")
    unit = ones(*arg.shape)
    if name == "exp":
        return _ew("exp", arg)
    if name == "log":
        return _ew("pow:-1", arg)
    if name.startswith("pow:"):
        r = Fraction(name[4:])
        return scale(_ew(f"pow:{r - 1}", arg) if r != 1 else unit, r)
    if name == "sin":
        return _ew("cos", arg)
    if name == "cos":
        return scale(_ew("sin", arg), -1)
    if name == "tanh":
        t = _ew("tanh", arg)
        return sub(unit, hadamard(t, t, ctx))
    if name == "sigmoid":
        s = _ew("sigmoid", arg)
        return hadamard(s, sub(unit, s), ctx)
    raise Unprovable("no rule", f"no differential rule for entrywise {name}")


def _d_atom(atom: tuple, dx: Direction, ctx: Context) -> Sum:
    kind = atom[0]
    if kind == "sym":
        return dx.scalar
    if kind == "tr":
        ctx.use("d-trace")
        word = atom[1]
        n = lshape(word[0], ctx)[0]
        return W.trace(differential(mono(word, (n, n)), dx, ctx), ctx)
    if kind in ("det", "detof", "logdet", "logdetof"):
        matrix = (
            mono((symbol_letter(atom[1], 0, 0, ctx),), ctx.shapes[atom[1]]) if kind in ("det", "logdet") else atom[1]
        )
        ctx.use("d-det" if kind.startswith("det") else "d-logdet")
        step = W.trace(W.matmul(inverse(matrix, ctx), differential(matrix, dx, ctx), ctx), ctx)
        return times_scalar(step, det(matrix, ctx)) if kind.startswith("det") else step
    if kind == "base":
        return differential(atom[1], dx, ctx)
    if kind == "f":
        name, arg = atom[1], atom[2]
        ctx.use(f"d-{name}")
        inner = differential(arg, dx, ctx)
        return times_scalar(inner, _scalar_derivative(name, arg, ctx))
    return Sum(SCALAR)


def _scalar_derivative(name: str, arg: Sum, ctx: Context) -> Sum:
    if name == "exp":
        return atom_sum(("f", "exp", arg))
    if name == "log":
        return power(arg, Fraction(-1), ctx)
    if name == "sin":
        return function("cos", arg, ctx)
    if name == "cos":
        return scale(function("sin", arg, ctx), -1)
    if name == "tanh":
        t = function("tanh", arg, ctx)
        return sub(const(1), W.matmul(t, t, ctx))
    if name == "sigmoid":
        s = function("sigmoid", arg, ctx)
        return W.matmul(s, sub(const(1), s), ctx)
    raise Unprovable("no rule", f"no differential rule for {name}")
