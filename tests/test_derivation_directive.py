"""The ``derivation`` directive: every step checked at its own line, the conclusion cited like an identity."""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from built import entries, page_html, warnings
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from matrixcalc.latex.prose import latex_text
from matrixcalc.sphinxext.derivations import aligned

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT / "tests" / "js" / "check_latex.mjs"


# (justification as written, the math-mode LaTeX shown beside the step)
TEXTS = [
    ("product rule", r"\text{product rule}"),
    ("a & b", r"\text{a }\& \text{ b}"),
    ("100% of {x}_1", r"\text{100}\% \text{ of }\{ \text{x}\} {}_{1}"),
    ("X^k ~ y \\ z $ ^ _", r"\text{X}{}^{k}\text{ }\sim \text{ y }\backslash \text{ z }\$ \text{ }\wedge \text{ }\_"),
    ("tr(A^T B), X^-1, x_{i+1}", r"\text{tr(A}{}^{\top}\text{ B), X}{}^{-1}\text{, x}{}_{i+1}"),
    ("df ⇔ ∂f/∂X", r"\text{df }\Leftrightarrow \text{ }\partial \text{f/}\partial \text{X}"),
    ("Xᵀ X⁻¹ μₖ Σ Α", r"\text{X}{}^{\top}\text{ X}{}^{-1}\text{ }\mu {}_{k}\text{ }\Sigma \text{ }\mathrm{A}"),
    ("‖r‖² = rᵀr, X⁻ᵀ", r"\| \text{r}\| {}^{2}\text{ = r}{}^{\top}\text{r, X}{}^{-\top}"),
    ("café — “quoted”", r"\text{café — “quoted”}"),
    ("a  \t b", r"\text{a b}"),
    ("∯", r"\text{[U+222F]}"),
]


@pytest.mark.parametrize(("text", "expected"), TEXTS)
def test_latex_text(text: str, expected: str) -> None:
    assert latex_text(text) == expected


def test_aligned_rows() -> None:
    assert aligned(["a", "b", "c"], ["", r"\checkmark", ""]) == (
        "\\begin{aligned}\n& a \\\\\n&= b && \\checkmark \\\\\n&= c\n\\end{aligned}"
    )


@pytest.mark.sphinx("html", testroot="derivation-good")
def test_good_derivation_renders_steps_marks_and_conclusion(app: SphinxTestApp) -> None:
    app.build()
    text = page_html(app)
    assert app.statuscode == 0
    assert "matrixcalc" not in warnings(app)
    assert 'id="derivation-grad-frob-xy"' in text
    assert 'href="#derivation-grad-frob-xy" title="Link to this derivation"' in text
    assert text.split("mc-tools")[0].count(r"\begin{aligned}") == 1  # one display; the copy button has another
    assert r"&amp;= J : (\mathrm{d}X)Y &amp;&amp; \checkmark\quad \text{product rule; J is constant} \\" in text
    assert r"\frac{\partial}{\partial X}\left(J : XY\right) = JY^\top\]" in text
    assert text.count('class="mc-badge mc-badge-ok">') == 3  # verified, or proved for every size
    assert "<strong>Step 2</strong>" in text
    assert "https://example.org/site/index.html#derivation-grad-frob-xy" in text
    assert r"\implies \frac{\partial}" in text  # the copied LaTeX holds the whole derivation


@pytest.mark.sphinx("html", testroot="derivation-good")
def test_good_derivation_is_exported_with_its_steps(app: SphinxTestApp) -> None:
    app.build()
    (entry,) = entries(app)
    assert entry["kind"] == "derivation"
    assert entry["url"] == "index.html#derivation-grad-frob-xy"
    assert entry["identity"] == "d(frob(J, X @ Y), X) == J @ Y.T"
    assert entry["verdict"]["status"] == "verified"
    assert entry["sources"] == ["magnus2019, ch. 9"]
    assert [s["expression"] for s in entry["steps"]] == [
        "differential(frob(J, X @ Y), X, dX)",
        "frob(J, dX @ Y)",
        "frob(J @ Y.T, dX)",
    ]
    assert entry["steps"][1]["justification"] == "product rule; J is constant"
    assert entry["steps"][2]["latex"] == r"JY^\top : \mathrm{d}X"
    assert entry["steps"][0]["verdict"] is None
    assert [s["verdict"]["status"] for s in entry["steps"][1:]] == ["verified", "verified"]
    assert entry["steps"][1]["verdict"]["numeric"]["draws"] > 0


