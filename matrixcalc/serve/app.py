"""The ASGI app: the built site as static files, and the JSON API the Compute page calls.

``GET /api/health``, ``POST /api/diff``, ``POST /api/check``. The server itself only reads and
validates requests (``limits``); the engine runs in the pool's processes. Every failure is a
JSON answer with a 4xx status: a catch-all turns anything unexpected into a 422 without a
traceback, so no input can produce a 5xx.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..report import installed_version
from .lanes import is_heavy
from .limits import CHECK_FIELDS, DIFF_FIELDS, DRAIN_BYTES, MAX_BODY_BYTES, ApiError, error_body, parse_body
from .memo import Memo
from .pool import Pool

SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def answer(status_code: int, body: dict, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status_code, headers={**SECURITY_HEADERS, **(headers or {})})


async def read_body(request: Request) -> bytes:
    """The body, at most MAX_BODY_BYTES; a larger one is refused with 413 after reading (and dropping) it.

    A declared length over the limit is refused at once. Reading the rest before answering lets
    the client finish sending, so it sees the 413 rather than a reset connection.
    """
    declared = request.headers.get("content-length", "")
    too_large = declared.isdigit() and int(declared) > MAX_BODY_BYTES
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            too_large = True
        if too_large:
            if size > DRAIN_BYTES:
                break
            continue
        chunks.append(chunk)
    if too_large:
        raise ApiError(
            413, error_body(f"the body is larger than {MAX_BODY_BYTES // 1024} KiB"), {"Connection": "close"}
        )
    return b"".join(chunks)


def create_app(pool: Pool, site: Path | None) -> Starlette:
    """The app over a started-on-startup ``pool``, serving ``site`` (a built HTML folder) at ``/``."""

    memo = Memo()

    async def health(request: Request) -> Response:
        return answer(200, {"status": "ok", "version": installed_version(), **pool.stats()})

    def compute(name: str, fields_spec):
        async def endpoint(request: Request) -> Response:
            try:
                fields = parse_body(await read_body(request), fields_spec)
                status_code, body, seconds = await memo.get(
                    name, fields, lambda: pool.run(name, fields, heavy=is_heavy(name, fields))
                )
                timing = ", ".join(f"{key};dur={value * 1000:.1f}" for key, value in seconds.items())
                return answer(status_code, body, {"Server-Timing": timing})
            except ApiError as exc:
                return answer(exc.status_code, exc.body, exc.headers)
            except ClientDisconnect:
                return Response(status_code=400)

        return endpoint

    async def not_found(request: Request) -> Response:
        return answer(404, error_body(f"no such API route: {request.url.path}"))

    async def wrong_method(request: Request) -> Response:
        return answer(405, error_body(f"{request.method} is not allowed here"), {"Allow": "POST"})

    routes = [
        Route("/api/health", health, methods=["GET", "HEAD"]),
        Route("/api/diff", compute("diff", DIFF_FIELDS), methods=["POST"]),
        Route("/api/check", compute("check", CHECK_FIELDS), methods=["POST"]),
        Route("/api/diff", wrong_method, methods=["GET", "PUT", "DELETE", "PATCH"]),
        Route("/api/check", wrong_method, methods=["GET", "PUT", "DELETE", "PATCH"]),
        Route("/api/{rest:path}", not_found, methods=["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH"]),
    ]
    if site is not None:
        routes.append(Mount("/", app=StaticFiles(directory=site, html=True), name="site"))

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    async def unexpected(request: Request, exc: Exception) -> Response:
        return answer(422, {"status": "internal-error", "message": "the server could not handle this request"})

    return Starlette(routes=routes, lifespan=lifespan, exception_handlers={Exception: unexpected})
