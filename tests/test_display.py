"""Jupyter display of a Verdict and a Derivative, through IPython's own display formatter."""

from __future__ import annotations

import pytest

import matrixcalc
from matrixcalc.verdict import NumericEvidence, Status, SymbolicEvidence, Verdict

IPython = pytest.importorskip("IPython", reason="the test extra installs ipython")
from IPython.core.formatters import DisplayFormatter  # noqa: E402

MIMES = ("text/html", "text/markdown", "text/latex")


def shown(obj: object) -> dict[str, str]:
    data, _ = DisplayFormatter().format(obj)
    return data


def test_top_level_api() -> None:
    assert matrixcalc.diff is matrixcalc.calculus.diff
    assert matrixcalc.Derivative is matrixcalc.calculus.Derivative
    assert issubclass(matrixcalc.NotVerified, Exception)
    assert {"diff", "Derivative", "NotVerified"} <= set(matrixcalc.__all__)


def test_verdict_shows_formula_badge_and_evidence() -> None:
    data = shown(matrixcalc.check("d(tr(A @ X), X) == A.T", where="A: n x m; X: m x n"))
    assert set(MIMES) <= set(data)
    page = data["text/html"]
    assert r"\frac{\partial\, \operatorname{tr}(AX)}{\partial X} = A^\top" in page
    assert ">verified</span>" in page
    assert "where $A \\in \\mathbb{R}^{n \\times m}" in page
    assert "random draws at" in page and "exact proof at" in page
    assert data["text/markdown"].startswith("**verified**")
    assert data["text/latex"].endswith(r"\qquad \text{[verified]}$")


def test_refuted_verdict_shows_its_counterexample() -> None:
    data = shown(matrixcalc.check("d(tr(A @ X), X) == A", where="A: n x n; X: n x n"))
    assert "**refuted**" in data["text/markdown"]
    assert "counterexample: &#x27;==&#x27; number 1 fails at n=" in data["text/html"]
    assert "#d32f2f" in data["text/html"]


def test_numeric_only_is_neutral_and_says_why() -> None:
    verdict = Verdict(
        status=Status.NUMERIC_ONLY,
        identity="d(tr(X), X) == I(n)",
        where="X: n x n",
        seed=1,
        numeric=NumericEvidence(draws=4, sizes=[{"n": 2}]),
        symbolic=SymbolicEvidence(reason="timed out after 20s"),
    )
    data = shown(verdict)
    assert "reason: timed out after 20s" in data["text/markdown"]
    assert "#6f8797" in data["text/html"] and "#d32f2f" not in data["text/html"]


def test_derivative_shows_its_identity_and_verdict() -> None:
    derivative = matrixcalc.diff("a.T @ X @ b", "X", "a: m; X: m x n; b: n")
    data = shown(derivative)
    assert data["text/markdown"].startswith("Derivative of a.T @ X @ b (m x n) **verified**")
    assert r"\frac{\partial\, a^\top Xb}{\partial X} = ab^\top" in data["text/latex"]
    assert "$$" in data["text/html"] and "sizes: " in data["text/html"]


def test_malformed_identity_in_a_verdict_is_shown_as_text() -> None:
    verdict = Verdict(
        status=Status.REFUTED, identity="d(tr(Q), X) == ", where="X: n x n", seed=1, numeric=NumericEvidence()
    )
    data = shown(verdict)
    assert "<pre>d(tr(Q), X) == </pre>" in data["text/html"]
    assert "`d(tr(Q), X) == `" in data["text/markdown"]
