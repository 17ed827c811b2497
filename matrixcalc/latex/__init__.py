"""The LaTeX a reader sees, printed from the verified tree so the two can never disagree.

Notation (valid for MathJax 3 and KaTeX):

* products by juxtaposition, numerals first: ``2A``, ``x^\\top Ax``, ``\\tfrac{1}{2}A``;
  ``A \\otimes B``, ``A \\circ B`` (Hadamard), ``A : B`` (``frob``), ``\\frac{A}{s}``;
* ``X^\\top``, ``X^{-1}``, ``X^{-\\top}`` for ``inv(X).T``, ``X^{+}`` (``pinv``), ``A^{3}``, ``s^{1/2}``, ``\\sqrt{s}``;
* functions with their argument in brackets: ``\\operatorname{tr}(X)``, ``\\det(X)``,
  ``\\log\\det(X)``, ``\\operatorname{adj}(X)``, ``\\operatorname{vec}(X)``, ``\\operatorname{sum}(A)``,
  ``\\operatorname{diag}(A)`` (vector of the diagonal), ``\\operatorname{Diag}(v)`` (``diagm``);
* ``\\lVert A \\rVert_F``, ``\\lVert x \\rVert`` for a vector; ``I_{n}``, ``\\mathbf{1}_{n}``,
  ``\\mathbf{1}_{m \\times n}``, ``0``, ``K_{m,n}``
  (the commutation matrix);
* derivatives: ``\\frac{\\partial f}{\\partial X}`` when f is a symbol, a function application,
  a power or a product (``\\frac{\\partial\\, \\operatorname{tr}(AXB)}{\\partial X}``), and the
  operator form ``\\frac{\\partial}{\\partial X}\\left(A + B\\right)`` for anything looser;
  ``jac`` as ``\\frac{\\partial f}{\\partial x^\\top}`` or
  ``\\frac{\\partial \\operatorname{vec}(F)}{\\partial \\operatorname{vec}(X)^\\top}``; ``hess`` as
  ``\\frac{\\partial^2 f}{\\partial x\\,\\partial x^\\top}``; ``dsym`` as the gradient restricted to
  symmetric matrices, ``\\left.\\frac{\\partial f}{\\partial X}\\right|_{\\mathrm{sym}}``;
  ``differential(F, X, dX)`` as ``\\mathrm{d}F[\\mathrm{d}X]`` (``\\mathrm{d}(XY)[\\mathrm{d}X]``),
  and ``\\mathrm{d}_{X}F[H]`` when the direction is not named ``dX``;
* names: one letter as it is, Greek names as letters (``Sigma`` → ``\\Sigma``), trailing
  digits and ``_sub`` as subscripts (``X1`` → ``X_{1}``), ``dX`` → ``\\mathrm{d}X``, other
  names ``\\mathit{name}``.
"""

from __future__ import annotations

from ..language import Identity, Node, parse_identity
from ..language.declarations import parse_where
from .names import declarations as latex_declarations
from .printer import render


def latex(identity: str, where: str = "") -> str:
    """Parse an identity and print every side of its chain joined by ``=``."""
    return latex_tree(parse_identity(identity, where))


def latex_tree(identity: Identity) -> str:
    """Print a parsed identity: ``side0 = side1 = ...``."""
    return " = ".join(latex_node(side) for side in identity.sides)


def latex_node(node: Node) -> str:
    """Print one expression, e.g. a step of a derivation."""
    return render(node).text


def latex_where(where: str) -> str:
    """Print the declarations: ``X \\in \\mathbb{R}^{m \\times n},\\; s \\in \\mathbb{R}``."""
    return latex_declarations(parse_where(where))


__all__ = ["latex", "latex_declarations", "latex_node", "latex_tree", "latex_where"]
