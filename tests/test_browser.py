"""The built site in a real browser: every formula renders offline, and nothing leaves 127.0.0.1.

Debian's chromium runs headless against the site served from a thread on 127.0.0.1. For each
page it dumps the DOM after MathJax ran and writes a net log, from which every request the page
made is checked to stay on 127.0.0.1. Chromium's own background requests are switched off or
sent to a dead proxy, so nothing leaves the machine. Screenshots (light and dark colour
scheme) are kept under build/browser/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under --import-mode=importlib
from test_docs_build import ROOT, built_site  # noqa: E402 - the shared, once-per-run site build

CHROMIUM = Path("/usr/bin/chromium")
PAGES = (
    "index.html",
    "conventions.html",
    "matrix-by-matrix.html",
    "language.html",
    "catalogue/traces-determinants.html",
)
SCREENSHOT_DIR = ROOT / "build" / "browser"
VIRTUAL_TIME_MS = 30_000  # virtual time: MathJax gets this long, the wall clock much less
CHROMIUM_TIMEOUT = 120
LOCAL_HOSTS = {"127.0.0.1"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


MEASURE_PATH = "/__mc-measure.html"
# A page of the test server, not of the site: it loads a site page in a 1280 px wide frame,
# waits for MathJax, then writes what it measured into the DOM for --dump-dom to return.
MEASURE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<script>
"use strict";
const page = new URLSearchParams(location.search).get("page");
const frame = document.createElement("iframe");
frame.style.cssText = "width:1280px;height:1600px;border:0";
frame.src = page;
frame.onload = async () => {
  const w = frame.contentWindow, d = frame.contentDocument;
  // MathJax 4's startup promise does not settle under virtual time: wait until every math element is typeset.
  const pending = () => [...d.querySelectorAll(".math")].filter((m) => !m.querySelector("mjx-container")).length;
  for (let tries = 0; tries < 200 && w.MathJax && pending(); tries++) { await new Promise((r) => setTimeout(r, 100)); }
  await d.fonts.ready;
  const entries = [...d.querySelectorAll(".mc-identity")];
  const luminance = (css) => {
    const [r, g, b] = (css.match(/[0-9.]+/g) || [0, 0, 0]).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  const result = {
    width: w.innerWidth,
    heights: entries.map((e) => e.getBoundingClientRect().height + parseFloat(w.getComputedStyle(e).marginBottom)),
    open: entries.filter((e) => e.querySelector("details.mc-more[open]")).length,
    panels: entries.filter((e) => e.querySelector("details.mc-more .mc-evidence, details.mc-more .mc-citeas")).length,
    overview: d.querySelectorAll("table.mc-overview tbody tr").length,
    page_background: luminance(w.getComputedStyle(d.body).backgroundColor),
    text: entries.length ? luminance(w.getComputedStyle(entries[0]).color) : null,
    mathjax: d.querySelectorAll("mjx-container").length,
  };
  const out = document.createElement("pre");
  out.id = "mc-result";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
};
document.body.appendChild(frame);
</script></body></html>"""


