"""The extension's behaviours an outside project relies on, one small root each: numeric-only, mc:where."""

from __future__ import annotations

from pathlib import Path

import pytest
from built import page_html, warnings
from sphinx.testing.util import SphinxTestApp

from matrixcalc.page_where import PAGE_KEY, merge_where


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
    assert page.index("mc-more", page.index("identity-overrides-shared")) < note  # a remark: in the panel
    mistake = page.index('<p class="mc-note">A transpose is missing')
    assert page.index("identity-mistake-with-note") < mistake < page.index("mc-more", mistake)  # on the page
    assert '<a class="reference external" href="https://example.org/notes.pdf">' in page  # a source URL is a link


def test_merge_where_keeps_an_entrys_own_declaration() -> None:
    assert merge_where("X: n x n invertible; a: n", "X: n x n") == "a: n; X: n x n"
    assert merge_where("", "x: n") == "x: n"
    assert merge_where("x: n", "") == "x: n"
    assert PAGE_KEY == "matrixcalc_page_where"  # the inline math role reads this key


def test_the_collectors_know_the_options_the_directives_accept() -> None:
    from matrixcalc.doccheck.options import OPTIONS
    from matrixcalc.sphinxext.computed import DerivativeDirective
    from matrixcalc.sphinxext.derivations import DerivationDirective
    from matrixcalc.sphinxext.directives import IdentityDirective

    directives = {"identity": IdentityDirective, "derivation": DerivationDirective, "derivative": DerivativeDirective}
    for kind, directive in directives.items():
        assert set(OPTIONS[kind]) == set(directive.option_spec), kind


@pytest.mark.sphinx("html", testroot="where", freshenv=True, confoverrides={"matrixcalc_cite_as": False})
def test_cite_as_can_be_turned_off(app: SphinxTestApp) -> None:
    app.build()
    page = page_html(app)
    assert "Cite as" not in page and "@misc" not in page
    assert "identity-uses-shared" in page


@pytest.mark.sphinx("html", testroot="where", freshenv=True)
def test_the_export_and_the_cache_get_the_umask_permissions(app: SphinxTestApp, monkeypatch) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        monkeypatch.delenv("MATRIXCALC_NO_CACHE", raising=False)
        app.config.matrixcalc_no_cache = False
        app.build()
    finally:
        os.umask(old)
    written = [app.outdir / "identities.json", *Path(app.config.matrixcalc_cache_dir).rglob("*.json")]
    assert len(written) > 1
    assert {stat.S_IMODE(path.stat().st_mode) for path in written} == {0o644}


@pytest.mark.sphinx("html", testroot="expect-false", freshenv=True)
def test_a_refuted_entry_shows_its_counterexample_not_the_draws_that_agreed(app: SphinxTestApp) -> None:
    app.build()
    page = page_html(app)
    assert "refuted at " in page and "left - right =" in page
    assert "random draws" not in page
