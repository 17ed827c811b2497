"""Verdicts as text, one format for every front end: ``matrixcalc check``, ``check-docs``, the
pytest plugin and the Sphinx build.

A refuted report leads with the pattern of the difference (:mod:`matrixcalc.difference`) and the
counterexample; it leaves out the agreeing-evidence lines, which describe draws that passed and
read as agreement next to a refutation. Numbers are printed with four significant digits,
aligned in columns, entries negligible against the largest shown as 0.
"""

from __future__ import annotations

import math
from importlib import metadata

import numpy as np

from .difference import counterexample_pattern
from .errors import IdentityError
from .language import parse_identity
from .transposed_symbol import transposed_symbol
from .verdict import Counterexample, Status, Verdict, complex_entries, sizes_str

HEADLINES = {Status.VERIFIED: "verified", Status.REFUTED: "REFUTED", Status.NUMERIC_ONLY: "numeric-only"}


def clean(text: str, keep_newlines: bool = False) -> str:
    """User text made safe for a terminal: control and unprintable characters as escapes."""
    kept = "\n" if keep_newlines else ""
    return "".join(c if c.isprintable() or c in kept else c.encode("unicode_escape").decode() for c in text)


def refutation_reason(verdict: Verdict | dict) -> str:
    """The one-line reason a refuted verdict gives: where it fails and, if it has one, the pattern."""
    example = verdict.get("counterexample") if isinstance(verdict, dict) else verdict.counterexample
    if example is None:
        return "refuted"
    if isinstance(example, dict):
        sizes, exact, error = example.get("sizes", {}), example.get("exact"), example.get("relative_error")
    else:
        sizes, exact, error = example.sizes, example.exact, example.relative_error
    how = "exactly" if exact or error is None else f"relative error {error:.2e}"
    found = pattern_of(verdict)
    return f"refuted at {sizes_str(sizes)} ({how})" + (f": {found}" if found else "")


def pattern_of(verdict: Verdict | dict) -> str | None:
    """What the refutation's difference looks like: a whole side transposed, scaled or negated, the
    symmetric or antisymmetric part, else the one symbol whose transpose would make it hold."""
    data = verdict if isinstance(verdict, dict) else verdict.to_dict()
    example = data.get("counterexample")
    if example is None:
        return None
    return counterexample_pattern(example) or transposed_symbol(
        data.get("identity", ""), data.get("where", ""), example
    )


def format_verdict(verdict: Verdict) -> str:
    """The human-readable report: verdict line, then the evidence (or, when refuted, the counterexample)."""
    lines = [
        f"{HEADLINES.get(verdict.status, verdict.status)}: {clean(verdict.identity)}",
        f"  where:     {clean(verdict.where) or '(nothing declared)'}",
    ]
    if verdict.status == Status.REFUTED and verdict.counterexample is not None:
        found = pattern_of(verdict)
        if found:
            lines.append(f"  pattern:   {found}")
        lines.append(f"  seed:      {verdict.seed}")
        lines.append(format_counterexample(verdict.counterexample, side_texts(verdict)))
        return "\n".join(lines)
    numeric = verdict.numeric
    lines += [
        f"  numeric:   {numeric.summary()} ({numeric.method}, tolerance {numeric.tolerance:.0e})",
        f"  sizes:     {'; '.join(sizes_str(s) for s in numeric.sizes) or '(none)'}",
    ]
    lines += [f"  skipped:   {sizes_str(s.get('sizes', {}))}: {s.get('reason', '')}" for s in numeric.skipped]
    symbolic = verdict.symbolic.summary() if verdict.symbolic is not None else "not run"
    lines.append(f"  symbolic:  {symbolic}")
    lines.append(f"  proof:     {verdict.proof_summary()}")
    lines.append(f"  seed:      {verdict.seed}")
    return "\n".join(lines)


