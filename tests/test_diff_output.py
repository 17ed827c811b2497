"""``matrixcalc diff``: numeric-only results shown with their evidence and reason; ``--numpy`` is Python only."""

from __future__ import annotations

import numpy as np

from matrixcalc import cli


def test_numeric_only_shows_the_candidate_with_its_evidence_and_reason(capsys) -> None:
    code = cli.main(["diff", "norm(x.T @ x)", "--wrt", "x", "--where", "x: n"])
    out = capsys.readouterr().out
    assert code == 3
    assert out.startswith("numeric-only: d(norm(x.T @ x), x) == 2 * x\n  reason:    ")
    assert "random draws" in out
    assert "not an answer" not in out


def test_numpy_writes_only_code_to_stdout_and_a_1d_vector_keeps_its_shape(capsys) -> None:
    where = "X: n x p; w: p; y: n; lam: scalar"
    code = cli.main(["diff", "norm(X @ w - y)**2 + lam * norm(w)**2", "--wrt", "w", "--where", where, "--numpy"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "verified" in err and "verified" not in out
    namespace: dict = {}
    exec(compile(out, "grad.py", "exec"), namespace)  # noqa: S102 - the generated code, as a user runs it
    assert "_K" not in namespace and "_vec" not in namespace  # no helper it does not call
    rng = np.random.default_rng(1)
    X, w, y = rng.normal(size=(5, 3)), rng.normal(size=3), rng.normal(size=5)
    value, gradient = namespace["value_and_derivative"](X, w, y, 0.5)
    assert gradient.shape == (3,)
    assert np.allclose(gradient, 2 * X.T @ (X @ w - y) + 2 * 0.5 * w)
    assert np.isclose(value, np.sum((X @ w - y) ** 2) + 0.5 * np.sum(w * w), rtol=1e-12)
    _, column = namespace["value_and_derivative"](X, w.reshape(3, 1), y.reshape(5, 1), 0.5)
    assert column.shape == (3, 1)


def test_numpy_writes_the_commutation_helper_when_it_is_used(capsys) -> None:
    code = cli.main(["diff", "vec(X.T)", "--wrt", "vec(X)", "--where", "X: m x n", "--numpy"])
    out = capsys.readouterr().out
    assert code == 0
    assert "def _K(" in out
