"""The LaTeX printer: a table of identities and what readers see, all rendered by KaTeX."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from matrixcalc.errors import IdentityError
from matrixcalc.language import parse_expression, parse_identity
from matrixcalc.language.tree import OPS
from matrixcalc.latex import latex, latex_node, latex_tree, latex_where
from matrixcalc.latex.names import symbol_name
from matrixcalc.operations import OPERATIONS

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT / "tests" / "js" / "check_latex.mjs"

# (identity, where, the LaTeX a reader sees)
IDENTITIES = [
    (
        "d(tr(A @ X @ B), X) == A.T @ B.T",
        "A: p x m; X: m x n; B: n x p",
        r"\frac{\partial\, \operatorname{tr}(AXB)}{\partial X} = A^\top B^\top",
    ),
    (
        "d(det(X), X) == det(X) * inv(X).T",
        "X: n x n invertible",
        r"\frac{\partial\, \det(X)}{\partial X} = \det(X)X^{-\top}",
    ),
    ("d(logdet(X), X) == inv(X.T)", "X: n x n", r"\frac{\partial\, \log\det(X)}{\partial X} = (X^\top)^{-1}"),
    (
        "d(x.T @ A @ x, x) == (A + A.T) @ x",
        "x: n; A: n x n",
        r"\frac{\partial\, x^\top Ax}{\partial x} = (A + A^\top)x",
    ),
    (
        "jac(vec(X @ Y), vec(X)) == kron(Y.T, I(m))",
        "X: m x p; Y: p x q",
        r"\frac{\partial\, \operatorname{vec}(XY)}{\partial \operatorname{vec}(X)^\top} = Y^\top \otimes I_{m}",
    ),
    ("jac(A @ x, x) == A", "A: m x n; x: n", r"\frac{\partial\, Ax}{\partial x^\top} = A"),
    (
        "hess(x.T @ A @ x, x) == A + A.T",
        "x: n; A: n x n",
        r"\frac{\partial^2\, x^\top Ax}{\partial x\,\partial x^\top} = A + A^\top",
    ),
    (
        "hess(tr(X.T @ X), vec(X)) == 2 * kron(I(n), I(m))",
        "X: m x n",
        r"\frac{\partial^2\, \operatorname{tr}(X^\top X)}"
        r"{\partial \operatorname{vec}(X)\,\partial \operatorname{vec}(X)^\top}"
        r" = 2(I_{n} \otimes I_{m})",
    ),
    (
        "dsym(logdet(X), X) == inv(X)",
        "X: n x n spd",
        r"\left.\frac{\partial\, \log\det(X)}{\partial X}\right|_{\mathrm{sym}} = X^{-1}",
    ),
    (
        "dsym(tr(A @ X), X) == (A + A.T) / 2",
        "A: n x n; X: n x n symmetric",
        r"\left.\frac{\partial\, \operatorname{tr}(AX)}{\partial X}\right|_{\mathrm{sym}} = \frac{A + A^\top}{2}",
    ),
    (
        "d(frob(J, X @ Y), X) == J @ Y.T",
        "J: m x n; X: m x p; Y: p x n",
        r"\frac{\partial}{\partial X}\left(J : XY\right) = JY^\top",
    ),
    (
        "differential(frob(J, X @ Y), X, dX) == frob(J, dX @ Y) == frob(J @ Y.T, dX)",
        "J: m x n; X: m x p; Y: p x n; dX: m x p",
        r"\mathrm{d}(J : XY)[\mathrm{d}X] = J : (\mathrm{d}X)Y = JY^\top : \mathrm{d}X",
    ),
    (
        "differential(inv(X), X, H) == -inv(X) @ H @ inv(X)",
        "X: n x n invertible; H: n x n",
        r"\mathrm{d}_{X}(X^{-1})[H] = -X^{-1}HX^{-1}",
    ),
    (
        "differential(X @ X, X, dX) == dX @ X + X @ dX",
        "X: n x n; dX: n x n",
        r"\mathrm{d}(XX)[\mathrm{d}X] = (\mathrm{d}X)X + X\mathrm{d}X",
    ),
    ("d(A + t * B, t) == B", "A: m x n; B: m x n; t: scalar", r"\frac{\partial}{\partial t}\left(A + tB\right) = B"),
    (
        "d(X @ A, X) == d(X @ A, X)",
        "X: m x n; A: n x p",
        r"\frac{\partial\, XA}{\partial X} = \frac{\partial\, XA}{\partial X}",
    ),
    ("-(A + B) == -A - B", "A: m x n; B: m x n", r"-(A + B) = -A - B"),
    ("(A + B).T == A.T + B.T", "A: m x n; B: m x n", r"(A + B)^\top = A^\top + B^\top"),
    ("(A + B) @ C == A @ C + B @ C", "A: m x n; B: m x n; C: n x p", r"(A + B)C = AC + BC"),
    ("a * (b + c) == a * b + a * c", "a: scalar; b: scalar; c: scalar", r"a(b + c) = ab + ac"),
    ("(A @ B).T == B.T @ A.T", "A: m x n; B: n x p", r"(AB)^\top = B^\top A^\top"),
    ("A - (B - C) == A - B + C", "A: n; B: n; C: n", r"A - (B - C) = A - B + C"),
    ("A + (B - C) == A + -B", "A: n; B: n; C: n", r"A + B - C = A + (-B)"),
    ("A - -B == A - (-B)", "A: n; B: n", r"A - (-B) = A - (-B)"),
    ("2 * A == A * 2", "A: m x n", r"2A = 2A"),
    ("0.5 * A == A / 2", "A: m x n", r"\tfrac{1}{2}A = \frac{A}{2}"),
    ("2 * 3 * A == 3 * (1 / 2) * A", "A: m x n", r"2 \cdot 3A = 3 \cdot \frac{1}{2}A"),
    ("A @ (2 * B) == (-A) @ B", "A: m x n; B: n x p", r"2AB = -AB"),
    ("inv(X).T == inv(X.T)", "X: n x n invertible", r"X^{-\top} = (X^\top)^{-1}"),
    ("X ** 3 == X.T ** 2 @ X ** -1", "X: n x n invertible", r"X^{3} = (X^\top)^{2}X^{-1}"),
    ("s ** 2 == s ** 0.5 * sqrt(s) * s ** (-1/2)", "s: scalar", r"s^{2} = s^{1/2}\sqrt{s}s^{-1/2}"),
    ("(s + t) ** 2 == (s * t) ** 3", "s: scalar; t: scalar", r"(s + t)^{2} = (st)^{3}"),
    ("log(s) * exp(s) == sqrt(s) ** 2", "s: scalar", r"\log(s)\exp(s) = (\sqrt{s})^{2}"),
    (
        "sin(x) * cos(x) + tanh(x) / sigmoid(x) == exp(x) * log(x)",
        "x: n",
        r"\sin(x) \circ \cos(x) + \tanh(x) \oslash \sigma(x) = \exp(x) \circ \log(x)",
    ),
    (
        "softplus(x) * softmax(x) == logsumexp(x) * x",
        "x: n",
        r"\operatorname{softplus}(x) \circ \operatorname{softmax}(x) = \operatorname{logsumexp}(x)x",
    ),
    (
        "kron(A, B) @ kron(C, D) == kron(A @ C, B @ D)",
        "A: m x n; B: p x q; C: n x k; D: q x r",
        r"(A \otimes B)(C \otimes D) = AC \otimes BD",
    ),
    (
        "kron(kron(A, B), C) == kron(A, kron(B, C))",
        "A: m x n; B: p x q; C: r x k",
        r"A \otimes B \otimes C = A \otimes B \otimes C",
    ),
    (
        "hadamard(A + B, C) == hadamard(kron(D, E), C)",
        "A: m x n; B: m x n; C: m x n; D: m x 1; E: 1 x n",
        r"(A + B) \circ C = (D \otimes E) \circ C",
    ),
    ("frob(A, B) == tr(A.T @ B)", "A: m x n; B: m x n", r"A : B = \operatorname{tr}(A^\top B)"),
    (
        "s * frob(A, B + C) == frob(A, B) * s + frob(A, C) * s",
        "A: m x n; B: m x n; C: m x n; s: scalar",
        r"s(A : (B + C)) = (A : B)s + (A : C)s",
    ),
    ("norm(A) ** 2 == frob(A, A)", "A: m x n", r"\lVert A \rVert_F^{2} = A : A"),
    ("norm(x) == sqrt(x.T @ x)", "x: n", r"\lVert x \rVert = \sqrt{x^\top x}"),
    ("norm(s) == sqrt(s ** 2)", "s: scalar", r"\lvert s \rvert = \sqrt{s^{2}}"),
    ("sum(A) == ones(m).T @ A @ ones(n)", "A: m x n", r"\operatorname{sum}(A) = \mathbf{1}_{m}^\top A\mathbf{1}_{n}"),
    (
        "ones(m, n) + zeros(m, n) == ones(m, 1) @ ones(1, n)",
        "A: m x n",
        r"\mathbf{1}_{m \times n} + 0 = \mathbf{1}_{m}\mathbf{1}_{1 \times n}",
    ),
    ("diagm(diag(X)) == hadamard(X, I(n))", "X: n x n", r"\operatorname{Diag}(\operatorname{diag}(X)) = X \circ I_{n}"),
    (
        "vec(A @ X @ B) == kron(B.T, A) @ vec(X)",
        "A: m x n; X: n x p; B: p x q",
        r"\operatorname{vec}(AXB) = (B^\top \otimes A)\operatorname{vec}(X)",
    ),
    ("I(3) @ I(3) == I(3)", "", r"I_{3}I_{3} = I_{3}"),
    (
        "Sigma @ mu + alpha * X1 == Sigma_inv @ mu + beta * Xtwo",
        "Sigma: n x n; mu: n; alpha: scalar; X1: n; Sigma_inv: n x n; beta: scalar; Xtwo: n",
        r"\Sigma\mu + \alpha X1 = \Sigma_{\mathrm{inv}}\mu + \beta\mathit{Xtwo}",
    ),
    ("x_1 + x_i == my_vec", "x_1: n; x_i: n; my_vec: n", r"x_{1} + x_{i} = \mathit{my}_{\mathrm{vec}}"),
    ("d(s ** 2, s) == 2 * s", "s: scalar", r"\frac{\partial\, s^{2}}{\partial s} = 2s"),
    ("d(-tr(X), X) == -I(n)", "X: n x n", r"\frac{\partial}{\partial X}\left(-\operatorname{tr}(X)\right) = -I_{n}"),
    (
        "d(tr(X) / s, X) == I(n) / s",
        "X: n x n; s: scalar",
        r"\frac{\partial}{\partial X}\left(\frac{\operatorname{tr}(X)}{s}\right) = \frac{I_{n}}{s}",
    ),
    (
        "d(det(X) ** 2, X).T == (d(det(X), X) @ X).T",
        "X: n x n",
        r"\left(\frac{\partial\, \det(X)^{2}}{\partial X}\right)^\top"
        r" = \left(\frac{\partial\, \det(X)}{\partial X}X\right)^\top",
    ),
    (
        "differential(tr(X) * s, X, dX) == tr(dX) * s",
        "X: n x n; dX: n x n; s: scalar",
        r"\mathrm{d}(\operatorname{tr}(X)s)[\mathrm{d}X] = \operatorname{tr}(\mathrm{d}X)s",
    ),
    ("dX.T @ A == (A.T @ dX).T", "dX: n x n; A: n x n", r"(\mathrm{d}X)^\top A = (A^\top\mathrm{d}X)^\top"),
    ("frob(A, B) * frob(A, B) == frob(A, B) ** 2", "A: m x n; B: m x n", r"(A : B)(A : B) = (A : B)^{2}"),
    (
        "d(logdet(X), X) + d(logdet(X), X) == 2 * d(logdet(X), X)",
        "X: n x n",
        r"\frac{\partial\, \log\det(X)}{\partial X} + \frac{\partial\, \log\det(X)}{\partial X}"
        r" = 2\frac{\partial\, \log\det(X)}{\partial X}",
    ),
    ("-inv(X) @ H @ inv(X) == -(inv(X) @ H) @ inv(X)", "X: n x n; H: n x n", r"-X^{-1}HX^{-1} = -X^{-1}HX^{-1}"),
    ("A @ -B == 2 * -A @ B", "A: n x n; B: n x n", r"A(-B) = 2(-A)B"),
    ("B - (-A) @ A == B + -(-A) @ A", "A: n x n; B: n x n", r"B - (-AA) = B + (-(-A)A)"),
    ("adj(X) @ X == det(X) * I(n)", "X: n x n", r"\operatorname{adj}(X)X = \det(X)I_{n}"),
    (
        "d(det(X), X) == adj(X).T",
        "X: n x n",
        r"\frac{\partial\, \det(X)}{\partial X} = \operatorname{adj}(X)^\top",
    ),
    ("pinv(X) == inv(X.T @ X) @ X.T", "X: m x n", r"X^{+} = (X^\top X)^{-1}X^\top"),
    ("pinv(A @ B).T == pinv(X.T)", "A: m x n; B: n x m; X: m x m", r"(AB)^{+\top} = (X^\top)^{+}"),
    (
        "jac(vec(X.T), vec(X)) == K(m, n)",
        "X: m x n",
        r"\frac{\partial\, \operatorname{vec}(X^\top)}{\partial \operatorname{vec}(X)^\top} = K_{m,n}",
    ),
    ("K(m, n).T == K(n, m)", "A: m x n", r"K_{m,n}^\top = K_{n,m}"),
    (
        "kron(B, A) == K(p, m) @ kron(A, B) @ K(n, 2)",
        "A: m x n; B: p x 2",
        r"B \otimes A = K_{p,m}(A \otimes B)K_{n,2}",
    ),
    # complex matrices: .H, conj, real, imag, abs, Wirtinger derivatives
    (
        "d(z.H @ A @ z, conj(z)) == A @ z",
        "A: n x n complex hermitian; z: n complex",
        r"\frac{\partial\, z^{\mathsf{H}}Az}{\partial \bar{z}} = Az",
    ),
    (
        "d(abs(c) ** 2, c) == conj(c)",
        "c: scalar complex",
        r"\frac{\partial\, \lvert c \rvert^{2}}{\partial c} = \bar{c}",
    ),
    (
        "jac(conj(A @ z), conj(z)) == conj(A)",
        "A: n x n complex; z: n complex",
        r"\frac{\partial\, \overline{Az}}{\partial \bar{z}^\top} = \bar{A}",
    ),
    ("inv(Z).H == inv(Z.H)", "Z: n x n complex invertible", r"Z^{-\mathsf{H}} = (Z^{\mathsf{H}})^{-1}"),
    (
        "real(c) == (c + conj(c)) / 2",
        "c: scalar complex",
        r"\operatorname{Re}(c) = \frac{c + \bar{c}}{2}",
    ),
    (
        "imag(tr(Z)) == tr(imag(Z))",
        "Z: n x n complex",
        r"\operatorname{Im}(\operatorname{tr}(Z)) = \operatorname{tr}(\operatorname{Im}(Z))",
    ),
]

WHERES = [
    (
        "A: p x m; X: n x n symmetric; x: n; s: scalar",
        r"A \in \mathbb{R}^{p \times m},\; X \in \mathbb{R}^{n \times n} \text{ symmetric},\; "
        r"x \in \mathbb{R}^{n},\; s \in \mathbb{R}",
    ),
    (
        "S: n x n spd; Q: 3 x 3 orthogonal; D: n x n diagonal invertible; v: 1 x n",
        r"S \in \mathbb{R}^{n \times n} \text{ symmetric positive definite},\; "
        r"Q \in \mathbb{R}^{3 \times 3} \text{ orthogonal},\; "
        r"D \in \mathbb{R}^{n \times n} \text{ diagonal, invertible},\; v \in \mathbb{R}^{1 \times n}",
    ),
    (
        "Sigma: n×n symmetric invertible; dX: m x n",
        r"\Sigma \in \mathbb{R}^{n \times n} \text{ symmetric, invertible},\; "
        r"\mathrm{d}X \in \mathbb{R}^{m \times n}",
    ),
    (
        "Z: n x n complex hermitian; z: n complex; c: scalar complex",
        r"Z \in \mathbb{C}^{n \times n} \text{ Hermitian},\; z \in \mathbb{C}^{n},\; c \in \mathbb{C}",
    ),
    ("", ""),
]

NAMES = [
    ("A", "A"),
    ("x", "x"),
    ("alpha", r"\alpha"),
    ("Sigma", r"\Sigma"),
    ("mu2", r"\mu2"),
    ("X1", "X1"),  # x1 and x_1 are different symbols: only x_1 is a subscript
    ("X12", "X12"),
    ("lam", r"\lambda"),  # lambda is a Python keyword; lam and lmbda print as λ
    ("lmbda", r"\lambda"),
    ("lam_1", r"\lambda_{1}"),
    ("dX", r"\mathrm{d}X"),
    ("dmu", r"\mathrm{d}\mu"),
    ("delta", r"\delta"),
    ("x_i", "x_{i}"),
    ("x_1", "x_{1}"),
    ("Sigma_inv", r"\Sigma_{\mathrm{inv}}"),
    ("Alpha", r"\mathit{Alpha}"),
    ("foo", r"\mathit{foo}"),
    ("a_b_c", r"\mathit{a\_b\_c}"),
]


@pytest.mark.parametrize(("identity", "where", "expected"), IDENTITIES)
def test_identity(identity: str, where: str, expected: str) -> None:
    assert latex(identity, where) == expected


def test_table_covers_every_operation() -> None:
    sides = [side for text, where, _ in IDENTITIES for side in parse_identity(text, where).sides]
    assert {node.op for side in sides for node in side.walk()} == set(OPS) | set(OPERATIONS)


@pytest.mark.parametrize(("where", "expected"), WHERES)
def test_where(where: str, expected: str) -> None:
    assert latex_where(where) == expected


@pytest.mark.parametrize(("name", "expected"), NAMES)
def test_symbol_name(name: str, expected: str) -> None:
    assert symbol_name(name)[0] == expected


def test_latex_tree_joins_every_side() -> None:
    identity = parse_identity("A == A.T == A", "A: n x n symmetric")
    assert latex_tree(identity) == r"A = A^\top = A"


def test_latex_node_prints_a_derivation_step() -> None:
    node, _ = parse_expression("frob(J @ Y.T, dX)", "J: m x n; Y: p x n; dX: m x p")
    assert latex_node(node) == r"JY^\top : \mathrm{d}X"


def test_bad_input_raises_identity_error() -> None:
    with pytest.raises(IdentityError, match="undeclared symbol 'Y'"):
        latex("X == Y", "X: n")


def _render(strings: list[str]) -> dict:
    """Both renderers' verdict on each string, by tests/js/check_latex.mjs."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (ROOT / "node_modules" / "katex").is_dir():
        pytest.skip("katex is not installed: run `npm install` (katex is a devDependency in package.json)")
    done = subprocess.run(
        [node, str(CHECKER)], input=json.dumps(strings), capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)


ALL_LATEX = [expected for _, _, expected in IDENTITIES] + [expected for _, expected in WHERES if expected]


@pytest.fixture(scope="module")
def rendered() -> dict:
    return _render(ALL_LATEX)


def test_katex_renders_every_string(rendered: dict) -> None:
    failures = {tex: err for tex, err in zip(ALL_LATEX, rendered["katex"], strict=True) if err}
    assert failures == {}


def test_mathjax_renders_every_string(rendered: dict) -> None:
    if rendered["mathjax"] is None:
        pytest.skip("mathjax@3 is not installed next to katex (npm install mathjax@3)")
    failures = {tex: err for tex, err in zip(ALL_LATEX, rendered["mathjax"], strict=True) if err}
    assert failures == {}


def test_renderers_reject_bad_latex() -> None:
    """The checker itself must fail on broken LaTeX, or the two tests above prove nothing."""
    result = _render([r"x^2^3", r"\undefinedmacro"])
    assert all(result["katex"])
    assert result["mathjax"] is None or all(result["mathjax"])
