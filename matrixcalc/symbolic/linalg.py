"""Exact matrices of scalars (rationals, rational functions or jets) and their operations.

Everything is scalar arithmetic: the determinant by cofactors (small) or elimination, the
inverse by Gauss–Jordan; a matrix that is singular at the point raises ``Undefined``. A matrix
of plain rationals (no symbol, atom or derivative in it) goes to python-flint's exact ``fmpq_mat``
instead: the same exact numbers, computed in C.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np
from flint import fmpq, fmpq_mat

from . import lazy
from .elimination import Eliminated, eliminate
from .jets import Undefined, add, add_many, base, is_zero, mul, neg, recip, sub
from .lazy import Frac
from .stacked_values import array


@dataclass(frozen=True)
class Tensor:
    """Row-major entries of a matrix (rank 2; a scalar is 1 x 1) or of a rank-4 tensor."""

    shape: tuple[int, ...]
    data: tuple

    def at(self, i: int, j: int):
        return self.data[i * self.shape[1] + j]

    @property
    def scalar(self):
        return self.data[0]

    def rows(self) -> list[list]:
        r, c = self.shape[0], self.shape[1]
        return [list(self.data[i * c : (i + 1) * c]) for i in range(r)]


def matrix(rows: list[list]) -> Tensor:
    return Tensor((len(rows), len(rows[0]) if rows else 0), tuple(x for row in rows for x in row))


def scalar(x) -> Tensor:
    return Tensor((1, 1), (x,))


def elementwise(fn, *tensors: Tensor) -> Tensor:
    return Tensor(tensors[0].shape, tuple(fn(*xs) for xs in zip(*(t.data for t in tensors))))


def scale(t: Tensor, s) -> Tensor:
    return Tensor(t.shape, tuple(mul(s, x) for x in t.data))


def total(xs, zero):
    return add_many(list(xs), zero)


def matmul(a: Tensor, b: Tensor, zero) -> Tensor:
    (n, k), m = a.shape, b.shape[1]
    brows = b.rows()
    cols = [[brows[p][j] for p in range(k)] for j in range(m)]
    out = []
    for i in range(n):
        row = a.data[i * k : (i + 1) * k]
        for j in range(m):
            out.append(total((mul(x, y) for x, y in zip(row, cols[j]) if not is_zero(x) and not is_zero(y)), zero))
    return Tensor((n, m), tuple(out))


def transpose(a: Tensor) -> Tensor:
    r, c = a.shape
    return Tensor((c, r), tuple(a.data[i * c + j] for j in range(c) for i in range(r)))


def identity(n: int, zero, one) -> Tensor:
    return Tensor((n, n), tuple(one if i == j else zero for i in range(n) for j in range(n)))


def trace(a: Tensor, zero):
    return total((a.at(i, i) for i in range(a.shape[0])), zero)


def kron(a: Tensor, b: Tensor) -> Tensor:
    (ar, ac), (br, bc) = a.shape, b.shape
    rows = [[mul(a.at(i, j), b.at(k, q)) for j in range(ac) for q in range(bc)] for i in range(ar) for k in range(br)]
    return Tensor((ar * br, ac * bc), tuple(x for row in rows for x in row))


def vec(a: Tensor) -> Tensor:
    r, c = a.shape
    return Tensor((r * c, 1), tuple(a.at(i, j) for j in range(c) for i in range(r)))


def _rationals(a: Tensor) -> fmpq_mat | None:
    """The matrix as python-flint's exact rational matrix when every entry is a plain rational."""
    if a.shape[0] < 2 or any(type(x) is not fmpq for x in a.data):
        return None
    return fmpq_mat(a.shape[0], a.shape[1], a.data)


def _tensor(m: np.ndarray) -> Tensor:
    return Tensor(m.shape, tuple(m.flat))


def _entries(m: fmpq_mat) -> Tensor:
    return Tensor((m.nrows(), m.ncols()), tuple(m.entries()))


def det(a: Tensor, zero, one):
    n = a.shape[0]
    if (exact := _rationals(a)) is not None:
        return exact.det()
    if n >= 4 and all(isinstance(x, Frac) for x in a.data):
        return lazy.determinant(a.rows())
    if n <= 3:
        return _cofactor_det(a.rows(), zero)
    try:
        return _eliminated(a, zero, one, inverse=False).det
    except Undefined:
        if n <= 6:
            return _cofactor_det(a.rows(), zero)
        raise


