"""Shared pytest setup: Sphinx's testing fixtures, where the test projects live, and no cache."""

import sys
from pathlib import Path

import pytest

# The site's own extension (conf/_ext/matrixcalc_site), as conf/conf.py loads it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "conf" / "_ext"))

pytest_plugins = ("sphinx.testing.fixtures", "pytester")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where the Sphinx test projects live (``tests/roots/test-*``)."""
    return Path(__file__).parent / "roots"


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes a verdict cache beside its (shared, read-only) project unless it asks to."""
    monkeypatch.setenv("MATRIXCALC_NO_CACHE", "1")
