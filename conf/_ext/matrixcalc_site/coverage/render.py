"""What the summaries are built from: links to entries with their verdict marks, and tables.

A summary is rendered on one page and links entries on others, so the links are made for that
page (:class:`Renderer`); every summary and the overview tables share these pieces, so an ID and
its mark read the same in all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from matrixcalc.sphinxext.domain import Entry, get_domain

from .entries import MISTAKE, NUMERIC_ONLY, VERIFIED, standing

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MARKS = {VERIFIED: "✓", MISTAKE: "✗", NUMERIC_ONLY: "≈"}
LEGEND = "✓ verified, ✗ documented mistake (refuted as expected), ≈ numeric-only"


class Renderer:
    """Builds the nodes of one placeholder on page ``docname`` with links that work from there."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.app = app
        self.docname = docname
        self.entries = list(get_domain(app.env).unique_entries())

    def link(self, entry: Entry, mark: bool = True) -> nodes.Node:
        """The entry's ID, linked to it, with its verdict mark."""
        label = nodes.literal(entry.id, entry.id)
        try:
            result: nodes.Node = make_refnode(
                self.app.builder, self.docname, entry.docname, entry.anchor, label, entry.title
            )
        except NoUri:
            result = label
        if not mark:
            return result
        state = standing(entry)
        symbol = MARKS.get(state, f"({state})")
        wrapper = nodes.inline(classes=["mc-cited", f"mc-cited-{state}"])
        wrapper += [result, nodes.Text(f"\u00a0{symbol}")]
        return wrapper

    def links(self, entries: list[Entry], mark: bool = True) -> list[nodes.Node]:
        """Links separated by commas."""
        result: list[nodes.Node] = []
        for index, entry in enumerate(entries):
            if index:
                result.append(nodes.Text(", "))
            result.append(self.link(entry, mark))
        return result


def table(headers: list[str], widths: list[int], rows: list[list[list[nodes.Node]]], cls: str) -> nodes.table:
    """A docutils table; each cell is a list of inline nodes."""
    node = nodes.table(classes=["mc-summary", cls])
    group = nodes.tgroup(cols=len(headers))
    node += group
    group.extend(nodes.colspec(colwidth=width) for width in widths)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=h)) for h in headers))
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *(nodes.entry("", nodes.paragraph("", "", *cell)) for cell in cells))
    group += [head, body]
    return node
