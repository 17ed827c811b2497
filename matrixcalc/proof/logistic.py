"""The logistic function written with ``exp``: ``sigmoid(u) = exp(u) / (1 + exp(u))`` for every real ``u``.

The normal form keeps ``sigmoid`` as its own function (its derivative rule reads best that way). Only
when two sides differ does the prover try this rewrite of every ``sigmoid`` at the top of the
difference, scalar factors and entrywise letters alike, so that an identity written with ``exp``
(softplus and its derivative) meets one written with ``sigmoid``.
"""

from __future__ import annotations

from fractions import Fraction

from . import words as W
from .algebra import SCALAR, Context, Sum, add, build, const, mono, times_scalar
from .hadamard import hadamard, ones
from .letters import lshape
from .normal import entrywise
from .scalars import function, power


def has_sigmoid(a: Sum) -> bool:
    return any(atom[:2] == ("f", "sigmoid") for s, _, _ in a.terms for atom, _ in s) or any(
        letter[:2] == ("ew", "sigmoid") for _, w, _ in a.terms for letter in w
    )


def with_exp(a: Sum, ctx: Context) -> Sum:
    """``a`` with each top-level ``sigmoid`` (scalar factor or entrywise letter) written with ``exp``."""
    ctx.use("sigmoid-exp")
    out = Sum(a.shape)
    for s, w, c in a.terms:
        term = build(SCALAR, {((), ()): c})
        for atom, e in s:
            if atom[:2] == ("f", "sigmoid"):
                factor = power(_scalar(atom[2], ctx), e, ctx)
            else:
                factor = build(SCALAR, {(((atom, e),), ()): Fraction(1)})
            term = W.matmul(term, factor, ctx)
        word = mono((), (a.rows, a.rows))
        for letter in w:
            shape = lshape(letter, ctx)
            piece = _entrywise(letter[2], ctx) if letter[:2] == ("ew", "sigmoid") else mono((letter,), shape)
            word = W.matmul(word, piece, ctx)
        out = add(out, times_scalar(word, term))
    return out


def _scalar(u: Sum, ctx: Context) -> Sum:
    e = function("exp", u, ctx)
    return W.matmul(e, power(add(const(1), e), Fraction(-1), ctx), ctx)


def _entrywise(u: Sum, ctx: Context) -> Sum:
    e = entrywise("exp", u, ctx)
    denominator = add(ones(*u.shape), e)
    return hadamard(e, mono((("ew", "pow:-1", denominator),), u.shape), ctx)
