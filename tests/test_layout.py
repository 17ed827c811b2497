"""The site's layout in a real browser, at a phone's width (400 px) and a desktop's (1280 px).

One headless chromium run per width loads every page of the site, one after another, in a frame
of that width (media queries see the frame's width), waits for MathJax and measures what a
reader would see: whether the page pans sideways, which display formulas are wider than their
box, and on catalogue pages whether identity titles are cut, badges are one word and inside
their card, the where line keeps "where" with its conditions, and the overview tables keep
their headers whole and their cells uncut. The findings come back as JSON in the dumped DOM.
"""

from __future__ import annotations

import html
import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under --import-mode=importlib
import test_browser as browser  # noqa: E402
from test_browser import CHROMIUM, TEST_PAGES, chromium  # noqa: E402
from test_docs_build import built_site  # noqa: E402

server = browser.server  # the same fixture: the built site on 127.0.0.1

LAYOUT_PATH = "/__mc-layout.html"
WIDTHS = (400, 1280)
# Every page takes its turn in the frame: a generous virtual-time budget, spent only while waiting.
VIRTUAL_TIME_MS = 600_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]

LAYOUT_JS = r"""
"use strict";
const SLACK = 1;  // px: rounding of sub-pixel layout
const params = new URLSearchParams(location.search);
const width = Number(params.get("width"));
const pages = params.get("pages").split(",");

function load(src) {
  const frame = document.createElement("iframe");
  frame.style.cssText = `width:${width}px;height:900px;border:0`;
  document.body.appendChild(frame);
  return new Promise((resolve) => { frame.onload = () => resolve(frame); frame.src = src; });
}

function label(element) {
  const entry = element.closest("[id]");
  return entry ? entry.id : element.tagName.toLowerCase();
}

function inside(inner, outer) {
  const a = inner.getBoundingClientRect(), b = outer.getBoundingClientRect();
  return a.left >= b.left - SLACK && a.right <= b.right + SLACK;
}

function overflows(element) {
  return element.scrollWidth > element.clientWidth + SLACK;
}

function measureEntries(d) {
  const found = { titles: 0, cut_titles: [], long_badges: [], badges_outside: [], labels_outside: [], where_alone: [] };
  for (const entry of d.querySelectorAll(".mc-identity")) {
    const title = entry.querySelector(".mc-head-title");
    if (title) {
      found.titles += 1;
      const box = title.getBoundingClientRect();
      if (box.width < 1 || overflows(title) || !inside(title, entry)) found.cut_titles.push(entry.id);
    }
    const badge = entry.querySelector(".mc-head .mc-badge");
    if (badge) {
      if (badge.textContent.trim().split(/\s+/).length > 1) found.long_badges.push(`${entry.id}: ${badge.textContent}`);
      if (!inside(badge, entry)) found.badges_outside.push(entry.id);
    }
    const more = entry.querySelector(".mc-more-label");
    if (more && !inside(more, entry)) found.labels_outside.push(entry.id);
    const where = entry.querySelector(".mc-where");
    const math = where && where.querySelector("mjx-container");
    const text = where && [...where.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim() === "where");
    if (math && text) {
      const range = d.createRange();
      range.selectNodeContents(text);
      const word = range.getBoundingClientRect();
      const first = math.getClientRects()[0] || math.getBoundingClientRect();
      if (first.top >= word.bottom - SLACK) found.where_alone.push(entry.id);
    }
  }
  return found;
}

function measureTables(d) {
  const found = { tables: 0, broken_headers: [], cut_cells: [], tables_outside: [] };
  for (const table of d.querySelectorAll("table.mc-overview")) {
    found.tables += 1;
    const article = table.closest("article") || d.body;
    if (!inside(table.parentElement, article) && !inside(table, article)) found.tables_outside.push(label(table));
    for (const th of table.querySelectorAll("thead th")) {
      const style = th.ownerDocument.defaultView.getComputedStyle(th);
      const lines = th.getBoundingClientRect().height / parseFloat(style.lineHeight || "16");
      if (th.textContent.trim() && (overflows(th) || lines >= 2)) found.broken_headers.push(th.textContent.trim());
    }
    for (const td of table.querySelectorAll("tbody td")) {
      if (overflows(td)) found.cut_cells.push(td.textContent.trim().slice(0, 40));
    }
  }
  return found;
}

// How far the page reaches past the window (furo's html hides horizontal overflow, so a scroll
// width says nothing): the right edge of every element of the page's text outside a box that scrolls
// or clips on its own (the theme's navigation drawers wait off-screen on purpose).
function pans(w, d) {
  let right = 0;
  const walk = (element) => {
    const box = element.getBoundingClientRect();
    if (box.width > 0) right = Math.max(right, box.right);
    const overflow = w.getComputedStyle(element).overflowX;
    if (overflow !== "visible" || element.tagName.startsWith("MJX-")) return;
    for (const child of element.children) walk(child);
  };
  walk(d.querySelector("article") || d.body);
  return Math.max(0, Math.round(right - w.innerWidth));
}

// MathJax 4's startup promise also waits for work a reader never sees (it does not settle under
// chromium's virtual time): the page is typeset when every math element holds its container.
async function typeset(w, d) {
  const pending = () => [...d.querySelectorAll(".math")].filter((m) => !m.querySelector("mjx-container")).length;
  for (let tries = 0; tries < 200 && w.MathJax && pending(); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function measure(page) {
  const frame = await load(page);
  const w = frame.contentWindow, d = frame.contentDocument;
  await typeset(w, d);
  await d.fonts.ready;
  const displays = [...d.querySelectorAll("mjx-container[display]")];
  const wide = displays.filter((c) => overflows(c) || (c.parentElement && overflows(c.parentElement))
    || (c.parentElement && !inside(c, c.parentElement)));
  const result = {
    page, width: w.innerWidth,
    pans: pans(w, d),
    displays: displays.length,
    wide: wide.map(label),
    ...measureEntries(d),
    ...measureTables(d),
  };
  frame.remove();
  return result;
}

window.addEventListener("load", async () => {
  const results = [];
  for (const page of pages) {
    try { results.push(await measure(page)); } catch (error) { results.push({ page, error: String(error) }); }
  }
  const out = document.createElement("pre");
  out.id = "mc-result";
  out.textContent = JSON.stringify(results);
  document.body.appendChild(out);
});
"""
TEST_PAGES[LAYOUT_PATH] = (
    f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><script>{LAYOUT_JS}</script></body></html>'
)


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as a path from its root (search and the general index left out)."""
    pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    return sorted(p for p in pages if not p.startswith("_") and p not in {"search.html", "genindex.html"})


def layout(base: str, pages: list[str], width: int, profile: Path) -> list[dict]:
    """Measure ``pages`` at ``width`` px in one chromium run (see LAYOUT_JS)."""
    url = f"{base}{LAYOUT_PATH.lstrip('/')}?width={width}&pages={','.join('/' + p for p in pages)}"
    dom = chromium(url, profile, "--dump-dom", virtual_time_ms=VIRTUAL_TIME_MS, timeout=300)
    match = re.search(r'<pre id="mc-result">(.*?)</pre>', dom, re.DOTALL)
    assert match, f"the layout page reported nothing at {width} px"
    return json.loads(html.unescape(match.group(1)))


@pytest.fixture(scope="module")
def measured(server, tmp_path_factory: pytest.TempPathFactory) -> dict[int, list[dict]]:
    """Width -> one measurement per page of the site."""
    base, _ = server
    pages = site_pages(built_site(tmp_path_factory))
    profile = tmp_path_factory.mktemp("layout")
    with ThreadPoolExecutor(len(WIDTHS)) as pool:  # one chromium per width, side by side
        runs = {width: pool.submit(layout, base, pages, width, profile / str(width)) for width in WIDTHS}
        return {width: run.result() for width, run in runs.items()}


def catalogue(results: list[dict]) -> list[dict]:
    return [r for r in results if r["page"].startswith("/catalogue/") and r["titles"]]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_pans_sideways(width: int, measured) -> None:
    results = measured[width]
    assert len(results) >= 30, f"only {len(results)} pages measured"
    assert all(r["width"] == width for r in results), {r["page"]: r["width"] for r in results}
    panning = {r["page"]: r["pans"] for r in results if r["pans"] > 0}
    assert not panning, f"pages wider than {width} px (px too wide): {panning}"


def test_no_display_formula_needs_a_scroll_bar_at_desktop_width(measured) -> None:
    results = measured[1280]
    assert sum(r["displays"] for r in results) > 700, "MathJax typeset too few display formulas"
    wide = {r["page"]: r["wide"] for r in results if r["wide"]}
    assert not wide, f"display formulas wider than their box at 1280 px: {wide}"


@pytest.mark.parametrize("width", WIDTHS)
def test_catalogue_entries_fit_their_card(width: int, measured) -> None:
    pages = catalogue(measured[width])
    assert len(pages) >= 15, [r["page"] for r in pages]
    assert sum(r["titles"] for r in pages) > 600
    for key in ("cut_titles", "long_badges", "badges_outside", "labels_outside", "where_alone"):
        found = {r["page"]: r[key][:5] for r in pages if r[key]}
        assert not found, f"{key} at {width} px: {found}"


@pytest.mark.parametrize("width", WIDTHS)
def test_overview_tables_keep_headers_and_cells(width: int, measured) -> None:
    pages = [r for r in measured[width] if r["tables"]]
    assert len(pages) >= 10, [r["page"] for r in pages]
    for key in ("broken_headers", "cut_cells", "tables_outside"):
        found = {r["page"]: r[key][:5] for r in pages if r[key]}
        assert not found, f"{key} at {width} px: {found}"
