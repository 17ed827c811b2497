"""CITATION.cff: valid Citation File Format 1.2.0, and saying what the site's How to cite says.

The schema is the official CFF 1.2.0 JSON schema as vendored by check-jsonschema
(``--builtin-schema vendor.citation-file-format``); the test runs that command on the file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

import matrixcalc

ROOT = Path(__file__).resolve().parents[1]
CFF = ROOT / "CITATION.cff"


def conf_value(name: str) -> str:
    """A string value of conf/conf.py as written (for the base URL, its default)."""
    text = (ROOT / "conf" / "conf.py").read_text(encoding="utf-8")
    match = re.search(rf'^{name} = (?:os\.environ\.get\("[A-Z_]+", )?"(?P<value>[^"]*)"', text, re.M)
    assert match, name
    return match["value"]


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    command = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.fail("check-jsonschema is not installed: it is in the test extra (make setup)")
    done = subprocess.run(
        [command, "--builtin-schema", "vendor.citation-file-format", str(CFF)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_citation_cff_agrees_with_how_to_cite() -> None:
    data = YAML(typ="safe").load(CFF.read_text(encoding="utf-8"))
    assert data["cff-version"] == "1.2.0"
    assert data["title"] == conf_value("html_title")
    assert data["authors"] == [{"name": conf_value("author")}]
    # the site's address comes from where it is published (conf.py: MATRIXCALC_BASE_URL or Read the
    # Docs); the repository names none, so the file carries no url rather than a placeholder
    assert "matrixcalc_base_url = published_address()" in (ROOT / "conf" / "conf.py").read_text(encoding="utf-8")
    assert "url" not in data
    assert data["version"] == matrixcalc.__version__
    how_to_cite = (ROOT / "docs" / "how-to-cite.md").read_text(encoding="utf-8")
    assert "Cite the site together with the version you read" in how_to_cite
    assert data["message"].startswith("Cite the site together with the version you read")
