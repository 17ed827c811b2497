"""A product with a zero fraction (``lazy.Frac``) is that zero over 1, whichever side it is on.

Forward mode's derivative stacks over a proof's field are mostly zeros, so ``Frac.__mul__``
returns a zero factor itself instead of multiplying polynomials; a zero over a denominator that
is not constant (what ``x / y - x / y`` leaves) is brought to 1, as a fraction's normal form wants.
"""

from __future__ import annotations

import pytest

from matrixcalc.symbolic.lazy import Frac, flint_generators


@pytest.fixture
def x_y():
    return flint_generators(2)


def _zero_over_one(f: Frac) -> bool:
    return not f.numer and f.denom == 1


def test_a_zero_over_one_is_the_product_itself(x_y):
    x, y = x_y
    zero = x - x
    assert (zero * (x / y)) is zero
    assert ((x / y) * zero) is zero


def test_a_zero_over_a_polynomial_becomes_a_zero_over_one(x_y):
    x, y = x_y
    zero = x / y - x / y
    assert not zero.numer and not zero.denom.is_constant()  # the sum does not cancel
    for product in (zero * (x + y), (x + y) * zero, zero * zero):
        assert _zero_over_one(product)


def test_a_product_without_a_zero_is_unchanged(x_y):
    x, y = x_y
    product = (x / y) * (y + 1)
    assert product == (x * y + x) / y
    assert product != 0
    assert _zero_over_one((x / y) * 0)
