"""Reverse mode through the inverse by whole rows: Gauss–Jordan elimination recorded one column at
a time, and its adjoint read backwards, each step vectorised over the rows.

The scalar tape (``jets.Taped``) records every product and difference of the elimination, about
2n³ values for n x n, and sweeps them one by one in Python. Each column's step is only three
scalar operations applied to whole rows — the pivot's reciprocal ``r = 1/p``, the scaled pivot row
``R = M[col] r``, and the updates ``M[k] - f_k R`` with ``f_k = M[k, col]`` — so its adjoint is the
scalar chain rule of those three, summed entry by entry by numpy's loops over the field's
elements: ``R̄ = Ḡ[col] - Σ_k f_k Ḡ[k]``, ``f̄_k = -Ḡ[k]·R``, ``M̄[col] = R̄ r`` and
``p̄ = -(R̄·R) r``. Never a matrix-calculus rule: the derivative is that of the algorithm, exactly
what the scalar tape would sum. Used at exact points for plain rationals (``stacked.plain``), so
the products of rows go to python-flint's ``fmpq_mat``: the numerators grow with every column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from flint import fmpq_mat

from .jets import Undefined
from .stacked import array


def _flint(m: np.ndarray) -> fmpq_mat:
    return fmpq_mat(m.shape[0], m.shape[1], list(m.flat))


@dataclass(frozen=True)
class Step:
    """One column of the elimination: the pivot row swapped in, the pivot, its reciprocal, the
    multipliers ``f`` (zero at the pivot's row) and the scaled pivot row ``R``."""

    col: int
    pivot: int
    r: object
    f: np.ndarray
    row: np.ndarray


def inverse(a: np.ndarray, zero, one) -> tuple[np.ndarray, list[Step]]:
    """inv(a) by Gauss–Jordan on ``[a | I]`` with pivots of nonzero value, and the steps taken.

    Raises Undefined where a column has no nonzero pivot (the matrix is singular at the point).
    """
    n = a.shape[0]
    m = np.empty((n, 2 * n), dtype=object)
    m[:, :n] = a
    m[:, n:] = zero
    for i in range(n):
        m[i, n + i] = one
    steps = []
    for col in range(n):
        pivot = next((i for i in range(col, n) if m[i, col] != 0), None)
        if pivot is None:
            raise Undefined("singular matrix")
        if pivot != col:
            m[[col, pivot]] = m[[pivot, col]]
        r = one / m[col, col]
        row = m[col] * r
        f = m[:, col].copy()
        f[col] = zero
        m = array((_flint(m) - fmpq_mat(n, 1, f) * fmpq_mat(1, 2 * n, row)).entries(), m.shape)
        m[col] = row
        steps.append(Step(col, pivot, r, f, row))
    return m[:, n:], steps


def inverse_adjoint(steps: list[Step], g: np.ndarray, zero) -> np.ndarray:
    """The adjoint of the inverted matrix, given ``g``, the adjoint of its inverse."""
    n = g.shape[0]
    adjoint = np.empty((n, 2 * n), dtype=object)
    adjoint[:, :n] = zero  # the identity on the right is a constant: its adjoint is not needed
    adjoint[:, n:] = g
    for step in reversed(steps):
        col = step.col
        into_row = adjoint[col].copy()
        adjoint[col] = zero
        rest = _flint(adjoint)
        # R's adjoint: its own row, and every update M[k] - f_k R; then each multiplier f_k = M[k, col]
        row_bar = into_row - array((fmpq_mat(1, n, step.f) * rest).entries(), (2 * n,))
        f_bar = -array((rest * fmpq_mat(2 * n, 1, step.row)).entries(), (n,))
        f_bar[col] = zero
        adjoint[:, col] = adjoint[:, col] + f_bar
        adjoint[col] = row_bar * step.r  # R = M[col] r
        p_bar = -(fmpq_mat(1, 2 * n, row_bar) * fmpq_mat(2 * n, 1, step.row))[0, 0] * step.r  # r = 1/p
        adjoint[col, col] = adjoint[col, col] + p_bar  # p = M[col, col]
        if step.pivot != col:
            adjoint[[col, step.pivot]] = adjoint[[step.pivot, col]]
    return adjoint[:, :n]
