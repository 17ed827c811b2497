"""Text to typed tree: Python's ``ast`` with a whitelist, never ``eval``.

Every node is checked for shape as it is built, so an identity that parses is well typed for
every assignment of sizes to its letters.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction

from ..errors import IdentityError
from . import limits
from .complexity import Complexity, check_complex_limits, has_complex
from .cost import COST_SIZE, estimate
from .declarations import RESERVED, parse_where
from .dims import SCALAR, Dim, Shape, is_scalar, is_square, is_vector, letters_of, shape_str
from .hints import LAMBDA, caret_column, did_you_mean, suggested_declaration
from .signatures import DERIVATIVE_ARITY, FUNCTIONS, REAL_ARGUMENT, SIZE_FUNCTIONS, ShapeFault
from .tree import Declaration, Identity, Node

_SINGLE_EQUALS = re.compile(r"(?<![=<>!])=(?!=)")


def parse_identity(text: str, where: str = "") -> Identity:
    """Parse and type-check ``side == side [== ...]`` against the ``where`` declarations."""
    declarations = parse_where(where)
    sides = _guarded(_Builder(text, declarations).identity)
    complex_values = has_complex(sides, declarations)
    if complex_values:
        check_complex_limits(sides, declarations, text)
    letters = tuple(sorted(set().union(*(letters_of(d.shape) for d in declarations.values()))))
    _affordable(sides, letters, COMPLEX_FACTOR if complex_values else 1)
    return Identity(tuple(sides), declarations, letters, text, where)


COMPLEX_FACTOR = 8
"""Complex values cost about four real operations each, and a Wirtinger derivative carries two
infinitesimals (real and imaginary part) per entry of its variable."""


def _affordable(sides: list[Node], letters: tuple[str, ...], factor: int = 1) -> None:
    """Reject an identity whose check would cost too much (see cost.py), before any work."""
    cost = estimate(sides, letters)
    if cost.operations * factor > limits.MAX_OPERATIONS:
        raise IdentityError(
            f"checking this identity would take about {cost.operations * factor:.1e} scalar operations at size "
            f"{COST_SIZE} (the limit is {limits.MAX_OPERATIONS:.0e}): nested derivatives, large Kronecker "
            "products or long matrix powers multiply the work"
        )
    if cost.degree > limits.MAX_DEGREE:
        raise IdentityError(
            f"exact values of this identity would have degree about {cost.degree} in its symbols (the limit "
            f"is {limits.MAX_DEGREE}): nested powers, determinants or inverses make the numbers too large"
        )


def parse_expression(text: str, where: str = "") -> tuple[Node, dict[str, Declaration]]:
    """Parse one expression (no '=='), e.g. a derivation step."""
    declarations = parse_where(where)
    node = _guarded(_Builder(text, declarations).expression)
    check_complex_limits([node], declarations, text)
    return node, declarations


def _guarded(build):
    """Run a builder; a caller's deep stack plus deep nesting must still end in an IdentityError."""
    try:
        return build()
    except RecursionError:
        raise IdentityError("the expression is nested too deeply to check") from None


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


