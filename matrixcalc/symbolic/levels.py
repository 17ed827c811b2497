"""One level at one size assignment: exact proof with symbols, or exact evaluation at a random point."""

from __future__ import annotations

import functools
import random
from collections import OrderedDict

from flint import fmpq

from ..language import Identity, concrete
from . import stacked_derivatives
from .atoms import Field, Unsupported
from .complex_levels import COMPLEX
from .derivatives import DERIVATIVE_RULES
from .evaluate import Context, atom_budget, evaluate
from .jets import Undefined, flatten
from .lazy import Frac
from .linalg import Tensor
from .outcome import Domain, LevelOutcome, exact_counterexample
from .residual import decide, numeric_value
from .values import rational_values, symbolic_values

DRAWS = 12  # redraws at one size before it counts as undefined everywhere


def _sides(identity: Identity, field: Field, sizes: dict[str, int], values: dict[str, list]) -> list[Tensor]:
    """Both (all) sides at one point: whole matrices at once where they can be, else by jets.

    Proofs (a field of symbols) go whole too, the gradient of a scalar by reverse mode: the
    zeros of forward mode's derivative stacks cost no polynomial product (``lazy.Frac``), so
    small Jacobians are no slower than the jets, which skip zero coefficients.
    """
    whole = stacked_derivatives.whole_sides(identity, field, sizes, values)
    return whole if whole is not None else _jet_sides(identity, field, sizes, values)


def _jet_sides(identity: Identity, field: Field, sizes: dict[str, int], values: dict[str, list]) -> list[Tensor]:
    env = {}
    for name, decl in identity.declarations.items():
        shape = concrete(decl.shape, sizes)
        env[name] = Tensor(shape, tuple(values[name]))
    ctx = Context(field, sizes, env, DERIVATIVE_RULES)
    return [Tensor(t.shape, tuple(flatten(x) for x in t.data)) for t in (evaluate(s, ctx) for s in identity.sides)]


def _field(identity: Identity, symbols: list, budget: int) -> Field:
    """The field of one evaluation; sigmoid goes through exp when the identity also has exp or log."""
    ops = {node.op for node in identity.nodes}
    return Field(symbols, budget, sigmoid_via_exp="sigmoid" in ops and bool(ops & {"exp", "log"}))


def _real_given(rows: list) -> object:
    return float(rows[0][0]) if len(rows) == 1 and len(rows[0]) == 1 else [[float(x) for x in row] for row in rows]


REAL = Domain(
    symbolic_values=symbolic_values,
    rational_values=rational_values,
    field=lambda identity, real: real,
    symbol_entries=lambda real, raw: {
        name: [real.symbols[x] if x != 0 else real.zero for x in xs] for name, xs in raw.items()
    },
    point_entries=lambda real, point: {
        name: [real.const(x) for row in rows for x in row] for name, rows in point.items()
    },
    sides=_sides,
    decide=decide,
    shown=lambda real, x: float(numeric_value(real, x)),
    given=_real_given,
)


def _domain(identity: Identity) -> Domain:
    return COMPLEX if identity.is_complex else REAL


PROOFS_KEPT = 256  # proofs remembered per process (the oldest is forgotten first)
_proofs: OrderedDict[tuple, LevelOutcome] = OrderedDict()


def forget_proofs() -> None:
    """Forget every remembered proof (a benchmark's repeat must be a first check)."""
    _proofs.clear()


def prove(identity: Identity, sizes: dict[str, int]) -> LevelOutcome:
    """Level (a), remembered: the proof is a pure function of the identity and the sizes (symbols,
    exact arithmetic, no seed), so a second check of the same identity in this process — another
    seed, a rebuilt page — reuses the outcome. One cut short by a time limit raises and is not kept.
    """
    key = (identity.text, identity.where, tuple(sorted(sizes.items())))
    outcome = _proofs.get(key)
    if outcome is None:
        outcome = _prove(identity, sizes)
        _proofs[key] = outcome
        if len(_proofs) > PROOFS_KEPT:
            _proofs.popitem(last=False)
    return outcome


