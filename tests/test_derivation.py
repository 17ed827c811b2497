"""Derivations: every link is checked at its own line, and the conclusion like an identity."""

import pytest

from matrixcalc.derivation import check_derivation, parse_derivation
from matrixcalc.errors import IdentityError

WHERE = "J: m x n; X: m x p; Y: p x n; dX: m x p"
GOOD = """differential(frob(J, X @ Y), X, dX)
  == frob(J, dX @ Y)          # product rule; J is constant
  == frob(J @ Y.T, dX)        # cyclic property of the trace
=> d(frob(J, X @ Y), X) == J @ Y.T   # identification"""


def test_steps_lines_and_justifications():
    derivation = parse_derivation(GOOD, WHERE)
    assert [s.kind for s in derivation.steps] == ["start", "step", "step", "conclusion"]
    assert [s.line for s in derivation.steps] == [0, 1, 2, 3]
    assert derivation.steps[2].justification == "cyclic property of the trace"
    assert derivation.link_text(2) == "frob(J, dX @ Y) == frob(J @ Y.T, dX)"


def test_good_derivation_verifies_every_link():
    derivation = check_derivation(GOOD, WHERE)
    assert [s.verdict.status for s in derivation.steps[1:]] == ["verified"] * 3


def test_wrong_middle_step_fails_at_its_line():
    wrong = GOOD.replace("frob(J @ Y.T, dX)", "frob(J @ Y.T, dX) * 2")
    derivation = check_derivation(wrong, WHERE)
    assert [s.line for s in derivation.failures] == [2]
    assert derivation.failures[0].verdict.counterexample is not None


def test_wrong_conclusion_fails():
    derivation = check_derivation(GOOD.replace("== J @ Y.T", "== -J @ Y.T"), WHERE)
    assert [s.kind for s in derivation.failures] == ["conclusion"]


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("== x", 0, "starts with an expression"),
        ("x\n  == x @ x.T", 1, "shape of the line before"),
        ("x\n  == y", 1, "undeclared symbol 'y'"),
        ("x\n=> x == x\n== x", 2, "nothing may follow"),
        ("x\n  x", 1, "starts with '=='"),
        ("x == x\n== x", 0, "one expression per line"),
        ("x", 0, "at least one '==' step"),
        ("x\n  == x +", 1, "ends too early"),
    ],
)
def test_malformed_derivation_names_its_line(text, line, fragment):
    with pytest.raises(IdentityError) as caught:
        parse_derivation(text, "x: n")
    assert caught.value.line == line
    assert fragment in str(caught.value)
