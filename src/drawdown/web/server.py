"""Run the dashboard app on uvicorn, on a socket bound here so that ``--port 0`` can say which port it got."""

from __future__ import annotations

import gc
import ipaddress
import socket
import sys
from collections.abc import Callable

from starlette.types import ASGIApp

LOOPBACK = "127.0.0.1"
SWITCH_INTERVAL = 0.0005  # seconds a thread holds the GIL while another waits (Python's default: 0.005)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)  # listening before the address is printed: an early client waits in the backlog
    return sock


def run(app: ASGIApp, sock: socket.socket, *, on_ready: Callable[[], None] | None = None) -> None:
    """Serve ``app`` on ``sock`` until interrupted."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    if on_ready is not None:
        on_ready()
    # The view is rebuilt in a worker process, but threads of this process still work beside the requests:
    # --watch parses feeds, ingests and extracts new reports, and the finished view is unpickled here a slice
    # at a time. The request loop must win the GIL back quickly each time a request arrives: Python's default
    # 5 ms turn is paid several times per request; 0.5 ms keeps a request's wait short (BENCHMARKS.md,
    # "Dashboard").
    previous = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    # What is loaded by now lives as long as the server: the modules (Starlette, DuckDB, NumPy, trafilatura ...),
    # the case, the first view. Every full garbage collection walked it all, 30-45 ms with the GIL held, and under
    # load the collections that came with a new view took 90-140 ms: the longest waits a request met. Moved to
    # the collector's permanent generation, it is no longer walked; objects made later are collected as before.
    gc.collect()
    gc.freeze()
    try:
        server.run(sockets=[sock])
    finally:
        gc.unfreeze()
        sys.setswitchinterval(previous)
