"""What the tests of each family of operation records share: a record's numeric rule on a stack of
random matrices, the generated NumPy function run on plain arrays, and a derivative by the rules."""

from __future__ import annotations

import numpy as np

from matrixcalc.calculus import diff
from matrixcalc.calculus.numpy_code import function_source
from matrixcalc.operations import OPERATIONS

rng = np.random.default_rng(19)


def stack(*shape: int) -> np.ndarray:
    """Three random matrices of one shape, as the numeric evaluator batches them."""
    return rng.standard_normal((3, *shape))


def numeric(name: str, *arrays: np.ndarray) -> np.ndarray:
    """The record's analytic numeric rule (its complex rule when it has no analytic one)."""
    record = OPERATIONS[name]
    rule = record.numeric or record.numeric_complex
    return rule(None, *arrays)


def numpy_function(expression: str, derivative: str, where: str):
    """The generated ``value_and_derivative`` function, compiled."""
    namespace: dict = {}
    exec(function_source(expression, derivative, where), namespace)  # noqa: S102 - our own code
    return namespace["value_and_derivative"]


def derivative(expression: str, wrt: str, where: str) -> str:
    """The derivative the rules give, which must also be verified."""
    result = diff(expression, wrt, where)
    assert result.verdict.status == "verified", result.verdict.summary()
    return result.expression
