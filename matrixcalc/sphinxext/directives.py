"""The ``identity`` directive: check the identity while reading, then render and register it.

Checking in ``run()`` keeps the work inside Sphinx's parallel read workers. A shared base,
:class:`CheckedDirective`, holds what a later ``derivation`` directive reuses: the permanent ID,
sources, source-line arithmetic, failure reporting and registration in the domain.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from ..doccheck.cache import VerdictCache
from ..doccheck.entry import where_hint
from ..doccheck.options import numeric_only_accepted
from ..doccheck.outcome import Outcome, check_identity, error_outcome
from ..documents import find_blocks, line_of_column, nth_link
from ..errors import IdentityError
from ..latex import latex, latex_where
from ..page_where import PAGE_KEY, merge_where
from ..report import format_counterexample, refutation_reason
from ..verdict import Status
from . import render
from .domain import Entry, get_domain

if TYPE_CHECKING:
    from collections.abc import Container

    from sphinx.util.typing import OptionSpec

DOCSTRING = ":docstring of "  # autodoc's source name for a docstring: "<module file>:docstring of <object>"
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
SOURCE = re.compile(r"\s*(?P<key>[^\s,;{}]+)\s*,?\s*(?P<locator>.*?)\s*$")


def expect_option(argument: str | None) -> bool:
    """``:expect: false`` marks a documented mistake; ``true`` is the default."""
    value = (argument or "").strip().lower()
    if value not in ("true", "false"):
        raise ValueError('":expect:" takes "true" or "false"')
    return value == "true"


class CheckedDirective(SphinxDirective):
    """Shared by every directive whose content is checked: ID, sources, lines, failures."""

    kind: ClassVar[str] = "identity"
    has_content = True
    required_arguments = 1
    final_argument_whitespace = False
    option_spec: ClassVar[OptionSpec] = {
        "title": directives.unchanged,
        "where": directives.unchanged,
        "source": directives.unchanged,
        "note": directives.unchanged,
        "expect": expect_option,
        "numeric-only": directives.unchanged_required,  # the reason this entry may pass on numbers alone
    }

    @property
    def docname(self) -> str:
        """The document being read."""
        return self.env.current_document.docname

    def body_line(self, index: int) -> int:
        """Source line (1-based) of body line ``index`` in reST and MyST alike.

        docutils gives ``content_offset`` as the body's absolute 0-based line; myst-parser gives
        the count of lines between the fence and the body, and no per-line offsets.
        """
        if type(self.state).__module__.startswith("myst_parser"):
            return self.lineno + 1 + self.content_offset + index
        return self.content_offset + 1 + index

    def where_text(self) -> str:
        """The declarations in force: the page's ``mc:where`` block merged with this entry's ``:where:``."""
        return merge_where(self.env.temp_data.get(PAGE_KEY, ""), self.options.get("where", "").strip())

    def location(self, lineno: int) -> str:
        """``file:line`` of line ``lineno``, where the text really lives; "" for a line of the document.

        reST lines go through docutils' own record of each line's source, so a docstring pulled in
        by autodoc is reported in its module, at its line there, and an included file at its own
        line; myst-parser keeps no such record, and its line numbers are the document's.
        """
        if type(self.state).__module__.startswith("myst_parser"):
            return ""
        source, line = self.state_machine.get_source_and_line(lineno)
        if not source or line is None:
            return ""
        if DOCSTRING in source:
            return docstring_location(source, line, self.kind, self.arguments[0], self.get_source_info()[1])
        if Path(source).resolve() == Path(self.env.doc2path(self.docname)).resolve():
            return ""
        return f"{source}:{line}"

    def warn_numeric_only(self, lineno: int, what: str, outcome: Outcome) -> None:
        """A warning (a failure under ``-W``) for a pass on numeric evidence alone, unless accepted.

        An entry accepts it with ``:numeric-only: REASON``, a project with ``matrixcalc_numeric_only = "ok"``.
        """
        if outcome.status != Status.NUMERIC_ONLY or not outcome.expect:
            return
        if numeric_only_accepted(self.options.get("numeric-only")) or self.config.matrixcalc_numeric_only == "ok":
            return
        reason = render.numeric_only_reason(outcome)
        message = (
            f"{what} is numeric-only: {reason} (accept it with ':numeric-only: REASON' on the entry, "
            f'or matrixcalc_numeric_only = "ok" in conf.py)'
        )
        get_domain(self.env).note_failure(
            self.docname, lineno, message, location=self.location(lineno), fatal=False, subtype="numeric-only"
        )

    def option_line(self, name: str) -> int:
        """Source line of option ``name`` (``:name:`` or YAML ``name:``), else the fence line."""
        pattern = re.compile(rf"\s*:?{re.escape(name)}:")
        for offset, line in enumerate(self.block_text.splitlines()[: self.content_offset + 1]):
            if pattern.match(line):
                return self.lineno + offset
        return self.lineno

    def fail(self, lineno: int, message: str) -> None:
        """Warn at ``lineno`` (where its text lives) and record a failure that fails the build."""
        get_domain(self.env).note_failure(self.docname, lineno, message, location=self.location(lineno))

    def check(self, identity: str, where: str, expect: bool) -> Outcome:
        """The outcome for one identity under this project's configuration."""
        config = self.config
        if not config.matrixcalc_verify:
            return Outcome(Status.NOT_VERIFIED, expect)
        return check_identity(
            identity,
            where,
            expect=expect,
            fingerprint=config.matrixcalc_fingerprint,
            timeout=config.matrixcalc_timeout,
            cache=VerdictCache(None if config.matrixcalc_no_cache else Path(config.matrixcalc_cache_dir)),
        )

    def bib_keys(self) -> Container[str]:
        """Keys of the project's bib files, when sphinxcontrib-bibtex is loaded."""
        try:
            cite = self.env.get_domain("cite")
        except ExtensionError:
            return ()
        return cite.bibdata.data.entries  # type: ignore[attr-defined]

    def sources(self) -> tuple[list[str], list[nodes.Node]]:
        """The ``:source:`` references as written, and as nodes (a bibtex citation if possible)."""
        written = [part.strip() for part in self.options.get("source", "").split(";") if part.strip()]
        keys = self.bib_keys()
        rendered: list[nodes.Node] = []
        for reference in written:
            match = SOURCE.match(reference)
            if match and match["key"] in keys:
                rendered.extend(self.citation(match["key"], match["locator"].replace("{", "").replace("}", "")))
            else:
                rendered.extend(linked(reference))
        return written, rendered

    def citation(self, key: str, locator: str) -> list[nodes.Node]:
        """A sphinxcontrib-bibtex ``cite:p`` citation with the locator as post-text."""
        target = f"{key}{{{locator}}}" if locator else key
        role = self.env.get_domain("cite").role("p")
        assert role is not None
        result, messages = role("cite:p", f"{{cite:p}}`{target}`", target, self.lineno, self.state.inliner)
        return [*result, *messages]

    def register(self, ident: str, title: str, record: dict[str, Any]) -> str:
        """Add the entry to the domain and as a standard label; returns the anchor."""
        anchor = f"{self.kind}-{ident}"
        get_domain(self.env).note_entry(Entry(ident, self.kind, title, self.docname, self.lineno, anchor, record))
        std = self.env.domains.standard_domain
        if anchor not in std.anonlabels:  # a duplicate ID is reported once, by the mc domain
            std.note_hyperlink_target(anchor, self.docname, anchor, title)
        return anchor


