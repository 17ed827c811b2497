"""The proof kernel: what it must prove for every size, what it must never prove, and its rules."""

from pathlib import Path

import pytest
from tables import TRUE, WRONG
from tables.complex_identities import WRONG_COMPLEX
from tables.wrong_identities import HANDWRITTEN

from matrixcalc.documents import find_blocks
from matrixcalc.language import parse_identity
from matrixcalc.proof import prove
from matrixcalc.proof.rules import RULES

DOCS = Path(__file__).resolve().parent.parent / "docs"
KERNEL = Path(__file__).resolve().parent.parent / "matrixcalc" / "proof"

PROVED = [
    ("d(tr(A @ X @ B), X) == A.T @ B.T", "A: p x m; X: m x n; B: n x p"),
    ("d(x.T @ A @ x, x) == (A + A.T) @ x", "x: n; A: n x n"),
    ("d(x.T @ A @ x, x) == 2 * A @ x", "x: n; A: n x n symmetric"),
    ("d(logdet(X), X) == inv(X).T", "X: n x n"),
    ("d(det(X), X) == det(X) * inv(X).T", "X: n x n invertible"),
    ("jac(vec(inv(X)), vec(X)) == -kron(inv(X).T, inv(X))", "X: n x n invertible"),
    ("vec(A @ X @ B) == kron(B.T, A) @ vec(X)", "A: p x m; X: m x n; B: n x q"),
    ("kron(A, B) @ kron(C, D) == kron(A @ C, B @ D)", "A: m x n; B: p x q; C: n x r; D: q x s"),
    (
        "jac(vec(P.T), vec(P)) @ kron(A, B) == kron(B, A) @ jac(vec(Q.T), vec(Q))",
        "A: m x n; B: r x s; P: r x m; Q: s x n",
    ),
    ("tr(A @ B @ C) == tr(C.T @ B.T @ A.T)", "A: m x n; B: n x p; C: p x m"),
    ("inv(A @ B) == inv(B) @ inv(A)", "A: n x n invertible; B: n x n invertible"),
    ("Q.T @ Q == I(n)", "Q: n x n orthogonal"),
    ("dsym(logdet(X), X) == inv(X)", "X: n x n spd"),
    ("hess(x.T @ A @ x, x) == A + A.T", "x: n; A: n x n"),
    ("d(sigmoid(a.T @ x), x) == sigmoid(a.T @ x) * (1 - sigmoid(a.T @ x)) * a", "a: n; x: n"),
    ("d(norm(x - a), x) == (x - a) / norm(x - a)", "x: n; a: n"),
    ("d(tr(X), X) == d(tr(X.T), X) == I(n)", "X: n x n"),
    ("det(kron(A, B)) == det(A) ** 3 * det(B) ** 2", "A: 2 x 2; B: 3 x 3"),
]

NOT_PROVED = [  # true only at some sizes, for some entries, or under an assumption that was not declared
    ("d(det(X), X) == tr(X) * I(2) - X.T", "X: 2 x 2", "Cayley-Hamilton at n = 2"),
    ("x @ x.T == x.T @ x * I(n)", "x: n", "an n x 1 vector is not a scalar"),
    ("A @ B == B @ A", "A: n x n diagonal; B: n x n diagonal", "commuting needs a declaration"),
    ("a.T @ b * c == c @ b.T @ a", "a: n; b: n; c: n", "true: a 1 x 1 product is a scalar"),
    ("sqrt(hadamard(x, x)) == x", "x: n", "only for nonnegative entries"),
    ("(s ** 2) ** (1 / 2) == s", "s: scalar", "only for s >= 0"),
    ("S.T == S", "S: n x n", "symmetry not declared"),
    ("det(A @ B) == det(A) * det(B.T @ I(n))", "A: n x n; B: n x n", "true: square factors"),
    ("det(A @ B) == det(B @ A)", "A: n x m; B: m x n", "the factors are not square"),
    ("hess(t ** 3, t) == 3 * t ** 2", "t: scalar", "a Hessian is a second derivative"),
    ("abs(s) == s", "s: scalar", "only for s >= 0"),
    ("d(abs(s), s) == 1", "s: scalar", "only for s > 0"),
    ("log(s ** 2) == 2 * log(s)", "s: scalar", "only for s > 0"),
    ("logdet(A @ B) == logdet(A) + logdet(B)", "A: n x n; B: n x n", "only when both determinants are positive"),
    ("det(-X) == det(X)", "X: n x n", "only for even n"),
    ("det(-X) == -det(X)", "X: 3 x 3", "true: an odd literal size"),
    ("K(m, n) @ kron(A, B) == kron(B, A) @ K(m, n)", "A: m x m; B: n x n", "the commutation matrices are swapped"),
    ("hess(t ** 3, t) == 6 * t", "t: scalar", "true: the second derivative"),
    ("d(tr(A @ X.T), X) == A.T", "A: n x n; X: n x n symmetric", "the assumption holds at the point only"),
]


