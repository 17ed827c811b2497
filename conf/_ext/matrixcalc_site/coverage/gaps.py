"""Gap files: JSON giving a reference's equation range and why some equations are not expressible.

An equation of the range is covered by an identity citing it or by a reason here; the coverage
table fails the build on any other, so the reasons are read strictly and a malformed file is an
error with the file's name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .locators import equations

NOT_EXPRESSIBLE = re.compile(r"(?i)^\s*not expressible\s*[:—–-]\s*")  # a reason's optional prefix, not repeated


@dataclass
class GapFile:
    """One coverage file: its equation range and the equations it explains as not expressible."""

    name: str
    low: int
    high: int
    gaps: dict[int, str]


def read_gap_file(path: Path) -> GapFile:
    """Parse one coverage file; ValueError says what is wrong with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ValueError(f"cannot read {path.name}: {error}") from error
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a JSON object")
    bounds = data.get("_range")
    numbers = [equations(bound) if isinstance(bound, str) else None for bound in bounds or []]
    if len(numbers) != 2 or any(n is None or len(n) != 1 for n in numbers):
        raise ValueError(f'{path.name}: "_range" must be two equations, e.g. ["eq. 33", "eq. 45"]')
    low, high = numbers[0][0], numbers[1][0]  # type: ignore[index]
    gaps: dict[int, str] = {}
    for key, reason in data.items():
        if key.startswith("_"):
            continue
        found = equations(key)
        if found is None or not isinstance(reason, str) or not reason.strip():
            raise ValueError(f'{path.name}: entry {key!r} must be "eq. N" (or "eqs. N–M") with a reason')
        for number in found:
            gaps.setdefault(number, reason.strip())
    return GapFile(path.name, low, high, gaps)
