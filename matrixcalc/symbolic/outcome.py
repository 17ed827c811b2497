"""What an exact level concludes at one size, shared by the real and complex levels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..verdict import Counterexample


@dataclass(frozen=True)
class Domain:
    """What the exact levels do differently for real and complex identities; the driver (``levels``) is one.

    ``symbolic_values(identity, sizes)`` and ``rational_values(identity, sizes, rng)`` sample (the
    symbols of a proof, a random point); ``field(identity, real)`` is the field the sides are
    evaluated in, over the real field of the residuals; ``symbol_entries``/``point_entries`` turn the
    samples into its elements; ``sides(identity, field, sizes, values)`` evaluates every side;
    ``decide(real, residual)`` is the zero test; ``shown(real, entry)`` and ``given(rows)`` are what a
    counterexample shows of an entry and of a symbol's value.
    """

    symbolic_values: Callable
    rational_values: Callable
    field: Callable
    symbol_entries: Callable
    point_entries: Callable
    sides: Callable
    decide: Callable
    shown: Callable
    given: Callable


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
