"""Complex matrices end to end: the tables of tests/tables/complex_identities.py through ``check``,
the exact level on its own, the numeric Wirtinger derivative against closed forms, Gaussian
arithmetic, and the command line's answers for complex input."""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tables import MALFORMED, TRUE, WRONG
from tables.complex_identities import MALFORMED_COMPLEX, TRUE_COMPLEX, WRONG_COMPLEX

from matrixcalc import cli
from matrixcalc.errors import IdentityError
from matrixcalc.language import parse_expression, parse_identity
from matrixcalc.numeric import Evaluator
from matrixcalc.numeric.compare import ACCEPT, relative_error
from matrixcalc.numeric.complex_sampling import sample_complex_matrix
from matrixcalc.symbolic import check_symbolic
from matrixcalc.symbolic.gaussian import Gauss
from matrixcalc.verdict import complex_entries
from matrixcalc.verify import check


def test_tables_are_big_and_unique():
    assert len(TRUE_COMPLEX) >= 25
    assert len(WRONG_COMPLEX) >= 50
    assert len(MALFORMED_COMPLEX) >= 20
    ids = [row[0] for row in TRUE_COMPLEX + WRONG_COMPLEX]
    assert len(ids) == len(set(ids))
    assert not set(ids) & {row[0] for row in TRUE + WRONG}
    assert not {row[:2] for row in MALFORMED_COMPLEX} & {row[:2] for row in MALFORMED}


@pytest.mark.parametrize("identity, where", [row[1:3] for row in TRUE_COMPLEX], ids=[row[0] for row in TRUE_COMPLEX])
def test_true_complex_identity_verifies(identity, where):
    verdict = check(identity, where)
    if verdict.status == "numeric-only":
        pytest.fail(f"numeric-only is not a pass: {verdict.symbolic.reason if verdict.symbolic else 'no reason'}")
    assert verdict.status == "verified", verdict.counterexample
    assert verdict.symbolic.proved and verdict.symbolic.complete
    assert "Wirtinger" in verdict.numeric.method


@pytest.mark.parametrize("identity, where", [row[1:3] for row in WRONG_COMPLEX], ids=[row[0] for row in WRONG_COMPLEX])
def test_wrong_complex_identity_is_refuted(identity, where):
    verdict = check(identity, where)
    assert verdict.status == "refuted", verdict.summary()
    ce = verdict.counterexample
    assert ce is not None and ce.values
    assert set(ce.values) <= {w.split(":")[0].strip() for w in where.split(";")}
    assert ce.left != ce.right
    difference = np.asarray(complex_entries(ce.difference), dtype=complex)
    assert np.max(np.abs(difference)) > 0


@pytest.mark.parametrize("identity, where", [row[1:3] for row in WRONG_COMPLEX], ids=[row[0] for row in WRONG_COMPLEX])
def test_wrong_complex_identity_is_refuted_exactly(identity, where):
    """The exact level alone, without the numeric check, finds a Gaussian-rational counterexample."""
    evidence, counterexample = check_symbolic(parse_identity(identity, where), seed=7, timeout=60)
    assert counterexample is not None, evidence.summary()
    assert counterexample.exact
    assert not evidence.complete or not evidence.proved


@pytest.mark.parametrize(
    "identity, where, fragment, column",
    MALFORMED_COMPLEX,
    ids=[f"{i}:{row[2][:30]}" for i, row in enumerate(MALFORMED_COMPLEX)],
)
def test_malformed_complex_is_rejected(identity, where, fragment, column):
    with pytest.raises(IdentityError) as info:
        check(identity, where)
    assert fragment in info.value.message
    if column is not None:
        assert info.value.column == column


# -- the numeric Wirtinger derivative against closed forms -------------------------------------------

CLOSED_FORMS = [
    # (derivative expression, where, closed form from the values)
    ("d(z.H @ A @ z, z)", "A: n x n complex; z: n complex", lambda v: v["A"].T @ v["z"].conj()),
    ("d(z.H @ A @ z, conj(z))", "A: n x n complex; z: n complex", lambda v: v["A"] @ v["z"]),
    ("d(abs(c) ** 2, c)", "c: scalar complex", lambda v: v["c"].conj()),
    ("d(abs(c), conj(c))", "c: scalar complex", lambda v: v["c"] / (2 * np.abs(v["c"]))),
    ("d(det(Z), Z)", "Z: n x n complex", lambda v: np.linalg.det(v["Z"]) * np.linalg.inv(v["Z"]).T),
    ("d(log(abs(det(Z))), conj(Z))", "Z: n x n complex", lambda v: np.linalg.inv(v["Z"]).conj().T / 2),
    ("jac(conj(A @ z), conj(z))", "A: m x n complex; z: n complex", lambda v: v["A"].conj()),
    ("d(tr(Z @ Z.H), Z)", "Z: m x n complex", lambda v: v["Z"].conj()),
    (
        "differential(tr(Z @ Z.H), Z, dZ)",
        "Z: m x n complex; dZ: m x n complex",
        lambda v: np.trace(v["dZ"] @ v["Z"].conj().T + v["Z"] @ v["dZ"].conj().T).reshape(1, 1),
    ),
]


