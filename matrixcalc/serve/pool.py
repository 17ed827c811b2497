"""A bounded queue in front of a few worker processes, each killed and replaced at its deadline.

``concurrent.futures.ProcessPoolExecutor`` cannot stop one stuck task: its workers are shared
and a killed one breaks the whole pool. Here each worker is a ``Slot`` owned by one request at a
time. The request waits on the slot's pipe from the event loop; past the deadline the slot's
process group (the worker and the symbolic worker it forked) is killed, the request is answered
422 and a fresh process takes the slot. Requests beyond the workers wait in a queue of bounded
length; one more is refused with 429 and ``Retry-After``. Requests predicted to be expensive
(``lanes``) run only on some workers, started with a higher niceness, and within a budget of
their time, so light ones always find a worker and get the CPU first.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import math
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator

from . import worker
from .limits import ApiError

START_TIMEOUT = 120.0  # seconds for a new worker to load the engine (a loaded machine, a cold disk)
MAX_TASKS = 2_000  # requests per worker before it is replaced, so no cache grows without bound
PRELOAD = ["matrixcalc.serve.tasks", "matrixcalc.calculus.derive", "matrixcalc.calculus.find", "matrixcalc.verify"]
HEAVY_NICENESS = 10  # the workers that take heavy requests yield the CPU to the others
HEAVY_SHARE = 0.5  # of the niced workers' time, at most, for heavy requests ...
HEAVY_WINDOW = 30.0  # ... over this many seconds
# One BLAS thread per worker: the pool is the parallelism, and each thread reserves address space.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class Slot:
    """One worker process and the server's end of its pipe; a ``niced`` one also takes heavy requests."""

    def __init__(self, context, memory_mb: int | None, niced: bool) -> None:
        self.niced = niced
        self.conn, child = context.Pipe(duplex=True)
        nice = HEAVY_NICENESS if niced else 0
        # not a daemon: the engine starts its own symbolic worker process, which a daemon may not
        self.process = context.Process(target=worker.main, args=(child, memory_mb, nice), name="matrixcalc-serve")
        self.process.start()
        child.close()
        self.tasks = 0

    def kill(self) -> None:
        """Kill the worker's process group: the worker and whatever it forked."""
        pid = self.process.pid
        with contextlib.suppress(ProcessLookupError, PermissionError, TypeError):
            if pid is not None and os.getpgid(pid) == pid:  # it has made its own group
                os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError, AttributeError):
            self.process.kill()
        self.conn.close()


class Budget:
    """Worker-seconds spent on heavy requests over the last ``window`` seconds, against an allowance.

    The niced workers may spend at most ``share`` of their time on heavy requests; past that a
    new heavy request is refused (429) until the window has moved on. Light requests then keep
    every worker for the rest of the time, however many expensive requests arrive.
    """

    def __init__(
        self, places: int, share: float = HEAVY_SHARE, window: float = HEAVY_WINDOW, clock=time.monotonic
    ) -> None:
        self.window, self.allowance, self.clock = window, places * share * window, clock
        self._finished: collections.deque[tuple[float, float]] = collections.deque()  # (start, end)
        self._running: dict[int, float] = {}  # task number -> start
        self._keys = itertools.count()

    def spent(self, now: float) -> float:
        since = now - self.window
        while self._finished and self._finished[0][1] < since:
            self._finished.popleft()
        finished = sum(end - max(start, since) for start, end in self._finished)
        return finished + sum(now - max(start, since) for start in self._running.values())

    def allows(self, now: float) -> bool:
        return self.spent(now) < self.allowance

    def wait(self, now: float) -> int:
        """Whole seconds until the window has likely freed enough of the allowance."""
        return max(1, math.ceil(self.spent(now) - self.allowance) + 1)

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """Count the block's time against the allowance, while it runs and after."""
        start, key = self.clock(), next(self._keys)
        self._running[key] = start
        try:
            yield
        finally:
            del self._running[key]
            self._finished.append((start, self.clock()))


