"""The Compute page as a calculator, in a real browser: Playwright driving Debian's chromium.

``matrixcalc serve`` serves the suite's once-per-run site build; the browser types an
expression, waits for the typeset result and its checked steps, follows the shareable URL (the
result is computed on load), sees a caret under the column of bad input, and never asks another
host for anything.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under --import-mode=importlib
from test_docs_build import built_site  # noqa: E402 - the shared, once-per-run site build
from test_serve import start_server, stop_server  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 30_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, base = start_server(built_site(tmp_path_factory), "--workers", "1")
    yield base
    stop_server(process)


@pytest.fixture()
def page(served: str):
    playwright = pytest.importorskip("playwright.sync_api", reason="needs the test extra (playwright)")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        tab = browser.new_page()
        tab.set_default_timeout(TIMEOUT_MS)
        requested: list[str] = []
        tab.on("request", lambda request: requested.append(request.url))
        yield tab
        browser.close()
    elsewhere = [url for url in requested if urlsplit(url).hostname not in {"127.0.0.1", None}]
    assert elsewhere == [], "the page asked another host"


@pytest.fixture(scope="module")
def static(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site from a plain static file server (no API), as on any web host."""
    handler = functools.partial(QuietHandler, directory=str(built_site(tmp_path_factory)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


def typeset_result(page) -> str:
    """The result's text once MathJax has typeset it (its formula is an mjx-container)."""
    page.wait_for_selector("#mc-calculator-result mjx-container")
    return page.inner_text("#mc-calculator-result")


def test_the_calculator_derives_and_shows_checked_steps(served, page):
    page.goto(f"{served}/compute.html")
    page.fill("#mc-calculator-expression", "tr(J.T @ X @ Y)")
    page.fill("#mc-calculator-wrt", "X")
    page.fill("#mc-calculator-where", "J: m x p; X: m x n; Y: n x p")
    page.click(".mc-calculator-go")
    text = typeset_result(page)
    assert "verified" in text
    assert "shape m x n" in text
    steps = page.locator(".mc-calculator-step")
    assert steps.count() >= 3
    assert steps.last.get_attribute("data-verdict") == "verified"
    assert page.locator(".mc-calculator-step mjx-container").count() == steps.count()
    assert page.locator("mjx-merror").count() == 0
    assert page.get_by_role("button", name="Copy NumPy function").count() == 1
    badge = page.locator(".mc-calculator-entry > .mc-head .mc-badge")
    assert (badge.inner_text(), badge.get_attribute("title")) == ("proved", "proved for every size")
    assert page.inner_text(".mc-calculator-proof").startswith("proved for every size by rules: ")
    shared = page.url
    assert "expression=tr%28J.T" in shared and "wrt=X" in shared

    page.goto("about:blank")
    page.goto(shared)  # the link computes on load
    assert "verified" in typeset_result(page)
    assert page.input_value("#mc-calculator-expression") == "tr(J.T @ X @ Y)"


def test_an_example_is_one_click_and_links_the_catalogue(served, page):
    page.goto(f"{served}/compute.html")
    page.get_by_role("button", name="∂(XY)/∂X (the seed question)").click()
    assert "verified" in typeset_result(page)
    link = page.locator(".mc-calculator-catalogue a", has_text="cb-xa-differential")
    assert link.get_attribute("href").endswith("#identity-cb-xa-differential")


def test_bad_input_shows_the_message_with_a_caret(served, page):
    page.goto(f"{served}/compute.html?expression=tr(X%20%40&wrt=X&where=X:%20n%20x%20n")
    page.wait_for_selector(".mc-calculator-error")
    assert "ends too early" in page.inner_text(".mc-calculator-message")
    assert page.inner_text(".mc-calculator-caret") == "tr(X @\n      ^"


def test_on_a_static_host_the_page_keeps_its_instructions(static, page):
    page.goto(f"{static}/compute.html")
    page.wait_for_load_state("networkidle")
    assert page.locator("#mc-calculator").is_hidden()
    assert page.locator("#mc-calculator-expression").count() == 0
    assert page.get_by_role("heading", name="From the command line").is_visible()


def test_a_hessian_is_chosen_and_kept_in_the_url(served, page):
    page.goto(f"{served}/compute.html")
    page.fill("#mc-calculator-expression", "x.T @ A @ x")
    page.fill("#mc-calculator-wrt", "x")
    page.fill("#mc-calculator-where", "A: n x n; x: n")
    page.select_option("#mc-calculator-kind", "hessian")
    page.click(".mc-calculator-go")
    assert "verified" in typeset_result(page)
    shared = page.url
    assert "kind=hessian" in shared
    assert "layout" not in shared  # the default is left out
    page.goto("about:blank")
    page.goto(shared)
    assert "verified" in typeset_result(page)
    assert page.input_value("#mc-calculator-kind") == "hessian"
