"""The ``derivative`` directive: the build derives a derivative, verifies it and shows it with its steps.

The author gives the function (the body), ``:wrt:`` and ``:where:``; ``matrixcalc.calculus.diff``
derives it by rules, simplifies it and verifies it. Its derivation — the differential, each
rewriting step, the identification and the conclusion — is then checked link by link exactly as
a hand-written ``derivation`` is, rendered with the same parts, cited by its ID and exported to
``identities.json`` with ``"kind": "computed"``. A failure to derive or verify fails the build
at the directive's line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..calculus import NotVerified, diff
from ..derivation import parse_derivation
from ..doccheck.outcome import Outcome
from ..errors import IdentityError
from ..verdict import Status
from .derivations import CheckedStep, DerivationDirective
from .directives import SLUG

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec


def derivation_text(chain: list[tuple[str, str]], conclusion: str) -> str:
    """The derivation in the syntax of the ``derivation`` directive: one step per line."""
    lines = [f"{chain[0][0]}  # {chain[0][1]}"]
    lines += [f"== {expression}  # {rule}" for expression, rule in chain[1:]]
    lines.append(f"=> {conclusion}  # identification")
    return "\n".join(lines)


class DerivativeDirective(DerivationDirective):
    """``derivative ID`` with the function as its body and ``:wrt:``, ``:where:``, ``:hessian:``, ``:layout:``."""

    kind = "computed"
    option_spec: ClassVar[OptionSpec] = {
        **DerivationDirective.option_spec,
        "wrt": directives.unchanged_required,
        "hessian": directives.flag,
        "layout": lambda arg: directives.choice(arg, ("denominator", "numerator")),
    }

    def run(self) -> list[nodes.Node]:
        """Derive and verify, then check and render the derivation like a hand-written one."""
        ident = self.arguments[0]
        if not SLUG.fullmatch(ident):
            self.fail(self.lineno, f"derivative ID {ident!r} must be a slug: lowercase letters, digits and '-'")
            return []
        expression = " ".join(line.strip() for line in self.content if line.strip())
        where = self.where_text()
        wrt = self.options.get("wrt", "").strip()
        if not expression or not wrt:
            self.fail(self.lineno, f"derivative {ident!r} needs the function as its body and a :wrt: option")
            return []
        try:
            result = diff(
                expression,
                wrt,
                where,
                kind="hessian" if "hessian" in self.options else "auto",
                layout=self.options.get("layout", "denominator"),
                timeout=self.config.matrixcalc_timeout,
            )
        except IdentityError as error:
            line = self.option_line(error.part) if error.part in ("where", "wrt") else self.body_line(0)
            self.fail(line, f"derivative {ident!r} cannot be derived: {error.message}")
            return []
        except NotVerified as failure:
            self.fail(
                self.lineno, f"derivative {ident!r}: the derived result is refuted: {failure.derivative.identity}"
            )
            return []
        if result.verdict.status == Status.NUMERIC_ONLY:  # a warning, as for every numeric-only entry
            outcome = Outcome(Status.NUMERIC_ONLY, True, result.verdict.to_dict())
            self.warn_numeric_only(self.lineno, f"derivative {ident!r}", outcome)
        elif result.verdict.status != Status.VERIFIED:
            reason = result.verdict.symbolic.reason if result.verdict.symbolic else "no symbolic check"
            self.fail(self.lineno, f"derivative {ident!r} is {result.verdict.status}, not verified: {reason}")
        text = derivation_text(result.chain, result.identity)
        title = self.options.get("title", "").strip() or f"Derivative of {expression} by {wrt}"
        derivation = parse_derivation(text, result.steps_where)
        steps = self.checked_steps(derivation)
        conclusion = steps.pop()
        for step in [*steps[1:], conclusion]:
            self.report_generated(ident, step)
        return [self.entry(ident, title, text, result.steps_where, steps, conclusion)]

    def report_generated(self, ident: str, step: CheckedStep) -> None:
        """A generated step that does not verify is a bug in the rules: fail at the directive's line."""
        if step.outcome is not None and step.outcome.failed:
            self.fail(
                self.lineno, f"derivative {ident!r}: the computed step '{step.expression}' is {step.outcome.status}"
            )
