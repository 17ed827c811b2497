"""The catalogue shipped as package data: up to date with the pages, used by find and diff from a wheel."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from matrixcalc import cli
from matrixcalc.calculus import catalogue, find

OUTSIDE = Path(__file__).parent / "roots" / "test-outside"


def test_the_packaged_catalogue_is_what_the_pages_say() -> None:
    fresh = catalogue.data_text(catalogue.export())
    assert catalogue.DATA.read_text(encoding="utf-8") == fresh, (
        "matrixcalc/data/catalogue.json is out of date: run `.venv/bin/python -m matrixcalc.calculus.catalogue`"
    )


def test_urls_are_the_sites_pages_and_examples_in_code_fences_are_not_entries() -> None:
    data = json.loads(catalogue.DATA.read_text(encoding="utf-8"))
    assert all(re.fullmatch(r"[a-z0-9/-]+\.html#identity-[a-z0-9-]+", e["url"]) for e in data["identities"])
    on_language_page = {e["id"] for e in data["identities"] if e["page"] == "language.md"}
    assert "trace-axb" not in on_language_page  # the ```markdown example on language.md


def test_the_wheel_declares_the_data_as_package_data() -> None:
    pyproject = (Path(__file__).parents[1] / "pyproject.toml").read_text()
    assert '"data/*.json"' in pyproject


def test_find_prints_the_sites_urls_absolute_under_the_base_url(capsys, monkeypatch) -> None:
    monkeypatch.delenv("MATRIXCALC_BASE_URL", raising=False)
    code = cli.main(["find", "tr(P1 @ Y @ Q1)", "--where", "P1: p x m; Y: m x n; Q1: n x p", "--wrt", "Y"])
    assert code == 0
    assert "trace-axb  catalogue/traces-determinants.html#identity-trace-axb" in capsys.readouterr().out
    monkeypatch.setenv("MATRIXCALC_BASE_URL", "https://docs.example.com/mc/")
    assert cli.main(["find", "tr(P1 @ Y @ Q1)", "--where", "P1: p x m; Y: m x n; Q1: n x p", "--wrt", "Y"]) == 0
    assert "trace-axb  https://docs.example.com/mc/catalogue/traces-determinants.html#identity-trace-axb" in (
        capsys.readouterr().out
    )


def test_a_missing_catalogue_is_said_loudly(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(catalogue, "DATA", tmp_path / "absent.json")
    find._index.cache_clear()
    try:
        code = cli.main(["find", "tr(X)", "--where", "X: n x n"])
        _, err = capsys.readouterr()
        assert code == 2
        assert "absent.json is missing or unreadable" in err and "--docs PATH" in err
        assert cli.main(["diff", "tr(X)", "--wrt", "X", "--where", "X: n x n"]) == 0
        assert "warning: no catalogue IDs: the catalogue data" in capsys.readouterr().err
    finally:
        find._index.cache_clear()


def test_find_docs_searches_a_projects_own_pages_and_docstrings(capsys, tmp_path) -> None:
    shutil.copytree(OUTSIDE, tmp_path / "project")
    code = cli.main(["find", "u.T @ Y @ v", "--where", "u: k; Y: k x k; v: k", "--docs", str(tmp_path / "project")])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("bilinear-gradient  optimlib/steps.py:23\n")
    assert cli.main(["find", "tr(X)", "--where", "X: n x n", "--docs", str(tmp_path / "nowhere")]) == 2


def test_base_url_moves_the_packaged_urls(monkeypatch) -> None:
    monkeypatch.setenv("MATRIXCALC_BASE_URL", "https://docs.example.com/mc")
    entries = catalogue.packaged()
    assert all(e.url.startswith("https://docs.example.com/mc/") for e in entries)
