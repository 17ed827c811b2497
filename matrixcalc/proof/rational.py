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

from collections.abc import Callable

from .algebra import SCALAR, Context, Sum, add, build, mono, scale, sub, times_scalar
from .letters import lshape
from .words import matmul

MAX_STEPS = 60
MAX_CHOICES = 4
MAX_TERMS = 120  # a difference that grows past this is given up: the bounds keep every proof cheap
MAX_WORK = 1500  # words rewritten in one attempt to show a difference vanishes
MAX_SUM = 8  # terms of an inverted sum the rewrites take on


def inverted_sums(a: Sum) -> list[dict]:
    """Relation sets ``{V: (c, L, R)}``, one per choice of a longest word ``L`` of each ``S`` (``V = inv(S)``
    in the words of ``a``); a choice among words of equal length is a choice of direction, each one exact."""
    choices: dict = {}
    for _, word, _ in a.terms:
        for letter in word:
            if letter[0] == "inv" and letter not in choices:
                relations = _relations(letter[1])
                if relations:
                    choices[letter] = relations
    sets = [{}]
    for letter, relations in choices.items():
        sets = [{**chosen, letter: r} for chosen in sets for r in relations][:MAX_CHOICES]
    return sets if choices else []


def _relations(s: Sum) -> list:
    if len(s.terms) < 2:
        return []
    longest = max(len(w) for _, w, _ in s.terms)
    out = []
    for scal, lead, c in s.terms:
        if len(lead) == longest and not scal:  # a scalar symbol as the coefficient may be zero
            rest = build(s.shape, {(sc, w): k for sc, w, k in s.terms if (sc, w) != (scal, lead)})
            out.append((c, lead, rest))
    return out


def reduce(a: Sum, relations: dict, ctx: Context, budget: list[int] | None = None) -> Sum:
    """``a`` with ``V L`` and ``L V`` rewritten until no word holds them; raises nothing, gives up after a cap."""
    budget = [MAX_WORK] if budget is None else budget
    for _ in range(MAX_STEPS):
        changed = False
        out = Sum(a.shape)
        budget[0] -= len(a.terms)
        if budget[0] < 0:
            return a
        for s, w, c in a.terms:
            rewritten = _rewrite(w, a.shape, relations, ctx)
            term = mono(w, a.shape) if rewritten is None else rewritten
            changed = changed or rewritten is not None
            out = add(out, times_scalar(term, build(SCALAR, {(s, ()): c})))
        a = out
        if not changed or a.is_zero or len(a.terms) > MAX_TERMS:
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


def vanishes(diff: Sum, ctx: Context, zero: Callable[[Sum], bool]) -> bool:
    """True when ``diff`` is zero (as ``zero`` tells, scalar denominators cleared) by the inverse-sum rewrites,
    directly or once multiplied on either side by sums whose inverse it writes (invertible there, so the
    factor cancels)."""
    choices = inverted_sums(diff)
    if not choices or len(diff.terms) > MAX_TERMS or any(len(v[1].terms) > MAX_SUM for v in choices[0]):
        return False
    budget = [MAX_WORK]
    if any(zero(reduce(diff, relations, ctx, budget)) for relations in choices):
        return True
    sums = list({letter[1]: None for letter in choices[0]})
    lefts = [None] + [s for s in sums if s.rows == diff.rows]
    rights = [None] + [s for s in sums if s.cols == diff.cols]
    for m in lefts:
        for n in rights:
            if m is None and n is None:
                continue
            product = diff if m is None else matmul(m, diff, ctx)
            product = product if n is None else matmul(product, n, ctx)
            if budget[0] < 0:
                return False
            if any(zero(reduce(product, relations, ctx, budget)) for relations in inverted_sums(product)):
                ctx.use("cancel-invertible-factor")
                return True
    return False