@pytest.mark.parametrize("identity, where", PROVED)
def test_proved_for_every_size(identity, where):
    proof = prove(parse_identity(identity, where))
    assert proof.all_sizes, proof.reason
    assert all(rule in RULES for link in proof.links for rule in link["left"] + link["right"])


@pytest.mark.parametrize("identity, where, why", NOT_PROVED)
def test_never_proved_when_it_does_not_hold_everywhere(identity, where, why):
    proof = prove(parse_identity(identity, where))
    if why.startswith("true"):
        assert proof.all_sizes, proof.reason
    else:
        assert not proof.all_sizes, why
        assert proof.reason


def test_no_documented_mistake_is_proved():
    mistakes = [b for p in sorted(DOCS.rglob("*.md")) for b in find_blocks(p) if b.options.get("expect") == "false"]
    assert len(mistakes) >= 60
    proved = [
        b.ident for b in mistakes if prove(parse_identity(" ".join(b.body), b.options.get("where", ""))).all_sizes
    ]
    assert proved == []


def test_no_wrong_table_row_is_proved():
    rows = WRONG + HANDWRITTEN + WRONG_COMPLEX
    assert len(rows) >= 300
    proved = [row[0] for row in rows if prove(parse_identity(row[1], row[2])).all_sizes]
    assert proved == []


def test_true_table_is_mostly_proved():
    proofs = [prove(parse_identity(row[1], row[2])) for row in TRUE]
    assert sum(p.all_sizes for p in proofs) >= 0.8 * len(proofs)


def test_every_rule_the_kernel_can_apply_is_in_the_registry():
    """The registry is what the rules page shows; a rule ID used in the code must be in it."""
    import re

    used = set()
    for path in KERNEL.glob("*.py"):
        text = path.read_text()
        used |= set(re.findall(r'use\("([a-z0-9-]+)"\)', text))
        for template, names in (
            (r'use\(f"d-\{name', ("exp", "log", "sin", "cos", "tanh", "sigmoid", "pow")),
            (r'use\(f"\{name\}-negative"\)', ("tanh", "sin", "cos", "sigmoid")),
        ):
            if re.search(template, text):
                used |= {f"d-{n}" if "d-" in template else f"{n}-negative" for n in names}
    used |= {"d-det", "d-logdet", "clear-denominators"}
    assert used - set(RULES) == set()
    assert len(RULES) >= 60


def test_rules_page_shows_every_rule_of_the_registry():
    """The page is generated from the registry by the site directive; the page holds that directive."""
    page = (DOCS / "rules.md").read_text()
    assert "```{proof-rules}" in page
    from matrixcalc.proof.rules import KINDS

    assert {rule.kind for rule in RULES.values()} <= set(KINDS)


@pytest.mark.parametrize("rule", sorted(RULES), ids=sorted(RULES))
def test_each_rule_parses_with_its_declarations(rule):
    parse_identity(RULES[rule].statement, RULES[rule].where)