@pytest.mark.sphinx("html", testroot="derivation-good")
def test_derivation_is_an_object_of_the_domain(app: SphinxTestApp) -> None:
    app.build()
    inventory = InventoryFile.loads((app.outdir / "objects.inv").read_bytes(), uri="").data
    assert inventory["mc:derivation"]["grad-frob-xy"].uri == "index.html#derivation-grad-frob-xy"
    assert inventory["std:label"]["derivation-grad-frob-xy"].display_name == "Gradient of J : XY"


@pytest.mark.sphinx("html", testroot="derivation-good", confoverrides={"matrixcalc_verify": False})
def test_verify_off_says_so_for_every_step(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    assert page_html(app).count("not verified in this build") == 3
    assert r"\checkmark" not in page_html(app).split("mc-tools")[0]


@pytest.mark.sphinx("html", testroot="derivation-wrong-step")
def test_wrong_middle_step_fails_at_its_line_with_a_counterexample(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1  # without -W
    found = warnings(app)
    assert "index.md:8: WARNING: derivation 'quadratic-wrong-step': the step '== 2 * x.T @ A @ dx' is refuted" in found
    assert "left - right =" in found
    assert found.count("WARNING") == 1  # the steps before and after it, and the conclusion, hold
    (entry,) = entries(app)
    assert [s["verdict"]["status"] for s in entry["steps"][1:]] == ["verified", "refuted", "verified"]
    assert entry["steps"][2]["verdict"]["counterexample"]["sizes"]
    assert "mc-derivation mc-fail" in page_html(app)
    assert r"\times\quad \text{wrong: only for a symmetric A}" in page_html(app)


@pytest.mark.sphinx("html", testroot="derivation-wrong-step")
def test_warm_rebuild_still_fails(app: SphinxTestApp, make_app, app_params) -> None:
    app.build()
    args, kwargs = app_params
    again = make_app(*args, **kwargs)
    again.build()
    assert again.statuscode == 1
    assert "index.md:8: WARNING: derivation 'quadratic-wrong-step'" in warnings(again)


@pytest.mark.sphinx("html", testroot="derivation-wrong-conclusion")
def test_wrong_conclusion_fails_at_the_conclusion_line(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
    found = warnings(app)
    assert "index.md:9: WARNING: derivation 'quadratic-wrong-conclusion': the conclusion" in found
    assert "'d(x.T @ A @ x, x) == 2 * A @ x' is refuted" in found
    assert found.count("WARNING") == 1
    assert entries(app)[0]["verdict"]["status"] == "refuted"


@pytest.mark.sphinx("html", testroot="derivation-malformed")
def test_malformed_step_fails_at_its_line(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
    found = warnings(app)
    assert "index.md:7: WARNING: derivation 'quadratic-malformed' is not well formed: undeclared symbol 'B'" in found
    assert "dx.T @ A @ x + x.T @ B @ dx\n                     ^" in found
    (entry,) = entries(app)
    assert entry["kind"] == "derivation"
    assert entry["verdict"]["status"] == "error"
    assert 'id="derivation-quadratic-malformed"' in page_html(app)


@pytest.mark.sphinx("html", testroot="derivation-xref")
def test_references_to_a_derivation_resolve(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    assert "WARNING" not in warnings(app)
    text = page_html(app)
    assert text.count('href="other.html#derivation-grad-frob-xy"') == 3
    assert ">Gradient of J : XY<" in text


def _render(strings: list[str]) -> dict:
    """Both renderers' verdict on each string, by tests/js/check_latex.mjs."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "katex").is_dir():
        pytest.skip("node or katex is not installed: run `npm install`")
    done = subprocess.run(
        [node, str(CHECKER)], input=json.dumps(strings), capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)


@pytest.mark.sphinx("html", testroot="derivation-wrong-step")
def test_katex_and_mathjax_render_the_page_math(app: SphinxTestApp) -> None:
    app.build()
    text = page_html(app)
    good = (Path(__file__).parent / "roots" / "test-derivation-good" / "index.md").read_text(encoding="utf-8")
    strings = [html_lib.unescape(m) for m in re.findall(r"\\\[(.*?)\\\]|\\\((.*?)\\\)", text, re.S) for m in m if m]
    strings += [latex_text(text) for text, _ in TEXTS] + [latex_text(good)]
    assert any(r"\begin{split}\begin{aligned}" in s for s in strings)  # as Sphinx wraps a multi-line display
    rendered = _render(strings)
    assert {s: e for s, e in zip(strings, rendered["katex"], strict=True) if e} == {}
    if rendered["mathjax"] is not None:
        assert {s: e for s, e in zip(strings, rendered["mathjax"], strict=True) if e} == {}
