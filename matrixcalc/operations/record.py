"""One record per operation: everything each layer needs to know about it, in one object.

The model is JAX's primitives: a primitive is one object with its shape rule, implementation,
JVP and transpose rules registered on it, so every transformation finds what it needs in one
place. Here a record holds the signature and shape rule (the parser), the complex rule (the
parser's message for a complex argument), the cost (the cost estimate), the LaTeX name (the
printer), the numeric evaluation (numpy, complex-analytic for the complex step), the exact
evaluation as a decomposition into other operations (every exact evaluator and the proofs see
only those), the differential rule (the calculator), the NumPy code (``--numpy``) and the
simplifier's facts. Adding an operation is one record and its tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..language.dims import Shape
from ..language.tree import Node

ShapeRule = Callable[[list[Node]], Shape]
"""Argument nodes -> result shape; raises ``language.signatures.ShapeFault`` with a sentence."""

Numeric = Callable[..., object]
"""(node, *argument arrays) -> array: batched numpy values, trailing axes the concrete shape."""

Decomposition = Callable[..., Node]
"""(node, *argument nodes) -> a tree of other operations with the same value."""

Differential = Callable[..., "Node | None"]
"""(node, d, *argument nodes) -> the differential, linear in the direction, or None when zero;
``d(child)`` differentiates a child (None when it does not depend on the variable)."""

NumpyCode = Callable[..., str]
"""(node, *argument code) -> a NumPy expression for the generated code."""


@dataclass(frozen=True)
class Operation:
    """An operation of the language and every rule about it.

    ``real_argument`` is the parser's message when the argument is complex (None: complex
    arguments are allowed). ``work`` is the number of scalar operations per entry of the
    argument, for the cost estimate. ``symmetric_if_argument``: the result is symmetric when
    the argument is (an entrywise function), which the simplifier uses. ``numpy_helpers`` are
    function definitions the NumPy code needs when the operation occurs.
    """

    name: str
    arity: int
    summary: str
    shape: ShapeRule
    latex: str
    numeric: Numeric
    decomposition: Decomposition
    differential: Differential
    numpy: NumpyCode
    real_argument: str | None = None
    work: int = 1
    symmetric_if_argument: bool = False
    numpy_helpers: tuple[str, ...] = field(default=())
    numpy_log: NumpyCode | None = None
    """The NumPy form of ``log(op(u))`` when a stabler one exists (log of softmax: no log of 0)."""
