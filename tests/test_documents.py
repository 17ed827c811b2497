"""Finding checked directives in MyST and reST sources, with the lines Sphinx would report."""

from __future__ import annotations

from pathlib import Path

from matrixcalc.documents import ROLE, directive_kind, find_blocks

DOCS = Path(__file__).parents[1] / "docs"


def blocks(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text)
    return find_blocks(path)


def test_directive_names():
    assert [directive_kind(n) for n in ("identity", "mc:identity", "mc:derivation", "note", "mc:role")] == [
        "identity",
        "identity",
        "derivation",
        None,
        None,
    ]


def test_myst_options_body_and_lines(tmp_path):
    (block,) = blocks(tmp_path, "a.md", "# T\n\n```{identity} x-id\n:where: x: n\n:expect: false\nx\n  == 2 * x\n```\n")
    assert (block.kind, block.ident, block.line) == ("identity", "x-id", 3)
    assert block.options == {"where": "x: n", "expect": "false"}
    assert block.option_line("where") == 4 and block.option_line("title") == 3
    assert block.body == ["x", "  == 2 * x"] and block.body_lines == [6, 7]


def test_myst_yaml_options_colon_fences_and_nesting(tmp_path):
    text = "::::{note}\n:::{mc:identity} inner\n---\nwhere: 'x: n'\n---\nx == x\n:::\n::::\n"
    (block,) = blocks(tmp_path, "a.md", text)
    assert (block.ident, block.options, block.option_lines, block.body_lines) == (
        "inner",
        {"where": "x: n"},
        {"where": 4},
        [6],
    )


def test_myst_literal_fences_only_show_directives(tmp_path):
    text = "````markdown\n```{identity} shown\nx == x\n```\n````\n```{code-block} md\n```{identity} code\n```\n"
    assert blocks(tmp_path, "a.md", text) == []


def test_rest_options_continuation_and_body(tmp_path):
    text = (
        ".. mc:identity:: r-id\n   :where: A: n x n;\n      x: n\n\n   x.T @ A @ x\n     == x.T @ A.T @ x\n\nAfter.\n"
    )
    (block,) = blocks(tmp_path, "a.rst", text)
    assert (block.ident, block.options["where"], block.option_lines["where"]) == ("r-id", "A: n x n; x: n", 2)
    assert block.body == ["   x.T @ A @ x", "     == x.T @ A.T @ x"] and block.body_lines == [5, 6]


def test_rest_literal_blocks_are_skipped(tmp_path):
    text = (
        "Example::\n\n   .. identity:: shown\n      x == x\n\n"
        ".. code-block:: rst\n\n   .. identity:: code\n\n"
        ".. derivation:: real\n\n   x\n   == x\n"
    )
    assert [b.ident for b in blocks(tmp_path, "a.rst", text)] == ["real"]


def test_the_site_pages_hold_every_entry_once():
    found = [block for path in sorted(DOCS.rglob("*.md")) for block in find_blocks(path)]
    idents = [block.ident for block in found if block.kind != ROLE]
    assert len(idents) == len(set(idents)) >= 650
    assert {block.kind for block in found} == {"identity", "derivation", "derivative", ROLE}


def test_math_roles_in_myst_prose_with_their_lines_columns_and_page_where(tmp_path):
    text = (
        "# T\n\n```{mc:where}\nX: n x n\n```\n\n"
        "The gradient {mc:math}`inv(X).T` and {mc:math}``tr(A) | A: m x m``.\n"
        ":::{note}\nInside a note, {mc:math}`X.T`.\n:::\n"
    )
    found = blocks(tmp_path, "a.md", text)
    assert [(b.kind, b.ident, b.line, b.body, b.where) for b in found] == [
        (ROLE, "math-7-14", 7, ["inv(X).T"], "X: n x n"),
        (ROLE, "math-7-38", 7, ["tr(A) | A: m x m"], "X: n x n"),
        (ROLE, "math-9-16", 9, ["X.T"], "X: n x n"),
    ]


def test_math_roles_shown_as_code_are_not_roles(tmp_path):
    text = (
        "Write ``{mc:math}`inv(X` `` in a sentence.\n\n```text\n{mc:math}`shown`\n```\n\n"
        "```{mc:identity} i\nx == x {mc:math}`body`\n```\n\n```{code-block} md\n{mc:math}`code`\n```\n"
        "An unmatched `` pair, then {mc:math}`x`.\n"
    )
    assert [b.body for b in blocks(tmp_path, "a.md", text) if b.kind == ROLE] == [["x"]]


def test_math_roles_in_rest_prose_docstrings_and_eval_rst(tmp_path):
    rest = "Text :mc:math:`inv(X)` here::\n\n   :mc:math:`literal`\n\n``:mc:math:`code`+1``, :mc:math:`X.T`.\n"
    assert [(b.line, b.body) for b in blocks(tmp_path, "a.rst", rest)] == [(1, ["inv(X)"]), (5, ["X.T"])]
    module = '"""Module.\n\nThe trace :mc:math:`tr(X)`.\n"""\n'
    assert [(b.line, b.body) for b in blocks(tmp_path, "m.py", module)] == [(3, ["tr(X)"])]
    myst = "# T\n\n```{eval-rst}\nSee :mc:math:`X.T`.\n```\n"
    assert [(b.line, b.body) for b in blocks(tmp_path, "b.md", myst)] == [(4, ["X.T"])]


def test_eval_rst_blocks_are_read_as_rest_at_their_lines(tmp_path):
    text = "# T\n\n```{eval-rst}\n.. mc:identity:: in-rst\n   :where: x: n\n\n   x == x\n```\n"
    (block,) = blocks(tmp_path, "a.md", text)
    assert (block.ident, block.line, block.option_line("where"), block.body_lines) == ("in-rst", 4, 5, [7])


def test_docstrings_are_read_at_their_lines_in_the_module(tmp_path):
    text = (
        '"""Module."""\n\n\ndef f():\n    """Summary.\n\n    Notes\n    -----\n'
        '    .. mc:identity:: in-doc\n       :where: x: n\n\n       x\n         == x\n    """\n\n'
        'class C:\n    """A class.\n\n    .. mc:identity:: on-class\n\n       x == x\n    """\n'
    )
    found = blocks(tmp_path, "m.py", text)
    assert [(b.ident, b.line, b.body_lines) for b in found] == [("in-doc", 9, [12, 13]), ("on-class", 19, [21])]
    assert found[0].options == {"where": "x: n"}


def test_a_page_where_block_is_merged_into_the_entries_below_it(tmp_path):
    text = (
        "```{identity} before\nx == x\n```\n\n```{mc:where}\nX: n x n; a: n\n```\n\n"
        "```{identity} after\n:where: X: n x n symmetric\nX == X\n```\n"
    )
    before, after = blocks(tmp_path, "a.md", text)
    assert before.where == ""
    assert after.where == "a: n; X: n x n symmetric"
    rest = ".. mc:where:: x: n\n\n.. mc:identity:: r\n\n   x == x\n"
    (block,) = blocks(tmp_path, "b.rst", rest)
    assert block.where == "x: n"
