"""Calls: the functions of the language with their shape rules, the size constructors, and derivatives.

A call must name a function of the language with plain positional arguments; an unknown
name gets a "did you mean" or the list of functions. A function's shape rule comes from its
signature (``signatures.py``, filled by the operation records); ``I``, ``ones``, ``zeros``
and ``K`` take sizes, which must size a declared symbol; derivatives are built in
``derivatives.py``.
"""

from __future__ import annotations

import ast
import re

from . import limits
from .derivatives import Derivatives
from .dims import Dim, letters_of
from .hints import did_you_mean
from .signatures import DERIVATIVE_ARITY, FUNCTIONS, REAL_ARGUMENT, SIZE_FUNCTIONS, ShapeFault
from .tree import Node


class Calls(Derivatives):
    """The builder of a call, added to the walk."""

    @staticmethod
    def _function_names() -> set[str]:
        """Every function name of the language, for the list and the "did you mean" of an unknown one."""
        return set(FUNCTIONS) | set(SIZE_FUNCTIONS) | set(DERIVATIVE_ARITY)

    def _build_Call(self, raw: ast.Call) -> Node:
        if not isinstance(raw.func, ast.Name):
            hint = did_you_mean(self._snippet(raw.func), self._function_names())
            raise self._error(
                raw.func, f"'{self._snippet(raw.func)}' cannot be called; only the language's functions can{hint}"
            )
        name = raw.func.id
        if raw.keywords or any(isinstance(a, ast.Starred) for a in raw.args):
            raise self._error(raw, f"{name}(...) takes plain positional arguments only")
        if name in SIZE_FUNCTIONS:
            return self._size_call(raw, name)
        if name in DERIVATIVE_ARITY:
            self._arity(raw, name, DERIVATIVE_ARITY[name], DERIVATIVE_ARITY[name])
            return self._derivative(raw, name)
        if name not in FUNCTIONS:
            if name in self.declarations:
                raise self._error(raw.func, f"'{name}' is a symbol, not a function")
            hint = did_you_mean(name, self._function_names())
            if hint:
                raise self._error(raw.func, f"unknown function '{name}'{hint}")
            known = ", ".join(sorted(self._function_names()))
            raise self._error(raw.func, f"unknown function '{name}'; the functions are {known}")
        arity, rule = FUNCTIONS[name]
        self._arity(raw, name, arity, arity)
        args = [self.build(a) for a in raw.args]
        try:
            shape = rule(args)
        except ShapeFault as fault:
            raise self._error(raw.args[fault.arg] if fault.arg is not None else raw, str(fault)) from None
        if name in REAL_ARGUMENT and self.complexity(args[0]):
            raise self._error(raw.args[0], f"{name} needs a real argument: {REAL_ARGUMENT[name]}")
        return self._node(raw, name, args, shape)

    def _arity(self, raw: ast.Call, name: str, fewest: int, most: int) -> None:
        if not fewest <= len(raw.args) <= most:
            wanted = str(fewest) if fewest == most else f"{fewest} or {most}"
            raise self._error(raw, f"{name} takes {wanted} argument{'s' if most > 1 else ''}, not {len(raw.args)}")

    def _size_call(self, raw: ast.Call, name: str) -> Node:
        fewest, most = SIZE_FUNCTIONS[name]
        self._arity(raw, name, fewest, most)
        dims = []
        for arg in raw.args:
            if isinstance(arg, ast.Name) and re.fullmatch(r"[a-z]", arg.id):
                self._declared_size(arg, name)
                dims.append(Dim.of(arg.id))
            elif isinstance(arg, ast.Constant) and type(arg.value) is int and 1 <= arg.value <= limits.MAX_LITERAL_SIZE:
                dims.append(Dim.of(arg.value))
            else:
                raise self._error(
                    arg,
                    f"{name}(...) takes sizes: a lowercase size letter or an integer "
                    f"from 1 to {limits.MAX_LITERAL_SIZE}",
                )
        if name == "I":
            return self._node(raw, "eye", shape=(dims[0], dims[0]), value=(dims[0], dims[0]))
        if name == "K":
            size = dims[0] * dims[1]
            return self._node(raw, "commutation", shape=(size, size), value=(dims[0], dims[1]))
        shape = (dims[0], dims[1] if len(dims) == 2 else Dim.of(1))
        return self._node(raw, name, shape=shape, value=shape)

    def _declared_size(self, arg: ast.Name, name: str) -> None:
        """A size letter in I(k), ones(k), ... must size a declared symbol: a typo must not pass."""
        letters = set().union(*(letters_of(d.shape) for d in self.declarations.values()))
        if arg.id in letters:
            return
        known = ", ".join(f"'{letter}'" for letter in sorted(letters))
        raise self._error(
            arg,
            f"the size letter '{arg.id}' in {name}(...) sizes no declared symbol"
            + (f"; the declared sizes are {known}" if known else "; declare the symbols whose size it is")
            + " (a size letter must appear in the shape of a symbol in where)",
        )
