"""Catalogue summaries: the coverage table, the errata and the site statistics."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from built import page_html, warnings
from matrixcalc_site.coverage import eq_text, equations
from sphinx.testing.util import SphinxTestApp


def text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace folded."""
    folded = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r" ([,.])", r"\1", folded)


def table_rows(source: str, cls: str) -> list[list[str]]:
    """The body rows of the table with class ``cls``, as cell texts."""
    table = source[source.index(f"{cls} docutils") :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    return [[text(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in body.split("</tr>")[:-1]]


@pytest.mark.parametrize(
    ("locator", "numbers"),
    [
        ("eq. 49", [49]),
        ("eqs. 61–64", [61, 62, 63, 64]),
        ("eq. 61-64", [61, 62, 63, 64]),
        ("{eq. 49}", [49]),
        ("eqs. 61, 63-64 and 66", [61, 63, 64, 66]),
        ("unnumbered display after eq. 64", None),
        ("sec. 2.4.4", None),
        ("eqs. 64–61", None),
    ],
)
def test_equation_locators(locator: str, numbers: list[int] | None) -> None:
    assert equations(locator) == numbers


def test_equation_text_folds_runs() -> None:
    assert eq_text([5, 1, 2, 3]) == "eqs. 1–3, 5"
    assert eq_text([4]) == "eq. 4"


@pytest.mark.sphinx("html", testroot="coverage-complete")
def test_complete_range_renders_every_row_with_its_status(app: SphinxTestApp) -> None:
    app.build()
    source = page_html(app)
    assert app.statuscode == 0
    assert "matrixcalc" not in warnings(app)
    assert table_rows(source, "mc-coverage") == [
        ["eq. 1", "linear-form ✓, quadratic-form-misread ✗", "verified"],
        ["eq. 2", "linear-form ✓, trace-axb ✓", "verified"],
        [
            "eq. 3",
            "quadratic-form ✓, quadratic-form-as-printed ✗",
            "refuted (errata) → corrected by quadratic-form ✓",
        ],
        ["eq. 4", "—", "not expressible — the language has no eigenvalues"],
    ]
    summary = "4 equations (eqs. 1–4): 2 covered by verified identities, 1 errata, 1 not expressible."
    assert f"{summary} 3 distinct equation numbers are cited." in text(source)
    assert 'href="quadratic.html#identity-quadratic-form-as-printed"' in source


@pytest.mark.sphinx("html", testroot="coverage-complete")
def test_stats_count_verdicts_and_cited_equations(app: SphinxTestApp) -> None:
    app.build()
    shown = text(page_html(app))
    assert "6 identities: 4 verified, 0 numeric-only, 2 documented mistakes (refuted as expected)" in shown
    assert "0 derivations" in shown
    assert "3 distinct equation numbers of cookbook2012 (eqs. 1–4) cited" in shown


@pytest.mark.sphinx("html", testroot="coverage-complete")
def test_errata_lists_a_documented_mistake_with_its_correction(app: SphinxTestApp) -> None:
    app.build()
    source = page_html(app, "errata")
    assert table_rows(source, "mc-errata") == [
        [
            "eq. 3",
            "quadratic-form-as-printed — Quadratic form as printed",
            "Holds only for a symmetric A.",
            "quadratic-form ✓",
        ]
    ]
    assert 'href="quadratic.html#identity-quadratic-form-as-printed"' in source
    assert 'href="quadratic.html#identity-quadratic-form"' in source


@pytest.mark.sphinx("html", testroot="coverage-uncovered")
def test_uncovered_equation_fails_without_dash_w(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
    assert "index.md:3: WARNING: cookbook2012 eq. 2 is not covered" in warnings(app)
    assert 'an entry "eq. 2" to gaps.json' in warnings(app)
    assert "[matrixcalc.coverage]" in warnings(app)
    assert ["eq. 2", "—", "NOT COVERED"] in table_rows(page_html(app), "mc-coverage")


@pytest.mark.sphinx("html", testroot="coverage-uncovered")
def test_uncovered_equation_fails_a_warm_rebuild(app: SphinxTestApp, make_app, app_params) -> None:
    app.build()
    args, kwargs = app_params
    again = make_app(*args, **kwargs)
    again.build()
    assert again.statuscode == 1
    assert "cookbook2012 eq. 2 is not covered" in warnings(again)


@pytest.mark.sphinx("html", testroot="coverage-stale")
def test_stale_gap_and_equation_outside_every_range_warn(app: SphinxTestApp) -> None:
    app.build()
    assert "stale gap: gaps.json says cookbook2012 eq. 1 is not expressible, but linear-form" in warnings(app)
    assert "cookbook2012 eq. 5 is cited by linear-form but lies in no _range" in warnings(app)
    assert app.statuscode == 0  # warnings only: -W turns them into errors
    assert table_rows(page_html(app), "mc-coverage")[0] == ["eq. 1", "linear-form ✓", "verified"]


@pytest.mark.sphinx("html", testroot="coverage-complete")
def test_parallel_build_gives_the_same_table(app: SphinxTestApp, make_app, app_params) -> None:
    app.build()
    serial = table_rows(page_html(app), "mc-coverage"), table_rows(page_html(app, "errata"), "mc-errata")
    args, kwargs = app_params
    parallel = make_app(*args, **{**kwargs, "freshenv": True, "parallel": 2})
    parallel.build()
    assert parallel.statuscode == 0
    assert (
        table_rows(page_html(parallel), "mc-coverage"),
        table_rows(page_html(parallel, "errata"), "mc-errata"),
    ) == serial


@pytest.mark.sphinx("html", testroot="coverage-bad-gaps")
def test_malformed_gap_file_fails_at_the_directive(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
    assert 'index.md:3: WARNING: gaps.json: "_range" must be two equations' in warnings(app)
