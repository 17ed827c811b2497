"""Level (c): corroboration by sympy's dimension-free matrix calculus, with symbolic sizes.

The tree is translated into sympy matrix expressions whose dimensions are symbols, the gradient
``d(f, X)`` is computed once for every size, and ``expand((lhs - rhs).doit())`` is compared with
zero. sympy 1.14 returns wrong derivatives silently (0 for ``log(det(X))``, ``1/tr(...)`` and
``(a.T @ X @ b)[0, 0]``), so the scalar chain rule is applied here and only the matrix atoms
(traces, determinants) are left to sympy, 1 x 1 products become traces, and the outcome is
corroboration only: it never changes a verdict.

Measured over ``tests/tables/true_identities.py`` (153 identities, inside the forked worker):
82 agree, 1 disagrees (``d(det(X), X) == tr(X) * I(2) - X.T``, true at n = 2 only), 62 unsupported
(jac, differential, d of a non-scalar, vec, hess, dsym, diagm, diag, orthogonal), 8 other reasons;
median 9 ms, max 54 ms per identity. No wrong identity of ``wrong_identities.py`` agrees.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from fractions import Fraction
from math import prod

import sympy

# sympy imports these on the first matrix derivative; imported here, once in the parent process,
# they save every forked worker ~50 ms.
import sympy.assumptions.handlers.calculus  # noqa: F401
import sympy.assumptions.handlers.matrices  # noqa: F401
import sympy.assumptions.lra_satask  # noqa: F401
import sympy.assumptions.satask  # noqa: F401
import sympy.logic.algorithms.dpll2  # noqa: F401
import sympy.tensor.array.expressions.arrayexpr_derivatives  # noqa: F401
from sympy import (
    Determinant,
    HadamardProduct,
    Inverse,
    KroneckerProduct,
    MatPow,
    MatrixExpr,
    MatrixSymbol,
    OneMatrix,
    Trace,
    Transpose,
    ZeroMatrix,
)
from sympy import Identity as Eye
from sympy.tensor.array.array_derivatives import ArrayDerivative

from ..language import Identity, Node, is_scalar
from ..language.dims import Dim
from ..operations import OPERATIONS
from .worker import OutOfTime, time_limit

AGREES = "agrees"
DISAGREES = "disagrees"
SYMMETRIC = frozenset({"symmetric", "spd", "diagonal"})  # X.T == X at every admissible point
BUDGET = 2.0  # seconds; a cheap corroboration, not a proof


class Unsupported(Exception):
    """The tree uses something outside the well-defined subset; the message names it."""


def dimension_free(identity: Identity, budget: float = BUDGET) -> str:
    """``"agrees"``, ``"disagrees"`` or why sympy could not decide; never raises."""
    if budget <= 0:
        return "not attempted: the time box is used up"
    try:
        with time_limit(budget), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # sympy's deprecation noise on its own internals
            return _compare(identity)
    except Unsupported as exc:
        return f"unsupported: {exc}"
    except OutOfTime:
        return f"sympy took longer than {budget:g}s"
    except Exception as exc:  # noqa: BLE001 - sympy's failures become a reason, never a crash
        message = str(exc).strip().splitlines()
        return f"sympy failed: {type(exc).__name__}" + (f": {message[-1][:120]}" if message else "")


def _compare(identity: Identity) -> str:
    """Every link reduced to zero → agrees; a residual left over by a derivative → disagrees."""
    orthogonal = sorted(n for n, d in identity.declarations.items() if "orthogonal" in d.assumptions)
    if orthogonal:
        raise Unsupported(f"orthogonal {', '.join(orthogonal)}")
    if identity.is_complex:
        raise Unsupported("complex values (sympy's matrix calculus has no Wirtinger derivatives)")
    calculus = any(node.op == "d" for node in identity.nodes)
    translate = _Translator(identity)
    sides = [translate(side) for side in identity.sides]
    point = {
        Transpose(translate.symbols[name]): translate.symbols[name]
        for name, declaration in identity.declarations.items()
        if declaration.assumptions & SYMMETRIC and isinstance(translate.symbols.get(name), MatrixExpr)
    }
    for lhs, rhs in zip(sides, sides[1:]):
        residual = _reduce(lhs - rhs)
        if point and not _is_zero(residual):
            residual = _reduce(residual.xreplace(point))
        if residual.has(sympy.Derivative, ArrayDerivative):
            return "sympy left the derivative unevaluated"
        if not _is_zero(residual):
            return DISAGREES if calculus else "sympy did not reduce the residual to 0 (no calculus involved)"
    return AGREES


def _reduce(expr):
    """DESIGN's measured recipe: ``expand(expr.doit())``."""
    return sympy.expand(expr.doit())


