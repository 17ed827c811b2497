"""The real site: a clean build with -E -W succeeds, exports every identity, loads nothing remote.

The site is built once per test run, shared by pytest-xdist workers through a lock in their
common temporary folder (the recipe from pytest-xdist's documentation), and reused by
test_browser.py.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from matrixcalc.documents import blocks_in

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CONF = ROOT / "conf"  # the site's configuration: sphinx-build -c conf docs OUT
BUILD_TIMEOUT = 900

# Attributes through which a page makes the browser fetch something.
LOADING_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "link": ("href",),
}
# <link rel=...> values that are metadata, not a fetch.
NON_LOADING_RELS = {"canonical", "author", "license", "alternate", "help", "search", "next", "prev", "index"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def entries_in(text: str) -> list[tuple[str, str]]:
    """(kind, ID) of the identity and derivation directives in MyST text, in order (examples in code don't count)."""
    exported = {"derivative": "computed"}  # a computed derivative is exported as kind "computed"
    blocks = blocks_in(text, Path("page.md"))
    return [(exported.get(b.kind, b.kind), b.ident) for b in blocks if b.kind != "math"]  # prose roles: no entries


def identity_ids_in(text: str) -> list[str]:
    return [ident for kind, ident in entries_in(text) if kind == "identity"]


def source_entries() -> set[tuple[str, str]]:
    """(kind, ID) of every identity and derivation written in the site's Markdown sources."""
    entries = set()
    for page in DOCS.rglob("*.md"):
        if "_static" not in page.parts:
            entries.update(entries_in(page.read_text(encoding="utf-8")))
    if "```{proof-rules}" in (DOCS / "rules.md").read_text(encoding="utf-8"):  # one entry per rule of the kernel
        from matrixcalc.proof.rules import RULES

        entries.update(("rule", ident) for ident in RULES)
    return entries


def source_identity_ids() -> set[str]:
    return {ident for kind, ident in source_entries() if kind == "identity"}


def _build(out: Path) -> subprocess.CompletedProcess:
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-E",
        "-W",
        "-j",
        "2",
        "--keep-going",
        "-c",
        str(CONF),
        str(DOCS),
        str(out),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=BUILD_TIMEOUT, cwd=ROOT)


