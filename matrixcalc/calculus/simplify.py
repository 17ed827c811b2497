"""Simplification: a canonical sum of products, then factoring back into the smallest tree.

An expression becomes a sum of terms ``coef * scalars * F1 @ F2 @ ...``: transposes pushed to
the leaves (``(A @ B).T`` → ``B.T @ A.T``, ``A.T.T`` → ``A``, ``A.T`` → ``A`` for a symmetric
``A``), identities dropped from products, zeros dropped, traces rotated to one canonical
start, scalar sub-products pulled out in front, like terms collected. Then common factors are
pulled back out (``A @ x + A.T @ x`` → ``(A + A.T) @ x``) and the smallest tree is kept. Every
rewrite is an algebraic identity; the result is verified by ``check()`` all the same.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from ..language.dims import SCALAR, Shape, is_scalar, is_vector
from ..language.tree import Declaration, Node
from ..operations import OPERATIONS
from ..operations import build as b
from .text import to_text

SYMMETRIC_ASSUMPTIONS = {"symmetric", "spd", "diagonal"}


@dataclass(frozen=True)
class Term:
    """``coef * prod(s ** e for s, e in scalars) * chain[0] @ chain[1] @ ...``."""

    coef: Fraction
    scalars: tuple[tuple[Node, int], ...]
    chain: tuple[Node, ...]

    def key(self, text) -> tuple:
        return (tuple((text(s), e) for s, e in self.scalars), tuple(text(f) for f in self.chain))


def size(node: Node) -> int:
    """Nodes of the tree: the measure of simplicity."""
    return sum(1 for _ in node.walk())


class Simplifier:
    """Simplifies trees over one set of declarations (which say what is symmetric)."""

    def __init__(self, declarations: dict[str, Declaration]) -> None:
        self.symmetric = {n for n, d in declarations.items() if d.assumptions & SYMMETRIC_ASSUMPTIONS}
        # keyed by id: hashing a frozen tree walks all of it, every time; the node is kept alive
        self._texts: dict[int, tuple[Node, str]] = {}
        self._renderings: dict = {}
        self._sizes: dict[int, tuple[Node, int]] = {}
        self._memo: dict[int, tuple[Node, list[Term]]] = {}

    def text(self, node: Node) -> str:
        """The node as text: the sort key of canonical order, cached."""
        key = id(node)
        if key not in self._texts:
            self._texts[key] = (node, to_text(node, self._renderings))
        return self._texts[key][1]

    def __call__(self, node: Node) -> Node:
        terms = self.terms(node)
        return self.rebuild(terms, node.shape)

    def fully(self, node: Node, rounds: int = 3) -> Node:
        """Simplify until the tree stops shrinking: rewriting can expose like terms one level up."""
        best = self(node)
        for _ in range(rounds - 1):
            again = Simplifier.__new__(Simplifier)
            again.__dict__.update(symmetric=self.symmetric, _texts={}, _renderings={}, _sizes={}, _memo={})
            candidate = again(best)
            if again.size(candidate) >= again.size(best):
                break
            best = candidate
        return best

    # -- to the canonical form ------------------------------------------------------------------

    def terms(self, node: Node) -> list[Term]:
        key = id(node)
        if key not in self._memo:
            rule = TERMS.get(node.op)
            raw = rule(self, node) if rule is not None else [self.atom_term(self.atom(node))]
            self._memo[key] = (node, self.collect(raw, node.shape))
        return self._memo[key][1]

    def atom(self, node: Node) -> Node:
        """A non-product node with simplified arguments and its local rules applied."""
        args = tuple(self.smaller(a) if a.rank == 2 else a for a in node.args)
        node = b.with_args(node, args)
        rule = ATOMS.get(node.op)
        return rule(self, node) if rule is not None else node

    def size(self, node: Node) -> int:
        """Nodes of the tree, remembered per node (walking deep trees again and again is quadratic)."""
        key = id(node)
        if key not in self._sizes:
            self._sizes[key] = (node, 1 + sum(self.size(a) for a in node.args))
        return self._sizes[key][1]

    def smaller(self, node: Node) -> Node:
        """An argument of a function: simplified, unless that made it bigger ((x - m).T @ S @ (x - m))."""
        simplified = self(node)
        if self.size(simplified) <= self.size(node) or _has_junk(node):
            return simplified
        return node

    def atom_term(self, node: Node) -> Term:
        if node.op == "number":
            return Term(Fraction(node.value), (), ())
        if is_scalar(node.shape) and node.op not in ("eye", "ones"):
            return Term(Fraction(1), ((node, 1),), ())
        return Term(Fraction(1), (), (node,))

    def collect(self, terms: list[Term], shape: Shape) -> list[Term]:
        """Normalise each term, add like terms, drop zeros; a stable order."""
        total: dict[tuple, Term] = {}
        for term in terms:
            term = self.normal(term, shape)
            if term.coef == 0:
                continue
            k = term.key(self.text)
            if k in total:
                total[k] = Term(total[k].coef + term.coef, term.scalars, term.chain)
            else:
                total[k] = term
        return [t for k, t in sorted(total.items(), key=lambda kv: (kv[1].coef < 0, kv[0])) if t.coef != 0]

    def normal(self, term: Term, shape: Shape) -> Term:
        chain = [f for f in term.chain if f.op != "eye"] or [f for f in term.chain[:1]]
        if chain and chain[0].op == "eye" and is_scalar(chain[0].shape):
            chain = []
        chain = self.expand_inverses(self.merge_powers(self.kron_vec(self.merge_krons(chain))))
        chain = self.diagonal_times_vector(chain)
        scalars = list(term.scalars)
        if is_scalar(shape) and len(chain) > 1:
            chain, total = self.sum_of_entries(chain)
            scalars += total
        if not is_scalar(shape) and len(chain) > 1:
            chain, pulled = self.pull_scalars(chain)
            scalars += [(p, 1) for p in pulled]
        elif is_scalar(shape) and len(chain) > 1:
            flipped = tuple(reversed([self.flip(f) for f in chain]))
            chain = min(list(chain), list(flipped), key=lambda c: [self.text(f) for f in c])
        elif is_scalar(shape) and len(chain) == 1:
            scalars.append((chain[0], 1))
            chain = []
        powers: Counter = Counter()
        for s, e in scalars:
            powers[s] += e
        self.logistic_powers(powers)
        merged = tuple(sorted(((s, e) for s, e in powers.items() if e), key=lambda se: (self.text(se[0]), se[1])))
        return Term(term.coef, merged, tuple(chain))

    def logistic_powers(self, powers: Counter) -> None:
        """``exp(v) ** e / (exp(v) + 1) ** e`` among scalar factors becomes ``sigmoid(v) ** e``."""
        for den, e in list(powers.items()):
            v = _exp_plus_one(den) if e < 0 else None
            if v is None:
                continue
            for top, k in list(powers.items()):
                if k == -e and top.op == "exp" and self.text(top.args[0]) == self.text(v):
                    del powers[den], powers[top]
                    powers[b.call("sigmoid", v)] += k
                    break

    def diagonal_times_vector(self, chain: list[Node]) -> list[Node]:
        """``diagm(v) @ w == v * w`` for a column vector w that ends the product (softmax's Jacobian
        applied to a vector)."""
        for i, f in enumerate(chain[:-1]):
            if f.op == "diagm" and chain[-1].shape[1].is_one:
                product = self.atom(b.entrywise("hadamard", f.args[0], self.product(chain[i + 1 :])))
                return chain[:i] + _chain(product)
        return chain

    def sum_of_entries(self, chain: list[Node]) -> tuple[list[Node], list[tuple[Node, int]]]:
        """``ones(1, n) @ v == sum(v)`` (and ``v.T @ ones(n, 1)``): a scalar product with a row or
        column of ones is the sum of the other side's entries."""
        if chain[0].op == "ones":
            return [], [(self.atom(b.call("sum", self.product(chain[1:]))), 1)]
        if chain[-1].op == "ones":
            return [], [(self.atom(b.call("sum", self.product(chain[:-1]))), 1)]
        return chain, []

    def kron_vec(self, chain: list[Node]) -> list[Node]:
        """kron(P, Q) @ vec(S) == vec(Q @ S @ P.T) (the vec trick), when it is the end of the product."""
        if len(chain) >= 2 and chain[-2].op == "kron" and chain[-1].op == "vec":
            (p, q), inner = chain[-2].args, chain[-1].args[0]
            if inner.shape == (q.shape[1], p.shape[1]):
                rewritten = self(b.call("vec", b.matmul(b.matmul(q, inner), b.transpose(p))))
                return chain[:-2] + _chain(rewritten)
        return chain

    def merge_krons(self, chain: list[Node]) -> list[Node]:
        """kron(A, B) @ kron(C, D) == kron(A @ C, B @ D) when the products conform."""
        out: list[Node] = []
        for f in chain:
            if out and out[-1].op == f.op == "kron":
                (a, c), (e, g) = out[-1].args, f.args
                if a.shape[1] == e.shape[0] and c.shape[1] == g.shape[0]:
                    merged = self.atom(b.kron(b.matmul(a, e), b.matmul(c, g)))
                    out[-1] = merged
                    if merged.op == "eye":
                        out.pop()
                    continue
            out.append(f)
        return out or chain[:1]

    def power_of(self, f: Node) -> tuple[Node, int]:
        """A square factor as base ** k: X ** 3 is (X, 3), inv(X) is (X, -1), inv(X).T is (X.T, -1)."""
        if f.op == "transpose" and f.args[0].op in ("matpow", "inv"):
            base, k = self.power_of(f.args[0])
            return self.flip(base), k
        if f.op == "matpow":
            base, k = self.power_of(f.args[0])
            return base, k * f.value
        if f.op == "inv":
            base, k = self.power_of(f.args[0])
            return base, -k
        return f, 1

    def from_power(self, base: Node, k: int) -> Node | None:
        """base ** k written as the catalogue writes it: inv(X).T, (X ** 2).T, X ** -2; None for k = 0."""
        if k == 0:
            return None
        if k == 1:
            return base
        if base.op == "transpose" and not self.is_symmetric(base.args[0]):
            inner = self.from_power(base.args[0], k)
            return b.transpose(inner)
        return b.call("inv", base) if k == -1 else b.matpow(base, k)

    def expand_inverses(self, chain: list[Node]) -> list[Node]:
        """inv(A @ X @ B) == inv(B) @ inv(X) @ inv(A) for square factors, kept only when that cancels
        something (A.T @ inv(A @ X @ B).T @ B.T == inv(X).T)."""
        for i, f in enumerate(chain):
            transposed = f.op == "transpose" and f.args[0].op == "inv"
            inner = f.args[0].args[0] if transposed else f.args[0] if f.op == "inv" else None
            if inner is None or inner.op != "matmul":
                continue
            factors = _chain(inner)
            if not all(x.shape[0] == x.shape[1] for x in factors):
                continue
            inverses = [self.atom(b.call("inv", x)) for x in reversed(factors)]
            if transposed:
                inverses = list(reversed([self.flip(x) for x in inverses]))
            candidate = self.merge_powers(chain[:i] + inverses + chain[i + 1 :])
            if len(candidate) < len(chain):
                return self.expand_inverses(candidate)
        return chain

    def merge_powers(self, chain: list[Node]) -> list[Node]:
        """X @ X ** 2 == X ** 3 and inv(X) @ X == I: adjacent powers of one square base are merged."""
        out: list[tuple[Node, int]] = []
        changed = False
        for f in chain:
            base, k = self.power_of(f) if f.shape[0] == f.shape[1] else (f, 1)
            if out and self.text(out[-1][0]) == self.text(base) and base.shape[0] == base.shape[1]:
                out[-1] = (out[-1][0], out[-1][1] + k)
                changed = True
                if out[-1][1] == 0:
                    out.pop()
                continue
            out.append((base, k))
        if not changed:
            return chain
        merged = [f for f in (self.from_power(base, k) for base, k in out) if f is not None]
        return merged or [b.eye(chain[0].shape[0])]

    def pull_scalars(self, chain: list[Node]) -> tuple[list[Node], list[Node]]:
        """Pull 1 x 1 sub-products (x.T @ A @ y) out of a longer product as scalar factors.

        A sub-product from a row to a column is 1 x 1; what is left around it still multiplies,
        since the factor before it ends in one column and the factor after it starts with one row."""
        pulled = []
        i = 0
        while i < len(chain):
            if chain[i].shape[0].is_one:
                for j in range(len(chain) - 1, i - 1, -1):
                    if chain[j].shape[1].is_one and (i > 0 or j < len(chain) - 1):
                        pulled.append(self.product(chain[i : j + 1]))
                        chain = chain[:i] + chain[j + 1 :]
                        break
                else:
                    i += 1
                continue
            i += 1
        return chain, pulled

    def product(self, chain) -> Node:
        """The matmul of a chain; a 1 x 1 chain in canonical orientation."""
        chain = list(chain)
        if len(chain) > 1 and chain[0].shape[0].is_one and chain[-1].shape[1].is_one:
            flipped = list(reversed([self.flip(f) for f in chain]))
            chain = min(chain, flipped, key=lambda c: [self.text(f) for f in c])
        node = chain[0]
        for f in chain[1:]:
            node = b.matmul(node, f)
        return node

    def flip(self, f: Node) -> Node:
        """The transpose of one factor, pushed inside where that reads better."""
        if f.op == "transpose":
            return f.args[0]
        if self.is_symmetric(f):
            return f
        if f.op == "ones":
            return b.ones((f.shape[1], f.shape[0]))
        if f.op == "commutation":
            return b.commutation(f.value[1], f.value[0])
        if f.op == "kron":
            return b.kron(self.flip(f.args[0]), self.flip(f.args[1]))
        return b.transpose(f)

    def is_symmetric(self, f: Node) -> bool:
        if f.op == "symbol":
            return f.value in self.symmetric or is_scalar(f.shape)
        if f.op in ("eye", "diagm", "number"):
            return True
        if f.op == "commutation":
            return f.value[0] == f.value[1]
        if f.op == "ones":
            return f.shape[0] == f.shape[1]
        if f.op in ("inv", "adj", "matpow", "neg") or (f.op in OPERATIONS and OPERATIONS[f.op].symmetric_if_argument):
            return self.is_symmetric(f.args[0])
        if f.op in ("kron", "hadamard", "add", "sub"):
            return all(self.is_symmetric(a) for a in f.args)
        if f.op == "matmul":
            chain = _chain(f)
            return chain == list(reversed([self.flip(x) for x in chain]))
        if f.op == "mul":
            return all(self.is_symmetric(a) for a in f.args)
        return False

    # -- back to a tree -------------------------------------------------------------------------

    def rebuild(self, terms: list[Term], shape: Shape) -> Node:
        """The smallest tree for a canonical sum; it is remembered as simplified, so a tree that
        holds it is not simplified again (which would repeat the work at every level)."""
        if not terms:
            return b.zeros(shape)
        plain = _sum_nodes([self.term_node(t, shape) for t in terms])
        factored = self.factor(terms, shape)
        best = factored if self.size(factored) < self.size(plain) else plain
        self._memo.setdefault(id(best), (best, terms))
        return best

    def term_node(self, term: Term, shape: Shape) -> Node:
        body = self.product(term.chain) if term.chain else None
        up = [s if e == 1 else _power(s, e) for s, e in term.scalars if e > 0]
        down = [s if e == -1 else _power(s, -e) for s, e in term.scalars if e < 0]
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
        plain = _sum_nodes([self.term_node(t, shape) for t in terms])
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
                node = b.scale(x if e == 1 else _power(x, e), inner)
            else:
                node = b.div(inner, x if e == -1 else _power(x, -e))
        else:
            inner_shape = _chain_shape(group[0].chain, shape)
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
        return _sum_nodes([node, self.factor(rest, shape)])


