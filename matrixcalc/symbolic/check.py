"""The symbolic check of one identity: exact points (b), an exact proof (a), all time-boxed.

The dimension-free level (c) that once translated the tree into sympy's matrix calculus is gone:
the proof kernel (``matrixcalc/proof/``) proves identities for every size, and its verdict is shown
with every check.

Most checks take milliseconds, so they first run in the calling process under a short alarm
(``INLINE_SECONDS``); one that overruns it starts again in the worker process, which a hard
timeout can kill (``worker.py``). Where no alarm can interrupt (not the main thread, no
SIGALRM), everything goes to the worker.
"""

from __future__ import annotations

import os
import random
import time

from .. import sizes as size_rules
from ..language import Identity
from ..operations import decompose_identity
from ..verdict import Counterexample, SymbolicEvidence, sizes_str
from .levels import exact_point, prove
from .outcome import LevelOutcome
from .worker import OutOfTime, can_interrupt, run_time_boxed, time_limit

PROVE_UNDECIDED_UP_TO = 4  # largest size letter at which an undecided exact point is proved with symbols instead
PROOF_SHARE = 0.1  # of the time left, for the proof at the preferred sizes when smaller ones remain
INLINE_SECONDS = float(os.environ.get("MATRIXCALC_INLINE_SECONDS", "1.0"))  # 0: always the worker


class Overrun(BaseException):
    """The inline attempt used up its alarm; the worker takes over (a BaseException: nothing swallows it)."""


def check_symbolic(
    identity: Identity,
    seed: int = 1234,
    timeout: float = 20.0,
    proof_sizes: dict[str, int] | None = None,
    exact_sizes: list[dict[str, int]] | None = None,
) -> tuple[SymbolicEvidence, Counterexample | None]:
    """Exact evidence for an identity that the numeric check accepted; never raises on typed input.

    (b) runs first because it is cheap and finds counterexamples; (a) then proves at small sizes.
    """
    identity = decompose_identity(identity)  # the exact evaluators know only the operations a record decomposes into
    proof = dict(proof_sizes) if proof_sizes is not None else size_rules.proof_sizes(identity)
    if exact_sizes is None:
        exact_sizes = [s for s in size_rules.size_assignments(identity) if s != proof]
    start = time.monotonic()
    work = (identity, seed, proof, list(exact_sizes))
    last: list = [None]  # the inline attempt's progress, for the reason if the whole box runs out

    def remember(data) -> None:
        last[0] = data

    inline = min(INLINE_SECONDS, timeout)
    if inline > 0 and can_interrupt():
        try:
            with time_limit(inline, Overrun):
                evidence, counterexample = _levels(*work, timeout, [], remember)
            evidence.seconds = time.monotonic() - start
            return evidence, counterexample
        except Overrun:
            pass
        except Exception:  # noqa: BLE001 - the worker runs it again and reports the error as evidence
            pass
    remaining = timeout - (time.monotonic() - start)
    if remaining > 0:  # the worker starts where the inline attempt stopped: its exact points stand
        done = last[0]["exact_random"] if last[0] is not None and "exact_random" in last[0] else []
        kind, payload, progress, _ = run_time_boxed(_levels, (*work, remaining, done), remaining)
    else:
        kind, payload, progress = "timeout", None, last[0]
    seconds = time.monotonic() - start
    if kind == "done":
        evidence, counterexample = payload
        evidence.seconds = seconds
        return evidence, counterexample
    evidence = SymbolicEvidence(seconds=seconds)
    where = ""
    if progress is not None:
        evidence.proved, evidence.exact_random = progress["proved"], progress["exact_random"]
        where = f" at sizes {sizes_str(progress['sizes'])} ({progress['level']})"
    if kind == "timeout":
        evidence.reason = f"timed out after {timeout:g}s{where}"
    else:
        evidence.reason = f"internal error{where}: {str(payload).strip().splitlines()[-1]}"
    return evidence, None


