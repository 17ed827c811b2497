"""Time the engine on complex identities (tests/tables/complex_identities.py): numeric, symbolic, check().

Run: ``.venv/bin/python benchmarks/complex.py``. Prints medians and maxima per identity, the
worst numeric error of a true identity (the Wirtinger differences' accuracy against the 1e-8
acceptance line) and the slowest exact check.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matrixcalc.language import parse_identity  # noqa: E402
from matrixcalc.numeric import check_numeric  # noqa: E402
from matrixcalc.symbolic import check_symbolic  # noqa: E402
from matrixcalc.verify import check, content_seed, symbolic_sizes  # noqa: E402
from tests.tables.complex_identities import TRUE_COMPLEX, WRONG_COMPLEX  # noqa: E402


def describe(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    return (
        f"{name:<30} n={len(ms):<4} median {statistics.median(ms):8.2f} ms   "
        f"p90 {ms[int(0.9 * (len(ms) - 1))]:8.2f} ms   max {ms[-1]:8.2f} ms"
    )


def main() -> None:
    rows = [(r[1], r[2]) for r in TRUE_COMPLEX + WRONG_COMPLEX]
    numeric, symbolic, worst, slowest = [], [], 0.0, (0.0, "")
    for text, where in rows:
        parsed = parse_identity(text, where)
        start = time.perf_counter()
        result = check_numeric(parsed, content_seed(text, where))
        numeric.append(time.perf_counter() - start)
        if (text, where) in [(r[1], r[2]) for r in TRUE_COMPLEX]:
            worst = max(worst, result.evidence.max_relative_error)
    for text, where in (r[1:3] for r in TRUE_COMPLEX):
        parsed = parse_identity(text, where)
        seed = content_seed(text, where)
        result = check_numeric(parsed, seed)
        proof, exact = symbolic_sizes(parsed, result.evidence.sizes + result.inconclusive)
        start = time.perf_counter()
        check_symbolic(parsed, seed=seed, timeout=20.0, proof_sizes=proof, exact_sizes=exact)
        seconds = time.perf_counter() - start
        symbolic.append(seconds)
        slowest = max(slowest, (seconds, text))
    full = []
    for text, where in rows:
        start = time.perf_counter()
        check(text, where)
        full.append(time.perf_counter() - start)
    print(f"complex identities: {len(TRUE_COMPLEX)} true, {len(WRONG_COMPLEX)} wrong")
    print(describe("numeric check", numeric))
    print(describe("symbolic check (true table)", symbolic))
    print(describe("check() (true + wrong)", full))
    print(f"worst numeric error of a true identity: {worst:.1e} (accepted below 1e-8)")
    print(f"slowest symbolic: {slowest[0]:.2f} s  {slowest[1]}")
    print(f"whole complex table through check(): {sum(full):.1f} s")


if __name__ == "__main__":
    main()
