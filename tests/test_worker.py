"""The time-boxed symbolic worker: reused across checks, killed at the deadline, and started by spawn.

macOS and Windows start processes with ``spawn`` (nothing is inherited from the parent), so the
worker is forced to spawn here and must still prove, refute and time out.
"""

from __future__ import annotations

import os
import time

import pytest

from matrixcalc.language import parse_identity
from matrixcalc.symbolic import check as check_module
from matrixcalc.symbolic import check_symbolic, worker

TRUE = ("d(tr(A @ X @ B), X) == A.T @ B.T", "A: p x m; X: m x n; B: n x p")
FALSE = ("d(tr(A @ X @ B), X) == A @ B", "A: n x n; X: n x n; B: n x n")
SHIFTED = "inv(A + X.T @ C @ X)"
SLOW = (  # true, and slow to check exactly at large sizes
    f"d(tr({SHIFTED} @ X.T @ B @ X), X) == B @ X @ {SHIFTED} + B.T @ X @ inv(A.T + X.T @ C.T @ X)"
    f" - C @ X @ {SHIFTED} @ X.T @ B @ X @ {SHIFTED}"
    " - C.T @ X @ inv(A.T + X.T @ C.T @ X) @ X.T @ B.T @ X @ inv(A.T + X.T @ C.T @ X)",
    "X: m x n; A: n x n; B: m x m; C: m x m",
)


SLOW_SIZES = {  # exact evaluation at m = n = 50 takes ~17 s on an idle machine: a timeout of seconds is certain
    "proof_sizes": {"m": 2, "n": 2},  # (m = n = 30 took 25 s before rational products went to python-flint, 2 s since)
    "exact_sizes": [{"m": 50, "n": 50}],
}


def symbolic(case: tuple[str, str], **options):
    return check_symbolic(parse_identity(*case), seed=7, **options)


@pytest.fixture(params=["spawn", "fork"])
def in_worker(request, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every check goes to the worker (no inline attempt), started with the given method."""
    monkeypatch.setattr(check_module, "INLINE_SECONDS", 0.0)
    worker.set_start_method(request.param)
    yield request.param
    worker.set_start_method(None)


def test_true_identity_is_proved_in_the_worker(in_worker: str) -> None:
    evidence, counterexample = symbolic(TRUE, timeout=120)  # spawn imports sympy first
    assert counterexample is None and evidence.complete and evidence.proved
    assert worker.start_method() == in_worker
    assert worker._current is not None and worker._current.process.pid != os.getpid()


def test_false_identity_gets_an_exact_counterexample_from_the_worker(in_worker: str) -> None:
    evidence, counterexample = symbolic(FALSE, timeout=120)
    assert counterexample is not None and counterexample.exact
    assert "exact counterexample" in evidence.reason


def test_an_overrun_kills_the_worker_and_the_next_check_gets_a_new_one(in_worker: str) -> None:
    symbolic(TRUE, timeout=120)  # the worker is up (spawn start-up is not part of the box below)
    first = worker._current.process
    start = time.monotonic()
    evidence, counterexample = symbolic(SLOW, timeout=2, **SLOW_SIZES)
    assert time.monotonic() - start < 10
    assert counterexample is None and not evidence.complete
    assert evidence.reason.startswith("timed out after 2s")
    assert not first.is_alive()
    evidence, _ = symbolic(TRUE, timeout=120)
    assert evidence.complete and worker._current.process is not first


def test_the_worker_is_reused_across_checks(in_worker: str) -> None:
    symbolic(TRUE, timeout=120)
    first = worker._current.process
    symbolic(FALSE, timeout=120)
    symbolic(TRUE, timeout=120)
    assert worker._current.process is first


def test_cheap_checks_run_inline_and_overruns_move_to_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_module, "INLINE_SECONDS", 0.25)
    worker.restart()
    evidence, _ = symbolic(TRUE, timeout=20)
    assert evidence.complete and worker._current is None  # done inline: no process was started
    evidence, _ = symbolic(SLOW, timeout=3, **SLOW_SIZES)
    assert worker._current is None  # the overrun killed the worker that took over
    assert evidence.reason.startswith("timed out after 3s")


def test_a_swallowed_deadline_fires_again() -> None:
    """The alarm can land in a gc callback or __del__, where Python swallows the exception: the
    limit must fire again rather than let the block run unbounded (hypothesis installs such a hook)."""
    swallowed = 0
    start = time.monotonic()
    with pytest.raises(worker.OutOfTime):
        with worker.time_limit(0.2):
            while time.monotonic() - start < 10:
                try:
                    time.sleep(0.05)
                except worker.OutOfTime:  # what "Exception ignored in ..." amounts to
                    if swallowed == 0:
                        swallowed += 1
                        continue
                    raise
    assert swallowed == 1
    assert time.monotonic() - start < 2


def test_nothing_stays_armed_after_the_outermost_limit() -> None:
    """A limit whose block never cleaned up (an outer alarm landed in its set-up) must not arm a
    SIGALRM after the default handler is back: that signal would kill the process silently."""
    import signal

    with worker.time_limit(5.0):
        worker._limits.append(worker._Limit(time.monotonic() + 0.3, worker.OutOfTime))  # a stale limit
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert worker._limits == []
    assert signal.getsignal(signal.SIGALRM) is not worker._expire


def test_nested_time_limits_keep_the_outer_deadline() -> None:
    class Outer(BaseException):
        pass

    start = time.monotonic()
    with pytest.raises(Outer):
        with worker.time_limit(0.3, Outer):
            with worker.time_limit(5.0):  # an inner, longer limit must not cancel the outer one
                time.sleep(3)
    assert time.monotonic() - start < 1.5
    with pytest.raises(worker.OutOfTime):
        with worker.time_limit(5.0, Outer):
            with worker.time_limit(0.2):
                time.sleep(3)
    assert all(limit.spent for limit in worker._limits)  # nothing left armed to fire later
    time.sleep(0.5)  # and no stray alarm arrives
