"""The peer: what a user would do without matrixcalc — SymPy with explicit matrices of symbols.

Written from SymPy's public API only and independent of matrixcalc's checkers (it reads the
parsed tree for the identity's structure, nothing else): every declared symbol is a ``Matrix``
of real symbols honouring its assumptions (symmetric and spd share entries across the
diagonal, diagonal is zero off it), a derivative is ``diff`` of each entry with respect to
independent entries of the variable, and each link's residual is ``cancel(expand(...))``.
A zero residual at every size is "verified"; a nonzero rational residual is "refuted"; anything
else (orthogonal symbols, a residual with log/exp/roots that does not cancel, an undefined side,
a timeout) is "undecided".
"""

from __future__ import annotations

from fractions import Fraction

import sympy
from sympy import Array, Matrix

from matrixcalc.language import Identity, Node, concrete, parse_identity

SIZES_CAP = 3


def peer_sizes(identity: Identity) -> list[dict[str, int]]:
    """A few fixed sizes, as a user would pick them: every letter 2, then the letters 2, 3, 3, ..."""
    letters = identity.letters
    first = {letter: 2 for letter in letters}
    second = {letter: min(2 + i, SIZES_CAP) for i, letter in enumerate(letters)}
    if second == first:
        second = {letter: 3 for letter in letters}
    return [first, second] if letters else [{}]


def symbol_matrix(name: str, rows: int, cols: int, assumptions: frozenset[str]) -> Matrix:
    """A matrix of real symbols with the declared structure."""
    if "orthogonal" in assumptions:
        raise NotImplementedError(f"'{name}' is orthogonal: explicit symbols cannot encode it")

    def entry(i: int, j: int):
        if "diagonal" in assumptions and i != j:
            return sympy.Integer(0)
        if "symmetric" in assumptions and i > j:
            i, j = j, i
        return sympy.Symbol(f"{name}_{i}{j}" if (rows, cols) != (1, 1) else name, real=True)

    return Matrix(rows, cols, lambda i, j: entry(i, j))


class Route:
    """Evaluate a parsed identity at one size assignment with SymPy matrices."""

    def __init__(self, identity: Identity, sizes: dict[str, int]) -> None:
        self.sizes = sizes
        self.env = {
            name: symbol_matrix(name, *concrete(decl.shape, sizes), decl.assumptions)
            for name, decl in identity.declarations.items()
        }
        self.fresh = 0

    def __call__(self, node: Node, env: dict | None = None):
        env = self.env if env is None else env
        if node.op == "symbol":
            return env[node.value]
        if node.op in DERIVATIVE_OPS:
            return DERIVATIVE_OPS[node.op](self, node, env)
        args = [self(arg, env) for arg in node.args]
        return OPS[node.op](self, node, *args)

    def shape(self, node: Node) -> tuple[int, ...]:
        return concrete(node.shape, self.sizes)

    def independent(self, name: str, env: dict):
        """The variable replaced by independent symbols (LANGUAGE.md: entries are independent)."""
        value = env[name]
        self.fresh += 1
        free = Matrix(value.rows, value.cols, lambda i, j: sympy.Symbol(f"d{self.fresh}_{i}{j}", real=True))
        back = {free[i, j]: value[i, j] for i in range(value.rows) for j in range(value.cols)}
        return free, {**env, name: free}, back


def _scalar(x) -> Matrix:
    return Matrix([[x]])


def _vec(a: Matrix) -> Matrix:
    return Matrix([a[i, j] for j in range(a.cols) for i in range(a.rows)])


def _mul(route, node, a, b):
    if node.args[0].rank == 2 and route.shape(node.args[0]) == (1, 1):
        return a[0, 0] * b
    return a * b[0, 0]


def _pow(route, node, a):
    r = Fraction(node.value)
    return _scalar(a[0, 0] ** sympy.Rational(r.numerator, r.denominator))


def _matpow(route, node, a):
    return a**node.value


def _pinv(route, node, a):
    if a.rows >= a.cols:
        return (a.T * a).inv() * a.T
    return a.T * (a * a.T).inv()


def _commutation(route, node):
    m, n = concrete(node.value, route.sizes)
    k = sympy.zeros(m * n, m * n)
    for i in range(m):
        for j in range(n):
            k[i * n + j, j * m + i] = 1
    return k


def _adj(route, node, a):
    return a.adjugate() if a.rows > 1 else Matrix([[1]])