@settings(max_examples=25, deadline=None)
@given(
    case=st.sampled_from(CLOSED_FORMS),
    seed=st.integers(0, 2**32 - 1),
    m=st.integers(1, 4),
    n=st.integers(1, 4),
)
def test_numeric_wirtinger_matches_closed_forms(case, seed, m, n):
    text, where, closed = case
    node, declarations = parse_expression(text, where)
    sizes = {"m": m, "n": n}
    rng = np.random.default_rng(seed)
    values = {
        name: sample_complex_matrix(rng, tuple(int(d.value(sizes)) for d in decl.shape), decl.assumptions)
        for name, decl in declarations.items()
    }
    evaluate = Evaluator(sizes, True, {name for name, d in declarations.items() if d.complex})
    assert relative_error(evaluate(node, values), closed(values)) <= ACCEPT


# -- Gaussian rationals -------------------------------------------------------------------------------

fractions = st.fractions(min_value=-1000, max_value=1000, max_denominator=1000)
gaussians = st.tuples(fractions, fractions)


@given(a=gaussians, b=gaussians)
def test_gaussian_arithmetic_is_exact_complex_arithmetic(a, b):
    (p, q), (r, t) = a, b
    x, y = Gauss(p, q), Gauss(r, t)
    assert x + y == Gauss(p + r, q + t)
    assert x - y == Gauss(p - r, q - t)
    assert x * y == Gauss(p * r - q * t, p * t + q * r)
    assert x.conjugate() == Gauss(p, -q)
    assert -x == Gauss(-p, -q)
    if b != (0, 0):
        assert (x / y) * y == x
        assert x / y == Gauss((p * r + q * t) / (r * r + t * t), (q * r - p * t) / (r * r + t * t))


def test_gaussian_equality_with_plain_numbers():
    assert Gauss(Fraction(3), Fraction(0)) == 3
    assert Gauss(Fraction(3), Fraction(1)) != 3
    assert Gauss(Fraction(0), Fraction(0)) == 0


# -- the verdict's honesty and the front ends -----------------------------------------------------------


def test_complex_identity_is_never_checked_by_the_complex_step():
    verdict = check("A.H == A.T", "A: m x n")  # .H of a real symbol: fine, and complex mode
    assert verdict.status == "verified"
    assert "Wirtinger" in verdict.numeric.method


def test_cli_prints_a_complex_counterexample_readably(capsys):
    code = cli.main(["check", "d(abs(c) ** 2, c) == 2 * conj(c)", "--where", "c: scalar complex"])
    out, _ = capsys.readouterr()
    assert code == 1
    line = next(row for row in out.splitlines() if row.strip().startswith("c = "))
    assert line.strip().endswith("i") and ("+" in line or "-" in line)


def test_cli_rejects_a_complex_log_with_a_caret(capsys):
    code = cli.main(["check", "log(c) == c", "--where", "c: scalar complex"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "log needs a real argument" in err
    assert "    ^" in err


def test_calculator_derives_wirtinger_derivatives(capsys):
    code = cli.main(["diff", "z.H @ A @ z", "--wrt", "conj(z)", "--where", "A: n x n complex; z: n complex"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines()[0] == "d(z.H @ A @ z, conj(z)) == A @ z"


def test_calculator_says_not_yet_for_complex_hessians(capsys):
    code = cli.main(["diff", "z.H @ A @ z", "--wrt", "z", "--where", "A: n x n complex; z: n complex", "--hessian"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "not yet: Hessians with complex values" in err


def test_calculator_derives_a_holomorphic_expression_of_a_complex_symbol(capsys):
    code = cli.main(["diff", "det(Z)", "--wrt", "Z", "--where", "Z: n x n complex invertible"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines()[0] == "d(det(Z), Z) == det(Z) * inv(Z).T"
    assert "verified" in out


def test_exact_points_are_gaussian_integers():
    from matrixcalc.symbolic.complex_values import complex_rational_values

    identity = parse_identity("A.H == A", "A: n x n complex hermitian")
    point = complex_rational_values(identity, {"n": 3}, random.Random(1))["A"]
    for i in range(3):
        assert point[i][i][1] == 0
        for j in range(3):
            assert point[i][j] == (point[j][i][0], -point[j][i][1])
            assert all(part.denominator == 1 for part in point[i][j])
