"""The safe walk over Python's expression tree: a node type the language has no builder for is an error.

``build`` dispatches on the ``ast`` node's type to a ``_build_<Type>`` method; the leaves
(numbers and symbols) are built here, the operators in ``operators.py`` and the calls in
``calls.py``. Anything else (indexing, a lambda, a comprehension, ...) is refused with a
caret at it: the text is never evaluated.
"""

from __future__ import annotations

import ast
from fractions import Fraction

from . import limits
from .complexity import Complexity
from .declarations import RESERVED
from .dims import letters_of
from .hints import suggested_declaration
from .located import Located
from .tree import Declaration, Node


class Walk(Located):
    """Builds typed nodes from a parsed ``ast`` tree, raising IdentityError at the first fault."""

    def __init__(self, text: str, declarations: dict[str, Declaration]) -> None:
        super().__init__(text)
        self.declarations = declarations
        self.count = 0
        self.complexity = Complexity(declarations)

    def build(self, raw: ast.AST) -> Node:
        self.count += 1
        if self.count > limits.MAX_NODES:
            raise self._error(raw, f"the identity has more than {limits.MAX_NODES} operations")
        method = getattr(self, f"_build_{type(raw).__name__}", None)
        if method is None:
            raise self._error(raw, f"'{self._snippet(raw)}' is not allowed in the language ({_describe(raw)})")
        return method(raw)

    def _build_Constant(self, raw: ast.Constant) -> Node:
        value = raw.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self._error(raw, f"{type(value).__name__} literals are not allowed; only real numbers")
        return self._node(raw, "number", value=self._fraction(raw))

    def _fraction(self, raw: ast.Constant) -> Fraction:
        if isinstance(raw.value, float) and not float("-inf") < raw.value < float("inf"):
            raise self._error(raw, "a number must be finite")
        if abs(raw.value) > 1e12:
            raise self._error(raw, "numbers larger than 1e12 are not allowed")
        if isinstance(raw.value, int):
            return Fraction(raw.value)
        return Fraction(self._snippet(raw).replace("_", ""))

    def _build_Name(self, raw: ast.Name) -> Node:
        name = raw.id
        decl = self.declarations.get(name)
        if decl is not None:
            return self._node(raw, "symbol", shape=decl.shape, value=name)
        if name in RESERVED:
            raise self._error(raw, f"'{name}' is a function: call it, e.g. {name}(...)")
        sizes = set().union(*(letters_of(d.shape) for d in self.declarations.values()))
        hint = f" ('{name}' is a size letter; sizes may appear only in I, ones, zeros and K)" if name in sizes else ""
        example = suggested_declaration(self.text, name)
        raise self._error(raw, f"undeclared symbol '{name}': declare it in where, e.g. '{example}'{hint}")


def _describe(raw: ast.AST) -> str:
    names = {
        "Lambda": "lambda",
        "Subscript": "indexing",
        "List": "a list",
        "Tuple": "a tuple",
        "Dict": "a dict",
        "BoolOp": "a boolean operator",
        "IfExp": "a conditional",
        "ListComp": "a comprehension",
        "GeneratorExp": "a generator",
        "JoinedStr": "a string",
        "NamedExpr": "an assignment",
        "Await": "await",
        "Set": "a set",
        "Starred": "unpacking",
        "Slice": "a slice",
        "Yield": "yield",
        "SetComp": "a comprehension",
        "DictComp": "a comprehension",
    }
    return names.get(type(raw).__name__, type(raw).__name__)
