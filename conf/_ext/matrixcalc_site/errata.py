"""One erratum as math: the formula as printed, its counterexample in brief, the verified correction.

Used by the ``{errata}`` summary (:func:`.coverage.errata_table.fill_errata`) below its table. Everything comes
from the checked entries in the domain: the printed formula is the documented mistake's own
LaTeX, the counterexample is the one its verdict recorded, and each correction is a passing
identity citing the same equation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes

from matrixcalc.sphinxext.domain import Entry
from matrixcalc.verdict import sizes_str

EXACT_ENTRIES = 9  # a matrix with more entries than this is summarised, not printed


def number(value: Any) -> str:
    """A value of a counterexample, short (exact values may be strings such as ``3/7``)."""
    try:
        return f"{float(value):.3g}"
    except (TypeError, ValueError):
        return str(value)


def matrix_latex(value: Any) -> str | None:
    """``\\begin{bmatrix}…\\end{bmatrix}`` of a small matrix (a list of rows), else None."""
    if not isinstance(value, list) or not value:
        return number(value) if not isinstance(value, list) else None
    rows = [row if isinstance(row, list) else [row] for row in value]
    if sum(len(row) for row in rows) > EXACT_ENTRIES:
        return None
    if len(rows) == 1 and len(rows[0]) == 1:
        return number(rows[0][0])
    body = r" \\ ".join(" & ".join(number(v) for v in row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"


def counterexample_brief(data: dict[str, Any]) -> list[nodes.Node]:
    """Where the printed formula fails and by how much; small values and both sides typeset."""
    how = "in exact arithmetic" if data.get("exact") else f"relative error {float(data.get('relative_error', 0)):.2g}"
    link = int(data.get("link", 0)) + 1
    sentence = f"Fails at {sizes_str(data.get('sizes', {}))} (link {link} of the chain, {how})"
    parts: list[str] = []
    for name, value in sorted(data.get("values", {}).items()):
        shown = matrix_latex(value)
        if shown is not None:
            parts.append(f"{name} = {shown}")
    left, right = matrix_latex(data.get("left")), matrix_latex(data.get("right"))
    result: list[nodes.Node] = []
    para = nodes.paragraph(classes=["mc-erratum-counterexample"])
    para += nodes.strong(text="Counterexample. ")
    para += nodes.Text(sentence + (": " if parts or (left and right) else "."))
    result.append(para)
    if parts:
        text = r",\quad ".join(parts)
        result.append(nodes.math_block(text, text, nowrap=False, number=None, label=None))
    if left and right:
        text = rf"\text{{left}} = {left} \;\neq\; {right} = \text{{right}}"
        result.append(nodes.math_block(text, text, nowrap=False, number=None, label=None))
    return result


def formula(entry: Entry) -> nodes.Node:
    """The entry's formula as a math block (its text when it has no LaTeX)."""
    latex = entry.record.get("latex")
    if not latex:
        text = entry.record.get("identity", "")
        return nodes.literal_block(text, text)
    block = nodes.math_block(latex, latex, nowrap=False, number=None, label=None)
    block["docname"] = entry.docname
    return block


def erratum_block(
    equation: str, mistake: Entry, fixes: list[Entry], link: Callable[[Entry], nodes.Node]
) -> nodes.container:
    """One erratum: heading line, printed formula, counterexample, correction(s)."""
    block = nodes.container(classes=["mc-erratum"])
    head = nodes.paragraph(classes=["mc-erratum-head"])
    head += nodes.strong(text=f"{equation} as printed")
    head += nodes.Text(" — ")
    head += link(mistake)
    block += head
    block += formula(mistake)
    note = mistake.record.get("note")
    if note:
        block += nodes.paragraph(text=note, classes=["mc-note"])
    counterexample = (mistake.record.get("verdict") or {}).get("counterexample")
    if counterexample:
        block.extend(counterexample_brief(counterexample))
    else:
        block += nodes.paragraph(text="Counterexample: not recorded in this build (verification off).")
    if not fixes:
        block += nodes.paragraph(text="No verified correction in the catalogue yet.")
    for fix in fixes:
        para = nodes.paragraph(classes=["mc-erratum-fix"])
        para += nodes.strong(text="Corrected (verified): ")
        para += link(fix)
        block += para
        block += formula(fix)
    return block