OPS = {
    "number": lambda route, node: _scalar(sympy.Rational(node.value.numerator, node.value.denominator)),
    "eye": lambda route, node: sympy.eye(route.shape(node)[0]),
    "ones": lambda route, node: sympy.ones(*route.shape(node)),
    "zeros": lambda route, node: sympy.zeros(*route.shape(node)),
    "commutation": _commutation,
    "add": lambda route, node, a, b: a + b,
    "sub": lambda route, node, a, b: a - b,
    "neg": lambda route, node, a: -a,
    "mul": _mul,
    "div": lambda route, node, a, b: a / b[0, 0],
    "matmul": lambda route, node, a, b: a * b,
    "matpow": _matpow,
    "pow": _pow,
    "transpose": lambda route, node, a: a.T,
    "tr": lambda route, node, a: _scalar(a.trace()),
    "det": lambda route, node, a: _scalar(a.det()),
    "inv": lambda route, node, a: a.inv(),
    "adj": _adj,
    "pinv": _pinv,
    "logdet": lambda route, node, a: _scalar(sympy.log(a.det())),
    "log": lambda route, node, a: _scalar(sympy.log(a[0, 0])),
    "exp": lambda route, node, a: _scalar(sympy.exp(a[0, 0])),
    "sqrt": lambda route, node, a: _scalar(sympy.sqrt(a[0, 0])),
    "kron": lambda route, node, a, b: sympy.kronecker_product(a, b),
    "vec": lambda route, node, a: _vec(a),
    "hadamard": lambda route, node, a, b: a.multiply_elementwise(b),
    "frob": lambda route, node, a, b: _scalar(sum(x * y for x, y in zip(a, b))),
    "norm": lambda route, node, a: _scalar(sympy.sqrt(sum(x**2 for x in a))),
    "sum": lambda route, node, a: _scalar(sum(a)),
    "diag": lambda route, node, a: Matrix([a[i, i] for i in range(a.rows)]),
    "diagm": lambda route, node, a: sympy.diag(*list(a)),
}


def _gradient(route, node, env):
    name = node.args[1].value
    free, inner, back = route.independent(name, env)
    f = route(node.args[0], inner)
    if isinstance(f, Matrix) and f.shape == (1, 1):
        return free.applyfunc(lambda y: sympy.diff(f[0, 0], y).xreplace(back))
    if free.shape == (1, 1):
        return f.applyfunc(lambda e: sympy.diff(e, free[0, 0]).xreplace(back))
    rows = [
        [sympy.diff(f[i, j], free[k, q]).xreplace(back) for k in range(free.rows) for q in range(free.cols)]
        for i in range(f.rows)
        for j in range(f.cols)
    ]
    flat = [x for row in rows for x in row]
    return Array(flat, (f.rows, f.cols, free.rows, free.cols))


def _jacobian(route, node, env):
    name = node.args[1].value
    free, inner, back = route.independent(name, env)
    f = route(node.args[0], inner)
    return Matrix(len(f), len(free), lambda i, k: sympy.diff(_vec(f)[i], _vec(free)[k]).xreplace(back))


def _hessian(route, node, env):
    name = node.args[1].value
    free, inner, back = route.independent(name, env)
    f = route(node.args[0], inner)[0, 0]
    v = _vec(free)
    return Matrix(len(v), len(v), lambda i, k: sympy.diff(f, v[i], v[k]).xreplace(back))


def _symmetric_gradient(route, node, env):
    g = _gradient(route, node, env)
    return (g + g.T) / 2


def _differential(route, node, env):
    name = node.args[1].value
    free, inner, back = route.independent(name, env)
    f = route(node.args[0], inner)
    direction = env[node.args[2].value]
    out = f.applyfunc(lambda e: sum(sympy.diff(e, y) * dy for y, dy in zip(free, direction)))
    return out.xreplace(back)


DERIVATIVE_OPS = {
    "d": _gradient,
    "jac": _jacobian,
    "hess": _hessian,
    "dsym": _symmetric_gradient,
    "differential": _differential,
}


def _entries(value) -> list:
    return list(value) if isinstance(value, Matrix) else list(Array(value).reshape(len(Array(value))))


def decide(identity: Identity, sizes: dict[str, int]) -> str:
    """'verified', 'refuted' or 'undecided' (with no exception) at one size assignment."""
    route = Route(identity, sizes)
    sides = [route(side) for side in identity.sides]
    verdict = "verified"
    for left, right in zip(sides, sides[1:]):
        for a, b in zip(_entries(left), _entries(right)):
            residual = sympy.cancel(sympy.expand(a - b))
            if residual == 0:
                continue
            if residual.is_rational_function() and not residual.has(sympy.nan, sympy.zoo):
                return "refuted"
            verdict = "undecided"
    return verdict


def sympy_check(identity_text: str, where: str) -> str:
    """The peer's verdict over its fixed sizes: refuted anywhere wins, then undecided anywhere."""
    identity = parse_identity(identity_text, where)
    verdicts = []
    for sizes in peer_sizes(identity):
        try:
            verdicts.append(decide(identity, sizes))
        except (NotImplementedError, ZeroDivisionError, ValueError):
            verdicts.append("undecided")
        if verdicts[-1] == "refuted":
            return "refuted"
    return "verified" if all(v == "verified" for v in verdicts) else "undecided"
