"""Time the engine over the test tables: numeric check, symbolic check and check(), with peak memory.

Run: ``.venv/bin/python benchmarks/engine.py`` (add ``--quick`` for the first 40 of each table).
Prints medians and maxima per identity and the wall time of the whole true+wrong table.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matrixcalc.language import parse_identity  # noqa: E402
from matrixcalc.numeric import check_numeric  # noqa: E402
from matrixcalc.symbolic import check_symbolic  # noqa: E402
from matrixcalc.verify import check, content_seed, symbolic_sizes  # noqa: E402
from tests.tables.true_identities import TRUE  # noqa: E402
from tests.tables.wrong_identities import WRONG  # noqa: E402


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def describe(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    return (
        f"{name:<28} n={len(ms):<4} median {statistics.median(ms):8.2f} ms   "
        f"p90 {ms[int(0.9 * (len(ms) - 1))]:8.2f} ms   max {ms[-1]:8.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="only the first 40 entries of each table")
    args = parser.parse_args()
    true_rows = TRUE[:40] if args.quick else TRUE
    wrong_rows = WRONG[:40] if args.quick else WRONG
    rows = [(r[1], r[2]) for r in true_rows] + [(r[1], r[2]) for r in wrong_rows]

    numeric, symbolic, slowest = [], [], (0.0, "")
    for text, where in rows:
        parsed = parse_identity(text, where)
        numeric.append(timed(check_numeric, parsed, content_seed(text, where)))
    for text, where in (r[1:3] for r in true_rows):
        parsed = parse_identity(text, where)
        seed = content_seed(text, where)
        numeric_result = check_numeric(parsed, seed)  # the sizes check() hands to the symbolic level
        proof, exact = symbolic_sizes(parsed, numeric_result.evidence.sizes + numeric_result.inconclusive)
        seconds = timed(check_symbolic, parsed, seed=seed, timeout=20.0, proof_sizes=proof, exact_sizes=exact)
        symbolic.append(seconds)
        slowest = max(slowest, (seconds, text))

    start = time.perf_counter()
    full = [timed(check, text, where) for text, where in rows]
    total = time.perf_counter() - start

    print(f"machine: {len(rows)} identities ({len(true_rows)} true, {len(wrong_rows)} wrong)")
    print(describe("numeric check", numeric))
    print(describe("symbolic check (true table)", symbolic))
    print(describe("check() (true + wrong)", full))
    print(f"slowest symbolic: {slowest[0]:.2f} s  {slowest[1]}")
    print(f"whole true+wrong table through check(): {total:.1f} s")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # most checks run inline; the long-lived worker is counted only once it has exited (replaced)
    print(f"peak memory: {own:.0f} MiB (this process), {children:.0f} MiB (largest worker that exited)")


if __name__ == "__main__":
    main()
