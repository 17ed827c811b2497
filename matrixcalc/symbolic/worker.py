"""Run sympy work in a long-lived worker process, hard-killed (and replaced) at the deadline.

sympy has no interruption points, so a runaway determinant can only be stopped from outside.
Forking a process per check cost more than most checks (tens of milliseconds of fork and join
against a few of work), so one worker per calling process is started once and reused; only a
check that overruns its time box kills it, and the next check starts a fresh one. The worker
is started with the platform's start method (``spawn`` on macOS and Windows) or the one set by
``set_start_method``/``MATRIXCALC_START_METHOD``: everything it runs is a module-level function,
so it works whether or not the worker shares the parent's memory.

The child reports progress (which level, which sizes, what is done) so a timeout can still say
where it stopped and keep what was established.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

START_TIMEOUT = 120.0  # seconds for a new worker to import what it needs (spawn on a slow machine)
MAX_TASKS = 500  # checks per worker before it is replaced, so caches cannot grow without bound


class WorkerFailed(RuntimeError):
    """No worker process could be started."""


class OutOfTime(Exception):
    """A step's own share of the time box ran out (raised inside the worker)."""


class _Limit:
    """One open time limit: its deadline, what it raises, when it last fired, whether its block is done."""

    __slots__ = ("deadline", "exception", "fired", "spent")

    def __init__(self, deadline: float, exception: type[BaseException]) -> None:
        self.deadline, self.exception, self.fired, self.spent = deadline, exception, None, False

    def next_alarm(self) -> float:
        return self.deadline if self.fired is None else self.fired + REFIRE_SECONDS


# A signal handler can run inside a garbage-collector callback or a __del__ (hypothesis installs
# one), where Python swallows the exception ("Exception ignored in ..."). A limit whose block is
# still running this long after it fired fires again, so a swallowed deadline cannot let a check
# run unbounded.
REFIRE_SECONDS = 0.25

_limits: list[_Limit] = []  # open time limits, outermost first


def can_interrupt() -> bool:
    """True where SIGALRM can interrupt the running code (the main thread of a POSIX process)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, exception: type[BaseException] = OutOfTime) -> Iterator[None]:
    """Raise ``exception`` in the block after ``seconds`` (SIGALRM; elsewhere the box holds).

    Limits nest: an inner one never cancels an outer one, and when both have passed, the
    outermost's exception is raised, so each caller catches only its own deadline. A limit fires
    again only if its block is still running ``REFIRE_SECONDS`` later (the exception was
    swallowed where Python cannot raise); the clean-up of the blocks it unwinds is quicker.
    """
    if seconds is None or not can_interrupt():
        yield
        return
    _limits[:] = [limit for limit in _limits if not limit.spent]
    limit = _Limit(time.monotonic() + max(seconds, 1e-6), exception)
    previous = signal.signal(signal.SIGALRM, _expire)
    try:  # an outer limit may fire at any point from here on: the clean-up must still run
        _limits.append(limit)
        _arm()
        yield
    finally:
        limit.spent = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        if limit in _limits:
            _limits.remove(limit)
        if previous is not _expire:
            # the outermost limit: nothing may stay armed once the default handler is back, or a
            # stray SIGALRM would kill the process (a Sphinx reader child died so, silently)
            for stale in _limits:
                stale.spent = True
            _limits.clear()
        signal.signal(signal.SIGALRM, previous)
        _arm()


def _arm() -> None:
    alarms = [limit.next_alarm() for limit in _limits if not limit.spent]
    if alarms:
        signal.setitimer(signal.ITIMER_REAL, max(min(alarms) - time.monotonic(), 1e-6))  # 0 would disable it


def _expire(signum, frame) -> None:
    now = time.monotonic()
    for limit in _limits:
        if not limit.spent and limit.next_alarm() <= now:
            limit.fired = now
            _arm()
            raise limit.exception
    _arm()  # woke a little early: wait for the rest


class _Worker:
    """One child process serving tasks over a pipe, owned by the process that started it."""

    def __init__(self, method: str | None, preload: str) -> None:
        ctx = multiprocessing.get_context(method)
        self.method = ctx.get_start_method()
        self.owner = os.getpid()
        self.tasks = 0
        self.conn, child = ctx.Pipe(duplex=True)
        # progress goes through its own pipe, read only when a check ends: the parent sleeps until
        # the result (a wake-up per progress message costs a scheduler slice on a loaded machine)
        self.progress, progress_child = ctx.Pipe(duplex=False)
        self.process = ctx.Process(
            target=_serve, args=(child, progress_child, preload), daemon=True, name="matrixcalc-symbolic"
        )
        self.process.start()
        child.close()
        progress_child.close()
        try:
            ready = self.conn.poll(START_TIMEOUT) and self.conn.recv() == ("ready", None)
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise WorkerFailed(f"the symbolic worker did not start ({self.method}, exit code {self.process.exitcode})")

    def stop(self) -> None:
        """Kill the child (it may be deep inside sympy: no polite shutdown)."""
        if os.getpid() != self.owner:  # a forked copy of the owner must not touch the owner's child
            return
        self.conn.close()
        self.progress.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


_current: _Worker | None = None
_method: str | None = os.environ.get("MATRIXCALC_START_METHOD") or None
_lock = threading.Lock()


def set_start_method(method: str | None) -> None:
    """Start future workers with ``method`` ("fork", "spawn", "forkserver"; None: the default)."""
    global _method
    with _lock:
        _method = method
        _discard()


def start_method() -> str:
    """The start method the next check's worker uses."""
    return multiprocessing.get_context(_method).get_start_method()