def _has_junk(node: Node) -> bool:
    """Does a tree hold what no careful writer leaves: I(n) in a product, a double transpose, 0 * X, ..."""
    for n in node.walk():
        if n.op in ("matmul", "kron") and any(a.op == "eye" for a in n.args):
            return True
        if n.op == "transpose" and n.args[0].op == "transpose":
            return True
        if n.op in ("mul", "hadamard") and any(a.op == "number" and a.value in (0, 1) for a in n.args):
            return True
        if n.op in ("add", "sub") and any(a.op == "neg" for a in n.args):
            return True
    return False


def _chain_shape(chain: tuple[Node, ...], fallback: Shape) -> Shape:
    if not chain:
        return SCALAR
    return (chain[0].shape[0], chain[-1].shape[1])


def _chain(node: Node) -> list[Node]:
    if node.op == "matmul":
        return _chain(node.args[0]) + _chain(node.args[1])
    return [node]


def _power(s: Node, e: int) -> Node:
    return b.power(s, e) if is_scalar(s.shape) else b.matpow(s, e)


def _sum_nodes(nodes: list[Node]) -> Node:
    total = nodes[0]
    for n in nodes[1:]:
        if n.op == "neg":
            total = b.sub(total, n.args[0])
        else:
            total = b.add(total, n)
    return total


