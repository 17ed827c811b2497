"""How far apart two evaluated sides are, and where the line between rounding and error lies.

Complex-step derivatives agree to ~1e-10 on true identities; the smallest error of a wrong
claim measured was 5e-4 (DESIGN.md). Between the two thresholds a draw is redrawn, never
accepted by widening the tolerance.
"""

from __future__ import annotations

import numpy as np

ACCEPT = 1e-8
REFUTE = 1e-5
FLOOR = 1e-3  # magnitudes below this count as rounding noise around zero


def relative_error(left: np.ndarray, right: np.ndarray) -> float:
    """Frobenius distance relative to the larger side (or the floor), over all trailing axes; complex values too."""
    return float(batch_errors([np.asarray(left)[None], np.asarray(right)[None]], 1)[0, 0])


def batch_errors(sides: list[np.ndarray], count: int) -> np.ndarray:
    """``relative_error`` of every link at each of ``count`` stacked points (leading axis) at once:
    ``(count, links)``."""
    flat = [side.reshape(count, -1) for side in sides]
    norms = [_norms(f) for f in flat]
    errors = np.empty((count, len(sides) - 1))
    for link in range(len(sides) - 1):
        scale = np.maximum(np.maximum(norms[link], norms[link + 1]), FLOOR)
        errors[:, link] = _norms(flat[link] - flat[link + 1]) / scale
    return errors


def _norms(flat: np.ndarray) -> np.ndarray:
    """The Frobenius norm of each row (sum of squared moduli for complex values)."""
    if flat.dtype.kind == "c":
        return np.sqrt((flat.real * flat.real + flat.imag * flat.imag).sum(axis=1))
    return np.sqrt((flat * flat).sum(axis=1))
