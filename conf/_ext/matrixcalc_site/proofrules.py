"""``{proof-rules}``: the page of the proof kernel's rules, generated from the kernel's own registry.

Each rule record of :mod:`matrixcalc.proof.rules` becomes one ``{proof-rule}`` entry, an identity
directive in all but its kind: it is checked at build time like any identity, shows its
declarations and source, and is exported with ``"kind": "rule"``. Because the page is written
from the same table the kernel loads, a rule the page does not show cannot be used.
"""

from __future__ import annotations

from fractions import Fraction

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from matrixcalc.language import parse_identity
from matrixcalc.operations import OPERATIONS
from matrixcalc.proof.rules import KINDS, RULES, Rule
from matrixcalc.sphinxext.directives import IdentityDirective

HEADINGS = {
    "rewrite": "Rewrites of the normal form",
    "assumption": "Declared assumptions",
    "differential": "Differential rules",
    "identification": "Identification rules",
}


REAL_FUNCTIONS = (
    "an identity of real functions (exp, log, the trigonometric functions, roots), true for every real input by "
    "their definitions; exact arithmetic at rational points cannot decide it"
)


def real_functions(rule: Rule) -> bool:
    """Does the rule's statement hold an entrywise function or a fractional power (no exact decision)?"""
    identity = parse_identity(rule.statement, rule.where)
    return any(
        node.op in OPERATIONS or (node.op == "pow" and Fraction(node.value).denominator != 1)
        for side in identity.sides
        for node in side.walk()
    )


class ProofRuleDirective(IdentityDirective):
    """One rule of the kernel: an identity entry whose kind (and anchor prefix) is ``rule``."""

    kind = "rule"


class ProofRulesDirective(SphinxDirective):
    """Every rule of the registry, grouped by kind, each as a checked ``{proof-rule}`` entry."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        source, line = self.get_source_info()
        text: list[str] = []
        for kind in KINDS:
            text += [f"**{HEADINGS[kind]}**", ""]
            for rule in (r for r in RULES.values() if r.kind == kind):
                text += [
                    f"```{{proof-rule}} {rule.id}",
                    f":title: {rule.title}",
                    f":where: {rule.where}" if rule.where else ":where:",
                    f":source: {rule.source}",
                    *([f":numeric-only: {REAL_FUNCTIONS}"] if real_functions(rule) else []),
                    rule.statement,
                    "```",
                    "",
                ]
        content = StringList(text, source=source)
        holder = nodes.container(classes=["mc-proof-rules"])
        self.state.nested_parse(content, self.content_offset, holder)
        return holder.children
