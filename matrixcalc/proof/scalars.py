"""Scalar factors: determinants, logdet, powers and scalar functions, with the rules valid for every real input."""

from __future__ import annotations

from fractions import Fraction

from .algebra import (
    SCALAR,
    Context,
    Sum,
    Unprovable,
    add,
    atom_sum,
    build,
    const,
    key,
    mono,
    power_scal,
    scale,
    sub,
    times_scalar,
)
from .inverse import inverse
from .letters import lshape
from .transpose import transpose, transpose_letter
from .words import matmul

ODD = {"tanh": -1, "sin": -1, "cos": 1}  # f(-u) = sign * f(u), every real u


def det(a: Sum, ctx: Context) -> Sum:
    """``det(c s L1 ... Lk) = c^n s^n det(L1) ... det(Lk)`` for square letters (n literal or c s = 1)."""
    if not a.terms:
        return const(0)
    if len(a.terms) == 1:
        s, w, c = a.terms[0]
        n = a.rows
        if all(r == k for r, k in (lshape(x, ctx) for x in w)):
            if (c != 1 or s) and n.letters:
                return _opaque_det(a, ctx)
            if len(w) > 1:
                ctx.use("det-product")
            power = n.coef if not n.letters else 1
            if c != 1 or s:
                ctx.use("det-scalar")
            out = build(SCALAR, {(power_scal(s, Fraction(power)), ()): c**power})
            for letter in w:
                out = times_scalar(out, _det_letter(letter, ctx))
            return _orthogonal_det(out, ctx)
    return _opaque_det(a, ctx)


def _orthogonal_det(a: Sum, ctx: Context) -> Sum:
    """``det(Q) ** 2 = 1`` for a declared orthogonal ``Q`` (``det(Q.T @ Q) = det(I)``): even powers drop."""
    parts: dict = {}
    for s, w, c in a.terms:
        kept = []
        for atom, e in s:
            if atom[0] == "det" and ctx.has(atom[1], "orthogonal") and e.denominator == 1:
                ctx.use("orthogonal-det")
                e = Fraction(int(e) % 2)
            if e:
                kept.append((atom, e))
        parts[(tuple(kept), w)] = parts.get((tuple(kept), w), 0) + c
    return build(a.shape, parts)


def _det_letter(letter: tuple, ctx: Context) -> Sum:
    if letter[0] == "s":
        if letter[2]:
            ctx.use("det-transpose")
        if letter[3]:
            ctx.use("det-inverse")
        return atom_sum(("det", letter[1]), -1 if letter[3] else 1)
    if letter[0] == "inv":
        ctx.use("det-inverse")
        return power(det(letter[1], ctx), Fraction(-1), ctx)
    if letter[0] == "kron":
        a, b = letter[1], letter[2]
        if a.rows == a.cols and b.rows == b.cols and not a.rows.letters and not b.rows.letters:
            ctx.use("det-kron")
            return times_scalar(
                power(det(a, ctx), Fraction(b.rows.coef), ctx), power(det(b, ctx), Fraction(a.rows.coef), ctx)
            )
    shape = lshape(letter, ctx)
    return _opaque_det(mono((letter,), shape), ctx)


def _opaque_det(a: Sum, ctx: Context) -> Sum:
    t = transpose(a, ctx)
    return atom_sum(("detof", min(a, t, key=key)))


def logdet(a: Sum, ctx: Context) -> Sum:
    """``logdet(A.T) = logdet(A)``, ``logdet(inv(A)) = -logdet(A)``; otherwise an atom."""
    if len(a.terms) == 1:
        s, w, c = a.terms[0]
        if c == 1 and not s and len(w) == 1 and w[0][0] == "s":
            letter = w[0]
            if letter[2]:
                ctx.use("logdet-transpose")
                letter = transpose_letter(letter, ctx)
            if letter[3]:
                ctx.use("logdet-inverse")
                return scale(logdet(inverse(a, ctx), ctx), -1)
            return atom_sum(("logdet", letter[1]))
    t = transpose(a, ctx)
    return atom_sum(("logdetof", min(a, t, key=key)))


