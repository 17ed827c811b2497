"""Limits by cost: how fast hostile input is rejected, and what honest long identities cost to check.

Run: ``.venv/bin/python benchmarks/limits.py`` (``make bench`` runs it). Prints, for each hostile
input, the time to the IdentityError and its message; for honest identities of growing length
(a gradient of a sum of traces, up to more than 20,000 characters and 5,000 operations), the
characters, operations, parse time, check time and verdict.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matrixcalc.errors import IdentityError  # noqa: E402
from matrixcalc.language import parse_identity  # noqa: E402
from matrixcalc.verify import check  # noqa: E402

W = "A: m x n; B: n x p; X: n x n; x: n; s: scalar"
HOSTILE = {
    "3 MB of text": ("s == " + "s" * 3_000_000, W),
    "brackets 60 deep": ("(" * 60 + "s" + ")" * 60 + " == s", W),
    "2,000 nested minus signs": ("-" * 2000 + "s == s", W),
    "20,001-term sum": ("s+" * 20_000 + "s == s", W),
    "nested powers": ("((((s ** 100) ** 100) ** 100) ** 100) == s", W),
    "nested determinants": ("det(det(det(det(X) * X) * X) * X) == s", W),
    "nested derivatives": ("d(tr(d(tr(d(tr(d(tr(X @ X @ X), X) @ X), X) @ X), X) @ X), X) == X", W),
    "Kronecker tower": (
        "kron(kron(kron(kron(kron(X, X), X), X), X), X) == kron(kron(kron(kron(kron(X, X), X), X), X), X)",
        W,
    ),
    "matrix power 10**9": ("X ** 1000000000 == X", W),
    "literal size 10**6": ("X == X", "X: 1000000 x 1000000"),
    "where of 1 MB": ("X == X", "X: n x n; " * 100_000),
}
CONSTANTS = ["A", "B", "C", "D", "E"]


def honest(terms: int) -> tuple[str, str]:
    """The gradient of a sum of ``terms`` traces, each with its textbook answer on the right."""
    lhs, rhs = [], []
    for k in range(terms):
        p = " @ ".join(CONSTANTS[(k + i) % 5] for i in range(1 + k % 3))
        q = " @ ".join(CONSTANTS[(k + 2 + i) % 5] for i in range(1 + k % 4))
        lhs.append(f"tr({p} @ X @ {q})")
        rhs.append(f"({p}).T @ ({q}).T")
    return f"d({' + '.join(lhs)}, X) == {' + '.join(rhs)}", "A: n x n; B: n x n; C: n x n; D: n x n; E: n x n; X: n x n"


def main() -> None:
    print("hostile input                 rejected in   message")
    for name, (text, where) in HOSTILE.items():
        start = time.perf_counter()
        try:
            check(text, where)
            outcome = "ACCEPTED"
        except IdentityError as exc:
            outcome = exc.message[:90]
        print(f"{name:<29} {1000 * (time.perf_counter() - start):8.1f} ms   {outcome}")
    print("\nhonest identity characters  operations   parse      check      verdict")
    for terms in (10, 100, 400):
        text, where = honest(terms)
        start = time.perf_counter()
        identity = parse_identity(text, where)
        parsed = time.perf_counter() - start
        nodes = sum(1 for side in identity.sides for _ in side.walk())
        start = time.perf_counter()
        verdict = check(text, where, timeout=60)
        seconds = time.perf_counter() - start
        print(
            f"{terms:>4} traces  {len(text):>10,}  {nodes:>10,}  {parsed:6.2f} s  {seconds:7.2f} s   {verdict.status}"
        )


if __name__ == "__main__":
    main()
