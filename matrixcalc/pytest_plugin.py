"""The pytest plugin: ``pytest --matrixcalc PATH`` checks every checked entry under PATH.

Each ``identity``, ``derivation`` and ``derivative`` directive in the ``.md`` and ``.rst`` files
under PATH is a test item named by its ID, checked by :func:`matrixcalc.verify.check` — seconds
of feedback in CI without building the docs. A refuted identity fails with its counterexample
at ``file:line``; an ``:expect: false`` entry passes only when it is refuted; a malformed one
fails with the parser's message and caret; a numeric-only verdict passes with a warning (it
fails under ``--matrixcalc-strict``); a ``derivative`` passes when the calculator derives a
result that verifies, as the build requires. Settings (timeout, seed) come from
:mod:`matrixcalc.settings`.

The plugin is registered through the ``pytest11`` entry point and does nothing unless
``--matrixcalc`` is given, so it costs other test runs nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .documents import SUFFIXES, Block, find_blocks, line_of_column, nth_link
from .verdict import Status

if TYPE_CHECKING:
    from .derivation import Derivation
    from .errors import IdentityError
    from .settings import Settings
    from .verdict import Verdict

ROOTS = pytest.StashKey[list[Path]]()
SETTINGS = pytest.StashKey["Settings"]()


class MatrixcalcWarning(pytest.PytestWarning):
    """A formula that passed on numeric evidence only, or was not checked at all."""


class EntryFailure(Exception):
    """An entry that must not pass: the message says what and at which ``file:line``."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("matrixcalc", "check matrix-calculus identities in documentation")
    group.addoption(
        "--matrixcalc",
        action="append",
        default=[],
        metavar="PATH",
        help="check every identity and derivation in the .md and .rst files under PATH (repeatable)",
    )
    group.addoption(
        "--matrixcalc-strict",
        action="store_true",
        default=False,
        help="fail identities that are only numerically verified (default: pass with a warning)",
    )
    group.addoption("--matrixcalc-timeout", default=None, metavar="S", help="seconds for each symbolic check")


def pytest_configure(config: pytest.Config) -> None:
    """Resolve the paths and settings; collect only the docs unless test paths were named too."""
    paths = config.getoption("matrixcalc")
    if not paths:
        return
    from .settings import SettingsError, find_pyproject, from_environment, from_pyproject

    roots = []
    for text in paths:
        path = Path(text)
        if not path.exists():
            raise pytest.UsageError(f"--matrixcalc: {text!r} does not exist")
        roots.append(path.resolve())
    try:
        settings = from_environment(from_pyproject(find_pyproject(config.rootpath)))
        timeout = config.getoption("matrixcalc_timeout")
        if timeout is not None:
            settings = settings.with_values({"timeout": timeout}, "--matrixcalc-timeout")
    except SettingsError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[ROOTS] = roots
    config.stash[SETTINGS] = settings
    named = [str(root) for root in roots]
    if config.args_source == pytest.Config.ArgsSource.ARGS:
        config.args.extend(named)
    else:  # no test path on the command line: the docs alone, not the project's testpaths
        config.args[:] = named


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    roots = parent.config.stash.get(ROOTS, None)
    if not roots or file_path.suffix not in SUFFIXES:
        return None
    if any(file_path == root or root in file_path.parents for root in roots):
        return DocumentFile.from_parent(parent, path=file_path)
    return None


class DocumentFile(pytest.File):
    """One documentation source; its items are its checked directives."""

    def collect(self):
        for block in find_blocks(self.path):
            item_class = ITEMS[block.kind]
            yield item_class.from_parent(self, name=block.ident or f"line-{block.line}", block=block)


