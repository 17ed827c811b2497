"""Tree to text in the identity language, so a computed result can be pasted into ``check``.

Parentheses follow Python's precedence (the parser is Python's ``ast``): sums, then products
(``*``, ``/``, ``@``, left to right), then unary minus, then ``**``, then calls and ``.T``.
"""

from __future__ import annotations

from fractions import Fraction

from ..language.dims import ONE, Dim, is_scalar
from ..language.tree import Node
from ..operations.build import split

SUM, PRODUCT, UNARY, POWER, ATOM = range(1, 6)
_PRODUCTS = {"mul": "*", "div": "/", "matmul": "@", "hadamard": "*", "ediv": "/"}
_ENTRYWISE = {"hadamard", "ediv"}


def to_text(node: Node, cache: dict | None = None) -> str:
    """The node in the language; ``cache`` (id -> (node, rendering)) shares work between calls."""
    if cache is None:
        return _render(node)[0]
    global _CACHE
    previous, _CACHE = _CACHE, cache
    try:
        return _render(node)[0]
    finally:
        _CACHE = previous


_CACHE: dict | None = None


def _render(node: Node) -> tuple[str, int]:
    if _CACHE is not None:
        hit = _CACHE.get(id(node))
        if hit is None:
            hit = _CACHE[id(node)] = (node, _render_uncached(node))
        return hit[1]
    return _render_uncached(node)


def _render_uncached(node: Node) -> tuple[str, int]:
    rule = _RULES.get(node.op)
    if rule is not None:
        return rule(node)
    if node.op in _PRODUCTS:
        return _product(node)
    return f"{node.op}({', '.join(to_text(a) for a in node.args)})", ATOM


def _at(node: Node, level: int) -> str:
    text, own = _render(node)
    return text if own >= level else f"({text})"


def _number(node: Node) -> tuple[str, int]:
    value = Fraction(node.value)
    text = str(value.numerator) if value.denominator == 1 else _decimal(value)
    return text, (UNARY if value < 0 else ATOM) if "/" not in text else PRODUCT


def _decimal(value: Fraction) -> str:
    """0.5 rather than 1/2 when the decimal is exact and short; otherwise p/q."""
    d = value.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1:
        text = f"{float(value):.12g}"
        if Fraction(text) == value:
            return text
    return f"{value.numerator}/{value.denominator}"


def _sum(node: Node) -> tuple[str, int]:
    left, right = node.args
    sign = "+" if node.op == "add" else "-"
    if right.op == "neg" and node.op == "add":
        return f"{_at(left, SUM)} - {_at(right.args[0], PRODUCT)}", SUM
    return f"{_at(left, SUM)} {sign} {_at(right, SUM if node.op == 'add' else PRODUCT)}", SUM


def _neg(node: Node) -> tuple[str, int]:
    inner = node.args[0]
    lead = _leading(inner)
    if inner.op in _PRODUCTS and lead.op != "neg" and not (lead.op == "number" and lead.value < 0):
        return f"-{_render(inner)[0]}", PRODUCT  # -A @ B is (-A) @ B: the same value, read as -(A B)
    return f"-{_at(inner, UNARY)}", UNARY


def _leading(node: Node) -> Node:
    while node.op in _PRODUCTS:
        node = node.args[0]
    return node


def _kind(node: Node) -> str:
    """The product a node stands for, looking through a leading minus."""
    if node.op == "neg" and node.args[0].op in _PRODUCTS:
        node = node.args[0]
    return node.op


def _product(node: Node) -> tuple[str, int]:
    left, right = node.args
    symbol = _PRODUCTS[node.op]
    mixing = node.op in _ENTRYWISE

    def needs(child: Node, level: int, is_right: bool) -> bool:
        if level < PRODUCT:
            return True
        if level == PRODUCT:
            kind = _kind(child)
            if (kind in _ENTRYWISE) != mixing:
                return True  # never mix entrywise and matrix products without brackets
            if node.op in ("mul", "div") and kind == "matmul" and is_scalar(child.shape):
                return True  # (x.T @ A @ x) * x: a scalar product reads as one factor
            if is_right:  # each family is associative: a divisor alone needs brackets,
                # and A @ (s * B) must not read as (A @ s) * B
                return node.op in ("div", "ediv") or (node.op == "matmul" and kind in ("mul", "div"))
        return False

    parts = []
    for i, child in enumerate((left, right)):
        text, level = _render(child)  # once: rendering twice per level is exponential in the depth
        parts.append(f"({text})" if needs(child, level, i == 1) else text)
    return f"{parts[0]} {symbol} {parts[1]}", PRODUCT


def _power(node: Node) -> tuple[str, int]:
    exponent = Fraction(node.value)
    text = str(exponent.numerator) if exponent.denominator == 1 else f"({exponent.numerator}/{exponent.denominator})"
    return f"{_at(node.args[0], ATOM)} ** {text}", POWER


def _transpose(node: Node) -> tuple[str, int]:
    return f"{_at(node.args[0], ATOM)}.T", ATOM


def _dim(dim: Dim) -> str:
    return str(dim)


def _sizes(name: str):
    """I(n), ones(m, n), zeros(m, n), K(m, n); a composite size (m*n) as a Kronecker product."""

    def rule(node: Node) -> tuple[str, int]:
        dims = node.value
        if name in ("I", "ones", "zeros") and (len(split(dims[0])) > 1 or len(split(dims[1])) > 1):
            return _composite(name, dims), ATOM
        if name == "ones" and dims[1] == ONE:
            dims = dims[:1]
        if name == "I":
            dims = dims[:1]
        return f"{name}({', '.join(_dim(d) for d in dims)})", ATOM

    return rule


def _composite(name: str, dims) -> str:
    rows, cols = split(dims[0]), split(dims[1])
    if name == "I":
        parts = [f"I({_dim(d)})" for d in rows]
    else:
        width = max(len(rows), len(cols))
        rows += [ONE] * (width - len(rows))
        cols += [ONE] * (width - len(cols))
        parts = [
            f"{name}({_dim(r)}, {_dim(c)})" if c != ONE or name == "zeros" else f"ones({_dim(r)})"
            for r, c in zip(rows, cols)
        ]
    text = parts[0]
    for part in parts[1:]:
        text = f"kron({text}, {part})"
    return text


def _derivative(node: Node) -> tuple[str, int]:
    args = [to_text(a) for a in node.args]
    if node.op in ("jac", "hess") and node.value:
        args[1] = f"vec({args[1]})"
    return f"{node.op}({', '.join(args)})", ATOM


_RULES = {
    "symbol": lambda n: (n.value, ATOM),
    "number": _number,
    "eye": _sizes("I"),
    "ones": _sizes("ones"),
    "zeros": _sizes("zeros"),
    "commutation": _sizes("K"),
    "add": _sum,
    "sub": _sum,
    "neg": _neg,
    "pow": _power,
    "matpow": _power,
    "transpose": _transpose,
    "ctranspose": lambda n: (f"{_at(n.args[0], ATOM)}.H", ATOM),
    "d": _derivative,
    "jac": _derivative,
    "hess": _derivative,
    "dsym": _derivative,
    "differential": _derivative,
}
