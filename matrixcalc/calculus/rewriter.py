"""What the canonical form and the rewrite rules use of ``simplify.Simplifier``, as a protocol.

The simplifier calls ``canonical`` and ``simplify_rules`` with itself; naming the methods they use
here, below all three, keeps the imports one way (``simplify`` imports them, they import this).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ..language.dims import Shape
from ..language.tree import Node
from .products import Term


class Rewriter(Protocol):
    """The simplifier as its rules see it: canonical terms, atoms, products and transposes."""

    def text(self, node: Node) -> str: ...

    def terms(self, node: Node) -> list[Term]: ...

    def atom(self, node: Node) -> Node: ...

    def atom_term(self, node: Node) -> Term: ...

    def local(self, node: Node) -> Node: ...

    def product(self, chain: Iterable[Node]) -> Node: ...

    def flip(self, f: Node) -> Node: ...

    def is_symmetric(self, f: Node) -> bool: ...

    def rebuild(self, terms: list[Term], shape: Shape) -> Node: ...
