"""Catalogue summaries: coverage of a reference's equations, its errata and site statistics.

Modelled on ``todolist`` in sphinx.ext.todo: each directive leaves a placeholder node while
reading, and ``doctree-resolved`` fills it from the ``mc`` domain once every page has been read
(parallel reads included). A page holding one is re-read on every build, so its table follows
edits elsewhere and an uncovered equation fails a warm rebuild too.

One idea a module: equation locators (:mod:`.locators`), what an entry cites and where it stands
(:mod:`.entries`), the gap files (:mod:`.gaps`), the placeholders (:mod:`.placeholders`) and
directives (:mod:`.directives`), links and tables (:mod:`.render`), and one filler a summary
(:mod:`.equation_table`, :mod:`.errata_table`, :mod:`.stats`). This module pairs each
placeholder with its filler and names what the site's setup, the overview tables and the tests
use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .directives import DEFAULT_BIB, CoverageDirective, ErrataDirective, StatsDirective, SummaryDirective
from .entries import cited, standing
from .equation_table import fill_coverage
from .errata_table import fill_errata
from .locators import eq_text, equations
from .placeholders import catalogue_stats, coverage_table, errata_list
from .render import MARKS, Renderer, table
from .stats import fill_stats

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

__all__ = [
    "DEFAULT_BIB",
    "MARKS",
    "PLACEHOLDERS",
    "CoverageDirective",
    "ErrataDirective",
    "Renderer",
    "StatsDirective",
    "SummaryDirective",
    "cited",
    "eq_text",
    "equations",
    "fill_summaries",
    "standing",
    "table",
]

FILLERS = {coverage_table: fill_coverage, errata_list: fill_errata, catalogue_stats: fill_stats}
PLACEHOLDERS = tuple(FILLERS)


def fill_summaries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace every summary placeholder on the page (doctree-resolved: all pages are read)."""
    for node_class, fill in FILLERS.items():
        for node in list(doctree.findall(node_class)):
            node.replace_self(fill(app, node, docname))
