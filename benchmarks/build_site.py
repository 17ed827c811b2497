"""Time Sphinx builds of a synthetic matrixcalc site: cold, warm, one edit, verification off.

A script that prints figures, not a test. For each N it writes N true textbook identities (the
same few, made distinct by renaming their symbols) on pages of ten and runs ``sphinx-build`` in a
fresh process for each scenario, so the times include start-up as a reader of CI would see it.

    python benchmarks/build_site.py            # N = 25 and 250
    python benchmarks/build_site.py 25 --jobs 2
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from matrixcalc.doccheck.fingerprint import verifier_fingerprint

TEXTBOOK = [
    ("d(tr(A @ X @ B), X) == A.T @ B.T", "A: p x m; X: m x n; B: n x p"),
    ("d(x.T @ A @ x, x) == (A + A.T) @ x", "x: n; A: n x n"),
    ("d(a.T @ x, x) == a", "a: n; x: n"),
    ("d(tr(X), X) == I(n)", "X: n x n"),
    ("d(tr(X.T @ A), X) == A", "X: m x n; A: m x n"),
    ("d(det(X), X) == det(X) * inv(X).T", "X: n x n invertible"),
    ("d(logdet(X), X) == inv(X).T", "X: n x n"),
    ("jac(vec(X @ Y), vec(X)) == kron(Y.T, I(m))", "X: m x p; Y: p x q"),
    ("d(frob(J, X @ Y), X) == J @ Y.T", "J: m x n; X: m x p; Y: p x n"),
    ("d(tr(X @ X), X) == 2 * X.T", "X: n x n"),
    ("d(norm(x) ** 2, x) == 2 * x", "x: n"),
    ("d(tr(A @ X.T @ B), X) == B @ A", "A: p x n; X: m x n; B: m x p"),
    ("d(a.T @ X @ b, X) == a @ b.T", "a: m; X: m x n; b: n"),
    ("d(tr(inv(X) @ A), X) == -(inv(X) @ A @ inv(X)).T", "X: n x n invertible; A: n x n"),
    ("hess(x.T @ A @ x, x) == A + A.T", "x: n; A: n x n"),
    ("differential(frob(J, X @ Y), X, dX) == frob(J @ Y.T, dX)", "J: m x n; X: m x p; Y: p x n; dX: m x p"),
]
PER_PAGE = 10
FINGERPRINT = verifier_fingerprint()
CONF = """\
extensions = ["myst_parser", "matrixcalc.sphinxext"]
project = "benchmark"
matrixcalc_cache_dir = {cache!r}
"""


def renamed(identity: str, where: str, suffix: int) -> tuple[str, str]:
    """The same identity with every declared symbol renamed (``X`` -> ``X7``)."""
    decls = [decl.strip().split(":", 1) for decl in where.split(";")]
    for name, _ in decls:
        identity = re.sub(rf"\b{re.escape(name)}\b", f"{name}{suffix}", identity)
    return identity, "; ".join(f"{name}{suffix}:{shape}" for name, shape in decls)


def identities(count: int) -> list[tuple[str, str]]:
    """``count`` distinct true identities."""
    return [renamed(*TEXTBOOK[i % len(TEXTBOOK)], i // len(TEXTBOOK)) for i in range(count)]


def block(index: int, identity: str, where: str) -> str:
    return f"```{{identity}} id-{index}\n:title: Identity {index}\n:where: {where}\n{identity}\n```\n"


def write_project(root: Path, count: int) -> None:
    """conf.py, an index with a toctree, and pages of ten identities."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF.format(cache=str(root / ".cache")), encoding="utf-8")
    items = identities(count)
    pages = [items[i : i + PER_PAGE] for i in range(0, count, PER_PAGE)]
    toctree = "\n".join(f"page{p}" for p in range(len(pages)))
    (root / "index.md").write_text(f"# Benchmark\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    for p, page in enumerate(pages):
        body = "\n".join(block(p * PER_PAGE + i, *item) for i, item in enumerate(page))
        (root / f"page{p}.md").write_text(f"# Page {p}\n\n{body}", encoding="utf-8")


def edit_one(root: Path) -> None:
    """Replace the first identity by another true one that was not on the site yet."""
    page = root / "page0.md"
    identity, where = identities(1)[0]
    fresh = renamed(*TEXTBOOK[0], 999)
    text = page.read_text(encoding="utf-8").replace(identity, fresh[0], 1).replace(where, fresh[1], 1)
    page.write_text(text, encoding="utf-8")


def child_cpu() -> float:
    """CPU seconds used so far by finished child processes (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(root: Path, out: Path, jobs: int, *extra: str) -> tuple[float, float]:
    """Wall and CPU seconds of one ``sphinx-build`` process; fails loudly if the build does."""
    # the fingerprint is taken once, so an engine edit made while this runs cannot turn a warm
    # rebuild into a full re-verification halfway through the figures
    pinned = ["-D", f"matrixcalc_fingerprint={FINGERPRINT}"]
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-j", str(jobs), *pinned, *extra]
    command += [str(root), str(out)]
    start, cpu = time.perf_counter(), child_cpu()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds, cpu = time.perf_counter() - start, child_cpu() - cpu
    if result.returncode != 0:
        sys.exit(f"build failed ({' '.join(command)}):\n{result.stderr[-3000:]}")
    return seconds, cpu


def measure(count: int, workdir: Path, jobs: int) -> dict[str, tuple[float, float]]:
    """All scenarios for one site size: name -> (wall seconds, CPU seconds)."""
    root = workdir / f"site{count}"
    write_project(root, count)
    out, off = workdir / f"out{count}", workdir / f"off{count}"
    times = {"cold": build(root, out, jobs)}
    times["warm"] = build(root, out, jobs)
    times["full, warm cache"] = build(root, out, jobs, "-E")
    times["verify off"] = build(root, off, jobs, "-E", "-D", "matrixcalc_verify=0")
    edit_one(root)
    times["one edit"] = build(root, out, jobs)
    return times


def report(count: int, times: dict[str, tuple[float, float]]) -> None:
    """Print one site's figures and the ratios the targets are stated in (wall, and CPU)."""
    print(f"\nN = {count}                 wall      CPU")
    for name, (wall, cpu) in times.items():
        print(f"  {name:<18} {wall:7.2f} s {cpu:7.2f} s")
    for column, label in ((0, "wall"), (1, "CPU")):
        cold, off, cached = times["cold"][column], times["verify off"][column], times["full, warm cache"][column]
        print(
            f"  [{label}] per identity: cold {1000 * cold / count:.1f} ms, "
            f"of which verification {1000 * max(cold - off, 0.0) / count:.1f} ms; "
            f"warm-cache overhead vs verify off {cached / off:.2f}x (target <= 1.3x); "
            f"warm rebuild {times['warm'][column]:.2f} s (target <= 3 s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[25, 250])
    parser.add_argument("--jobs", type=int, default=1, help="sphinx-build -j")
    parser.add_argument("--keep", type=Path, help="build here and keep the projects (default: a temp dir)")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="matrixcalc-bench-"))
    results = {count: measure(count, workdir, args.jobs) for count in args.sizes}
    for count, times in results.items():
        report(count, times)
    if len(results) > 1:
        (small, a), (large, b) = min(results.items()), max(results.items())
        for column, label in ((0, "wall"), (1, "CPU")):
            per_small = (a["cold"][column] - a["verify off"][column]) / small
            per_large = (b["cold"][column] - b["verify off"][column]) / large
            flat = per_large / max(per_small, 1e-9)
            print(
                f"\n[{label}] verification cost per identity, N={large} vs N={small}: "
                f"{1000 * per_large:.1f} ms vs {1000 * per_small:.1f} ms = {flat:.2f}x (target ~1x)"
            )
    if args.keep is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
