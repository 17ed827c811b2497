"""The pytest plugin: ``pytest --matrixcalc [PATH...]`` checks every entry of the documentation under PATH.

Each ``identity``, ``derivation`` and ``derivative`` directive in the ``.md`` and ``.rst`` files
(reST inside MyST ``{eval-rst}`` blocks included) is a test item named by its ID, so the node ID
pytest prints (``docs/page.md::some-id``) selects it again; with ``--matrixcalc-modules`` (like
``--doctest-modules``) the docstrings of ``.py`` files are collected too, numpydoc Notes included.
Entries are collected and checked exactly as ``matrixcalc check-docs`` does
(:mod:`matrixcalc.documents`, :mod:`matrixcalc.doccheck.entry`): an unknown option fails, a refuted
identity fails with the pattern of the difference and a counterexample at ``file:line``, an
``:expect: false`` entry passes only when it is refuted, a malformed one fails with the parser's
message and caret, and a numeric-only verdict passes with a warning (a failure under
``--matrixcalc-strict``) unless the entry accepts it with ``:numeric-only: REASON``.

Passing verdicts are cached between runs under pytest's cache folder (``.pytest_cache/d/matrixcalc``),
keyed as the Sphinx extension keys its cache; ``--cache-clear`` empties it, ``-p no:cacheprovider``
or ``no-cache = true`` turns it off. Settings (timeout, seed) come from :mod:`matrixcalc.settings`.

The plugin is registered through the ``pytest11`` entry point and does nothing unless
``--matrixcalc`` is given, so it costs other test runs nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .documents import MODULE_SUFFIX, SUFFIXES, Block, find_blocks

if TYPE_CHECKING:
    from _pytest._io import TerminalWriter

    from .doccheck.entry import Checker

CHECKER: pytest.StashKey[Checker] = pytest.StashKey()
VERIFY: pytest.StashKey[bool] = pytest.StashKey()


class MatrixcalcWarning(pytest.PytestWarning):
    """A formula that passed on numeric evidence only, or was not checked at all."""


class EntryFailure(Exception):
    """An entry that must not pass: ``summary`` is the one-line reason, ``text`` the whole report."""

    def __init__(self, summary: str, text: str) -> None:
        super().__init__(summary)
        self.summary = summary
        self.text = text


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("matrixcalc", "check matrix-calculus identities in documentation")
    group.addoption(
        "--matrixcalc",
        action="store_true",
        default=False,
        help="check every identity, derivation and derivative in the .md and .rst files under the given paths",
    )
    group.addoption(
        "--matrixcalc-modules",
        action="store_true",
        default=False,
        help="with --matrixcalc, check the entries in the docstrings of .py files too",
    )
    group.addoption(
        "--matrixcalc-strict",
        action="store_true",
        default=False,
        help="fail entries that are only numerically verified (default: pass with a warning)",
    )
    group.addoption("--matrixcalc-timeout", default=None, metavar="S", help="seconds for each symbolic check")


def pytest_configure(config: pytest.Config) -> None:
    """Resolve the settings and the verdict cache once per run."""
    if not config.getoption("matrixcalc"):
        return
    from .doccheck.entry import Checker
    from .settings import SettingsError, find_pyproject, from_environment, from_pyproject

    try:
        settings = from_environment(from_pyproject(find_pyproject(config.rootpath)))
        timeout = config.getoption("matrixcalc_timeout")
        if timeout is not None:
            settings = settings.with_values({"timeout": timeout}, "--matrixcalc-timeout")
    except SettingsError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[CHECKER] = Checker(settings.timeout, settings.seed, _cache_dir(config, settings))
    config.stash[VERIFY] = settings.verify


def _cache_dir(config: pytest.Config, settings) -> Path | None:
    """``cache-dir`` from the settings, else a folder of pytest's cache; None when caching is off."""
    if settings.no_cache:
        return None
    if settings.cache_dir:
        folder = Path(settings.cache_dir)
        folder = folder if folder.is_absolute() else config.rootpath / folder
        if config.getoption("cacheclear", False):
            shutil.rmtree(folder, ignore_errors=True)
        return folder
    cache = getattr(config, "cache", None)  # absent under -p no:cacheprovider
    return cache.mkdir("matrixcalc") if cache is not None else None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    config = parent.config
    if CHECKER not in config.stash:
        return None
    modules = config.getoption("matrixcalc_modules") and file_path.suffix == MODULE_SUFFIX
    if file_path.suffix in SUFFIXES or modules:
        return DocumentFile.from_parent(parent, path=file_path)
    return None


class DocumentFile(pytest.File):
    """One source file; its items are its checked entries."""

    def collect(self):
        try:
            blocks = find_blocks(self.path)
        except SyntaxError as error:
            raise self.CollectError(f"{self.path}:{error.lineno}: not valid Python: {error.msg}") from None
        except UnicodeDecodeError as error:
            raise self.CollectError(f"{self.path}: not UTF-8 text: {error.reason}") from None
        for block in blocks:
            yield EntryItem.from_parent(self, name=block.ident or f"line-{block.line}", block=block)


class _Crash:
    """What pytest's short summary reads from a failure: its one-line message."""

    def __init__(self, path: str, lineno: int, message: str) -> None:
        self.path, self.lineno, self.message = path, lineno, message


class EntryRepr:
    """A failure report: the whole text in the long report, the reason in the short summary line."""

    def __init__(self, failure: EntryFailure, path: str, lineno: int) -> None:
        self.text = failure.text
        self.reprcrash = _Crash(path, lineno, failure.summary)

    def toterminal(self, tw: TerminalWriter) -> None:
        for line in self.text.splitlines():
            tw.line(line)

    def __str__(self) -> str:
        return self.text


class EntryItem(pytest.Item):
    """A checked directive as a test item."""

    def __init__(self, *, block: Block, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.block = block

    def location_of(self, line: int) -> str:
        """``file:line``, the file relative to the root directory as the node ID has it."""
        try:
            shown = self.block.path.relative_to(self.config.rootpath)
        except ValueError:
            shown = self.block.path
        return f"{shown}:{line}"

    def runtest(self) -> None:
        from .doccheck.entry import Level, problems

        if not self.config.stash[VERIFY]:
            pytest.skip("not checked: verification is off (MATRIXCALC_VERIFY=0 or verify = false)")
        strict = self.config.getoption("matrixcalc_strict")
        checker = self.config.stash[CHECKER]
        first = len(checker.seen)
        found = problems(self.block, checker)
        for outcome in checker.seen[first:]:
            verdict = outcome.verdict or {}
            self.user_properties += [("all_sizes", bool(verdict.get("all_sizes"))), ("proof", verdict.get("proof"))]
        del checker.seen[first:]
        failing = []
        for problem in found:
            line = f"{self.location_of(problem.line)}: {problem.message}"
            if problem.level == Level.NUMERIC_ONLY and not strict:
                self.warn(MatrixcalcWarning(line))
                continue
            failing.append(line + (f"\n{problem.details}" if problem.details else ""))
        if failing:
            raise EntryFailure(failing[0].splitlines()[0], "\n".join(failing))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, EntryFailure):
            return EntryRepr(excinfo.value, str(self.block.path), self.block.line)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.block.path, self.block.line - 1, f"{self.block.kind} {self.name}"
