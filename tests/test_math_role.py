"""``mc:math``: formulas in prose, parsed against the declarations in force and typeset as math."""

from __future__ import annotations

import pytest
from built import page_html, warnings
from sphinx.testing.util import SphinxTestApp

from matrixcalc.errors import IdentityError
from matrixcalc.latex.inline import formula_latex, split
from matrixcalc.page_where import merge_where


def test_split_and_merge() -> None:
    assert split("inv(X).T | X: n x n") == ("inv(X).T", "X: n x n")
    assert split("tr(X)") == ("tr(X)", "")
    assert merge_where("X: n x n; y: n", "X: m x n; b: m") == "y: n; X: m x n; b: m"
    assert merge_where("", "X: n x n") == "X: n x n"


def test_the_separator_is_not_part_of_the_language() -> None:
    with pytest.raises(IdentityError, match="not part of the language"):
        formula_latex("tr(X) | X", "X: n x n")


def test_same_printer_as_the_identities() -> None:
    assert formula_latex("inv(X).T", "X: n x n") == "X^{-\\top}"
    assert formula_latex("d(tr(A @ X), X) == A.T", "A: n x m; X: m x n") == (
        "\\frac{\\partial\\, \\operatorname{tr}(AX)}{\\partial X} = A^\\top"
    )


@pytest.mark.sphinx("html", testroot="math-role")
def test_roles_become_math_in_myst_and_rest(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0, warnings(app)
    assert "mc:math" not in warnings(app)
    index = page_html(app)
    assert '<span class="math notranslate nohighlight mc-math">' in index or "mc-math" in index
    assert r"\(X^{-\top}\)" in index
    assert r"\operatorname{tr}(AX)" in index
    assert r"\operatorname{vec}(AXB) = (B^\top \otimes A)\operatorname{vec}(X)" in page_html(app, "page")


@pytest.mark.sphinx("latex", testroot="math-role")
def test_roles_are_math_in_the_pdf(app: SphinxTestApp) -> None:
    app.build()
    tex = (app.outdir / "matrixcalc-test.tex").read_text(encoding="utf-8")
    assert r"\(X^{-\top}\)" in tex
    assert r"\(\operatorname{vec}(AXB) = (B^\top \otimes A)\operatorname{vec}(X)\)" in tex


@pytest.mark.sphinx("html", testroot="math-role-bad")
def test_faults_fail_the_build_at_file_and_line(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
    text = warnings(app)
    assert "index.md:6: WARNING: mc:math 'tr(X @@ Y) | X: n x n; Y: n x n' is not well formed" in text
    assert "page.rst:5: WARNING: mc:math 'A @ x | A: m x n; x: m' is not well formed" in text
    assert "index.md:3" not in text