# -- the canonical form, one rule per operation --------------------------------------------------


def _scaled(terms: list[Term], coef: Fraction, scalars=()) -> list[Term]:
    return [Term(t.coef * coef, t.scalars + tuple(scalars), t.chain) for t in terms]


def _times(s: Simplifier, left: list[Term], right: list[Term], scaling: bool) -> list[Term]:
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


def _t_mul(s: Simplifier, node: Node) -> list[Term]:
    a, c = node.args
    return _times(s, s.terms(a), s.terms(c), scaling=True)


def _t_matmul(s: Simplifier, node: Node) -> list[Term]:
    a, c = node.args
    return _times(s, s.terms(a), s.terms(c), scaling=False)


def _t_div(s: Simplifier, node: Node) -> list[Term]:
    a, d = node.args
    sigmoid = _logistic(s, s(a), s(d)) if is_scalar(a.shape) else None
    if sigmoid is not None:
        return s.terms(sigmoid)
    den = s.terms(d)
    if len(den) == 1 and not den[0].chain:
        t = den[0]
        return _scaled(s.terms(a), 1 / t.coef, tuple((x, -e) for x, e in t.scalars))
    return _scaled(s.terms(a), Fraction(1), ((s.rebuild(den, SCALAR), -1),))


def _t_pow(s: Simplifier, node: Node) -> list[Term]:
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


