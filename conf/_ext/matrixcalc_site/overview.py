"""``{identity-overview}``: a compact table of the page's identities, like the book's own layout.

One row per identity of the page, in page order: the formula, its conditions (the where line),
the Cookbook equation numbers it cites, and its verdict mark; the formula links to the entry.
Filled at ``doctree-resolved`` like the other summaries (see :mod:`.coverage`), from the domain,
so it always lists what the page holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from matrixcalc.errors import IdentityError

from .coverage import DEFAULT_BIB, MARKS, Renderer, SummaryDirective, cited, eq_text, standing, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from matrixcalc.sphinxext.domain import Entry


class identity_overview(nodes.General, nodes.Element):
    """Placeholder for the overview table, filled at doctree-resolved."""


class OverviewDirective(SummaryDirective):
    """``{identity-overview}``: the table of the identities on this page."""

    node_class = identity_overview

    def run(self) -> list[nodes.Node]:
        """A placeholder; unlike the site-wide summaries the page need not be re-read on every build."""
        node = identity_overview(bib=self.options.get("bib", "").strip() or DEFAULT_BIB)
        self.set_source_info(node)
        return [node]


def where_math(where: str) -> list[nodes.Node]:
    """The where clause typeset, or as written if it does not parse."""
    if not where:
        return [nodes.Text("—")]
    from matrixcalc.latex import latex_where

    try:
        text = latex_where(where)
    except IdentityError:
        return [nodes.literal(text=where)]
    return [nodes.math(text, text)]


def formula_cell(render: Renderer, entry: Entry) -> list[nodes.Node]:
    """The formula, linked to the entry (its ID as the link's tooltip)."""
    latex = entry.record.get("latex")
    shown: nodes.Node = nodes.math(latex, latex) if latex else nodes.literal(text=entry.record.get("identity", ""))
    link = render.link(entry, mark=False)
    if isinstance(link, nodes.reference):
        link.children = []
        link += shown
        link["classes"].append("mc-overview-link")
        return [link]
    return [shown]


def proof_mark(entry: Entry) -> nodes.Node:
    """'proved' when the proof kernel proved the entry for every size, else a dash (the checks at sizes stand)."""
    proved = bool(entry.record.get("verdict", {}).get("all_sizes"))
    return nodes.inline(text="proved" if proved else "—", classes=["mc-proved" if proved else "mc-unproved"])


def fill_overview(app: Sphinx, node: identity_overview, docname: str) -> list[nodes.Node]:
    """The table of this page's identities."""
    render = Renderer(app, docname)
    bib = node.get("bib") or DEFAULT_BIB
    entries = sorted(
        (e for e in render.entries if e.docname == docname and e.kind == "identity"), key=lambda e: e.lineno
    )
    if not entries:
        return []
    rows = []
    for entry in entries:
        numbers = cited(entry, bib)
        state = standing(entry)
        mark = nodes.inline(text=MARKS.get(state, state), classes=["mc-cited", f"mc-cited-{state}"])
        rows.append(
            [
                formula_cell(render, entry),
                where_math(entry.record.get("where", "")),
                [nodes.Text(eq_text(numbers) if numbers else "—")],
                [mark],
                [proof_mark(entry)],
            ]
        )
    result = table(["Formula", "Conditions", "Cookbook", "", "Every size"], [48, 28, 12, 6, 6], rows, "mc-overview")
    return [result]


def fill_overviews(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace every overview placeholder of the page (doctree-resolved)."""
    for node in list(doctree.findall(identity_overview)):
        node.replace_self(fill_overview(app, node, docname))
