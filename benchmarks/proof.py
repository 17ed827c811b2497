"""Coverage and cost of the proof kernel on the site's identities.

Run: ``.venv/bin/python benchmarks/proof.py`` (``--misses`` lists every true identity without a proof).

Reads the identities from the pages under ``docs/`` (as the pytest plugin does, no Sphinx), and
for every true one (not ``:expect: false``) asks the kernel for a proof for every size. Prints the
share proved per page and overall, the reason classes of the rest, and the time the proof adds
per identity (median, p90, max, and the total a site build spends in the kernel). The documented
mistakes are run too: none may be proved. The cold site build is timed by ``benchmarks/build_site.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matrixcalc.documents import find_blocks  # noqa: E402
from matrixcalc.errors import IdentityError  # noqa: E402
from matrixcalc.language import parse_identity  # noqa: E402
from matrixcalc.proof import prove  # noqa: E402


def entries() -> list[tuple[str, str, str, str, bool]]:
    """(page, id, identity, where, expect) for every identity directive of the site."""
    out = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for block in find_blocks(path):
            if block.kind == "identity":
                expect = block.options.get("expect", "true").strip() != "false"
                page = str(path.relative_to(ROOT / "docs"))
                out.append((page, block.ident, " ".join(block.body), block.options.get("where", ""), expect))
    return out


def reason_class(reason: str) -> str:
    """The class of a missing proof, as reported: rational identity, complex, no rule, ..."""
    kind = reason.split(":")[0]
    return {"no common normal form": "no common normal form (rational identity or a missing rule)"}.get(kind, kind)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list every true identity without a proof")
    args = parser.parse_args()
    per_page: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    reasons: Counter[str] = Counter()
    seconds, misses, mistakes_proved = [], [], []
    for page, ident, text, where, expect in entries():
        try:
            parsed = parse_identity(text, where)
        except IdentityError:
            continue
        start = time.perf_counter()
        proof = prove(parsed)
        seconds.append(time.perf_counter() - start)
        if not expect:
            if proof.all_sizes:
                mistakes_proved.append(ident)
            continue
        per_page[page][1] += 1
        if proof.all_sizes:
            per_page[page][0] += 1
        else:
            reasons[reason_class(proof.reason or "")] += 1
            misses.append(f"{page} {ident}: {proof.reason}")
    print(f"{'page':<40} proved / true")
    for page, (proved, total) in sorted(per_page.items()):
        print(f"{page:<40} {proved:>4} / {total:<4} {100 * proved / total:5.1f} %")
    proved = sum(p for p, _ in per_page.values())
    total = sum(t for _, t in per_page.values())
    print(f"{'all pages':<40} {proved:>4} / {total:<4} {100 * proved / total:5.1f} %")
    print("without a proof, by reason:")
    for reason, count in reasons.most_common():
        print(f"  {count:>4}  {reason}")
    print(f"documented mistakes proved (must be none): {mistakes_proved or 'none'}")
    ms = sorted(s * 1000 for s in seconds)
    print(
        f"cost of the proof per identity: median {statistics.median(ms):.2f} ms, "
        f"p90 {ms[int(0.9 * (len(ms) - 1))]:.2f} ms, max {ms[-1]:.2f} ms, total {sum(ms) / 1000:.2f} s (n={len(ms)})"
    )
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
