"""Catalogue summaries: coverage of a reference's equations, its errata and site statistics.

Modelled on ``todolist`` in sphinx.ext.todo: each directive leaves a placeholder node while
reading, and ``doctree-resolved`` fills it from the ``mc`` domain once every page has been read
(parallel reads included). A page holding one is re-read on every build, so its table follows
edits elsewhere and an uncovered equation fails a warm rebuild too.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from glob import glob
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import NoUri
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from matrixcalc.sphinxext.directives import SOURCE
from matrixcalc.sphinxext.domain import Entry, Failure, get_domain
from matrixcalc.verdict import Status

from .citations import load_table
from .errata import erratum_block

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec

logger = logging.getLogger(__name__)

DEFAULT_BIB = "cookbook2012"
LOCATOR = re.compile(r"(?i)eq(?:uation)?s?\.?\s*(?P<list>\d+(?:\s*(?:[-–—,]|\band\b)\s*\d+)*)")
ITEM = re.compile(r"(?P<low>\d+)(?:\s*[-–—]\s*(?P<high>\d+))?")
SEPARATOR = re.compile(r"\s*(?:,|\band\b)\s*")
NOT_EXPRESSIBLE = re.compile(r"(?i)^\s*not expressible\s*[:—–-]\s*")

VERIFIED, MISTAKE, NUMERIC_ONLY = "verified", "mistake", "numeric-only"
MARKS = {VERIFIED: "✓", MISTAKE: "✗", NUMERIC_ONLY: "≈"}
LEGEND = "✓ verified, ✗ documented mistake (refuted as expected), ≈ numeric-only"


class coverage_table(nodes.General, nodes.Element):
    """Placeholder for the coverage table, filled at doctree-resolved."""


class errata_list(nodes.General, nodes.Element):
    """Placeholder for the errata table, filled at doctree-resolved."""


class catalogue_stats(nodes.General, nodes.Element):
    """Placeholder for the site statistics, filled at doctree-resolved."""


# --- equation numbers -----------------------------------------------------------------------


def equations(locator: str) -> list[int] | None:
    """Equation numbers of ``eq. 49``, ``eqs. 61–64``, ``eqs. 61-64, 66``; None for any other locator."""
    locator = re.sub(r"\(as printed\)\s*$", "", locator, flags=re.IGNORECASE)
    match = LOCATOR.fullmatch(locator.replace("{", "").replace("}", "").strip())
    if match is None:
        return None
    numbers: list[int] = []
    for part in SEPARATOR.split(match["list"].strip()):
        item = ITEM.fullmatch(part)
        if item is None:
            return None
        low, high = int(item["low"]), int(item["high"] or item["low"])
        if high < low:
            return None
        numbers.extend(range(low, high + 1))
    return numbers


def eq_text(numbers: list[int]) -> str:
    """``eq. 49`` or ``eqs. 49, 61–64`` (consecutive numbers folded into ranges)."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    parts = [f"{low}" if low == high else f"{low}–{high}" for low, high in runs]
    plural = len(parts) > 1 or runs[0][0] != runs[0][1]
    return ("eqs. " if plural else "eq. ") + ", ".join(parts)


def cited(entry: Entry, bib: str) -> list[int]:
    """Equation numbers of ``bib`` that ``entry`` cites in its ``:source:``."""
    numbers: set[int] = set()
    for reference in entry.record.get("sources", []):
        match = SOURCE.match(reference)
        if match and match["key"] == bib:
            numbers.update(equations(match["locator"]) or [])
    return sorted(numbers)


def standing(entry: Entry) -> str:
    """``mistake`` for a documented mistake, else the verdict's status."""
    if entry.record.get("expect") == "false":
        return MISTAKE
    return (entry.record.get("verdict") or {}).get("status") or Status.NOT_VERIFIED


def is_erratum(entry: Entry, bib: str) -> bool:
    """A documented mistake that reproduces ``bib`` *as printed*: the reference itself is wrong.

    Other documented mistakes citing an equation are misreadings of a correct equation.
    """
    return standing(entry) == MISTAKE and any(
        "as printed" in reference.lower() and (match := SOURCE.match(reference)) and match["key"] == bib
        for reference in entry.record.get("sources", [])
    )


