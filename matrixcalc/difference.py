"""Name the pattern of a refutation: what a reader would see at once in the two sides' numbers.

A counterexample's left and right sides are plain numbers; a missing transpose, a factor of 2
or a wrong sign hides in them until someone compares entries by hand. :func:`pattern` does
that comparison once, for every front end (``matrixcalc check``, the pytest plugin, the Sphinx
build, ``check-docs``), so all of them say the same sentence.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .verdict import Counterexample, complex_entries

RELATIVE = 1e-6  # agreement of two sides at one point, relative to the largest entry compared


def _array(value: object) -> np.ndarray | None:
    """The value as a 2-D numpy array (a scalar is 1 x 1), or None when it is not numeric."""
    try:
        array = np.asarray(complex_entries(value), dtype=complex)
    except (TypeError, ValueError):
        return None
    if array.ndim == 0:
        array = array.reshape(1, 1)
    if array.ndim != 2 or not np.all(np.isfinite(array)):
        return None
    return array


def _close(a: np.ndarray, b: np.ndarray, scale: float) -> bool:
    return a.shape == b.shape and bool(np.max(np.abs(a - b), initial=0.0) <= RELATIVE * scale)


def _simple(factor: complex) -> Fraction | None:
    """The factor as a fraction with a small numerator and denominator (``2``, ``-1/2``), if it is one."""
    if abs(factor.imag) > RELATIVE * abs(factor):
        return None
    simple = Fraction(factor.real).limit_denominator(12)
    close = abs(float(simple) - factor.real) <= RELATIVE * abs(factor.real)
    return simple if close and abs(simple.numerator) <= 12 else None


def _factor_text(factor: complex) -> str:
    """A factor as a reader writes it: ``2``, ``1/2``, ``-3``, else four significant digits."""
    simple = _simple(factor)
    if simple is not None:
        return str(simple)
    if abs(factor.imag) > RELATIVE * abs(factor):
        return f"{factor.real:.4g}{factor.imag:+.4g}i"
    return f"{factor.real:.4g}"


def _scalar_multiple(left: np.ndarray, right: np.ndarray, scale: float) -> complex | None:
    """``c`` with ``right == c * left``, when there is one (and left is not zero)."""
    index = np.unravel_index(np.argmax(np.abs(left)), left.shape)
    if abs(left[index]) <= RELATIVE * scale:
        return None
    factor = right[index] / left[index]
    return complex(factor) if _close(factor * left, right, scale) else None


def pattern(left: object, right: object) -> str | None:
    """One sentence naming how ``right`` differs from ``left``, or None when no simple pattern fits.

    Checked in order of how specific the fix is: a transpose, the sign, a scalar factor, then
    which of the symmetric and antisymmetric parts differ.
    """
    a, b = _array(left), _array(right)
    if a is None or b is None or a.shape != b.shape:
        return None
    scale = max(float(np.max(np.abs(a))), float(np.max(np.abs(b))), 1e-300)
    if _close(a, b, scale):
        return None
    square = a.shape[0] == a.shape[1] and a.shape[0] > 1
    if square and _close(a.T, b, scale):
        return "the right side equals the left side transposed (a transpose is missing or extra)"
    factor = _scalar_multiple(a, b, scale)
    if factor is not None and a.size == 1 and _simple(factor) is None:
        factor = None  # any two numbers are multiples: only a small fraction (2, -1, 1/2) says something
    if factor is not None and abs(factor) > RELATIVE:
        if abs(factor + 1) <= RELATIVE:
            return "the right side is the left side with the opposite sign"
        return f"the right side is {_factor_text(factor)} times the left side"
    if square and _close(a + a.T, b + b.T, scale):
        return "only the antisymmetric part differs (the symmetric parts agree)"
    if square and _close(a - a.T, b - b.T, scale):
        return "only the symmetric part differs (the antisymmetric parts agree)"
    return None


def counterexample_pattern(example: Counterexample | dict | None) -> str | None:
    """:func:`pattern` of a counterexample given as a dataclass or as its dict."""
    if example is None:
        return None
    if isinstance(example, dict):
        return pattern(example.get("left"), example.get("right"))
    return pattern(example.left, example.right)
