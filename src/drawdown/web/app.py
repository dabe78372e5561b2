"""The dashboard as an ASGI app: the page, its static files, the JSON API and the review write.

Security: every response carries a Content-Security-Policy that allows scripts, styles and data only from this
server (no inline script, no eval, no frames, no form posts); the write endpoint needs the per-server token.
"""

from __future__ import annotations

import hmac
import json
from collections import OrderedDict
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from drawdown.errors import DrawdownError
from drawdown.web.api import ENDPOINTS, BadParameter, Endpoint, openapi, parse_query, report
from drawdown.web.view import Provider, View

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
ENCODED_HEADERS = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
TOKEN_HEADER = "x-drawdown-token"
MAX_BODY = 20_000  # bytes of one review posted
# Encoded answers kept for the current view. The page's first load alone asks for 9 MB (two pages of 5,000 claims,
# 5,000 sorties); 32 MB holds those and a few hundred filtered answers, and is a small part of the server's RSS.
CACHE_BYTES = 32_000_000
CACHE_ANSWERS = 2_000  # and at most this many answers, however small


def static_dir() -> Path:
    return Path(str(resources.files("drawdown.web") / "static"))


def vendor_missing() -> list[str]:
    """The built browser assets that are not there (``make web-assets`` installs them from npm)."""
    vendor = static_dir() / "vendor"
    return [n for n in VENDOR_FILES if not (vendor / n).is_file()]


VENDOR_FILES = ("leaflet.js", "leaflet.css", "topojson-client.min.js", "countries-50m.json")


class SecurityHeaders:
    """Adds the CSP and its companions to every response, static files and errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *ENCODED_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


# Rows encoded per call. json.dumps holds the GIL for the whole of a call: a page of 5,000 claims in one call took
# 40 ms, in which no other request could be answered; 500 rows take about 4.
ENCODE_ROWS = 500


def _dumps(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _encode(payload: Any) -> bytes:
    """``payload`` as compact JSON; a long list of rows (an answer, or a page's ``items``) ENCODE_ROWS at a time."""
    if isinstance(payload, list) and len(payload) > ENCODE_ROWS:
        chunks = (_dumps(payload[i : i + ENCODE_ROWS])[1:-1] for i in range(0, len(payload), ENCODE_ROWS))
        return b"[" + b",".join(chunks) + b"]"
    if isinstance(payload, dict) and isinstance(payload.get("items"), list) and len(payload["items"]) > ENCODE_ROWS:
        rest = _dumps({k: v for k, v in payload.items() if k != "items"})
        return rest[:-1] + (b"," if len(rest) > 2 else b"") + b'"items":' + _encode(payload["items"]) + b"}"
    return _dumps(payload)


def _json(payload: Any, status: int = 200) -> Response:
    body = payload if isinstance(payload, bytes) else _encode(payload)
    return Response(body, status_code=status, media_type="application/json",
                    headers={"Cache-Control": "no-store"})  # fmt: skip


class Answers:
    """The encoded answers to GET requests against one view: the most recently used, up to ``limit`` bytes and
    ``count`` answers.

    A view never changes (a new one is swapped in whole), so the same path and query string against the same
    view has the same answer: it is filtered and encoded once, not on every request (BENCHMARKS.md, "Dashboard").
    A new view empties the cache. Only the event loop's thread uses it.
    """

    def __init__(self, limit: int = CACHE_BYTES, count: int = CACHE_ANSWERS) -> None:
        self.limit, self.count = limit, count
        self._view: View | None = None
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0

    def get(self, view: View, key: str) -> bytes | None:
        if view is not self._view:
            self._view, self._bodies, self._size = view, OrderedDict(), 0
            return None
        body = self._bodies.get(key)
        if body is not None:
            self._bodies.move_to_end(key)
        return body

    def put(self, view: View, key: str, body: bytes) -> None:
        if view is not self._view or len(key) + len(body) > self.limit or key in self._bodies:
            return
        self._bodies[key] = body
        self._size += len(key) + len(body)
        while self._size > self.limit or len(self._bodies) > self.count:
            old_key, old_body = self._bodies.popitem(last=False)
            self._size -= len(old_key) + len(old_body)


def _error(status: int, message: str) -> Response:
    return _json({"error": message}, status)


def create_app(provider: Provider, token: str, *, version: str = "0") -> ASGIApp:
    """The dashboard app over ``provider``; POST /api/reviews needs ``token`` in the X-Drawdown-Token header."""
    spec = _encode(openapi(version))
    answers = Answers()

    def endpoint(ep: Endpoint) -> Route:
        async def handle(request: Request) -> Response:
            view, key = provider.view(), f"{request.url.path}?{request.url.query}"
            body = answers.get(view, key)
            if body is None:
                try:
                    args = parse_query(ep.params, request.query_params.multi_items())
                except BadParameter as exc:
                    return _error(400, str(exc))
                # In a thread, so that the event loop answers other requests meanwhile (a cached answer needs none)
                body = await run_in_threadpool(lambda: _encode(ep.answer(view, args)))
                answers.put(view, key, body)
            return _json(body)

        return Route(ep.path, handle, methods=["GET"])

    async def one_report(request: Request) -> Response:
        view, key = provider.view(), request.url.path
        body = answers.get(view, key)
        if body is None:
            try:
                found = report(view, request.path_params["report_id"])
            except BadParameter as exc:
                return _error(400, str(exc))
            if found is None:
                return _error(404, "no such report")
            body = _encode(found)
            answers.put(view, key, body)
        return _json(body)

    async def reviews(request: Request) -> Response:
        """POST stores a review; DELETE removes one (the page's undo). Both need the token."""
        given = request.headers.get(TOKEN_HEADER, "")
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            return _error(403, "this write needs the token that `drawdown serve` printed at start")
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return _error(415, "send the review as application/json")
        body = await request.body()
        if len(body) > MAX_BODY:
            return _error(413, f"a review is at most {MAX_BODY} bytes")
        try:
            payload = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return _error(400, "the body is not JSON")
        if not isinstance(payload, dict):
            return _error(400, "the body is not a JSON object")
        try:
            if request.method == "DELETE":
                removed = await run_in_threadpool(provider.remove_review, payload)
                return _json({"removed": True}) if removed else _error(404, "that claim has no review")
            saved = await run_in_threadpool(provider.save_review, payload)
        except DrawdownError as exc:
            return _error(400, exc.one_line())
        return _json(saved)

    async def index(_request: Request) -> Response:
        return FileResponse(static_dir() / "index.html", headers={"Cache-Control": "no-store"})

    async def openapi_doc(_request: Request) -> Response:
        return _json(spec)

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/openapi.json", openapi_doc, methods=["GET"]),
        *[endpoint(ep) for ep in ENDPOINTS],
        Route("/api/reports/{report_id}", one_report, methods=["GET"]),
        Route("/api/reviews", reviews, methods=["POST", "DELETE"]),
        Mount("/static", StaticFiles(directory=static_dir()), name="static"),
    ]
    return SecurityHeaders(Starlette(routes=routes))