def citing(entries: list[Entry], bib: str) -> dict[int, list[Entry]]:
    """Every equation number of ``bib`` that is cited, with the entries citing it, sorted by ID."""
    by_number: dict[int, list[Entry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: e.id):  # by ID: the same order after a parallel read
        for number in cited(entry, bib):
            by_number[number].append(entry)
    return dict(by_number)


# --- gap files ------------------------------------------------------------------------------


@dataclass
class GapFile:
    """One coverage file: its equation range and the equations it explains as not expressible."""

    name: str
    low: int
    high: int
    gaps: dict[int, str]


def read_gap_file(path: Path) -> GapFile:
    """Parse one coverage file; ValueError says what is wrong with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ValueError(f"cannot read {path.name}: {error}") from error
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a JSON object")
    bounds = data.get("_range")
    numbers = [equations(bound) if isinstance(bound, str) else None for bound in bounds or []]
    if len(numbers) != 2 or any(n is None or len(n) != 1 for n in numbers):
        raise ValueError(f'{path.name}: "_range" must be two equations, e.g. ["eq. 33", "eq. 45"]')
    low, high = numbers[0][0], numbers[1][0]  # type: ignore[index]
    gaps: dict[int, str] = {}
    for key, reason in data.items():
        if key.startswith("_"):
            continue
        found = equations(key)
        if found is None or not isinstance(reason, str) or not reason.strip():
            raise ValueError(f'{path.name}: entry {key!r} must be "eq. N" (or "eqs. N–M") with a reason')
        for number in found:
            gaps.setdefault(number, reason.strip())
    return GapFile(path.name, low, high, gaps)


# --- directives -----------------------------------------------------------------------------


def record_failure(env: BuildEnvironment, docname: str, lineno: int, message: str) -> None:
    """Warn (``matrixcalc.coverage``) and record a failure, which fails the build like a refuted identity."""
    logger.warning(message, location=(docname, lineno), type="matrixcalc", subtype="coverage")
    get_domain(env).failures.append(Failure(docname, lineno, message))


class SummaryDirective(SphinxDirective):
    """Shared by the summaries: a placeholder node; the page is re-read on every build."""

    node_class: ClassVar[type[nodes.Element]]
    option_spec: ClassVar[OptionSpec] = {"bib": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder holding the options; it is filled once every page has been read."""
        self.env.note_reread()  # the content depends on every other page
        node = self.node_class(bib=self.options.get("bib", "").strip() or DEFAULT_BIB, **self.extra())
        self.set_source_info(node)
        return [node]

    def extra(self) -> dict[str, Any]:
        """Further attributes of the placeholder."""
        return {}


class CoverageDirective(SummaryDirective):
    """``{cookbook-coverage}``: one row per equation of the ``:gaps:`` files' ranges."""

    node_class = coverage_table
    option_spec: ClassVar[OptionSpec] = {
        "bib": directives.unchanged,
        "gaps": directives.unchanged_required,
        "table": directives.unchanged,
    }

    def extra(self) -> dict[str, Any]:
        """The gap files matched by ``:gaps:`` and the ``:table:`` of what each equation states, read now."""
        return {"files": self.gap_files(), "states": self.states()}

    def states(self) -> dict[int, str]:
        """Equation number → what it states, from the citation table (see :mod:`matrixcalc.citations`)."""
        name = self.options.get("table", "").strip()
        if not name:
            return {}
        _, absolute = self.env.relfn2path(name)
        self.env.note_dependency(absolute)
        try:
            table = load_table(Path(absolute))
        except (OSError, ValueError, KeyError) as error:
            self.fail(f"cannot read the citation table {name}: {error}")
            return {}
        return {number: equation.states for number, equation in table.equations.items()}

    def gap_files(self) -> list[dict[str, Any]]:
        """The gap files matched by ``:gaps:`` (relative to the page)."""
        pattern = self.options.get("gaps", "").strip()
        if not pattern:
            self.fail('"{cookbook-coverage}" needs ":gaps:", a glob of coverage JSON files')
            return []
        _, absolute = self.env.relfn2path(pattern)
        paths = sorted(Path(p) for p in glob(absolute))
        if not paths:
            self.fail(f"no coverage file matches {pattern!r}")
        files: list[dict[str, Any]] = []
        for path in paths:
            self.env.note_dependency(str(path))
            try:
                files.append(vars(read_gap_file(path)))
            except ValueError as error:
                self.fail(str(error))
        return files

    def fail(self, message: str) -> None:
        """A problem with the gap files fails the build at the directive."""
        record_failure(self.env, self.env.current_document.docname, self.lineno, message)


class ErrataDirective(SummaryDirective):
    """``{errata}``: every documented mistake citing ``:bib:``, with its correction."""

    node_class = errata_list


class StatsDirective(SummaryDirective):
    """``{catalogue-stats}``: counts of entries by verdict, and equations of ``:bib:`` cited."""

    node_class = catalogue_stats
    option_spec: ClassVar[OptionSpec] = {"bib": directives.unchanged, "range": directives.unchanged}

    def extra(self) -> dict[str, Any]:
        """``:range:`` (e.g. ``eqs. 33–144``) as its equation numbers, empty for no limit."""
        text = self.options.get("range", "").strip()
        numbers = equations(text) if text else []
        if numbers is None:
            logger.warning(
                f'":range:" must look like "eqs. 33-144", not {text!r}',
                location=self.get_location(),
                type="matrixcalc",
                subtype="coverage",
            )
        return {"range": numbers or []}


# --- rendering ------------------------------------------------------------------------------


class Renderer:
    """Builds the nodes of one placeholder on page ``docname`` with links that work from there."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.app = app
        self.docname = docname
        self.entries = list(get_domain(app.env).unique_entries())

    def link(self, entry: Entry, mark: bool = True) -> nodes.Node:
        """The entry's ID, linked to it, with its verdict mark."""
        label = nodes.literal(entry.id, entry.id)
        try:
            result: nodes.Node = make_refnode(
                self.app.builder, self.docname, entry.docname, entry.anchor, label, entry.title
            )
        except NoUri:
            result = label
        if not mark:
            return result
        state = standing(entry)
        symbol = MARKS.get(state, f"({state})")
        wrapper = nodes.inline(classes=["mc-cited", f"mc-cited-{state}"])
        wrapper += [result, nodes.Text(f"\u00a0{symbol}")]
        return wrapper

    def links(self, entries: list[Entry], mark: bool = True) -> list[nodes.Node]:
        """Links separated by commas."""
        result: list[nodes.Node] = []
        for index, entry in enumerate(entries):
            if index:
                result.append(nodes.Text(", "))
            result.append(self.link(entry, mark))
        return result


def plural(count: int, singular: str, many: str = "") -> str:
    """``1 identity``, ``2 identities``."""
    return f"{count} {singular if count == 1 else many or singular + 's'}"


def table(headers: list[str], widths: list[int], rows: list[list[list[nodes.Node]]], cls: str) -> nodes.table:
    """A docutils table; each cell is a list of inline nodes."""
    node = nodes.table(classes=["mc-summary", cls])
    group = nodes.tgroup(cols=len(headers))
    node += group
    group.extend(nodes.colspec(colwidth=width) for width in widths)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=h)) for h in headers))
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *(nodes.entry("", nodes.paragraph("", "", *cell)) for cell in cells))
    group += [head, body]
    return node


