"""The operation registry: one record per operation, read by every layer."""

from __future__ import annotations

import ast
import inspect
from dataclasses import replace

import pytest

from matrixcalc.calculus import conjugate, identify, numpy_code, simplify
from matrixcalc.calculus import differential as calculus_differential
from matrixcalc.calculus.identify import NoMatrixForm, gradient
from matrixcalc.errors import IdentityError
from matrixcalc.language import complexity, cost, hints, parse_expression, parse_identity, signatures, tree
from matrixcalc.language.complexity import REAL_VALUED
from matrixcalc.language.cost import COSTS
from matrixcalc.language.hints import FOREIGN
from matrixcalc.language.signatures import FUNCTIONS, REAL_ARGUMENT, RESERVED
from matrixcalc.language.tree import COMPLEX_OPS
from matrixcalc.latex import printer
from matrixcalc.numeric import evaluate as numeric_evaluate
from matrixcalc.operations import OPERATIONS, decompose_identity, register
from matrixcalc.symbolic import evaluate as symbolic_evaluate
from matrixcalc.symbolic.atoms import ENTRYWISE

NEW = ("softplus", "softmax", "logsumexp")
ENTRYWISE_FUNCTIONS = ("log", "exp", "sqrt", "sin", "cos", "tanh", "sigmoid")
MATRIX_OPERATIONS = (
    *("tr", "det", "logdet", "inv", "adj", "pinv", "kron", "vec", "hadamard", "frob", "norm", "sum"),
    *("diag", "diagm", "ediv", "conj", "real", "imag", "abs"),
)
OPERATORS = ("add", "sub", "neg", "mul", "div", "matmul", "matpow", "pow", "transpose", "ctranspose")


def test_the_registry_holds_every_operation():
    assert set(NEW) | set(ENTRYWISE_FUNCTIONS) | set(MATRIX_OPERATIONS) | set(OPERATORS) == set(OPERATIONS)


def test_every_function_of_the_language_is_a_record():
    assert set(FUNCTIONS) == {name for name, record in OPERATIONS.items() if record.call_form}
    assert set(OPERATIONS) - set(FUNCTIONS) == {"ediv", *OPERATORS}  # built from their syntax only


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_layer_reads_the_record(name):
    record = OPERATIONS[name]
    assert FUNCTIONS.get(name) == ((record.arity, record.shape) if record.call_form else None)
    assert (name in RESERVED) == record.call_form
    assert REAL_ARGUMENT.get(name) == record.real_argument
    assert COSTS[name] == (record.cost, record.degree)
    assert (name in COMPLEX_OPS) == record.complex_only
    assert (name in REAL_VALUED) == record.real_valued
    assert all(FOREIGN[spelling] == (record.written or name) for spelling in record.foreign)
    numeric = numeric_evaluate.OPERATIONS.get(name)
    assert numeric is record.numeric or (record.positive_argument and numeric is not None)
    assert numeric_evaluate.COMPLEX_OPERATIONS[name] is (record.numeric_complex or numeric)
    assert calculus_differential.RULES[name] is record.differential
    assert numpy_code.RULES.get(name) is record.numpy
    assert name in printer.RULES
    assert (name in ENTRYWISE) == (record.exact is not None)


LAYERS = (signatures, cost, tree, hints, complexity, printer, numeric_evaluate, calculus_differential, numpy_code)
LAYERS += (simplify, conjugate, identify)


def _literal_keys(module) -> set[str]:
    """The string keys of every dict literal, and the strings of every set literal, in a module's source."""
    keys: set[str] = set()
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        items = node.keys if isinstance(node, ast.Dict) else node.elts if isinstance(node, ast.Set) else []
        keys |= {item.value for item in items if isinstance(item, ast.Constant) and isinstance(item.value, str)}
    return keys


@pytest.mark.parametrize("module", LAYERS, ids=lambda module: module.__name__)
def test_no_layer_keeps_a_table_keyed_by_a_function(module):
    """Every table of these layers is keyed by operators and leaves, or built from the records."""
    assert not _literal_keys(module) & set(OPERATIONS)


def test_the_table_check_finds_a_table_keyed_by_a_function():
    assert _literal_keys(symbolic_evaluate) & set(OPERATIONS)  # the exact evaluator's own rules


def test_a_record_is_registered_once_with_one_exact_rule():
    record = OPERATIONS["softplus"]
    with pytest.raises(ValueError, match="registered twice"):
        register(record)
    both = replace(record, name="softplus2", exact=OPERATIONS["exp"].exact)
    with pytest.raises(ValueError, match="has both a decomposition and an exact rule"):
        register(both)
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


LINEAR = ("add", "sub", "neg", "mul", "div", "matmul", "transpose", "tr", "sum", "kron", "vec", "hadamard", "ediv")
LINEAR += ("frob", "diag", "diagm")


@pytest.mark.parametrize("name", LINEAR)
def test_a_linear_operation_carries_its_identification_rules(name):
    """diff reads a derivative through these operations by the rules in their records (calculus/identify.py
    keeps none of its own): each has both passes, the gradient and the Jacobian of vec."""
    record = OPERATIONS[name]
    assert record.gradient_rule is not None and record.jacobian_rule is not None


def test_an_operation_without_identification_rules_gives_the_differential():
    """A differential through an operation whose record has no identification rule has no matrix form."""
    df, _ = parse_expression("tr(inv(A) @ dX)", "A: n x n; dX: n x n")
    direction, _ = parse_expression("dX", "dX: n x n")
    assert gradient(df, direction).shape == direction.shape  # read through tr's and @'s rules: inv(A).T @ I(n)
    df, _ = parse_expression("tr(inv(A + dX))", "A: n x n; dX: n x n")  # not linear in dX: no rule reads inv
    with pytest.raises(NoMatrixForm, match="no identification rule reads a gradient through inv"):
        gradient(df, direction)
