"""Reading a derivative off a differential: the identification rules, as two passes.

A differential linear in ``dX`` is pushed through one rule per operation:

- ``gradient``: for a scalar differential, the G with ``df == frob(G, dX)`` (tr(A dX) gives
  Aᵀ, frob(A, dX) gives A, ...), the rules of docs/identification.md applied by reverse
  accumulation (an adjoint per node: ``seed`` is the gradient of f with respect to that node);
- ``jacobian``: for any differential, the J with ``vec(dF) == J @ vec(dX)`` (vec(A dX B) gives
  kron(Bᵀ, A), vec(dXᵀ) gives K(m, n), ...), the Magnus–Neudecker identification.

A step without a matrix form (e.g. a gradient through ``vec`` of a matrix whose seed is not
itself a ``vec``) raises NoMatrixForm, and the caller gives the differential instead.
"""

from __future__ import annotations

from ..language.dims import ONE, is_scalar
from ..language.tree import Node
from ..operations import build as b


class NoMatrixForm(Exception):
    """The derivative exists but these rules cannot write it in matrix notation."""


class _Depends:
    def __init__(self, direction: Node) -> None:
        self.direction = direction
        self.memo: dict[int, bool] = {}

    def __call__(self, node: Node) -> bool:
        key = id(node)
        if key not in self.memo:
            self.memo[key] = _is(node, self.direction) or any(self(a) for a in node.args)
        return self.memo[key]


def _is(node: Node, direction: Node) -> bool:
    """Is this node the direction symbol? (cheap: no deep comparison)"""
    return node.op == "symbol" and node.value == direction.value and node.shape == direction.shape


# -- gradient (reverse accumulation) ------------------------------------------------------------


def gradient(df: Node, direction: Node) -> Node:
    """G with ``df == frob(G, dX)``; df is a scalar linear in the symbol ``direction``."""
    depends = _Depends(direction)
    parts: list[Node] = []
    if depends(df):  # a differential without dX (f does not vary with X) has the zero gradient
        _adjoint(df, b.number(1), depends, parts)
    if not parts:
        return b.zeros(direction.shape)
    total = parts[0]
    for part in parts[1:]:
        total = b.add(total, part)
    return total


def _adjoint(node: Node, seed: Node, depends: _Depends, out: list[Node]) -> None:
    if _is(node, depends.direction):
        out.append(seed)
        return
    rule = ADJOINTS.get(node.op)
    if rule is None:
        raise NoMatrixForm(f"no identification rule reads a gradient through {node.op}")
    for child, child_seed in rule(node, seed, depends):
        _adjoint(child, child_seed, depends, out)


def _live(pairs, depends):
    return [(child, seed) for child, seed in pairs if depends(child)]


def _adj_mul(node, seed, depends):
    a, c = node.args
    s, m = (a, c) if is_scalar(a.shape) else (c, a)
    pairs = []
    if depends(m):
        pairs.append((m, b.scale(s, seed)))
    if depends(s):
        pairs.append((s, b.call("frob", m, seed) if not is_scalar(m.shape) else b.scale(m, seed)))
    return pairs


def _adj_div(node, seed, depends):
    a, s = node.args
    if depends(s):
        raise NoMatrixForm("the direction appears in a divisor")
    return [(a, b.div(seed, s))]


def _adj_matmul(node, seed, depends):
    a, c = node.args
    return _live([(a, b.matmul(seed, b.transpose(c))), (c, b.matmul(b.transpose(a), seed))], depends)


def _adj_kron(node, seed, depends):
    """frob(S, kron(A, dB)) = frob(S1, A) * frob(S2, dB) when the seed is kron(S1, S2) of matching shapes."""
    a, c = node.args
    vector_rule = _kron_with_vector(a, c, seed, depends)
    if vector_rule is not None:
        return vector_rule
    if seed.op == "transpose" and seed.args[0].op == "kron":
        inner = seed.args[0]
        seed = b.kron(b.transpose(inner.args[0]), b.transpose(inner.args[1]))
    if is_scalar(seed.shape) or seed.op == "mul" and seed.args[1].op == "eye":
        raise NoMatrixForm("a gradient through a Kronecker product with an identity seed")
    if seed.op != "kron" or seed.args[0].shape != a.shape or seed.args[1].shape != c.shape:
        raise NoMatrixForm("a gradient through a Kronecker product needs a Kronecker-structured seed")
    s1, s2 = seed.args
    return _live([(a, b.scale(b.call("frob", s2, c), s1)), (c, b.scale(b.call("frob", s1, a), s2))], depends)


