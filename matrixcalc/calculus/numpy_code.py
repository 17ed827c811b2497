"""A derivative as a self-contained Python function computing the value and the derivative with NumPy.

Inside, arrays keep the language's shapes: a vector is n x 1, a scalar inside an expression may
be a 1 x 1 array. What comes back follows what went in: plain floats for scalar results, and a
column vector as a 1-D array when a vector argument was passed 1-D (a gradient by a 1-D ``w``
has ``w``'s shape). Only the helpers the function calls are written out.
"""

from __future__ import annotations

from fractions import Fraction

from ..errors import IdentityError
from ..language import parse_expression, parse_identity
from ..language.dims import Dim, is_scalar
from ..language.tree import Node
from ..operations import OPERATIONS

HELPERS = {
    "_K": '''def _K(m, n):
    """Commutation matrix: K(m, n) @ vec(A) == vec(A.T) for A of shape (m, n)."""
    k = np.zeros((m * n, m * n))
    for i in range(m):
        for j in range(n):
            k[i * n + j, j * m + i] = 1.0
    return k
''',
}
OUT = '''def _out(a, flat):
    """A float for a 1 x 1 result; a column as a 1-D array when the vectors came in 1-D."""
    a = np.asarray(a, dtype=float)
    if a.size == 1 and a.ndim <= 2:
        return float(a.reshape(-1)[0])
    return a.reshape(-1) if flat and a.ndim == 2 and a.shape[1] == 1 else a
'''


def _dim(dim: Dim) -> str:
    return "*".join([str(dim.coef)] * (dim.coef != 1 or not dim.letters) + list(dim.letters))


def _shape(node: Node) -> str:
    return f"({_dim(node.shape[0])}, {_dim(node.shape[1])})"


def code(node: Node) -> str:
    """A NumPy expression for a node; ``log`` of an operation with a stabler fused form uses it."""
    if node.op == "log" and node.args[0].op in OPERATIONS and OPERATIONS[node.args[0].op].numpy_log is not None:
        inner = node.args[0]
        return OPERATIONS[inner.op].numpy_log(inner, *[code(a) for a in inner.args])
    rule = RULES.get(node.op)
    if rule is None:
        raise IdentityError(f"--numpy does not write {node.op} yet: the generated code computes real values only")
    return rule(node, *[code(a) for a in node.args])


RULES = {
    "symbol": lambda n: n.value,
    "number": lambda n: repr(float(Fraction(n.value))),
    "eye": lambda n: f"np.eye({_dim(n.shape[0])})",
    "ones": lambda n: f"np.ones({_shape(n)})",
    "zeros": lambda n: f"np.zeros({_shape(n)})",
    "commutation": lambda n: f"_K({_dim(n.value[0])}, {_dim(n.value[1])})",
    **{name: record.numpy for name, record in OPERATIONS.items() if record.numpy is not None},
}
"""Node kind -> its NumPy code rule(node, *argument code): the leaves here, every operation by its record."""


def function_source(expression: str, derivative: str, where: str, name: str = "value_and_derivative") -> str:
    """Source of ``name(symbols...) -> (value, derivative)``; sizes are read from the arguments."""
    node, declarations = parse_expression(expression, where)
    result = parse_identity(f"{derivative} == {derivative}", where).sides[0]
    names = [
        n for n in declarations if any(x.op == "symbol" and x.value == n for t in (node, result) for x in t.walk())
    ]
    value, gradient = code(node), code(result)
    helpers = [text for helper, text in HELPERS.items() if f"{helper}(" in value + gradient]
    used = {x.op for t in (node, result) for x in t.walk()}
    helpers += [h.strip("\n") + "\n" for op, record in OPERATIONS.items() if op in used for h in record.numpy_helpers]
    header = "\n\n".join(["import numpy as np\n", *helpers, OUT])
    lines = [header, "", f"def {name}({', '.join(names)}):"]
    lines.append(f'    """The value of {expression} and its derivative {derivative}."""')
    vectors = [n for n in names if declarations[n].shape[1].is_one and not is_scalar(declarations[n].shape)]
    if vectors:
        lines.append(f"    flat = any(np.ndim(v) == 1 for v in [{', '.join(vectors)}])  # 1-D in, 1-D out")
    for n in names:
        if not is_scalar(declarations[n].shape):
            lines.append(f"    {n} = np.asarray({n}, dtype=float).reshape({_shape_of(declarations[n].shape)})")
    seen: set[str] = set()
    for n in names:
        for axis, dim in enumerate(declarations[n].shape):
            for letter in dim.letters:
                if letter not in seen and dim.coef == 1 and len(dim.letters) == 1:
                    seen.add(letter)
                    lines.insert(
                        lines.index(f"def {name}({', '.join(names)}):") + 2, f"    {letter} = np.shape({n})[{axis}]"
                    )
    lines.append(f"    value = {value}")
    lines.append(f"    derivative = {gradient}")
    flat = "flat" if vectors else "False"
    lines.append(f"    return _out(value, {flat}), _out(derivative, {flat})")
    return "\n".join(lines) + "\n"


def _shape_of(shape) -> str:
    return f"(-1, {_dim(shape[1])})" if shape[1].is_one else f"({_dim(shape[0])}, {_dim(shape[1])})"
