"""The extension in an outside project: reST and MyST pages, another theme, one line of conf.py.

A false identity fails the build at its exact ``file:line`` in both syntaxes, and the build
writes nothing under the project's source folder (the verdict cache lives beside the doctrees).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from built import entries, warnings

OUTSIDE = Path(__file__).parent / "roots" / "test-outside"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(OUTSIDE, source)
    return source


def build(make_app, source: Path, tmp_path: Path):
    for name in [name for name in sys.modules if name.split(".")[0] == "optimlib"]:
        del sys.modules[name]  # autodoc imports the project's package: this copy's, not an earlier test's
    app = make_app("html", srcdir=source, builddir=tmp_path / "build", freshenv=True)
    app.build()
    return app


def files_under(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*"))


def test_true_identities_pass_and_nothing_is_written_into_the_sources(make_app, project, tmp_path, monkeypatch):
    monkeypatch.delenv("MATRIXCALC_NO_CACHE")  # the cache is on, as for a user
    before = files_under(project)
    app = build(make_app, project, tmp_path)
    assert app.statuscode == 0, warnings(app)
    assert "matrixcalc" not in warnings(app)
    assert files_under(project) == before
    assert sorted(e["id"] for e in entries(app)) == sorted(
        [
            *("trace-linear", "logdet-gradient", "quadratic-form"),
            *("ls-gradient", "ls-hessian", "ls-mistake", "ls-derived", "ls-residual-jacobian"),
            *("shared-bilinear", "shared-inverse"),
            *("ridge-gradient", "bilinear-gradient"),  # docstrings, through autodoc
        ]
    )
    assert any((tmp_path / "build").rglob("matrixcalc-cache/*/*.json"))
    assert (app.outdir / "_static" / "matrixcalc.css").is_file()
    assert str(Path(__file__).parent) not in " ".join(app.config.html_static_path)


@pytest.mark.parametrize(
    "page, old, new, location, message",
    [
        ("index.rst", "== A.T @ B.T", "== A @ B.T", "index.rst:14", "identity 'trace-linear' is not well formed"),
        ("index.rst", "== inv(X).T", "== inv(X)", "index.rst:22", "identity 'logdet-gradient' is refuted"),
        ("index.rst", ":where: X: n x n invertible", ":where: X: n x n invertibl", "index.rst:19", "not well formed"),
        ("index.rst", "== x.T @ (A + A.T) @ dx", "== x.T @ (A + A) @ dx", "index.rst:41", "the step"),
        ("least-squares.md", "== 2 * A.T @ (A @ x - b)", "== 3 * A.T @ (A @ x - b)", "least-squares.md:6", "refuted"),
        (
            "least-squares.md",
            'where: "A: m x n; x: n; b: m"',
            'where: "A: m x n; x: n; b: m x"',
            "least-squares.md:13",
            "not well formed",
        ),
        ("least-squares.md", ":expect: false", ":expect: maybe", "least-squares.md:23", "expect"),
        ("least-squares.md", "== A\n", "== 2 * A\n", "least-squares.md:50", "the right side is 2 times the left side"),
        ("shared.md", "== a @ b.T", "== b @ a.T", "shared.md:10", "the left side transposed"),
        ("optimlib/steps.py", "== a @ b.T", "== b @ a.T", "optimlib/steps.py:26", "the left side transposed"),
        ("optimlib/steps.py", "+ 2 * lam * x", "+ lam * x", "optimlib/steps.py:15", "'ridge-gradient' is refuted"),
        ("index.rst", ":where: A: p x m;", ":wher: A: p x m;", "index.rst:10", 'unknown option: "wher"'),
    ],
)
def test_a_failure_is_reported_at_its_line_in_either_syntax(
    make_app, project, tmp_path, page, old, new, location, message
):
    path = project / page
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    app = build(make_app, project, tmp_path)
    reported = warnings(app)
    assert f"{project / location}: " in reported, reported
    assert message in reported


def test_short_names_are_only_there_when_the_project_opts_in(make_app, project, tmp_path):
    page = project / "least-squares.md"
    page.write_text(page.read_text().replace("{mc:identity} ls-gradient", "{identity} ls-gradient"))
    app = build(make_app, project, tmp_path)
    assert "Unknown directive type" in warnings(app) and "identity" in warnings(app)
    assert "ls-gradient" not in [e["id"] for e in entries(app)]
    (project / "conf.py").write_text((project / "conf.py").read_text() + "matrixcalc_short_names = True\n")
    app = build(make_app, project, tmp_path / "again")
    assert "Unknown directive" not in warnings(app)
    assert "ls-gradient" in [e["id"] for e in entries(app)]
