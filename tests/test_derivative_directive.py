"""The ``derivative`` directive: derived, verified, rendered with its steps and exported as computed."""

from __future__ import annotations

import pytest
from built import entries, page_html, warnings
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="derivative-good")
def test_computed_derivative_is_shown_with_steps_and_exported(app: SphinxTestApp) -> None:
    app.build()
    text = page_html(app)
    assert app.statuscode == 0, warnings(app)
    assert 'id="computed-computed-trace"' in text
    assert r"A^\top B^\top" in text
    assert r"\begin{aligned}" in text
    records = {r["id"]: r for r in entries(app)}
    assert records["computed-trace"]["kind"] == "computed"
    assert records["computed-trace"]["identity"] == "d(tr(A @ X @ B), X) == A.T @ B.T"
    assert records["computed-trace"]["verdict"]["status"] == "verified"
    assert records["computed-jacobian"]["identity"] == "jac(X @ y, y) == X"
    assert all(
        step["verdict"] is None or step["verdict"]["status"] == "verified"
        for step in records["computed-trace"]["steps"]
    )


@pytest.mark.sphinx("html", testroot="derivative-bad")
def test_underivable_input_fails_the_build_at_its_line(app: SphinxTestApp) -> None:
    app.build()
    log = warnings(app)
    assert app.statuscode != 0
    assert "index.md:5" in log and "'Z' is not declared" in log
    assert "index.md:12" in log and "'@' needs matching inner sizes" in log
