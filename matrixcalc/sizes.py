"""Which sizes to try: the letters distinct, equal, set to 1, and large.

Sizes decide what a check can catch: an identity may hold only for square shapes, only at
n = 1, or only at n = 2 (Cayley–Hamilton), so every checker draws from this one list.
"""

from __future__ import annotations

from math import prod

from .language import Identity, concrete

MAX_SIZE = 7


def size_assignments(identity: Identity) -> list[dict[str, int]]:
    """Size assignments, most informative first, without repeats."""
    letters = list(identity.letters)
    if not letters:
        return [{}]
    factors = sum(1 for node in identity.nodes if node.op == "symbol")
    big = max(4, min(factors, 6))
    candidates = [
        {letter: min(2 + i, MAX_SIZE) for i, letter in enumerate(letters)},
        {letter: 3 for letter in letters},
        {letter: min(big + len(letters) - 1 - i, MAX_SIZE) for i, letter in enumerate(letters)},
    ]
    for one in letters[:4]:
        others = [letter for letter in letters if letter != one]
        candidates.append({one: 1, **{letter: 2 + i for i, letter in enumerate(others)}})
    candidates.append({letter: 1 for letter in letters})
    candidates.extend(proof_candidates(identity))
    unique: list[dict[str, int]] = []
    for sizes in candidates:
        if sizes not in unique:
            unique.append(sizes)
    return unique


def proof_sizes(identity: Identity) -> dict[str, int]:
    """The small assignment where an exact symbolic proof is tried: letters 2, 3, ... capped at 3."""
    return proof_candidates(identity)[0]


def proof_candidates(identity: Identity) -> list[dict[str, int]]:
    """Small assignments for the proof, in order of preference: letters 2, 3, 3, ... then 3, 2, 2, ...

    The second serves where the first makes a side undefined (``inv(X.T @ X)`` with X wide);
    the cheaper of the two, by the size of what must be inverted, comes first.
    """
    letters = identity.letters
    candidates = [
        {letter: min(2 + i, 3) for i, letter in enumerate(letters)},
        {letter: 3 if i == 0 else 2 for i, letter in enumerate(letters)},
    ]
    return sorted(candidates, key=lambda sizes: elimination_cost(identity, sizes))  # stable: ties keep order


def elimination_cost(identity: Identity, sizes: dict[str, int]) -> int:
    """Sum of n^3 over the matrices inverted or under a determinant: what dominates an exact proof."""
    costly = {"inv", "det", "logdet", "adj", "pinv"}
    return sum(
        concrete(node.args[0].shape, sizes)[0] ** 3
        for node in identity.nodes
        if node.op in costly or (node.op == "matpow" and node.value < 0)
    )


def largest_value(identity: Identity, sizes: dict[str, int]) -> int:
    """The most entries any node takes at these sizes: what exact arithmetic pays for."""
    return max((prod(concrete(shape, sizes)) for shape in identity.shapes), default=1)
