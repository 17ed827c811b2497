"""Equation locators: ``eq. 49`` or ``eqs. 61–64, 66`` read as equation numbers and written back.

Every summary speaks of a reference's equations by number, while ``:source:`` options, the gap
files and ``:range:`` write them as locators; reading and writing them in one place keeps the
coverage table, the errata and the statistics counting the same equations.
"""

from __future__ import annotations

import re

LOCATOR = re.compile(r"(?i)eq(?:uation)?s?\.?\s*(?P<list>\d+(?:\s*(?:[-–—,]|\band\b)\s*\d+)*)")
ITEM = re.compile(r"(?P<low>\d+)(?:\s*[-–—]\s*(?P<high>\d+))?")
SEPARATOR = re.compile(r"\s*(?:,|\band\b)\s*")


def equations(locator: str) -> list[int] | None:
    """Equation numbers of ``eq. 49``, ``eqs. 61–64``, ``eqs. 61-64, 66``; None for any other locator."""
    locator = re.sub(r"\(as printed\)\s*$", "", locator, flags=re.IGNORECASE)
    match = LOCATOR.fullmatch(locator.replace("{", "").replace("}", "").strip())
    if match is None:
        return None
    numbers: list[int] = []
    for part in SEPARATOR.split(match["list"].strip()):
        item = ITEM.fullmatch(part)
        if item is None:
            return None
        low, high = int(item["low"]), int(item["high"] or item["low"])
        if high < low:
            return None
        numbers.extend(range(low, high + 1))
    return numbers


def eq_text(numbers: list[int]) -> str:
    """``eq. 49`` or ``eqs. 49, 61–64`` (consecutive numbers folded into ranges)."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    parts = [f"{low}" if low == high else f"{low}–{high}" for low, high in runs]
    plural = len(parts) > 1 or runs[0][0] != runs[0][1]
    return ("eqs. " if plural else "eq. ") + ", ".join(parts)
