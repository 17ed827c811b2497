"""kron(A, B) and vec(X): the Kronecker product and column stacking, the algebra of vectorised derivatives.

Both are linear in each argument, so their differentials are the product rule and
``d vec(X) = vec(dX)``; the exact evaluators of ``matrixcalc.symbolic`` rearrange entries by their
own rules, so neither record has an exact rule.
"""

from __future__ import annotations

from ..language.cost import per_result_entry, sum_of_degrees
from . import arrays, shapes
from . import build as b
from .differentials import bilinear, linear
from .record import Operation
from .registry import register

_VEC_HELPER = """def _vec(a):
    return np.reshape(a, (-1, 1), order="F")
"""

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
    )
)
