"""Inverses of sums: of a product of square factors, the reversed product of the factors' inverses.

A declared matrix's letter records its inverse; an inverse of an inverse, of a commutation
matrix and of a Kronecker product of square factors follow their rules; anything else stays
an opaque ``inv`` letter, which the word rewrites cancel against the product it inverts.
"""

from __future__ import annotations

from .algebra import Context, Sum, Unprovable, build, mono
from .letters import lshape, symbol_letter
from .words import kron, matmul


def invert_letter(letter: tuple, ctx: Context) -> Sum | None:
    """The inverse of one square letter, or None when no rule gives it."""
    kind = letter[0]
    shape = lshape(letter, ctx)
    if kind == "s":
        return mono((symbol_letter(letter[1], letter[2], 1 - letter[3], ctx),), shape)
    if kind == "inv":
        ctx.use("inverse-inverse")
        return letter[1]
    if kind == "K":
        ctx.use("commutation-inverse")
        return mono((("K", letter[2], letter[1]),), shape)
    if kind == "kron" and letter[1].rows == letter[1].cols and letter[2].rows == letter[2].cols:
        ctx.use("kron-inverse")
        return kron(inverse(letter[1], ctx), inverse(letter[2], ctx), ctx)
    return None


def inverse(a: Sum, ctx: Context) -> Sum:
    """``inv``: of a product of square factors, the reversed product of inverses; else an opaque letter."""
    if not a.terms:
        raise Unprovable("rewriting", "the inverse of zero")
    if len(a.terms) == 1:
        s, w, c = a.terms[0]
        square = all(r == k for r, k in (lshape(x, ctx) for x in w))
        if square:
            if len(w) > 1:
                ctx.use("inverse-product")
            if c != 1 or s:
                ctx.use("inverse-scalar")
            out = build(a.shape, {(tuple((atom, -e) for atom, e in s), ()): 1 / c})
            for letter in reversed(w):
                inv = invert_letter(letter, ctx)
                if inv is None:
                    inv = mono((("inv", mono((letter,), a.shape)),), a.shape)
                out = matmul(out, inv, ctx)
            return out
    return mono((("inv", a),), a.shape)
