"""inv(X), adj(X) and pinv(X): the inverse, the adjugate and the pseudo-inverse of a full-rank matrix.

Each numeric value is a rational function of the entries (``arrays``: the pseudo-inverse by
its defining formula, the adjugate by cofactors), so the complex step stays exact; the exact
evaluators of ``matrixcalc.symbolic`` invert by their own elimination, so no record has an
exact rule. The inverse of a symmetric matrix is symmetric, and so is its adjugate.
"""

from __future__ import annotations

from ..language.cost import cubic, side, times_side
from ..language.dims import concrete
from . import arrays
from . import build as b
from .record import Operation
from .registry import register
from .shapes import pinv, square


def _inv(node, d, a):
    """d inv(A) = -inv(A) @ dA @ inv(A)."""
    da = d(a)
    if da is None:
        return None
    return b.neg(b.matmul(b.matmul(node, da), node))


def _adj(node, d, a):
    """d adj(A) = tr(adj(A) @ dA) inv(A) - adj(A) @ dA @ inv(A) (adj(A) = det(A) inv(A))."""
    da = d(a)
    if da is None:
        return None
    inverse = b.call("inv", a)
    return b.sub(b.scale(b.call("tr", b.matmul(node, da)), inverse), b.matmul(b.matmul(node, da), inverse))


def _pinv(node, d, a):
    """d A⁺ = -A⁺ dA A⁺ + A⁺ A⁺ᵀ dAᵀ (I - A A⁺) + (I - A⁺ A) dAᵀ A⁺ᵀ A⁺ (full rank; Golub & Pereyra)."""
    da = d(a)
    if da is None:
        return None
    p, pt, dat = node, b.transpose(node), b.transpose(da)
    left = b.sub(b.eye(a.shape[0]), b.matmul(a, p))
    right = b.sub(b.eye(a.shape[1]), b.matmul(p, a))
    first = b.neg(b.matmul(b.matmul(p, da), p))
    second = b.matmul(b.matmul(b.matmul(p, pt), dat), left)
    third = b.matmul(b.matmul(b.matmul(right, dat), pt), p)
    return b.add(b.add(first, second), third)


def _longest_side(node, sizes) -> int:
    return max(concrete(node.args[0].shape, sizes))


INV = register(
    Operation(
        name="inv",
        arity=1,
        summary="inverse",
        shape=square("inv"),
        latex="{-1}",
        latex_form="script",
        numeric=lambda node, a: arrays.inverse(a),
        numeric_complex=lambda node, a: arrays.inverse_complex(a),
        differential=_inv,
        numpy=lambda node, a: f"np.linalg.inv({a})",
        cost=cubic,
        degree=times_side,
        foreign=("inv", "inverse"),
        symmetric_if_argument=True,
    )
)

ADJ = register(
    Operation(
        name="adj",
        arity=1,
        summary="adjugate (transposed cofactor matrix), adj(A) @ A == det(A) * I",
        shape=square("adj"),
        latex="\\operatorname{adj}",
        numeric=lambda node, a: arrays.adjugate(a),
        differential=_adj,
        numpy=lambda node, a: f"(np.linalg.det({a}) * np.linalg.inv({a}))",
        cost=lambda node, sizes: side(node, sizes) ** 4,
        degree=times_side,
        symmetric_if_argument=True,
    )
)

PINV = register(
    Operation(
        name="pinv",
        arity=1,
        summary="pseudo-inverse of a full-rank matrix: inv(A.T @ A) @ A.T if tall, A.T @ inv(A @ A.T) if wide",
        shape=pinv,
        latex="{+}",
        latex_form="script",
        numeric=lambda node, a: arrays.pseudo_inverse(a),
        differential=_pinv,
        numpy=lambda node, a: f"np.linalg.pinv({a})",
        real_argument="pinv of a complex matrix is not supported yet",
        cost=lambda node, sizes: _longest_side(node, sizes) ** 3,
        degree=lambda node, sizes, degrees: 2 * _longest_side(node, sizes) * degrees[0],
    )
)
