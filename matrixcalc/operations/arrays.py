"""The numpy kernels of the records' numeric rules, on stacks of matrices (trailing two axes).

Every kernel the complex step goes through is complex-analytic: the inverse by
``np.linalg.inv``, the pseudo-inverse by its defining formula, the adjugate by cofactors. A point
where a value is undefined or untrustworthy raises ``Undefined`` or ``IllConditioned``, and the
numeric check draws another.
"""

from __future__ import annotations

import numpy as np

from .faults import IllConditioned, Undefined

MAX_CONDITION = 1e4
RANK_DEFICIENT = 1e12  # a Gram matrix this ill-conditioned is singular up to rounding
AXES = (-2, -1)


def positive(value: np.ndarray, what: str) -> np.ndarray:
    """The value itself when every real part is positive; else ``Undefined`` (``what`` of a non-positive number)."""
    if np.any(value.real <= 0):
        raise Undefined(f"{what} of a non-positive number")
    return value


def _ill_conditioned(a: np.ndarray, bound: float) -> bool:
    """Is the 2-norm condition number (largest over singular value smallest, as ``np.linalg.cond``)
    above ``bound`` for any matrix of the stack? One SVD call, without cond's checks around it."""
    s = np.linalg.svd(a, compute_uv=False)
    return bool(np.any(s[..., 0] > bound * s[..., -1]))


def inverse(a: np.ndarray) -> np.ndarray:
    """The inverse, refused near a singular matrix (the real part decides: a complex step is tiny)."""
    if _ill_conditioned(a.real, MAX_CONDITION):
        raise IllConditioned("inverse of a nearly singular matrix")
    return np.linalg.inv(a)


def inverse_complex(a: np.ndarray) -> np.ndarray:
    """The inverse of a genuinely complex matrix: its own condition number decides, not its real part's."""
    if _ill_conditioned(a, MAX_CONDITION):
        raise IllConditioned("inverse of a nearly singular matrix")
    return np.linalg.inv(a)


def adjugate(a: np.ndarray) -> np.ndarray:
    """The adjugate from cofactors: polynomial in the entries, defined (and analytic) even when singular."""
    n = a.shape[-1]
    keep = np.array([[k for k in range(n) if k != i] for i in range(n)], dtype=int).reshape(n, n - 1)
    minors = a[..., keep[:, None, :, None], keep[None, :, None, :]]  # batch + (i, j, n-1, n-1)
    signs = (-1.0) ** np.add.outer(np.arange(n), np.arange(n))
    return np.swapaxes(signs * np.linalg.det(minors), -1, -2)


def pseudo_inverse(a: np.ndarray) -> np.ndarray:
    """The pseudo-inverse of a full-rank matrix by its defining formula, not by the SVD.

    ``inv(A.T @ A) @ A.T`` when A is tall or square, ``A.T @ inv(A @ A.T)`` when wide: both are
    rational in the entries, so the complex step stays exact (``np.linalg.pinv`` is not analytic).
    """
    t = a.swapaxes(-1, -2)
    tall = a.shape[-2] >= a.shape[-1]
    gram = t @ a if tall else a @ t
    if _ill_conditioned(gram.real, RANK_DEFICIENT):
        raise Undefined("pseudo-inverse of a rank-deficient matrix")
    return inverse(gram) @ t if tall else t @ inverse(gram)


def kron(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The Kronecker product of two stacks of matrices."""
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    out = np.einsum("...ij,...kl->...ikjl", a, b)
    return out.reshape(batch + (a.shape[-2] * b.shape[-2], a.shape[-1] * b.shape[-1]))


def vec(a: np.ndarray) -> np.ndarray:
    """Column stacking of the last two axes."""
    swapped = a.swapaxes(-1, -2)
    return swapped.reshape(a.shape[:-2] + (a.shape[-2] * a.shape[-1], 1))


def total(a: np.ndarray) -> np.ndarray:
    """The sum of every entry, as a (..., 1, 1) scalar."""
    return a.sum(axis=AXES)[..., None, None]


def scalar_like(value: np.ndarray, rank: int) -> np.ndarray:
    """A (..., 1, 1) scalar reshaped to broadcast against a value of the given rank."""
    return value[..., 0, 0][(...,) + (None,) * rank]
