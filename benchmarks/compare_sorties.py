"""Compare two sortie lists (JSONL with icao24, event, airfield, time): how many agree, and which do not.

    python benchmarks/compare_sorties.py ours.jsonl theirs.jsonl [--minutes 30] [--show 20]

The matching rule lives in ``drawdown.flights.compare``.
"""

from __future__ import annotations

import argparse

from drawdown.flights.compare import EDGE_FT, load, match, near_ground


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("ours")
    ap.add_argument("theirs")
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--max-ft", type=float, default=EDGE_FT, help="drop their rows whose edge point is higher")
    a = ap.parse_args()
    ours, theirs = load(a.ours), near_ground(load(a.theirs), a.max_ft)
    pairs, only_ours, only_theirs = match(ours, theirs, a.minutes)
    print(f"ours {len(ours)}, theirs {len(theirs)}, agree {len(pairs)} "
          f"({len(pairs) / max(len(ours), len(theirs), 1):.1%} of the larger list)")  # fmt: skip
    for label, rows in (("only ours", only_ours), ("only theirs", only_theirs)):
        print(f"{label}: {len(rows)}")
        for r in rows[: a.show]:
            extra = f" conf={r['confidence']}" if "confidence" in r else ""
            print(f"  {r['icao24']} {r['callsign']} {r['event']} {r['airfield']} {r['time']}{extra}")


if __name__ == "__main__":
    main()