def _t_transpose(s: Simplifier, node: Node) -> list[Term]:
    return [Term(t.coef, t.scalars, tuple(reversed([s.flip(f) for f in t.chain]))) for t in s.terms(node.args[0])]


def _t_trace(s: Simplifier, node: Node) -> list[Term]:
    out = []
    for t in s.terms(node.args[0]):
        out.extend([Term(t.coef, t.scalars, ())] if not t.chain else _trace_term(s, t))
    return out


def _trace_term(s: Simplifier, t: Term) -> list[Term]:
    chain = list(t.chain)
    flipped = list(reversed([s.flip(f) for f in chain]))
    rotations = [r[i:] + r[:i] for r in (chain, flipped) for i in range(len(r))]
    as_scalar = [r for r in rotations if r[0].shape[0].is_one and r[-1].shape[1].is_one]
    if as_scalar:
        best = min(as_scalar, key=lambda c: [s.text(f) for f in c])
        return [Term(t.coef, t.scalars, tuple(best))]
    merged = [s.merge_powers(s.merge_krons(r)) for r in rotations]
    best = min(merged, key=lambda c: (len(c), [s.text(f) for f in c]))
    if len(best) == 1 and best[0].op == "eye" and not best[0].shape[0].letters:
        return [Term(t.coef * best[0].shape[0].coef, t.scalars, ())]
    if len(best) == 1 and best[0].op == "kron":  # tr(kron(A, B)) == tr(A) * tr(B)
        a, c = best[0].args
        product = _times(s, s.terms(b.call("tr", a)), s.terms(b.call("tr", c)), scaling=True)
        return _scaled(product, t.coef, t.scalars)
    if len(best) == 2 and any(f.op == "transpose" for f in best):  # tr(A.T @ B) == frob(A, B)
        first, second = best if best[0].op == "transpose" else (best[1], best[0])
        pair = sorted([first.args[0], second], key=s.text)
        return [Term(t.coef, t.scalars + ((b.call("frob", *pair), 1),), ())]
    return [Term(t.coef, t.scalars + ((b.call("tr", s.product(best)), 1),), ())]


