"""The JSON API against a live `drawdown serve` on loopback: parameters validated, token-guarded writes, CSP."""

from __future__ import annotations

import time

import httpx

from drawdown.web.app import CSP
from tests.web.conftest import Server


def _wait_version(server: Server, above: int, timeout: float = 60.0) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        summary = server.get("/api/summary").json()
        if summary["version"] > above:
            return summary  # type: ignore[no-any-return]
        time.sleep(0.2)
    raise AssertionError("the view was not rebuilt")


def test_binds_loopback_and_documents_the_api(server: Server) -> None:
    assert server.base.startswith("http://127.0.0.1:"), "serve binds 127.0.0.1 unless told otherwise"
    spec = server.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/sites", "/api/claims", "/api/sorties", "/api/assessments", "/api/reports",
                 "/api/reports/{report_id}", "/api/places", "/api/reviews"):  # fmt: skip
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/claims"]["get"]["parameters"]}
    assert {"site", "action", "actor", "source_type", "confirmation", "review", "since", "until"} <= names


def test_every_response_carries_the_csp(server: Server) -> None:
    for path in ("/", "/api/sites", "/static/app.js", "/api/claims?limit=0", "/nowhere"):
        response = server.get(path)
        assert response.headers["content-security-policy"] == CSP, path
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "unsafe-eval" not in CSP


def test_sites_claims_sorties_and_assessments(server: Server) -> None:
    sites = server.get("/api/sites").json()
    assert len(sites) == 12 and all(s["status"] in ("present", "drawing_down", "withdrawn", "unknown") for s in sites)
    assert all(len(s["timeline"]) > 0 for s in sites), "each site carries its daily status timeline"
    every = server.get("/api/claims").json()
    tartus = server.get("/api/claims", params={"site": "tartus"}).json()
    assert 0 < tartus["total"] < every["total"] and all(c["site"] == "tartus" for c in tartus["items"])
    dated = server.get("/api/claims", params={"since": "2024-12-16", "until": "2024-12-16"}).json()
    assert all(c["event_date"] == "2024-12-16" for c in dated["items"])
    paged = server.get("/api/claims", params={"limit": 1, "offset": 1}).json()
    assert paged["total"] == every["total"] and paged["items"] == every["items"][1:2]
    sorties = server.get("/api/sorties", params={"event": "takeoff"}).json()
    assert sorties["total"] > 0 and sorties["simulated"] == sorties["total"], "simulated tracks are labelled"
    assert all(s["event"] == "takeoff" for s in sorties["items"])
    force = server.get("/api/assessments").json()
    assert len(force["series"]) >= 2 and force["deadlines"]
    report_id = every["items"][0]["report_id"]
    report = server.get(f"/api/reports/{report_id}").json()
    assert report["text"] and any(c["span"][1] > c["span"][0] for c in report["claims"])


def test_bad_parameters_are_400_naming_the_parameter(server: Server) -> None:
    cases = {
        "/api/claims?action=flew": "parameter action",
        "/api/claims?limit=0": "parameter limit",
        "/api/claims?limit=abc": "parameter limit",
        "/api/claims?since=yesterday": "parameter since",
        "/api/claims?colour=red": "parameter colour: unknown",
        "/api/claims?site=a&site=b": "given twice",
        "/api/sorties?event=crash": "parameter event",
        "/api/claims?site=" + "x" * 300: "longer than",
        "/api/reports/..%2F..%2Fetc": "report_id",
    }
    for path, message in cases.items():
        response = server.get(path)
        assert response.status_code in (400, 404), path
        if response.status_code == 400:
            assert message in response.json()["error"], (path, response.text)
    assert server.get("/api/reports/nope").status_code == 404


def test_review_write_needs_the_token_and_changes_the_assessment(server: Server) -> None:
    claims = server.get("/api/claims", params={"site": "tartus"}).json()["items"]
    claim = claims[0]
    body = {"report_id": claim["report_id"], "span": [claim["span_start"], claim["span_end"]],
            "action": claim["action"], "verdict": "wrong"}  # fmt: skip
    assert server.post("/api/reviews", json=body).status_code == 403
    assert server.post("/api/reviews", json=body, headers={"X-Drawdown-Token": "guess"}).status_code == 403
    bad = server.post("/api/reviews", json={**body, "verdict": "maybe"}, headers={"X-Drawdown-Token": server.token})
    assert bad.status_code == 400 and "verdict" in bad.json()["error"]
    before = server.get("/api/summary").json()["version"]
    ok = server.post("/api/reviews", json=body, headers={"X-Drawdown-Token": server.token})
    assert ok.status_code == 200, ok.text
    summary = _wait_version(server, before)
    assert summary["case"]["reviews"]["rejected"] == 1  # type: ignore[index]
    after = server.get("/api/claims", params={"site": "tartus"}).json()["items"]
    assert claim["id"] not in {c["id"] for c in after}, "a rejected claim leaves the assessment and the ledger"
    assert "1 rejected and left out" in server.get("/api/brief").json()["markdown"]


def test_a_rejected_claim_can_be_restored(server: Server) -> None:
    claim = server.get("/api/claims", params={"site": "tartus"}).json()["items"][0]
    key = {"report_id": claim["report_id"], "span": [claim["span_start"], claim["span_end"]], "action": claim["action"]}
    token = {"X-Drawdown-Token": server.token}
    before = server.get("/api/summary").json()["version"]
    assert server.post("/api/reviews", json={**key, "verdict": "wrong"}, headers=token).status_code == 200
    version = _wait_version(server, before)["version"]
    rejected = server.get("/api/rejected").json()
    assert [r["id"] for r in rejected] == [claim["id"]], "the rejected claim is listed, so that it can be restored"

    def delete(**kw: object) -> int:
        return httpx.request("DELETE", server.base + "/api/reviews", timeout=30, **kw).status_code  # type: ignore[arg-type]

    assert delete(json=key) == 403, "the undo is a write: it needs the token"
    assert delete(json=key, headers={"X-Drawdown-Token": "guess"}) == 403
    assert delete(json={**key, "verdict": "wrong"}, headers=token) == 400, "only the claim's key is taken"
    assert delete(json={**key, "span": [5, 1]}, headers=token) == 400
    assert delete(json=key, headers=token) == 200
    summary = _wait_version(server, version)  # type: ignore[arg-type]
    assert summary["case"]["reviews"]["rejected"] == 0  # type: ignore[index]
    assert server.get("/api/rejected").json() == []
    after = server.get("/api/claims", params={"site": "tartus"}).json()["items"]
    assert claim["id"] in {c["id"] for c in after}, "the claim is back in the ledger and the assessment"
    assert "no claim has been checked by an analyst yet" in server.get("/api/brief").json()["markdown"]
    assert delete(json=key, headers=token) == 404, "nothing left to remove"
