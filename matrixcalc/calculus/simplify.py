"""Simplification: a canonical sum of products, then factoring back into the smallest tree.

An expression becomes a sum of terms ``coef * scalars * F1 @ F2 @ ...``: transposes pushed to
the leaves (``(A @ B).T`` → ``B.T @ A.T``, ``A.T.T`` → ``A``, ``A.T`` → ``A`` for a symmetric
``A``), identities dropped from products, zeros dropped, traces rotated to one canonical
start, scalar sub-products pulled out in front, like terms collected. Then common factors are
pulled back out (``A @ x + A.T @ x`` → ``(A + A.T) @ x``) and the smallest tree is kept. Every
rewrite is an algebraic identity; the result is verified by ``check()`` all the same.

The canonical form per operation is ``canonical.py``, the rewrite rules ``simplify_rules.py``
(one registry), the way back to a tree ``factoring.py``.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from ..language.dims import Shape, is_scalar
from ..language.tree import Declaration, Node
from ..operations import OPERATIONS
from ..operations import build as b
from .canonical import TERMS
from .factoring import Factoring
from .products import Term, chain_of, sum_nodes
from .simplify_rules import atom_rules, chain_rules, scalar_rules
from .text import to_text

CHAIN_RULES = chain_rules()
ATOM_RULES = atom_rules()
SCALAR_RULES = scalar_rules()

SYMMETRIC_ASSUMPTIONS = {"symmetric", "spd", "diagonal"}


def size(node: Node) -> int:
    """Nodes of the tree: the measure of simplicity."""
    return sum(1 for _ in node.walk())


class Simplifier(Factoring):
    """Simplifies trees over one set of declarations (which say what is symmetric)."""

    def __init__(self, declarations: dict[str, Declaration]) -> None:
        self.declarations = declarations
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
            again = Simplifier(self.declarations)  # fresh memos: the rewritten tree is new
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
        return self.local(b.with_args(node, args))

    def local(self, node: Node) -> Node:
        """The node after the first of its operation's atom rules that applies (itself if none)."""
        for rule in ATOM_RULES.get(node.op, ()):
            rewritten = rule.apply(self, node)
            if rewritten is not None:
                return rewritten
        return node

    def size(self, node: Node) -> int:
        """Nodes of the tree, remembered per node (walking deep trees again and again is quadratic)."""
        key = id(node)
        if key not in self._sizes:
            self._sizes[key] = (node, 1 + sum(self.size(a) for a in node.args))
        return self._sizes[key][1]

    def smaller(self, node: Node) -> Node:
        """An argument of a function: simplified, unless that made it bigger ((x - m).T @ S @ (x - m))."""
        simplified = self(node)
        if self.size(simplified) <= self.size(node) or has_junk(node):
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
        for rule in CHAIN_RULES:
            chain = rule.apply(self, chain)
        scalars = list(term.scalars)
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
        for rule in SCALAR_RULES:
            rule.apply(self, powers)
        merged = tuple(sorted(((s, e) for s, e in powers.items() if e), key=lambda se: (self.text(se[0]), se[1])))
        return Term(term.coef, merged, tuple(chain))

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
        record = OPERATIONS.get(f.op)
        if f.op in ("eye", "number") or (record is not None and record.symmetric):
            return True
        if f.op == "commutation":
            return f.value[0] == f.value[1]
        if f.op == "ones":
            return f.shape[0] == f.shape[1]
        if record is not None and record.symmetric_if_argument:
            return all(self.is_symmetric(a) for a in f.args)
        if f.op == "matmul":
            chain = chain_of(f)
            return chain == list(reversed([self.flip(x) for x in chain]))
        return False

    # -- back to a tree -------------------------------------------------------------------------

    def rebuild(self, terms: list[Term], shape: Shape) -> Node:
        """The smallest tree for a canonical sum; it is remembered as simplified, so a tree that
        holds it is not simplified again (which would repeat the work at every level)."""
        if not terms:
            return b.zeros(shape)
        plain = sum_nodes([self.term_node(t, shape) for t in terms])
        factored = self.factor(terms, shape)
        best = factored if self.size(factored) < self.size(plain) else plain
        self._memo.setdefault(id(best), (best, terms))
        return best


def has_junk(node: Node) -> bool:
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
