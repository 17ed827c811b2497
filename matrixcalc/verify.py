"""Combine the numeric and symbolic checks into one honest verdict.

``verified`` needs every numeric draw to agree at every size assignment that is defined and
the symbolic check to be complete (an exact proof at one assignment, exact rational
evaluation at the others). Anything short of that is ``numeric-only`` with the reason.

When the proof kernel proves the identity for every size, the exact check is its proof at one
size only: the kernel's proof covers the other sizes, the exact proof confirms it independently
of the kernel's rules, and the numeric draws at every size would still catch a wrong rule (a
proof that the numbers refute raises ``KernelError``). Exact evaluation at the other sizes
would add nothing a reader is told, and cost a quarter of a check (``benchmarks/peer.py``).
"""

from __future__ import annotations

import hashlib

from .errors import IdentityError
from .language import parse_identity
from .numeric import check_numeric
from .proof import prove
from .sizes import largest_value, proof_candidates
from .verdict import KernelError, Status, SymbolicEvidence, Verdict

DEFAULT_TIMEOUT = 20.0
EXACT_BUDGET = 4096  # entries per node for exact rational evaluation (a 64 x 64 Jacobian)


def content_seed(identity: str, where: str) -> int:
    """A seed derived from the identity's text, so every run of the same identity is the same."""
    digest = hashlib.sha256(f"{identity}\0{where}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def check(
    identity: str,
    where: str = "",
    *,
    seed: int | None = None,
    timeout: float | None = None,
) -> Verdict:
    """Check an identity; raises IdentityError for input that is not a well-formed identity."""
    parsed = parse_identity(identity, where)
    from .symbolic import check_symbolic  # sympy + flint cost 0.33 s: only for valid input

    seed = content_seed(identity, where) if seed is None else seed
    numeric = check_numeric(parsed, seed)
    verdict = Verdict(Status.REFUTED, identity, where, seed, numeric.evidence, counterexample=numeric.counterexample)
    _attach_proof(verdict, parsed)
    if numeric.counterexample is not None:
        return verdict
    if not numeric.evidence.sizes and not numeric.inconclusive:
        reasons = "; ".join(sorted({s["reason"] for s in numeric.evidence.skipped}))
        raise IdentityError(f"the identity is undefined at every size and point tried ({reasons})")
    proof, exact = symbolic_sizes(parsed, numeric.evidence.sizes + numeric.inconclusive)
    if verdict.all_sizes:
        exact = []  # proved for every size: the exact proof at one size confirms it independently
    symbolic, exact_counterexample = check_symbolic(
        parsed,
        seed=seed,
        timeout=timeout or DEFAULT_TIMEOUT,
        proof_sizes=proof,
        exact_sizes=exact,
    )
    verdict.symbolic = symbolic
    if exact_counterexample is not None:
        verdict.counterexample = exact_counterexample
        _contradicts(verdict)
        return verdict
    verdict.status = Status.VERIFIED if symbolic.complete else Status.NUMERIC_ONLY
    if numeric.inconclusive and not symbolic.complete:
        _add_reason(symbolic, "numeric draws were borderline at " + ", ".join(map(str, numeric.inconclusive)))
    return verdict


def _attach_proof(verdict: Verdict, parsed) -> None:
    """Run the proof kernel; a proof of an identity that the numbers refute is a kernel bug and raises."""
    proof = prove(parsed)
    verdict.all_sizes = proof.all_sizes
    verdict.proof = proof.to_dict()
    if verdict.counterexample is not None:
        _contradicts(verdict)


def _contradicts(verdict: Verdict) -> None:
    if verdict.all_sizes:
        sequence = "; ".join(
            f"link {i + 1}: left {' > '.join(link['left'])} | right {' > '.join(link['right'])}"
            for i, link in enumerate(verdict.proof["links"])
        )
        raise KernelError(
            f"the proof kernel proved an identity that a counterexample refutes (a bug in a rule): {sequence}"
        )


def symbolic_sizes(parsed, defined: list[dict[str, int]]) -> tuple[dict[str, int], list[dict[str, int]]]:
    """Proof and exact-evaluation sizes among those where the numeric check found the sides defined.

    The proof goes to the first defined proof candidate, else the smallest defined assignment.
    Exact evaluation covers every other defined assignment within EXACT_BUDGET entries per
    node; larger ones are left to the numeric check, and the evidence lists what was covered.
    """
    candidates = [c for c in proof_candidates(parsed) if c in defined]
    proof = (
        candidates[0] if candidates else min(defined, key=lambda s: (sorted(s.values(), reverse=True), sum(s.values())))
    )
    exact = [s for s in defined if s != proof and largest_value(parsed, s) <= EXACT_BUDGET]
    return proof, exact


def _add_reason(evidence: SymbolicEvidence, reason: str) -> None:
    evidence.reason = f"{evidence.reason}; {reason}" if evidence.reason else reason
