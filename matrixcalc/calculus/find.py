"""Find what the site already has: catalogue identities whose left side matches an expression
up to renaming symbols and size letters (``tr(B @ Y @ C)`` finds the entry for ``tr(A @ X @ B)``).

Two trees match when one becomes the other by a one-to-one renaming of symbols and of size
letters: each tree is written in a canonical form where symbols and letters are numbered in
the order they first appear.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import IdentityError
from ..language import parse_expression, parse_identity
from ..language.dims import Dim
from ..language.tree import DERIVATIVES, Node
from .catalogue import Entry, packaged, read_docs


@dataclass(frozen=True)
class Match:
    """A catalogue identity: its ID, the page, the URL of its anchor and the identity text."""

    id: str
    page: str
    url: str
    identity: str
    variable: str | None  # the differentiation variable of the matching side, if any


def canonical(*nodes: Node, assumptions: dict[str, frozenset[str]] | None = None) -> str:
    """The nodes written with symbols and size letters renamed in order of first appearance;
    a symbol keeps its assumptions (``2 * A @ x`` is the gradient only for a symmetric A)."""
    assumptions = assumptions or {}
    symbols: dict[str, str] = {}
    letters: dict[str, str] = {}

    def dim(d: Dim) -> str:
        names = [letters.setdefault(x, f"l{len(letters)}") for x in d.letters]
        return "*".join([str(d.coef)] + sorted(names))

    def value(node: Node) -> str:
        if node.op == "symbol":
            kept = ",".join(sorted(assumptions.get(node.value, ())))
            return symbols.setdefault(node.value, f"s{len(symbols)}") + f"{{{kept}}}"
        if isinstance(node.value, tuple):
            return ",".join(dim(d) if isinstance(d, Dim) else str(d) for d in node.value)
        return "" if node.value is None else str(node.value)

    def write(node: Node) -> str:
        head = f"{node.op}[{value(node)}|{','.join(dim(d) for d in node.shape)}]"
        return head + "(" + " ".join(write(a) for a in node.args) + ")" if node.args else head

    return ";".join(write(n) for n in nodes)


@lru_cache(maxsize=4)
def _index(docs: Path | None, base_url: str = "") -> dict[str, list[tuple[Match, str]]]:
    """Canonical left side -> the entries with it (and the canonical pair with their variable).

    ``docs`` None is the catalogue shipped with the package (its URLs under ``base_url``, the
    ``MATRIXCALC_BASE_URL`` in force, which keys the cache); a path is a project's own pages.
    """
    index: dict[str, list[tuple[Match, str]]] = {}
    for entry in packaged() if docs is None else read_docs(docs):
        _add(index, entry)
    return index


def _add(index: dict[str, list[tuple[Match, str]]], entry: Entry) -> None:
    if entry.expect == "false":
        return
    try:
        parsed = parse_identity(entry.identity, entry.where)
    except IdentityError:
        return
    left = parsed.sides[0]
    kept = _kept(parsed.declarations)
    variable = left.args[1] if left.op in DERIVATIVES else None
    subject = left.args[0] if variable is not None else left
    match = Match(entry.id, entry.page, entry.url, entry.identity, _variable_text(variable))
    pair = canonical(subject, variable, assumptions=kept) if variable is not None else ""
    index.setdefault(canonical(subject, assumptions=kept), []).append((match, pair))


def find(expression: str, where: str, *, wrt: str | None = None, docs: Path | None = None) -> list[Match]:
    """Catalogue identities whose left side (or the function it differentiates) matches ``expression``.

    With ``wrt``, only derivatives by the symbol that corresponds to ``wrt`` under the renaming.
    ``docs`` searches a project's own pages instead of the packaged catalogue; without it, a
    missing catalogue raises :class:`~matrixcalc.calculus.catalogue.CatalogueMissing`.
    """
    node, declarations = parse_expression(expression, where)
    kept = _kept(declarations)
    index = _index(docs.resolve() if docs is not None else None, os.environ.get("MATRIXCALC_BASE_URL", ""))
    found = index.get(canonical(node, assumptions=kept), [])
    if wrt is None:
        return [m for m, _ in found]
    if wrt not in declarations:
        return []
    variable = Node("symbol", (), declarations[wrt].shape, wrt)
    key = canonical(node, variable, assumptions=kept)
    return [m for m, pair in found if pair == key]


def _kept(declarations) -> dict[str, frozenset[str]]:
    """What a symbol keeps under renaming: its assumptions, and whether it is complex."""
    return {name: d.assumptions | ({"complex"} if d.complex else set()) for name, d in declarations.items()}


def _variable_text(variable: Node | None) -> str | None:
    """The variable as written: ``X``, or ``conj(Z)`` for a Wirtinger derivative by the conjugate."""
    if variable is None:
        return None
    if variable.op == "conj":
        return f"conj({variable.args[0].value})"
    return variable.value
