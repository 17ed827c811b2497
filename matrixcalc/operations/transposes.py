"""The transposes: A.T and A.H (the conjugate transpose, for complex matrices only).

The parser builds them from their syntax, so neither has a call form or a shape rule of its
own. ``.H`` is not complex-analytic, so it exists only in the complex evaluation and has no
NumPy code. The exact evaluators of ``matrixcalc.symbolic`` transpose by their own rules.
"""

from __future__ import annotations

import numpy as np

from ..language.cost import per_result_entry
from . import build as b
from .differentials import linear
from .identification import linear_gradient
from .record import Operation
from .registry import register

TRANSPOSE = register(
    Operation(
        name="transpose",
        arity=1,
        summary="A.T",
        shape=None,
        latex=None,
        latex_form="transposed",
        numeric=lambda node, a: a.swapaxes(-1, -2),
        differential=linear(b.transpose),
        numpy=lambda node, a: f"np.transpose({a})",
        cost=per_result_entry,
        call_form=False,
        foreign=("transpose",),
        written=".T",
        gradient_rule=linear_gradient(lambda node, seed: b.transpose(seed)),
        jacobian_rule=lambda node, forward, depends: b.matmul(
            b.commutation(*node.args[0].shape), forward(node.args[0])
        ),
    )
)

CTRANSPOSE = register(
    Operation(
        name="ctranspose",
        arity=1,
        summary="A.H, the conjugate transpose",
        shape=None,
        latex=None,
        latex_form="hermitian",
        numeric=None,
        numeric_complex=lambda node, a: np.conj(a.swapaxes(-1, -2)),
        differential=linear(b.ctranspose),
        numpy=None,
        cost=per_result_entry,
        call_form=False,
        complex_only=True,
    )
)
