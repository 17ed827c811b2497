"""Sizes as products of size letters: the static shape algebra of the language.

A dimension is a monomial ``coef * a * b * ...`` so that ``kron(B.T, A)`` and
``jac(vec(A @ X @ B), vec(X))`` can be compared without choosing numbers for the letters.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod


@dataclass(frozen=True, order=True)
class Dim:
    """A size: a positive integer coefficient times a sorted product of size letters."""

    coef: int = 1
    letters: tuple[str, ...] = ()

    @staticmethod
    def of(size: int | str) -> Dim:
        if isinstance(size, int):
            return Dim(size, ())
        return Dim(1, (size,))

    def __mul__(self, other: Dim) -> Dim:
        return Dim(self.coef * other.coef, tuple(sorted(self.letters + other.letters)))

    def value(self, sizes: dict[str, int]) -> int:
        letters = self.letters
        if not letters:  # the common cases first: every check asks this thousands of times
            return self.coef
        if len(letters) == 1:
            return self.coef * sizes[letters[0]]
        return self.coef * prod(sizes[letter] for letter in letters)

    @property
    def is_one(self) -> bool:
        return self.coef == 1 and not self.letters

    def __str__(self) -> str:
        parts = ([str(self.coef)] if self.coef != 1 or not self.letters else []) + list(self.letters)
        return "*".join(parts)


ONE = Dim()

Shape = tuple[Dim, ...]
"""(rows, cols) for a matrix, vector (cols = 1) or scalar (1, 1); four dims for a tensor."""

SCALAR: Shape = (ONE, ONE)


def is_scalar(shape: Shape) -> bool:
    return len(shape) == 2 and shape[0].is_one and shape[1].is_one


def is_vector(shape: Shape) -> bool:
    return len(shape) == 2 and shape[1].is_one


def is_square(shape: Shape) -> bool:
    return len(shape) == 2 and shape[0] == shape[1]


def shape_str(shape: Shape) -> str:
    if is_scalar(shape):
        return "scalar"
    return " x ".join(str(d) for d in shape)


def letters_of(shape: Shape) -> set[str]:
    return {letter for dim in shape for letter in dim.letters}


def concrete(shape: Shape, sizes: dict[str, int]) -> tuple[int, ...]:
    return tuple([dim.value(sizes) for dim in shape])
