"""tr(X) and sum(X): the two linear functionals to a scalar, the trace and the sum of every entry.

Both are linear, so their differential is the operation applied to the differential; neither
needs an exact rule (the exact evaluators of ``matrixcalc.symbolic`` sum entries themselves).
"""

from __future__ import annotations

from ..language.dims import ONE
from . import arrays
from . import build as b
from .differentials import linear
from .identification import linear_gradient
from .record import Operation
from .registry import register
from .shapes import square_to_scalar, to_scalar

TR = register(
    Operation(
        name="tr",
        arity=1,
        summary="trace",
        shape=square_to_scalar("tr"),
        latex="\\operatorname{tr}",
        numeric=lambda node, a: a.trace(axis1=-2, axis2=-1)[..., None, None],
        differential=linear(lambda x: b.call("tr", x)),
        numpy=lambda node, a: f"np.trace({a})",
        foreign=("trace", "Tr"),
        gradient_rule=linear_gradient(lambda node, seed: b.scale(seed, b.eye(node.args[0].shape[0]))),
        jacobian_rule=lambda node, forward, depends: b.matmul(
            b.transpose(b.call("vec", b.eye(node.args[0].shape[0]))), forward(node.args[0])
        ),
    )
)

SUM = register(
    Operation(
        name="sum",
        arity=1,
        summary="sum of entries",
        shape=to_scalar("sum"),
        latex="\\operatorname{sum}",
        numeric=lambda node, a: arrays.total(a),
        differential=linear(lambda x: b.call("sum", x)),
        numpy=lambda node, a: f"np.sum({a})",
        gradient_rule=linear_gradient(lambda node, seed: b.scale(seed, b.ones(node.args[0].shape))),
        jacobian_rule=lambda node, forward, depends: b.matmul(
            b.transpose(b.ones((node.args[0].shape[0] * node.args[0].shape[1], ONE))), forward(node.args[0])
        ),
    )
)
