"""The identity language: safe parsing of identities into a typed expression tree."""

from .dims import SCALAR, Dim, Shape, concrete, is_scalar, shape_str
from .parser import parse_expression, parse_identity
from .tree import COMPLEX_OPS, DERIVATIVES, Declaration, Identity, Node, variable_of

__all__ = [
    "COMPLEX_OPS",
    "DERIVATIVES",
    "SCALAR",
    "Declaration",
    "Dim",
    "Identity",
    "Node",
    "Shape",
    "concrete",
    "is_scalar",
    "parse_expression",
    "parse_identity",
    "shape_str",
    "variable_of",
]
