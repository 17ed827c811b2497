"""Cookbook citations: the table of what each chapter-2 equation states, and every citation against it.

The table (docs/catalogue/cookbook2012-ch2.json) was derived from the ledger of the November 2012
PDF in robin-koppelhuber/anki-math-forge (sources/matrix-cookbook/units.jsonl), which records each
display with the number printed in its margin. Its statements are checked here by the engine, and
every ``cookbook2012, eq. N`` on the built site must fit what eq. N states.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from matrixcalc_site.citations import DEFINITION, NOT_EXPRESSIBLE, RESULT, inconsistency, load_table
from matrixcalc_site.coverage import SOURCE, equations

from matrixcalc.verify import check

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under --import-mode=importlib
from test_docs_build import DOCS, built_site  # noqa: E402 - the shared, once-per-run site build

TABLE_PATH = DOCS / "catalogue" / "cookbook2012-ch2.json"
TABLE = load_table(TABLE_PATH)


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


@pytest.mark.parametrize("number", [n for n, e in sorted(TABLE.equations.items()) if e.statement])
def test_table_statement_holds_or_is_a_documented_misprint(number: int) -> None:
    equation = TABLE.equations[number]
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
    ("d(sin(t), t) == cos(t)", "t: scalar", 45, False),  # not expressible
    ("d(tr(X), X) == I(n)", "X: n x n", 37, True),  # the product rule: any derivative may use it
]


@pytest.mark.parametrize(("identity", "where", "number", "fits"), CASES)
def test_consistency_check_catches_the_audited_slips(identity: str, where: str, number: int, fits: bool) -> None:
    reason = inconsistency(TABLE, number, identity, where, {number})
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
    problems, checked = [], 0
    for record in records:
        numbers = cookbook_citations(record)
        for number in sorted(numbers):
            checked += 1
            reason = inconsistency(TABLE, number, record["identity"], record["where"], numbers)
            if reason:
                problems.append(f"{record['id']}: {reason}")
    assert checked >= 250, checked
    assert not problems, "\n".join(problems)


def test_misprints_are_cited_as_printed_only_where_the_table_says_so(records: list[dict]) -> None:
    for record in records:
        for reference in record["sources"]:
            match = SOURCE.match(reference)
            if not (match and match["key"] == TABLE.bib and "as printed" in reference):
                continue
            for number in equations(match["locator"]) or []:
                assert not TABLE.equations[number].printed, f"{record['id']} calls eq. {number} a misprint"
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