def _prove(identity: Identity, sizes: dict[str, int]) -> LevelOutcome:
    """Level (a): every symbol a matrix of sympy symbols; each residual entry exactly zero."""
    domain = _domain(identity)
    try:
        symbols, raw = domain.symbolic_values(identity, sizes)
    except Unsupported as exc:
        return LevelOutcome("unsupported", str(exc))
    real = _field(identity, symbols, atom_budget(identity.nodes, sizes))
    field = domain.field(identity, real)
    values = domain.symbol_entries(real, raw)
    try:
        sides = domain.sides(identity, field, sizes, values)
    except Undefined as exc:
        return LevelOutcome("undefined", f"undefined for every value ({exc})")
    except Unsupported as exc:
        return LevelOutcome("unsupported", str(exc))
    outcome = _proof_outcome(*_residuals(domain, real, sides))
    if outcome.status == "undecided" and any(atom.kind == "exp" for atom in real.atoms.values()):
        # once every exp atom exists, exp(a + b) meets exp(a) exp(b) whichever side came first
        # (atoms.Field.exp): a second pass over the same field, which makes no atom it has
        try:
            again = _proof_outcome(*_residuals(domain, real, domain.sides(identity, field, sizes, values)))
        except (Undefined, Unsupported):
            return outcome
        if again.status != "undecided":
            return again
    return outcome


def _proof_outcome(status: str, link: int | None, reason: str) -> LevelOutcome:
    if status == "false":
        return LevelOutcome("false", f"link {link} has a nonzero residual")
    return LevelOutcome(status, reason)


def _residuals(domain: Domain, real: Field, sides: list[Tensor]) -> tuple[str, int | None, str]:
    """(status, link, reason) of the first nonzero or undecided residual, or ("ok", None, "")."""
    for link, (left, right) in enumerate(zip(sides, sides[1:])):
        if _equal(left, right):
            continue
        for a, b in zip(left.data, right.data):
            decision = domain.decide(real, a - b)
            if decision.zero is False:
                return "false", link, ""
            if decision.zero is None:
                return "undecided", link, decision.reason
    return "ok", None, ""


def exact_point(identity: Identity, sizes: dict[str, int], rng: random.Random, draws: int = DRAWS) -> LevelOutcome:
    """Level (b): a random rational point honouring the assumptions; residuals must be exactly zero."""
    domain = _domain(identity)
    budget = atom_budget(identity.nodes, sizes)
    reason = ""
    for _ in range(draws):
        try:
            point = domain.rational_values(identity, sizes, rng)
            real = _field(identity, [], budget)
            sides = domain.sides(identity, domain.field(identity, real), sizes, domain.point_entries(real, point))
        except Undefined as exc:
            reason = str(exc)
            continue
        except Unsupported as exc:
            return LevelOutcome("unsupported", str(exc))
        status, link, why = _residuals(domain, real, sides)
        if status == "false":
            values = {name: domain.given(rows) for name, rows in point.items()}
            left, right = sides[link], sides[link + 1]
            example = exact_counterexample(link, sizes, values, left, right, functools.partial(domain.shown, real))
            return LevelOutcome("false", counterexample=example)
        return LevelOutcome(status, why)
    return LevelOutcome("undefined", f"undefined at each of {draws} random points ({reason})")


EXACT_TYPES = (fmpq, Frac)  # rationals and fractions: == is exact, formal equality


def _equal(left: Tensor, right: Tensor) -> bool:
    """Are two sides formally equal entry by entry? Then every residual is zero, which ``decide``
    would conclude one entry at a time (a subtraction each); otherwise it decides (atoms may relate)."""
    return all(type(x) in EXACT_TYPES for x in left.data) and left.data == right.data
