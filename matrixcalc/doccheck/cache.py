"""A directory of passing verdicts, one JSON file per key, written atomically.

Only results that let the build pass are stored (a verified identity, or a documented mistake
that was refuted), so a stale entry can never hide a failure: a failure is always re-checked.
Modelled on hypothesis' directory example store.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .jsonfile import write_json_atomically


def cache_key(fields: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of everything a verdict depends on."""
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class VerdictCache:
    """Read and write cached verdict records; a ``None`` directory disables the cache."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def path(self, key: str) -> Path | None:
        """Where the record for ``key`` lives (two-level fan-out keeps directories small)."""
        if self.directory is None:
            return None
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored record, or None when absent, unreadable or disabled."""
        path = self.path(key)
        if path is None:
            return None
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) and record.get("key") == key else None

    def put(self, key: str, record: dict[str, Any]) -> None:
        """Store ``record`` atomically; an unwritable cache makes the build slower, never wrong."""
        path = self.path(key)
        if path is None:
            return
        try:
            write_json_atomically(path, {**record, "key": key})
        except (OSError, TypeError, ValueError):
            return
