"""This site's own Sphinx directives, kept out of the reusable ``matrixcalc.sphinxext``.

They speak of one reference (The Matrix Cookbook) and of this site: the equation-by-equation
coverage table and its citation check, the errata, the catalogue statistics, the overview
table at the top of each section page, the site's own BibTeX entry, and the index of
identities in the sidebar. Like Sphinx's own
``doc/_extensions``, they live beside the site's configuration (``conf/``), which puts this
folder on ``sys.path``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import StandardDomain

from matrixcalc import __version__

from . import coverage, overview, proofrules
from .howtocite import SiteBibtexDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


INDEX, INDEX_TITLE = "mc-index", "Index of identities"
REFERENCE_CAPTION = "Reference"  # the sidebar group of docs/index.md that lists the index of identities


def index_in_sidebar(app: Sphinx, doctree: nodes.document) -> None:
    """List the index of identities in the sidebar's Reference group.

    The index is a page Sphinx generates, like genindex, so it is added to the toctree's entries
    (what the sidebar shows) and not to its included files (what the LaTeX builder inlines: the
    PDF prints the index at its end); Sphinx's table of generated pages, a private one, learns
    its name in :func:`setup` so the sidebar links it like genindex.
    """
    if app.env.current_document.docname != app.config.root_doc:
        return
    for toctree in doctree.findall(addnodes.toctree):
        if toctree.get("caption") == REFERENCE_CAPTION and (INDEX_TITLE, INDEX) not in toctree["entries"]:
            toctree["entries"].append((INDEX_TITLE, INDEX))


def setup(app: Sphinx) -> ExtensionMetadata:
    """Nodes, directives and the handlers that fill the summaries once every page is read."""
    app.setup_extension("matrixcalc.sphinxext")
    for placeholder in coverage.PLACEHOLDERS:
        app.add_node(placeholder)
    app.add_directive("cookbook-coverage", coverage.CoverageDirective)
    app.add_directive("errata", coverage.ErrataDirective)
    app.add_directive("catalogue-stats", coverage.StatsDirective)
    app.add_node(overview.identity_overview)
    app.add_directive("identity-overview", overview.OverviewDirective)
    app.add_directive("site-bibtex", SiteBibtexDirective)
    app.add_directive("proof-rule", proofrules.ProofRuleDirective)
    app.add_directive("proof-rules", proofrules.ProofRulesDirective)
    app.connect("doctree-resolved", coverage.fill_summaries)
    app.connect("doctree-resolved", overview.fill_overviews)
    StandardDomain._virtual_doc_names.setdefault(INDEX, (INDEX, INDEX_TITLE))
    app.connect("doctree-read", index_in_sidebar)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
