"""The ``{cookbook-coverage}`` table: one row per equation of the gap files' ranges, and its checks.

Each equation is covered by the identities citing it or explained by a gap file; an equation
that is neither fails the build, and a gap that an identity has since covered, or a citation
outside every range, is a warning, so the table never claims more than the catalogue holds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from matrixcalc.sphinxext.domain import Entry
from matrixcalc.verdict import Status

from .directives import record_failure
from .entries import NUMERIC_ONLY, VERIFIED, citing, corrections, is_erratum, standing
from .gaps import NOT_EXPRESSIBLE, GapFile
from .locators import eq_text
from .render import LEGEND, Renderer, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .placeholders import coverage_table

logger = logging.getLogger(__name__)


@dataclass
class Row:
    """One equation of the coverage table."""

    number: int
    entries: list[Entry]
    category: str  # verified | errata | not expressible | numeric-only | not checked | uncovered
    status: list[nodes.Node]


def coverage_row(render: Renderer, number: int, entries: list[Entry], reason: str | None, bib: str) -> Row:
    """Classify one equation and write its status cell (a misreading does not make an erratum)."""
    states = {entry.id: standing(entry) for entry in entries}
    verified = [e for e in entries if states[e.id] == VERIFIED]
    if any(is_erratum(entry, bib) for entry in entries):
        fixes = corrections(entries)
        if fixes:
            status = [nodes.Text("refuted (errata) → corrected by "), *render.links(fixes)]
            return Row(number, entries, "errata", status)
        return Row(number, entries, "errata", [nodes.Text("refuted (errata); no correction in the catalogue yet")])
    if verified:
        return Row(number, entries, "verified", [nodes.Text("verified")])
    if any(state == NUMERIC_ONLY for state in states.values()):
        return Row(number, entries, "numeric-only", [nodes.Text("numeric-only")])
    if entries:
        shown = ", ".join(sorted(set(states.values()) - {Status.NOT_VERIFIED}))
        text = f"not verified: {shown}" if shown else "not verified in this build"
        return Row(number, entries, "not checked", [nodes.Text(text)])
    if reason is not None:
        return Row(
            number, entries, "not expressible", [nodes.Text(f"not expressible — {NOT_EXPRESSIBLE.sub('', reason)}")]
        )
    return Row(number, entries, "uncovered", [nodes.strong(text="NOT COVERED")])


def fill_coverage(app: Sphinx, node: coverage_table, docname: str) -> list[nodes.Node]:
    """Check the coverage (warnings, failures) and return the summary and the table."""
    render = Renderer(app, docname)
    bib, lineno = node["bib"], node.line or 0
    files = [GapFile(**data) for data in node["files"]]
    numbers = sorted({n for f in files for n in range(f.low, f.high + 1)})
    if not numbers:
        return [nodes.paragraph(text=f"No equation range given for {bib}.")]
    by_number = citing(render.entries, bib)
    gaps = {n: (f.name, reason) for f in reversed(files) for n, reason in f.gaps.items()}
    rows: list[Row] = []
    for number in numbers:
        entries = by_number.get(number, [])
        gap = gaps.get(number)
        if entries and gap:
            ids = ", ".join(e.id for e in entries)
            logger.warning(
                f"stale gap: {gap[0]} says {bib} eq. {number} is not expressible, but {ids} cite(s) it; "
                "remove the entry",
                location=(docname, lineno),
                type="matrixcalc",
                subtype="coverage",
            )
        row = coverage_row(render, number, entries, gap[1] if gap else None, bib)
        if row.category == "uncovered":
            home = next((f.name for f in files if f.low <= number <= f.high), "")
            record_failure(
                app.env,
                docname,
                lineno,
                f"{bib} eq. {number} is not covered: no identity cites it and {home} gives no reason; "
                f'add an identity with ":source: {bib}, eq. {number}" or an entry "eq. {number}" to {home}',
            )
        rows.append(row)
    in_range = set(numbers)
    outside = sorted(n for n in by_number if numbers[0] < n < numbers[-1] and n not in in_range)
    for number in outside:
        ids = ", ".join(e.id for e in by_number[number])
        logger.warning(
            f"{bib} eq. {number} is cited by {ids} but lies in no _range of the coverage files",
            location=(docname, lineno),
            type="matrixcalc",
            subtype="coverage",
        )
    states = {int(number): text for number, text in (node.get("states") or {}).items()}
    return [coverage_summary(rows, bib), coverage_legend(), coverage_table_node(render, rows, states)]


def coverage_summary(rows: list[Row], bib: str) -> nodes.paragraph:
    """``N equations: X verified, Y errata, Z not expressible``, and how many are cited."""
    counts = defaultdict(int, {category: 0 for category in ("verified", "errata", "not expressible")})
    for row in rows:
        counts[row.category] += 1
    span = eq_text([row.number for row in rows])
    parts = [f"{counts['verified']} covered by verified identities", f"{counts['errata']} errata"]
    parts.append(f"{counts['not expressible']} not expressible")
    parts.extend(f"{counts[c]} {c}" for c in ("numeric-only", "not checked", "uncovered") if counts[c])
    cited_count = sum(1 for row in rows if row.entries)
    text = f"{len(rows)} equations ({span}): {', '.join(parts)}. {cited_count} distinct equation numbers are cited."
    return nodes.paragraph(text=text, classes=["mc-coverage-summary"])


def coverage_legend() -> nodes.paragraph:
    """What the marks after each ID mean."""
    return nodes.paragraph(text=f"Marks: {LEGEND}.", classes=["mc-legend"])


def coverage_table_node(render: Renderer, rows: list[Row], states: dict[int, str] | None = None) -> nodes.table:
    """Equation | what it states (when a citation table is given) | identities citing it | status."""
    cells = []
    for row in rows:
        cell = [[nodes.Text(f"eq. {row.number}")], render.links(row.entries) or [nodes.Text("—")], row.status]
        if states:
            cell.insert(1, [nodes.Text(states.get(row.number, "—"))])
        cells.append(cell)
    if states:
        headers, widths = ["Equation", "What it states", "Identities citing it", "Status"], [8, 34, 30, 28]
        return table(headers, widths, cells, "mc-coverage")
    return table(["Equation", "Identities citing it", "Status"], [12, 40, 48], cells, "mc-coverage")
