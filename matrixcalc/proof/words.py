"""Products of letters: the rewrites that hold at every size, applied to adjacent letters until none applies.

Each rewrite names its rule (``rules.py``). A contiguous run of letters whose outer sizes are the
literal 1 is a 1 x 1 matrix, hence a scalar at every size: it leaves the word as a trace.
Traces, Kronecker products and ``vec`` live here because they and the rewrites call each other
(``kron`` next to ``vec`` rewrites to a product, a trace is rewritten in each rotation);
transposes, entrywise products and inverses, which the rewrites only use, have modules of
their own (``transpose.py``, ``hadamard.py``, ``inverse.py``).
"""

from __future__ import annotations

from fractions import Fraction

from .algebra import (
    SCALAR,
    Context,
    Sum,
    Unprovable,
    accumulate,
    atom_sum,
    build,
    key,
    merge_scal,
    mono,
    size_sum,
    times_scalar,
)
from .hadamard import hadamard, is_declared_diagonal
from .letters import lshape, word_dims
from .transpose import transpose, transpose_letter
from .tree_api import ONE

MAX_DEPTH = 60


def matmul(a: Sum, b: Sum, ctx: Context) -> Sum:
    parts: dict = {}
    for s1, w1, c1 in a.terms:
        for s2, w2, c2 in b.terms:
            for c, s, w in simplify(w1 + w2, ctx):
                accumulate(parts, merge_scal(merge_scal(s1, s2), s), w, c * c1 * c2)
    return build((a.rows, b.cols), parts)


def simplify(word: tuple, ctx: Context, extract: bool = True) -> list:
    """The word as a list of ``(coef, scal, word)`` once no rewrite applies."""
    ctx.depth += 1
    try:
        if ctx.depth > MAX_DEPTH:
            raise Unprovable("rewriting did not terminate")
        for i in range(len(word) - 1):
            replaced = _pair(word[i], word[i + 1], ctx)
            if replaced is not None:
                out = []
                for s, w, c in replaced.terms:
                    for c2, s2, w2 in simplify(word[:i] + w + word[i + 2 :], ctx, extract):
                        out.append((c * c2, merge_scal(s, s2), w2))
                return out
        column = _diagm_column(word, ctx)
        if column is not None:
            i, replaced = column
            out = []
            for s, w, c in replaced.terms:
                for c2, s2, w2 in simplify(word[:i] + w, ctx, extract):
                    out.append((c * c2, merge_scal(s, s2), w2))
            return out
        cancelled = _cancel_inverse(word, ctx)
        if cancelled is not None:
            return simplify(cancelled, ctx, extract)
        return [_extract_scalars(word, ctx) if extract else (Fraction(1), (), word)]
    finally:
        ctx.depth -= 1


def _diagm_column(word: tuple, ctx: Context):
    """``diagm(v) @ u = hadamard(v, u)`` when ``u``, the rest of the word, is a column: ``(i, sum)`` or None."""
    if len(word) < 2:
        return None
    dims = word_dims(word, ctx)
    if not dims[-1].is_one:
        return None
    for i, letter in enumerate(word[:-1]):
        if letter[0] == "diagm":
            ctx.use("diagm-hadamard")
            return i, hadamard(letter[1], mono(word[i + 1 :], (dims[i + 1], ONE)), ctx)
    return None


def _cancel_inverse(word: tuple, ctx: Context) -> tuple | None:
    """``W @ inv(W)`` and ``inv(W) @ W`` for a product ``W`` kept whole inside an inverse."""
    for i, letter in enumerate(word):
        if letter[0] != "inv" or len(letter[1].terms) != 1:
            continue
        s, inner, c = letter[1].terms[0]
        if s or c != 1 or not inner:
            continue
        k = len(inner)
        if word[max(0, i - k) : i] == inner:
            ctx.use("inverse-cancel")
            return word[: i - k] + word[i + 1 :]
        if word[i + 1 : i + 1 + k] == inner:
            ctx.use("inverse-cancel")
            return word[:i] + word[i + 1 + k :]
    return None


