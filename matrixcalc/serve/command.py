"""The ``matrixcalc serve`` subcommand: options, checks of the site folder, then uvicorn."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

DEFAULT_SITE = Path("build/html")
HELP = "serve the built site and the calculator API (needs matrixcalc[serve])"
EPILOG = """\
exit status:
  0    stopped (Ctrl-C or SIGTERM)
  2    bad options, no built site at --site, the serve extra missing, or the port could not be used

routes:
  GET  /api/health   {"status": "ok", "version": ...}
  POST /api/diff     {"expression", "wrt", "where", "kind"?, "layout"?, "steps"?}: what diff --json --steps prints
  POST /api/check    {"identity", "where"}: what check --json prints
  status 400 bad input (message, part, column), 413 too large, 422 time or memory limit, 429 busy (Retry-After)
  /                  the built site; its Compute page becomes a calculator
"""


def add_command(commands, subcommand: dict, positive_number) -> None:
    """Register ``serve`` on the main parser; ``positive_number`` parses --timeout like ``check``'s."""
    serve = commands.add_parser("serve", help=HELP, description=HELP + ".", **{**subcommand, "epilog": EPILOG})
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    serve.add_argument("--site", type=Path, default=DEFAULT_SITE, metavar="DIR", help="the built site (build/html)")
    serve.add_argument("--workers", type=_workers, default=2, metavar="N", help="worker processes (default 2)")
    serve.add_argument(
        "--timeout", type=positive_number, default=10.0, metavar="S", help="seconds per request (default 10)"
    )
    serve.add_argument("--queue", type=_count, default=64, metavar="N", help="requests that may wait (default 64)")
    serve.add_argument(
        "--memory", type=_memory, default=2048, metavar="MB", help="address space per worker in MiB (default 2048)"
    )
    serve.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    serve.set_defaults(run=run)


def _integer(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what} must be an integer from {low} to {high}, not '{text[:40]}'")
    return value


def _port(text: str) -> int:
    return _integer(text, 1, 65535, "the port")


def _count(text: str) -> int:
    return _integer(text, 1, 1_000_000, "the number")


def _workers(text: str) -> int:
    return _integer(text, 1, 64, "the number of workers")


def _memory(text: str) -> int:
    return _integer(text, 256, 1_048_576, "the memory per worker (MiB)")  # a worker needs about 200 MiB to start


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Serve until interrupted; exit 2 when the extra is missing or the site folder is not a built site."""
    try:
        import uvicorn
    except ImportError:
        print("matrixcalc: error: 'serve' needs the serve extra: pip install 'matrixcalc[serve]'", file=sys.stderr)
        return 2
    site: Path = args.site
    if not (site / "index.html").is_file():
        print(
            f"matrixcalc: error: {site} is not a built site (no index.html); build it with 'make site' "
            "or pass --site DIR",
            file=sys.stderr,
        )
        return 2
    from .app import Pool, create_app  # starlette is the optional serve extra, checked above

    pool = Pool(args.workers, args.timeout, queue=args.queue, memory_mb=args.memory)
    app = create_app(pool, site.resolve())
    print(f"matrixcalc: serving {site} and /api at http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=out)
    out.flush()
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False, access_log=False)
    except SystemExit as stopped:  # uvicorn could not bind the port (it has said why)
        return 2 if stopped.code else 0
    return 0
