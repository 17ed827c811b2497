"""The complex-matrices page on the built site: the bars of issue 12 for the catalogue.

At least 30 verified complex identities and 5 documented mistakes, the complex LMS derivation
verified and linked, and chapter 4 of the Cookbook (eqs. 225-259) covered row by row, with
eqs. 45 and 89 of chapter 2 no longer gaps.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under --import-mode=importlib
from test_docs_build import built_site  # noqa: E402 - the shared, once-per-run site build

PAGE = "catalogue/complex.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def records(site: Path) -> list[dict]:
    return json.loads((site / "identities.json").read_text(encoding="utf-8"))["identities"]


def text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace folded."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def timed_out(record: dict) -> bool:
    """Numeric-only because the exact check ran out of time (a loaded machine), not for want of support."""
    reason = (record["verdict"].get("symbolic") or {}).get("reason") or ""
    return record["verdict"]["status"] == "numeric-only" and "timed out" in reason


def test_complex_page_meets_its_bars(records: list[dict]) -> None:
    on_page = [r for r in records if r["url"].startswith(PAGE + "#")]
    states = Counter((r["expect"], r["verdict"]["status"]) for r in on_page)
    assert states[("true", "verified")] >= 30, states
    assert states[("false", "refuted")] >= 5, states
    # every entry verifies on an idle machine; under heavy load the exact proof of the nested
    # inverses of eqs. 255-259 can exceed the time limit, and the site then says so
    others = [
        r["id"]
        for r in on_page
        if (r["expect"], r["verdict"]["status"]) not in (("true", "verified"), ("false", "refuted"))
    ]
    assert all(timed_out(r) for r in on_page if r["id"] in others), others
    assert len(others) <= 2, others
    assert all("complex" in r["where"] for r in on_page), [r["id"] for r in on_page if "complex" not in r["where"]]


def test_complex_lms_derivation_is_verified_and_linked(site: Path, records: list[dict]) -> None:
    lms = next(r for r in records if r["id"] == "der-complex-lms")
    assert (lms["kind"], lms["verdict"]["status"]) == ("derivation", "verified")
    assert lms["url"].startswith("derivations/complex-lms.html#")
    page = (site / "catalogue" / "complex.html").read_text(encoding="utf-8")
    assert 'href="../derivations/complex-lms.html"' in page


def test_coverage_of_chapter_4_is_complete(site: Path) -> None:
    shown = text((site / "catalogue" / "coverage.html").read_text(encoding="utf-8"))
    summary = re.search(r"35 equations \(eqs\. 225–259\): ([^.]*)\.", shown)
    assert summary, "no coverage summary for chapter 4"
    counts = {label: int(number) for number, label in re.findall(r"(\d+) ([a-z -]+?)(?:,|$)", summary[1])}
    assert (counts.pop("errata"), counts.pop("not expressible")) == (1, 0), summary[1]  # eq. 252 as printed
    # numeric-only only where an entry timed out (see test_complex_page_meets_its_bars)
    assert counts.pop("covered by verified identities") + counts.pop("numeric-only", 0) == 34, summary[1]
    assert not counts, summary[1]  # no row uncovered or unchecked
    chapter_2 = re.search(r"112 equations \(eqs\. 33–144\): ([^.]*)\.", shown)
    assert chapter_2 and "uncovered" not in chapter_2[1], chapter_2


def test_eqs_45_and_89_point_to_complex_entries(site: Path) -> None:
    page = (site / "catalogue" / "coverage.html").read_text(encoding="utf-8")
    rows = {text(m[0]): m[1] for m in re.findall(r"<tr[^>]*>\s*<td[^>]*><p>(eq\. \d+)</p></td>(.*?)</tr>", page, re.S)}
    assert "cx-differential-hermitian-transpose" in rows["eq. 45"] and "not expressible" not in text(rows["eq. 45"])
    assert "cx-lms-gradient" in rows["eq. 89"] and "verified" in text(rows["eq. 89"])
