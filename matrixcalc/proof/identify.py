"""Identification (Magnus and Neudecker, ch. 9): read the derivative off the differential.

``df = tr(U dX)`` gives ``d(f, X) = U.T``; ``vec(dF) = J vec(dX)`` gives ``jac(vec(F), vec(X)) = J``.
The variable's declared assumptions hold at the point, not along the direction: the function is
normalised with them switched off, and the derivative renormalised with them on.
"""

from __future__ import annotations

from fractions import Fraction

from . import normal as normal_form
from . import words as W
from .algebra import SCALAR, Context, Sum, Unprovable, add, atom_sum, build, mentions, mono, scale, times_scalar
from .differential import Direction, differential
from .hadamard import diagm, hadamard
from .inverse import inverse
from .letters import lshape, symbol_letter
from .normal import entrywise, normal
from .scalars import det, function, logdet, power
from .transpose import transpose
from .tree_api import ONE, Node, is_scalar, variable_of


def derivative(node: Node, ctx: Context) -> Sum:
    name, conjugate = variable_of(node)
    inner = Context(ctx.shapes, ctx.assumptions, ctx.scalars, ctx.suppressed | {name}, ctx.used, ctx.depth, ctx.complex)
    f = normal(node.args[0], inner)
    if conjugate:
        ctx.use("d-wirtinger")
        name = ctx.conj_name(name)
    if node.op == "differential":
        direction = node.args[2].value
        out = differential(f, _direction(name, direction, ctx), inner)
        if name in ctx.complex:
            ctx.use("differential-complex")
            conj = _direction(ctx.conj_name(name), ctx.conj_name(direction), ctx)
            out = add(out, differential(f, conj, inner))
    elif name in ctx.scalars:
        ctx.use("identify-scalar")
        unit = Direction(name, None, build(SCALAR, {((), ()): Fraction(1)}))
        out = differential(f, unit, inner)
        if node.op == "hess":  # the second derivative by a scalar
            out = differential(out, unit, inner)
    else:
        dname = f"d\u00b7{name}"
        inner.shapes = {**ctx.shapes, dname: ctx.shapes[name]}
        dx = Direction(name, dname, None)
        if node.op in ("d", "dsym"):
            out = gradient(f, dx, inner)
            if node.op == "dsym":
                ctx.use("identify-symmetric")
                out = scale(add(out, transpose(out, inner)), Fraction(1, 2))
        elif node.op == "jac":
            out = jacobian(f, dx, inner)
        else:
            out = jacobian(W.vec(gradient(f, dx, inner), inner), dx, inner)
    return renormal(out, ctx) if ctx.assumptions.get(name.removeprefix("conj:")) else out


def _direction(name: str, direction: str, ctx: Context) -> Direction:
    return Direction(name, direction, atom_sum(("sym", direction)) if direction in ctx.scalars else None)


def gradient(f: Sum, dx: Direction, ctx: Context) -> Sum:
    """``G`` with ``df = tr(G.T dX)`` for a scalar ``f``."""
    if not is_scalar(f.shape):
        raise Unprovable("a 4th-order tensor", "the derivative of a matrix by a matrix")
    ctx.use("identify-gradient")
    return _gradient_of(differential(f, dx, ctx), dx, ctx)


def _gradient_of(df: Sum, dx: Direction, ctx: Context) -> Sum:
    out = Sum(ctx.shapes[dx.var])
    for s, _, c in df.terms:
        hits = [i for i, (atom, _) in enumerate(s) if mentions(atom, dx.letter)]
        if len(hits) != 1 or s[hits[0]][1] != 1 or s[hits[0]][0][0] != "tr":
            raise Unprovable("identification", "the differential is not linear in a trace")
        rest = build(SCALAR, {(s[: hits[0]] + s[hits[0] + 1 :], ()): c})
        out = add(out, times_scalar(_trace_gradient(s[hits[0]][0][1], dx, ctx), rest))
    return out


