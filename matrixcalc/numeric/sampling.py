"""Random values that honour the declared assumptions and keep every inverse well conditioned.

Matrices are ``U diag(s) V^T`` with singular values in [0.5, 2]: generic (never symmetric,
orthogonal or diagonal unless declared) yet safely invertible. SPD is never used for an
undeclared matrix, because it would hide a missing transpose.
"""

from __future__ import annotations

import numpy as np

from ..language import Identity, concrete
from .complex_sampling import sample_complex_matrix


def _orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def _spread(rng: np.random.Generator, k: int, signed: bool) -> np.ndarray:
    values = rng.uniform(0.5, 2.0, k)
    return values * rng.choice([-1.0, 1.0], k) if signed else values


def sample_matrix(rng: np.random.Generator, shape: tuple[int, int], assumptions: frozenset[str]) -> np.ndarray:
    """One random matrix of the given shape satisfying the assumptions."""
    r, c = shape
    if (r, c) == (1, 1) and not assumptions:
        return _spread(rng, 1, signed=True).reshape(1, 1)
    positive = "spd" in assumptions
    if "orthogonal" in assumptions:
        if "diagonal" in assumptions:
            return np.diag(rng.choice([-1.0, 1.0], r))
        q = _orthogonal(rng, r)
        if "symmetric" in assumptions:
            return q @ np.diag(rng.choice([-1.0, 1.0], r)) @ q.T
        return q
    if "diagonal" in assumptions:
        return np.diag(_spread(rng, r, signed=not positive))
    if "symmetric" in assumptions:
        q = _orthogonal(rng, r)
        return q @ np.diag(_spread(rng, r, signed=not positive)) @ q.T
    k = min(r, c)
    u = _orthogonal(rng, r)[:, :k]
    v = _orthogonal(rng, c)[:, :k]
    return u @ np.diag(_spread(rng, k, signed=False)) @ v.T


def under_logdet(identity: Identity) -> set[str]:
    """Symbols that stand directly under logdet: drawn with a positive determinant."""
    return {
        node.args[0].value
        for side in identity.sides
        for node in side.walk()
        if node.op == "logdet" and node.args[0].op == "symbol"
    }


def sample(identity: Identity, sizes: dict[str, int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Values for every declared symbol at one size assignment."""
    positive_det = under_logdet(identity)
    values = {}
    for name, decl in identity.declarations.items():
        if decl.complex:
            values[name] = sample_complex_matrix(rng, concrete(decl.shape, sizes), decl.assumptions)
            continue
        value = sample_matrix(rng, concrete(decl.shape, sizes), decl.assumptions)
        if name in positive_det and np.linalg.det(value) < 0:
            if "symmetric" in decl.assumptions or "diagonal" in decl.assumptions:
                value = -value if value.shape[0] % 2 else value
            else:
                value[0] = -value[0]
        values[name] = value
    return values
