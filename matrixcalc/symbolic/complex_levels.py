"""Levels (a) and (b) for a complex identity: exact arithmetic over the Gaussian rationals.

(a) proves at a small size with the real and imaginary part of every entry an independent
symbol: each residual entry's real and imaginary parts must both be the zero rational function.
(b) evaluates at random Gaussian-integer points. The residual is decided part by part with the
real field's ``decide``, so roots from ``abs`` are reduced exactly as for real identities.
"""

from __future__ import annotations

import random

from ..language import Identity, concrete
from ..verdict import Counterexample, complex_text
from .atoms import Field, Unsupported
from .complex_values import complex_rational_values, complex_symbolic_values
from .derivatives import DERIVATIVE_RULES
from .evaluate import Context, atom_budget, evaluate
from .gaussian import ComplexField, Gauss
from .jets import Undefined, flatten
from .linalg import Tensor
from .outcome import LevelOutcome, exact_counterexample
from .residual import Decision, decide, numeric_value


def _complex_symbols(identity: Identity) -> frozenset[str]:
    return frozenset(n for n, d in identity.declarations.items() if d.complex)


def _sides(identity: Identity, field: ComplexField, sizes: dict[str, int], values: dict[str, list]) -> list[Tensor]:
    env = {name: Tensor(concrete(d.shape, sizes), tuple(values[name])) for name, d in identity.declarations.items()}
    ctx = Context(field, sizes, env, DERIVATIVE_RULES)
    return [Tensor(t.shape, tuple(flatten(x) for x in t.data)) for t in (evaluate(s, ctx) for s in identity.sides)]


def decide_complex(field: Field, r: Gauss) -> Decision:
    """Zero when both parts are; nonzero when either is; else undecided with the part's reason."""
    parts = [decide(field, r.re), decide(field, r.im)]
    if any(p.zero is False for p in parts):
        return Decision(False)
    undecided = [p for p in parts if p.zero is None]
    return undecided[0] if undecided else Decision(True)


def _residuals(field: Field, sides: list[Tensor]):
    """(outcome status, link) of the first nonzero or undecided residual, or ("ok", None)."""
    for link, (left, right) in enumerate(zip(sides, sides[1:])):
        for a, b in zip(left.data, right.data):
            decision = decide_complex(field, a - b)
            if decision.zero is False:
                return "false", link, ""
            if decision.zero is None:
                return "undecided", link, decision.reason
    return "ok", None, ""


def prove(identity: Identity, sizes: dict[str, int]):
    """Level (a) over Gaussian rational functions of independent real and imaginary parts."""
    try:
        symbols, raw = complex_symbolic_values(identity, sizes)
    except Unsupported as exc:
        return LevelOutcome("unsupported", str(exc))
    real = Field(symbols, atom_budget(identity.nodes, sizes))
    field = ComplexField(real, _complex_symbols(identity))

    def element(x):
        if x == 0:
            return real.zero
        return real.symbols[x] if x in real.symbols else -real.symbols[-x]  # -b below a Hermitian diagonal

    values = {name: [Gauss(element(re), element(im)) for re, im in xs] for name, xs in raw.items()}
    try:
        sides = _sides(identity, field, sizes, values)
    except Undefined as exc:
        return LevelOutcome("undefined", f"undefined for every value ({exc})")
    except Unsupported as exc:
        return LevelOutcome("unsupported", str(exc))
    status, link, reason = _residuals(real, sides)
    if status == "false":
        return LevelOutcome("false", f"link {link} has a nonzero residual")
    return LevelOutcome(status, reason)


def exact_point(identity: Identity, sizes: dict[str, int], rng: random.Random, draws: int):
    """Level (b) at a random Gaussian-integer point honouring the assumptions."""
    budget = atom_budget(identity.nodes, sizes)
    reason = ""
    for _ in range(draws):
        try:
            point = complex_rational_values(identity, sizes, rng)
            real = Field([], budget)
            field = ComplexField(real, _complex_symbols(identity))
            values = {
                name: [Gauss(real.const(re), real.const(im)) for row in rows for re, im in row]
                for name, rows in point.items()
            }
            sides = _sides(identity, field, sizes, values)
        except Undefined as exc:
            reason = str(exc)
            continue
        except Unsupported as exc:
            return LevelOutcome("unsupported", str(exc))
        status, link, why = _residuals(real, sides)
        if status == "false":
            return LevelOutcome("false", counterexample=_counterexample(real, link, sizes, point, sides))
        return LevelOutcome(status, why)
    return LevelOutcome("undefined", f"undefined at each of {draws} random points ({reason})")


def _value(field: Field, x) -> str | float:
    re, im = (float(numeric_value(field, part)) for part in (x.re, x.im))
    return re if im == 0 else complex_text(complex(re, im))


def _counterexample(field: Field, link: int, sizes, point, sides: list[Tensor]) -> Counterexample:
    def given(rows):
        texts = [[float(re) if im == 0 else complex_text(complex(re, im)) for re, im in row] for row in rows]
        return texts[0][0] if len(texts) == 1 and len(texts[0]) == 1 else texts

    values = {name: given(rows) for name, rows in point.items()}
    return exact_counterexample(link, sizes, values, sides[link], sides[link + 1], lambda x: _value(field, x))