def _trace_gradient(word: tuple, dx: Direction, ctx: Context) -> Sum:
    """``G`` with ``tr(word) = tr(G.T dX)``; ``word`` holds the direction once."""
    i = next(i for i, x in enumerate(word) if mentions(x, dx.letter))
    letter, rest = word[i], word[i + 1 :] + word[:i]
    r, k = lshape(letter, ctx)
    after = mono(rest, (k, r))
    if letter[0] == "s":
        return after if letter[2] else transpose(after, ctx)
    if letter[0] == "had":
        ctx.use("hadamard-trace")
        inner = next(f for f in letter[1] if mentions(f, dx.letter))
        other = transpose(after, ctx)
        for f in letter[1]:
            if f is not inner:
                other = hadamard(other, f, ctx)
        return _gradient_of(W.trace(W.matmul(transpose(other, ctx), inner, ctx), ctx), dx, ctx)
    if letter[0] == "diagm":
        ctx.use("diagm-trace")
        d = mono((("diag", after, 0),), (r, ONE))
        return _gradient_of(W.trace(W.matmul(transpose(d, ctx), letter[1], ctx), ctx), dx, ctx)
    raise Unprovable("identification", f"the direction inside {letter[0]}")


def jacobian(f: Sum, dx: Direction, ctx: Context) -> Sum:
    """``J`` with ``vec(df) = J vec(dX)`` for a vector (or scalar) ``f``."""
    n = ctx.shapes[dx.var][0] * ctx.shapes[dx.var][1]
    if is_scalar(f.shape):
        ctx.use("identify-gradient")
        return transpose(W.vec(_gradient_of(differential(f, dx, ctx), dx, ctx), ctx), ctx)
    if not f.cols.is_one:
        raise Unprovable("identification", "the Jacobian of a matrix that is not written vec(...)")
    ctx.use("identify-jacobian")
    out = Sum((f.rows, n))
    for s, w, c in differential(f, dx, ctx).terms:
        out = add(out, _term_jacobian(s, w, c, f.rows, dx, ctx))
    return out


def _term_jacobian(s, w, c, rows, dx: Direction, ctx: Context) -> Sum:
    hits = [i for i, (atom, _) in enumerate(s) if mentions(atom, dx.letter)]
    if hits:
        i = hits[0]
        if len(hits) != 1 or s[i][1] != 1 or s[i][0][0] != "tr":
            raise Unprovable("identification", "the differential is not linear in a trace")
        g = _trace_gradient(s[i][0][1], dx, ctx)
        left = mono(w, (rows, ONE), c, s[:i] + s[i + 1 :])
        return W.matmul(left, transpose(W.vec(g, ctx), ctx), ctx)
    return scale(times_scalar(_word_jacobian(w, (rows, ONE), dx, ctx), build(SCALAR, {(s, ()): Fraction(1)})), c)


def _word_jacobian(w: tuple, shape, dx: Direction, ctx: Context) -> Sum:
    """``J`` with ``vec(word) = J vec(dX)`` for a word holding the direction once."""
    i = next(i for i, x in enumerate(w) if mentions(x, dx.letter))
    letter = w[i]
    r, k = lshape(letter, ctx)
    p, q = mono(w[:i], (shape[0], r)), mono(w[i + 1 :], (k, shape[1]))
    if w[:i] or w[i + 1 :]:
        ctx.use("vec-product")
    outer = W.kron(transpose(q, ctx), p, ctx)
    return W.matmul(outer, _letter_jacobian(letter, (r, k), dx, ctx), ctx)


def _letter_jacobian(letter: tuple, shape, dx: Direction, ctx: Context) -> Sum:
    kind = letter[0]
    n = shape[0] * shape[1]
    if kind == "s":
        if not letter[2]:
            return mono((), (n, n))
        m, k = ctx.shapes[dx.var]
        if m.is_one or k.is_one:
            return mono((), (n, n))
        ctx.use("commutation-vec")
        return mono((("K", m, k),), (n, n))
    if kind == "vec":
        inner = letter[1]
        return _word_jacobian(inner.terms[0][1], inner.shape, dx, ctx)
    if kind == "had":
        ctx.use("hadamard-vec")
        inner = next(f for f in letter[1] if mentions(f, dx.letter))
        other = None
        for f in letter[1]:
            if f is not inner:
                other = f if other is None else hadamard(other, f, ctx)
        diag = diagm(W.vec(other, ctx), ctx)
        return W.matmul(diag, _word_jacobian(inner.terms[0][1], inner.shape, dx, ctx), ctx)
    if kind == "kron" and letter[1].cols.is_one and letter[2].cols.is_one:
        a, b = letter[1], letter[2]
        ctx.use("kron-vector")
        if mentions(a, dx.letter):
            return W.matmul(
                W.kron(mono((), (a.rows, a.rows)), b, ctx), _word_jacobian(a.terms[0][1], a.shape, dx, ctx), ctx
            )
        return W.matmul(
            W.kron(a, mono((), (b.rows, b.rows)), ctx), _word_jacobian(b.terms[0][1], b.shape, dx, ctx), ctx
        )
    if kind == "kron":  # vec(A (x) B) through the commutation matrix, then the columns rule above
        v = W.vec(mono((letter,), shape), ctx)
        if len(v.terms) != 1 or v.terms[0][0] or v.terms[0][2] != 1:
            raise Unprovable("identification", f"the Jacobian through {kind}")
        return _word_jacobian(v.terms[0][1], v.shape, dx, ctx)
    raise Unprovable("identification", f"the Jacobian through {kind}")


