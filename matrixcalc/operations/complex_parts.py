"""conj(Z), real(Z), imag(Z) and abs(s): the conjugate, the real and imaginary parts, the modulus.

None of them is complex-analytic, so each exists only in the complex evaluation (``complex_only``:
genuine complex values, derivatives by real differences in Wirtinger's sense), never under the
complex step, and none has NumPy code (``--numpy`` writes real values). real, imag and abs are
real whatever their argument. The exact evaluators of ``matrixcalc.symbolic`` (Gaussian rationals)
compute them by their own rules, so no record has an exact rule.
"""

from __future__ import annotations

import numpy as np

from ..language.cost import per_result_entry
from . import build as b
from .differentials import linear
from .record import Operation
from .registry import register
from .shapes import entrywise, scalar_only


def _real(node, d, u):
    """d real(U) = (dU + conj(dU)) / 2: both Wirtinger parts, so that each can be read off."""
    du = d(u)
    return None if du is None else b.div(b.add(du, b.call("conj", du)), b.number(2))


def _abs(node, d, c):
    """d |c| = (conj(c) dc + c conj(dc)) / (2 |c|), from |c|² = c conj(c)."""
    dc = d(c)
    if dc is None:
        return None
    top = b.add(b.scale(b.call("conj", c), dc), b.scale(c, b.call("conj", dc)))
    return b.div(top, b.scale(b.number(2), node))


def _part(name, summary, shape, latex, latex_form, value, differential, real_valued):
    return register(
        Operation(
            name=name,
            arity=1,
            summary=summary,
            shape=shape(name),
            latex=latex,
            latex_form=latex_form,
            numeric=None,
            numeric_complex=lambda node, a: value(a),
            differential=differential,
            numpy=None,
            cost=per_result_entry,
            complex_only=True,
            real_valued=real_valued,
        )
    )


CONJ = _part(
    "conj", "complex conjugate, entrywise", entrywise, None, "bar", np.conj, linear(lambda x: b.call("conj", x)), False
)
REAL = _part("real", "real part, entrywise", entrywise, "\\operatorname{Re}", "call", np.real, _real, True)
# d imag(U) is read off as imag(dU): 1/(2i) has no form without i
IMAG = _part(
    "imag",
    "imaginary part, entrywise",
    entrywise,
    "\\operatorname{Im}",
    "call",
    np.imag,
    linear(lambda x: b.call("imag", x)),
    True,
)
ABS = _part("abs", "modulus |s| of a scalar", scalar_only, None, "modulus", np.abs, _abs, True)