class _Builder:
    """Builds typed nodes from a parsed ``ast`` tree, raising IdentityError at the first fault."""

    def __init__(self, text: str, declarations: dict[str, Declaration]) -> None:
        self.text = text
        self.declarations = declarations
        self.ascii = text.isascii()  # then a byte offset is a character offset
        self.line_starts = [0]
        for line in text.split("\n")[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.count = 0
        self.complexity = Complexity(declarations)

    # -- entry points -------------------------------------------------------------------------

    def identity(self) -> list[Node]:
        tree = self._parse()
        if not (isinstance(tree, ast.Compare) and all(isinstance(op, ast.Eq) for op in tree.ops)):
            if isinstance(tree, ast.Compare):
                raise self._error(tree, "only '==' may join the sides of an identity")
            raise self._error(tree, "an identity needs '==' between two expressions, e.g. 'd(tr(X), X) == I(n)'")
        sides = [self.build(tree.left)] + [self.build(c) for c in tree.comparators]
        for previous, (node, raw) in zip(sides, zip(sides[1:], tree.comparators)):
            if previous.shape != node.shape:
                transposed = previous.rank == node.rank == 2 and tuple(reversed(previous.shape)) == node.shape
                hint = " (the right side has the left side's shape transposed: a transpose is missing or extra)"
                raise self._error(
                    raw,
                    f"the two sides of '==' have different shapes: {shape_str(previous.shape)} "
                    f"on the left, {shape_str(node.shape)} on the right{hint if transposed else ''}",
                )
        return sides

    def expression(self) -> Node:
        tree = self._parse()
        if isinstance(tree, ast.Compare):
            raise self._error(tree, "a single expression is expected here, without '=='")
        return self.build(tree)

    def _parse(self) -> ast.AST:
        check_text(self.text)
        try:
            with warnings.catch_warnings(), _recursion_limit(PARSE_RECURSION):
                warnings.simplefilter("ignore", SyntaxWarning)  # e.g. "invalid decimal literal": ours says it better
                return ast.parse(self.text, mode="eval").body
        except SyntaxError as exc:
            col = self._col(exc.lineno or 1, exc.offset - 1 if exc.offset else 0, from_bytes=False)
            single = _SINGLE_EQUALS.search(self.text)
            if single:
                raise IdentityError(
                    "use '==' between the sides of an identity ('=' alone is not allowed)",
                    source=self.text,
                    column=single.start(),
                ) from None
            if re.search(r"\blambda\b", self.text):
                raise IdentityError(
                    LAMBDA, source=self.text, column=re.search(r"\blambda\b", self.text).start()
                ) from None
            if _ends_early(self.text):
                end = len(self.text.rstrip())
                raise IdentityError("the expression ends too early", source=self.text, column=end) from None
            raise IdentityError(
                f"not a valid expression ({exc.msg})", source=self.text, column=min(col, len(self.text) - 1)
            ) from None
        except (ValueError, MemoryError, RecursionError) as exc:
            raise IdentityError(f"the text cannot be parsed ({type(exc).__name__})") from None

    # -- locations ----------------------------------------------------------------------------

    def _col(self, lineno: int, offset: int, from_bytes: bool = True) -> int:
        start = self.line_starts[min(lineno, len(self.line_starts)) - 1]
        if from_bytes and not self.ascii:
            line = self.text[start:].split("\n", 1)[0]
            offset = len(line.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        return start + offset

    def _span(self, node: ast.AST) -> tuple[int, int]:
        col = self._col(node.lineno, node.col_offset)
        end = self._col(node.end_lineno, node.end_col_offset)
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

    # -- the dispatch -------------------------------------------------------------------------

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

    def _build_Attribute(self, raw: ast.Attribute) -> Node:
        if raw.attr not in ATTRIBUTES:
            raise self._error(
                raw, f"'.{raw.attr}' is not allowed; the attributes are '.T' (transpose) and '.H' (conjugate transpose)"
            )
        inner = self.build(raw.value)
        if inner.rank != 2:
            raise self._error(raw, "a 4th-order tensor cannot be transposed")
        return self._node(raw, ATTRIBUTES[raw.attr], (inner,), (inner.shape[1], inner.shape[0]))

    def _build_UnaryOp(self, raw: ast.UnaryOp) -> Node:
        inner = self.build(raw.operand)
        if isinstance(raw.op, ast.UAdd):
            return inner
        if isinstance(raw.op, ast.USub):
            return self._node(raw, "neg", (inner,), inner.shape)
        raise self._error(raw, f"'{self._snippet(raw)}': only '-' and '+' may stand before an expression")

    def _build_BinOp(self, raw: ast.BinOp) -> Node:
        if isinstance(raw.op, ast.Pow):
            return self._power(raw)
        if isinstance(raw.op, _CHAINED):
            return self._chain(raw)
        return self._combine(raw, self.build(raw.left), self.build(raw.right))

    def _chain(self, raw: ast.BinOp) -> Node:
        """``a + b + c + ...`` or ``A @ B @ C @ ...`` built as a balanced tree, depth log(length).

        Python parses a chain left-deep, so a sum of 1,000 terms would be 1,000 levels deep for
        every interpreter; both operations are associative, so the balanced tree means the same
        and prints the same. The chain is type-checked left to right first, so an error names
        the same operand as before.
        """
        links = []
        node = raw
        while isinstance(node, ast.BinOp) and type(node.op) is type(raw.op):
            links.append(node)
            node = node.left
        links.reverse()
        self.count += len(links) - 1  # build() counted the outermost link
        operands = [self.build(links[0].left)] + [self.build(link.right) for link in links]
        left = operands[0]
        for link, right in zip(links, operands[1:]):
            left = self._combine(link, left, right)
        # the root spans the whole chain as written, closing parenthesis of the last operand included
        return dataclasses.replace(_balanced(operands, left.op), col=left.col, end=left.end)

    def _combine(self, raw: ast.BinOp, left: Node, right: Node) -> Node:
        """The node for ``left <op> right`` once both are built, with its shape rule."""
        kind = type(raw.op).__name__
        if kind in ("Add", "Sub"):
            if left.shape != right.shape:
                sign = "+" if kind == "Add" else "-"
                raise self._error(
                    raw,
                    f"'{sign}' needs equal shapes: '{self._snippet(raw.left)}' is {shape_str(left.shape)}, "
                    f"'{self._snippet(raw.right)}' is {shape_str(right.shape)}",
                )
            return self._node(raw, kind.lower(), (left, right), left.shape)
        if kind == "Mult":
            if is_scalar(left.shape) or is_scalar(right.shape):
                shape = right.shape if is_scalar(left.shape) else left.shape
                return self._node(raw, "mul", (left, right), shape)
            if left.shape == right.shape and left.rank == 2:
                return self._node(raw, "hadamard", (left, right), left.shape)
            raise self._error(
                raw,
                "'*' multiplies by a scalar, or entrywise two arrays of the same shape; "
                f"'{self._snippet(raw.left)}' is {shape_str(left.shape)}, '{self._snippet(raw.right)}' is "
                f"{shape_str(right.shape)} (for the matrix product write '@')",
            )
        if kind == "Div":
            if left.shape == right.shape and left.rank == 2 and not is_scalar(right.shape):
                return self._node(raw, "ediv", (left, right), left.shape)
            if not is_scalar(right.shape):
                raise self._error(
                    raw.right,
                    f"division is by a scalar or, entrywise, by an array of the same shape; "
                    f"'{self._snippet(raw.right)}' is {shape_str(right.shape)} (for a matrix inverse use inv(...))",
                )
            return self._node(raw, "div", (left, right), left.shape)
        if kind == "MatMult":
            return self._matmul(raw, left, right)
        if kind == "BitXor":
            col, end = self._span(raw)
            caret = caret_column(self.text, self._span(raw.left)[1], self._span(raw.right)[0], "^")
            raise IdentityError(
                "'^' is not a power in the language: write '**' (t ** 2; for a square matrix X ** 2 is X @ X)",
                source=self.text,
                column=caret if caret is not None else col,
                length=1 if caret is not None else end - col,
            )
        raise self._error(raw, f"the operator in '{self._snippet(raw)}' is not part of the language")

    def _matmul(self, raw: ast.BinOp, left: Node, right: Node) -> Node:
        if left.rank != 2 or right.rank != 2:
            raise self._error(raw, "'@' takes matrices, not 4th-order tensors")
        if left.shape[1] != right.shape[0]:
            raise self._error(
                raw,
                f"'@' needs matching inner sizes: '{self._snippet(raw.left)}' is {shape_str(left.shape)}, "
                f"'{self._snippet(raw.right)}' is {shape_str(right.shape)}",
            )
        return self._node(raw, "matmul", (left, right), (left.shape[0], right.shape[1]))

    def _power(self, raw: ast.BinOp) -> Node:
        base = self.build(raw.left)
        exponent = self._constant(raw.right)
        if is_scalar(base.shape):
            if abs(exponent) > 100:
                raise self._error(raw.right, "a scalar exponent must lie between -100 and 100")
            if exponent.denominator != 1 and self.complexity(base):
                raise self._error(
                    raw, "a fractional power of a complex value is not defined here (which branch?); use abs(...)"
                )
            node = self._node(raw, "pow", (base,), SCALAR, exponent)
            if not 1e-12 <= abs(_constant_value(node) or 1) <= 1e12:
                raise self._error(raw, "constant numbers must lie within 1e-12 and 1e12 in magnitude")
            return node
        if base.rank != 2 or not is_square(base.shape):
            raise self._error(
                raw.left,
                f"'**' needs a square matrix or a scalar; '{self._snippet(raw.left)}' is {shape_str(base.shape)}",
            )
        if exponent.denominator != 1:
            raise self._error(raw.right, "a matrix power must be an integer")
        if abs(exponent) > limits.MAX_MATRIX_POWER:
            raise self._error(
                raw.right, f"a matrix power must lie between -{limits.MAX_MATRIX_POWER} and {limits.MAX_MATRIX_POWER}"
            )
        return self._node(raw, "matpow", (base,), base.shape, int(exponent))

    def _constant(self, raw: ast.AST) -> Fraction:
        """A constant exponent such as 2, -1, 0.5 or (1/2); exact."""
        if isinstance(raw, ast.Constant) and isinstance(raw.value, (int, float)) and not isinstance(raw.value, bool):
            return self._fraction(raw)
        if isinstance(raw, ast.UnaryOp) and isinstance(raw.op, (ast.USub, ast.UAdd)):
            value = self._constant(raw.operand)
            return -value if isinstance(raw.op, ast.USub) else value
        if isinstance(raw, ast.BinOp) and isinstance(raw.op, (ast.Div, ast.Add, ast.Sub, ast.Mult)):
            a, b = self._constant(raw.left), self._constant(raw.right)
            if isinstance(raw.op, ast.Div):
                if b == 0:
                    raise self._error(raw, "division by zero in the exponent")
                return a / b
            return {ast.Add: a + b, ast.Sub: a - b, ast.Mult: a * b}[type(raw.op)]
        raise self._error(raw, "an exponent must be a number such as 2, -1 or (1/2)")

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

    # -- derivatives --------------------------------------------------------------------------

    def _derivative(self, raw: ast.Call, name: str) -> Node:
        arity = DERIVATIVE_ARITY[name]
        self._arity(raw, name, arity, arity)
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


ATTRIBUTES = {"T": "transpose", "H": "ctranspose"}


def _call_of(raw: ast.AST, fn: str) -> bool:
    """Is ``raw`` the call ``fn(one argument)``?"""
    return isinstance(raw, ast.Call) and isinstance(raw.func, ast.Name) and raw.func.id == fn and len(raw.args) == 1


_CHAINED = (ast.Add, ast.MatMult)


def _balanced(operands: list[Node], op: str) -> Node:
    """Operands joined by an associative ``op`` ("add" or "matmul") as a balanced tree."""
    if len(operands) == 1:
        return operands[0]
    half = len(operands) // 2
    left, right = _balanced(operands[:half], op), _balanced(operands[half:], op)
    shape = left.shape if op == "add" else (left.shape[0], right.shape[1])
    return Node(op, (left, right), shape, None, left.col, right.end)


def _constant_value(node: Node) -> float | None:
    """The value of a subtree made of numbers only (None if it holds a symbol or overflows)."""
    values = [_constant_value(arg) for arg in node.args]
    if None in values:
        return None
    try:
        if node.op == "number":
            return float(node.value)
        if node.op == "pow":
            return float(values[0]) ** float(node.value)
        combine = {
            "neg": lambda a: -a,
            "add": float.__add__,
            "sub": float.__sub__,
            "mul": float.__mul__,
            "div": float.__truediv__,
        }
        return combine[node.op](*values) if node.op in combine else None
    except (OverflowError, ZeroDivisionError, KeyError):
        return float("inf")


def _ends_early(text: str) -> bool:
    """True when the text is a valid start cut short: an unclosed bracket or a trailing operator."""
    stripped = text.rstrip()
    depth = stripped.count("(") - stripped.count(")")
    return depth > 0 or stripped.endswith(("+", "-", "*", "/", "@", "=", ",", "(", "."))


def _length(shape: Shape) -> Dim:
    return shape[0] * shape[1]


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
