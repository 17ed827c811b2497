"""An operation with a decomposition brings the kernel's rule for it: ``<name>-definition``, stated in its record."""

import pytest

from matrixcalc.language import parse_identity
from matrixcalc.operations import DECOMPOSED, OPERATIONS
from matrixcalc.proof import prove
from matrixcalc.proof.rules import RULES, definition_rule
from matrixcalc.verify import check


@pytest.mark.parametrize("name", sorted(DECOMPOSED))
def test_every_decomposed_operation_states_its_definition_as_a_rule(name):
    record = OPERATIONS[name]
    assert record.definition is not None, f"{name} has a decomposition but no stated definition"
    rule = RULES[definition_rule(name)]
    assert (rule.statement, rule.where) == record.definition


@pytest.mark.parametrize("name", sorted(DECOMPOSED))
def test_the_stated_definition_is_the_decomposition_the_code_uses(name):
    """The kernel writes the left side as the code's decomposition: the statement must then be proved."""
    proof = prove(parse_identity(*OPERATIONS[name].definition))
    assert proof.all_sizes, proof.reason
    assert definition_rule(name) in proof.links[0]["left"]


PROVED = [
    ("d(logsumexp(x), x) == softmax(x)", "x: n"),
    ("d(sum(softplus(X)), X) == sigmoid(X)", "X: m x n"),
    ("jac(softmax(x), x) == diagm(softmax(x)) - softmax(x) @ softmax(x).T", "x: n"),
    ("d(logsumexp(A @ x), x) == A.T @ softmax(A @ x)", "A: m x n; x: n"),
]

NOT_PROVED = [  # false: the kernel must not prove them, and the checks refute them
    ("d(logsumexp(x), x) == exp(x)", "x: n"),
    ("jac(softmax(x), x) == diagm(softmax(x))", "x: n"),
    ("softplus(X) == log(exp(X))", "X: m x n"),
]


@pytest.mark.parametrize("identity, where", PROVED)
def test_identities_of_the_new_operations_are_proved_for_every_size(identity, where):
    verdict = check(identity, where)
    assert verdict.status == "verified" and verdict.all_sizes, verdict.proof_summary()


@pytest.mark.parametrize("identity, where", NOT_PROVED)
def test_false_identities_of_the_new_operations_are_never_proved(identity, where):
    verdict = check(identity, where)
    assert verdict.status == "refuted" and not verdict.all_sizes
