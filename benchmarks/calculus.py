"""Time ``diff`` (derivation + simplification + verification by check()) over the catalogue's
derivatives, measure the simplifier against the catalogue's own right sides, and time nested
expressions of depth 10, 20 and 40.

Run: ``.venv/bin/python benchmarks/calculus.py`` (``--quick`` for the first 60 cases).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matrixcalc.calculus import (  # noqa: E402
    NotVerified,
    diff,
)
from matrixcalc.calculus.catalogue import cases  # noqa: E402
from matrixcalc.calculus.derive import _Plan  # noqa: E402
from matrixcalc.calculus.differential import Variable, differential  # noqa: E402
from matrixcalc.calculus.identify import gradient  # noqa: E402
from matrixcalc.calculus.simplify import (
    Simplifier,  # noqa: E402
    size,  # noqa: E402
)
from matrixcalc.calculus.text import to_text  # noqa: E402
from matrixcalc.errors import IdentityError  # noqa: E402
from matrixcalc.language import (
    parse_expression,  # noqa: E402
    parse_identity,  # noqa: E402
)
from matrixcalc.operations import build  # noqa: E402


def describe(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    if not ms:
        return f"{name}: no samples"
    return (
        f"{name:<30} n={len(ms):<4} median {statistics.median(ms):8.1f} ms   "
        f"p90 {ms[int(0.9 * (len(ms) - 1))]:8.1f} ms   max {ms[-1]:8.1f} ms"
    )


def chain(depth: int) -> tuple[str, str, str]:
    expr = "X"
    for i in range(depth):
        expr = ["A @ {}", "tanh({})", "{} @ B", "sigmoid({})"][i % 4].format(expr)
    return f"sum({expr})", "X", "A: n x n; B: n x n; X: n x n"


def derive_only(expression: str, wrt: str, where: str) -> str:
    """The gradient text by rules and simplification, without check() (too long to verify)."""
    node, declarations = parse_expression(expression, where)
    direction = build.symbol("d" + wrt, declarations[wrt].shape)
    df = differential(node, Variable(wrt, direction))
    return to_text(Simplifier(declarations)(gradient(df, direction)))


def candidate_time(case) -> float:
    """Seconds to derive and simplify one case, without check()."""
    start = time.perf_counter()
    node, declarations = parse_expression(case.expression, case.where)
    name = case.wrt[4:-1] if case.wrt.startswith("vec(") else case.wrt
    plan = _Plan(node, declarations[name], case.wrt.startswith("vec("), case.where, case.kind, case.layout)
    plan.candidate()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    todo = cases()
    if args.quick:
        todo = todo[:60]
    times, derive_times, ratios, outcomes, failures = [], [], [], Counter(), []
    for case in todo:
        derive_times.append(candidate_time(case))
        start = time.perf_counter()
        try:
            result = diff(case.expression, case.wrt, case.where, kind=case.kind, layout=case.layout)
        except NotVerified as exc:
            outcomes["refuted (bug)"] += 1
            failures.append((case.id, exc.derivative.identity))
            continue
        except IdentityError as exc:
            outcomes["error"] += 1
            failures.append((case.id, str(exc)))
            continue
        times.append(time.perf_counter() - start)
        outcomes[result.verdict.status + (" (differential only)" if result.form == "differential" else "")] += 1
        if result.form == "differential":
            continue
        ours = size(parse_identity(f"{result.expression} == {result.expression}", result.where).sides[0])
        theirs = size(parse_identity(case.identity, case.where).sides[-1])
        ratios.append((ours / theirs, case.id, result.expression, case.expected))
    print(f"catalogue derivatives: {len(todo)}  outcomes: {dict(outcomes)}")
    print(describe("diff incl. verification", times))
    print(describe("derivation + simplification", derive_times))
    if ratios:
        r = [x[0] for x in ratios]
        at_most = sum(x <= 1 for x in r) / len(r)
        print(
            f"size ours/catalogue over {len(r)} matrix-form results: <= 1 on {at_most:.0%}, "
            f"<= 1.5 on {sum(x <= 1.5 for x in r) / len(r):.0%}, <= 2 on {sum(x <= 2 for x in r) / len(r):.0%}, "
            f"median {statistics.median(r):.2f}, max {max(r):.2f}"
        )
        for ratio, ident, ours, theirs in sorted(ratios, reverse=True)[:8]:
            print(f"  {ratio:4.1f}  {ident}: {ours}   (catalogue: {theirs})")
    for ident, text in failures[:10]:
        print(f"  failed {ident}: {text[:200]}")
    print(
        "nested sum(sigmoid(tanh(A @ X) @ B) ...): derivation + simplification only; verification is"
        " bounded by the language's 2000-character identity limit"
    )
    for depth in (10, 20, 40):
        expr, wrt, where = chain(depth)
        samples = []
        for _ in range(5):
            start = time.perf_counter()
            try:
                text = derive_only(expr, wrt, where)
            except RecursionError:
                print(f"nested depth {depth}: FAILED (RecursionError after {time.perf_counter() - start:.1f} s)")
                break
            samples.append(time.perf_counter() - start)
        else:
            print(describe(f"nested depth {depth}", samples) + f"   result {len(text)} characters")


if __name__ == "__main__":
    main()
