"""det(X) and logdet(X) of a square matrix: d det X = det X tr(X⁻¹ dX), d logdet X = tr(X⁻¹ dX).

Both cost a factorisation (n³) and raise the degree of the entries n-fold; the exact
evaluators compute them by their own elimination (``matrixcalc.symbolic``), so neither record
has an exact rule. logdet needs a positive determinant: a point where it is not is undefined.
"""

from __future__ import annotations

import numpy as np

from ..language.cost import cubic, times_side
from . import arrays
from . import build as b
from .record import Operation
from .registry import register
from .shapes import square_to_scalar


def _det(node, d, a):
    """d det(A) = det(A) tr(inv(A) @ dA)."""
    da = d(a)
    return None if da is None else b.scale(node, b.call("tr", b.matmul(b.call("inv", a), da)))


def _logdet(node, d, a):
    """d logdet(A) = tr(inv(A) @ dA)."""
    da = d(a)
    return None if da is None else b.call("tr", b.matmul(b.call("inv", a), da))


DET = register(
    Operation(
        name="det",
        arity=1,
        summary="determinant",
        shape=square_to_scalar("det"),
        latex="\\det",
        numeric=lambda node, a: np.linalg.det(a)[..., None, None],
        differential=_det,
        numpy=lambda node, a: f"np.linalg.det({a})",
        cost=cubic,
        degree=times_side,
        foreign=("det",),
    )
)

LOGDET = register(
    Operation(
        name="logdet",
        arity=1,
        summary="log of a positive determinant",
        shape=square_to_scalar("logdet"),
        latex="\\log\\det",
        numeric=lambda node, a: np.log(arrays.positive(np.linalg.det(a), "logdet"))[..., None, None],
        differential=_logdet,
        numpy=lambda node, a: f"np.linalg.slogdet({a})[1]",
        real_argument="logdet needs a real determinant > 0; for a complex or Hermitian matrix write log(abs(det(Z)))",
        cost=cubic,
        degree=times_side,
        foreign=("slogdet", "log_det", "logdeterminant"),
    )
)
