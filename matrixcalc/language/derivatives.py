"""Derivatives in the language: ``d``, ``jac``, ``hess``, ``dsym`` and ``differential``, and their shapes.

A derivative's shape follows from its body and its variable (``d`` of a scalar by ``X`` has
``X``'s shape, ``jac`` is rows of the body by entries of the variable, ...); the variable must
be a declared symbol, ``vec(symbol)`` for ``jac`` and ``hess``, or ``conj(Z)`` of a complex
symbol for the Wirtinger derivatives of ``d`` and ``jac``.
"""

from __future__ import annotations

import ast

from .dims import Dim, Shape, is_scalar, is_square, is_vector, shape_str
from .tree import Node
from .walk import Walk


class Derivatives(Walk):
    """The builder of a derivative call, once its argument count is checked."""

    def _derivative(self, raw: ast.Call, name: str) -> Node:
        body = self.build(raw.args[0])
        if body.rank != 2:
            raise self._error(raw.args[0], f"{name} cannot differentiate a 4th-order tensor")
        variable, via_vec = self._variable(raw.args[1], name)
        vshape = variable.shape
        if name == "d":
            if is_scalar(body.shape):
                shape = vshape
            elif is_scalar(vshape):
                shape = body.shape
            else:
                shape = body.shape + vshape
            return self._node(raw, "d", (body, variable), shape)
        if name == "jac":
            if not is_vector(body.shape):
                raise self._error(
                    raw.args[0],
                    f"jac differentiates a vector; '{self._snippet(raw.args[0])}' is {shape_str(body.shape)} "
                    "(write vec(...))",
                )
            return self._node(raw, "jac", (body, variable), (body.shape[0], _length(vshape)), via_vec)
        if variable.op == "conj":
            raise self._error(raw.args[1], f"{name} differentiates by a symbol; conj(Z) as a variable is for d and jac")
        if name == "hess":
            self._need_scalar(raw, body, name)
            return self._node(raw, "hess", (body, variable), (_length(vshape), _length(vshape)), via_vec)
        if name == "dsym":
            self._need_scalar(raw, body, name)
            if not is_square(vshape) or is_scalar(vshape):
                raise self._error(
                    raw.args[1], f"dsym differentiates by a square matrix; '{variable.value}' is {shape_str(vshape)}"
                )
            return self._node(raw, "dsym", (body, variable), vshape)
        direction, _ = self._variable(raw.args[2], name, direction=True)
        if direction.value == variable.value or direction.shape != vshape:
            raise self._error(
                raw.args[2],
                f"the direction of differential must be another symbol of the same shape as "
                f"'{variable.value}' ({shape_str(vshape)})",
            )
        return self._node(raw, "differential", (body, variable, direction), body.shape)

    def _need_scalar(self, raw: ast.Call, body: Node, name: str) -> None:
        if not is_scalar(body.shape):
            raise self._error(
                raw.args[0],
                f"{name} differentiates a scalar; '{self._snippet(raw.args[0])}' is {shape_str(body.shape)}",
            )

    def _variable(self, raw: ast.AST, name: str, direction: bool = False) -> tuple[Node, bool]:
        """The differentiation variable: a declared symbol, or vec(symbol) for jac and hess, or
        conj(Z) of a complex symbol for d and jac (the Wirtinger derivative by the conjugate)."""
        via_vec = False
        if _call_of(raw, "vec"):
            if name not in ("jac", "hess"):
                raise self._error(raw, f"{name} differentiates by a symbol; vec(X) is for jac and hess")
            via_vec, raw = True, raw.args[0]
        if _call_of(raw, "conj") and not direction:
            return self._conjugate_variable(raw, name, via_vec), via_vec
        if not isinstance(raw, ast.Name) or raw.id not in self.declarations:
            raise self._error(raw, f"{name} differentiates by a declared symbol, not by '{self._snippet(raw)}'")
        symbol = self._build_Name(raw)
        if name in ("jac", "hess") and not via_vec and not is_vector(symbol.shape):
            raise self._error(
                raw, f"{name} differentiates by a vector; '{raw.id}' is {shape_str(symbol.shape)}: write vec({raw.id})"
            )
        return symbol, via_vec

    def _conjugate_variable(self, raw: ast.Call, name: str, via_vec: bool) -> Node:
        """``conj(Z)`` as a variable: ∂/∂Z̄ in Wirtinger's sense, for a complex symbol Z."""
        if name == "differential":
            raise self._error(raw, "differential takes the symbol itself: its differential already involves conj(dZ)")
        if name not in ("d", "jac"):
            raise self._error(raw, f"{name} differentiates by a symbol; conj(Z) as a variable is for d and jac")
        inner = raw.args[0]
        if not isinstance(inner, ast.Name) or inner.id not in self.declarations:
            raise self._error(raw, f"{name} differentiates by a declared symbol, not by '{self._snippet(raw)}'")
        symbol = self._build_Name(inner)
        if name == "jac" and not via_vec and not is_vector(symbol.shape):
            raise self._error(
                raw,
                f"jac differentiates by a vector; '{inner.id}' is {shape_str(symbol.shape)}: "
                f"write vec(conj({inner.id}))",
            )
        if not self.declarations[symbol.value].complex:
            raise self._error(
                raw,
                f"conj({symbol.value}) as a variable needs a complex symbol; '{symbol.value}' is real "
                f"(declare it '{symbol.value}: ... complex')",
            )
        return self._node(raw, "conj", (symbol,), symbol.shape)


def _call_of(raw: ast.AST, fn: str) -> bool:
    """Is ``raw`` the call ``fn(one argument)``?"""
    return isinstance(raw, ast.Call) and isinstance(raw.func, ast.Name) and raw.func.id == fn and len(raw.args) == 1


def _length(shape: Shape) -> Dim:
    return shape[0] * shape[1]
