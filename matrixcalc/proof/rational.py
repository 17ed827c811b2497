"""Rational identities with inverses of sums: push-through, Woodbury, ridge normal equations.

The kernel keeps ``inv(S)`` of a sum ``S`` as one letter ``V``. Where it is defined, ``V S = S V = I``
(rule ``inverse-sum``). Writing ``S = c L + R`` with ``L`` the one longest word (``c`` a nonzero
rational, every word of ``R`` shorter), the two relations read ``V L = (I - V R) / c`` and
``L V = (I - R V) / c``: rewrites that shorten the word, so they terminate. A difference that these
rewrites bring to zero is zero.

Some identities need one more, equally exact step: ``L == R`` holds when ``M L N == M R N`` for
invertible ``M`` and ``N`` (rule ``cancel-invertible-factor``: ``L = inv(M) (M L N) inv(N)``). The
only factors tried are sums whose inverse the identity itself writes, so they are invertible
wherever the identity is defined. This is what clearing matrix denominators means here, and it is
how the push-through identity and Woodbury's formula are proved.
"""

from __future__ import annotations

from .algebra import SCALAR, Context, Sum, add, build, mono, scale, sub, times_scalar
from .letters import lshape
from .words import matmul

MAX_STEPS = 400


def inverted_sums(a: Sum) -> dict:
    """``{V: (c, L, R)}`` for each letter ``V = inv(S)`` in the words of ``a`` whose ``S`` has one longest word."""
    out: dict = {}
    for _, word, _ in a.terms:
        for letter in word:
            if letter[0] == "inv" and letter not in out:
                relation = _relation(letter[1])
                if relation is not None:
                    out[letter] = relation
    return out


def _relation(s: Sum):
    if len(s.terms) < 2:
        return None
    longest = max(len(w) for _, w, _ in s.terms)
    leads = [t for t in s.terms if len(t[1]) == longest]
    if len(leads) != 1 or leads[0][0]:  # a tie, or a coefficient that may be zero (a scalar symbol)
        return None
    _, lead, c = leads[0]
    rest = build(s.shape, {(sc, w): k for sc, w, k in s.terms if w != lead})
    return c, lead, rest


def reduce(a: Sum, relations: dict, ctx: Context) -> Sum:
    """``a`` with ``V L`` and ``L V`` rewritten until no word holds them; raises nothing, gives up after a cap."""
    for _ in range(MAX_STEPS):
        changed = False
        out = Sum(a.shape)
        for s, w, c in a.terms:
            rewritten = _rewrite(w, a.shape, relations, ctx)
            term = mono(w, a.shape) if rewritten is None else rewritten
            changed = changed or rewritten is not None
            out = add(out, times_scalar(term, build(SCALAR, {(s, ()): c})))
        a = out
        if not changed or a.is_zero:
            return a
    return a


def _rewrite(word: tuple, shape, relations: dict, ctx: Context) -> Sum | None:
    for i, letter in enumerate(word):
        if letter not in relations:
            continue
        c, lead, rest = relations[letter]
        k = len(lead)
        v = mono((letter,), lshape(letter, ctx))
        n = v.rows
        if word[i + 1 : i + 1 + k] == lead:  # V L = (I - V R) / c
            ctx.use("inverse-sum")
            middle = scale(sub(mono((), (n, n)), matmul(v, rest, ctx)), 1 / c)
            return _splice(word[:i], middle, word[i + 1 + k :], shape, ctx)
        if i >= k and word[i - k : i] == lead:  # L V = (I - R V) / c
            ctx.use("inverse-sum")
            middle = scale(sub(mono((), (n, n)), matmul(rest, v, ctx)), 1 / c)
            return _splice(word[: i - k], middle, word[i + 1 :], shape, ctx)
    return None


def _splice(before: tuple, middle: Sum, after: tuple, shape, ctx: Context) -> Sum:
    left = mono(before, (shape[0], middle.rows))
    right = mono(after, (middle.cols, shape[1]))
    return matmul(matmul(left, middle, ctx), right, ctx)


def vanishes(diff: Sum, ctx: Context) -> bool:
    """True when ``diff`` is zero by the inverse-sum rewrites, directly or once multiplied on either side
    by sums whose inverse it writes (invertible there, so the factor cancels)."""
    relations = inverted_sums(diff)
    if not relations:
        return False
    if reduce(diff, relations, ctx).is_zero:
        return True
    sums = [letter[1] for letter in relations]
    lefts = [None] + [s for s in sums if s.rows == diff.rows]
    rights = [None] + [s for s in sums if s.cols == diff.cols]
    for m in lefts:
        for n in rights:
            if m is None and n is None:
                continue
            product = diff if m is None else matmul(m, diff, ctx)
            product = product if n is None else matmul(product, n, ctx)
            if reduce(product, {**relations, **inverted_sums(product)}, ctx).is_zero:
                ctx.use("cancel-invertible-factor")
                return True
    return False
