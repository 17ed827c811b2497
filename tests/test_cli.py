"""The command line: exit codes, the human report, --json, and no traceback for any input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from matrixcalc import cli
from matrixcalc.errors import IdentityError
from matrixcalc.verdict import Counterexample, NumericEvidence, SymbolicEvidence, Verdict

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def verdict(status: str, **fields) -> Verdict:
    numeric = NumericEvidence(draws=6, sizes=[{"n": 2}, {"n": 3}, {"n": 1}], max_relative_error=2.2e-16)
    symbolic = SymbolicEvidence(proved=[{"n": 2}], exact_random=[{"n": 3}], complete=True)
    defaults = {"numeric": numeric, "symbolic": symbolic, "seed": 7}
    return Verdict(status, "d(tr(X), X) == I(n)", "X: n x n", **{**defaults, **fields})


REFUTED = verdict(
    "refuted",
    symbolic=None,
    counterexample=Counterexample(
        link=0,
        sizes={"n": 2},
        values={"X": [[1.0, 2.0], [3.0, 4.123456]]},
        left=[[1.0, 0.0], [0.0, 1.0]],
        right=[[1.0, 1e-20], [0.0, 2.0]],
        difference=[[0.0, -1e-20], [0.0, -1.0]],
        relative_error=0.5,
    ),
)


@pytest.fixture
def fake_check(monkeypatch: pytest.MonkeyPatch):
    """Replace the checker by one returning a fixed verdict (or raising), recording its arguments."""
    calls: list[tuple] = []

    def install(result: Verdict | BaseException):
        def check(identity, where="", *, seed=None, timeout=None):
            calls.append((identity, where, seed, timeout))
            if isinstance(result, BaseException):
                raise result
            return result

        monkeypatch.setattr(cli, "check", check)
        return calls

    return install


# -- exit codes and the human report, with verdicts built by hand --------------------------------


@pytest.mark.parametrize(
    ("result", "code", "headline"),
    [
        (verdict("verified"), 0, "verified: d(tr(X), X) == I(n)"),
        (REFUTED, 1, "REFUTED: d(tr(X), X) == I(n)"),
        (verdict("numeric-only", symbolic=SymbolicEvidence(reason="timed out after 20s")), 3, "numeric-only: "),
    ],
)
def test_exit_code_and_headline(capsys, fake_check, result: Verdict, code: int, headline: str) -> None:
    fake_check(result)
    status, out, err = run(capsys, "check", "d(tr(X), X) == I(n)", "--where", "X: n x n")
    assert (status, err) == (code, "")
    assert out.startswith(headline)


def test_report_shows_the_evidence(capsys, fake_check) -> None:
    fake_check(verdict("verified"))
    _, out, _ = run(capsys, "check", "d(tr(X), X) == I(n)", "--where", "X: n x n")
    assert "6 random draws at 3 size assignments, max relative error 2.2e-16" in out
    assert "sizes:     n=2; n=3; n=1" in out
    assert "symbolic:  exact proof at n=2; exact rational evaluation at n=3" in out
    assert "seed:      7" in out


def test_numeric_only_says_why(capsys, fake_check) -> None:
    fake_check(verdict("numeric-only", symbolic=SymbolicEvidence(reason="timed out after 20s")))
    _, out, _ = run(capsys, "check", "d(tr(X), X) == I(n)", "--where", "X: n x n")
    assert "incomplete: timed out after 20s" in out


def test_refutation_prints_the_counterexample(capsys, fake_check) -> None:
    fake_check(REFUTED)
    _, out, _ = run(capsys, "check", "d(tr(X), X) == I(n)", "--where", "X: n x n")
    assert "counterexample at n=2 (relative error 5.00e-01): side 1 `d(tr(X), X)` != side 2 `I(n)`" in out
    assert "  X =\n    [[    1     2]\n     [    3 4.123]]" in out
    assert "  left - right =\n    [[ 0  0]\n     [ 0 -1]]" in out  # -1e-20 is negligible next to -1
    assert "pattern:   only the symmetric part differs (the antisymmetric parts agree)" in out
    assert "random draws" not in out and "symbolic:" not in out  # no agreeing evidence next to a refutation


def test_arguments_reach_the_checker(capsys, fake_check, monkeypatch) -> None:
    monkeypatch.delenv("MATRIXCALC_TIMEOUT", raising=False)
    monkeypatch.delenv("MATRIXCALC_SEED", raising=False)
    calls = fake_check(verdict("verified"))
    run(capsys, "check", "X == X", "--where", "X: n", "--seed", "42", "--timeout", "2.5")
    run(capsys, "check", "X == X", "--where", "X: n")
    assert calls == [("X == X", "X: n", 42, 2.5), ("X == X", "X: n", None, 20.0)]  # the default of settings


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.23456, "1.235"),
        (-0.0, "0"),
        (float("nan"), "nan"),
        ([[1.0, 1e-20], [2.5, -3.14159]], "[[     1      0]\n [   2.5 -3.142]]"),
        ([1e-30, 2e-30], "[1e-30 2e-30]"),
        ([[123456.0]], "[[1.235e+05]]"),
        ("3/4", "3/4"),
    ],
)
def test_format_value(value: object, text: str) -> None:
    assert cli.format_value(value) == text


# -- --json -------------------------------------------------------------------------------------


def test_json_is_the_verdict(capsys, fake_check) -> None:
    fake_check(REFUTED)
    code, out, _ = run(capsys, "check", "d(tr(X), X) == I(n)", "--where", "X: n x n", "--json")
    assert code == 1
    assert json.loads(out) == json.loads(json.dumps(REFUTED.to_dict()))


def test_json_has_no_bare_nan(capsys, fake_check) -> None:
    fake_check(verdict("verified", numeric=NumericEvidence(max_relative_error=float("inf"))))
    _, out, _ = run(capsys, "check", "X == X", "--where", "X: n", "--json")
    assert json.loads(out)["numeric"]["max_relative_error"] == "inf"


def test_json_bad_input(capsys) -> None:
    code, out, err = run(capsys, "check", "X == Y", "--where", "X: n", "--json")
    assert code == 2
    assert json.loads(out) == {
        "status": "error",
        "message": "undeclared symbol 'Y': declare it in where, e.g. 'Y: n x n'",
        "part": "identity",
        "column": 5,
        "length": 1,
    }
    assert "^" in err


def test_json_usage_error(capsys) -> None:
    code, out, err = run(capsys, "check", "--json")
    assert code == 2
    assert json.loads(out)["status"] == "error"
    assert "usage:" in err


# -- bad input: exit 2, a caret on stderr, nothing on stdout --------------------------------------


@pytest.mark.parametrize(
    ("identity", "where", "message", "caret"),
    [
        ("X == Y", "X: n", "column 6: undeclared symbol 'Y'", "  X == Y\n       ^"),
        ("tr(X) == 1", "X: m x n", "column 4: tr needs a square matrix", "  tr(X) == 1\n     ^"),
        (
            "X == X",
            "X: n x q foo",
            "error in where, column 10: unknown assumption 'foo'",
            "  X: n x q foo\n           ^^^",
        ),
        ("A @ B == C", "A: m x n; B: m x n; C: m x n", "'@' needs matching inner sizes", "  A @ B == C\n  ^^^^^"),
        ("(A\n + Y) == A", "A: n", "line 2, column 4: undeclared symbol 'Y'", "   + Y) == A\n     ^"),
        ("X = X", "X: n", "use '=='", "  X = X\n    ^"),
        ("adj(A) == A", "A: m x n", "column 5: adj needs a square matrix", "  adj(A) == A\n      ^"),
        ("pinv(d(X, X)) == X", "X: n x n", "pinv takes a matrix, not a 4th-order tensor", "       ^^^^^^^"),
        (
            "K(A, n) @ vec(A) == vec(A)",
            "A: n x n",
            "column 3: K(...) takes sizes",
            "  K(A, n) @ vec(A) == vec(A)\n    ^",
        ),
        ("K(m) == I(m)", "", "K takes 2 arguments, not 1", "  K(m) == I(m)\n  ^^^^"),
        ("K @ vec(A) == vec(A)", "A: n x n", "'K' is a function: call it", "  K @ vec(A) == vec(A)\n  ^"),
        ("K == K", "K: n x n", "error in where, column 1: 'K' is a function of the language", "  K: n x n\n  ^"),
        (
            "I(k) == I(k)",
            "X: n x n",
            "column 3: the size letter 'k' in I(...) sizes no declared symbol",
            "  I(k) == I(k)\n    ^",
        ),
        (
            "x == x",
            "n: scalar; x: n",
            "where, column 1: 'n' is a symbol and also a size letter",
            "  n: scalar; x: n\n  ^",
        ),
        (
            "x == x",
            "x: n; N: scalar",
            "'N' differs only in case from the size letter 'n'",
            "  x: n; N: scalar\n        ^",
        ),
        (
            "expm(X) == X",
            "X: n x n",
            "unknown function 'expm'; did you mean exp(...)?",
            "  expm(X) == X\n  ^^^^",
        ),
    ],
)
def test_bad_input_marks_the_column(capsys, identity: str, where: str, message: str, caret: str) -> None:
    code, out, err = run(capsys, "check", identity, "--where", where)
    assert (code, out) == (2, "")
    assert message in err
    assert err.endswith(caret + "\n")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["check"],
        ["check", "X == X", "--where"],
        ["check", "X == X", "--bogus"],
        ["check", "X == X", "--js"],
        ["check", "X == X", "--seed", "-1"],
        ["check", "X == X", "--seed", "1.5"],
        ["check", "X == X", "--seed", str(2**64)],
        ["check", "X == X", "--timeout", "0"],
        ["check", "X == X", "--timeout", "nan"],
        ["check", "X == X", "--timeout", "inf"],
        ["check", "X == X", "--timeout", "soon"],
    ],
)
def test_usage_errors_exit_2(capsys, argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert "usage: matrixcalc" in err


HOSTILE = [
    "",
    "   ",
    "__import__('os').system('echo pwned')",
    "X.__class__.__mro__ == X",
    "lambda: 0",
    "open('/etc/passwd') == X",
    "(" * 200 + "X" + ")" * 200 + " == X",
    "X" * 100_000 + " == X",
    "1e999 * X == X",
    "X\x00 == X",
    "X\x1b[2J == X",
    "X\u202e == X",
    "X\udcff == X",
    "X == X; import os",
    "X == X\n== X\n\n\n.T",
    "[X for X in X] == X",
    "f'{X}' == X",
]


@pytest.mark.parametrize("identity", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_identity_is_bad_input(capsys, identity: str) -> None:
    code, out, err = run(capsys, "check", identity, "--where", "X: n x n")
    assert (code, out) == (2, "")
    assert err.startswith("matrixcalc: error in identity")
    assert "Traceback" not in err
    assert all(c.isprintable() or c == "\n" for c in err)


@pytest.mark.parametrize("where", ["X: n x n; X: n", "X: " + "n x " * 1000, "X: n\x1b", "os: system()"])
def test_hostile_where_is_bad_input(capsys, where: str) -> None:
    code, out, err = run(capsys, "check", "X == X", "--where", where)
    assert (code, out) == (2, "")
    assert err.startswith("matrixcalc: error in where")
    assert all(c.isprintable() or c == "\n" for c in err)


def test_describe_error_without_a_column() -> None:
    assert (
        cli.describe_error(IdentityError("the identity is empty"))
        == "matrixcalc: error in identity: the identity is empty"
    )


# -- internal errors: one line, exit 4 ------------------------------------------------------------


@pytest.mark.parametrize("as_json", [False, True])
def test_internal_error_is_one_line(capsys, fake_check, as_json: bool) -> None:
    fake_check(RuntimeError("boom\nsecond line"))
    code, out, err = run(capsys, "check", "X == X", "--where", "X: n", *(["--json"] if as_json else []))
    assert code == 4
    assert err == "matrixcalc: internal error: RuntimeError: boom\\nsecond line; please report\n"
    if as_json:
        assert json.loads(out)["status"] == "internal-error"
    else:
        assert out == ""


def test_interrupt(capsys, fake_check) -> None:
    fake_check(KeyboardInterrupt())
    assert run(capsys, "check", "X == X", "--where", "X: n")[0] == 130


def test_a_reader_that_goes_away_is_not_an_internal_error() -> None:
    """`matrixcalc ... | head -1`: the pipe closes early; exit 141 quietly, no 'please report'."""
    process = subprocess.Popen(
        [sys.executable, "-m", "matrixcalc", "latex", "X.T.T == X", "--where", "X: n"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    process.stdout.close()  # before the command has started to write
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == cli.PIPE_CLOSED, err
    assert "internal error" not in err and "Traceback" not in err


def test_help_documents_the_exit_codes(capsys) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for line in [
        "0    verified",
        "1    refuted",
        "2    bad input",
        "3    numeric-only",
        "4    internal error",
        "141  the reader",
    ]:
        assert line in out
    assert "please report" in out


# -- latex --------------------------------------------------------------------------------------


def test_latex_command(capsys) -> None:
    code, out, err = run(capsys, "latex", "d(tr(A @ X @ B), X) == A.T @ B.T", "--where", "A: p x m; X: m x n; B: n x p")
    assert (code, err) == (0, "")
    assert out == "\\frac{\\partial\\, \\operatorname{tr}(AXB)}{\\partial X} = A^\\top B^\\top\n"


def test_latex_command_json(capsys) -> None:
    code, out, _ = run(capsys, "latex", "x == x", "--where", "x: n", "--json")
    assert code == 0
    assert json.loads(out) == {"status": "ok", "latex": "x = x", "where": "x \\in \\mathbb{R}^{n}"}


def test_latex_command_bad_input(capsys) -> None:
    code, out, err = run(capsys, "latex", "x == y", "--where", "x: n")
    assert (code, out) == (2, "")
    assert err.endswith("  x == y\n       ^\n")


# -- end to end, through the real checker ---------------------------------------------------------


def test_true_identity_exits_0(capsys) -> None:
    code, out, _ = run(capsys, "check", "d(tr(A @ X @ B), X) == A.T @ B.T", "--where", "A: p x m; X: m x n; B: n x p")
    assert code == 0
    assert out.startswith("verified: ")
    assert "exact proof at" in out


def test_false_identity_exits_1_with_a_counterexample(capsys) -> None:
    code, out, _ = run(capsys, "check", "d(det(X), X) == tr(X) * I(n) - X.T", "--where", "X: n x n")
    assert code == 1
    assert out.startswith("REFUTED: ")
    for piece in ["counterexample at n=", "  X = ", "  left = ", "  right = ", "  left - right = "]:
        assert piece in out


def test_false_identity_json_counterexample(capsys) -> None:
    code, out, _ = run(capsys, "check", "d(det(X), X) == tr(X) * I(n) - X.T", "--where", "X: n x n", "--json")
    data = json.loads(out)
    assert (code, data["status"]) == (1, "refuted")
    assert set(data["counterexample"]) >= {"sizes", "values", "left", "right", "difference"}


def test_timeout_gives_numeric_only(capsys) -> None:
    argv = ["check", "d(det(X), X) == det(X) * inv(X).T", "--where", "X: n x n", "--timeout", "0.0001"]
    code, out, _ = run(capsys, *argv)
    assert code == 3
    assert out.startswith("numeric-only: ")
    assert "incomplete: " in out


def test_same_seed_same_report(capsys) -> None:
    argv = ["check", "d(x.T @ A @ x, x) == A @ x", "--where", "x: n; A: n x n", "--seed", "3", "--json"]
    assert run(capsys, *argv) == run(capsys, *argv)


def _subprocess(*argv: str | bytes) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(argv, capture_output=True, env=env, timeout=120, cwd=ROOT)


def test_python_dash_m(tmp_path) -> None:
    done = _subprocess(sys.executable, "-m", "matrixcalc", "check", "X.T.T == X", "--where", "X: m x n")
    assert (done.returncode, done.stdout.decode().split(":")[0]) == (0, "verified")


def test_console_script() -> None:
    script = Path(sys.executable).with_name("matrixcalc")
    if not script.exists():
        pytest.skip("the matrixcalc console script is not installed in this environment")
    done = _subprocess(str(script), "--version")
    assert (done.returncode, done.stdout) == (0, b"matrixcalc 0.1.0\n")


def test_undecodable_bytes_in_argv() -> None:
    done = _subprocess(sys.executable, "-m", "matrixcalc", "check", b"X\xff == X", "--where", "X: n")
    assert (done.returncode, done.stdout) == (2, b"")
    assert b"Traceback" not in done.stderr
    assert done.stderr.startswith(b"matrixcalc: error in identity")
