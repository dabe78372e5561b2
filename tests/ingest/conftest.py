"""A live HTTP server on 127.0.0.1 for fetch, feed and watch tests (never the internet)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    status: int = 200
    body: bytes | Callable[[], Iterator[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Served:
    """What the test server answers (path -> list of routes, served in turn; the last one repeats)."""

    base: str
    routes: dict[str, list[Route]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def add(self, path: str, *routes: Route) -> str:
        self.routes[path] = list(routes)
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


@pytest.fixture
def http_server() -> Iterator[Served]:
    with serve() as served:
        yield served


@contextmanager
def serve() -> Iterator[Served]:
    """A server on its own port: two of them are two hosts to the fetcher's per-host limit and delay."""
    served = Served(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            queue = served.routes.get(self.path)
            if not queue:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            route = queue.pop(0) if len(queue) > 1 else queue[0]
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if isinstance(route.body, bytes):
                if "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
                return
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for chunk in route.body():
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


def article(title: str, body: str, *, date: str = "2024-12-14", site: str = "Test Wire") -> bytes:
    """A news page trafilatura can extract: the body repeated into enough paragraphs."""
    paragraphs = "".join(f"<p>{body} ({i + 1})</p>" for i in range(4))
    return (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='{site}'>"
        f"<meta property='article:published_time' content='{date}T08:00:00Z'></head>"
        f"<body><nav>Home</nav><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def rss(*items: tuple[str, str, str]) -> bytes:
    """An RSS 2.0 document of (guid, link, title) items."""
    entries = "".join(
        f"<item><guid>{guid}</guid><link>{link}</link><title>{title}</title>"
        f"<pubDate>Sat, 14 Dec 2024 10:00:00 GMT</pubDate></item>"
        for guid, link, title in items
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{entries}</channel></rss>".encode()
