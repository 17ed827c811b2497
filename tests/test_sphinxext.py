"""The Sphinx extension: one small project per behaviour, under tests/roots/test-*."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from built import export, page_html, warnings
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from matrixcalc.doccheck.cache import VerdictCache
from matrixcalc.doccheck.outcome import verdict_key


@pytest.mark.sphinx("html", testroot="good")
def test_good_identity_renders_with_anchor_badge_math_and_cite_as(app: SphinxTestApp) -> None:
    app.build()
    page = page_html(app)
    assert app.statuscode == 0
    assert "matrixcalc" not in warnings(app)
    assert 'id="identity-trace-axb"' in page
    assert 'href="#identity-trace-axb"' in page
    assert 'class="mc-badge mc-badge-ok">proved</span>' in page
    assert '<div class="mc-formula math notranslate nohighlight">' in page
    assert r"A^\top B^\top" in page
    assert "mathjax" in page
    assert 'data-copy="\\frac' in page
    assert "https://example.org/site/index.html#identity-trace-axb" in page
    assert "version 1.2.3" in page
    assert "cookbook2012, eq. 100" in page  # no sphinxcontrib-bibtex here: the source stays text
    assert '<a class="reference internal" href="#identity-trace-axb"' in page


@pytest.mark.sphinx("html", testroot="good")
def test_good_identity_is_exported(app: SphinxTestApp) -> None:
    app.build()
    data = export(app)
    (entry,) = data["identities"]
    assert data["version"] == "1.2.3"
    assert entry["id"] == "trace-axb"
    assert entry["url"] == "index.html#identity-trace-axb"
    assert entry["kind"] == "identity"
    assert entry["expect"] == "true"
    assert entry["sources"] == ["cookbook2012, eq. 100"]
    assert entry["latex"].endswith(r"A^\top B^\top")
    assert entry["verdict"]["status"] == "verified"
    assert entry["verdict"]["numeric"]["draws"] > 0


@pytest.mark.sphinx("html", testroot="good")
def test_objects_inv_lists_identities_and_labels(app: SphinxTestApp) -> None:
    app.build()
    inventory = InventoryFile.loads((app.outdir / "objects.inv").read_bytes(), uri="").data
    assert inventory["mc:identity"]["trace-axb"].uri == "index.html#identity-trace-axb"
    assert inventory["std:label"]["identity-trace-axb"].display_name == "Trace of a product, linear in X"
    assert "trace-axb" in (app.outdir / "mc-index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="good", confoverrides={"matrixcalc_verify": False})
def test_verify_off_says_so(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    assert "not verified in this build" in page_html(app)
    assert export(app)["identities"][0]["verdict"] == {"status": "not-verified"}


@pytest.mark.sphinx("html", testroot="refuted")
def test_refuted_fails_at_file_line_without_dash_w(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
    assert "index.md:7: WARNING: identity 'quadratic-form-wrong' is refuted" in warnings(app)
    assert "left - right =" in warnings(app)


@pytest.mark.sphinx("html", testroot="malformed")
def test_malformed_fails_at_file_line(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
    assert "index.md:6: WARNING: identity 'undeclared' is not well formed" in warnings(app)
    assert "undeclared symbol 'Q'" in warnings(app)


@pytest.mark.sphinx("html", testroot="expect-false-verifies")
def test_expect_false_that_verifies_fails(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
    assert "index.md:5: WARNING: identity 'not-a-mistake' is documented as a mistake" in warnings(app)


@pytest.mark.sphinx("html", testroot="expect-false")
def test_expect_false_refuted_passes_and_shows_counterexample(app: SphinxTestApp) -> None:
    app.build()
    page = page_html(app)
    assert app.statuscode == 0
    assert "matrixcalc" not in warnings(app)
    assert "refuted as expected" in page
    assert '<details class="mc-details" open="open">' in page
    assert "left - right =" in page
    verdict = export(app)["identities"][0]["verdict"]
    assert verdict["status"] == "refuted"
    assert verdict["counterexample"]["sizes"]


@pytest.mark.sphinx("html", testroot="refuted")
def test_warm_rebuild_still_fails(app: SphinxTestApp, make_app, app_params) -> None:
    app.build()
    args, kwargs = app_params
    again = make_app(*args, **kwargs)
    again.build()
    assert again.statuscode == 1
    assert "index.md:7: WARNING: identity 'quadratic-form-wrong' is refuted" in warnings(again)


@pytest.mark.sphinx("html", testroot="parallel", parallel=2)
def test_parallel_build_merges_identities_and_failures(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
    assert "three.md:7: WARNING: identity 'quadratic-form-wrong' is refuted" in warnings(app)
    assert [e["id"] for e in export(app)["identities"]] == ["linear-form", "quadratic-form-wrong", "trace-axb"]
    assert 'href="one.html#identity-trace-axb"' in page_html(app)
    assert 'href="two.html#identity-linear-form"' in page_html(app)


@pytest.mark.sphinx("html", testroot="xref-missing")
def test_reference_to_missing_identity_warns(app: SphinxTestApp) -> None:
    app.build()
    assert "index.md:3: WARNING: unknown identity: no-such-identity" in warnings(app)


@pytest.mark.sphinx("html", testroot="duplicate")
def test_duplicate_ids_warn_at_both_places(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
    assert "index.md:7: WARNING: duplicate identity ID 'linear-form'" in warnings(app)
    assert "other.md:3: WARNING: duplicate identity ID 'linear-form'" in warnings(app)


@pytest.mark.sphinx("html", testroot="bibtex")
def test_sources_cite_bib_keys_and_keep_other_text(app: SphinxTestApp) -> None:
    app.build()
    page = page_html(app)
    assert app.statuscode == 0
    assert "eq. 69" in page
    assert "Lecture notes, p. 3" in page
    assert 'class="reference internal" href="#id' in page


def _cache_builder(make_app, app_params, directory: Path):
    args, kwargs = app_params

    def build(fingerprint: str) -> SphinxTestApp:
        overrides = {"matrixcalc_cache_dir": str(directory), "matrixcalc_fingerprint": fingerprint}
        app = make_app(*args, freshenv=True, confoverrides=overrides, **kwargs)
        app.build()
        return app

    return build


def _cached_statuses(directory: Path) -> list[str]:
    return sorted(json.loads(p.read_text())["status"] for p in directory.rglob("*.json"))


@pytest.mark.sphinx("html", testroot="cache")
def test_cache_stores_passes_only_so_a_failure_is_checked_again(
    make_app, app_params, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Guaranteed: the build never stores a failure, so a warm build re-checks it and fails again."""
    monkeypatch.delenv("MATRIXCALC_NO_CACHE")
    directory = tmp_path / "cache"
    build = _cache_builder(make_app, app_params, directory)
    assert build("old").statuscode == 1
    assert _cached_statuses(directory) == ["verified"]  # the true identity; the refuted one is not stored
    assert build("old").statuscode == 1  # warm: the refuted identity is checked again and fails again
    assert _cached_statuses(directory) == ["verified"]


