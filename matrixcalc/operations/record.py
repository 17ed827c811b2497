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
class Exact:
    """How the exact evaluators compute an entrywise function that is not decomposed.

    Each value at an exact argument is a generator of the exact field (an "atom"), made by the
    field's method ``kind``: ``log`` and ``exp`` (atoms related by the field's rules), ``root``
    (``sqrt``: a square root, reduced when the radicand is a square) or ``atom`` (a fresh
    symbol, ``at_zero`` at 0). ``derivative(ops, v, value)`` is the function's derivative at v,
    written with the exact algebra ``ops`` (``one``, ``const``, ``add``, ``mul``, ``recip`` and
    ``call(name, v)`` for another function): what is proved is what follows from it. ``atoms``
    counts the generators one entry can make (sin and cos make each other). ``scalar(m)`` is
    the function in a math module (sympy or mpmath), to write an atom out when a residual is
    decided. ``via_exp(ops, e)``, when given, is the value through the atom ``e = exp(v)``,
    used when the identity also has exp or log (so sigmoid and the logistic loss meet).
    """

    kind: str
    derivative: Callable
    at_zero: object = None
    atoms: int = 1
    scalar: Callable | None = None
    via_exp: Callable | None = None


@dataclass(frozen=True)
class Operation:
    """An operation of the language and every rule about it.

    ``real_argument`` is the parser's message when the argument is complex (None: complex
    arguments are allowed). ``work`` is the number of scalar operations per entry of the
    argument, for the cost estimate. ``symmetric_if_argument``: the result is symmetric when
    the argument is (an entrywise function), which the simplifier uses. An operation has either a
    ``decomposition`` into other operations or its own ``exact`` rule. ``positive_argument``: the
    numeric value is undefined unless every argument entry is positive (log, sqrt).
    ``latex_form`` is ``call`` (``\\log(X)``) or ``radical`` (``\\sqrt{X}``). ``numpy_helpers`` are
    function definitions the NumPy code needs when the operation occurs.
    """

    name: str
    arity: int
    summary: str
    shape: ShapeRule
    latex: str
    numeric: Numeric
    differential: Differential
    numpy: NumpyCode
    decomposition: Decomposition | None = None
    exact: Exact | None = None
    real_argument: str | None = None
    positive_argument: bool = False
    latex_form: str = "call"
    work: int = 1
    symmetric_if_argument: bool = False
    numpy_helpers: tuple[str, ...] = field(default=())
    numpy_log: NumpyCode | None = None
    """The NumPy form of ``log(op(u))`` when a stabler one exists (log of softmax: no log of 0)."""
    definition: tuple[str, str] | None = None
    """The decomposition as an identity of the language and its declarations: the proof kernel's rule
    ``<name>-definition`` (on the rules page, checked at build time; a test holds it to ``decomposition``)."""
