"""Each assessment parameter carries its reason and bounds; the doc's table and the loader both follow them."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from drawdown.case import AssessParams, Figure, load_case, validate_case
from drawdown.case.paramdoc import BEGIN, END, main, parameter_table, with_table
from drawdown.case.params import param_info
from tests.conftest import NORTHLAND, write

DOC = Path(__file__).parents[2] / "docs" / "assessment.md"
REGENERATE = "run `.venv/bin/python -m drawdown.case.paramdoc` from the repository root"
NAMES = [f.name for f in fields(AssessParams)]


def test_the_doc_table_matches_the_defaults() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, f"docs/assessment.md lost its parameter table markers; {REGENERATE}"
    assert with_table(text) == text, f"docs/assessment.md's parameter table disagrees with AssessParams; {REGENERATE}"


def test_a_stale_table_is_told_apart() -> None:
    text = DOC.read_text(encoding="utf-8")
    stale = text.replace("| `half_life_days` | 14 |", "| `half_life_days` | 15 |")
    assert stale != text and with_table(stale) == text


@pytest.mark.parametrize("name", NAMES)
def test_every_parameter_says_why(name: str) -> None:
    why = param_info(name).why
    assert len(why.split()) >= 6 and why.endswith("."), why
    assert "|" not in why, "a reason is a table cell"


def test_the_table_has_a_row_per_parameter_with_default_key_and_bounds() -> None:
    lines = parameter_table().splitlines()
    assert len(lines) == 2 + len(NAMES)
    rows = {line.split(" | ")[0].removeprefix("| ").strip("`"): line.split(" | ") for line in lines[2:]}
    assert list(rows) == NAMES
    assert all(len(cells) == 4 for cells in rows.values())
    assert rows["half_life_days"][1:3] == ["14", "`half_life_days` [≥0.5]"]
    assert rows["mc_draws"][1:3] == ["4000", "`mc_draws` [100–1,000,000]"]
    assert rows["seed"][1] == "20241208"
    assert rows["reliability_weights"][1:3] == [
        "A 1.0, B 0.8, C 0.6, D 0.4, E 0.2, F 0.3",
        "`[assessment.reliability_weights]` A–F [0–1]",
    ]
    assert rows["load_factor"][1:3] == ["0.7 (0.5–0.9)", "`[assessment.load_factor]` [0–1]"]
    assert rows["load_factor"][3].startswith("Assumption: evacuation airlift"), "a figure's source note comes first"


def test_the_command_rewrites_then_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = write(tmp_path / "doc.md", f"intro\n\n{BEGIN}\n| old |\n{END}\n\nafter\n")
    assert main(["--check", str(doc)]) == 1
    assert "| old |" in doc.read_text(encoding="utf-8"), "--check changes nothing"
    assert "out of date; run python -m drawdown.case.paramdoc" in capsys.readouterr().err
    assert main([str(doc)]) == 0
    assert doc.read_text(encoding="utf-8") == f"intro\n\n{BEGIN}\n{parameter_table()}{END}\n\nafter\n"
    assert main(["--check", str(doc)]) == 0


def test_the_command_names_what_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(write(tmp_path / "doc.md", "no table here\n"))]) == 2
    assert "no parameter table markers; put" in capsys.readouterr().err
    assert main([str(tmp_path / "absent.md")]) == 2
    assert "run from the repository root" in capsys.readouterr().err


def _override(name: str, value: float) -> tuple[str, str]:
    """The [assessment] text that sets parameter ``name`` to ``value``, and the key path a problem names."""
    default = getattr(AssessParams(), name)
    if isinstance(default, Figure):
        return f'[assessment.{name}]\nvalue = {value}\nsource = "test"\n', f"assessment.{name}.value"
    if isinstance(default, dict):
        return f"[assessment.{name}]\nA = {value}\n", f"assessment.{name}.A"
    return f"[assessment]\n{name} = {value}\n", f"assessment.{name}"


BOUNDS = [
    pytest.param(name, side, id=f"{name}-{side}")
    for name in NAMES
    for side in ("lo", "hi")
    if getattr(param_info(name), side) is not None
]


@pytest.mark.parametrize(("name", "side"), BOUNDS)
def test_the_loader_enforces_the_documented_bounds(tmp_path: Path, name: str, side: str) -> None:
    bound = getattr(param_info(name), side)
    base = NORTHLAND.read_text(encoding="utf-8")
    assert "[assessment" not in base, "the fixture must leave every parameter at its default"
    at_bound, key = _override(name, bound)
    load_case(write(tmp_path / "at.toml", f"{base}\n{at_bound}"))
    beyond, _ = _override(name, bound - 0.5 if side == "lo" else bound + 0.5)
    problems = [str(p) for p in validate_case(write(tmp_path / "beyond.toml", f"{base}\n{beyond}"))]
    # A figure whose only number is rejected also says it has none left; the bound is the first problem.
    assert problems and f"{key}: " in problems[0] and "is out of range" in problems[0], problems


def test_a_case_needs_only_its_actor_sites_and_source_types(tmp_path: Path) -> None:
    # A new theatre's first case file: no plans, sources, aircraft or destinations yet.
    from drawdown.case import load_case

    case_file = tmp_path / "minimal.toml"
    case_file.write_text(
        'format = 1\n[case]\nid = "minimal"\ntitle = "A minimal case"\ntheatre = "Mali"\nstart = 2016-01-01\n'
        '[actor]\nname = "French armed forces"\nshort = "France"\ncountry = "FR"\n'
        '[source_types]\nofficial = "B"\nobserver = "C"\nsatellite = "B"\nflight_tracking = "B"\n'
        'anonymous = "E"\nmedia = "C"\n'
        '[[sites]]\nid = "gao"\nname = "Gao"\nkind = "garrison"\nlat = 16.27\nlon = -0.04\n',
        encoding="utf-8",
    )
    case = load_case(case_file)
    assert [s.id for s in case.sites] == ["gao"]
    assert not case.plans and not case.sources and not case.aircraft and not case.destinations