def _kron_with_vector(a: Node, c: Node, seed: Node, depends) -> list | None:
    """With a vector factor the Kronecker product is an ordinary product, so the seed passes through:
    kron(a, B) == kron(a, I(p)) @ B and kron(A, b) == kron(I(m), b) @ A for columns a, b;
    kron(a, B) == B @ kron(a, I(q)) and kron(A, b) == A @ kron(I(n), b) for rows a, b."""
    (m, n), (p, q) = a.shape, c.shape
    pairs = []
    if depends(c):
        if n == ONE:
            pairs.append((c, b.matmul(b.kron(b.transpose(a), b.eye(p)), seed)))
        elif m == ONE:
            pairs.append((c, b.matmul(seed, b.kron(b.transpose(a), b.eye(q)))))
        else:
            return None
    if depends(a):
        if q == ONE:
            pairs.append((a, b.matmul(b.kron(b.eye(m), b.transpose(c)), seed)))
        elif p == ONE:
            pairs.append((a, b.matmul(seed, b.kron(b.eye(n), b.transpose(c)))))
        else:
            return None
    return pairs


def _adj_vec(node, seed, depends):
    (m,) = node.args
    rows, cols = m.shape
    if cols == ONE:
        return [(m, seed)]
    if rows == ONE:
        return [(m, b.transpose(seed))]
    if seed.op == "vec" and seed.args[0].shape == m.shape:
        return [(m, seed.args[0])]
    if seed.op == "matmul" and seed.args[1].op == "vec":
        left, inner = seed.args[0], seed.args[1].args[0]
        if left.op == "kron":  # kron(P, Q) @ vec(S) == vec(Q @ S @ P.T)
            p, q = left.args
            product = b.matmul(b.matmul(q, inner), b.transpose(p))
            if product.shape == m.shape:
                return [(m, product)]
        if left.op == "transpose" and left.args[0].op == "kron":
            p, q = left.args[0].args
            product = b.matmul(b.matmul(b.transpose(q), inner), p)
            if product.shape == m.shape:
                return [(m, product)]
    raise NoMatrixForm("the gradient through vec(...) has no matrix form here (no inverse of vec in the language)")


ADJOINTS = {
    "add": lambda node, seed, dep: _live([(node.args[0], seed), (node.args[1], seed)], dep),
    "sub": lambda node, seed, dep: _live([(node.args[0], seed), (node.args[1], b.neg(seed))], dep),
    "neg": lambda node, seed, dep: [(node.args[0], b.neg(seed))],
    "mul": _adj_mul,
    "div": _adj_div,
    "matmul": _adj_matmul,
    "transpose": lambda node, seed, dep: [(node.args[0], b.transpose(seed))],
    "tr": lambda node, seed, dep: [(node.args[0], b.scale(seed, b.eye(node.args[0].shape[0])))],
    "kron": _adj_kron,
    "vec": _adj_vec,
    "hadamard": lambda node, seed, dep: _live(
        [
            (node.args[0], b.entrywise("hadamard", seed, node.args[1])),
            (node.args[1], b.entrywise("hadamard", seed, node.args[0])),
        ],
        dep,
    ),
    "ediv": lambda node, seed, dep: (
        [(node.args[0], b.entrywise("ediv", seed, node.args[1]))]
        if not dep(node.args[1])
        else _raise("the direction appears in a divisor")
    ),
    "frob": lambda node, seed, dep: _live(
        [(node.args[0], b.scale(seed, node.args[1])), (node.args[1], b.scale(seed, node.args[0]))], dep
    ),
    "sum": lambda node, seed, dep: [(node.args[0], b.scale(seed, b.ones(node.args[0].shape)))],
    "diag": lambda node, seed, dep: [(node.args[0], b.call("diagm", seed))],
    "diagm": lambda node, seed, dep: [(node.args[0], b.call("diag", seed))],
}


def _raise(message: str):
    raise NoMatrixForm(message)


# -- Jacobian of vec (forward accumulation) ------------------------------------------------------


def jacobian(df: Node, direction: Node) -> Node:
    """J with ``vec(df) == J @ vec(dX)``; df is linear in the symbol ``direction``."""
    depends = _Depends(direction)
    length = direction.shape[0] * direction.shape[1]
    if not depends(df):
        return b.zeros((df.shape[0] * df.shape[1], length))
    return _forward(df, depends)


def _forward(node: Node, depends: _Depends) -> Node:
    if _is(node, depends.direction):
        return b.eye(node.shape[0] * node.shape[1])
    rule = FORWARD.get(node.op)
    if rule is None:
        raise NoMatrixForm(f"no identification rule gives a Jacobian through {node.op}")
    return rule(node, depends)


def _sum_of(parts: list[Node]) -> Node:
    total = parts[0]
    for part in parts[1:]:
        total = b.add(total, part)
    return total


