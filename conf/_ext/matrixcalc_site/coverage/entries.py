"""An entry as the summaries see it: the equations of a reference it cites and where it stands.

A documented mistake (``:expect: false``) stands apart from the verdicts, and among mistakes an
erratum (one that reproduces the reference *as printed*) apart from a misreading; the coverage
table, the errata and the statistics all sort entries by these answers.
"""

from __future__ import annotations

from collections import defaultdict

from matrixcalc.sphinxext.directives import SOURCE
from matrixcalc.sphinxext.domain import Entry
from matrixcalc.verdict import Status

from .locators import equations

VERIFIED, MISTAKE, NUMERIC_ONLY = "verified", "mistake", "numeric-only"


def cited(entry: Entry, bib: str) -> list[int]:
    """Equation numbers of ``bib`` that ``entry`` cites in its ``:source:``."""
    numbers: set[int] = set()
    for reference in entry.record.get("sources", []):
        match = SOURCE.match(reference)
        if match and match["key"] == bib:
            numbers.update(equations(match["locator"]) or [])
    return sorted(numbers)


def standing(entry: Entry) -> str:
    """``mistake`` for a documented mistake, else the verdict's status."""
    if entry.record.get("expect") == "false":
        return MISTAKE
    return (entry.record.get("verdict") or {}).get("status") or Status.NOT_VERIFIED


def is_erratum(entry: Entry, bib: str) -> bool:
    """A documented mistake that reproduces ``bib`` *as printed*: the reference itself is wrong.

    Other documented mistakes citing an equation are misreadings of a correct equation.
    """
    return standing(entry) == MISTAKE and any(
        "as printed" in reference.lower() and (match := SOURCE.match(reference)) and match["key"] == bib
        for reference in entry.record.get("sources", [])
    )


def citing(entries: list[Entry], bib: str) -> dict[int, list[Entry]]:
    """Every equation number of ``bib`` that is cited, with the entries citing it, sorted by ID."""
    by_number: dict[int, list[Entry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: e.id):  # by ID: the same order after a parallel read
        for number in cited(entry, bib):
            by_number[number].append(entry)
    return dict(by_number)


def corrections(entries: list[Entry]) -> list[Entry]:
    """The entries that correct a mistake: passing ones (verified, or numeric-only, marked as such), by ID."""
    unique = {e.id: e for e in entries if standing(e) in (VERIFIED, NUMERIC_ONLY)}
    return [unique[ident] for ident in sorted(unique)]