def corrections(entries: list[Entry]) -> list[Entry]:
    """The entries that correct a mistake: passing ones (verified, or numeric-only, marked as such), by ID."""
    unique = {e.id: e for e in entries if standing(e) in (VERIFIED, NUMERIC_ONLY)}
    return [unique[ident] for ident in sorted(unique)]


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


def fill_errata(app: Sphinx, node: errata_list, docname: str) -> list[nodes.Node]:
    """Every documented mistake citing the bib key, by equation, with its correction."""
    render = Renderer(app, docname)
    bib = node["bib"]
    by_number = citing(render.entries, bib)
    mistakes = [(cited(e, bib), e) for e in render.entries if is_erratum(e, bib) and cited(e, bib)]
    if not mistakes:
        return [nodes.paragraph(text=f"No entry reproduces {bib} as printed and is refuted.")]
    rows: list[list[list[nodes.Node]]] = []
    blocks: list[nodes.Node] = []
    for numbers, entry in sorted(mistakes, key=lambda item: (item[0], item[1].id)):
        fixes = corrections([e for n in numbers for e in by_number.get(n, [])])
        title = nodes.inline(classes=["mc-errata-title"])
        title += [render.link(entry, mark=False), nodes.Text(f" — {entry.title}")]
        note = entry.record.get("note") or "—"
        fix = render.links(fixes) or [nodes.Text("no correction in the catalogue yet")]
        rows.append([[nodes.Text(eq_text(numbers))], [title], [nodes.Text(note)], fix])
        blocks.append(erratum_block(eq_text(numbers), entry, fixes, lambda e: render.link(e, mark=False)))
    summary = table(["Equation", "Refuted entry", "Why", "Corrected by"], [12, 30, 38, 20], rows, "mc-errata")
    heading = nodes.rubric(text="Each erratum as math: printed, refuted, corrected")
    return [summary, heading, *blocks]


def fill_stats(app: Sphinx, node: catalogue_stats, docname: str) -> list[nodes.Node]:
    """Counts of identities by verdict, derivations, and equations of the bib key cited."""
    entries = list(get_domain(app.env).unique_entries())
    identities = [e for e in entries if e.kind == "identity"]
    states = defaultdict(int)
    for entry in identities:
        states[standing(entry)] += 1
    others = sum(count for state, count in states.items() if state not in (VERIFIED, NUMERIC_ONLY, MISTAKE))
    wanted = set(node["range"])
    numbers = {n for n in citing(entries, node["bib"]) if not wanted or n in wanted}
    scope = f" ({eq_text(node['range'])})" if wanted else ""
    derivations = sum(1 for e in entries if e.kind == "derivation")
    counts = [
        f"{states[VERIFIED]} verified",
        f"{states[NUMERIC_ONLY]} numeric-only",
        f"{plural(states[MISTAKE], 'documented mistake')} (refuted as expected)",
    ]
    if others:
        counts.append(f"{others} not verified in this build or failing")
    lines = [
        f"{plural(len(identities), 'identity', 'identities')}: {', '.join(counts)}",
        plural(derivations, "derivation"),
        f"{plural(len(numbers), 'distinct equation number')} of {node['bib']}{scope} cited",
    ]
    items = nodes.bullet_list(classes=["mc-stats"])
    for line in lines:
        items += nodes.list_item("", nodes.paragraph(text=line))
    return [items]


FILLERS = {coverage_table: fill_coverage, errata_list: fill_errata, catalogue_stats: fill_stats}
PLACEHOLDERS = tuple(FILLERS)


def fill_summaries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace every summary placeholder on the page (doctree-resolved: all pages are read)."""
    for node_class, fill in FILLERS.items():
        for node in list(doctree.findall(node_class)):
            node.replace_self(fill(app, node, docname))