def _is_zero(expr) -> bool:
    return expr == 0 or isinstance(expr, ZeroMatrix)


class _Translator:
    """Node → sympy: scalar-shaped nodes become scalar expressions, the others matrix expressions."""

    def __init__(self, identity: Identity) -> None:
        self.sizes = {letter: sympy.Symbol(letter, integer=True, positive=True) for letter in identity.letters}
        self.symbols = {
            name: sympy.Symbol(name, real=True)
            if is_scalar(declaration.shape)
            else MatrixSymbol(name, *(self.dim(d) for d in declaration.shape))
            for name, declaration in identity.declarations.items()
            if len(declaration.shape) == 2
        }

    def dim(self, dim: Dim) -> sympy.Expr:
        for letter in dim.letters:
            self.sizes.setdefault(letter, sympy.Symbol(letter, integer=True, positive=True))
        return dim.coef * prod((self.sizes[letter] for letter in dim.letters), start=sympy.Integer(1))

    def __call__(self, node: Node):
        if len(node.shape) != 2:
            raise Unsupported(f"{node.op} (a 4th-order tensor)")
        rule = RULES.get(node.op)
        if rule is None:
            raise Unsupported(node.op)
        return rule(self, node)

    def args(self, node: Node) -> list:
        return [self(arg) for arg in node.args]


def _matmul(t: _Translator, node: Node):
    """A product; a 1 x 1 result is a scalar, taken as a trace (sympy's ``[0, 0]`` differentiates to 0)."""
    result = prod(t.args(node)[1:], start=t(node.args[0]))
    return Trace(result) if is_scalar(node.shape) and isinstance(result, MatrixExpr) else result


def _matpow(t: _Translator, node: Node):
    (base,) = t.args(node)
    if not isinstance(base, MatrixExpr):
        return base**node.value
    k = int(node.value)
    if k == 0:
        return Eye(base.shape[0])
    return MatPow(base if k > 0 else Inverse(base), abs(k)) if abs(k) > 1 else (base if k > 0 else Inverse(base))


def _square(scalar: Callable, matrix: Callable) -> Callable:
    """A function of a square matrix that is ``scalar`` on 1 x 1 arguments."""

    def rule(t: _Translator, node: Node):
        (arg,) = t.args(node)
        return matrix(arg) if isinstance(arg, MatrixExpr) else scalar(arg)

    return rule


def _binary(scalar: Callable, matrix: Callable) -> Callable:
    def rule(t: _Translator, node: Node):
        a, b = t.args(node)
        both = isinstance(a, MatrixExpr) and isinstance(b, MatrixExpr)
        return matrix(a, b) if both else scalar(a, b)

    return rule


def _constant(make: Callable) -> Callable:
    def rule(t: _Translator, node: Node):
        if is_scalar(node.shape):
            return make(1, 1)[0, 0]
        return make(*(t.dim(d) for d in node.shape))

    return rule


