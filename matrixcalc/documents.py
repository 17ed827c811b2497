"""Find the checked directives in documentation sources without Sphinx: MyST (``.md``), reST
(``.rst``), reST inside MyST ``{eval-rst}`` blocks, and Python docstrings (``.py``, numpydoc Notes
included: a docstring is reST).

The kinds are ``identity``, ``derivation`` and ``derivative`` (a computed derivative), and
``math``: a formula in prose, the ``mc:math`` role (MyST ``{mc:math}`inv(X).T```, reST
``:mc:math:`inv(X).T```), found in the prose around them but never inside code (fences, literal
blocks, inline code spans). A ``where`` block (``mc:where``) declares symbols for every entry
below it on the page.

The pytest plugin and ``matrixcalc check-docs`` check every entry of a documentation tree in
seconds, so they need what the Sphinx extension reads — ID, options, body — and the source line
of each, without building the docs. Literal blocks (a ```` ```markdown ```` fence, a reST ``::``
paragraph or ``code-block``) only *show* directives, so they are skipped; MyST fences that hold
parsed content (admonitions, tabs) are scanned inside. A docstring's lines are reported at their
line in the module, as autodoc's pages are by the Sphinx extension.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .page_where import merge_where

KINDS = ("identity", "derivation", "derivative")
ROLE = "math"  # an ``mc:math`` role: one Block per role, its text the body's one line
MYST_ROLE = "{mc:math}"
RST_ROLE = ":mc:math:"
SHARED = "where"  # a page's shared declarations: not an entry, merged into the entries below it
SUFFIXES = (".md", ".rst")
MODULE_SUFFIX = ".py"

BACKTICKS = re.compile(r"`+")
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>.*)$")
MYST_DIRECTIVE = re.compile(r"^\{(?P<name>[A-Za-z0-9_:+-]+)\}\s*(?P<argument>.*)$")
MYST_OPTION = re.compile(r"^:(?P<name>[A-Za-z0-9_-]+):(?:\s+(?P<value>.*))?$")
YAML_OPTION = re.compile(r"^(?P<name>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
RST_DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\.\s+(?P<name>[A-Za-z0-9_:+-]+)::(?:\s+(?P<argument>.*))?$")
RST_OPTION = re.compile(r"^:(?P<name>[A-Za-z0-9_-]+):(?:\s+(?P<value>.*))?$")
# MyST directives whose content is code or math, not Markdown: nothing inside them is a directive.
LITERAL_DIRECTIVES = frozenset({"code", "code-block", "code-cell", "sourcecode", "literalinclude", "math", "raw"})


@dataclass
class Block:
    """One checked directive as written: where it is, its ID, options and body, with source lines.

    ``line`` is the 1-based line of the directive itself; ``option_lines`` and ``body_lines``
    give the 1-based line of each option and of each body line, as Sphinx would report them.
    """

    path: Path
    kind: str
    ident: str
    line: int
    options: dict[str, str] = field(default_factory=dict)
    option_lines: dict[str, int] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    body_lines: list[int] = field(default_factory=list)
    shared_where: str = ""  # the page's ``mc:where`` declarations in force here

    @property
    def where(self) -> str:
        """The declarations the entry is checked under: the page's shared ones merged with its own."""
        return merge_where(self.shared_where, self.options.get("where", ""))

    def option_line(self, name: str) -> int:
        """The line of option ``name``, or the directive's own line when it is not given."""
        return self.option_lines.get(name, self.line)


def directive_kind(name: str) -> str | None:
    """``identity`` for ``identity`` or ``mc:identity`` (likewise the other kinds and ``where``); else None."""
    local = name.removeprefix("mc:")
    return local if local in KINDS or local == SHARED else None


def find_blocks(path: Path) -> list[Block]:
    """Every checked directive in one source file, in the order written."""
    return blocks_in(path.read_text(encoding="utf-8"), path)


def blocks_in(text: str, path: Path) -> list[Block]:
    """Every checked directive in ``text``: reST for ``.rst``, docstrings for ``.py``, else MyST.

    Raises SyntaxError for a ``.py`` file Python cannot parse.
    """
    lines = text.splitlines()
    if path.suffix == MODULE_SUFFIX:
        found = list(_docstring_blocks(path, text))
    elif path.suffix == ".rst":
        found = list(_rst_blocks(path, lines))
    else:
        found = list(_myst_blocks(path, lines, 0, len(lines)))
    return _share_where(found)


