"""Soundness against mutants: thousands of near-misses of the site's true identities.

Each mutant swaps operands or derivative kinds, drops or adds a transpose, changes a coefficient, swaps the order of
an inverse or the factors of a Kronecker product. Some mutants are true (a transpose of a
symmetric matrix); the kernel may prove those. It must never prove one that the numeric check
refutes.
"""

import re
from pathlib import Path

import pytest

from matrixcalc.documents import find_blocks
from matrixcalc.errors import IdentityError
from matrixcalc.language import parse_identity
from matrixcalc.numeric import check_numeric
from matrixcalc.proof import prove

DOCS = Path(__file__).resolve().parent.parent / "docs"
NAME = r"[A-Za-z]\w*(?:\.T)?"
FUNCTIONS = {
    "tr",
    "det",
    "inv",
    "logdet",
    "kron",
    "vec",
    "frob",
    "norm",
    "sum",
    "diag",
    "diagm",
    "hadamard",
    "d",
    "jac",
    "hess",
    "dsym",
    "differential",
    "exp",
    "log",
    "sqrt",
    "sin",
    "cos",
    "tanh",
    "sigmoid",
    "I",
    "ones",
    "zeros",
    "K",
    "adj",
    "pinv",
    "conj",
    "real",
    "imag",
    "abs",
}


def _each(pattern: str, text: str, replace) -> list[str]:
    return [text[: m.start()] + replace(m) + text[m.end() :] for m in re.finditer(pattern, text)]


def mutations(text: str) -> list[str]:
    out = []
    out += _each(rf"({NAME}) @ ({NAME})", text, lambda m: f"{m[2]} @ {m[1]}")
    out += _each(r"\.T\b", text, lambda m: "")
    out += _each(r"\b([A-Za-z]\w*)\b(?![\w(.])", text, lambda m: m[0] if m[0] in FUNCTIONS else f"{m[0]}.T")
    out += _each(r"(?<![\w.])(\d+)(?![\w.])", text, lambda m: str(int(m[1]) + 1))
    out += _each(r"inv\(([^()]*)\) @ inv\(([^()]*)\)", text, lambda m: f"inv({m[2]}) @ inv({m[1]})")
    out += _each(r"kron\(([^(),]+), ([^(),]+)\)", text, lambda m: f"kron({m[2]}, {m[1]})")
    out += _each(r"== -", text, lambda m: "== ")
    swaps = {"hess": "jac", "jac": "hess", "d": "jac", "dsym": "d"}
    out += _each(r"\b(hess|jac|dsym|d)\(", text, lambda m: f"{swaps[m[1]]}(")
    return [m for m in dict.fromkeys(out) if m != text]


def catalogue() -> list[tuple[str, str, str]]:
    return [
        (b.ident, " ".join(b.body), b.options.get("where", ""))
        for p in sorted(DOCS.rglob("*.md"))
        for b in find_blocks(p)
        if b.kind == "identity" and b.options.get("expect") != "false"
    ]


def unsound_mutants(entries) -> tuple[int, int, list]:
    """(mutants tried, mutants proved, proved mutants that the numeric check refutes)."""
    tried = proved = 0
    unsound = []
    for ident, text, where in entries:
        for mutant in mutations(text):
            try:
                parsed = parse_identity(mutant, where)
            except IdentityError:
                continue
            tried += 1
            if not prove(parsed).all_sizes:
                continue
            proved += 1
            if check_numeric(parsed, seed=tried).counterexample is not None:
                unsound.append((ident, mutant, where))
    return tried, proved, unsound


def test_no_mutant_the_numbers_refute_is_proved_sample():
    tried, proved, unsound = unsound_mutants(catalogue()[::6])
    assert tried >= 400
    assert unsound == []


@pytest.mark.slow
def test_no_mutant_the_numbers_refute_is_proved():
    tried, proved, unsound = unsound_mutants(catalogue())
    assert tried >= 3000
    assert unsound == []
