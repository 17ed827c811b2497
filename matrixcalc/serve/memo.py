"""Answers remembered by request: identical requests share one computation and its result.

Every answer is a pure function of the request and the engine's version (seeds derive from the
identity's text), so a repeated request — an example clicked by many readers, a shared link
opened at once — can be answered from memory, and concurrent identical requests wait for the
one computation already running instead of each taking a worker. This is a cache, not state:
dropping it (a restart) loses nothing. Only answers (200) and bad input (400) are kept; a
timeout, a busy queue or a memory stop may go differently next time.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable

KEPT = (200, 400)

Answer = tuple[int, dict, dict[str, float]]


class Memo:
    """At most ``size`` answers, least recently used dropped first, and the computations in flight."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self.hits = 0
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._running: dict[str, asyncio.Future[Answer]] = {}

    async def get(self, name: str, fields: dict, compute: Callable[[], Awaitable[Answer]]) -> Answer:
        """The remembered answer, the one being computed, or a new computation by ``compute``."""
        key = json.dumps([name, fields], sort_keys=True)
        if key in self._answers:
            self._answers.move_to_end(key)
            self.hits += 1
            status_code, body, _ = self._answers[key]
            return status_code, body, {"queue": 0.0, "work": 0.0}
        if key in self._running:
            self.hits += 1
            return await asyncio.shield(self._running[key])
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._running[key] = future
        try:
            answer = await compute()
        except Exception as exc:  # a 429: whoever waited for this computation gets it too
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            raise
        except BaseException:  # cancelled (the server is stopping)
            future.cancel()
            raise
        finally:
            del self._running[key]
        future.set_result(answer)
        if answer[0] in KEPT:
            self._answers[key] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer
