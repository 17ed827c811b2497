"""The ``derivation`` directive: a chain of steps, every link and the conclusion checked at build time.

A derivation is written one step per line, as in :mod:`matrixcalc.derivation`. Each ``==``
link is checked like an identity (and cached per link), so a false step fails the build at
its own source line; the ``=>`` conclusion is checked, exported and cited like any identity.
The steps are shown as one ``aligned`` display with a verification mark and the justification
on every line, followed by the conclusion with its own badge.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes

from ..derivation import Derivation, parse_derivation
from ..doccheck.outcome import Outcome, error_outcome
from ..errors import IdentityError
from ..language import parse_expression
from ..latex import latex, latex_node, latex_where
from ..latex.prose import latex_text
from ..report import format_counterexample, refutation_reason
from ..verdict import Status
from . import nodes as mc_nodes
from . import render
from .directives import SLUG, CheckedDirective

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.util.typing import OptionSpec

MARKS = {
    Status.VERIFIED: r"\checkmark",
    Status.NUMERIC_ONLY: r"\sim",
    Status.REFUTED: r"\times",
    Status.ERROR: r"\times",
}


def aligned(lines: list[str], annotations: list[str]) -> str:
    """``\\begin{aligned}``: the first expression, then ``&= ...`` rows with their annotations."""
    rows = []
    for index, (line, note) in enumerate(zip(lines, annotations, strict=True)):
        row = f"& {line}" if index == 0 else f"&= {line}"
        rows.append(f"{row} && {note}" if note else row)
    return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"


def step_annotation(outcome: Outcome | None, justification: str, marks: bool) -> str:
    """The right-hand column of one row: its verification mark, then its justification."""
    parts = []
    if marks and outcome is not None and outcome.status in MARKS:
        parts.append(MARKS[outcome.status])
    if justification:
        parts.append(latex_text(justification))
    return r"\quad ".join(parts)


@dataclass
class DerivationDisplay(render.Display):
    """A :class:`render.Display` for the conclusion, whose source is the whole derivation."""

    text: str = ""

    @property
    def source_text(self) -> str:
        """The derivation in the language, as an author writes it."""
        return f"where: {self.where}\n{self.text}" if self.where else self.text


@dataclass
class CheckedStep:
    """One step as the build saw it: text, LaTeX and (for ``==`` lines) the link's outcome."""

    kind: str
    line: int  # 0-based line in the body
    expression: str
    justification: str
    latex: str
    outcome: Outcome | None = None

    def to_export(self) -> dict[str, Any]:
        """One element of ``steps`` in identities.json."""
        verdict = self.outcome.to_export() if self.outcome is not None else None
        return {
            "kind": self.kind,
            "expression": self.expression,
            "justification": self.justification,
            "latex": self.latex,
            "verdict": verdict,
        }


def overall(outcomes: list[Outcome]) -> Outcome:
    """The outcome that speaks for all: the first failure, else numeric-only, else the last one."""
    for wanted in (
        lambda o: o.failed,
        lambda o: o.status == Status.NUMERIC_ONLY,
        lambda o: o.status != Status.NOT_VERIFIED,
    ):
        found = next((outcome for outcome in outcomes if wanted(outcome)), None)
        if found is not None:
            return found
    return outcomes[-1]


class DerivationDirective(CheckedDirective):
    """A derivation: ID argument, one step per body line, ``:where:`` and friends as options."""

    kind = "derivation"
    option_spec: ClassVar[OptionSpec] = {
        name: spec for name, spec in CheckedDirective.option_spec.items() if name != "expect"
    }

    def run(self) -> list[nodes.Node]:
        """Parse, check every link and the conclusion, report, register and render."""
        ident = self.arguments[0]
        if not SLUG.fullmatch(ident):
            self.fail(self.lineno, f"derivation ID {ident!r} must be a slug: lowercase letters, digits and '-'")
            return []
        text = "\n".join(self.content)
        where = self.where_text()
        title = self.options.get("title", "").strip() or ident
        try:
            derivation = parse_derivation(text, where, require_conclusion=True)
        except IdentityError as error:
            return [self.malformed(ident, title, text, where, error)]
        steps = self.checked_steps(derivation)
        conclusion = steps.pop()
        for step in steps[1:]:
            self.report(ident, step, "step")
        self.report(ident, conclusion, "conclusion")
        return [self.entry(ident, title, text, where, steps, conclusion)]

    def checked_steps(self, derivation: Derivation) -> list[CheckedStep]:
        """Each step with its LaTeX and outcome; a link's outcome is checked (and cached) on its own."""
        where = derivation.where
        result = []
        for index, step in enumerate(derivation.steps):
            if step.kind == "conclusion":
                typeset = latex(step.expression, where)
            else:
                typeset = latex_node(parse_expression(step.expression, where)[0])
            outcome = None if step.kind == "start" else self.check(derivation.link_text(index), where, True)
            result.append(CheckedStep(step.kind, step.line, step.expression, step.justification, typeset, outcome))
        return result

    def report(self, ident: str, step: CheckedStep, what: str) -> None:
        """Fail the build at the step's own line when its check must not pass."""
        outcome = step.outcome
        if outcome is None:
            return
        lineno = self.body_line(step.line)
        shown = step.expression if what == "conclusion" else f"== {step.expression}"
        self.warn_numeric_only(lineno, f"derivation {ident!r}: the {what} '{shown}'", outcome)
        if not outcome.failed:
            return
        if outcome.status == Status.ERROR:
            self.fail(
                lineno, f"derivation {ident!r}: the {what} '{shown}' could not be checked: {outcome.error['message']}"
            )
            return
        counterexample = render.counterexample_of(outcome)
        details = format_counterexample(counterexample, []) if counterexample else "no counterexample recorded"
        reason = refutation_reason(outcome.verdict or {})
        self.fail(lineno, f"derivation {ident!r}: the {what} '{shown}' is {reason}\n{details}")

    def malformed(self, ident: str, title: str, text: str, where: str, error: IdentityError) -> nodes.Node:
        """Report input that is not a well-formed derivation at its line, and show it as written."""
        lineno = self.option_line("where") if error.part == "where" else self.body_line(error.line or 0)
        caret = f"\n{error.caret()}" if error.caret() else ""
        self.fail(lineno, f"derivation {ident!r} is not well formed: {error.message}{caret}")
        outcome = error_outcome(error)
        written, rendered = self.sources()
        record = self.record(text, where, written, outcome)
        anchor = self.register(ident, title, record)
        display = DerivationDisplay(
            ident, anchor, title, "", where, self.docname, outcome, None, None, record["note"], rendered, text=text
        )
        block = self.container(anchor, outcome)
        block += self.title_line(display)
        block += nodes.literal_block(text, text, language="none", classes=["mc-unparsed"])
        block.extend(render.verification_part(display))
        block.extend(render.provenance_part(display))
        self.set_source_info(block)
        return block

    def record(
        self,
        text: str,
        where: str,
        sources: list[str],
        outcome: Outcome,
        steps: Sequence[CheckedStep] = (),
        conclusion: CheckedStep | None = None,
    ) -> dict[str, Any]:
        """The export fields: an identity's (for the conclusion), the derivation and its steps."""
        return {
            "identity": conclusion.expression if conclusion else "",
            "where": where,
            "latex": conclusion.latex if conclusion else None,
            "sources": sources,
            "note": self.options.get("note", "").strip(),
            "expect": "true",
            "verdict": outcome.to_export(),
            "derivation": "\n".join(line.strip() for line in text.splitlines() if line.strip()),
            "steps": [step.to_export() for step in steps],
        }

    def entry(
        self, ident: str, title: str, text: str, where: str, steps: list[CheckedStep], conclusion: CheckedStep
    ) -> nodes.Node:
        """Register the derivation and build its block: title, steps, evidence, conclusion, tools."""
        outcome = conclusion.outcome or Outcome(Status.NOT_VERIFIED)
        written, rendered = self.sources()
        record = self.record(text, where, written, outcome, steps, conclusion)
        anchor = self.register(ident, title, record)
        display = DerivationDisplay(
            ident,
            anchor,
            title,
            conclusion.expression,
            where,
            self.docname,
            outcome,
            conclusion.latex,
            None,
            record["note"],
            rendered,
            text=record["derivation"],
        )
        block = self.container(anchor, overall([s.outcome for s in steps if s.outcome] + [outcome]))
        block += self.title_line(display)
        if where:
            block += render.where_part(dataclasses.replace(display, where_latex=latex_where(where)))
        block += render.math_block(self.steps_latex(steps, marks=True), self.docname, "mc-derivation-steps")
        block += step_list(steps)
        conclusion_label = nodes.paragraph(classes=["mc-conclusion-label"])
        conclusion_label += nodes.strong(text="Conclusion")
        if conclusion.justification:
            conclusion_label += nodes.Text(f" ({conclusion.justification})")
        block += conclusion_label
        block.extend(render.formula_part(display))
        block.extend(render.verification_part(display))
        block.extend(render.provenance_part(display))
        whole = f"{self.steps_latex(steps, marks=False)}\n\\implies {conclusion.latex}"
        block.extend(render.tools_part(dataclasses.replace(display, latex=whole)))
        self.set_source_info(block)
        return block

    @staticmethod
    def steps_latex(steps: list[CheckedStep], *, marks: bool) -> str:
        """The aligned display of the chain; marks are for the page, not for copied LaTeX."""
        annotations = [step_annotation(step.outcome, step.justification, marks) for step in steps]
        return aligned([step.latex for step in steps], annotations)

    def container(self, anchor: str, outcome: Outcome) -> nodes.container:
        """The block whose id is the permanent anchor, classed by its worst outcome."""
        _, modifier = render.badge(outcome)
        return nodes.container(ids=[anchor], classes=["mc-entry", "mc-derivation", f"mc-{modifier}"])

    @staticmethod
    def title_line(display: render.Display) -> nodes.paragraph:
        """Title, ID and permalink, as for an identity."""
        line = render.title_part(display)
        for link in line.findall(nodes.reference):
            link["reftitle"] = "Link to this derivation"
        return line