class Pool:
    """``workers`` processes; ``queue`` requests may wait for one; each runs at most ``timeout`` seconds.

    Heavy requests (``lanes.is_heavy``) run only on the niced workers, half of them (none when
    there is one worker), so they never hold every worker and, on a busy machine, yield the CPU
    to light ones; an eighth of the queue may wait for them. Light requests take a free worker,
    a plain one first.
    """

    def __init__(
        self, workers: int, timeout: float, *, queue: int = 64, memory_mb: int | None = 2048, method: str = "forkserver"
    ) -> None:
        self.workers, self.timeout, self.queue, self.memory_mb = workers, timeout, queue, memory_mb
        self.context = multiprocessing.get_context(method)
        if method == "forkserver":
            self.context.set_forkserver_preload(PRELOAD)
        self.niced = workers // 2
        self.heavy_queue = max(1, queue // 8)
        self.budget = Budget(self.niced)
        self.waiting = {"light": 0, "heavy": 0}
        self.replaced = 0
        self._free: list[Slot] = []
        self._waiters: collections.deque[tuple[asyncio.Future, bool]] = collections.deque()
        self._slots: set[Slot] = set()
        self._starting: set[asyncio.Task] = set()
        self._service = {"light": 0.1, "heavy": 1.0}  # running means of seconds per request, for Retry-After

    async def start(self) -> None:
        """Start every worker and wait until all are ready (they load and warm the engine)."""
        for name, value in SINGLE_THREADED.items():
            os.environ.setdefault(name, value)
        await asyncio.gather(*(self._add(niced=i < self.niced) for i in range(self.workers)))

    async def close(self) -> None:
        """Kill every worker, those still starting included."""
        for task in self._starting:
            task.cancel()
        await asyncio.gather(*self._starting, return_exceptions=True)
        for slot in list(self._slots):
            slot.kill()
        await asyncio.gather(*(asyncio.to_thread(slot.process.join, 5) for slot in self._slots))
        self._slots.clear()

    async def run(self, name: str, fields: dict, heavy: bool = False) -> tuple[int, dict, dict[str, float]]:
        """Run a task on the next free worker of its lane: (HTTP status, JSON body, seconds queued and working)."""
        lane = "heavy" if heavy and self.niced else "light"
        queued = time.monotonic()
        if lane == "heavy" and not self.budget.allows(queued):
            body = {"status": "busy", "message": "too many expensive requests just now; try again shortly"}
            raise ApiError(429, body, {"Retry-After": str(self.budget.wait(queued))})
        slot = self._take(lane == "heavy")
        if slot is None:
            limit = self.heavy_queue if lane == "heavy" else self.queue
            if self.waiting[lane] >= limit:
                raise self._busy(lane)
            self.waiting[lane] += 1
            try:
                slot = await self._wait(lane == "heavy")
            finally:
                self.waiting[lane] -= 1
        start = time.monotonic()
        with self.budget.running() if lane == "heavy" else contextlib.nullcontext():
            status_code, body = await self._on(slot, name, fields)
        seconds = time.monotonic() - start
        self._service[lane] += 0.05 * (seconds - self._service[lane])
        return status_code, body, {"queue": start - queued, "work": seconds}

    def _take(self, heavy: bool) -> Slot | None:
        """A free worker for the lane, if there is one: a niced one for heavy work, a plain one first for light."""
        usable = [slot for slot in self._free if slot.niced or not heavy]
        if not usable:
            return None
        slot = min(usable, key=lambda s: s.niced)
        self._free.remove(slot)
        return slot

    async def _wait(self, heavy: bool) -> Slot:
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append((waiter, heavy))
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._release(waiter.result())  # handed over just as the request went away
            raise
        finally:
            with contextlib.suppress(ValueError):
                self._waiters.remove((waiter, heavy))

    def _release(self, slot: Slot) -> None:
        """Hand a free worker to the first waiter that may use it, else keep it free."""
        for waiter, heavy in self._waiters:
            if not waiter.done() and (slot.niced or not heavy):
                self._waiters.remove((waiter, heavy))
                waiter.set_result(slot)
                return
        self._free.append(slot)

    def _busy(self, lane: str) -> ApiError:
        """429 with Retry-After: whole seconds until a place in the lane's queue is likely free."""
        places = self.niced if lane == "heavy" else self.workers
        seconds = max(1, math.ceil(self._service[lane] * (self.waiting[lane] + 1) / places))
        body = {"status": "busy", "message": "the server is busy; try again in a moment"}
        return ApiError(429, body, {"Retry-After": str(seconds)})

    async def _on(self, slot: Slot, name: str, fields: dict) -> tuple[int, dict]:
        loop = asyncio.get_running_loop()
        try:
            slot.conn.send((name, fields, self.timeout))
            answer = await asyncio.wait_for(self._receive(loop, slot), self.timeout)
        except TimeoutError:
            self._replace(slot)
            return 422, {
                "status": "timeout",
                "message": f"stopped after the time limit of {self.timeout:g} s; try a smaller expression",
            }
        except (EOFError, OSError):
            self._replace(slot)
            return 422, {
                "status": "stopped",
                "message": "the worker computing this stopped (most likely past its memory cap) and was replaced",
            }
        except BaseException:  # the client went away (cancelled): the worker may still be busy
            self._replace(slot)
            raise
        slot.tasks += 1
        if slot.tasks >= MAX_TASKS:
            self._replace(slot)
        else:
            self._release(slot)
        return answer

    async def _receive(self, loop: asyncio.AbstractEventLoop, slot: Slot):
        """The slot's next message, read when the pipe is readable (the loop is never blocked waiting)."""
        ready = loop.create_future()
        fd = slot.conn.fileno()
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
        try:
            await ready
        finally:
            loop.remove_reader(fd)
        return slot.conn.recv()

    def _replace(self, slot: Slot) -> None:
        """Kill the slot's processes now; a fresh worker joins the pool when it is ready."""
        self._slots.discard(slot)
        slot.kill()
        self.replaced += 1
        task = asyncio.get_running_loop().create_task(self._add(slot.niced, old=slot))
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    async def _add(self, niced: bool, old: Slot | None = None) -> None:
        if old is not None:
            await asyncio.to_thread(old.process.join, 5)
        while True:
            slot = Slot(self.context, self.memory_mb, niced)
            try:
                message = await asyncio.wait_for(self._receive(asyncio.get_running_loop(), slot), START_TIMEOUT)
                if message == worker.READY:
                    break
            except (TimeoutError, EOFError, OSError):
                pass
            except asyncio.CancelledError:  # the server is stopping
                slot.kill()
                raise
            slot.kill()
            await asyncio.to_thread(slot.process.join, 5)
            await asyncio.sleep(1.0)  # then try again: a worker that cannot start must not spin
        self._slots.add(slot)
        self._release(slot)

    def stats(self) -> dict:
        """What /api/health reports about the pool."""
        return {"workers": len(self._slots), "idle": len(self._free), "waiting": sum(self.waiting.values())}
