"""Run one identity's sympy work in a forked process, hard-killed at the deadline.

sympy has no interruption points, so a runaway determinant can only be stopped from outside:
the child reports progress (which level, which sizes, what is done) so a timeout can still say
where it stopped and keep what was established.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class OutOfTime(Exception):
    """A step's own share of the time box ran out (raised inside the worker)."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` with SIGALRM (main thread only; elsewhere the box holds)."""
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame) -> None:
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-6))  # 0 would disable the timer
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_time_boxed(fn: Callable[..., Any], args: tuple, timeout: float) -> tuple[str, Any, Any, float]:
    """``(kind, payload, last_progress, seconds)``; kind is "done", "error" or "timeout".

    ``fn(*args, report)`` runs in the child; ``report(x)`` sends progress to the parent.
    """
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    start = time.monotonic()
    process = ctx.Process(target=_child, args=(sender, fn, args), daemon=True)
    process.start()
    sender.close()
    progress, kind, payload = None, "timeout", None
    try:
        while True:
            remaining = start + timeout - time.monotonic()
            if remaining <= 0 or not receiver.poll(remaining):
                break
            try:
                message, data = receiver.recv()
            except EOFError:
                kind, payload = "error", f"the worker died (exit code {process.exitcode})"
                break
            if message == "progress":
                progress = data
            else:
                kind, payload = message, data
                break
    finally:
        _stop(process)
        receiver.close()
    return kind, payload, progress, time.monotonic() - start


def _child(sender, fn, args) -> None:
    try:
        result = fn(*args, lambda data: sender.send(("progress", data)))
        sender.send(("done", result))
    except BaseException:  # noqa: BLE001 - everything must reach the parent as a reason
        sender.send(("error", traceback.format_exc(limit=4)))
    finally:
        sender.close()


def _stop(process) -> None:
    process.join(0.05)
    if process.is_alive():
        process.terminate()
        process.join(0.5)
    if process.is_alive():
        process.kill()
    process.join()
