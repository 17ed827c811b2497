"""``matrixcalc serve``'s API, spoken to over HTTP: every status code, and no 5xx for any input.

One real server (``matrixcalc serve`` in a subprocess, one worker, a queue of one, a 0.5 s
time limit) on a free port of 127.0.0.1 serves a one-page site; the tests send it what a user or an
attacker would.
"""

from __future__ import annotations

import concurrent.futures
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

httpx = pytest.importorskip("httpx", reason="needs the test extra (httpx)")
pytest.importorskip("starlette", reason="needs the serve extra: pip install 'matrixcalc[serve]'")

SLOW_WHERE = "X: n x n; A: n x n; B: n x n"


def slow(k: int) -> dict:
    """About 1 s of numeric work (entrywise exp of 2,401 x 2,401 Kronecker products), inside the cost
    limits; ``k`` makes each request new, so no cache in the worker shortens it."""
    return {"expression": f"{k} * sum(exp(kron(kron(X, A), kron(X, B))))", "wrt": "X", "where": SLOW_WHERE}


SEED = {"expression": "tr(J.T @ X @ Y)", "wrt": "X", "where": "J: m x p; X: m x n; Y: n x p"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(site: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """``matrixcalc serve`` on a free port; returns once /api/health answers (or fails the test)."""
    port = free_port()
    command = [sys.executable, "-m", "matrixcalc", "serve", "--site", str(site), "--port", str(port), *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"matrixcalc serve exited with {process.returncode}: {process.stderr.read()}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    process.kill()
    pytest.fail("matrixcalc serve did not answer /api/health within 120 s")


def stop_server(process: subprocess.Popen) -> str:
    """Stop the server (Ctrl-C) and return what it wrote to stderr."""
    process.send_signal(2)
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    return err


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text("<!DOCTYPE html><title>site</title><p>the site</p>", encoding="utf-8")
    process, base = start_server(site, "--workers", "1", "--queue", "1", "--timeout", "0.5")
    yield base
    err = stop_server(process)
    assert "Traceback" not in err


def post(base: str, route: str, body: object, **kwargs) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}
    return httpx.post(f"{base}/api/{route}", content=content, headers=headers, timeout=60, **kwargs)


def test_health(server):
    response = httpx.get(f"{server}/api/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["version"]


def test_the_site_is_served(server):
    response = httpx.get(f"{server}/")
    assert response.status_code == 200
    assert "the site" in response.text


def test_diff_answers_the_derivative_its_steps_numpy_and_catalogue(server):
    response = post(server, "diff", SEED)
    assert response.status_code == 200
    body = response.json()
    assert body["identity"] == "d(tr(J.T @ X @ Y), X) == J @ Y.T"
    assert body["status"] == "verified"
    assert body["verdict"]["status"] == "verified"
    assert body["shape"] == "m x n"
    assert body["latex"].startswith("\\frac")
    assert body["steps"][-1]["rule"] == "conclusion"
    assert all(step["verdict"] == "verified" for step in body["steps"][1:])
    assert all(step["latex"] for step in body["steps"])
    assert "def value_and_derivative(J, X, Y):" in body["numpy"]
    assert "Traceback" not in response.text


def test_diff_lists_matching_catalogue_identities_with_urls(server):
    body = post(server, "diff", {"expression": "X @ Y", "wrt": "vec(X)", "where": "X: m x n; Y: n x p"}).json()
    assert body["identity"] == "jac(vec(X @ Y), vec(X)) == kron(Y.T, I(m))"
    ids = {match["id"]: match["url"] for match in body["catalogue"]}
    assert ids["cb-xa-differential"].endswith("#identity-cb-xa-differential")


def test_diff_is_the_same_json_as_the_command_line(server):
    command = [sys.executable, "-m", "matrixcalc", "diff", SEED["expression"], "--wrt", "X", "--where"]
    printed = subprocess.run([*command, SEED["where"], "--json", "--steps"], capture_output=True, text=True)
    cli = json.loads(printed.stdout)
    api = post(server, "diff", SEED).json()
    for answer in (cli, api):  # the one field that differs from run to run
        answer["verdict"]["symbolic"].pop("seconds")
    assert {key: api[key] for key in cli if key != "steps"} == {key: cli[key] for key in cli if key != "steps"}
    assert [step["expression"] for step in api["steps"]] == [step["expression"] for step in cli["steps"]]


def test_identical_requests_share_one_computation(server):
    fresh = {**SEED, "expression": "7 * tr(J.T @ X @ Y)"}
    with concurrent.futures.ThreadPoolExecutor(8) as threads:
        burst = list(threads.map(lambda _: post(server, "diff", fresh), range(8)))
    assert [r.status_code for r in burst] == [200] * 8
    assert len({r.text for r in burst}) == 1
    again = post(server, "diff", fresh)
    assert again.text == burst[0].text
    assert again.headers["Server-Timing"] == "queue;dur=0.0, work;dur=0.0"  # answered from memory


def test_check_answers_the_verdict_as_check_json(server):
    identity = {"identity": "d(tr(A @ X @ B), X) == A.T @ B.T", "where": "A: p x m; X: m x n; B: n x p"}
    response = post(server, "check", identity)
    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    refuted = post(server, "check", {"identity": "d(tr(X @ X), X) == 2 * X", "where": "X: n x n"})
    assert refuted.status_code == 200
    assert refuted.json()["status"] == "refuted"
    assert refuted.json()["counterexample"]["sizes"]


def test_the_json_says_when_the_kernel_proved_it_for_every_size(server):
    body = post(server, "diff", SEED).json()
    assert body["all_sizes"] is True and body["verdict"]["all_sizes"] is True
    assert body["verdict"]["proof"]["links"] and body["verdict"]["proof"]["reason"] is None
    assert body["proof_summary"].startswith("proved for every size by rules: ")
    proved = post(server, "check", {"identity": "d(tr(A @ X), X) == A.T", "where": "A: n x n; X: n x n"}).json()
    assert proved["all_sizes"] is True and proved["proof"]["links"]
    assert proved["proof_summary"].startswith("proved for every size by rules: ")
    refuted = post(server, "check", {"identity": "d(tr(X @ X), X) == 2 * X", "where": "X: n x n"}).json()
    assert refuted["all_sizes"] is False
    assert refuted["proof_summary"].startswith("no proof for every size (no common normal form")


BAD_REQUESTS = [
    # (route, body, part, message fragment, column)
    ("diff", b"{not json", "request", "not valid JSON", None),
    ("diff", b"[1, 2]", "request", "must be a JSON object", None),
    ("diff", b"\xff\xfe", "request", "not UTF-8", None),
    ("diff", b'{"expression": 1' + b"0" * 5000 + b"}", "request", "a number is too long", None),
    ("diff", b"[" * 60_000 + b"]" * 60_000, "request", "nested too deeply", None),
    ("diff", b'{"expression": "tr(X)", "wrt": "\\ud800", "where": "X: n x n"}', "wrt", "surrogate", 0),
    ("diff", b'{"expression": "tr(X)", "wrt": "X", "where": "X: n x n; \\udc00"}', "where", "surrogate", 10),
    ("diff", {"expression": "tr(X)\u0000", "wrt": "X", "where": "X: n x n"}, "expression", "NUL", 5),
    ("diff", {"wrt": "X"}, "expression", "'expression' is missing", None),
    ("diff", {"expression": 3, "wrt": "X"}, "expression", "must be text", None),
    ("diff", {"expression": "tr(X)", "wrt": "X", "steps": "yes"}, "steps", "true or false", None),
    ("diff", {"expression": "tr(X)", "wrt": "X", "kind": "third"}, "kind", "must be one of", None),
    ("diff", {"expression": "tr(X)", "wrt": "X", "colour": 1}, "request", "unknown field 'colour'", None),
    ("diff", {"expression": "tr(X @", "wrt": "X", "where": "X: n x n"}, "expression", "ends too early", 6),
    ("diff", {"expression": "tr(Q)", "wrt": "X", "where": "X: n x n"}, "expression", "undeclared symbol 'Q'", 3),
    ("diff", {"expression": "tr(X)", "wrt": "Y", "where": "X: n x n"}, "wrt", "'Y' is not declared", 0),
    ("diff", {"expression": "tr(X)", "wrt": "X", "where": "X: n x q x"}, "where", "unknown assumption", 9),
    ("diff", {"expression": "X ** 100", "wrt": "X", "where": "X: n x n"}, "expression", "matrix power", 5),
    ("diff", {"expression": "(" * 60 + "x" + ")" * 60, "wrt": "x", "where": "x: n"}, "expression", "nested", 40),
    ("check", {"identity": "d(tr(X), X) == ", "where": "X: n x n"}, "identity", "ends too early", 14),
    ("check", {"where": "X: n x n"}, "identity", "'identity' is missing", None),
]


@pytest.mark.parametrize(("route", "body", "part", "message", "column"), BAD_REQUESTS)
def test_bad_input_is_400_with_the_message_and_column(server, route, body, part, message, column):
    response = post(server, route, body)
    assert response.status_code == 400
    answer = response.json()
    assert answer["status"] == "error"
    assert answer["part"] == part
    assert message in answer["message"]
    assert answer["column"] == column
    assert "Traceback" not in response.text


def test_a_form_post_is_refused_with_400(server):
    response = httpx.post(f"{server}/api/diff", data={"expression": "tr(X)"})
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["message"]


def test_json_sent_as_a_form_is_read(server):  # what curl -d sends
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    response = httpx.post(f"{server}/api/diff", content=json.dumps(SEED).encode(), headers=form)
    assert response.status_code == 200


def test_input_over_4000_characters_is_413_before_parsing(server):
    long = " + ".join(["tr(X)"] * 700)  # 5,598 characters of well-formed input
    response = post(server, "diff", {"expression": long, "wrt": "X", "where": "X: n x n"})
    assert response.status_code == 413
    assert "limit is 4,000" in response.json()["message"]


def test_a_megabyte_body_is_413(server):
    body = json.dumps({"expression": "x" * 1_000_000, "wrt": "x", "where": "x: n"}).encode()
    response = post(server, "diff", body)
    assert response.status_code == 413
    assert "larger than" in response.json()["message"]


def test_unknown_routes_and_methods(server):
    assert httpx.get(f"{server}/api/nothing").status_code == 404
    response = httpx.get(f"{server}/api/diff")
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"


def test_cors_is_off(server):
    response = post(server, "diff", SEED, headers={"Origin": "http://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


def test_past_the_time_limit_is_422_and_the_worker_is_replaced(server):
    start = time.monotonic()
    response = post(server, "diff", slow(2))
    assert response.status_code == 422
    assert response.json()["status"] == "timeout"
    assert "time limit of 0.5 s" in response.json()["message"]
    assert time.monotonic() - start < 5
    fresh = {**SEED, "expression": "11 * tr(J.T @ X @ Y)"}  # not answered from memory
    assert post(server, "diff", fresh).status_code == 200  # waits for the fresh worker, then answers


def wait_until_idle(base: str) -> None:
    """Until every worker is started and free (a killed one is being replaced)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        health = httpx.get(f"{base}/api/health").json()
        if health["idle"] == health["workers"] == 1:
            return
        time.sleep(0.1)
    pytest.fail("the worker did not come back")


def test_a_full_queue_is_429_with_retry_after(server):
    wait_until_idle(server)
    with concurrent.futures.ThreadPoolExecutor(6) as threads:  # one runs, one waits, the rest are refused
        responses = list(threads.map(lambda k: post(server, "diff", slow(k)), range(3, 9)))
    codes = sorted(r.status_code for r in responses)
    assert codes[:2] == [422, 422]
    assert codes.count(429) >= 2
    assert set(codes) == {422, 429}
    for refused in (r for r in responses if r.status_code == 429):
        assert int(refused.headers["Retry-After"]) >= 1
        assert refused.json()["status"] == "busy"
    assert post(server, "diff", {**SEED, "expression": "13 * tr(J.T @ X @ Y)"}).status_code == 200


def test_serve_without_a_built_site_is_exit_2(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "matrixcalc", "serve", "--site", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "not a built site" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "option", [["--workers", "0"], ["--workers", "1000"], ["--port", "70000"], ["--timeout", "-1"], ["--memory", "10"]]
)
def test_bad_options_are_exit_2(option):
    done = subprocess.run([sys.executable, "-m", "matrixcalc", "serve", *option], capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


TOKENS = ["X", "Y", "x", "A", "@", ".T", "+", "-", "*", "/", "**", "(", ")", "tr", "det", "inv", "logdet", "exp"]
TOKENS += ["log", "kron", "vec", "sum", "norm", "frob", "I(n)", "ones(n)", "2", "0", "-1", "12", " ", ",", "é"]
TOKENS += ["\x00", "\ud800"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    expression=st.lists(st.sampled_from(TOKENS), max_size=25).map("".join),
    wrt=st.sampled_from(["X", "x", "vec(X)", "conj(X)", "Q", "", "X)"]),
    where=st.sampled_from(["X: n x n; Y: n x n; x: n; A: n x n", "X: m x n; x: n; A: n x m", "X: n x n complex", ""]),
)
def test_no_input_is_a_server_error(server, expression, wrt, where):
    response = post(server, "diff", {"expression": expression, "wrt": wrt, "where": where})
    assert response.status_code in (200, 400, 413, 422, 429)
    assert "Traceback" not in response.text
    assert response.json()["status"] not in ("internal-error",)
