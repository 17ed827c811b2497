"""Where a piece of the text is: columns from Python's ``ast`` offsets, errors with a caret, spanned nodes.

Python reports a node's place as a line and a UTF-8 byte offset; messages and the tree need
character columns into the whole text, so that an error's caret and a node's span point at
what the user wrote, on any line and after any non-ASCII character.
"""

from __future__ import annotations

import ast

from ..errors import IdentityError
from .dims import SCALAR, Shape
from .tree import Node


class Located:
    """The text being parsed, and the translation of ``ast`` positions into its columns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ascii = text.isascii()  # then a byte offset is a character offset
        self.line_starts = [0]
        for line in text.split("\n")[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)

    def column(self, lineno: int, offset: int, from_bytes: bool = True) -> int:
        """The character column of Python's (line, offset); the offset counts bytes unless ``from_bytes`` is False."""
        start = self.line_starts[min(lineno, len(self.line_starts)) - 1]
        if from_bytes and not self.ascii:
            line = self.text[start:].split("\n", 1)[0]
            offset = len(line.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        return start + offset

    def _span(self, node: ast.AST) -> tuple[int, int]:
        col = self.column(node.lineno, node.col_offset)
        end = self.column(node.end_lineno, node.end_col_offset)
        return col, max(end, col + 1)

    def _error(self, node: ast.AST, message: str) -> IdentityError:
        col, end = self._span(node)
        return IdentityError(message, source=self.text, column=col, length=end - col)

    def _snippet(self, node: ast.AST) -> str:
        col, end = self._span(node)
        return self.text[col:end]

    def _node(self, raw: ast.AST, op: str, args: tuple = (), shape: Shape = SCALAR, value=None) -> Node:
        col, end = self._span(raw)
        return Node(op, tuple(args), shape, value, col, end)
