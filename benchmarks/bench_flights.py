"""Sortie detection throughput: drawdown's Ibis stage on DuckDB against the route a user would otherwise take
with `traffic` (Traffic -> flights -> takeoff/landing at the airfield), in the same run.

    python benchmarks/bench_flights.py [--rows 5000000] [--subset-days 2] [--traffic-python PATH]

1. Simulates N OpenSky state vectors (default 5 million) with transport and civil sorties at three airfields
   (Hmeimim OSLK, Qamishli OSKL, Palmyra OSPR) and background overflights, and writes them to Parquet.
2. Times `drawdown flights sorties` on all of them (DuckDB), in a child process so that its peak memory
   (VmHWM) is its own, and prints rows/s: the best of --repeat runs (default 3), each in a fresh process.
3. On a subset (the first --subset-days days), times traffic's route with the Python that has traffic
   (traffic 2.13 needs pandas<3, so it is a separate venv: --traffic-python or $TRAFFIC_PYTHON) and ours, prints
   the speed ratio, and the agreement of the two sortie lists (same aircraft, event and field, times within
   30 minutes: traffic dates a departure by the track's first point, i.e. the start of the taxi). traffic's
   answer counts when the track's first / last point is within 20 km of the field and at most 5,000 ft above it
   (its own default height in ``takeoff_from_runway``); the agreement without the height rule is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
FIELDS = ("OSLK", "OSKL", "OSPR")

CHILD = """
import json, resource, sys, time
from drawdown.flights.airfields import resolve_airfield
from drawdown.flights.sorties import detect_sorties
path, out = sys.argv[1], sys.argv[2]
fields = [resolve_airfield(c) for c in {fields!r}]
t = time.perf_counter()
res = detect_sorties(path, fields)
seconds = time.perf_counter() - t
with open(out, "w") as h:
    for s in res.sorties:
        row = {{"icao24": s.icao24, "callsign": s.callsign, "event": s.event, "airfield": s.airfield,
               "time": s.time.strftime("%Y-%m-%dT%H:%M:%SZ"), "confidence": s.confidence}}
        h.write(json.dumps(row) + "\\n")
# VmHWM is this process's own peak: ru_maxrss carries the parent's peak across fork+exec on Linux.
try:
    hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM")][0]
    peak = int(hwm.split()[1]) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "sorties": len(res.sorties), "peak_mb": peak, "cleaning": res.cleaning}}))
"""


def simulate(rows: int, folder: Path, subset_days: int) -> tuple[Path, Path, int, int, list[dict[str, Any]]]:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from drawdown.case import load_case
    from drawdown.flights.airfields import resolve_airfield
    from drawdown.flights.simulate import scenario_for_case, simulate_scenario

    fields = tuple(resolve_airfield(c) for c in FIELDS)
    days = 30
    case = load_case("syria-2024")
    probe = simulate_scenario(
        scenario_for_case(case, fields, days=1, flights_per_day=4, civil_per_day=10, overflights_per_day=0)
    )
    per_overflight = 500_000 / 240 / 10  # points per overflight at 10 s sampling (see simulate.overflight)
    need = max(rows - probe.table.num_rows * days, 0)
    over = int(need / per_overflight / days / len(fields))
    scenario = scenario_for_case(
        case, fields, days=days, flights_per_day=4, civil_per_day=10, overflights_per_day=over, seed=1
    )
    sim = simulate_scenario(scenario)
    full = folder / "bench.parquet"
    pq.write_table(sim.table, full, row_group_size=1_000_000)
    cut = int(scenario.start.timestamp()) + subset_days * 86400
    sub_table = sim.table.filter(pc.less(sim.table["time"], cut))
    subset = folder / "subset.parquet"
    pq.write_table(sub_table, subset)
    # The simulator's true takeoffs and landings at the watched fields within the subset.
    truth = [
        {"icao24": e.icao24, "event": e.event, "airfield": e.airfield, "_t": e.time}
        for e in sim.truth
        if e.airfield in FIELDS and e.time.timestamp() < cut
    ]
    del sim
    return full, subset, pq.read_metadata(full).num_rows, sub_table.num_rows, truth


def ours(path: Path, out: Path, repeat: int = 1) -> dict[str, Any]:
    """The best of ``repeat`` runs, each in a fresh child process (so each pays Ibis's first compile, as a user's
    run does); ``runs`` lists every run's seconds. On a shared machine the best run is the least disturbed."""
    code = CHILD.format(fields=FIELDS)
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", code, str(path), str(out)], check=True, capture_output=True,
                              text=True)  # fmt: skip
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    best: dict[str, Any] = min(runs, key=lambda r: r["seconds"])
    best["runs"] = [r["seconds"] for r in runs]
    best["peak_mb"] = max(r["peak_mb"] for r in runs)
    return best


