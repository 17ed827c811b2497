"""What leaves the build besides pages: page URLs, the cite-as boxes and ``identities.json``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.errors import NoUri

from ..doccheck.jsonfile import write_json_atomically
from . import nodes as mc_nodes
from .domain import Entry, get_domain
from .render import bibtex_entry

if TYPE_CHECKING:
    from sphinx.application import Sphinx

EXPORT_NAME = "identities.json"


def site_version(app: Sphinx) -> str:
    """``matrixcalc_site_version``, else the project's ``release``."""
    return app.config.matrixcalc_site_version or app.config.release or ""


def relative_url(app: Sphinx, docname: str, anchor: str) -> str:
    """``page.html#anchor`` relative to the site root; the HTML site's URL also for a PDF or text."""
    page = f"{docname}.html"
    if app.builder.format == "html":
        try:
            page = app.builder.get_target_uri(docname)
        except NoUri:
            pass
    return f"{page}#{anchor}"


def absolute_url(app: Sphinx, docname: str, anchor: str) -> str:
    """The permanent URL of an anchor, from ``matrixcalc_base_url``."""
    base = app.config.matrixcalc_base_url or ""
    if base and not base.endswith("/"):
        base += "/"
    return base + relative_url(app, docname, anchor)


def fill_citeas(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each cite-as placeholder with BibTeX, now that the builder knows page URLs.

    With ``matrixcalc_cite_as = False`` (a project that does not want its readers to cite
    identities) the cite-as panel is dropped instead.
    """
    for placeholder in list(doctree.findall(mc_nodes.citeas)):
        if not app.config.matrixcalc_cite_as:
            panel = placeholder.parent if isinstance(placeholder.parent, mc_nodes.details) else placeholder
            panel.parent.remove(panel)
            continue
        url = absolute_url(app, placeholder.get("docname") or docname, placeholder["anchor"])  # a PDF is one doctree
        text = bibtex_entry(placeholder["id"], placeholder["title"], url, site_version(app))
        placeholder.replace_self(nodes.literal_block(text, text, language="bibtex", classes=["mc-citeas"]))


def export_record(app: Sphinx, entry: Entry) -> dict[str, Any]:
    """One object of identities.json."""
    return {
        "id": entry.id,
        "title": entry.title,
        "url": relative_url(app, entry.docname, entry.anchor),
        "kind": entry.kind,
        **entry.record,
    }


def write_export(app: Sphinx, exception: Exception | None) -> None:
    """Write ``identities.json`` at the root of the HTML output, sorted by ID."""
    if exception is not None or app.builder.format != "html":
        return
    records = [export_record(app, entry) for entry in get_domain(app.env).unique_entries()]
    data = {"version": site_version(app), "identities": sorted(records, key=lambda record: record["id"])}
    write_json_atomically(Path(app.outdir) / EXPORT_NAME, data, indent=1)
