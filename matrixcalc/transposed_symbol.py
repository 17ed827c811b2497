"""Which symbol's transpose would make a refuted identity hold at its counterexample.

A missing transpose inside a formula (``A.T @ y`` written for ``A @ y``) leaves no pattern in
the two sides' numbers, unlike a missing transpose of a whole side (:mod:`matrixcalc.difference`).
At the counterexample the left side's value is known; the right side is evaluated again with
one square matrix transposed at a time, and a symbol whose transpose makes the sides agree is
named. Only derivative-free sides are evaluated (by the numeric check's own evaluator), so the
claimed derivative is re-evaluated but the derivative itself never is.
"""

from __future__ import annotations

import numpy as np

from .errors import IdentityError
from .language import parse_identity
from .language.tree import DERIVATIVES, Node
from .numeric.evaluate import Evaluator
from .verdict import Counterexample

RELATIVE = 1e-6


def transposed_symbol(identity: str, where: str, example: Counterexample | dict) -> str | None:
    """``the right side holds with A transposed (...)``, or None when no single transpose explains it."""
    data = vars(example) if isinstance(example, Counterexample) else example
    try:
        parsed = parse_identity(identity, where)
    except IdentityError:
        return None
    link = data.get("link", 0)
    if link + 1 >= len(parsed.sides):
        return None
    for side, target, which in ((parsed.sides[link + 1], "left", "right"), (parsed.sides[link], "right", "left")):
        if any(node.op in DERIVATIVES for node in side.walk()):
            continue
        found = _explaining_symbol(side, parsed.declarations, data, target)
        if found is not None:
            return f"the {which} side holds with {found} transposed (a transpose of {found} is missing or extra)"
    return None


def _explaining_symbol(side: Node, declarations, data: dict, target: str) -> str | None:
    values = data.get("values", {})
    try:
        goal = np.asarray(data.get(target), dtype=float)
        arrays = {name: _matrix(value) for name, value in values.items()}
    except (TypeError, ValueError):  # complex entries: not evaluated here
        return None
    evaluate = Evaluator(dict(data.get("sizes", {})))
    names = sorted({node.value for node in side.walk() if node.op == "symbol"})
    for name in names:
        array = arrays.get(name)
        decl = declarations.get(name)
        if array is None or decl is None or array.shape[0] != array.shape[1] or array.shape[0] < 2:
            continue
        if "symmetric" in decl.assumptions or np.allclose(array, array.T):
            continue
        try:
            with np.errstate(all="ignore"):
                value = np.asarray(evaluate(side, {**arrays, name: array.T}), dtype=float)
        except Exception:  # noqa: BLE001 - a side the evaluator cannot take here: no hint, never a crash
            return None
        scale = max(float(np.max(np.abs(goal), initial=0.0)), 1e-300)
        if value.size == goal.size and np.max(np.abs(value.reshape(goal.shape) - goal)) <= RELATIVE * scale:
            return name
    return None


def _matrix(value) -> np.ndarray:
    """A symbol's value in a counterexample as the evaluator takes it: a scalar as 1 x 1, a vector as a column."""
    array = np.asarray(value, dtype=float)
    return array.reshape(1, 1) if array.ndim == 0 else array.reshape(-1, 1) if array.ndim == 1 else array