def _levels(
    identity: Identity,
    seed: int,
    proof: dict,
    exact: list[dict],
    timeout: float,
    done: list[dict],
    report,
) -> tuple:
    """The exact levels in order; ``report`` tells the parent where the work is.

    ``done``: sizes already evaluated exactly (by an inline attempt that ran out of time); each
    size draws from its own seeded generator, so skipping them changes no other point.
    """
    start = time.monotonic()
    evidence = SymbolicEvidence(exact_random=[dict(s) for s in done])
    notes: list[str] = []
    incomplete = False
    undecided: list[tuple[dict, str]] = []  # sizes whose exact point kept exp/log/root terms it could not decide
    orthogonal = sorted(n for n, d in identity.declarations.items() if "orthogonal" in d.assumptions)

    def step(level: str, sizes: dict) -> None:
        report(
            {
                "level": level,
                "sizes": sizes,
                "proved": list(evidence.proved),
                "exact_random": list(evidence.exact_random),
            }
        )

    def evaluate_exactly(sizes: dict) -> Counterexample | None:
        """Level (b) at one size assignment: recorded in the evidence; a counterexample ends the check."""
        nonlocal incomplete
        step("exact rational evaluation", sizes)
        outcome = exact_point(identity, sizes, _rng(seed, sizes))
        if outcome.status == "false":
            evidence.reason = f"exact counterexample at {sizes_str(sizes)}"
            return outcome.counterexample
        if outcome.status == "ok":
            evidence.exact_random.append(sizes)
        elif outcome.status == "undefined":
            notes.append(f"skipped {sizes_str(sizes)}: {outcome.reason}")
        elif outcome.status == "undecided" and not orthogonal:
            undecided.append((sizes, outcome.reason))  # a proof with symbols at these sizes may still decide
        else:
            incomplete = True
            notes.append(f"{sizes_str(sizes)}: {outcome.reason}")
        return None

    def prove_undecided() -> tuple | None:
        """An exact point that could not be decided (each exp of a rational is its own atom, so
        ``exp(a + b)`` and ``exp(a) exp(b)`` need not meet) is decided by a proof with symbols at
        its sizes instead, where the arguments keep their structure: stronger than a point."""
        nonlocal incomplete
        for sizes, reason in undecided:
            if max(sizes.values(), default=0) > PROVE_UNDECIDED_UP_TO:
                incomplete = True
                notes.append(f"{sizes_str(sizes)}: {reason}")
                continue
            step("exact proof", sizes)
            outcome = _prove_within(identity, sizes, PROOF_SHARE * (timeout - (time.monotonic() - start)))
            if outcome.status == "ok":
                evidence.proved.append(sizes)
                continue
            if outcome.status == "false":
                return _refute_at(identity, sizes, _rng(seed, sizes), evidence, start)
            incomplete = True
            notes.append(f"{sizes_str(sizes)}: {reason}; no proof there either: {outcome.reason}")
        return None

    for sizes in exact + ([proof] if orthogonal else []):
        if sizes in evidence.exact_random:
            continue
        if (counterexample := evaluate_exactly(sizes)) is not None:
            return _finish(evidence, start), counterexample

    if orthogonal:
        notes.append(
            f"no exact proof with symbols: {', '.join(orthogonal)} orthogonal cannot be encoded with free "
            "symbols; exact evaluation at rational orthogonal points (Cayley transform) stands in"
        )
        if proof in evidence.exact_random and not incomplete:
            evidence.complete = True
    else:
        smallest = {letter: 2 for letter in identity.letters}
        others = [s for s in exact if max(s.values(), default=0) <= 3]
        # when the preferred size is too slow: every letter 2, then the smaller sizes first (likelier to finish)
        candidates = [proof, smallest] + sorted(others, key=lambda s: (sum(s.values()), sorted(s.items())))
        candidates = [s for s in candidates if s == proof or max(s.values(), default=0) <= 3]
        candidates = [s for i, s in enumerate(candidates) if s not in candidates[:i]]
        for index, sizes in enumerate(candidates):
            step("exact proof", sizes)
            # the preferred size gets a share of the time left; if it is too slow, smaller sizes get the rest
            fallback = index == 0 and len(candidates) > 1
            share = PROOF_SHARE * (timeout - (time.monotonic() - start)) if fallback else None
            outcome = _prove_within(identity, sizes, share, " to leave time for smaller sizes")
            if outcome.status == "ok":
                evidence.proved.append(sizes)
                break
            if outcome.status == "false":
                return _refute_at(identity, sizes, _rng(seed, sizes), evidence, start)
            notes.append(f"no proof at {sizes_str(sizes)}: {outcome.reason}")
            if outcome.status != "undefined" and sizes not in evidence.exact_random:
                # where the proof did not conclude, at least evaluate exactly
                if (counterexample := evaluate_exactly(sizes)) is not None:
                    return _finish(evidence, start), counterexample
            if outcome.status not in ("slow", "undefined"):  # only these leave hope at other sizes
                break
        if evidence.proved:
            if (refuted := prove_undecided()) is not None:
                return refuted
        elif undecided:
            incomplete = True
            notes.extend(f"{sizes_str(sizes)}: {reason}" for sizes, reason in undecided)
        evidence.complete = bool(evidence.proved) and not incomplete
    evidence.reason = "; ".join(notes) or None
    return _finish(evidence, start), None


def _prove_within(identity: Identity, sizes: dict[str, int], share: float | None, why: str = "") -> LevelOutcome:
    """The proof at ``sizes``, stopped after ``share`` seconds (None: only the check's own limit)."""
    try:
        with time_limit(share):
            return prove(identity, sizes)
    except OutOfTime:
        return LevelOutcome("slow", f"stopped after {share:.1f}s{why}")


def _rng(seed: int, sizes: dict[str, int]) -> random.Random:
    """The generator of exact points at one size assignment: the same whatever ran before it."""
    return random.Random(f"{seed}:{sizes_str(sizes)}")


def _refute_at(identity, sizes, rng, evidence, start) -> tuple:
    """The proof found a nonzero residual: find a concrete exact point that shows it."""
    for _ in range(5):
        outcome = exact_point(identity, sizes, rng)
        if outcome.status == "false":
            evidence.reason = f"exact counterexample at {sizes_str(sizes)}"
            return _finish(evidence, start), outcome.counterexample
    evidence.reason = (
        f"the residual at {sizes_str(sizes)} is a nonzero rational function, but no random point showed it"
    )
    return _finish(evidence, start), None


def _finish(evidence: SymbolicEvidence, start: float) -> SymbolicEvidence:
    evidence.seconds = time.monotonic() - start
    return evidence
