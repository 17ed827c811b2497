"""Whole-matrix evaluation (``stacked.py``) gives exactly the values of the jets, entry for entry.

Both evaluators run on the same field and the same point (atoms are shared by key, so both meet
the same generators): every entry of every side must be equal as an element of the field, and
a side undefined for one must be undefined for the other. This is what lets the faster one
stand in for the jets without changing any evidence.
"""

from __future__ import annotations

import random

import pytest
from tables import TRUE, WRONG
from tables.complex_identities import TRUE_COMPLEX, WRONG_COMPLEX

from matrixcalc.language import parse_identity
from matrixcalc.sizes import proof_sizes, size_assignments
from matrixcalc.symbolic import stacked, stacked_derivatives
from matrixcalc.symbolic.atoms import Field, Unsupported
from matrixcalc.symbolic.complex_levels import COMPLEX
from matrixcalc.symbolic.evaluate import atom_budget
from matrixcalc.symbolic.jets import Undefined
from matrixcalc.symbolic.levels import _jet_sides
from matrixcalc.symbolic.values import rational_values, symbolic_values
from matrixcalc.symbolic.worker import OutOfTime

ROWS = [
    (row[0], row[1], row[2]) for row in TRUE + WRONG if stacked_derivatives.supports(parse_identity(row[1], row[2]))
]
SYMBOLIC = [row for row in ROWS[::4] if "orthogonal" not in row[2]]  # orthogonal: no proof with symbols


def _outcome(evaluate, identity, field, sizes, values):
    try:
        sides = evaluate(identity, field, sizes, values)
    except Undefined:
        return "undefined"
    return None if sides is None else [(t.shape, t.data) for t in sides]


def same(identity, field, sizes, values, jet_sides=_jet_sides) -> None:
    """Whole matrices and the jets (``jet_sides``) give equal sides, or are both undefined."""
    jets = _outcome(jet_sides, identity, field, sizes, values)
    fast = _outcome(stacked_derivatives.whole_sides, identity, field, sizes, values)
    if fast is None:
        return  # a rule fell back: the jets evaluate it (levels does the same)
    if jets == "undefined" or fast == "undefined":
        assert jets == fast
        return
    assert [shape for shape, _ in fast] == [shape for shape, _ in jets]
    for (_, a), (_, b) in zip(fast, jets):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            assert x - y == 0, (sizes, x, y)


@pytest.mark.parametrize("ident, text, where", ROWS, ids=[row[0] for row in ROWS])
def test_whole_matrices_give_the_jets_values_at_exact_points(ident, text, where):
    identity = parse_identity(text, where)
    rng = random.Random(ident)
    for sizes in size_assignments(identity)[:3]:
        try:
            point = rational_values(identity, sizes, rng)
        except Unsupported:
            continue
        field = Field([], atom_budget(identity.nodes, sizes))
        values = {name: [field.const(x) for row in rows for x in row] for name, rows in point.items()}
        same(identity, field, sizes, values)


@pytest.mark.parametrize("ident, text, where", SYMBOLIC, ids=[row[0] for row in SYMBOLIC])
def test_whole_matrices_give_the_jets_values_with_symbols(ident, text, where):
    identity = parse_identity(text, where)
    sizes = proof_sizes(identity)
    symbols, raw = symbolic_values(identity, sizes)
    field = Field(symbols, atom_budget(identity.nodes, sizes))
    values = {name: [field.symbols[x] if x != 0 else field.zero for x in xs] for name, xs in raw.items()}
    same(identity, field, sizes, values)


SITE_NESTED = [  # the site's, beyond the tables: reverse mode and an inverse on entries that are jets
    (
        "cb-norm-distance-hessian",
        "hess(norm(x - a), x) == jac(d(norm(x - a), x), x)"
        " == I(n) / norm(x - a) - (x - a) @ (x - a).T / norm(x - a) ** 3",
        "x: n; a: n",
    ),
    (
        "so-trace-inverse-vec",
        "hess(tr(inv(X)), vec(X)) == jac(vec(S.T), vec(S)) @ (kron((X ** -2).T, inv(X)) + kron(inv(X).T, X ** -2))",
        "X: n x n invertible; S: n x n",
    ),
]


