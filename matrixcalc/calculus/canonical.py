"""The canonical form, one rule per operation: a node as a sum of terms ``coef * scalars * chain``.

Transposes are pushed to the leaves, traces rotated to one canonical start, scalar
sub-products pulled out in front; an operation without a rule here is an atom
(``Simplifier.atom``, with the local rules of ``simplify_rules``).
"""

from __future__ import annotations

from fractions import Fraction

from ..language.dims import SCALAR, is_scalar
from ..language.tree import Node
from ..operations import build as b
from .products import Term, scaled
from .rewriter import Rewriter
from .simplify_rules import logistic, merge_krons, merge_powers


def _times(s: Rewriter, left: list[Term], right: list[Term], scaling: bool) -> list[Term]:
    """Products of terms; in a scalar multiple a 1 x 1 chain becomes a scalar factor."""
    out = []
    for x in left:
        for y in right:
            xc, yc = x.chain, y.chain
            extra = []
            if scaling and xc and xc[0].shape[0].is_one and xc[-1].shape[1].is_one and yc:
                extra, xc = [(s.product(xc), 1)], ()
            if scaling and yc and yc[0].shape[0].is_one and yc[-1].shape[1].is_one and xc:
                extra, yc = [(s.product(yc), 1)], ()
            out.append(Term(x.coef * y.coef, x.scalars + y.scalars + tuple(extra), xc + yc))
    return out


def _t_mul(s: Rewriter, node: Node) -> list[Term]:
    a, c = node.args
    return _times(s, s.terms(a), s.terms(c), scaling=True)


def _t_matmul(s: Rewriter, node: Node) -> list[Term]:
    a, c = node.args
    return _times(s, s.terms(a), s.terms(c), scaling=False)


def _t_div(s: Rewriter, node: Node) -> list[Term]:
    a, d = node.args
    sigmoid = logistic(s, s(a), s(d)) if is_scalar(a.shape) else None
    if sigmoid is not None:
        return s.terms(sigmoid)
    den = s.terms(d)
    if len(den) == 1 and not den[0].chain:
        t = den[0]
        return scaled(s.terms(a), 1 / t.coef, tuple((x, -e) for x, e in t.scalars))
    return scaled(s.terms(a), Fraction(1), ((s.rebuild(den, SCALAR), -1),))


def _t_pow(s: Rewriter, node: Node) -> list[Term]:
    r = Fraction(node.value)
    base = s.terms(node.args[0])
    if r.denominator == 1 and len(base) == 1 and not base[0].chain:
        t = base[0]
        k = int(r)
        return [Term(t.coef**k, tuple((x, e * k) for x, e in t.scalars), ())]
    inner = s.rebuild(base, SCALAR)
    if r.denominator == 1:
        return [Term(Fraction(1), ((inner, int(r)),), ())]
    return [s.atom_term(b.power(inner, r))]


def _t_transpose(s: Rewriter, node: Node) -> list[Term]:
    return [Term(t.coef, t.scalars, tuple(reversed([s.flip(f) for f in t.chain]))) for t in s.terms(node.args[0])]


def _t_trace(s: Rewriter, node: Node) -> list[Term]:
    out = []
    for t in s.terms(node.args[0]):
        out.extend([Term(t.coef, t.scalars, ())] if not t.chain else _trace_term(s, t))
    return out


def _trace_term(s: Rewriter, t: Term) -> list[Term]:
    chain = list(t.chain)
    flipped = list(reversed([s.flip(f) for f in chain]))
    rotations = [r[i:] + r[:i] for r in (chain, flipped) for i in range(len(r))]
    as_scalar = [r for r in rotations if r[0].shape[0].is_one and r[-1].shape[1].is_one]
    if as_scalar:
        best = min(as_scalar, key=lambda c: [s.text(f) for f in c])
        return [Term(t.coef, t.scalars, tuple(best))]
    merged = [merge_powers(s, merge_krons(s, r)) for r in rotations]
    best = min(merged, key=lambda c: (len(c), [s.text(f) for f in c]))
    if len(best) == 1 and best[0].op == "eye" and not best[0].shape[0].letters:
        return [Term(t.coef * best[0].shape[0].coef, t.scalars, ())]
    if len(best) == 1 and best[0].op == "kron":  # tr(kron(A, B)) == tr(A) * tr(B)
        a, c = best[0].args
        product = _times(s, s.terms(b.call("tr", a)), s.terms(b.call("tr", c)), scaling=True)
        return scaled(product, t.coef, t.scalars)
    if len(best) == 2 and any(f.op == "transpose" for f in best):  # tr(A.T @ B) == frob(A, B)
        first, second = best if best[0].op == "transpose" else (best[1], best[0])
        pair = sorted([first.args[0], second], key=s.text)
        return [Term(t.coef, t.scalars + ((b.call("frob", *pair), 1),), ())]
    return [Term(t.coef, t.scalars + ((b.call("tr", s.product(best)), 1),), ())]


