"""The options each checked directive accepts, for the collectors that read sources without Sphinx.

The Sphinx directives declare the same names in their ``option_spec`` (a test holds the two
together), so an option Sphinx rejects is rejected by the pytest plugin and ``check-docs`` too.
"""

from __future__ import annotations

import difflib

IDENTITY = ("title", "where", "source", "note", "expect", "numeric-only")
DERIVATION = tuple(name for name in IDENTITY if name != "expect")
DERIVATIVE = (*DERIVATION, "wrt", "hessian", "layout")
OPTIONS = {"identity": IDENTITY, "derivation": DERIVATION, "derivative": DERIVATIVE}


def unknown_option_message(kind: str, name: str) -> str | None:
    """Why ``:name:`` is not an option of ``kind`` (with the nearest known name), or None when it is one."""
    known = OPTIONS[kind]
    if name in known:
        return None
    near = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean ':{near[0]}:'?" if near else f"; the options are {', '.join(':' + k + ':' for k in known)}"
    return f"unknown option ':{name}:' for {kind}{hint}"


def numeric_only_accepted(value: str | None) -> bool:
    """``:numeric-only:`` given with its reason: the entry may pass on numeric evidence alone."""
    return bool(value and value.strip())
