"""The table of operation records, and the one tree rewrite every exact evaluator relies on.

Records register themselves here when ``matrixcalc.operations`` is imported; registering also
tells the parser about the function (``language.signatures.register_function``), so the
record is the only place its name, arity, shape rule and complex rule are written.
"""

from __future__ import annotations

from ..language.signatures import register_function
from ..language.tree import Identity, Node
from .record import Operation

OPERATIONS: dict[str, Operation] = {}
"""Operation name -> its record."""


DECOMPOSED: set[str] = set()
"""Operations whose exact value is their decomposition."""


def register(record: Operation) -> Operation:
    """Add a record to the table and its function to the language's (parser, cost, complex rules, hints)."""
    if record.name in OPERATIONS:
        raise ValueError(f"operation {record.name!r} is registered twice")
    if record.decomposition is not None and record.exact is not None:
        raise ValueError(f"operation {record.name!r} has both a decomposition and an exact rule; give one")
    OPERATIONS[record.name] = record
    if record.decomposition is not None:
        DECOMPOSED.add(record.name)
    register_function(record)
    return record


def decompose(node: Node) -> Node:
    """The tree with every registered operation replaced by its decomposition (bottom up).

    The exact evaluators, the proofs and SymPy's route then see only the operations they know,
    so a new operation needs no exact rule of its own and cannot disagree with its definition.
    """
    if not node.args:
        return node
    args = tuple(decompose(a) for a in node.args)
    record = OPERATIONS.get(node.op)
    if record is not None and record.decomposition is not None:
        return decompose(record.decomposition(node, *args))
    if all(new is old for new, old in zip(args, node.args)):
        return node
    return Node(node.op, args, node.shape, node.value, node.col, node.end)


def decompose_identity(identity: Identity) -> Identity:
    """The identity with its sides decomposed; itself when no registered operation occurs."""
    if not any(node.op in DECOMPOSED for node in identity.nodes):
        return identity
    sides = tuple(decompose(side) for side in identity.sides)
    return Identity(sides, identity.declarations, identity.letters, identity.text, identity.where)
