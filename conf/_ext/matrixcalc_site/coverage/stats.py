"""The ``{catalogue-stats}`` summary: identities by verdict, derivations, and equations cited.

The counts are taken from the domain when every page has been read, so the figures quoted on
the site are those of the build that publishes them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from docutils import nodes

from matrixcalc.sphinxext.domain import get_domain

from .entries import MISTAKE, NUMERIC_ONLY, VERIFIED, citing, standing
from .locators import eq_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .placeholders import catalogue_stats


def plural(count: int, singular: str, many: str = "") -> str:
    """``1 identity``, ``2 identities``."""
    return f"{count} {singular if count == 1 else many or singular + 's'}"


def fill_stats(app: Sphinx, node: catalogue_stats, docname: str) -> list[nodes.Node]:
    """Counts of identities by verdict, derivations, and equations of the bib key cited."""
    entries = list(get_domain(app.env).unique_entries())
    identities = [e for e in entries if e.kind == "identity"]
    states = defaultdict(int)
    for entry in identities:
        states[standing(entry)] += 1
    others = sum(count for state, count in states.items() if state not in (VERIFIED, NUMERIC_ONLY, MISTAKE))
    wanted = set(node["range"])
    numbers = {n for n in citing(entries, node["bib"]) if not wanted or n in wanted}
    scope = f" ({eq_text(node['range'])})" if wanted else ""
    derivations = sum(1 for e in entries if e.kind == "derivation")
    counts = [
        f"{states[VERIFIED]} verified",
        f"{states[NUMERIC_ONLY]} numeric-only",
        f"{plural(states[MISTAKE], 'documented mistake')} (refuted as expected)",
    ]
    if others:
        counts.append(f"{others} not verified in this build or failing")
    lines = [
        f"{plural(len(identities), 'identity', 'identities')}: {', '.join(counts)}",
        plural(derivations, "derivation"),
        f"{plural(len(numbers), 'distinct equation number')} of {node['bib']}{scope} cited",
    ]
    items = nodes.bullet_list(classes=["mc-stats"])
    for line in lines:
        items += nodes.list_item("", nodes.paragraph(text=line))
    return [items]