class IdentityDirective(CheckedDirective):
    """One identity: ID argument, the identity as the body, ``:where:`` and friends as options."""

    kind = "identity"

    def run(self) -> list[nodes.Node]:
        """Check, report, register and render."""
        ident = self.arguments[0]
        if not SLUG.fullmatch(ident):
            self.fail(self.lineno, f"identity ID {ident!r} must be a slug: lowercase letters, digits and '-'")
            return []
        lines = [line.strip() for line in self.content]
        identity = " ".join(line for line in lines if line)
        where = self.where_text()
        expect = self.options.get("expect", True)
        latex, where_latex, error = typeset(identity, where)  # same parser as the check: fails first
        outcome = error_outcome(error, expect) if error is not None else self.check(identity, where, expect)
        self.report(ident, lines, outcome)
        self.warn_numeric_only(self.lineno, f"identity {ident!r}", outcome)
        title = self.options.get("title", "").strip() or ident
        written, rendered = self.sources()
        record = {
            "identity": identity,
            "where": where,
            "latex": latex,
            "sources": written,
            "note": self.options.get("note", "").strip(),
            "expect": "true" if expect else "false",
            "verdict": outcome.to_export(),
        }
        anchor = self.register(ident, title, record)
        display = render.Display(
            ident, anchor, title, identity, where, self.docname, outcome, latex, where_latex, record["note"], rendered
        )
        block = render.identity_block(display)
        self.set_source_info(block)
        return [block]

    def report(self, ident: str, lines: list[str], outcome: Outcome) -> None:
        """Fail the build, at the most precise line, for an outcome that must not pass."""
        if not outcome.failed:
            return
        if outcome.status == Status.ERROR:
            error = outcome.error
            column = error.get("column")
            if error.get("part") == "where":
                lineno = self.option_line("where")
            else:
                lineno = self.body_line(line_of_column(lines, column or 0))
            caret = f"\n{error['caret']}" if error.get("caret") else ""
            problem = "is not well formed" if error.get("part") else "could not be checked"
            message = where_hint(error["message"], self.where_text())
            self.fail(lineno, f"identity {ident!r} {problem}: {message}{caret}")
        elif outcome.expect:
            counterexample = render.counterexample_of(outcome) or {}
            position = nth_link(" ".join(line for line in lines if line), counterexample.get("link", 0))
            lineno = self.body_line(line_of_column(lines, position))
            details = format_counterexample(counterexample, []) if counterexample else "no counterexample recorded"
            self.fail(lineno, f"identity {ident!r} is {refutation_reason(outcome.verdict or {})}\n{details}")
        else:
            self.fail(
                self.option_line("expect"),
                f"identity {ident!r} is documented as a mistake (:expect: false) but was not refuted: "
                f"{outcome.status}; fix the identity or drop ':expect: false'",
            )


