"""Random values that honour the declared assumptions and keep every inverse well conditioned.

Matrices are ``U diag(s) V^T`` with singular values in [0.5, 2]: generic (never symmetric,
orthogonal or diagonal unless declared) yet safely invertible. SPD is never used for an
undeclared matrix, because it would hide a missing transpose.
"""

from __future__ import annotations

import numpy as np

from ..language import Identity, concrete
from .complex_sampling import sample_complex_matrix


def _orthogonal(rng: np.random.Generator, n: int, count: int) -> np.ndarray:
    """``count`` random orthogonal n x n matrices (Haar), from one batched QR."""
    q, r = np.linalg.qr(rng.standard_normal((count, n, n)))
    return q * np.sign(r.diagonal(axis1=-2, axis2=-1))[..., None, :]


def _orthogonal_sizes(rng: np.random.Generator, needs: dict[int, int]) -> dict[int, np.ndarray]:
    """``needs[n]`` random orthogonal n x n matrices for every n, from one batched QR of them all.

    Each n x n Gaussian sits in the top-left corner of an N x N identity (N the largest n). The
    Householder QR of such a matrix leaves the identity's rows and columns alone (their reflectors
    are trivial), so its corner is exactly the QR of the Gaussian alone: the same draws, in the
    same order, as one ``_orthogonal`` call per size, for one call to numpy's QR instead of one
    per size (each costs tens of microseconds in numpy's own Python before any arithmetic).
    """
    if not needs:
        return {}
    largest = max(needs)
    stack = np.empty((sum(needs.values()), largest, largest))
    stack[:] = np.eye(largest)
    corners, start = {}, 0
    for n, k in needs.items():
        stack[start : start + k, :n, :n] = rng.standard_normal((k, n, n))
        corners[n], start = slice(start, start + k), start + k
    q, r = np.linalg.qr(stack)
    q = q * np.sign(r.diagonal(axis1=-2, axis2=-1))[..., None, :]
    return {n: q[rows, :n, :n] for n, rows in corners.items()}


class Haar:
    """Random orthogonal matrices drawn ahead, of every size in one batched QR (numpy's QR costs
    about 20 us a call however small the matrix), handed out in order; a request beyond the stock
    draws afresh. Each is independent and Haar-distributed, as one QR call per matrix would give."""

    def __init__(self, rng: np.random.Generator, needs: dict[int, int]) -> None:
        self.rng = rng
        self.stock = _orthogonal_sizes(rng, {n: k for n, k in needs.items() if k})
        self.used = dict.fromkeys(self.stock, 0)

    def take(self, n: int, count: int) -> np.ndarray:
        start = self.used.get(n, 0)
        if n not in self.stock or start + count > len(self.stock[n]):
            return _orthogonal(self.rng, n, count)
        self.used[n] = start + count
        return self.stock[n][start : start + count]


def _needs(shape: tuple[int, int], assumptions: frozenset[str]) -> list[int]:
    """The sizes of the orthogonal matrices one draw of this shape takes (see ``_sample_stack``)."""
    r, c = shape
    if (r, c) == (1, 1) and not assumptions:
        return []
    if "orthogonal" in assumptions:
        return [] if "diagonal" in assumptions else [r]
    if "diagonal" in assumptions:
        return []
    if "symmetric" in assumptions:
        return [r]
    return [] if min(r, c) == 1 else [r, c]


def _unit(rng: np.random.Generator, n: int, count: int) -> np.ndarray:
    """``count`` random unit n-vectors (uniform on the sphere: a Haar matrix's first column), no QR."""
    g = rng.standard_normal((count, n, 1))
    return g / np.linalg.norm(g, axis=-2, keepdims=True)


def _spread(rng: np.random.Generator, shape: tuple[int, ...], signed: bool) -> np.ndarray:
    values = rng.uniform(0.5, 2.0, shape)
    return values * rng.choice([-1.0, 1.0], shape) if signed else values


def _diagonal(entries: np.ndarray) -> np.ndarray:
    """A stack of diagonal matrices from a stack of diagonals."""
    return entries[..., :, None] * np.eye(entries.shape[-1])


def _congruent(q: np.ndarray, entries: np.ndarray) -> np.ndarray:
    """Q diag(entries) Qᵀ, stacked."""
    return (q * entries[..., None, :]) @ q.swapaxes(-1, -2)


