"""This site's own Sphinx directives, kept out of the reusable ``matrixcalc.sphinxext``.

They speak of one reference (The Matrix Cookbook) and of this site: the equation-by-equation
coverage table and its citation check, the errata, the catalogue statistics, the overview
table at the top of each section page, and the site's own BibTeX entry. Like Sphinx's own
``doc/_extensions``, they live beside the site's configuration (``conf/``), which puts this
folder on ``sys.path``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matrixcalc import __version__

from . import coverage, overview, proofrules
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
    app.add_directive("proof-rule", proofrules.ProofRuleDirective)
    app.add_directive("proof-rules", proofrules.ProofRulesDirective)
    app.connect("doctree-resolved", coverage.fill_summaries)
    app.connect("doctree-resolved", overview.fill_overviews)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