def _t_frob(s: Simplifier, node: Node) -> list[Term]:
    a, c = node.args
    return _t_trace(s, b.call("tr", b.matmul(b.transpose(a), c)))


def _linear(build):
    """Rules for operations linear in their argument: sums and scalars come out."""

    def rule(s: Simplifier, node: Node) -> list[Term]:
        out = []
        for t in s.terms(node.args[0]):
            if not t.chain:
                return [s.atom_term(s.atom(node))]
            result = build(s, node, s.product(t.chain))
            parts = [s.atom_term(result)] if result.op == node.op else s.terms(result)
            out.extend(Term(r.coef * t.coef, r.scalars + t.scalars, r.chain) for r in parts)
        return out

    return rule


def _vec(s: Simplifier, node: Node, inner: Node) -> Node:
    if inner.shape[1].is_one:
        return inner
    if inner.shape[0].is_one:
        return b.transpose(inner)
    return b.call("vec", inner)


def _bilinear(op: str):
    def rule(s: Simplifier, node: Node) -> list[Term]:
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


def _factors_of(s: Simplifier, node: Node, op: str) -> list[Term]:
    """The terms of one argument of an entrywise or Kronecker product; a sum of several terms stays
    one factor (``(ones(n) - t * t) * dU``), since distributing nested sums grows exponentially."""
    terms = s.terms(node)
    if len(terms) > 1:
        return [Term(Fraction(1), (), (s.rebuild(terms, node.shape),))]
    return terms


