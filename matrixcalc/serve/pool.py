"""A bounded queue in front of a few worker processes, each killed and replaced at its deadline.

``concurrent.futures.ProcessPoolExecutor`` cannot stop one stuck task: its workers are shared
and a killed one breaks the whole pool. Here each worker is a ``Slot`` owned by one request at a
time. The request waits on the slot's pipe from the event loop; past the deadline the slot's
process group (the worker and the symbolic worker it forked) is killed, the request is answered
422 and a fresh process takes the slot. Requests beyond the workers wait in a queue of bounded
length; one more is refused with 429 and ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import multiprocessing
import os
import signal
import time

from . import worker
from .limits import ApiError

START_TIMEOUT = 120.0  # seconds for a new worker to load the engine (a loaded machine, a cold disk)
MAX_TASKS = 2_000  # requests per worker before it is replaced, so no cache grows without bound
PRELOAD = ["matrixcalc.serve.tasks", "matrixcalc.calculus.derive", "matrixcalc.calculus.find", "matrixcalc.verify"]
# One BLAS thread per worker: the pool is the parallelism, and each thread reserves address space.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class Slot:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context, memory_mb: int | None) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(
            target=worker.main, args=(child, memory_mb), daemon=True, name="matrixcalc-serve"
        )
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


class Pool:
    """``workers`` processes; ``queue`` requests may wait for one; each runs at most ``timeout`` seconds."""

    def __init__(
        self, workers: int, timeout: float, *, queue: int = 64, memory_mb: int | None = 2048, method: str = "forkserver"
    ) -> None:
        self.workers, self.timeout, self.queue, self.memory_mb = workers, timeout, queue, memory_mb
        self.context = multiprocessing.get_context(method)
        if method == "forkserver":
            self.context.set_forkserver_preload(PRELOAD)
        self.waiting = 0
        self.replaced = 0
        self._idle: asyncio.Queue[Slot] = asyncio.Queue()
        self._slots: set[Slot] = set()
        self._starting: set[asyncio.Task] = set()
        self._service = 0.1  # running mean of seconds per request, for Retry-After

    async def start(self) -> None:
        """Start every worker and wait until all are ready (they load and warm the engine)."""
        for name, value in SINGLE_THREADED.items():
            os.environ.setdefault(name, value)
        await asyncio.gather(*(self._add() for _ in range(self.workers)))

    async def close(self) -> None:
        for task in self._starting:
            task.cancel()
        for slot in list(self._slots):
            slot.kill()
        await asyncio.gather(*(asyncio.to_thread(slot.process.join, 5) for slot in self._slots))
        self._slots.clear()

    async def run(self, name: str, fields: dict) -> tuple[int, dict]:
        """Run a task on the next free worker: (HTTP status, JSON body)."""
        if self.waiting >= self.queue and self._idle.empty():
            raise ApiError(
                429,
                {"status": "busy", "message": "the server is busy; try again in a moment"},
                {"Retry-After": str(self.retry_after())},
            )
        self.waiting += 1
        try:
            slot = await self._idle.get()
        finally:
            self.waiting -= 1
        start = time.monotonic()
        answer = await self._on(slot, name, fields)
        self._service += 0.05 * (time.monotonic() - start - self._service)
        return answer

    def retry_after(self) -> int:
        """Whole seconds until a place in the queue is likely free."""
        return max(1, math.ceil(self._service * (self.waiting + 1) / self.workers))

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
                "message": "the computation was stopped: it needed more memory than a request may use",
            }
        except BaseException:  # the client went away (cancelled): the worker may still be busy
            self._replace(slot)
            raise
        slot.tasks += 1
        if slot.tasks >= MAX_TASKS:
            self._replace(slot)
        else:
            self._idle.put_nowait(slot)
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
        task = asyncio.get_running_loop().create_task(self._add(old=slot))
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    async def _add(self, old: Slot | None = None) -> None:
        if old is not None:
            await asyncio.to_thread(old.process.join, 5)
        while True:
            slot = Slot(self.context, self.memory_mb)
            try:
                message = await asyncio.wait_for(self._receive(asyncio.get_running_loop(), slot), START_TIMEOUT)
                if message == worker.READY:
                    break
            except (TimeoutError, EOFError, OSError):
                pass
            slot.kill()
            await asyncio.to_thread(slot.process.join, 5)
            await asyncio.sleep(1.0)  # then try again: a worker that cannot start must not spin
        self._slots.add(slot)
        self._idle.put_nowait(slot)

    def stats(self) -> dict:
        """What /api/health reports about the pool."""
        return {"workers": len(self._slots), "idle": self._idle.qsize(), "waiting": self.waiting}
