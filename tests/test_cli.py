from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from drawdown.cli import app
from drawdown.cli.common import guarded, state
from tests.conftest import NORTHLAND, write


def _reports(folder: Path) -> Path:
    write(folder / "a.txt", "Convoy leaves Kestrel Field\n\nA convoy left Kestrel Field on Monday, witnesses said.")
    record = {"url": "https://n.example/1", "outlet": "Northland Herald", "published": "2031-03-12",
              "text": "Ships left Port Ember."}  # fmt: skip
    write(folder / "sub" / "b.jsonl", json.dumps(record) + "\n")
    return folder


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("drawdown ")


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    commands = [
        ["init"],
        ["cases", "validate"],
        ["cases", "list"],
        ["ingest"],
        ["brief"],
        ["demo"],
        ["assess"],
        ["extract"],
        ["watch"],
        ["export"],
        ["serve"],
        ["report"],
        ["review", "export"],
        ["review", "import"],
        ["origins"],
        ["flights", "sorties"],
        ["flights", "ingest"],
        ["flights", "simulate"],
        ["flights", "fetch"],
    ]
    for command in commands:
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, command
        assert "Example: drawdown" in result.stdout, command


def test_init_creates_the_store_and_records_the_case(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["init", "--case", "syria-2024", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["case"] == "syria-2024" and payload["schema_version"] >= 2 and db.exists()
    again = runner.invoke(app, ["init"])
    assert again.exit_code == 0 and "case syria-2024" in again.stdout


def test_db_flag_beats_environment(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    assert runner.invoke(app, ["--db", str(other), "init"]).exit_code == 0
    assert other.exists() and not db.exists()


def test_cases_validate_bundled_and_paths(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["cases", "validate"])
    assert result.exit_code == 0 and "ok: syria-2024" in result.stdout
    assert runner.invoke(app, ["cases", "validate", str(NORTHLAND)]).exit_code == 0
    broken = write(tmp_path / "bad.toml", NORTHLAND.read_text().replace('icao = "XQKF"', 'icao = "K"'))
    result = runner.invoke(app, ["cases", "validate", str(broken)])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "sites[1].icao: malformed ICAO code 'K'" in lines[0] and "OSLK" in lines[0]
    listed = json.loads(runner.invoke(app, ["cases", "validate", str(broken), "--json"]).stdout)
    assert listed[0]["ok"] is False


def test_cases_list(runner: CliRunner) -> None:
    result = runner.invoke(app, ["cases", "list", "--json"])
    assert result.exit_code == 0
    assert any(c["id"] == "syria-2024" for c in json.loads(result.stdout))


def test_ingest_twice_adds_nothing_the_second_time(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    folder = _reports(tmp_path / "in")
    first = runner.invoke(app, ["ingest", str(folder), "--case", str(NORTHLAND), "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["added"] == 2
    second = runner.invoke(app, ["ingest", str(folder)])
    assert second.exit_code == 0
    assert "0 new report(s), 2 already stored, 0 failed; 2 in the store." in second.stdout


def test_ingest_failures_exit_1_and_keep_the_rest(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    folder = _reports(tmp_path / "in")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\x00")
    result = runner.invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 1
    assert "broken.txt: looks binary" in result.stderr
    assert "2 new report(s)" in result.stdout


def test_ingest_metadata_flags(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "note.txt", "Observers saw trucks at Port Ember.")
    args = ["ingest", str(path), "--outlet", "Field notes", "--published", "2031-03-20", "--url", "https://f.example/1"]
    assert runner.invoke(app, args).exit_code == 0
    brief = runner.invoke(app, ["brief", "--case", str(NORTHLAND)])
    assert "[Field notes, 2031-03-20](https://f.example/1)" in brief.stdout
    bad = runner.invoke(app, ["ingest", str(path), "--published", "someday"])
    assert bad.exit_code == 2 and "--published: 'someday' is not an ISO 8601 date" in bad.stderr


def test_ingest_warns_about_an_empty_jsonl(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    empty = write(tmp_path / "export.jsonl", "\n\n")
    result = runner.invoke(app, ["ingest", str(empty)])
    assert result.exit_code == 1 and "export.jsonl: no reports: the file is empty" in result.stderr


def test_ingest_rejects_unknown_format(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 2 and "unknown format 'pdf'" in result.stderr


def test_brief_uses_the_store_case_and_writes_a_file(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["ingest", str(_reports(tmp_path / "in")), "--case", str(NORTHLAND)])
    out_file = tmp_path / "brief.md"
    result = runner.invoke(app, ["brief", "--as-of", "2031-03-31", "--out", str(out_file)])
    assert result.exit_code == 0, result.output
    assert "Brief as of **2031-03-31**" in result.stdout
    assert out_file.read_text(encoding="utf-8") == result.stdout
    payload = json.loads(runner.invoke(app, ["brief", "--json"]).stdout)
    assert payload["markdown"].startswith("# Valdorian withdrawal")


def test_brief_errors_are_one_line(runner: CliRunner, db: Path) -> None:
    no_case = runner.invoke(app, ["brief"])
    assert no_case.exit_code == 3
    assert no_case.stderr.strip() == "error: --case: no case given; pass --case syria-2024 (or a path to a case file)"
    bad_date = runner.invoke(app, ["brief", "--case", "syria-2024", "--as-of", "31/12/2024"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_verbose_shows_the_traceback(runner: CliRunner, db: Path) -> None:
    quiet = runner.invoke(app, ["brief", "--case", "nope"])
    loud = runner.invoke(app, ["-v", "brief", "--case", "nope"])
    assert quiet.exit_code == loud.exit_code == 3
    assert "Traceback" not in quiet.stderr and "Traceback" in loud.stderr


def test_store_errors_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    bogus = write(tmp_path / "x.duckdb", "not a database")
    result = runner.invoke(app, ["--db", str(bogus), "init"])
    assert result.exit_code == 5
    assert len(result.stderr.strip().splitlines()) == 1 and "x.duckdb" in result.stderr


def test_demo_writes_store_and_brief(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    brief = (tmp_path / "demo-out" / "brief.md").read_text(encoding="utf-8")
    assert result.stdout == brief
    assert "Brief written to demo-out/brief.md" in result.stderr
    assert "14 reports from 13 independent origins (1 copy)" in brief
    # The six questions, answered with citations; the seed's claims are checked against the demo's sorties.
    for heading in ("## 1. Scale", "## 2. Status", "## 3. What is confirmed", "## 4. Which public claims",
                    "## 5. How other actors", "## 6. What to watch"):  # fmt: skip
        assert heading in brief
    check = brief.split("**10% reduction**")[1].split("\n- **")[0]
    assert re.search(r": (consistent|overstated|understated)\.", check), check
    assert "outbound takeoffs =" in check and "by air" in check and "baseline 9,000–60,000 t" in check
    assert re.search(r"`s-[0-9a-f]{12}`", check), "the sorties behind the arithmetic are cited"
    assert "**2 flights a day**" in brief
    again = runner.invoke(app, ["demo", "--json"])  # a second run starts from a fresh store
    assert json.loads(again.stdout)["added"] == 14


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "drawdown", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "Exit codes" in done.stdout


def test_assess_stores_deterministic_snapshots(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["ingest", str(_reports(tmp_path / "in")), "--case", str(NORTHLAND)])
    first = runner.invoke(app, ["assess", "--as-of", "2031-03-12", "--json"])
    assert first.exit_code == 0, first.output
    payload = json.loads(first.stdout)
    assert payload["as_of"] == "2031-03-12" and {s["site"] for s in payload["sites"]} >= {"port-ember"}
    assert runner.invoke(app, ["assess", "--as-of", "2031-03-12", "--json"]).stdout == first.stdout
    assert runner.invoke(app, ["assess", "--as-of", "2031-03-20"]).exit_code == 0
    from drawdown.store import open_store

    with open_store(db) as store:
        rows = store.query("SELECT as_of FROM assessments ORDER BY as_of")
    assert [str(r["as_of"]) for r in rows] == ["2031-03-12", "2031-03-20"], "one snapshot per date: a timeline"


def test_every_command_takes_json() -> None:
    """Each command, down to the subcommands, has --json (the README promises it)."""
    import typer.main

    root = typer.main.get_command(app)

    def leaves(command: Any, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
        if hasattr(command, "commands"):  # a group: typer vendors its own click, so no isinstance here
            return [leaf for name, sub in command.commands.items() for leaf in leaves(sub, (*path, name))]
        return [(path, command)]

    commands = leaves(root, ())
    assert len(commands) >= 19, [" ".join(path) for path, _ in commands]
    lacking = [" ".join(path) for path, command in commands
               if not any("--json" in getattr(p, "opts", ()) for p in command.params)]  # fmt: skip
    assert not lacking, f"commands without --json: {lacking}"


def test_a_signal_is_named_whatever_exception_it_arrives_as(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # SIGTERM landing inside a codec comes back as a KeyboardInterrupt whose text is the codec's, not the signal's
    def decoding() -> None:
        raise KeyboardInterrupt("decoding with 'utf-8-sig' codec failed (KeyboardInterrupt: SIGTERM)")

    def ctrl_c() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(state, "signal", "SIGTERM")
    with pytest.raises(typer.Exit) as stopped:
        guarded(decoding)()
    assert stopped.value.exit_code == 130
    monkeypatch.setattr(state, "signal", "")
    with pytest.raises(typer.Exit):
        guarded(ctrl_c)()
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("interrupted by SIGTERM;") and "codec" not in lines[0]
    assert lines[1].startswith("interrupted;")
