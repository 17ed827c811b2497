"""Whole-matrix values with their derivative stacks, and the arithmetic every whole-matrix rule
shares: sums, scalar multiples, reciprocals, products (python-flint for plain rationals), transposes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from flint import fmpq, fmpq_mat

from ..language import Node
from .jets import Taped, apply, recip


class Arrays(Protocol):
    """What the whole-matrix rules use of ``stacked.Evaluator``, named here so they need not import it."""

    field: Any  # the exact field (``atoms.Field``, ``gaussian.ComplexField``); ``field.lazy`` during a proof
    zero: Any
    one: Any

    def full(self, shape: tuple[int, ...], x) -> np.ndarray: ...

    def eye(self, n: int) -> np.ndarray: ...


class Fallback(Exception):
    """This evaluation needs the entry-by-entry jets."""


@dataclass(frozen=True)
class Value:
    """Exact entries ``v`` (2-D, or 4-D for a derivative of a matrix by a matrix) and their
    derivatives ``d`` (``(k, *v.shape)``) by the k infinitesimals of the perturbed variable, or None."""

    v: np.ndarray
    d: np.ndarray | None = None


def array(items: list, shape: tuple[int, ...]) -> np.ndarray:
    """Field elements (row-major) as an object array; filled one by one so none is unpacked."""
    out = np.empty(len(items), dtype=object)
    for i, x in enumerate(items):
        out[i] = x
    return out.reshape(shape)


def _taped_apply(fn, x: Taped) -> Taped:
    y = apply(fn, x.v)
    return Taped(y, ((x, fn.derivative(x.v, y)),))


def apply_value(fn, a: Value) -> Value:
    """fn (a scalar function of the field, ``atoms``) entrywise with its exact derivative, as
    ``jets.apply`` does it for one group (entries that are jets of an outer derivative by
    ``jets.apply`` itself); a taped entry records the slope ``fn'(x)`` for the backward sweep."""
    values = [_taped_apply(fn, x) if type(x) is Taped else apply(fn, x) for x in a.v.flat]
    v = array(values, a.v.shape)
    if a.d is None:
        return Value(v)
    slopes = array([fn.derivative(x, y) for x, y in zip(a.v.flat, values)], a.v.shape)
    return Value(v, a.d * slopes[None])


def mapped(fn, a: np.ndarray) -> np.ndarray:
    """fn of every entry of an array, as an array of the same shape."""
    return array([fn(x) for x in a.flat], a.shape)


def plus(x: np.ndarray | None, y: np.ndarray | None) -> np.ndarray | None:
    if x is None:
        return y
    if y is None:
        return x
    return x + y


def lift(d: np.ndarray, ndim: int) -> np.ndarray:
    """A stack of scalars ``(k, 1, 1)`` shaped to multiply a stack of arrays of rank ``ndim``."""
    return d.reshape((d.shape[0],) + (1,) * ndim)


def scale_value(ev: Arrays, s: Value, a: Value) -> Value:
    """s * A for a 1 x 1 value s."""
    sv = s.v[0, 0]
    d = None if a.d is None else a.d * sv
    if s.d is not None:
        d = plus(d, lift(s.d[:, 0, 0], a.v.ndim) * a.v[None])
    return Value(a.v * sv, d)


def reciprocal(ev: Arrays, x) -> object:
    """1 / x of a field element or of a jet (an entry inside a nested derivative, ``jets.recip``)."""
    return recip(x, ev.one)


def recip_value(ev: Arrays, s: Value) -> Value:
    """1 / s for a 1 x 1 value."""
    r = reciprocal(ev, s.v[0, 0])
    d = None if s.d is None else s.d * (-(r * r))
    return Value(np.array([[r]], dtype=object), d)


FLINT_PRODUCT = 100
"""Multiply-adds from which python-flint's fmpq_mat beats numpy's loop over objects (measured: even
at 4 x 4, 3.5 times faster at 6 x 6 with an inverse's entries, 6.5 times at 7 x 7)."""


def matmul_arrays(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ b for a matrix or a stack of matrices (leading axis) on either side.

    Plain rationals in a product of ``FLINT_PRODUCT`` multiply-adds or more go to python-flint
    (``rational_product``): the same exact numbers, with the big numerators of inverses and
    determinants multiplied in C. A stack is one flint product: ``(k, n, m) @ (m, p)`` as
    ``(k n, m) @ (m, p)``, and ``(n, m) @ (k, m, p)`` as ``(n, m) @ (m, k p)``.
    """
    m = a.shape[-1]
    stacks = (a.ndim > 2) + (b.ndim > 2)
    products = a.size * b.shape[-1] if b.ndim == 2 else a.size * b.size // m
    if stacks > 1 or a.ndim > 3 or b.ndim > 3 or products < FLINT_PRODUCT or not (plain(a) and plain(b)):
        return np.matmul(a, b)
    if b.ndim == 2:  # (..., n, m) @ (m, p)
        return rational_product(a.reshape(-1, m), b).reshape(a.shape[:-1] + (b.shape[1],))
    k, p = b.shape[0], b.shape[2]  # (n, m) @ (k, m, p)
    wide = rational_product(a, b.transpose(1, 0, 2).reshape(m, k * p))
    return wide.reshape(a.shape[0], k, p).transpose(1, 0, 2)


def rational_product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ b for 2-D arrays of plain rationals, by python-flint's ``fmpq_mat``."""
    product = fmpq_mat(*a.shape, list(a.flat)) * fmpq_mat(*b.shape, list(b.flat))
    return array(product.entries(), (a.shape[0], b.shape[1]))


def plain(a: np.ndarray) -> bool:
    """Every entry a plain rational (python-flint's fmpq: no atom, no derivative in it)."""
    return all(type(x) is fmpq for x in a.flat)


def matmul_value(ev: Arrays, a: Value, b: Value) -> Value:
    d = None
    if a.d is not None:
        d = matmul_arrays(a.d, b.v)
    if b.d is not None:
        d = plus(d, matmul_arrays(a.v, b.d))
    return Value(matmul_arrays(a.v, b.v), d)


def transpose_value(ev: Arrays, node: Node | None, a: Value) -> Value:
    return Value(a.v.T, None if a.d is None else a.d.transpose(0, 2, 1))
