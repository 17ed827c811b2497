"""The PDF (make pdf): Sphinx's LaTeX builder and XeLaTeX, every identity in it, the same failure rule.

The whole-site PDF is written from the environment of the shared site build (a copy of its
doctrees, so nothing is read or checked twice) and typeset with latexmk; ``pdftotext`` then
shows whether every exported ID, its badge and its sources made it into the PDF.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from matrixcalc.sphinxext.pdf import evidence_line, print_widths

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under --import-mode=importlib
from built import warnings  # noqa: E402
from test_docs_build import CONF, DOCS, ROOT, built_site  # noqa: E402 - the shared, once-per-run site build

TOOLS = ("latexmk", "xelatex", "makeindex", "pdftotext", "pdfinfo")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]
LATEX_TIMEOUT = 900


def need_tex() -> None:
    """Skip without TeX Live, with the reason; in CI (which installs it) a missing tool is a failure."""
    if MISSING:
        message = f"needs Debian's TeX Live and poppler-utils ({', '.join(MISSING)} missing): run make pdf once"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def pdf_text(pdf: Path) -> str:
    """The PDF's text, with words broken at a hyphen at the end of a line joined again."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"-\n", "-", result.stdout)


@pytest.fixture(scope="module")
def whole_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """(PDF, exported records) of the real site."""
    need_tex()
    site = built_site(tmp_path_factory)
    work = tmp_path_factory.mktemp("pdf")
    shutil.copytree(site / ".doctrees", work / "doctrees")
    command = [sys.executable, "-m", "sphinx", "-b", "latex", "-W", "--keep-going", "-d", str(work / "doctrees")]
    built = subprocess.run(
        [*command, "-c", str(CONF), str(DOCS), str(work / "latex")], capture_output=True, text=True, cwd=ROOT
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    typeset = subprocess.run(
        ["make", "-C", str(work / "latex"), "all-pdf"], capture_output=True, text=True, timeout=LATEX_TIMEOUT
    )
    pdf = work / "latex" / "matrixcalc.pdf"
    assert typeset.returncode == 0 and pdf.is_file(), typeset.stdout[-3000:]
    records = json.loads((site / "identities.json").read_text(encoding="utf-8"))["identities"]
    return pdf, records


def test_pdf_holds_every_exported_id_with_badge_and_source(whole_pdf: tuple[Path, list[dict]]) -> None:
    pdf, records = whole_pdf
    text = pdf_text(pdf)
    flat = " ".join(text.split())  # a badge may wrap onto the next line
    missing = [record["id"] for record in records if record["id"] not in text]
    assert not missing, f"{len(missing)} IDs are not in the PDF: {missing[:20]}"
    identities = [record for record in records if record["kind"] == "identity"]
    assert flat.count("Sources:") >= len(identities)
    assert "@misc{matrixcalc," in flat and "@misc{matrixcalc:" not in flat  # the site's entry, not one per identity
    assert flat.count("mistake") >= sum(1 for record in identities if record["expect"] == "false")  # the badge
    badges = flat.count("verified") + flat.count("proved")  # a proved identity's badge says so
    assert badges >= sum(1 for record in identities if record["verdict"]["status"] == "verified")


MAX_PAGES = 150  # the Cookbook says it in 72; 364 before the PDF was made dense
MIN_PER_PAGE = 8  # identities per page on the catalogue chapters
CATALOGUE_PARTS = ("The Matrix Cookbook, chapter 2", "Derivations and the calculator")  # from the first to the next


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def test_pdf_is_as_dense_as_a_book(whole_pdf: tuple[Path, list[dict]]) -> None:
    """At most MAX_PAGES pages; on the catalogue's parts at least MIN_PER_PAGE identities a page."""
    pdf, records = whole_pdf
    pages = pdf_text(pdf).split("\f")
    assert page_count(pdf) <= MAX_PAGES, f"the PDF has {page_count(pdf)} pages"
    starts = [
        next(i for i, page in enumerate(pages) if page.startswith("Part ") and title in page)
        for title in CATALOGUE_PARTS
    ]
    catalogue = pages[starts[0] + 1 : starts[1]]
    per_page = sum(page.count("Checked:") for page in catalogue) / len(catalogue)
    print(f"{page_count(pdf)} pages; {per_page:.1f} identities per page over {len(catalogue)} catalogue pages")
    assert per_page >= MIN_PER_PAGE, f"{per_page:.1f} identities per page on the catalogue chapters"


def test_pdf_chapters_and_parts_make_sense(whole_pdf: tuple[Path, list[dict]]) -> None:
    pdf, _ = whole_pdf
    tex = pdf.with_suffix(".tex").read_text(encoding="utf-8")
    assert r"\chapter{Contents}" not in tex
    parts = re.findall(r"\\part\{([^}]*)\}", tex)
    assert parts[:4] == [
        "Reading the site",
        "The Matrix Cookbook, chapter 2",
        "Complex matrices (chapter 4)",
        "Beyond the Cookbook",
    ]
    assert r"\chapter{Derivatives of a determinant}" in tex


def test_pdf_has_an_index_of_identities(whole_pdf: tuple[Path, list[dict]]) -> None:
    """The domain index ends the PDF: every ID, with a page reference to its anchor.

    Read from the LaTeX source: the index is set in two columns, whose text pdftotext mixes.
    """
    pdf, records = whole_pdf
    assert "Index of identities" in pdf_text(pdf)
    tex = pdf.with_suffix(".tex").read_text(encoding="utf-8")
    index = tex[tex.index(r"\begin{sphinxtheindex}") : tex.index(r"\end{sphinxtheindex}")]
    pageref = r"\\sphinxstyleindexpageref\{[^:}]+:\\detokenize\{(?:identity|derivation|computed|rule)-([^}]+)\}\}"
    entries = set(re.findall(pageref, index))
    assert entries >= {record["id"] for record in records}, sorted({r["id"] for r in records} - entries)[:20]


@pytest.mark.sphinx("latex", testroot="refuted")
def test_a_false_identity_fails_the_latex_build(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
    assert "identity 'quadratic-form-wrong' is refuted" in warnings(app)


@pytest.mark.sphinx("latex", testroot="good")
def test_every_entry_is_a_link_target_in_latex(app: SphinxTestApp) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\label{\detokenize{index:identity-trace-axb}}" in tex
    assert "trace-axb" in tex and "proved for every size" in tex


PROVED = {
    "status": "verified",
    "all_sizes": True,
    "numeric": {"draws": 18, "sizes": [{"n": k} for k in range(9)], "max_relative_error": 2e-16},
    "symbolic": {"proved": [{"n": 3}], "exact_random": [{"n": 4}], "complete": True},
}
SIZE_BY_SIZE = {**PROVED, "all_sizes": False}


def test_a_proved_identity_has_a_short_evidence_line() -> None:
    assert evidence_line({"verdict": PROVED}) == "Checked: proved for every size; 18 draws at 9 sizes."
    line = evidence_line({"verdict": SIZE_BY_SIZE})
    assert line == "Checked: 18 draws at 9 sizes, max. rel. error 2e-16; proof at n=3; exact evaluation at 1 more."


def test_a_summary_table_shares_its_print_width_by_its_text() -> None:
    rows = [["eq. 1", "what it states", "cb-a-long-identity-id, cb-another-long-identity-id", "verified"]] * 20
    table = nodes.table("", nodes.tgroup("", *(nodes.colspec(colwidth=w) for w in (8, 34, 30, 28))))
    table[0] += nodes.tbody("", *(nodes.row("", *(nodes.entry("", nodes.paragraph(text=c)) for c in r)) for r in rows))
    widths = print_widths(table)
    assert min(widths) == 10 and widths[2] == max(widths) and 98 <= sum(widths) <= 105
