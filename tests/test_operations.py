"""The operation registry: one record per operation, read by every layer."""

from __future__ import annotations

import pytest

from matrixcalc.calculus import differential as calculus_differential
from matrixcalc.calculus import numpy_code
from matrixcalc.errors import IdentityError
from matrixcalc.language import parse_identity
from matrixcalc.language.signatures import FUNCTIONS, REAL_ARGUMENT, RESERVED
from matrixcalc.latex import printer
from matrixcalc.numeric import evaluate as numeric_evaluate
from matrixcalc.operations import OPERATIONS, Operation, decompose_identity, register
from matrixcalc.symbolic.atoms import ENTRYWISE

NEW = ("softplus", "softmax", "logsumexp")
ENTRYWISE_FUNCTIONS = ("log", "exp", "sqrt", "sin", "cos", "tanh", "sigmoid")


def test_the_registry_holds_the_entrywise_functions_and_the_new_operations():
    assert set(NEW) | set(ENTRYWISE_FUNCTIONS) == set(OPERATIONS)


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_layer_reads_the_record(name):
    record = OPERATIONS[name]
    assert FUNCTIONS[name] == (record.arity, record.shape)
    assert name in RESERVED
    assert REAL_ARGUMENT.get(name) == record.real_argument
    assert numeric_evaluate.OPERATIONS[name] is record.numeric or record.positive_argument
    assert calculus_differential.RULES[name] is record.differential
    assert numpy_code.RULES[name] is record.numpy
    assert name in printer.RULES
    assert (name in ENTRYWISE) == (record.exact is not None)


def test_a_record_is_registered_once_with_one_exact_rule():
    record = OPERATIONS["softplus"]
    with pytest.raises(ValueError, match="registered twice"):
        register(record)
    with pytest.raises(ValueError, match="either a decomposition or an exact rule"):
        register(Operation(**{**record.__dict__, "name": "softplus2", "decomposition": None}))
    assert "softplus2" not in OPERATIONS


def test_decomposition_leaves_only_primitive_operations():
    identity = parse_identity("logsumexp(x) + sum(softplus(x)) == x.T @ softmax(x)", "x: n")
    ops = {node.op for node in decompose_identity(identity).nodes}
    assert not ops & set(NEW)
    assert {"log", "exp", "sum", "div"} <= ops


def test_an_identity_without_new_operations_is_not_rebuilt():
    identity = parse_identity("exp(x) == exp(x)", "x: n")
    assert decompose_identity(identity) is identity


def test_a_record_name_cannot_be_a_symbol():
    with pytest.raises(IdentityError, match="'softmax' is a function of the language"):
        parse_identity("softmax == softmax", "softmax: n")
