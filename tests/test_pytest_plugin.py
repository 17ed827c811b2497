"""The pytest plugin: ``pytest --matrixcalc PATH`` turns every identity and derivation into a test item."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

OUTSIDE = Path(__file__).parent / "roots" / "test-outside"
ENTRIES = ["trace-linear", "logdet-gradient", "quadratic-form", "ls-gradient", "ls-hessian", "ls-mistake", "ls-derived"]


@pytest.fixture
def project(pytester: pytest.Pytester) -> Path:
    """A copy of the outside example project under ``docs/``, and an empty pyproject.toml."""
    shutil.copytree(OUTSIDE, pytester.path / "docs")
    pytester.makefile(".toml", pyproject="[project]\nname = 'outside'\n")
    return pytester.path / "docs"


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("--matrixcalc", "docs", "-p", "no:cacheprovider", *args)


def test_items_are_named_by_id_in_both_syntaxes_and_examples_are_skipped(pytester, project):
    result = run(pytester, "--collect-only", "-q")
    listed = [line.split("::")[-1] for line in result.outlines if "::" in line]
    assert sorted(listed) == sorted(ENTRIES)
    assert "docs/index.rst::trace-linear" in result.stdout.str()
    assert "docs/least-squares.md::ls-gradient" in result.stdout.str()


def test_true_identities_and_a_refuted_mistake_pass(pytester, project):
    result = run(pytester)
    result.assert_outcomes(passed=len(ENTRIES))


def test_only_the_docs_are_collected_unless_test_paths_are_named(pytester, project):
    pytester.makepyfile(test_other="def test_other():\n    pass\n")
    run(pytester).assert_outcomes(passed=len(ENTRIES))
    result = pytester.runpytest_subprocess("test_other.py", "--matrixcalc", "docs/least-squares.md")
    result.assert_outcomes(passed=5)


def test_refuted_identity_in_myst_fails_at_its_body_line_with_a_counterexample(pytester, project):
    page = project / "least-squares.md"
    page.write_text(page.read_text().replace("== 2 * A.T @ (A @ x - b)", "== 3 * A.T @ (A @ x - b)", 1))
    result = run(pytester)
    result.assert_outcomes(passed=len(ENTRIES) - 1, failed=1)
    result.stdout.fnmatch_lines(["*docs/least-squares.md:6: identity 'ls-gradient' is refuted*", "*counterexample at*"])


def test_refuted_identity_in_rest_fails_at_the_line_of_the_failing_link(pytester, project):
    page = project / "index.rst"
    page.write_text(page.read_text().replace("== inv(X).T", "== inv(X)"))
    result = run(pytester)
    result.assert_outcomes(passed=len(ENTRIES) - 1, failed=1)
    result.stdout.fnmatch_lines(["*docs/index.rst:22: identity 'logdet-gradient' is refuted*", "*counterexample at*"])


def test_mistake_that_is_not_refuted_fails_at_its_expect_option(pytester, project):
    page = project / "least-squares.md"
    page.write_text(page.read_text().replace("== A.T @ (A @ x - b)", "== 2 * A.T @ (A @ x - b)"))
    result = run(pytester)
    result.assert_outcomes(passed=len(ENTRIES) - 1, failed=1)
    result.stdout.fnmatch_lines(["*docs/least-squares.md:23: identity 'ls-mistake' is documented as a mistake*"])


def test_malformed_identity_fails_with_the_parser_message_and_caret(pytester, project):
    page = project / "index.rst"
    page.write_text(page.read_text().replace("d(tr(A @ X @ B), X)", "d(tr(A @ X @ B), X", 1))
    result = run(pytester)
    result.assert_outcomes(passed=len(ENTRIES) - 1, failed=1)
    result.stdout.fnmatch_lines(["*docs/index.rst:14: identity 'trace-linear' is not well formed*", "*^*"])


def test_malformed_where_option_points_at_the_option_line(pytester, project):
    page = project / "least-squares.md"
    page.write_text(
        page.read_text().replace(":where: A: m x n; x: n; b: m\nd(norm", ":where: A: m x n; x: n; b: m x\nd(norm", 1)
    )
    result = run(pytester)
    result.assert_outcomes(passed=len(ENTRIES) - 1, failed=1)
    result.stdout.fnmatch_lines(
        ["*docs/least-squares.md:5: identity 'ls-gradient' is not well formed*", "A: m x n; x: n; b: m x", "*^*"]
    )


def test_wrong_derivation_step_fails_at_its_own_line(pytester, project):
    page = project / "index.rst"
    page.write_text(page.read_text().replace("== x.T @ (A + A.T) @ dx", "== x.T @ (A + A) @ dx"))
    result = run(pytester)
    result.assert_outcomes(passed=len(ENTRIES) - 1, failed=1)
    result.stdout.fnmatch_lines(["*docs/index.rst:41: derivation 'quadratic-form': the step*is refuted*"])


def test_numeric_only_passes_with_a_warning_and_fails_when_strict(pytester, project):
    pytester.makefile(".toml", pyproject="[tool.matrixcalc]\ntimeout = 0.0001\n")
    result = run(pytester, "-k", "trace-linear")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*MatrixcalcWarning*identity 'trace-linear' is numeric-only: timed out*"])
    strict = run(pytester, "-k", "trace-linear", "--matrixcalc-strict")
    strict.assert_outcomes(failed=1)


def test_verification_off_skips_and_says_so(pytester, project, monkeypatch):
    monkeypatch.setenv("MATRIXCALC_VERIFY", "0")
    result = run(pytester, "-rs")
    result.assert_outcomes(skipped=len(ENTRIES))
    result.stdout.fnmatch_lines(["*not checked: verification is off*"])


@pytest.mark.parametrize(
    "args, message",
    [
        (("--matrixcalc", "nowhere"), "--matrixcalc: 'nowhere' does not exist"),
        (
            ("--matrixcalc", "docs", "--matrixcalc-timeout", "soon"),
            "--matrixcalc-timeout: timeout must be a positive number",
        ),
    ],
)
def test_bad_options_are_usage_errors(pytester, project, args, message):
    result = pytester.runpytest_subprocess(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert message in result.stderr.str()


def test_bad_pyproject_setting_is_a_usage_error_naming_it(pytester, project):
    pytester.makefile(".toml", pyproject="[tool.matrixcalc]\ntimeout = 'soon'\n")
    result = run(pytester)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "[tool.matrixcalc]: timeout must be a positive number of seconds" in result.stderr.str()
