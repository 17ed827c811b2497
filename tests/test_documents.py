"""Finding checked directives in MyST and reST sources, with the lines Sphinx would report."""

from __future__ import annotations

from pathlib import Path

from matrixcalc.documents import directive_kind, find_blocks

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
    idents = [block.ident for block in found]
    assert len(idents) == len(set(idents)) >= 650
    assert {block.kind for block in found} == {"identity", "derivation", "derivative"}
