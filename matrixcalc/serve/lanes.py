"""Which lane a request takes: light ones may use every worker, heavy ones only some.

A few expensive requests (a Kronecker product of Kronecker products, nested inverses) would
otherwise hold every worker for seconds while light ones wait behind them. The engine's own
cost model (``language.cost``: predicted scalar operations and degree of exact values, computed
in one pass over the parsed tree in well under a millisecond) sorts them before they are
queued. Measured on the load test's honest cases: at most 7e4 operations and degree 9; its
expensive cases: 8e8 to 2e9 operations, or degree 35 and more. Input that does not parse is
light: its worker answers 400 at once.
"""

from __future__ import annotations

from ..errors import IdentityError
from ..language import parse_expression, parse_identity
from ..language.cost import estimate
from ..language.dims import letters_of
from ..language.tree import Node

HEAVY_OPERATIONS = 1_000_000
HEAVY_DEGREE = 20


def is_heavy(name: str, fields: dict) -> bool:
    """True when checking the request's derivative or identity is predicted to be expensive."""
    try:
        sides, declarations = _sides(name, fields)
    except (IdentityError, RecursionError, KeyError, ValueError):
        return False
    letters = set().union(*(letters_of(d.shape) for d in declarations.values()))
    letters |= {letter for side in sides for node in side.walk() for letter in letters_of(node.shape)}
    cost = estimate(sides, letters)
    return cost.operations > HEAVY_OPERATIONS or cost.degree > HEAVY_DEGREE


def _sides(name: str, fields: dict):
    """The trees whose check the request asks for: ``d(f, X)`` for a derivative, the sides of an identity."""
    if name == "check":
        identity = parse_identity(fields["identity"], fields["where"])
        return identity.sides, identity.declarations
    node, declarations = parse_expression(fields["expression"], fields["where"])
    wrt = fields["wrt"].strip()
    for wrapper in ("vec(", "conj("):
        if wrt.startswith(wrapper) and wrt.endswith(")"):
            wrt = wrt[len(wrapper) : -1].strip()
    variable = Node("symbol", (), declarations[wrt].shape, wrt)
    return [Node("d", (node, variable), node.shape)], declarations
