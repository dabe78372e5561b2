"""The view's lookups (claims by column, sorties by airfield, event and day) give what testing every row gives."""

from __future__ import annotations

import gc
import random
from dataclasses import replace
from typing import Any

from drawdown.web.api import claims, sorties
from drawdown.web.view import View


def _view(shuffle: bool = False) -> View:
    rng = random.Random(7)
    claim_rows = [
        {"site": rng.choice(["tartus", "t4", None]), "action": rng.choice(["convoy_departed", "remained"]),
         "actor1": "Russia", "source_type": rng.choice(["media", "official"]), "confirmation": "reported",
         "review": rng.choice(["reviewed", "unreviewed"]), "report_id": f"r{i % 9}",
         "event_date": rng.choice([None, "2024-12-10", "2024-12-20", "2025-01-05"]), "n": i}
        for i in range(400)
    ]  # fmt: skip
    sortie_rows = [
        {"airfield": rng.choice(["OSLK", "OSKL"]), "event": rng.choice(["takeoff", "landing"]),
         "time": f"2024-12-{10 + i // 40:02d}T{i % 24:02d}:00:00+00:00", "simulated": i % 3 != 0, "n": i}
        for i in range(400)
    ]  # fmt: skip
    if shuffle:
        rng.shuffle(sortie_rows)
    return View(1, {}, [], claim_rows, sortie_rows, [], {}, [], "", "")


def _claims_by_scan(view: View, args: dict[str, Any]) -> list[dict[str, Any]]:
    columns = {"site": "site", "action": "action", "review": "review", "report": "report_id"}
    return [
        c for c in view.claims
        if all(c[column] == args[name] for name, column in columns.items() if name in args)
        and ("since" not in args or (c["event_date"] or "") >= args["since"] > "")
        and ("until" not in args or "" < (c["event_date"] or "") <= args["until"])
    ]  # fmt: skip


def test_claim_filters_match_a_scan_of_every_claim() -> None:
    view = _view()
    for args in (
        {}, {"site": "tartus"}, {"site": "nowhere"}, {"site": "t4", "action": "remained", "review": "reviewed"},
        {"report": "r3", "since": "2024-12-15"}, {"until": "2024-12-20"},
        {"since": "2025-01-01", "until": "2024-12-01"},
    ):  # fmt: skip
        expected = _claims_by_scan(view, args)
        answer = claims(view, {"limit": 5000, "offset": 0, **args})
        assert answer["items"] == expected and answer["total"] == len(expected), args
    paged = claims(view, {"limit": 2, "offset": 3, "site": "tartus"})
    assert paged["items"] == _claims_by_scan(view, {"site": "tartus"})[3:5]


def test_sortie_filters_match_a_scan_whether_or_not_oldest_first() -> None:
    for view in (_view(), _view(shuffle=True)):
        for args in (
            {}, {"airfield": "OSLK"}, {"airfield": "XXXX"}, {"event": "takeoff", "since": "2024-12-12"},
            {"airfield": "OSKL", "event": "landing", "since": "2024-12-11", "until": "2024-12-13"},
            {"since": "2024-12-19", "until": "2024-12-11"}, {"until": "2024-12-10"},
        ):  # fmt: skip
            expected = [
                s for s in view.sorties
                if all(s[k] == v for k, v in args.items() if k in ("airfield", "event"))
                and args.get("since", "") <= s["time"][:10] <= args.get("until", "9999")
            ]  # fmt: skip
            answer = sorties(view, {"limit": 5000, "offset": 0, **args})
            assert answer["items"] == expected and answer["total"] == len(expected), args
            assert answer["simulated"] == sum(1 for s in expected if s["simulated"]), args
    view = _view()
    assert view.prepare().simulated_sorties == sum(1 for s in view.sorties if s["simulated"])
    assert replace(view, sorties=[]).simulated_sorties == 0


def test_the_indexes_hold_positions_not_references_to_rows() -> None:
    """Each full garbage collection walks every reference a list holds, with the GIL held: the indexes add none."""
    view = _view()
    claim, sortie = view.claims[5], view.sorties[5]
    before = len(gc.get_referrers(claim)), len(gc.get_referrers(sortie))  # the view's own lists
    view.prepare()
    assert (len(gc.get_referrers(claim)), len(gc.get_referrers(sortie))) == before
    tartus = [c["n"] for c in view.claims if c["site"] == "tartus"]
    assert [c["n"] for c in view.claims_with("site", "tartus")[2:5]] == tartus[2:5]
    assert [c["n"] for c in view.claims_with("site", "tartus")] == tartus