def _is_one(node: Node) -> bool:
    return node.op == "ones" or (node.op == "number" and node.value == 1)


def _exp_plus_one(node: Node) -> Node | None:
    """The argument v when node is ``exp(v) + 1`` (or ``1 + exp(v)``, ``ones`` for arrays)."""
    if node.op != "add":
        return None
    for x, y in (node.args, reversed(node.args)):
        if x.op == "exp" and _is_one(y):
            return x.args[0]
    return None


def _logistic(s: Simplifier, top: Node, den: Node) -> Node | None:
    """``exp(v) / (exp(v) + 1)`` is ``sigmoid(v)``, as people write it."""
    v = _exp_plus_one(den)
    if v is None:
        return None
    if top.op == "exp" and s.text(top.args[0]) == s.text(v):
        return b.call("sigmoid", v)
    return None


def _t_ediv(s: Simplifier, node: Node) -> list[Term]:
    a, c = node.args
    den = s(c)
    sigmoid = _logistic(s, s(a), den)
    if sigmoid is not None:
        return s.terms(sigmoid)
    out = []
    for t in s.terms(a):
        top = s.product(t.chain) if t.chain else None
        if top is None:
            return [s.atom_term(s.atom(node))]
        quotient = s.atom(b.with_args(node, (top, den)))
        out.extend(_scaled([s.atom_term(quotient)] if quotient.op == "ediv" else s.terms(quotient), t.coef, t.scalars))
    return out