def restart() -> None:
    """Replace the worker before the next check (e.g. after the parent's code was patched)."""
    with _lock:
        _discard()


def _discard() -> None:
    global _current
    if _current is not None:
        _current.stop()
    _current = None


def _worker(preload: str) -> _Worker:
    global _current
    if _current is not None and (
        _current.owner != os.getpid() or not _current.process.is_alive() or _current.tasks >= MAX_TASKS
    ):
        _discard()
    if _current is None:
        _current = _Worker(_method, preload)
    return _current


def run_time_boxed(fn: Callable[..., Any], args: tuple, timeout: float) -> tuple[str, Any, Any, float]:
    """``(kind, payload, last_progress, seconds)``; kind is "done", "error" or "timeout".

    ``fn(*args, report)`` runs in the worker (``fn`` must be a module-level function);
    ``report(x)`` sends progress to the parent. A timeout kills the worker.
    """
    with _lock:  # one check at a time per worker (Sphinx may verify from several threads)
        worker = _worker(fn.__module__)
        worker.tasks += 1
        start = time.monotonic()
        progress, kind, payload, died = None, "timeout", None, False
        try:
            worker.conn.send((fn, args))
            if worker.conn.poll(max(timeout, 0.0)):
                kind, payload = worker.conn.recv()
            while worker.progress.poll():
                progress = worker.progress.recv()
        except (EOFError, OSError):
            worker.process.join(1.0)
            kind, payload, died = "error", f"the worker died (exit code {worker.process.exitcode})", True
        if kind == "timeout" or died:
            _discard()  # overran, or died: the next check gets a fresh worker
        return kind, payload, progress, time.monotonic() - start


def _serve(conn, progress, preload: str) -> None:
    """The worker's loop: run each task, stream its progress, answer with its result or error.

    ``preload`` is the module of the first task's function: under spawn it is imported before
    the worker reports ready, so that no check's clock pays for it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it kills us
    importlib.import_module(preload)

    conn.send(("ready", None))
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        try:
            result = fn(*args, progress.send)
            conn.send(("done", result))
        except BaseException:  # noqa: BLE001 - everything must reach the parent as a reason
            conn.send(("error", traceback.format_exc(limit=4)))
