"""The entrywise products and the Frobenius pairing: hadamard(A, B), A / B (ediv), frob(A, B), norm(X).

``hadamard`` (also written ``A * B``) and ``frob`` (``A : B = tr(A.T @ B)``) are bilinear, so
their differential is the product rule; ``ediv`` is the entrywise quotient the parser builds
from ``A / B`` of two arrays of one shape (it has no call form); ``norm`` is the Frobenius
norm ``sqrt(A : A)``. The exact evaluators of ``matrixcalc.symbolic`` compute them entry by
entry by their own rules, so no record has an exact rule.
"""

from __future__ import annotations

import numpy as np

from ..language.cost import per_result_entry, sum_of_degrees
from . import arrays
from . import build as b
from .differentials import bilinear, minus
from .identification import linear_parts, live, refuse
from .record import Operation
from .registry import register
from .shapes import same_shape, to_scalar


def _ediv(node, d, a, c):
    """d(A / B) = dA / B - A * dB / (B * B)."""
    da, dc = d(a), d(c)
    first = None if da is None else b.entrywise("ediv", da, c)
    if dc is None:
        return first
    return minus(first, b.entrywise("ediv", b.entrywise("hadamard", a, dc), b.entrywise("hadamard", c, c)))


def _norm(node, d, a):
    """d norm(A) = frob(A, dA) / norm(A)."""
    da = d(a)
    return None if da is None else b.div(b.call("frob", a, da), node)


HADAMARD = register(
    Operation(
        name="hadamard",
        arity=2,
        summary="elementwise product (also written A * B for two arrays of the same shape)",
        shape=same_shape("hadamard", False),
        latex="\\circ",
        latex_form="circ",
        latex_associative=True,
        numeric=lambda node, a, c: a * c,
        differential=bilinear(lambda x, y: b.entrywise("hadamard", x, y)),
        numpy=lambda node, a, c: f"({a} * {c})",
        cost=per_result_entry,
        degree=sum_of_degrees,
        foreign=("hadamard",),
        symmetric_if_argument=True,
        gradient_rule=lambda node, seed, depends: live(
            [
                (node.args[0], b.entrywise("hadamard", seed, node.args[1])),
                (node.args[1], b.entrywise("hadamard", seed, node.args[0])),
            ],
            depends,
        ),
        jacobian_rule=lambda node, forward, depends: linear_parts(
            forward,
            depends,
            [
                (node.args[0], lambda x: b.call("diagm", b.call("vec", node.args[1]))),
                (node.args[1], lambda x: b.call("diagm", b.call("vec", node.args[0]))),
            ],
        ),
    )
)

EDIV = register(
    Operation(
        name="ediv",
        arity=2,
        summary="A / B, entrywise quotient of two arrays of the same shape",
        shape=same_shape("ediv", False),
        latex="\\oslash",
        latex_form="circ",
        numeric=lambda node, a, c: a / c,
        differential=_ediv,
        numpy=lambda node, a, c: f"({a} / {c})",
        cost=per_result_entry,
        call_form=False,
        gradient_rule=lambda node, seed, depends: (
            [(node.args[0], b.entrywise("ediv", seed, node.args[1]))]
            if not depends(node.args[1])
            else refuse("the direction appears in a divisor")
        ),
        jacobian_rule=lambda node, forward, depends: (
            b.matmul(b.call("inv", b.call("diagm", b.call("vec", node.args[1]))), forward(node.args[0]))
            if not depends(node.args[1])
            else refuse("the direction appears in a divisor")
        ),
    )
)

FROB = register(
    Operation(
        name="frob",
        arity=2,
        summary="A : B = tr(A.T @ B)",
        shape=same_shape("frob", True),
        latex=":",
        latex_form="colon",
        numeric=lambda node, a, c: arrays.total(a * c),
        differential=bilinear(lambda x, y: b.call("frob", x, y)),
        numpy=lambda node, a, c: f"np.sum({a} * {c})",
        degree=sum_of_degrees,
        gradient_rule=lambda node, seed, depends: live(
            [(node.args[0], b.scale(seed, node.args[1])), (node.args[1], b.scale(seed, node.args[0]))], depends
        ),
        jacobian_rule=lambda node, forward, depends: linear_parts(
            forward,
            depends,
            [
                (node.args[0], lambda x: b.transpose(b.call("vec", node.args[1]))),
                (node.args[1], lambda x: b.transpose(b.call("vec", node.args[0]))),
            ],
        ),
    )
)

NORM = register(
    Operation(
        name="norm",
        arity=1,
        summary="Frobenius norm",
        shape=to_scalar("norm"),
        latex=None,
        latex_form="bars",
        numeric=lambda node, a: np.sqrt(arrays.positive(arrays.total(a * a), "the norm")),
        differential=_norm,
        numpy=lambda node, a: f"np.sqrt(np.sum({a} * {a}))",
        real_argument="norm of a complex array is not supported yet; write sqrt(real(tr(Z.H @ Z)))",
        degree=lambda node, sizes, degrees: 2 * degrees[0],
        foreign=("norm", "fro"),
    )
)
