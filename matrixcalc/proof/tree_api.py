"""The one door from the kernel to the language: the typed tree, its shapes and sizes.

Every other module of the kernel imports the language through here, so that when the engine's
operation registry lands only this file has to follow it.
"""

from __future__ import annotations

from ..language.dims import ONE, SCALAR, Dim, Shape, is_scalar
from ..language.tree import Declaration, Identity, Node, variable_of

__all__ = ["ONE", "SCALAR", "Declaration", "Dim", "Identity", "Node", "Shape", "is_scalar", "variable_of"]
