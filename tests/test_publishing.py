"""Publishing the site: the Read the Docs and GitHub Pages configurations, and the site's address.

Both configurations are validated against the schemas that check-jsonschema vendors (no
network). The address comes from the environment: MATRIXCALC_BASE_URL (the Pages workflow),
else READTHEDOCS_CANONICAL_URL; a local build has none and says so.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = "matrixcalc" + ".example.org"  # split, so this file does not contain it
CONFIGURATIONS = [
    (".readthedocs.yaml", "vendor.readthedocs"),
    (".github/workflows/pages.yml", "vendor.github-workflows"),
]


def validate(path: Path, schema: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("name", "schema"), CONFIGURATIONS)
def test_configuration_is_valid(name: str, schema: str) -> None:
    result = validate(ROOT / name, schema)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("name", "schema"), CONFIGURATIONS)
def test_an_invalid_configuration_is_caught(name: str, schema: str, tmp_path: Path) -> None:
    broken = tmp_path / Path(name).name
    broken.write_text(
        (ROOT / name).read_text(encoding="utf-8").replace("runs-on:", "runs_on:").replace("version: 2", "version: 7")
    )
    assert validate(broken, schema).returncode == 1


def test_readthedocs_builds_the_site_with_the_same_command_and_the_pdf() -> None:
    text = (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert "nodejs:" in text and "npm ci" in text
    assert "python -m sphinx -E -W -j auto -c conf docs $READTHEDOCS_OUTPUT/html" in text
    assert "$READTHEDOCS_OUTPUT/pdf/" in text


def test_pages_workflow_publishes_main_with_its_address() -> None:
    text = (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "branches: [main]" in text
    assert "MATRIXCALC_BASE_URL: ${{ steps.pages.outputs.base_url }}/" in text
    assert "actions/deploy-pages@" in text and "python -m sphinx -E -W -j auto -c conf docs build/html" in text


def site_conf(monkeypatch: pytest.MonkeyPatch, **environment: str):
    """conf/conf.py loaded afresh under ``environment`` (the address variables cleared first)."""
    for name in ("MATRIXCALC_BASE_URL", "READTHEDOCS_CANONICAL_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("matrixcalc_site_conf", ROOT / "conf" / "conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_address_from_pages_from_read_the_docs_or_none(monkeypatch: pytest.MonkeyPatch) -> None:
    conf = site_conf(monkeypatch, MATRIXCALC_BASE_URL="https://someone.github.io/matrixcalc")
    assert conf.matrixcalc_base_url == conf.html_baseurl == "https://someone.github.io/matrixcalc/"
    conf = site_conf(monkeypatch, READTHEDOCS_CANONICAL_URL="https://matrixcalc.readthedocs.io/en/latest/")
    assert conf.matrixcalc_base_url == "https://matrixcalc.readthedocs.io/en/latest/"
    conf = site_conf(monkeypatch)
    assert conf.matrixcalc_base_url == conf.html_baseurl == ""
    assert conf.copyright.startswith("%Y, ")  # Sphinx puts the build year there


def test_local_cite_as_says_local_build() -> None:
    from matrixcalc.sphinxext.render import bibtex_entry

    local = bibtex_entry("trace-axb", "Trace", "catalogue/traces.html#identity-trace-axb", "1.0")
    assert "howpublished = {local build, catalogue/traces.html#identity-trace-axb}" in local
    published = bibtex_entry("trace-axb", "Trace", "https://a.b/c.html#identity-trace-axb", "1.0")
    assert "howpublished = {\\url{https://a.b/c.html#identity-trace-axb}}" in published


def test_the_placeholder_address_is_nowhere() -> None:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    found = [
        name for name in files if (ROOT / name).is_file() and PLACEHOLDER in (ROOT / name).read_text(errors="replace")
    ]
    assert not found, f"the placeholder address ships in {found}"