def _build_log(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Build the site once per test run (across xdist workers): (output folder, build log)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's common folder
    out = shared / "matrixcalc-site"
    log = shared / "matrixcalc-site.log"
    with open(shared / "matrixcalc-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists():
            result = _build(out)
            log.write_text(f"exit {result.returncode}\n{result.stdout}\n{result.stderr}", encoding="utf-8")
        return out, log.read_text(encoding="utf-8")


def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site; fails (briefly: test_site_builds_with_warnings_as_errors shows why) if it did not build."""
    out, text = _build_log(tmp_path_factory)
    if not text.startswith("exit 0\n"):
        pytest.fail("the site did not build: see test_site_builds_with_warnings_as_errors", pytrace=False)
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory)


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


def read_inventory(path: Path) -> list[tuple[str, str, str]]:
    """(name, domain:role, uri) of every object in a Sphinx objects.inv (format version 2)."""
    with open(path, "rb") as handle:
        header = [handle.readline() for _ in range(4)]
        assert header[0].startswith(b"# Sphinx inventory version 2"), header[0]
        body = zlib.decompress(handle.read()).decode("utf-8")
    objects = []
    for line in body.splitlines():
        match = re.match(r"(.+?)\s+(\S+:\S+)\s+(-?\d+)\s+(\S+)\s+(.*)", line)
        if match:
            objects.append((match.group(1), match.group(2), match.group(4)))
    return objects


def is_remote(url: str) -> bool:
    url = url.strip()
    return url.startswith("//") or urlsplit(url).scheme.lower() in {"http", "https", "ftp", "ws", "wss"}


def remote_loads(page: Path) -> list[str]:
    """Every URL on another host that the page would fetch: scripts, styles, images, CSS url()."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = []
    for tag, attributes in LOADING_ATTRIBUTES.items():
        for element in soup.find_all(tag):
            if tag == "link" and NON_LOADING_RELS.issuperset(element.get("rel") or []) and element.get("rel"):
                continue
            for attribute in attributes:
                for url in re.split(r",\s*", element.get(attribute) or ""):
                    if url and is_remote(url.split()[0]):
                        found.append(f"<{tag} {attribute}={url!r}>")
    for css in [s.get_text() for s in soup.find_all("style")] + [e["style"] for e in soup.find_all(style=True)]:
        found.extend(f"CSS {u}" for pair in CSS_URL.findall(css) for u in pair if u and is_remote(u))
    return found


def test_site_builds_with_warnings_as_errors(tmp_path_factory: pytest.TempPathFactory) -> None:
    site, text = _build_log(tmp_path_factory)
    if not text.startswith("exit 0\n"):
        warnings = [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]
        pytest.fail(
            "sphinx-build -E -W -c conf docs failed:\n" + "\n".join(warnings[:60] or [text[-6000:]]), pytrace=False
        )
    assert (site / "index.html").is_file()
    for page in ("conventions", "matrix-by-matrix", "language", "catalogue/index", "catalogue/traces-determinants"):
        assert (site / f"{page}.html").is_file(), page


def test_identity_scan_skips_code_blocks() -> None:
    text = "````markdown\n```{identity} in-code\n```\n````\n\n```{identity} real\n:where: x: n\nx == x\n```\n"
    assert identity_ids_in(text) == ["real"]


def test_site_has_enough_identities() -> None:
    ids = source_identity_ids()
    assert len(ids) >= 60, sorted(ids)
    catalogue = (DOCS / "catalogue" / "traces-determinants.md").read_text(encoding="utf-8")
    assert len(identity_ids_in(catalogue)) >= 25


def test_identities_json_lists_every_identity(site: Path) -> None:
    data = json.loads((site / "identities.json").read_text(encoding="utf-8"))
    records = data["identities"]
    exported = [(record["kind"], record["id"]) for record in records]
    assert len(exported) == len(set(exported)), "duplicate entries in identities.json"
    assert set(exported) == source_entries()
    for record in records:
        page = record["url"].split("#")[0]
        assert (site / page).is_file(), record["url"]
        assert record["identity"] and record["latex"] and record["verdict"]["status"], record["id"]


def test_catalogue_meets_its_bars(site: Path) -> None:
    """The catalogue issue's bars: counts, a title and a source on every entry, Cookbook coverage."""
    from matrixcalc_site.coverage import equations

    from matrixcalc.sphinxext.directives import SOURCE

    records = json.loads((site / "identities.json").read_text(encoding="utf-8"))["identities"]
    untitled = [r["id"] for r in records if not r["title"].strip() or r["title"] == r["id"]]
    unsourced = [r["id"] for r in records if not r["sources"]]
    assert not untitled and not unsourced, (untitled, unsourced)
    statuses = [(r["expect"], r["verdict"]["status"]) for r in records]
    assert statuses.count(("true", "verified")) >= 300
    assert statuses.count(("false", "refuted")) >= 20
    cited = set()
    for record in records:
        for reference in record["sources"]:
            match = SOURCE.match(reference)
            if match and match["key"] == "cookbook2012":
                cited.update(n for n in equations(match["locator"]) or [] if 33 <= n <= 144)
    assert len(cited) >= 90, sorted(cited)


def test_objects_inv_lists_every_identity(site: Path) -> None:
    inventory = read_inventory(site / "objects.inv")
    labels = {name for name, role, _ in inventory if role == "std:label"}
    domain_objects = {(role.removeprefix("mc:"), name) for name, role, _ in inventory if role.startswith("mc:")}
    for kind, ident in source_entries():
        assert f"{kind}-{ident}" in labels, f"{kind}-{ident} is not a std:label in objects.inv"
        assert (kind, ident) in domain_objects, f"{ident} is not an mc:{kind} in objects.inv"


def test_no_page_loads_from_another_host(site: Path) -> None:
    offending = {str(p.relative_to(site)): remote_loads(p) for p in html_pages(site)}
    offending = {page: urls for page, urls in offending.items() if urls}
    assert not offending, offending


def test_static_css_loads_nothing_remote(site: Path) -> None:
    offending = []
    for css in (site / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        offending.extend(f"{css.name}: {u}" for pair in CSS_URL.findall(text) for u in pair if u and is_remote(u))
    assert not offending, offending


def test_mathjax_is_served_locally(site: Path) -> None:
    assert (site / "_static" / "mathjax" / "tex-mml-chtml.js").is_file()
    assert not (site / "_static" / "mathjax" / "latest.js").exists(), "latest.js would load MathJax from a CDN"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<script[^>]+src="_static/mathjax/tex-mml-chtml\.js[^"]*"', index), "MathJax not loaded locally"


def test_math_is_rendered_from_identities(site: Path) -> None:
    page = (site / "catalogue" / "traces-determinants.html").read_text(encoding="utf-8")
    assert 'id="identity-trace-axb"' in page
    assert page.count('class="math notranslate nohighlight"') >= 25


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="only CI guarantees a clean checkout")
def test_build_leaves_no_untracked_files_in_docs(site: Path) -> None:
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "docs"], capture_output=True, text=True, cwd=ROOT
    )
    if status.returncode != 0:
        pytest.skip("not a git checkout")
    assert status.stdout.strip() == "", status.stdout