TERMS = {
    "number": lambda s, n: [Term(Fraction(n.value), (), ())],
    "zeros": lambda s, n: [],
    "commutation": lambda s, n: [
        Term(Fraction(1), (), (b.eye(n.shape[0]) if n.value[0].is_one or n.value[1].is_one else n,))
    ],
    "eye": lambda s, n: [Term(Fraction(1), (), (n,))],
    "add": lambda s, n: s.terms(n.args[0]) + s.terms(n.args[1]),
    "sub": lambda s, n: s.terms(n.args[0]) + _scaled(s.terms(n.args[1]), Fraction(-1)),
    "neg": lambda s, n: _scaled(s.terms(n.args[0]), Fraction(-1)),
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


# -- local rules for the atoms --------------------------------------------------------------------


def _a_inv(s: Simplifier, node: Node) -> Node:
    (a,) = node.args
    if a.op == "mul" and is_scalar(a.args[0].shape) and not is_scalar(a.args[1].shape):
        return b.div(b.call("inv", a.args[1]), a.args[0])  # inv(s * A) == inv(A) / s
    if a.op == "inv":
        return a.args[0]
    if a.op == "eye":
        return a
    if a.op == "transpose":
        return b.transpose(b.call("inv", a.args[0]))
    return node


def _a_det(s: Simplifier, node: Node) -> Node:
    (a,) = node.args
    if a.op == "transpose":
        return b.with_args(node, (a.args[0],))
    return node


def _a_kron(s: Simplifier, node: Node) -> Node:
    a, c = node.args
    if a.op == c.op == "eye":
        return b.eye(a.shape[0] * c.shape[0])
    if a.op == "eye" and a.shape[0].is_one:
        return c
    if c.op == "eye" and c.shape[0].is_one:
        return a
    if a.shape == SCALAR:
        return b.scale(a, c)
    if c.shape == SCALAR:
        return b.scale(c, a)
    if a.shape[0].is_one and c.shape[1].is_one:  # kron(a.T, b) == b @ a.T for vectors a, b
        return b.matmul(c, a)
    if a.shape[1].is_one and c.shape[0].is_one:  # kron(b, a.T) == b @ a.T
        return b.matmul(a, c)
    return node


def _a_hadamard(s: Simplifier, node: Node) -> Node:
    a, c = node.args
    if a.op == "ones":
        return c
    if c.op == "ones":
        return a
    for x, y in ((a, c), (c, a)):
        if y.op == "ediv" and y.args[0].op == "ones":  # A * (ones / B) == A / B
            return _logistic(s, x, y.args[1]) or b.entrywise("ediv", x, y.args[1])
        if y.op == "ediv" and s.text(y.args[1]) == s.text(x):  # B * (A / B) == A, where defined
            return y.args[0]
    return node


def _a_ediv(s: Simplifier, node: Node) -> Node:
    """``A / ones`` is A; ``(A * B) / B`` is A (entrywise, where the quotient is defined)."""
    a, c = node.args
    if c.op == "ones":
        return a
    if s.text(a) == s.text(c):  # A / A == ones, where defined
        return b.ones(a.shape)
    factors = _hadamard_factors(a)
    texts = [s.text(f) for f in factors]
    if len(factors) > 1 and s.text(c) in texts:
        del factors[texts.index(s.text(c))]
        rest = factors[0]
        for f in factors[1:]:
            rest = b.entrywise("hadamard", rest, f)
        return rest
    return node


def _hadamard_factors(node: Node) -> list[Node]:
    if node.op != "hadamard":
        return [node]
    return _hadamard_factors(node.args[0]) + _hadamard_factors(node.args[1])


def _a_norm(s: Simplifier, node: Node) -> Node:
    """norm(P.T @ P) == P.T @ P for a scalar Gram product, which is never negative."""
    (a,) = node.args
    if is_scalar(a.shape) and a.op == "matmul":
        chain = _chain(a)
        half = len(chain) // 2
        if len(chain) % 2 == 0 and chain[:half] == list(reversed([s.flip(f) for f in chain[half:]])):
            return a
    return node


def _a_sum(s: Simplifier, node: Node) -> Node:
    """sum(A.T) == sum(A)."""
    (a,) = node.args
    return b.call("sum", a.args[0]) if a.op == "transpose" else node


ATOMS = {
    "sum": _a_sum,
    "norm": _a_norm,
    "hadamard": _a_hadamard,
    "ediv": _a_ediv,
    "inv": _a_inv,
    "det": _a_det,
    "logdet": _a_det,
    "kron": _a_kron,
}
