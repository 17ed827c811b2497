"""The complex domain of the exact levels: Gaussian rationals, part by part.

(a) proves at a small size with the real and imaginary part of every entry an independent
symbol: each residual entry's real and imaginary parts must both be the zero rational function.
(b) evaluates at random Gaussian-integer points. The residual is decided part by part with the
real field's ``decide``, so roots from ``abs`` are reduced exactly as for real identities. The
driver is :mod:`.levels`'; this module gives it what differs (:class:`~.outcome.Domain`).
"""

from __future__ import annotations

from ..language import Identity, concrete
from ..verdict import complex_text
from . import stacked_derivatives
from .atoms import Field
from .complex_values import complex_rational_values, complex_symbolic_values
from .derivatives import DERIVATIVE_RULES
from .evaluate import Context, evaluate
from .gaussian import ComplexField, Gauss
from .jets import flatten
from .linalg import Tensor
from .outcome import Domain
from .residual import Decision, decide, numeric_value


def _field(identity: Identity, real: Field) -> ComplexField:
    return ComplexField(real, frozenset(n for n, d in identity.declarations.items() if d.complex))


def _sides(identity: Identity, field: ComplexField, sizes: dict[str, int], values: dict[str, list]) -> list[Tensor]:
    """Every side at one point: by whole matrices of Gaussian values, as real identities are, else by jets."""
    whole = stacked_derivatives.whole_sides(identity, field, sizes, values)
    return whole if whole is not None else _jet_sides(identity, field, sizes, values)


def _jet_sides(identity: Identity, field: ComplexField, sizes: dict[str, int], values: dict[str, list]) -> list[Tensor]:
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


def _symbol_entries(real: Field, raw: dict[str, list]) -> dict[str, list]:
    def element(x):
        if x == 0:
            return real.zero
        return real.symbols[x] if x in real.symbols else -real.symbols[-x]  # -b below a Hermitian diagonal

    return {name: [Gauss(element(re), element(im)) for re, im in xs] for name, xs in raw.items()}


def _point_entries(real: Field, point: dict[str, list]) -> dict[str, list]:
    return {
        name: [Gauss(real.const(re), real.const(im)) for row in rows for re, im in row] for name, rows in point.items()
    }


def _shown(real: Field, x: Gauss) -> str | float:
    re, im = (float(numeric_value(real, part)) for part in (x.re, x.im))
    return re if im == 0 else complex_text(complex(re, im))


def _given(rows: list) -> object:
    texts = [[float(re) if im == 0 else complex_text(complex(re, im)) for re, im in row] for row in rows]
    return texts[0][0] if len(texts) == 1 and len(texts[0]) == 1 else texts


COMPLEX = Domain(
    symbolic_values=complex_symbolic_values,
    rational_values=complex_rational_values,
    field=_field,
    symbol_entries=_symbol_entries,
    point_entries=_point_entries,
    sides=_sides,
    decide=decide_complex,
    shown=_shown,
    given=_given,
)
