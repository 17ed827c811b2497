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

from sphinx.domains.std import StandardDomain

from matrixcalc import __version__

from . import coverage, overview
from .howtocite import SiteBibtexDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


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
    app.connect("doctree-resolved", coverage.fill_summaries)
    app.connect("doctree-resolved", overview.fill_overviews)
    # The index of identities is a page Sphinx generates, like genindex: the sidebar's toctree
    # may list it only if Sphinx knows it as such (the table is a private one, hence this site only).
    StandardDomain._virtual_doc_names.setdefault("mc-index", ("mc-index", "Index of identities"))
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
