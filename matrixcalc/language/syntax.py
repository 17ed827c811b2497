"""Text to Python's expression tree, safely: limits first, then ``ast.parse``, then our syntax messages.

The text is checked before Python's parser sees it (empty, too long, nested too deep, a NUL
byte), and a syntax error is reworded for the mistakes people make in identities ('=' for '==',
``lambda`` as a name, an expression cut short) with a caret at the place.
"""

from __future__ import annotations

import ast
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import IdentityError
from . import limits
from .hints import LAMBDA
from .located import Located

_SINGLE_EQUALS = re.compile(r"(?<![=<>!])=(?!=)")

PARSE_RECURSION = 12_000
"""Python builds the syntax tree of ``a + b + c + ...`` one level per term; a sum of 20,000 terms
(``limits.MAX_NODES``) needs this recursion limit while ``ast.parse`` runs (measured), no more."""


@contextmanager
def _recursion_limit(limit: int) -> Iterator[None]:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def check_text(text: str, what: str = "identity") -> None:
    """Reject empty, overlong or too deeply nested text before the Python parser sees it."""
    if not text.strip():
        raise IdentityError(f"the {what} is empty")
    if len(text) > limits.MAX_IDENTITY_CHARS:
        raise IdentityError(f"the {what} is {len(text)} characters; the limit is {limits.MAX_IDENTITY_CHARS}")
    depth = 0
    for col, char in enumerate(text):
        depth += (char in "([{") - (char in ")]}")
        if depth > limits.MAX_NESTING:
            raise IdentityError(f"brackets are nested more than {limits.MAX_NESTING} deep", source=text, column=col)
    if "\x00" in text:
        raise IdentityError("the text contains a NUL character", source=text, column=text.index("\x00"))


def parse_python(source: Located) -> ast.AST:
    """The body of ``source.text`` parsed as one Python expression, or an IdentityError at a column."""
    text = source.text
    check_text(text)
    try:
        with warnings.catch_warnings(), _recursion_limit(PARSE_RECURSION):
            warnings.simplefilter("ignore", SyntaxWarning)  # e.g. "invalid decimal literal": ours says it better
            return ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        col = source.column(exc.lineno or 1, exc.offset - 1 if exc.offset else 0, from_bytes=False)
        single = _SINGLE_EQUALS.search(text)
        if single:
            raise IdentityError(
                "use '==' between the sides of an identity ('=' alone is not allowed)",
                source=text,
                column=single.start(),
            ) from None
        if re.search(r"\blambda\b", text):
            raise IdentityError(LAMBDA, source=text, column=re.search(r"\blambda\b", text).start()) from None
        if _ends_early(text):
            end = len(text.rstrip())
            raise IdentityError("the expression ends too early", source=text, column=end) from None
        raise IdentityError(
            f"not a valid expression ({exc.msg})", source=text, column=min(col, len(text) - 1)
        ) from None
    except (ValueError, MemoryError, RecursionError) as exc:
        raise IdentityError(f"the text cannot be parsed ({type(exc).__name__})") from None


def _ends_early(text: str) -> bool:
    """True when the text is a valid start cut short: an unclosed bracket or a trailing operator."""
    stripped = text.rstrip()
    depth = stripped.count("(") - stripped.count(")")
    return depth > 0 or stripped.endswith(("+", "-", "*", "/", "@", "=", ",", "(", "."))
