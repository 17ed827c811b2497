"""The simplifier's rewrite rules, each a named function with its docstring, registered here.

Three kinds, one shape each:

- ``chain`` rules rewrite the factors of one product, ``(s, chain) -> chain``, in the order
  registered (the vec trick before merging powers, and so on);
- ``atom`` rules rewrite a non-product node of the operations they name,
  ``(s, node) -> node or None`` (None: the rule does not apply); the first that applies wins;
- ``scalars`` rules rewrite the scalar factors of a term, ``(s, powers) -> None``, in place.

Every rule is an algebraic identity (where both sides are defined); each simplified result
is verified by ``check()`` all the same. ``tests/test_simplify_rules.py`` has one case per rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..language.dims import SCALAR, is_scalar
from ..language.tree import Node
from ..operations import build as b
from .products import chain_of
from .rewriter import Rewriter


@dataclass(frozen=True)
class Rule:
    """A rewrite rule: its name (the function's), kind, the operations it applies to (atom rules)."""

    name: str
    kind: str
    apply: Callable
    ops: tuple[str, ...] = ()

    @property
    def doc(self) -> str:
        return self.apply.__doc__ or ""


RULES: list[Rule] = []
"""Every rule, in the order it is tried."""


def rule(kind: str, *ops: str):
    """Register a function as a rule of the given kind (and operations, for an atom rule)."""

    def register(fn):
        RULES.append(Rule(fn.__name__, kind, fn, ops))
        return fn

    return register


def chain_rules() -> list[Rule]:
    return [r for r in RULES if r.kind == "chain"]


def scalar_rules() -> list[Rule]:
    return [r for r in RULES if r.kind == "scalars"]


def atom_rules() -> dict[str, list[Rule]]:
    table: dict[str, list[Rule]] = {}
    for r in RULES:
        for op in r.ops:
            table.setdefault(op, []).append(r)
    return table


# -- recognising the logistic function, as people write it ----------------------------------------


def is_one(node: Node) -> bool:
    return node.op == "ones" or (node.op == "number" and node.value == 1)


def exp_plus_one(node: Node) -> Node | None:
    """The argument v when node is ``exp(v) + 1`` (or ``1 + exp(v)``, ``ones`` for arrays)."""
    if node.op != "add":
        return None
    for x, y in (node.args, reversed(node.args)):
        if x.op == "exp" and is_one(y):
            return x.args[0]
    return None


def logistic(s: Rewriter, top: Node, den: Node) -> Node | None:
    """``exp(v) / (exp(v) + 1)`` is ``sigmoid(v)``, as people write it."""
    v = exp_plus_one(den)
    if v is None:
        return None
    if top.op == "exp" and s.text(top.args[0]) == s.text(v):
        return b.call("sigmoid", v)
    return None


@rule("scalars")
def logistic_powers(s: Rewriter, powers: Counter) -> None:
    """``exp(v) ** e / (exp(v) + 1) ** e`` among scalar factors becomes ``sigmoid(v) ** e``."""
    for den, e in list(powers.items()):
        v = exp_plus_one(den) if e < 0 else None
        if v is None:
            continue
        for top, k in list(powers.items()):
            if k == -e and top.op == "exp" and s.text(top.args[0]) == s.text(v):
                del powers[den], powers[top]
                powers[b.call("sigmoid", v)] += k
                break


# -- products ---------------------------------------------------------------------------------------


@rule("chain")
def merge_krons(s: Rewriter, chain: list[Node]) -> list[Node]:
    """kron(A, B) @ kron(C, D) == kron(A @ C, B @ D) when the products conform."""
    out: list[Node] = []
    for f in chain:
        if out and out[-1].op == f.op == "kron":
            (a, c), (e, g) = out[-1].args, f.args
            if a.shape[1] == e.shape[0] and c.shape[1] == g.shape[0]:
                merged = s.atom(b.kron(b.matmul(a, e), b.matmul(c, g)))
                out[-1] = merged
                if merged.op == "eye":
                    out.pop()
                continue
        out.append(f)
    return out or chain[:1]


@rule("chain")
def kron_vec(s: Rewriter, chain: list[Node]) -> list[Node]:
    """kron(P, Q) @ vec(S) == vec(Q @ S @ P.T) (the vec trick), when it is the end of the product."""
    if len(chain) >= 2 and chain[-2].op == "kron" and chain[-1].op == "vec":
        (p, q), inner = chain[-2].args, chain[-1].args[0]
        if inner.shape == (q.shape[1], p.shape[1]):
            rewritten = s(b.call("vec", b.matmul(b.matmul(q, inner), b.transpose(p))))
            return chain[:-2] + chain_of(rewritten)
    return chain


def power_of(s: Rewriter, f: Node) -> tuple[Node, int]:
    """A square factor as base ** k: X ** 3 is (X, 3), inv(X) is (X, -1), inv(X).T is (X.T, -1)."""
    if f.op == "transpose" and f.args[0].op in ("matpow", "inv"):
        base, k = power_of(s, f.args[0])
        return s.flip(base), k
    if f.op == "matpow":
        base, k = power_of(s, f.args[0])
        return base, k * f.value
    if f.op == "inv":
        base, k = power_of(s, f.args[0])
        return base, -k
    return f, 1


def from_power(s: Rewriter, base: Node, k: int) -> Node | None:
    """base ** k written as the catalogue writes it: inv(X).T, (X ** 2).T, X ** -2; None for k = 0."""
    if k == 0:
        return None
    if k == 1:
        return base
    if base.op == "transpose" and not s.is_symmetric(base.args[0]):
        return b.transpose(from_power(s, base.args[0], k))
    return b.call("inv", base) if k == -1 else b.matpow(base, k)


@rule("chain")
def merge_powers(s: Rewriter, chain: list[Node]) -> list[Node]:
    """X @ X ** 2 == X ** 3 and inv(X) @ X == I: adjacent powers of one square base are merged."""
    out: list[tuple[Node, int]] = []
    changed = False
    for f in chain:
        base, k = power_of(s, f) if f.shape[0] == f.shape[1] else (f, 1)
        if out and s.text(out[-1][0]) == s.text(base) and base.shape[0] == base.shape[1]:
            out[-1] = (out[-1][0], out[-1][1] + k)
            changed = True
            if out[-1][1] == 0:
                out.pop()
            continue
        out.append((base, k))
    if not changed:
        return chain
    merged = [f for f in (from_power(s, base, k) for base, k in out) if f is not None]
    return merged or [b.eye(chain[0].shape[0])]


@rule("chain")
def expand_inverses(s: Rewriter, chain: list[Node]) -> list[Node]:
    """inv(A @ X @ B) == inv(B) @ inv(X) @ inv(A) for square factors, kept only when that cancels
    something (A.T @ inv(A @ X @ B).T @ B.T == inv(X).T)."""
    for i, f in enumerate(chain):
        transposed = f.op == "transpose" and f.args[0].op == "inv"
        inner = f.args[0].args[0] if transposed else f.args[0] if f.op == "inv" else None
        if inner is None or inner.op != "matmul":
            continue
        factors = chain_of(inner)
        if not all(x.shape[0] == x.shape[1] for x in factors):
            continue
        inverses = [s.atom(b.call("inv", x)) for x in reversed(factors)]
        if transposed:
            inverses = list(reversed([s.flip(x) for x in inverses]))
        candidate = merge_powers(s, chain[:i] + inverses + chain[i + 1 :])
        if len(candidate) < len(chain):
            return expand_inverses(s, candidate)
    return chain


@rule("chain")
def diagonal_times_vector(s: Rewriter, chain: list[Node]) -> list[Node]:
    """``diagm(v) @ w == v * w`` for a column vector w that ends the product (softmax's Jacobian
    applied to a vector)."""
    for i, f in enumerate(chain[:-1]):
        if f.op == "diagm" and chain[-1].shape[1].is_one:
            product = s.atom(b.entrywise("hadamard", f.args[0], s.product(chain[i + 1 :])))
            return chain[:i] + chain_of(product)
    return chain


@rule("chain")
def sum_of_entries(s: Rewriter, chain: list[Node]) -> list[Node]:
    """``ones(1, n) @ v == sum(v)`` (and ``v.T @ ones(n, 1)``): a scalar product with a row or
    column of ones is the sum of the other side's entries."""
    if len(chain) < 2 or not (chain[0].shape[0].is_one and chain[-1].shape[1].is_one):
        return chain
    if chain[0].op == "ones":
        return [s.atom(b.call("sum", s.product(chain[1:])))]
    if chain[-1].op == "ones":
        return [s.atom(b.call("sum", s.product(chain[:-1])))]
    return chain


# -- local rules of single operations ---------------------------------------------------------------


@rule("atom", "sum")
def sum_of_transpose(s: Rewriter, node: Node) -> Node | None:
    """sum(A.T) == sum(A)."""
    (a,) = node.args
    return b.call("sum", a.args[0]) if a.op == "transpose" else None


@rule("atom", "norm")
def norm_of_gram(s: Rewriter, node: Node) -> Node | None:
    """norm(P.T @ P) == P.T @ P for a scalar Gram product, which is never negative."""
    (a,) = node.args
    if is_scalar(a.shape) and a.op == "matmul":
        chain = chain_of(a)
        half = len(chain) // 2
        if len(chain) % 2 == 0 and chain[:half] == list(reversed([s.flip(f) for f in chain[half:]])):
            return a
    return None


@rule("atom", "hadamard")
def hadamard_with_ones(s: Rewriter, node: Node) -> Node | None:
    """ones ∘ A == A."""
    a, c = node.args
    return c if a.op == "ones" else a if c.op == "ones" else None


@rule("atom", "hadamard")
def hadamard_with_reciprocal(s: Rewriter, node: Node) -> Node | None:
    """A ∘ (ones / B) == A / B (and exp(v) / (exp(v) + 1) is sigmoid(v))."""
    a, c = node.args
    for x, y in ((a, c), (c, a)):
        if y.op == "ediv" and y.args[0].op == "ones":
            return logistic(s, x, y.args[1]) or b.entrywise("ediv", x, y.args[1])
    return None


@rule("atom", "hadamard")
def hadamard_cancels_quotient(s: Rewriter, node: Node) -> Node | None:
    """B ∘ (A / B) == A, where the quotient is defined."""
    a, c = node.args
    for x, y in ((a, c), (c, a)):
        if y.op == "ediv" and s.text(y.args[1]) == s.text(x):
            return y.args[0]
    return None


@rule("atom", "ediv")
def quotient_by_ones(s: Rewriter, node: Node) -> Node | None:
    """A / ones == A, entrywise."""
    a, c = node.args
    return a if c.op == "ones" else None


@rule("atom", "ediv")
def quotient_of_itself(s: Rewriter, node: Node) -> Node | None:
    """A / A == ones, entrywise, where the quotient is defined."""
    a, c = node.args
    return b.ones(a.shape) if s.text(a) == s.text(c) else None


@rule("atom", "ediv")
def quotient_cancels_factor(s: Rewriter, node: Node) -> Node | None:
    """(A ∘ B) / B == A, entrywise, where the quotient is defined."""
    a, c = node.args
    factors = _hadamard_factors(a)
    texts = [s.text(f) for f in factors]
    if len(factors) > 1 and s.text(c) in texts:
        del factors[texts.index(s.text(c))]
        rest = factors[0]
        for f in factors[1:]:
            rest = b.entrywise("hadamard", rest, f)
        return rest
    return None


def _hadamard_factors(node: Node) -> list[Node]:
    if node.op != "hadamard":
        return [node]
    return _hadamard_factors(node.args[0]) + _hadamard_factors(node.args[1])


@rule("atom", "inv")
def inverse_of_multiple(s: Rewriter, node: Node) -> Node | None:
    """inv(s * A) == inv(A) / s."""
    (a,) = node.args
    if a.op == "mul" and is_scalar(a.args[0].shape) and not is_scalar(a.args[1].shape):
        return b.div(b.call("inv", a.args[1]), a.args[0])
    return None


@rule("atom", "inv")
def inverse_of_inverse(s: Rewriter, node: Node) -> Node | None:
    """inv(inv(A)) == A."""
    (a,) = node.args
    return a.args[0] if a.op == "inv" else None


@rule("atom", "inv")
def inverse_of_identity(s: Rewriter, node: Node) -> Node | None:
    """inv(I) == I."""
    (a,) = node.args
    return a if a.op == "eye" else None


@rule("atom", "inv")
def inverse_of_transpose(s: Rewriter, node: Node) -> Node | None:
    """inv(A.T) == inv(A).T."""
    (a,) = node.args
    return b.transpose(b.call("inv", a.args[0])) if a.op == "transpose" else None


@rule("atom", "det", "logdet")
def determinant_of_transpose(s: Rewriter, node: Node) -> Node | None:
    """det(A.T) == det(A), logdet(A.T) == logdet(A)."""
    (a,) = node.args
    return b.with_args(node, (a.args[0],)) if a.op == "transpose" else None


@rule("atom", "kron")
def kron_of_identities(s: Rewriter, node: Node) -> Node | None:
    """kron(I(m), I(n)) == I(m * n)."""
    a, c = node.args
    return b.eye(a.shape[0] * c.shape[0]) if a.op == c.op == "eye" else None


@rule("atom", "kron")
def kron_with_one(s: Rewriter, node: Node) -> Node | None:
    """kron(I(1), B) == B and kron(A, I(1)) == A."""
    a, c = node.args
    if a.op == "eye" and a.shape[0].is_one:
        return c
    if c.op == "eye" and c.shape[0].is_one:
        return a
    return None


@rule("atom", "kron")
def kron_with_scalar(s: Rewriter, node: Node) -> Node | None:
    """kron(s, B) == s * B and kron(A, s) == s * A for a scalar s."""
    a, c = node.args
    if a.shape == SCALAR:
        return b.scale(a, c)
    if c.shape == SCALAR:
        return b.scale(c, a)
    return None


@rule("atom", "kron")
def kron_of_vectors(s: Rewriter, node: Node) -> Node | None:
    """kron(a.T, b) == b @ a.T and kron(b, a.T) == b @ a.T for column vectors a, b."""
    a, c = node.args
    if a.shape[0].is_one and c.shape[1].is_one:
        return b.matmul(c, a)
    if a.shape[1].is_one and c.shape[0].is_one:
        return b.matmul(a, c)
    return None
