"""Prose as math-mode LaTeX: the justification of a derivation step, set beside the formula.

A justification is plain text with the odd symbol (``∂``, ``⊗``, ``Σₖ``, ``Xᵀ``, ``x_i``); both
KaTeX and MathJax must typeset it inside an ``aligned`` display, so runs of letters go in
``\\text{}`` and everything else is written as math. Greek letters come from the same table
as symbol names (:mod:`matrixcalc.latex.names`).
"""

from __future__ import annotations

import re
import unicodedata

from .names import GREEK_CAPITAL_MACROS, GREEK_LOWER

# Characters that cannot stand inside \text{} for KaTeX (or that MathJax would print verbatim),
# written as math instead.
TEXT_SPECIALS = {
    "\\": r"\backslash",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\wedge",
    "~": r"\sim",
}
MATH_SYMBOLS = {
    "∂": r"\partial",
    "∇": r"\nabla",
    "⇔": r"\Leftrightarrow",
    "⇒": r"\Rightarrow",
    "⇐": r"\Leftarrow",
    "→": r"\to",
    "←": r"\leftarrow",
    "↦": r"\mapsto",
    "≠": r"\neq",
    "≤": r"\leq",
    "≥": r"\geq",
    "≈": r"\approx",
    "≡": r"\equiv",
    "⊗": r"\otimes",
    "∘": r"\circ",
    "⊙": r"\odot",
    "·": r"\cdot",
    "×": r"\times",
    "−": "-",
    "±": r"\pm",
    "∑": r"\sum",
    "∏": r"\prod",
    "∈": r"\in",
    "∞": r"\infty",
    "⊤": r"\top",
    "√": r"\surd",
    "‖": r"\|",
}
LATIN_CAPITALS = dict(zip(GREEK_LOWER, "AB  EZHIKMNO P T X  "))  # capitals spelled as Latin letters
SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ᵀᵏⁿⁱ", "0123456789+-Tkni"))
SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋ᵢⱼₖₙ", "0123456789+-ijkn"))
# ``X^T``, ``X^-1``, ``x_i``, ``x_{i+1}`` in ASCII prose are scripts, as a reader means them
ASCII_SCRIPT = re.compile(r"([\^_])(?:\{([^{}]*)\}|([A-Za-z0-9+\-]+))")
SCRIPT_WORD = re.compile(r"[A-Za-z0-9+\-]+")
TEXT_PUNCTUATION = set("—–“”‘’…«»")  # typography KaTeX and MathJax both set inside \text{}


def _greek(char: str) -> str | None:
    """``\\alpha`` for α, ``\\Sigma`` for Σ, ``\\mathrm{A}`` for the capitals that look Latin."""
    name = unicodedata.name(char, "")
    small = name.startswith("GREEK SMALL LETTER ")
    if not small and not name.startswith("GREEK CAPITAL LETTER "):
        return None
    word = name.rsplit(" ", 1)[-1].lower().replace("lamda", "lambda")
    if word not in GREEK_LOWER:
        return None
    if small:
        return "o" if word == "omicron" else f"\\{word}"
    if word.capitalize() in GREEK_CAPITAL_MACROS:
        return f"\\{word.capitalize()}"
    return rf"\mathrm{{{LATIN_CAPITALS[word]}}}"


def _in_text(char: str) -> bool:
    """True when both renderers set ``char`` as it is inside ``\\text{}``."""
    if char in TEXT_SPECIALS:
        return False
    if char.isascii():
        return char.isprintable()
    return char in TEXT_PUNCTUATION or (unicodedata.category(char).startswith("L") and ord(char) < 0x250)


def _math(char: str) -> str:
    """One character that cannot stay in ``\\text{}``, as math."""
    if char in TEXT_SPECIALS:
        return TEXT_SPECIALS[char]
    if char in MATH_SYMBOLS:
        return MATH_SYMBOLS[char]
    greek = _greek(char)
    if greek is not None:
        return greek
    return rf"\text{{[U+{ord(char):04X}]}}"  # say what was there rather than break the page


def latex_text(text: str) -> str:
    """Plain prose as math-mode LaTeX: ``\\text{}`` runs, with symbols and scripts set as math."""
    parts: list[str] = []
    run = ""
    index = 0
    text = " ".join(text.split())
    while index < len(text):
        if _in_text(text[index]):
            run += text[index]
            index += 1
            continue
        if run:
            parts.append(rf"\text{{{run}}}")
            run = ""
        piece, index = _special(text, index)
        parts.append(piece)
    if run:
        parts.append(rf"\text{{{run}}}")
    return "".join(parts).strip()


def _special(text: str, index: int) -> tuple[str, int]:
    """The LaTeX of the symbol or script at ``index``, and the index where the text resumes."""
    match = ASCII_SCRIPT.match(text, index)
    if match:
        return _script(match[1], match[2] if match[2] is not None else match[3]), match.end()
    for table, sign in ((SUPERSCRIPTS, "^"), (SUBSCRIPTS, "_")):
        end = index
        while end < len(text) and text[end] in table:
            end += 1
        if end > index:
            return _script(sign, "".join(table[char] for char in text[index:end])), end
    return _math(text[index]) + " ", index + 1


def _script(sign: str, body: str) -> str:
    """A superscript or subscript: ``X^T`` as a transpose, ``X^-1``, ``x_i``, ``x_{i+1}``."""
    if sign == "^" and body in ("T", "-T"):
        inner = body.replace("T", r"\top")
    elif SCRIPT_WORD.fullmatch(body):
        inner = body
    else:
        inner = latex_text(body)
    return f"{{}}{sign}{{{inner}}}"
