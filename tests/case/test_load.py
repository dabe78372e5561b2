from __future__ import annotations

import re
from pathlib import Path

import pytest

from drawdown.case import bundled_cases, fold, load_case, validate_case
from drawdown.errors import CaseError
from tests.conftest import NORTHLAND, write

SYRIA_SITES = {
    "hmeimim", "tartus", "qamishli", "t4", "quneitra-posts", "kobani-posts", "ayn-issa-posts", "manbij-posts",
    "palmyra", "shayrat", "kuweires", "jableh-area",
}  # fmt: skip


def test_bundled_syria_case_is_valid_and_complete() -> None:
    assert "syria-2024" in bundled_cases()
    case = load_case("syria-2024")
    assert {s.id for s in case.sites} >= SYRIA_SITES
    hmeimim = case.site("hmeimim")
    assert hmeimim.icao == "OSLK"
    assert {"Khmeimim", "Humaymim"} <= set(hmeimim.aliases)
    assert "KHmeimim" in hmeimim.misspellings
    assert "Tartous" in case.site("tartus").aliases
    quneitra = case.site("quneitra-posts")
    assert quneitra.kind == "post_group"
    assert quneitra.count is not None and quneitra.count.value == 7 and quneitra.count.source
    assert {d.icao for d in case.destinations} >= {"UUMU", "HL59", "HLLB"}
    il76 = next(a for a in case.aircraft if a.name == "Il-76")
    assert il76.payload_tonnes.low == 28 and il76.payload_tonnes.high == 60
    deadline = next(p for p in case.plans if p.kind == "deadline")
    assert deadline.due is not None and deadline.due > deadline.stated
    assert {s.type for s in case.sources} >= {"official", "observer", "satellite", "flight_tracking", "media"}


def test_every_figure_in_bundled_case_has_a_source() -> None:
    case = load_case("syria-2024")
    figures = [s.count for s in case.sites] + [s.personnel for s in case.sites]
    figures += [a.payload_tonnes for a in case.aircraft] + [p.reduction_percent for p in case.plans]
    assert all(f.source.strip() for f in figures if f is not None)


def test_case_by_path_and_by_name_agree(tmp_path: Path) -> None:
    from importlib import resources

    text = (resources.files("drawdown") / "cases" / "syria-2024.toml").read_text(encoding="utf-8")
    copy = write(tmp_path / "copy.toml", text)
    assert load_case(copy).sites == load_case("syria-2024").sites


def test_invented_theatre_loads() -> None:
    case = load_case(NORTHLAND)
    assert case.id == "northland-2031"
    assert [s.id for s in case.airfields] == ["kestrel-field"]
    assert case.site("ridge-posts").count is not None


def test_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold("Tartús  Port") == fold("tartus-port") == "tartus port"


# Each broken variant of the invented case: (what to change, the key path and the words the message must carry).
BROKEN = [
    pytest.param(
        ('[[sites]]\nid = "port-ember"', '[[sites]]\nid = "port-ember"\ncolour = "red"'),
        r"sites\[0\]\.colour: unknown key",
        id="unknown-key",
    ),
    pytest.param(("lat = 62.1\nlon = -21.75\n", ""), r"sites\[1\]: missing coordinates; add lat", id="no-coords"),
    pytest.param(
        ('aliases = ["Kestrel airbase", "Kestrel"]', 'aliases = ["Kestrel airbase", "Port Ember"]'),
        r"sites\[1\] \(kestrel-field\): alias 'Port Ember' is also used by site 'port-ember'",
        id="same-alias",
    ),
    pytest.param(('icao = "XQKF"', 'icao = "xq-kf"'), r"sites\[1\]\.icao: malformed ICAO code", id="bad-icao"),
    pytest.param(("lat = 61.25", "lat = 161.25"), r"sites\[0\]\.lat: 161.25 is out of range", id="lat-range"),
    pytest.param(
        ("lon = -20.5", "lon = 200"),
        r"sites\[0\]\.lon: 200 is out of range; use a value between -180 and 180",
        id="lon-range",
    ),
    pytest.param(
        ('high = 900\nsource = "invented for the test"', "high = 900"),
        r"sites\[0\]\.baseline\.personnel: figure has no source note; add source",
        id="figure-no-source",
    ),
    pytest.param(('kind = "air_base"', 'kind = "airbase"'), r'sites\[1\]\.kind: unknown value .*"air_base"', id="kind"),
    pytest.param(('type = "media"', 'type = "newspaper"'), r"sources\[0\]\.type: unknown value", id="source-type"),
    pytest.param(
        ('type = "media"', 'type = "media"\ndirect_observation = "yes"'),
        r"sources\[0\]\.direct_observation: must be true or false, got 'yes'; write direct_observation = true",
        id="observation-flag",
    ),
    pytest.param(('scope = ["all"]', 'scope = ["nowhere"]'), r"plans\[0\]\.scope: unknown site id", id="scope"),
    pytest.param(("due = 2031-06-21", "due = 2030-06-21"), r"plans\[0\]\.due: due date .* is before", id="due"),
    pytest.param(("format = 1", "format = 2"), r"format: format 2 is not supported", id="format"),
    pytest.param(("[actor]", "[actr]"), r"actor(\.name)?: missing", id="missing-table"),
    pytest.param(("value = 100", "value = 140"), r"reduction_percent\.value: 140 is out of range", id="percent"),
    pytest.param(("low = 20\nhigh = 30", "value = 35\nlow = 20\nhigh = 30"), r"value 35 lies outside", id="in-range"),
    pytest.param(("low = 400\n", ""), r"personnel: a range needs both low and high", id="half-range"),
    pytest.param(
        ('id = "leave-by-summer"', 'id = "leave-by-summer"\nstated_precision = "year"'),
        r"plans\[0\]\.stated_precision: unknown value",
        id="precision",
    ),
]


