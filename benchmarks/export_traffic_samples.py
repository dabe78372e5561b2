"""Export the real ADS-B samples that traffic's wheel ships to traffic-style Parquet frames, for the sortie gate.

    python benchmarks/export_traffic_samples.py OUTDIR

Run with a Python that has `traffic` (a throwaway venv: traffic 2.13 needs pandas<3; see docs/sorties.md). It
writes one file per sample, ``OUTDIR/<folder>__<name>.parquet``, in the columns that drawdown's traffic reader
takes (timestamp, icao24, callsign, latitude, longitude, altitude, groundspeed, track, vertical_rate,
onground). The Paris quickstart, the Swiss collection and the Zurich ground sample are skipped on purpose:
they are the independent check, never developed on.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import traffic.data.samples as samples
from traffic.core import Flight, Traffic

HELD_OUT = {"collections/quickstart", "collections/switzerland", "onground/zurich_airport"}
COLUMNS = ("timestamp", "icao24", "callsign", "latitude", "longitude", "altitude", "groundspeed", "track",
           "vertical_rate", "onground")  # fmt: skip


def frames(root: Path) -> dict[str, pd.DataFrame]:
    out: dict[str, pd.DataFrame] = {}
    for path in sorted(root.glob("*/*.json*")):
        folder, name = path.parent.name, path.name.split(".json")[0]
        if f"{folder}/{name}" in HELD_OUT:
            continue
        try:
            if folder == "fr24":
                data = Flight.from_fr24(path).data
            else:
                data = Traffic.from_file(path, dtype={"icao24": str}).data
        except Exception as exc:  # a sample that is not a track (airspaces, a raw decoder dump)
            print(f"skip {folder}/{name}: {type(exc).__name__}", file=sys.stderr)
            continue
        if not {"timestamp", "latitude", "longitude", "icao24"} <= set(data.columns):
            print(f"skip {folder}/{name}: not a track", file=sys.stderr)
            continue
        out[f"{folder}__{name}"] = data
    return out


def main() -> None:
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for key, data in frames(Path(samples.__file__).parent).items():
        df = pd.DataFrame({c: data[c] for c in COLUMNS if c in data.columns})
        df["icao24"] = df["icao24"].astype(str).str.lower()
        df["timestamp"] = pd.to_datetime(df["timestamp"], utc=True).dt.floor("s")
        df.sort_values("timestamp").to_parquet(target / f"{key}.parquet", index=False)
        print(f"{key}: {len(df)} rows, {df.icao24.nunique()} aircraft", file=sys.stderr)


if __name__ == "__main__":
    main()
