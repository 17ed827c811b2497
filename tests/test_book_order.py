"""The site reads in the book's order: the Cookbook's chapter 2, then chapter 4, then beyond, then reference."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"

COOKBOOK_CHAPTER_2 = [  # basics, determinants, inverses, eigenvalues, forms, traces, norms, structured
    "catalogue/index",
    "catalogue/basic-rules",
    "catalogue/determinants",
    "catalogue/inverses",
    "catalogue/eigenvalues",
    "catalogue/forms",
    "catalogue/traces",
    "catalogue/traces-determinants",
    "catalogue/norms",
    "catalogue/structured",
]
BEYOND = ["catalogue/layouts", "catalogue/kronecker", "catalogue/second-order", "catalogue/ml-statistics"]
REFERENCE = ["catalogue/coverage", "errata", "catalogue/mistakes"]  # then the index of identities (conf/_ext)


def toctrees(text: str) -> dict[str, list[str]]:
    """Caption -> entries (the document of each, explicit titles dropped) of every toctree in MyST text."""
    found = {}
    for body in re.findall(r"```\{toctree\}\n(.*?)```", text, re.DOTALL):
        caption = re.search(r"^:caption: (.+)$", body, re.MULTILINE)
        entries = [line.strip() for line in body.splitlines() if line.strip() and not line.startswith(":")]
        found[caption.group(1) if caption else ""] = [re.sub(r".*<(.+)>$", r"\1", e) for e in entries]
    return found


def test_sidebar_follows_the_book() -> None:
    trees = toctrees((DOCS / "index.md").read_text(encoding="utf-8"))
    captions = list(trees)
    assert captions.index("The Matrix Cookbook, chapter 2") < captions.index("Complex matrices (chapter 4)")
    assert (
        captions.index("Complex matrices (chapter 4)")
        < captions.index("Beyond the Cookbook")
        < captions.index("Reference")
    )
    assert trees["The Matrix Cookbook, chapter 2"] == COOKBOOK_CHAPTER_2
    assert trees["Complex matrices (chapter 4)"] == ["catalogue/complex"]
    assert trees["Beyond the Cookbook"][: len(BEYOND)] == BEYOND
    assert trees["Reference"][: len(REFERENCE)] == REFERENCE


def test_every_catalogue_page_is_in_the_sidebar_once() -> None:
    listed = [
        entry for entries in toctrees((DOCS / "index.md").read_text(encoding="utf-8")).values() for entry in entries
    ]
    pages = {f"catalogue/{p.stem}" for p in (DOCS / "catalogue").glob("*.md")}
    assert pages <= set(listed), pages - set(listed)
    assert len(listed) == len(set(listed)), [e for e in listed if listed.count(e) > 1]


def test_catalogue_index_has_no_toctree_of_its_own() -> None:
    assert "{toctree}" not in (DOCS / "catalogue" / "index.md").read_text(encoding="utf-8")
