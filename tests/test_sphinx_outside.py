"""The extension's behaviours an outside project relies on, one small root each: numeric-only, mc:where."""

from __future__ import annotations

import pytest
from built import page_html, warnings
from sphinx.testing.util import SphinxTestApp

from matrixcalc.doccheck.where import PAGE_KEY, merge_where


@pytest.mark.sphinx("html", testroot="numeric-only", freshenv=True)
def test_numeric_only_warns_unless_the_entry_accepts_it(app: SphinxTestApp) -> None:
    app.build()
    reported = warnings(app)
    assert "index.md:3: WARNING: identity 'warned' is numeric-only: " in reported
    assert "':numeric-only: REASON'" in reported
    assert "'accepted'" not in reported
    assert app.statuscode == 0  # a warning, so it fails the build only under -W


@pytest.mark.sphinx("html", testroot="numeric-only", freshenv=True, confoverrides={"matrixcalc_numeric_only": "ok"})
def test_numeric_only_accepted_for_the_whole_project(app: SphinxTestApp) -> None:
    app.build()
    assert "numeric-only" not in warnings(app)


@pytest.mark.sphinx("html", testroot="numeric-only", freshenv=True)
def test_numeric_only_warns_again_on_a_warm_build(app: SphinxTestApp) -> None:
    app.build()
    app.warning.truncate(0)
    app.warning.seek(0)
    app.build()
    assert "identity 'warned' is numeric-only" in warnings(app)


@pytest.mark.sphinx("html", testroot="where", freshenv=True)
def test_shared_declarations_apply_below_and_an_entry_may_override_them(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0, warnings(app)
    assert "matrixcalc" not in warnings(app)
    page = page_html(app)
    note = page.index('<p class="mc-note">X is declared here without the page')
    assert page.index("identity-overrides-shared") < note < page.index("mc-more", note)  # above the panel
    assert '<a class="reference external" href="https://example.org/notes.pdf">' in page  # a source URL is a link


def test_merge_where_keeps_an_entrys_own_declaration() -> None:
    assert merge_where("X: n x n invertible; a: n", "X: n x n") == "a: n; X: n x n"
    assert merge_where("", "x: n") == "x: n"
    assert merge_where("x: n", "") == "x: n"
    assert PAGE_KEY == "matrixcalc_page_where"  # the inline math role reads this key
