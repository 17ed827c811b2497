"""Tree to LaTeX: one rule per operation, parentheses decided by a precedence table.

Every rule returns a ``Tex``: the text plus what a parent needs to know to decide on
parentheses, so no rule has to look at its children's operations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..language.dims import ONE, is_scalar, is_vector
from ..language.tree import Node
from ..operations import OPERATIONS, Operation
from . import names

# Binding strength, loosest first: a child binding less tightly than its context needs
# parentheses. Juxtaposition binds tighter than the infix products, as in AC ⊗ BD.
SUM, NEG, COLON, CIRC, PRODUCT, ATOM = range(1, 7)

_NUMERAL = re.compile(r"\d|\\tfrac|\\frac\{\d")
_CONTROL_WORD_END = re.compile(r"\\[A-Za-z]+\Z")


@dataclass(frozen=True)
class Tex:
    """Rendered LaTeX with the facts that decide its parentheses in a parent."""

    text: str
    level: int = ATOM
    base: bool = True  # may carry a superscript as it is (X, tr(X)), unlike X^{-1} or \frac{a}{b}
    applied: bool = False  # a symbol or f(...): may follow \partial or \mathrm{d} without parentheses
    glue: bool = True  # a factor may follow it directly; false for \mathrm{d}X, so (\mathrm{d}X)Y


def render(node: Node) -> Tex:
    """The LaTeX of one node and everything under it."""
    return RULES[node.op](node)


def paren(text: str) -> str:
    """Round brackets, growing with the content when it holds a fraction."""
    if "\\frac" in text or "\\left" in text:
        return f"\\left({text}\\right)"
    return f"({text})"


def _at_least(node: Node, level: int) -> str:
    tex = render(node)
    return tex.text if tex.level >= level else paren(tex.text)


def _base(node: Node) -> str:
    tex = render(node)
    return tex.text if tex.level == ATOM and tex.base else paren(tex.text)


def _script(node: Node, script: str) -> Tex:
    return Tex(f"{_base(node)}^{script}", base=False)


# -- leaves -------------------------------------------------------------------------------------


def _symbol(node: Node) -> Tex:
    text, plain = names.symbol_name(node.value)
    return Tex(text, base=plain, applied=True, glue=plain)


def _number(node: Node) -> Tex:
    return Tex(names.number(node.value), base=node.value.denominator == 1)


def _eye(node: Node) -> Tex:
    return Tex(f"I_{{{names.dim(node.value[0])}}}")


def _ones(node: Node) -> Tex:
    rows, cols = node.value
    size = names.dim(rows) if cols == ONE else f"{names.dim(rows)} \\times {names.dim(cols)}"
    return Tex(f"\\mathbf{{1}}_{{{size}}}")


def _commutation(node: Node) -> Tex:
    rows, cols = node.value
    return Tex(f"K_{{{names.dim(rows)},{names.dim(cols)}}}")


def _zeros(node: Node) -> Tex:
    return Tex("0")


# -- arithmetic ---------------------------------------------------------------------------------


def _add(node: Node) -> Tex:
    left, right = node.args
    tail = render(right)
    # Addition is associative, so A + (B - C) prints as A + B - C; only -B keeps its brackets.
    text = tail.text if tail.level != NEG else paren(tail.text)
    return Tex(f"{_at_least(left, SUM)} + {text}", SUM)


def _sub(node: Node) -> Tex:
    left, right = node.args
    return Tex(f"{_at_least(left, SUM)} - {_at_least(right, COLON)}", SUM)


def _neg(node: Node) -> Tex:
    return Tex(f"-{_at_least(node.args[0], PRODUCT)}", NEG)


def _factors(node: Node) -> list[Node]:
    if node.op in ("mul", "matmul"):
        return [f for arg in node.args for f in _factors(arg)]
    return [node]


def _product(node: Node) -> Tex:
    """A chain of products written by juxtaposition, numerals first (2A, not A 2).

    A leading negation covers the whole chain, as -X^{-1}HX^{-1} for (-inv(X)) @ H @ inv(X):
    the sign of one factor is the sign of the product.
    """
    factors = _factors(node)
    sign = ""
    if factors[0].op == "neg":
        sign, factors = "-", _factors(factors[0].args[0]) + factors[1:]
    factors = [f for f in factors if f.op == "number"] + [f for f in factors if f.op != "number"]
    text = ""
    for i, factor in enumerate(factors):
        tex = render(factor)
        last = i == len(factors) - 1
        piece = tex.text if tex.level == ATOM and (tex.glue or last) else paren(tex.text)
        if not text:
            text = piece
        elif _NUMERAL.match(piece):
            text += f" \\cdot {piece}"
        elif _CONTROL_WORD_END.search(text) and piece[:1].isalpha():
            text += f" {piece}"
        else:
            text += piece
    return Tex(sign + text, NEG if sign else PRODUCT)


def _div(node: Node) -> Tex:
    top, bottom = (render(arg).text for arg in node.args)
    return Tex(f"\\frac{{{top}}}{{{bottom}}}", base=False)


def _matpow(node: Node) -> Tex:
    return _script(node.args[0], f"{{{node.value}}}")


def _pow(node: Node) -> Tex:
    return _script(node.args[0], f"{{{names.exponent(node.value)}}}")


def _transpose(node: Node) -> Tex:
    inner = node.args[0]
    if inner.op == "inv":
        return _script(inner.args[0], "{-\\top}")
    if inner.op == "pinv":
        return _script(inner.args[0], "{+\\top}")
    return _script(inner, "\\top")


HERMITIAN = "{\\mathsf{H}}"


def _ctranspose(node: Node) -> Tex:
    """``Z^{\\mathsf{H}}``, printed as ``.T`` is (``Z^{-\\mathsf{H}}`` for the inverse)."""
    inner = node.args[0]
    if inner.op == "inv":
        return _script(inner.args[0], "{-\\mathsf{H}}")
    return _script(inner, HERMITIAN)


def _infix(level: int):
    """An infix product at a binding strength: ``A \\otimes B`` (CIRC), ``A : B`` (COLON); its
    operands bind at least as a product, and an associative one chains without brackets."""

    def form(record: Operation) -> Callable[[Node], Tex]:
        def rule(node: Node) -> Tex:
            parts = [
                render(arg).text if record.latex_associative and arg.op == node.op else _at_least(arg, PRODUCT)
                for arg in node.args
            ]
            return Tex(f" {record.latex} ".join(parts), level)

        return rule

    return form


# -- functions ----------------------------------------------------------------------------------


def _call(record: Operation) -> Callable[[Node], Tex]:
    def rule(node: Node) -> Tex:
        return Tex(record.latex + paren(render(node.args[0]).text), applied=True)

    return rule


def _radical(record: Operation) -> Callable[[Node], Tex]:
    def rule(node: Node) -> Tex:
        return Tex(f"{record.latex}{{{render(node.args[0]).text}}}", base=False, applied=True)

    return rule


def _superscript(record: Operation) -> Callable[[Node], Tex]:
    def rule(node: Node) -> Tex:
        return _script(node.args[0], record.latex)

    return rule


def _bar(node: Node) -> Tex:
    """``\\bar{z}`` over a one-letter symbol, ``\\overline{...}`` over anything longer."""
    inner = node.args[0]
    text = render(inner).text
    if inner.op == "symbol" and len(text) == 1:
        return Tex(f"\\bar{{{text}}}", applied=True)
    return Tex(f"\\overline{{{text}}}", applied=True)


def _modulus(node: Node) -> Tex:
    return Tex(f"\\lvert {render(node.args[0]).text} \\rvert", applied=True)


def _norm(node: Node) -> Tex:
    arg = node.args[0]
    inner = render(arg).text
    if is_scalar(arg.shape):
        return Tex(f"\\lvert {inner} \\rvert", applied=True)
    if is_vector(arg.shape):
        return Tex(f"\\lVert {inner} \\rVert", applied=True)
    return Tex(f"\\lVert {inner} \\rVert_F", applied=True)


FORMS: dict[str, Callable[[Operation], Callable[[Node], Tex]]] = {
    "plus": lambda record: _add,
    "difference": lambda record: _sub,
    "negation": lambda record: _neg,
    "product": lambda record: _product,
    "fraction": lambda record: _div,
    "power": lambda record: _matpow,
    "real_power": lambda record: _pow,
    "transposed": lambda record: _transpose,
    "hermitian": lambda record: _ctranspose,
    "call": _call,
    "radical": _radical,
    "script": _superscript,
    "circ": _infix(CIRC),
    "colon": _infix(COLON),
    "bars": lambda record: _norm,
    "bar": lambda record: _bar,
    "modulus": lambda record: _modulus,
}
"""How a record's ``latex`` is applied (``Operation.latex_form``): ``\\log(X)``, ``\\sqrt{X}``,
``X^{-1}``, ``A \\otimes B``, ``A : B``, ``\\lVert X \\rVert_F``, ``\\bar{z}``, ``\\lvert s \\rvert``."""


# -- derivatives --------------------------------------------------------------------------------


def _fraction(order: str, body: Node, denominator: str) -> str:
    """``\\frac{\\partial f}{\\partial X}`` for a symbol, an application, a power or a product;
    the operator form ``\\frac{\\partial}{\\partial X}\\left(f\\right)`` for anything looser
    (sums, negation, ``:``, ``⊗``), for a fraction and for a bare number."""
    tex = render(body)
    if body.op != "number" and tex.level >= PRODUCT and "\\frac" not in tex.text:
        gap = " " if body.op == "symbol" else "\\, "
        return f"\\frac{{{order}{gap}{tex.text}}}{{{denominator}}}"
    return f"\\frac{{{order}}}{{{denominator}}}\\left({tex.text}\\right)"


def _variable(node: Node) -> str:
    return render(node.args[1]).text


def _d(node: Node) -> Tex:
    return Tex(_fraction("\\partial", node.args[0], f"\\partial {_variable(node)}"), base=False)


def _row_variable(node: Node) -> tuple[str, str]:
    """The variable of jac/hess as a column and as a row: x and x^T, or vec(X) and vec(X)^T."""
    variable = node.args[1]
    if node.value:
        column = f"\\operatorname{{vec}}({render(variable).text})"
        return column, f"{column}^\\top"
    return render(variable).text, f"{_base(variable)}^\\top"


def _jac(node: Node) -> Tex:
    _, row = _row_variable(node)
    return Tex(_fraction("\\partial", node.args[0], f"\\partial {row}"), base=False)


def _hess(node: Node) -> Tex:
    column, row = _row_variable(node)
    return Tex(_fraction("\\partial^2", node.args[0], f"\\partial {column}\\,\\partial {row}"), base=False)


def _dsym(node: Node) -> Tex:
    inner = _fraction("\\partial", node.args[0], f"\\partial {_variable(node)}")
    return Tex(f"\\left.{inner}\\right|_{{\\mathrm{{sym}}}}", base=False)


def _differential(node: Node) -> Tex:
    """``\\mathrm{d}F[\\mathrm{d}X]``; the varied symbol is named as a subscript,
    ``\\mathrm{d}_{X}F[H]``, unless the direction is called ``dX``."""
    body, variable, direction = node.args
    tex = render(body)
    operand = tex.text if tex.applied else paren(tex.text)
    prefix = "\\mathrm{d}" if direction.value == f"d{variable.value}" else f"\\mathrm{{d}}_{{{_variable(node)}}}"
    return Tex(f"{prefix}{operand}[{render(direction).text}]", base=False)


RULES: dict[str, Callable[[Node], Tex]] = {
    "symbol": _symbol,
    "number": _number,
    "eye": _eye,
    "ones": _ones,
    "zeros": _zeros,
    "commutation": _commutation,
    "d": _d,
    "jac": _jac,
    "hess": _hess,
    "dsym": _dsym,
    "differential": _differential,
    **{name: FORMS[record.latex_form](record) for name, record in OPERATIONS.items()},
}
"""Node kind -> its rule: the leaves and derivatives here, every operator and function by its record's form."""
