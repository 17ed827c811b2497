"""What the LaTeX builder (``make pdf``) needs beyond the HTML: a label at every entry, no BibTeX.

The LaTeX writer turns a container's ids into nothing, so a link to an identity (from the
overview and coverage tables, from ``{mc:identity}`` references and from the index of
identities) would point nowhere in the PDF. Each entry gets a ``\\phantomsection\\label`` named
as Sphinx's LaTeX writer names link targets, ``docname:anchor``. The per-identity cite-as
BibTeX, a copy-and-paste aid, is left out of print; the PDF's *How to cite* page explains it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from . import nodes as mc_nodes
from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def label(docname: str, anchor: str) -> str:
    """The LaTeX label Sphinx's writer refers to for ``anchor`` on page ``docname``."""
    return rf"\phantomsection\label{{\detokenize{{{docname}:{anchor}}}}}"


def add_entry_labels(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put a label at the start of every entry block (LaTeX only; the whole PDF is one doctree)."""
    if app.builder.format != "latex":
        return
    pages = {entry.anchor: entry.docname for entry in get_domain(app.env).unique_entries()}
    for block in doctree.findall(nodes.container):
        anchors = [anchor for anchor in block.get("ids", []) if anchor in pages]
        if "mc-entry" in block.get("classes", []) and anchors:
            raw = "".join(label(pages[anchor], anchor) for anchor in anchors)
            block.insert(0, nodes.raw("", raw, format="latex"))


def drop_citeas(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Remove the cite-as panels (filled in by then: see ``export.fill_citeas``) from the PDF."""
    if app.builder.format != "latex":
        return
    for block in list(doctree.findall(nodes.literal_block)):
        if "mc-citeas" in block.get("classes", []):
            target = block.parent if isinstance(block.parent, mc_nodes.details) else block
            target.parent.remove(target)
