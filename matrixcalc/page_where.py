"""A page's shared declarations (``mc:where``) merged into each entry's own ``:where:``.

Like ``sphinx.ext.doctest``'s ``testsetup``: a page declares its symbols once and every entry
below reads them. An entry's own declaration of a name wins over the shared one, so an entry can
specialise a symbol (``X: n x n symmetric``) without repeating the rest.
"""

from __future__ import annotations

PAGE_KEY = "matrixcalc_page_where"
"""``env.temp_data`` key holding the current page's shared declarations, as one declarations string."""


def _parts(text: str) -> list[tuple[str, str]]:
    """(name, declaration) for each ``;``-separated declaration, as written."""
    return [(part.split(":", 1)[0].strip(), part.strip()) for part in text.split(";") if part.strip()]


def merge_where(shared: str, own: str) -> str:
    """``shared`` then ``own``, with a name declared in ``own`` taken from ``own`` alone."""
    if not shared.strip():
        return own.strip()
    mine = _parts(own)
    names = {name for name, _ in mine}
    kept = [text for name, text in _parts(shared) if name not in names]
    return "; ".join(kept + [text for _, text in mine])
