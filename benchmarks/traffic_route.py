"""The peer's route, for the quickstart check and the benchmark: run with a Python that has `traffic`
(traffic 2.13 needs pandas<3, so it lives in a throwaway venv or the `bench` extra, never in drawdown's runtime).

    python benchmarks/traffic_route.py TRACKS AIRFIELD [AIRFIELD ...] > traffic-sorties.jsonl

TRACKS is a traffic-style frame (Parquet) or OpenSky state vectors (CSV/Parquet). For each aircraft, traffic
splits the track into flights at 10-minute gaps, and asks `Flight.takeoff_from(airport)` and
`Flight.landing_at(airport)`, which compare the nearest airport to the first / last point with the airfield,
keeping the answer only when that point is within 20 km of the airport (``guess_airport``'s distance). Each row
also carries ``edge_ft``, the height of that first / last point above the airport: a careful user also drops
answers whose point is too high to be on or near the runway (a track leaving coverage at cruise level over a field
has not landed there); the benchmark applies traffic's own height default for takeoff detection
(``max_ft_above_airport=5000`` in ``Flight.takeoff_from_runway``) and prints both figures.
The airports table given to traffic is airportsdata's fields that have an IATA code (scheduled-service fields),
because traffic's own airport table would be downloaded at run time. Timing goes to stderr as JSON.
"""

from __future__ import annotations

import json
import sys
import time

import airportsdata
import pandas as pd
from traffic.core import Traffic
from traffic.data.basic.airports import Airports

NEAR_M = 20_000


def frame(path: str) -> pd.DataFrame:
    df = pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)
    if "timestamp" in df.columns:
        return df
    # OpenSky state vectors -> traffic's column names and units (feet, knots, ft/min)
    return pd.DataFrame(
        {
            "timestamp": pd.to_datetime(df["time"], unit="s", utc=True),
            "icao24": df["icao24"],
            "callsign": df["callsign"].astype(str).str.strip(),
            "latitude": df["lat"],
            "longitude": df["lon"],
            "altitude": df["baroaltitude"] / 0.3048,
            "groundspeed": df["velocity"] / 0.514444,
            "vertical_rate": df["vertrate"] / 0.3048 * 60,
            "onground": df["onground"],
        }
    )


def edge_ft(seg: object, index: int, elevation_ft: float) -> float | None:
    """Height above the airport, in feet, of the segment's first (0) or last (-1) point with an altitude."""
    alt = seg.data.sort_values("timestamp")["altitude"].dropna()  # type: ignore[attr-defined]
    return None if alt.empty else round(float(alt.iloc[index]) - elevation_ft, 1)


def main() -> None:
    path, *codes = sys.argv[1:]
    db = airportsdata.load("ICAO")
    rows = [
        {"name": a["name"], "iata": a["iata"], "icao": a["icao"], "latitude": a["lat"], "longitude": a["lon"],
         "country": a["country"], "altitude": a["elevation"]}
        for a in db.values() if a["iata"] or a["icao"] in codes
    ]  # fmt: skip
    dataset = Airports(pd.DataFrame(rows))
    elevation = {code: float(db[code]["elevation"] or 0.0) for code in codes}
    df = frame(path)
    start = time.perf_counter()
    traffic = Traffic(df)
    out = []
    for flight in traffic:
        for seg in flight.split("10 min"):
            if len(seg) < 2:
                continue
            first_ap = seg.infer_airport("takeoff", dataset=dataset)
            last_ap = seg.infer_airport("landing", dataset=dataset)
            # The nearest airport is only an answer when the track starts (ends) near it: traffic leaves that
            # judgement to the user, and without it every track entering coverage "takes off" somewhere.
            first = first_ap.icao if first_ap.distance <= NEAR_M else None
            last = last_ap.icao if last_ap.distance <= NEAR_M else None
            for code in codes:
                if first == code:
                    out.append({"icao24": seg.icao24, "callsign": seg.callsign, "event": "takeoff",
                                "time": seg.start.strftime("%Y-%m-%dT%H:%M:%SZ"), "airfield": code,
                                "edge_ft": edge_ft(seg, 0, elevation[code])})  # fmt: skip
                if last == code:
                    out.append({"icao24": seg.icao24, "callsign": seg.callsign, "event": "landing",
                                "time": seg.stop.strftime("%Y-%m-%dT%H:%M:%SZ"), "airfield": code,
                                "edge_ft": edge_ft(seg, -1, elevation[code])})  # fmt: skip
    seconds = time.perf_counter() - start
    for row in out:
        print(json.dumps(row))
    print(json.dumps({"rows": len(df), "seconds": seconds, "sorties": len(out)}), file=sys.stderr)


if __name__ == "__main__":
    main()
