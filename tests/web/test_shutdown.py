"""Stopping `drawdown serve` (Ctrl-C, or SIGTERM from a service manager) leaves no process of it behind."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest

from tests.web.conftest import Server

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process table in /proc")


def children(pid: int) -> list[int]:
    """The live processes whose parent is ``pid`` (zombies, dead but not yet reaped, are left out)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after "pid (name)": state, parent, ...
        except OSError:
            continue  # ended while the table was read
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_serve_ends_its_worker(server: Server, stop: signal.Signals) -> None:
    assert server.get("/api/summary").status_code == 200
    workers = children(server.process.pid)
    assert workers, "the view is built in a child process of the server"
    server.process.send_signal(stop)
    assert server.process.wait(timeout=60) == 130, "stopped as interrupted, like watch"
    deadline = time.monotonic() + 60
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)], "no orphan left running"