def _t_frob(s: Rewriter, node: Node) -> list[Term]:
    a, c = node.args
    return _t_trace(s, b.call("tr", b.matmul(b.transpose(a), c)))


def _linear(build):
    """Rules for operations linear in their argument: sums and scalars come out."""

    def rule(s: Rewriter, node: Node) -> list[Term]:
        out = []
        for t in s.terms(node.args[0]):
            if not t.chain:
                return [s.atom_term(s.atom(node))]
            result = s.local(build(s, node, s.product(t.chain)))
            parts = [s.atom_term(result)] if result.op == node.op else s.terms(result)
            out.extend(Term(r.coef * t.coef, r.scalars + t.scalars, r.chain) for r in parts)
        return out

    return rule


def _vec(s: Rewriter, node: Node, inner: Node) -> Node:
    if inner.shape[1].is_one:
        return inner
    if inner.shape[0].is_one:
        return b.transpose(inner)
    return b.call("vec", inner)


def _bilinear(op: str):
    def rule(s: Rewriter, node: Node) -> list[Term]:
        a, c = node.args
        out = []
        left, right = _factors_of(s, a, op), _factors_of(s, c, op)
        for x in left:
            for y in right:
                xa = s.product(x.chain) if x.chain else None
                ya = s.product(y.chain) if y.chain else None
                if xa is None or ya is None:
                    atom = s.atom(b.with_args(node, (s.rebuild([x], a.shape), s.rebuild([y], c.shape))))
                    out.extend(s.terms(atom) if atom.op != node.op else [s.atom_term(atom)])
                    continue
                if op == "hadamard" and s.text(ya) < s.text(xa):
                    xa, ya = ya, xa
                atom = s.atom(b.with_args(node, (xa, ya)))
                for r in s.terms(atom) if atom.op != node.op else [s.atom_term(atom)]:
                    out.append(Term(r.coef * x.coef * y.coef, r.scalars + x.scalars + y.scalars, r.chain))
        return out

    return rule


def _factors_of(s: Rewriter, node: Node, op: str) -> list[Term]:
    """The terms of one argument of an entrywise or Kronecker product; a sum of several terms stays
    one factor (``(ones(n) - t * t) * dU``), since distributing nested sums grows exponentially."""
    terms = s.terms(node)
    if len(terms) > 1:
        return [Term(Fraction(1), (), (s.rebuild(terms, node.shape),))]
    return terms


def _t_ediv(s: Rewriter, node: Node) -> list[Term]:
    a, c = node.args
    den = s(c)
    sigmoid = logistic(s, s(a), den)
    if sigmoid is not None:
        return s.terms(sigmoid)
    out = []
    for t in s.terms(a):
        top = s.product(t.chain) if t.chain else None
        if top is None:
            return [s.atom_term(s.atom(node))]
        quotient = s.atom(b.with_args(node, (top, den)))
        out.extend(scaled([s.atom_term(quotient)] if quotient.op == "ediv" else s.terms(quotient), t.coef, t.scalars))
    return out


TERMS = {
    "number": lambda s, n: [Term(Fraction(n.value), (), ())],
    "zeros": lambda s, n: [],
    "commutation": lambda s, n: [
        Term(Fraction(1), (), (b.eye(n.shape[0]) if n.value[0].is_one or n.value[1].is_one else n,))
    ],
    "eye": lambda s, n: [Term(Fraction(1), (), (n,))],
    "add": lambda s, n: s.terms(n.args[0]) + s.terms(n.args[1]),
    "sub": lambda s, n: s.terms(n.args[0]) + scaled(s.terms(n.args[1]), Fraction(-1)),
    "neg": lambda s, n: scaled(s.terms(n.args[0]), Fraction(-1)),
    "mul": _t_mul,
    "matmul": _t_matmul,
    "div": _t_div,
    "pow": _t_pow,
    "transpose": _t_transpose,
    "tr": _t_trace,
    "frob": _t_frob,
    "vec": _linear(_vec),
    "sum": _linear(lambda s, n, inner: b.call("sum", inner)),
    "diag": _linear(lambda s, n, inner: b.call("diag", inner)),
    "diagm": _linear(lambda s, n, inner: b.call("diagm", inner)),
    "kron": _bilinear("kron"),
    "hadamard": _bilinear("hadamard"),
    "ediv": _t_ediv,
}
