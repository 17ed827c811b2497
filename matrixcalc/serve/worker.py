"""One pool process: capped, in its own process group, answering tasks over a pipe until killed.

The process leads a new process group, so that the pool can kill it together with the
symbolic worker it forks for each check (``matrixcalc.symbolic.worker``). Its address space is
capped with ``RLIMIT_AS``; a request that needs more gets a ``MemoryError`` (answered as 422) or,
if it dies, a fresh process. The engine's own time limits use SIGALRM, so tasks run in this
process's main thread.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import traceback

from . import tasks

READY = "ready"


def cap_memory(megabytes: int | None) -> None:
    """Limit this process (and what it forks) to ``megabytes`` of address space."""
    if not megabytes:
        return
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main(conn, memory_mb: int | None, nice: int = 0) -> None:
    """The process's life: isolate, warm the engine (``tasks``), then answer (name, fields, timeout) tasks."""
    os.setsid()
    if nice:
        os.nice(nice)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's; it kills us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    cap_memory(memory_mb)  # first, so the symbolic worker forked while warming inherits the cap

    _warm(tasks)
    conn.send(READY)
    while True:
        try:
            name, fields, timeout = conn.recv()
        except (EOFError, OSError):
            return  # the server is gone
        try:
            answer = tasks.run(name, fields, timeout)
        except Exception as exc:  # noqa: BLE001 - a bug in the engine: a message for the user ...
            traceback.print_exc(file=sys.stderr)  # ... and the traceback for the operator, in the server's log
            answer = (
                422,
                {
                    "status": "internal-error",
                    "message": f"the engine failed on this input ({type(exc).__name__}); please report it",
                },
            )
        conn.send(answer)


def _warm(tasks) -> None:
    """Load the engine and start its symbolic worker before the first request, so it does not wait."""
    fields = {"expression": "tr(X)", "wrt": "X", "where": "X: n x n", "kind": "auto", "layout": "denominator"}
    tasks.run("diff", {**fields, "steps": True}, 10.0)