def _pair(x: tuple, y: tuple, ctx: Context) -> Sum | None:
    """A rewrite of the adjacent letters ``x y``, or None."""
    kx, ky = x[0], y[0]
    if kx == "s" and ky == "s" and x[1] == y[1]:
        if x[2] == y[2] and x[3] != y[3]:
            ctx.use("inverse-cancel")
            return mono((), lshape(x, ctx)[0:1] * 2)
        if x[3] == y[3] == 0 and x[2] != y[2] and ctx.has(x[1], "orthogonal"):
            ctx.use("orthogonal-cancel")
            r = lshape(x, ctx)[0]
            return mono((), (r, r))
    if kx == "K" and ky == "K" and x[1] == y[2] and x[2] == y[1]:
        ctx.use("commutation-inverse")
        n = x[1] * x[2]
        return mono((), (n, n))
    if kx == "K" and ky == "kron":
        a, b = y[1], y[2]
        if x[1] == b.rows and x[2] == a.rows:
            ctx.use("commutation-kron")
            return matmul(kron(b, a, ctx), mono((("K", b.cols, a.cols),), (a.cols * b.cols,) * 2), ctx)
    if kx == "kron" and ky == "kron":
        a, b, c, d = x[1], x[2], y[1], y[2]
        if a.cols == c.rows and b.cols == d.rows:
            ctx.use("kron-mixed-product")
            return kron(matmul(a, c, ctx), matmul(b, d, ctx), ctx)
    if kx == "kron" and ky == "vec" and not y[2]:
        p, q, w = x[1], x[2], y[1]
        if q.cols == w.rows and p.cols == w.cols:
            ctx.use("vec-product")
            return vec(matmul(matmul(q, w, ctx), transpose(p, ctx), ctx), ctx)
    if kx == "vec" and x[2] and ky == "kron":
        w, p, q = x[1], y[1], y[2]
        if q.rows == w.rows and p.rows == w.cols:
            ctx.use("vec-product")
            return transpose(vec(matmul(matmul(transpose(q, ctx), w, ctx), p, ctx), ctx), ctx)
    if kx == "K" and ky == "vec" and not y[2] and x[1] == y[1].rows and x[2] == y[1].cols:
        ctx.use("commutation-vec")
        return vec(transpose(y[1], ctx), ctx)
    if kx == "vec" and x[2] and ky == "vec" and not y[2]:
        ctx.use("vec-inner")
        return trace(matmul(transpose(x[1], ctx), y[1], ctx), ctx)
    return None


def _extract_scalars(word: tuple, ctx: Context):
    """Move every 1 x 1 run of letters out of the word, as traces."""
    dims = word_dims(word, ctx)
    ones = [i for i in range(1, len(word)) if dims[i].is_one]
    if dims and dims[0].is_one:
        ones.insert(0, 0)
    if dims and dims[-1].is_one and len(word) not in ones:
        ones.append(len(word))
    if len(ones) < 2:
        return Fraction(1), (), word
    ctx.use("scalar-1x1")
    coef, scal = Fraction(1), ()
    for lo, hi in zip(ones, ones[1:]):
        factor = trace_word(word[lo:hi], ONE, ctx)
        if factor.is_zero:
            return Fraction(0), (), ()
        if len(factor.terms) != 1:
            raise Unprovable("rewriting", "a 1 x 1 factor that is a sum")
        s, _, c = factor.terms[0]
        coef, scal = coef * c, merge_scal(scal, s)
    return coef, scal, word[: ones[0]] + word[ones[-1] :]


def trace(a: Sum, ctx: Context) -> Sum:
    parts: dict = {}
    for s, w, c in a.terms:
        for s2, _, c2 in trace_word(w, a.rows, ctx).terms:
            accumulate(parts, merge_scal(s, s2), (), c * c2)
    return build(SCALAR, parts)


def trace_word(word: tuple, n, ctx: Context) -> Sum:
    """``tr(word)`` as a scalar sum: the cyclic word in one canonical rotation, ``tr(W.T) = tr(W)``."""
    if not word:
        return size_sum(n)
    dims = word_dims(word, ctx)[:-1]
    ones = [i for i, d in enumerate(dims) if d.is_one]
    if ones and ones != [0]:
        ctx.use("trace-cyclic")
        start = ones[0]
        rotated = word[start:] + word[:start]
        cuts = [i - start for i in ones] + [len(word)]
        out = atom_sum_one()
        for lo, hi in zip(cuts, cuts[1:]):
            out = times_scalar(out, trace_word(rotated[lo:hi], ONE, ctx))
        return out
    if len(word) == 1 and word[0][0] == "kron" and all(s.rows == s.cols for s in word[0][1:]):
        ctx.use("kron-trace")
        return times_scalar(trace(word[0][1], ctx), trace(word[0][2], ctx))
    if len(word) == 2:
        word = _diagonal_trace(word, ctx)
    rotations = [word[i:] + word[:i] for i in range(len(word))]
    for r in rotations:
        simplified = simplify(r, ctx, extract=False)
        if len(simplified) != 1 or simplified[0][1] or simplified[0][0] != 1 or len(simplified[0][2]) != len(r):
            ctx.use("trace-cyclic")
            parts: dict = {}
            for c, s, w in simplified:
                for s2, _, c2 in trace_word(w, lshape(r[0], ctx)[0], ctx).terms:
                    accumulate(parts, merge_scal(s, s2), (), c * c2)
            return build(SCALAR, parts)
    flipped = tuple(transpose_letter(x, ctx) for x in reversed(word))
    candidates = rotations + [flipped[i:] + flipped[:i] for i in range(len(flipped))]
    best = min(candidates, key=key)
    if best not in rotations:
        ctx.use("trace-transpose")
    elif best != word:
        ctx.use("trace-cyclic")
    return atom_sum(("tr", best))