def step_list(steps: list[CheckedStep]) -> nodes.bullet_list:
    """One item per checked step: its badge, its justification and, on demand, its evidence."""
    items = nodes.bullet_list(classes=["mc-steps"])
    for number, step in enumerate(steps[1:], start=1):
        outcome = step.outcome or Outcome(Status.NOT_VERIFIED)
        text, modifier = render.badge(outcome)
        para = nodes.paragraph()
        para += nodes.strong(text=f"Step {number}")
        para += nodes.Text(": ")
        para += nodes.inline(text=text, classes=["mc-badge", f"mc-badge-{modifier}"])
        if step.justification:
            para += nodes.Text(f" — {step.justification}")
        item = nodes.list_item("", para)
        evidence = render.evidence_lines(outcome)
        if evidence:
            panel = mc_nodes.details(summary="Evidence")
            lines = nodes.bullet_list(classes=["mc-evidence"])
            for line in evidence:
                lines += nodes.list_item("", nodes.paragraph(text=line))
            panel += lines
            item += panel
        counterexample = render.counterexample_of(outcome)
        if counterexample is not None:
            shown = render.counterexample_text(counterexample)
            panel = mc_nodes.details(summary="Counterexample", open=True)
            panel += nodes.literal_block(shown, shown, language="none", classes=["mc-counterexample"])
            item += panel
        items += item
    return items
