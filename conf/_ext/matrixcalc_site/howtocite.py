"""``{site-bibtex}``: the BibTeX entry for the whole site, at the version being built.

The per-identity entry is :func:`.render.bibtex_entry` (the cite-as box of every identity); this
one names the site, its address and its version, from the same configuration values.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from matrixcalc.sphinxext.render import LOCAL_BUILD as LOCAL


def site_bibtex(title: str, author: str, url: str, version: str, year: str) -> str:
    """``@misc{matrixcalc, ...}`` for the site (braces in the fields are dropped, not escaped).

    Without a published address (a local build) the note says so and there is no URL.
    """
    fields = [
        ("title", title),
        ("author", f"{{{author}}}"),
        ("howpublished", f"\\url{{{url}}}" if url else ""),
        ("note", ", ".join(part for part in (f"version {version}" if version else "", "" if url else LOCAL) if part)),
        ("year", year),
    ]
    body = ",\n".join(
        f"  {name:<12} = {{{value.replace('{', '').replace('}', '') if name == 'title' else value}}}"
        for name, value in fields
        if value
    )
    return f"@misc{{matrixcalc,\n{body},\n}}"


class SiteBibtexDirective(SphinxDirective):
    """A literal BibTeX block for the site, built from ``html_title``, ``author``, the base URL and version."""

    def run(self) -> list[nodes.Node]:
        """The block, from the configuration being built (version, URL)."""
        config = self.config
        year = re.search(r"\d{4}", config.copyright or "")
        version = config.matrixcalc_site_version or config.release or ""
        url = config.matrixcalc_base_url or ""
        text = site_bibtex(
            config.html_title or config.project, config.author, url, version, year.group(0) if year else ""
        )
        block = nodes.literal_block(text, text, language="bibtex", classes=["mc-site-bibtex"])
        self.set_source_info(block)
        return [block]
