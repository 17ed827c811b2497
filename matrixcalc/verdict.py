"""What a check concludes, with every piece of evidence a reader or the site may show."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """Every status a check or a build reports; a ``str``, so JSON, HTML classes and caches keep the plain text."""

    VERIFIED = "verified"
    REFUTED = "refuted"
    NUMERIC_ONLY = "numeric-only"
    ERROR = "error"  # the build only: input that is not a well-formed identity, or a check that crashed
    NOT_VERIFIED = "not-verified"  # the build only: verification switched off


STATUSES = (Status.VERIFIED, Status.REFUTED, Status.NUMERIC_ONLY)  # what check() concludes
EXIT_CODES = {Status.VERIFIED: 0, Status.REFUTED: 1, Status.NUMERIC_ONLY: 3}


def sizes_str(sizes: dict[str, int]) -> str:
    """``m=2,n=3`` — or ``(no sizes)`` for an identity of scalars and literal sizes."""
    return ",".join(f"{k}={v}" for k, v in sorted(sizes.items())) or "(no sizes)"


def complex_text(z: complex) -> str:
    """A complex entry of a counterexample as JSON-safe text, '0.53012-1.2041i'; a real one as a number."""
    return f"{z.real:.6g}{z.imag:+.6g}i"


def complex_entries(value: object) -> object:
    """A counterexample value with its 'a+bi' text entries as Python complex numbers (for display)."""
    if isinstance(value, list):
        return [complex_entries(v) for v in value]
    if isinstance(value, str) and value.endswith("i"):
        try:
            return complex(value[:-1] + "j")
        except ValueError:
            return value
    return value


@dataclass
class Counterexample:
    """A concrete point where two sides of one '==' link differ."""

    link: int  # index of the failing '==' (0 for the first)
    sizes: dict[str, int]
    values: dict[str, list]  # symbol -> nested lists (a scalar is a number; a complex entry is text, '1.5-2i')
    left: list | float
    right: list | float
    difference: list | float
    relative_error: float | None  # None for an exact (symbolic) counterexample
    exact: bool = False  # True when found by exact rational arithmetic


@dataclass
class NumericEvidence:
    """Agreement of both sides at random points, derivatives by complex step."""

    draws: int = 0  # points compared (all links, all sizes)
    sizes: list[dict[str, int]] = field(default_factory=list)  # assignments checked
    skipped: list[dict] = field(default_factory=list)  # {"sizes": ..., "reason": ...}
    max_relative_error: float = 0.0
    method: str = "complex step"
    tolerance: float = 1e-8

    def summary(self) -> str:
        return (
            f"{self.draws} random draws at {len(self.sizes)} size assignment{'s' if len(self.sizes) != 1 else ''}, "
            f"max relative error {self.max_relative_error:.1e}"
        )


@dataclass
class SymbolicEvidence:
    """What sympy established exactly, level by level."""

    proved: list[dict[str, int]] = field(default_factory=list)  # (a) exact proof at these sizes
    exact_random: list[dict[str, int]] = field(default_factory=list)  # (b) Schwartz–Zippel points
    complete: bool = False  # (a) at >= 1 assignment and (b) at all the others
    reason: str | None = None  # why the level is incomplete (timeout, unsupported, ...)
    seconds: float = 0.0

    def summary(self) -> str:
        parts = []
        if self.proved:
            parts.append("exact proof at " + "; ".join(sizes_str(s) for s in self.proved))
        if self.exact_random:
            parts.append("exact rational evaluation at " + "; ".join(sizes_str(s) for s in self.exact_random))
        if self.reason:
            parts.append(f"{'note' if self.complete else 'incomplete'}: {self.reason}")
        return "; ".join(parts) or "no symbolic check"


@dataclass
class Verdict:
    """The outcome of checking one identity; ``status`` is one of STATUSES."""

    status: str
    identity: str
    where: str
    seed: int
    numeric: NumericEvidence
    symbolic: SymbolicEvidence | None = None
    counterexample: Counterexample | None = None
    all_sizes: bool = False  # the proof kernel proved every link for every value of the size letters
    proof: dict | None = None  # matrixcalc.proof.Proof.to_dict(): rules per side and normal form per link, or why not

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        lines = [f"{self.status}: {self.identity}"]
        lines.append(f"  numeric: {self.numeric.summary()}")
        if self.symbolic is not None:
            lines.append(f"  symbolic: {self.symbolic.summary()}")
        lines.append(f"  proof: {self.proof_summary()}")
        return "\n".join(lines)

    def proof_summary(self) -> str:
        """One line: the rules of the proof for every size, or why no proof was found."""
        if self.proof is None:
            return "not attempted"
        if self.all_sizes:
            rules: dict[str, None] = {}
            for link in self.proof.get("links", []):
                for rule in link["left"] + link["right"]:
                    rules.setdefault(rule, None)
            return f"{PROVED} by rules: {', '.join(rules) or '(none: the sides are written alike)'}"
        return f"no proof for every size ({self.proof.get('reason')})"


PROVED = "proved for every size"


class KernelError(RuntimeError):
    """The proof kernel proved an identity that the numbers refute: a bug in a rule, named by the rule sequence."""