def _diagonal_trace(word: tuple, ctx: Context) -> tuple:
    """``tr((A o I) D) = tr(A D)`` for a declared diagonal ``D``: only the diagonal of ``A`` meets ``D``."""
    for i in (0, 1):
        h, d = word[i], word[1 - i]
        if h[0] == "had" and len(h[1]) == 2 and is_declared_diagonal(mono((d,), lshape(d, ctx)), ctx):
            rest = [f for f in h[1] if f.terms[0][1]]
            if len(rest) == 1 and len(rest[0].terms) == 1 and not rest[0].terms[0][0] and rest[0].terms[0][2] == 1:
                ctx.use("diagonal-trace")
                inner = rest[0].terms[0][1]
                return inner + (d,) if i == 0 else (d,) + inner
    return word


def atom_sum_one() -> Sum:
    return build(SCALAR, {((), ()): Fraction(1)})


def kron(a: Sum, b: Sum, ctx: Context) -> Sum:
    """``kron`` is bilinear; scalars come out; identities, 1 x 1 factors and outer products resolve."""
    shape = (a.rows * b.rows, a.cols * b.cols)
    parts: dict = {}
    for s1, w1, c1 in a.terms:
        for s2, w2, c2 in b.terms:
            for c, s, w in _kron_words(w1, a.shape, w2, b.shape, ctx):
                accumulate(parts, merge_scal(merge_scal(s1, s2), s), w, c * c1 * c2)
    return build(shape, parts)


def _kron_words(w1, shape1, w2, shape2, ctx: Context) -> list:
    if shape1 == SCALAR:
        return [(Fraction(1), (), w2)]
    if shape2 == SCALAR:
        return [(Fraction(1), (), w1)]
    if shape1[1].is_one and shape2[0].is_one:
        ctx.use("kron-outer")
        return simplify(w1 + w2, ctx)
    if shape1[0].is_one and shape2[1].is_one:
        ctx.use("kron-outer")
        return simplify(w2 + w1, ctx)
    if not w1 and not w2:
        ctx.use("kron-identity")
        return [(Fraction(1), (), ())]
    return simplify((("kron", mono(w1, shape1), mono(w2, shape2)),), ctx)


def vec(a: Sum, ctx: Context) -> Sum:
    """``vec`` is linear; a column is its own vec."""
    n = a.rows * a.cols
    parts: dict = {}
    for s, w, c in a.terms:
        if a.cols.is_one:
            accumulate(parts, s, w, c)
        elif _outer_cut(w, ctx):
            i = _outer_cut(w, ctx)
            ctx.use("vec-outer")
            u, v = mono(w[:i], (a.rows, ONE)), mono(w[i:], (ONE, a.cols))
            for s2, w2, c2 in kron(transpose(v, ctx), u, ctx).terms:
                accumulate(parts, merge_scal(s, s2), w2, c * c2)
        elif len(w) == 1 and w[0][0] == "kron":
            for s2, w2, c2 in _vec_kron(w[0][1], w[0][2], ctx).terms:
                accumulate(parts, merge_scal(s, s2), w2, c * c2)
        else:
            for c2, s2, w2 in simplify((("vec", mono(w, a.shape), 0),), ctx):
                accumulate(parts, merge_scal(s, s2), w2, c * c2)
    return build((n, ONE), parts)


def _outer_cut(word: tuple, ctx: Context) -> int:
    """The first place inside ``word`` where it is a column times a row (an inner size 1), or 0."""
    dims = word_dims(word, ctx)
    return next((i for i in range(1, len(word)) if dims[i].is_one), 0)


def _vec_kron(a: Sum, b: Sum, ctx: Context) -> Sum:
    """``vec(A (x) B) = (I(n) (x) K(q, m) (x) I(p)) (vec A (x) vec B)`` for ``A: m x n``, ``B: p x q``."""
    ctx.use("vec-kron")
    (m, n), (p, q) = a.shape, b.shape
    k = mono((), (q * m, q * m)) if q.is_one or m.is_one else mono((("K", q, m),), (q * m, q * m))
    shuffle = kron(kron(mono((), (n, n)), k, ctx), mono((), (p, p)), ctx)
    return matmul(shuffle, kron(vec(a, ctx), vec(b, ctx), ctx), ctx)