def _share_where(blocks: list[Block]) -> list[Block]:
    """The entries, each with the page's shared declarations in force at its place."""
    shared, entries = "", []
    for block in blocks:
        if block.kind == SHARED:
            shared = " ".join(part.strip() for part in [block.ident, *block.body] if part.strip())
            continue
        block.shared_where = shared
        entries.append(block)
    return entries


# -- MyST ---------------------------------------------------------------------------------------


def _closing(fence: str, indent_max: int = 3) -> re.Pattern[str]:
    return re.compile(rf"^ {{0,{indent_max}}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")


def _myst_blocks(path: Path, lines: list[str], start: int, stop: int) -> Iterator[Block]:
    """Directives among ``lines[start:stop]``, descending into fences whose content is Markdown."""
    index = start
    while index < stop:
        match = FENCE.match(lines[index])
        if not match:
            yield from role_blocks(path, lines[index], index + 1, MYST_ROLE)
            index += 1
            continue
        close = _closing(match["fence"])
        end = next((k for k in range(index + 1, stop) if close.match(lines[k])), stop)
        directive = MYST_DIRECTIVE.match(match["info"].strip())
        if directive:
            kind = directive_kind(directive["name"])
            if kind is not None:
                yield _myst_block(path, kind, directive["argument"].strip(), lines, index, end)
            elif directive["name"] == "eval-rst":
                yield from _rst_blocks(path, lines[index + 1 : end], offset=index + 1)
            elif directive["name"] not in LITERAL_DIRECTIVES:
                yield from _myst_blocks(path, lines, index + 1, end)
        index = end + 1


def _myst_block(path: Path, kind: str, ident: str, lines: list[str], fence: int, end: int) -> Block:
    """Options (``:name: value`` lines or a ``---`` YAML block) then the body, up to the closing fence."""
    block = Block(path, kind, ident, fence + 1)
    index = fence + 1
    if index < end and lines[index].strip() == "---":
        closing = next((k for k in range(index + 1, end) if lines[k].strip() == "---"), None)
        if closing is not None:
            for k in range(index + 1, closing):
                option = YAML_OPTION.match(lines[k].strip())
                if option:
                    _set_option(block, option["name"], _unquote(option["value"]), k + 1)
            index = closing + 1
    while index < end and (option := MYST_OPTION.match(lines[index].strip())) and lines[index].strip():
        _set_option(block, option["name"], option["value"] or "", index + 1)
        index += 1
    for k in range(index, end):
        block.body.append(lines[k])
        block.body_lines.append(k + 1)
    return block


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _set_option(block: Block, name: str, value: str, line: int) -> None:
    block.options[name] = value.strip()
    block.option_lines[name] = line


def role_blocks(path: Path, line: str, number: int, prefix: str) -> Iterator[Block]:
    """A Block for each ``mc:math`` role on one line of prose (``number`` is its 1-based line).

    Backtick runs are read left to right as CommonMark and reST read them, so a role shown inside
    inline code (````{mc:math}`X` ````) is code, not a role. Its ident names its place,
    ``math-<line>-<column>``, so two roles on one line are two entries. A role whose text runs on
    to the next line is not found here (none on the site does; Sphinx still checks it).
    """
    index = 0
    while (tick := line.find("`", index)) >= 0:
        run = BACKTICKS.match(line, tick).group()
        close = _closing_run(line, tick + len(run), len(run))
        if close < 0:  # an unmatched run is literal text
            index = tick + len(run)
            continue
        if line.endswith(prefix, 0, tick):
            column = tick - len(prefix) + 1
            text = line[tick + len(run) : close]
            yield Block(path, ROLE, f"math-{number}-{column}", number, body=[text], body_lines=[number])
        index = close + len(run)


def _closing_run(line: str, start: int, length: int) -> int:
    """Where the first run of exactly ``length`` backticks at or after ``start`` begins, or -1."""
    for match in BACKTICKS.finditer(line, start):
        if len(match.group()) == length:
            return match.start()
    return -1