def theirs(python: str, path: Path, out: Path) -> dict[str, float] | None:
    if not python or not Path(python).exists():
        return None
    with out.open("w") as handle:
        done = subprocess.run([python, str(HERE / "traffic_route.py"), str(path), *FIELDS], stdout=handle,
                              stderr=subprocess.PIPE, text=True, check=True)  # fmt: skip
    return json.loads(done.stderr.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--subset-days", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3, help="runs of drawdown (fresh processes); the best is reported")
    ap.add_argument("--traffic-python", default=os.environ.get("TRAFFIC_PYTHON", "/tmp/traffic-venv/bin/python"))
    a = ap.parse_args()
    sys.path.insert(0, str(HERE.parent))
    from drawdown.flights.compare import EDGE_FT, agreement, load, match, near_ground

    def against_truth(found: list[dict[str, Any]], truth: list[dict[str, Any]], minutes: float) -> str:
        pairs, _, _ = match(found, truth, minutes)
        return f"precision {len(pairs) / max(len(found), 1):.3f}, recall {len(pairs) / max(len(truth), 1):.3f}"

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        full, subset, n, n_sub, truth = simulate(a.rows, folder, a.subset_days)
        print(f"simulated {n:,} state vectors ({subset.stat().st_size >> 20} MiB subset of {n_sub:,}) in "
              f"{time.perf_counter() - t:.1f} s")  # fmt: skip
        big = ours(full, folder / "ours-full.jsonl", a.repeat)
        runs = ", ".join(f"{s:.2f}" for s in big["runs"])
        print(f"drawdown (DuckDB), {n:,} rows: {big['seconds']:.2f} s = {n / big['seconds']:,.0f} rows/s "
              f"(best of {runs} s), {big['sorties']} sorties, peak RSS {big['peak_mb']:.0f} MB")  # fmt: skip
        small = ours(subset, folder / "ours-sub.jsonl", a.repeat)
        print(f"drawdown (DuckDB), subset {n_sub:,} rows: {small['seconds']:.2f} s = "
              f"{n_sub / small['seconds']:,.0f} rows/s")  # fmt: skip
        peer = theirs(a.traffic_python, subset, folder / "traffic-sub.jsonl")
        if peer is None:
            print(f"traffic: not run (no Python with traffic at {a.traffic_python!r}; see docs/sorties.md)")
            return
        print(f"traffic 2.13, subset {n_sub:,} rows: {peer['seconds']:.2f} s = {n_sub / peer['seconds']:,.0f} rows/s")
        mine, bare = load(folder / "ours-sub.jsonl"), load(folder / "traffic-sub.jsonl")
        careful = near_ground(bare)
        worst = max(small["runs"])
        print(f"speed ratio (traffic's one run / drawdown, subset): {peer['seconds'] / small['seconds']:.1f}x "
              f"against drawdown's best run, {peer['seconds'] / worst:.1f}x against its slowest")  # fmt: skip
        print(f"agreement on the subset: {agreement(mine, careful):.1%} ({len(mine)} ours, {len(careful)} traffic "
              f"with its first/last point at most {EDGE_FT:,.0f} ft above the field)")  # fmt: skip
        print(
            f"  without the height rule: {agreement(mine, bare):.1%} ({len(bare)} traffic: tracks that leave "
            "coverage at cruise level within 20 km of a field count as landings there; traffic against the "
            f"truth: {against_truth(bare, truth, 30)})"
        )
        print(f"against the simulator's {len(truth)} true events on the subset: drawdown "
              f"{against_truth(mine, truth, 5)} (within 5 min); traffic {against_truth(careful, truth, 30)} "
              "(within 30 min: it dates a departure by the track's first point)")  # fmt: skip
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
