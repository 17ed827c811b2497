"""Rich display of a ``Verdict`` or a ``Derivative`` in Jupyter: the typeset formula, the badge, the evidence.

Jupyter asks an object for ``_repr_html_``, ``_repr_markdown_`` and ``_repr_latex_``; these
functions give what a reader of the site sees of an identity (the formula typeset by
:mod:`matrixcalc.latex`, the verdict in one word, the evidence in a few lines). They are attached
to the two classes by :func:`attach` when :mod:`matrixcalc` is imported, so the data classes stay
free of presentation and the layers keep importing one way (front ends → verify → language).
"""

from __future__ import annotations

import html
from typing import Any

from .errors import IdentityError
from .latex import latex as latex_of
from .latex import latex_where
from .verdict import Status, Verdict, sizes_str

# Badge colours as on the site: numeric-only is a neutral slate, not the red of a failure.
COLOURS = {Status.VERIFIED: "#00a86b", Status.REFUTED: "#d32f2f", Status.NUMERIC_ONLY: "#6f8797"}


def _formula(identity: str, where: str) -> str | None:
    """The identity's LaTeX, or None when it does not parse (then the text is shown as code)."""
    try:
        return latex_of(identity, where)
    except IdentityError:
        return None


def _where(where: str) -> str | None:
    try:
        return latex_where(where) if where.strip() else None
    except IdentityError:
        return None


def evidence(verdict: Verdict) -> list[str]:
    """The evidence in a few short lines: numeric draws and sizes, the symbolic level, any counterexample."""
    numeric = verdict.numeric
    lines = [f"numeric ({numeric.method}, tolerance {numeric.tolerance:.0e}): {numeric.summary()}"]
    if numeric.sizes:
        lines.append("sizes: " + "; ".join(sizes_str(s) for s in numeric.sizes))
    if verdict.symbolic is not None:
        lines.append(f"symbolic: {verdict.symbolic.summary()}")
    if verdict.counterexample is not None:
        ce = verdict.counterexample
        how = "exact arithmetic" if ce.exact else f"relative error {ce.relative_error:.2e}"
        lines.append(f"counterexample: '==' number {ce.link + 1} fails at {sizes_str(ce.sizes)} ({how})")
    return lines


def reason(verdict: Verdict) -> str:
    """Why a verdict is numeric-only (empty for the others)."""
    if verdict.status != Status.NUMERIC_ONLY:
        return ""
    return (verdict.symbolic.reason if verdict.symbolic else None) or "no symbolic check"


def _heading(obj: Verdict | Any) -> tuple[str, str, str, Verdict]:
    """(caption, LaTeX or '', plain text, verdict) of a Verdict or a Derivative."""
    if isinstance(obj, Verdict):
        return "", _formula(obj.identity, obj.where) or "", obj.identity, obj
    caption = f"Derivative of {obj.source[0] or obj.expression}" + (f" ({obj.shape})" if obj.shape else "")
    return caption, obj.latex or _formula(obj.identity, obj.where) or "", obj.identity, obj.verdict


def to_html(obj: Verdict | Any) -> str:
    """HTML for Jupyter: caption, badge, display formula, where line, evidence (the notebook typesets the math)."""
    caption, formula, text, verdict = _heading(obj)
    colour = COLOURS.get(verdict.status, "#6b6b6b")
    badge = (
        f'<span class="mc-badge" style="border:1px solid {colour};border-radius:1em;padding:0 .6em;'
        f'font-weight:600">{html.escape(str(verdict.status))}</span>'
    )
    parts = [f'<div class="mc-display" style="border-left:.25rem solid {colour};padding:.2rem .75rem">']
    parts.append(f"<p>{html.escape(caption)} {badge}</p>" if caption else f"<p>{badge}</p>")
    parts.append(f"$$\n{html.escape(formula)}\n$$" if formula else f"<pre>{html.escape(text)}</pre>")
    where = _where(verdict.where)
    if where:
        parts.append(f"<p>where ${html.escape(where)}$</p>")
    items = ([f"reason: {reason(verdict)}"] if reason(verdict) else []) + evidence(verdict)
    parts.append('<ul style="font-size:.85em">' + "".join(f"<li>{html.escape(e)}</li>" for e in items) + "</ul>")
    parts.append("</div>")
    return "\n".join(parts)


def to_markdown(obj: Verdict | Any) -> str:
    """Markdown: the badge in bold, the formula as display math, the where line, the evidence as a list."""
    caption, formula, text, verdict = _heading(obj)
    lines = [f"{caption} **{verdict.status}**" if caption else f"**{verdict.status}**", ""]
    lines += [f"$$\n{formula}\n$$" if formula else f"`{text}`", ""]
    where = _where(verdict.where)
    if where:
        lines += [f"where ${where}$", ""]
    if reason(verdict):
        lines.append(f"- reason: {reason(verdict)}")
    lines += [f"- {line}" for line in evidence(verdict)]
    return "\n".join(lines)


def to_latex(obj: Verdict | Any) -> str:
    """LaTeX math (what Jupyter's text/latex shows): the formula, then the verdict as text beside it."""
    _, formula, text, verdict = _heading(obj)
    body = formula or r"\texttt{" + text.replace("\\", "").replace("{", "").replace("}", "") + "}"
    return rf"$\displaystyle {body} \qquad \text{{[{verdict.status}]}}$"


def attach(*classes: type) -> None:
    """Give each class the three Jupyter display methods (thin wrappers of this module's functions)."""
    for cls in classes:
        cls._repr_html_ = to_html  # type: ignore[attr-defined]
        cls._repr_markdown_ = to_markdown  # type: ignore[attr-defined]
        cls._repr_latex_ = to_latex  # type: ignore[attr-defined]
