from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from drawdown.flights.simulate import Simulation, simulate_scenario, write_tracks
from tests.flights.sim import syria_scenario

DATA = Path(__file__).parents[1] / "data" / "flights"


@pytest.fixture(scope="session")
def sim() -> Simulation:
    """Four days at Hmeimim: 2 transports a day, civil traffic, overflights, gaps, noise and glitches."""
    return simulate_scenario(syria_scenario(days=4, seed=11))


@pytest.fixture(scope="session")
def sim_csv(sim: Simulation, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tracks(sim, tmp_path_factory.mktemp("sim") / "tracks.csv.gz")


def matched(truth: list[tuple[str, object]], found: list[tuple[str, object]], minutes: float = 5) -> int:
    """How many (icao24, time) truths have a detection of the same aircraft within ``minutes``."""
    used: set[int] = set()
    hits = 0
    for icao, when in truth:
        for i, (f_icao, f_when) in enumerate(found):
            if i not in used and f_icao == icao and abs(f_when - when) <= timedelta(minutes=minutes):  # type: ignore[operator]
                used.add(i)
                hits += 1
                break
    return hits
