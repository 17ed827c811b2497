"""The seed question, verbatim: X 3 x 3, y 3 x 2, the asker's entrywise guess and the answers.

The page's identities are checked by the build at the asker's sizes; the concrete counterexample
to the guess (numbers the identity language cannot single out, since it has no indexing) is
recomputed here by differentiating (Xy)_11 numerically.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under --import-mode=importlib
from test_docs_build import DOCS, built_site  # noqa: E402 - the shared, once-per-run site build

PAGE = DOCS / "seed-question.md"
Y = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
GUESS = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])  # y11, y12, y21 along row 1
ANSWER = np.array([[1.0, 3.0, 5.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])  # y11, y21, y31 along row 1


def entry_gradient(y: np.ndarray, X: np.ndarray) -> np.ndarray:
    """∂(Xy)_11/∂X by central differences (exact here: (Xy)_11 is linear in X)."""
    gradient = np.zeros_like(X)
    step = 1e-3
    for index in np.ndindex(*X.shape):
        E = np.zeros_like(X)
        E[index] = step
        gradient[index] = (((X + E) @ y)[0, 0] - ((X - E) @ y)[0, 0]) / (2 * step)
    return gradient


def bmatrix(matrix: np.ndarray) -> str:
    return r" \\ ".join(" & ".join(f"{v:g}" for v in row) for row in matrix)


def test_the_guess_is_refuted_and_the_answer_holds() -> None:
    X = np.random.default_rng(7).standard_normal((3, 3))
    gradient = entry_gradient(Y, X)
    assert np.allclose(gradient, ANSWER, atol=1e-9)
    assert not np.allclose(gradient, GUESS)
    assert gradient[0, 1] == pytest.approx(3.0) and GUESS[0, 1] == 2.0  # moving X12 moves (Xy)11 by 3
    # and the general rule: the first row of ∂(Xy)_11/∂X is the first column of y
    assert np.allclose(ANSWER[0], Y[:, 0])


def test_page_shows_the_question_with_the_askers_sizes_and_these_numbers() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert "3 \\times 3" in text and "3 \\times 2" in text
    assert bmatrix(Y) in text
    assert bmatrix(GUESS) in text and bmatrix(ANSWER) in text
    assert "y \\otimes I" in text and "J Y^\\mathsf{T}" in text
    wheres = re.findall(r":where: (.*)", text)
    assert all("X: 3 x 3" in where for where in wheres), wheres


def test_page_identities_are_verified_at_the_askers_sizes(tmp_path_factory: pytest.TempPathFactory) -> None:
    site = built_site(tmp_path_factory)
    records = json.loads((site / "identities.json").read_text(encoding="utf-8"))["identities"]
    seed = {r["id"]: r for r in records if r["url"].startswith("seed-question.html#")}
    assert {"seed-entry-of-xy", "seed-jacobian-denominator", "seed-sum-of-entries", "seed-vector-jacobian"} <= set(seed)
    assert all(r["verdict"]["status"] == "verified" for r in seed.values()), {
        k: r["verdict"]["status"] for k, r in seed.items()
    }
    assert seed["seed-jacobian-denominator"]["identity"] == "jac(vec(X @ y), vec(X)).T == kron(y, I(3))"
    assert seed["seed-sum-of-entries"]["identity"] == "d(frob(ones(3, 2), X @ y), X) == ones(3, 2) @ y.T"
    mbm = (site / "matrix-by-matrix.html").read_text(encoding="utf-8")
    assert 'href="seed-question.html"' in mbm