def _fwd_linear_parts(node, depends, pairs):
    """Sum of ``left @ J(child)`` over the children that depend on the direction."""
    parts = [(left(child) if left else None, child) for child, left in pairs if depends(child)]
    return _sum_of(
        [_forward(child, depends) if m is None else b.matmul(m, _forward(child, depends)) for m, child in parts]
    )


def _fwd_matmul(node, depends):
    a, c = node.args
    return _fwd_linear_parts(
        node,
        depends,
        [
            (a, lambda x: b.kron(b.transpose(c), b.eye(a.shape[0]))),
            (c, lambda x: b.kron(b.eye(c.shape[1]), a)),
        ],
    )


def _fwd_mul(node, depends):
    a, c = node.args
    s, m = (a, c) if is_scalar(a.shape) else (c, a)
    parts = []
    if depends(m):
        parts.append(b.scale(s, _forward(m, depends)))
    if depends(s):
        parts.append(b.matmul(b.call("vec", m), _forward(s, depends)))
    return _sum_of(parts)


def _fwd_kron(node, depends):
    """vec(kron(A, B)) = (I(n) ⊗ K(q, m) ⊗ I(p)) (vec A ⊗ vec B) for A: m x n, B: p x q."""
    a, c = node.args
    (m, n), (p, q) = a.shape, c.shape
    shuffle = b.kron(b.kron(b.eye(n), b.commutation(q, m)), b.eye(p))
    parts = []
    if depends(a):
        parts.append(b.matmul(b.matmul(shuffle, b.kron(b.eye(m * n), b.call("vec", c))), _forward(a, depends)))
    if depends(c):
        parts.append(b.matmul(b.matmul(shuffle, b.kron(b.call("vec", a), b.eye(p * q))), _forward(c, depends)))
    return _sum_of(parts)


def _diagonal_selector(n) -> Node:
    """S with vec(diag(M)) == S @ vec(M): hadamard(kron(ones(n).T, I(n)), kron(I(n), ones(n).T))."""
    row = b.transpose(b.ones((n, ONE)))
    return b.entrywise("hadamard", b.kron(row, b.eye(n)), b.kron(b.eye(n), row))


FORWARD = {
    "add": lambda node, dep: _fwd_linear_parts(node, dep, [(node.args[0], None), (node.args[1], None)]),
    "sub": lambda node, dep: _sum_of(
        ([_forward(node.args[0], dep)] if dep(node.args[0]) else [])
        + ([b.neg(_forward(node.args[1], dep))] if dep(node.args[1]) else [])
    ),
    "neg": lambda node, dep: b.neg(_forward(node.args[0], dep)),
    "mul": _fwd_mul,
    "div": lambda node, dep: (
        b.div(_forward(node.args[0], dep), node.args[1])
        if not dep(node.args[1])
        else _raise("the direction appears in a divisor")
    ),
    "matmul": _fwd_matmul,
    "transpose": lambda node, dep: b.matmul(b.commutation(*node.args[0].shape), _forward(node.args[0], dep)),
    "tr": lambda node, dep: b.matmul(
        b.transpose(b.call("vec", b.eye(node.args[0].shape[0]))), _forward(node.args[0], dep)
    ),
    "vec": lambda node, dep: _forward(node.args[0], dep),
    "kron": _fwd_kron,
    "hadamard": lambda node, dep: _fwd_linear_parts(
        node,
        dep,
        [
            (node.args[0], lambda x: b.call("diagm", b.call("vec", node.args[1]))),
            (node.args[1], lambda x: b.call("diagm", b.call("vec", node.args[0]))),
        ],
    ),
    "ediv": lambda node, dep: (
        b.matmul(b.call("inv", b.call("diagm", b.call("vec", node.args[1]))), _forward(node.args[0], dep))
        if not dep(node.args[1])
        else _raise("the direction appears in a divisor")
    ),
    "frob": lambda node, dep: _fwd_linear_parts(
        node,
        dep,
        [
            (node.args[0], lambda x: b.transpose(b.call("vec", node.args[1]))),
            (node.args[1], lambda x: b.transpose(b.call("vec", node.args[0]))),
        ],
    ),
    "sum": lambda node, dep: b.matmul(
        b.transpose(b.ones((node.args[0].shape[0] * node.args[0].shape[1], ONE))), _forward(node.args[0], dep)
    ),
    "diag": lambda node, dep: b.matmul(_diagonal_selector(node.args[0].shape[0]), _forward(node.args[0], dep)),
    "diagm": lambda node, dep: b.matmul(
        b.transpose(_diagonal_selector(node.args[0].shape[0])), _forward(node.args[0], dep)
    ),
}
