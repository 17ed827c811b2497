"""Factoring a canonical sum back into the smallest tree: shared factors pulled out, rank-one
sums of outer products written as one product (``(x - m) @ (x - m).T``)."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from ..language.dims import Shape, is_scalar, is_vector
from ..language.tree import Node
from ..operations import build as b
from .products import Term, chain_shape, power, sum_nodes


class Factoring:
    """The simplifier's way back from terms to a tree (a part of ``Simplifier``)."""

    def term_node(self, term: Term, shape: Shape) -> Node:
        body = self.product(term.chain) if term.chain else None
        up = [s if e == 1 else power(s, e) for s, e in term.scalars if e > 0]
        down = [s if e == -1 else power(s, -e) for s, e in term.scalars if e < 0]
        coef = abs(term.coef)
        lead = []
        if coef.numerator != 1 or (coef.denominator != 1 and coef.numerator != 1):
            lead = [b.number(coef if coef.denominator == 1 or coef.numerator != 1 else coef.numerator)]
        if coef.denominator != 1 and coef.numerator == 1:
            down = [b.number(coef.denominator)] + down
        elif coef.denominator != 1:
            lead = [b.number(coef)]
        factors = lead + up
        node = None
        for f in factors:
            node = f if node is None else b.scale(node, f)
        if body is not None:
            node = body if node is None else b.scale(node, body)
        if node is None:
            node = b.number(1)
        if down:
            divisor = down[0]
            for f in down[1:]:
                divisor = b.scale(divisor, f)
            node = b.div(node, divisor)
        return b.neg(node) if term.coef < 0 else node

    def factor(self, terms: list[Term], shape: Shape) -> Node:
        """Pull out the factor shared by most terms (right, left or scalar), recursively."""
        if len(terms) == 1:
            return self.term_node(terms[0], shape)
        if all(t.coef < 0 for t in terms):
            return b.neg(self.factor([Term(-t.coef, t.scalars, t.chain) for t in terms], shape))
        common = abs(terms[0].coef)
        if common != 1 and all(abs(t.coef) == common for t in terms):
            inner = self.factor([Term(t.coef / common, t.scalars, t.chain) for t in terms], shape)
            return (
                b.scale(b.number(common), inner)
                if common.denominator == 1
                else b.div(inner, b.number(1 / common))
                if common.numerator == 1
                else b.scale(b.number(common), inner)
            )
        candidates = []
        for side in (-1, 0):
            counts = Counter(self.text(t.chain[side]) for t in terms if len(t.chain) > 1)
            candidates += [(count, side, name) for name, count in counts.items() if count > 1]
        scalar_counts = Counter((self.text(x), e) for t in terms for x, e in t.scalars)
        candidates += [(count, None, key) for key, count in scalar_counts.items() if count > 1]
        plain = sum_nodes([self.term_node(t, shape) for t in terms])
        outer = self.outer_product(terms, shape)
        if outer is not None:
            plain = min(outer, plain, key=self.size)
        if not candidates:
            return plain
        candidates.sort(key=lambda c: (-c[0], c[1] is None))
        tries = [self.pull(terms, shape, *c[1:]) for c in candidates[: 3 if len(terms) <= 6 else 1]]
        return min(tries + [plain], key=self.size)

    def outer_product(self, terms: list[Term], shape: Shape) -> Node | None:
        """``Σ c_ij u_i v_jᵀ`` with a rank-one table ``c = k p qᵀ`` is ``k (Σ p_i u_i)(Σ q_j v_j)ᵀ``:
        ``x xᵀ - x mᵀ - m xᵀ + m mᵀ`` → ``(x - m) @ (x - m).T``, as a careful writer leaves it."""
        if len(terms) < 3 or any(len(t.chain) != 2 or t.scalars != terms[0].scalars for t in terms):
            return None
        if not all(is_vector(t.chain[0].shape) and t.chain[1].shape[0].is_one for t in terms):
            return None
        lefts: dict[str, Node] = {}
        rights: dict[str, Node] = {}
        table: dict[tuple[str, str], Fraction] = {}
        for t in terms:
            u, v = (self.text(f) for f in t.chain)
            lefts.setdefault(u, t.chain[0])
            rights.setdefault(v, t.chain[1])
            table[u, v] = table.get((u, v), Fraction(0)) + t.coef
        u0, v0 = next(iter(table))
        if any(
            table.get((u, v), 0) * table[u0, v0] != table.get((u, v0), 0) * table.get((u0, v), 0)
            for u in lefts
            for v in rights
        ):
            return None
        # c = k p qᵀ, p and q scaled to 1 on their last vector by name: x - m, y - X @ w
        p = {u: table.get((u, v0), Fraction(0)) for u in lefts}
        q = {v: table.get((u0, v), Fraction(0)) / table[u0, v0] for v in rights}
        p_scale, q_scale = p[max(u for u in p if p[u])], q[max(v for v in q if q[v])]
        k = p_scale * q_scale
        column, row = terms[0].chain[0].shape, terms[0].chain[1].shape
        left = self.factor(
            self.collect([Term(c / p_scale, (), (lefts[u],)) for u, c in p.items() if c], column), column
        )
        row_terms = [Term(c / q_scale, (), (rights[v],)) for v, c in q.items() if c]
        if all(t.chain[0].op == "transpose" for t in row_terms):
            columns = [Term(t.coef, (), (t.chain[0].args[0],)) for t in row_terms]
            shape_t = row_terms[0].chain[0].args[0].shape
            right = b.transpose(self.factor(self.collect(columns, shape_t), shape_t))
        else:
            right = self.factor(self.collect(row_terms, row), row)
        return self.term_node(Term(k, terms[0].scalars, (left, right)), shape)

    def pull(self, terms: list[Term], shape: Shape, side: int | None, name) -> Node:
        """Factor one shared factor out of the terms that have it (side None: a scalar factor)."""
        group, rest, shared = [], [], None
        for t in terms:
            if side is None:
                hit = [(x, e) for x, e in t.scalars if (self.text(x), e) == name]
                if hit:
                    shared = hit[0]
                    left = list(t.scalars)
                    left.remove(shared)
                    group.append(Term(t.coef, tuple(left), t.chain))
                    continue
            elif len(t.chain) > 1 and self.text(t.chain[side]) == name:
                shared = t.chain[side]
                group.append(Term(t.coef, t.scalars, t.chain[:-1] if side == -1 else t.chain[1:]))
                continue
            rest.append(t)
        if side is None:
            inner = self.factor(group, shape)
            x, e = shared
            if e > 0:
                node = b.scale(x if e == 1 else power(x, e), inner)
            else:
                node = b.div(inner, x if e == -1 else power(x, -e))
        else:
            inner_shape = chain_shape(group[0].chain)
            inner = self.factor(group, inner_shape)
            negated = inner.op == "neg" and not is_scalar(inner.shape)
            if negated:  # -(A) @ B reads as -(A @ B): the sign in front of the product
                inner = inner.args[0]
            if is_scalar(inner.shape) and not is_scalar(shared.shape):
                node = b.scale(inner, shared)
            else:
                node = b.matmul(inner, shared) if side == -1 else b.matmul(shared, inner)
            if negated:
                node = b.neg(node)
        if not rest:
            return node
        return sum_nodes([node, self.factor(rest, shape)])
