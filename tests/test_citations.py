"""Cookbook citations: the tables of what each equation of chapters 2 and 4 states, and every citation against them.

The tables (docs/catalogue/cookbook2012-ch2.json, cookbook2012-ch4.json) were derived from the ledger
of the November 2012 PDF in robin-koppelhuber/anki-math-forge (sources/matrix-cookbook/units.jsonl),
which records each display with the number printed in its margin. Their statements are checked here
by the engine, and every ``cookbook2012, eq. N`` on the built site must fit what eq. N states.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from matrixcalc_site.citations import DEFINITION, NOT_EXPRESSIBLE, RESULT, RULE, inconsistency, load_table, table_for
from matrixcalc_site.coverage import equations

from matrixcalc.sphinxext.directives import SOURCE
from matrixcalc.verify import check

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under --import-mode=importlib
from test_docs_build import DOCS, built_site  # noqa: E402 - the shared, once-per-run site build

TABLE_PATH = DOCS / "catalogue" / "cookbook2012-ch2.json"
TABLE = load_table(TABLE_PATH)
COMPLEX = load_table(DOCS / "catalogue" / "cookbook2012-ch4.json")
TABLES = (TABLE, COMPLEX)


def test_table_has_every_equation_of_chapter_2_and_names_its_source() -> None:
    assert (TABLE.bib, TABLE.low, TABLE.high) == ("cookbook2012", 32, 144)
    assert sorted(TABLE.equations) == list(range(32, 145))
    assert "robin-koppelhuber/anki-math-forge" in TABLE.source["ledger"]
    assert "units.jsonl" in TABLE.source["ledger"]
    for number, equation in TABLE.equations.items():
        assert equation.states.strip(), number
        if equation.kind == RESULT:
            assert equation.statement, f"eq. {number}: a result needs its statement"
        if equation.kind == NOT_EXPRESSIBLE:
            assert equation.reason and not equation.statement, number
    coverage = (DOCS / "catalogue" / "coverage.md").read_text(encoding="utf-8")
    assert "robin-koppelhuber/anki-math-forge" in coverage and "units.jsonl" in coverage


def test_two_line_displays_carry_two_numbers() -> None:
    """The facts the citation audit turned on, as the ledger records them."""
    rows = TABLE.equations
    assert "xᵀBBx" in rows[95].states and not rows[95].printed  # the misprint is in eq. 95, not 94
    assert rows[94].printed and rows[94].statement.startswith("d((A @ x).T @ (A @ x)")
    assert rows[96].kind == DEFINITION and "xᵀAx + bᵀx" in rows[96].states
    assert rows[97].statement.startswith("d(x.T @ A @ x + b.T @ x, x)")
    assert rows[98].statement.startswith("hess(x.T @ A @ x + b.T @ x, x)")
    assert rows[69].statement.startswith("d(x.T @ a, x)") and rows[70].statement.startswith("d(a.T @ X @ b, X)")
    assert rows[108].statement.startswith("d(tr(X.T @ B @ X), X)")
    assert rows[117].statement.startswith("d(tr(X.T @ B @ X @ C), X)")


def test_complex_table_has_every_equation_of_chapter_4() -> None:
    assert (COMPLEX.bib, COMPLEX.low, COMPLEX.high) == ("cookbook2012", 225, 259)
    assert sorted(COMPLEX.equations) == list(range(225, 260))
    assert COMPLEX.source["ledger"] == TABLE.source["ledger"]
    for number, equation in COMPLEX.equations.items():
        assert equation.states.strip(), number
        assert equation.kind != NOT_EXPRESSIBLE, number  # the language has complex symbols now
        if equation.kind == RESULT:
            assert equation.statement, f"eq. {number}: a result needs its statement"
    assert COMPLEX.equations[229].kind == COMPLEX.equations[230].kind == RULE  # d(f, Z) and d(f, conj(Z))
    assert not COMPLEX.equations[252].printed and "B.H @ B" in COMPLEX.equations[252].correction
    assert [table_for(TABLES, n) for n in (32, 144, 225, 259)] == [TABLE, TABLE, COMPLEX, COMPLEX]
    assert table_for(TABLES, 200) is None


def test_complex_equations_of_chapter_2_are_no_longer_gaps() -> None:
    assert TABLE.equations[45].kind == RULE and TABLE.equations[45].statement.startswith("differential(X.H")
    assert TABLE.equations[89].kind == RESULT and "conj(x)" in TABLE.equations[89].statement


STATEMENTS = [(table, n) for table in TABLES for n, e in sorted(table.equations.items()) if e.statement]


@pytest.mark.parametrize(("table", "number"), STATEMENTS, ids=[f"eq{n}" for _, n in STATEMENTS])
def test_table_statement_holds_or_is_a_documented_misprint(table, number: int) -> None:
    equation = table.equations[number]
    verdict = check(equation.statement, equation.where, timeout=30)
    if equation.printed:
        assert verdict.status == "verified", (number, verdict.status)
        return
    assert verdict.status == "refuted", f"eq. {number} is marked wrong as printed but is {verdict.status}"
    assert equation.correction or equation.correction_where, number
    fixed = check(equation.correction or equation.statement, equation.correction_where or equation.where, timeout=30)
    assert fixed.status == "verified", (number, fixed.status)


# The slips the audit found, and their fixes: (identity, where, cited, consistent?)
CASES = [
    ("d(u.T @ A @ x, x) == A.T @ u", "u: m; A: m x n; x: n", 70, False),
    ("d(u.T @ A @ x, x) == A.T @ u", "u: m; A: m x n; x: n", 69, True),
    ("d(tr(W.T @ S @ W), W) == (S + S.T) @ W", "W: n x k; S: n x n", 117, False),
    ("d(tr(W.T @ S @ W), W) == (S + S.T) @ W", "W: n x k; S: n x n", 108, True),
    ("hess(x.T @ A @ x + b.T @ x, x) == A + A.T", "x: n; A: n x n; b: n", 97, False),
    ("hess(x.T @ A @ x + b.T @ x, x) == A + A.T", "x: n; A: n x n; b: n", 98, True),
    ("d(x.T @ A @ x + b.T @ x, x) == (A + A.T) @ x + b", "x: n; A: n x n; b: n", 95, False),
    ("d(x.T @ A @ x + b.T @ x, x) == (A + A.T) @ x + b", "x: n; A: n x n; b: n", 97, True),
    ("d(x.T @ A @ x, x) == (A + A.T) @ x", "x: n; A: n x n", 96, False),  # a definition alone
    ("X @ adj(X) == det(X) * I(n)", "X: n x n", 47, False),  # no derivative at all
    ("d(det(X), X) == adj(X).T", "X: n x n", 49, True),
    ("d(tr(B @ X ** 2), X) == (X @ B + B @ X).T", "B: n x n; X: n x n", 107, True),  # cyclic trace
    (
        "d(norm(A @ X @ B + C) ** 2, X) == 2 * A.T @ (A @ X @ B + C) @ B.T",
        "A: p x m; X: m x n; B: n x q; C: p x q",
        119,
        True,
    ),
    ("d(tr(X ** 4), X) == 4 * (X ** 3).T", "X: n x n", 121, True),  # an instance of X^k
    ("d(sin(t), t) == cos(t)", "t: scalar", 67, False),  # not expressible (eigenvalues)
    ("d(tr(X), X) == I(n)", "X: n x n", 37, True),  # the product rule: any derivative may use it
    ("d(tr(X @ X.H), conj(X)) == X", "X: m x n complex", 247, True),
    ("d(tr(X @ X.H), conj(X)) == X", "X: m x n complex", 246, False),  # ∂/∂X̄ cited by the ∂/∂X result
    ("d(tr(X @ X.H), X) == conj(X)", "X: m x n complex", 246, True),
    ("d(tr(X @ X.T), X) == 2 * X", "X: m x n complex", 246, False),  # Xᵀ for Xᴴ: another expression
    (
        "2 * d(abs(a - x.H @ b) ** 2, conj(x)) == -2 * b * conj(a - x.H @ b)",
        "a: scalar complex; x: n complex; b: n complex",
        89,
        True,
    ),
    ("differential(X.H, X, dX) == dX.H", "X: m x n complex; dX: m x n complex", 45, True),
    ("real(p * q) == real(p) * real(q) - imag(p) * imag(q)", "p: scalar complex; q: scalar complex", 225, True),
]


@pytest.mark.parametrize(("identity", "where", "number", "fits"), CASES)
def test_consistency_check_catches_the_audited_slips(identity: str, where: str, number: int, fits: bool) -> None:
    reason = inconsistency(table_for(TABLES, number), number, identity, where, {number})
    assert (reason is None) == fits, reason


def cookbook_citations(record: dict) -> set[int]:
    numbers: set[int] = set()
    for reference in record["sources"]:
        match = SOURCE.match(reference)
        if match and match["key"] == TABLE.bib:
            numbers.update(equations(match["locator"]) or [])
    return numbers


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    site = built_site(tmp_path_factory)
    return json.loads((site / "identities.json").read_text(encoding="utf-8"))["identities"]


def test_every_cookbook_citation_fits_what_the_equation_states(records: list[dict]) -> None:
    problems, checked, in_chapter_4 = [], 0, 0
    for record in records:
        numbers = cookbook_citations(record)
        for number in sorted(numbers):
            checked += 1
            table = table_for(TABLES, number)
            if table is None:
                problems.append(f"{record['id']}: eq. {number} lies in no chapter table ({TABLE.bib})")
                continue
            in_chapter_4 += table is COMPLEX
            reason = inconsistency(table, number, record["identity"], record["where"], numbers)
            if reason:
                problems.append(f"{record['id']}: {reason}")
    assert checked >= 250, checked
    assert in_chapter_4 >= 35, in_chapter_4  # every equation of chapter 4 is cited at least once
    assert not problems, "\n".join(problems)


def test_misprints_are_cited_as_printed_only_where_the_table_says_so(records: list[dict]) -> None:
    for record in records:
        for reference in record["sources"]:
            match = SOURCE.match(reference)
            if not (match and match["key"] == TABLE.bib and "as printed" in reference):
                continue
            for number in equations(match["locator"]) or []:
                table = table_for(TABLES, number)
                assert not table.equations[number].printed, f"{record['id']} calls eq. {number} a misprint"
                assert record["expect"] == "false", record["id"]


def test_errata_page_counts_eq_95(tmp_path_factory: pytest.TempPathFactory) -> None:
    site = built_site(tmp_path_factory)
    page = (site / "errata.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr[^>]*>\s*<td[^>]*><p>(eqs?\. [^<]+)</p>", page)
    assert "eq. 95" in rows and "eq. 94" not in rows, rows
    # each erratum as math: the printed formula, a counterexample, the verified correction
    blocks = page.split('class="mc-erratum docutils container"')[1:]
    assert len(blocks) == len(rows), (len(blocks), rows)
    for block in blocks:
        assert 'class="math notranslate nohighlight"' in block and "Counterexample." in block, block[:300]
        assert "Corrected (verified)" in block, block[:300]
    rayleigh = next(b for b in blocks if "cb-rayleigh-quotient-as-printed" in b)
    assert r"x^\top BBx" in rayleigh and r"x^\top B^\top Bx" in rayleigh  # printed, then corrected
