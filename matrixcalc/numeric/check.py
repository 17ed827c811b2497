"""The numeric verdict: every link of the chain compared at random points, at every size list.

At each size assignment a few draws are compared. A draw whose error is clearly rounding
passes; one clearly beyond it refutes with a counterexample; one in between is redrawn.
Assignments where a side is undefined at every draw are skipped and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..language import Identity
from ..operations.faults import IllConditioned, Undefined
from ..sizes import size_assignments
from ..verdict import Counterexample, NumericEvidence, complex_text
from .compare import ACCEPT, REFUTE, batch_errors, relative_error
from .derivatives import uses_differences
from .evaluate import Evaluator
from .sampling import Haar, haar_for_sizes, sample

DRAWS_PER_SIZE = 2
ATTEMPTS_PER_SIZE = 24


@dataclass
class NumericResult:
    """Evidence, the smallest counterexample found, and assignments with only borderline draws."""

    evidence: NumericEvidence
    counterexample: Counterexample | None = None
    inconclusive: list[dict[str, int]] = field(default_factory=list)


def _as_list(value: np.ndarray) -> list | float | str:
    """A side as nested lists (a scalar as a number); complex entries as text such as '0.5-1.2i'."""
    value = np.asarray(value)
    if np.iscomplexobj(value) and np.any(np.imag(value) != 0):
        texts = np.vectorize(complex_text, otypes=[object])(value)
        return texts[0, 0] if texts.shape == (1, 1) else texts.tolist()
    value = np.real(value)
    if value.ndim == 2 and value.shape == (1, 1):
        return float(value[0, 0])
    return value.tolist()


def _counterexample(identity: Identity, sizes, values, sides, link: int, error: float) -> Counterexample:
    left, right = sides[link], sides[link + 1]
    scalars = {name for name, d in identity.declarations.items() if d.shape[0].is_one and d.shape[1].is_one}
    return Counterexample(
        link=link,
        sizes=dict(sizes),
        values={
            name: _as_list(v) if np.iscomplexobj(v) else (float(v[0, 0]) if name in scalars else v.tolist())
            for name, v in values.items()
        },
        left=_as_list(left),
        right=_as_list(right),
        difference=_as_list(left - right),
        relative_error=error,
    )


def _check_sizes(
    identity: Identity, sizes: dict[str, int], rng: np.random.Generator, result: NumericResult, haar: Haar | None
):
    """Compare the sides at one size assignment; returns a counterexample or None.

    The draws still needed are sampled and evaluated together, as one batch (numpy's stacked
    linear algebra): a batch where any point is undefined or ill-conditioned is evaluated again
    point by point, so each point is judged exactly as if it had been drawn alone. The first
    batch takes its orthogonal factors from ``haar`` (drawn ahead for the whole check).
    """
    complex_symbols = {name for name, d in identity.declarations.items() if d.complex}
    evaluate = Evaluator(sizes, identity.is_complex, complex_symbols)
    shapes = [evaluate.shape(side) for side in identity.sides]
    agreed = undefined = borderline = attempts = 0
    while attempts < ATTEMPTS_PER_SIZE and agreed < DRAWS_PER_SIZE:
        count = 1 if identity.is_complex else min(DRAWS_PER_SIZE - agreed, ATTEMPTS_PER_SIZE - attempts)
        attempts += count
        first, haar = haar, None
        for values, sides, errors in _points(identity, sizes, rng, evaluate, shapes, count, first):
            if sides is Undefined:
                undefined += 1
                continue
            if sides is IllConditioned:
                continue
            if errors is None:
                errors = [relative_error(a, b) for a, b in zip(sides, sides[1:])]
            worst = float(max(errors))
            if worst >= REFUTE:
                link = int(np.argmax(errors))
                return _counterexample(identity, sizes, values, sides, link, worst)
            if worst > ACCEPT:
                borderline += 1
                continue
            agreed += 1
            result.evidence.draws += 1
            result.evidence.max_relative_error = max(result.evidence.max_relative_error, worst)
    if agreed:
        result.evidence.sizes.append(dict(sizes))
    elif borderline:
        result.inconclusive.append(dict(sizes))
        result.evidence.skipped.append({"sizes": dict(sizes), "reason": "inconclusive: errors between 1e-8 and 1e-5"})
    else:
        reason = "a side is undefined at every draw" if undefined else "every draw was ill-conditioned"
        result.evidence.skipped.append({"sizes": dict(sizes), "reason": reason})
    return None


def _points(identity: Identity, sizes, rng, evaluate: Evaluator, shapes, count: int, haar: Haar | None):
    """``count`` random points, each as (values, sides, errors); sides is the fault class (Undefined
    or IllConditioned) where the point has one, errors the links' relative errors where a batch
    computed them (else None). A non-finite side counts as undefined."""
    if count == 1:
        values = sample(identity, sizes, rng)
        yield values, _sides(identity, evaluate, values), None
        return
    batch = sample(identity, sizes, rng, count, haar)
    try:
        with np.errstate(all="ignore"):  # a non-finite point's sides and errors are not used: it is judged alone
            stacked = [evaluate(side, batch) for side in identity.sides]
            stacked = [
                s if s.shape == (count, *shape) else np.broadcast_to(s, (count, *shape))
                for s, shape in zip(stacked, shapes)
            ]
            finite = np.logical_and.reduce([np.isfinite(s).reshape(count, -1).all(axis=1) for s in stacked])
            errors = batch_errors(stacked, count)
    except (Undefined, IllConditioned):
        stacked = None
    for i in range(count):
        values = {name: v[i] for name, v in batch.items()}
        if stacked is None or not finite[i]:
            yield values, _sides(identity, evaluate, values), None  # judged alone, as if drawn alone
        else:
            yield values, [_real(s[i]) for s in stacked], errors[i]


def _real(side: np.ndarray) -> np.ndarray:
    """A side with negligible imaginary parts as real values (complex identities; real ones are real)."""
    return np.real_if_close(side) if side.dtype.kind == "c" else side


def _sides(identity: Identity, evaluate: Evaluator, values: dict[str, np.ndarray]):
    """The sides at one point, or the fault class that makes the point unusable."""
    try:
        with np.errstate(all="ignore"):
            sides = [_real(evaluate(side, values)) for side in identity.sides]
    except Undefined:
        return Undefined
    except IllConditioned:
        return IllConditioned
    if not all(np.all(np.isfinite(s)) for s in sides):
        return Undefined
    return sides


def check_numeric(identity: Identity, seed: int) -> NumericResult:
    """Compare every link at every size assignment; keep the smallest counterexample."""
    rng = np.random.default_rng(seed)
    result = NumericResult(NumericEvidence(tolerance=ACCEPT))
    if identity.is_complex:
        result.evidence.method = (
            "complex values; Wirtinger derivatives by Richardson central differences in the real and imaginary parts"
        )
    elif uses_differences(identity):
        result.evidence.method = "complex step, with Richardson central differences for nested derivatives"
    found = []
    assignments = size_assignments(identity)
    haar = None if identity.is_complex else haar_for_sizes(identity, assignments, rng, DRAWS_PER_SIZE)
    for sizes in assignments:
        counterexample = _check_sizes(identity, sizes, rng, result, haar)
        if counterexample is not None:
            found.append(counterexample)
    if found:
        result.counterexample = min(found, key=lambda c: (sum(c.sizes.values()), c.relative_error))
    return result
