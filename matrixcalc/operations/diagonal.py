"""diag(X) and diagm(x): the diagonal of a square matrix as a column, and the diagonal matrix of a vector.

Both are linear (``d diag(X) = diag(dX)``) and each is the other's adjoint; the exact evaluators of
``matrixcalc.symbolic`` pick and place entries by their own rules, so neither record has an exact
rule. A diagonal matrix is symmetric, which the simplifier uses.
"""

from __future__ import annotations

import numpy as np

from ..language.cost import per_result_entry
from . import build as b
from . import shapes
from .differentials import linear
from .identification import diagonal_selector, linear_gradient
from .record import Operation
from .registry import register

DIAG = register(
    Operation(
        name="diag",
        arity=1,
        summary="vector of the diagonal",
        shape=shapes.diag,
        latex="\\operatorname{diag}",
        numeric=lambda node, a: a.diagonal(axis1=-2, axis2=-1)[..., None],
        differential=linear(lambda x: b.call("diag", x)),
        numpy=lambda node, a: f"np.diag({a}).reshape(-1, 1)",
        cost=per_result_entry,
        foreign=("diagonal",),
        gradient_rule=linear_gradient(lambda node, seed: b.call("diagm", seed)),
        jacobian_rule=lambda node, forward, depends: b.matmul(
            diagonal_selector(node.args[0].shape[0]), forward(node.args[0])
        ),
    )
)

DIAGM = register(
    Operation(
        name="diagm",
        arity=1,
        summary="diagonal matrix from a vector",
        shape=shapes.diagm,
        latex="\\operatorname{Diag}",
        numeric=lambda node, a: a * np.eye(a.shape[-2]),
        differential=linear(lambda x: b.call("diagm", x)),
        numpy=lambda node, a: f"np.diag(np.ravel({a}))",
        cost=per_result_entry,
        symmetric=True,
        gradient_rule=linear_gradient(lambda node, seed: b.call("diag", seed)),
        jacobian_rule=lambda node, forward, depends: b.matmul(
            b.transpose(diagonal_selector(node.args[0].shape[0])), forward(node.args[0])
        ),
    )
)