def _derivative(t: _Translator, node: Node):
    """``d(f, X)`` for scalar f: the chain rule over f's matrix atoms, each differentiated by sympy."""
    f_node, variable_node = node.args
    if not is_scalar(f_node.shape):
        raise Unsupported("d of a non-scalar expression")
    f, variable = t(f_node), t(variable_node)
    if not isinstance(variable, MatrixExpr):
        return sympy.diff(f, variable)
    atoms = _outer_atoms(f, variable)
    if not atoms:
        return ZeroMatrix(*variable.shape)
    dummies = {atom: sympy.Dummy(f"t{k}") for k, atom in enumerate(atoms)}
    outer = f.xreplace(dummies)
    back = {dummy: atom for atom, dummy in dummies.items()}
    terms = [
        sympy.diff(outer, dummy).xreplace(back) * _atom_gradient(atom, variable) for atom, dummy in dummies.items()
    ]
    return sympy.MatAdd(*terms) if len(terms) > 1 else terms[0]


def _atom_gradient(atom, variable):
    """sympy's gradient of a trace; a determinant by Jacobi's formula, which sympy 1.14 cannot do.

    ``d det(M) = det(M) tr(inv(M) dM)``: the inverse is frozen as a constant symbol so that sympy
    differentiates only the trace, then the symbol is put back.
    """
    if isinstance(atom, Trace):
        return atom.diff(variable)
    (matrix,) = atom.args
    frozen = MatrixSymbol(f"_frozen{id(atom)}", *matrix.shape)
    return atom * Trace(Inverse(frozen) * matrix).diff(variable).xreplace({frozen: matrix})


def _outer_atoms(f, variable) -> list:
    """The outermost traces and determinants in f that depend on the variable."""
    found: list = []

    def visit(expr) -> None:
        if isinstance(expr, (Trace, Determinant)):
            if expr.has(variable) and expr not in found:
                found.append(expr)
            return
        if isinstance(expr, MatrixExpr):
            raise Unsupported("a matrix inside a scalar expression")
        for arg in expr.args:
            visit(arg)

    visit(f)
    return found


def _rational(value: object) -> sympy.Rational:
    fraction = Fraction(value)
    return sympy.Rational(fraction.numerator, fraction.denominator)


RULES: dict[str, Callable[[_Translator, Node], object]] = {
    "symbol": lambda t, node: t.symbols[node.value],
    "number": lambda t, node: _rational(node.value),
    "eye": _constant(lambda rows, cols: Eye(rows)),
    "ones": _constant(OneMatrix),
    "zeros": _constant(ZeroMatrix),
    "add": lambda t, node: sum(t.args(node)[1:], start=t(node.args[0])),
    "sub": lambda t, node: t(node.args[0]) - t(node.args[1]),
    "neg": lambda t, node: -t(node.args[0]),
    "mul": lambda t, node: prod(t.args(node)[1:], start=t(node.args[0])),
    "div": lambda t, node: t(node.args[0]) / t(node.args[1]),
    "matmul": _matmul,
    "matpow": _matpow,
    "pow": lambda t, node: t(node.args[0]) ** _rational(node.value),
    "transpose": _square(lambda a: a, Transpose),
    "tr": _square(lambda a: a, Trace),
    "det": _square(lambda a: a, Determinant),
    "inv": _square(lambda a: 1 / a, Inverse),
    "logdet": _square(sympy.log, lambda a: sympy.log(Determinant(a))),
    # entrywise functions of 1 x 1 arguments (sympy has no entrywise matrix functions), from their
    # records; only those whose residuals ``expand`` cancels (sigmoid's quotients of exp it does not)
    **{name: _square(OPERATIONS[name].exact.scalar(sympy), None) for name in ("log", "exp", "sqrt")},
    "kron": _binary(lambda a, b: a * b, KroneckerProduct),
    "hadamard": _binary(lambda a, b: a * b, HadamardProduct),
    "frob": _binary(lambda a, b: a * b, lambda a, b: Trace(a.T * b)),
    "norm": _square(sympy.Abs, lambda a: sympy.sqrt(Trace(a.T * a))),
    "sum": _square(lambda a: a, lambda a: Trace(OneMatrix(1, a.shape[0]) * a * OneMatrix(a.shape[1], 1))),
    "d": _derivative,
}