URL = re.compile(r"https?://[^\s<>;,]+[^\s<>;,.)]")


def linked(text: str) -> list[nodes.Node]:
    """``text`` with every web address made a link (a source given as a URL should be one click away)."""
    result: list[nodes.Node] = []
    start = 0
    for match in URL.finditer(text):
        if match.start() > start:
            result.append(nodes.Text(text[start : match.start()]))
        result.append(nodes.reference(match.group(), match.group(), refuri=match.group()))
        start = match.end()
    if start < len(text):
        result.append(nodes.Text(text[start:]))
    return result


def docstring_location(source: str, line: int, kind: str, ident: str, directive_line: int | None) -> str:
    """``module.py:N`` for line ``line`` of an autodoc docstring whose directive is at ``directive_line``.

    autodoc numbers a docstring's lines from its start after cleaning it up (napoleon and numpydoc
    rewrite it further), so the offset from the directive, which they keep, is what carries over:
    the directive is found in the module by its kind and ID (:mod:`matrixcalc.documents`).
    """
    path = Path(source.split(DOCSTRING, 1)[0])
    try:
        block = next(b for b in find_blocks(path) if b.kind == kind and b.ident == ident)
    except (OSError, SyntaxError, UnicodeDecodeError, StopIteration):
        return f"{source}:{line}"
    return f"{path}:{block.line + line - (directive_line or line)}"


def typeset(identity: str, where: str) -> tuple[str | None, str | None, IdentityError | None]:
    """LaTeX of the identity and of its where clause, from the same parser as the checks."""
    try:
        return latex(identity, where), (latex_where(where) if where else None), None
    except IdentityError as error:
        return None, None, error
