"""What the derivative modules need of the evaluator that calls them, as a protocol.

``evaluate.Evaluator`` hands itself to ``derivatives`` and ``wirtinger`` for the nodes that take
a derivative; naming the three things they use here, below all three, keeps the dependency one
way (``evaluate`` imports them, they import only this).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from ..language import Node


class Interpreter(Protocol):
    """Evaluates a node at one size assignment and knows each node's concrete shape."""

    complex_symbols: frozenset[str]

    def __call__(self, node: Node, env: dict[str, np.ndarray]) -> np.ndarray: ...

    def shape(self, node: Node) -> tuple[int, ...]: ...
