"""``matrixcalc check-docs PATH...``: the plugin's collection from the command line, for pre-commit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from matrixcalc import cli

OUTSIDE = Path(__file__).parent / "roots" / "test-outside"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(OUTSIDE, tmp_path / "project")
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path / "project"


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    code = cli.main(["check-docs", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_every_entry_holds(capsys, project) -> None:
    code, out, err = run(capsys, ".")
    assert (code, out) == (0, [])
    assert "12 entries in" in err and "every entry holds" in err


def test_a_refuted_identity_in_a_docstring_is_one_line_at_its_module_line(capsys, project) -> None:
    replace(project / "optimlib" / "steps.py", "== a @ b.T", "== b @ a.T")
    code, out, _ = run(capsys, ".")
    assert code == 1
    assert len(out) == 1
    assert out[0].startswith("optimlib/steps.py:26: identity 'bilinear-gradient' is refuted at ")
    assert out[0].endswith(": the right side equals the left side transposed (a transpose is missing or extra)")


def test_malformed_wins_over_refuted_and_every_failure_has_its_line(capsys, project) -> None:
    replace(project / "index.rst", "== inv(X).T", "== inv(X)")
    replace(project / "least-squares.md", ":where: A: m x n; x: n; b: m\nd(norm", ":wher: A: m x n; x: n; b: m\nd(norm")
    code, out, _ = run(capsys, "index.rst", "least-squares.md")
    assert code == 2
    assert out == [
        "index.rst:22: identity 'logdet-gradient' is refuted at n=2 (relative error 1.95e+00): "
        "the right side equals the left side transposed (a transpose is missing or extra)",
        "least-squares.md:5: identity 'ls-gradient': unknown option ':wher:' for identity; did you mean ':where:'?",
    ]


def test_a_missing_where_is_named(capsys, project) -> None:
    replace(project / "shared.md", "X: n x n invertible; a: n; b: n\n", "")
    code, out, _ = run(capsys, "shared.md")
    assert code == 2
    assert out[0].startswith("shared.md:9: identity 'shared-bilinear' is not well formed: :where: is missing: ")


def test_numeric_only_warns_and_fails_when_strict(capsys, project) -> None:
    replace(
        project / "index.rst",
        ":where: A: p x m; X: m x n; B: n x p\n\n   d(tr(A @ X @ B), X) == A.T @ B.T",
        ":where: x: scalar\n\n   sin(x) ** 2 + cos(x) ** 2 == 1",
    )  # true, and numeric-only: the exact check does not reduce trigonometric identities
    code, out, err = run(capsys, "index.rst")
    assert (code, out) == (0, [])
    assert "index.rst:10: warning: identity 'trace-linear' is numeric-only: " in err
    code, out, _ = run(capsys, "--strict", "index.rst")
    assert code == 1
    assert out[0].startswith("index.rst:10: identity 'trace-linear' is numeric-only: ")


def test_a_missing_path_and_broken_python_are_bad_input(capsys, project) -> None:
    code, _, err = run(capsys, "nowhere.md")
    assert code == 2 and "no such file or folder: nowhere.md" in err
    (project / "broken.py").write_text("def f(:\n")
    code, out, _ = run(capsys, "broken.py")
    assert code == 2 and out == ["broken.py:1: not valid Python: invalid syntax"]


def test_the_pre_commit_hook_runs_check_docs() -> None:
    hooks = (Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text()
    assert "- id: matrixcalc\n" in hooks
    assert "entry: matrixcalc check-docs\n" in hooks
    assert "types_or: [markdown, rst, python]" in hooks


def test_the_command_exits_with_its_code_from_a_shell(project) -> None:
    replace(project / "shared.md", "== a @ b.T", "== b @ a.T")
    done = subprocess.run(
        [sys.executable, "-m", "matrixcalc", "check-docs", "shared.md"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert done.stdout.startswith("shared.md:10: identity 'shared-bilinear' is refuted")


PROSE = (
    "# Prose\n\n```{mc:where}\nX: n x n\n```\n\n"
    "The gradient is {mc:math}`inv(X).T`, and {mc:math}`y.T | y: n` is a row.\n"
    "A typo: {mc:math}`inv(X).Q`.\n"
    "A shape error: {mc:math}`X @ y | y: m`, shown as code: ``{mc:math}`X @ y` ``.\n"
)


def test_math_roles_are_checked_at_their_lines(capsys, project) -> None:
    (project / "prose.md").write_text(PROSE)
    code, out, err = run(capsys, "prose.md")
    assert code == 2
    assert len(out) == 2
    assert out[0].startswith("prose.md:8: mc:math 'inv(X).Q' is not well formed: ")
    assert "'.Q' is not allowed" in out[0]
    assert out[1].startswith("prose.md:9: mc:math 'X @ y | y: m' is not well formed: ")
    assert "'X' is n x n, 'y' is m x 1" in out[1]
    assert "4 entries in 1 files" in err


def test_math_roles_in_rest_and_their_own_declarations(capsys, project) -> None:
    notes = "Notes\n=====\n\nThe trace :mc:math:`tr(X) | X: n x n` is linear;\n:mc:math:`tr(a) | a: m x n` is not.\n"
    (project / "notes.rst").write_text(notes)
    code, out, _ = run(capsys, "notes.rst")
    assert code == 2
    assert out == [
        "notes.rst:5: mc:math 'tr(a) | a: m x n' is not well formed: "
        "identity, column 4 ('a'): tr needs a square matrix; its argument is m x n"
    ]


def test_an_undeclared_symbol_in_a_role_says_where_to_declare_it(capsys, project) -> None:
    (project / "bare.md").write_text("# Bare\n\nThe transpose {mc:math}`Y.T`.\n")
    code, out, _ = run(capsys, "bare.md")
    assert code == 2
    assert out[0].startswith("bare.md:3: mc:math 'Y.T' is not well formed: ")
    assert out[0].endswith("for a role, in the page's mc:where or after '|' in the role")


def test_the_roles_of_a_correct_page_hold(capsys, project) -> None:
    (project / "prose.md").write_text(PROSE.split("A typo")[0])
    code, out, err = run(capsys, "prose.md")
    assert (code, out) == (0, [])
    assert "2 entries in 1 files: every entry holds" in err
