"""The formula of an ``mc:math`` role: its text split from its own declarations, type-checked, typeset.

The Sphinx role (``sphinxext/math_role.py``), the pytest plugin and ``matrixcalc check-docs``
(``doccheck``) read a role's text the same way, so a formula that fails one fails them all; it
lives here, below all three, so that the plugin and ``check-docs`` need not import Sphinx.
"""

from __future__ import annotations

from ..language import parse_expression, parse_identity
from . import latex_node, latex_tree

SEPARATOR = "|"  # formula | its own declarations ("|" is not part of the language)


def split(text: str) -> tuple[str, str]:
    """(formula, the role's own declarations) from the role's text."""
    formula, _, own = text.partition(SEPARATOR)
    return formula.strip(), own.strip()


def formula_latex(formula: str, where: str) -> str:
    """The LaTeX of an expression, or of a chain ``a == b``, type-checked against ``where``.

    Raises IdentityError for text that does not parse or whose shapes do not fit.
    """
    if "==" in formula:
        return latex_tree(parse_identity(formula, where))
    return latex_node(parse_expression(formula, where)[0])
