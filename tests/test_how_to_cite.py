"""The How to cite page: a BibTeX entry for the site at the built version, and what stays stable."""

from __future__ import annotations

import html
import json
import os
import re
import sys
from pathlib import Path

import pytest
from matrixcalc_site.howtocite import site_bibtex

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under --import-mode=importlib
from test_docs_build import built_site  # noqa: E402 - the shared, once-per-run site build


def test_site_bibtex_names_the_site_its_address_and_version() -> None:
    text = site_bibtex("matrixcalc {site}", "the authors", "https://example.org/", "1.2.3", "2025")
    assert text.startswith("@misc{matrixcalc,\n")
    assert "title        = {matrixcalc site}" in text
    assert "howpublished = {\\url{https://example.org/}}" in text
    assert "note         = {version 1.2.3}" in text and "year         = {2025}" in text
    assert text.count("{") == text.count("}")


def test_site_bibtex_of_a_local_build_says_so() -> None:
    text = site_bibtex("matrixcalc", "the authors", "", "1.2.3", "2026")
    assert "howpublished" not in text and "note         = {version 1.2.3, local build}" in text


def test_how_to_cite_page(tmp_path_factory: pytest.TempPathFactory) -> None:
    site = built_site(tmp_path_factory)
    version = json.loads((site / "identities.json").read_text(encoding="utf-8"))["version"]
    page = (site / "how-to-cite.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    published = os.environ.get("MATRIXCALC_BASE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL")
    note = f"version {version}" + ("" if published else ", local build")  # no address: it says so
    assert "@misc{matrixcalc," in text and f"note         = {{{note}}}" in text
    assert "What stays stable across versions" in text
    assert "identity-<ID>" in text and "IDs." in text
    assert 'href="mc-index.html"' in page
    assert 'href="catalogue/forms.html#identity-cb-rayleigh-quotient"' in page
