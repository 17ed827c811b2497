"""The placeholder nodes the summary directives leave while pages are read.

Each is replaced at ``doctree-resolved``, once every page has been read, by the nodes of its
summary; none reaches a writer.
"""

from __future__ import annotations

from docutils import nodes


class coverage_table(nodes.General, nodes.Element):
    """Placeholder for the coverage table, filled at doctree-resolved."""


class errata_list(nodes.General, nodes.Element):
    """Placeholder for the errata table, filled at doctree-resolved."""


class catalogue_stats(nodes.General, nodes.Element):
    """Placeholder for the site statistics, filled at doctree-resolved."""
