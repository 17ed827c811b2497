"""Turn a checked entry into docutils nodes: title, formula, where line, badge and evidence.

Only standard nodes carry content (a ``math_block`` for the formula, so MathJax loads and
every builder can render it); the custom nodes in :mod:`.nodes` add HTML affordances.

An identity reads like a line of a reference book: a header (title, ID as its permalink, verdict
badge), the formula, and the ``where`` line, which is also the handle of a collapsed panel that
holds the evidence, note, sources, copy buttons, the source text and the cite-as box
(:func:`identity_block`). Everything is in the page; nothing is fetched when the panel opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docutils import nodes

from ..difference import counterexample_pattern
from ..doccheck.outcome import Outcome, verdict_from_dict
from ..report import format_counterexample, refutation_reason
from ..verdict import PROVED, Status, sizes_str
from . import nodes as mc_nodes


@dataclass
class Display:
    """Everything the page shows about one identity, gathered by the directive."""

    id: str
    anchor: str
    title: str
    identity: str
    where: str
    docname: str
    outcome: Outcome
    latex: str | None = None  # None when the input could not be parsed
    where_latex: str | None = None
    note: str = ""
    sources: list[nodes.Node] = field(default_factory=list)

    @property
    def source_text(self) -> str:
        """The identity in the language, as an author writes it."""
        return f"where:    {self.where}\nidentity: {self.identity}" if self.where else f"identity: {self.identity}"


PROVED_WORD = "proved"  # the badge of an identity the kernel proved for every size


def badge(outcome: Outcome) -> tuple[str, str]:
    """The verdict as a short phrase (the evidence panel's first line) and its CSS modifier."""
    status = outcome.status
    if status == Status.NOT_VERIFIED:
        return "not verified in this build", "off"
    if status == Status.ERROR:
        return "not a well-formed identity", "fail"
    if not outcome.expect:
        if status == Status.REFUTED:
            return "refuted as expected", "expected"
        return f"{status}, but documented as a mistake", "fail"
    if status == Status.NUMERIC_ONLY:
        return f"numeric-only: {numeric_only_reason(outcome)}", "numeric"
    if status == Status.VERIFIED and (outcome.verdict or {}).get("all_sizes"):
        return PROVED, "ok"
    return status, "ok" if status == Status.VERIFIED else "fail"


def badge_word(outcome: Outcome) -> str:
    """The verdict in one word, for the badge in an entry's header (the phrase is in the panel)."""
    status = outcome.status
    if status == Status.NOT_VERIFIED:
        return "unchecked"
    if status == Status.ERROR:
        return "malformed"
    if not outcome.expect:
        return "mistake" if status == Status.REFUTED else "unrefuted"
    if status == Status.VERIFIED and (outcome.verdict or {}).get("all_sizes"):
        return PROVED_WORD  # the panel's first line and the badge's tooltip say it whole: PROVED
    return str(status)


def numeric_only_reason(outcome: Outcome) -> str:
    """Why the symbolic level was not reached, as the engine put it."""
    verdict = verdict_from_dict(outcome.verdict or {"status": outcome.status})
    return (verdict.symbolic.reason if verdict.symbolic else None) or "no symbolic check"


def evidence_lines(outcome: Outcome) -> list[str]:
    """One line per kind of evidence: numeric draws and sizes, the symbolic level reached."""
    if outcome.status == Status.ERROR:
        return [line for line in (outcome.error.get("message"), outcome.error.get("caret")) if line]
    if outcome.verdict is None:
        return []
    if outcome.status == Status.REFUTED:  # the draws that agreed are no evidence next to a counterexample
        return [refutation_reason(outcome.verdict)]
    verdict = verdict_from_dict(outcome.verdict)
    numeric = verdict.numeric
    lines = [f"numeric ({numeric.method}, tolerance {numeric.tolerance:.0e}): {numeric.summary()}"]
    if numeric.sizes:
        lines.append("sizes: " + "; ".join(sizes_str(s) for s in numeric.sizes))
    for skipped in numeric.skipped:
        lines.append(f"skipped {sizes_str(skipped.get('sizes', {}))}: {skipped.get('reason', '')}")
    if verdict.symbolic is not None:
        lines.append(f"symbolic: {verdict.symbolic.summary()}")
    if verdict.proof is not None:  # the proof for every size (rule IDs of docs/rules.md), or why there is none
        lines.append(f"proof: {verdict.proof_summary()}")
    return lines


def counterexample_text(data: dict[str, Any]) -> str:
    """The pattern of the difference (when it has one), then sizes, values, both sides and their
    difference, in the number format of the CLI and the pytest plugin (:mod:`matrixcalc.report`)."""
    found = counterexample_pattern(data)
    return (f"{found}\n" if found else "") + format_counterexample(data, [])


def counterexample_of(outcome: Outcome) -> dict[str, Any] | None:
    """The counterexample recorded in the verdict, if any."""
    return (outcome.verdict or {}).get("counterexample")


def header_part(display: Display) -> nodes.paragraph:
    """One line: the title, the ID (a link to the entry's own anchor, its permalink) and the badge (one word)."""
    text, modifier = badge_word(display.outcome), badge(display.outcome)[1]
    para = nodes.paragraph(classes=["mc-head"])
    para += nodes.strong(text=display.title or display.id, classes=["mc-head-title"])
    para += nodes.Text(" ")
    link = nodes.reference("", "", refid=display.anchor, classes=["mc-permalink"])
    link["reftitle"] = "Permanent link to this identity"
    link += nodes.literal(text=display.id, classes=["mc-id"])
    para += link
    para += nodes.Text(" ")
    shown = nodes.inline(text=text, classes=["mc-badge", f"mc-badge-{modifier}"])
    if text == PROVED_WORD:  # the badge links to the proof, the last line of the evidence panel
        shown = nodes.reference("", "", shown, refid=f"{display.anchor}-proof", reftitle=f"{PROVED}: the proof")
    para += shown
    return para


def title_part(display: Display) -> nodes.paragraph:
    """The title and the ID with a pilcrow link (the header of a derivation)."""
    para = nodes.paragraph(classes=["mc-title"])
    para += nodes.strong(text=display.title or display.id)
    para += nodes.Text(" ")
    para += nodes.literal(text=display.id, classes=["mc-id"])
    link = nodes.reference("", "¶", refid=display.anchor, classes=["headerlink"])
    link["reftitle"] = "Link to this identity"
    para += link
    return para


def formula_part(display: Display) -> list[nodes.Node]:
    """The formula (a math block, or the raw text if it did not parse) and the where line."""
    result = formula_only(display)
    if display.where_latex:
        result.append(where_part(display))
    return result


def formula_only(display: Display) -> list[nodes.Node]:
    """The formula as a math block, or the raw text if it did not parse."""
    if display.latex is None:
        return [nodes.literal_block(display.identity, display.identity, classes=["mc-unparsed"])]
    return [math_block(display.latex, display.docname)]


def math_block(latex: str, docname: str, *classes: str) -> nodes.math_block:
    """A real display-math node, so MathJax loads and every builder (LaTeX too) renders it."""
    block = nodes.math_block(latex, latex, classes=["mc-formula", *classes], docname=docname, number=None, label=None)
    block["nowrap"] = block["no-wrap"] = False
    return block


def where_part(display: Display) -> nodes.paragraph:
    """``where X ∈ ℝ^{m×n}, …`` typeset."""
    where = nodes.paragraph(classes=["mc-where"])
    if display.where_latex:
        where += nodes.Text("where ")
        where += nodes.math(display.where_latex, display.where_latex)
    return where


def verification_part(display: Display) -> list[nodes.Node]:
    """The badge line, then the evidence (or the error) and any counterexample."""
    text, modifier = badge(display.outcome)
    line = nodes.paragraph(classes=["mc-verdict"])
    line += nodes.inline(text=text, classes=["mc-badge", f"mc-badge-{modifier}"])
    result: list[nodes.Node] = [line]
    if display.outcome.status == Status.ERROR:
        text = "\n".join(evidence_lines(display.outcome))  # monospace keeps the caret under the fault
        result.append(nodes.literal_block(text, text, language="none", classes=["mc-error"]))
        return result
    return result + evidence_part(display)


def evidence_part(display: Display) -> list[nodes.Node]:
    """The evidence lines (sizes, draws, symbolic level) and any counterexample, without the badge."""
    if display.outcome.status == Status.ERROR:
        return []
    result: list[nodes.Node] = []
    evidence = evidence_lines(display.outcome)
    if evidence:
        items = nodes.bullet_list(classes=["mc-evidence"])
        for entry in evidence:
            item = nodes.list_item("", nodes.paragraph(text=entry))
            if entry.startswith(f"proof: {PROVED}"):
                item["ids"].append(f"{display.anchor}-proof")
            items += item
        result.append(items)
    counterexample = counterexample_of(display.outcome)
    if counterexample is not None:
        text = counterexample_text(counterexample)
        panel = mc_nodes.details(summary="Counterexample", open=not display.outcome.expect)
        panel += nodes.literal_block(text, text, language="none", classes=["mc-counterexample"])
        result.append(panel)
    return result


def tools_part(display: Display) -> list[nodes.Node]:
    """Copy buttons, the source text and the cite-as box (the last two collapsed)."""
    buttons = nodes.container(classes=["mc-tools"])
    if display.latex is not None:
        buttons += mc_nodes.copy_button(text=display.latex, label="Copy LaTeX", tooltip="LaTeX of the formula")
    buttons += mc_nodes.copy_button(text=display.source_text, label="Copy source", tooltip="the identity language")
    source = mc_nodes.details(summary="Source")
    source += nodes.literal_block(display.source_text, display.source_text, language="none", classes=["mc-source"])
    cite = mc_nodes.details(summary="Cite as")
    cite += mc_nodes.citeas(
        id=display.id, title=display.title or display.id, anchor=display.anchor, docname=display.docname
    )
    return [buttons, source, cite]


def note_part(display: Display) -> list[nodes.Node]:
    """A documented mistake's ``:note:`` (what is wrong with it), shown on the page under the formula."""
    if display.note and not display.outcome.expect:
        return [nodes.paragraph(text=display.note, classes=["mc-note"])]
    return []


def provenance_part(display: Display) -> list[nodes.Node]:
    """The note (unless :func:`note_part` shows it on the page) and the sources."""
    result: list[nodes.Node] = []
    if display.note and display.outcome.expect:
        result.append(nodes.paragraph(text=display.note, classes=["mc-note"]))
    if display.sources:
        para = nodes.paragraph(classes=["mc-sources"])
        para += nodes.strong(text="Sources: ")
        for index, source in enumerate(display.sources):
            if index:
                para += nodes.Text("; ")
            para += source
        result.append(para)
    return result


def more_part(display: Display) -> mc_nodes.details:
    """The where line as the handle of a collapsed panel: evidence, note, sources, tools, cite-as.

    A formula that is not well formed opens the panel, so its error shows at once.
    """
    summary = mc_nodes.summary(label=MORE_LABEL)
    summary += where_part(display)
    panel = mc_nodes.details(summary="", open=display.outcome.status == Status.ERROR, classes=["mc-more"])
    panel += summary
    verdict = nodes.paragraph(classes=["mc-verdict-text"])
    verdict += nodes.strong(text="Verdict: ")
    verdict += nodes.Text(badge(display.outcome)[0])
    panel += verdict
    if display.outcome.status == Status.ERROR:
        text = "\n".join(evidence_lines(display.outcome))  # monospace keeps the caret under the fault
        panel += nodes.literal_block(text, text, language="none", classes=["mc-error"])
    panel.extend([*evidence_part(display), *provenance_part(display), *tools_part(display)])
    return panel


MORE_LABEL = "evidence · sources · cite"


def identity_block(display: Display) -> nodes.container:
    """The whole block for one identity; its id is the permanent anchor.

    Default view: header (title, ID permalink, badge), formula, where line; the rest is in
    :func:`more_part`, opened on demand.
    """
    _, modifier = badge(display.outcome)
    block = nodes.container(ids=[display.anchor], classes=["mc-entry", "mc-identity", f"mc-{modifier}"])
    block.extend([header_part(display), *formula_only(display), *note_part(display), more_part(display)])
    return block


LOCAL_BUILD = "local build"  # said wherever a published address would be, when the build has none


def bibtex_entry(ident: str, title: str, url: str, version: str) -> str:
    """The cite-as BibTeX for one identity (braces in the title are dropped, not escaped).

    ``url`` is absolute when the site's address is configured; a relative one means a local
    build, which the entry says instead of pretending to an address.
    """
    clean = title.replace("{", "").replace("}", "")
    note = f"matrixcalc identity {ident}" + (f", version {version}" if version else "")
    local = "://" not in url
    howpublished = f"{LOCAL_BUILD}, {url}" if local else f"\\url{{{url}}}"
    fields = [("title", clean), ("howpublished", howpublished), ("note", note)]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@misc{{matrixcalc:{ident},\n{body},\n}}"
