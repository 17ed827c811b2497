"""The normal form as text in the language's own notation, for the proof shown to readers."""

from __future__ import annotations

from .algebra import Sum


def show(a: Sum) -> str:
    if not a.terms:
        return f"zeros({a.rows}, {a.cols})" if not (a.rows.is_one and a.cols.is_one) else "0"
    parts = []
    for s, w, c in a.terms:
        factors = [_atom(atom, e) for atom, e in s] + [_letter(x) for x in w]
        if not w and not (a.rows.is_one and a.cols.is_one):
            factors.append(f"I({a.rows})")
        body = " @ ".join(f for f in factors if f) if w else " * ".join(factors)
        if w and s:
            body = " * ".join(_atom(atom, e) for atom, e in s) + " * " + " @ ".join(_letter(x) for x in w)
        coef = "" if c == 1 and body else "-" if c == -1 and body else f"{c}" + (" * " if body else "")
        parts.append(coef + body)
    return " + ".join(parts).replace("+ -", "- ")


def _atom(atom: tuple, e) -> str:
    kind = atom[0]
    if kind == "tr":
        text = f"tr({' @ '.join(_letter(x) for x in atom[1])})"
    elif kind == "i":
        text = "i"
    elif kind in ("sym", "size"):
        text = _name(atom[1])
    elif kind in ("det", "logdet"):
        text = f"{kind}({_name(atom[1])})"
    elif kind in ("detof", "logdetof"):
        text = f"{kind[:-2]}({show(atom[1])})"
    elif kind == "f":
        text = f"{atom[1]}({show(atom[2])})"
    elif kind == "base":
        text = f"({show(atom[1])})"
    else:
        text = str(atom)
    return text if e == 1 else f"{text} ** ({e})"


def _name(name: str) -> str:
    """A symbol's name; the conjugate of a complex symbol as ``conj(Z)``."""
    return f"conj({name[5:]})" if name.startswith("conj:") else name


def _letter(x: tuple) -> str:
    kind = x[0]
    if kind == "s":
        text = f"inv({_name(x[1])})" if x[3] else _name(x[1])
        return text + (".T" if x[2] else "")
    if kind == "1":
        return f"ones({x[1]}, {x[2]})"
    if kind == "K":
        return f"K({x[1]}, {x[2]})"
    if kind == "inv":
        return f"inv({show(x[1])})"
    if kind == "kron":
        return f"kron({show(x[1])}, {show(x[2])})"
    if kind == "vec":
        return f"vec({show(x[1])})" + (".T" if x[2] else "")
    if kind == "had":
        return "hadamard(" + ", ".join(show(f) for f in x[1]) + ")"
    if kind == "ew":
        return f"{x[1]}({show(x[2])})"
    if kind == "diagm":
        return f"diagm({show(x[1])})"
    if kind == "diag":
        return f"diag({show(x[1])})" + (".T" if x[2] else "")
    return str(x)
