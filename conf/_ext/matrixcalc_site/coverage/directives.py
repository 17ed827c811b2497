"""The summary directives: ``{cookbook-coverage}``, ``{errata}`` and ``{catalogue-stats}``.

Each leaves a placeholder holding its options and marks its page to be re-read on every build
(the package's docstring says why). What the options name, gap files and a citation table, is
read here, so a bad option fails the build at the directive's line; a coverage problem found
when the table is filled fails it the same way (:func:`record_failure`).
"""

from __future__ import annotations

from glob import glob
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from matrixcalc.sphinxext.domain import Failure, get_domain

from ..citations import load_table
from .gaps import read_gap_file
from .locators import equations
from .placeholders import catalogue_stats, coverage_table, errata_list

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec

logger = logging.getLogger(__name__)

DEFAULT_BIB = "cookbook2012"  # the reference a summary speaks of when it names no :bib:


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