def _haar_for(rng: np.random.Generator, shapes: list[tuple[tuple[int, int], frozenset[str]]], count: int) -> Haar:
    needs: dict[int, int] = {}
    for shape, assumptions in shapes:
        for n in _needs(shape, assumptions):
            needs[n] = needs.get(n, 0) + count
    return Haar(rng, needs)


def _real_shapes(identity: Identity, sizes: dict[str, int]) -> list[tuple[tuple[int, int], frozenset[str]]]:
    return [(concrete(d.shape, sizes), d.assumptions) for d in identity.declarations.values() if not d.complex]


def haar_for_sizes(identity: Identity, assignments: list[dict[str, int]], rng: np.random.Generator, count: int) -> Haar:
    """The orthogonal matrices that ``count`` points at each size assignment take, in one QR call
    for the whole check (redraws draw afresh)."""
    return _haar_for(rng, [shape for sizes in assignments for shape in _real_shapes(identity, sizes)], count)


def sample_matrix(
    rng: np.random.Generator, shape: tuple[int, int], assumptions: frozenset[str], count: int | None = None
) -> np.ndarray:
    """One random matrix of the given shape satisfying the assumptions; with ``count``, a stack of
    that many independent ones (leading axis), drawn together."""
    n = 1 if count is None else count
    stack = _sample_stack(rng, shape, assumptions, n, _haar_for(rng, [(shape, assumptions)], n))
    return stack[0] if count is None else stack


def _sample_stack(
    rng: np.random.Generator, shape: tuple[int, int], assumptions: frozenset[str], n: int, haar: Haar
) -> np.ndarray:
    r, c = shape
    if (r, c) == (1, 1) and not assumptions:
        return _spread(rng, (n, 1, 1), signed=True)
    positive = "spd" in assumptions
    if "orthogonal" in assumptions:
        if "diagonal" in assumptions:
            return _diagonal(rng.choice([-1.0, 1.0], (n, r)))
        q = haar.take(r, n)
        if "symmetric" in assumptions:
            return _congruent(q, rng.choice([-1.0, 1.0], (n, r)))
        return q
    if "diagonal" in assumptions:
        return _diagonal(_spread(rng, (n, r), signed=not positive))
    if "symmetric" in assumptions:
        return _congruent(haar.take(r, n), _spread(rng, (n, r), signed=not positive))
    k = min(r, c)
    if k == 1:  # a vector: s u, u a random unit vector (the sign of the 1 x 1 factor is u's own)
        u = _unit(rng, max(r, c), n) * _spread(rng, (n, 1, 1), signed=False)
        return u if c == 1 else u.swapaxes(-1, -2)
    u = haar.take(r, n)[..., :, :k]
    v = haar.take(c, n)[..., :, :k]
    return (u * _spread(rng, (n, k), signed=False)[..., None, :]) @ v.swapaxes(-1, -2)


def sample(
    identity: Identity,
    sizes: dict[str, int],
    rng: np.random.Generator,
    count: int | None = None,
    haar: Haar | None = None,
) -> dict[str, np.ndarray]:
    """Values for every declared symbol at one size assignment; with ``count``, that many
    independent points stacked on a leading axis (real identities only). ``haar``: orthogonal
    matrices drawn ahead (``haar_for_sizes``), else drawn here for this point."""
    positive_det = identity.under_logdet
    n = 1 if count is None else count
    if haar is None:
        haar = _haar_for(rng, _real_shapes(identity, sizes), n)
    values = {}
    for name, decl in identity.declarations.items():
        if decl.complex:
            if count is not None:
                raise ValueError("complex values are drawn one point at a time")
            values[name] = sample_complex_matrix(rng, concrete(decl.shape, sizes), decl.assumptions)
            continue
        value = _sample_stack(rng, concrete(decl.shape, sizes), decl.assumptions, n, haar)
        if name in positive_det:
            negative = np.linalg.det(value) < 0
            if "symmetric" in decl.assumptions or "diagonal" in decl.assumptions:
                if value.shape[-1] % 2:
                    value[negative] = -value[negative]
            else:
                value[negative, 0] = -value[negative, 0]
        values[name] = value if count is not None else value[0]
    return values
