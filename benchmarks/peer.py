"""matrixcalc's ``check()`` side by side with the SymPy explicit-matrix route, on ``cases.py``.

Run: ``.venv/bin/python benchmarks/peer.py`` (``make bench`` runs it). Each case is run by both
routes in turn, so machine load falls on both alike. The peer runs in a fresh child process with
a hard timeout (its time is measured inside the child, without process start-up, which favours
it); a timed-out case counts as the timeout, a lower bound. matrixcalc runs as a user calls it,
worker process included (started once before the first case).

The children come from a fork server, not from forking this process: a fork marks every page of
the forking process copy-on-write, and the next case of matrixcalc then paid for it — measured
here, 1,750 page faults and about 4 ms per case (6 against 10 ms median), a cost of the harness
that a user's ``check()`` never pays. ``--fork`` measures the old way, for comparison. Prints
per-case times, verdicts, the medians and their ratio, and every case where matrixcalc's verdict
is worse than the peer's.

``--rounds`` (3 by default) runs the whole set that many times and keeps each case's median time
for each route: one run of a few milliseconds on this machine can take twice as long as the next
(a preempted or cold CPU), and a median of three is steadier. Each run of matrixcalc forgets the
proofs it remembered (``levels.forget_proofs``), so a repeat is a first check of its identity, as
each of the peer's runs is in a fresh child. The first round's medians are printed as well.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cases import CASES  # noqa: E402
from sympy_route import sympy_check  # noqa: E402

from matrixcalc.symbolic import levels, worker  # noqa: E402
from matrixcalc.verify import check  # noqa: E402

RANK = {"refuted": 2, "verified": 2, "numeric-only": 1, "undecided": 0, "timeout": 0, "error": 0}


def _peer_child(queue, identity: str, where: str) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    try:
        verdict = sympy_check(identity, where)
    except Exception as exc:  # noqa: BLE001 - a failure of the peer is its verdict
        verdict = f"error: {type(exc).__name__}"
    queue.put((verdict, time.perf_counter() - start, time.process_time() - cpu))


def _context(fork: bool):
    """Where the peer's children come from: a fork server (this process is never forked), or with
    ``fork`` this process itself; spawn where neither exists."""
    methods = multiprocessing.get_all_start_methods()
    if fork and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["__main__", "sympy_route"])  # imports once, outside any timing
        return ctx
    return multiprocessing.get_context("spawn")


def peer(ctx, identity: str, where: str, timeout: float) -> tuple[str, float, float]:
    """The peer's verdict, wall and CPU seconds, killed at ``timeout`` (which then counts as both)."""
    queue = ctx.Queue()
    process = ctx.Process(target=_peer_child, args=(queue, identity, where), daemon=True)
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        return "timeout", timeout, timeout
    return queue.get() if not queue.empty() else ("error", timeout, timeout)


