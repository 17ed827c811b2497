"""Transposes of sums and letters: ``(c s L1 ... Lk).T = c s Lk.T ... L1.T``, pushed to the leaves.

A declared matrix's letter records its transpose, and a letter that holds sums (a Kronecker
product, an inverse, an entrywise product or function) is rebuilt from their transposes. An
entrywise product of monomials is kept in one canonical orientation (``had_letter``), so that
a product and its transpose meet as the same letter when it is symmetric.
"""

from __future__ import annotations

from .algebra import Context, Sum, Unprovable, accumulate, build, key
from .letters import symbol_letter


def transpose_letter(letter: tuple, ctx: Context) -> tuple:
    kind = letter[0]
    if kind == "s":
        return symbol_letter(letter[1], 1 - letter[2], letter[3], ctx)
    if kind == "1":
        return ("1", letter[2], letter[1])
    if kind == "K":
        return ("K", letter[2], letter[1])
    if kind == "inv":
        return ("inv", transpose(letter[1], ctx))
    if kind == "kron":
        ctx.use("kron-transpose")
        return ("kron", transpose(letter[1], ctx), transpose(letter[2], ctx))
    if kind in ("vec", "diag"):
        return (kind, letter[1], 1 - letter[2])
    if kind == "had":
        return had_letter([transpose(s, ctx) for s in letter[1]], ctx)
    if kind == "ew":
        return ("ew", letter[1], transpose(letter[2], ctx))
    if kind == "diagm":
        return letter
    raise Unprovable("internal", f"transpose of {kind}")


def transpose(a: Sum, ctx: Context) -> Sum:
    """``(c s L1 ... Lk).T = c s Lk.T ... L1.T``: transposes pushed to the leaves."""
    if a.terms and any(w for _, w, _ in a.terms):
        ctx.use("transpose-product")
    parts: dict = {}
    for s, w, c in a.terms:
        accumulate(parts, s, tuple(transpose_letter(x, ctx) for x in reversed(w)), c)
    return build((a.cols, a.rows), parts)


def had_letter(factors: list, ctx: Context) -> tuple:
    """One entrywise product of monomials: sorted; with identities, one ``I`` and the orientation that sorts first
    (``I o A`` is diagonal, hence symmetric)."""
    factors = sorted(factors, key=key)
    if any(not f.terms[0][1] for f in factors):
        flipped = sorted((transpose(f, ctx) for f in factors), key=key)
        if key(flipped) < key(factors):
            ctx.use("hadamard-identity")
            factors = flipped
    return ("had", tuple(factors))