# -- reST ---------------------------------------------------------------------------------------


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _rst_blocks(path: Path, lines: list[str], offset: int = 0) -> Iterator[Block]:
    """Directives of the checked kinds; literal blocks (``::`` paragraphs, code directives) skipped.

    ``offset`` is the number of source lines before ``lines[0]`` (an ``{eval-rst}`` block, a docstring).
    """
    index = 0
    while index < len(lines):
        line = lines[index]
        directive = RST_DIRECTIVE.match(line)
        if directive and (kind := directive_kind(directive["name"])) is not None:
            block, index = _rst_block(path, kind, directive, lines, index)
            yield _shifted(block, offset)
            continue
        literal = directive is not None and directive["name"] in LITERAL_DIRECTIVES
        if not directive:
            yield from (_shifted(block, offset) for block in role_blocks(path, line, index + 1, RST_ROLE))
        if literal or (line.rstrip().endswith("::") and not directive):
            index = _after_indented(lines, index, _indent(line))
            continue
        index += 1


def _after_indented(lines: list[str], index: int, indent: int) -> int:
    """The index of the first non-blank line after ``index`` indented no deeper than ``indent``."""
    k = index + 1
    while k < len(lines) and (not lines[k].strip() or _indent(lines[k]) > indent):
        k += 1
    return k


def _rst_block(path: Path, kind: str, directive: re.Match[str], lines: list[str], index: int) -> tuple[Block, int]:
    """Options right below the directive line, then the body after a blank line, by indentation."""
    block = Block(path, kind, (directive["argument"] or "").strip(), index + 1)
    outer = len(directive["indent"])
    stop = _after_indented(lines, index, outer)
    k = index + 1
    last_option: str | None = None
    while k < stop and lines[k].strip():
        option = RST_OPTION.match(lines[k].strip())
        if option:
            last_option = option["name"]
            _set_option(block, last_option, option["value"] or "", k + 1)
        elif last_option is not None:  # a continuation line of the option's value
            block.options[last_option] = f"{block.options[last_option]} {lines[k].strip()}".strip()
        else:
            break
        k += 1
    while k < stop and not lines[k].strip():
        k += 1
    while stop > k and not lines[stop - 1].strip():
        stop -= 1
    for j in range(k, stop):
        block.body.append(lines[j])
        block.body_lines.append(j + 1)
    return block, stop


def _shifted(block: Block, offset: int) -> Block:
    """The block with every line number moved down by ``offset``."""
    if offset:
        block.line += offset
        block.option_lines = {name: line + offset for name, line in block.option_lines.items()}
        block.body_lines = [line + offset for line in block.body_lines]
    return block


# -- Python docstrings --------------------------------------------------------------------------


def _docstring_blocks(path: Path, text: str) -> Iterator[Block]:
    """Directives in the module's, classes' and functions' docstrings, at their lines in the module."""
    tree = ast.parse(text, filename=str(path))
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, documented) or not node.body:
            continue
        first = node.body[0]
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            found.append((first.value.lineno, first.value.value))
    for lineno, docstring in sorted(found):
        yield from _rst_blocks(path, _dedented(docstring.splitlines()), offset=lineno - 1)


def _dedented(lines: list[str]) -> list[str]:
    """A docstring's lines without their common indentation (the first line, after the quotes, has none)."""
    margins = [_indent(line) for line in lines[1:] if line.strip()]
    margin = min(margins, default=0)
    return lines[:1] + [line[margin:] for line in lines[1:]]


# -- positions inside a body --------------------------------------------------------------------


def line_of_column(lines: list[str], column: int) -> int:
    """Index of the body line holding ``column`` of the joined (stripped, non-blank) identity."""
    start, found = 0, 0
    for index, line in enumerate(lines):
        if not line:
            continue
        if column < start:
            break
        found = index
        start += len(line) + 1
    return found


def nth_link(identity: str, link: int) -> int:
    """Column of the ``link``-th ``==`` of a chain (0 when absent)."""
    positions = [match.start() for match in re.finditer("==", identity)]
    return positions[link] if 0 <= link < len(positions) else 0