def _worker_cpu() -> tuple[int | None, float]:
    """(pid, CPU seconds) of the symbolic worker process, from /proc where there is one."""
    current = worker._current
    if current is None:
        return None, 0.0
    try:
        fields = Path(f"/proc/{current.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return current.process.pid, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return current.process.pid, 0.0


def ours(identity: str, where: str) -> tuple[str, float, float]:
    """matrixcalc's verdict, wall seconds, and CPU seconds (this process and its worker)."""
    pid, worker_cpu = _worker_cpu()
    start, cpu = time.perf_counter(), time.process_time()
    verdict = check(identity, where)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    after_pid, after_cpu = _worker_cpu()
    cpu += after_cpu - (worker_cpu if after_pid == pid else 0.0)
    return verdict.status, wall, cpu


def worse(mine: str, theirs: str) -> bool:
    """True when the peer decided (verified or refuted) and matrixcalc did not say the same."""
    return theirs in ("verified", "refuted") and mine != theirs


def _round(ctx, timeout: float, previous: list | None) -> list[tuple]:
    """Every case once by both routes in turn; a case the peer timed out on before is not rerun
    (its time stays the timeout, a lower bound)."""
    rows = []
    for index, (family, identity, where, expected) in enumerate(CASES):
        levels.forget_proofs()  # each run of ours is a first check of its identity, as the peer's child is
        mine, mine_s, mine_cpu = ours(identity, where)
        if previous is not None and previous[index][5] == "timeout":
            theirs, theirs_s, theirs_cpu = previous[index][5], previous[index][6], previous[index][8]
        else:
            theirs, theirs_s, theirs_cpu = peer(ctx, identity, where, timeout)
        rows.append((family, identity, expected, mine, mine_s, theirs, theirs_s, mine_cpu, theirs_cpu))
    return rows


def _merge(rounds: list[list[tuple]]) -> list[tuple]:
    """Per case, the median time of each route over the rounds, with the first round's verdicts (a
    later round that disagrees is reported: only a peer near its timeout should ever do so)."""
    merged = []
    for runs in zip(*rounds):
        first = runs[0]
        for run in runs[1:]:
            if (run[3], run[5]) != (first[3], first[5]):
                print(f"verdicts changed between rounds: {first[1]}: {first[3]}/{first[5]} then {run[3]}/{run[5]}")
        times = [statistics.median(run[i] for run in runs) for i in (4, 6, 7, 8)]
        merged.append((*first[:4], times[0], first[5], times[1], times[2], times[3]))
    return merged


def _print_rows(rows: list[tuple]) -> None:
    print(f"{'':<11} {'matrixcalc (wall, cpu)':>22} {'':<13} {'sympy (wall, cpu)':>18}")
    for family, identity, _, mine, mine_s, theirs, theirs_s, mine_cpu, theirs_cpu in rows:
        print(
            f"{family:<11} {1000 * mine_s:8.1f} {1000 * mine_cpu:8.1f} ms {mine:<13} {1000 * theirs_s:8.0f} "
            f"{1000 * theirs_cpu:7.0f} ms {theirs:<10} {theirs_s / mine_s:6.0f}x  {identity}"
        )


def _print_medians(rows: list[tuple]) -> None:
    for label, subset in (
        ("all cases", rows),
        ("true identities", [r for r in rows if r[2] == "verified"]),
        ("mistakes", [r for r in rows if r[2] == "refuted"]),
    ):
        for kind, mine_at, theirs_at in (("wall", 4, 6), ("CPU", 7, 8)):
            a = statistics.median(r[mine_at] for r in subset)
            b = statistics.median(r[theirs_at] for r in subset)
            print(
                f"{label:<16} n={len(subset):<3} {kind:<4} median matrixcalc {1000 * a:7.1f} ms   "
                f"sympy {1000 * b:8.1f} ms   ratio {b / a:5.1f}x"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per case for the peer")
    parser.add_argument("--rounds", type=int, default=3, help="runs of every case by each route (median kept)")
    parser.add_argument("--fork", action="store_true", help="fork this process for each peer case (the old harness)")
    args = parser.parse_args()
    ctx = _context(args.fork)
    # both routes warm up once on an identity outside the set (imports, lazy module loading), so
    # neither pays a one-time start-up inside a case; each peer case then runs in a fresh child
    check("d(tr(X @ X), X) == 2 * X.T", "X: n x n")
    sympy_check("d(tr(X @ X), X) == 2 * X.T", "X: n x n")
    rounds = [_round(ctx, args.timeout, None)]
    for _ in range(args.rounds - 1):
        rounds.append(_round(ctx, args.timeout, rounds[0]))
    rows = _merge(rounds)
    _print_rows(rows)
    print()
    if args.rounds > 1:
        print("the first round alone (one run of each case by each route):")
        _print_medians(rounds[0])
        print(f"the median of {args.rounds} rounds per case:")
    _print_medians(rows)
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
