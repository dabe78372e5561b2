"""The dashboard and the HTML report in Debian's chromium: what an analyst sees and does."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.web.conftest import Server, Watched

TIMEOUT = 30_000  # ms a page may take to show what a test waits for (a loaded CI machine is slow)


def _open(page: Watched, server: Server) -> None:
    page.page.goto(f"{server.base}/?token={server.token}")
    page.page.wait_for_selector("path.site-marker", timeout=TIMEOUT)
    page.page.wait_for_selector("#ledger tbody tr", timeout=TIMEOUT)


def test_page_loads_without_errors_and_shows_every_site(page: Watched, server: Server) -> None:
    _open(page, server)
    sites = server.get("/api/sites").json()
    assert page.page.locator("path.site-marker").count() == len(sites)
    for site in sites:
        assert page.page.locator(f"path.site-{site['site']}").count() == 1, site["site"]
    assert page.page.locator("#force-chart polygon.interval").count() == 1, "force remaining with its interval"
    assert page.page.locator("#force-chart line.deadline").count() >= 1, "the deadline is marked"
    assert page.page.locator(".timeline-row").count() == len(sites)
    label = page.page.locator("#simulated")
    assert label.is_visible() and "SIMULATED ADS-B" in label.inner_text()
    assert page.page.locator("#sorties tbody .tag.simulated").count() > 0
    assert page.page.locator("#brief h1").count() == 1
    page.shot("dashboard")
    assert page.errors == [], page.errors


def test_clicking_a_site_filters_the_ledger(page: Watched, server: Server) -> None:
    _open(page, server)
    expected = server.get("/api/claims", params={"site": "qamishli"}).json()["total"]
    assert expected > 0
    page.page.locator("path.site-qamishli").click()
    page.page.wait_for_function(
        "n => document.querySelectorAll('#ledger tbody tr').length === n", arg=expected, timeout=TIMEOUT
    )
    rows = page.page.locator("#ledger tbody tr")
    assert {rows.nth(i).get_attribute("data-site") for i in range(rows.count())} == {"qamishli"}
    assert page.page.locator('select[data-filter="site"]').input_value() == "qamishli"
    page.shot("site-filter")


def test_a_row_opens_its_report_with_the_span_highlighted(page: Watched, server: Server) -> None:
    _open(page, server)
    claim = server.get("/api/claims", params={"site": "t4"}).json()["items"][0]
    text = server.get(f"/api/reports/{claim['report_id']}").json()["text"]
    page.page.locator(f'#ledger tr[data-claim="{claim["id"]}"] td').first.click()
    mark = page.page.locator("#report-text mark.current")
    mark.wait_for(state="visible", timeout=TIMEOUT)
    assert mark.inner_text() == text[claim["span_start"] : claim["span_end"]]
    colour = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "the span is visibly highlighted"
    page.shot("span-highlight")


def test_a_review_changes_the_brief(page: Watched, server: Server) -> None:
    _open(page, server)
    assert "no claim has been checked by an analyst yet" in page.page.locator("#brief").inner_text()
    claim = server.get("/api/claims", params={"site": "tartus"}).json()["items"][0]
    page.page.locator(f'#ledger tr[data-claim="{claim["id"]}"] button[data-verdict="wrong"]').click()
    page.page.wait_for_function(
        "() => document.querySelector('#brief').innerText.includes('1 rejected and left out')", timeout=60_000
    )
    assert page.page.locator(f'#ledger tr[data-claim="{claim["id"]}"]').count() == 0
    page.shot("after-review")
    assert page.errors == [], page.errors


def test_a_rejected_claim_is_restored_from_the_page(page: Watched, server: Server) -> None:
    _open(page, server)
    claim = server.get("/api/claims", params={"site": "tartus"}).json()["items"][0]
    page.page.locator(f'#ledger tr[data-claim="{claim["id"]}"] button[data-verdict="wrong"]').click()
    restore = page.page.locator(f'#rejected li[data-claim="{claim["id"]}"] button[data-verdict="restore"]')
    restore.wait_for(timeout=60_000)
    assert page.page.locator(f'#ledger tr[data-claim="{claim["id"]}"]').count() == 0
    page.shot("rejected-listed")
    restore.click()
    page.page.locator(f'#ledger tr[data-claim="{claim["id"]}"]').wait_for(timeout=60_000)
    page.page.wait_for_function(
        "() => document.querySelector('#brief').innerText.includes('no claim has been checked by an analyst yet')",
        timeout=60_000,
    )
    assert page.page.locator("#rejected-panel").is_hidden()
    page.shot("rejected-restored")
    assert page.errors == [], page.errors


def test_the_report_opens_from_a_file(page: Watched, base_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    subprocess.run([sys.executable, "-m", "drawdown", "--db", str(base_store), "report", "--out", str(out)],
                   check=True, capture_output=True)  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"?https?:", html), "nothing loads from the network"
    page.page.goto(out.as_uri())
    page.page.wait_for_selector("path.site-marker", timeout=TIMEOUT)
    assert page.page.locator("path.site-marker").count() == 12
    assert page.page.locator("#ledger tbody tr").count() > 0 and page.page.locator("#brief h2").count() >= 6
    page.page.locator("#ledger tbody tr td").first.click()
    page.page.locator("#report-text mark.current").wait_for(state="visible", timeout=TIMEOUT)
    assert page.page.locator("button[data-verdict]").count() == 0, "the file is read-only"
    page.shot("report-file")
    page.page.emulate_media(media="print")
    page.shot("report-print")
    assert page.errors == [], page.errors