def side_texts(verdict: Verdict) -> list[str]:
    """The source text of each side of the chain, to name the link that fails."""
    try:
        identity = parse_identity(verdict.identity, verdict.where)
    except IdentityError:
        return []
    return [clean(verdict.identity[side.col : side.end]) for side in identity.sides]


def format_counterexample(example: Counterexample | dict, sides: list[str]) -> str:
    """Sizes, each symbol's value, both sides and their difference, small matrices in full."""
    if isinstance(example, Counterexample):
        example = vars(example)
    link = example.get("link", 0)
    if link + 1 < len(sides):
        which = f"side {link + 1} `{sides[link]}` != side {link + 2} `{sides[link + 1]}`"
    else:
        which = f"side {link + 1} != side {link + 2}"
    error = example.get("relative_error")
    how = "exact rational arithmetic" if example.get("exact") or error is None else f"relative error {error:.2e}"
    lines = [f"counterexample at {sizes_str(example.get('sizes', {}))} ({how}): {which}"]
    named = list(example.get("values", {}).items())
    named += [
        ("left", example.get("left")),
        ("right", example.get("right")),
        ("left - right", example.get("difference")),
    ]
    for name, value in named:
        lines.append(_format_named(clean(str(name)), value))
    return "\n".join(lines)


def _format_named(name: str, value: object) -> str:
    text = format_value(value)
    if "\n" not in text and len(text) < 60:
        return f"  {name} = {text}"
    return f"  {name} =\n" + "\n".join(f"    {row}" for row in text.splitlines())


def format_value(value: object) -> str:
    """A number or nested list with 4 significant digits, entries negligible against the largest shown as 0."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return _format_complex(value)
    tiny = _negligible(array)
    return _aligned(array, "float_kind", lambda x: f"{0.0 if abs(x) <= tiny else x:.4g}")


def _format_complex(value: object) -> str:
    """Complex entries ('1.5-2i' in a counterexample) as aligned 4-digit 'a+bi', or the text as it is."""
    try:
        array = np.asarray(complex_entries(value), dtype=complex)
    except (TypeError, ValueError):
        return clean(str(value))
    tiny = _negligible(array)

    def entry(z: complex) -> str:
        re, im = (0.0 if abs(part) <= tiny else part for part in (z.real, z.imag))
        return f"{re:.4g}{im:+.4g}i"

    return _aligned(array, "complex_kind", entry)


def _negligible(array: np.ndarray) -> float:
    """Entries at most this small against the largest finite one are shown as 0."""
    finite = np.abs(array[np.isfinite(array)])
    return 1e-12 * (finite.max() if finite.size else 0.0)


def _aligned(array: np.ndarray, kind: str, entry) -> str:
    """A scalar as its entry; an array with every entry right-aligned to the widest."""
    if array.ndim == 0:
        return entry(array.item())
    width = max(len(entry(x)) for x in array.flat)
    return np.array2string(array, formatter={kind: lambda x: entry(x).rjust(width)}, threshold=400, max_line_width=120)


def plain(obj: object) -> object:
    """JSON-safe data: numpy values as lists; non-finite floats, fractions and the like as strings."""
    if isinstance(obj, dict):
        return {str(key): plain(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(value) for value in obj]
    if isinstance(obj, np.ndarray | np.generic):
        return plain(obj.tolist())
    if isinstance(obj, float) and not math.isfinite(obj):
        return str(obj)
    if obj is None or isinstance(obj, int | float | str):
        return obj
    return str(obj)


def error_dict(exc: IdentityError) -> dict:
    """The JSON form of bad input; ``column`` is 0-based in the text named by ``part``."""
    return {"status": "error", "message": exc.message, "part": exc.part, "column": exc.column, "length": exc.length}


def installed_version() -> str:
    """The installed distribution's version, read from its metadata rather than an import."""
    try:
        return metadata.version("matrixcalc")
    except metadata.PackageNotFoundError:
        return "(not installed)"
