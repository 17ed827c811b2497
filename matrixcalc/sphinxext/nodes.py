"""The few nodes docutils lacks: a collapsible panel and its handle, a copy button, a cite-as placeholder.

Everything else on an identity is a standard node (container, math_block, literal_block), so
every builder renders it; these three degrade to their children (or to nothing) outside HTML.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator


class details(nodes.General, nodes.Element):
    """A panel the reader opens on demand (HTML ``<details>``); ``summary`` is its label."""


class summary(nodes.General, nodes.Element):
    """The handle of a :class:`details` panel made of nodes (e.g. the where line); ``label`` follows it."""


class copy_button(nodes.General, nodes.Element):
    """A button that copies ``text`` to the clipboard; HTML only."""


class citeas(nodes.General, nodes.Element):
    """Where the cite-as BibTeX goes once the page URL is known (filled in at doctree-resolved)."""


def visit_details_html(self: HTML5Translator, node: details) -> None:
    """Open ``<details>`` with its summary."""
    attributes = {"open": "open"} if node.get("open") else {}
    self.body.append(self.starttag(node, "details", CLASS="mc-details", **attributes))
    if node.get("summary"):
        self.body.append(f"<summary>{self.encode(node['summary'])}</summary>\n")


def visit_summary_html(self: HTML5Translator, node: summary) -> None:
    """Open ``<summary>``; its children (paragraphs) are laid out inline by the stylesheet."""
    self.body.append(self.starttag(node, "summary", CLASS="mc-summary"))


def depart_summary_html(self: HTML5Translator, node: summary) -> None:
    """The label, then close ``<summary>``."""
    label = node.get("label", "")
    if label:
        self.body.append(f'<span class="mc-more-label">{self.encode(label)}</span>')
    self.body.append("</summary>\n")


def depart_details_html(self: HTML5Translator, node: details) -> None:
    """Close ``<details>``."""
    self.body.append("</details>\n")


def visit_copy_button_html(self: HTML5Translator, node: copy_button) -> None:
    """A plain button; static/matrixcalc.js wires every ``.mc-copy`` to the clipboard."""
    # written by hand: docutils' starttag would fold the newlines of the text into spaces
    text = html.escape(node["text"], quote=True).replace("\n", "&#10;")
    tooltip = html.escape(node.get("tooltip", ""), quote=True)
    self.body.append(f'<button class="mc-copy" type="button" title="{tooltip}" data-copy="{text}">')
    self.body.append(f"{self.encode(node['label'])}</button>\n")
    raise nodes.SkipNode


def visit_children_only(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Render nothing of the node itself, only its children."""


def skip_node(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Render nothing at all."""
    raise nodes.SkipNode


PASS_THROUGH = (visit_children_only, visit_children_only)
OTHER_BUILDERS = ("latex", "text", "man", "texinfo")


def translators(node_class: type[nodes.Element]) -> dict[str, tuple]:
    """The ``app.add_node`` keyword arguments for ``node_class``."""
    if node_class is details:
        html = (visit_details_html, depart_details_html)
        return {"html": html, **dict.fromkeys(OTHER_BUILDERS, PASS_THROUGH)}
    if node_class is summary:
        html = (visit_summary_html, depart_summary_html)
        return {"html": html, **dict.fromkeys(OTHER_BUILDERS, PASS_THROUGH)}
    if node_class is copy_button:
        return {"html": (visit_copy_button_html, None), **dict.fromkeys(OTHER_BUILDERS, (skip_node, None))}
    return dict.fromkeys(("html", *OTHER_BUILDERS), (skip_node, None))
