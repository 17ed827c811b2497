"""matrixcalc's ``check()`` side by side with the SymPy explicit-matrix route, on ``cases.py``.

Run: ``.venv/bin/python benchmarks/peer.py`` (``make bench`` runs it). Each case is run by both
routes in turn, so machine load falls on both alike. The peer runs in a child process with a
hard timeout (its time is measured inside the child, without process start-up, which favours
it); a timed-out case counts as the timeout, a lower bound. matrixcalc runs as a user calls it,
worker process included (started once before the first case). Prints per-case times, verdicts,
the medians and their ratio, and every case where matrixcalc's verdict is worse than the peer's.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cases import CASES  # noqa: E402
from sympy_route import sympy_check  # noqa: E402

from matrixcalc.verify import check  # noqa: E402

RANK = {"refuted": 2, "verified": 2, "numeric-only": 1, "undecided": 0, "timeout": 0, "error": 0}


def _peer_child(queue, identity: str, where: str) -> None:
    start = time.perf_counter()
    try:
        verdict = sympy_check(identity, where)
    except Exception as exc:  # noqa: BLE001 - a failure of the peer is its verdict
        verdict = f"error: {type(exc).__name__}"
    queue.put((verdict, time.perf_counter() - start))


def peer(identity: str, where: str, timeout: float) -> tuple[str, float]:
    """The peer's verdict and seconds, killed at ``timeout``."""
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=_peer_child, args=(queue, identity, where), daemon=True)
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        return "timeout", timeout
    return queue.get() if not queue.empty() else ("error", timeout)


def ours(identity: str, where: str) -> tuple[str, float]:
    start = time.perf_counter()
    verdict = check(identity, where)
    return verdict.status, time.perf_counter() - start


def worse(mine: str, theirs: str) -> bool:
    """True when the peer decided (verified or refuted) and matrixcalc did not say the same."""
    return theirs in ("verified", "refuted") and mine != theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per case for the peer")
    args = parser.parse_args()
    # both routes warm up once on an identity outside the set (imports, lazy module loading), so
    # neither pays a one-time start-up inside a case; each peer case then runs in a fresh child
    check("d(tr(X @ X), X) == 2 * X.T", "X: n x n")
    sympy_check("d(tr(X @ X), X) == 2 * X.T", "X: n x n")
    rows = []
    print(f"{'family':<11} {'matrixcalc':>11} {'verdict':<13} {'sympy':>10} {'verdict':<10} {'ratio':>7}  identity")
    for family, identity, where, expected in CASES:
        mine, mine_s = ours(identity, where)
        theirs, theirs_s = peer(identity, where, args.timeout)
        rows.append((family, identity, expected, mine, mine_s, theirs, theirs_s))
        print(
            f"{family:<11} {1000 * mine_s:9.1f}ms {mine:<13} {1000 * theirs_s:8.0f}ms {theirs:<10} "
            f"{theirs_s / mine_s:6.0f}x  {identity}"
        )
    print()
    for label, subset in (
        ("all cases", rows),
        ("true identities", [r for r in rows if r[2] == "verified"]),
        ("mistakes", [r for r in rows if r[2] == "refuted"]),
    ):
        a = statistics.median(r[4] for r in subset)
        b = statistics.median(r[6] for r in subset)
        print(
            f"{label:<16} n={len(subset):<3} median matrixcalc {1000 * a:7.1f} ms   sympy {1000 * b:8.1f} ms   "
            f"ratio {b / a:5.1f}x"
        )
    unexpected = [r for r in rows if r[3] != r[2]]
    regressions = [r for r in rows if worse(r[3], r[5])]
    print(f"matrixcalc verdicts other than expected: {len(unexpected)}")
    for r in unexpected:
        print(f"  {r[3]} (expected {r[2]}): {r[1]}")
    decided = sum(r[5] in ("verified", "refuted") for r in rows)
    print(f"sympy decided {decided} of {len(rows)}; cases where matrixcalc's verdict is worse: {len(regressions)}")
    for r in regressions:
        print(f"  matrixcalc {r[3]}, sympy {r[5]}: {r[1]}")
    if regressions:
        sys.exit(1)


if __name__ == "__main__":
    main()
