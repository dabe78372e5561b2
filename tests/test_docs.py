"""The README's commands and Python snippet run as written (STYLE: docs are tested)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from drawdown.cli import app
from drawdown.web.app import vendor_missing
from tests.conftest import write

README = Path(__file__).parent.parent / "README.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DRAWDOWN_DB", raising=False)
    write(
        tmp_path / "reports" / "a.md", "---\noutlet: Ledger\npublished: 2024-12-12\n---\nConvoys left T4 for the coast."
    )
    write(tmp_path / "notes.txt", "Observers saw Il-76 flights at Hmeimim.")
    line = '{"id": "r1", "url": "https://x.example/1", "outlet": "X", "published": "2024-12-14", '
    write(tmp_path / "reports.jsonl", line + '"text": "Russian troops left the Kobani base on Tuesday."}\n')
    return tmp_path


def test_readme_opens_with_the_two_commands() -> None:
    first = _blocks("sh")[0]
    assert first.splitlines()[0].startswith("make demo") and first.splitlines()[1].startswith("make test")


def test_readme_cli_tour_runs(workdir: Path, runner: CliRunner) -> None:
    tour = _blocks("sh")[1]
    commands = [line.split("#")[0].strip() for line in tour.splitlines()]
    commands = [c for c in commands if c.startswith("drawdown ")]
    assert len(commands) >= 6
    served = [c for c in commands if " serve" in c]
    outputs: list[tuple[str, str]] = []
    assert served, "the tour shows `drawdown serve`"
    for command in commands:
        if command in served:
            _serve_briefly(shlex.split(command)[1:], workdir)
            continue
        args = shlex.split(command.split("|")[0])[1:]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, f"{command}: {result.output}"
        outputs.append((command, result.stdout))
    said = dict(outputs)
    first, again = [out for c, out in outputs if " ingest reports/" in c and "--json" not in c][:2]
    assert "2 new report(s)" in first and "0 new report(s)" in again, (first, again)
    assert "syria-2024" in said["drawdown cases list"]
    assert "T4" in (workdir / "brief.md").read_text(encoding="utf-8")
    sites = json.loads((workdir / "sites.geojson").read_text(encoding="utf-8"))
    assert sites["type"] == "FeatureCollection" and sites["features"], "every case site, with its status"
    assert all("status" in f["properties"] for f in sites["features"])
    assert (workdir / "events.csv").read_text(encoding="utf-8").startswith("event_id_cnty,event_date,")
    assert (workdir / "report.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def _serve_briefly(args: list[str], workdir: Path) -> None:
    """Run the tour's `serve` on any free port until it answers, then stop it (it would serve forever)."""
    if vendor_missing():
        pytest.skip("serve needs the dashboard's web assets (`make web-assets`)")
    if "--port" in args:
        args[args.index("--port") + 1] = "0"
    process = subprocess.Popen([sys.executable, "-m", "drawdown", *args], cwd=workdir, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("Dashboard: http://127.0.0.1:"), first + (
            process.stderr.read() if process.stderr else ""
        )
        base = first.split(" ", 1)[1].split("/?token=")[0]
        assert httpx.get(base + "/api/summary", timeout=30).json()["case"]["id"] == "syria-2024"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_readme_python_snippet_runs(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (snippet,) = _blocks("python")
    exec(compile(snippet, "README.md", "exec"), {})  # the README is ours, not untrusted input
    out = capsys.readouterr().out
    assert "1 report(s) stored" in out, out[:300]
    claims = int(out.split("report(s) stored, ", 1)[1].split(" claim", 1)[0])
    assert claims >= 1, "the snippet extracts the report's convoy claim"
    assert "Syria" in out and "T4" in out, "the brief names the case and the site the report is about"
    assert f"{claims} extracted claim" in out, "the brief counts the claims the snippet extracted"
