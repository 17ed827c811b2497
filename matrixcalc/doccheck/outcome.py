"""Run one check for the build: from the cache when it may stand, else through matrixcalc.verify.

The build reasons about :class:`Outcome` records, plain data that pickles into the environment,
survives the JSON cache and feeds the page, the warnings and the export alike.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..errors import IdentityError
from ..verdict import Counterexample, NumericEvidence, Status, SymbolicEvidence, Verdict
from ..verify import check, content_seed
from .cache import VerdictCache, cache_key
from .fingerprint import library_versions


@dataclass
class Outcome:
    """What the build knows about one check and whether it lets the build pass."""

    status: Status  # a Verdict status, Status.ERROR or Status.NOT_VERIFIED
    expect: bool = True  # False for a documented mistake, which must be refuted
    verdict: dict[str, Any] | None = None  # Verdict.to_dict(), when a check ran
    error: dict[str, Any] = field(default_factory=dict)  # message, part, column, caret
    cached: bool = False

    @property
    def failed(self) -> bool:
        """True when this result must fail the build."""
        if self.status == Status.ERROR:
            return True
        if self.expect:
            return self.status == Status.REFUTED
        return self.status not in (Status.REFUTED, Status.NOT_VERIFIED)

    @property
    def cacheable(self) -> bool:
        """Results that let the build pass: a pass, or numeric-only (which never upgrades itself).

        A failure is never cached, so it is checked again on every build. A numeric-only verdict
        is keyed with the timeout that produced it, so a longer timeout checks it afresh.
        """
        if self.expect:
            return self.status in (Status.VERIFIED, Status.NUMERIC_ONLY)
        return self.status == Status.REFUTED

    def to_export(self) -> dict[str, Any]:
        """The ``verdict`` object of identities.json."""
        data: dict[str, Any] = {"status": self.status}
        if self.verdict is not None:
            for name in ("numeric", "symbolic", "counterexample", "seed", "all_sizes", "proof"):
                data[name] = self.verdict.get(name)
        if self.error:
            data["error"] = self.error
        return data


def error_outcome(error: IdentityError, expect: bool = True) -> Outcome:
    """An outcome for input that is not a well-formed identity."""
    details = {"message": error.message, "part": error.part, "column": error.column, "caret": error.caret()}
    return Outcome(Status.ERROR, expect, error=details)


def verdict_key(
    identity: str, where: str, expect: bool, fingerprint: str, timeout: float | None = None, seed: int | None = None
) -> str:
    """The cache key: the input, its options, the timeout, the verifier's fingerprint and library versions.

    ``seed`` is part of the key only when one is fixed (a project's ``seed`` setting); by default the
    seed derives from the identity's text, which the key already holds.
    """
    fields = {"identity": identity, "where": where, "expect": expect, "fingerprint": fingerprint, "timeout": timeout}
    if seed is not None:
        fields["seed"] = seed
    return cache_key({**fields, **library_versions()})


def check_identity(
    identity: str,
    where: str,
    *,
    expect: bool,
    fingerprint: str,
    timeout: float,
    cache: VerdictCache,
    seed: int | None = None,
) -> Outcome:
    """Check one identity, reusing a cached result that is keyed to exactly this code, input and timeout.

    ``seed`` fixes the random seed; by default it derives from the identity's text.
    """
    key = verdict_key(identity, where, expect, fingerprint, timeout, seed)
    record = cache.get(key)
    if record is not None and Outcome(str(record.get("status")), expect).cacheable:
        return Outcome(record["status"], expect, record.get("verdict"), cached=True)

    try:
        chosen = content_seed(identity, where) if seed is None else seed
        verdict = check(identity, where, seed=chosen, timeout=timeout)
    except IdentityError as error:
        return error_outcome(error, expect)
    except Exception as crash:  # a verifier bug must fail this identity at its line, not the build
        return Outcome(
            Status.ERROR, expect, error={"message": f"the verifier crashed: {type(crash).__name__}: {crash}"}
        )
    outcome = Outcome(verdict.status, expect, verdict.to_dict())
    if outcome.cacheable:
        cache.put(key, {"status": outcome.status, "verdict": outcome.verdict})
    return outcome


def _build(cls: type, data: dict[str, Any] | None) -> Any:
    """Rebuild a dataclass from its dict, ignoring fields this version does not know."""
    if data is None:
        return None
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def verdict_from_dict(data: dict[str, Any]) -> Verdict:
    """A Verdict again, so pages reuse the engine's own evidence summaries."""
    return Verdict(
        status=data["status"],
        identity=data.get("identity", ""),
        where=data.get("where", ""),
        seed=data.get("seed", 0),
        numeric=_build(NumericEvidence, data.get("numeric")) or NumericEvidence(),
        symbolic=_build(SymbolicEvidence, data.get("symbolic")),
        counterexample=_build(Counterexample, data.get("counterexample")),
        all_sizes=bool(data.get("all_sizes", False)),
        proof=data.get("proof"),
    )
