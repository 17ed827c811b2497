"""Sphinx's own search finds identities: by ID, by title words and by names in the formula.

The built ``searchindex.js`` is read the way ``searchtools.js`` reads it: an object's searchable
name is its prefix and name joined by a dot, and its link is the page plus the anchor.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under --import-mode=importlib
from test_docs_build import built_site  # noqa: E402 - the shared, once-per-run site build


def search_objects(outdir: Path) -> list[tuple[str, str]]:
    """(searchable name, link) of every object in the search index."""
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    found = []
    for prefix, rows in index["objects"].items():
        for file, kind, _prio, anchor, name in rows:
            fullname = f"{prefix}.{name}" if prefix else name
            if anchor == "":
                anchor = fullname
            elif anchor == "-":
                anchor = f"{index['objnames'][str(kind)][1]}-{fullname}"
            found.append((html.unescape(fullname), f"{index['docnames'][file]}.html#{anchor}"))
    return found


def matches(objects: list[tuple[str, str]], term: str) -> set[str]:
    """The links an object search for one term returns (searchtools.js: a substring of the name)."""
    return {link for name, link in objects if term.lower() in name.lower()}


@pytest.mark.sphinx("html", testroot="good")
def test_search_finds_an_identity_by_id_title_and_formula(app: SphinxTestApp) -> None:
    app.build()
    objects = search_objects(Path(app.outdir))
    assert matches(objects, "trace-axb") == {"index.html#identity-trace-axb"}
    assert "index.html#identity-trace-axb" in matches(objects, "linear in x")  # a title word
    assert "index.html#identity-trace-axb" in matches(objects, "tr(")  # a name in the formula


@pytest.fixture(scope="module")
def site_search(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], list[tuple[str, str]]]:
    site = built_site(tmp_path_factory)
    records = json.loads((site / "identities.json").read_text(encoding="utf-8"))["identities"]
    return records, search_objects(site)


def test_search_index_holds_every_identity_id_and_title(site_search) -> None:
    records, objects = site_search
    names = {name for name, _ in objects}
    for record in records:
        link = record["url"]
        assert record["id"] in names, f"{record['id']} is not in the search index"
        assert link in matches(objects, record["id"]), link
        titled = {link for name, link in objects if record["title"] in name}
        assert record["url"] in titled, f"the title of {record['id']} is not in the search index"


@pytest.mark.parametrize(
    ("term", "expected"),
    [("cb-rayleigh-quotient", "identity-cb-rayleigh-quotient"), ("logdet", "identity-"), ("kron", "identity-")],
)
def test_site_search_finds_names(site_search, term: str, expected: str) -> None:
    _, objects = site_search
    assert any(expected in link for link in matches(objects, term)), term