def power(a: Sum, r: Fraction, ctx: Context) -> Sum:
    """``a ** r`` for a scalar sum: integer powers distribute; other powers merge only into one atom
    whose exponent is not an even integer (``(u ** 2) ** (1/2)`` is ``|u|``, never ``u``)."""
    r = Fraction(r)
    if r == 1:
        return a
    if r == 0:
        return const(1)
    if not a.terms:
        if r < 0:
            raise Unprovable("rewriting", "a negative power of zero")
        return a
    if len(a.terms) == 1:
        s, _, c = a.terms[0]
        if r.denominator == 1:
            ctx.use("power-integer")
            return build(SCALAR, {(power_scal(s, r), ()): c ** int(r)})
        if c == 1 and len(s) == 1 and not (s[0][1].denominator == 1 and s[0][1].numerator % 2 == 0):
            ctx.use("power-power")
            return build(SCALAR, {(power_scal(s, r), ()): Fraction(1)})
        if c == 1 and len(s) == 1 and _gram_trace(s[0][0], ctx):
            ctx.use("gram-nonnegative")
            return build(SCALAR, {(power_scal(s, r), ()): Fraction(1)})
    elif r.denominator == 1 and 0 < r <= 4:
        ctx.use("power-integer")
        out = a
        for _ in range(int(r) - 1):
            out = matmul(out, a, ctx)
        return out
    return atom_sum(("base", a), r)


def _gram_trace(atom: tuple, ctx: Context) -> bool:
    """``tr(U @ U.T)`` of real declared matrices: a sum of squares, never negative, so any power of it merges."""
    if atom[0] != "tr" or len(atom[1]) % 2:
        return False
    word = atom[1]
    half = len(word) // 2
    if any(x[0] != "s" or x[1].startswith("conj:") or x[1] in ctx.complex for x in word):
        return False
    return word[half:] == tuple(transpose_letter(x, ctx) for x in reversed(word[:half]))


def function(name: str, a: Sum, ctx: Context) -> Sum:
    """A scalar function of a scalar sum; the sign of the argument is taken out where ``f(-u)`` is known."""
    if name == "sqrt":
        return power(a, Fraction(1, 2), ctx)
    if name == "log" and len(a.terms) == 1 and a.terms[0][2] == 1 and len(a.terms[0][0]) == 1:
        atom, e = a.terms[0][0][0]
        if atom[0] == "f" and atom[1] == "exp" and e == 1:
            ctx.use("log-exp")
            return atom[2]
    if name == "log" and len(a.terms) == 1 and not ctx.complex:
        split = _log_of_exp_factor(a, ctx)
        if split is None:
            split = _log_of_power(a, ctx)
        if split is not None:
            return split
    if not a.terms:
        if name in ("exp", "cos"):
            return const(1)
        if name == "sigmoid":
            return const(Fraction(1, 2))
        if name in ("sin", "tanh"):
            return a
        raise Unprovable("rewriting", f"{name}(0)")
    if a.terms[0][2] < 0 and name in ("tanh", "sin", "cos", "sigmoid"):
        ctx.use(f"{name}-negative")
        inner = function(name, scale(a, -1), ctx)
        if name == "sigmoid":
            return sub(const(1), inner)
        return scale(inner, ODD[name])
    return atom_sum(("f", name, a))


def _log_of_exp_factor(a: Sum, ctx: Context) -> Sum | None:
    """``log(exp(u) * t) = u + log(t)`` for a one-term scalar with an exp factor. Real values only:
    exp(u) > 0, so both sides are defined for the same t (t > 0); with complex values the branch
    of log would differ by a multiple of 2 pi i. ``algebra`` keeps at most one exp factor per term."""
    scal, _, coef = a.terms[0]
    exps = [(atom, e) for atom, e in scal if atom[0] == "f" and atom[1] == "exp"]
    if not exps:
        return None
    ((atom, e),) = exps
    ctx.use("log-exp-factor")
    rest = build(SCALAR, {(tuple(p for p in scal if p[0] != atom), ()): coef})
    shifted = scale(atom[2], e)
    if rest == const(1):
        return shifted
    return add(shifted, function("log", rest, ctx))


def _log_of_power(a: Sum, ctx: Context) -> Sum | None:
    """``log(u ** r) = r * log(u)`` for one factor whose exponent is not an even integer, real values
    only: then ``u ** r`` and ``u`` have the same sign, so both sides are defined for the same u (u > 0).
    An even power is left alone (``log(t ** 2)`` is defined at t < 0, ``2 * log(t)`` is not)."""
    scal, _, coef = a.terms[0]
    if coef != 1 or len(scal) != 1:
        return None
    atom, r = scal[0]
    if r == 1 or (r.denominator == 1 and r.numerator % 2 == 0):
        return None
    ctx.use("log-power")
    return scale(function("log", atom_sum(atom), ctx), r)