def conjugate(a: Sum, ctx: Context) -> Sum:
    """``conj`` pushed to the leaves: each complex symbol becomes its conjugate symbol (coefficients are real)."""
    if not ctx.complex:
        return a
    ctx.use("conj-leaves")
    return renormal(a, ctx, conj=True)


def renormal(a: Sum, ctx: Context, conj: bool = False) -> Sum:
    """The sum rebuilt under ``ctx``: the variable's assumptions apply again at the point (and ``conj`` if asked)."""
    out = Sum(a.shape)
    for s, w, c in a.terms:
        term = build(SCALAR, {((), ()): c})
        for atom, e in s:
            term = W.matmul(term, power(_renormal_atom(atom, ctx, conj), e, ctx), ctx)
        word = mono((), (a.rows, a.rows))
        for letter in w:
            word = W.matmul(word, _renormal_letter(letter, ctx, conj), ctx)
        out = add(out, times_scalar(word, term))
    return out


def _renormal_atom(atom: tuple, ctx: Context, conj: bool) -> Sum:
    kind = atom[0]
    if kind == "tr":
        n = lshape(atom[1][0], ctx)[0]
        return W.trace(renormal(mono(atom[1], (n, n)), ctx, conj), ctx)
    if kind == "sym" and conj:
        return atom_sum(("sym", ctx.conj_name(atom[1])))
    if kind == "i" and conj:
        return scale(atom_sum(atom), -1)
    if kind in ("det", "logdet"):
        m = renormal(mono((("s", atom[1], 0, 0),), ctx.shapes[atom[1]]), ctx, conj)
        return det(m, ctx) if kind == "det" else logdet(m, ctx)
    if kind in ("detof", "logdetof"):
        m = renormal(atom[1], ctx, conj)
        return det(m, ctx) if kind == "detof" else logdet(m, ctx)
    if kind == "base":
        return renormal(atom[1], ctx, conj)
    if kind == "f":
        return function(atom[1], renormal(atom[2], ctx, conj), ctx)
    return atom_sum(atom)


def _renormal_letter(letter: tuple, ctx: Context, conj: bool) -> Sum:
    kind, shape = letter[0], lshape(letter, ctx)
    if kind == "s":
        word = (symbol_letter(ctx.conj_name(letter[1]) if conj else letter[1], letter[2], 0, ctx),)
        base = mono(word, shape)
        return inverse(base, ctx) if letter[3] else base
    if kind == "inv":
        return inverse(renormal(letter[1], ctx, conj), ctx)
    if kind == "kron":
        return W.kron(renormal(letter[1], ctx, conj), renormal(letter[2], ctx, conj), ctx)
    if kind == "vec":
        v = W.vec(renormal(letter[1], ctx, conj), ctx)
        return transpose(v, ctx) if letter[2] else v
    if kind == "had":
        out = None
        for f in letter[1]:
            g = renormal(f, ctx, conj)
            out = g if out is None else hadamard(out, g, ctx)
        return out
    if kind == "ew":
        return entrywise(letter[1], renormal(letter[2], ctx, conj), ctx)
    if kind == "diagm":
        return diagm(renormal(letter[1], ctx, conj), ctx)
    if kind == "diag":
        return mono((("diag", renormal(letter[1], ctx, conj), letter[2]),), shape)
    return mono((letter,), shape)


normal_form.HOOKS.update(conjugate=conjugate, derivative=derivative)

__all__ = ["conjugate", "derivative", "gradient", "jacobian", "renormal"]
