"""Load test of ``matrixcalc serve``: many clients, honest and hostile, against a local server.

Starts ``matrixcalc serve --workers 2`` on a free port of 127.0.0.1 (the built site if there is
one, else a one-page site), then runs ``--clients`` concurrent clients for ``--seconds``. They arrive over the first
think time; each client sends a request, waits for the answer, thinks for 1-3 s (a quick reader) and
sends the next (``--think``). 80 % of requests are honest derivatives (a dozen textbook cases, each with a
fresh coefficient so no cache answers it); 20 % are hostile: deep nesting, huge powers,
megabyte bodies, derivatives that blow up (rejected by the cost limits, or about a second of
numeric work), undeclared symbols, fields over 4,000 characters.

Reported: requests served, the p50/p95/p99 latency of honest requests, answers by status, and
dropped connections (a transport error or no answer). The target is zero 5xx, zero dropped
connections and an honest p95 under 1 s. Only loopback addresses; bounded in time.

    .venv/bin/python benchmarks/load.py [--clients 50] [--seconds 60] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
HONEST = [
    ("tr(J.T @ X @ Y)", "X", "J: m x p; X: m x n; Y: n x p"),
    ("X @ Y", "X", "X: m x n; Y: n x p"),
    ("norm(A @ x - b) ** 2", "x", "A: m x n; x: n; b: m"),
    ("sum(log(ones(n) + exp(-(y * (X @ w)))))", "w", "X: n x p; y: n; w: p"),
    ("log(sum(exp(z))) - y.T @ z", "z", "z: n; y: n"),
    ("a.T @ inv(X) @ b", "X", "a: n; b: n; X: n x n"),
    ("logdet(S)", "S", "S: n x n spd"),
    ("x.T @ A @ x", "x", "A: n x n; x: n"),
    ("tr(A @ X @ B @ X.T)", "X", "A: n x n; B: m x m; X: n x m"),
    ("tanh(W @ x)", "x", "W: h x n; x: n"),
    ("det(X)", "X", "X: n x n"),
    ("-logdet(S) / 2 - (x - m).T @ inv(S) @ (x - m) / 2", "m", "x: n; m: n; S: n x n spd"),
]


def honest() -> dict:
    expression, wrt, where = random.choice(HONEST)
    return {"expression": f"{random.randint(2, 10_000)} * ({expression})", "wrt": wrt, "where": where}


def hostile() -> tuple[str, bytes]:
    """(kind, body) of one hostile request."""
    kind = random.choice(["nesting", "power", "megabyte", "blow-up", "slow", "undeclared", "long"])
    body: object
    if kind == "nesting":
        depth = random.randint(41, 1900)  # past the parser's limit of 40, under 4,000 characters
        body = {"expression": "(" * depth + "x" + ")" * depth, "wrt": "x", "where": "x: n"}
    elif kind == "power":
        body = {"expression": f"tr(X ** {10**9 + random.randint(0, 99)})", "wrt": "X", "where": "X: n x n"}
    elif kind == "megabyte":
        return kind, json.dumps({"expression": "x" * 1_000_000, "wrt": "x", "where": "x: n"}).encode()
    elif kind == "blow-up":
        k = random.randint(2, 10_000)
        body = {"expression": f"{k} * det(inv(X + inv(X + inv(X + inv(X + inv(X))))))", "wrt": "X", "where": "X: n x n"}
    elif kind == "slow":
        k = random.randint(2, 10_000)
        where = "X: n x n; A: n x n; B: n x n"
        body = {"expression": f"{k} * sum(exp(kron(kron(X, A), kron(X, B))))", "wrt": "X", "where": where}
    elif kind == "undeclared":
        body = {"expression": "tr(Q @ X)", "wrt": "X", "where": "X: n x n"}
    else:
        body = {"expression": " + ".join(["tr(X)"] * 1000), "wrt": "X", "where": "X: n x n"}
    return kind, json.dumps(body).encode()


class Tally:
    def __init__(self) -> None:
        self.honest: list[float] = []
        self.queue: list[float] = []  # of honest requests, from the server's Server-Timing header
        self.work: list[float] = []
        self.statuses: Counter[str] = Counter()
        self.hostile: Counter[str] = Counter()
        self.dropped: Counter[str] = Counter()


async def client(base: str, stop: float, tally: Tally, think: tuple[float, float], hostile_share: float) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        await asyncio.sleep(random.uniform(0, think[1]))  # clients arrive over one think time, not all at once
        while time.monotonic() < stop:
            is_honest = random.random() >= hostile_share
            kind, body = ("honest", json.dumps(honest()).encode()) if is_honest else hostile()
            start = time.monotonic()
            try:
                response = await http.post("/api/diff", content=body, headers={"Content-Type": "application/json"})
            except httpx.HTTPError as exc:
                tally.dropped[type(exc).__name__] += 1
                continue
            seconds = time.monotonic() - start
            detail = "" if response.status_code in (200, 400, 413) else f" {response.json().get('status')}"
            tally.statuses[f"{kind} {response.status_code}{detail}"] += 1
            if is_honest and response.status_code == 200:
                tally.honest.append(seconds)
                timing = dict(part.split(";dur=") for part in response.headers["Server-Timing"].split(", "))
                tally.queue.append(float(timing["queue"]) / 1000)
                tally.work.append(float(timing["work"]) / 1000)
            await asyncio.sleep(random.uniform(*think))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(workers: int, timeout: float) -> tuple[subprocess.Popen, str, tempfile.TemporaryDirectory]:
    scratch = tempfile.TemporaryDirectory()
    site = ROOT / "build" / "html"
    if not (site / "index.html").exists():
        site = Path(scratch.name)
        (site / "index.html").write_text("<!DOCTYPE html><title>load</title>", encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "matrixcalc", "serve", "--site", str(site), "--port", str(port)]
    command += ["--workers", str(workers), "--timeout", str(timeout)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return process, base, scratch
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hostile", type=float, default=0.2, help="share of hostile requests (0.2)")
    parser.add_argument(
        "--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"), help="seconds between requests"
    )
    args = parser.parse_args()
    random.seed(args.seed)
    process, base, scratch = start_server(args.workers, args.timeout)
    tally = Tally()
    try:
        start = time.monotonic()
        stop = start + args.seconds

        async def run_all() -> None:
            think = (args.think[0], args.think[1])
            clients = (client(base, stop, tally, think, args.hostile) for _ in range(args.clients))
            await asyncio.gather(*clients)

        asyncio.run(run_all())
        elapsed = time.monotonic() - start
    finally:
        process.send_signal(2)
        try:
            _, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
        scratch.cleanup()
    served = sum(tally.statuses.values())
    server_errors = sum(n for key, n in tally.statuses.items() if key.split()[-1].startswith("5"))
    print(
        f"{args.clients} clients (thinking {args.think[0]:g}-{args.think[1]:g} s, {args.hostile:.0%} hostile), "
        f"{args.workers} workers, "
        f"{elapsed:.0f} s: {served} requests served ({served / elapsed:.1f}/s)"
    )
    if tally.honest:
        p50, p95, p99 = (percentile(tally.honest, q) for q in (50, 95, 99))
        print(
            f"honest 200s: {len(tally.honest)}; latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
            f"p99 {p99 * 1000:.0f} ms, max {max(tally.honest) * 1000:.0f} ms"
        )
        for label, values in (("waiting in the queue", tally.queue), ("in a worker", tally.work)):
            p50, p95 = (percentile(values, q) for q in (50, 95))
            print(f"  of which {label}: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    for key, n in sorted(tally.statuses.items()):
        print(f"  {key}: {n}")
    print(f"5xx: {server_errors}; dropped connections: {sum(tally.dropped.values())} {dict(tally.dropped)}")
    print(f"tracebacks in the server's log: {err.count('Traceback')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