@pytest.mark.sphinx("html", testroot="cache")
def test_cache_record_is_believed_only_under_its_own_key(
    make_app, app_params, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Not guaranteed: the cache is not tamper-proof. A pass written under the build's key is believed
    (this proves the key is the one the build reads); a changed verifier never reads it."""
    monkeypatch.delenv("MATRIXCALC_NO_CACHE")
    directory = tmp_path / "cache"
    build = _cache_builder(make_app, app_params, directory)
    wrong = ("d(x.T @ A @ x, x) == 2 * A @ x", "x: n; A: n x n")
    key = verdict_key(*wrong, True, "old", 20.0)  # 20.0: the default matrixcalc_timeout
    VerdictCache(directory).put(key, {"status": "verified", "verdict": None})
    assert build("old").statuscode == 0  # the planted pass is read under the same identity and verifier
    assert build("new").statuscode == 1  # a changed verifier (fingerprint) re-checks and fails


def test_cache_keeps_results_that_pass_and_never_failures() -> None:
    from matrixcalc.doccheck.outcome import Outcome

    assert Outcome("verified").cacheable and Outcome("numeric-only").cacheable
    assert Outcome("refuted", expect=False).cacheable
    assert not Outcome("refuted").cacheable and not Outcome("error").cacheable
    assert not Outcome("verified", expect=False).cacheable and not Outcome("numeric-only", expect=False).cacheable
    assert verdict_key("x == x", "x: n", True, "f", 10.0) != verdict_key("x == x", "x: n", True, "f", 20.0)
