"""kron(A, B) and vec(X): the Kronecker product and column stacking, the algebra of vectorised derivatives.

Both are linear in each argument, so their differentials are the product rule and
``d vec(X) = vec(dX)``; the exact evaluators of ``matrixcalc.symbolic`` rearrange entries by their
own rules, so neither record has an exact rule.
"""

from __future__ import annotations

from ..language.cost import per_result_entry, sum_of_degrees
from ..language.dims import ONE, is_scalar
from ..language.tree import Node
from . import arrays, shapes
from . import build as b
from .differentials import bilinear, linear
from .identification import live, refuse
from .record import Operation
from .registry import register

_VEC_HELPER = """def _vec(a):
    return np.reshape(a, (-1, 1), order="F")
"""


def _gradient_kron(node, seed, depends):
    """frob(S, kron(A, dB)) = frob(S1, A) * frob(S2, dB) when the seed is kron(S1, S2) of matching shapes."""
    a, c = node.args
    vector_rule = _kron_with_vector(a, c, seed, depends)
    if vector_rule is not None:
        return vector_rule
    if seed.op == "transpose" and seed.args[0].op == "kron":
        inner = seed.args[0]
        seed = b.kron(b.transpose(inner.args[0]), b.transpose(inner.args[1]))
    if is_scalar(seed.shape) or seed.op == "mul" and seed.args[1].op == "eye":
        refuse("a gradient through a Kronecker product with an identity seed")
    if seed.op != "kron" or seed.args[0].shape != a.shape or seed.args[1].shape != c.shape:
        refuse("a gradient through a Kronecker product needs a Kronecker-structured seed")
    s1, s2 = seed.args
    return live([(a, b.scale(b.call("frob", s2, c), s1)), (c, b.scale(b.call("frob", s1, a), s2))], depends)


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


def _jacobian_kron(node, forward, depends):
    """vec(kron(A, B)) = (I(n) ⊗ K(q, m) ⊗ I(p)) (vec A ⊗ vec B) for A: m x n, B: p x q."""
    a, c = node.args
    (m, n), (p, q) = a.shape, c.shape
    shuffle = b.kron(b.kron(b.eye(n), b.commutation(q, m)), b.eye(p))
    parts = []
    if depends(a):
        parts.append(b.matmul(b.matmul(shuffle, b.kron(b.eye(m * n), b.call("vec", c))), forward(a)))
    if depends(c):
        parts.append(b.matmul(b.matmul(shuffle, b.kron(b.call("vec", a), b.eye(p * q))), forward(c)))
    return b.add_all(parts)


def _gradient_vec(node, seed, depends):
    """The seed of vec(M) is a column; M's is that column unstacked, when the language can write it."""
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
    refuse("the gradient through vec(...) has no matrix form here (no inverse of vec in the language)")


KRON = register(
    Operation(
        name="kron",
        arity=2,
        summary="Kronecker product",
        shape=shapes.kron,
        latex="\\otimes",
        latex_form="circ",
        latex_associative=True,
        numeric=lambda node, a, c: arrays.kron(a, c),
        differential=bilinear(b.kron),
        numpy=lambda node, a, c: f"np.kron({a}, {c})",
        cost=per_result_entry,
        degree=sum_of_degrees,
        foreign=("kronecker",),
        symmetric_if_argument=True,
        gradient_rule=_gradient_kron,
        jacobian_rule=_jacobian_kron,
    )
)

VEC = register(
    Operation(
        name="vec",
        arity=1,
        summary="column stacking",
        shape=shapes.vec,
        latex="\\operatorname{vec}",
        numeric=lambda node, a: arrays.vec(a),
        differential=linear(lambda x: b.call("vec", x)),
        numpy=lambda node, a: f"_vec({a})",
        numpy_helpers=(_VEC_HELPER,),
        cost=per_result_entry,
        foreign=("vecm",),
        gradient_rule=_gradient_vec,
        jacobian_rule=lambda node, forward, depends: forward(node.args[0]),
    )
)