@pytest.mark.parametrize(("change", "expected"), BROKEN)
def test_broken_case_names_file_key_and_fix(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    original = NORTHLAND.read_text(encoding="utf-8")
    assert old in original, "the test's search text must exist in the fixture"
    broken = write(tmp_path / "broken.toml", original.replace(old, new, 1))
    with pytest.raises(CaseError) as info:
        load_case(broken)
    messages = [str(p) for p in info.value.problems]
    assert any(re.search(expected, m) for m in messages), messages
    first = str(info.value)
    assert "\n" not in first
    assert first.startswith(str(broken)), "the message starts with the file name"
    assert all(";" in m for m in messages), "every problem says how to fix it"


def test_invalid_toml_reports_the_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.toml", "format = 1\n[case\n")
    problems = validate_case(bad)
    assert len(problems) == 1
    assert "not valid TOML" in str(problems[0]) and "line 2" in str(problems[0])


def test_unknown_case_name_lists_bundled_cases() -> None:
    with pytest.raises(CaseError, match="syria-2024"):
        load_case("no-such-case")


def test_all_problems_are_collected(tmp_path: Path) -> None:
    text = NORTHLAND.read_text(encoding="utf-8").replace("lat = 61.25", "lat = 99").replace('"XQKF"', '"x"')
    problems = validate_case(write(tmp_path / "two.toml", text))
    assert len(problems) == 2


def test_a_broken_site_does_not_cascade(tmp_path: Path) -> None:
    """A bad latitude on one site is one problem: references to that site and later indexes stay right."""
    text = NORTHLAND.read_text(encoding="utf-8").replace("lat = 61.8\nlon = -19.9\n", "lat = 161.8\nlon = -19.9\n", 1)
    text = text.replace('aliases = ["Kestrel airbase", "Kestrel"]', 'aliases = ["Kestrel airbase", "Port Ember"]')
    problems = [str(p) for p in validate_case(write(tmp_path / "c.toml", text))]
    assert len(problems) == 2, problems
    assert any("sites[2].lat: 161.8 is out of range" in p for p in problems)
    assert any("sites[1] (kestrel-field): alias 'Port Ember'" in p for p in problems)


def test_duplicate_plan_ids(tmp_path: Path) -> None:
    text = NORTHLAND.read_text(encoding="utf-8")
    plan = text[text.index("[[plans]]") : text.index("[[aircraft]]")]
    problems = validate_case(write(tmp_path / "d.toml", text.replace(plan, plan + plan)))
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "plans: 'leave-by-summer' appears twice; keep one entry for it"
    ]


def test_empty_sites(tmp_path: Path) -> None:
    text = NORTHLAND.read_text(encoding="utf-8")
    head, rest = text.split("[[sites]]", 1)
    text = head.replace("format = 1\n", "format = 1\nsites = []\n") + rest[rest.index("[source_types]") :]
    problems = [str(p) for p in validate_case(write(tmp_path / "e.toml", text))]
    assert any("sites: no sites; add at least one [[sites]] entry" in p for p in problems), problems