class EntryItem(pytest.Item):
    """A checked directive as a test item."""

    def __init__(self, *, block: Block, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.block = block

    @property
    def settings(self) -> Settings:
        return self.config.stash[SETTINGS]

    def where(self) -> str:
        return self.block.options.get("where", "").strip()

    def at(self, line: int) -> str:
        """``file:line`` as the build and editors show it."""
        return f"{self.block.path}:{line}"

    def malformed(self, error: IdentityError, line: int, what: str) -> EntryFailure:
        caret = f"\n{error.caret()}" if error.caret() else ""
        return EntryFailure(f"{self.at(line)}: {what} is not well formed: {error.message}{caret}")

    def numeric_only(self, verdict: Verdict, line: int, what: str) -> None:
        """Numeric evidence alone: a failure under --matrixcalc-strict, else a warning that says why."""
        reason = verdict.symbolic.reason if verdict.symbolic is not None else None
        message = f"{self.at(line)}: {what} is numeric-only: {reason or 'the symbolic check did not decide'}"
        if self.config.getoption("matrixcalc_strict"):
            raise EntryFailure(message)
        self.warn(MatrixcalcWarning(message))

    def skip_unless_verifying(self) -> None:
        if not self.settings.verify:
            pytest.skip("not checked: verification is off (MATRIXCALC_VERIFY=0 or verify = false)")

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, EntryFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.block.path, self.block.line - 1, f"{self.block.kind} {self.name}"


class IdentityItem(EntryItem):
    """An ``identity``: verified passes; refuted fails; ``:expect: false`` inverts that."""

    def runtest(self) -> None:
        from .cli import format_verdict
        from .errors import IdentityError
        from .verify import check

        block = self.block
        expect = self.expectation()
        self.skip_unless_verifying()
        lines = [line.strip() for line in block.body]
        identity = " ".join(line for line in lines if line)
        what = f"identity {block.ident!r}"
        try:
            verdict = check(identity, self.where(), seed=self.settings.seed, timeout=self.settings.timeout)
        except IdentityError as error:
            line = block.option_line("where") if error.part == "where" else self.body_line(lines, error.column or 0)
            raise self.malformed(error, line, what) from None
        self.user_properties += [("all_sizes", verdict.all_sizes), ("proof", verdict.proof_summary())]
        if not expect:
            if verdict.status != Status.REFUTED:
                raise EntryFailure(
                    f"{self.at(block.option_line('expect'))}: {what} is documented as a mistake "
                    f"(:expect: false) but was not refuted ({verdict.status})\n{format_verdict(verdict)}"
                )
            return
        if verdict.status == Status.REFUTED:
            link = verdict.counterexample.link if verdict.counterexample is not None else 0
            line = self.body_line(lines, nth_link(identity, link))
            raise EntryFailure(f"{self.at(line)}: {what} is refuted\n{format_verdict(verdict)}")
        if verdict.status == Status.NUMERIC_ONLY:
            self.numeric_only(verdict, block.line, what)

    def expectation(self) -> bool:
        value = self.block.options.get("expect", "true").strip().lower()
        if value not in ("true", "false"):
            raise EntryFailure(f'{self.at(self.block.option_line("expect"))}: ":expect:" takes "true" or "false"')
        return value == "true"

    def body_line(self, lines: list[str], column: int) -> int:
        return self.block.body_lines[line_of_column(lines, column)] if self.block.body_lines else self.block.line


class DerivationItem(EntryItem):
    """A ``derivation``: every ``==`` link and the ``=>`` conclusion must verify."""

    def runtest(self) -> None:
        from .derivation import check_derivation
        from .errors import IdentityError

        block = self.block
        self.skip_unless_verifying()
        what = f"derivation {block.ident!r}"
        text = "\n".join(block.body)
        try:
            derivation = check_derivation(
                text, self.where(), timeout=self.settings.timeout, seed=self.settings.seed, require_conclusion=True
            )
        except IdentityError as error:
            line = block.option_line("where") if error.part == "where" else self.line_of(error.line or 0)
            raise self.malformed(error, line, what) from None
        self.report(derivation, what)

    def report(self, derivation: Derivation, what: str) -> None:
        from .cli import format_verdict

        failures = []
        for step in derivation.steps:
            verdict = step.verdict
            if verdict is None:
                continue
            shown = step.expression if step.kind == "conclusion" else f"== {step.expression}"
            if verdict.status == Status.REFUTED:
                failures.append(f"{self.at(self.line_of(step.line))}: {what}: the {step.kind} '{shown}' is refuted")
                failures.append(format_verdict(verdict))
            elif verdict.status == Status.NUMERIC_ONLY:
                self.numeric_only(verdict, self.line_of(step.line), f"{what}, {step.kind} '{shown}'")
        if failures:
            raise EntryFailure("\n".join(failures))

    def line_of(self, index: int) -> int:
        lines = self.block.body_lines
        return lines[index] if 0 <= index < len(lines) else self.block.line


class DerivativeItem(EntryItem):
    """A ``derivative``: the calculator must derive a result, and it must verify (as the build requires)."""

    def runtest(self) -> None:
        from .calculus import NotVerified, diff
        from .cli import format_verdict
        from .errors import IdentityError

        block = self.block
        self.skip_unless_verifying()
        what = f"derivative {block.ident!r}"
        expression = " ".join(line.strip() for line in block.body if line.strip())
        wrt = block.options.get("wrt", "").strip()
        if not expression or not wrt:
            raise EntryFailure(f"{self.at(block.line)}: {what} needs the function as its body and a :wrt: option")
        try:
            result = diff(
                expression,
                wrt,
                self.where(),
                kind="hessian" if "hessian" in block.options else "auto",
                layout=block.options.get("layout", "denominator").strip() or "denominator",
                timeout=self.settings.timeout,
            )
        except IdentityError as error:
            line = block.option_line(error.part) if error.part in ("where", "wrt") else self.line_of_body()
            raise self.malformed(error, line, what) from None
        except NotVerified as failure:
            verdict = failure.derivative.verdict
            raise EntryFailure(
                f"{self.at(block.line)}: {what}: the derived result is refuted\n{format_verdict(verdict)}"
            ) from None
        if result.verdict.status != Status.VERIFIED:
            raise EntryFailure(f"{self.at(block.line)}: {what} is {result.verdict.status}, not verified")

    def line_of_body(self) -> int:
        return self.block.body_lines[0] if self.block.body_lines else self.block.line


ITEMS = {"identity": IdentityItem, "derivation": DerivationItem, "derivative": DerivativeItem}
