"""Entrywise products of sums: ``hadamard`` (bilinear, commutative, associative), ``ones`` its unit, ``diagm``.

Factors are sorted so that equal products meet as one letter; an identity factor keeps only
the diagonal, which a declared diagonal factor already is, and ``exp(U) o exp(V)`` is
``exp(U + V)``. Each step names its rule (``rules.py``).
"""

from __future__ import annotations

from .algebra import Context, Sum, accumulate, add, build, key, merge_scal, mono
from .transpose import had_letter
from .tree_api import ONE


def hadamard(a: Sum, b: Sum, ctx: Context) -> Sum:
    """Entrywise product: bilinear, commutative and associative; ``ones`` is its unit."""
    parts: dict = {}
    for s1, w1, c1 in a.terms:
        for s2, w2, c2 in b.terms:
            factors = sorted(_had_factors(w1, a.shape) + _had_factors(w2, b.shape), key=key)
            factors = _merge_exp([f for f in factors if not _is_ones(f)], ctx)
            eyes = [f for f in factors if not f.terms[0][1]]
            if eyes and any(is_declared_diagonal(f, ctx) for f in factors):
                ctx.use("diagonal-hadamard")
                factors = [f for f in factors if f.terms[0][1]]
            if len(eyes) > 1:
                ctx.use("hadamard-identity")
                factors = [f for f in factors if f.terms[0][1]] + eyes[:1]
            if not factors:
                word = ones(a.rows, a.cols).terms[0][1]
            elif len(factors) == 1:
                word = factors[0].terms[0][1]
            else:
                ctx.use("hadamard-commutative")
                word = (had_letter(factors, ctx),)
            accumulate(parts, merge_scal(s1, s2), word, c1 * c2)
    return build(a.shape, parts)


def _merge_exp(factors: list, ctx: Context) -> list:
    """``exp(U) o exp(V) = exp(U + V)`` entry by entry (every real entry); ``exp(0)`` is the unit ``ones``."""
    exps = [f for f in factors if len(f.terms[0][1]) == 1 and f.terms[0][1][0][:2] == ("ew", "exp")]
    if len(exps) < 2:
        return factors
    ctx.use("exp-hadamard")
    arg = exps[0].terms[0][1][0][2]
    for f in exps[1:]:
        arg = add(arg, f.terms[0][1][0][2])
    rest = [f for f in factors if f not in exps]
    return rest if arg.is_zero else sorted([*rest, mono((("ew", "exp", arg),), arg.shape)], key=key)


def is_declared_diagonal(f: Sum, ctx: Context) -> bool:
    """A factor that is one declared diagonal matrix (its transpose and inverse are diagonal too)."""
    word = f.terms[0][1]
    return len(word) == 1 and word[0][0] == "s" and ctx.has(word[0][1], "diagonal")


def diagm(v: Sum, ctx: Context) -> Sum:
    """``diagm`` is linear; ``diagm(ones(n)) = I(n)``."""
    parts: dict = {}
    for s, w, c in v.terms:
        if w == (("1", v.rows, ONE),):
            ctx.use("diagm-ones")
            accumulate(parts, s, (), c)
        else:
            accumulate(parts, s, (("diagm", mono(w, v.shape)),), c)
    return build((v.rows, v.rows), parts)


def _had_factors(word: tuple, shape) -> list:
    if len(word) == 1 and word[0][0] == "had":
        return list(word[0][1])
    return [mono(word, shape)]


def _is_ones(s: Sum) -> bool:
    word = s.terms[0][1]
    return bool(word) and all(x[0] == "1" for x in word) and not any(x[1] != ONE and x[2] != ONE for x in word)


def ones(rows, cols) -> Sum:
    """``ones(m, n) = ones(m, 1) @ ones(1, n)``: one form for every shape."""
    word = tuple(x for x in (("1", rows, ONE), ("1", ONE, cols)) if not (x[1].is_one and x[2].is_one))
    return mono(word, (rows, cols))