# Pages of the test server, not of the site (path -> HTML); test modules may add their own.
TEST_PAGES = {MEASURE_PATH: MEASURE_HTML}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site (and the measuring page) and remembers each request path instead of printing it."""

    requests: list[str]

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        page = TEST_PAGES.get(urlsplit(self.path).path)
        if page is None:
            super().do_GET()
            return
        body = page.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        self.requests.append(self.path)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """(base URL, list of requested paths) of the built site served on 127.0.0.1."""
    site = built_site(tmp_path_factory)
    requests: list[str] = []
    handler = functools.partial(type("Handler", (QuietHandler,), {"requests": requests}), directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def chromium(
    url: str,
    profile: Path,
    *action: str,
    dark: bool = False,
    net_log: Path | None = None,
    virtual_time_ms: int = VIRTUAL_TIME_MS,
    timeout: float = CHROMIUM_TIMEOUT,
) -> str:
    """Run headless chromium once on ``url`` with a fresh profile; returns its stdout."""
    shutil.rmtree(profile, ignore_errors=True)
    flags = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-default-browser-check",
        "--hide-scrollbars",
        # Chromium's own background traffic: switched off, and whatever is left goes to a dead
        # proxy on 127.0.0.1 (loopback itself always bypasses the proxy).
        "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,"
        "AutofillServerCommunication,CertificateTransparencyComponentUpdater",
        "--disable-domain-reliability",
        "--disable-client-side-phishing-detection",
        "--proxy-server=http://127.0.0.1:9",
        f"--user-data-dir={profile}",
        f"--virtual-time-budget={virtual_time_ms}",
        "--window-size=1280,1600",
    ]
    if dark:
        flags += ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"]
    if net_log is not None:
        flags.append(f"--log-net-log={net_log}")
    result = subprocess.run(
        [*flags, *action, url], capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 0, f"chromium exited {result.returncode}:\n{result.stderr[-3000:]}"
    return result.stdout


def page_requests(net_log: Path, page_url: str) -> set[str]:
    """URLs the page asked for: the navigation itself and every request the page initiated.

    Chromium's own background requests (update checks and the like) carry no page initiator;
    they are left out here, and the dead proxy keeps them from leaving the machine anyway.
    """
    data = json.loads(net_log.read_text(encoding="utf-8", errors="replace"))
    start_job = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page_url))
    urls = set()
    for event in data["events"]:
        params = event.get("params") or {}
        if event["type"] != start_job or "url" not in params:
            continue
        if params["url"] == page_url or str(params.get("initiator", "")).startswith(origin):
            urls.add(params["url"])
    return urls


def foreign(urls: set[str]) -> set[str]:
    """URLs on a host other than 127.0.0.1 (data:, blob: and the like stay on the page)."""
    return {
        u
        for u in urls
        if urlsplit(u).scheme in {"http", "https", "ws", "wss", "ftp"} and urlsplit(u).hostname not in LOCAL_HOSTS
    }


def static_math_count(html: str) -> int:
    """Elements MathJax will typeset: Sphinx marks each formula with the class ``math``."""
    from bs4 import BeautifulSoup

    return len(BeautifulSoup(html, "html.parser").find_all(class_="math"))


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_all_math_offline(page: str, server, tmp_path: Path) -> None:
    base, requests = server
    expected = static_math_count(_static_page(base, page))
    assert expected > 0, f"{page} has no math to render"

    net_log = tmp_path / "net-log.json"
    dom = chromium(base + page, tmp_path / "profile", "--dump-dom", net_log=net_log)

    rendered = len(re.findall(r"<mjx-container\b", dom))
    assert rendered == expected, f"{page}: {rendered} rendered MathJax containers for {expected} math elements"
    errors = re.findall(r"<(?:mjx-merror|merror)\b[^>]*>", dom) + re.findall(r'data-mjx-error="[^"]*"', dom)
    assert not errors, f"{page}: MathJax errors {errors[:5]}"

    urls = page_requests(net_log, base + page)
    assert any("/_static/mathjax/" in u for u in urls), f"the net log shows no MathJax request: {sorted(urls)}"
    assert not foreign(urls), f"{page}: requests to other hosts: {sorted(foreign(urls))}"
    assert any(path.startswith("/_static/mathjax/") for path in requests), "MathJax was not fetched from the site"


def _static_page(base: str, page: str) -> str:
    """The page's HTML exactly as served (before any script ran)."""
    from urllib.request import urlopen

    with urlopen(base + page, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
        return response.read().decode("utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot(scheme: str, server, tmp_path: Path) -> None:
    """Screenshots for a person to look at: formulas rendered, badges visible, dark mode readable."""
    base, _ = server
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for page in ("catalogue/traces-determinants.html", "matrix-by-matrix.html"):
        target = SCREENSHOT_DIR / f"{page.replace('/', '-').removesuffix('.html')}-{scheme}.png"
        target.unlink(missing_ok=True)
        chromium(base + page, tmp_path / "profile", f"--screenshot={target}", dark=scheme == "dark")
        assert target.is_file() and target.stat().st_size > 10_000, target


MAX_AVERAGE_HEIGHT = 120  # px per identity at 1280 px wide, the default (collapsed) view
DENSITY_PAGES = ("catalogue/traces-determinants.html", "catalogue/traces.html")


def measure(base: str, page: str, profile: Path, dark: bool = False) -> dict:
    """What the measuring page reports for ``page`` (see MEASURE_HTML)."""
    dom = chromium(f"{base}{MEASURE_PATH.lstrip('/')}?page=/{page}", profile, "--dump-dom", dark=dark)
    match = re.search(r'<pre id="mc-result">(.*?)</pre>', dom, re.DOTALL)
    assert match, f"the measuring page reported nothing for {page}"
    import html

    return json.loads(html.unescape(match.group(1)))


@pytest.mark.parametrize("page", DENSITY_PAGES)
def test_identities_are_compact_by_default(page: str, server, tmp_path: Path) -> None:
    """On average an identity takes at most MAX_AVERAGE_HEIGHT px, its evidence in the page but closed."""
    base, _ = server
    result = measure(base, page, tmp_path / "profile")
    heights = result["heights"]
    assert result["width"] == 1280, result["width"]
    assert len(heights) >= 20, f"{page}: only {len(heights)} identities measured"
    assert result["mathjax"] > len(heights), "MathJax did not typeset the page before measuring"
    average = sum(heights) / len(heights)
    print(f"{page}: {len(heights)} identities, average {average:.1f} px, max {max(heights):.0f} px")
    assert average <= MAX_AVERAGE_HEIGHT, f"{page}: an identity takes {average:.1f} px on average"
    assert result["open"] == 0, "an evidence panel is open by default"
    assert result["panels"] == len(heights), "evidence and cite-as must be in the page, inside the panel"
    assert result["overview"] >= len(heights), f"{page}: the overview table lists {result['overview']} rows"


def test_dark_mode_keeps_entries_readable(server, tmp_path: Path) -> None:
    base, _ = server
    light = measure(base, DENSITY_PAGES[0], tmp_path / "light")
    dark = measure(base, DENSITY_PAGES[0], tmp_path / "dark", dark=True)
    assert light["page_background"] > 0.8 and light["text"] < 0.4, light
    assert dark["page_background"] < 0.3 and dark["text"] > 0.6, dark


@pytest.mark.parametrize(
    ("query", "expected", "first"),
    [
        ("cb-rayleigh-quotient", "catalogue/forms.html#identity-cb-rayleigh-quotient", True),  # by ID
        ("generalised rayleigh", "catalogue/forms.html#identity-cb-rayleigh-quotient", False),  # by title words
        ("logdet", "#identity-", False),  # by a name in the formula
        ("kron", "#identity-", False),
    ],
)
def test_site_search_finds_identities(query: str, expected: str, first: bool, server, tmp_path: Path) -> None:
    """The search page (Sphinx's searchtools.js over its own index) links to the identity's anchor."""
    from urllib.parse import quote

    base, _ = server
    dom = chromium(f"{base}search.html?q={quote(query)}", tmp_path / "profile", "--dump-dom")
    links = re.findall(r'href="([^"]*#(?:identity|derivation)-[^"]*)"', dom)
    assert links, f"no identity among the results for {query!r}"
    if first:
        assert links[0] == expected, links[:5]
    else:
        assert any(expected in link for link in links), links[:5]
