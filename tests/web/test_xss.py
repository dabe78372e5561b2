"""Hostile report text, titles, URLs and outlets: nothing they carry runs in the dashboard or the report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.web.conftest import XSS, Server, Watched

TIMEOUT = 30_000

NOTHING_RAN = "() => window.__xss === undefined"


def _assert_inert(page: Watched) -> None:
    tab = page.page
    assert tab.evaluate(NOTHING_RAN), f"a payload ran: window.__xss = {tab.evaluate('window.__xss')}"
    assert page.dialogs == [], page.dialogs
    assert tab.locator("body img, body iframe, body svg[onload], body script").count() == 0
    assert tab.locator('a[href^="javascript"], a[href^="JAVASCRIPT"]').count() == 0
    assert tab.evaluate("() => [...document.querySelectorAll('body *')].some(e => e.hasAttribute('onerror'))") is False


def _read_every_report(page: Watched) -> None:
    """Open every row's report, so that each hostile title and text is put on the page."""
    rows = page.page.locator("#ledger tbody tr")
    for i in range(rows.count()):
        rows.nth(i).locator("td").first.click()
        page.page.locator("#report-text mark.current").wait_for(state="visible", timeout=TIMEOUT)


def test_nothing_executes_in_the_dashboard(page: Watched, server: Server) -> None:
    page.page.goto(f"{server.base}/?token={server.token}")
    page.page.wait_for_selector("#ledger tbody tr", timeout=TIMEOUT)
    claims = server.get("/api/claims").json()["items"]
    hostile = [c for c in claims if XSS["title_img"] in (c["title"] or "")]
    assert hostile, "the hostile report has a claim, so its text reaches the ledger"
    _read_every_report(page)
    page.page.locator(f'#ledger tr[data-claim="{hostile[0]["id"]}"] td').first.click()
    page.page.wait_for_function(  # the report is fetched after the click: wait for it, not for the previous one
        "t => document.querySelector('#report-title').textContent.includes(t)", arg=XSS["title_img"], timeout=TIMEOUT
    )
    title = page.page.locator("#report-title").inner_text()
    assert XSS["title_img"] in title, "the title is shown as text"
    assert XSS["script"] in page.page.locator("#report-text").inner_text()
    page.shot("xss-dashboard")
    _assert_inert(page)


def test_nothing_executes_in_the_report(page: Watched, base_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    subprocess.run([sys.executable, "-m", "drawdown", "--db", str(base_store), "report", "--out", str(out)],
                   check=True, capture_output=True)  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert XSS["json_close"] not in html and "<img src=x" not in html, "the JSON block escapes every <"
    page.page.goto(out.as_uri())
    page.page.wait_for_selector("#ledger tbody tr", timeout=TIMEOUT)
    _read_every_report(page)
    assert XSS["json_close"] in page.page.locator("#ledger").inner_text(), "the hostile outlet is shown as text"
    page.shot("xss-report")
    _assert_inert(page)
