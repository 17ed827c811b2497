"""Which symbol's transpose would make a refuted identity hold at its counterexample.

A missing transpose inside a formula (``A.T @ y`` written for ``A @ y``) leaves no pattern in
the two sides' numbers, unlike a missing transpose of a whole side (:mod:`matrixcalc.difference`).
At the counterexample the left side's value is known; the right side is evaluated again with
one square matrix transposed at a time, and a symbol whose transpose makes the sides agree is
named. Only derivative-free sides are evaluated (with the NumPy printer of the calculator), so
the claimed derivative is re-evaluated but the derivative itself never is.
"""

from __future__ import annotations

import numpy as np

from .calculus.numpy_code import HELPERS, code
from .errors import IdentityError
from .language import parse_identity
from .language.tree import DERIVATIVES, Node
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
        found = _explaining_symbol(side, parsed.declarations, data, target, code, HELPERS)
        if found is not None:
            return f"the {which} side holds with {found} transposed (a transpose of {found} is missing or extra)"
    return None


def _explaining_symbol(side: Node, declarations, data: dict, target: str, code, helpers) -> str | None:
    values = data.get("values", {})
    try:
        goal = np.asarray(data.get(target), dtype=float)
        arrays = {name: np.asarray(value, dtype=float) for name, value in values.items()}
    except (TypeError, ValueError):  # complex entries: not evaluated here
        return None
    namespace: dict = {"np": np}
    for text in helpers.values():
        exec(text, namespace)  # noqa: S102 - the calculator's own helper functions
    namespace.update(data.get("sizes", {}))
    expression = code(side)
    names = sorted({node.value for node in side.walk() if node.op == "symbol"})
    for name in names:
        array = arrays.get(name)
        decl = declarations.get(name)
        if array is None or decl is None or array.ndim != 2 or array.shape[0] != array.shape[1] or array.shape[0] < 2:
            continue
        if "symmetric" in decl.assumptions or np.allclose(array, array.T):
            continue
        trial = {**arrays, name: array.T}
        try:
            with np.errstate(all="ignore"):
                value = np.asarray(eval(expression, {**namespace, **trial}), dtype=float)  # noqa: S307 - our printer's code
        except Exception:  # an expression the printer cannot evaluate here: no hint, never a crash
            return None
        scale = max(float(np.max(np.abs(goal), initial=0.0)), 1e-300)
        if value.size == goal.size and np.max(np.abs(value.reshape(goal.shape) - goal)) <= RELATIVE * scale:
            return name
    return None
