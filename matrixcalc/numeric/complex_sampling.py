"""Random complex values for complex symbols, generic and well conditioned like the real ones.

A general matrix is ``U diag(s) Vᴴ`` with random unitary U, V and singular values in [0.5, 2];
a Hermitian one ``U diag(±s) Uᴴ``; a complex symmetric one (Zᵀ = Z) ``U diag(s) Uᵀ`` (Takagi's
form); a diagonal one has entries of modulus in [0.5, 2] and random phase. Never real, never
Hermitian unless declared, so a missing conjugate cannot hide.
"""

from __future__ import annotations

import numpy as np


def _unitary(rng: np.random.Generator, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n)))
    d = np.diag(r)
    return q * (d / np.abs(d))


def _moduli(rng: np.random.Generator, k: int) -> np.ndarray:
    return rng.uniform(0.5, 2.0, k)


def _phases(rng: np.random.Generator, k: int) -> np.ndarray:
    return np.exp(1j * rng.uniform(0.0, 2 * np.pi, k))


def sample_complex_matrix(rng: np.random.Generator, shape: tuple[int, int], assumptions: frozenset[str]) -> np.ndarray:
    """One random complex matrix of the given shape satisfying the assumptions."""
    r, c = shape
    if "hermitian" in assumptions:
        signed = _moduli(rng, r) * rng.choice([-1.0, 1.0], r)
        if "diagonal" in assumptions:
            return np.diag(signed).astype(complex)
        u = _unitary(rng, r)
        return u @ np.diag(signed) @ u.conj().T
    if "diagonal" in assumptions:
        return np.diag(_moduli(rng, r) * _phases(rng, r))
    if "symmetric" in assumptions:
        u = _unitary(rng, r)
        return u @ np.diag(_moduli(rng, r)) @ u.T
    if (r, c) == (1, 1):
        return (_moduli(rng, 1) * _phases(rng, 1)).reshape(1, 1)
    k = min(r, c)
    u = _unitary(rng, r)[:, :k]
    v = _unitary(rng, c)[:, :k]
    return u @ np.diag(_moduli(rng, k)) @ v.conj().T
