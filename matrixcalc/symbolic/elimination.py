"""Gauss–Jordan elimination on whole rows: the one routine behind every exact det, inv and adj.

The entries are any exact scalars with ``+ - *`` and a reciprocal (rationals, Gaussian rationals,
rational functions, jets, taped values for reverse mode, python-flint polynomials); a pivot is an
entry whose value (``jets.base``) is nonzero, so a jet or a taped value is never divided by an
infinitesimal. Each column is three scalar operations on whole rows — the pivot's reciprocal
``r = 1/p``, the scaled pivot row ``R = M[col] r`` and the updates ``M[k] - f_k R`` — vectorised
by numpy over the rows, and only over the columns still in play.

Two variants of the same loop:

- with derivatives (``da``, one array per infinitesimal, shape ``(k, n, n)``), the product and
  quotient rules carry them through each of the three operations: scalar calculus, never a
  matrix rule, which is what is under test;
- fraction-free (Bareiss), for polynomial rings: ``M[k] = (p M[k] - f_k M[col]) / prev`` divides
  exactly by the previous pivot, so every entry stays a polynomial (a minor of ``[A | I]``) with no
  fraction to reduce. The last pivot is ±det, and the right half of ``[A | I]`` becomes ±adj(A).

The steps (pivot row, ``r``, multipliers ``f``, ``R``) can be recorded, so reverse mode reads the
same elimination backwards (``row_adjoint``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .jets import Undefined, base


@dataclass(frozen=True)
class Step:
    """One column of a recorded elimination: the row swapped in as pivot row, the pivot's
    reciprocal, the multipliers ``f`` (zero at the pivot's row) and the scaled pivot row ``R``."""

    col: int
    pivot: int
    r: object
    f: np.ndarray
    row: np.ndarray


@dataclass(frozen=True)
class Eliminated:
    """det (and its derivatives ``ddet``, shape ``(k,)``), the inverse (and its derivatives) when asked
    for, or in the fraction-free variant the adjugate; the steps when recorded."""

    det: object
    ddet: np.ndarray | None = None
    inverse: np.ndarray | None = None
    dinverse: np.ndarray | None = None
    steps: tuple[Step, ...] = ()


def _nonzero(x) -> bool:
    return base(x) != 0


def _multiply_outer(f: np.ndarray, row: np.ndarray) -> np.ndarray:
    return f[:, None] * row[None, :]


def _filled(shape: tuple[int, ...], x) -> np.ndarray:
    """An object array of ``x`` (filled, so a polynomial, which numpy takes for a sequence, is one entry)."""
    out = np.empty(shape, dtype=object)
    out.fill(x)
    return out


def _pivot(m: np.ndarray, col: int, n: int) -> int | None:
    return next((r for r in range(col, n) if _nonzero(m[r, col])), None)


def _augmented(a: np.ndarray, zero, one, inverse: bool) -> np.ndarray:
    """``[a | I]`` for an inverse, else a copy of ``a``."""
    n = a.shape[0]
    if not inverse:
        return a.copy()
    m = _filled((n, 2 * n), zero)
    m[:, :n] = a
    for i in range(n):
        m[i, n + i] = one
    return m


def eliminate(
    a: np.ndarray,
    zero,
    one,
    *,
    inverse: bool = False,
    da: np.ndarray | None = None,
    reciprocal: Callable | None = None,
    outer: Callable = _multiply_outer,
    record: bool = False,
) -> Eliminated:
    """det of the square object array ``a`` (and inv(a) with ``inverse``) over a field.

    ``da``: the derivatives of ``a``, carried along. ``reciprocal`` (default ``one / p``) and
    ``outer`` (``f`` times ``R``, default numpy's loop) let a caller compute those two its own way.
    Raises Undefined where a column has no pivot: the matrix is singular at the point.
    """
    n = a.shape[0]
    invert = reciprocal or (lambda p: one / p)
    m = _augmented(a, zero, one, inverse)
    dm = None
    if da is not None:
        k = da.shape[0]
        dm = np.concatenate([da, _filled((k, n, n), zero)], axis=2) if inverse else da.copy()
    det, ddet = one, None if dm is None else _filled((dm.shape[0],), zero)
    steps, reach, order = [], 0, np.arange(m.shape[1])
    for col in range(n):
        pivot = _pivot(m, col, n)
        if pivot is None:
            raise Undefined("singular matrix")
        reach = max(reach, pivot)  # I's columns that are not zero yet: a swapped-in row brings its own
        if pivot != col:
            m[[col, pivot]] = m[[pivot, col]]
            det = -det
            if dm is not None:
                dm[:, [col, pivot]] = dm[:, [pivot, col]]
                ddet = -ddet
        p = m[col, col]
        if dm is not None:
            dp = dm[:, col, col].copy()
            ddet = ddet * p + dp * det
        det = det * p
        live = np.concatenate((order[col + 1 : n], order[n : n + reach + 1])) if inverse else order[col + 1 : n]
        rows = np.concatenate((order[:col], order[col + 1 : n])) if inverse else order[col + 1 : n]
        r = invert(p)
        row = m[col, live] * r
        if dm is not None:
            dr = dp * (-(r * r))
            drow = dm[:, col][:, live] * r + m[col, live][None, :] * dr[:, None]
        f = m[rows, col]
        if record:
            steps.append(_step(col, pivot, r, m[:, col], row, live, zero, one))
        if len(rows) and len(live):
            block = (rows[:, None], live)
            m[block] = m[block] - outer(f, row)
            if dm is not None:
                df = dm[:, rows, col]
                update = df[:, :, None] * row[None, None, :] + drow[:, None, :] * f[None, :, None]
                dm[(slice(None),) + block] = dm[(slice(None),) + block] - update
        m[col, live] = row
        if dm is not None:
            dm[:, col, live] = drow
    if not inverse:
        return Eliminated(det, ddet, steps=tuple(steps))
    return Eliminated(det, ddet, m[:, n:], None if dm is None else dm[:, :, n:], tuple(steps))


def _step(col, pivot, r, column, row, live, zero, one) -> Step:
    """The step with its multipliers (the pivot's column, zero at the pivot's row) and its pivot row
    at full length, as reverse mode reads them."""
    f = column.copy()
    f[col] = zero
    full_row = _filled((2 * len(column),), zero)
    full_row[live] = row
    full_row[col] = one
    return Step(col, pivot, r, f, full_row)


def fraction_free(a: np.ndarray, *, adjugate: bool = False) -> Eliminated:
    """det of a square object array over a polynomial ring (exact divisions), and with ``adjugate``
    adj(a) in ``inverse`` — None when ``a`` is singular (adj then needs cofactors).

    A column without a nonzero pivot makes det zero.
    """
    n = a.shape[0]
    zero = a[0, 0] - a[0, 0]
    m = _augmented(a, zero, zero + 1, adjugate)
    negated, previous, order = False, None, np.arange(m.shape[1])
    for col in range(n):
        pivot = _pivot(m, col, n)
        if pivot is None:
            return Eliminated(zero)
        if pivot != col:
            m[[col, pivot]] = m[[pivot, col]]
            negated = not negated
        p = m[col, col]
        live = np.concatenate((order[col + 1 : n], order[n:])) if adjugate else order[col + 1 : n]
        rows = np.concatenate((order[:col], order[col + 1 : n])) if adjugate else order[col + 1 : n]
        if len(rows) and len(live):
            block = (rows[:, None], live)
            updated = m[block] * _filled((), p) - _multiply_outer(m[rows, col], m[col, live])
            m[block] = updated if previous is None else updated / _filled((), previous)
        previous = p
    det = -previous if negated else previous
    if not adjugate:
        return Eliminated(det)
    return Eliminated(det, inverse=-m[:, n:] if negated else m[:, n:])