def inv(a: Tensor, zero, one) -> Tensor:
    n = a.shape[0]
    if (exact := _rationals(a)) is not None:
        if exact.det() == 0:
            raise Undefined("singular matrix under inv")
        return _entries(exact.inv())
    if n <= 3:
        rows = a.rows()
        d = _cofactor_det(rows, zero)
        if base(d) == 0:
            raise Undefined("singular matrix under inv")
        r = recip(d, one)
        cof = [[_cofactor(rows, i, j, zero) for j in range(n)] for i in range(n)]
        return Tensor((n, n), tuple(mul(cof[j][i], r) for i in range(n) for j in range(n)))
    if all(isinstance(x, Frac) for x in a.data):
        rows = lazy.inverse(a.rows())
        if rows is None:
            raise Undefined("singular matrix under inv")
        return matrix(rows)
    return _tensor(_eliminated(a, zero, one, inverse=True).inverse)


def adjugate(a: Tensor, zero, one) -> Tensor:
    """The transposed cofactor matrix; a polynomial in the entries, so defined at singular points too."""
    n = a.shape[0]
    if n == 1:
        return Tensor((1, 1), (one,))
    if (exact := _rationals(a)) is not None and (d := exact.det()) != 0:
        return _entries(exact.inv() * d)
    rows = a.rows()
    if n <= 3:
        return Tensor((n, n), tuple(_cofactor(rows, j, i, zero) for i in range(n) for j in range(n)))
    if all(isinstance(x, Frac) for x in a.data) and (adj := lazy.adjugate(rows)) is not None:
        return matrix(adj)
    try:
        done = _eliminated(a, zero, one, inverse=True)
    except Undefined:  # singular at this point: adj still exists; cofactors while they are affordable
        if n > 7:
            raise
        return Tensor((n, n), tuple(_cofactor(rows, j, i, zero) for i in range(n) for j in range(n)))
    return scale(_tensor(done.inverse), done.det)


def pinv(a: Tensor, zero, one) -> Tensor:
    """The pseudo-inverse of a full-rank matrix by its formula; rank-deficient raises Undefined."""
    t = transpose(a)
    if a.shape[0] >= a.shape[1]:
        return matmul(inv(matmul(t, a, zero), zero, one), t, zero)
    return matmul(t, inv(matmul(a, t, zero), zero, one), zero)


def commutation(m: int, n: int, zero, one) -> Tensor:
    """K(m, n): entry (i*n + j, j*m + i) is one, so K @ vec(A) == vec(A.T) for A m x n."""
    size = m * n
    ones = {(i * n + j) * size + j * m + i for i in range(m) for j in range(n)}
    return Tensor((size, size), tuple(one if k in ones else zero for k in range(size * size)))


def _cofactor(rows, i, j, zero):
    minor = [row[:j] + row[j + 1 :] for k, row in enumerate(rows) if k != i]
    d = _cofactor_det(minor, zero) if minor else 1
    return neg(d) if (i + j) % 2 else d


def _cofactor_det(rows, zero):
    n = len(rows)
    if n == 0:
        return zero
    if n == 1:
        return rows[0][0]
    if n == 2:
        return sub(mul(rows[0][0], rows[1][1]), mul(rows[0][1], rows[1][0]))
    acc = zero
    for j in range(n):
        if is_zero(rows[0][j]):
            continue
        minor = [row[:j] + row[j + 1 :] for row in rows[1:]]
        term = mul(rows[0][j], _cofactor_det(minor, zero))
        acc = sub(acc, term) if j % 2 else add(acc, term)
    return acc


def _eliminated(a: Tensor, zero, one, inverse: bool) -> Eliminated:
    """The one elimination (``elimination``) of a matrix of scalars; raises Undefined when singular."""
    return eliminate(array(list(a.data), a.shape), zero, one, inverse=inverse, reciprocal=lambda p: recip(p, one))


def indices(shape: tuple[int, ...]):
    return product(*(range(s) for s in shape))
