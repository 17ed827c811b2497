"""One record per operation: everything each layer needs to know about it, in one object.

The model is JAX's primitives: a primitive is one object with its shape rule, implementation,
JVP and transpose rules registered on it, so every transformation finds what it needs in one
place. Here a record holds the signature and shape rule (the parser), the complex rule (the
parser's message for a complex argument), the cost (the cost estimate), the LaTeX (the
printer), the numeric evaluation (numpy, complex-analytic for the complex step), the exact
evaluation (a decomposition into other operations, an exact rule for an entrywise function, or
neither: then the exact evaluators of ``matrixcalc.symbolic`` compute it by their own rules),
the differential rule (the calculator), the NumPy code (``--numpy``) and the simplifier's
facts. Adding an operation is one record and its tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..language.cost import CostRule, DegreeRule, per_argument_entry
from ..language.dims import Shape
from ..language.tree import Node
from .identification import GradientRule, JacobianRule

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
    arguments are allowed). ``cost(node, sizes)`` is the number of scalar operations of one
    node at concrete sizes (by default one per entry of the arguments), and
    ``degree(node, sizes, degrees)`` the degree of its entries as rational functions of the
    symbols from its arguments' degrees (None: the largest of them), for the cost estimate.
    ``complex_only``: the operation is not complex-analytic and exists only in the complex
    evaluation (conj, real, imag, abs), so an identity using it is evaluated there;
    ``real_valued``: its value is real whatever its argument (real, imag, abs).

    The exact evaluation is a ``decomposition`` into other operations, an ``exact`` rule (an
    entrywise function) or neither: a matrix operation (tr, det, inv, kron, ...) is computed by
    the exact evaluators' own rules in ``matrixcalc.symbolic``. ``positive_argument``: the numeric
    value is undefined unless every argument entry is positive (log, sqrt).
    """

    name: str
    arity: int
    summary: str
    """What it computes, in a line, for a reader of the code (``language/tree.py`` lists the operators)."""
    shape: ShapeRule | None
    """None for an operator (``+``, ``@``, ``.T``, ...): the parser works out its shape from the syntax."""
    latex: str | None
    """What the LaTeX form applies: the name (``\\log``), the infix symbol (``\\otimes``) or the
    superscript (``{-1}``); None for a form that draws its own delimiters (bars, bar, modulus)."""
    numeric: Numeric | None
    """The analytic evaluation (the complex step needs it); None for a ``complex_only`` operation."""
    differential: Differential
    numpy: NumpyCode | None
    """The NumPy code; None where ``--numpy`` does not write the operation (complex values)."""
    gradient_rule: GradientRule | None = None
    """How ``diff`` reads a gradient through it (``identification.py``); None: no matrix form through it."""
    jacobian_rule: JacobianRule | None = None
    """How ``diff`` reads the Jacobian of its vec (``identification.py``); None: no matrix form through it."""
    decomposition: Decomposition | None = None
    exact: Exact | None = None
    real_argument: str | None = None
    positive_argument: bool = False
    latex_form: str = "call"
    """How the printer applies ``latex``: ``call`` (``\\log(X)``), ``radical`` (``\\sqrt{X}``),
    ``script`` (``X^{-1}``), ``circ`` or ``colon`` (an infix product at that binding strength:
    ``A \\otimes B``, ``A : B``), the operators' own forms (``plus``, ``difference``, ``negation``,
    ``product``, ``fraction``, ``power``, ``real_power``, ``transposed``, ``hermitian``), ``bars``
    (``\\lVert X \\rVert_F``, the norm), ``bar`` (``\\bar{z}``) or ``modulus`` (``\\lvert s \\rvert``)."""
    latex_associative: bool = False
    """An infix product that needs no brackets around itself: ``A \\otimes B \\otimes C``."""
    numeric_complex: Numeric | None = None
    """The evaluation with genuine complex values, where it differs from ``numeric``."""
    cost: CostRule = field(default=per_argument_entry(1))
    degree: DegreeRule | None = None
    complex_only: bool = False
    real_valued: bool = False
    call_form: bool = True
    """The parser reads ``name(...)``; False for an operator, which it builds from its syntax
    (``ediv`` from ``A / B``, ``matmul`` from ``A @ B``)."""
    written: str | None = None
    """How the language writes an operator (``@``, ``.T``, ``*``): what the hints suggest for a
    ``foreign`` spelling of it."""
    foreign: tuple[str, ...] = ()
    """Spellings of other libraries and papers (``trace``, ``np.linalg.inv``'s ``inv``): the parser's
    "did you mean" hint names this operation for them."""
    symmetric_if_argument: bool = False
    """The result is symmetric when every argument is (entrywise functions, inv, kron, ...): a
    simplifier fact."""
    symmetric: bool = False
    """The result is always symmetric (diagm): a simplifier fact."""
    numpy_helpers: tuple[str, ...] = field(default=())
    """Function definitions the NumPy code calls, written out when the operation occurs."""
    numpy_log: NumpyCode | None = None
    """The NumPy form of ``log(op(u))`` when a stabler one exists (log of softmax: no log of 0)."""
    definition: tuple[str, str] | None = None
    """The decomposition as an identity of the language and its declarations: the proof kernel's rule
    ``<name>-definition`` (on the rules page, checked at build time; a test holds it to ``decomposition``)."""
