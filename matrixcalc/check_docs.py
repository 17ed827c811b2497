"""``matrixcalc check-docs PATH...``: check every entry of a project's documentation, no Sphinx needed.

The same collection and checks as the pytest plugin (:mod:`matrixcalc.documents`,
:mod:`matrixcalc.doccheck.entry`), for a pre-commit hook or a shell: ``.md``, ``.rst`` and the
docstrings of ``.py`` files; one ``file:line: message`` line per failure on stdout; exit codes as
``matrixcalc check`` has them (0 all hold, 1 something refuted, 2 something malformed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .doccheck.entry import Checker, Level, problems
from .documents import MODULE_SUFFIX, SUFFIXES, find_blocks
from .settings import load

SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "_build", "build", "site-packages"})
HELP = "check every identity, derivation and derivative in .md, .rst and .py files (docstrings)"


def add_command(commands, subcommand: dict, timeout_type, seed_type) -> None:
    """Register ``check-docs`` on the main parser."""
    parser = commands.add_parser("check-docs", help=HELP, **subcommand)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders searched for .md, .rst and .py")
    parser.add_argument("--strict", action="store_true", help="numeric-only verdicts fail (exit 1) instead of warning")
    parser.add_argument("--timeout", type=timeout_type, metavar="S", help="seconds for each symbolic check")
    parser.add_argument("--seed", type=seed_type, help="random seed (default: derived from each identity's text)")
    parser.set_defaults(run=run, json=False)  # one line per failure; no JSON form


def files_under(path: Path) -> Iterator[Path]:
    """The checkable files at ``path``: the file itself, or those in a folder, hidden and virtualenv folders skipped."""
    if path.is_file():
        yield path
        return
    for child in sorted(path.iterdir()):
        if child.is_dir():
            if child.name.startswith(".") or child.name in SKIPPED_FOLDERS or (child / "pyvenv.cfg").exists():
                continue
            yield from files_under(child)
        elif child.suffix in (*SUFFIXES, MODULE_SUFFIX):
            yield child


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Check every entry; print failures one per line; return 0, 1 or 2."""
    err = sys.stderr
    paths = [Path(text) for text in args.paths]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        print(f"matrixcalc check-docs: no such file or folder: {', '.join(missing)}", file=err)
        return 2
    settings = load()
    cache = None if settings.no_cache or not settings.cache_dir else Path(settings.cache_dir)
    seed = args.seed if args.seed is not None else settings.seed
    checker = Checker(args.timeout or settings.timeout, seed, cache)
    worst, entries, files = 0, 0, 0
    for path in (file for root in paths for file in files_under(root)):
        if path.suffix not in (*SUFFIXES, MODULE_SUFFIX):
            continue
        files += 1
        try:
            blocks = find_blocks(path)
        except SyntaxError as error:
            print(f"{path}:{error.lineno}: not valid Python: {error.msg}", file=out)
            worst = 2
            continue
        except (UnicodeDecodeError, OSError) as error:
            print(f"{path}: cannot be read: {error}", file=out)
            worst = 2
            continue
        for block in blocks:
            entries += 1
            for problem in problems(block, checker):
                line = f"{path}:{problem.line}: {problem.message}"
                if problem.level == Level.NUMERIC_ONLY and not args.strict:
                    print(f"{path}:{problem.line}: warning: {problem.message}", file=err)
                    continue
                print(line, file=out)
                worst = 2 if problem.level == Level.MALFORMED else max(worst, 1)
    verdict = {0: "every entry holds", 1: "something is refuted", 2: "something is malformed"}[worst]
    print(f"matrixcalc check-docs: {entries} entries in {files} files: {verdict}", file=err)
    return worst
