"""A store of made-up reports (some carrying script payloads) and simulated sorties, a live `drawdown serve` on
it, and Debian's chromium driven by Playwright. Screenshots go to test-artifacts/browser/ for a person to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from drawdown.case import load_case
from drawdown.flights.simulate import scenario_for_case, simulate_scenario, write_tracks
from drawdown.pipeline.extract import extract
from drawdown.pipeline.flights import ingest_sorties
from drawdown.pipeline.ingest import ingest
from drawdown.store import open_store
from drawdown.web.app import vendor_missing

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("DRAWDOWN_ARTIFACTS", ROOT / "test-artifacts" / "browser"))

# Payloads that would run if any text reached the page as markup, a script, a handler or a link target.
XSS = {
    "title_img": '<img src=x onerror="window.__xss=1">',
    "script": "<script>window.__xss=2</script>",
    "json_close": '</script><script>window.__xss=3</script>{"a":"',
    "svg": "<svg onload=window.__xss=4>",
}

REPORTS = [
    {"id": "r1", "url": "https://north.example/convoy", "outlet": "North Courier", "published": "2024-12-15",
     "title": "Convoy leaves T4", "text": "A convoy of 40 trucks left T4 air base on Saturday, residents said."},
    {"id": "r2", "url": "https://south.example/ships", "outlet": "South Ledger", "published": "2024-12-17",
     "title": "Ships leave Tartus", "text": "Two cargo ships left the port of Tartus on Monday, officials confirmed."},
    {"id": "r3", "url": "https://east.example/qamishli", "outlet": "East Wire", "published": "2024-12-18",
     "title": "Qamishli flights", "text": "Three transport flights left Qamishli airport on Tuesday, witnesses said."},
    {"id": "x1", "url": "javascript:window.__xss=5", "outlet": XSS["json_close"], "published": "2024-12-19",
     "title": XSS["title_img"] + " Hmeimim " + XSS["script"],
     "text": f"Russian troops left Hmeimim air base on Wednesday {XSS['svg']}, residents said. {XSS['script']} "
             f"{XSS['json_close']} <a href=\"javascript:window.__xss=6\">click</a>"},
    {"id": "x2", "url": "https://evil.example/\"><script>window.__xss=7</script>", "outlet": "Ev<b>il</b> Times",
     "published": "2024-12-19", "title": "</script><img src=x onerror=window.__xss=8>",
     "text": "A convoy of 12 vehicles left Tartus on Thursday, residents said. <iframe src=javascript:alert(1)>"},
]  # fmt: skip


def need_browser() -> None:
    """Skip (or, in CI, fail) when chromium or the built web assets are missing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium; `make test` does it)")
    if vendor_missing():
        missing.append("the dashboard's web assets (`make web-assets`)")
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file with the reports above, their claims, and sorties from simulated tracks."""
    folder = tmp_path_factory.mktemp("web-store")
    reports = folder / "reports.jsonl"
    reports.write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", encoding="utf-8")
    tracks = folder / "tracks.csv.gz"
    case = load_case("syria-2024")
    write_tracks(simulate_scenario(scenario_for_case(case, days=2)), tracks)
    db = folder / "base.duckdb"
    with open_store(db) as store:
        store.set_meta("case", "syria-2024")
        result = ingest(store, [str(reports)])
        assert not result.failures, result.failures
        extract(store, case)
        ingest_sorties(store, tracks, case, simulated=True)
    return db


@dataclass
class Server:
    base: str
    token: str
    db: Path
    process: subprocess.Popen[str]

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return httpx.get(self.base + path, timeout=30, **kw)

    def post(self, path: str, **kw: Any) -> httpx.Response:
        return httpx.post(self.base + path, timeout=30, **kw)


def start_server(db: Path, *args: str) -> Server:
    process = subprocess.Popen(
        [sys.executable, "-m", "drawdown", "--db", str(db), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert process.stdout is not None
    first = process.stdout.readline()
    if not first.startswith("Dashboard: "):
        process.kill()
        raise AssertionError(f"serve did not start: {first}{process.stderr.read() if process.stderr else ''}")
    url = first.split(" ", 1)[1].strip()
    base, token = url.split("/?token=")
    return Server(base, token, db, process)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture
def server(base_store: Path, tmp_path: Path) -> Iterator[Server]:
    """A live `drawdown serve` on a copy of the base store (each test may write reviews)."""
    if vendor_missing():
        message = "serve needs the dashboard's web assets (`make web-assets`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    db = tmp_path / "served.duckdb"
    shutil.copy(base_store, db)
    running = start_server(db)
    try:
        yield running
    finally:
        stop_server(running)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Watched:
    """A page and everything it logged: console errors, uncaught exceptions, dialogs (alert() would be one)."""

    page: Any
    errors: list[str]
    dialogs: list[str]

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def page(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    tab = context.new_page()
    watched = Watched(tab, [], [])
    tab.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: watched.errors.append(str(e)))

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    try:
        yield watched
    finally:
        context.close()
