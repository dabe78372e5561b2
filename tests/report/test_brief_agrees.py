"""A brief that agrees with itself: the status table, "what to watch next" and the appendix read the same
evidence; simulated sorties are labelled wherever they appear."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from typer.testing import CliRunner

from drawdown.assess import assess
from drawdown.cli import app
from drawdown.model import Mention
from drawdown.report.brief import render_brief
from drawdown.report.snapshot import to_json
from tests.assess.builder import World

AS_OF = date(2031, 3, 14)


def _section(text: str, title: str) -> str:
    start = text.index(title)
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def test_a_site_named_without_a_claim_is_shown_as_such_everywhere() -> None:
    world = World()
    world.report("r1", date(2031, 3, 12), outlet="Other Paper")
    world.claim("r1", "port-ember", "other", event_date=date(2031, 3, 12))
    evidence = replace(world.evidence(), mentions=(Mention("r1", "kestrel-field"), Mention("r1", "port-ember")))
    text = render_brief(assess(evidence, AS_OF, with_timeline=False))
    table, watch = _section(text, "## 2."), _section(text, "## 6.")
    kestrel = next(line for line in table.splitlines() if line.startswith("| Kestrel Field"))
    assert "named, no claim read" in kestrel and "Other Paper, 2031-03-12" in kestrel
    assert "Kestrel Field: named in 1 report, no claim read" in watch
    port = next(line for line in table.splitlines() if line.startswith("| Port Ember"))
    assert "claims read, none says whether the site is held" in port and "Other Paper" in port
    assert "Port Ember naval station: no evidence at all" not in watch
    assert "Ridge posts: no evidence at all" in watch, "a site nobody names has none"
    assert "**Kestrel Field**" in _section(text, "## Appendix"), "the appendix lists the same report"


def test_simulated_sorties_are_labelled_wherever_they_are_cited() -> None:
    world = World()
    world.takeoffs("XQKF", datetime(2031, 3, 12, 6, tzinfo=UTC), per_day=2, days=2)
    evidence = replace(world.evidence(), simulated=frozenset(s.id for s in world.sorties))
    result = assess(evidence, AS_OF, with_timeline=False)
    assert to_json(result)["simulated_sorties"] == sorted(s.id for s in world.sorties), "the snapshot says so too"
    text = render_brief(result)
    assert "**Simulated flight data.** 4 sorties of 4" in text
    cited = [line for line in text.splitlines() if "`s-" in line and not line.startswith("Brief as of")]
    assert cited and all("simulated ADS-B" in line for line in cited)
    real = render_brief(assess(world.evidence(), AS_OF, with_timeline=False))
    assert "simulated" not in real.lower()


def test_the_demo_settles_states_and_says_its_flights_are_simulated(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "demo" / "brief.md").read_text(encoding="utf-8")
    assert "**Simulated flight data.**" in text
    assert "| withdrawn since " in text or " withdrawn since " in text
    # No ADS-B after 2024-12-16: the pace of the brief's last week is untestable, not zero, and projects nothing.
    pace = "no ADS-B coverage from 2025-02-06 to 2025-02-12"
    assert f"- Pace over the last 7 days: untestable: {pace}." in text
    assert f"- Projected completion: unknown (not projected: {pace})." in text
    assert "0.0 t/day" not in text and "ADS-B sorties to" not in text
    # One last-evidence date per site, in the table and in "what to watch next" alike.
    table = {row.split(" | ")[0].removeprefix("| ").split(" (")[0]: row.split(" | ")[3]
             for row in _section(text, "## 2.").splitlines()[4:] if row.startswith("| ")}  # fmt: skip
    stale = re.findall(r"^- (.+?): stale, last evidence (\S+) ", _section(text, "## 6."), re.M)
    assert stale and all(table[name] == day for name, day in stale), (table, stale)


def test_last_evidence_is_one_date_and_a_due_date_is_not_evidence() -> None:
    world = World()
    world.report("r1", date(2031, 3, 1))
    world.claim("r1", "kestrel-field", "withdrawal_started", event_date=date(2031, 3, 1))
    world.report("r2", date(2031, 3, 2))  # a plan told on the 2nd, due on the 10th
    world.claim("r2", "kestrel-field", "withdrawal_complete", modality="planned", event_date=date(2031, 3, 10),
                due_date=date(2031, 3, 10))  # fmt: skip
    as_of = date(2031, 3, 31)
    result = assess(world.evidence(), as_of, with_timeline=False)
    assert result.site("kestrel-field").last_evidence == date(2031, 3, 2)
    text = render_brief(result)
    row = next(line for line in _section(text, "## 2.").splitlines() if line.startswith("| Kestrel Field"))
    assert row.split(" | ")[3] == "2031-03-02"
    assert "- Kestrel Field: stale, last evidence 2031-03-02 (29 days ago)." in _section(text, "## 6.")
    assert "2031-03-10" not in _section(text, "## 2.") + _section(text, "## 6.")
    # A later report that only names the site is evidence too, for the table, the watch list and the snapshot.
    world.report("r3", date(2031, 3, 5))
    later = assess(replace(world.evidence(), mentions=(Mention("r3", "kestrel-field"),)), as_of, with_timeline=False)
    text = render_brief(later)
    row = next(line for line in _section(text, "## 2.").splitlines() if line.startswith("| Kestrel Field"))
    assert row.split(" | ")[3] == "2031-03-05"
    assert "- Kestrel Field: stale, last evidence 2031-03-05 (26 days ago)." in _section(text, "## 6.")
    sites = to_json(later)["sites"]
    assert next(s for s in sites if s["site"] == "kestrel-field")["last_evidence"] == "2031-03-05"
