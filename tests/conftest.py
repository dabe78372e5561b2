from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drawdown.store import Store, open_store

TESTS = Path(__file__).parent
DATA = TESTS / "data"
NORTHLAND = DATA / "cases" / "northland-2031.toml"
SEEDS = TESTS.parent.parent / "shared" / "seeds"
SEED = SEEDS / "000_bf11b34acc15036f.txt"


@pytest.fixture
def store() -> Iterator[Store]:
    """A migrated in-memory store."""
    with open_store(memory=True) as s:
        yield s


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store path in a temporary folder, also set as DRAWDOWN_DB; the working folder is tmp_path."""
    path = tmp_path / "test.duckdb"
    monkeypatch.setenv("DRAWDOWN_DB", str(path))
    monkeypatch.chdir(tmp_path)
    return path


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the real seed report is not here ({SEED}); it lives in ../shared/seeds beside the repo")
    return SEED.read_text(encoding="utf-8")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
