"""LaTeX for the leaves of the language: symbol names, numbers, sizes and the where clause.

Kept apart from the tree printer because the site also prints declarations on their own.
"""

from __future__ import annotations

import re
from fractions import Fraction

from ..language.dims import Dim, Shape, is_scalar, is_vector
from ..language.tree import Declaration

GREEK_LOWER = tuple(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon "
    "phi chi psi omega".split()
)
"""The small Greek letters in order, as Unicode names them (lambda for U+03BB)."""
GREEK_CAPITAL_MACROS = frozenset("Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split())
"""The capitals LaTeX has a macro for; MathJax lacks \\Alpha and the others that look Latin."""
GREEK = frozenset(
    (set(GREEK_LOWER) - {"omicron", "lambda"})  # omicron is a Latin o; lambda cannot be a name (Python keyword)
    | {"varepsilon", "vartheta", "varphi"}
    | (GREEK_CAPITAL_MACROS - {"Lambda"})
)
"""Symbol names printed as Greek letters."""

LAMBDA_SPELLINGS = frozenset({"lam", "lmbda"})
"""Names printed as λ: ``lambda`` itself is a Python keyword, so the language spells it as NumPy users do."""
_GREEK_NAMES = sorted(GREEK | LAMBDA_SPELLINGS, key=len, reverse=True)
_SIMPLE = re.compile(r"(?P<base>[A-Za-z]|" + "|".join(_GREEK_NAMES) + r")(?P<digits>\d*)\Z")
_SUBSCRIPT = re.compile(r"(?P<base>[A-Za-z][A-Za-z0-9]*)_(?P<sub>[A-Za-z0-9]+)\Z")

# Words for assumptions, strongest first; an implied weaker one is not repeated.
_ASSUMPTION_WORDS = (
    ("spd", "symmetric positive definite", {"symmetric", "invertible"}),
    ("orthogonal", "orthogonal", {"invertible"}),
    ("symmetric", "symmetric", set()),
    ("hermitian", "Hermitian", set()),
    ("diagonal", "diagonal", set()),
    ("invertible", "invertible", set()),
)


def simple_name(name: str) -> str | None:
    """``X`` → ``X``, ``lam`` → ``\\lambda``, ``Sigma2`` → ``\\Sigma2``; None when not a letter or Greek name.

    Digits stay on the line: ``x1`` and ``x_1`` are different symbols, so only ``x_1`` prints as a subscript.
    """
    match = _SIMPLE.match(name)
    if match is None:
        return None
    base = match["base"]
    text = "\\lambda" if base in LAMBDA_SPELLINGS else f"\\{base}" if base in GREEK else base
    return f"{text}{match['digits']}"


def symbol_name(name: str) -> tuple[str, bool]:
    """The LaTeX of a symbol and whether it may carry a superscript without parentheses.

    ``dX`` is the differential ``\\mathrm{d}X`` (so ``(\\mathrm{d}X)^\\top`` gets parentheses),
    ``x_i`` a subscript, and any other multi-letter name ``\\mathit{name}``.
    """
    simple = simple_name(name)
    if simple is not None:
        return simple, True
    if name.startswith("d") and (rest := simple_name(name[1:])) is not None:
        return f"\\mathrm{{d}}{rest}", False
    match = _SUBSCRIPT.match(name)
    if match is not None:
        base = simple_name(match["base"]) or _italic(match["base"])
        sub = match["sub"]
        sub_tex = simple_name(sub) or (sub if sub.isdigit() else f"\\mathrm{{{sub}}}")
        return f"{base}_{{{sub_tex}}}", True
    return _italic(name), True


def _italic(name: str) -> str:
    return "\\mathit{" + name.replace("_", "\\_") + "}"


def number(value: Fraction) -> str:
    """``2``, or ``\\tfrac{1}{2}`` for a non-integer (0.5 is written as the exact fraction)."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"\\tfrac{{{value.numerator}}}{{{value.denominator}}}"


def exponent(value: Fraction) -> str:
    """An exponent inside ``^{...}``: ``2``, ``-1``, ``1/2``."""
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def dim(size: Dim) -> str:
    """A size: ``n``, ``mn`` for a product of letters, ``3`` for a literal."""
    coef = str(size.coef) if size.coef != 1 or not size.letters else ""
    return coef + "".join(size.letters)


def space(shape: Shape, field: str = "R") -> str:
    """``\\mathbb{R}``, ``\\mathbb{R}^{n}`` for a column vector, ``\\mathbb{R}^{m \\times n}`` (``C`` for complex)."""
    if is_scalar(shape):
        return f"\\mathbb{{{field}}}"
    if is_vector(shape):
        return f"\\mathbb{{{field}}}^{{{dim(shape[0])}}}"
    return f"\\mathbb{{{field}}}^{{" + " \\times ".join(dim(d) for d in shape) + "}"


def assumption_words(assumptions: frozenset[str]) -> list[str]:
    """Assumptions in words, strongest first, leaving out those another one implies."""
    implied: set[str] = set()
    words = []
    for key, word, implies in _ASSUMPTION_WORDS:
        if key in assumptions and key not in implied:
            words.append(word)
            implied |= implies
    return words


def declaration(decl: Declaration) -> str:
    """``X \\in \\mathbb{R}^{n \\times n} \\text{ symmetric}``."""
    text = f"{symbol_name(decl.name)[0]} \\in {space(decl.shape, 'C' if decl.complex else 'R')}"
    words = assumption_words(decl.assumptions)
    return text + (f" \\text{{ {', '.join(words)}}}" if words else "")


def declarations(decls: dict[str, Declaration]) -> str:
    """Every declaration in written order, separated by ``,\\;``."""
    return ",\\; ".join(declaration(d) for d in decls.values())
