"""The ``{errata}`` summary: every documented mistake that reproduces a reference as printed.

A table by equation (the refuted entry, why, what corrects it), then each erratum as math
(:func:`..errata.erratum_block`); misreadings of a correct equation are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..errata import erratum_block
from .entries import cited, citing, corrections, is_erratum
from .locators import eq_text
from .render import Renderer, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .placeholders import errata_list


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
