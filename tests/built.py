"""Reading what a ``sphinx.testing`` build produced: a page, the export, the warnings."""

from __future__ import annotations

import json

from sphinx.testing.util import SphinxTestApp


def page_html(app: SphinxTestApp, name: str = "index") -> str:
    """The HTML of one built page."""
    return (app.outdir / f"{name}.html").read_text(encoding="utf-8")


def export(app: SphinxTestApp) -> dict:
    """The whole identities.json of the build."""
    return json.loads((app.outdir / "identities.json").read_text(encoding="utf-8"))


def entries(app: SphinxTestApp) -> list[dict]:
    """The exported entries (identities and derivations)."""
    return export(app)["identities"]


def warnings(app: SphinxTestApp) -> str:
    """Everything the build warned about."""
    return app.warning.getvalue()
