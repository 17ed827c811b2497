"""Reverse mode through the inverse by whole rows: the Gauss–Jordan elimination of a matrix of plain
rationals (``elimination``, its steps recorded), and its adjoint read backwards, each step
vectorised over the rows.

The scalar tape (``jets.Taped``) records every product and difference of the elimination, about
2n³ values for n x n, and sweeps them one by one in Python. Each column's step is only three
scalar operations applied to whole rows — the pivot's reciprocal ``r = 1/p``, the scaled pivot row
``R = M[col] r``, and the updates ``M[k] - f_k R`` with ``f_k = M[k, col]`` — so its adjoint is the
scalar chain rule of those three, summed entry by entry: ``R̄ = Ḡ[col] - Σ_k f_k Ḡ[k]``,
``f̄_k = -Ḡ[k]·R``, ``M̄[col] = R̄ r`` and ``p̄ = -(R̄·R) r``. Never a matrix-calculus rule: the
derivative is that of the algorithm, exactly what the scalar tape would sum.

The elimination's own numbers are plain rationals whose numerators grow with every column, so
products of rows go to python-flint's ``fmpq_mat``; an adjoint may hold atoms from the rest of the
expression (``exp(a.T @ inv(X) @ b)``), and then numpy's loop over objects multiplies it.
det and logdet stay on the scalar tape: forward elimination alone is n³/3 products, and measured,
the rows were slower there (0.37 against 0.25 ms for an exact point of ``d(det(X), X)`` at n = 4).
"""

from __future__ import annotations

import numpy as np

from . import elimination
from .elimination import Eliminated
from .stacked_values import plain, rational_product


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ b for 2-D arrays: in python-flint for plain rationals (at any size: the elimination's
    numerators grow with every column), else by numpy over the objects."""
    return rational_product(a, b) if plain(a) and plain(b) else np.matmul(a, b)


def _outer(f: np.ndarray, row: np.ndarray) -> np.ndarray:
    """The multipliers times the pivot row, in python-flint for plain rationals."""
    return _product(f[:, None], row[None, :])


def eliminate(a: np.ndarray, zero, one) -> Eliminated:
    """Gauss–Jordan on ``[a | I]`` (the one ``elimination``), its steps recorded for the adjoint.

    Raises Undefined where a column has no nonzero pivot (the matrix is singular at the point).
    """
    return elimination.eliminate(a, zero, one, inverse=True, outer=_outer, record=True)


def adjoint(eliminated: Eliminated, inverse_bar: np.ndarray, zero) -> np.ndarray:
    """The adjoint of the inverted matrix, given ``inverse_bar``, the adjoint of its inverse."""
    n = len(eliminated.steps)
    bar = np.empty((n, 2 * n), dtype=object)
    bar[:, :n] = zero  # the identity on the right is a constant: its adjoint is not needed
    bar[:, n:] = inverse_bar
    for step in reversed(eliminated.steps):
        col = step.col
        into_row = bar[col].copy()
        bar[col] = zero
        # R's adjoint: its own row, and every update M[k] - f_k R; then each multiplier f_k = M[k, col]
        row_bar = into_row - _product(step.f[None, :], bar)[0]
        f_bar = -_product(bar, step.row[:, None])[:, 0]
        f_bar[col] = zero
        bar[:, col] = bar[:, col] + f_bar
        bar[col] = row_bar * step.r  # R = M[col] r
        p_bar = -_product(row_bar[None, :], step.row[:, None])[0, 0] * step.r  # r = 1/p, p = M[col, col]
        bar[col, col] = bar[col, col] + p_bar
        if step.pivot != col:
            bar[[col, step.pivot]] = bar[[step.pivot, col]]
    return bar[:, :n]
