"""The one exception a user sees: what is wrong with an identity, and where."""

from __future__ import annotations


class IdentityError(ValueError):
    """An identity or its `where` clause is not well formed.

    ``part`` names the text at fault ("identity" or "where"), ``column`` is 0-based in that text
    and ``length`` is how many characters to underline, so front ends can draw a caret.
    """

    def __init__(
        self,
        message: str,
        *,
        part: str = "identity",
        source: str | None = None,
        column: int | None = None,
        length: int = 1,
    ) -> None:
        self.message = message
        self.part = part
        self.source = source
        self.column = column
        self.length = max(1, length)
        self.line: int | None = None  # 0-based line within a multi-line text (derivations)
        super().__init__(self._full_message())

    def _full_message(self) -> str:
        if self.column is None or self.source is None:
            return f"{self.part}: {self.message}"
        snippet = self.source[self.column : self.column + self.length]
        where = f"column {self.column + 1} ('{snippet}')" if snippet.strip() else f"column {self.column + 1} (end)"
        return f"{self.part}, {where}: {self.message}"

    def caret(self) -> str:
        """Two lines: the offending text and a caret line under the fault ('' if no column)."""
        if self.column is None or self.source is None:
            return ""
        return f"{self.source}\n{' ' * self.column}{'^' * self.length}"