@pytest.mark.parametrize("ident, text, where", SITE_NESTED, ids=[row[0] for row in SITE_NESTED])
def test_nested_derivatives_of_the_site_give_the_jets_values(ident, text, where):
    test_whole_matrices_give_the_jets_values_at_exact_points(ident, text, where)
    test_whole_matrices_give_the_jets_values_with_symbols(ident, text, where)


COMPLEX_ROWS = [
    (row[0], row[1], row[2])
    for row in TRUE_COMPLEX + WRONG_COMPLEX
    if stacked_derivatives.supports(parse_identity(row[1], row[2]))
]


@pytest.mark.parametrize("ident, text, where", COMPLEX_ROWS, ids=[row[0] for row in COMPLEX_ROWS])
def test_whole_complex_matrices_give_the_jets_values(ident, text, where):
    """At Gaussian-rational points and with symbols for every real and imaginary part."""
    identity = parse_identity(text, where)
    rng = random.Random(ident)
    for sizes in size_assignments(identity)[:2]:
        real = Field([], atom_budget(identity.nodes, sizes))
        try:
            point = COMPLEX.rational_values(identity, sizes, rng)
        except Unsupported:
            continue
        field = COMPLEX.field(identity, real)
        same(identity, field, sizes, COMPLEX.point_entries(real, point), COMPLEX.sides)
    sizes = proof_sizes(identity)
    symbols, raw = COMPLEX.symbolic_values(identity, sizes)
    real = Field(symbols, atom_budget(identity.nodes, sizes))
    same(identity, COMPLEX.field(identity, real), sizes, COMPLEX.symbol_entries(real, raw), COMPLEX.sides)


def test_most_of_the_complex_tables_are_evaluated_whole():
    assert len(COMPLEX_ROWS) > 0.9 * len(TRUE_COMPLEX + WRONG_COMPLEX)


def test_most_of_the_tables_are_evaluated_whole():
    assert len(ROWS) > 0.9 * len(TRUE + WRONG)


def test_nested_derivatives_are_evaluated_whole_except_under_a_differential():
    assert stacked_derivatives.supports(parse_identity("hess(x.T @ A @ x, x) == A + A.T", "x: n; A: n x n"))
    assert stacked_derivatives.supports(parse_identity("d(tr(d(tr(X @ Y), X)), Y) == I(n)", "X: n x n; Y: n x n"))
    assert stacked_derivatives.supports(parse_identity("d(tr(X), X) + d(tr(X), X) == 2 * I(n)", "X: n x n"))
    nested = parse_identity("differential(tr(d(tr(X @ X), X)), X, dX) == 2 * tr(dX)", "X: n x n; dX: n x n")
    assert not stacked_derivatives.supports(nested)


def test_a_time_limit_firing_inside_numpy_is_raised_as_itself(monkeypatch):
    """numpy can wrap the alarm's exception in SystemError ("returned a result with an exception set")."""

    def interrupted(self, node):
        try:
            raise OutOfTime()
        except OutOfTime as exc:
            raise SystemError("<class 'PolyElement'> returned a result with an exception set") from exc

    monkeypatch.setattr(stacked.Evaluator, "side", interrupted)
    identity = parse_identity("d(tr(X), X) == I(n)", "X: n x n")
    field = Field([], 0)
    with pytest.raises(OutOfTime):
        stacked_derivatives.whole_sides(
            identity, field, {"n": 2}, {"X": [field.one, field.zero, field.zero, field.one]}
        )


def test_a_proof_is_remembered_and_one_cut_short_is_not(monkeypatch):
    from matrixcalc.symbolic import levels

    identity = parse_identity("d(tr(X @ X), X) == 2 * X.T", "X: n x n")
    calls = []
    real = levels._prove

    def counted(identity, sizes):
        calls.append(sizes)
        if len(calls) == 1:
            raise OutOfTime()
        return real(identity, sizes)

    monkeypatch.setattr(levels, "_prove", counted)
    monkeypatch.setattr(levels, "_proofs", levels.OrderedDict())
    with pytest.raises(OutOfTime):
        levels.prove(identity, {"n": 2})
    assert levels.prove(identity, {"n": 2}).status == "ok"
    assert levels.prove(identity, {"n": 2}).status == "ok"
    assert levels.prove(identity, {"n": 3}).status == "ok"
    assert calls == [{"n": 2}, {"n": 2}, {"n": 3}]
