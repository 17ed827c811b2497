"""What the LaTeX builder (``make pdf``) needs beyond the HTML: labels, no BibTeX, a book's density.

The LaTeX writer turns a container's ids into nothing, so a link to an identity (from the
overview and coverage tables, from ``{mc:identity}`` references and from the index of
identities) would point nowhere in the PDF. Each entry gets a ``\\phantomsection\\label`` named
as Sphinx's LaTeX writer names link targets, ``docname:anchor``. The per-identity cite-as
BibTeX, a copy-and-paste aid, is left out of print; the PDF's *How to cite* page explains it.

In print an identity reads as in the Cookbook (:func:`compact_entries`): its header (title, ID,
one-word badge), the formula, then one small paragraph with the where clause, the sources and the
evidence in one short line (on the same line when it fits), then any note; the kernel's rules are
set in two columns (:func:`in_columns`), summary tables get columns sized to their text
(:func:`summary_widths`); the panels made for the screen (the verdict phrase,
the evidence list, copy buttons, the source text, a documented mistake's whole counterexample)
and the overview tables (the index of identities lists every entry) are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.texescape import escape

from ..verdict import Status, sizes_str
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


def evidence_line(record: dict[str, Any]) -> str:
    """The evidence of an exported entry in one short line: draws and sizes, then the symbolic level.

    An identity proved for every size says so first and only adds its draws: the sizes of the exact
    checks are subsumed by the proof (the HTML panel still lists them).
    """
    verdict = record.get("verdict") or {}
    numeric = verdict.get("numeric") or {}
    symbolic = verdict.get("symbolic") or {}
    counterexample = verdict.get("counterexample")
    if verdict.get("status") == Status.NOT_VERIFIED:
        return "Not checked in this build."
    if verdict.get("status") == Status.ERROR:
        return "Not a well-formed identity."
    sizes = len(numeric.get("sizes") or [])
    draws = f"{numeric.get('draws', 0)} draws at {sizes} size{'s' if sizes != 1 else ''}"
    if verdict.get("all_sizes") and counterexample is None:
        return f"Checked: proved for every size; {draws}."
    parts = [draws]
    if numeric.get("max_relative_error") is not None and counterexample is None:
        parts[0] += f", max. rel. error {numeric['max_relative_error']:.0e}"
    if counterexample:
        error = counterexample.get("relative_error")
        how = "exactly" if counterexample.get("exact") or error is None else f"rel. error {error:.2g}"
        parts.append(f"fails at {sizes_str(counterexample.get('sizes') or {})} ({how})")
    elif symbolic.get("proved"):
        exact = len(symbolic.get("exact_random") or [])
        parts.append("proof at " + "; ".join(sizes_str(s) for s in symbolic["proved"]))
        if exact:
            parts.append(f"exact evaluation at {exact} more")
    if symbolic.get("reason") and not symbolic.get("complete"):
        parts.append(f"symbolic incomplete: {symbolic['reason']}")
    return "Checked: " + "; ".join(parts) + "."


def fitted(latex: str) -> nodes.raw:
    """A display formula that shrinks to the line's width when it is wider (TeX does not break display math).

    The extension's ``setup`` adds the LaTeX package ``adjustbox``.
    """
    box = f"\\adjustbox{{max width=\\linewidth}}{{$\\displaystyle {latex.strip()}$}}"
    raw = f"\\par\\vspace{{1pt}}{{\\centering{box}\\par}}\\vspace{{1pt}}\n"
    return nodes.raw("", raw, format="latex")


def _styled(node: nodes.Node, style: str) -> nodes.container:
    """``node`` in a container of class ``style`` (the LaTeX writer turns it into ``sphinxclass<style>``)."""
    box = nodes.container(classes=[style])
    box += node
    return box


def _print_line(more: mc_nodes.details, record: dict[str, Any]) -> list[nodes.Node]:
    """One small paragraph of the where line, the sources and the evidence (wrapped by TeX), then the note.

    The evidence follows the sources on the same line when it fits, in a smaller grey type
    (``\\DUrole{mc-pdf-evidence}``), and wraps to the next line otherwise.
    """
    line = nodes.paragraph()
    for where in more.findall(nodes.paragraph):
        if "mc-where" in where.get("classes", []):
            line.extend(child.deepcopy() for child in where.children)
            break
    notes: list[nodes.Node] = []
    for para in more.findall(nodes.paragraph):
        classes = para.get("classes", [])
        if "mc-sources" in classes:
            if len(line):
                line += nodes.Text(" — ")
            line.extend(child.deepcopy() for child in para.children)
        elif "mc-note" in classes:
            notes.append(_styled(para.deepcopy(), "mc-note"))
    if len(line):
        line += nodes.raw("", "\\quad{}", format="latex")
    line += nodes.inline(text=evidence_line(record), classes=["mc-pdf-evidence"])
    return [_styled(line, "mc-pdf-line"), *notes]


def _compact_steps(block: nodes.container, record: dict[str, Any]) -> None:
    """A derivation or computed derivative in print: the aligned steps (marks and justifications
    are in the display) and the conclusion with one evidence line; no step list, panels or tools."""
    for node in list(block.findall(nodes.Element)):
        if node.parent is None:
            continue
        classes = node.get("classes", [])
        if isinstance(node, mc_nodes.details) or "mc-tools" in classes or "mc-steps" in classes:
            node.parent.remove(node)
        elif isinstance(node, nodes.bullet_list) and "mc-evidence" in classes:
            node.parent.replace(node, _styled(nodes.paragraph(text=evidence_line(record)), "mc-pdf-evidence"))


def compact_entries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print each identity as densely as the Cookbook: header, formula, one line of where and sources, evidence."""
    if app.builder.format != "latex":
        return
    entries = list(get_domain(app.env).unique_entries())
    records = {entry.anchor: entry.record for entry in entries}
    rules = {entry.anchor for entry in entries if entry.kind == "rule"}
    rule_blocks: list[nodes.container] = []
    for block in list(doctree.findall(nodes.container)):
        classes = block.get("classes", [])
        anchors = [anchor for anchor in block.get("ids", []) if anchor in records]
        if "mc-entry" not in classes or not anchors:
            continue
        if rules.intersection(anchors):
            rule_blocks.append(block)
        for formula in list(block.findall(nodes.math_block)):
            formula.replace_self(fitted(formula.astext()))
        if "mc-identity" in classes:
            for more in [child for child in block.children if isinstance(child, mc_nodes.details)]:
                block.replace(more, _print_line(more, records[anchors[0]]))
        else:
            _compact_steps(block, records[anchors[0]])
    for table in list(doctree.findall(nodes.table)):
        if "mc-overview" in table.get("classes", []):
            section = table.parent
            section.remove(table)
            if isinstance(section, nodes.section) and all(isinstance(c, nodes.title) for c in section.children):
                section.parent.remove(section)  # the "Overview" heading had nothing else under it
    in_columns(rule_blocks)


