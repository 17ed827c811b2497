"""The typed expression tree that every interpreter (numeric, symbolic, LaTeX) walks."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .dims import Dim, Shape


@dataclass(frozen=True)
class Node:
    """One operation with its statically known shape.

    ``op`` names the operation (see ``OPS``, and the records of ``matrixcalc.operations``);
    ``args`` are child nodes; ``value`` carries what is not a child: a symbol's name, a number,
    an exponent, the sizes of ``I``/``ones``/``zeros``/``K``, or for ``jac``/``hess`` whether the
    variable was written ``vec(X)``. ``col``/``end`` locate the node in the identity text.
    """

    op: str
    args: tuple[Node, ...] = ()
    shape: Shape = ()
    value: object = None
    col: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

    @property
    def rank(self) -> int:
        return len(self.shape)

    def walk(self):
        """Every node of the subtree, parents before children."""
        yield self
        for arg in self.args:
            yield from arg.walk()

    @cached_property
    def holds_derivative(self) -> bool:
        """True when the subtree (this node included) takes a derivative: asked of a derivative's
        body at every evaluation, so it is worked out once per node."""
        return self.op in DERIVATIVES or any(arg.holds_derivative for arg in self.args)


OPS = {
    # leaves
    "symbol": "a declared symbol; value = name",
    "number": "a real literal; value = Fraction",
    "eye": "I(n); value = (Dim,)",
    "ones": "ones(m, n); value = (Dim, Dim)",
    "zeros": "zeros(m, n); value = (Dim, Dim)",
    "commutation": "K(m, n), the mn x mn permutation with K(m, n) @ vec(A) == vec(A.T); value = (Dim, Dim)",
    # operators (+, -, *, /, @, **, .T, .H) and functions: the records of matrixcalc.operations,
    # each with its summary
    # derivatives: args[0] is the differentiated expression, args[1] the variable symbol, or
    # conj(symbol) for the Wirtinger derivative by the conjugate of a complex symbol (d and jac)
    "d": "gradient / entrywise / 4th-order tensor",
    "jac": "Jacobian (numerator layout); value = True when written with vec(X)",
    "hess": "Hessian; value = True when written with vec(X)",
    "dsym": "gradient on symmetric matrices",
    "differential": "directional derivative; args[2] is the direction symbol",
}

DERIVATIVES = frozenset({"d", "jac", "hess", "dsym", "differential"})
COMPLEX_OPS: set[str] = set()
"""Operations that need the complex evaluation: the records marked ``complex_only`` (``.H``, conj,
real, imag, abs), added when they register."""


def variable_of(node: Node) -> tuple[str, bool]:
    """The variable of a derivative node: (symbol name, True when written conj(symbol))."""
    var = node.args[1]
    if var.op == "conj":
        return var.args[0].value, True
    return var.value, False


@dataclass(frozen=True)
class Declaration:
    """``name: shape assumptions`` from the where clause; ``complex`` when declared so."""

    name: str
    shape: Shape
    assumptions: frozenset[str]
    col: int = field(default=0, compare=False)
    complex: bool = False


def has_complex(sides: list[Node], declarations: dict[str, Declaration]) -> bool:
    """True for an identity (or expression) that needs the complex evaluation: a complex symbol,
    or a complex-only operation (conj, .H, real, imag, abs)."""
    return any(d.complex for d in declarations.values()) or any(
        node.op in COMPLEX_OPS for side in sides for node in side.walk()
    )


@dataclass(frozen=True)
class Identity:
    """A chain ``side0 == side1 == ...`` of equal-shaped expressions with its declarations."""

    sides: tuple[Node, ...]
    declarations: dict[str, Declaration]
    letters: tuple[str, ...]
    text: str
    where: str

    def links(self):
        """The pairs of adjacent sides, each an equation that must hold."""
        return list(zip(self.sides, self.sides[1:]))

    @cached_property
    def nodes(self) -> tuple[Node, ...]:
        """Every node of every side, parents before children, side after side: walked once and
        kept, because each check asks many questions of the whole tree (measured: 3 % of a check)."""
        return tuple(node for side in self.sides for node in side.walk())

    @cached_property
    def shapes(self) -> frozenset[Shape]:
        """The distinct shapes of the nodes (most nodes share one): what size rules ask about."""
        return frozenset(node.shape for node in self.nodes)

    @cached_property
    def under_logdet(self) -> frozenset[str]:
        """Symbols that stand directly under logdet: both samplers draw them with a positive determinant."""
        return frozenset(n.args[0].value for n in self.nodes if n.op == "logdet" and n.args[0].op == "symbol")

    @cached_property
    def is_complex(self) -> bool:
        """True when a symbol is complex or a complex-only operation (conj, .H, real, imag, abs) occurs:
        such identities are evaluated without the complex step and differentiated in Wirtinger's sense."""
        return has_complex(list(self.sides), self.declarations)

    def symbols(self) -> set[str]:
        return {n.value for n in self.nodes if n.op == "symbol"}


__all__ = ["Node", "OPS", "DERIVATIVES", "COMPLEX_OPS", "Declaration", "Identity", "Dim", "variable_of"]
