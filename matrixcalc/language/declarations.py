"""Parse the ``where`` clause: ``NAME: shape {assumption}`` separated by semicolons."""

from __future__ import annotations

import keyword
import re

from ..errors import IdentityError
from . import limits
from .dims import SCALAR, Dim, Shape, is_square, letters_of
from .hints import LAMBDA, comma_for_semicolon
from .signatures import RESERVED
from .tree import Declaration

ASSUMPTIONS = ("symmetric", "spd", "invertible", "orthogonal", "diagonal", "hermitian")
COMPLEX = "complex"
REAL_ONLY = {
    "spd": "a complex matrix cannot be declared spd; for a Hermitian positive definite one write 'hermitian'",
    "orthogonal": "a complex matrix cannot be declared orthogonal (unitary matrices are not supported yet)",
}
"""Assumptions of real matrices only: name -> the message when a complex symbol has one."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_SIZE = r"(?:[a-z]|[0-9]+)"
_SHAPE = re.compile(rf"\s*(scalar\b|(?P<r>{_SIZE})(?:\s*[x×]\s*(?P<c>{_SIZE}))?)(?=\s|,|\Z)")


def parse_where(text: str) -> dict[str, Declaration]:
    """Declarations by name; raises IdentityError naming the column of the fault."""
    if len(text) > limits.MAX_WHERE_CHARS:
        raise IdentityError(
            f"the where clause is {len(text)} characters; the limit is {limits.MAX_WHERE_CHARS}",
            part="where",
        )
    declarations: dict[str, Declaration] = {}
    start = 0
    for chunk in text.split(";"):
        if chunk.strip():
            decl = _parse_one(text, chunk, start)
            if decl.name in declarations:
                raise _err(text, start + chunk.index(decl.name), decl.name, f"'{decl.name}' is declared twice")
            declarations[decl.name] = decl
        start += len(chunk) + 1
    if len(declarations) > limits.MAX_DECLARATIONS:
        raise IdentityError(f"at most {limits.MAX_DECLARATIONS} symbols may be declared", part="where")
    _names_apart_from_sizes(text, declarations)
    return declarations


def _names_apart_from_sizes(text: str, declarations: dict[str, Declaration]) -> None:
    """A symbol may not share its name with a size letter, in any case: ``n: scalar; x: n`` is ambiguous."""
    letters = set().union(*(letters_of(d.shape) for d in declarations.values()))
    for name, decl in declarations.items():
        clash = next((letter for letter in sorted(letters) if letter.lower() == name.lower()), None)
        if clash is None:
            continue
        user = next(d.name for d in declarations.values() if clash in letters_of(d.shape))
        what = (
            "is a symbol and also a size letter"
            if clash == name
            else f"differs only in case from the size letter '{clash}'"
        )
        raise _err(
            text,
            decl.col,
            name,
            f"'{name}' {what} (in the shape of '{user}'); a symbol and a size must have different names, "
            f"e.g. '{name}1' for the symbol",
        )


def _err(text: str, col: int, snippet: str, message: str) -> IdentityError:
    return IdentityError(message, part="where", source=text, column=col, length=len(snippet) or 1)


def _parse_one(text: str, chunk: str, start: int) -> Declaration:
    lead = len(chunk) - len(chunk.lstrip())
    col = start + lead
    comma = comma_for_semicolon(chunk)
    if comma is not None:
        fixed = re.sub(r",(\s*[A-Za-z_][A-Za-z0-9_]*\s*:)", r";\1", text)
        raise _err(text, start + comma, ",", f"declarations are separated by ';', not ','; write '{fixed.strip()}'")
    if ":" not in chunk:
        word = chunk.strip()
        raise _err(text, col, word, f"'{word}' is not a declaration; write NAME: SHAPE, e.g. 'X: m x n'")
    name_part, rest = chunk.split(":", 1)
    name = name_part.strip()
    if not _NAME.match(name):
        raise _err(text, col, name, f"'{name}' is not a valid symbol name")
    if name == "lambda":
        raise _err(text, col, name, LAMBDA)
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        raise _err(text, col, name, f"'{name}' is a Python keyword and cannot be a symbol; e.g. '{name}1'")
    if name in RESERVED:
        raise _err(
            text,
            col,
            name,
            f"'{name}' is a function of the language and cannot be a symbol; choose another name, e.g. '{name}1'",
        )
    rest_col = start + len(name_part) + 1
    match = _SHAPE.match(rest)
    if not match:
        word = rest.strip().split()[0] if rest.strip() else ""
        what = f"'{word}' is not a shape" if word else f"the shape of '{name}' is missing"
        raise _err(
            text,
            rest_col + len(rest) - len(rest.lstrip()),
            word,
            f"{what}; write 'scalar', a size ('n') or 'm x n' "
            "(sizes are single lowercase letters or positive integers)",
        )
    shape = _shape(text, rest_col, match)
    after = re.match(r"\s*[x×]\s*(\S+)", rest[match.end() :])
    if after:
        size = after.group(1)
        raise _err(
            text,
            rest_col + match.end() + after.start(1),
            size,
            f"'{size}' is not a size: sizes are single lowercase letters or positive integers",
        )
    assumptions = _assumptions(text, rest_col + match.end(), rest[match.end() :])
    is_complex = COMPLEX in assumptions
    assumptions.discard(COMPLEX)
    if assumptions and not (is_square(shape) and shape != SCALAR):
        raise _err(text, col, name, f"'{name}' is declared {', '.join(sorted(assumptions))} but is not a square matrix")
    _complex_assumptions(text, col, name, assumptions, is_complex)
    if "spd" in assumptions:
        assumptions |= {"symmetric", "invertible"}
    if "orthogonal" in assumptions:
        assumptions |= {"invertible"}
    return Declaration(name, shape, frozenset(assumptions), col, is_complex)


def _complex_assumptions(text: str, col: int, name: str, assumptions: set[str], is_complex: bool) -> None:
    """``hermitian`` is for complex symbols; ``spd`` and ``orthogonal`` for real ones."""
    if is_complex:
        for word, message in REAL_ONLY.items():
            if word in assumptions:
                raise _err(text, col, name, f"'{name}': {message}")
    elif "hermitian" in assumptions:
        raise _err(
            text, col, name, f"'{name}' is hermitian but real: write 'symmetric', or declare it 'complex hermitian'"
        )


def _shape(text: str, rest_col: int, match: re.Match) -> Shape:
    if match.group(1) == "scalar":
        return SCALAR
    dims = []
    for key in ("r", "c"):
        size = match.group(key)
        if size is None:
            dims.append(Dim.of(1))
            continue
        if size.isdigit():
            value = int(size)
            if not 1 <= value <= limits.MAX_LITERAL_SIZE:
                raise _err(
                    text,
                    rest_col + match.start(key),
                    size,
                    f"a literal size must be between 1 and {limits.MAX_LITERAL_SIZE}; use a size letter",
                )
            dims.append(Dim.of(value))
        else:
            dims.append(Dim.of(size))
    return tuple(dims)


def _assumptions(text: str, col: int, rest: str) -> set[str]:
    found = set()
    for word in re.finditer(r"[^\s,]+", rest):
        if word.group() not in ASSUMPTIONS and word.group() != COMPLEX:
            raise _err(
                text,
                col + word.start(),
                word.group(),
                f"unknown assumption '{word.group()}'; choose from {', '.join(ASSUMPTIONS)} (and 'complex')",
            )
        found.add(word.group())
    return found
