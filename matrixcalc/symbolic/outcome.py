"""What an exact level concludes at one size, shared by the real and complex levels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..verdict import Counterexample


@dataclass
class LevelOutcome:
    """What one exact level concluded at one size: ok | false | undecided | undefined | unsupported | slow.

    Not the build's ``Outcome`` (matrixcalc.doccheck.outcome): a step inside the symbolic check.
    """

    status: str
    reason: str = ""
    counterexample: Counterexample | None = None


def nest(flat: list, shape: tuple[int, ...]):
    """Row-major data as nested lists; a 1 x 1 value is a number."""
    if shape == (1, 1):
        return flat[0]
    if len(shape) == 1:
        return flat
    step = len(flat) // shape[0]
    return [nest(flat[i * step : (i + 1) * step], shape[1:]) for i in range(shape[0])]


def exact_counterexample(link: int, sizes, values: dict, left, right, shown: Callable) -> Counterexample:
    """Two sides that differ exactly at a point, as a counterexample: ``shown`` turns an exact entry
    into what a reader sees (a float, or 'a+bi' text for a complex one); ``values`` are the symbols'."""

    def entries(data) -> object:
        return nest([shown(x) for x in data], left.shape)

    return Counterexample(
        link=link,
        sizes=dict(sizes),
        values=values,
        left=entries(left.data),
        right=entries(right.data),
        difference=entries([a - b for a, b in zip(left.data, right.data)]),
        relative_error=None,
        exact=True,
    )
