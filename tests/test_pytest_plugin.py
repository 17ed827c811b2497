"""The pytest plugin: ``pytest --matrixcalc PATH`` turns every entry of the docs into a test item."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

OUTSIDE = Path(__file__).parent / "roots" / "test-outside"
ENTRIES = [
    *("trace-linear", "logdet-gradient", "quadratic-form"),  # index.rst
    *("ls-gradient", "ls-hessian", "ls-mistake", "ls-derived", "ls-residual-jacobian"),  # least-squares.md
    *("shared-bilinear", "shared-inverse"),  # shared.md, under its mc:where block
]
DOCSTRING_ENTRIES = ["ridge-gradient", "bilinear-gradient"]  # optimlib/steps.py


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
    result.assert_outcomes(passed=6)


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
    page = project / "index.rst"
    identity = ":where: A: p x m; X: m x n; B: n x p\n\n   d(tr(A @ X @ B), X) == A.T @ B.T"
    assert identity in page.read_text()
    # true, and numeric-only: the exact check does not reduce trigonometric identities
    page.write_text(page.read_text().replace(identity, ":where: x: scalar\n\n   sin(x) ** 2 + cos(x) ** 2 == 1"))
    result = run(pytester, "-k", "trace-linear")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*MatrixcalcWarning*identity 'trace-linear' is numeric-only: *"])
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
        (("--matrixcalc", "nowhere"), "file or directory not found: nowhere"),
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


def test_the_flag_alone_checks_the_docs_under_the_root_directory(pytester, project):
    result = pytester.runpytest_subprocess("--matrixcalc", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(ENTRIES))


def test_a_node_id_selects_one_entry(pytester, project):
    result = pytester.runpytest_subprocess("--matrixcalc", "docs/index.rst::trace-linear", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_the_short_summary_gives_the_reason_with_a_relative_path(pytester, project, monkeypatch):
    monkeypatch.setenv("CI", "true")  # pytest leaves the summary line whole on CI
    page = project / "index.rst"
    page.write_text(page.read_text().replace("== inv(X).T", "== inv(X)"))
    result = run(pytester, "-rf")
    result.stdout.fnmatch_lines(
        [
            "FAILED docs/index.rst::logdet-gradient - docs/index.rst:22: identity 'logdet-gradient' is refuted at *: "
            "the right side equals the left side transposed*"
        ]
    )
    assert not [line for line in result.outlines if "identity" in line and str(pytester.path) in line]
    assert "random draws" not in result.stdout.str()  # a refutation drops the agreeing evidence


def test_docstrings_are_collected_with_matrixcalc_modules_and_fail_at_their_module_line(pytester, project):
    run(pytester).assert_outcomes(passed=len(ENTRIES))
    module = project / "optimlib" / "steps.py"
    module.write_text(module.read_text().replace("d(a.T @ X @ b, X) == a @ b.T", "d(a.T @ X @ b, X) == b @ a.T"))
    result = run(pytester, "--matrixcalc-modules")
    result.assert_outcomes(passed=len(ENTRIES) + len(DOCSTRING_ENTRIES) - 1, failed=1)
    result.stdout.fnmatch_lines(["docs/optimlib/steps.py:26: identity 'bilinear-gradient' is refuted*transposed*"])


def test_an_identity_in_an_eval_rst_block_fails_at_its_line(pytester, project):
    page = project / "least-squares.md"
    page.write_text(page.read_text().replace("jac(A @ x - b, x) == A\n", "jac(A @ x - b, x) == 2 * A\n"))
    result = run(pytester)
    result.assert_outcomes(passed=len(ENTRIES) - 1, failed=1)
    result.stdout.fnmatch_lines(["docs/least-squares.md:50: identity 'ls-residual-jacobian' is refuted*"])


def test_an_unknown_option_fails_with_the_nearest_name(pytester, project):
    page = project / "index.rst"
    page.write_text(page.read_text().replace(":where: A: p x m;", ":wher: A: p x m;"))
    result = run(pytester)
    result.assert_outcomes(passed=len(ENTRIES) - 1, failed=1)
    result.stdout.fnmatch_lines(
        ["docs/index.rst:12: identity 'trace-linear': unknown option ':wher:'*did you mean ':where:'?"]
    )


def test_a_missing_where_is_named(pytester, project):
    page = project / "shared.md"
    page.write_text(page.read_text().replace("X: n x n invertible; a: n; b: n\n", ""))
    result = run(pytester, "-k", "shared-bilinear")
    result.stdout.fnmatch_lines(
        ["docs/shared.md:*: identity 'shared-bilinear' is not well formed: :where: is missing*"]
    )


def test_verdicts_are_cached_between_runs_and_cache_clear_empties_the_cache(pytester, project, monkeypatch):
    monkeypatch.delenv("MATRIXCALC_NO_CACHE", raising=False)  # the suite turns the cache off; a user has it on
    args = ("--matrixcalc", "docs", "-k", "trace-linear")
    pytester.runpytest_subprocess(*args).assert_outcomes(passed=1)
    folder = pytester.path / ".pytest_cache" / "d" / "matrixcalc"
    cached = sorted(folder.rglob("*.json"))
    assert len(cached) == 1
    record = cached[0].read_text()
    cached[0].write_text(record.replace('"verified"', '"refuted"'))  # a stale record is never trusted as a pass...
    pytester.runpytest_subprocess(*args).assert_outcomes(passed=1)
    sentinel = folder / "sentinel"
    sentinel.write_text("")
    pytester.runpytest_subprocess(*args, "--cache-clear").assert_outcomes(passed=1)
    assert not sentinel.exists()
    assert len(list(folder.rglob("*.json"))) == 1


PROSE = (
    "# Prose\n\n```{mc:where}\nX: n x n\n```\n\n"
    "The gradient is {mc:math}`inv(X).T`, and {mc:math}`y.T | y: n` is a row.\n"
    "A typo: {mc:math}`inv(X).Q`; shown as code: ``{mc:math}`inv(X).Q` ``.\n"
    "```text\n{mc:math}`not a role`\n```\n"
)


def test_math_roles_are_items_named_by_their_place(pytester, project):
    (project / "prose.md").write_text(PROSE)
    result = pytester.runpytest_subprocess("--matrixcalc", "docs/prose.md", "--collect-only", "-q")
    listed = [line for line in result.outlines if "::" in line]
    assert listed == ["docs/prose.md::math-7-17", "docs/prose.md::math-7-42", "docs/prose.md::math-8-9"]


def test_a_malformed_math_role_fails_at_its_line_with_the_parser_message(pytester, project):
    (project / "prose.md").write_text(PROSE)
    result = pytester.runpytest_subprocess("--matrixcalc", "docs/prose.md", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["docs/prose.md:8: mc:math 'inv(X).Q' is not well formed: *'.Q' is not allowed*", "inv(X).Q", "^*"]
    )


def test_a_math_role_under_an_rest_page_fails_with_its_own_declarations(pytester, project):
    (project / "notes.rst").write_text("Notes\n=====\n\n:mc:math:`tr(a) | a: m x n` is not defined.\n")
    result = pytester.runpytest_subprocess("--matrixcalc", "docs/notes.rst", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["docs/notes.rst:4: mc:math 'tr(a) | a: m x n' is not well formed: *square*"])