# Sphinx 9 wraps every cell in a ``varwidth`` of an equal share of the line (``\\sphinxcolwidth``), which
# is justified: in a summary table the cell's own column width (``\\linewidth`` in a p-column) and ragged right.
SUMMARY_TABLE_START = (
    "\\begingroup\\footnotesize\\renewcommand*\\sphinxcolwidth[2]{\\linewidth}"
    "\\let\\mcAtStartPar\\sphinxAtStartPar\\def\\sphinxAtStartPar{\\raggedright\\mcAtStartPar}\n"
)


def summary_widths(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Summary tables (coverage, errata) in print: columns as wide as their text needs, ragged right, small type.

    Without this the LaTeX writer gives every column an equal share and justifies the text, so a
    narrow sentence column sets one word a line and the coverage table runs to 13 pages. Connected
    late: the site fills these tables in at ``doctree-resolved`` too.
    """
    if app.builder.format != "latex":
        return
    for table in list(doctree.findall(nodes.table)):
        widths = print_widths(table)
        if "mc-summary" not in table.get("classes", []) or not widths or table.parent is None:
            continue
        total = sum(widths)
        spec = "".join(rf">{{\raggedright\arraybackslash}}\X{{{width}}}{{{total}}}" for width in widths)
        parent, at = table.parent, table.parent.index(table)
        parent.insert(at + 1, nodes.raw("", "\\endgroup\n", format="latex"))
        parent.insert(at, addnodes.tabular_col_spec(spec=spec))
        parent.insert(at, nodes.raw("", SUMMARY_TABLE_START, format="latex"))


def print_widths(table: nodes.table) -> list[int]:
    """Column widths for print: half the widths the table gives, half in proportion to each column's text.

    A row is as tall as its fullest cell; sharing the width partly by text keeps the rows short
    (the coverage table's status column says "verified" in most rows, its lists of IDs are long),
    and the given half keeps room for the rare long cell. Every column gets at least 10 in 100.
    """
    given = [spec["colwidth"] for spec in table.findall(nodes.colspec)]
    chars = [0] * len(given)
    for row in table.findall(nodes.row):
        for index, entry in enumerate(row.children[: len(given)]):
            chars[index] += len(entry.astext())
    if not given or not sum(chars):
        return []
    shares = [(width / sum(given) + count / sum(chars)) / 2 for width, count in zip(given, chars, strict=True)]
    return [max(10, round(100 * share)) for share in shares]


def in_columns(blocks: list[nodes.container]) -> None:
    """Set each run of the kernel's rules (short formulas, one list) in two columns, with its group heading.

    The run reaches from the first rule entry under a parent to the last; a paragraph just before
    the first (the heading "Rewrites of the normal form") joins it. ``setup`` adds ``multicol``.
    """
    runs: dict[int, list[nodes.container]] = {}
    for block in blocks:
        runs.setdefault(id(block.parent), []).append(block)
    for run in runs.values():
        parent = run[0].parent
        start, end = parent.index(run[0]), parent.index(run[-1])
        if start > 0 and isinstance(parent[start - 1], nodes.paragraph):
            start -= 1
        parent.insert(end + 1, nodes.raw("", "\\end{multicols}\n", format="latex"))
        parent.insert(start, nodes.raw("", "\\begin{multicols}{2}\\raggedright\n", format="latex"))


def book_parts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Chapters and parts as in a book: each page a chapter, each captioned sidebar group a part.

    Sphinx inlines the pages where the root document's toctrees stand, inside the section that
    holds them, so every page would be a section of one chapter (named after that section,
    "Contents"). The inlined pages are lifted out of that section, and a ``\\part`` with the
    toctree's caption goes before the first page of each group; what follows the pages (the
    bibliography) gets a part of its own.
    """
    if app.builder.format != "latex" or docname != app.config.root_doc:
        return
    groups = {
        toctree["includefiles"][0]: toctree["caption"]
        for toctree in app.env.get_doctree(docname).findall(addnodes.toctree)
        if toctree.get("caption") and toctree["includefiles"]
    }
    first = next((n for n in doctree.findall(addnodes.start_of_file) if n["docname"] in groups), None)
    holder = first.parent if first is not None else None
    while holder is not None and not isinstance(holder, nodes.section):  # toctrees sit in a compound
        holder = holder.parent
    if holder is None or holder.parent is None:
        return
    outer, at = holder.parent, holder.parent.index(holder)
    lifted: list[nodes.Node] = []
    for child in list(holder.findall(addnodes.start_of_file, descend=True)):
        if child.parent is None or not _within(child.parent, holder) or _nested_in_file(child, holder):
            continue
        if child["docname"] in groups:
            lifted.append(nodes.raw("", f"\\part{{{escape(groups[child['docname']])}}}\n", format="latex"))
        lifted.append(child)
    if at + 1 < len(outer.children):
        lifted.append(nodes.raw("", "\\part{Bibliography}\n", format="latex"))
    outer.remove(holder)
    for offset, node in enumerate(lifted):
        outer.insert(at + offset, node)


def _within(node: nodes.Node, ancestor: nodes.Node) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def _nested_in_file(node: nodes.Node, holder: nodes.Node) -> bool:
    """True when ``node`` is a page inlined inside another page (it moves with that page)."""
    parent = node.parent
    while parent is not None and parent is not holder:
        if isinstance(parent, addnodes.start_of_file):
            return True
        parent = parent.parent
    return False
